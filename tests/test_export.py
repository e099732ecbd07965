"""`readtui export`: what is selected, split and written, and how bad input is reported."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from readtui.annotations import Annotation
from readtui.document import load_document
from readtui.export import ExportOptions, export_corpus
from readtui.export.corpus import split_of
from readtui.store import AnnotationStore, read_sidecar, sidecar_path

REPO = Path(__file__).resolve().parents[1]


ARTICLES = {
    "kabul.txt": "Clashes near Kabul\n\nAt least 12 people were killed on Monday, police said. "
    "The ministry denied any role in the attack.",
    "dalvar.txt": "Shelling in Dalvar\n\nArtillery hit the market, killing 14 people. "
    "Officials blamed the rebels.",
    "quetta.txt": "Quetta blast\n\nA bomb wounded dozens in Quetta. The group claimed it.",
}


def write_corpus(folder: Path, annotate, spans: dict[str, list[tuple[str, str]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        if spans.get(name):
            annotate(folder / name, spans[name])
    return folder


SPANS = {
    "kabul.txt": [("At least 12 people were killed", "casualty figure"), ("police said", "claim")],
    "dalvar.txt": [
        ("killing 14 people", "casualty figure"),
        ("Officials blamed the rebels", "claim"),
    ],
    "quetta.txt": [("A bomb wounded dozens in Quetta", "claim")],
}


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_carries_every_field_and_works_without_the_sources(tmp_path, annotate, run_cli):
    corpus = write_corpus(tmp_path / "news", annotate, SPANS)
    store = AnnotationStore(load_document(corpus / "kabul.txt"))
    figure = next(a for a in store.annotations() if a.tag == "casualty figure")
    store.update(figure.edited(note="police figure", attrs={"count_min": 12, "kind": "killed"}))
    for name in ARTICLES:
        (corpus / name).unlink()  # the sidecars hold the text: the sources are not needed

    result = run_cli("export", corpus, "-f", "jsonl", "-o", tmp_path / "out.jsonl")

    assert result.returncode == 0, result.stderr
    documents = {line["meta"]["id"]: line for line in lines(tmp_path / "out.jsonl")}
    assert sorted(documents) == ["dalvar", "kabul", "quetta"]
    kabul = documents["kabul"]
    assert kabul["text"] == ARTICLES["kabul.txt"]
    assert kabul["meta"]["title"] == "Clashes near Kabul"
    span = kabul["spans"][0]
    assert kabul["text"][span["start"] : span["end"]] == span["text"]
    assert span["text"] == "At least 12 people were killed"
    assert span["label"] == "casualty figure"
    assert span["note"] == "police figure"
    assert span["attrs"] == {"count_min": 12, "kind": "killed"}
    assert span["annotator"] == "alice" and span["origin"] == "manual"
    assert "documents" in result.stdout and "casualty figure" in result.stdout


def test_tags_annotator_and_status_select_spans_and_count_the_rest(tmp_path, annotate, run_cli):
    corpus = write_corpus(tmp_path / "news", annotate, SPANS)
    annotate(corpus / "quetta.txt", [("The group claimed it", "quote")], annotator="bob")
    sidecar = sidecar_path(corpus / "kabul.txt")
    data = read_sidecar(sidecar)
    data["annotations"][0]["status"] = "fuzzy"
    sidecar.write_text(json.dumps(data, indent=2), encoding="utf-8")

    result = run_cli("export", corpus, "-f", "jsonl", "-o", tmp_path / "a.jsonl", "--json")
    report = json.loads(result.stdout)
    assert report["spans"] == {"casualty figure": 1, "claim": 3, "quote": 1}
    assert report["left_out"] == {"fuzzy: re-anchored approximately, needs review": 1}

    result = run_cli(
        "export", corpus, "-f", "jsonl", "-o", tmp_path / "b.jsonl", "--json",
        "--tags", "claim,quote", "--annotator", "alice", "--status", "ok,moved,fuzzy",
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert report["spans"] == {"claim": 3}
    assert report["left_out"] == {
        "tag not exported (--tags)": 2,
        "another annotator's (--annotator)": 1,
    }
    labels = {s["label"] for line in lines(tmp_path / "b.jsonl") for s in line["spans"]}
    assert labels == {"claim"}


def test_a_document_lands_in_the_same_part_whatever_else_is_in_the_corpus(tmp_path):
    options = ExportOptions(split=(80, 10, 10), seed=7)
    hashes = [f"{n:064x}" for n in range(3000)]
    parts = [split_of(h, options) for h in hashes]
    # the part depends on the document and the seed alone
    assert parts == [split_of(h, options) for h in hashes]
    shares = {part: parts.count(part) / len(parts) for part in ("train", "dev", "test")}
    assert 0.77 < shares["train"] < 0.83 and 0.08 < shares["dev"] < 0.12
    other_seed = [split_of(h, ExportOptions(split=(80, 10, 10), seed=8)) for h in hashes]
    assert other_seed != parts


def test_split_writes_one_file_per_part_and_is_stable_when_the_corpus_grows(
    tmp_path, annotate, run_cli
):
    corpus = write_corpus(tmp_path / "news", annotate, SPANS)
    run_cli("export", corpus / "kabul.txt", corpus / "dalvar.txt", "-f", "jsonl",
            "-o", tmp_path / "small", "--split", "50/50", "--seed", "3")  # fmt: skip
    result = run_cli("export", corpus, "-f", "jsonl", "-o", tmp_path / "all",
                     "--split", "50/50", "--seed", "3")  # fmt: skip
    assert result.returncode == 0, result.stderr

    def placed(folder: Path) -> dict[str, str]:
        return {
            line["meta"]["id"]: part
            for part in ("train", "test")
            for line in lines(folder / f"{part}.jsonl")
        }

    small, whole = placed(tmp_path / "small"), placed(tmp_path / "all")
    assert sorted(whole) == ["dalvar", "kabul", "quetta"]
    assert {name: whole[name] for name in small} == small


def test_bad_input_loses_nothing_and_stops_nothing(tmp_path, annotate, run_cli):
    corpus = write_corpus(tmp_path / "news", annotate, {"kabul.txt": SPANS["kabul.txt"]})
    (corpus / "dalvar.txt.annotations.json").write_text("{ not json", encoding="utf-8")
    annotate(corpus / "quetta.txt", [("A bomb wounded dozens", "casualty figure")])
    sidecar = sidecar_path(corpus / "quetta.txt")
    data = read_sidecar(sidecar)
    for row in data["annotations"]:
        row.update(status="orphan", start=0, end=0)
    sidecar.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (corpus / "empty.txt").write_text("Nothing here\n\nNo marks yet.", encoding="utf-8")

    result = run_cli("export", corpus, "-f", "jsonl", "-o", tmp_path / "out.jsonl")

    assert result.returncode == 1
    assert [line["meta"]["id"] for line in lines(tmp_path / "out.jsonl")] == ["kabul"]
    problems = [line for line in result.stdout_lines if "(left out" in line]
    assert len(problems) == 3, result.stdout
    assert any("dalvar.txt.annotations.json" in p and "not valid JSON" in p for p in problems)
    assert any(p.startswith("quetta") and "orphaned" in p for p in problems)
    assert any(p.startswith("empty.txt") and "no annotations" in p for p in problems)
    assert "orphan: could not be placed" in result.stdout
    assert (corpus / "dalvar.txt.annotations.json").read_text() == "{ not json"


def test_a_document_marked_done_exports_without_annotations(tmp_path, annotate):
    corpus = write_corpus(tmp_path / "news", annotate, {"kabul.txt": SPANS["kabul.txt"]})
    store = AnnotationStore(load_document(corpus / "dalvar.txt"))
    store.save()
    sidecar = sidecar_path(corpus / "dalvar.txt")
    data = read_sidecar(sidecar)
    data["states"] = {"alice": {"state": "done", "modified": "2026-11-28T10:00:00Z"}}
    sidecar.write_text(json.dumps(data, indent=2), encoding="utf-8")

    sidecars = sorted(corpus.glob("*.annotations.json"))
    report = export_corpus(sidecars, "jsonl", tmp_path / "out.jsonl", ExportOptions())

    assert report.problems == [] and report.exit_status == 0
    exported = {line["meta"]["id"]: line for line in lines(tmp_path / "out.jsonl")}
    assert exported["dalvar"]["spans"] == []
    assert exported["dalvar"]["meta"]["states"]["alice"]["state"] == "done"


def test_an_interrupted_export_leaves_the_previous_file_whole(tmp_path, annotate, monkeypatch):
    corpus = write_corpus(tmp_path / "news", annotate, SPANS)
    sidecars = sorted(corpus.glob("*.annotations.json"))
    out = tmp_path / "out.jsonl"
    export_corpus(sidecars, "jsonl", out, ExportOptions(tags=frozenset({"claim"})))
    before = out.read_bytes()

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt  # ctrl+c while the new file is being made durable

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_corpus(sidecars, "jsonl", out, ExportOptions())
    monkeypatch.undo()

    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache-home", "news", "out.jsonl"]


def test_an_interrupted_folder_export_leaves_the_previous_folder_whole(
    tmp_path, annotate, monkeypatch
):
    corpus = write_corpus(tmp_path / "news", annotate, SPANS)
    sidecars = sorted(corpus.glob("*.annotations.json"))
    out = tmp_path / "parts"
    export_corpus(sidecars, "jsonl", out, ExportOptions(split=(50, 50)))
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        export_corpus(sidecars, "jsonl", out, ExportOptions(split=(80, 10, 10)))
    monkeypatch.undo()

    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache-home", "news", "parts"]


def test_the_process_pool_gives_the_same_bytes_as_one_process(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(240):
        path = folder / f"a{number:03d}.txt"
        text = f"Report {number}\n\nAt least {number} people were killed, officials said."
        path.write_text(text, encoding="utf-8")
        store = AnnotationStore(load_document(path))
        start = store.document.text.index("At least")
        store.add(Annotation.create(store.document.text, start, start + 20, "casualty figure"))
    sidecars = sorted(folder.glob("*.annotations.json"))

    one = export_corpus(sidecars, "jsonl", tmp_path / "one.jsonl", ExportOptions(), workers=1)
    pool = export_corpus(sidecars, "jsonl", tmp_path / "two.jsonl", ExportOptions(), workers=2)

    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert one.spans == pool.spans == {"casualty figure": 240}


@pytest.mark.parametrize(
    "args, message",
    [
        (["-f", "nope", "-o", "x"], "invalid choice"),
        (["-f", "jsonl", "-o", "x", "--split", "80/30"], "adding up to 100"),
        (["-f", "jsonl", "-o", "x", "--status", "ok,lost"], "unknown status 'lost'"),
        (["-f", "jsonl"], "-o/--output"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(tmp_path, annotate, run_cli, args, message):
    corpus = write_corpus(tmp_path / "news", annotate, SPANS)
    result = run_cli("export", corpus, *args)
    assert result.returncode == 2
    assert len(result.stderr_lines) == 1 and message in result.stderr


def test_a_format_whose_extra_is_missing_names_the_extra(tmp_path, annotate):
    corpus = write_corpus(tmp_path / "news", annotate, SPANS)
    # a real process in which spaCy cannot be imported, as after a plain `pip install readtui`
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "spacy.py").write_text("raise ImportError('No module named spacy')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker), str(REPO)])}
    result = subprocess.run(
        [sys.executable, "-m", "readtui", "export", corpus, "-f", "spacy", "-o", "out.spacy"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("readtui: the spacy format needs spacy")
    assert "pip install 'readtui[export]'" in result.stderr
    assert not (tmp_path / "out.spacy").exists()


def test_an_imported_text_opens_as_it_is_with_its_annotations_in_place(tmp_path, run_cli):
    # a byline line that readtui's cleaner would drop from a scraped page
    text = "Floods in the valley\n\nBy Amira Soltan | 26 November 2026\n\nAt least 34 people died."
    spans = [("By Amira Soltan", "claim"), ("At least 34 people died", "casualty figure")]
    line = {
        "text": text,
        "spans": [
            {"start": text.index(p), "end": text.index(p) + len(p), "label": tag}
            for p, tag in spans
        ],
        "meta": {"id": "floods", "title": "Floods in the valley"},
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")

    assert (
        run_cli("import", tmp_path / "in.jsonl", "-f", "jsonl", "-o", tmp_path / "lib").returncode
        == 0
    )

    source = tmp_path / "lib" / "floods.txt"
    document = load_document(source)
    assert document.text == text and document.title == "Floods in the valley"
    store = AnnotationStore(document)
    assert [(text[a.start : a.end], a.tag, a.status) for a in store.annotations()] == [
        (*span, "ok") for span in spans
    ]
    assert run_cli("validate", tmp_path / "lib").returncode == 0
    # once the user edits the source, it is an article like any other and is cleaned again
    source.write_text(text + "\n\nAdvertisement\n", encoding="utf-8")
    assert load_document(source).cleaner == "readtui.clean/1"


def test_a_long_list_of_span_issues_is_cut_on_screen_and_whole_in_json(tmp_path, run_cli):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(35):
        path = folder / f"a{number:02d}.txt"
        path.write_text(f"Report {number}\n\nAt least {number} people were killed.", "utf-8")
        store = AnnotationStore(load_document(path))
        text = store.document.text
        start = text.index("At least")
        end = text.index("people") + len("people")
        store.add(Annotation.create(text, start, end, "casualty figure"))
        store.add(Annotation.create(text, start, len(text) - 1, "claim"))  # overlaps it

    shown = run_cli("export", folder, "-f", "conll", "-o", tmp_path / "out.conll")
    listed = run_cli("export", folder, "-f", "conll", "-o", tmp_path / "out.conll", "--json")

    assert shown.returncode == listed.returncode == 0  # dropped by the policy asked for
    overlaps = [line for line in shown.stdout_lines if "overlaps claim" in line]
    assert len(overlaps) == 30
    assert "... and 5 more spans moved or left out (--json lists each)" in shown.stdout
    assert len(json.loads(listed.stdout)["issues"]) == 35
