"""Editing a document's annotations: snapping, overlap lookups by bisection, undo and redo.

Every edit is a `Change` (annotations taken out, annotations put in) applied to the store in one
write, so undo and redo are the same operation run backwards.

One sidecar holds several annotators' work. The editor shows one `View` of it (the user's own
marks by default) and edits only the user's own: others' are there to be read.
"""

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import NamedTuple

from readtui.annotations import Annotation, Quote, snap_span
from readtui.document import Document
from readtui.store import IN_PROGRESS, AnnotationStore


class Change(NamedTuple):  # NamedTuples: see readtui.document.Block
    label: str
    removed: tuple[Annotation, ...]
    added: tuple[Annotation, ...]

    def inverse(self) -> "Change":
        return Change(self.label, self.added, self.removed)


class Recleaned(NamedTuple):
    """A correction of the cleaner (readtui.corrections): the text changes, and the annotations
    and rejected suggestions are re-placed in it. Each side is (document, annotations, rejected),
    so that undo puts back exactly what was there."""

    label: str
    before: tuple[Document, tuple[Annotation, ...], tuple[dict, ...]]
    after: tuple[Document, tuple[Annotation, ...], tuple[dict, ...]]

    def inverse(self) -> "Recleaned":
        return Recleaned(self.label, self.after, self.before)


class Rejection(NamedTuple):
    """A suggestion rejected: remembered in the sidecar so that it does not come back."""

    label: str
    rule: str
    start: int
    end: int
    undone: bool = False

    def inverse(self) -> "Rejection":
        return Rejection(self.label, self.rule, self.start, self.end, not self.undone)


class StateChange(NamedTuple):  # a NamedTuple: see readtui.document.Block
    """The annotator's state of the document (the sidecar's `states`): done, in progress, or
    none (None)."""

    label: str
    annotator: str
    before: str | None
    after: str | None

    def inverse(self) -> "StateChange":
        return StateChange(self.label, self.annotator, self.after, self.before)


# what the history holds: each can be applied and inverted
Edit = Change | Recleaned | Rejection | StateChange


class View(NamedTuple):
    """Whose marks are shown to `annotator`: their own (`of` is their name), another
    annotator's, or everyone's (`of` None). A mark that names nobody (imported, or made before
    annotators were recorded) counts as the user's own: nobody else can edit it."""

    annotator: str
    of: str | None

    def owns(self, annotation: Annotation) -> bool:
        """Whether the user may edit `annotation`."""
        return annotation.annotator in (self.annotator, "")

    @property
    def mine(self) -> bool:
        return self.of == self.annotator

    @property
    def names(self) -> tuple[str, ...] | None:
        """The annotator names whose marks are shown; None: everyone's."""
        if self.of is None:
            return None
        return (self.annotator, "") if self.mine else (self.of,)


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

    def step(
        self, offset: int, forward: bool, current: Annotation | None = None
    ) -> Annotation | None:
        """The next (or previous) annotation in reading order, (start, end, id).

        From `current` when the cursor is at its start, so that marks starting together, or over
        the same text, are each visited; otherwise from the cursor.
        """
        if current is not None and current.start == offset:
            index = bisect_left(self.items, current.sort_key, key=lambda a: a.sort_key)
            if index < len(self.items) and self.items[index].id == current.id:
                index += 1 if forward else -1
                return self.items[index] if 0 <= index < len(self.items) else None
        if forward:
            index = bisect_right(self.starts, offset)
            return self.items[index] if index < len(self.items) else None
        index = bisect_left(self.starts, offset) - 1
        return self.items[index] if index >= 0 else None


SET_ASIDE = "set_aside"


def retagged_attrs(attrs: dict, defined: tuple[str, ...]) -> dict:
    """Attributes for a new tag: the ones it defines, the rest kept under `set_aside`."""
    pool = {**attrs.get(SET_ASIDE, {}), **{k: v for k, v in attrs.items() if k != SET_ASIDE}}
    kept = {name: pool[name] for name in defined if name in pool}
    aside = {name: value for name, value in pool.items() if name not in kept}
    return {**kept, SET_ASIDE: aside} if aside else kept


