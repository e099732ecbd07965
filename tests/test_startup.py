"""Start-up: one article opens straight into its reader, cleaned beside the app's own start."""

import dataclasses
from pathlib import Path

import pytest
from textual.widgets import Footer

from readtui import doccache
from readtui.config import Config
from readtui.document import DocumentError, load_document
from readtui.store import sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader_screen import ReaderScreen


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
