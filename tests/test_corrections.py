"""Corrections of the cleaner (SPEC §2, §3 `document.overrides`): restore, drop, choose the title;
saved in the sidecar, applied on every load, undoable, and no annotation is lost."""

import json
import shutil
from pathlib import Path

import pytest

from readtui.corrections import apply_corrections, with_all_blocks
from readtui.document import load_document
from readtui.editing import Editor
from readtui.store import AnnotationStore, SidecarError, sidecar_path

SAMPLES = Path(__file__).parent.parent / "sample_articles"
CAPTION = "Image: An army helicopter lands near Orlach."  # removed by the cleaner, mid-body
ARMY = "Army engineers reached the village of Orlach"
AID = "Aid groups said the official figures understated"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "floods.txt"
    shutil.copy(SAMPLES / "valley-floods-wordpress.txt", path)
    return path


def block_texts(document) -> list[str]:
    return [document.text[b.start : b.end] for b in document.blocks]


def removed_starting(document, prefix: str) -> str:
    return next(text for text in document.removed if text.startswith(prefix))


def kept_starting(document, prefix: str) -> str:
    return next(text for text in block_texts(document) if text.startswith(prefix))


def open_editor(path: Path) -> Editor:
    return Editor(AnnotationStore(load_document(path)), "alice")


def test_removed_blocks_are_known_where_they_stood(article):
    document = load_document(article)
    caption = removed_starting(document, CAPTION)
    everything = with_all_blocks(document)
    texts = block_texts(everything)
    at = texts.index(caption)
    # between the paragraphs it stood between in the source, and marked as removed
    assert texts[at - 2].startswith('"Our teams are working')
    assert texts[at + 1].startswith(AID)
    assert everything.blocks[at].kind == "removed"
    assert everything.blocks[0].kind != "title"  # the date banner stood above the headline
    assert texts.index(document.title) > 0


def test_keep_restores_a_removed_block_in_place_and_annotations_follow(article):
    editor = open_editor(article)
    document = editor.store.document
    aid = kept_starting(document, AID)
    start = document.text.index(aid)
    tagged = editor.tag(start, start + len(aid), "claim")
    caption = removed_starting(document, CAPTION)

    change = editor.correct("keep", caption)

    corrected = editor.store.document
    texts = block_texts(corrected)
    assert texts[texts.index(caption) + 1] == aid
    moved = editor.annotations[0]
    assert moved.id == tagged.id and moved.start > tagged.start
    assert corrected.text[moved.start : moved.end] == tagged.quote.exact
    saved = json.loads(sidecar_path(article).read_text(encoding="utf-8"))
    assert saved["document"]["overrides"] == [{"keep": caption}]
    assert saved["document"]["text"] == corrected.text
    assert saved["annotations"][0]["start"] == moved.start
    assert change.label.startswith('keep "Image: An army')


def test_drop_keeps_the_annotations_inside_as_orphans_and_undo_puts_all_back(article):
    editor = open_editor(article)
    document = editor.store.document
    army = kept_starting(document, ARMY)
    start = document.text.index(army)
    tagged = editor.tag(start, start + 20, "claim")
    before_text, before = document.text, list(editor.annotations)

    editor.correct("drop", army)

    assert army not in editor.store.document.text
    (orphan,) = editor.annotations
    assert orphan.id == tagged.id and orphan.status == "orphan"
    assert army in editor.store.document.removed

    editor.undo()
    assert editor.store.document.text == before_text
    assert editor.annotations == before
    saved = json.loads(sidecar_path(article).read_text(encoding="utf-8"))
    assert "overrides" not in saved["document"] and saved["annotations"][0]["start"] == start

    editor.redo()
    assert json.loads(sidecar_path(article).read_text(encoding="utf-8"))["document"][
        "overrides"
    ] == [{"drop": army}]


def test_title_makes_a_block_the_headline_and_the_old_one_can_be_restored(article):
    editor = open_editor(article)
    document = editor.store.document
    old_title = document.title
    new_title = kept_starting(document, "Rescuers reach")

    editor.correct("title", new_title)

    corrected = editor.store.document
    assert corrected.title == new_title
    assert corrected.blocks[0].kind == "title" and block_texts(corrected)[0] == new_title
    assert block_texts(corrected).count(new_title) == 1
    assert old_title in corrected.removed
    editor.correct("keep", old_title)
    assert old_title in block_texts(editor.store.document)
    saved = json.loads(sidecar_path(article).read_text(encoding="utf-8"))
    assert saved["document"]["title"] == new_title


