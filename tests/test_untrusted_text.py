"""Article text is data: markup-like text shows literally everywhere, escape sequences never
reach the terminal."""

import html
import re
from pathlib import Path

from readtui.config import Config
from readtui.tui.app import ReadtuiApp

TRICKS = ["[1]", "[Reuters]", "[citation needed]", "[bold]x[/bold]", "[/]", "[@click=app.quit]x[/]"]
TITLE = "Raid [Reuters] [bold]x[/bold] [/]"
BODY = " ".join(TRICKS) + " said the \x1b[31mred\x1b[0m \x1b]0;pwned\x07 officer\u202e today."


def screen_text(app: ReadtuiApp) -> str:
    """The characters on screen, row by row, read from an SVG screenshot."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'<text[^>]* x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join("".join(t for _, t in sorted(parts)) for _, parts in sorted(rows.items()))


def write_article(folder: Path) -> Path:
    path = folder / "[Reuters] [b]raid.md"
    path.write_text(f"# {TITLE}\n\n{BODY}\n", encoding="utf-8")
    return path


async def test_reader_list_status_and_dialogs_show_markup_literally(tmp_path: Path) -> None:
    path = write_article(tmp_path)
    app = ReadtuiApp([path], Config(annotator="[red]eve[/red]"))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "p", "1")
        shown = screen_text(app)
        for trick in TRICKS:
            assert trick in shown
        assert TITLE in shown  # title bar and the reader's first row
        assert "[Reuters] [b]raid.md" in shown  # the file name in the title bar
        # escape sequences (with an OSC's payload) and the bidi override are gone
        assert "said the red" in shown and "pwned" not in shown
        assert "\x1b" not in app.screen.reader.document.text
        await pilot.press("c", *"[Reuters] note [/]", "ctrl+s")
        await pilot.pause()
        assert "[Reuters] note [/]" in screen_text(app)  # in the list and the status line
        await pilot.press("c")
        await pilot.pause()
        dialog = screen_text(app)
        assert "[@click=app.quit]x[/]" in dialog and "[Reuters] note [/]" in dialog
        await pilot.press("escape")
    assert app.return_code is None or app.return_code == 0


async def test_notifications_and_library_show_markup_literally(tmp_path: Path) -> None:
    write_article(tmp_path)
    app = ReadtuiApp([tmp_path], Config(annotator="alice"))
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert TITLE in screen_text(app)  # the library row
        await pilot.press("enter")
        await pilot.pause()
        app.notify("[Reuters] [bold]x[/bold]", markup=False)
        await pilot.press("x")  # nothing under the cursor: a notification says so
        await pilot.pause()
        shown = screen_text(app)
        assert "No annotation under the cursor" in shown
        assert "[Reuters] [bold]x[/bold]" in shown
