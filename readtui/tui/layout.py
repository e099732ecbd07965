"""Wrapping a document into screen rows, lazily.

Each block is wrapped only when a row of it is needed; until then its height is an estimate.
Rows are found from a running sum of block heights by bisection. A row never holds more than
one block's text; one blank row stands between blocks. Offsets stay in the document: a row is
(start, end) into `Document.text`, never a copy of the text.
"""

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

from rich.cells import cell_len

from readtui.document import Block, Document

_BREAKS = re.compile(r"\S+\s*|\s+")
GAP = 1  # blank rows between blocks


class Row(NamedTuple):  # a NamedTuple: see readtui.document.Block
    block: int  # index into Document.blocks; -1 for a blank row between blocks
    start: int
    end: int  # end of the text shown (spaces at a wrap point excluded)
    next_start: int  # where the following row of the block starts


BLANK = Row(-1, 0, 0, 0)


def _char_cells(char: str) -> int:
    return 1 if char.isascii() else cell_len(char)


def wrap_block(text: str, block: Block, width: int, index: int = -1) -> list[Row]:
    """Greedy word wrap of one block to `width` cells; words longer than a row are cut."""
    base, body = block.start, text[block.start : block.end]
    measure = len if body.isascii() else cell_len
    if block.kind == "code":
        return _wrap_code(text, block, width, index)
    rows: list[Row] = []
    row_start, used = 0, 0  # start of the row being filled, and the cells it holds
    for match in _BREAKS.finditer(body):
        word_start, word_end = match.start(), match.start() + len(match.group().rstrip())
        if used and used + measure(body[word_start:word_end]) > width:
            rows.append(_row(index, base, row_start, word_start, body))
            row_start, used = word_start, 0
        # a word longer than a whole row is cut where the row is full
        while measure(body[row_start:word_end]) > width:
            cut, cells = row_start, 0
            while cells + _char_cells(body[cut]) <= width:
                cells += _char_cells(body[cut])
                cut += 1
            rows.append(_row(index, base, row_start, cut, body))
            row_start = cut
        used = measure(body[row_start : match.end()])
    rows.append(_row(index, base, row_start, len(body), body))
    return rows


def _row(index: int, base: int, start: int, next_start: int, body: str) -> Row:
    end = next_start
    while end > start and body[end - 1] == " ":
        end -= 1
    return Row(index, base + start, base + end, base + next_start)


def _wrap_code(text: str, block: Block, width: int, index: int) -> list[Row]:
    rows, position = [], block.start
    for line in text[block.start : block.end].split("\n"):
        end = position + len(line)
        while end - position > width:
            rows.append(Row(index, position, position + width, position + width))
            position += width
        rows.append(Row(index, position, end, end + 1))
        position = end + 1
    return rows


class Layout:
    """The rows of a document at one width."""

    def __init__(self, document: Document, width: int):
        self.document = document
        self.width = max(8, width)
        self._wrapped: dict[int, list[Row]] = {}
        self._heights = [self._estimate(block) for block in document.blocks]
        self._tops: list[int] | None = None
        self._starts = [block.start for block in document.blocks]

    def _estimate(self, block: Block) -> int:
        if block.kind == "code":
            return self.document.text.count("\n", block.start, block.end) + 1
        return max(1, -(-(block.end - block.start) * 11 // 10 // self.width))

    @property
    def tops(self) -> list[int]:
        """Row at which each block starts."""
        if self._tops is None:
            gaps = (height + GAP for height in self._heights)
            self._tops = [0, *accumulate(gaps)][: len(self._heights)]
        return self._tops

    @property
    def height(self) -> int:
        if not self._heights:
            return 0
        return self.tops[-1] + self._heights[-1]

    def block_rows(self, index: int) -> list[Row]:
        rows = self._wrapped.get(index)
        if rows is None:
            rows = wrap_block(self.document.text, self.document.blocks[index], self.width, index)
            self._wrapped[index] = rows
            if len(rows) != self._heights[index]:
                self._heights[index] = len(rows)
                self._tops = None
        return rows

    def is_wrapped(self, index: int) -> bool:
        return index in self._wrapped

    @property
    def all_wrapped(self) -> bool:
        """Every block wrapped: `height` is exact, not partly estimated."""
        return len(self._wrapped) == len(self._heights)

    def wrap_rest(self) -> dict[int, list[Row]]:
        """Rows of every block not wrapped yet, computed without touching this layout, so a
        thread can do it while the reader runs; `adopt` takes them in."""
        pending = [i for i in range(len(self._heights)) if i not in self._wrapped]
        text, blocks = self.document.text, self.document.blocks
        return {i: wrap_block(text, blocks[i], self.width, i) for i in pending}

    def adopt(self, wrapped: dict[int, list[Row]]) -> None:
        """Take in rows from `wrap_rest`: every height is exact from now on."""
        for index, rows in wrapped.items():
            if index not in self._wrapped:
                self._wrapped[index] = rows
                self._heights[index] = len(rows)
        self._tops = None

    def locate(self, y: int) -> tuple[int, int]:
        """(block index, row within the block) of row `y`; the row may be a gap (row >= height)."""
        index = max(0, bisect_right(self.tops, y) - 1)
        return index, y - self.tops[index]

    def row(self, y: int) -> Row:
        if not self._heights or y < 0 or y >= self.height:
            return BLANK
        index, within = self.locate(y)
        rows = self.block_rows(index)
        return rows[within] if within < len(rows) else BLANK

    def wrap_range(self, top: int, count: int) -> None:
        """Wrap every block that rows top..top+count touch, until the heights settle."""
        while True:
            if not self._heights:
                return
            first, _ = self.locate(max(0, top))
            last, _ = self.locate(max(0, min(top + count, self.height - 1)))
            pending = [i for i in range(first, last + 1) if i not in self._wrapped]
            if not pending:
                return
            for index in pending:
                self.block_rows(index)

    def block_index(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def y_of(self, offset: int) -> int:
        """The row showing `offset` (the last row of its block for an offset between blocks)."""
        if not self._heights:
            return 0
        index = self.block_index(offset)
        rows = self.block_rows(index)
        within = len(rows) - 1
        for number, row in enumerate(rows):
            if offset < row.next_start:
                within = number
                break
        return self.tops[index] + within
