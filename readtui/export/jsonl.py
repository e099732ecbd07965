"""jsonl: one line per document, `{"text", "spans", "meta"}`, every field a trainer may want.

Spans keep everything the sidecar has (label, text, note, attrs, annotator, origin, status, id,
times), so `readtui import -f jsonl` gives back the same annotations. Overlapping spans are kept.
"""

from collections.abc import Iterator
from pathlib import Path

from readtui.annotations import Annotation
from readtui.export.importing import ImportedDocument, ImportFault, json_lines, new_annotation
from readtui.export.model import (
    ExportDocument,
    ExportOptions,
    Format,
    Piece,
    json_line_piece,
    write_lines,
)


def span_json(document: ExportDocument, span: Annotation) -> dict:
    return {
        "start": span.start,
        "end": span.end,
        "label": span.tag,
        "text": document.text[span.start : span.end],
        "note": span.note,
        "attrs": span.attrs,
        "annotator": span.annotator,
        "origin": span.origin,
        "status": span.status,
        "id": span.id,
        "created": span.created,
        "modified": span.modified,
    }


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    line = {
        "text": document.text,
        "spans": [span_json(document, span) for span in document.spans],
        "meta": document.meta,
    }
    return json_line_piece(line, document)


def read(path: Path) -> Iterator[ImportedDocument]:
    for number, line in json_lines(path):
        where = f"{path}:{number}"
        text, spans, meta = line.get("text"), line.get("spans", []), line.get("meta") or {}
        if not isinstance(text, str) or not isinstance(spans, list) or not isinstance(meta, dict):
            raise ImportFault(f"{where}: expected text, spans (a list), meta (an object)")
        annotations = []
        for index, span in enumerate(spans, start=1):
            try:
                annotations.append(_annotation(text, span))
            except (KeyError, TypeError, ValueError) as exc:
                raise ImportFault(f"{where}: span {index}: {exc}") from None
        yield ImportedDocument(
            name=str(meta.get("id") or f"document-{number:05d}"),
            text=text,
            annotations=annotations,
            title=str(meta.get("title") or ""),
            states=meta.get("states") if isinstance(meta.get("states"), dict) else {},
        )


def _annotation(text: str, span: dict) -> Annotation:
    annotation = new_annotation(text, span.get("start"), span.get("end"), span.get("label"))
    kept = {key: span[key] for key in _KEPT if key in span}
    return Annotation.from_json({**annotation.to_json(), **kept}) if kept else annotation


_KEPT = ("note", "attrs", "annotator", "origin", "status", "id", "created", "modified")


FORMAT = Format(
    name="jsonl",
    suffix=".jsonl",
    convert=convert,
    write=write_lines,
    description="one JSON line per document: text, spans with every field, meta",
)