class Editor:
    """The annotations of one open document and the history of edits to them."""

    def __init__(
        self,
        store: AnnotationStore | None,
        annotator: str,
        text: str = "",
        annotations: list[Annotation] | None = None,
    ):
        """Without a store the editor only reads `text` and the `annotations` given (none by
        default), and edits are not possible: the reader shows a long article's first screens
        so while the rest loads, and the text cleaning removed so (`R`)."""
        self.store = store
        self.text = store.document.text if store else text
        self.annotator = annotator
        # every annotator's; `shown` and `index` hold those of the view only
        self.annotations = (
            store.annotations() if store else sorted(annotations or [], key=lambda a: a.sort_key)
        )
        self.view = View(annotator, annotator)
        self._reindex()
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []

    def _reindex(self) -> None:
        names = self.view.names  # once, not once an annotation: this runs after every edit
        shown = self.annotations
        if names is not None:
            shown = [a for a in shown if a.annotator in names]
        self.shown = shown
        self.index = SpanIndex(shown)

    def show_marks_of(self, annotator: str | None) -> None:
        """Show `annotator`'s marks (the user's name: their own), or everyone's (None)."""
        self.view = View(self.annotator, annotator)
        self._reindex()

    @property
    def state(self) -> str | None:
        """The user's state of the document (readtui.store: IN_PROGRESS, DONE), or None."""
        return self.store.state_of(self.annotator) if self.store else None

    # Queries
    def under(self, offset: int) -> Annotation | None:
        """The innermost annotation at `offset`: the one keys like `c`, `e` and `x` act on."""
        covering = self.index.covering(offset)
        return covering[0] if covering else None

    # Edits
    def tag(self, start: int, end: int, tag: str, attrs: dict | None = None) -> Annotation | None:
        """Tag the span snapped to whole words; None when nothing is left or it already exists."""
        start, end = snap_span(self.text, start, end)
        if start >= end or self._has_own(start, end, tag):
            return None
        annotation = Annotation.create(self.text, start, end, tag, self.annotator, attrs=attrs)
        self._do(Change(f"tag {tag}", (), (annotation,)))
        return annotation

    def delete(self, annotation: Annotation) -> None:
        self._do(Change(f"delete {annotation.tag}", (annotation,), ()))

    def retag(self, annotation: Annotation, tag: str, defined: tuple[str, ...]) -> Annotation:
        """Give `annotation` another tag; note and attributes stay. Attributes that the new tag
        does not define (`defined`: its attribute names) are set aside under `set_aside`, and
        come back when a later retag defines them again."""
        return self._replace(
            annotation,
            annotation.edited(tag=tag, attrs=retagged_attrs(annotation.attrs, defined)),
            f"retag as {tag}",
        )

    def resize(self, annotation: Annotation, start: int, end: int) -> Annotation | None:
        """Move the span's ends (snapped to whole words); tag, note and attributes stay. The
        user has placed it: a fuzzy or orphan annotation is `ok` from now on."""
        start, end = snap_span(self.text, start, end)
        if start >= end:
            return None
        if (start, end) == (annotation.start, annotation.end) and annotation.status == "ok":
            return annotation
        resized = annotation.edited(
            start=start, end=end, quote=Quote.of(self.text, start, end), status="ok"
        )
        verb = "resize" if annotation.status in ("ok", "moved") else "re-place"
        return self._replace(annotation, resized, f"{verb} {annotation.tag}")

    def confirm(self, annotation: Annotation) -> Annotation:
        """Accept a re-anchored annotation where it now is: its status becomes `ok`, and its
        quote the text it covers."""
        confirmed = annotation.edited(
            status="ok", quote=Quote.of(self.text, annotation.start, annotation.end)
        )
        return self._replace(annotation, confirmed, f"confirm {annotation.tag}")

    def set_note(self, annotation: Annotation, note: str) -> Annotation:
        return self._replace(annotation, annotation.edited(note=note), "note")

    def set_attrs(self, annotation: Annotation, attrs: dict) -> Annotation:
        return self._replace(annotation, annotation.edited(attrs=dict(attrs)), "attributes")

    def correct(self, verb: str, text: str, occurrence: int | None = None) -> Recleaned | None:
        """Correct the cleaner (`keep`, `drop` or `title` the block with this exact text, the
        `occurrence`-th with it where several have it); the annotations re-anchor to the new
        text. None when no block has that text."""
        from readtui.corrections import apply_corrections, describe  # not needed at start-up

        store = self._writable()
        document = store.document
        override = {verb: text} if occurrence is None else {verb: text, "occurrence": occurrence}
        corrected = apply_corrections(document, [*document.overrides, override])
        if len(corrected.unmatched) > len(document.unmatched):
            return None
        annotations, rejected = store.reanchored_to(corrected)
        change = Recleaned(
            describe(override),
            (document, tuple(self.annotations), tuple(store.rejected())),
            (corrected, tuple(annotations), tuple(rejected)),
        )
        self._do(change)
        return change

    def accept(
        self, rule: str, start: int, end: int, tag: str, attrs: dict | None = None
    ) -> Annotation | None:
        """Accept a suggestion of `rule` as an annotation tagged `tag` (`origin:
        suggested:<rule>`); None when that tag is there already."""
        if self._has_own(start, end, tag):
            return None
        annotation = Annotation.create(
            self.text, start, end, tag, self.annotator, f"suggested:{rule}", attrs=attrs
        )
        self._do(Change(f"accept {tag}", (), (annotation,)))
        return annotation

    def reject(self, rule: str, start: int, end: int) -> Rejection:
        """Reject a suggestion: it is kept in the sidecar's `rejected` and does not come back."""
        change = Rejection(f"reject {rule}", rule, start, end)
        self._do(change)
        return change

    def _has_own(self, start: int, end: int, tag: str) -> bool:
        """The user has a mark of `tag` over [start, end) (another annotator's does not count:
        each annotates on their own)."""
        return any(
            a.start == start and a.end == end and a.tag == tag and self.view.owns(a)
            for a in self.annotations
            if not a.is_orphan
        )

    def set_state(self, state: str, label: str) -> StateChange:
        """The user's state of the document becomes `state` (undoable like an edit)."""
        change = StateChange(label, self.annotator, self.state, state)
        self._do(change)
        return change

    def _replace(self, old: Annotation, new: Annotation, label: str) -> Annotation:
        self._do(Change(label, (old,), (new,)))
        return new

    def reload(self) -> None:
        """Take the store's annotations and text as they are now (another writer's work was
        merged in). Snapshots of the whole document leave the history: undoing one would
        throw that work away."""
        store = self._writable()
        self.text = store.document.text
        self.annotations = store.annotations()
        self._reindex()
        self._undo = [e for e in self._undo if not isinstance(e, Recleaned)]
        self._redo = [e for e in self._redo if not isinstance(e, Recleaned)]

    # History
    def undo(self) -> Edit | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        self._apply(change.inverse())
        self._redo.append(change)
        return change

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._apply(change)
        self._undo.append(change)
        return change

    def _do(self, change: Edit) -> None:
        self._apply(change)
        self._undo.append(change)
        self._redo.clear()
        if not isinstance(change, StateChange) and self.state is None:
            # the user has started on this document; not undone with the edit (it stays begun)
            self.store.set_state(self.annotator, IN_PROGRESS)

    def _writable(self) -> AnnotationStore:
        if self.store is None:
            raise RuntimeError("this editor has no store: nothing can be changed")
        return self.store

    def _apply(self, change: Edit) -> None:
        store = self._writable()
        if isinstance(change, StateChange):
            store.set_state(change.annotator, change.after)
            return
        if isinstance(change, Rejection):
            if change.undone:
                store.unreject(change.rule, change.start, change.end)
            else:
                store.reject(change.rule, change.start, change.end)
            return
        if isinstance(change, Recleaned):
            document, annotations, rejected = change.after
            store.replace_document(document, list(annotations), list(rejected))
            self.text = document.text
            self.annotations = sorted(annotations, key=lambda a: a.sort_key)
            self._reindex()
            return
        removed_ids = {a.id for a in change.removed}
        with store.batch():
            for annotation in change.removed:
                store.remove(annotation.id)
            for annotation in change.added:
                store.add(annotation)
        kept = [a for a in self.annotations if a.id not in removed_ids]
        self.annotations = sorted(kept + list(change.added), key=lambda a: a.sort_key)
        self._reindex()
