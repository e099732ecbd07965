"""The reader driven by its real keys, checked on screen state and on the sidecar on disk."""

import json
from pathlib import Path

import pytest
from textual import events
from textual.app import App

from readtui.config import Config
from readtui.document import PREVIEW_BYTES, PREVIEW_MIN_BYTES, load_document, load_preview
from readtui.store import AnnotationStore, sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader import ReaderView
from readtui.tui.reader_screen import ReaderScreen

ARTICLE = """\
# Shelling kills 14 in border town

Artillery shells struck a crowded market in Dalvar on Wednesday. At least 14 people were \
killed and more than 40 wounded, local health officials said. The army denied it.

"This was a deliberate strike on civilians," Colonel Ruben Asker told reporters. \
Rescue teams searched the rubble until dawn.

## Reaction

The talks will go on, a negotiator said. Dozens of families left the town overnight.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "dalvar.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def make_app(path: Path) -> ReadtuiApp:
    return ReadtuiApp([path], Config(annotator="tester"))


def sidecar(path: Path) -> dict:
    return json.loads(sidecar_path(path).read_text(encoding="utf-8"))


def tagged(path: Path) -> list[tuple[str, str]]:
    return [(a["tag"], a["quote"]["exact"]) for a in sidecar(path)["annotations"]]


def reader_of(app: ReadtuiApp) -> ReaderView:
    return app.screen.query_one(ReaderView)


def at_cursor(reader: ReaderView, length: int = 12) -> str:
    return reader.document.text[reader.cursor : reader.cursor + length]


async def start(app: ReadtuiApp, pilot) -> ReaderView:
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)
    return reader_of(app)


async def test_word_sentence_paragraph_motions(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        assert at_cursor(reader).startswith("Shelling")
        await pilot.press("w")
        assert at_cursor(reader).startswith("kills")
        await pilot.press("w", "b")
        assert at_cursor(reader).startswith("kills")
        await pilot.press("right_curly_bracket")
        assert at_cursor(reader).startswith("Artillery")
        await pilot.press("right_parenthesis")
        assert at_cursor(reader).startswith("At least 14")
        await pilot.press("right_parenthesis")
        assert at_cursor(reader).startswith("The army")
        await pilot.press("left_parenthesis")
        assert at_cursor(reader).startswith("At least 14")
        await pilot.press("right_curly_bracket")
        assert at_cursor(reader).startswith('"This was')
        await pilot.press("left_curly_bracket")
        assert at_cursor(reader).startswith("Artillery")
        await pilot.press("l", "l")
        assert at_cursor(reader).startswith("tillery")
        await pilot.press("h")
        assert at_cursor(reader).startswith("rtillery")


async def test_line_and_document_motions(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("j")  # over the blank row to the first paragraph
        assert at_cursor(reader).startswith("Artillery")
        await pilot.press("down")
        second_row = reader.cursor
        assert reader.layout_rows.y_of(second_row) == reader.layout_rows.y_of(reader.cursor)
        assert reader.document.text[second_row] != "\n"
        await pilot.press("k", "up")
        assert at_cursor(reader).startswith("Shelling")
        await pilot.press("G")
        assert at_cursor(reader).startswith("The talks")
        await pilot.press("g")
        assert reader.cursor == 0
        await pilot.press("end")
        assert at_cursor(reader).startswith("The talks")
        await pilot.press("home")
        assert reader.cursor == 0


async def test_page_motions_scroll_a_screen(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    paragraphs = [f"Paragraph {n} says that {n} people were counted." for n in range(200)]
    path.write_text("Long article\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("space")
        first_page = reader.scroll_y
        assert first_page > 10
        assert reader.layout_rows.y_of(reader.cursor) >= first_page
        await pilot.press("pagedown")
        assert reader.scroll_y > first_page
        await pilot.press("pageup")
        assert reader.scroll_y == first_page


async def test_tag_selection_with_v_and_each_tag_key(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("right_curly_bracket", "v", "w", "w", "v", "1")
        assert tagged(article) == [("claim", "Artillery shells struck")]
        assert reader.selection() is None
        await pilot.press("right_parenthesis", "s", "2")
        await pilot.press("right_parenthesis", "v", "w", "w", "w", "3")
        annotations = sidecar(article)["annotations"]
        assert [(a["tag"], a["quote"]["exact"]) for a in annotations] == [
            ("claim", "Artillery shells struck"),
            (
                "quote",
                "At least 14 people were killed and more than 40 wounded, "
                "local health officials said",
            ),
            ("casualty figure", "The army denied it"),
        ]
        first = annotations[0]
        assert first["annotator"] == "tester" and first["origin"] == "manual"
        assert first["status"] == "ok" and len(first["id"]) == 26
        text = reader.document.text
        assert text[first["start"] : first["end"]] == first["quote"]["exact"]


async def test_v_takes_the_character_under_the_cursor_and_tags_what_is_highlighted(
    article: Path,
) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        text = reader.document.text
        reader.move_to(text.index("At least 14 people"))
        await pilot.press("v", "w", "w", "w")  # onto the "p" of "people"
        highlighted = reader.selection()
        assert text[slice(*highlighted)] == "At least 14 people"
        await pilot.press("3")
        annotation = sidecar(article)["annotations"][0]
        assert (annotation["start"], annotation["end"]) == highlighted
        # a selection ending inside a word shows the whole word, as it will be tagged
        reader.move_to(text.index("wounded"))
        await pilot.press("v", "l", "l")
        assert text[slice(*reader.selection())] == "wounded"


async def test_tag_snaps_to_whole_words_and_trims(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        start_offset = reader.document.text.index("rtillery")
        reader.move_to(start_offset)
        await pilot.press("v", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "1")
        assert tagged(article) == [("claim", "Artillery shells")]


async def test_shift_arrows_extend_and_escape_clears(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("right_curly_bracket", "shift+right", "shift+right")
        start_offset, end = reader.selection()
        assert reader.document.text[start_offset:end] == "Artillery shells"
        await pilot.press("shift+left")
        start_offset, end = reader.selection()
        assert reader.document.text[start_offset:end] == "Artillery"
        await pilot.press("escape")
        assert reader.selection() is None
        await pilot.press("p")
        start_offset, end = reader.selection()
        assert reader.document.text[start_offset:end].startswith("Artillery")
        # highlighted as it will be tagged: the final full stop is not in it
        assert reader.document.text[start_offset:end].endswith("The army denied it")
        await pilot.press("3")
        assert tagged(article)[0][1].endswith("The army denied it")


async def test_tag_picker_note_attributes_delete(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        reader.move_to(reader.document.text.index("At least"))
        await pilot.press("v", *["w"] * 5)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("c", "a", "s", "enter")
        await pilot.pause()
        assert tagged(article) == [("casualty figure", "At least 14 people were killed")]
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"health ministry figure", "ctrl+s")
        await pilot.pause()
        assert sidecar(article)["annotations"][0]["note"] == "health ministry figure"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("1", "4", "ctrl+s")
        await pilot.pause()
        assert sidecar(article)["annotations"][0]["attrs"]["count"] == 14
        await pilot.press("x")
        await pilot.pause()
        assert tagged(article) == []


async def test_undo_redo_every_edit(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1")
        assert len(tagged(article)) == 1
        await pilot.press("c", *"why", "ctrl+s")
        await pilot.pause()
        assert sidecar(article)["annotations"][0]["note"] == "why"
        await pilot.press("u")
        assert sidecar(article)["annotations"][0]["note"] == ""
        await pilot.press("u")
        assert tagged(article) == []
        await pilot.press("U")
        assert len(tagged(article)) == 1
        await pilot.press("ctrl+y")
        assert sidecar(article)["annotations"][0]["note"] == "why"
        await pilot.press("x")
        assert tagged(article) == []
        await pilot.press("ctrl+z")
        assert sidecar(article)["annotations"][0]["note"] == "why"


async def test_next_and_previous_annotation(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "right_curly_bracket", "s", "2")
        await pilot.press("g", "right_square_bracket")
        assert at_cursor(reader).startswith("Artillery")
        await pilot.press("right_square_bracket")
        assert at_cursor(reader).startswith('"This')
        await pilot.press("left_square_bracket")
        assert at_cursor(reader).startswith("Artillery")


async def test_search_highlights_and_steps(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("slash", *"the", "enter")
        assert reader.search is not None and len(reader.search.starts) >= 4
        first = reader.cursor
        assert reader.document.text[first : first + 3].lower() == "the"
        await pilot.press("n")
        assert reader.cursor > first
        await pilot.press("N")
        assert reader.cursor == first


async def test_tab_switches_to_the_list_which_moves_the_reader(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "right_curly_bracket", "s", "2")
        await pilot.press("g", "tab")
        assert app.focused.id == "annotation-list"
        await pilot.press("j")
        assert at_cursor(reader).startswith('"This')
        await pilot.press("k")
        assert at_cursor(reader).startswith("Artillery")
        await pilot.press("x")
        assert [tag for tag, _ in tagged(article)] == ["quote"]
        await pilot.press("tab")
        assert app.focused is reader


async def test_help_lists_every_reader_key(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        rows = dict((description, keys) for keys, description in app.screen.help_rows())
        assert "j" in rows["Line down"] and "↓" in rows["Line down"]
        assert rows["Tag claim"] == "1"
        assert rows["Undo"].startswith("u")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_ctrl_s_saves_and_q_quits_after_saving(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+s")
        assert sidecar(article)["annotations"] == []
        await pilot.press("right_curly_bracket", "s", "1", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert len(tagged(article)) == 1


async def test_annotations_come_back_after_reopening(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "right_parenthesis", "s", "3")
        await pilot.press("q")
    before = tagged(article)
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert [(a.tag, a.quote.exact) for a in app.screen.editor.annotations] == before
        assert len(before) == 2


async def test_click_moves_cursor_and_drag_selects(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        x0 = reader.left_margin + 4  # gutter is 4 cells
        row_y = reader.layout_rows.y_of(reader.document.text.index("Artillery"))
        await pilot.click(ReaderView, offset=(x0 + 10, row_y))
        assert at_cursor(reader).startswith("shells str")
        await pilot.mouse_down(ReaderView, offset=(x0, row_y))
        await pilot.hover(ReaderView, offset=(x0 + 16, row_y))
        await pilot.mouse_up(ReaderView, offset=(x0 + 16, row_y))
        start_offset, end = reader.selection()
        assert reader.document.text[start_offset:end] == "Artillery shells"
        await pilot.press("1")
        assert tagged(article) == [("claim", "Artillery shells")]


async def test_failed_save_keeps_changes_and_ctrl_s_retries(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        # a folder where the sidecar should go makes every save fail, for root too
        sidecar_path(article).mkdir()
        await pilot.press("right_curly_bracket", "s", "1")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveFailedDialog"
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen.editor.annotations) == 1
        sidecar_path(article).rmdir()
        await pilot.press("ctrl+s")
        assert len(tagged(article)) == 1


async def test_failed_save_offers_to_save_elsewhere(article: Path, tmp_path: Path) -> None:
    app = make_app(article)
    elsewhere = tmp_path / "rescued.json"
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        sidecar_path(article).mkdir()
        await pilot.press("right_curly_bracket", "s", "1")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u", *str(elsewhere), "enter")
        await pilot.pause()
    saved = json.loads(elsewhere.read_text(encoding="utf-8"))
    assert [a["tag"] for a in saved["annotations"]] == ["claim"]


async def test_command_palette_carries_the_reader_actions(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert not sidecar_path(article).exists()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Save", "enter")
        await pilot.pause()
        assert sidecar(article)["annotations"] == []
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"hide annotation list", "enter")
        await pilot.pause()
        assert not app.screen.query_one("#side").display


async def test_long_article_is_wrapped_in_the_background_keeping_the_cursor_in_view(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.txt"
    paragraphs = [
        f"Paragraph {n}: " + "officials said more people were hurt. " * (n % 9 + 1)
        for n in range(400)
    ]
    path.write_text("Long article\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("G")
        await app.workers.wait_for_complete()
        await pilot.pause()
        layout = reader.layout_rows
        assert all(layout.is_wrapped(i) for i in range(len(reader.document.blocks)))
        y = layout.y_of(reader.cursor)
        assert reader.scroll_y <= y < reader.scroll_y + reader.size.height
        assert at_cursor(reader, 14) == "Paragraph 399:"


def write_long_article(path: Path) -> None:
    paragraph = "Officials said at least 12 people were killed. " * 8
    count = PREVIEW_MIN_BYTES // len(paragraph) + 10
    path.write_text("A Long Record\n\n" + "\n\n".join([paragraph] * count), encoding="utf-8")


async def test_a_very_long_article_shows_its_start_at_once_then_loads_whole(
    tmp_path: Path,
) -> None:
    path = tmp_path / "record.txt"
    write_long_article(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert not screen.loading
        assert screen.document.text == load_document(path).text
        await pilot.press("G", "s", "1")
        [annotation] = sidecar(path)["annotations"]
        assert annotation["start"] > PREVIEW_BYTES  # beyond what the first screens showed


async def test_while_a_long_article_loads_it_can_be_read_but_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    write_long_article(path)
    preview = load_preview(path)
    assert preview is not None and load_document(path).text.startswith(preview.text)

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(ReaderScreen(preview, None, Config(annotator="tester")))

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("j", "w", "s", "1", "c")
        assert screen.reader.selection() is not None  # reading and selecting work
        assert screen is app.screen  # no note dialog
        assert not sidecar_path(path).exists()
        document = load_document(path)
        cursor = screen.reader.cursor
        screen.attach(document, AnnotationStore(document))
        await pilot.pause()
        assert screen.reader.cursor == cursor  # the reader stays where it was
        await pilot.press("s", "1")
        assert len(sidecar(path)["annotations"]) == 1


async def test_keys_typed_right_after_slash_are_the_query(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        # a burst, as a fast typist or a paste sends it: every key is queued before the first
        # is handled (pilot.press would wait for the app between keys)
        for key, character in [("slash", "/"), ("q", "q"), ("u", "u"), ("o", "o")]:
            event = events.Key(key, character)
            event.set_sender(app)
            app._driver.send_message(event)  # what the terminal driver does with each key
        await pilot.pause()
        assert app.screen is not None and isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one("#search").value == "quo"
        await pilot.press("enter")
        assert reader.search is not None and reader.search.query == "quo"


async def test_from_the_library_q_goes_back_to_it_with_the_row_up_to_date(
    article: Path,
) -> None:
    app = ReadtuiApp([article.parent], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        footer_q = [
            b.binding.description
            for b in app.screen.active_bindings.values()
            if b.binding.key == "q"
        ]
        assert footer_q == ["Library"]
        await pilot.press("right_curly_bracket", "s", "1", "q")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        library = app.screen
        assert library is app.library
        assert library.articles[article].counts == {"claim": 1}
