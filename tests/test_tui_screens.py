"""The small screens: each pushed on a tiny host app and driven with real key presses."""

from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList

from readtui.config import DEFAULT_TAGS, Config, TagDef
from readtui.tui.screens.attributes import AttributesDialog
from readtui.tui.screens.help import HelpScreen
from readtui.tui.screens.library import LibraryScreen
from readtui.tui.screens.note import NoteDialog
from readtui.tui.screens.save_failed import SaveFailedDialog
from readtui.tui.screens.tag_picker import TagPicker

UNTRUSTED = "[Reuters] [bold]x[/bold] [/] [@click=app.quit]x[/]"
CASUALTY = DEFAULT_TAGS[2]
NOT_DISMISSED = object()


class Host(App):
    """Pushes one screen and records what it dismisses with, and the articles it asks to open."""

    def __init__(self, screen: Screen):
        super().__init__()
        self.screen_under_test = screen
        self.result = NOT_DISMISSED
        self.opened: list[Path] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, self._dismissed)

    def _dismissed(self, result) -> None:
        self.result = result

    def on_library_screen_open_article(self, message: LibraryScreen.OpenArticle) -> None:
        self.opened.append(message.path)


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    # The compositor renders exactly what would reach the terminal; no public API returns it
    # as text (save_screenshot gives SVG with the text split into styled runs).
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def run(screen: Screen, *keys: str, size=(100, 30)):
    app = Host(screen)
    async with app.run_test(size=size, notifications=False) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        return app, screen_text(app)


# Note
async def test_note_edit_returns_the_new_text():
    app, _ = await run(NoteDialog("first", "the passage"), "space", "t", "w", "o", "ctrl+s")
    assert app.result == "first two"


async def test_note_escape_returns_none():
    app, _ = await run(NoteDialog("keep", "the passage"), "x", "escape")
    assert app.result is None


async def test_note_shows_untrusted_context_and_its_keys_literally():
    app, text = await run(NoteDialog(UNTRUSTED, UNTRUSTED))
    assert app.result is NOT_DISMISSED
    assert UNTRUSTED in text  # the passage (a Static) and the note (a TextArea)
    assert "Save note" in text and "Cancel" in text


async def test_note_context_is_cut_to_a_few_lines():
    app, text = await run(NoteDialog("", "word " * 500))
    assert "…" in text


# Attributes
async def test_attributes_valid_input_returns_typed_values():
    # Fields in order: count, count_min, count_max, kind (a Select), group.
    dialog = AttributesDialog(CASUALTY, {"kind": "killed"}, "12 people were killed")
    app, _ = await run(dialog, "1", "2", "ctrl+s")
    assert app.result == {"count": 12, "kind": "killed"}


async def test_attributes_enter_in_a_field_saves():
    dialog = AttributesDialog(CASUALTY, {"count": 3, "group": "civilians"}, "")
    app, _ = await run(dialog, "3", "0", "enter")  # a prefilled field is selected: typing replaces
    assert app.result == {"count": 30, "group": "civilians"}


async def test_attributes_pick_a_choice_with_the_keyboard():
    dialog = AttributesDialog(CASUALTY, {}, "")
    # tab x3 to the kind Select, open it, move past the blank to "killed", pick it.
    app, _ = await run(dialog, "tab", "tab", "tab", "enter", "down", "enter", "ctrl+s")
    assert app.result == {"kind": "killed"}


async def test_attributes_refuse_a_word_for_a_number_and_stay_open():
    dialog = AttributesDialog(CASUALTY, {}, "")
    app, text = await run(dialog, *"twelve", "ctrl+s")
    assert app.result is NOT_DISMISSED
    assert "count must be a whole number, not 'twelve'" in text


async def test_attributes_refuse_min_above_max():
    dialog = AttributesDialog(CASUALTY, {"count_min": 30, "count_max": 12}, "")
    app, text = await run(dialog, "ctrl+s")
    assert app.result is NOT_DISMISSED
    assert "count_min is larger than count_max" in text


async def test_attributes_escape_returns_none():
    app, _ = await run(AttributesDialog(CASUALTY, {"count": 1}, ""), "escape")
    assert app.result is None


