"""Read a casualty figure: how many, at least or at most, of whom, and what happened to them.

`parse_casualty("killing at least 12 people")` gives `{"count_min": 12, "kind": "killed"}`. It
fills the attributes of a casualty figure tagged by hand (the user confirms them with `e`), and
the suggestions use it too. It reads only what the text says; anything unclear is left unset.

- A plain number is `count`: digits (`1,200`), words (`fourteen`, `twenty-one`, `a dozen`).
- Floors and ceilings: `at least`, `more than`, `over` give `count_min` (`more than 40` is
  41: more than); `up to`, `at most`, `nearly`, `almost` give `count_max` (`fewer than 10` is 9).
- Ranges: `between 10 and 15`, `10 to 15`, `10-15` give both.
- Vague counts give a floor: `dozens` 24, `scores` 40, `hundreds` 200, `thousands` 2000.
- `kind`: killed, injured, missing or captured, from the word that says it (`dead`, `wounded`,
  `unaccounted for`, `abducted`...).
- `group`: who, when the words after the number say it (`civilians`, `security officials`),
  not a word as empty as `people`.
- Years (`in 2019`) and ages (`aged 45`) are not counts.
"""

import re

from readtui.config import TagDef

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
_KINDS = {
    "killed": r"kill\w*|dead|died|dies|death\w*|lives|bod(?:y|ies)|fatalit\w*|perish\w*|slain",
    "injured": r"wound\w*|injur\w*|hurt|maimed|hospitali[sz]ed",
    "missing": r"missing|unaccounted|disappeared",
    "captured": r"captur\w*|kidnap\w*|abduct\w*|hostages?|taken prisoner|seized",
}
_KIND = re.compile("|".join(f"(?P<{kind}>\\b(?:{words})\\b)" for kind, words in _KINDS.items()))
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?)?)+)"
_FLOOR = r"at\s+least|more\s+than|over|no\s+fewer\s+than|upwards\s+of|in\s+excess\s+of"
_CEILING = r"up\s+to|at\s+most|nearly|almost|as\s+many\s+as|fewer\s+than|less\s+than|under"
_FIGURE = re.compile(
    rf"""\b(?:between\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})
       | (?P<from>\d+)\s*(?:-|–|to)\s*(?P<to>\d+)
       | (?:(?P<floor>{_FLOOR})|(?P<ceiling>{_CEILING}))?\s*(?P<count>{_NUMBER})
       | (?P<vague>{"|".join(_VAGUE)})
       )\b""",
    re.VERBOSE | re.IGNORECASE,
)
_PLURAL = r"[a-z][\w-]*s|children|men|women|police|staff|personnel|troops|crew|people"
_GROUP = re.compile(
    rf"\s*(?:of\s+)?((?:[a-z][\w-]*\s+){{0,2}}?(?:{_PLURAL}))\b(?=\s|[.,;:]|$)", re.IGNORECASE
)
# a year or an age is not a casualty count
_AGE_AFTER = re.compile(r"\s*-?\s*(?:year|month)s?[-\s]old", re.I)
_NOT_A_COUNT = re.compile(
    r"(?:\b(?:in|since|by|of|until)\s+(?:19|20)\d\d\b|\b(?:aged?|ages)\s+\d+)\s*$", re.I
)
_EMPTY_GROUPS = {"people", "persons", "others", "individuals", "were", "was", "has", "have"}
_STOP = re.compile(r"\b(?:were|was|have|has|had|are|is|in|on|at|after|when|and|from)\b", re.I)


def number_value(words: str) -> int | None:
    """The value of digits or English number words: '1,200' 1200, 'twenty-one' 21."""
    words = words.strip().lower()
    if re.fullmatch(r"[\d,]+", words):
        return int(words.replace(",", ""))
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", words):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_casualty(text: str) -> dict:
    """The attributes a casualty figure's text says; keys that it does not say are absent."""
    attrs: dict = {}
    kind = _KIND.search(text)
    if kind:
        attrs["kind"] = kind.lastgroup
    for figure in _FIGURE.finditer(text):
        if figure.group("count") and figure.group("count").strip().lower() in ("a", "an"):
            continue  # "a" alone is an article, not a figure
        if _NOT_A_COUNT.search(text, 0, figure.end()) or _AGE_AFTER.match(text, figure.end()):
            continue
        if _read_figure(figure, attrs):
            group = _group_after(text, figure.end())
            if group:
                attrs["group"] = group
            break
    return attrs


def _read_figure(figure: re.Match, attrs: dict) -> bool:
    if figure.group("low"):
        low, high = number_value(figure.group("low")), number_value(figure.group("high"))
        if low is None or high is None:
            return False
        attrs.update(count_min=low, count_max=high)
    elif figure.group("from"):
        attrs.update(count_min=int(figure.group("from")), count_max=int(figure.group("to")))
    elif figure.group("vague"):
        attrs["count_min"] = _VAGUE[figure.group("vague").lower()]
    else:
        value = number_value(figure.group("count"))
        if value is None:
            return False
        floor, ceiling = figure.group("floor"), figure.group("ceiling")
        if floor:
            attrs["count_min"] = value + 1 if re.match(r"more|over|in\s", floor, re.I) else value
        elif ceiling:
            strict = re.match(r"fewer|less|under", ceiling, re.I)
            attrs["count_max"] = value - 1 if strict else value
        else:
            attrs["count"] = value
    return True


def _group_after(text: str, position: int) -> str:
    """Who the figure counts: the plural noun phrase right after it, if it names someone."""
    rest = text[position:]
    stop = _STOP.search(rest)
    if stop:
        rest = rest[: stop.start()]
    match = _GROUP.match(rest)
    if not match:
        return ""
    group = match.group(1).strip()
    if group.split()[-1].lower() in _EMPTY_GROUPS or _KIND.search(group):
        return ""
    return group


def prefilled_attrs(tag: TagDef, text: str) -> dict:
    """The attributes a tag's text says, for tags with casualty attributes: "at least 14
    people were killed" gives count_min 14 and kind killed. Only those the tag defines."""
    defined = {attr.name: attr for attr in tag.attributes}
    if "kind" not in defined and "count" not in defined:
        return {}
    return {
        name: value
        for name, value in parse_casualty(text).items()
        if name in defined and (defined[name].type != "choice" or value in defined[name].choices)
    }
