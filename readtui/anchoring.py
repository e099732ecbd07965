"""Re-anchoring: place annotations made on an earlier cleaned text onto the current one.

As Hypothesis does it: trust the stored position when the quote is still there; else find the
quote exactly, preferring the occurrence whose context matches and that lies nearest; else map
the position through a diff of the two texts and accept it only above a similarity threshold
(status `fuzzy`: needs review). What cannot be placed is kept as an orphan, never dropped.
"""

from dataclasses import replace
from difflib import SequenceMatcher

from readtui.annotations import Annotation

FUZZY_THRESHOLD = 0.75


def _context_score(text: str, start: int, end: int, annotation: Annotation) -> float:
    prefix, suffix = annotation.quote.prefix, annotation.quote.suffix
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    score = 0.0
    if prefix:
        score += SequenceMatcher(None, before, prefix, autojunk=False).ratio()
    if suffix:
        score += SequenceMatcher(None, after, suffix, autojunk=False).ratio()
    return score


def _exact_matches(text: str, exact: str) -> list[int]:
    found, position = [], text.find(exact)
    while position != -1 and exact:
        found.append(position)
        position = text.find(exact, position + 1)
    return found


class _OffsetMap:
    """Maps offsets of the old text to the new one through the diff's equal runs."""

    def __init__(self, old: str, new: str):
        self.blocks = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()

    def map(self, offset: int) -> int | None:
        for old_start, new_start, size in self.blocks:
            if old_start <= offset <= old_start + size and size:
                return new_start + offset - old_start
        return None


def reanchor(old_text: str, new_text: str, annotations: list[Annotation]) -> list[Annotation]:
    """The annotations placed on `new_text`, each with a status saying how it was placed."""
    offset_map: _OffsetMap | None = None
    placed = []
    for annotation in annotations:
        exact = annotation.quote.exact or old_text[annotation.start : annotation.end]
        if new_text[annotation.start : annotation.end] == exact and exact:
            placed.append(annotation)
            continue
        matches = _exact_matches(new_text, exact)
        if matches:
            best = max(
                matches,
                key=lambda s: (
                    _context_score(new_text, s, s + len(exact), annotation),
                    -abs(s - annotation.start),
                ),
            )
            placed.append(replace(annotation, start=best, end=best + len(exact), status="moved"))
            continue
        offset_map = offset_map or _OffsetMap(old_text, new_text)
        start, end = offset_map.map(annotation.start), offset_map.map(annotation.end)
        if start is not None and end is not None and start < end:
            similarity = SequenceMatcher(None, new_text[start:end], exact, autojunk=False).ratio()
            if similarity >= FUZZY_THRESHOLD:
                placed.append(replace(annotation, start=start, end=end, status="fuzzy"))
                continue
        placed.append(replace(annotation, start=0, end=0, status="orphan"))
    return placed
