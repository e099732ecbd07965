"""Review of moved work (issue 10 item 3): `ctrl+r` in the app walks fuzzy and orphan
annotations; `readtui validate --reanchor` re-places sidecars from the command line."""

from pathlib import Path

import pytest
from test_reader import make_app, sidecar, start

from readtui.annotations import Annotation
from readtui.document import load_document
from readtui.store import AnnotationStore

ARTICLE = """Ministry rejects report on border clash

The defence ministry denied that its troops had crossed the border on Sunday.

According to Colonel Ruben Asker, the patrol stayed on its side of the river.

Villagers said the soldiers fired near the school and three people were hurt.
"""
MARKS = [
    ("denied that its troops had crossed the border", "claim"),
    ("the patrol stayed on its side of the river", "claim"),
    ("three people were hurt", "casualty figure"),
]
EDITED = ARTICLE.replace(
    "the patrol stayed on its side of the river",
    "the patrol stayed well on its own side of the wide river",
).replace("three people were hurt", "nobody was harmed")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """An annotated article whose source then changed: one mark fuzzy, one orphan."""
    path = tmp_path / "clash.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore(document)
    for phrase, tag in MARKS:
        start = document.text.index(phrase)
        store.add(Annotation.create(document.text, start, start + len(phrase), tag, "tester"))
    path.write_text(EDITED, encoding="utf-8")
    return path


def statuses(path: Path) -> dict[str, str]:
    return {a["quote"]["exact"]: a["status"] for a in sidecar(path)["annotations"]}


def status_line(app) -> str:
    return str(app.screen.query_one("#status-line").render())


async def test_review_accepts_a_fuzzy_mark_and_places_an_orphan(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 30)) as pilot:
        reader = await start(app, pilot)
        await pilot.press("ctrl+r")
        # reading order: the fuzzy claim is first; the orphan shows its old text
        assert "REVIEW 2 left fuzzy claim" in status_line(app)
        assert reader.document.text[reader.cursor :].startswith("the patrol stayed well")
        await pilot.press("enter")
        await pilot.pause()
        assert "orphan casualty figure was “three people were hurt”" in status_line(app)
        await pilot.press("slash", *"nobody", "enter")
        await pilot.press("v", "w", "w", "equals_sign")
        await pilot.pause()
        assert statuses(article) == {
            "denied that its troops had crossed the border": "ok",
            "the patrol stayed well on its own side of the wide river": "ok",
            "nobody was harmed": "ok",
        }
        assert "REVIEW" not in status_line(app)
        await pilot.press("u")  # the placing is undone: an orphan again
        await pilot.pause()
        assert "orphan" in statuses(article).values()


async def test_review_x_deletes_and_nothing_left_says_so(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("ctrl+r", "ctrl+r")  # skip the fuzzy one
        assert "orphan casualty figure" in status_line(app)
        await pilot.press("x")
        await pilot.pause()
        assert len(sidecar(article)["annotations"]) == 2
        await pilot.press("ctrl+r", "enter", "ctrl+r")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert "Nothing to review: every annotation is placed" in messages


def test_validate_reanchor_saves_and_dry_run_only_reports(run_cli, article: Path) -> None:
    before = sidecar(article)
    dry = run_cli("validate", "--reanchor", "--dry-run", article)
    assert dry.returncode == 1
    assert sidecar(article) == before
    assert "1 fuzzy" in dry.stdout and "1 orphan" in dry.stdout and "not saved" in dry.stdout

    done = run_cli("validate", "--reanchor", article)
    assert done.returncode == 1  # the fuzzy and the orphan still need a person
    after = sidecar(article)
    assert after["document"]["text"] == load_document(article).text
    assert sorted(a["status"] for a in after["annotations"]) == ["fuzzy", "ok", "orphan"]
    assert "re-anchored and saved" in done.stdout

    again = run_cli("validate", article)
    assert "source changed since it was annotated" not in again.stdout
    assert "(fuzzy): needs review" in again.stdout
