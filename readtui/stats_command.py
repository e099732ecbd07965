"""`readtui stats PATH ... [--json]`: the counts of readtui.stats as Rich tables and bars.

A sidecar that cannot be read is one line on stderr; the rest is still counted, and the exit
status is 1. Bars never rely on colour alone: each tag, and each state, has its own fill.
"""

from __future__ import annotations

import argparse
import json
import sys

from readtui.batch import add_batch_arguments, batch_options
from readtui.stats import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    PROGRESS_STATES,
    CorpusStatistics,
    corpus_statistics,
    per_week,
)
from readtui.textsafety import one_line
from readtui.wording import count_of

PROG = "readtui"
BAR_WIDTHS = (10, 40)  # cells of the longest bar: a quarter of the terminal, within these
MAX_DAYS = 31  # rows of a per-day table; a longer stretch is shown per week
EIGHTHS = " ▏▎▍▌▋▊▉"
# Okabe-Ito colours (told apart with every common colour blindness), each with its own fill
TAG_FILLS = tuple(
    zip(
        "█▓▒░█▓▒░",
        ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"),
        strict=True,
    )
)
STATE_FILLS = {DONE: ("█", "green"), IN_PROGRESS: ("▒", "yellow"), NOT_STARTED: ("░", "dim")}


def add_stats_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="articles, sidecars or folders")
    command.add_argument("--json", action="store_true", help="print one JSON document")
    add_batch_arguments(command)


def run_stats(args: argparse.Namespace) -> int:
    statistics = corpus_statistics(args.paths, progress=None, **batch_options(args))
    for failure in statistics.failures:
        print(f"{PROG}: {one_line(failure.item)}: {one_line(failure.message)}", file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(statistics.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_stats(statistics)
    return 1 if statistics.failures else 0


# Printing --------------------------------------------------------------------------------------
# Titles, tags and names come from files: every cell is a Text, never a markup string.


def _who(name: str) -> str:
    return one_line(name) if name else "(unnamed)"


def bar(value: int, largest: int, width: int) -> str:
    """A bar of `value` against `largest` in eighths of a cell; any value above 0 shows."""
    if value <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + EIGHTHS[eighths % 8].strip()


def stacked_bar(parts: list[tuple[int, str, str]], largest: int, width: int):
    """A bar of (value, fill, style) parts, in whole cells: each part ends where the running
    total would, so the bar's length is the total's."""
    from rich.text import Text

    cells = Text()
    running = drawn = 0
    for value, fill, style in parts:
        running += value
        end = round(running / largest * width) if largest else 0
        cells.append(fill * (end - drawn), style=style)
        drawn = end
    return cells


def _table(*columns: str):
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, collapse_padding=True)
    for index, column in enumerate(columns):
        if not column:  # the bars: never wrapped
            table.add_column(Text(), no_wrap=True)
            continue
        numeric = 0 < index < len(columns) - 1 or column == "total"
        justify = "right" if numeric else "left"
        table.add_column(Text(one_line(column)), justify=justify, overflow="fold")
    return table


def _cells(*values: object, style: str = ""):
    from rich.text import Text

    def text(value: object) -> str:
        return f"{value:,}" if isinstance(value, int) else one_line(str(value))

    return [v if isinstance(v, Text) else Text(text(v), style=style) for v in values]


def print_stats(statistics: CorpusStatistics) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    width = max(BAR_WIDTHS[0], min(BAR_WIDTHS[1], console.width // 4))
    tags = statistics.tags

    def section(title: str, table, legend: Text | None = None) -> None:
        if not table.row_count:  # nothing annotated yet: no empty tables
            return
        console.print(Text(title, style="bold"))
        console.print(table)
        if legend is not None:
            console.print(legend)
        console.print()

    per_document = _table("document", *tags, "total")
    for document in statistics.documents:
        counts = [document.by_tag.get(tag, 0) for tag in tags]
        total = _cells(document.total, style="bold")
        per_document.add_row(*_cells(document.title, *counts), *total)
    section("Annotations per document", per_document)

    by_tag = statistics.by_tag
    largest = max(by_tag.values(), default=0)
    per_tag = _table("tag", "annotations", "")
    for tag, count in by_tag.items():
        per_tag.add_row(*_cells(tag, count, bar(count, largest, width)))
    section("Annotations per tag", per_tag)

    fills = {tag: TAG_FILLS[index % len(TAG_FILLS)] for index, tag in enumerate(tags)}
    by_annotator = statistics.by_annotator_tag
    largest = max((sum(counts.values()) for counts in by_annotator.values()), default=0)
    per_annotator = _table("annotator", *tags, "total", "")
    for name, counts in by_annotator.items():
        parts = [(counts[tag], *fills[tag]) for tag in tags]
        total = sum(counts.values())
        per_annotator.add_row(
            *_cells(_who(name), *(counts[tag] for tag in tags)),
            *_cells(total, style="bold"),
            stacked_bar(parts, largest, width),
        )
    section("Annotations per annotator and tag", per_annotator, _legend(fills))

    progress = _table("annotator", *PROGRESS_STATES, "")
    for name, counts in statistics.progress.items():
        parts = [(counts[state], *STATE_FILLS[state]) for state in PROGRESS_STATES]
        progress.add_row(
            *_cells(_who(name), *(counts[state] for state in PROGRESS_STATES)),
            stacked_bar(parts, statistics.articles, width),
        )
    section(
        f"Progress per annotator, of {count_of(statistics.articles, 'article')}",
        progress,
        _legend(STATE_FILLS),
    )

    for title, series in (
        ("Annotations created", statistics.created_per_day),
        ("Documents marked done", statistics.done_per_day),
    ):
        if not series:
            continue
        period = "day"
        if len(series) > MAX_DAYS:
            series, period = per_week(series), "week"
        largest = max(sum(counts.values()) for counts in series.values())
        names = sorted({name for counts in series.values() for name in counts})
        over_time = _table(period, *map(_who, names), "total", "")
        for when, counts in series.items():
            total = sum(counts.values())
            row = _cells(when, *(counts.get(name, 0) for name in names))
            row += _cells(total, style="bold") + _cells(bar(total, largest, width))
            over_time.add_row(*row)
        section(f"{title} per {period} (UTC)", over_time)

    summary = (
        f"{count_of(len(statistics.documents), 'annotated document')} of "
        f"{count_of(statistics.articles, 'article')}, {count_of(statistics.total, 'annotation')}"
    )
    if statistics.undated:
        summary += f" ({statistics.undated:,} without a creation time)"
    if statistics.failures:
        summary += f"; {count_of(len(statistics.failures), 'sidecar')} could not be read"
    console.print(Text(summary))


def _legend(fills: dict[str, tuple[str, str]]):
    from rich.text import Text

    legend = Text()
    for name, (fill, style) in fills.items():
        if legend:
            legend.append("  ")
        legend.append(fill * 2, style=style)
        legend.append(f" {one_line(name)}")
    return legend
