"""The `quote` rule: the words between quotation marks, the marks left out.

Marks of every common kind pair up: straight "…" and '…', curly “…” and ‘…’, guillemets «…»
and »…«, low-high „…“ and ‚…‘. Whether a mark opens or closes is read from its neighbours (an
opening mark has space or an opening bracket before it and a word after it; a closing one the
reverse), so that an apostrophe (`Pakistan’s`, `’90s`, `rock ’n’ roll`, `'tis`) and a foot or
inch mark (`5'11"`) are never taken for quotes. A quote inside a quote is part of the outer one.

A quote is never suggested across a block boundary. News style leaves the quote mark of a
paragraph open when the quote goes on in the next paragraph, which opens with a quote mark
again: each paragraph's part is then suggested on its own. A mark left open otherwise (a stray
mark, a quote cut off at the end of the text) suggests nothing.

Words the text quotes are a quote however short (`called the attack “barbaric”`, a ‘peace
plan’), as the gold files mark them, but for a term the text names (`so-called “terrorists”`,
`dubbed “the Wall”`) and a nickname between a name (Gerald “Gerry” Tamsett).

A statement printed as its own paragraph after a colon, without marks (a Markdown blockquote,
`The company said in a statement:` then the statement), is a quote too: the whole paragraph.
"""

import re
from dataclasses import dataclass, field

# the marks, by family: a closing mark pairs with an opening mark of its own family
FAMILY = {
    '"': "double", "“": "double", "”": "double", "„": "double", "‟": "double",
    "'": "single", "‘": "single", "’": "single", "‚": "single", "‛": "single",
    "«": "guillemet", "»": "guillemet",
    "‹": "single guillemet", "›": "single guillemet",
}  # fmt: skip
# a block boundary, or a quotation mark
_EVENT = re.compile("[\n" + "".join(FAMILY) + "]")
# what may stand before an opening mark, and after a closing one (besides white space)
_BEFORE_OPENING = frozenset("([{<—–-/" + "".join(FAMILY))
_AFTER_CLOSING = frozenset(".,;:!?…)]}>—–-/" + "".join(FAMILY))
_PUNCTUATION = frozenset(".,;:!?…)]}")
# words that start with an apostrophe, not with an opening quote: 'tis, ’90s, 'n' ('rock 'n' roll')
_ELISION = re.compile(r"(?:\d\ds?|tis|twas|em|n|til|cause|cos|bout)\b", re.IGNORECASE)
# a foot mark and inches: 5'11", 6′2″
_FEET_INCHES = re.compile(r"\d['′]\d{0,2}$")

# the fewest words of a statement printed without marks: a sentence, not a label
_STATEMENT_MIN_WORDS = 5
_WORD = re.compile(r"\w+(?:[-’'.]\w+)*")
# a nickname: one capitalised word quoted between a first name and a surname
_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]+ $")
_NAME_AFTER = re.compile(r" [A-Z]")
_SPACE = re.compile(r"\s")
_SCARE_BEFORE = re.compile(
    r"(?:so-called|dubbed|nicknamed|known\s+as|the\s+(?:word|term))\s*$", re.IGNORECASE
)
# the paragraph before a statement printed without marks: "The co-op said in a statement:"
_INTRODUCES_STATEMENT = re.compile(
    r"\b(?:said|says|statement|wrote|writes|told|added|reads|read|posted|tweeted|announced"
    r"|declared)\b[^.!?\n]{0,60}:$"
)
_STATEMENT_END = ".!?…"
# the default role of a mark whose neighbours do not say (French « spaced » guillemets)
_OPENS_BY_DEFAULT = frozenset("“„‟«‹")


@dataclass
class _Open:
    family: str
    end: int  # where the quoted words start: just after the mark
    # a weak close: a single mark after a letter, with a lowercase word after it (`the soldiers’
    # families`) is a possessive as often as it closes the quote; used when no clear close comes
    weak_close: int | None = None
    # the quotes found inside this one: kept if it turns out to be no quote at all
    inner: list[tuple[int, int]] = field(default_factory=list)


def find_quotes(text: str) -> list[tuple[int, int, dict]]:
    """Every quote in `text`: (start, end, {}) spans of the quoted words, sorted."""
    global _last
    last = _last  # one read: another thread may replace it
    if last is None or last[0] != text:
        last = _last = (text, _quote_spans(text))
    return [(start, end, {}) for start, end in last[1] if _is_speech(text, start, end)]


# the last text and its quotes: the claim rule reads them too, so that one scan serves both
_last: tuple[str, list[tuple[int, int]]] | None = None


