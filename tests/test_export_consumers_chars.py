"""The character-offset exports, read by what reads them: brat standoff by an independent
parser (bratly), W3C Web Annotation against the model's rules, doccano's label slices."""

import json
import re
from pathlib import Path

import pytest

from readtui.store import SIDECAR_SUFFIX

KABUL_TXT = (
    "Kabul blast 😢 kills 3\n\n"
    "په کابل کې چاودنه: ۳ تنه ووژل شول 👍🏽 said the official.\n\n"
    "喀布尔爆炸造成三人死亡。\n\n"
    "در کابل انفجار رخ داد و ۵ نفر زخمی شدند.\n"
)
NEWLINE_SPAN = "among the dead.\n\nA paramedic"
DALVAR = [
    ("Artillery shells struck a crowded market", "claim"),
    ("a crowded market in Dalvar", "quote"),
    ("killing at least 14 people", "casualty figure"),
    (NEWLINE_SPAN, "claim"),
]
KABUL = [
    ("blast 😢 kills 3", "claim"),
    ("په کابل کې چاودنه", "quote"),
    ("👍🏽 said the official", "quote"),
    ("喀布尔爆炸造成三人死亡", "claim"),
    ("۵ نفر زخمی", "casualty figure"),
]
ATTRS = {"count_min": 14, "kind": "killed", "group": "people at the market"}
NOTE = "first line\nsecond line"

# The Web Annotation vocabulary (www.w3.org/TR/annotation-vocab/ §3.3.5, motivations).
MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip
AGENT_TYPES = {"Person", "Organization", "Software"}
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


@pytest.fixture
def corpus(article: Path, annotate) -> Path:
    """Two articles by two annotators: overlaps, a span over a paragraph break, a note and
    attributes, emoji, Chinese, Pashto and Dari."""
    folder = article.parent
    kabul = folder / "kabul.txt"
    kabul.write_text(KABUL_TXT, encoding="utf-8")
    store = annotate(article, DALVAR, annotator="alice")
    for annotation in store.annotations():
        if annotation.tag == "casualty figure":
            store.update(annotation.edited(note=NOTE, attrs=ATTRS))
    annotate(article, DALVAR[:1], annotator="bob")
    annotate(kabul, KABUL, annotator="alice")
    return folder


def originals(folder: Path) -> dict[str, list[dict]]:
    """Each document's text -> its annotation rows, as the sidecars hold them."""
    return {text: rows for _, text, rows in sidecars(folder)}


def sidecars(folder: Path) -> list[tuple[str, str, list[dict]]]:
    """(name, text, annotation rows) of each sidecar; the name is what exports call the
    document: its file name without a final .txt (SPEC §7)."""
    documents = []
    for sidecar in sorted(folder.glob(f"*{SIDECAR_SUFFIX}")):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        name = data["document"]["source"].removesuffix(".txt")
        documents.append((name, data["document"]["text"], data["annotations"]))
    return documents


def export(run_cli, corpus: Path, format_name: str, out: Path) -> Path:
    result = run_cli("export", corpus, "-f", format_name, "-o", out)
    assert result.returncode == 0, (result.stdout, result.stderr)
    return out


@pytest.mark.filterwarnings("ignore:Support for class-based:DeprecationWarning")
def test_brat_reads_with_bratly(corpus: Path, run_cli, tmp_path: Path) -> None:
    from bratly import AttributeAnnotation, EntityAnnotation, NoteAnnotation
    from bratly.io import read_document_collection_from_folder

    out = export(run_cli, corpus, "brat", tmp_path / "brat")
    # bratly would drop duplicates (alice's and bob's claim) and renumber: keep every line
    collection = read_document_collection_from_folder(
        str(out), no_duplicates_ann=False, sort_ann=False, renumerotize_ann=False
    )
    assert collection is not None  # None: bratly's grammar check refused a line
    expected = originals(corpus)
    assert len(collection.documents) == len(expected) == 2
    for document in collection.documents:
        text = document.text
        annotations = [a for c in document.annotation_collections for a in c.annotations]
        entities = [a for a in annotations if isinstance(a, EntityAnnotation)]
        for entity in entities:
            slices = [text[f.start : f.end] for f in entity.fragments]
            assert " ".join(slices) == entity.content
            assert not any("\n" in piece for piece in slices)
        got = sorted(
            (e.fragments[0].start, e.fragments[-1].end, e.label, text[e.get_start() : e.get_end()])
            for e in entities
        )
        want = sorted(
            (row["start"], row["end"], row["tag"].replace(" ", "_"), row["quote"]["exact"])
            for row in expected[text]
        )
        assert got == want
        attributes = {
            (a.component.content, a.label, " ".join(a.values))
            for a in annotations
            if isinstance(a, AttributeAnnotation)
        }
        notes = [a for a in annotations if isinstance(a, NoteAnnotation)]
        if "Dalvar" in text:
            assert any("\n" in row["quote"]["exact"] for row in expected[text])
            assert ("killing at least 14 people", "kind", "killed") in attributes
            assert ("killing at least 14 people", "count_min", "14") in attributes
            assert [(n.component.content, n.label) for n in notes] == [
                ("killing at least 14 people", "AnnotatorNotes")
            ]


def test_webanno_follows_the_web_annotation_model(corpus: Path, run_cli, tmp_path: Path) -> None:
    out = export(run_cli, corpus, "webanno", tmp_path / "annotations.jsonld")
    annotations = json.loads(out.read_text(encoding="utf-8"))
    texts = {f"urn:readtui:doc:{name}": text for name, text, _ in sidecars(corpus)}
    assert set(texts) == {"urn:readtui:doc:dalvar.md", "urn:readtui:doc:kabul"}
    found = []
    for annotation in annotations:
        # required: @context, id (an IRI), type, target
        assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert IRI.fullmatch(annotation["id"])
        assert annotation["type"] == "Annotation"
        assert annotation["motivation"] in MOTIVATIONS
        for key in ("created", "modified"):
            assert DATETIME.fullmatch(annotation[key])
        assert annotation["creator"]["type"] in AGENT_TYPES
        for body in annotation["body"]:
            assert body["type"] == "TextualBody" and isinstance(body["value"], str)
            assert body["purpose"] in MOTIVATIONS
        target = annotation["target"]
        text = texts[target["source"]]
        selectors = {selector["type"]: selector for selector in target["selector"]}
        assert set(selectors) == {"TextQuoteSelector", "TextPositionSelector"}
        quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
        assert quote["prefix"] or start == 0
        tags = [b["value"] for b in annotation["body"] if b["purpose"] == "tagging"]
        notes = [b["value"] for b in annotation["body"] if b["purpose"] == "commenting"]
        found.append((text, start, end, *tags, *notes))
    assert len({a["id"] for a in annotations}) == len(annotations)
    want = [
        (text, row["start"], row["end"], row["tag"], *([row["note"]] if row["note"] else []))
        for text, rows in originals(corpus).items()
        for row in rows
    ]
    assert sorted(found) == sorted(want)


def test_doccano_label_slices_are_the_span_texts(corpus: Path, run_cli, tmp_path: Path) -> None:
    out = export(run_cli, corpus, "doccano", tmp_path / "doccano.jsonl")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = originals(corpus)
    assert sorted(line["text"] for line in lines) == sorted(expected)
    for line in lines:
        text = line["text"]
        got = sorted((text[start:end], label) for start, end, label in line["label"])
        want = sorted((row["quote"]["exact"], row["tag"]) for row in expected[text])
        assert got == want
