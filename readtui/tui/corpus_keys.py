"""Moving through a corpus from the reader (SPEC §5 `D`, `>`, `<`).

`D` marks the article done for this annotator, or back to in progress: the sidecar's `states`,
undoable like an edit (readtui.editing). `>` saves and opens the next article of the library's
order that this annotator has not marked done; past the last it goes round to the first, since
articles skipped earlier may still be waiting. `<` saves and opens the previous article, done or
not, and stops at the first. Reopening an article puts the cursor and the scroll back where this
user left them (readtui.positions): read after the first frame, which does not wait for it.
"""

from pathlib import Path

from rich.text import Text

from readtui.positions import Position, recall, remember
from readtui.store import DONE, IN_PROGRESS, read_states, state_in
from readtui.wording import count_of

KEEP_EVERY = 10.0  # seconds: the place is kept while reading too, for a session that dies


class CorpusKeys:
    """The reader screen's `D`, `>`, `<`, and the place kept (mixed into ReaderScreen)."""

    _placed = False  # the place kept was looked up (or the article is not whole yet)
    _kept: Position | None = None  # the place last written
    _view_kept = None  # the ReaderView: its place is read as the screen goes, children first

    # D
    def action_toggle_done(self) -> None:
        if self.editor.state == DONE:
            self.editor.set_state(IN_PROGRESS, "back to in progress")
            message = "Back to in progress (u undoes)"
        else:
            self.editor.set_state(DONE, "marked done")
            message = "Done (u undoes) · > opens the next article not done"
        self._after_change(message=message)

    def state_label(self) -> Text:
        """The user's state of the article, for the title bar."""
        state = self.editor.state
        if state == DONE:
            return Text(" ✓ done ", style="bold green")
        if state == IN_PROGRESS:
            return Text(" in progress ", style="dim")
        return Text()

    # > and <
    def action_next_article(self, step: int) -> None:
        order = self.app.library_order()
        if not order:
            self._show_status(Text(" > and < need a library: readtui was opened on one file"))
            return
        here = order.index(self.document.path) if self.document.path in order else -1
        if step < 0:
            if here <= 0:
                self._show_status(Text(" This is the first article of the library"))
                return
            self._open_instead(order[here - 1], f"Article {here} of {len(order)}")
            return
        annotator = self.editor.annotator
        after, before = order[here + 1 :], order[: max(0, here)]
        for wrapped, candidates in ((False, after), (True, before)):
            for skipped, path in enumerate(candidates):
                if state_in(read_states(path), annotator) != DONE:
                    number = order.index(path) + 1
                    said = f"Article {number} of {len(order)}, the next not done"
                    if skipped:
                        said += f" ({count_of(skipped, 'done article')} skipped)"
                    if wrapped:
                        said = f"Past the end of the library, back to the start: {said}"
                    self._open_instead(path, said)
                    return
        rest = "every article" if self.editor.state == DONE else "every other article"
        self._show_status(Text(f" You have marked {rest} of the library done"))

    def _open_instead(self, path: Path, message: str) -> None:
        """Save, close this article and open the one at `path`; when saving fails, the user
        chooses what to do and the article stays open."""
        store = self.store
        if store is not None and (store.unsaved or store.save_error is not None):
            try:
                store.save()
            except OSError as error:
                self._offer_save_elsewhere(error)
                self._update_bars()
                return
        app = self.app
        app.pop_screen()
        if app.open_article(path):
            app.notify(message, markup=False, timeout=4)

    # The place kept
    def restore_position(self) -> None:
        """Put the reader where this user left the article, once it is whole; not if the user
        has moved already (while a long article loaded)."""
        path = self.document.path
        if self._placed or path is None or self.store is None:
            return
        self._placed = True
        reader = self._view_kept = self.reader
        self.set_interval(KEEP_EVERY, self.keep_position)
        blocks = self.document.blocks
        if reader.cursor != (blocks[0].start if blocks else 0):
            return
        place = recall(path, self.editor.annotator, len(self.document.text))
        if place is None:
            return
        self._kept = place
        layout, height = reader.layout_rows, reader.scrollable_content_region.height
        # the rows to show wrapped first, so that the height scrolled in is exact (near the end
        # of the text, an estimate would stop the scroll short); rows above them stay put
        top_y = layout.y_of(place.top)
        layout.wrap_range(top_y, height)
        reader.move_to(place.cursor)
        cursor_y = layout.y_of(reader.cursor)
        if 0 <= cursor_y - top_y < height:
            reader.scroll_to(y=top_y, animate=False, immediate=True)
        else:  # a narrower terminal than then: the cursor first
            reader.scroll_to_cursor(center=True)

    def current_position(self) -> Position | None:
        """Where the user is, in offsets of the document (not of the removed text's view)."""
        reader = self._view_kept
        if reader is None:
            return None
        layout, y = reader.layout_rows, round(reader.scroll_y)
        while layout.row(y).block < 0 and y + 1 < layout.height:  # a blank row between blocks
            y += 1
        row = layout.row(y)
        cursor, top = reader.cursor, row.start if row.block >= 0 else reader.cursor
        if self.showing_removed:
            cursor, top = self._all_blocks.from_full(cursor), self._all_blocks.from_full(top)
        return Position(cursor, top)

    def keep_position(self) -> None:
        """Write where the user is, if that changed since the last write."""
        position = self.current_position()
        if position is None or position == self._kept:
            return
        error = remember(self.document.path, self.editor.annotator, position)
        if error is None:
            self._kept = position
        else:  # a convenience: the user is not interrupted for it
            self.log.warning(f"cannot keep the place in the article: {error}")
