"""The library: every article with its size, annotation counts and state; pick one to read."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from readtui.config import Config, TagDef
from readtui.document import DocumentError, kind_of, load_document
from readtui.store import AnnotationStore, SidecarError, sidecar_path
from readtui.textsafety import sanitise
from readtui.tui.screens.common import tag_style

NEW, IN_PROGRESS, NEEDS_REVIEW = "new", "in progress", "needs review"
STATE_ORDER = {NEEDS_REVIEW: 0, IN_PROGRESS: 1, NEW: 2, "": 3}  # "" while loading
REVIEW_STATUSES = {"fuzzy", "orphan"}
MIN_TITLE_WIDTH = 20


@dataclass
class Article:
    """One row of the library. Until it is loaded, its title is the file name."""

    path: Path
    title: str
    kind: str
    loaded: bool = False
    words: int | None = None  # None: not known (not read yet, or unreadable)
    counts: dict[str, int] | None = None  # tag name -> annotations; None: not known
    annotations: int = 0  # all of them, tags the config does not know included
    changed: float | None = None  # sidecar mtime
    state: str = ""
    fault: str = ""  # why the article or its sidecar could not be read

    @classmethod
    def placeholder(cls, path: Path) -> "Article":
        name = " ".join(sanitise(path.name).split())  # a file name can hold escape sequences
        return cls(path=path, title=name, kind=kind_of(path) or "?")


def _without_path(message: str, path: Path) -> str:
    """Engine errors start with the file's path; the row already says which file it is."""
    return message.removeprefix(f"{path}: ")


def summarise(path: Path) -> Article:
    """Read an article and its sidecar (without writing anything) into a library row."""
    article = Article.placeholder(path)
    article.loaded = True
    try:
        document = load_document(path)
    except DocumentError as error:
        article.fault, article.state = _without_path(str(error), path), NEEDS_REVIEW
        return article
    article.title, article.words = document.title, len(document.text.split())
    sidecar = sidecar_path(path)
    try:
        article.changed = sidecar.stat().st_mtime
        # The store re-anchors in memory when the text changed, so the states match the reader's.
        store = AnnotationStore(document)
    except FileNotFoundError:
        article.state, article.counts = NEW, {}
        return article
    except (SidecarError, OSError) as error:
        article.fault = "sidecar: " + _without_path(str(error), sidecar)
        article.state = NEEDS_REVIEW
        return article
    # the user's corrections of the cleaning may name another title
    article.title, article.words = store.document.title, len(store.document.text.split())
    annotations = store.annotations()
    article.counts = {}
    for annotation in annotations:
        article.counts[annotation.tag] = article.counts.get(annotation.tag, 0) + 1
    article.annotations = len(annotations)
    if any(annotation.status in REVIEW_STATUSES for annotation in annotations):
        article.state = NEEDS_REVIEW
    else:
        article.state = IN_PROGRESS if annotations else NEW
    return article


