"""Token exports (spacy, hf, conll) read by the libraries that consume them: spaCy, Hugging Face
datasets and seqeval, on a small real corpus exported by `readtui export` run as a process."""

import json
from pathlib import Path

import pytest

KABUL_MD = """\
# Kabul rally 🇦🇫 calls for peace

Protesters in Kabul chanted "سوله غواړو" 🙏 outside the U.N. compound on Friday, organisers said.

Envoys of 北京市政府 pledged aid to 1,200 families.
"""

DALVAR_SPANS = [
    ("Artillery shells struck a crowded market in Dalvar on Wednesday", "claim"),
    ("killing at least 14 people and wounding more than 40", "claim"),
    ("at least 14 people", "casualty figure"),  # inside the claim above
    ('"This was a deliberate strike on civilians at the busiest hour of the day,"', "quote"),
    ("Four children were among the dead.\n\nA paramedic was hit", "claim"),  # two sentences
    ("Four children", "casualty figure"),  # inside the claim above
]
KABUL_SPANS = [
    ("Kabul rally 🇦🇫 calls for peace", "claim"),
    ('"سوله غواړو"', "quote"),
    ("outside the U.N. compound", "claim"),
    ("北京", "claim"),  # inside the token 北京市政府, for spaCy and for readtui's tokenizer
    ("1,200 families", "casualty figure"),
]
MISALIGNED = "北京"
WHOLE_TOKEN = "北京市政府"
# Inside a longer span: not in IOB tags nor doc.ents under the default --overlap longest
OVERLAPPED = {"at least 14 people", "Four children"}


@pytest.fixture
def corpus(article: Path, annotate) -> Path:
    annotate(article, DALVAR_SPANS)
    kabul = article.with_name("kabul.md")
    kabul.write_text(KABUL_MD, encoding="utf-8")
    annotate(kabul, KABUL_SPANS)
    return article.parent


def sidecar_spans(folder: Path) -> dict[str, tuple[str, list[tuple[int, int, str, str]]]]:
    """Document name -> (text, [(start, end, tag, text)]), read straight from the sidecars."""
    documents = {}
    for sidecar in sorted(folder.glob("*.annotations.json")):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        text = data["document"]["text"]
        name = sidecar.name.removesuffix(".annotations.json")
        spans = [
            (a["start"], a["end"], a["tag"], text[a["start"] : a["end"]])
            for a in data["annotations"]
        ]
        documents[name] = (text, spans)
    return documents


def squeezed(text: str) -> str:
    return "".join(text.split())


def expected_entities(folder: Path) -> list[tuple[str, str, str]]:
    """(document, label, text without spacing) of every span an IOB export must carry."""
    return sorted(
        (name, tag.replace(" ", "_"), squeezed(span_text))
        for name, (_, spans) in sidecar_spans(folder).items()
        for _, _, tag, span_text in spans
        if span_text not in OVERLAPPED and span_text != MISALIGNED
    )


def misaligned_offsets(folder: Path) -> tuple[int, int]:
    text, spans = sidecar_spans(folder)["kabul.md"]
    (offsets,) = [(start, end) for start, end, _, span_text in spans if span_text == MISALIGNED]
    return offsets


# spaCy -------------------------------------------------------------------------------------


def spacy_docs(path: Path) -> dict:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    return {doc.user_data["id"]: doc for doc in DocBin().from_disk(path).get_docs(nlp.vocab)}


