"""`readtui stats` and the statistics engine (readtui.stats) on a small hand-made corpus: counts
per tag and annotator, each annotator's progress, the work over time; the command run as a
process, its tables and bars as a user reads them."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from readtui.annotations import Annotation
from readtui.document import load_document
from readtui.stats import corpus_statistics, every_day, per_week
from readtui.store import AnnotationStore, sidecar_path

ARTICLES = {
    "a.md": "# Shelling in Dalvar\n\nShells struck the market, killing 14 people, police said.\n",
    "b.md": '# Talks\n\n"We will talk," the envoy said. "Not today," the rebels said. "Soon."\n',
    "c.md": "# Later\n\nNot read yet.\n",
    "d.md": "# Floods\n\nRivers rose in the north.\n",
}
# (phrase, tag, annotator, created) per article
ANNOTATIONS = {
    "a.md": [
        ("Shells struck the market", "claim", "alice", "2026-11-27T09:00:00Z"),
        ("killing 14 people", "casualty figure", "alice", "2026-11-27T09:05:00Z"),
        ("police said", "claim", "bob", "2026-11-28T23:59:59Z"),
    ],
    "b.md": [
        ('"We will talk,"', "quote", "bob", "2026-11-28T08:00:00Z"),
        ('"Not today,"', "quote", "bob", "2026-11-30T08:00:00Z"),
        ('"Soon."', "quote", "bob", ""),  # made before times were recorded
    ],
    "d.md": [],
}
STATES = {
    "a.md": {
        "alice": {"state": "done", "modified": "2026-11-28T10:00:00Z"},
        "bob": {"state": "in progress", "modified": "2026-11-28T09:00:00Z"},
    },
    "b.md": {"bob": {"state": "done", "modified": "2026-11-30T12:00:00Z"}},
    "d.md": {"carol": {"state": "in progress", "modified": "2026-11-29T12:00:00Z"}},
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """news/: a.md (alice 2, bob 1; alice done, bob in progress), b.md (bob 3 quotes, one
    without a time; bob done), c.md (no sidecar), d.md (no annotations; carol in progress)."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, rows in ANNOTATIONS.items():
        store = AnnotationStore(load_document(folder / name))
        text = store.document.text
        for phrase, tag, annotator, created in rows:
            start = text.index(phrase)
            annotation = Annotation.create(text, start, start + len(phrase), tag, annotator)
            store.add(replace(annotation, created=created, modified=created))
        store.set_state("placeholder", "done")  # makes the sidecar, whose states are set below
        store.save()
        path = sidecar_path(folder / name)
        data = json.loads(path.read_text(encoding="utf-8"))
        data["states"] = STATES[name]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def test_corpus_statistics(corpus: Path) -> None:
    """By hand: 4 articles, 3 with a sidecar; 6 annotations: claim 2 (alice, bob), quote 3
    (bob), casualty figure 1 (alice). Progress of 4 articles: alice done a; bob done b, in
    progress a; carol in progress d (a state without annotations); the rest not started.
    Created per day: 27th alice 2, 28th bob 2 (23:59:59 UTC is still the 28th), 30th bob 1,
    one without a time. Done per day: alice the 28th, bob the 30th."""
    statistics = corpus_statistics([corpus])
    assert statistics.articles == 4 and len(statistics.documents) == 3
    assert statistics.tags == ["claim", "quote", "casualty figure"]
    assert statistics.by_tag == {"claim": 2, "quote": 3, "casualty figure": 1}
    assert statistics.total == 6
    assert statistics.annotators == ["alice", "bob", "carol"]
    assert statistics.by_annotator == {"alice": 2, "bob": 4}
    assert statistics.by_annotator_tag == {
        "alice": {"claim": 1, "quote": 0, "casualty figure": 1},
        "bob": {"claim": 1, "quote": 3, "casualty figure": 0},
        "carol": {"claim": 0, "quote": 0, "casualty figure": 0},
    }
    assert statistics.progress == {
        "alice": {"done": 1, "in progress": 0, "not started": 3},
        "bob": {"done": 1, "in progress": 1, "not started": 2},
        "carol": {"done": 0, "in progress": 1, "not started": 3},
    }
    assert statistics.created_per_day == {
        "2026-11-27": {"alice": 2},
        "2026-11-28": {"bob": 2},
        "2026-11-30": {"bob": 1},
    }
    assert statistics.undated == 1
    assert statistics.done_per_day == {"2026-11-28": {"alice": 1}, "2026-11-30": {"bob": 1}}
    assert statistics.failures == []


def test_time_series_for_a_chart(corpus: Path) -> None:
    """every_day fills the 29th (nothing made); per_week: Friday 27th and Saturday 28th are in
    ISO week 48 of 2026, Monday 30th in week 49."""
    created = corpus_statistics([corpus]).created_per_day
    assert every_day(created) == [
        ("2026-11-27", {"alice": 2}),
        ("2026-11-28", {"bob": 2}),
        ("2026-11-29", {}),
        ("2026-11-30", {"bob": 1}),
    ]
    assert per_week(created) == {"2026-W48": {"alice": 2, "bob": 2}, "2026-W49": {"bob": 1}}
    assert every_day({}) == []


