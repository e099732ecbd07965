"""The library screen: its rows, sorting, the text filter and opening an article, driven with
real key presses and clicks on a small corpus in tmp_path."""

import os
from pathlib import Path

import pytest
from textual.app import App

from readtui.annotations import Annotation
from readtui.config import Config
from readtui.document import load_document
from readtui.store import AnnotationStore, sidecar_path
from readtui.tui.screens.library import ArticleTable, LibraryScreen

UNTRUSTED = "[Reuters] [bold]x[/bold] [/] [@click=app.quit]x[/]"


class Host(App):
    """Shows one library screen and records the articles it asks to open."""

    def __init__(self, screen: LibraryScreen):
        super().__init__()
        self.library = screen
        self.opened: list[Path] = []

    def on_mount(self) -> None:
        self.push_screen(self.library)

    def on_library_screen_open_article(self, message: LibraryScreen.OpenArticle) -> None:
        self.opened.append(message.path)


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def table_rows(screen: LibraryScreen) -> list[list[str]]:
    table = screen.query_one(ArticleTable)
    return [[cell.plain for cell in table.cells(row)] for row in range(table.row_count)]


def header(screen: LibraryScreen) -> list[str]:
    return [label.plain for label in screen.query_one(ArticleTable).labels]


async def settle(pilot) -> None:
    """Until the library has read (and cleaned) every article, and shows it."""
    await pilot.pause()
    await pilot.app.library.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def library(tmp_path: Path) -> list[Path]:
    """Four articles: untouched, annotated, with a broken sidecar, and with an orphan."""
    fresh = tmp_path / "fresh.md"
    fresh.write_text("# Valley floods\n\nAt least 30 people died, officials said.\n")
    annotated = tmp_path / "annotated.md"
    annotated.write_text(
        "# Ceasefire holds\n\nThe army said 12 people were killed. "
        '"We will stay," the mayor said.\n'
    )
    document = load_document(annotated)
    store = AnnotationStore(document)
    text = document.text
    for phrase, tag in (("12 people", "casualty figure"), ("The army said", "claim")):
        start = text.index(phrase)
        store.add(Annotation.create(text, start, start + len(phrase), tag, attrs={}))
    quoted = text.index('"We')
    store.add(Annotation.create(text, quoted, quoted + 16, "quote"))
    broken = tmp_path / "broken.txt"
    broken.write_text(f"{UNTRUSTED}\n\nSome text about the fighting in the north.\n")
    sidecar_path(broken).write_text("{not json")
    orphaned = tmp_path / "orphaned.md"
    orphaned.write_text("# Quake\n\nThe quake struck at night.\n")
    document = load_document(orphaned)
    store = AnnotationStore(document)
    store.add(Annotation.create(document.text, 0, 5, "claim"))
    store.update(store.annotations()[0].edited(status="orphan"))
    os.utime(sidecar_path(annotated), (1_800_000_000, 1_800_000_000))
    return [annotated, broken, fresh, orphaned]


