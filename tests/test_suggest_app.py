"""Suggestions in the app and on the command line (issue 9): `a`, `]`/`[`, enter, a number key,
`x`, undo; rejected ones never come back; a broken rule is reported and the app still opens.

The tags here have their own rules (a regular expression and a token pattern), so the
suggestions are known whatever the built-in rules find.
"""

import json
from pathlib import Path

import pytest
from test_reader import sidecar

from readtui.config import Config, TagDef
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader_screen import ReaderScreen

ARTICLE = """Ministry rejects report on border clash

The defence ministry denied that its troops had crossed the border on Sunday.

According to Colonel Ruben Asker, the patrol stayed on its side of the river.

Villagers said the soldiers denied that any shots were fired near the school.
"""
DENIAL = r"\bdenied that [^.]*"
SOURCE = [{"LOWER": "according"}, {"LOWER": "to"}, {"IS_TITLE": True, "OP": "+"}]


def tags(pattern: str = DENIAL) -> tuple[TagDef, ...]:
    return (
        TagDef("denial", 1, "#E69F00", "underline", "D", patterns=(pattern,)),
        TagDef("source", 2, "#56B4E9", "italic", "S", token_patterns=(SOURCE,)),
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "clash.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def make_app(path: Path, pattern: str = DENIAL) -> ReadtuiApp:
    return ReadtuiApp([path], Config(tags=tags(pattern), annotator="tester"))


async def show_suggestions(app, pilot) -> ReaderScreen:
    await pilot.pause()
    await pilot.press("a")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def text_at(screen: ReaderScreen) -> str:
    return screen.reader.document.text[screen.reader.cursor :]


def annotations(path: Path) -> list[tuple[str, str, str]]:
    return [(a["tag"], a["quote"]["exact"], a["origin"]) for a in sidecar(path)["annotations"]]


async def test_a_shows_suggestions_and_enter_accepts_one(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await show_suggestions(app, pilot)
        assert len(screen._hints) == 3
        rows = "\n".join(s.text for s in screen._compositor.render_strips())
        assert "d   The defence ministry denied" in rows  # a lower-case letter: a suggestion
        await pilot.press("right_square_bracket")
        assert text_at(screen).startswith("denied that its troops")
        assert "suggested denial" in str(screen.query_one("#status-line").render())
        await pilot.press("enter")
        await pilot.pause()
        assert annotations(article) == [
            ("denial", "denied that its troops had crossed the border on Sunday",
             "suggested:denial/pattern-1"),
        ]  # fmt: skip
        assert len(screen._hints) == 2  # it is an annotation now, no longer a suggestion
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert annotations(article) == []
        assert len(screen._hints) == 3


async def test_a_number_key_accepts_under_that_tag(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await show_suggestions(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert text_at(screen).startswith("According to Colonel")
        await pilot.press("1")
        await pilot.pause()
        assert annotations(article) == [
            ("denial", "According to Colonel Ruben Asker", "suggested:source/tokens-1")
        ]


async def test_x_rejects_for_good_and_u_brings_it_back(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await show_suggestions(app, pilot)
        await pilot.press(*["right_square_bracket"] * 3)
        assert text_at(screen).startswith("denied that any shots")
        await pilot.press("x")
        await pilot.pause()
        (rejected,) = sidecar(article)["rejected"]
        assert rejected["rule"] == "denial/pattern-1"
        assert rejected["quote"] == "denied that any shots were fired near the school"
        await pilot.press("a", "a")  # hidden and found again: it does not come back
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [h.start for h in screen._hints] != [] and rejected["start"] not in [
            h.start for h in screen._hints
        ]
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "rejected" not in sidecar(article)
        assert rejected["start"] in [h.start for h in screen._hints]
        await pilot.press("U")
        await pilot.pause()
    assert len(sidecar(article)["rejected"]) == 1

    again = make_app(article)  # opened again, and the source edited above it: still rejected
    article.write_text(ARTICLE.replace("on Sunday", "late on Sunday night"), encoding="utf-8")
    async with again.run_test(size=(110, 30)) as pilot:
        screen = await show_suggestions(again, pilot)
        found = [screen.document.text[h.start : h.end] for h in screen._hints]
        assert "denied that any shots were fired near the school" not in found
        assert len(found) == 2


async def test_suggestions_are_unlike_annotations_and_hidden_again_by_a(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await show_suggestions(app, pilot)
        await pilot.press("right_square_bracket")
        (hint,) = screen.reader.hints.covering(screen.reader.cursor)
        style = screen.reader._hint_styles[hint.tag]
        assert style.dim and style.underline and style.bgcolor is None
        await pilot.press("a")
        await pilot.pause()
        assert screen.reader.hints is None
        await pilot.press("right_square_bracket")  # back to stepping through annotations
        assert "No more annotations" in [str(n.message) for n in app._notifications]


async def test_a_broken_rule_is_named_and_the_app_still_works(article: Path) -> None:
    app = make_app(article, pattern="denied (that")
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await show_suggestions(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        fault = "rule denial/pattern-1: not a regular expression"
        assert any(m.startswith(fault) for m in messages)
        assert len(screen._hints) == 1  # the token rule still runs


# readtui suggest ------------------------------------------------------------------------------

CONFIG = """
annotator = "tester"

[[tags]]
name = "denial"
key = 1
patterns = ['PATTERN']

[[tags]]
name = "source"
key = 2
token_patterns = [[{LOWER = "according"}, {LOWER = "to"}, {IS_TITLE = true, OP = "+"}]]
"""


def write_config(folder: Path, pattern: str = DENIAL) -> None:
    (folder / "readtui.toml").write_text(CONFIG.replace("PATTERN", pattern), encoding="utf-8")


def test_suggest_prints_what_the_app_shows_without_the_rejected(run_cli, article: Path) -> None:
    write_config(article.parent)
    result = run_cli("suggest", article, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["tag"], r["rule"], r["text"][:20]) for r in rows] == [
        ("denial", "denial/pattern-1", "denied that its troo"),
        ("source", "source/tokens-1", "According to Colonel"),
        ("denial", "denial/pattern-1", "denied that any shot"),
    ]
    text = (article.read_text(encoding="utf-8")).replace("\n\n", "\n\n")
    assert all(r["text"] in text for r in rows)

    from readtui.document import load_document
    from readtui.editing import Editor
    from readtui.store import AnnotationStore

    editor = Editor(AnnotationStore(load_document(article)), "tester")
    editor.reject("denial/pattern-1", rows[2]["start"], rows[2]["end"])
    editor.accept("source/tokens-1", rows[1]["start"], rows[1]["end"], "source")
    plain = run_cli("suggest", article)
    assert plain.returncode == 0
    assert plain.stdout_lines == [
        f"{rows[0]['start']}-{rows[0]['end']}  denial  [denial/pattern-1]  "
        "“denied that its troops had crossed the border on Sunday”"
    ]
    assert plain.stderr_lines == ["1 suggestion"]


def test_suggest_names_a_broken_rule_and_still_runs_the_others(run_cli, article: Path) -> None:
    write_config(article.parent, pattern="denied (that")
    result = run_cli("suggest", article, "--json")
    assert result.returncode == 1
    assert [r["rule"] for r in json.loads(result.stdout)] == ["source/tokens-1"]
    assert result.stderr_lines == [
        "readtui: rule denial/pattern-1: not a regular expression: "
        "missing ), unterminated subpattern at position 7"
    ]


def test_a_long_text_is_searched_in_its_own_process_with_the_same_result() -> None:
    from readtui.suggest import suggest
    from readtui.suggest.apart import APART_FROM, Search

    text = "\n\n".join([ARTICLE] * (APART_FROM // len(ARTICLE) + 1))
    config = Config(tags=tags())
    rejected = [{"rule": "denial/pattern-1", "start": 54, "end": 112}]

    outcome = Search(text, config, rejected, []).result()

    assert outcome is not None
    found, faults = outcome
    assert found == suggest(text, config, rejected) and faults == []
    assert [s.attrs for s in found] == [s.attrs for s in suggest(text, config, rejected)]

    stopped = Search(text, config, [], [])
    stopped.stop()
    assert stopped.result() is None
