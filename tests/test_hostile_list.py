"""The rest of issue 10's hostile list: each hostile file or situation gives a clear message or a
correct display, and nothing is lost. Real files, the app driven by its keys, the CLI as a
process."""

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest
from rich.cells import cell_len
from test_reader import make_app, sidecar, start, tagged

from readtui.config import Config
from readtui.store import sidecar_path
from readtui.tui.app import ReadtuiApp
from readtui.tui.reader import GUTTER, ReaderView

AS_ROOT = os.geteuid() == 0
SPANS = [("killing at least 14 people", "casualty figure")]


def screen_text(app: ReadtuiApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def words_shown(app: ReadtuiApp) -> str:
    """The screen's words, one space apart: a message wrapped in a toast reads as one line."""
    return " ".join(screen_text(app).replace("▌", " ").split())


def highlighted(app: ReadtuiApp, reader: ReaderView, offset: int) -> tuple[int, str]:
    """On the screen row that shows `offset`: the column (from the text's left edge) of the first
    cell with the claim's background, and the characters of every such cell."""
    background = reader._tag_styles["claim"].bgcolor
    y = reader.region.y + reader.layout_rows.y_of(offset) - round(reader.scroll_y)
    strip = app.screen._compositor.render_strips()[y]
    text_left = reader.region.x + reader.left_margin + GUTTER
    column, first, chars = 0, None, ""
    for segment in strip:
        if segment.style is not None and segment.style.bgcolor == background:
            first = column if first is None else first
            chars += segment.text
        column += cell_len(segment.text)
    return (first - text_left if first is not None else -1), chars


def folder_listing(folder: Path) -> list[str]:
    return sorted(child.name for child in folder.iterdir())


# Files with no text ----------------------------------------------------------------------------


async def test_an_empty_file_says_it_has_no_text_and_every_key_is_safe(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    app = make_app(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await start(app, pilot)
        assert "This file has no text." in screen_text(app)
        await pilot.press("j", "w", "v", "l", "1", "s", "p", "2", "G", "R", "R", "x", "u")
        await pilot.pause()
        assert "This file has no text." in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0
    assert path.read_bytes() == b""


BOILERPLATE = """\
Home | News | Sport
Share this article
Follow us on Twitter
Cookie settings
Subscribe to our newsletter
"""


async def test_a_page_of_only_boilerplate_says_so_and_a_block_can_be_restored(
    tmp_path: Path,
) -> None:
    path = tmp_path / "furniture.txt"
    path.write_text(BOILERPLATE, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await start(app, pilot)
        assert "Cleaning removed all of the text: R shows it" in screen_text(app)
        await pilot.press("R")
        await pilot.pause()
        shown = screen_text(app)
        assert all(line in shown for line in BOILERPLATE.splitlines())
        await pilot.press("j", "j", "plus", "R", "p", "1", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert tagged(path) == [("claim", "Follow us on Twitter")]
    assert sidecar(path)["document"]["overrides"] == [{"keep": "Follow us on Twitter"}]


# Sidecars that cannot be used ------------------------------------------------------------------


def _rewritten(change):
    def rewrite(path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    return rewrite


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("kept", encoding="utf-8")


BROKEN_SIDECARS = {
    "0 bytes": (lambda path: path.write_bytes(b""), "not valid JSON"),
    "truncated": (
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        "not valid JSON",
    ),
    "newer schema": (
        _rewritten(lambda data: data.update(schema="readtui.annotations/2")),
        "unknown schema 'readtui.annotations/2'",
    ),
    "a folder": (_a_folder, "cannot read: Is a directory"),
    "unreadable": (lambda path: path.chmod(0o000), "cannot read: Permission denied"),
    "offsets past the end": (
        _rewritten(lambda data: data["annotations"][0].update(start=5_000, end=5_010)),
        "has offsets 5000-5010 outside the text",
    ),
}


def _snapshot(path: Path) -> object:
    if path.is_dir():
        return {child.name: child.read_bytes() for child in path.iterdir()}
    mode = path.stat().st_mode
    path.chmod(0o600)
    data = path.read_bytes()
    path.chmod(mode)
    return data


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=pytest.mark.skipif(AS_ROOT, reason="root reads anything"))
        if case == "unreadable"
        else case
        for case in BROKEN_SIDECARS
    ],
)
async def test_a_sidecar_that_cannot_be_used_is_named_with_its_fault_and_left_alone(
    run_cli, article: Path, annotate, case: str
) -> None:
    break_it, fault = BROKEN_SIDECARS[case]
    annotate(article, SPANS)
    path = sidecar_path(article)
    break_it(path)
    before, files = _snapshot(path), folder_listing(article.parent)

    result = run_cli("validate", article.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(line.startswith(f"{path}: ") and fault in line for line in result.stdout_lines), (
        result.stdout
    )

    app = ReadtuiApp([article.parent], Config(annotator="tester"))
    async with app.run_test(size=(140, 30), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "needs review" in screen_text(app)  # the library row
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.library  # still there, and saying why
        shown = words_shown(app)
        assert "Cannot open" in shown and fault in shown
    assert _snapshot(path) == before
    assert folder_listing(article.parent) == files


async def test_a_wrong_text_hash_is_put_right_and_nothing_is_lost(
    run_cli, article: Path, annotate
) -> None:
    annotate(article, SPANS)
    path = sidecar_path(article)
    _rewritten(lambda data: data["document"].update(text_sha256="0" * 64))(path)
    assert "text_sha256 does not match its text" in run_cli("validate", article).stdout

    app = make_app(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert "killing at least 14 people" in screen_text(app)  # in the list
        await pilot.press("G", "s", "2", "q")
        await pilot.pause()
    saved = sidecar(article)
    assert [a["tag"] for a in saved["annotations"]] == ["casualty figure", "quote"]
    text = saved["document"]["text"]
    assert saved["document"]["text_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert run_cli("validate", article).returncode == 0


# Big and strange text --------------------------------------------------------------------------


async def test_a_50_mb_article_shows_its_first_screen_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    paragraph = "Officials said at least 12 people were killed when the shelling began. " * 6
    count = 50_000_000 // len(paragraph) + 1
    with path.open("w", encoding="utf-8") as out:
        out.write("A Very Long Record\n\n")
        out.writelines(f"{n} {paragraph}\n\n" for n in range(count))
    assert path.stat().st_size > 50_000_000
    app = make_app(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        first = screen_text(app)
        assert "A Very Long Record" in first and "0 Officials said at least 12" in first
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.document.blocks) == count + 1  # the title and every paragraph
        await pilot.press("G")
        await pilot.pause()
        assert f"{count - 1} Officials said" in screen_text(app)


ESCAPES = (
    "Hello \x1b[1;31mred\x1b[0m world, "
    "copied \x1b]52;c;cm0gLXJmIH4=\x07here \x1b]52;p;SGk=\x1b\\and "
    "\x1b]8;;https://evil.example/x\x1b\\link text\x1b]8;;\x1b\\ and "
    "\x9d8;;https://evil.example/y\x9clink two\x9d8;;\x9c end."
)


async def test_ansi_osc_52_and_osc_8_in_article_text_never_reach_the_screen(
    tmp_path: Path,
) -> None:
    path = tmp_path / "escapes.txt"
    path.write_text(f"Escapes\n\n{ESCAPES}\n", encoding="utf-8")
    clean = "Hello red world, copied here and link text and link two end."
    app = make_app(path)
    async with app.run_test(size=(120, 20)) as pilot:
        reader = await start(app, pilot)
        assert reader.document.text == f"Escapes\n\n{clean}"
        shown = screen_text(app)
        assert clean in shown
        for trace in ("\x1b", "\x07", "\x9c", "\x9d", "52;", "cm0gLXJmIH4=", "SGk=", "evil"):
            assert trace not in shown
        await pilot.press("right_curly_bracket", "p", "1")
    assert tagged(path) == [("claim", clean.rstrip("."))]  # outer punctuation trimmed


RTL = "قال مُحَمَّد إن السوق قُصِف صباح اليوم."
HEBREW = "אמר שָׁלוֹם כהן כי השוק הופגז הבוקר."
MARKS = "Le cafe\u0301 de Zoe\u0308 a rouvert, dit Ha\u0300 No\u0323i."
PARAGRAPHS = (RTL, HEBREW, MARKS)


async def test_right_to_left_scripts_and_combining_marks_show_whole_and_tag_exactly(
    tmp_path: Path,
) -> None:
    path = tmp_path / "scripts.md"
    path.write_text(f"# Scripts\n\n{RTL}\n\n{HEBREW}\n\n{MARKS}\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 20)) as pilot:
        reader = await start(app, pilot)
        assert reader.document.text == f"Scripts\n\n{RTL}\n\n{HEBREW}\n\n{MARKS}"
        shown = screen_text(app)
        assert RTL in shown and HEBREW in shown and MARKS in shown  # in the order stored
        await pilot.press(*["right_curly_bracket", "p", "1"] * 3, "g")
        await pilot.pause()
        for paragraph in PARAGRAPHS:  # each whole but its full stop, trimmed as punctuation
            offset = reader.document.text.index(paragraph)
            assert highlighted(app, reader, offset) == (0, paragraph.rstrip("."))
    assert tagged(path) == [("claim", paragraph.rstrip(".")) for paragraph in PARAGRAPHS]


@pytest.mark.parametrize(
    "word",
    # no mark, then Arabic harakat, Hebrew points, and decomposed accents: each tagged whole
    ["Zoey", "مُحَمَّد", "שָׁלוֹם", "cafe\u0301s", "Zoe\u0308"],
)
async def test_a_word_with_combining_marks_is_tagged_whole(tmp_path: Path, word: str) -> None:
    path = tmp_path / "marks.txt"
    path.write_text(f"Marks\n\nThey met {word} here.\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await start(app, pilot)
        # the search puts the cursor on the word's first letter; v v selects that letter
        await pilot.press("slash", word[0], "enter", "v", "v", "1")
    assert tagged(path) == [("claim", word)]


EMOJI_CJK = "Crowds in 北京市 cheered 🎉 loudly as the 👨\u200d👩\u200d👧 family of 李明 arrived."


async def test_a_tag_over_emoji_and_cjk_highlights_exactly_the_tagged_characters(
    tmp_path: Path,
) -> None:
    path = tmp_path / "festival.md"
    path.write_text(f"# Festival\n\n{EMOJI_CJK}\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 20)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("slash", *"北京", "enter", "v", "w", "w", "w", "1")
        await pilot.press("slash", *"李明", "enter", "v", "v", "1")
        await pilot.press("escape", "g")  # search highlights and the cursor off the row
        await pilot.pause()
        text = reader.document.text
        annotations = sidecar(path)["annotations"]
        for annotation in annotations:
            assert text[annotation["start"] : annotation["end"]] == annotation["quote"]["exact"]
        row_start = text.index("Crowds")
        column, chars = highlighted(app, reader, row_start)
        # the cells highlighted are those of the tagged characters, wide ones counted twice
        assert chars == "北京市 cheered 🎉 loudly as" + "李明"
        assert column == cell_len(text[row_start : annotations[0]["start"]])
    assert tagged(path) == [("claim", "北京市 cheered 🎉 loudly as"), ("claim", "李明")]


@pytest.mark.parametrize(
    "emoji",
    [
        "🎉",  # one code point: trimmed whole
        "👨\u200d👩\u200d👧",
        "❤\ufe0f",
    ],
)
async def test_a_span_never_starts_inside_an_emoji(tmp_path: Path, emoji: str) -> None:
    path = tmp_path / "emoji.txt"
    path.write_text(f"Emoji\n\nThe {emoji} family waved.\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await start(app, pilot)
        # the cursor on the emoji's first code point, the selection to the next word
        await pilot.press("slash", *"The", "enter", *"llll", "v", "w", "1")
    [(_, exact)] = tagged(path)
    assert exact in (f"{emoji} family", "family")


# Saving when the disk or the folder says no ----------------------------------------------------


async def _a_save_that_fails_is_told_and_kept(app, pilot, article: Path, reason: str) -> None:
    await pilot.press("right_curly_bracket", "s", "1")
    await pilot.pause()
    assert type(app.screen).__name__ == "SaveFailedDialog"
    shown = words_shown(app)
    assert reason in shown and "Your changes are kept in memory" in shown
    await pilot.press("escape")
    await pilot.pause()
    assert len(app.screen.editor.annotations) == 2


async def test_a_full_disk_is_told_and_nothing_is_lost(
    article: Path, annotate, monkeypatch: pytest.MonkeyPatch
) -> None:
    annotate(article, SPANS)
    before, files = sidecar_path(article).read_bytes(), folder_listing(article.parent)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = make_app(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await start(app, pilot)
        monkeypatch.setattr(os, "replace", no_space)
        await _a_save_that_fails_is_told_and_kept(app, pilot, article, "No space left on device")
        assert sidecar_path(article).read_bytes() == before
        assert folder_listing(article.parent) == files  # no temporary file left
        monkeypatch.undo()  # space freed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(tagged(article)) == 2


@pytest.mark.skipif(AS_ROOT, reason="root writes into read-only folders")
async def test_a_read_only_folder_is_told_and_nothing_is_lost(article: Path, annotate) -> None:
    annotate(article, SPANS)
    before = sidecar_path(article).read_bytes()
    app = make_app(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await start(app, pilot)
        article.parent.chmod(0o555)
        try:
            await _a_save_that_fails_is_told_and_kept(app, pilot, article, "Permission denied")
            assert sidecar_path(article).read_bytes() == before
        finally:
            article.parent.chmod(0o755)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(tagged(article)) == 2


async def test_the_source_deleted_while_open_still_saves_its_annotations(article: Path) -> None:
    app = ReadtuiApp([article.parent], Config(annotator="tester"))
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        article.unlink()
        await pilot.press("right_curly_bracket", "s", "1", "c", *"gone", "ctrl+s")
        await pilot.pause()
        assert [(a["tag"], a["note"]) for a in sidecar(article)["annotations"]] == [
            ("claim", "gone")
        ]
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.library
        assert "no such file" in screen_text(app)  # its row says what happened
    assert app.return_code in (None, 0)


# readtui.toml ----------------------------------------------------------------------------------

BROKEN_CONFIGS = {
    "tags not a list": ("tags = 5\n", "bad tag definition"),
    "key out of range": ('[[tags]]\nname = "a"\nkey = 12\n', "tag 'a': key must be 1-9"),
    "width a word": ('reader_width = "wide"\n', "reader_width must be a whole number"),
    "not UTF-8": (b"\xff\xfe[[tags]]\n", "cannot read"),
}


@pytest.mark.parametrize("case", BROKEN_CONFIGS)
def test_a_broken_readtui_toml_is_one_clear_line(run_cli, article: Path, annotate, case) -> None:
    annotate(article, SPANS)
    content, fault = BROKEN_CONFIGS[case]
    config = article.parent / "readtui.toml"
    config.write_bytes(content if isinstance(content, bytes) else content.encode())
    for command in (["validate", "news"], ["stats", "news"], ["news"]):  # news: the app
        result = run_cli(*command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        [line] = result.stderr_lines
        assert line.startswith(f"readtui: {Path('news', 'readtui.toml')}: ") and fault in line


def test_a_tag_defined_twice_in_readtui_toml_is_one_clear_line(
    run_cli, article: Path, annotate
) -> None:
    annotate(article, [("Dalvar", "a")])
    (article.parent / "readtui.toml").write_text(
        '[[tags]]\nname = "a"\n\n[[tags]]\nname = "a"\n', encoding="utf-8"
    )
    result = run_cli("validate", "news")  # not the app, which would wait for a terminal
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr_lines) == 1 and "readtui.toml" in result.stderr
