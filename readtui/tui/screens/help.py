"""Every key of the current screen, in a scrollable table."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from readtui.tui.screens.common import KeyHints


class HelpScreen(ModalScreen[None]):
    """`rows` are (key display, description) pairs, built by the caller from its bindings."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, title: str, rows: list[tuple[str, str]]):
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), id="title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="keys-table")
            yield KeyHints(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(Text("Key"), Text("Action"))
        table.add_rows((Text(key, style="bold"), Text(text)) for key, text in self.rows)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
