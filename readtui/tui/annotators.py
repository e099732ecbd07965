"""Several annotators' work in one sidecar (SPEC §5 `ctrl+o`).

The reader shows the user's own marks, so that each annotates without seeing the others' (what
agreement figures assume). `ctrl+o` cycles through each other annotator's marks, then
everyone's, then back to the user's own. Others' marks are dimmed and read-only: a key that would
edit one says so in the status line, and while only another annotator's marks are shown nothing
new is made (it would not be shown). `]`/`[`, `;`, the review and the list follow what is shown:
the editor's `index` holds the marks of its `View` only (readtui.editing).
"""

from rich.text import Text

from readtui.annotations import Annotation
from readtui.tui.review import REVIEWED


class AnnotatorViews:
    """The reader screen's `ctrl+o`, and the guard on others' marks (mixed into ReaderScreen)."""

    _others: tuple[list[Annotation], list[str]] | None = None  # (the annotations, their names)

    def other_annotators(self) -> list[str]:
        """The other annotators with marks in this article, by name."""
        annotations = self.editor.annotations  # a new list after every change
        if self._others is None or self._others[0] is not annotations:
            view = self.editor.view
            names = sorted({a.annotator for a in annotations if not view.owns(a)})
            self._others = (annotations, names)
        return self._others[1]

    def action_cycle_annotators(self) -> None:
        view, others = self.editor.view, self.other_annotators()
        if view.mine and not others:
            self._show_status(Text(" Only your own marks are in this article"))
            return
        cycle = [view.annotator, *others, None]  # None: everyone's
        if view.of in cycle:
            self.show_marks_of(cycle[(cycle.index(view.of) + 1) % len(cycle)])
        else:  # that annotator's marks are gone (merged in from another writer)
            self.show_marks_of(view.annotator)

    def show_marks_of(self, annotator: str | None) -> None:
        """Show `annotator`'s marks (the user's name: their own), or everyone's (None)."""
        if self.reader.resizing is not None:
            self.reader.end_resize()
        self._review = None  # it walks the marks shown
        self.editor.show_marks_of(annotator)
        self.annotation_list.view = self.editor.view
        self.annotation_list.show(self.editor.annotations)
        self._current_id = None
        self.reader.annotations_changed()
        self._count_tags()
        self.refresh_bindings()
        self._update_bars()
        view = self.editor.view
        if view.mine:
            said = " Your own marks · ctrl+o shows another annotator's"
        elif view.of is None:
            said = " Everyone's marks: others' dimmed and read-only · ctrl+o: yours"
        else:
            said = f" {view.of}'s marks: read-only · ctrl+o: the next"
        self._show_status(Text(said))

    def view_label(self) -> Text:
        """Whose marks are shown, for the title bar; nothing when only the user's own exist."""
        view = self.editor.view
        if view.of is None:
            return Text(" everyone's marks ", style="bold reverse")
        if not view.mine:
            return Text(f" {view.of}'s marks ", style="bold reverse")
        others = len(self.other_annotators())
        if not others:
            return Text()
        return Text(f" yours (^o: {others} other{'' if others == 1 else 's'}) ", style="dim")

    def owner_note(self, annotation: Annotation) -> str:
        """For the status line: whose a mark is, when it is not the user's own."""
        if self.editor.view.owns(annotation):
            return ""
        return f" ({annotation.annotator}'s, read-only)"

    # The guard
    def may_edit(self, annotation: Annotation) -> bool:
        """Whether the user may edit `annotation`; if not, the status line says why."""
        if self.editor.view.owns(annotation):
            return True
        owner = annotation.annotator
        self._show_status(Text(f" {owner}'s {annotation.tag} is read-only · ctrl+o shows yours"))
        return False

    def may_add(self) -> bool:
        """Whether a new mark would be shown (not while only another's are); if not, says so."""
        view = self.editor.view
        if view.mine or view.of is None:
            return True
        self._show_status(Text(f" {view.of}'s marks are shown, read-only: ctrl+o to yours to tag"))
        return False

    # Suggestions and the review (readtui.tui.suggestions, readtui.tui.review) act on the user's
    # own marks only
    def accept_hint(self, hint, tag_name: str | None = None) -> None:
        if self.may_add():
            super().accept_hint(hint, tag_name)

    def reject_hint(self, hint) -> None:
        if self.may_add():
            super().reject_hint(hint)

    def action_review(self) -> None:
        if self._review is None:
            if not self.may_add():
                return
            view = self.editor.view
            pending = [a for a in self.editor.shown if a.status in REVIEWED]
            if pending and not any(view.owns(a) for a in pending):
                self.notify("Nothing of yours to review: the marks left are others'",
                            markup=False, timeout=3)  # fmt: skip
                return
        super().action_review()

    def _show_review(self) -> None:
        view = self.editor.view
        own = {a.id for a in self.editor.shown if view.owns(a)}
        self._review = [i for i in self._review or [] if i in own]
        super()._show_review()
