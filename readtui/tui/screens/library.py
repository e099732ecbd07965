"""The library: every article with its size, annotation counts and states; pick one to read.

Rows appear at once with their file names and fill in as the articles are read: first from the
sidecars (readtui.library_index.quick_summary, about a millisecond an article), then, in the
background, by cleaning the articles whose first reading may be wrong. The table draws only the
rows in view, and filtering goes over the articles in memory: a key costs the same with 5,000
articles as with 50.
"""

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.scalar import Scalar
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from readtui.config import Config, TagDef
from readtui.library_index import (
    ALL,
    DONE,
    IN_PROGRESS,
    NEEDS_REVIEW,
    NEW,
    NOT_DONE,
    STATE_FILTERS,
    Article,
    needs_cleaning,
    quick_summary,
    sidecar_stamp,
    summarise,
)
from readtui.tui.screens.common import tag_style
from readtui.wording import count_of

STATE_ORDER = {NEEDS_REVIEW: 0, IN_PROGRESS: 1, NEW: 2, DONE: 3, "": 4}  # "" while loading
MARKS = {DONE: ("✓", "bold green"), IN_PROGRESS: ("◐", "yellow")}
MIN_TITLE_WIDTH = 16
ROOMY_TITLE_WIDTH = 40  # annotator columns show names, not letters, while the title keeps this
MAX_NAME_WIDTH = 8
HEADER_HEIGHT = 2
BATCH_SECONDS = 0.1  # the reading thread hands rows over this often
FIRST_BATCH_SECONDS = 0.03  # the first rows sooner
QUIET_AFTER_KEY = 0.3  # seconds the reading threads wait after a key
CACHED_ROWS = 1000  # drawn rows kept: a filter key mostly shows rows drawn before


