"""Adjudication in the app (issue 11 item 4): the real keys take A's version, B's, both or
neither; undo, leave, quit and reopen to resume; the palette's dialog and the command line's
option. Checked in the sidecar and on the screen."""

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, OptionList, Static

from readtui.annotations import Annotation
from readtui.cli import open_parser
from readtui.config import Config
from readtui.document import load_document
from readtui.store import AnnotationStore, sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader_screen import ReaderScreen
from readtui.tui.screens.adjudicate import AdjudicateDialog
from readtui.tui.screens.help import HelpScreen
from readtui.tui.sidebar import AnnotationList

ARTICLE = """\
# Shelling kills 14 in border town

Artillery shells struck a crowded market in Dalvar on Wednesday. At least 14 people were \
killed and more than 40 wounded, local health officials said. The army denied it.

"This was a deliberate strike on civilians," Colonel Ruben Asker told reporters. \
Rescue teams searched the rubble until dawn.
"""
KILLED = "At least 14 people were killed"
SAID = "local health officials said"
LONG = "At least 14 people were killed and more than 40 wounded, local health officials said"
DENIED = "The army denied it"
QUOTE = '"This was a deliberate strike on civilians,"'
STRIKE = "This was a deliberate strike on civilians"
RESCUE = "Rescue teams searched the rubble until dawn"
# (phrase, tag, annotator, note): one agreement, then four disagreements in reading order
MARKS = [
    (KILLED, "casualty figure", "alice", ""),
    (KILLED, "casualty figure", "bob", ""),
    (SAID, "claim", "alice", "the officials"),
    (LONG, "claim", "bob", ""),
    (DENIED, "claim", "alice", ""),
    (QUOTE, "quote", "alice", ""),
    (STRIKE, "claim", "bob", "his words"),
    (RESCUE, "claim", "bob", "unverified"),
]
AGREED = (KILLED, "casualty figure", "adjudicated:alice+bob", "")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """An article that alice and bob annotated, written through the store."""
    path = tmp_path / "dalvar.md"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore(document)
    with store.batch():
        for phrase, tag, annotator, note in MARKS:
            start = document.text.index(phrase)
            end = start + len(phrase)
            store.add(Annotation.create(document.text, start, end, tag, annotator, note=note))
    return path


def adjudicating(path: Path, names=("alice", "bob", "gold")) -> ReadtuiApp:
    """The app as `readtui PATH --adjudicate alice bob` opens it, for carol."""
    return ReadtuiApp([path], Config(annotator="carol"), adjudicate=names)


def sidecar(path: Path) -> dict:
    return json.loads(sidecar_path(path).read_text(encoding="utf-8"))


def gold(path: Path) -> list[tuple[str, str, str, str]]:
    return sorted(
        (a["quote"]["exact"], a["tag"], a["origin"], a["note"])
        for a in sidecar(path)["annotations"]
        if a["annotator"] == "gold"
    )


def gold_state(path: Path) -> dict:
    return sidecar(path)["states"]["gold"]


def status_line(app: ReadtuiApp) -> str:
    return str(app.screen.query_one("#status-line", Static).render())


def title_bar(app: ReadtuiApp) -> str:
    return str(app.screen.query_one("#title-bar", Static).render())


