"""The user's corrections of the cleaner (SPEC §2, §3 `document.overrides`).

No cleaner is right on every page, so a document can be corrected: a removed block restored
(`{"keep": text}`), a kept block dropped (`{"drop": text}`), a block made the title
(`{"title": text}`). A correction names its block by the block's exact text, so that it holds
when a new cleaner version cuts the page differently; one whose text no longer matches a block
is reported and kept, never dropped. Corrections apply in the order they were made, to the
document as the cleaner gave it.

Where several blocks have the same text ("Share", "World" in a menu and as a section label), a
correction may say which one: `"occurrence": 2` is the second block with that text in the page,
kept or removed, counted when the correction is applied. Without it, the first block that the
correction can change is changed.
"""

from bisect import bisect_right
from dataclasses import dataclass, replace

from readtui.annotations import Annotation
from readtui.document import BLOCK_SEPARATOR, Block, Document
from readtui.textsafety import sanitise

VERBS = ("keep", "drop", "title")


class CorrectionError(ValueError):
    """An override that is not one of the three forms."""


@dataclass
class Piece:
    """A block of the page as the cleaner cut it, kept in the article or removed."""

    kind: str
    text: str
    level: int
    kept: bool


def check_override(item: object) -> tuple[str, str, int | None]:
    """(verb, text, occurrence) of one override; raises CorrectionError when it is malformed."""
    if not isinstance(item, dict):
        raise CorrectionError("an override is an object: keep, drop or title with a block's text")
    occurrence = item.get("occurrence")
    verbs = [key for key in item if key != "occurrence"]
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise CorrectionError(f"an override has one of keep, drop or title: {item!r}")
    text = item[verbs[0]]
    if not isinstance(text, str) or not text:
        raise CorrectionError(f"an override names a block by its text: {item!r}")
    if "occurrence" in item and not (
        isinstance(occurrence, int) and not isinstance(occurrence, bool) and occurrence >= 1
    ):
        raise CorrectionError(f"an override's occurrence is a whole number from 1: {item!r}")
    return verbs[0], text, occurrence


def pieces_of(document: Document) -> list[Piece]:
    """Every block of the page in order: the kept ones and, where they stood, the removed."""
    text = document.text
    removed_at: dict[int, list[str]] = {}
    for removed, position in zip(document.removed, document.removed_at, strict=False):
        removed_at.setdefault(position, []).append(removed)
    pieces: list[Piece] = []
    for index, block in enumerate([*document.blocks, None]):
        pieces += [Piece("paragraph", r, 0, kept=False) for r in removed_at.get(index, [])]
        if block is not None:
            pieces.append(Piece(block.kind, text[block.start : block.end], block.level, True))
    return pieces


def occurrence_of(texts: list[str], index: int) -> int | None:
    """Which block with its text `texts[index]` is (from 1), or None when its text is unique."""
    text = texts[index]
    if texts.count(text) < 2:
        return None
    return texts[:index].count(text) + 1


def apply_one(pieces: list[Piece], verb: str, text: str, occurrence: int | None = None) -> bool:
    """Apply one correction in place; False when no block has that text (or it is already so)."""
    same = [p for p in pieces if p.text == text]
    if occurrence is not None:
        same = same[occurrence - 1 : occurrence]
    if verb == "keep":
        found = next((p for p in same if not p.kept), None)
        if found is not None:
            found.kept = True
    elif verb == "drop":
        found = next((p for p in same if p.kept), None)
        if found is not None:
            found.kept = False
    else:
        # the title block named, or else the first block with that text, kept or not
        found = next((p for p in same if p.kind == "title" and p.kept), None)
        if found is None:
            found = next(iter(same), None)
        if found is not None:
            for piece in pieces:
                if piece.kind == "title":  # the old title goes, where the user can restore it
                    piece.kind, piece.level, piece.kept = "paragraph", 0, False
            pieces.remove(found)
            pieces.insert(0, Piece("title", text, 1, kept=True))
    return found is not None


