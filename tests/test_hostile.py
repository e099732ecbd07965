"""Hostile files seen in an adversarial audit (issue 10 item 5): each gives a clear message or a
correct display, and nothing is lost."""

import json
from pathlib import Path

import pytest

from readtui.config import Config
from readtui.store import sidecar_path
from readtui.tui.app import ReadtuiApp

SPANS = [("killing at least 14 people", "casualty figure")]


@pytest.mark.parametrize(
    ("name", "poison", "said"),
    [
        ("huge number", lambda data: data["annotations"][0].update(start="HUGE"),
         "not usable JSON: Exceeds the limit"),
        ("deep nesting", lambda data: data.update(extra="[" * 100_000), "nested too deeply"),
    ],
)  # fmt: skip
def test_a_poisoned_sidecar_is_one_clear_line(run_cli, article, annotate, name, poison, said):
    annotate(article, SPANS)
    path = sidecar_path(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    poison(data)
    raw = json.dumps(data)
    # written as text: Python will not make such values itself
    raw = raw.replace('"HUGE"', "9" * 5001).replace('"' + "[" * 100_000 + '"', "[" * 100_000)
    path.write_text(raw, encoding="utf-8")
    for command in ("validate", "stats"):
        result = run_cli(command, article)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert said in result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == raw  # never overwritten


async def test_escape_sequences_in_a_sidecar_note_and_tag_never_reach_the_screen(
    article, annotate
) -> None:
    annotate(article, SPANS)
    path = sidecar_path(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["annotations"][0]["note"] = "see \x1b]0;pwned\x07 and \x1b]52;c;SGk=\x07 here"
    data["annotations"][0]["tag"] = "casualty figure\x1b[2J"
    path.write_text(json.dumps(data), encoding="utf-8")
    app = ReadtuiApp([article], Config(annotator="alice"))  # the marks are alice's
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        screen_text = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "\x1b" not in screen_text and "\x07" not in screen_text
        status = str(app.screen.query_one("#status-line").render())
        assert "casualty figure" in status and "see and here" in status


async def test_file_names_are_data_in_the_palette_and_the_library(tmp_path: Path) -> None:
    from readtui.tui.reader_screen import ReaderScreen

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "[@click=app.quit]x.txt").write_text("Trap\n\nA body line.\n", encoding="utf-8")
    (folder / "evil\x1b]0;pwned\x07.txt").write_text("Evil\n\nAnother line.\n", encoding="utf-8")
    app = ReadtuiApp([folder], Config(annotator="tester"))
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "\x1b" not in rows
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open")
        await pilot.pause(0.5)
        shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "Open [@click=app.quit]x.txt" in shown and "\x1b" not in shown
        await pilot.press(*" click")  # the one that would quit, were its name markup
        await pilot.pause(0.5)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReaderScreen)
        assert app.screen.document.title == "Trap"


def test_repeated_ids_are_repaired_on_loading(article, annotate) -> None:
    from readtui.document import load_document
    from readtui.store import AnnotationStore

    annotate(article, SPANS + [("Colonel Ruben Asker", "claim")])
    path = sidecar_path(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["annotations"][1]["id"] = data["annotations"][0]["id"]
    path.write_text(json.dumps(data), encoding="utf-8")

    store = AnnotationStore(load_document(article))

    ids = [a.id for a in store.annotations()]
    assert len(set(ids)) == 2 and store.renamed == [data["annotations"][0]["id"]]
    assert {a.quote.exact for a in store.annotations()} == {
        "killing at least 14 people",
        "Colonel Ruben Asker",
    }


async def test_repeated_ids_are_said_and_x_deletes_one_mark(article, annotate) -> None:
    annotate(article, SPANS + [("Colonel Ruben Asker", "claim")])
    path = sidecar_path(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["annotations"][1]["id"] = data["annotations"][0]["id"]
    path.write_text(json.dumps(data), encoding="utf-8")
    app = ReadtuiApp([article], Config(annotator="alice"))  # the marks are alice's
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert any("had the id of another" in str(n.message) for n in app._notifications)
        await pilot.press("right_square_bracket", "x")
        await pilot.pause()
        assert len(app.screen.editor.annotations) == 1
        await pilot.press("u")
        await pilot.pause()
    saved = json.loads(path.read_text(encoding="utf-8"))["annotations"]
    assert len(saved) == 2 and len({a["id"] for a in saved}) == 2


def test_a_symlinked_sidecar_stays_a_link_and_a_dangling_one_is_reported(
    run_cli, article, annotate, tmp_path
) -> None:
    from readtui.document import load_document
    from readtui.store import AnnotationStore

    annotate(article, SPANS)
    path = sidecar_path(article)
    shared = tmp_path / "shared.json"
    path.rename(shared)
    path.symlink_to(shared)
    store = AnnotationStore(load_document(article))
    store.add(store.annotations()[0].edited(id="01ZZZZZZZZZZZZZZZZZZZZZZZZ"))
    store.save()
    assert path.is_symlink() and len(json.loads(shared.read_text())["annotations"]) == 2

    shared.unlink()
    result = run_cli("validate", article)
    assert result.returncode == 1
    assert "is a symbolic link to" in result.stdout and "which does not exist" in result.stdout
