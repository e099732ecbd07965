"""Moving through a corpus from the reader (issue 11): `D` marks an article done, `>`/`<` open the
next and previous, and an article reopens where the user left it. Real keys, checked on the
screen and in the sidecars; the user's state folder is in tmp_path."""

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from readtui.config import Config
from readtui.document import load_document
from readtui.positions import Position, positions_path, recall, remember
from readtui.store import DONE, IN_PROGRESS, AnnotationStore, sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader import ReaderView
from readtui.tui.reader_screen import ReaderScreen

PARAGRAPH = (
    "Artillery shells struck a crowded market in {place} on Wednesday. At least 14 people were "
    "killed and more than 40 wounded, local health officials said. The army denied it.\n\n"
)


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state-home"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


def write_article(path: Path, title: str, paragraphs: int = 3) -> Path:
    body = "".join(PARAGRAPH.format(place=f"{title} {n}") for n in range(paragraphs))
    path.write_text(f"# {title}\n\n{body}", encoding="utf-8")
    return path


def mark(path: Path, annotator: str, state: str) -> None:
    store = AnnotationStore(load_document(path))
    store.set_state(annotator, state)
    assert store.save_error is None


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Four articles, by title in the order of their file names; charlie done by the user,
    bravo done by another annotator only."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("alpha", "bravo", "charlie", "delta"):
        write_article(folder / f"{name}.md", name.capitalize())
    mark(folder / "charlie.md", "tester", DONE)
    mark(folder / "bravo.md", "bob", DONE)
    return folder


def states(path: Path) -> dict:
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return {}
    return json.loads(sidecar.read_text(encoding="utf-8")).get("states", {})


def state(path: Path, annotator: str = "tester") -> str | None:
    return states(path).get(annotator, {}).get("state")


def title_bar(app: ReadtuiApp) -> str:
    return str(app.screen.query_one("#title-bar", Static).render())


def status_line(app: ReadtuiApp) -> str:
    return str(app.screen.query_one("#status-line", Static).render())


