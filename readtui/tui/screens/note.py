"""Write or edit the note of an annotation."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from readtui.tui.screens.common import KeyHints

CONTEXT_CHARS = 240  # enough to recognise the passage; the dialog is not a reader


def passage_preview(context: str, limit: int = CONTEXT_CHARS) -> Text:
    """The annotated passage on a few lines: line breaks folded, long passages cut with '…'."""
    flat = " ".join(context.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return Text(flat, style="italic")


class NoteDialog(ModalScreen[str | None]):
    """Dismisses with the new note (outer white space trimmed), or None when cancelled."""

    CSS_PATH = "note.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, note: str, context: str):
        super().__init__()
        self.note = note
        self.context = context

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Note", style="bold"), id="title")
            yield Static(passage_preview(self.context), id="context")
            yield TextArea(self.note, soft_wrap=True, id="note")
            yield KeyHints(id="keys")

    def on_mount(self) -> None:
        note = self.query_one("#note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note", TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
