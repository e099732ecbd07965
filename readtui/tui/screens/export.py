"""Export the open article or the whole library as training data, with the CLI's options and
its summary (`readtui export`), from the command palette."""

import os
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select, Static

from readtui.export.command import summary_rows
from readtui.export.formats import FORMATS, get_format
from readtui.export.model import (
    ALIGN_MODES,
    OVERLAP_POLICIES,
    STATUSES_DEFAULT,
    ExportFault,
    ExportOptions,
)
from readtui.export.run import ExportReport, export_corpus
from readtui.store import AnnotationStore, sidecar_path
from readtui.textsafety import sanitise
from readtui.tui.screens.common import KeyHints
from readtui.wording import count_of

STATUSES = ("ok", "moved", "fuzzy", "orphan")
SHOWN_LINES = 200  # issues and files listed in the dialog; the CLI lists them all
PROGRESS_EVERY = 0.2  # seconds between progress updates from the export thread


@dataclass(frozen=True)
class ExportScope:
    """What an export covers: one article or a library's articles, and the default file name."""

    key: str  # "article" or "library"
    label: str
    name: str
    articles: tuple[Path, ...]

    @classmethod
    def article(cls, path: Path) -> "ExportScope":
        return cls("article", f"this article: {path.name}", path.stem, (path,))

    @classmethod
    def library(cls, folder: Path, articles: list[Path]) -> "ExportScope":
        count = f"{len(articles)} article{'' if len(articles) == 1 else 's'}"
        name = folder.name or folder.resolve().name
        return cls("library", f"the whole library: {count}", name, tuple(articles))


def default_output(folder: Path, name: str, format_name: str, split: bool) -> Path:
    """`folder/export/NAME.jsonl`; the format's name joins the suffix when formats share it
    (`NAME.hf.jsonl`), and a folder export is `NAME-brat`, so formats do not overwrite each
    other."""
    fmt = get_format(format_name)
    if split or not fmt.suffix:
        return folder / "export" / f"{name}-{fmt.name}"
    if fmt.suffix == f".{fmt.name}":
        return folder / "export" / f"{name}{fmt.suffix}"
    return folder / "export" / f"{name}.{fmt.name}{fmt.suffix}"


def parse_split(raw: str) -> tuple[int, ...] | None:
    """'' -> None; '80/10/10' -> (80, 10, 10); ValueError saying what is expected."""
    if not raw.strip():
        return None
    try:
        shares = tuple(int(part) for part in raw.split("/"))
    except ValueError:
        raise ValueError(f"split '{raw}' is not like 80/10/10") from None
    if len(shares) not in (2, 3) or any(s < 0 for s in shares) or sum(shares) != 100:
        raise ValueError(
            f"split '{raw}': two or three percentages adding up to 100 (train/test or "
            "train/dev/test)"
        )
    return shares


def _line(value: object, style: str = "") -> Text:
    # Names, tags and paths come from files: Text, never markup, and no control characters.
    return Text(" ".join(sanitise(str(value)).split("\n")), style=style)


def files_written(files: list[Path]) -> list[Text]:
    """`wrote PATH`, or for several files their folder once and each name under it: a long
    folder path repeated on every line would wrap and bury the names."""
    if len(files) < 2:
        return [_line(f"wrote {path}") for path in files]
    folder = Path(os.path.commonpath(files))
    return [
        _line(f"wrote in {folder}{os.sep}"),
        *(_line(f"  {path.relative_to(folder)}") for path in files),
    ]


