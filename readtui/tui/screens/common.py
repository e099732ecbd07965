"""Pieces the dialogs share: the key-hint line and tag labels."""

from rich.color import Color, ColorParseError
from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from readtui.config import TagDef


class KeyHints(Static):
    """The dialog's own footer line: the keys its screen binds (with show=True), kept current.

    A Footer would dock to the bottom of the terminal and list the app's keys too; a dialog
    wants its own few keys right under its fields.
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        keys_by_action: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for namespace, binding, enabled, _tooltip in screen.active_bindings.values():
            if namespace is screen and binding.show and enabled:
                keys_by_action.setdefault(binding.action, []).append(
                    self.app.get_key_display(binding)
                )
                descriptions[binding.action] = binding.description
        hints = Text()
        for action, keys in keys_by_action.items():
            if hints:
                hints.append("  ")
            hints.append("/".join(keys), style="bold")
            hints.append(f" {descriptions[action]}")
        self.update(hints)


def tag_style(tag: TagDef, bold: bool = False) -> Style:
    """The tag's colour as a style; a colour Rich cannot parse (a typo in readtui.toml) is
    left out rather than breaking the render."""
    try:
        colour = Color.parse(tag.colour)
    except ColorParseError:
        return Style(bold=bold)
    return Style(color=colour, bold=bold)


def tag_label(tag: TagDef) -> Text:
    """`1 C claim`: key number, the letter the gutter shows, and the name, in the tag colour."""
    return Text.assemble(
        (f"{tag.key} ", "dim"),
        (f"{tag.letter} ", tag_style(tag, bold=True)),
        (tag.name, tag_style(tag)),
    )
