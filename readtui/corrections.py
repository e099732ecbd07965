"""The user's corrections of the cleaner (SPEC §2, §3 `document.overrides`).

No cleaner is right on every page, so a document can be corrected: a removed block restored
(`{"keep": text}`), a kept block dropped (`{"drop": text}`), a block made the title
(`{"title": text}`). A correction names its block by the block's exact text, so that it holds
when a new cleaner version cuts the page differently; one whose text no longer matches a block
is reported and kept, never dropped. Corrections apply in the order they were made, to the
document as the cleaner gave it.
"""

from dataclasses import dataclass, replace

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


def check_override(item: object) -> tuple[str, str]:
    """(verb, text) of one override; raises CorrectionError when it is malformed."""
    if not (isinstance(item, dict) and len(item) == 1):
        raise CorrectionError("an override is an object with one key: keep, drop or title")
    ((verb, text),) = item.items()
    if verb not in VERBS or not isinstance(text, str) or not text:
        raise CorrectionError(f"an override is keep, drop or title with a block's text: {item!r}")
    return verb, text


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


def apply_one(pieces: list[Piece], verb: str, text: str) -> bool:
    """Apply one correction in place; False when no block has that text (or it is already so)."""
    if verb == "keep":
        found = next((p for p in pieces if not p.kept and p.text == text), None)
        if found is not None:
            found.kept = True
    elif verb == "drop":
        found = next((p for p in pieces if p.kept and p.text == text), None)
        if found is not None:
            found.kept = False
    else:
        # the title block named, or else the first block with that text, kept or not
        found = next((p for p in pieces if p.kind == "title" and p.kept and p.text == text), None)
        if found is None:
            found = next((p for p in pieces if p.text == text), None)
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
        verb, text = check_override(item)
        if not apply_one(pieces, verb, text):
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


def describe(item: dict) -> str:
    """One line for a user: `keep "First words of the block…"`."""
    ((verb, text),) = item.items()
    shown = text if len(text) <= 60 else text[:59] + "…"
    return f'{verb} "{shown}"'
