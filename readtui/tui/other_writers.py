"""Another window, or another annotator on a shared folder, saving the same article.

The store merges what they saved whenever it writes (readtui.store, readtui.merge); here the
reader also looks at the sidecar every few seconds and takes their changes in as they come, then
shows them and says what came in. A snapshot in the undo history (a correction of the cleaning
undone restores the whole text and every annotation) would throw their work away again, so such
entries leave the history when another writer's work comes in.
"""

from pathlib import Path

CHECK_EVERY = 2.0  # seconds between two looks at the sidecar


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class OtherWriters:
    """Taking in other writers' work (mixed into ReaderScreen)."""

    _sidecar_stamp: tuple[int, int] | None = None

    def watch_sidecar(self) -> None:
        self._sidecar_stamp = stamp(self.store.path)
        self.set_interval(CHECK_EVERY, self._look_at_sidecar)

    def _look_at_sidecar(self) -> None:
        if self.store is None or self.store.unsaved:
            return  # our own write comes first, and merges on the way
        now = stamp(self.store.path)
        if now == self._sidecar_stamp:
            return
        self._sidecar_stamp = now
        try:
            self.store.refresh()
        except OSError as error:  # unreadable for now (a writer halfway?): look again later
            self._sidecar_stamp = None
            self.log.warning(f"cannot take in the sidecar: {error}")
            return
        self.took_in_others()

    def took_in_others(self) -> None:
        """Show what the store merged in from another writer, if anything, and say so."""
        self._sidecar_stamp = stamp(self.store.path)
        merges, self.store.merges = self.store.merges, []
        if not merges:
            return
        self.editor.reload()
        if self.store.document.text != self.document.text:
            self.document = self.store.document
            self.reader.show_document(self.document, self.editor, keep_cursor=True)
        self.reader.annotations_changed()
        self.annotation_list.show(self.editor.annotations)
        self._count_tags()
        self._update_bars()
        self.find_suggestions()
        notes = [note for merge in merges for note in merge.notes]
        summary = "; ".join(merge.summary("another window or annotator") for merge in merges)
        self.notify(
            summary + ("\n" + "\n".join(notes[:5]) if notes else ""),
            title="Saved elsewhere too: merged",
            markup=False,
            timeout=8,
        )