def panel(app: ReadtuiApp) -> str:
    """The side panel's text, as it wraps at the panel's width."""
    shown = app.screen.query_one("#disagreement", Static)
    console = Console(width=shown.content_size.width, file=io.StringIO(), record=True)
    console.print(app.screen.disagreement_text())
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def told(app: ReadtuiApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def started(app: ReadtuiApp, pilot) -> ReaderScreen:
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def test_the_keys_take_a_b_both_and_neither(article: Path) -> None:
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(app, pilot)
        assert screen.adjudicating
        assert "1 agreement of alice and bob taken into gold's marks" in told(app)[0]
        assert "4 disagreements to decide, starting at number 1" in told(app)[0]
        assert "adjudicating A alice · B bob → gold" in title_bar(app)
        assert "ADJUDICATE 1/4 undecided" in status_line(app)
        # both versions in the side panel, with their notes; the reader on the disagreement
        shown = panel(app)
        assert "alice's\n  C claim\n  “local health officials said”\n  ✎ the officials" in shown
        # a version's wrapped lines are indented like its first
        assert "bob's\n  C claim\n  “At least 14 people were killed\n  and more than 40" in shown
        assert screen.reader.cursor == screen.document.text.index(LONG)
        assert {a.quote.exact for a in screen.editor.index.items} == {KILLED, SAID, LONG}
        await pilot.press("1")  # alice's
        assert "ADJUDICATE 2/4" in status_line(app)
        await pilot.press("minus")  # neither: alice's claim alone
        await pilot.press("plus")  # both
        assert "ADJUDICATE 4/4" in status_line(app)
        await pilot.press("b")  # bob's (not a word back)
        await pilot.pause()
        assert "All 4 disagreements decided: gold's marks are done" in told(app)[-1]
        assert "decided: bob's · 0 to decide" in status_line(app)
    assert gold(article) == sorted(
        [
            AGREED,
            (SAID, "claim", "adjudicated:alice", "the officials"),
            (QUOTE, "quote", "adjudicated:alice", ""),
            (STRIKE, "claim", "adjudicated:bob", "his words"),
            (RESCUE, "claim", "adjudicated:bob", "unverified"),
        ]
    )
    state = gold_state(article)
    assert state["state"] == "done" and state["adjudicating"] == ["alice", "bob"]
    assert sorted(r["choice"] for r in state["decided"].values()) == ["A", "B", "both", "neither"]
    assert len(state["agreed"]) == 1
    assert "carol" not in sidecar(article)["states"]  # the adjudicator's own state: untouched


async def test_the_other_keys_and_revisiting_a_decided_disagreement(article: Path) -> None:
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("a", "2", "3", "0")
        assert "decided: neither" in status_line(app)
        await pilot.press("left_square_bracket", "left_square_bracket")  # back to the 2nd
        assert "ADJUDICATE 2/4 decided: bob's" in status_line(app)
        assert "Decided: bob's" in panel(app)
        await pilot.press("1")  # a new choice replaces the old one
        await pilot.press("right_square_bracket")
        assert "ADJUDICATE 3/4 decided: both" in status_line(app)
        await pilot.pause()
    assert gold(article) == sorted(
        [
            AGREED,
            (SAID, "claim", "adjudicated:alice", "the officials"),
            (DENIED, "claim", "adjudicated:alice", ""),
            (QUOTE, "quote", "adjudicated:alice", ""),
            (STRIKE, "claim", "adjudicated:bob", "his words"),
        ]
    )


async def test_undo_and_redo_a_decision(article: Path) -> None:
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("1", "1")
        await pilot.press("u")
        assert "Undone: take alice's" in told(app)[-1]
        assert "ADJUDICATE 2/4 undecided · 3 to decide" in status_line(app)
        await pilot.press("u")
        assert "ADJUDICATE 1/4 undecided · 4 to decide" in status_line(app)
        await pilot.pause()
        assert gold(article) == [AGREED]  # the agreement is not a choice: it stays
        assert gold_state(article)["state"] == "in progress"
        await pilot.press("U")
        assert "Redone: take alice's" in told(app)[-1]
        assert "ADJUDICATE 1/4 decided: alice's" in status_line(app)
        await pilot.pause()
    assert gold(article) == sorted([AGREED, (SAID, "claim", "adjudicated:alice", "the officials")])


async def test_quit_and_reopen_resumes_at_the_first_undecided(article: Path) -> None:
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("0", "1")  # neither, then alice's
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    saved = gold(article)
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(app, pilot)
        # the agreements are not taken twice
        assert told(app)[0] == (
            "2 of 4 disagreements decided before · 2 disagreements to decide, starting at number 3"
        )
        assert "ADJUDICATE 3/4 undecided · 2 to decide" in status_line(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert "ADJUDICATE 1/4 decided: neither" in status_line(app)  # neither stays decided
        await pilot.press("u")
        assert "Nothing to undo" in told(app)[-1]  # the last session's history is gone
    assert gold(article) == saved


async def test_reader_keys_that_edit_wait_while_adjudicating(article: Path) -> None:
    before = sidecar(article)["annotations"]
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(app, pilot)
        for key in ("x", "c", "e", "t", "D", "equals_sign", "ctrl+o", "ctrl+r", "R", "tab"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key  # no dialog opened
            assert screen.adjudicating and "ADJUDICATE 1/4" in status_line(app), key
        assert not screen.showing_suggestions
        await pilot.press("s", "escape")  # escape clears the selection first
        assert screen.adjudicating and screen.reader.selection() is None
    after = sidecar(article)["annotations"]
    assert [a for a in after if a["annotator"] != "gold"] == before


async def test_escape_leaves_and_the_reader_is_as_before(article: Path) -> None:
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("1")
        await pilot.press("escape")
        assert not screen.adjudicating
        assert "Left the adjudication: 1 of 4 decided, saved as gold's marks" in status_line(app)
        assert "adjudicating" not in title_bar(app)
        assert screen.query_one(AnnotationList).display
        assert not screen.query_one("#disagreement").display
        # the reader's keys are back: a tag key tags carol's own selection
        await pilot.press("g", "s", "1")
        await pilot.pause()
        assert [a.annotator for a in screen.editor.shown] == ["carol"]
        # ctrl+o shows gold's marks, among the others'
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o")
        assert "gold's marks" in title_bar(app)
        assert len(screen.editor.shown) == 2


async def test_another_writers_marks_come_in_while_adjudicating(article: Path) -> None:
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(app, pilot)
        bobs_window = AnnotationStore(load_document(article))
        text = bobs_window.document.text
        start = text.index("Colonel Ruben Asker")
        bobs_window.add(Annotation.create(text, start, start + 19, "claim", "bob"))
        bobs_window.save()
        await pilot.press("1")  # saving takes bob's new mark in: a fifth disagreement
        await pilot.pause()
        await pilot.pause()
        assert "Disagreement 2 of 5" in panel(app)
        assert "ADJUDICATE 2/5 undecided · 4 to decide" in status_line(app)
    assert "Colonel Ruben Asker" in [a["quote"]["exact"] for a in sidecar(article)["annotations"]]
    assert len(gold(article)) == 2


async def test_help_lists_the_adjudication_keys(article: Path) -> None:
    app = adjudicating(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(app, pilot)
        shown = {k: a.binding.action for k, a in app.screen.active_bindings.items()
                 if a.binding.show and a.enabled}  # fmt: skip
        assert shown["1"] == "adjudicate_take('A')" and shown["escape"] == "leave_adjudication"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict(app.screen.rows)
        assert rows["1, a"] == "Adjudicating: Take A's version of this disagreement"
        assert rows["0, -"] == "Adjudicating: Take neither version"


async def test_the_palette_asks_for_the_two_names(article: Path) -> None:
    app = ReadtuiApp([article], Config(annotator="carol"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(app, pilot)
        assert not screen.adjudicating
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"adjudicate")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AdjudicateDialog)
        assert dialog.query_one("#side-a", OptionList).highlighted == 0  # alice
        await pilot.press("enter", "up", "enter")  # A alice; B: alice too
        assert dialog.query_one(Input).has_focus
        await pilot.press("enter")
        problem = str(dialog.query_one("#problem", Static).render())
        assert "A and B must be two different annotators" in problem
        assert isinstance(app.screen, AdjudicateDialog)
        await pilot.press("shift+tab", "down", "tab")  # B: bob
        await pilot.press("ctrl+u", *"panel")  # another name for the result
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.adjudicating
        assert "adjudicating A alice · B bob → panel" in title_bar(app)
        await pilot.press("2")
        await pilot.pause()
    assert sidecar(article)["states"]["panel"]["adjudicating"] == ["alice", "bob"]


async def test_two_annotators_who_agree_on_everything(tmp_path: Path) -> None:
    path = tmp_path / "dalvar.md"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore(document)
    start = document.text.index(KILLED)
    for annotator in ("alice", "bob"):
        store.add(Annotation.create(document.text, start, start + len(KILLED), "claim", annotator))
    app = adjudicating(path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(app, pilot)
        assert not screen.adjudicating  # nothing to decide: the reader as it was
        assert told(app)[-1] == (
            "1 agreement of alice and bob taken into gold's marks · no disagreement: gold's "
            "marks are done"
        )
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o")  # gold's mark is there to see
        assert "gold's marks" in title_bar(app) and len(screen.editor.shown) == 1
    assert gold(path) == [(KILLED, "claim", "adjudicated:alice+bob", "")]
    assert gold_state(path)["state"] == "done"


async def test_a_name_with_no_marks_is_refused(article: Path) -> None:
    app = adjudicating(article, ("alice", "bbo", "gold"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(app, pilot)
        assert not screen.adjudicating
        assert "no marks by bbo in this article (annotators here: alice, bob)" in told(app)[-1]
    assert "states" not in sidecar(article)


def test_the_command_line_option() -> None:
    args = open_parser().parse_intermixed_args(["a.md", "--adjudicate", "alice", "bob"])
    assert (args.paths, args.adjudicate, args.gold) == (["a.md"], ["alice", "bob"], None)
    args = open_parser().parse_intermixed_args(
        ["--adjudicate", "alice", "bob", "--as", "x", "a.md"]
    )
    assert (args.paths, args.gold) == (["a.md"], "x")


def test_the_command_line_refuses_what_does_not_fit(run_cli, article: Path) -> None:
    for args, said in [
        ((article, "--as", "gold"), "--as goes with --adjudicate A B"),
        ((article.parent, "--adjudicate", "alice", "bob"), "works on one article: give one file"),
        ((article, "--adjudicate", "alice", "alice"), "two different annotators"),
        ((article, "--adjudicate", "alice", "bob", "--as", "bob"), "a name of its own"),
    ]:
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert said in result.stderr, args


def test_adjudication_at_120x30(snap_compare, article: Path) -> None:
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("1")  # on to the second disagreement: gold's first mark shows, faded
        await pilot.press("left_square_bracket")
        app = pilot.app
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(adjudicating(article), terminal_size=(120, 30), run_before=run_before)