async def test_attributes_of_a_tag_without_any():
    app, text = await run(AttributesDialog(DEFAULT_TAGS[0], {}, ""))
    assert "The tag 'claim' has no attributes." in text


async def test_attributes_keep_values_the_tag_does_not_define():
    attrs = {"source": UNTRUSTED, "count": 4}
    _, text = await run(AttributesDialog(CASUALTY, attrs, ""))
    assert "(not defined for this tag): source" in text
    app, _ = await run(AttributesDialog(CASUALTY, attrs, ""), "ctrl+s")
    assert app.result == attrs


# Tag picker
async def test_tag_picker_filters_and_picks():
    picker = TagPicker(DEFAULT_TAGS)
    app = Host(picker)
    async with app.run_test(size=(100, 30), notifications=False) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        options = picker.query_one(OptionList)
        shown = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert shown == ["quote", "casualty figure"]
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.result == "casualty figure"


async def test_tag_picker_key_number_and_escape():
    app, text = await run(TagPicker(DEFAULT_TAGS), "3", "enter")
    assert app.result == "casualty figure"
    app, _ = await run(TagPicker(DEFAULT_TAGS), "escape")
    assert app.result is None


async def test_tag_picker_shows_key_letter_and_name():
    _, text = await run(TagPicker(DEFAULT_TAGS))
    assert "1 C claim" in text and "3 # casualty figure" in text


async def test_tag_picker_shows_untrusted_names_literally():
    # A name from readtui.toml, with a colour Rich cannot parse.
    odd = TagDef(UNTRUSTED, 4, "not-a-colour", "bold", "[")
    _, text = await run(TagPicker([*DEFAULT_TAGS, odd]), "4")
    assert "4 [ [Reuters] [bold]x[/bold] [/]" in text  # the rest wraps: the dialog is narrow
    app, _ = await run(TagPicker([*DEFAULT_TAGS, odd]), "4", "enter")
    assert app.result == UNTRUSTED


# Help
async def test_help_lists_every_row_and_closes():
    rows = [("j", "cursor down"), ("ctrl+s", "save now"), (UNTRUSTED, "literal")]
    for key in ("escape", "question_mark", "q"):
        app = Host(HelpScreen("Reader keys", rows))
        async with app.run_test(size=(120, 30), notifications=False) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Reader keys" in text and "cursor down" in text and "save now" in text
            assert UNTRUSTED in text and "literal" in text
            assert "esc/?/q Close" in text
            await pilot.press(key)
            await pilot.pause()
        assert app.result is None


# Save failed
async def test_save_failed_retry_and_keep_working():
    app, text = await run(SaveFailedDialog(UNTRUSTED, "/tmp/x.json"), "r")
    assert app.result == ("retry", "")
    app, text = await run(SaveFailedDialog("disk full", "/tmp/x.json"), "escape")
    assert app.result is None


async def test_save_failed_shows_the_message_literally():
    app, text = await run(SaveFailedDialog(UNTRUSTED, "/tmp/x.json"))
    assert UNTRUSTED in text
    assert "kept in memory" in text
    assert "Quit without saving" not in text  # only when quitting


async def test_save_failed_elsewhere_takes_an_edited_path():
    # Letters typed into the path field are text, not the dialog's r/e/d keys.
    dialog = SaveFailedDialog("disk full", "/tmp/x.json")
    app, _ = await run(dialog, "e", "backspace", *"red", "enter")
    assert app.result == ("elsewhere", "/tmp/x.jsored")


async def test_save_failed_discard_needs_a_second_press():
    dialog = SaveFailedDialog("disk full", "/tmp/x.json", quitting=True)
    app, text = await run(dialog, "d")
    assert app.result is NOT_DISMISSED
    assert "Press d again" in text
    app, _ = await run(SaveFailedDialog("disk full", "/tmp/x.json", quitting=True), "d", "d")
    assert app.result == ("discard", "")


async def test_save_failed_ignores_discard_unless_quitting():
    app, _ = await run(SaveFailedDialog("disk full", "/tmp/x.json"), "d", "d")
    assert app.result is NOT_DISMISSED


# Library
async def test_empty_library_says_so():
    _, text = await run(LibraryScreen([], Config()))
    assert "No articles here." in text
