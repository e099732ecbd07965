"""The annotation store: SPEC sidecars on disk, atomic saves, bad files refused, re-anchoring."""

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readtui.annotations import Annotation, Quote
from readtui.document import load_document
from readtui.store import (
    SCHEMA,
    AnnotationStore,
    SidecarError,
    read_sidecar,
    render_sidecar,
    sidecar_path,
    source_path,
)

ANNOTATION_KEYS = [
    "id",
    "start",
    "end",
    "tag",
    "quote",
    "note",
    "attrs",
    "annotator",
    "origin",
    "status",
    "created",
    "modified",
]
DOCUMENT_KEYS = ["source", "source_sha256", "cleaner", "title", "text_sha256", "text"]


def span(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def fixed(text: str, phrase: str, tag: str, annotation_id: str, **fields) -> Annotation:
    """An annotation with a fixed id and time stamps, so files can be compared byte for byte."""
    start, end = span(text, phrase)
    return Annotation(
        id=annotation_id,
        start=start,
        end=end,
        tag=tag,
        quote=Quote.of(text, start, end),
        created="2026-11-27T09:00:00Z",
        modified="2026-11-27T09:00:00Z",
        **fields,
    )


def folder_names(folder: Path) -> list[str]:
    return sorted(child.name for child in folder.iterdir())


# Round trip ------------------------------------------------------------------------------------


def test_round_trip_writes_the_spec_sidecar(article: Path) -> None:
    document = load_document(article)
    store = AnnotationStore(document)
    text = document.text
    late = Annotation.create(text, *span(text, "a negotiator said"), "quote", annotator="bob")
    early = Annotation.create(text, *span(text, "killing at least 14 people"), "casualty figure")
    gone = Annotation.create(text, *span(text, "Four children"), "claim")
    for annotation in (late, early, gone):
        store.add(annotation)
    store.update(early.edited(note="health officials", attrs={"count_min": 14, "kind": "killed"}))
    store.remove(gone.id)

    raw = sidecar_path(article).read_text(encoding="utf-8")
    data = json.loads(raw)
    assert raw.startswith('{\n  "schema": ')  # indent 2
    assert list(data) == ["schema", "document", "annotations"]
    assert data["schema"] == SCHEMA
    assert list(data["document"]) == DOCUMENT_KEYS
    header = data["document"]
    assert header["source"] == "dalvar.md"
    assert header["source_sha256"] == hashlib.sha256(article.read_bytes()).hexdigest()
    assert header["text"] == text
    assert header["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert header["title"] == "Shelling kills 14 in border town"

    rows = data["annotations"]
    assert [row["id"] for row in rows] == [early.id, late.id]  # sorted by start
    for row in rows:
        assert list(row) == ANNOTATION_KEYS
        assert list(row["quote"]) == ["exact", "prefix", "suffix"]
        assert row["quote"]["exact"] == text[row["start"] : row["end"]]
    assert rows[0]["note"] == "health officials"
    assert rows[0]["attrs"] == {"count_min": 14, "kind": "killed"}
    assert rows[0]["tag"] == "casualty figure"
    assert rows[1]["annotator"] == "bob"
    assert rows[1]["origin"] == "manual" and rows[1]["status"] == "ok"

    reopened = AnnotationStore(load_document(article))
    assert reopened.annotations() == store.annotations()
    assert reopened.get(early.id).note == "health officials"
    assert reopened.get(gone.id) is None


def test_annotations_are_sorted_by_start_end_and_id(article: Path) -> None:
    document = load_document(article)
    text = document.text
    store = AnnotationStore(document)
    store.add(fixed(text, "killing at least 14 people and", "claim", "03"))
    store.add(fixed(text, "killing at least 14 people", "claim", "02"))
    store.add(fixed(text, "killing at least 14 people", "quote", "01"))
    store.add(fixed(text, "Artillery", "claim", "04"))
    rows = read_sidecar(sidecar_path(article))["annotations"]
    assert [row["id"] for row in rows] == ["04", "01", "02", "03"]


def test_same_annotations_give_byte_identical_files(tmp_path: Path, article: Path) -> None:
    twin = tmp_path / "twin" / article.name
    twin.parent.mkdir()
    shutil.copy(article, twin)
    text = load_document(article).text
    annotations = [
        fixed(text, "killing at least 14 people", "casualty figure", "01A", attrs={"count": 14}),
        fixed(text, "Colonel Ruben Asker", "claim", "01B", note="who"),
        fixed(text, "a negotiator said", "quote", "01C"),
    ]
    first = AnnotationStore(load_document(article))
    for annotation in annotations:
        first.add(annotation)
    second = AnnotationStore(load_document(twin))
    for annotation in reversed(annotations):
        second.add(annotation)
    assert sidecar_path(article).read_bytes() == sidecar_path(twin).read_bytes()


def test_load_then_save_changes_no_byte(article: Path) -> None:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    store.add(Annotation.create(text, *span(text, "Dalvar"), "claim", note="naïve “quote” ✓"))
    store.reject("number-words", *span(text, "more than 40"))
    before = sidecar_path(article).read_bytes()
    assert "naïve “quote” ✓".encode() in before  # UTF-8, not \\u escapes

    reopened = AnnotationStore(load_document(article))
    reopened.save()
    assert sidecar_path(article).read_bytes() == before
    assert not reopened.unsaved


def test_keys_written_in_another_order_are_put_in_spec_order(article: Path) -> None:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    store.add(Annotation.create(text, *span(text, "Dalvar"), "claim"))
    path = sidecar_path(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["annotations"] = [dict(reversed(row.items())) for row in data["annotations"]]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    reopened = AnnotationStore(load_document(article))
    reopened.save()
    row = json.loads(path.read_text(encoding="utf-8"))["annotations"][0]
    assert list(row) == ANNOTATION_KEYS


# Interrupted saves -----------------------------------------------------------------------------


def _raise_os_error(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_interrupted_save_keeps_the_old_sidecar(
    article: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    kept = Annotation.create(text, *span(text, "Dalvar"), "claim")
    store.add(kept)
    path = sidecar_path(article)
    old = path.read_bytes()
    files = folder_names(article.parent)

    monkeypatch.setattr(os, broken, _raise_os_error)
    added = Annotation.create(text, *span(text, "Four children"), "claim")
    store.add(added)

    assert isinstance(store.save_error, OSError)
    assert store.unsaved
    assert path.read_bytes() == old
    assert folder_names(article.parent) == files  # no temporary file left behind
    assert [a.id for a in store.annotations()] == [kept.id, added.id]  # kept in memory
    with pytest.raises(OSError):
        store.save()

    monkeypatch.undo()
    store.save()
    assert store.save_error is None
    assert not store.unsaved
    assert [row["id"] for row in read_sidecar(path)["annotations"]] == [kept.id, added.id]
    assert folder_names(article.parent) == files


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_reports_and_loses_nothing(article: Path) -> None:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    article.parent.chmod(0o555)
    try:
        store.add(Annotation.create(text, *span(text, "Dalvar"), "claim"))
        assert isinstance(store.save_error, PermissionError)
        assert not sidecar_path(article).exists()
        assert len(store.annotations()) == 1
    finally:
        article.parent.chmod(0o755)
    store.save()
    assert len(read_sidecar(sidecar_path(article))["annotations"]) == 1


def test_folder_gone_reports_and_loses_nothing(article: Path, tmp_path: Path) -> None:
    """Like a read-only folder, but it works as root too: the write itself fails."""
    store = AnnotationStore(load_document(article))
    text = store.document.text
    saved = article.read_bytes()
    shutil.rmtree(article.parent)
    store.add(Annotation.create(text, *span(text, "Dalvar"), "claim"))
    assert isinstance(store.save_error, FileNotFoundError)
    assert store.unsaved and len(store.annotations()) == 1

    article.parent.mkdir()
    article.write_bytes(saved)
    store.save()
    assert store.save_error is None
    assert len(read_sidecar(sidecar_path(article))["annotations"]) == 1


def test_save_elsewhere_switches_the_sidecar(article: Path, tmp_path: Path) -> None:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    elsewhere = tmp_path / "backup.annotations.json"
    store.add(Annotation.create(text, *span(text, "Dalvar"), "claim"))
    store.save(elsewhere)
    assert store.path == elsewhere and not store.unsaved
    assert elsewhere.read_bytes() == sidecar_path(article).read_bytes()


# Sidecars that cannot be used ------------------------------------------------------------------


def _valid_sidecar(article: Path) -> dict:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    store.add(Annotation.create(text, *span(text, "Dalvar"), "claim"))
    return json.loads(sidecar_path(article).read_text(encoding="utf-8"))


def _first(data: dict) -> dict:
    return data["annotations"][0]


BAD_SIDECARS = {
    "bad JSON": (lambda data: None, "not valid JSON"),
    "unknown schema": (lambda data: data.update(schema="readtui.annotations/9"), "schema"),
    "no text": (lambda data: data["document"].pop("text"), "'text' is missing"),
    "annotations not a list": (lambda data: data.update(annotations={}), "not a list"),
    "offsets outside": (lambda data: _first(data).update(end=10_000), "outside the text"),
    "negative start": (lambda data: _first(data).update(start=-1), "outside the text"),
    "start after end": (lambda data: _first(data).update(start=50, end=40), "outside the text"),
    "start is text": (lambda data: _first(data).update(start="5"), "'start' is not a number"),
    "start is bool": (lambda data: _first(data).update(start=True), "'start' is not a number"),
    "tag is number": (lambda data: _first(data).update(tag=3), "'tag' is not a string"),
    "no id": (lambda data: _first(data).pop("id"), "has no 'id'"),
    "note is null": (lambda data: _first(data).update(note=None), "'note' is not a string"),
    "attrs is list": (lambda data: _first(data).update(attrs=[]), "'attrs' is not an object"),
    "quote prefix": (lambda data: _first(data)["quote"].update(prefix=1), "'quote'"),
    "unknown status": (lambda data: _first(data).update(status="lost"), "unknown status"),
    "title is number": (lambda data: data["document"].update(title=7), "'document.title'"),
    "rejected entry": (
        lambda data: data.update(rejected=[{"rule": "r", "start": 0}]),
        "rejected suggestion 1",
    ),
}


@pytest.mark.parametrize("case", BAD_SIDECARS, ids=list(BAD_SIDECARS))
def test_bad_sidecar_is_refused_and_left_alone(article: Path, case: str) -> None:
    change, fault = BAD_SIDECARS[case]
    data = _valid_sidecar(article)
    path = sidecar_path(article)
    if case == "bad JSON":
        raw = path.read_bytes()[:-20]
    else:
        change(data)
        raw = json.dumps(data, indent=2).encode("utf-8")
    path.write_bytes(raw)
    files = folder_names(article.parent)

    with pytest.raises(SidecarError) as caught:
        AnnotationStore(load_document(article))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert fault in message
    assert "\n" not in message
    assert path.read_bytes() == raw
    assert folder_names(article.parent) == files


def test_sidecar_that_is_not_utf8_is_refused(article: Path) -> None:
    path = sidecar_path(article)
    path.write_bytes(b'{"schema": "\xff"}')
    with pytest.raises(SidecarError, match="not UTF-8"):
        AnnotationStore(load_document(article))
    assert path.read_bytes() == b'{"schema": "\xff"}'


def test_sidecar_and_source_paths() -> None:
    assert sidecar_path(Path("news/kabul.txt")) == Path("news/kabul.txt.annotations.json")
    assert sidecar_path(Path("a.md")) != sidecar_path(Path("a.txt"))
    assert source_path(Path("news/kabul.txt.annotations.json")) == Path("news/kabul.txt")
    with pytest.raises(ValueError):
        source_path(Path("kabul.json"))


# Re-anchoring when the source changes ----------------------------------------------------------

FUZZY_SPAN = "the spokesman said the market was crowded with shoppers buying food"


def _article_v1() -> str:
    return (
        "# Market shelling\n\n"
        "Artillery shells struck a market in Dalvar, killing at least 14 people.\n\n"
        f"Residents said {FUZZY_SPAN} for the holiday.\n\n"
        "A second strike hit the bus station an hour later.\n\n"
        "Talks resume on Friday.\n"
    )


def _article_v2() -> str:
    return (
        "# Market shelling\n\n"
        "Updated at 18:00 with the health ministry's figures.\n\n"
        "Artillery shells struck a market in Dalvar, killing at least 14 people.\n\n"
        "Residents said the spokesman said the market was crowded with shoppers buying bread"
        " for the holiday.\n\n"
        "Talks resume on Friday.\n"
    )


def test_reanchoring_moves_reviews_and_orphans_but_drops_nothing(tmp_path: Path) -> None:
    source = tmp_path / "market.md"
    source.write_text(_article_v1(), encoding="utf-8")
    store = AnnotationStore(load_document(source))
    text = store.document.text
    moved = Annotation.create(text, *span(text, "killing at least 14 people"), "casualty figure")
    fuzzy = Annotation.create(text, *span(text, FUZZY_SPAN), "claim")
    orphan = Annotation.create(text, *span(text, "A second strike hit the bus station"), "claim")
    same = Annotation.create(text, *span(text, "Market shelling"), "quote")
    for annotation in (moved, fuzzy, orphan, same):
        store.add(annotation)

    source.write_text(_article_v2(), encoding="utf-8")
    changed = AnnotationStore(load_document(source))
    new_text = changed.document.text
    placed = {a.id: a for a in changed.annotations()}
    assert set(placed) == {moved.id, fuzzy.id, orphan.id, same.id}  # nothing dropped
    assert changed.reanchored == 3

    assert placed[same.id].status == "ok" and placed[same.id].start == same.start
    assert placed[moved.id].status == "moved"
    assert placed[moved.id].start > moved.start
    assert new_text[placed[moved.id].start : placed[moved.id].end] == moved.quote.exact
    assert placed[fuzzy.id].status == "fuzzy"
    assert new_text[placed[fuzzy.id].start : placed[fuzzy.id].end].startswith("the spokesman")
    assert new_text[placed[fuzzy.id].start : placed[fuzzy.id].end].endswith("bread")
    lost = placed[orphan.id]
    assert lost.status == "orphan" and (lost.start, lost.end) == (0, 0)
    assert lost.quote == orphan.quote  # kept with its quote, so it can be found again
    assert lost.tag == "claim" and lost.created == orphan.created

    changed.save()  # the sidecar now holds the new text and the orphan
    assert read_sidecar(sidecar_path(source))["document"]["text"] == new_text

    source.write_text(_article_v1(), encoding="utf-8")
    reverted = AnnotationStore(load_document(source))
    back = reverted.get(orphan.id)
    assert back.status == "moved"
    assert (back.start, back.end) == (orphan.start, orphan.end)
    assert reverted.document.text[back.start : back.end] == orphan.quote.exact
    assert len(reverted.annotations()) == 4


def test_unchanged_source_is_not_reanchored(article: Path) -> None:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    store.add(Annotation.create(text, *span(text, "Dalvar"), "claim"))
    again = AnnotationStore(load_document(article))
    assert again.reanchored == 0
    assert again.annotations() == store.annotations()


# Rejected suggestions --------------------------------------------------------------------------


def test_rejected_suggestions_are_stored_and_follow_the_text(tmp_path: Path) -> None:
    source = tmp_path / "market.md"
    source.write_text(_article_v1(), encoding="utf-8")
    store = AnnotationStore(load_document(source))
    text = store.document.text
    start, end = span(text, "at least 14 people")
    store.reject("casualty-number", start, end)
    store.reject("said-quote", *span(text, "A second strike"))

    data = read_sidecar(sidecar_path(source))
    assert list(data) == ["schema", "document", "annotations", "rejected"]
    assert data["rejected"][0] == {
        "rule": "casualty-number",
        "start": start,
        "end": end,
        "quote": "at least 14 people",
    }
    assert list(data["rejected"][0]) == ["rule", "start", "end", "quote"]
    assert AnnotationStore(load_document(source)).rejected() == data["rejected"]

    source.write_text(_article_v2(), encoding="utf-8")
    moved = AnnotationStore(load_document(source))
    rows = moved.rejected()
    # The one whose text is gone suppresses nothing any more; the other moved with its text.
    assert [row["rule"] for row in rows] == ["casualty-number"]
    assert moved.document.text[rows[0]["start"] : rows[0]["end"]] == "at least 14 people"
    moved.save()
    read_sidecar(sidecar_path(source))  # still a valid sidecar


_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)
_rows = st.fixed_dictionaries(
    {
        "id": _text,
        "start": st.integers(0, 10**6),
        "end": st.integers(0, 10**6),
        "tag": _text,
        "quote": st.fixed_dictionaries({"exact": _text, "prefix": _text, "suffix": _text}),
        "note": _text,
        "attrs": st.dictionaries(_text, _json_values, max_size=3),
        "annotator": _text,
        "origin": _text,
        "status": _text,
        "created": _text,
        "modified": _text,
    }
)


@given(
    rows=st.lists(
        _rows
        | st.dictionaries(_text, _json_values, max_size=3).map(
            lambda extra: {"id": "x", "start": 1, "end": 2, **extra}
        ),
        max_size=4,
    ),
    extra=st.dictionaries(
        _text.filter(lambda k: k not in {"schema", "document", "annotations"}),
        _json_values,
        max_size=2,
    ),
)
def test_the_fast_sidecar_writer_writes_what_json_dumps_would(rows, extra) -> None:
    header = {"source": "a.txt", "text": 'line one\nline "two" \u2028 \x00'}
    rows = [row for row in rows if isinstance(row.get("start"), int)]
    rejected = [{"rule": "r", "start": 1, "end": 2, "quote": "q"}]
    expected = {"schema": SCHEMA, "document": header}
    expected["annotations"] = sorted(rows, key=lambda a: (a["start"], a["end"], a["id"]))
    expected["rejected"] = rejected
    expected.update(extra)
    text = render_sidecar(header, rows, rejected, extra)
    assert text == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_a_new_sidecar_gets_an_ordinary_file_mode_and_an_old_one_keeps_its_own(
    article: Path,
) -> None:
    store = AnnotationStore(load_document(article))
    store.save()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(sidecar_path(article).stat().st_mode) == 0o666 & ~umask
    sidecar_path(article).chmod(0o640)
    store.save()
    assert stat.S_IMODE(sidecar_path(article).stat().st_mode) == 0o640