def format_changed(mtime: float | None, short: bool = False) -> str:
    if not mtime:
        return "—"
    return datetime.fromtimestamp(mtime).strftime("%Y-%m-%d" if short else "%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    sort_key: Callable[[Article], object]
    cell: Callable[[Article], Text]
    # Widths are worked out from the values, not by measuring cells: cheap for thousands of
    # rows. The header wraps onto its second line ("# casualty" / "figure").
    width: Callable[[Iterable[Article]], int]
    justify: str = "left"
    gap: tuple[int, int] = (1, 1)  # spaces before and after the cells


def _fixed(width: int) -> Callable[[Iterable[Article]], int]:
    return lambda articles: width


def _number(value: int | None) -> Text:
    if value is None:
        return Text("")
    return Text(str(value), style="dim" if value == 0 else "")


def _number_width(value: Callable[[Article], int | None], least: int):
    def width(articles: Iterable[Article]) -> int:
        largest = max((value(article) or 0 for article in articles), default=0)
        return max(least, len(str(largest)))

    return width


def _count(article: Article, tag: TagDef) -> int | None:
    return None if article.counts is None else article.counts.get(tag.name, 0)


def _unknown_first(value: int | None) -> int:
    return -1 if value is None else value


def _title_cell(article: Article) -> Text:
    if article.fault:
        return Text.assemble(("! ", "bold red"), (article.fault, "red"), " · ", article.title)
    return Text(article.title, style="" if article.loaded and not article.guessed_title else "dim")


def _tag_column(tag: TagDef) -> Column:
    return Column(
        key=f"tag:{tag.name}",
        label=Text.assemble(
            (f"{tag.letter} ", tag_style(tag, bold=True)), (tag.name, tag_style(tag))
        ),
        sort_key=lambda article: _unknown_first(_count(article, tag)),
        cell=lambda article: _number(_count(article, tag)),
        width=_number_width(
            lambda article: _count(article, tag),
            max(5, 2 + max(len(word) for word in tag.name.split())),
        ),
        justify="right",
    )


def _state_cell(article: Article, annotator: str) -> Text:
    state = article.row_state(annotator)
    return Text(state or "…", style="bold" if state == NEEDS_REVIEW else "")


def library_columns(config: Config, short_dates: bool = False) -> list[Column]:
    """The columns before the annotators', in the order shown (and cycled through by `f2`);
    `short_dates`: the day a sidecar changed, without the time (a narrow terminal)."""
    me = config.annotator
    return [
        Column(
            "title",
            Text("Title"),
            lambda a: a.title.casefold(),
            _title_cell,
            _fixed(MIN_TITLE_WIDTH),
        ),
        Column("kind", Text("Kind"), lambda a: a.kind, lambda a: Text(a.kind), _fixed(4)),
        Column(
            "words",
            Text("Words"),
            lambda a: _unknown_first(a.words),
            lambda a: _number(a.words),
            _number_width(lambda a: a.words, 5),
            justify="right",
        ),
        *(_tag_column(tag) for tag in config.tags),
        Column(
            "changed",
            Text("Last change"),
            lambda a: a.changed or 0.0,
            lambda a: Text(format_changed(a.changed, short_dates)),
            _fixed(len(format_changed(1.0, short_dates))),
        ),
        Column(
            "state",
            Text("State"),
            lambda a: STATE_ORDER[a.row_state(me)],
            lambda a: _state_cell(a, me),
            _fixed(len(NEEDS_REVIEW)),
        ),
    ]


def annotator_column(name: str, label: str, me: bool, compact: bool) -> Column:
    """One annotator's state of each article: a mark (done, in progress) or nothing.
    `compact`: one space between annotators' columns, not two (they hold a mark each)."""

    def cell(article: Article) -> Text:
        mark, style = MARKS.get(article.states.get(name, ""), ("", ""))
        return Text(mark, style=style)

    return Column(
        key=f"annotator:{name}",
        label=Text(label, style="bold underline" if me else ""),
        sort_key=lambda article: STATE_ORDER[article.states.get(name, NEW)],
        cell=cell,
        width=_fixed(len(label)),
        justify="center",
        gap=(0, 1) if compact else (1, 1),
    )


def short_labels(names: list[str]) -> list[str]:
    """A short label for each annotator, different from the others': the first letter, or
    as many letters as it takes, or the name with a number."""
    labels: list[str] = []
    for name in names:
        label = next(
            (name[:size] for size in range(1, len(name) + 1) if name[:size] not in labels),
            f"{name}{len(labels) + 1}",
        )
        labels.append(label)
    return labels


class ArticleTable(ScrollView, can_focus=False):
    """The library's rows, drawn line by line: only the rows in view cost anything.

    (A DataTable measures every cell of every row it is given: 0.8 s for 5,000 rows, paid
    again each time a filter changes the rows.) The header stays at the top; the cursor
    follows the article it is on when the rows change.
    """

    COMPONENT_CLASSES = {
        "article-table--header",
        "article-table--even-row",
        "article-table--cursor",
    }

    class Selected(Message):
        """The highlighted row was clicked."""

    class Highlighted(Message):
        """A click moved the cursor to another row."""

    class HeaderClicked(Message):
        def __init__(self, column: int):
            super().__init__()
            self.column = column

    def __init__(self, articles: dict[Path, Article], *, id: str):
        super().__init__(id=id)
        self.articles = articles
        self.rows: list[Path] = []
        self.columns: list[Column] = []
        self.labels: list[Text] = []
        self.wanted_widths: list[int] = []  # the title's is its least
        self.widths: list[int] = []  # as drawn: the title takes what the others leave
        self.cursor_row = 0
        self._header: list[Strip] = []
        # (path, look) -> (the article drawn, its line); emptied when the layout changes
        self._drawn: dict[tuple[Path, str], tuple[Article, Strip]] = {}
        self._style = Style()  # the widget's own, looked up once a frame

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def highlighted(self) -> Path | None:
        return self.rows[self.cursor_row] if self.rows else None

    # What to show
    def set_columns(self, columns: list[Column], labels: list[Text], widths: list[int]) -> None:
        if (columns, widths) == (self.columns, self.wanted_widths) and [
            label.markup for label in labels
        ] == [label.markup for label in self.labels]:
            return
        self.columns, self.labels, self.wanted_widths = columns, labels, widths
        self._lay_out()

    def set_rows(self, rows: list[Path], keep: Path | None) -> None:
        """Show `rows`; the cursor stays on `keep` where it is shown (at the same height on
        the screen), else goes to the first row."""
        on_screen = self.cursor_row - round(self.scroll_y)
        self.rows = rows
        index = self._index_of(keep)
        self.cursor_row = 0 if index is None else index
        self._update_virtual_size()
        if index is not None:
            self.scroll_to(y=max(0, index - on_screen), animate=False, immediate=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_cursor_in_view()
        self.refresh()

    def _index_of(self, path: Path | None) -> int | None:
        if path is None:
            return None
        try:
            return self.rows.index(path)
        except ValueError:
            return None

    def cells(self, row: int) -> list[Text]:
        """What each column shows for the article in `row`."""
        article = self.articles[self.rows[row]]
        return [column.cell(article) for column in self.columns]

    def refresh_rows(self) -> None:
        """The articles shown changed (not which, nor their order): draw them again."""
        self.refresh()

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.rows) - 1))
        self._keep_cursor_in_view()
        self.refresh()

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def _keep_cursor_in_view(self) -> None:
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self.page_rows:
            self.scroll_to(y=self.cursor_row - self.page_rows + 1, animate=False, immediate=True)

    # Layout
    def on_resize(self) -> None:
        self._lay_out()
        self._keep_cursor_in_view()

    def _lay_out(self) -> None:
        widths = list(self.wanted_widths)
        if widths:
            scrollbar = self.styles.scrollbar_size_vertical
            spans = zip(self.columns[1:], widths[1:], strict=True)
            others = sum(width + sum(column.gap) for column, width in spans)
            title_gap = sum(self.columns[0].gap)
            widths[0] = max(widths[0], self.size.width - others - title_gap - scrollbar)
        self.widths = widths
        self._drawn.clear()
        self._header = self._header_strips()
        self._update_virtual_size()
        self.refresh()

    def _spans(self) -> list[tuple[Column, int]]:
        return list(zip(self.columns, self.widths, strict=True))

    def _update_virtual_size(self) -> None:
        width = sum(width + sum(column.gap) for column, width in self._spans())
        size = Size(width, HEADER_HEIGHT + len(self.rows))
        if size == self.virtual_size or not self.is_mounted:
            self.virtual_size = size
            return
        # Setting virtual_size lays the whole screen out again and draws all of it (10-30 ms,
        # at each filter key): only the scroll bars need to know. They are updated here; one
        # that appears or goes away still asks for a layout (Textual 8.2, pinned).
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def _header_strips(self) -> list[Strip]:
        console = self.app.console
        style = self.get_component_rich_style("article-table--header")
        lines = [Text(style=style, end="") for _ in range(HEADER_HEIGHT)]
        for label, (column, width) in zip(self.labels, self._spans(), strict=True):
            wrapped = label.wrap(console, width, overflow="ellipsis") if width else []
            before, after = column.gap
            for y, line in enumerate(lines):
                part = wrapped[y] if y < len(wrapped) else Text()
                part.align("left", width)
                line.append(" " * before)
                line.append_text(part)
                line.append(" " * after)
        return [Strip(line.render(console), line.cell_len) for line in lines]

    # Drawing
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # the theme changed, or the table's pseudo-classes
        if self.is_mounted and self.columns:
            self._header = self._header_strips()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = self.rich_style  # walks up the screen's styles: once a frame, not a line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        style = self._style
        if y < HEADER_HEIGHT:
            strip = self._header[y] if y < len(self._header) else Strip.blank(0)
        else:
            index = y - HEADER_HEIGHT + scroll_y
            if index >= len(self.rows):
                return Strip.blank(width, style)
            strip = self._row_strip(index)
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    def _row_strip(self, index: int) -> Strip:
        path = self.rows[index]
        article = self.articles[path]
        if index == self.cursor_row:
            look = "article-table--cursor"
        else:
            look = "article-table--even-row" if index % 2 == 0 else ""
        drawn = self._drawn.get((path, look))
        if drawn is not None and drawn[0] is article:
            return drawn[1]
        style = self.get_component_rich_style(look) if look else self._style
        segments: list[Segment] = []
        spans = self._spans()
        for (column, width), cell in zip(spans, self.cells(index), strict=True):
            segments += self._cell_segments(cell, column, width, style)
        strip = Strip(segments, sum(width + sum(column.gap) for column, width in spans))
        if len(self._drawn) >= CACHED_ROWS:
            self._drawn.clear()
        self._drawn[(path, look)] = (article, strip)
        return strip

    def _cell_segments(self, cell: Text, column: Column, width: int, style: Style) -> list:
        """A cell fitted to its column, with the spaces around it, over the row's style."""
        cell.overflow = "ellipsis"
        cell.align(column.justify, width)
        before, after = column.gap
        console: Console = self.app.console
        drawn = [Segment(" " * before, style)] if before else []
        # Text.render leaves out the text's own style (its spans' are in): the cell's over the
        # row's, then the spans' over both
        under = style + console.get_style(cell.style) if cell.style else style
        drawn += Segment.apply_style(cell.render(console), under)
        if after:
            drawn.append(Segment(" " * after, style))
        return drawn

    # The mouse
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y < HEADER_HEIGHT:
            x = offset.x + round(self.scroll_x)
            for index, (column, width) in enumerate(self._spans()):
                if x < width + sum(column.gap):
                    self.post_message(self.HeaderClicked(index))
                    return
                x -= width + sum(column.gap)
            return
        row = offset.y - HEADER_HEIGHT + round(self.scroll_y)
        if row >= len(self.rows):
            return
        if row == self.cursor_row:
            self.post_message(self.Selected())
        else:
            self.move_cursor(row)
            self.post_message(self.Highlighted())


