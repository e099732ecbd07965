"""Correcting the cleaner from the reader (issue 8, SPEC §5 `R`, `+`, `-`, `T`): each test presses
the real keys and checks the sidecar on disk and what the screen shows."""

import shutil
from pathlib import Path

import pytest
from test_reader import make_app, sidecar, start

from readtui.document import load_document
from readtui.store import AnnotationStore

REPO = Path(__file__).resolve().parents[1]
CAPTION = "Image: An army helicopter lands near Orlach."
AID = "Aid groups said the official figures understated"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "floods.txt"
    shutil.copy(REPO / "sample_articles" / "valley-floods-wordpress.txt", path)
    return path


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def go_to(pilot, reader, prefix: str) -> None:
    """Put the cursor on the block that starts with `prefix` (in what the reader shows)."""
    await pilot.press("g")
    while not reader.document.text[reader.cursor :].startswith(prefix):
        before = reader.cursor
        await pilot.press("right_curly_bracket")
        assert reader.cursor != before, f"no block starts with {prefix!r}"


async def test_r_shows_removed_text_in_place_and_plus_restores_it(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        assert CAPTION not in reader.document.text
        await pilot.press("R")
        assert CAPTION in reader.document.text
        await go_to(pilot, reader, CAPTION)
        assert "+ restores" in str(app.screen.query_one("#status-line").render())
        shown = screen_text(app)
        assert "✂   Image: An army helicopter" in shown
        await pilot.press("plus")
        await pilot.pause()
        data = sidecar(article)
        caption = next(o["keep"] for o in data["document"]["overrides"])
        assert caption.startswith(CAPTION)
        assert caption in data["document"]["text"]
        assert "✂   Image: An army helicopter" not in screen_text(app)
        await pilot.press("R")  # back to annotating: the caption is article text now
        await pilot.pause()
        assert caption in reader.document.text
        assert "REMOVED" not in str(app.screen.query_one("#status-line").render())


async def test_minus_drops_a_block_its_marks_become_orphans_and_u_brings_all_back(
    article: Path,
) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        await go_to(pilot, reader, AID)
        await pilot.press("s", "1")
        await pilot.pause()
        text_before = sidecar(article)["document"]["text"]
        (mark,) = sidecar(article)["annotations"]

        await pilot.press("minus")
        await pilot.pause()
        data = sidecar(article)
        assert AID not in data["document"]["text"]
        assert data["document"]["overrides"][0]["drop"].startswith(AID)
        (orphan,) = data["annotations"]
        assert orphan["id"] == mark["id"] and orphan["status"] == "orphan"
        assert not reader.document.text[reader.cursor :].startswith(AID)

        await pilot.press("u")
        await pilot.pause()
        data = sidecar(article)
        assert data["document"]["text"] == text_before
        assert "overrides" not in data["document"]
        assert data["annotations"] == [mark]


async def test_capital_t_makes_the_block_the_title(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        await go_to(pilot, reader, "Rescuers reach cut-off villages")
        await pilot.press("T")
        await pilot.pause()
        data = sidecar(article)
        assert data["document"]["title"] == "Rescuers reach cut-off villages"
        assert data["document"]["text"].startswith("Rescuers reach cut-off villages\n\n")
        title_bar = str(app.screen.query_one("#title-bar").render())
        assert title_bar.startswith(" Rescuers reach cut-off villages")
        assert reader.cursor == 0


async def test_tag_keys_wait_while_removed_text_is_shown(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("R")
        await go_to(pilot, reader, "Sign in")
        await pilot.press("s", "1")
        await pilot.pause()
        assert AnnotationStore(load_document(article)).annotations() == []
        await pilot.press("R", "s", "1")
        await pilot.pause()
        assert len(sidecar(article)["annotations"]) == 1


async def test_the_same_text_twice_restores_the_block_under_the_cursor(article: Path) -> None:
    # "World" is a menu item above the headline and the section label below it
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("R")
        await go_to(pilot, reader, "Floods Kill Dozens")
        await pilot.press("right_curly_bracket")
        assert reader.document.text[reader.cursor :].startswith("World\n")
        await pilot.press("plus")
        await pilot.pause()
        data = sidecar(article)
        assert data["document"]["overrides"] == [{"keep": "World", "occurrence": 2}]
        assert data["document"]["text"].startswith("Floods Kill Dozens in Northern Valley\n\nWorld")


async def test_corrections_hold_when_the_article_is_opened_again(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        await go_to(pilot, reader, "Rescuers reach cut-off villages")
        await pilot.press("T")
        await pilot.press("R")
        await go_to(pilot, reader, CAPTION)
        await pilot.press("plus")
        await pilot.pause()
    corrected = sidecar(article)["document"]["text"]

    again = make_app(article)
    async with again.run_test(size=(120, 40)) as pilot:
        reader = await start(again, pilot)
        assert reader.document.text == corrected
        title_bar = str(again.screen.query_one("#title-bar").render())
        assert title_bar.startswith(" Rescuers reach cut-off villages")
    from readtui.tui.screens.library import summarise

    assert summarise(article).title == "Rescuers reach cut-off villages"


async def test_a_correction_that_no_longer_matches_is_shown_on_opening(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        await go_to(pilot, reader, AID)
        await pilot.press("minus")
        await pilot.pause()
    article.write_text(
        article.read_text(encoding="utf-8").replace("Aid groups said", "Aid agencies said"),
        encoding="utf-8",
    )
    again = make_app(article)
    async with again.run_test(size=(120, 40)) as pilot:
        await start(again, pilot)
        messages = [str(n.message) for n in again._notifications]
        assert any(m.startswith('Kept in the sidecar, but no block') and 'drop "Aid groups said'
                   in m for m in messages)  # fmt: skip
    assert sidecar(article)["document"]["overrides"][0]["drop"].startswith(AID)
