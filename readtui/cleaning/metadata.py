"""Date lines and bylines: short blocks that carry an article's metadata rather than its text."""

import re

from readtui.cleaning.textstats import words

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
DATE = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH},?(?:\s+{_YEAR})?"
    rf"|{_YEAR}-\d\d-\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.](?:{_YEAR}|\d\d))\b",
    re.IGNORECASE,
)
# Every date and time has a digit: a text without one is not searched for them.
_DIGIT = re.compile(r"\d")
TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE)
READING_TIME = re.compile(r"\b\d+\s*(?:min|minute)s?\s+read\b", re.IGNORECASE)
# Words that may stand around a date in a date line without making it a sentence.
_DATE_LINE_WORDS = re.compile(
    r"^(?:published|updated|posted|modified|last|first|on|at|date|created|am|pm|a|m|p|gmt|utc"
    r"|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|pt|et|ist|aest|ct|mt|local|time|mon(?:day)?"
    r"|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|today|yesterday|hours?|minutes?|ago|and|of|h|hrs|uhr)$",  # "21:48 h."
    re.IGNORECASE,
)
_ZONE = r"(?:\s*(?:[A-Z]{2,4}|[ap]\.?m\.?))?"
_CLOCK = rf"(?:{TIME.pattern}){_ZONE}"
# A date with the time next to it, before ("16:05 GMT, 26 November 2026") or after it.
DATE_AND_TIME = re.compile(
    rf"(?:{_CLOCK}[,\s]+)?(?:{DATE.pattern})(?:[,\s]+(?:at\s+)?{_CLOCK})?", re.IGNORECASE
)
_CLOCK_TIME = re.compile(rf"(?i:{TIME.pattern})\.?(?:\s+[A-Z]{{2,4}})?")  # a zone in capitals
_PUBLICATION_LABEL = re.compile(
    r"(?:first |last )?(?:published|updated|posted|modified|created)\b", re.IGNORECASE
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b"
# Where the names of a byline stop: a date, a weekday, a time, "on"/"at", a separator.
_BYLINE_END = re.compile(
    rf"{DATE.pattern}|\b{_WEEKDAY}|{TIME.pattern}|\s(?:on|at)\s|\s[|·•—–-]\s", re.IGNORECASE
)

BYLINE = re.compile(
    r"^(?:by|written by|posted by|words by|words|author|authors|reporter|reported by)\s*:?\s+"
    r"(?=(?-i:[A-Z@]))",
    re.IGNORECASE,
)
_BYLINE_MAX_WORDS = 16
_WITH_AGENCIES = re.compile(
    r"(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}),? (?:with|and|\+) (?:material|reporting|input)?"
    r"\s*(?:from )?(?:the )?(?:news )?(?:agencies|wires|afp|ap|reuters|dpa)\.?$"
    # a desk's: "Ledger staff and agencies", "Staff and agencies"
    r"|(?:(?-i:[A-Z])[\w'’-]+ )?(?:staff|reporters|correspondents)(?: and (?:agencies|wires))?$",
    re.IGNORECASE,
)
# Lower-case words that may stand among names: "Ana Ruiz and Tom Bell", "Ludwig van Beethoven".
_NAME_LINKS = frozenset("and of the de van von der den la le du da di in for at".split())
_MAX_LOWER_SHARE = 0.2


def is_date_line(text: str) -> bool:
    """A block that is a date (with time and labels like 'Updated'), not a sentence about one."""
    if not _DIGIT.search(text) or not DATE.search(text):
        return False
    # a time with its zone in capitals ("09:12 EAT"): zones are too many to list
    rest = READING_TIME.sub(" ", _CLOCK_TIME.sub(" ", DATE.sub(" ", text)))
    leftover = [
        word for word in words(rest) if not (word.isdigit() or _DATE_LINE_WORDS.match(word))
    ]
    if len(leftover) <= 1:
        return True
    # the byline and the place in the same line: "Ramesh Tiwari | Khandwari | Updated: Nov 19"
    parts = [part.strip() for part in _SEPARATOR.split(text)]
    return len(parts) > 1 and all(
        is_date_line(part) if _DIGIT.search(part) else _is_label(part) for part in parts
    )


_SEPARATOR = re.compile(r"\s[|·•]\s")
_LABEL_MAX_WORDS = 4


def _is_label(text: str) -> bool:
    """A name or a place: a few words, each capitalised."""
    found = words(text)
    return 0 < len(found) <= _LABEL_MAX_WORDS and all(word[:1].isupper() for word in found)


def is_time_stamp(text: str) -> bool:
    """A live blog's time stamp: "16:05 GMT", "9.30am"."""
    if not _DIGIT.search(text):
        return False
    rest = _CLOCK_TIME.sub(" ", text, count=1)  # with its zone, listed or not: "18.58 KLT"
    return rest != text and all(_DATE_LINE_WORDS.match(word) for word in words(rest))


def is_clock_time(text: str) -> bool:
    """A time of day and nothing else but its zone ("18:40 GMT", "9.30am", "07:05"): how a live
    blog heads each entry. A label ("Updated 17:40") or a date makes it a publication line; a
    bare "12.50" may be a price or a score, so a time with a dot needs its zone or am/pm."""
    text = text.strip()
    return _CLOCK_TIME.fullmatch(text) is not None and (":" in text or not text[-1].isdigit())


def is_publication_time(text: str) -> bool:
    """When the article (or a live blog's entry) was published or updated, as a time without
    a date: "Updated 17:40", "Posted at 9.30am"."""
    return _PUBLICATION_LABEL.match(text.strip()) is not None and is_time_stamp(text)


def date_of(text: str) -> str:
    """The date (and time) a date line states, without labels or a reading time."""
    match = DATE_AND_TIME.search(text)
    return match.group(0).strip(" ,") if match else text.strip()


def is_byline(text: str) -> bool:
    """ "By" and names (capitalised words), not a sentence such as "By Tuesday, the toll ...";
    or names with the agencies: "Sabine Walcher, with material from agencies"."""
    if _WITH_AGENCIES.match(text.strip()):
        return True
    if not BYLINE.match(text.strip()) or len(words(text)) > _BYLINE_MAX_WORDS:
        return False
    name_words = [word for word in words(byline_of(text)) if word.lower() not in _NAME_LINKS]
    lower = sum(word[0].islower() for word in name_words)
    return bool(name_words) and lower <= _MAX_LOWER_SHARE * len(name_words)


def byline_of(text: str) -> str:
    """The names of a byline, without 'By' and without a date or time after them."""
    names = BYLINE.sub("", text.strip(), count=1)
    end = _BYLINE_END.search(names)
    if end:
        names = names[: end.start()]
    return names.strip(" ,|·•—–-")