def test_corrections_apply_whenever_the_document_is_opened(article):
    editor = open_editor(article)
    caption = removed_starting(editor.store.document, CAPTION)
    army = kept_starting(editor.store.document, ARMY)
    editor.correct("keep", caption)
    editor.correct("drop", army)
    aid = kept_starting(editor.store.document, AID)
    start = editor.store.document.text.index(aid)
    editor.tag(start, start + len(aid), "quote")
    corrected_text = editor.store.document.text

    reopened = AnnotationStore(load_document(article))

    assert reopened.document.text == corrected_text
    assert reopened.reanchored == 0
    (annotation,) = reopened.annotations()
    assert annotation.status == "ok"
    assert corrected_text[annotation.start : annotation.end] == annotation.quote.exact
    assert aid.startswith(annotation.quote.exact)


def test_a_correction_survives_a_changed_source(article):
    editor = open_editor(article)
    caption = removed_starting(editor.store.document, CAPTION)
    editor.correct("keep", caption)
    # the site reworded its footer: the page is cleaned again, the correction still holds
    article.write_text(
        article.read_text(encoding="utf-8").replace("RELATED ARTICLES", "MORE STORIES"),
        encoding="utf-8",
    )
    reopened = AnnotationStore(load_document(article))
    assert caption in block_texts(reopened.document)
    assert reopened.document.unmatched == []


def test_a_correction_that_matches_nothing_is_reported_and_kept(article):
    editor = open_editor(article)
    assert editor.correct("keep", "No block has this text") is None  # never saved as one
    caption = removed_starting(editor.store.document, CAPTION)
    editor.correct("keep", caption)
    article.write_text(
        article.read_text(encoding="utf-8").replace("An army helicopter", "A helicopter"),
        encoding="utf-8",
    )
    reopened = AnnotationStore(load_document(article))
    assert reopened.document.unmatched == [{"keep": caption}]
    reopened.save()
    saved = json.loads(sidecar_path(article).read_text(encoding="utf-8"))
    assert saved["document"]["overrides"] == [{"keep": caption}]


@pytest.mark.parametrize(
    "overrides",
    [{"keep": "x"}, [{"restore": "x"}], [{"keep": "a", "drop": "b"}], [{"title": 3}], ["keep"]],
)
def test_a_malformed_override_is_a_fault_and_the_file_is_left_alone(article, overrides):
    AnnotationStore(load_document(article)).save()
    path = sidecar_path(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["overrides"] = overrides
    raw = json.dumps(data)
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(SidecarError, match="overrides"):
        AnnotationStore(load_document(article))
    assert path.read_text(encoding="utf-8") == raw


def test_corrections_apply_to_the_document_as_cleaned_in_their_order(article):
    document = load_document(article)
    caption = removed_starting(document, CAPTION)
    restored = apply_corrections(document, [{"keep": caption}])
    dropped_again = apply_corrections(restored, [{"keep": caption}, {"drop": caption}])
    assert dropped_again.text == document.text
    assert apply_corrections(restored, []).text == document.text


# readtui clean and validate --------------------------------------------------------------------


def test_clean_applies_the_corrections_and_says_so(run_cli, article):
    editor = open_editor(article)
    caption = removed_starting(editor.store.document, CAPTION)
    editor.correct("keep", caption)
    editor.correct("keep", "Photo credit: Tomas Reyk / The Valley Courier")

    result = run_cli("clean", article)

    assert result.returncode == 0
    assert result.stdout == editor.store.document.text + "\n"
    assert caption in result.stdout
    applied = "readtui: 2 corrections from floods.txt.annotations.json applied"
    assert result.stderr_lines == [applied]
    data = json.loads(run_cli("clean", "--json", article).stdout)
    assert data["overrides"][0] == {"keep": caption} and data["unmatched"] == []
    assert caption not in data["removed"]


def test_clean_and_validate_report_a_correction_that_no_longer_matches(run_cli, article):
    editor = open_editor(article)
    editor.correct("drop", kept_starting(editor.store.document, ARMY))
    assert run_cli("validate", article).returncode == 0
    article.write_text(
        article.read_text(encoding="utf-8").replace("Army engineers", "Engineers"),
        encoding="utf-8",
    )

    cleaned = run_cli("clean", article)
    assert cleaned.returncode == 0 and "Engineers reached" in cleaned.stdout
    assert cleaned.stderr_lines[0] == (
        "readtui: 0 corrections from floods.txt.annotations.json applied"
    )
    assert cleaned.stderr_lines[1].startswith('readtui: warning: correction drop "Army engine')
    assert cleaned.stderr_lines[1].endswith("matches no block")

    validated = run_cli("validate", article)
    assert validated.returncode == 1
    assert 'correction drop "Army engineers' in validated.stdout