def test_spacy_docbin_holds_every_span_with_its_offsets(corpus, run_cli, tmp_path):
    out = tmp_path / "corpus.spacy"
    result = run_cli("export", corpus, "-f", "spacy", "-o", out, "--align", "expand", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    docs = spacy_docs(out)
    assert set(docs) == {"dalvar.md", "kabul.md"}
    for name, (text, spans) in sidecar_spans(corpus).items():
        doc = docs[name]
        assert doc.text == text
        expected = []
        for start, end, tag, span_text in spans:
            if span_text == MISALIGNED:  # expanded to the token that holds it
                start = text.index(WHOLE_TOKEN)
                end = start + len(WHOLE_TOKEN)
            expected.append((start, end, tag))
        in_sc = [(span.start_char, span.end_char, span.label_) for span in doc.spans["sc"]]
        assert sorted(in_sc) == sorted(expected)
        ents = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        overlapped = [
            (s, e, t)
            for (s, e, t), span in zip(expected, spans, strict=True)
            if span[3] in OVERLAPPED
        ]
        assert sorted(ents) == sorted(set(expected) - set(overlapped))
    start, end = misaligned_offsets(corpus)
    whole = sidecar_spans(corpus)["kabul.md"][0].index(WHOLE_TOKEN)
    (issue,) = [line for line in json.loads(result.stdout)["issues"] if MISALIGNED in line]
    assert issue.startswith(f'kabul.md {start}-{end} "{MISALIGNED}": ')
    assert issue.endswith(f"expanded to {whole}-{whole + len(WHOLE_TOKEN)}")


def test_spacy_strict_names_the_misaligned_span_and_exports_the_rest(corpus, run_cli, tmp_path):
    out = tmp_path / "corpus.spacy"
    result = run_cli("export", corpus, "-f", "spacy", "-o", out)
    assert result.returncode == 1
    start, end = misaligned_offsets(corpus)
    output = result.stdout + result.stderr
    assert any(
        f"kabul.md {start}-{end}" in line and MISALIGNED in line and "left out" in line
        for line in output.splitlines()
    ), output
    doc = spacy_docs(out)["kabul.md"]
    in_sc = {span.text for span in doc.spans["sc"]}
    assert in_sc == {text for text, _ in KABUL_SPANS} - {MISALIGNED}


# Hugging Face datasets -----------------------------------------------------------------------


@pytest.fixture
def offline_hf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing fetched, nothing cached outside tmp_path."""
    cache = tmp_path / "hf-home"
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(cache))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(cache / "datasets"))
    return cache / "datasets"


def hf_entities(data_files: dict[str, str], labels_path: Path, cache: Path) -> list[tuple]:
    """Load with datasets, cast ner_tags to the label list written beside, decode to entities."""
    from datasets import ClassLabel, Sequence, load_dataset
    from seqeval.metrics.sequence_labeling import get_entities

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    found = []
    loaded = load_dataset("json", data_files=data_files, cache_dir=str(cache))
    for part in loaded.values():
        part = part.cast_column("ner_tags", Sequence(ClassLabel(names=labels)))
        names = part.features["ner_tags"].feature
        for row in part:
            tags = [names.int2str(tag) for tag in row["ner_tags"]]
            document = row["id"].rsplit("-", 1)[0]
            for label, first, last in get_entities(tags):
                found.append((document, label, "".join(row["tokens"][first : last + 1])))
    return sorted(found)


def test_hf_loads_with_datasets_and_decodes_to_the_spans(corpus, run_cli, tmp_path, offline_hf):
    out = tmp_path / "corpus.jsonl"
    result = run_cli("export", corpus, "-f", "hf", "-o", out, "--json")
    assert result.returncode == 1  # the span inside a token, left out under --align strict
    report = json.loads(result.stdout)
    assert report["left_out"] == {
        "off token boundaries (--align strict)": 1,
        "overlap (--overlap longest)": len(OVERLAPPED),
    }
    labels_path = tmp_path / "corpus.labels.json"
    assert json.loads(labels_path.read_text(encoding="utf-8")) == [
        "O", "B-claim", "I-claim", "B-quote", "I-quote", "B-casualty_figure", "I-casualty_figure",
    ]  # fmt: skip
    found = hf_entities({"train": str(out)}, labels_path, offline_hf)
    assert found == expected_entities(corpus)

    parts = tmp_path / "parts"
    result = run_cli("export", corpus, "-f", "hf", "-o", parts, "--split", "50/50", "--seed", "3")
    assert result.returncode == 1
    assert sorted(path.name for path in parts.iterdir()) == [
        "labels.json",
        "test.jsonl",
        "train.jsonl",
    ]
    data_files = {path.stem: str(path) for path in parts.glob("*.jsonl") if path.stat().st_size}
    assert hf_entities(data_files, parts / "labels.json", offline_hf) == found
    assert any(offline_hf.rglob("*.arrow"))  # the cache went to tmp_path


# seqeval on CoNLL ----------------------------------------------------------------------------


def conll_documents(path: Path) -> list[list[list[list[str]]]]:
    """Documents -> sentences -> token lines split into columns, checking the layout."""
    documents = []
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    assert path.read_text(encoding="utf-8").endswith("\n\n")
    for block in filter(None, (block.strip("\n") for block in blocks)):
        rows = [line.split(" ") for line in block.split("\n")]
        if rows == [["-DOCSTART-", "-X-", "-X-", "O"]]:
            documents.append([])
            continue
        assert all(len(row) == 4 and row[1:3] == ["-X-", "-X-"] for row in rows), rows
        documents[-1].append(rows)
    return documents


def test_conll_is_valid_iob2_and_decodes_to_the_spans(corpus, run_cli, tmp_path):
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2, Entities
    from spacy.training.converters import conll_ner_to_docs

    out = tmp_path / "corpus.conll"
    result = run_cli("export", corpus, "-f", "conll", "-o", out)
    assert result.returncode == 1
    documents = conll_documents(out)
    names = sorted(sidecar_spans(corpus))
    assert len(documents) == len(names)  # documents come in name order
    found = []
    for name, sentences in zip(names, documents, strict=True):
        tags = [[row[3] for row in sentence] for sentence in sentences]
        strict = [
            (e.sent_id, e.start, e.end - 1, e.tag)
            for sentence in Entities(tags, IOB2).entities
            for e in sentence
        ]
        # lenient decoding takes a stray I- as a start: the same entities only for valid IOB2
        lenient = [
            (index, first, last, label)
            for index, sentence in enumerate(tags)
            for label, first, last in get_entities(sentence)
        ]
        assert strict == lenient
        for index, first, last, label in strict:
            tokens = [row[0] for row in sentences[index][first : last + 1]]
            found.append((name, label, "".join(tokens)))
    assert sorted(found) == expected_entities(corpus)

    # spaCy's CoNLL reader takes the first column as the word and the last as the tag (it
    # splits documents only at its own "-DOCSTART- -X- O O", so it reads one document here)
    (doc,) = conll_ner_to_docs(out.read_text(encoding="utf-8"), n_sents=0, no_print=True)
    from_spacy = sorted((ent.label_, squeezed(ent.text)) for ent in doc.ents)
    assert from_spacy == sorted((label, text) for _, label, text in expected_entities(corpus))
