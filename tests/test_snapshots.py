"""What the screen shows: the library, a reader with overlapping highlights, the list, help and
the note dialog, each at 100x30 and 160x50. Update with `pytest --snapshot-update`."""

import os
from pathlib import Path

import pytest

from readtui.annotations import Annotation
from readtui.config import Config
from readtui.document import load_document
from readtui.store import AnnotationStore, sidecar_path
from readtui.tui.app import ReadtuiApp

SIZES = [(100, 30), (160, 50)]
FIXED_TIME = 1_795_000_000  # sidecar mtimes are shown in the library: keep them still

ARTICLE = """\
# Shelling kills 14 in border town [Reuters]

By a staff reporter

Artillery shells struck a crowded market in Dalvar on Wednesday. At least 14 people were \
killed and more than 40 wounded, local health officials said [1]. The army denied it.

"This was a deliberate strike on civilians," Colonel Ruben Asker told reporters. \
Rescue teams searched the rubble until dawn, and [bold]nothing[/bold] was left of the stalls.

## Reaction

The talks will go on, a negotiator said. Dozens of families left the town overnight, \
and the regional governor claimed that the shelling came from across the border.
"""

SECOND = """\
# Ferry capsizes off [citation needed] coast

Rescuers pulled 31 survivors from the water; 12 people are still missing.
"""


def annotate(path: Path, spans: list[tuple[str, str, str]]) -> None:
    document = load_document(path)
    store = AnnotationStore(document)
    with store.batch():
        for phrase, tag, note in spans:
            start = document.text.index(phrase)
            end = start + len(phrase)
            store.add(Annotation.create(document.text, start, end, tag, "alice", note=note))
    os.utime(sidecar_path(path), (FIXED_TIME, FIXED_TIME))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "dalvar.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "ferry.md").write_text(SECOND, encoding="utf-8")
    annotate(
        folder / "dalvar.md",
        [
            # a claim holding a casualty figure, and a quote holding a claim: overlaps
            (
                "At least 14 people were killed and more than 40 wounded, local health officials "
                "said",
                "claim",
                "health ministry",
            ),
            ("At least 14 people were killed", "casualty figure", ""),
            ('"This was a deliberate strike on civilians,"', "quote", ""),
            ("This was a deliberate strike", "claim", "[Reuters] says otherwise"),
            (
                "the regional governor claimed that the shelling came from across the border",
                "claim",
                "",
            ),
            ("Dozens of families", "casualty figure", ""),
        ],
    )
    return folder


def reader_app(corpus: Path) -> ReadtuiApp:
    return ReadtuiApp([corpus / "dalvar.md"], Config(annotator="alice"))


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library(snap_compare, corpus: Path, size) -> None:
    app = ReadtuiApp([corpus], Config(annotator="alice"))

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.screen.query_one("Input").cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader_with_overlapping_highlights(snap_compare, corpus: Path, size) -> None:
    # cursor into the nested annotations, and a selection in progress further down
    press = ["right_curly_bracket", "right_curly_bracket", "right_parenthesis", "w", "w"]
    assert snap_compare(reader_app(corpus), press=press, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_annotation_list_focused(snap_compare, corpus: Path, size) -> None:
    press = ["tab", "j", "j", "f", "f"]
    assert snap_compare(reader_app(corpus), press=press, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, corpus: Path, size) -> None:
    assert snap_compare(reader_app(corpus), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_note_dialog(snap_compare, corpus: Path, size) -> None:
    app = reader_app(corpus)

    async def run_before(pilot) -> None:
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        await pilot.press("c")
        await pilot.pause()
        pilot.app.screen.query_one("TextArea").cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_removed_text_shown(snap_compare, tmp_path: Path, size) -> None:
    # `R` on a scraped page, with a mark in the article: the menu above the headline and the
    # share widget below it dimmed in place, the cursor on a removed line
    path = tmp_path / "valley-floods-wordpress.txt"
    samples = Path(__file__).resolve().parents[1] / "sample_articles"
    path.write_bytes((samples / path.name).read_bytes())
    annotate(path, [("At least 34 people were killed", "casualty figure", "")])
    app = ReadtuiApp([path], Config(annotator="alice"))
    press = ["R", "right_curly_bracket", "right_curly_bracket", "right_curly_bracket"]
    assert snap_compare(app, press=press, terminal_size=size)
