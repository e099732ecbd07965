"""doccano sequence labelling JSONL: `{"id", "text", "label": [[start, end, LABEL], ...]}`.

Offsets are code points, end exclusive; labels are the tag names (doccano's labels may hold
spaces). doccano keeps keys it does not know (`id`, `title`) as the example's metadata, and
exports `label` (older versions `labels`, doccano #187); import reads both, and the
`entities` list ({"start_offset", "end_offset", "label"}) of projects with relations.
Notes, attributes and annotators have no place here and are not written.
"""

from collections.abc import Iterator
from pathlib import Path

from readtui.export.importing import ImportedDocument, ImportFault, json_lines, new_annotation
from readtui.export.model import (
    ExportDocument,
    ExportOptions,
    Format,
    Piece,
    json_line_piece,
    write_lines,
)


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    line = {
        "id": document.name,
        "text": document.text,
        "label": [[span.start, span.end, span.tag] for span in document.spans],
    }
    if document.title:
        line["title"] = document.title
    return json_line_piece(line, document)


def read(path: Path) -> Iterator[ImportedDocument]:
    for number, line in json_lines(path):
        where = f"{path}:{number}"
        text = line.get("text")
        labels = next((line[k] for k in ("label", "labels", "entities") if k in line), [])
        if not isinstance(text, str) or not isinstance(labels, list):
            raise ImportFault(f"{where}: expected text and label (a list of [start, end, label])")
        annotations = []
        for index, label in enumerate(labels, start=1):
            if isinstance(label, dict):
                label = [label.get("start_offset"), label.get("end_offset"), label.get("label")]
            if not isinstance(label, list) or len(label) != 3:
                raise ImportFault(f"{where}: label {index} is not [start, end, label]")
            try:
                annotations.append(new_annotation(text, *label))
            except ValueError as exc:
                raise ImportFault(f"{where}: label {index}: {exc}") from None
        name, title = line.get("id"), line.get("title")
        if isinstance(name, bool) or not isinstance(name, str | int) or name == "":
            name = f"document-{number:05d}"
        yield ImportedDocument(
            name=str(name),
            text=text,
            annotations=annotations,
            title=title if isinstance(title, str) else "",
        )


FORMAT = Format(
    name="doccano",
    suffix=".jsonl",
    convert=convert,
    write=write_lines,
    description='doccano JSONL: {"id", "text", "label": [[start, end, label]]} per document',
)