def _quote_spans(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    stack: list[_Open] = []

    def finish(entry: _Open, end: int) -> None:
        span = _trimmed(text, entry.end, end)
        if span is None:
            return
        if stack:
            stack[-1].inner.append(span)
        else:
            found.append(span)

    def drop(entry: _Open) -> None:
        """An opening mark that closes nowhere: the quotes inside it stand on their own."""
        if stack:
            stack[-1].inner.extend(entry.inner)
        else:
            found.extend(entry.inner)

    def close_weak_singles() -> None:
        while stack and stack[-1].weak_close is not None:
            entry = stack.pop()
            finish(entry, entry.weak_close)

    def end_block(at: int) -> None:
        continued = _opens_block(text, at + 2) if at < len(text) else None
        while stack:
            entry = stack.pop()
            if entry.weak_close is not None:
                finish(entry, entry.weak_close)
            elif not stack and entry.family == continued:
                finish(entry, at)  # the quote goes on in the next paragraph
            else:
                drop(entry)

    for match in _EVENT.finditer(text):
        at = match.start()
        mark = match.group()
        if mark == "\n":
            if text.startswith("\n", at + 1):
                end_block(at)
            continue
        role = _role(text, at, mark, stack)
        if role is None:
            continue
        family = FAMILY[mark]
        if role == "open":
            if family == "single":
                close_weak_singles()
            stack.append(_Open(family, at + 1))
            continue
        if role == "weak close":
            if stack and stack[-1].family == "single":
                stack[-1].weak_close = at
            continue
        # a close: a single mark closes only the quote right before it (else it is an
        # apostrophe inside another quote); other marks close their own quote and any left open
        # inside it
        if family != "single":
            close_weak_singles()
        if not any(entry.family == family for entry in stack):
            continue
        if family == "single" and stack[-1].family != "single":
            continue
        while stack[-1].family != family:
            drop(stack.pop())
        finish(stack.pop(), at)
    end_block(len(text))
    found.extend(_statements_after_a_colon(text))
    return sorted(set(found))


def _statements_after_a_colon(text: str) -> list[tuple[int, int]]:
    """Paragraphs that are a statement introduced by the paragraph before, without marks."""
    found = []
    at = text.find(":\n\n")
    while at >= 0:
        start = at + 3
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        block_start = text.rfind("\n", 0, at) + 1
        if (
            text[start : start + 1].isupper()
            and text[end - 1] in _STATEMENT_END
            and len(_WORD.findall(text, start, min(end, start + 80))) >= _STATEMENT_MIN_WORDS
            and _INTRODUCES_STATEMENT.search(text, max(block_start, at - 80), at + 1)
        ):
            found.append((start, end))
        at = text.find(":\n\n", start)
    return found


def _role(text: str, at: int, mark: str, stack: list[_Open]) -> str | None:
    """The role of a mark: "open", "close", "weak close", or None for no quotation mark."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opening = (before.isspace() or before in _BEFORE_OPENING) and not (
        after.isspace() or after in _PUNCTUATION
    )
    closing = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)
    family = FAMILY[mark]
    if family == "single":
        if before.isalnum() and after.isalnum():
            return None  # Pakistan’s, don't
        if mark == "'" and before.isdigit():
            return None  # a foot mark
        if opening and not closing:
            if mark == "’" or _ELISION.match(text, at + 1):
                return None  # ’90s, 'tis: an opening ’ is an apostrophe in English typography
            return "open"
        if closing and not opening:
            word_follows = at + 2 < len(text) and after == " " and text[at + 2].islower()
            return "weak close" if before.isalpha() and word_follows else "close"
        return None
    if mark == '"' and before.isdigit():
        if _FEET_INCHES.search(text, max(0, at - 4), at):
            return None
        if not any(entry.family == "double" for entry in stack):
            return None  # inches: a 12" pipe
        return "close"
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    if mark == '"':
        return "close" if stack and stack[-1].family == "double" else "open"
    return "open" if mark in _OPENS_BY_DEFAULT else "close"


def _is_speech(text: str, start: int, end: int) -> bool:
    """Whether quoted words are someone's words, or words the text quotes: all but a term it
    names ("so-called “terrorists”", "dubbed ‘the Wall’") and a nickname between a name
    (Gerald “Gerry” Tamsett)."""
    before = max(0, start - 1)  # the opening mark
    if _SCARE_BEFORE.search(text, max(0, before - 20), before):
        return False
    nickname = (
        text[start].isupper()
        and not _SPACE.search(text, start, end)
        and _NAME_BEFORE.search(text, max(0, before - 30), before)
        and _NAME_AFTER.match(text, end + 1)
    )
    return not nickname


def _opens_block(text: str, at: int) -> str | None:
    """The family of the quotation mark that opens the block starting at `at`, if one does."""
    while at < len(text) and text[at].isspace():
        at += 1
    if at + 1 < len(text) and text[at] in FAMILY and not text[at + 1].isspace():
        return FAMILY[text[at]]
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
