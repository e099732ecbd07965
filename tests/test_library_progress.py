"""The library for a team: the current annotator's progress in the header, a column per
annotator's state, the state filter (f4), and rows kept up to date when the user comes back
from the reader. A small corpus in tmp_path, the real app or screen, real key presses."""

import json
from pathlib import Path

import pytest
from test_library import Host, header, screen_text, settle, table_rows

from readtui.annotations import Annotation
from readtui.config import Config
from readtui.document import find_articles, load_document
from readtui.store import AnnotationStore, sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader_screen import ReaderScreen
from readtui.tui.screens.library import ArticleTable, LibraryScreen

BROKEN = b'{"schema": "readtui.annotations/1", "document": {"text": "Echo'


def annotate(path: Path, annotators: list[str], states: dict[str, str]) -> None:
    """A sidecar with an annotation by each of `annotators`, and `states` as SPEC §3 has them."""
    document = load_document(path)
    store = AnnotationStore(document)
    for number, annotator in enumerate(annotators):
        start = document.text.index(" ", 2 * number) + 1
        store.add(Annotation.create(document.text, start, start + 4, "claim", annotator))
    sidecar = sidecar_path(path)
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    if states:
        data["states"] = {
            name: {"state": state, "modified": "2026-11-28T10:00:00Z"}
            for name, state in states.items()
        }
    sidecar.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Five articles: alice done (bob at work), bob done (alice at work), carol's alone, one
    without a sidecar, and one whose sidecar cannot be read."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    body = "\n\nThe army said 12 people were killed in the north, officials said.\n"
    (folder / "alpha.md").write_text("# Alpha floods" + body)
    (folder / "bravo.md").write_text("# Bravo quake" + body)
    (folder / "charlie.txt").write_text("Charlie fire" + body)
    (folder / "delta.html").write_text(
        "<html><head><title>Delta storm - The Daily</title></head><body>"
        "<h1>Delta storm</h1><p>The army said 12 people were killed in the north, "
        "officials said on Sunday after the storm had passed.</p></body></html>"
    )
    (folder / "echo.md").write_text("# Echo riot" + body)
    annotate(folder / "alpha.md", ["alice", "bob"], {"alice": "done", "bob": "in progress"})
    annotate(folder / "bravo.md", ["alice"], {"bob": "done"})
    annotate(folder / "charlie.txt", ["carol"], {"carol": "done"})
    sidecar_path(folder / "echo.md").write_bytes(BROKEN)
    return folder


def library_screen(corpus: Path) -> LibraryScreen:
    return LibraryScreen(find_articles([corpus]), Config(annotator="alice"))


def titles(screen: LibraryScreen) -> list[str]:
    return [row[0].split(" · ")[-1] for row in table_rows(screen)]


async def test_the_header_shows_the_annotators_progress(corpus: Path) -> None:
    screen = library_screen(corpus)
    app = Host(screen)
    async with app.run_test(size=(120, 30), notifications=False) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "alice: 1 of 5 done, 1 in progress" in text  # bravo: alice's annotation, no state
    assert "5 articles · 4 annotations · 1 needs review" in text


async def test_a_column_per_annotator_named_when_there_is_room(corpus: Path) -> None:
    screen = library_screen(corpus)
    app = Host(screen)
    async with app.run_test(size=(180, 30), notifications=False) as pilot:
        await settle(pilot)
        labels = header(screen)
        rows = {row[0]: row[-3:] for row in table_rows(screen)}
        text = screen_text(app)
    assert labels[-4:] == ["State", "alice", "bob", "carol"]  # the user first
    assert rows["Alpha floods"] == ["✓", "◐", ""]
    assert rows["Bravo quake"] == ["◐", "✓", ""]
    assert rows["Charlie fire"] == ["", "", "✓"]
    assert rows["Delta storm"] == ["", "", ""]
    assert "✓ done  ◐ in progress" in text


async def test_annotators_by_letter_with_a_legend_when_narrow(corpus: Path) -> None:
    screen = library_screen(corpus)
    app = Host(screen)
    async with app.run_test(size=(100, 30), notifications=False) as pilot:
        await settle(pilot)
        labels = header(screen)
        text = screen_text(app)
        table = screen.query_one(ArticleTable)
        fits = table.virtual_size.width <= table.size.width
    assert labels[-3:] == ["a", "b", "c"]
    assert "a alice (you) · b bob · c carol" in text
    assert fits  # every column in view: the keyboard cannot scroll sideways