def report_view(report: ExportReport) -> Group:
    """The CLI's summary: the counts table, the files written, problems and issues."""
    problems = len(report.problems) + report.faults
    headline = _line(f"Exported as {report.format}", "bold")
    if problems:
        noun = "problem" if problems == 1 else "problems"
        headline.append_text(_line(f": {problems} {noun} (the CLI exits with status 1)", "red"))
    table = Table(show_edge=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(_line("what"), style="")
    table.add_column(_line("how many"), justify="right")
    for what, count in summary_rows(report):
        table.add_row(_line(what), _line(count))
    lines = files_written(report.files)
    lines += [_line(problem, "red") for problem in report.problems]
    lines += [_line(issue, "yellow") for issue in report.issues]
    if len(lines) > SHOWN_LINES:
        more = len(lines) - SHOWN_LINES
        lines = [*lines[:SHOWN_LINES], _line(f"... and {more} more (readtui export lists all)")]
    return Group(headline, table, *lines)


class SpaceToggles(Checkbox, inherit_bindings=False):
    """A checkbox that space ticks; enter is left to the dialog, where it runs the export."""

    BINDINGS = [Binding("space", "toggle_button", "Tick", show=False)]


class ExportDialog(ModalScreen[None]):
    """Choose format, output and options; the export runs in a thread and its summary is shown
    here. `store` is the open article's: unsaved changes are written before the export."""

    CSS_PATH = "export.tcss"
    BINDINGS = [
        Binding("ctrl+s,enter", "export", "Export"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(
        self,
        scopes: list[ExportScope],
        scope_key: str,
        folder: Path,
        tag_names: list[str],
        store: AnnotationStore | None = None,
    ):
        super().__init__()
        self.scopes = {scope.key: scope for scope in scopes}
        self.scope = self.scopes.get(scope_key, scopes[0])
        self.folder = folder
        self.tag_names = tag_names
        self.store = store
        self.running = False
        self.tag_boxes: dict[str, SpaceToggles] = {}  # by name: tag names need not be valid ids
        self.status_boxes: dict[str, SpaceToggles] = {}
        self.suggested_output = ""

    def compose(self) -> ComposeResult:
        self.tag_boxes = {
            tag: SpaceToggles(Text(tag), True, compact=True) for tag in self.tag_names
        }
        self.status_boxes = {
            status: SpaceToggles(Text(status), status in STATUSES_DEFAULT, compact=True)
            for status in STATUSES
        }
        with Vertical(id="dialog"):
            yield Static(Text("Export", style="bold"), id="title")
            if len(self.scopes) > 1:
                with Horizontal(classes="row"):
                    yield Static(Text("Scope"), classes="label")
                    scopes = [(Text(s.label), s.key) for s in self.scopes.values()]
                    yield Select(
                        scopes, value=self.scope.key, allow_blank=False, compact=True, id="scope"
                    )
            with Horizontal(classes="row"):
                yield Static(Text("Format"), classes="label")
                formats = [
                    (Text.assemble((name, "bold"), "  ", get_format(name).description), name)
                    for name in FORMATS
                ]
                yield Select(formats, value="jsonl", allow_blank=False, compact=True, id="format")
            with Horizontal(classes="row"):
                yield Static(Text("Output"), classes="label")
                yield Input(select_on_focus=False, compact=True, id="output")
            with Horizontal(classes="row", id="tags"):
                yield Static(Text("Tags"), classes="label")
                yield from self.tag_boxes.values()
            with Horizontal(classes="row"):
                yield Static(Text("Status"), classes="label")
                yield from self.status_boxes.values()
            with Horizontal(classes="row"):
                yield Static(Text("Split"), classes="label")
                yield Input(placeholder="none, or 80/10/10", compact=True, id="split")
                yield Static(Text("seed"), classes="inline-label")
                yield Input("0", type="integer", compact=True, id="seed")
            with Horizontal(classes="row"):
                yield Static(Text("Tokens"), classes="label")
                yield Static(Text("overlap"), classes="token-option")
                yield Select(
                    [(Text(p), p) for p in OVERLAP_POLICIES],
                    value="longest",
                    allow_blank=False,
                    compact=True,
                    id="overlap",
                )
                yield Static(Text("align"), classes="inline-label token-option")
                yield Select(
                    [(Text(m), m) for m in ALIGN_MODES],
                    value="strict",
                    allow_blank=False,
                    compact=True,
                    id="align",
                )
                yield Static(Text("language"), classes="inline-label token-option")
                yield Input("en", compact=True, id="language")
            with VerticalScroll(id="summary"):
                yield Static(id="report")
            yield Static(Text("tab: next field · space: tick · enter on a list opens it"), id="how")
            yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self._suggest_output()
        self._show_token_options()
        self.query_one("#format", Select).focus()

    # Fields that depend on each other
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "scope":
            self.scope = self.scopes[str(event.value)]
        self._suggest_output()
        self._show_token_options()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "split":
            self._suggest_output()

    def _format_name(self) -> str:
        return str(self.query_one("#format", Select).value)

    def _suggest_output(self) -> None:
        """Put the default output in the field, unless the user has typed one of their own."""
        output = self.query_one("#output", Input)
        split = bool(self.query_one("#split", Input).value.strip())
        suggested = str(default_output(self.folder, self.scope.name, self._format_name(), split))
        if output.value in ("", self.suggested_output):
            output.value = suggested
            output.cursor_position = len(suggested)
        self.suggested_output = suggested

    def _show_token_options(self) -> None:
        tokens = get_format(self._format_name()).tokens
        for widget in self.query("#overlap, #align, #language"):
            widget.disabled = not tokens
        for label in self.query(".token-option"):
            label.set_class(not tokens, "-off")

    # Running
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "export" and self.running:
            return None
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def _options(self) -> ExportOptions:
        """The options as the fields say; ValueError naming the field that is wrong."""
        ticked = frozenset(tag for tag, box in self.tag_boxes.items() if box.value)
        if self.tag_boxes and not ticked:
            raise ValueError("tick at least one tag")
        statuses = frozenset(s for s, box in self.status_boxes.items() if box.value)
        if not statuses:
            raise ValueError("tick at least one status")
        seed = self.query_one("#seed", Input).value.strip() or "0"
        if not seed.lstrip("-").isdigit():
            raise ValueError(f"seed '{seed}' is not a whole number")
        return ExportOptions(
            # every tag ticked: every tag, those the config does not know too (as the CLI)
            tags=None if len(ticked) == len(self.tag_boxes) else ticked,
            statuses=statuses,
            split=parse_split(self.query_one("#split", Input).value),
            seed=int(seed),
            overlap=str(self.query_one("#overlap", Select).value),
            align=str(self.query_one("#align", Select).value),
            language=self.query_one("#language", Input).value.strip() or "en",
        )

    def action_export(self) -> None:
        if self.running:
            return
        raw_output = self.query_one("#output", Input).value.strip()
        try:
            if not raw_output:
                raise ValueError("name the output file or folder")
            options = self._options()
        except ValueError as error:
            self._show(_line(str(error), "bold red"))
            return
        fault = self._save_open_article()
        if fault:
            self._show(_line(fault, "bold red"))
            return
        self.running = True
        self.refresh_bindings()
        self._show(_line("Exporting…"))
        out = Path(raw_output).expanduser()
        self._export(self.scope, self._format_name(), out, options, tuple(self.tag_names))

    def _save_open_article(self) -> str:
        """Write the open article's pending changes, so that the export has them."""
        store = self.store
        if store is None or not (store.unsaved or store.save_error is not None):
            return ""
        try:
            store.save()
        except OSError as error:
            return (
                f"Could not save {store.path} ({error.strerror or error}): export stopped, "
                "it would miss your latest changes"
            )
        return ""

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(
        self,
        scope: ExportScope,
        format_name: str,
        out: Path,
        options: ExportOptions,
        tag_order: tuple[str, ...],
    ) -> None:
        annotated: list[Path] = []
        missing: list[str] = []
        for path in scope.articles:
            sidecar = sidecar_path(path)
            if sidecar.exists():
                annotated.append(sidecar)
            else:
                missing.append(path.name)
        last_update = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last_update
            if time.monotonic() - last_update > PROGRESS_EVERY:
                last_update = time.monotonic()
                self.app.call_from_thread(self._show, _line(f"Exporting… {done} of {total}"))

        try:
            # one process: forking a process that runs threads (the app's) can deadlock
            report = export_corpus(
                annotated, format_name, out, options, tag_order, progress=progress, workers=1
            )
        except ExportFault as fault:
            self.app.call_from_thread(self._failed, str(fault))
            return
        except OSError as error:
            # the path in the error may be a temporary file beside OUT: name OUT itself
            self.app.call_from_thread(self._failed, f"{out}: {error.strerror or error}")
            return
        report.problems[:0] = [f"{name}: no annotations (left out)" for name in missing]
        self.app.call_from_thread(self._finished, report)

    def _finished(self, report: ExportReport) -> None:
        self.running = False
        if not self.is_attached:  # closed while it ran: say so where the user is now
            written = sum(report.documents.values())
            self.app.notify(f"Exported {count_of(written, 'document')}", markup=False)
            return
        self.refresh_bindings()
        self._show(report_view(report))

    def _failed(self, message: str) -> None:
        self.running = False
        if not self.is_attached:
            self.app.notify(message, title="Export failed", severity="error", markup=False)
            return
        self.refresh_bindings()
        self._show(Group(_line("Export failed", "bold red"), _line(message, "red")))

    def _show(self, content: Text | Group) -> None:
        self.query_one("#report", Static).update(content)
        self.query_one("#summary", VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
