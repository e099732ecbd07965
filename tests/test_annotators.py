"""Several annotators in one sidecar (issue 11): the reader shows the user's own marks, ctrl+o
cycles to another annotator's and to everyone's, and others' marks are read-only. Real keys,
checked on the screen and in the sidecar."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import Static

from readtui.annotations import Annotation
from readtui.config import Config
from readtui.document import load_document
from readtui.store import AnnotationStore, sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader import ReaderView
from readtui.tui.reader_screen import ReaderScreen
from readtui.tui.sidebar import AnnotationList

ARTICLE = """\
# Shelling kills 14 in border town

Artillery shells struck a crowded market in Dalvar on Wednesday. At least 14 people were \
killed and more than 40 wounded, local health officials said. The army denied it.

"This was a deliberate strike on civilians," Colonel Ruben Asker told reporters. \
Rescue teams searched the rubble until dawn.
"""

# (phrase, tag, annotator, status)
MARKS = [
    ("At least 14 people were killed", "casualty figure", "alice", "ok"),
    ("The army denied it", "claim", "alice", "ok"),
    ("At least 14 people were killed and more than 40 wounded", "claim", "bob", "ok"),
    ("Rescue teams searched the rubble", "claim", "bob", "fuzzy"),
    ('"This was a deliberate strike on civilians,"', "quote", "carol", "ok"),
]


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "dalvar.md"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore(document)
    for phrase, tag, annotator, status in MARKS:
        start = document.text.index(phrase)
        mark = Annotation.create(document.text, start, start + len(phrase), tag, annotator)
        store.add(replace(mark, status=status))
    assert store.save_error is None
    return path


def saved(path: Path) -> list[tuple[str, str, str]]:
    data = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    return sorted((a["annotator"], a["tag"], a["quote"]["exact"]) for a in data["annotations"])


def title_bar(app: ReadtuiApp) -> str:
    return str(app.screen.query_one("#title-bar", Static).render())


def status_line(app: ReadtuiApp) -> str:
    return str(app.screen.query_one("#status-line", Static).render())


def listed(app: ReadtuiApp) -> list[tuple[str, str]]:
    return [(a.annotator, a.tag) for a in app.screen.query_one(AnnotationList).rows]


def list_row(app: ReadtuiApp, index: int) -> str:
    rows = app.screen.query_one(AnnotationList)
    return "".join(segment.text for segment in rows.render_line(index))


async def start(app: ReadtuiApp, pilot) -> ReaderScreen:
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def test_the_reader_shows_the_users_own_marks_and_ctrl_o_cycles(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await start(app, pilot)
        assert listed(app) == [("alice", "casualty figure"), ("alice", "claim")]
        assert "yours (^o: 2 others)" in title_bar(app)
        assert " C 1 " in title_bar(app) and " Q 0 " in title_bar(app)  # counts: what is shown
        await pilot.press("ctrl+o")
        assert "bob's marks" in title_bar(app)
        assert "bob's marks: read-only" in status_line(app)
        assert listed(app) == [("bob", "claim"), ("bob", "claim")]
        assert "bob" in list_row(app, 0)  # the list names the annotator when others are shown
        assert " C 2 " in title_bar(app)
        await pilot.press("ctrl+o")
        assert "carol's marks" in title_bar(app)
        assert listed(app) == [("carol", "quote")]
        await pilot.press("ctrl+o")
        assert "everyone's marks" in title_bar(app)
        assert len(listed(app)) == len(MARKS)
        assert {name for name, _ in listed(app)} == {"alice", "bob", "carol"}
        await pilot.press("ctrl+o")
        assert "yours (^o: 2 others)" in title_bar(app)
        assert len(screen.editor.index.items) == 2


async def test_brackets_follow_the_marks_shown(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await start(app, pilot)
        visited = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            current = screen.current()
            visited.append((current.annotator, current.tag) if current else None)
        assert visited == [("alice", "casualty figure"), ("alice", "claim"), ("alice", "claim")]
        assert any("No more annotations" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o", "g")  # everyone's
        seen = set()
        for _ in range(len(MARKS)):
            await pilot.press("right_square_bracket")
            seen.add(screen.current().annotator)
        assert seen == {"alice", "bob", "carol"}


async def test_others_marks_are_read_only(article: Path) -> None:
    before = saved(article)
    app = ReadtuiApp([article], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+o")  # bob's
        await pilot.press("right_square_bracket")  # on bob's claim
        assert "(bob's, read-only)" in status_line(app)
        for key in ("x", "c", "e", "equals_sign", "2"):
            await pilot.press(key)
            await pilot.pause()
            assert "bob's claim is read-only" in status_line(app), key
            assert isinstance(app.screen, ReaderScreen), key  # no dialog opened
        # nothing new while only bob's marks are shown: it would not show
        await pilot.press("s", "1")
        assert "bob's marks are shown, read-only: ctrl+o to yours to tag" in status_line(app)
        # the list's delete key too
        await pilot.press("tab", "x")
        await pilot.pause()
        assert "bob's claim is read-only" in status_line(app)
    assert saved(article) == before


async def test_in_everyones_marks_the_users_own_stay_editable(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o")  # everyone's
        # alice's casualty figure inside bob's longer claim: hers is the one keys act on
        text = screen.document.text
        screen.reader.move_to(text.index("people were killed"))
        assert screen.current().annotator == "alice"
        await pilot.press("2")  # retag hers as a quote
        await pilot.pause()
        # bob's claim around it: ; makes it current, and it stays his
        await pilot.press("semicolon")
        assert screen.current().annotator == "bob"
        await pilot.press("x")
        assert "bob's claim is read-only" in status_line(app)
        # a new mark is the user's own
        await pilot.press("G", "s", "3")
        await pilot.pause()
    marks = saved(article)
    assert ("alice", "quote", "At least 14 people were killed") in marks
    assert ("bob", "claim", "At least 14 people were killed and more than 40 wounded") in marks
    new = [m for m in marks if m[1] == "casualty figure"]
    assert [m[0] for m in new] == ["alice"]


async def test_the_review_walks_the_users_own_marks_only(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o", "ctrl+r")  # everyone's: bob's is fuzzy
        await pilot.pause()
        assert not screen.reviewing
        messages = [str(n.message) for n in app._notifications]
        assert "Nothing of yours to review: the marks left are others'" in messages


async def test_others_marks_are_drawn_dimmed(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+o", "ctrl+o")  # carol's quote
        reader = screen.query_one(ReaderView)
        start_of_quote = screen.document.text.index('"This was')
        reader.move_to(start_of_quote + 20)  # the cursor off the mark's first letter
        await pilot.pause()
        y = reader.layout_rows.y_of(start_of_quote) - round(reader.scroll_y)
        strip = reader.render_line(y)
        quote = next(segment for segment in strip if segment.text.startswith('"This'))
        colour = screen.config.tag("quote").colour
        mine = Style(bgcolor=colour)
        assert quote.style.bgcolor is not None
        assert quote.style.bgcolor != mine.bgcolor  # faded, not the tag's own colour
        assert quote.style.italic  # the quote's mark is kept: colour alone is not enough


async def test_new_marks_name_the_annotator_of_the_config(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="alice"), annotator="dora")  # --annotator
    async with app.run_test(size=(140, 30)) as pilot:
        await start(app, pilot)
        assert "yours (^o: 3 others)" in title_bar(app)  # alice's are another's now
        await pilot.press("G", "s", "1")
        await pilot.pause()
    sentence = '"This was a deliberate strike on civilians," Colonel Ruben Asker told reporters'
    assert ("dora", "claim", sentence) in saved(article)


async def test_ctrl_o_with_no_other_annotator_says_so(tmp_path: Path) -> None:
    path = tmp_path / "dalvar.md"
    path.write_text(ARTICLE, encoding="utf-8")
    app = ReadtuiApp([path], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+o")
        assert "Only your own marks are in this article" in status_line(app)
        assert "marks" not in title_bar(app) and "yours" not in title_bar(app)


async def test_marks_that_name_nobody_are_the_users_own(tmp_path: Path) -> None:
    path = tmp_path / "dalvar.md"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore(document)
    start_of = document.text.index("The army denied it")
    store.add(Annotation.create(document.text, start_of, start_of + 18, "claim", annotator=""))
    app = ReadtuiApp([path], Config(annotator="alice"))
    async with app.run_test(size=(140, 30)) as pilot:
        await start(app, pilot)
        assert listed(app) == [("", "claim")]
        await pilot.press("right_square_bracket", "2")
        await pilot.pause()
    assert saved(path) == [("", "quote", "The army denied it")]


def test_everyones_marks_snapshot(snap_compare, article: Path) -> None:
    # alice's own marks as usual; bob's and carol's faded, their tag's mark kept, letters dim;
    # the list names whose each mark is
    app = ReadtuiApp([article], Config(annotator="alice"))
    assert snap_compare(app, press=["ctrl+o", "ctrl+o", "ctrl+o", "j"], terminal_size=(120, 30))