async def test_f4_filters_by_the_users_state_and_escape_clears(corpus: Path) -> None:
    screen = library_screen(corpus)
    app = Host(screen)
    async with app.run_test(size=(140, 30), notifications=False) as pilot:
        await settle(pilot)
        assert len(titles(screen)) == 5 and "Show: all" in screen_text(app)
        seen = {}
        for state in ("not done", "in progress", "done", "needs review", "all"):
            await pilot.press("f4")
            await pilot.pause()
            seen[state] = titles(screen)
            assert f"Show: {state}" in screen_text(app)
        await pilot.press("f4", *"o")  # not done, and "o" in the title or file name
        await pilot.pause()
        combined = titles(screen)
        await pilot.press("escape")  # the text first
        await pilot.pause()
        text_cleared = titles(screen)
        await pilot.press("escape")  # then the state filter
        await pilot.pause()
        assert len(titles(screen)) == 5 and "Show: all" in screen_text(app)
    assert seen["not done"] == ["Bravo quake", "Charlie fire", "Delta storm", "Echo riot"]
    assert seen["in progress"] == ["Bravo quake"]
    assert seen["done"] == ["Alpha floods"]
    assert seen["needs review"] == ["Echo riot"]
    assert len(seen["all"]) == 5
    assert combined == ["Bravo quake", "Delta storm", "Echo riot"]
    assert text_cleared == seen["not done"]


async def test_the_library_order_follows_the_filters(corpus: Path) -> None:
    screen = library_screen(corpus)
    app = Host(screen)
    async with app.run_test(size=(140, 30), notifications=False) as pilot:
        await settle(pilot)
        await pilot.press("f4", "f3")  # not done, sorted by title backwards
        await pilot.pause()
        order = [path.name for path in screen.order()]
    assert order == ["echo.md", "delta.html", "charlie.txt", "bravo.md"]


async def test_an_article_without_a_sidecar_has_its_row(corpus: Path) -> None:
    screen = library_screen(corpus)
    app = Host(screen)
    async with app.run_test(size=(140, 30), notifications=False) as pilot:
        await settle(pilot)
        rows = {row[0]: row for row in table_rows(screen)}
    title, kind, words, claims, quotes, figures, changed, state, *_ = rows["Delta storm"]
    assert (kind, claims, changed, state) == ("html", "0", "—", "new")
    assert int(words) > 10  # cleaned in the background: the words are counted
    assert not sidecar_path(corpus / "delta.html").exists()  # reading writes nothing


async def test_a_sidecar_that_cannot_be_read_is_named_and_left_alone(corpus: Path) -> None:
    echo = corpus / "echo.md"
    app = ReadtuiApp([corpus], Config(annotator="alice"))
    async with app.run_test(size=(140, 30), notifications=True) as pilot:
        await settle(pilot)
        row = next(row for row in table_rows(app.library) if "Echo riot" in row[0])
        assert row[0].startswith("! sidecar: ") and "JSON" in row[0]
        assert row[-4] == "needs review"
        assert "sidecar: " in screen_text(app)
        await pilot.press(*"echo", "enter")  # it cannot be opened: the library says why
        await pilot.pause()
        assert app.screen is app.library
        assert "Cannot open" in screen_text(app)
    assert sidecar_path(echo).read_bytes() == BROKEN


async def test_back_from_the_reader_the_row_shows_the_state_set_there(corpus: Path) -> None:
    app = ReadtuiApp([corpus], Config(annotator="alice"))
    async with app.run_test(size=(140, 30), notifications=False) as pilot:
        await settle(pilot)
        await pilot.press(*"delta", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("D", "q")  # done, back to the library
        await settle(pilot)
        assert app.screen is app.library
        row = next(row for row in table_rows(app.library) if row[0] == "Delta storm")
        text = screen_text(app)
    assert row[-4:] == ["done", "✓", "", ""]
    assert "alice: 2 of 5 done" in text


async def test_back_in_the_library_rows_changed_meanwhile_are_read_again(corpus: Path) -> None:
    app = ReadtuiApp([corpus], Config(annotator="alice"))
    async with app.run_test(size=(140, 30), notifications=False) as pilot:
        await settle(pilot)
        await pilot.press(*"alpha", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        # meanwhile another annotator's work on Charlie arrives (a git pull, say)
        annotate(
            corpus / "charlie.txt",
            ["carol", "bob"],
            {"alice": "done", "bob": "done", "carol": "in progress"},
        )
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("escape")  # the filter typed to find Alpha
        await pilot.pause()
        row = next(row for row in table_rows(app.library) if row[0] == "Charlie fire")
        text = screen_text(app)
    assert row[-4:] == ["done", "✓", "✓", "◐"]
    assert "alice: 2 of 5 done" in text
