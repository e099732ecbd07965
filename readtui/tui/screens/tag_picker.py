"""Pick a tag by typing part of its name (or its key number)."""

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from readtui.config import TagDef
from readtui.tui.screens.common import KeyHints, tag_label


def matching_tags(tags: Sequence[TagDef], query: str) -> list[TagDef]:
    """Tags whose name holds `query` (any case), or whose key number it is."""
    query = query.strip().casefold()
    return [tag for tag in tags if query in tag.name.casefold() or query == str(tag.key)]


class TagPicker(ModalScreen[str | None]):
    """Dismisses with the picked tag's name, or None when cancelled."""

    CSS_PATH = "tag_picker.tcss"
    BINDINGS = [
        Binding("enter", "pick", "Tag", priority=True),  # before the filter input's own enter
        Binding("escape", "cancel", "Cancel"),
        # The filter keeps the focus; these move the highlight in the list below it.
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, tags: Sequence[TagDef]):
        super().__init__()
        self.tags = list(tags)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Tag the selection", style="bold"), id="title")
            yield Input(placeholder="type to filter", id="filter")
            yield OptionList(id="tags")
            yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self._show(self.tags)
        self.query_one("#filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(matching_tags(self.tags, event.value))

    def _show(self, tags: list[TagDef]) -> None:
        options = self.query_one("#tags", OptionList)
        options.clear_options()
        options.add_options(Option(tag_label(tag), id=tag.name) for tag in tags)
        options.highlighted = 0 if tags else None

    def action_move(self, step: int) -> None:
        options = self.query_one("#tags", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = (current + step) % options.option_count

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)  # a click on a tag, or enter with the list focused

    def action_pick(self) -> None:
        options = self.query_one("#tags", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
