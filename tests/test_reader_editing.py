"""Editing marks precisely: overlapping marks, retag, resize, `;` and the list's keys (issue 7).

Each test presses the real keys and checks the sidecar on disk.
"""

import shutil
from pathlib import Path

import pytest
from test_reader import ARTICLE, make_app, sidecar, start, tagged

from readtui.tui.reader_screen import ReaderScreen

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "dalvar.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


async def write_note(pilot, note: str) -> None:
    await pilot.press("c")
    await pilot.pause()
    await pilot.press(*note, "ctrl+s")
    await pilot.pause()


def spans(path: Path) -> list[tuple[str, str]]:
    data = sidecar(path)
    text = data["document"]["text"]
    return [(a["tag"], text[a["start"] : a["end"]]) for a in data["annotations"]]


async def test_brackets_visit_marks_that_start_together(tmp_path: Path) -> None:
    # the report: a quote and a claim from the same start; ] from g never reached the claim
    path = tmp_path / "border-shelling-wire.txt"
    shutil.copy(REPO / "sample_articles" / path.name, path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_parenthesis")
        await pilot.press("v", *["w"] * 15, "2", "s", "1")
        assert sorted(tag for tag, _ in spans(path)) == ["claim", "quote"]
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("g")
        visited = []
        for _ in range(2):
            await pilot.press("right_square_bracket")
            visited.append(screen.current().tag)
        assert sorted(visited) == ["claim", "quote"]
        await pilot.press("left_square_bracket")
        assert screen.current().tag == visited[0]
        assert reader.cursor == screen.current().start


async def test_two_marks_over_the_same_text_are_both_reached(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "s", "2", "G")
        screen = app.screen
        seen = set()
        for _ in range(2):
            await pilot.press("left_square_bracket")
            seen.add(screen.current().tag)
        assert seen == {"claim", "quote"}


async def test_semicolon_cycles_the_current_mark_and_c_e_x_act_on_it(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "s", "2")
        screen = app.screen
        first = screen.current().tag
        await pilot.press("semicolon")
        second = screen.current().tag
        assert {first, second} == {"claim", "quote"}
        assert second in str(screen.query_one("#status-line").render())
        await pilot.press("x")
        assert [tag for tag, _ in spans(article)] == [first]
        await pilot.press("u")
        await pilot.press("semicolon")
        await write_note(pilot, "second mark")
        notes = {a["tag"]: a["note"] for a in sidecar(article)["annotations"]}
        assert notes[screen.current().tag] == "second mark"
        assert sorted(notes.values()) == ["", "second mark"]


async def test_list_keys_act_on_the_highlighted_row(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "s", "2", "tab")
        # two marks over the same text: the second row can get a note of its own
        await pilot.press("j")
        await write_note(pilot, "on the second row")
        rows = sidecar(article)["annotations"]
        assert [a["note"] for a in rows] == ["", "on the second row"]
        await pilot.press("k")
        await write_note(pilot, "first")
        assert [a["note"] for a in sidecar(article)["annotations"]] == [
            "first",
            "on the second row",
        ]


async def test_a_tag_key_with_nothing_selected_retags_and_keeps_note_and_attributes(
    article: Path,
) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        reader.move_to(reader.document.text.index("At least 14"))
        await pilot.press("v", *["w"] * 5, "3")
        before = sidecar(article)["annotations"][0]
        assert before["attrs"] == {"count_min": 14, "kind": "killed"}  # read from the text
        await write_note(pilot, "ministry")
        await pilot.press("1")  # nothing selected: retag as a claim
        after = sidecar(article)["annotations"][0]
        assert (after["id"], after["tag"], after["note"]) == (before["id"], "claim", "ministry")
        # a claim defines no count: the attributes are set aside, not lost
        assert after["attrs"] == {"set_aside": {"count_min": 14, "kind": "killed"}}
        await pilot.press("3")
        again = sidecar(article)["annotations"][0]
        assert again["attrs"] == {"count_min": 14, "kind": "killed"}
        await pilot.press("u", "u")
        assert sidecar(article)["annotations"][0]["tag"] == "casualty figure"


async def test_equals_resizes_keeping_tag_note_and_attributes(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        reader.move_to(reader.document.text.index("At least 14"))
        await pilot.press("v", *["w"] * 3, "3")
        await write_note(pilot, "n")
        assert tagged(article) == [("casualty figure", "At least 14 people")]
        ident = sidecar(article)["annotations"][0]["id"]
        await pilot.press("equals_sign", "w", "w", "equals_sign")  # the end moves two words on
        assert tagged(article) == [("casualty figure", "At least 14 people were killed")]
        await pilot.press("equals_sign", "o", "w", "enter")  # now the start moves
        annotation = sidecar(article)["annotations"][0]
        assert annotation["quote"]["exact"] == "least 14 people were killed"
        assert (annotation["id"], annotation["note"]) == (ident, "n")
        assert annotation["attrs"] == {"count_min": 14}  # as tagged: a resize keeps them
        await pilot.press("equals_sign", "w", "w", "escape")  # escape cancels
        assert tagged(article) == [("casualty figure", "least 14 people were killed")]
        await pilot.press("u")
        assert tagged(article) == [("casualty figure", "At least 14 people were killed")]


async def test_a_change_is_written_right_after_it_shows_and_ctrl_q_loses_nothing(
    article: Path,
) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        store = app.screen.store
        await pilot.press("right_curly_bracket", "s", "1")
        await pilot.pause()
        assert not store.unsaved and tagged(article)[0][0] == "claim"
        # the write waits for the frame; quitting at once still writes it
        app.screen.editor.tag(0, 8, "quote")
        assert store.unsaved
        await pilot.press("ctrl+q")
    assert sorted(tag for tag, _ in tagged(article)) == ["claim", "quote"]