def assemble_pieces(base: Document, pieces: list[Piece], **changes) -> Document:
    """A document of the kept pieces, the others as its removed blocks."""
    parts: list[str] = []
    blocks: list[Block] = []
    removed: list[str] = []
    removed_at: list[int] = []
    position = 0
    for piece in pieces:
        if not piece.kept:
            removed.append(piece.text)
            removed_at.append(len(blocks))
            continue
        if parts:
            position += len(BLOCK_SEPARATOR)
        parts.append(piece.text)
        blocks.append(Block(piece.kind, position, position + len(piece.text), piece.level))
        position += len(piece.text)
    return replace(
        base,
        text=BLOCK_SEPARATOR.join(parts),
        blocks=blocks,
        removed=removed,
        removed_at=removed_at,
        **changes,
    )


def apply_corrections(document: Document, overrides: list[dict]) -> Document:
    """The document with the overrides applied, in order. The result keeps the overrides (to be
    saved with it), those that matched no block (`unmatched`), and the document as cleaned
    (`uncorrected`), to which later corrections apply."""
    base = document.uncorrected or document
    if not overrides:
        if document is base and not document.overrides:
            return document
        return replace(base, overrides=[], unmatched=[], uncorrected=None)
    pieces = pieces_of(base)
    unmatched = []
    for item in overrides:
        if not apply_one(pieces, *check_override(item)):
            unmatched.append(item)
    title = next((p.text for p in pieces if p.kind == "title" and p.kept), None)
    if title is None:  # the title block dropped: the name the cleaner would give it
        title = base.title if not any(p.kind == "title" for p in pieces) else _fallback(base)
    return assemble_pieces(
        base,
        pieces,
        title=title,
        overrides=[dict(item) for item in overrides],
        unmatched=unmatched,
        uncorrected=base,
    )


def _fallback(document: Document) -> str:
    return sanitise(document.path.stem) if document.path else ""


def with_all_blocks(document: Document) -> Document:
    """The document with every removed block in place, kind "removed": what `R` shows."""
    pieces = pieces_of(document)
    for piece in pieces:
        if not piece.kept:
            piece.kind, piece.kept = "removed", True
    return assemble_pieces(document, pieces)


class AllBlocks:
    """A document beside the same with its removed blocks in place (`full`), and offsets
    mapped between the two: the user reviews the cleaning in `full`, the annotations stay in
    `document`."""

    def __init__(self, document: Document):
        self.document = document
        self.full = with_all_blocks(document)
        kept = [block for block in self.full.blocks if block.kind != "removed"]
        self._pairs = list(zip(document.blocks, kept, strict=True))
        self._starts = [block.start for block in document.blocks]
        self._full_starts = [block.start for block in self.full.blocks]
        # for each block of `full`: the index of the first kept block at or after it
        self._kept_from: list[int] = []
        count = 0
        for block in self.full.blocks:
            self._kept_from.append(count)
            count += block.kind != "removed"

    def to_full(self, offset: int) -> int:
        """Where an offset of the document is in `full`."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return self._pairs[0][1].start if self._pairs else 0
        block, full_block = self._pairs[index]
        return full_block.start + (offset - block.start)

    def from_full(self, offset: int) -> int:
        """Where an offset of `full` is in the document; in a removed block, the start of the
        next kept block (or the end of the text)."""
        index = max(0, bisect_right(self._full_starts, offset) - 1)
        if not self.full.blocks:
            return 0
        kept = self._kept_from[index]
        if self.full.blocks[index].kind == "removed":
            return (
                self._pairs[kept][0].start if kept < len(self._pairs) else len(self.document.text)
            )
        block, full_block = self._pairs[kept]
        return block.start + (offset - full_block.start)

    def annotations(self, annotations: list[Annotation]) -> list[Annotation]:
        """The placed annotations moved to their offsets in `full`."""
        return [
            replace(a, start=self.to_full(a.start), end=self.to_full(a.end - 1) + 1)
            for a in annotations
            if not a.is_orphan and a.start < a.end
        ]


def describe(item: dict) -> str:
    """One line for a user: `keep "First words of the block…"`, `drop "Share" (2nd)`."""
    verb, text, occurrence = check_override(item)
    shown = text if len(text) <= 60 else text[:59] + "…"
    which = f" ({_ordinal(occurrence)})" if occurrence else ""
    return f'{verb} "{shown}"{which}'


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
