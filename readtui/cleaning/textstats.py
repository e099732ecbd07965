"""Word-level measures of a text block, used to tell running prose from page furniture."""

import re
from bisect import bisect_left, insort

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")  # WORD in ASCII text, found faster

# Common English function words. Prose is dense in them (about 40-50% of its words);
# menus, tag lists, credits and headlines of teasers are not.
STOPWORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and another
    any are around as at be because been before being below between both but by can could did
    do does doing down during each either enough even ever every few for from further had has
    have having he her here hers herself him himself his how however i if in into is it its
    itself just least less like many may me might more most much must my myself neither never
    no nor not now of off often on once one only or other others our ours ourselves out over
    own per perhaps quite rather same several shall she should since so some such than that the
    their theirs them themselves then there these they this those though through thus to too
    toward towards under until up upon us very was we were what whatever when where whether
    which while who whom whose why will with within without would yet you your yours yourself
    yourselves it's that's there's he's she's they're we're you're i'm isn't wasn't don't
    doesn't didn't won't can't couldn't wouldn't shouldn't aren't weren't hasn't haven't hadn't
    said says still because already
    """.split()
)
# and as they may be spelt, with a typographic apostrophe (none has two apostrophes)
_STOPWORD_SPELLINGS = STOPWORDS | {word.replace("'", "’") for word in STOPWORDS}


def words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else WORD).findall(text)


def stopword_density(word_list: list[str]) -> float:
    if not word_list:
        return 0.0
    hits = sum(map(_STOPWORD_SPELLINGS.__contains__, map(str.lower, word_list)))
    return hits / len(word_list)


def normalise(text: str) -> str:
    """Lower-case words joined by single spaces: text compared regardless of punctuation."""
    # lower-cased once joined, faster than word by word and the same: a word holds no space,
    # and a space ends a word for str.lower() too (a final sigma)
    return " ".join(words(text)).lower().replace("’", "'")


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+")
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\W*$")
_REPEAT_MIN_WORDS = 5
_REPEAT_SHARE = 0.8


def sentences(text: str) -> list[str]:
    if text.isascii():  # normalise, faster: no typographic apostrophe to make plain
        split = _SENTENCE_SPLIT.split(text)
        return [" ".join(_ASCII_WORD.findall(sentence)).lower() for sentence in split]
    return [normalise(sentence) for sentence in _SENTENCE_SPLIT.split(text)]


class SeenText:
    """Text already taken into an article, to recognise a block that only repeats it (a
    teaser of the first paragraph cut off with "…", the whole article again in one block)."""

    def __init__(self) -> None:
        self._sentences: set[str] = set()
        self._paragraphs: list[str] = []  # sorted, so that those starting alike stand together
        # the text last split into sentences, and its sentences: a block is checked, then added
        self._split: tuple[str, list[str]] = ("", sentences(""))

    def add(self, text: str) -> None:
        parts = self._sentences_of(text)
        self._sentences.update(parts)
        insort(self._paragraphs, " ".join(part for part in parts if part))  # normalise(text)

    def covers(self, text: str, word_count: int | None = None) -> bool:
        """Whether the text only repeats text seen; `word_count`, the number of its words if
        known, spares splitting a short text."""
        if word_count is not None and word_count < _REPEAT_MIN_WORDS:
            return False
        parts = self._sentences_of(text)
        truncated = _TRUNCATED.search(text) is not None
        if not truncated and self._sentences.isdisjoint(parts):
            return False  # not a sentence of it seen
        sizes = [len(part.split()) for part in parts]
        if sum(sizes) < _REPEAT_MIN_WORDS:
            return False
        seen = sum(size for part, size in zip(parts, sizes, strict=True) if part in self._sentences)
        if truncated and parts[-1] not in self._sentences and self._starts_one(parts):
            seen += sizes[-1]
        return seen >= _REPEAT_SHARE * sum(sizes)

    def _starts_one(self, parts: list[str]) -> bool:
        """Whether a cut-off text's last sentence starts one of the paragraphs seen, after the
        sentences before it."""
        opening = " ".join(part for part in parts if part)
        # the first paragraph from `opening` on in sorted order starts with it, if any does
        first = bisect_left(self._paragraphs, opening)
        return first < len(self._paragraphs) and self._paragraphs[first].startswith(opening)

    def _sentences_of(self, text: str) -> list[str]:
        if text != self._split[0]:
            self._split = (text, sentences(text))
        return self._split[1]
