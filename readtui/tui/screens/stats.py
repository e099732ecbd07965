"""The corpus in charts: annotations per tag and annotator, progress per annotator, and work over
time, drawn in the terminal with textual-plotext. The figures are `readtui stats`' own
(readtui.stats.corpus_statistics), counted from the sidecars in a thread."""

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static

from readtui.stats import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    CorpusStatistics,
    corpus_statistics,
    every_day,
    per_week,
)
from readtui.textsafety import sanitise
from readtui.wording import count_of

# a chart over time shows days up to this many, then weeks
MOST_DAYS = 45


def _whole_ticks(plt, values: list[int]) -> None:
    """Counts are whole numbers: ticks at whole steps, at most about six of them."""
    top = max(values, default=0)
    step = max(1, -(-top // 5))
    plt.yticks(list(range(0, top + step, step)))


def _name(annotator: str) -> str:
    """An annotator as a chart label: names are data from the sidecars."""
    return " ".join(sanitise(annotator).split())[:20] or "(nobody)"


class StatsScreen(Screen[None]):
    """`paths` as `readtui stats` takes them: the library's folders and files."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("r", "recount", "Count again"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("space,pagedown", "page('down')", "Page down", show=False),
        Binding("pageup", "page('up')", "Page up", show=False),
        Binding("g,home", "edge('home')", "Top", show=False),
        Binding("G,end", "edge('end')", "Bottom", show=False),
    ]

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self.statistics: CorpusStatistics | None = None

    def compose(self) -> ComposeResult:
        # imported here: plotext costs about as much to load as Textual itself, and the palette
        # imports this module to list its command
        from textual_plotext import PlotextPlot

        yield Static(Text("Statistics: counting the sidecars…"), id="stats-summary")
        yield LoadingIndicator(id="stats-loading")
        with VerticalScroll(id="charts", can_focus=True):
            yield PlotextPlot(id="per-annotator", classes="chart")
            yield PlotextPlot(id="per-tag", classes="chart")
            yield PlotextPlot(id="progress", classes="chart")
            yield PlotextPlot(id="created", classes="chart")
            yield PlotextPlot(id="done", classes="chart")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#charts").display = False
        self.count()

    @work(thread=True, exclusive=True, group="stats")
    def count(self) -> None:
        try:
            statistics = corpus_statistics(self.paths)
        except Exception as error:  # a folder gone, a readtui.toml that cannot be read
            message = " ".join(sanitise(str(error)).split())
            self.app.call_from_thread(self._cannot_count, message)
            return
        self.app.call_from_thread(self.show, statistics)

    def _cannot_count(self, message: str) -> None:
        self.query_one("#stats-loading").display = False
        self.query_one("#stats-summary", Static).update(Text(f"Cannot count: {message}"))

    def show(self, statistics: CorpusStatistics) -> None:
        self.statistics = statistics
        self.query_one("#stats-loading").display = False
        self.query_one("#stats-summary", Static).update(self._summary(statistics))
        charts = self.query_one("#charts")
        charts.display = True
        self._per_annotator(statistics)
        self._per_tag(statistics)
        self._progress(statistics)
        self._over_time("created", "Annotations made", statistics.created_per_day, statistics)
        self._over_time("done", "Articles marked done", statistics.done_per_day, statistics)
        charts.focus()

    @staticmethod
    def _summary(statistics: CorpusStatistics) -> Text:
        summary = Text()
        summary.append("Statistics", style="bold")
        summary.append(
            f"  {statistics.articles} articles · {len(statistics.documents)} with annotations"
            f" · {statistics.total} annotations · {len(statistics.annotators)} annotators"
        )
        if statistics.failures:
            unreadable = count_of(len(statistics.failures), "sidecar")
            summary.append(f" · {unreadable} unreadable", style="bold red")
        if statistics.undated:
            summary.append(f" · {statistics.undated} annotations with no date", style="dim")
        return summary

    def _plot(self, chart_id: str, title: str):
        plt = self.query_one(f"#{chart_id}").plt
        plt.clear_figure()
        plt.title(title)
        return plt

    def _per_annotator(self, statistics: CorpusStatistics) -> None:
        plt = self._plot("per-annotator", "Annotations per tag, per annotator")
        table = statistics.by_annotator_tag
        names = [name for name in table if sum(table[name].values())]
        if names and statistics.tags:
            series = [[table[name][tag] for tag in statistics.tags] for name in names]
            plt.multiple_bar(
                statistics.tags, series, labels=[_name(name) for name in names], width=0.6
            )
            _whole_ticks(plt, [value for values in series for value in values])
        self.query_one("#per-annotator").refresh()

    def _per_tag(self, statistics: CorpusStatistics) -> None:
        plt = self._plot("per-tag", "Annotations per tag, whole corpus")
        counts = statistics.by_tag
        if counts:
            plt.bar(list(counts), list(counts.values()), width=0.4)
            _whole_ticks(plt, list(counts.values()))
        self.query_one("#per-tag").refresh()

    def _progress(self, statistics: CorpusStatistics) -> None:
        plt = self._plot("progress", "Articles per annotator: done, in progress, not started")
        progress = statistics.progress
        if progress:
            names = list(progress)
            plt.stacked_bar(
                [_name(name) for name in names],
                [[progress[name][state] for name in names] for state in (DONE, IN_PROGRESS)]
                + [[progress[name][NOT_STARTED] for name in names]],
                labels=[DONE, IN_PROGRESS, NOT_STARTED],
                width=0.4,
            )
            _whole_ticks(plt, [statistics.articles])
        self.query_one("#progress").refresh()

    def _over_time(
        self,
        chart_id: str,
        what: str,
        series: dict[str, dict[str, int]],
        statistics: CorpusStatistics,
    ) -> None:
        days = every_day(series)
        if len(days) > MOST_DAYS:
            steps, unit = list(per_week(series).items()), "week"
        else:
            steps, unit = [(day[5:], counts) for day, counts in days], "day"
        plt = self._plot(chart_id, f"{what} per {unit}")
        names = sorted({name for _, counts in steps for name in counts})
        if steps and names:
            series = [[counts.get(name, 0) for _, counts in steps] for name in names]
            plt.multiple_bar(
                [step for step, _ in steps], series, labels=[_name(name) for name in names]
            )
            _whole_ticks(plt, [sum(values) for values in zip(*series, strict=True)])
        self.query_one(f"#{chart_id}").refresh()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_recount(self) -> None:
        self.query_one("#stats-loading").display = True
        self.count()

    def action_scroll(self, direction: str) -> None:
        charts = self.query_one("#charts", VerticalScroll)
        charts.scroll_relative(y=3 if direction == "down" else -3, animate=False)

    def action_page(self, direction: str) -> None:
        charts = self.query_one("#charts", VerticalScroll)
        if direction == "down":
            charts.scroll_page_down(animate=False)
        else:
            charts.scroll_page_up(animate=False)

    def action_edge(self, edge: str) -> None:
        charts = self.query_one("#charts", VerticalScroll)
        if edge == "home":
            charts.scroll_home(animate=False)
        else:
            charts.scroll_end(animate=False)