async def test_rows_show_counts_and_states(library):
    screen = LibraryScreen(library, Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        rows = {row[0]: row for row in table_rows(screen)}
        labels = header(screen)
        text = screen_text(app)
    assert labels[:3] == ["Title ▲", "Kind", "Words"]
    assert labels[3:] == ["C claim", "Q quote", "# casualty figure", "Last change", "State"]
    title, kind, words, claims, quotes, figures, changed, state = rows["Ceasefire holds"]
    assert (kind, claims, quotes, figures, state) == ("md", "1", "1", "1", "in progress")
    assert int(words) > 5
    assert changed.startswith("2027-01-15") or changed.startswith("2027-01-14")  # time zones
    assert rows["Valley floods"][-2:] == ["—", "new"]
    assert rows["Quake"][-1] == "needs review"
    (broken,) = [row for title, row in rows.items() if "sidecar" in title]
    assert "not valid JSON" in broken[0] and broken[-1] == "needs review"
    assert "4 articles · 4 annotations · 2 need review" in text
    assert "Ceasefire holds" in text and "needs review" in text


async def test_untrusted_titles_are_shown_literally(library):
    broken = library[1]
    sidecar_path(broken).unlink()
    screen = LibraryScreen([broken], Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        assert table_rows(screen)[0][0] == UNTRUSTED
        assert UNTRUSTED in screen_text(app)


async def test_filters_as_you_type_and_opens_with_enter(library):
    screen = LibraryScreen(library, Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        await pilot.press(*"QUAK")
        await pilot.pause()
        assert [row[0] for row in table_rows(screen)] == ["Quake"]
        assert "1 of 4 shown" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [library[3]]
        await pilot.press("escape", *"annotated.")  # by file name too
        await pilot.pause()
        assert [row[0] for row in table_rows(screen)] == ["Ceasefire holds"]
        await pilot.press("backspace", "backspace")  # a shorter filter matches again
        await pilot.pause()
        assert [row[0] for row in table_rows(screen)] == ["Ceasefire holds"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(table_rows(screen)) == 4
        await pilot.press("end", "enter", "home", "down", "enter")
        await pilot.pause()
    # Sorted by title: "[Reuters]…" (broken), Ceasefire (annotated), Quake, Valley floods (fresh).
    assert app.opened == [library[3], library[2], library[0]]


async def test_f2_cycles_the_sort_and_f3_reverses(library):
    screen = LibraryScreen(library, Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        await pilot.press("f2")  # kind
        await pilot.pause()
        assert [row[1] for row in table_rows(screen)] == ["md", "md", "md", "txt"]
        await pilot.press("f2", "f3")  # words, longest first
        await pilot.pause()
        words = [int(row[2] or 0) for row in table_rows(screen)]
        assert words == sorted(words, reverse=True)
        assert header(screen)[:3] == ["Title", "Kind", "Words ▼"]


async def test_a_click_on_a_heading_sorts_by_it(library):
    screen = LibraryScreen(library, Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        table = screen.query_one(ArticleTable)
        state_x = table.size.width - table.styles.scrollbar_size_vertical - 5
        await pilot.click(ArticleTable, offset=(state_x, 0))
        await pilot.pause()
        states = [row[-1] for row in table_rows(screen)]
        assert states == ["needs review", "needs review", "in progress", "new"]
        assert header(screen)[-1] == "State ▲"


async def test_a_click_on_a_row_moves_the_cursor_and_a_second_opens_it(library):
    screen = LibraryScreen(library, Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        await pilot.click(ArticleTable, offset=(5, 2 + 2))  # the third row: Quake
        await pilot.pause()
        assert app.opened == []
        await pilot.click(ArticleTable, offset=(5, 2 + 2))
        await pilot.pause()
    assert app.opened == [library[3]]


async def test_refresh_article_reads_its_row_again(library):
    screen = LibraryScreen(library, Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        fresh = library[2]
        document = load_document(fresh)
        AnnotationStore(document).add(Annotation.create(document.text, 0, 6, "claim"))
        screen.refresh_article(fresh)
        await settle(pilot)
        rows = {row[0]: row for row in table_rows(screen)}
        assert rows["Valley floods"][3] == "1" and rows["Valley floods"][-1] == "in progress"


async def test_the_cursor_stays_on_its_article_when_the_rows_change(library):
    screen = LibraryScreen(library, Config())
    app = Host(screen)
    async with app.run_test(size=(160, 30), notifications=False) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")  # Quake
        await pilot.press("f2")  # sorted by kind: the cursor follows Quake
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.opened == [library[3]]


async def test_an_empty_library_says_so():
    app = Host(LibraryScreen([], Config()))
    async with app.run_test(size=(100, 30), notifications=False) as pilot:
        await pilot.pause()
        assert "No articles here." in screen_text(app)
