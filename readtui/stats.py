"""Counts of a corpus: annotations per tag and annotator, each annotator's progress, and the work
over time. What `readtui stats` prints and the statistics screen draws.

`count_sidecar` reads one sidecar (picklable, run by readtui.batch); `corpus_statistics` runs it
over a corpus and sums the results into a `CorpusStatistics`.

- An annotator's state of a document is the one recorded in `states` (SPEC §3), else "in
  progress" for anyone with an annotation in it (as the library shows it); "not started" is
  every other article of the corpus, articles without a sidecar included.
- Annotations created per day come from each annotation's `created` time (UTC days); documents
  done per day from the `modified` time of each done state, which is when it was last marked
  done (a document marked done twice counts once, on the later day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from readtui.batch import Failure, run_documents
from readtui.library_index import ANNOTATOR_STATES, DONE, IN_PROGRESS, annotator_states
from readtui.store import SidecarError, read_sidecar

NOT_STARTED = "not started"
PROGRESS_STATES = (DONE, IN_PROGRESS, NOT_STARTED)


class StatsItem(NamedTuple):
    """What a worker needs for one sidecar (picklable; a Failure is named by `shown`)."""

    shown: str  # the sidecar, as the user named it
    path: str  # the sidecar, absolute: a worker may run in another folder
    source: str  # its article, as the user named it


@dataclass
class DocumentCounts:
    """One sidecar's annotations counted."""

    path: str  # the article, as the user named it
    sidecar: str
    title: str
    by_annotator: dict[str, dict[str, int]]  # annotator -> tag -> annotations
    states: dict[str, str]  # annotator -> done / in progress
    done_days: dict[str, str]  # annotator -> the day (YYYY-MM-DD) it was last marked done
    created_days: Counter[tuple[str, str]]  # (day, annotator) -> annotations created
    undated: int  # annotations without a usable created time

    @property
    def by_tag(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for tags in self.by_annotator.values():
            counts.update(tags)
        return dict(sorted(counts.items()))

    @property
    def total(self) -> int:
        return sum(sum(tags.values()) for tags in self.by_annotator.values())


def _day(stamp: object) -> str | None:
    """The UTC day of an ISO time stamp (2026-11-27T09:00:00Z), or None when it is not one."""
    if not isinstance(stamp, str):
        return None
    try:
        return date.fromisoformat(stamp[:10]).isoformat()
    except ValueError:
        return None


def count_sidecar(item: StatsItem) -> DocumentCounts:
    """Read one sidecar and count its annotations (run in any process)."""
    try:
        data = read_sidecar(Path(item.path))
    except SidecarError as exc:
        raise SidecarError(str(exc).replace(item.path, item.shown)) from None
    rows = data["annotations"]
    by_annotator: dict[str, Counter[str]] = {}
    created: Counter[tuple[str, str]] = Counter()
    undated = 0
    for row in rows:
        annotator = row.get("annotator", "")
        by_annotator.setdefault(annotator, Counter())[row["tag"]] += 1
        day = _day(row.get("created"))
        if day is None:
            undated += 1
        else:
            created[day, annotator] += 1
    recorded = data.get("states")
    states = annotator_states(recorded, by_annotator)
    done_days = {}
    for name, state in states.items():
        entry = recorded.get(name) if isinstance(recorded, dict) else None
        day = _day(entry.get("modified")) if isinstance(entry, dict) else None
        if state == DONE and day is not None:
            done_days[name] = day
    return DocumentCounts(
        path=item.source,
        sidecar=item.shown,
        title=data["document"].get("title") or Path(item.source).name,
        by_annotator={name: dict(sorted(tags.items())) for name, tags in by_annotator.items()},
        states=states,
        done_days=done_days,
        created_days=created,
        undated=undated,
    )


@dataclass
class CorpusStatistics:
    """A corpus counted: every series the stats command prints and the statistics screen draws.
    Annotator "" is annotations that name nobody (made before annotators were recorded)."""

    tags: list[str]  # in the order shown: the config's, then others by name
    articles: int  # in the corpus, with a sidecar or not
    documents: list[DocumentCounts] = field(default_factory=list)  # those with a sidecar
    failures: list[Failure] = field(default_factory=list)  # sidecars that could not be read

    def add(self, document: DocumentCounts) -> None:
        self.documents.append(document)
        for tag in sorted(document.by_tag):
            if tag not in self.tags:
                self.tags.append(tag)

    @property
    def annotators(self) -> list[str]:
        """Everyone with an annotation or a state in the corpus, by name."""
        names = set()
        for document in self.documents:
            names.update(document.by_annotator, document.states)
        return sorted(names)

    @property
    def by_tag(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for document in self.documents:
            counts.update(document.by_tag)
        return {tag: counts[tag] for tag in self.tags}

    @property
    def by_annotator_tag(self) -> dict[str, dict[str, int]]:
        """annotator -> tag -> annotations (every tag, zeros included)."""
        counts = {name: dict.fromkeys(self.tags, 0) for name in self.annotators}
        for document in self.documents:
            for name, tags in document.by_annotator.items():
                for tag, count in tags.items():
                    counts[name][tag] += count
        return counts

    @property
    def by_annotator(self) -> dict[str, int]:
        """annotator -> annotations (only those who made any)."""
        totals = {name: sum(tags.values()) for name, tags in self.by_annotator_tag.items()}
        return {name: total for name, total in totals.items() if total}

    @property
    def total(self) -> int:
        return sum(document.total for document in self.documents)

    @property
    def progress(self) -> dict[str, dict[str, int]]:
        """annotator -> {done, in progress, not started}: documents of the corpus."""
        progress = {}
        for name in self.annotators:
            counts = Counter(document.states.get(name) for document in self.documents)
            row = {state: counts[state] for state in ANNOTATOR_STATES}
            row[NOT_STARTED] = self.articles - sum(row.values())
            progress[name] = row
        return progress

    @property
    def created_per_day(self) -> dict[str, dict[str, int]]:
        """day -> annotator -> annotations created that day (days with any, in order)."""
        series: dict[str, dict[str, int]] = {}
        for document in self.documents:
            for (day, name), count in document.created_days.items():
                per_annotator = series.setdefault(day, {})
                per_annotator[name] = per_annotator.get(name, 0) + count
        return {day: dict(sorted(series[day].items())) for day in sorted(series)}

    @property
    def done_per_day(self) -> dict[str, dict[str, int]]:
        """day -> annotator -> documents marked done that day (days with any, in order)."""
        series: dict[str, Counter[str]] = {}
        for document in self.documents:
            for name, day in document.done_days.items():
                series.setdefault(day, Counter())[name] += 1
        return {day: dict(sorted(series[day].items())) for day in sorted(series)}

    @property
    def undated(self) -> int:
        return sum(document.undated for document in self.documents)

    def to_json(self) -> dict:
        return {
            "by_tag": self.by_tag,
            "by_annotator": self.by_annotator,
            "documents": [
                {
                    "path": document.path,
                    "sidecar": document.sidecar,
                    "title": document.title,
                    "by_tag": document.by_tag,
                    "total": document.total,
                    "by_annotator": document.by_annotator,
                    "states": dict(sorted(document.states.items())),
                }
                for document in self.documents
            ],
            "total": self.total,
            "articles": self.articles,
            "tags": self.tags,
            "annotators": self.annotators,
            "by_annotator_tag": self.by_annotator_tag,
            "progress": self.progress,
            "created_per_day": self.created_per_day,
            "done_per_day": self.done_per_day,
            "undated": self.undated,
            "unreadable": [
                {"sidecar": failure.item, "error": failure.message} for failure in self.failures
            ],
        }


def every_day(series: dict[str, dict[str, int]]) -> list[tuple[str, dict[str, int]]]:
    """A per-day series with the days between its first and last filled in (empty), for a
    chart whose x axis is time."""
    if not series:
        return []
    first, last = date.fromisoformat(min(series)), date.fromisoformat(max(series))
    days = ((first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1))
    return [(day, series.get(day, {})) for day in days]


def per_week(series: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """A per-day series summed by ISO week (2026-W48), for a long stretch of time."""
    weeks: dict[str, Counter[str]] = {}
    for day, counts in series.items():
        year, week, _ = date.fromisoformat(day).isocalendar()
        weeks.setdefault(f"{year}-W{week:02d}", Counter()).update(counts)
    return {week: dict(sorted(weeks[week].items())) for week in sorted(weeks)}


def corpus_statistics(
    paths: Iterable[str | Path],
    *,
    jobs: int | None = 1,
    dask: str | None = None,
    progress: bool | None = False,
) -> CorpusStatistics:
    """The statistics of the articles, sidecars and folders named (as `readtui stats` takes
    them). Raises CliError for a path that is missing or holds no articles, ConfigError for a
    readtui.toml that cannot be read; a sidecar that cannot be read is one of `failures`.
    jobs, dask and progress as readtui.batch.run_documents takes them (default: in this process,
    no bar, as the app wants)."""
    from readtui.corpus import Configs, sidecar_targets

    targets = sidecar_targets([str(path) for path in paths])
    configs = Configs()
    tag_order: dict[str, None] = {}
    for folder in sorted({sidecar.parent for sidecar in targets.sidecars}):
        tag_order.update(dict.fromkeys(configs(folder).tag_names))
    statistics = CorpusStatistics(
        tags=list(tag_order), articles=len(targets.articles | set(targets.sidecars.values()))
    )
    items = [
        StatsItem(str(sidecar), str(sidecar.absolute()), str(source))
        for sidecar, source in sorted(targets.sidecars.items())
    ]
    results = run_documents(
        count_sidecar, items, jobs=jobs, dask=dask, label="sidecars", progress=progress
    )
    for _, result in results:
        if isinstance(result, Failure):
            statistics.failures.append(result)
        else:
            statistics.add(result)
    return statistics
