"""hf: Hugging Face token classification, one JSON line per sentence.

`{"id": "NAME-<n>", "tokens": [...], "ner_tags": [...]}`, n counting the document's sentences
from 1; each tag is an index into the label list `["O", "B-claim", "I-claim", ...]` (IOB2,
labels as `field_label` writes them, tags in the order of the export's labels), written once
beside the data as `labels.json` (`OUT_STEM.labels.json` without --split). Load it with
`datasets.load_dataset("json", data_files=...)` and cast `ner_tags` to
`Sequence(ClassLabel(names=labels))`. Tokens, sentences, alignment and overlaps are those of
`readtui.export.tokens`.
"""

import json
from collections.abc import Iterable
from typing import BinaryIO

from readtui.export.model import ExportDocument, ExportOptions, Format, Piece, field_label
from readtui.export.tokens import iob_document


def label_names(options: ExportOptions) -> list[str]:
    names = ["O"]
    for tag in options.labels:
        names += [f"B-{field_label(tag)}", f"I-{field_label(tag)}"]
    return list(dict.fromkeys(names))  # two tags may share a field label ('a b' and 'a_b')


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    # The label list is only known once every document is read: tags stay names until join.
    tagged = iob_document(document, options)
    tagged.piece.content = [
        {"id": f"{document.name}-{number}", "tokens": sentence.tokens, "ner_tags": sentence.tags}
        for number, sentence in enumerate(tagged.sentences, start=1)
    ]
    return tagged.piece


def write(pieces: Iterable[Piece], options: ExportOptions, file: BinaryIO) -> None:
    ids = {name: index for index, name in enumerate(label_names(options))}
    for piece in pieces:
        for row in piece.content:
            row = {**row, "ner_tags": [ids[tag] for tag in row["ner_tags"]]}
            file.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))


def shared(options: ExportOptions) -> dict[str, bytes]:
    return {"labels.json": (json.dumps(label_names(options), ensure_ascii=False) + "\n").encode()}


FORMAT = Format(
    name="hf",
    suffix=".jsonl",
    convert=convert,
    write=write,
    shared=shared,
    description="Hugging Face token classification: id, tokens, ner_tags per sentence",
    tokens=True,
    field_labels=True,
)
