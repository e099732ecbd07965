"""The reader's frame at any terminal width: the annotation list's width, the title bar, the
status line and the help, driven by real keys and real resizes."""

import re
from pathlib import Path

import pytest
from test_reader import ARTICLE
from textual.widgets import DataTable, Static

from readtui.config import Config, parse_config
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader import ReaderView
from readtui.tui.reader_screen import ReaderScreen
from readtui.tui.sidebar import AnnotationList

LONG_TITLE = (
    "Shelling of the crowded market in the border town of Dalvar kills at least fourteen "
    "people and wounds forty, officials say, as talks on a ceasefire go on"
)


def write(tmp_path: Path, text: str = ARTICLE, name: str = "dalvar.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def make_app(path: Path, config: Config | None = None) -> ReadtuiApp:
    return ReadtuiApp([path], config or Config(annotator="tester"))


def plain(widget: Static) -> str:
    return str(widget.render())


def title_bar(app: ReadtuiApp) -> str:
    return plain(app.screen.query_one("#title-bar", Static))


def status_line(app: ReadtuiApp) -> str:
    return plain(app.screen.query_one("#status-line", Static))


def screen_row(view, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))


async def start(app: ReadtuiApp, pilot) -> ReaderView:
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)
    return app.screen.query_one(ReaderView)


async def resize(pilot, width: int, height: int = 30) -> None:
    await pilot.resize_terminal(width, height)
    await pilot.pause()
    await pilot.pause()


# The list's width follows the terminal -----------------------------------------------------------


async def test_the_list_takes_a_share_of_the_terminal_and_gives_way_when_narrow(
    tmp_path: Path,
) -> None:
    app = make_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await start(app, pilot)
        side = app.screen.query_one("#side")
        widths = {}
        for width in (40, 50, 60, 70, 73, 74, 80, 100, 120, 160, 213, 250):
            await resize(pilot, width)
            assert reader.region.width >= 40, width  # the reader keeps 40 columns
            if side.display:
                widths[width] = side.region.width
                assert 28 <= side.region.width <= 64
                assert reader.text_width >= 40, width  # beside the list: 40 text columns
            else:
                assert reader.region.width == width
        # hidden where it would leave the text fewer than 40 columns, shown from there on
        assert min(widths) == 74
        assert all(width in widths for width in (74, 80, 100, 120, 160, 213, 250))
        # a share of the terminal between the bounds: wider terminals, wider list
        assert widths[100] == 30 and widths[160] == 48 and widths[250] == 64
        assert widths[74] == widths[80] == 28
        assert list(widths.values()) == sorted(widths.values())


async def test_at_40_columns_the_article_is_readable(tmp_path: Path) -> None:
    app = make_app(write(tmp_path))
    async with app.run_test(size=(40, 24)) as pilot:
        reader = await start(app, pilot)
        assert not app.screen.query_one("#side").display
        await pilot.press("right_curly_bracket")
        y, _ = reader.cursor_row()
        row = screen_row(reader, y - round(reader.scroll_y))
        assert "Artillery shells struck a" in row  # 30+ characters of text on a row


