"""Start-up: one article opens straight into its reader, cleaned beside the app's own start."""

import asyncio
import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Footer

from readtui import doccache
from readtui.config import Config
from readtui.document import DocumentError, headline_preview, load_document
from readtui.store import sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader_screen import ReaderScreen

SAMPLES = Path(__file__).resolve().parents[1] / "sample_articles"


def cache_entries() -> list[Path]:
    return sorted(doccache.cache_folder().glob("*.json"))


async def test_one_article_is_the_first_screen_with_its_keys_below(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="tester"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [type(screen) for screen in app.screen_stack] == [ReaderScreen]
        footer = app.screen.query_one(Footer)
        await pilot.pause()
        assert "Quit" in [key.description for key in footer.query("FooterKey")]
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_closing_within_the_first_frame_ends_quietly(
    article: Path, capsys: pytest.CaptureFixture
) -> None:
    """The footer is mounted after the first frame: closing before it (q as the article
    appears) must not raise when the footer comes to a screen that is gone."""

    class ClosedAtOnce(ReadtuiApp):
        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and isinstance(screen, ReaderScreen):
                self.exit()

    app = ClosedAtOnce([article], Config(annotator="tester"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert app.return_code == 0
    assert "MountError" not in capsys.readouterr().err


async def test_an_article_that_cannot_be_opened_ends_the_app_with_its_fault(
    article: Path, capsys: pytest.CaptureFixture
) -> None:
    sidecar_path(article).write_text("{not json", encoding="utf-8")
    app = ReadtuiApp([article], Config(annotator="tester"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    assert "not valid JSON" in capsys.readouterr().err


def test_an_article_cleaned_ahead_is_read_from_the_cache(article: Path) -> None:
    doccache.clean_ahead(article)
    doccache.wait_for_cleaning(article)
    assert len(cache_entries()) == 1
    cleaned_here = load_document(article)
    doccache.clean_ahead(article)  # cached now: nothing to clean
    assert len(cache_entries()) == 1
    for entry in cache_entries():
        entry.unlink()
    assert dataclasses.asdict(load_document(article)) == dataclasses.asdict(cleaned_here)


def test_an_article_gone_before_it_loads_is_reported_as_usual(article: Path) -> None:
    doccache.clean_ahead(article)
    article.unlink()
    doccache.wait_for_cleaning(article)
    with pytest.raises(DocumentError, match="no such file"):
        load_document(article)


def test_a_pages_headline_is_found_without_cleaning_and_begins_its_text() -> None:
    for page in sorted(SAMPLES.glob("*.html")):
        preview = headline_preview(page)
        assert preview is not None and preview.blocks[0].kind == "title"
        assert load_document(page).text.startswith(preview.text + "\n\n"), page.name
    assert headline_preview(SAMPLES / "camp-fire.md") is None  # its cleaner keeps pace


async def test_a_page_still_being_cleaned_shows_its_headline_then_the_whole(tmp_path: Path) -> None:
    page = tmp_path / "dam-breach.html"
    shutil.copy(SAMPLES / page.name, page)
    # a cleaner child that has not finished when the app starts, as on a first opening
    cleaner = subprocess.Popen(["sleep", "2"])
    doccache._cleaning[page] = cleaner.pid
    app = ReadtuiApp([page], Config(annotator="tester"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert screen.loading
        assert screen.document.text == "Dam Breach Floods Three Villages; 21 Confirmed Dead"
        await pilot.press("v", "e", "1")  # editing waits for the whole article
        assert not sidecar_path(page).exists()
        for _ in range(200):
            if not screen.loading:
                break
            await asyncio.sleep(0.05)
        assert not screen.loading
        assert screen.document.text == load_document(page).text
        await pilot.press("v", "w", "1")
        await pilot.pause()
        screen.action_save()
    assert sidecar_path(page).exists()
    assert cleaner.poll() is not None  # waited for, not left a zombie


async def test_the_first_frame_is_wrapped_to_the_readers_width(article: Path) -> None:
    """The status line asks for the row count before the reader has its size: the rows laid
    out then (8 columns wide) must not be the ones drawn in the first frame."""
    first_rows: list[str] = []

    class FirstFrame(ReadtuiApp):
        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and isinstance(screen, ReaderScreen) and not first_rows:
                reader = screen.reader
                first_rows.append("".join(s.text for s in reader.render_line(0)).strip())

    app = FirstFrame([article], Config(annotator="tester"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        title = app.screen.document.blocks[0]
        assert first_rows == [app.screen.document.text[title.start : title.end]]