def test_an_annotator_state_without_a_record_is_in_progress(corpus: Path) -> None:
    """bob's annotation in a.md without his state there: in progress, as the library shows."""
    path = sidecar_path(corpus / "a.md")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["states"]["bob"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert corpus_statistics([corpus]).progress["bob"]["in progress"] == 1


def test_stats_json_keeps_its_keys_and_adds_the_new_ones(run_cli, corpus: Path) -> None:
    result = run_cli("stats", "news", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["by_tag"] == {"claim": 2, "quote": 3, "casualty figure": 1}
    assert data["by_annotator"] == {"alice": 2, "bob": 4}
    assert (data["total"], data["articles"]) == (6, 4)
    documents = {Path(d["path"]).name: d for d in data["documents"]}
    assert set(documents) == {"a.md", "b.md", "d.md"}
    a = documents["a.md"]
    assert a["title"] == "Shelling in Dalvar" and a["total"] == 3
    assert a["by_tag"] == {"casualty figure": 1, "claim": 2}
    assert a["by_annotator"] == {"alice": {"casualty figure": 1, "claim": 1}, "bob": {"claim": 1}}
    assert a["states"] == {"alice": "done", "bob": "in progress"}
    assert a["sidecar"] == str(Path("news", "a.md.annotations.json"))
    assert data["progress"]["bob"] == {"done": 1, "in progress": 1, "not started": 2}
    assert data["by_annotator_tag"]["alice"]["casualty figure"] == 1
    assert data["created_per_day"]["2026-11-28"] == {"bob": 2}
    assert data["done_per_day"] == {"2026-11-28": {"alice": 1}, "2026-11-30": {"bob": 1}}
    assert data["undated"] == 1 and data["unreadable"] == []


def _row(out: str, section: str, label: str) -> list[str]:
    """The cells of the row whose first cell is `label` in the table under `section`."""
    table = out.split(f"{section}\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("│") for line in table.splitlines() if "│" in line]
    [cells] = [cells for cells in rows if cells[0].strip() == label]
    return [cell.strip() for cell in cells]


def test_stats_tables_and_bars(run_cli, corpus: Path) -> None:
    """At 160 columns a bar is at most 40 cells. Per tag: quote (3) is the longest, 40 cells;
    claim (2) 2/3 of it: 26 cells and 5 eighths (▋). Progress of 4 articles: alice done 1 ->
    10 cells █, not started 3 -> 30 cells ░."""
    result = run_cli("stats", "news")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    per_tag = "Annotations per tag"
    assert _row(out, per_tag, "quote")[1:] == ["3", "█" * 40]
    assert _row(out, per_tag, "claim")[1:] == ["2", "█" * 26 + "▋"]
    per_annotator = "Annotations per annotator and tag"
    bob = _row(out, per_annotator, "bob")
    assert bob[1:5] == ["1", "3", "0", "4"]  # claim, quote, casualty figure, total
    assert set(bob[5]) == {"█", "▓"}  # claim and quote, each its own fill
    assert "██ claim  ▓▓ quote  ▒▒ casualty figure" in out
    progress = "Progress per annotator, of 4 articles"
    assert _row(out, progress, "alice")[1:] == ["1", "0", "3", "█" * 10 + "░" * 30]
    assert _row(out, progress, "carol")[1:4] == ["0", "1", "3"]
    assert "██ done  ▒▒ in progress  ░░ not started" in out
    created = "Annotations created per day (UTC)"
    assert _row(out, created, "2026-11-28")[1:4] == ["0", "2", "2"]  # alice, bob, total
    assert _row(out, "Documents marked done per day (UTC)", "2026-11-30")[1:4] == ["0", "1", "1"]
    assert "3 annotated documents of 4 articles, 6 annotations (1 without a creation time)" in out
    assert "\x1b" not in out


def test_a_long_stretch_is_shown_per_week(run_cli, corpus: Path) -> None:
    """b.md's quotes become 31, one each day of December: with a.md's 27th and 28th November,
    33 days, more than a table of days shows. ISO week 49 of 2026 runs from Monday 30th
    November to Sunday 6th December: bob's 1st to 6th December, 6 quotes."""
    path = sidecar_path(corpus / "b.md")
    data = json.loads(path.read_text(encoding="utf-8"))
    first = data["annotations"][0]
    data["annotations"] = [
        {**first, "id": f"{first['id']}{day}", "created": f"2026-12-{day:02}T08:00:00Z"}
        for day in range(1, 32)
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    out = run_cli("stats", "news").stdout
    assert "Annotations created per day" not in out
    assert _row(out, "Annotations created per week (UTC)", "2026-W49")[1:4] == ["0", "6", "6"]


def test_an_unreadable_sidecar_is_named_and_the_rest_still_counted(run_cli, corpus: Path) -> None:
    sidecar_path(corpus / "b.md").write_text("{not json", encoding="utf-8")
    result = run_cli("stats", "news", "--json")
    assert result.returncode == 1
    [line] = result.stderr_lines
    assert "b.md.annotations.json" in line and "not valid JSON" in line
    data = json.loads(result.stdout)
    assert data["total"] == 3 and data["by_annotator"] == {"alice": 2, "bob": 1}
    assert data["unreadable"][0]["sidecar"] == str(Path("news", "b.md.annotations.json"))


def test_the_counts_do_not_depend_on_how_the_work_is_spread(run_cli, corpus: Path) -> None:
    one = run_cli("stats", "news", "--json", "--jobs", "1")
    two = run_cli("stats", "news", "--json", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
