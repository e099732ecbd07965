"""Label Studio: one JSON list of tasks, each with one `annotations` entry per annotator.

Offsets are **UTF-16 code units**, as Label Studio (a JavaScript app) counts: every character
outside the Basic Multilingual Plane, most emoji, counts 2 (Label Studio #1347, #4988). A task:

    {"data": {"text", "name", "title"},
     "annotations": [{"result": [RESULT, ...], "readtui": {"annotator": "alice"}}]}

    RESULT = {"id": annotation id, "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start", "end", "text", "labels": [tag]},
              "meta": {"text": [note], "readtui": {"attrs": {...}}}}

`meta.text` is where Label Studio keeps a region's own note; readtui's attributes ride beside it
in `meta.readtui.attrs`, and the annotator in the annotation's `readtui.annotator` (Label Studio
ignores keys it does not know, and credits an imported annotation to the user who imports it).
`labelconfig.xml` beside the file is the labeling interface that matches these names.
Import also reads Label Studio's own exports: `predictions` when a task has no annotations
(marked `suggested:<model version>`), tasks without annotations, and several labels a region.
"""

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import accumulate
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

from readtui.annotations import Annotation
from readtui.export.importing import ImportedDocument, ImportFault, new_annotation
from readtui.export.model import ExportDocument, ExportOptions, Format, Piece, write_json_list

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ULID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")


def utf16_offsets(text: str) -> list[int] | None:
    """The UTF-16 offset of each code-point offset 0..len(text); None when they are the same."""
    if not _ASTRAL.search(text):
        return None
    return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]


def _result(document: ExportDocument, span: Annotation, units: list[int] | None) -> dict:
    start, end = (units[span.start], units[span.end]) if units else (span.start, span.end)
    result = {
        "id": span.id,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {
            "start": start,
            "end": end,
            "text": document.text[span.start : span.end],
            "labels": [span.tag],
        },
    }
    meta = {}
    if span.note:
        meta["text"] = [span.note]
    if span.attrs:
        meta["readtui"] = {"attrs": span.attrs}
    if meta:
        result["meta"] = meta
    return result


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    units = utf16_offsets(document.text)
    by_annotator: dict[str, list[dict]] = {}
    for span in sorted(document.spans, key=lambda s: s.annotator):  # stable: spans keep order
        by_annotator.setdefault(span.annotator, []).append(_result(document, span, units))
    task = {
        "data": {"text": document.text, "name": document.name, "title": document.title},
        "annotations": [
            {"result": results, "readtui": {"annotator": annotator}}
            for annotator, results in by_annotator.items()
        ],
    }
    return Piece(
        json.dumps(task, ensure_ascii=False),
        written=Counter(span.tag for span in document.spans),
    )


def write(pieces: Iterable[Piece], options: ExportOptions, file: BinaryIO) -> None:
    write_json_list((piece.content for piece in pieces), file)


def shared(options: ExportOptions) -> dict[str, bytes]:
    """The labeling interface for these tasks, to paste into the Label Studio project."""
    labels = "".join(f"\n    <Label value={quoteattr(tag)}/>" for tag in options.labels)
    config = (
        '<View>\n  <Labels name="label" toName="text">'
        f"{labels}\n  </Labels>\n"
        '  <Text name="text" value="$text"/>\n</View>\n'
    )
    return {"labelconfig.xml": config.encode("utf-8")}


# Import --------------------------------------------------------------------------------------


def read(path: Path) -> Iterator[ImportedDocument]:
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise ImportFault(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except UnicodeDecodeError:
        raise ImportFault(f"{path}: not UTF-8 text") from None
    if isinstance(tasks, dict):  # one task on its own
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise ImportFault(f"{path}: expected a JSON list of Label Studio tasks")
    for number, task in enumerate(tasks, start=1):
        if not isinstance(task, dict):
            raise ImportFault(f"{path}: task {number}: expected an object")
        yield _document(task, f"{path}: task {number}", number)


def _document(task: dict, where: str, number: int) -> ImportedDocument:
    data = task.get("data", task)  # Label Studio reads a task without "data" as its data
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str):
        raise ImportFault(f"{where}: no data.text")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        name = f"task-{task['id']}" if isinstance(task.get("id"), int) else f"document-{number:05d}"
    where = f"{where} ({name})"
    title = data.get("title")
    groups = [g for g in task.get("annotations") or [] if isinstance(g, dict)]
    origin = "manual"
    if not any(g.get("result") for g in groups):
        groups = [g for g in task.get("predictions") or [] if isinstance(g, dict)]
        origin = ""
    positions = utf16_offsets(text)
    code_points = {unit: index for index, unit in enumerate(positions)} if positions else None
    annotations: list[Annotation] = []
    ids: set[str] = set()
    for group in groups:
        annotator, group_origin = _annotator(group), origin
        if not origin:
            group_origin = f"suggested:{group.get('model_version') or 'prediction'}"
        results = group.get("result")
        for index, result in enumerate(results if isinstance(results, list) else [], start=1):
            if isinstance(result, dict) and result.get("type") == "labels":
                fields = {"annotator": annotator, "origin": group_origin}
                try:
                    annotations += _annotations(text, code_points, result, fields, ids)
                except (TypeError, ValueError) as exc:
                    raise ImportFault(f"{where}: result {index}: {exc}") from None
    return ImportedDocument(
        name=name,
        text=text,
        annotations=annotations,
        title=title if isinstance(title, str) else "",
    )


def _annotator(group: dict) -> str:
    ours = group.get("readtui")
    if isinstance(ours, dict) and isinstance(ours.get("annotator"), str):
        return ours["annotator"]
    completed_by = group.get("completed_by")
    if isinstance(completed_by, dict) and isinstance(completed_by.get("email"), str):
        return completed_by["email"]
    return ""


def _annotations(
    text: str, code_points: dict[int, int] | None, result: dict, fields: dict, ids: set[str]
) -> list[Annotation]:
    """The annotations of one `labels` result: one per label, offsets in code points.

    The result's id is kept when it is a readtui id (a ULID) not yet taken in the task."""
    value = result.get("value")
    if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
        raise ValueError("value has no labels list")
    start, end = value.get("start"), value.get("end")
    if code_points is not None:
        if start not in code_points or end not in code_points:
            raise ValueError(
                f"UTF-16 offsets {start}-{end} are outside the text or inside a character"
            )
        start, end = code_points[start], code_points[end]
    meta = result.get("meta") if isinstance(result.get("meta"), dict) else {}
    notes = meta.get("text")
    ours = meta.get("readtui") if isinstance(meta.get("readtui"), dict) else {}
    fields = {
        **fields,
        "note": "\n".join(map(str, notes)) if isinstance(notes, list) else "",
        "attrs": ours.get("attrs") if isinstance(ours.get("attrs"), dict) else {},
    }
    region = result.get("id")
    made = []
    for label in value["labels"]:
        annotation = new_annotation(text, start, end, label, **fields)
        if isinstance(region, str) and _ULID.fullmatch(region) and region not in ids:
            annotation = replace(annotation, id=region)
        ids.add(annotation.id)
        made.append(annotation)
    quoted = value.get("text")
    if made and isinstance(quoted, str) and text[start:end] != quoted:
        raise ValueError(f"text {quoted[:40]!r} does not match the task's text at {start}-{end}")
    return made


FORMAT = Format(
    name="labelstudio",
    suffix=".json",
    convert=convert,
    write=write,
    shared=shared,
    description="Label Studio tasks (a JSON list), offsets in UTF-16 code units",
)
