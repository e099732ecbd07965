"""Editing a document's annotations: snapping, overlap lookups by bisection, undo and redo.

Every edit is a `Change` (annotations taken out, annotations put in) applied to the store in one
write, so undo and redo are the same operation run backwards.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from readtui.annotations import Annotation, snap_span
from readtui.store import AnnotationStore


@dataclass(frozen=True)
class Change:
    label: str
    removed: tuple[Annotation, ...]
    added: tuple[Annotation, ...]

    def inverse(self) -> "Change":
        return Change(self.label, self.added, self.removed)


class SpanIndex:
    """Placed annotations sorted by start, with a running maximum of ends.

    The running maximum only grows, so the first annotation that can reach past an offset is
    found by bisection, and a line's highlights cost O(log n + k) rather than a scan of all.
    """

    def __init__(self, annotations: list[Annotation]):
        self.items = [a for a in annotations if not a.is_orphan and a.start < a.end]
        self.items.sort(key=lambda a: a.sort_key)
        self.starts = [a.start for a in self.items]
        self.max_ends = list(accumulate((a.end for a in self.items), max))

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Annotations that share at least one character with [start, end)."""
        first = bisect_right(self.max_ends, start)
        last = bisect_left(self.starts, end)
        return [a for a in self.items[first:last] if a.end > start]

    def covering(self, offset: int) -> list[Annotation]:
        """Annotations holding the character at `offset`, innermost (shortest) first."""
        found = self.overlapping(offset, offset + 1)
        return sorted(found, key=lambda a: (a.end - a.start, a.id))

    def next_start(self, offset: int) -> Annotation | None:
        index = bisect_right(self.starts, offset)
        return self.items[index] if index < len(self.items) else None

    def previous_start(self, offset: int) -> Annotation | None:
        index = bisect_left(self.starts, offset) - 1
        return self.items[index] if index >= 0 else None


class Editor:
    """The annotations of one open document and the history of edits to them."""

    def __init__(self, store: AnnotationStore | None, annotator: str, text: str = ""):
        """Without a store the editor only reads: no annotations, and edits are not possible
        (the reader shows a long article's first screens so while the rest loads)."""
        self.store = store
        self.text = store.document.text if store else text
        self.annotator = annotator
        self.annotations = store.annotations() if store else []
        self.index = SpanIndex(self.annotations)
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    # Queries
    def under(self, offset: int) -> Annotation | None:
        """The innermost annotation at `offset`: the one keys like `c`, `e` and `x` act on."""
        covering = self.index.covering(offset)
        return covering[0] if covering else None

    # Edits
    def tag(self, start: int, end: int, tag: str) -> Annotation | None:
        """Tag the span snapped to whole words; None when nothing is left or it already exists."""
        start, end = snap_span(self.text, start, end)
        if start >= end:
            return None
        if any(a.start == start and a.end == end and a.tag == tag for a in self.index.items):
            return None
        annotation = Annotation.create(self.text, start, end, tag, self.annotator)
        self._do(Change(f"tag {tag}", (), (annotation,)))
        return annotation

    def delete(self, annotation: Annotation) -> None:
        self._do(Change(f"delete {annotation.tag}", (annotation,), ()))

    def retag(self, annotation: Annotation, tag: str) -> Annotation:
        return self._replace(annotation, annotation.edited(tag=tag), f"retag as {tag}")

    def set_note(self, annotation: Annotation, note: str) -> Annotation:
        return self._replace(annotation, annotation.edited(note=note), "note")

    def set_attrs(self, annotation: Annotation, attrs: dict) -> Annotation:
        return self._replace(annotation, annotation.edited(attrs=dict(attrs)), "attributes")

    def _replace(self, old: Annotation, new: Annotation, label: str) -> Annotation:
        self._do(Change(label, (old,), (new,)))
        return new

    # History
    def undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        self._apply(change.inverse())
        self._redo.append(change)
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._apply(change)
        self._undo.append(change)
        return change

    def _do(self, change: Change) -> None:
        self._apply(change)
        self._undo.append(change)
        self._redo.clear()

    def _apply(self, change: Change) -> None:
        if self.store is None:
            raise RuntimeError("this editor has no store: nothing can be changed")
        removed_ids = {a.id for a in change.removed}
        with self.store.batch():
            for annotation in change.removed:
                self.store.remove(annotation.id)
            for annotation in change.added:
                self.store.add(annotation)
        kept = [a for a in self.annotations if a.id not in removed_ids]
        self.annotations = sorted(kept + list(change.added), key=lambda a: a.sort_key)
        self.index = SpanIndex(self.annotations)