def said(app: ReadtuiApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def reader_of(app: ReadtuiApp) -> ReaderView:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen.query_one(ReaderView)


def shown_name(app: ReadtuiApp) -> str:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen.document.path.name


async def open_first(app: ReadtuiApp, pilot) -> None:
    """From the library: enter opens the first row (alpha)."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert shown_name(app) == "alpha.md"


async def test_d_marks_done_and_back_undoably(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar")
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert not sidecar_path(path).exists()  # opening writes nothing
        assert "done" not in title_bar(app)
        await pilot.press("D")
        await pilot.pause()
        assert state(path) == DONE
        assert "✓ done" in title_bar(app)
        await pilot.press("D")
        await pilot.pause()
        assert state(path) == IN_PROGRESS
        assert "in progress" in title_bar(app)
        await pilot.press("u")
        await pilot.pause()
        assert state(path) == DONE
        await pilot.press("u")
        await pilot.pause()
        assert state(path) is None  # as it was: no state
        assert "progress" not in title_bar(app) and "done" not in title_bar(app)
        await pilot.press("U")
        await pilot.pause()
        assert state(path) == DONE
        assert any("Redone: marked done" in message for message in said(app))


async def test_an_edit_starts_the_article_and_leaves_done_alone(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar")
    mark(path, "bob", DONE)  # another annotator's state is theirs
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "s", "1")
        await pilot.pause()
        assert state(path) == IN_PROGRESS
        assert "in progress" in title_bar(app)
        await pilot.press("D", "right_curly_bracket", "s", "2")
        await pilot.pause()
        assert state(path) == DONE  # editing after marking done keeps it done
    assert state(path, "bob") == DONE
    tags = [a["tag"] for a in json.loads(sidecar_path(path).read_text("utf-8"))["annotations"]]
    assert sorted(tags) == ["claim", "quote"]


async def test_next_skips_what_the_user_has_done_and_goes_round(corpus: Path) -> None:
    app = ReadtuiApp([corpus], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_first(app, pilot)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert shown_name(app) == "bravo.md"  # done by bob, not by this user
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert shown_name(app) == "delta.md"  # charlie is done
        assert any("Article 4 of 4, the next not done (1 done article skipped)" in m
                   for m in said(app))  # fmt: skip
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert shown_name(app) == "alpha.md"
        assert any(m.startswith("Past the end of the library, back to the start: Article 1")
                   for m in said(app))  # fmt: skip
        # the readers left are closed, not piled up: q goes back to the library
        assert len(app.screen_stack) == 3


async def test_previous_goes_back_in_order_and_stops_at_the_first(corpus: Path) -> None:
    app = ReadtuiApp([corpus], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_first(app, pilot)
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert shown_name(app) == "alpha.md"
        assert "This is the first article of the library" in status_line(app)
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert shown_name(app) == "delta.md"
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert shown_name(app) == "charlie.md"  # done, but `<` is plain order


async def test_next_saves_the_article_it_leaves_and_d_then_next(corpus: Path) -> None:
    app = ReadtuiApp([corpus], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_first(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "D", "greater_than_sign")
        await pilot.pause()
        assert shown_name(app) == "bravo.md"
        await pilot.press("D", "greater_than_sign")  # bravo done too
        await pilot.pause()
        assert shown_name(app) == "delta.md"
        await pilot.press("D", "greater_than_sign")
        await pilot.pause()
        assert shown_name(app) == "delta.md"  # nothing left to do: it stays
        assert "You have marked every article of the library done" in status_line(app)
    for name in ("alpha", "bravo", "charlie", "delta"):
        assert state(corpus / f"{name}.md") == DONE, name
    saved = json.loads(sidecar_path(corpus / "alpha.md").read_text("utf-8"))
    assert [a["tag"] for a in saved["annotations"]] == ["claim"]


async def test_next_and_previous_on_one_file_say_there_is_no_library(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar")
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        for key in ("greater_than_sign", "less_than_sign"):
            await pilot.press(key)
            await pilot.pause()
            assert "> and < need a library: readtui was opened on one file" in status_line(app)
            assert shown_name(app) == "dalvar.md"


async def test_an_article_reopens_where_the_user_left_it(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar", paragraphs=30)
    first = ReadtuiApp([path], Config(annotator="tester"))
    async with first.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*["right_curly_bracket"] * 12, "w", "w", "space")
        await pilot.pause()
        reader = reader_of(first)
        left = (reader.cursor, round(reader.scroll_y))
        assert left[1] > 0
        await pilot.press("q")
    assert recall(path, "tester", 100_000).cursor == left[0]
    again = ReadtuiApp([path], Config(annotator="tester"))
    async with again.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        reader = reader_of(again)
        assert (reader.cursor, round(reader.scroll_y)) == left
        assert reader.document.text[reader.cursor :].startswith(
            path.read_text("utf-8").split("\n\n")[12].split()[2]
        )
    # another annotator starts at the top
    other = ReadtuiApp([path], Config(annotator="bob"))
    async with other.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert reader_of(other).cursor == 0


async def test_a_place_in_a_shorter_text_is_clamped(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar", paragraphs=2)
    remember(path, "tester", Position(1_000_000, 999_000))  # the text was longer then
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        reader = reader_of(app)
        text = reader.document.text
        assert text.rstrip()[-1] == text[reader.cursor]  # the last character
        await pilot.press("g", "j")  # the reader still works from there
        assert reader.cursor > 0


async def test_an_unreadable_place_file_opens_the_article_at_the_top(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar", paragraphs=10)
    positions_path().parent.mkdir(parents=True)
    positions_path().write_bytes(b"\x00{ broken")
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert reader_of(app).cursor == 0
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        cursor = reader_of(app).cursor
        await pilot.press("q")
    assert recall(path, "tester", 100_000).cursor == cursor  # replaced by a good one


async def test_moving_on_and_back_keeps_the_place_in_each(corpus: Path) -> None:
    app = ReadtuiApp([corpus], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_first(app, pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "w")
        cursor = reader_of(app).cursor
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert shown_name(app) == "bravo.md"
        assert reader_of(app).cursor == 0
        await pilot.press("less_than_sign")
        await pilot.pause()
        await pilot.pause()
        assert shown_name(app) == "alpha.md"
        assert reader_of(app).cursor == cursor


async def test_help_lists_the_corpus_keys(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar")
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        rows = dict(app.screen.help_rows())
        assert rows["D"] == "Mark the article done (for you), or back to in progress"
        assert rows[">"] == "Save and open the next article of the library not done by you"
        assert rows["<"] == "Save and open the previous article of the library"
        assert rows["^o"] == "Show your marks, another annotator's, or everyone's (read-only)"


async def test_ctrl_q_keeps_the_place_too(tmp_path: Path) -> None:
    path = write_article(tmp_path / "dalvar.md", "Dalvar", paragraphs=10)
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        cursor = reader_of(app).cursor
        await pilot.press("ctrl+q")
    assert recall(path, "tester", 100_000).cursor == cursor


async def test_the_place_kept_in_the_removed_text_is_the_articles(tmp_path: Path) -> None:
    # R shows what cleaning removed, in a view of its own offsets: the place kept is the
    # article's
    path = tmp_path / "valley-floods-wordpress.txt"
    samples = Path(__file__).resolve().parents[1] / "sample_articles"
    path.write_bytes((samples / path.name).read_bytes())
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "right_curly_bracket", "R")
        await pilot.pause()
        reader = reader_of(app)
        assert reader.document.text != app.screen.document.text  # the view with removed text
        under_cursor = reader.document.text[reader.cursor : reader.cursor + 30]
        article_text = app.screen.document.text
        await pilot.press("q")
    kept = recall(path, "tester", len(article_text))
    assert article_text[kept.cursor : kept.cursor + 30] == under_cursor


def test_states_merge_with_another_writers(tmp_path: Path) -> None:
    # two windows (or annotators) open on one article, each marking its own state
    path = write_article(tmp_path / "dalvar.md", "Dalvar")
    mine = AnnotationStore(load_document(path))
    theirs = AnnotationStore(load_document(path))
    mine.set_state("alice", DONE)
    theirs.set_state("bob", IN_PROGRESS)  # saved over a file it had not seen: merged
    assert {name: entry["state"] for name, entry in states(path).items()} == {
        "alice": DONE,
        "bob": IN_PROGRESS,
    }
    mine.set_state("alice", None)
    assert list(states(path)) == ["bob"]


async def test_a_very_long_article_goes_back_to_the_place_once_it_has_loaded(
    tmp_path: Path,
) -> None:
    # its start is shown at once, and the place kept (past that start) once the whole is there
    from test_reader import write_long_article

    path = tmp_path / "record.txt"
    write_long_article(path)
    text = load_document(path).text
    place = len(text) // 2
    place = text.index("\n\n", place) + 2  # the start of a paragraph
    remember(path, "tester", Position(place, place))
    app = ReadtuiApp([path], Config(annotator="tester"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.loading
        reader = reader_of(app)
        assert reader.cursor == place
        assert reader.layout_rows.row(round(reader.scroll_y)).start == place
