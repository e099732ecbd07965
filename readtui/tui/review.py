"""Review of what re-anchoring could not place with certainty (SPEC §5 `ctrl+r`).

`ctrl+r` walks the fuzzy and orphan annotations one by one. For each: enter accepts it where it
is (a fuzzy one; its status becomes `ok`), selecting the right text and pressing `=` re-places it
(an orphan too), `x` deletes it on purpose, `ctrl+r` goes on to the next. An orphan has no place,
so the status line shows its old text, for the user to find where it went (`/` searches).
"""

from rich.text import Text

from readtui.annotations import Annotation
from readtui.tui.sidebar import snippet

REVIEWED = ("fuzzy", "orphan")


class ReviewKeys:
    """The reader screen's review keys (mixed into ReaderScreen)."""

    _review: list[str] | None = None  # ids still to review, the current one first

    @property
    def reviewing(self) -> bool:
        return self._review is not None

    def review_current(self) -> Annotation | None:
        if not self._review:
            return None
        return next((a for a in self.editor.annotations if a.id == self._review[0]), None)

    def action_review(self) -> None:
        """Start the review, or go on to the next annotation in it."""
        if self._review is None:
            # the placed ones in reading order, then the orphans, which have no place
            pending = [
                a.id
                for a in sorted(self.editor.annotations, key=lambda a: (a.is_orphan, a.sort_key))
                if a.status in REVIEWED
            ]
            if not pending:
                self.notify("Nothing to review: every annotation is placed", markup=False,
                            timeout=3)  # fmt: skip
                return
            self._review = pending
        else:
            self._review = self._review[1:]
        self._show_review()

    def _show_review(self) -> None:
        # those reviewed meanwhile by other keys (deleted, re-placed) drop out
        still = {a.id for a in self.editor.annotations if a.status in REVIEWED}
        self._review = [i for i in self._review or [] if i in still]
        annotation = self.review_current()
        if annotation is None:
            self._review = None
            self.notify("Review done", markup=False, timeout=2)
        else:
            self._current_id = annotation.id
            self.annotation_list.select_id(annotation.id, post=False)
            if not annotation.is_orphan:
                self.reader.move_to(self.reader_offset(annotation.start), center=True)
        self.refresh_bindings()
        self._update_bars()

    def reviewed(self) -> None:
        """After an edit during the review: on to the next one still to review."""
        if self._review is not None:
            self._show_review()

    def action_review_accept(self) -> None:
        annotation = self.review_current()
        if annotation is None:
            return
        if annotation.is_orphan:
            self.notify("An orphan has no place: select where it belongs and press =",
                        markup=False, timeout=3)  # fmt: skip
            return
        confirmed = self.editor.confirm(annotation)
        self._after_change(confirmed, f"Accepted {annotation.tag} where it is (u undoes)")
        self.reviewed()

    def review_place(self) -> bool:
        """`=` with a selection during the review: the current annotation goes there."""
        annotation, selection = self.review_current(), self.reader.selection()
        if annotation is None or selection is None:
            return False
        placed = self.editor.resize(annotation, *selection)
        if placed is None:
            self.notify("Nothing but punctuation is selected", markup=False, timeout=2)
            return True
        self.reader.clear_selection()
        self.reader.move_to(placed.start)
        self._after_change(placed, f"Re-placed {placed.tag} (u undoes)")
        self.reviewed()
        return True

    def review_status(self, annotation: Annotation) -> Text:
        count = len(self._review or [])
        status = Text(" ")
        status.append(f"REVIEW {count} left", style="bold reverse")
        tag = self.config.tag(annotation.tag)
        status.append(f" {annotation.status} ", style="bold")
        status.append(annotation.tag, style=f"bold {tag.colour if tag else ''}")
        status.append(f" was “{snippet(annotation.quote.exact, 40)}”")
        how = "select + = places · x deletes" if annotation.is_orphan else (
            "enter accepts · select + = re-places · x deletes"
        )
        status.append(f"  {how} · ^r next", style="dim")
        return status