def _count_of(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def format_changed(mtime: float | None) -> str:
    return datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M") if mtime else "—"


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    sort_key: Callable[[Article], object]
    cell: Callable[[Article], Text]
    # Widths are set, not measured: cells fill in while loading, and the header wraps onto its
    # second line ("# casualty" / "figure") instead of widening the column.
    min_width: int


def _number(value: int | None) -> Text:
    if value is None:
        return Text("")
    return Text(str(value), justify="right", style="dim" if value == 0 else "")


def _count(article: Article, tag: TagDef) -> int | None:
    return None if article.counts is None else article.counts.get(tag.name, 0)


def _unknown_first(value: int | None) -> int:
    return -1 if value is None else value


def _title_cell(article: Article) -> Text:
    if article.fault:
        return Text.assemble(("! ", "bold red"), (article.fault, "red"), " · ", article.title)
    return Text(article.title, style="" if article.loaded else "dim")


def _tag_column(tag: TagDef) -> Column:
    return Column(
        key=f"tag:{tag.name}",
        label=Text.assemble(
            (f"{tag.letter} ", tag_style(tag, bold=True)), (tag.name, tag_style(tag))
        ),
        sort_key=lambda article: _unknown_first(_count(article, tag)),
        cell=lambda article: _number(_count(article, tag)),
        min_width=max(5, 2 + max(len(word) for word in tag.name.split())),
    )


def library_columns(config: Config) -> list[Column]:
    """The columns in the order shown, which is also the order `f2` cycles through."""
    return [
        Column("title", Text("Title"), lambda a: a.title.casefold(), _title_cell, MIN_TITLE_WIDTH),
        Column("kind", Text("Kind"), lambda a: a.kind, lambda a: Text(a.kind), 4),
        Column(
            "words", Text("Words"), lambda a: _unknown_first(a.words), lambda a: _number(a.words), 5
        ),
        *(_tag_column(tag) for tag in config.tags),
        Column(
            "changed",
            Text("Last change"),
            lambda a: a.changed or 0.0,
            lambda a: Text(format_changed(a.changed)),
            len("2026-11-27 09:14"),
        ),
        Column(
            "state",
            Text("State"),
            lambda a: STATE_ORDER[a.state],
            lambda a: Text(a.state or "…", style="bold" if a.state == NEEDS_REVIEW else ""),
            len(NEEDS_REVIEW),
        ),
    ]


class LibraryScreen(Screen):
    """Posts `LibraryScreen.OpenArticle(path)` when the user opens an article."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        # Priority: the filter input keeps the focus and would take home/end/enter itself.
        Binding("enter", "open", "Open", priority=True),
        Binding("up", "move_cursor('cursor_up')", "Up", show=False, priority=True),
        Binding("down", "move_cursor('cursor_down')", "Down", show=False, priority=True),
        Binding("pageup", "move_cursor('page_up')", "Page up", show=False, priority=True),
        Binding("pagedown", "move_cursor('page_down')", "Page down", show=False, priority=True),
        Binding("home", "move_cursor('scroll_top')", "First", show=False, priority=True),
        Binding("end", "move_cursor('scroll_bottom')", "Last", show=False, priority=True),
        Binding("f2", "next_sort", "Sort by"),
        Binding("f3", "reverse_sort", "Reverse"),
        Binding("escape", "clear_filter", "Clear filter"),
    ]

    class OpenArticle(Message):
        """The user picked an article to read."""

        def __init__(self, path: Path):
            super().__init__()
            self.path = path

    def __init__(self, paths: list[Path], config: Config):
        super().__init__()
        self.articles = {path: Article.placeholder(path) for path in paths}
        self.columns = library_columns(config)
        self.sort_index = 0
        self.sort_reverse = False
        self.filter_text = ""
        self.cursor_moved = False  # until the user moves, the cursor stays on the first row

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield Input(placeholder="filter by title or file name", id="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True, header_height=2, id="articles")
        yield Static(id="empty")
        yield Footer()

    def on_mount(self) -> None:
        empty = self.query_one("#empty", Static)
        if self.articles:
            empty.display = False
            self._rebuild()
            self._load(list(self.articles))
        else:
            self.query_one("#articles").display = False
            self.query_one("#filter").display = False
            empty.update(
                Text(
                    "No articles here.\n\nreadtui reads .txt, .md, .html and .htm files: "
                    "start it with files or a folder, as in `readtui ~/articles`."
                )
            )
        self._show_summary()
        self.query_one("#filter", Input).focus()

    # Loading: rows appear at once with their file names, and fill in as each article is read.
    @work(thread=True, group="library")
    def _load(self, paths: list[Path]) -> None:
        worker = get_current_worker()
        for path in paths:
            if worker.is_cancelled:  # the screen went away
                return
            try:
                article = summarise(path)
            except Exception as error:  # a cleaner's bug costs one row, not the whole library
                article = Article.placeholder(path)
                article.loaded, article.state = True, NEEDS_REVIEW
                article.fault = f"could not be read: {error!r}"
            self.app.call_from_thread(self._loaded, article)
        self.app.call_from_thread(self._rebuild)  # the sort order is known only now

    def _loaded(self, article: Article) -> None:
        self.articles[article.path] = article
        table = self.query_one("#articles", DataTable)
        key = str(article.path)
        if key in table.rows:
            for column in self.columns:
                table.update_cell(key, column.key, column.cell(article))
        elif self._matches(article):  # its real title matches the filter, its file name did not
            self._rebuild()
        self._show_summary()

    def refresh_article(self, path: Path) -> None:
        """Re-read one article (the reader changed its annotations) and update its row."""
        self.articles.setdefault(path, Article.placeholder(path))
        self._load([path])

    # The table
    def _matches(self, article: Article) -> bool:
        needle = self.filter_text.casefold()
        return needle in article.title.casefold() or needle in article.path.name.casefold()

    def _rebuild(self) -> None:
        """Fill the table with the articles that match the filter, in the sort order."""
        table = self.query_one("#articles", DataTable)
        highlighted = self._highlighted_path()
        sort_key = self.columns[self.sort_index].sort_key
        shown = sorted(
            (article for article in self.articles.values() if self._matches(article)),
            key=lambda article: (sort_key(article), article.title.casefold(), article.path),
            reverse=self.sort_reverse,
        )
        rows = [[column.cell(article) for column in self.columns] for article in shown]
        labels = [column.label.copy() for column in self.columns]
        labels[self.sort_index].append(" ▼" if self.sort_reverse else " ▲")
        table.clear(columns=True)
        widths = self._column_widths(rows)
        for column, label, width in zip(self.columns, labels, widths, strict=True):
            table.add_column(label, key=column.key, width=width)
        for article, row in zip(shown, rows, strict=True):
            table.add_row(*row, key=str(article.path))
        if self.cursor_moved and highlighted is not None and str(highlighted) in table.rows:
            table.move_cursor(row=table.get_row_index(str(highlighted)), animate=False)
        self._show_summary()

    def _column_widths(self, rows: list[list[Text]]) -> list[int]:
        """Each column as wide as its widest cell; the title takes what the others leave, so
        that State stays in view."""
        table = self.query_one("#articles", DataTable)
        widths = [
            max([column.min_width, *(row[index].cell_len for row in rows)])
            for index, column in enumerate(self.columns)
        ]
        title = next(i for i, column in enumerate(self.columns) if column.key == "title")
        padding = 2 * table.cell_padding
        others = sum(width + padding for i, width in enumerate(widths) if i != title)
        scrollbar = table.styles.scrollbar_size_vertical
        widths[title] = max(MIN_TITLE_WIDTH, table.size.width - others - padding - scrollbar)
        return widths

    def on_resize(self) -> None:
        self._rebuild()

    def _highlighted_path(self) -> Path | None:
        table = self.query_one("#articles", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return Path(row_key.value) if row_key.value is not None else None

    def _show_summary(self) -> None:
        articles = list(self.articles.values())
        total = sum(article.annotations for article in articles)
        line = Text.assemble(
            (_count_of(len(articles), "article"), "bold"),
            " · ",
            (_count_of(total, "annotation"), "bold"),
        )
        review = sum(article.state == NEEDS_REVIEW for article in articles)
        if review:
            line.append(f" · {review} {'needs' if review == 1 else 'need'} review")
        loading = sum(not article.loaded for article in articles)
        if loading:
            line.append(f" · reading {len(articles) - loading} of {len(articles)}…", "dim")
        if self.filter_text:
            shown = self.query_one("#articles", DataTable).row_count
            line.append(f" · {shown} {'matches' if shown == 1 else 'match'} the filter", "italic")
        self.query_one("#summary", Static).update(line)

    # Events and actions
    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self._rebuild()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # a click on the highlighted row
        self.action_open()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        index = next(i for i, c in enumerate(self.columns) if c.key == event.column_key.value)
        self.sort_reverse = not self.sort_reverse if index == self.sort_index else False
        self.sort_index = index
        self._rebuild()

    def action_open(self) -> None:
        path = self._highlighted_path()
        if path is not None:
            self.post_message(self.OpenArticle(path))

    def action_move_cursor(self, table_action: str) -> None:
        """Run one of the table's own cursor actions (`cursor_up`, `page_down`, `scroll_top`...)."""
        self.cursor_moved = True
        getattr(self.query_one("#articles", DataTable), f"action_{table_action}")()

    def action_next_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(self.columns)
        self.sort_reverse = False
        self._rebuild()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._rebuild()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
