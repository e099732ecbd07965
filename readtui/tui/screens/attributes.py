"""Edit the typed attributes of an annotation (a casualty figure's count, kind, group...)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from readtui.config import AttrDef, TagDef
from readtui.tui.screens.common import KeyHints, tag_style
from readtui.tui.screens.note import passage_preview


class AttributesDialog(ModalScreen[dict | None]):
    """Dismisses with the attributes, typed and without empty values, or None when cancelled.

    Values the tag does not define (the config changed since) are passed back untouched, so an
    edit never drops them.
    """

    CSS_PATH = "attributes.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, tag: TagDef, attrs: dict, context: str):
        super().__init__()
        self.tag = tag
        self.attrs = attrs
        self.context = context
        defined = {attr.name for attr in tag.attributes}
        self.undefined = {key: value for key, value in attrs.items() if key not in defined}
        self.fields: list[tuple[AttrDef, Input | Select]] = []

    def compose(self) -> ComposeResult:
        # Held by reference: attribute names come from readtui.toml and need not be valid ids.
        self.fields = [(attr, self._field(attr)) for attr in self.tag.attributes]
        with Vertical(id="dialog"):
            title = Text.assemble("Attributes of ", (self.tag.name, tag_style(self.tag, True)))
            yield Static(title, id="title")
            yield Static(passage_preview(self.context), id="context")
            if not self.tag.attributes:
                yield Static(Text(f"The tag '{self.tag.name}' has no attributes."), id="none")
            with VerticalScroll(id="fields"):
                for attr, field in self.fields:
                    with Horizontal(classes="field"):
                        yield Static(Text(attr.name), classes="label")
                        with Vertical(classes="value"):
                            yield field
                            if attr.help:
                                yield Static(Text(attr.help), classes="help")
            if self.undefined:
                kept = ", ".join(sorted(self.undefined))
                yield Static(Text(f"Kept as they are (not defined for this tag): {kept}"))
            yield Static(id="message")
            yield KeyHints(id="keys")

    def _field(self, attr: AttrDef) -> Input | Select:
        value = self.attrs.get(attr.name)
        if attr.type == "choice":
            choices = list(attr.choices)
            if value is not None and str(value) not in choices:
                # Keep a value from elsewhere visible; saving then says why it is refused.
                choices.append(str(value))
            options = [(Text(choice), choice) for choice in choices]
            selected = Select.NULL if value is None else str(value)
            return Select(options, value=selected, allow_blank=True, compact=True)
        placeholder = "a whole number" if attr.type == "int" else ""
        text = "" if value is None else str(value)
        return Input(text, placeholder=placeholder, compact=True)

    def on_mount(self) -> None:
        if self.fields:
            self.fields[0][1].focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        values, faults, first_fault = dict(self.undefined), [], None
        for attr, field in self.fields:
            raw = field.value if isinstance(field, Input) else field.selection or ""
            try:
                value = attr.parse(raw)
            except ValueError as error:
                faults.append(str(error))
                first_fault = first_fault or field
                continue
            if value is not None:
                values[attr.name] = value
        if not faults:
            faults = self.tag.validate_attrs(values)
        if faults:
            self.query_one("#message", Static).update(Text("; ".join(faults)))
            if first_fault is not None:
                first_fault.focus()
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
