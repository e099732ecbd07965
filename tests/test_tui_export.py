"""Export from inside the app: the command palette opens the dialog, real keys fill it in, and
the files on disk and the summary on screen are checked."""

import json
import os
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from readtui.config import Config
from readtui.document import load_document
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader_screen import ReaderScreen
from readtui.tui.screens.export import ExportDialog

FERRY = """\
# Ferry capsizes off [Reuters] coast

Rescuers pulled 31 survivors from the water; 12 people are still missing.
"""
FIXED_TIME = 1_795_000_000
QUIET = "# Market day\n\nNothing happened in the market today.\n"


def screen_text(app) -> str:
    """What the terminal shows, as plain text (as in test_tui_screens)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def dialog_text(app) -> str:
    """The dialog's lines joined by one space, its border left out: a message wrapped onto two
    lines reads as one."""
    lines = (line.strip().strip("█▀▄").strip() for line in screen_text(app).splitlines())
    return " ".join(line for line in lines if line)


def erase_and_type(text: str) -> list[str]:
    """Keys that replace what an Input holds: ctrl+u clears it, then the text is typed."""
    return ["ctrl+u", *("space" if c == " " else c for c in text)]


async def run_palette_command(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*("space" if c == " " else c for c in command), "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportDialog)


async def finish(pilot) -> str:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return dialog_text(pilot.app)


def written_spans(path: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {
        line["meta"]["id"]: [(s["start"], s["end"], s["label"], s["text"]) for s in line["spans"]]
        for line in lines
    }


def expected_spans(path: Path, phrases: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    text = load_document(path).text
    spans = [(text.index(p), text.index(p) + len(p), tag, p) for p, tag in phrases]
    return sorted(spans)


DALVAR_SPANS = [
    ("killing at least 14 people", "casualty figure"),
    ("local health officials said", "claim"),
]


@pytest.fixture
def library(article: Path, annotate) -> Path:
    """news/: dalvar.md and ferry.md annotated, "market [Reuters].md" not."""
    folder = article.parent
    annotate(article, DALVAR_SPANS)
    (folder / "ferry.md").write_text(FERRY, encoding="utf-8")
    annotate(folder / "ferry.md", [("31 survivors", "casualty figure")])
    (folder / "market [Reuters].md").write_text(QUIET, encoding="utf-8")
    return folder


async def test_export_this_article_as_jsonl(
    article: Path, annotate, tmp_path: Path, monkeypatch
) -> None:
    annotate(article, DALVAR_SPANS)
    monkeypatch.chdir(tmp_path)  # a path typed in the dialog is relative to where readtui runs
    out = Path("out", "dalvar.jsonl")
    app = ReadtuiApp([article], Config(annotator="tester"))
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        # one more claim, tagged with the reader's keys: the export has it too
        await pilot.press("G", "s", "1")
        await run_palette_command(pilot, "export this article")
        dialog = app.screen
        assert dialog.query_one("#format", Select).has_focus
        await pilot.press("enter", "j", "enter")  # open the format list, jump to jsonl, pick it
        assert dialog.query_one("#format", Select).value == "jsonl"
        await pilot.press("tab", *erase_and_type(str(out)), "enter")
        text = await finish(pilot)
    spans = written_spans(tmp_path / out)
    quote = "The talks will go on, a negotiator said"
    assert spans == {"dalvar.md": expected_spans(article, [*DALVAR_SPANS, (quote, "claim")])}
    assert "Exported as jsonl" in text
    for row in ("documents 1", "spans: casualty figure 1", "spans: claim 2"):
        assert row in " ".join(text.split()), row
    assert f"wrote {out}" in text


async def test_export_the_library_from_the_library(
    library: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = Path("all.jsonl")
    app = ReadtuiApp([library], Config(annotator="tester"))
    async with app.run_test(size=(110, 36)) as pilot:
        await app.workers.wait_for_complete()
        await run_palette_command(pilot, "export the library")
        dialog = app.screen
        output = dialog.query_one("#output", Input)
        assert output.value == str(library / "export" / "news.jsonl")
        assert not dialog.query("#scope")  # the library only: nothing to choose
        await pilot.press("tab", *erase_and_type(str(out)), "ctrl+s")
        text = await finish(pilot)
    assert written_spans(tmp_path / out) == {
        "dalvar.md": expected_spans(library / "dalvar.md", DALVAR_SPANS),
        "ferry.md": expected_spans(library / "ferry.md", [("31 survivors", "casualty figure")]),
    }
    flat = " ".join(text.split())
    assert "documents 2" in flat and "spans: casualty figure 2" in flat
    # a file name is shown as it is, never read as markup
    assert "market [Reuters].md: no annotations (left out)" in flat
    assert "1 problem (the CLI exits with status 1)" in flat


async def test_reader_from_the_library_offers_both_scopes(library: Path, tmp_path: Path) -> None:
    app = ReadtuiApp([library], Config(annotator="tester"))
    async with app.run_test(size=(110, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # the first row: ferry.md (by title)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await run_palette_command(pilot, "export this article")
        dialog = app.screen
        output = dialog.query_one("#output", Input)
        assert output.value == str(library / "export" / "ferry.jsonl")
        # back to the scope field, open it, take the second choice: the whole library
        await pilot.press("shift+tab", "enter", "down", "enter")
        assert dialog.query_one("#scope", Select).value == "library"
        assert output.value == str(library / "export" / "news.jsonl")
        await pilot.press("ctrl+s")
        await finish(pilot)
    assert set(written_spans(library / "export" / "news.jsonl")) == {"dalvar.md", "ferry.md"}


async def test_brat_default_is_a_folder_and_holds_the_spans(library: Path) -> None:
    app = ReadtuiApp([library / "ferry.md"], Config(annotator="tester"))
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, "export this article")
        await pilot.press("enter", "b", "enter", "ctrl+s")  # brat
        text = await finish(pilot)
    folder = library / "export" / "ferry-brat"
    text_file, ann = folder / "ferry.md.txt", folder / "ferry.md.ann"
    assert f"wrote in {folder}/ annotation.conf ferry.md.ann ferry.md.txt visual.conf" in text
    written = text_file.read_text(encoding="utf-8")
    start = written.index("31 survivors")
    assert ann.read_text(encoding="utf-8").splitlines()[0] == (
        f"T1\tcasualty_figure {start} {start + len('31 survivors')}\t31 survivors"
    )


async def test_split_turns_the_output_into_a_folder_of_parts(library: Path) -> None:
    app = ReadtuiApp([library], Config(annotator="tester"))
    async with app.run_test(size=(110, 36)) as pilot:
        await app.workers.wait_for_complete()
        await run_palette_command(pilot, "export the library")
        keys = ["tab"] * 9  # format, output, 3 tags, 4 statuses: to the split field
        await pilot.press(*keys, *"50/40", "enter")
        text = await finish(pilot)
        assert "split '50/40': two or three percentages adding up to 100" in text
        assert not (library / "export").exists()
        await pilot.press(*erase_and_type("0/100"), "enter")
        text = await finish(pilot)
    folder = library / "export" / "news-jsonl"
    assert sorted(p.name for p in folder.iterdir()) == ["test.jsonl", "train.jsonl"]
    assert set(written_spans(folder / "test.jsonl")) == {"dalvar.md", "ferry.md"}
    assert "documents (test) 2" in " ".join(text.split())


async def test_a_file_where_a_folder_is_needed_is_an_error_and_the_app_goes_on(
    library: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    taken = tmp_path / "taken"
    taken.write_text("keep me", encoding="utf-8")
    app = ReadtuiApp([library], Config(annotator="tester"))
    async with app.run_test(size=(110, 36)) as pilot:
        await app.workers.wait_for_complete()
        await run_palette_command(pilot, "export the library")
        await pilot.press("enter", "b", "enter", "tab", *erase_and_type("taken"), "enter")
        text = await finish(pilot)
        assert "Export failed" in text
        assert "is a file; a folder is written here" in text
        assert app.is_running and isinstance(app.screen, ExportDialog)
        # the same dialog, a good path: it works
        await pilot.press(*erase_and_type("brat"), "enter")
        text = await finish(pilot)
        assert "wrote in brat/" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.library
    assert taken.read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "brat" / "dalvar.md.ann").exists()


async def test_a_missing_extra_is_a_message(
    article: Path, annotate, tmp_path: Path, monkeypatch
) -> None:
    annotate(article, DALVAR_SPANS)
    monkeypatch.setitem(sys.modules, "spacy", None)  # what an install without the extra gives
    app = ReadtuiApp([article], Config(annotator="tester"))
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, "export this article")
        await pilot.press("enter", *"spacy", "enter", "ctrl+s")
        text = await finish(pilot)
        assert app.is_running
    assert "the spacy format needs spacy: pip install 'readtui[export]'" in text
    assert not (article.parent / "export").exists()


def test_snapshot_of_the_dialog_after_a_library_export(
    snap_compare, library: Path, monkeypatch
) -> None:
    monkeypatch.chdir(library.parent)  # paths on screen are relative: the same on every run
    for sidecar in library.glob("*.annotations.json"):
        os.utime(sidecar, (FIXED_TIME, FIXED_TIME))  # the library shows them under the dialog
    app = ReadtuiApp([Path(library.name)], Config(annotator="tester"))

    async def run_before(pilot) -> None:
        await app.workers.wait_for_complete()
        await run_palette_command(pilot, "export the library")
        await pilot.press("ctrl+s")
        await finish(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
