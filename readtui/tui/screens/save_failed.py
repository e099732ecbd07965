"""Saving the sidecar failed: retry, save elsewhere, keep working, or (when quitting) discard."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from readtui.tui.screens.common import KeyHints


class SaveFailedDialog(ModalScreen[tuple[str, str] | None]):
    """Dismisses with ("retry", ""), ("elsewhere", path), ("discard", "") or None (keep working).

    "discard" is offered only when quitting, and takes a second press of `d` to confirm.
    """

    CSS_PATH = "save_failed.tcss"
    BINDINGS = [
        Binding("r", "retry", "Retry"),
        Binding("e", "elsewhere", "Save elsewhere"),
        Binding("d", "discard", "Quit without saving"),
        Binding("escape", "keep_working", "Keep working"),
    ]

    def __init__(self, message: str, suggested_path: str, quitting: bool = False):
        super().__init__()
        self.message = message
        self.suggested_path = suggested_path
        self.quitting = quitting
        self.discard_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Saving failed", style="bold"), id="title")
            yield Static(Text(self.message), id="message")
            yield Static(
                Text("Your changes are kept in memory: nothing is lost while readtui runs."),
                id="kept",
            )
            with Horizontal(id="buttons"):
                yield Button(Text("Retry (r)"), variant="primary", id="retry")
                yield Button(Text("Save elsewhere (e)"), id="elsewhere")
                yield Button(Text("Keep working (esc)"), id="keep_working")
                if self.quitting:
                    yield Button(Text("Quit without saving (d)"), variant="error", id="discard")
            with Vertical(id="elsewhere-path"):
                yield Static(Text("Save the annotations to this file instead (enter saves):"))
                yield Input(self.suggested_path, select_on_focus=False, id="path")
            yield Static(id="confirm")
            yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self.query_one("#retry", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.quitting if action == "discard" else True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.run_action(event.button.id or "")  # each button's id names its action

    def action_retry(self) -> None:
        self.dismiss(("retry", ""))

    def action_elsewhere(self) -> None:
        self.query_one("#elsewhere-path").display = True
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(("elsewhere", event.value.strip()))

    def action_discard(self) -> None:
        if self.discard_armed:
            self.dismiss(("discard", ""))
            return
        self.discard_armed = True
        warning = "Press d again to quit and lose the unsaved changes."
        self.query_one("#confirm", Static).update(Text(warning))

    def action_keep_working(self) -> None:
        self.dismiss(None)
