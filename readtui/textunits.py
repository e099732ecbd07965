"""Words, sentences and paragraphs of a document, for cursor motions and selections."""

import re
from bisect import bisect_right

from readtui.document import Document

_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")
# A sentence ends at . ! or ? (with closing quotes or brackets) followed by space and then
# something that can open a sentence; the lookbehinds keep common abbreviations together (the
# lookahead first, so that they are tried only where a sentence can end).
_SENTENCE_END = re.compile(
    r"""(?=[.!?…])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bGen)(?<!\bCol)(?<!\bLt)
        (?<!\bSgt)(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bProf)(?<!\bJan)(?<!\bFeb)(?<!\bAug)
        (?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bvs)(?<!\betc)(?<!\b[A-Z])
        [.!?…]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9À-Þ])""",
    re.VERBOSE,
)


def next_word(text: str, offset: int) -> int:
    """Start of the next word after the one at `offset` (end of text when none)."""
    for match in _WORD.finditer(text, offset):
        if match.start() > offset:
            return match.start()
    return len(text)


def previous_word(text: str, offset: int) -> int:
    """Start of the word before `offset`, or of the word `offset` is inside."""
    window = 200
    while True:
        begin = max(0, offset - window)
        starts = [m.start() for m in _WORD.finditer(text, begin, offset) if m.start() < offset]
        # a match at `begin` may be the tail of a longer word: look further back then
        if starts and (starts[-1] > begin or begin == 0):
            return starts[-1]
        if begin == 0:
            return 0
        window *= 4


def _block_bounds(document: Document, offset: int) -> tuple[int, int]:
    block = document.block_at(offset)
    if block is not None:
        return block.start, block.end
    # between blocks: the next block, or the last one
    index = bisect_right([b.start for b in document.blocks], offset)
    if index < len(document.blocks):
        return document.blocks[index].start, document.blocks[index].end
    if document.blocks:
        return document.blocks[-1].start, document.blocks[-1].end
    return 0, len(document.text)


def sentences_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end], as (start, end) with outer spaces trimmed."""
    spans, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end() - len(match.group()) + len(match.group().rstrip())
        spans.append((begin, stop))
        begin = match.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def sentence_at(document: Document, offset: int) -> tuple[int, int]:
    start, end = _block_bounds(document, offset)
    for span in sentences_in(document.text, start, end):
        if offset < span[1] or span[1] == end:
            return span
    return start, end


def sentence_starts(document: Document, offset: int, forward: bool) -> int:
    """Start of the next (or previous) sentence, crossing paragraphs."""
    start, end = _block_bounds(document, offset)
    spans = sentences_in(document.text, start, end)
    if forward:
        for span in spans:
            if span[0] > offset:
                return span[0]
        after = [b for b in document.blocks if b.start >= end]
        return after[0].start if after else offset
    for span in reversed(spans):
        if span[0] < offset:
            return span[0]
    before = [b for b in document.blocks if b.end <= start]
    if not before:
        return offset
    previous = sentences_in(document.text, before[-1].start, before[-1].end)
    return previous[-1][0] if previous else before[-1].start


def paragraph_at(document: Document, offset: int) -> tuple[int, int]:
    return _block_bounds(document, offset)


def paragraph_starts(document: Document, offset: int, forward: bool) -> int:
    starts = [b.start for b in document.blocks]
    if forward:
        index = bisect_right(starts, offset)
        return starts[index] if index < len(starts) else offset
    index = bisect_right(starts, offset) - 1
    current = starts[index] if index >= 0 else 0
    if current < offset:
        return current
    return starts[index - 1] if index > 0 else 0