class LibraryScreen(Screen):
    """Posts `LibraryScreen.OpenArticle(path)` when the user opens an article."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        # Priority: the filter input keeps the focus and would take home/end/enter itself.
        Binding("enter", "open", "Open", priority=True),
        Binding("up", "move_cursor('up')", "Up", show=False, priority=True),
        Binding("down", "move_cursor('down')", "Down", show=False, priority=True),
        Binding("pageup", "move_cursor('page_up')", "Page up", show=False, priority=True),
        Binding("pagedown", "move_cursor('page_down')", "Page down", show=False, priority=True),
        Binding("home", "move_cursor('first')", "First", show=False, priority=True),
        Binding("end", "move_cursor('last')", "Last", show=False, priority=True),
        Binding("f2", "next_sort", "Sort by"),
        Binding("f3", "reverse_sort", "Reverse"),
        Binding("f4", "cycle_state_filter", "State filter"),
        Binding("shift+f4", "cycle_state_filter(-1)", "State filter back", show=False),
        Binding("escape", "clear_filter", "Clear filter"),
        Binding("f6", "app.statistics", "Statistics"),
    ]

    class OpenArticle(Message):
        """The user picked an article to read."""

        def __init__(self, path: Path):
            super().__init__()
            self.path = path

    def __init__(self, paths: list[Path], config: Config):
        super().__init__()
        self.articles = {path: Article.placeholder(path) for path in paths}
        self.annotator = config.annotator
        self.base_columns = library_columns(config)
        self.short_date_columns = library_columns(config, short_dates=True)
        self.columns = list(self.base_columns)
        self.annotators: list[str] = []  # as their columns come, the user first
        self.short_names = False  # the annotators' columns show letters (see the legend)
        self.short_dates = False  # Last change shows the day only
        self.sort_index = 0
        self.sort_reverse = False
        self.filter_text = ""
        self.state_filter = ALL
        self.cursor_moved = False  # until the user moves, the cursor stays on the first row
        self.reading = bool(paths)  # the first pass over the articles is not over
        self.to_clean: int | None = None  # articles left to clean in the background
        self.ordered: list[Path] = list(self.articles)  # every article, in the sort order
        self.shown: list[Path] = list(self.articles)  # those that pass the filters
        self._search = {path: article.search_text() for path, article in self.articles.items()}
        self._read_at: dict[Path, float] = {}  # when the row's data was read: newer wins
        # Kept up to date article by article, so that neither a batch of rows nor a key
        # goes through all the articles: the header's figures, who is in which state (for
        # the state filter), the columns' widths, and the rows of each text filter typed.
        self._tally: Counter[str] = Counter()
        self._groups: dict[str, set[Path]] = {DONE: set(), IN_PROGRESS: set(), NEEDS_REVIEW: set()}
        self._widths = [column.width(()) for column in self.base_columns]
        self._filtered: dict[str, list[Path]] = {}
        self._quiet_until = 0.0  # see _hold_reading

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        with Horizontal(id="filters"):
            yield Input(placeholder="filter by title or file name", id="filter")
            yield Static(id="state-filter")
        yield ArticleTable(self.articles, id="articles")
        yield Static(id="empty")
        yield Footer()

    @property
    def table(self) -> ArticleTable:
        return self.query_one("#articles", ArticleTable)

    def on_mount(self) -> None:
        empty = self.query_one("#empty", Static)
        if self.articles:
            empty.display = False
            self._lay_out_columns()
            self._sort()
            self._read(list(self.articles))
        else:
            self.table.display = False
            self.query_one("#filters").display = False
            empty.update(
                Text(
                    "No articles here.\n\nreadtui reads .txt, .md, .html and .htm files: "
                    "start it with files or a folder, as in `readtui ~/articles`."
                )
            )
        self._show_summary()
        self._show_state_filter()
        box = self.query_one("#filter", Input)
        self.watch(box, "value", self.filter_typed, init=False)
        box.focus()

    # Reading: rows appear at once with their file names; each article is read from its sidecar
    # (the whole library in seconds), then those the sidecar cannot vouch for are cleaned.
    @work(thread=True, group="library")
    def _read(self, paths: list[Path]) -> None:
        worker = get_current_worker()
        batch: list[tuple[Article, float]] = []
        handed = time.monotonic()
        wait = FIRST_BATCH_SECONDS
        for path in paths:
            self._wait_for_quiet(worker)
            if worker.is_cancelled:  # the screen went away
                return
            batch.append(self._safely(quick_summary, path))
            if time.monotonic() - handed >= wait:
                self.app.call_from_thread(self._take, batch)
                batch, handed, wait = [], time.monotonic(), BATCH_SECONDS
        self._wait_for_quiet(worker)  # sorting all the rows again takes a key's time
        self.app.call_from_thread(self._take, batch, True)
        order = self.app.call_from_thread(lambda: list(self.shown) + list(self.ordered))
        self._clean(list(dict.fromkeys(order)), worker)

    def _clean(self, paths: list[Path], worker) -> None:
        """Clean the articles the first pass may be wrong about, those in view first."""
        dirty = [path for path in paths if needs_cleaning(self.articles[path])]
        self.app.call_from_thread(self._cleaning, len(dirty))
        if not dirty:
            return
        batch: list[tuple[Article, float]] = []
        handed = time.monotonic()
        for left, path in enumerate(dirty, start=1):
            self._wait_for_quiet(worker)
            if worker.is_cancelled:
                return
            batch.append(self._safely(summarise, path))
            if time.monotonic() - handed >= BATCH_SECONDS:
                self.app.call_from_thread(self._take, batch, False, len(dirty) - left)
                batch, handed = [], time.monotonic()
        self._wait_for_quiet(worker)
        self.app.call_from_thread(self._take, batch, False, 0)

    @staticmethod
    def _safely(read: Callable[[Path], Article], path: Path) -> tuple[Article, float]:
        """The article read, and when its reading began."""
        began = time.monotonic()
        try:
            return read(path), began
        except Exception as error:  # a cleaner's bug costs one row, not the whole library
            article = Article.placeholder(path)
            article.loaded, article.cleaned, article.review = True, True, True
            article.fault = f"could not be read: {error!r}"
            return article, began

    def _hold_reading(self) -> None:
        """The user pressed a key: the reading threads wait a moment. They would take turns
        with the app's thread (Python runs one thread at a time), and a key would wait."""
        self._quiet_until = time.monotonic() + QUIET_AFTER_KEY

    def _wait_for_quiet(self, worker) -> None:
        """Between two articles: wait while the user types here, or reads elsewhere (the
        reader's keys would wait for these threads too)."""
        while not worker.is_cancelled:
            pause = self._quiet_until - time.monotonic()
            if self.is_current and pause <= 0:
                return
            time.sleep(max(pause, QUIET_AFTER_KEY))

    def _cleaning(self, count: int) -> None:
        self.to_clean = count
        self._show_summary()

    def _take(
        self, batch: list[tuple[Article, float]], read_all: bool = False, to_clean=None
    ) -> None:
        """Rows read by a worker: each goes in its place. The rows move (the cursor staying on
        its article, at its height) only when a pass is over: then the sort order is known."""
        taken = []
        for article, read_at in batch:
            if read_at < self._read_at.get(article.path, 0.0):
                continue  # read before the version shown (a refresh overtook it)
            self._read_at[article.path] = read_at
            self._account(self.articles[article.path], -1)
            self.articles[article.path] = article
            self._account(article, 1)
            self._search[article.path] = article.search_text()
            taken.append(article)
        if to_clean is not None:
            self.to_clean = to_clean
        if read_all:
            self.reading = False
        pass_over = read_all or to_clean == 0
        self._lay_out_columns(None if pass_over else taken)
        if pass_over:  # titles and counts are known now: sort again, once
            self._sort()
            # the articles stay as long as the library: set aside from the garbage collector
            # (as the app's start-up is, see run_app), whose full pass would walk all of them
            # (80 ms with 5,000) in the middle of a key
            gc.freeze()
        elif self.filter_text or self.state_filter != ALL:
            self._filter(again=True)
        else:
            self.table.refresh_rows()
        self._show_summary()

    def _account(self, article: Article, sign: int) -> None:
        """Count an article in (1) or out (-1) of the header's figures and the states."""
        if not article.loaded:
            return
        tally, path = self._tally, article.path
        tally["read"] += sign
        tally["annotations"] += sign * article.annotations
        state = article.state_of(self.annotator)
        change = set.add if sign > 0 else set.discard
        if state in (DONE, IN_PROGRESS):
            tally[state] += sign
            change(self._groups[state], path)
        if article.review:
            tally[NEEDS_REVIEW] += sign
            change(self._groups[NEEDS_REVIEW], path)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what the library set aside can go with it (see _take)

    def refresh_article(self, path: Path) -> None:
        """Read one article again (the reader changed its annotations or state)."""
        self.articles.setdefault(path, Article.placeholder(path))
        self._refresh([path])

    def on_screen_resume(self) -> None:
        """Back from the reader, or from anything on top: read again the articles whose
        sidecar changed meanwhile (`>` in the reader goes through several; a `git pull`
        brings others' work)."""
        if not self.reading:
            self._refresh(None)

    @work(thread=True, group="library-refresh")
    def _refresh(self, paths: list[Path] | None) -> None:
        """Read `paths` again, or (None) every article whose sidecar changed since read."""
        worker = get_current_worker()
        if paths is None:
            paths = [
                path
                for path, article in list(self.articles.items())
                if article.loaded and sidecar_stamp(path) != article.sidecar_stamp
            ]
        batch = []
        for path in paths:
            self._wait_for_quiet(worker)
            if worker.is_cancelled:
                return
            article, began = self._safely(quick_summary, path)
            if needs_cleaning(article):
                article, _ = self._safely(summarise, path)
            batch.append((article, began))
        if batch:
            self.app.call_from_thread(self._take, batch)

    # Columns
    def _lay_out_columns(self, fresh: list[Article] | None = None) -> None:
        """The columns (an annotator's comes with the first article that names them) and
        their widths: annotators' by name when the title keeps room, else by a letter.
        `fresh`: only these articles changed (the widths can grow, not shrink)."""
        articles = self.articles.values() if fresh is None else fresh
        found = {name for article in articles for name in article.states if name}
        if fresh is not None:
            found |= set(self.annotators)
        if found != set(self.annotators):
            others = sorted(found - {self.annotator}, key=str.casefold)
            self.annotators = ([self.annotator] if self.annotator in found else []) + others
        widths = [column.width(articles) for column in self.base_columns]
        if fresh is not None:
            widths = [max(old, new) for old, new in zip(self._widths, widths, strict=True)]
        self._widths = widths
        # What the title keeps, with the annotators named, then with letters, then with
        # dates without their time: the first that leaves it room is taken.
        table = self.table
        title_room = table.size.width - table.styles.scrollbar_size_vertical
        title_room -= sum(width + 2 for width in widths[1:]) + 2
        names = [name[:MAX_NAME_WIDTH] for name in self.annotators]
        letters = short_labels(self.annotators)
        self.short_names = title_room - sum(len(name) + 2 for name in names) < ROOMY_TITLE_WIDTH
        title_room -= sum(len(label) + 1 for label in letters)
        self.short_dates = self.short_names and title_room < MIN_TITLE_WIDTH
        base = self.short_date_columns if self.short_dates else self.base_columns
        if self.short_dates:
            changed = next(i for i, column in enumerate(base) if column.key == "changed")
            widths = list(widths)
            widths[changed] = base[changed].width(())
        labels = letters if self.short_names else names
        self.columns = base + [
            annotator_column(name, label, name == self.annotator, self.short_names)
            for name, label in zip(self.annotators, labels, strict=True)
        ]
        self.sort_index = min(self.sort_index, len(self.columns) - 1)
        widths = widths + [column.width(()) for column in self.columns[len(widths) :]]
        headers = [column.label.copy() for column in self.columns]
        headers[self.sort_index].append(" ▼" if self.sort_reverse else " ▲")
        table.set_columns(self.columns, headers, widths)

    def on_resize(self) -> None:
        if self.articles:
            self._lay_out_columns()
            self._show_summary()

    # Sorting and filtering, over the articles in memory
    def _sort(self) -> None:
        sort_key = self.columns[self.sort_index].sort_key
        articles = self.articles
        self.ordered = sorted(
            articles,
            key=lambda path: (sort_key(articles[path]), articles[path].title.casefold(), path),
            reverse=self.sort_reverse,
        )
        self._filter(again=True)

    def _filter(self, again: bool = False) -> None:
        """Show the articles that pass both filters, in the sort order. `again`: the articles,
        their order or the state filter changed.

        The rows of each text typed are kept until then: a backspace finds them, and a key
        that adds a letter looks only through the rows of the text before it (they hold every
        match)."""
        needle = self.filter_text.casefold()
        if again or len(self._filtered) > 100:
            self._filtered.clear()
        rows = self._filtered.get(needle)
        if rows is None:
            among = self._filtered.get(needle[:-1], self.ordered) if needle else self.ordered
            search = self._search
            if self.state_filter == ALL:
                rows = [path for path in among if needle in search[path]] if needle else among
            else:
                # NOT_DONE keeps those outside the done group, the others those inside theirs
                group = self._groups[DONE if self.state_filter == NOT_DONE else self.state_filter]
                inside = self.state_filter != NOT_DONE
                rows = [p for p in among if (p in group) == inside and needle in search[p]]
            self._filtered[needle] = rows
        self.shown = rows
        keep = self.table.highlighted if self.cursor_moved else None
        self.table.set_rows(self.shown, keep)

    def order(self) -> list[Path]:
        """The articles as the library shows them: sorted, and filtered when a filter is on."""
        return list(self.shown)

    # The header
    def _show_summary(self) -> None:
        tally, total = self._tally, len(self.articles)
        done, in_progress = tally[DONE], tally[IN_PROGRESS]
        progress = Text.assemble(
            (self.annotator or "you", "bold"),
            ": ",
            (f"{done:,} of {total:,} done", "bold"),
            f", {in_progress:,} in progress  ",
            _progress_bar(done, in_progress, total),
        )
        if total:
            progress.append(f" {100 * done // total}%")
        facts = Text.assemble(
            count_of(total, "article"), " · ", count_of(tally["annotations"], "annotation")
        )
        review = tally[NEEDS_REVIEW]
        if review:
            facts.append(f" · {review:,} {'needs' if review == 1 else 'need'} review")
        if self.reading:
            facts.append(f" · reading {tally['read']:,} of {total:,}…", "dim")
        elif self.to_clean:
            facts.append(f" · cleaning {self.to_clean:,} more in the background…", "dim")
        if self.filter_text or self.state_filter != ALL:
            facts.append(f" · {len(self.shown):,} of {total:,} shown", "italic")
        lines = [progress, facts] if total else [facts]
        if self.annotators:
            lines.append(self._legend())
        summary = self.query_one("#summary", Static)
        # as many lines whatever they hold: the screen is not laid out again at each key
        layout = summary.styles.height != Scalar.from_number(len(lines))
        summary.styles.height = len(lines)
        shown = Text("\n").join(lines)
        shown.no_wrap, shown.overflow = True, "ellipsis"  # a long legend is cut, not wrapped
        summary.update(shown, layout=layout)

    def _legend(self) -> Text:
        """What the annotators' columns show, and who each letter is."""
        legend = Text()
        for state, (mark, style) in MARKS.items():
            legend.append(mark, style)
            legend.append(f" {state}  ")
        if self.short_names:
            labels = short_labels(self.annotators)
            for index, (name, label) in enumerate(zip(self.annotators, labels, strict=True)):
                legend.append(" · " if index else " ")
                legend.append(label, "bold")
                legend.append(f" {name}")
                if name == self.annotator:
                    legend.append(" (you)")
        return legend

    def _show_state_filter(self) -> None:
        widget = self.query_one("#state-filter", Static)
        widget.update(Text.assemble("Show: ", (self.state_filter, "bold"), ("  f4", "dim")))

    # Events and actions
    def filter_typed(self, value: str) -> None:
        """Watches the filter box: called as the key changes it, so that the rows change in
        the same frame as the box (its Changed message would come a frame or two later)."""
        self._hold_reading()
        self.filter_text = value.strip()
        self._filter()
        self._show_summary()

    def on_article_table_selected(self, event: ArticleTable.Selected) -> None:
        event.stop()  # a click on the highlighted row
        self.action_open()

    def on_article_table_highlighted(self, event: ArticleTable.Highlighted) -> None:
        event.stop()
        self.cursor_moved = True

    def on_article_table_header_clicked(self, event: ArticleTable.HeaderClicked) -> None:
        event.stop()
        index = event.column
        self.sort_reverse = not self.sort_reverse if index == self.sort_index else False
        self.sort_index = index
        self._resorted()

    def _resorted(self) -> None:
        self._lay_out_columns()
        self._sort()

    def action_open(self) -> None:
        path = self.table.highlighted
        if path is not None:
            self.post_message(self.OpenArticle(path))

    def action_move_cursor(self, where: str) -> None:
        self._hold_reading()
        self.cursor_moved = True
        table = self.table
        row, page = table.cursor_row, table.page_rows
        target = {
            "up": row - 1,
            "down": row + 1,
            "page_up": row - page,
            "page_down": row + page,
            "first": 0,
            "last": table.row_count - 1,
        }[where]
        table.move_cursor(target)

    def action_next_sort(self) -> None:
        self._hold_reading()
        self.sort_index = (self.sort_index + 1) % len(self.columns)
        self.sort_reverse = False
        self._resorted()

    def action_reverse_sort(self) -> None:
        self._hold_reading()
        self.sort_reverse = not self.sort_reverse
        self._resorted()

    def action_cycle_state_filter(self, step: int = 1) -> None:
        self._hold_reading()
        index = STATE_FILTERS.index(self.state_filter)
        self.state_filter = STATE_FILTERS[(index + step) % len(STATE_FILTERS)]
        self._filter(again=True)
        self._show_state_filter()
        self._show_summary()

    def action_clear_filter(self) -> None:
        """Escape: clear the text filter; pressed again (or with none), the state filter."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        elif self.state_filter != ALL:
            self.state_filter = ALL
            self._filter(again=True)
            self._show_state_filter()
            self._show_summary()


def _progress_bar(done: int, in_progress: int, total: int, width: int = 20) -> Text:
    """Done as full blocks, in progress as shaded ones, the rest as light ones."""
    if not total:
        return Text()
    full = round(width * done / total)
    shaded = min(width - full, round(width * in_progress / total))
    return Text.assemble(
        ("█" * full, "green"), ("▒" * shaded, "yellow"), ("░" * (width - full - shaded), "dim")
    )
