"""Whose marks to adjudicate, and the name of the result: the palette's "Adjudicate two
annotators…" (readtui.tui.adjudicate)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from readtui.adjudication import names_problem
from readtui.textsafety import one_line
from readtui.tui.screens.common import KeyHints
from readtui.wording import count_of


class AdjudicateDialog(ModalScreen[tuple[str, str, str] | None]):
    """Dismisses with (A, B, the result's name), or None when cancelled. `annotators`: the
    names with marks in the article and their counts; `preset`: the names chosen at first."""

    CSS_PATH = "adjudicate.tcss"
    BINDINGS = [
        # before the lists' own enter: it moves on to the next field, and starts from the last
        Binding("enter", "advance", "Next / start", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, annotators: dict[str, int], preset: tuple[str, str, str]):
        super().__init__()
        self.annotators = annotators
        self.preset = preset

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Adjudicate two annotators", style="bold"), id="title")
            yield Static(
                Text(
                    "Their shared marks go into the result at once; then each disagreement in "
                    "turn: 1 or a takes A's version, 2 or b B's, 3 both, 0 neither."
                ),
                id="explanation",
            )
            with Horizontal(id="choosers"):
                for number, side in ((1, "A"), (2, "B")):
                    with Vertical(classes="chooser"):
                        yield Static(Text(f"{side}: the {('first', 'second')[number - 1]}"),
                                     classes="label")  # fmt: skip
                        yield OptionList(
                            *(
                                Option(
                                    Text.assemble(
                                        (name, "bold"), "  ", (count_of(count, "mark"), "dim")
                                    ),
                                    id=name,
                                )
                                for name, count in self.annotators.items()
                            ),  # fmt: skip
                            id=f"side-{side.lower()}",
                        )
            with Horizontal(id="result"):
                yield Static(Text("Saved as"), classes="label")
                yield Input(self.preset[2], placeholder="gold", id="gold")
            yield Static(id="problem")
            yield KeyHints(id="keys")

    def on_mount(self) -> None:
        names = list(self.annotators)
        for side, name in (("a", self.preset[0]), ("b", self.preset[1])):
            if name in names:
                self.query_one(f"#side-{side}", OptionList).highlighted = names.index(name)
        self.query_one("#side-a", OptionList).focus()

    def _chosen(self, side: str) -> str:
        options = self.query_one(f"#side-{side}", OptionList)
        if options.highlighted is None:
            return ""
        return options.get_option_at_index(options.highlighted).id or ""

    def action_advance(self) -> None:
        fields = [self.query_one("#side-a"), self.query_one("#side-b"), self.query_one("#gold")]
        if self.focused in fields[:2]:
            fields[fields.index(self.focused) + 1].focus()
            return
        names = (self._chosen("a"), self._chosen("b"), one_line(self.query_one(Input).value))
        problem = names_problem(*(name.strip() for name in names))
        if problem is not None:
            sentence = problem[0].upper() + problem[1:]
            self.query_one("#problem", Static).update(Text(sentence, style="bold"))
            return
        self.dismiss(tuple(name.strip() for name in names))

    def action_cancel(self) -> None:
        self.dismiss(None)
