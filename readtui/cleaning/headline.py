"""Finding the headline of a scraped page.

A naive scraper puts the page's <title> first ("Headline - Site Name"); the headline itself
appears again above the body, sometimes glued to a breadcrumb trail ("HomeWorldHeadline").
Without a <title> line, the headline is the headline-like block standing just above the body.
"""

import re

from readtui.cleaning.textstats import STOPWORDS, WORD, normalise, words

# Separators between a headline and the site name in a <title>.
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:·•»/]{1,2}\s+|\s*\|\s*")
# Where two navigation words are glued together: "HomeWorld" -> "Home" | "World".
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAV_WORD = re.compile(r"[A-Z][a-z]+")
_MAX_HEADLINE_WORDS = 30
_MIN_HEADLINE_WORDS = 3
_MAX_BREADCRUMB_WORDS = 8  # words that may stand before a repeated headline in its block
_MIN_TITLE_OVERLAP = 0.6


def looks_like_headline(text: str) -> bool:
    """Short, and not a sentence that ends in a full stop."""
    count = len(words(text))
    return _MIN_HEADLINE_WORDS <= count <= _MAX_HEADLINE_WORDS and not text.rstrip().endswith(".")


def title_candidates(page_title: str) -> list[str]:
    """What a <title> line may hold as the headline, longest first.

    "Headline - Section - Site" gives the whole line, "Headline - Section" and "Headline"; a
    site name put first ("Site | Headline") gives the parts after it too.
    """
    parts = _TITLE_SEPARATOR.split(page_title.strip().rstrip("."))
    runs = {page_title.strip()}
    for size in range(1, len(parts)):
        runs.add(" - ".join(parts[:size]))
        runs.add(" - ".join(parts[size:]))
    candidates = [run for run in runs if len(words(run)) >= _MIN_HEADLINE_WORDS]
    return sorted(candidates, key=lambda run: (-len(words(run)), run))


def unglued(text: str, min_nav_words: int = 1) -> str:
    """A breadcrumb-glued line without its leading navigation words.

    "HomeWorldFloods Kill Dozens" -> "Floods Kill Dozens". Only whole capitalised words glued
    at the start are stripped, and only when at least `min_nav_words` of them are there.
    """
    pieces = _GLUE.split(text.strip())
    nav = 0
    while nav < len(pieces) - 1 and _NAV_WORD.fullmatch(pieces[nav]):
        nav += 1
    rest = "".join(pieces[nav:])
    if nav >= min_nav_words and len(words(rest)) >= _MIN_HEADLINE_WORDS:
        return rest
    return text.strip()


_OPENING_MARKS = "“‘\"'«(["


def last_words(text: str, count: int) -> str:
    """The end of `text` holding its last `count` words."""
    matches = list(WORD.finditer(text))
    if count <= 0 or count > len(matches):
        return text
    start = matches[-count].start()
    while start and text[start - 1] in _OPENING_MARKS:  # a headline's opening quotation mark
        start -= 1
    return text[start:].strip()


def repeated_headline(block: str, candidate: str) -> str | None:
    """The block's own spelling of the headline if the block states it, perhaps after a
    breadcrumb trail ("News › World › Headline", "HomeWorldHeadline")."""
    wanted = normalise(candidate)
    count = len(wanted.split())
    for variant in (block.strip(), unglued(block)):
        if len(words(variant)) - count > _MAX_BREADCRUMB_WORDS:
            continue
        tail = last_words(variant, count)
        if normalise(tail) == wanted:
            return tail
    return None


def headline_from_page_title(blocks: list[str]) -> tuple[int, str] | None:
    """(index, text) of the first block repeating the headline of the first block's <title>."""
    page_title = blocks[0]
    if len(words(page_title)) > _MAX_HEADLINE_WORDS + 10:
        return None
    candidates = [c for c in title_candidates(page_title) if words(c)]
    # a block can state a candidate only if it ends with the candidate's last word: checking
    # that first, once a block, spares the full comparison on almost every block
    endings = {normalise(words(c)[-1]) for c in candidates}
    possible = [i for i in range(1, len(blocks)) if _ends_with_one_of(blocks[i], endings)]
    for candidate in candidates:
        for index in possible:
            found = repeated_headline(blocks[index], candidate)
            if found:
                return index, found
    return None


def _ends_with_one_of(text: str, endings: set[str]) -> bool:
    """Whether the last word of the text, normalised, is one of `endings`."""
    tail = text[-200:]
    if tail.isascii():  # then the last word, lower-cased, is in the lower-cased text: quicker
        lowered = tail.lower()
        if not any(ending in lowered for ending in endings):
            return False
    return _last_word(text) in endings


def _last_word(text: str) -> str:
    # the first word of the text reversed, reversed: a word reads the same way both ways round
    # (letters and digits, joined by apostrophes), and this spares finding every other word
    found = WORD.search(text[-200:][::-1])
    return normalise(found.group()[::-1]) if found else ""


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's content words that the other text also has."""
    words_a = {w for w in normalise(a).split() if w not in STOPWORDS}
    words_b = {w for w in normalise(b).split() if w not in STOPWORDS}
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def headline_before(
    blocks: list[str], candidates: list[int], dated: frozenset[int] = frozenset()
) -> tuple[int, str] | None:
    """(index, text) of the headline among candidate blocks above the body, if any.

    Preference: a line glued to a breadcrumb trail, then one sharing most of its words with
    the first block (the <title>), then one the byline or the date follows closely (`dated`:
    a key point or a caption under them is no headline), then the longest; ties go to the
    block nearest the body.
    """

    def rank(index: int) -> tuple[bool, bool, bool, int, int]:
        text = blocks[index]
        glued = unglued(text, min_nav_words=2) != text.strip()
        like_title = index > 0 and overlap(text, blocks[0]) >= _MIN_TITLE_OVERLAP
        return glued, like_title, index in dated, len(words(text)), index

    headlines = [i for i in candidates if looks_like_headline(unglued(blocks[i], 2))]
    if not headlines:
        return None
    best = max(headlines, key=rank)
    return best, unglued(blocks[best], min_nav_words=2)
