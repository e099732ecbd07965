"""Correcting the cleaner from the reader (SPEC §2, §5): `R` shows what cleaning removed, dimmed
in place; `+` restores the removed block under the cursor, `-` drops the block under the cursor,
`T` makes it the title. Each correction goes through the editor (undoable, saved at once) and
the annotations re-anchor to the corrected text.

While the removed text is shown the reader holds the document with every block (`AllBlocks`),
whose offsets are not the annotations': annotating waits until `R` again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from readtui.document import Block
from readtui.editing import Editor, Recleaned
from readtui.tui.reader import REMOVED_MARK

if TYPE_CHECKING:  # loaded with the first `R`, not at start-up
    from readtui.corrections import AllBlocks


class CleaningCorrections:
    """The reader screen's correction keys (mixed into ReaderScreen)."""

    # keys that edit annotations: they wait while the removed text is shown
    ANNOTATING_ACTIONS = frozenset(
        {
            "tag_key", "tag_by_name", "note", "attributes", "delete", "resize", "swap_ends",
            "apply_resize", "cycle_current", "next_annotation", "toggle_suggestions",
            "accept_suggestion", "review", "review_accept",
        }
    )  # fmt: skip

    _all_blocks: AllBlocks | None = None

    @property
    def showing_removed(self) -> bool:
        return self._all_blocks is not None

    def action_toggle_removed(self) -> None:
        if self._all_blocks is None:
            if not self.document.removed:
                self.notify("Cleaning removed nothing from this article", markup=False, timeout=3)
                return
            self._show_all_blocks(self.reader.cursor)
        else:
            cursor = self._all_blocks.from_full(self.reader.cursor)
            self._all_blocks = None
            self.reader.show_document(self.document, self.editor, keep_cursor=False)
            self.reader.move_to(cursor, center=True)
        self._draw_hints()  # suggestions wait while the removed text is shown
        self.refresh_bindings()
        self._update_bars()

    def _show_all_blocks(self, cursor: int | None = None, full_cursor: int | None = None) -> None:
        """Show the document with its removed blocks; the cursor at a document offset, or at an
        offset of that view."""
        from readtui.corrections import AllBlocks

        view = self._all_blocks = AllBlocks(self.document)
        shown = Editor(None, self.editor.annotator, view.full.text, view.annotations(
            self.editor.annotations
        ))  # fmt: skip
        self.reader.show_document(view.full, shown, keep_cursor=False)
        self.reader.move_to(view.to_full(cursor) if full_cursor is None else full_cursor)
        self.reader.scroll_to_cursor(center=True)

    def reader_offset(self, offset: int) -> int:
        """Where an offset of the document is in the reader (which may show the removed text)."""
        return offset if self._all_blocks is None else self._all_blocks.to_full(offset)

    def _block_here(self) -> tuple[Block, str] | None:
        reader = self.reader
        block = reader.document.block_at(reader.cursor)
        if block is None:
            self.notify("The cursor is between blocks", markup=False, timeout=2)
            return None
        return block, reader.document.text[block.start : block.end]

    def action_restore_block(self) -> None:
        if self._all_blocks is None:
            self.notify("R shows what cleaning removed; + restores the block under the cursor",
                        markup=False, timeout=3)  # fmt: skip
            return
        here = self._block_here()
        if here is None:
            return
        if here[0].kind != "removed":
            self.notify("This block is in the article", markup=False, timeout=2)
            return
        self._correct("keep", here[1])

    def action_drop_block(self) -> None:
        here = self._block_here()
        if here is None:
            return
        if here[0].kind == "removed":
            self.notify("Cleaning removed this block already", markup=False, timeout=2)
            return
        self._correct("drop", here[1])

    def action_make_title(self) -> None:
        here = self._block_here()
        if here is None:
            return
        if here[0].kind == "title":
            self.notify("This is the title", markup=False, timeout=2)
            return
        self._correct("title", here[1])

    def _correct(self, verb: str, text: str) -> None:
        reader = self.reader
        reader.clear_selection()
        block_start = reader.document.block_at(reader.cursor).start
        # which block of the page it is, where others have the same text
        from readtui.corrections import AllBlocks, occurrence_of

        view = self._all_blocks or AllBlocks(self.document)
        full_start = block_start if self._all_blocks else view.to_full(block_start)
        at = view.full.blocks.index(view.full.block_at(full_start))
        texts = [view.full.text[b.start : b.end] for b in view.full.blocks]
        change = self.editor.correct(verb, text, occurrence_of(texts, at))
        if change is None:  # the blocks shown are the document's: only a bug gets here
            self.notify("No block has this text", markup=False, severity="error")
            return
        self.show_corrected(change, block_start if verb != "title" else 0)

    def show_corrected(self, change: Recleaned, at: int) -> None:
        """The document after a correction (or its undo): `at` is where the cursor goes, an
        offset of what the reader shows (in the removed view, that view's text keeps its
        offsets when a block is kept or dropped)."""
        self.document = self.store.document
        self.find_suggestions()  # the text changed under them
        if self._all_blocks is not None:
            self._show_all_blocks(full_cursor=at)
        else:
            self.reader.show_document(self.document, self.editor, keep_cursor=False)
            self.reader.move_to(at, center=True)
        self._after_change(message=f"{change.label} (u undoes)")

    def removed_status(self) -> Text:
        """The status line while the removed text is shown."""
        status = Text(" ")
        status.append(f"{REMOVED_MARK} REMOVED TEXT", style="bold reverse")
        block = self.reader.document.block_at(self.reader.cursor)
        if block is not None and block.kind == "removed":
            status.append("  + restores · T title · R back")
        else:
            status.append("  - drops · T title · R back")
        return status