async def test_ctrl_l_shows_the_list_on_a_narrow_terminal_and_the_choice_stays(
    tmp_path: Path,
) -> None:
    app = make_app(write(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        reader = await start(app, pilot)
        side = app.screen.query_one("#side")
        await pilot.press("right_curly_bracket", "s", "1", "tab")
        assert app.focused is app.screen.query_one(AnnotationList)
        await resize(pilot, 60)
        assert not side.display
        assert app.focused is reader  # the focus does not stay in a hidden list
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert side.display and side.region.width == 28
        await resize(pilot, 50)
        assert side.display  # the user asked for it
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not side.display
        await resize(pilot, 160)
        assert not side.display  # hidden by choice, however wide
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert side.display and side.region.width == 48


def shown_of(quote: str, row: str) -> int:
    """How many characters of `quote` a list row shows (it may end in …)."""
    start = row.index(quote[:10])
    return next((n for n in range(len(quote), 0, -1) if row[start:].startswith(quote[:n])), 0)


async def test_a_wide_terminal_shows_long_entries_in_the_list(tmp_path: Path) -> None:
    quote = "At least 14 people were killed and more than 40 wounded, local health officials said"
    app = make_app(write(tmp_path))
    async with app.run_test(size=(250, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("right_curly_bracket", "right_parenthesis", "s", "1")
        await pilot.pause()
        wide = shown_of(quote, screen_row(app.screen.query_one(AnnotationList), 0))
        await resize(pilot, 100)
        narrow = shown_of(quote, screen_row(app.screen.query_one(AnnotationList), 0))
        assert wide >= 55 and narrow < 30, (wide, narrow)


# Title bar and status line ---------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 100, 160])
async def test_a_long_title_gives_way_to_the_counts_and_the_position_stays(
    tmp_path: Path, width: int
) -> None:
    path = write(tmp_path, f"# {LONG_TITLE}\n\n" + ARTICLE.split("\n", 2)[2], "long.md")
    app = make_app(path)
    async with app.run_test(size=(width, 24)) as pilot:
        await start(app, pilot)
        await pilot.press("right_curly_bracket", "s", "1", "right_parenthesis", "s", "1")
        await pilot.press("right_curly_bracket", "s", "2")
        await pilot.pause()
        bar = title_bar(app)
        assert len(bar) <= width
        claim, quote, casualty = (tag.letter for tag in Config().tags)
        assert bar.endswith(f" {claim} 2 {quote} 1 {casualty} 0 "), bar
        status = status_line(app)
        assert len(status) <= width and re.search(r" row \d+/~?\d+ · 59% $", status), status
        assert LONG_TITLE not in bar and "…" in bar
        assert bar.startswith(" Shelling")
        if width >= 80:
            assert "long.md" in bar  # the title gave way first


async def test_a_short_title_is_shown_whole(tmp_path: Path) -> None:
    app = make_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        bar = title_bar(app)
        assert bar.startswith(" Shelling kills 14 in border town  dalvar.md  C 0")
        assert re.search(r" row 1/~?\d+ · 0% $", status_line(app))
        assert "…" not in bar


async def test_counts_in_the_status_line_agree_with_their_number(tmp_path: Path) -> None:
    app = make_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("slash", *"killed")
        assert "search “killed”: 1 match" in status_line(app)
        assert "matches" not in status_line(app)
        await pilot.press("ctrl+a", "ctrl+k", *"said")
        assert "search “said”: 2 matches" in status_line(app)
        await pilot.press("ctrl+a", "ctrl+k", *"zebra")
        assert "search “zebra”: 0 matches" in status_line(app)
        await pilot.press("escape")
        await pilot.press("right_curly_bracket", "v")
        assert "1 word selected" in status_line(app)
        await pilot.press("w")
        assert "2 words selected" in status_line(app)


def long_article(paragraphs: int = 40) -> str:
    body = [
        f"Paragraph {n} tells what the officials said on day {n}. " * (1 + n % 5)
        for n in range(paragraphs)
    ]
    return "# Many paragraphs\n\n" + "\n\n".join(body) + "\n"


def row_count(bar: str) -> tuple[int, str]:
    """(row, total) from 'row 3/~42 · 4%' at the end of the status line."""
    position = bar.split("row ", 1)[1].split(" ", 1)[0]
    row, total = position.split("/")
    return int(row), total


async def test_the_row_count_says_when_it_is_an_estimate(tmp_path: Path) -> None:
    app = make_app(write(tmp_path, long_article(), "long.txt"))
    async with app.run_test(size=(100, 20)) as pilot:
        await start(app, pilot)
        row, total = row_count(status_line(app))
        assert row == 1 and total.startswith("~")  # most paragraphs are not wrapped yet
        totals = []
        for _ in range(60):  # a screen at a time to the end: every paragraph gets wrapped
            await pilot.press("pagedown")
            await pilot.pause()
            totals.append(row_count(status_line(app))[1])
        exact = [total for total in totals if not total.startswith("~")]
        assert exact, totals
        assert len(set(exact)) == 1  # once exact, it no longer changes
        assert totals[totals.index(exact[0]) :] == exact[: len(totals) - totals.index(exact[0])]
        await pilot.press("G", *["j"] * 8)  # the last row is row N of N
        await pilot.pause()
        row, total = row_count(status_line(app))
        assert str(row) == total


async def test_a_short_article_has_an_exact_row_count_at_once(tmp_path: Path) -> None:
    app = make_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.pause()
        _, total = row_count(status_line(app))
        assert not total.startswith("~")
        await pilot.press("G", "j", "j")
        await pilot.pause()
        row, after = row_count(status_line(app))
        assert after == total and str(row) == total


# Help ------------------------------------------------------------------------------------------


def help_rows(app: ReadtuiApp) -> dict[str, str]:
    """Action -> keys, as the help table shows them."""
    table = app.screen.query_one(DataTable)
    rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
    return {action: keys for keys, action in rows}


async def test_help_lists_the_tags_that_exist_and_the_app_keys(tmp_path: Path) -> None:
    (tmp_path / "readtui.toml").write_text(
        'annotator = "alice"\n\n'
        '[[tags]]\nname = "claim"\nkey = 1\n\n'
        '[[tags]]\nname = "denial"\nkey = 5\nletter = "D"\n',
        encoding="utf-8",
    )
    app = make_app(write(tmp_path), parse_config(tmp_path / "readtui.toml"))
    async with app.run_test(size=(100, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = help_rows(app)
        assert rows["Tag claim"] == "1" and rows["Tag denial"] == "5"
        tag_rows = [action for action in rows if action.startswith("Tag ")]
        assert sorted(tag_rows) == ["Tag (or retag) by name", "Tag claim", "Tag denial"]
        assert not any(keys in {"2", "3", "4", "6", "7", "8", "9"} for keys in rows.values())
        assert rows["Quit"] == "^q"
        assert rows["Open the command palette"] == "^p"
        # the keys listed are the keys that work: ctrl+p opens the palette
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
