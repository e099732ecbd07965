"""The annotation store: TinyDB for queries, the SPEC sidecar file as what it stores.

`article.txt` keeps its annotations in `article.txt.annotations.json`. Every write is atomic
(temporary file in the same folder, flush, fsync, os.replace), so a crash leaves either the old
file or the new one. A sidecar that cannot be read raises SidecarError and is never overwritten.
"""

import contextlib
import json
import os
import tempfile
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from readtui.anchoring import reanchor
from readtui.annotations import Annotation
from readtui.document import Document

SCHEMA = "readtui.annotations/1"
SIDECAR_SUFFIX = ".annotations.json"
ANNOTATIONS, REJECTED = "annotations", "rejected"


class SidecarError(Exception):
    """A sidecar that cannot be used; the message names the file and the fault."""


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.name + SIDECAR_SUFFIX)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a part."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    try:  # make the rename itself durable; not possible on every file system
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


def document_header(document: Document) -> dict:
    return {
        "source": document.path.name if document.path else "",
        "source_sha256": document.source_sha256,
        "cleaner": document.cleaner,
        "title": document.title,
        "text_sha256": document.text_sha256,
        "text": document.text,
    }


def render_sidecar(header: dict, annotations: list[dict], rejected: list[dict], extra: dict) -> str:
    """The sidecar text: fixed key order, annotations sorted by (start, end, id)."""
    data = {"schema": SCHEMA, "document": header}
    data["annotations"] = sorted(annotations, key=lambda a: (a["start"], a["end"], a["id"]))
    if rejected:
        data["rejected"] = sorted(
            rejected, key=lambda r: (r["start"], r["end"], r["rule"], r.get("quote", ""))
        )
    data.update(extra)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def parse_sidecar(path: Path, raw: str) -> dict:
    """Check a sidecar's text; returns its data or raises SidecarError naming the fault."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SidecarError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise SidecarError(f"{path}: not a readtui sidecar (top level is not an object)")
    if data.get("schema") != SCHEMA:
        raise SidecarError(f"{path}: unknown schema {data.get('schema')!r} (expected {SCHEMA!r})")
    header = data.get("document")
    if not isinstance(header, dict) or not isinstance(header.get("text"), str):
        raise SidecarError(f"{path}: 'document' with its 'text' is missing")
    if not isinstance(data.get("annotations"), list):
        raise SidecarError(f"{path}: 'annotations' is not a list")
    if not isinstance(data.get("rejected", []), list):
        raise SidecarError(f"{path}: 'rejected' is not a list")
    length = len(header["text"])
    for index, item in enumerate(data["annotations"]):
        try:
            annotation = Annotation.from_json(item)
        except ValueError as exc:
            raise SidecarError(f"{path}: annotation {index + 1} {exc}") from None
        if not 0 <= annotation.start <= annotation.end <= length:
            raise SidecarError(
                f"{path}: annotation {index + 1} ({annotation.id}) has offsets "
                f"{annotation.start}-{annotation.end} outside the text (length {length})"
            )
    return data


def read_sidecar(path: Path) -> dict:
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise SidecarError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_sidecar(path, raw)


class SidecarStorage(Storage):
    """TinyDB storage that holds the data in memory and writes it as a SPEC sidecar.

    A failed write keeps the data in memory (`error` says why) so nothing is lost: the store
    retries on the next save, or saves elsewhere.
    """

    def __init__(self, path: Path, header: dict, tables: dict, extra: dict):
        self.path = path
        self.header = header
        self.extra = extra
        self.tables = tables
        self.error: OSError | None = None
        self.dirty = False

    def read(self) -> dict:
        return self.tables

    def write(self, data: dict) -> None:
        self.tables = data
        self.dirty = True
        self.flush()

    def render(self) -> str:
        return render_sidecar(
            self.header,
            list(self.tables.get(ANNOTATIONS, {}).values()),
            list(self.tables.get(REJECTED, {}).values()),
            self.extra,
        )

    def flush(self, path: Path | None = None) -> None:
        try:
            atomic_write_text(path or self.path, self.render())
        except OSError as exc:
            self.error = exc
            return
        self.error = None
        if path is None or path == self.path:
            self.dirty = False

    def close(self) -> None:
        pass


def _table(rows: list[dict]) -> dict:
    return {str(index): row for index, row in enumerate(rows, start=1)}


class AnnotationStore:
    """The annotations of one document, saved to its sidecar after every change."""

    def __init__(self, document: Document, path: Path | None = None):
        if path is None:
            if document.path is None:
                raise ValueError("a document without a file needs a sidecar path")
            path = sidecar_path(document.path)
        self.document = document
        self.path = path
        self.reanchored = 0  # annotations that moved or were orphaned because the text changed
        data = read_sidecar(path) if path.exists() else None
        annotations: list[dict] = []
        rejected: list[dict] = []
        extra: dict = {}
        if data is not None:
            annotations = data["annotations"]
            rejected = data.get("rejected", [])
            extra = {k: v for k, v in data.items() if k not in {"schema", "document", *_TABLES}}
            old_text = data["document"]["text"]
            if old_text != document.text:
                annotations = self._reanchor(old_text, annotations)
        self._storage: SidecarStorage | None = None
        header, tables = document_header(document), {ANNOTATIONS: _table(annotations)}
        tables[REJECTED] = _table(rejected)
        self.db = TinyDB(path, storage=SidecarStorage, header=header, tables=tables, extra=extra)
        self._storage = self.db.storage
        self.table = self.db.table(ANNOTATIONS)
        self.rejected_table = self.db.table(REJECTED)

    def _reanchor(self, old_text: str, rows: list[dict]) -> list[dict]:
        before = [Annotation.from_json(row) for row in rows]
        after = reanchor(old_text, self.document.text, before)
        self.reanchored = sum(a != b for a, b in zip(before, after, strict=True))
        return [annotation.to_json() for annotation in after]

    # Reading
    def annotations(self) -> list[Annotation]:
        """Every annotation, orphans included, sorted by (start, end, id)."""
        items = [Annotation.from_json(row) for row in self.table.all()]
        return sorted(items, key=lambda a: a.sort_key)

    def get(self, annotation_id: str) -> Annotation | None:
        row = self.table.get(Query().id == annotation_id)
        return Annotation.from_json(row) if row else None

    def rejected(self) -> list[dict]:
        return list(self.rejected_table.all())

    # Changing: each change is written at once; `save_error` tells whether that worked.
    def add(self, annotation: Annotation) -> None:
        self.table.insert(annotation.to_json())

    def update(self, annotation: Annotation) -> None:
        self.table.update(_replace_row(annotation.to_json()), Query().id == annotation.id)

    def remove(self, annotation_id: str) -> None:
        self.table.remove(Query().id == annotation_id)

    def reject(self, rule: str, start: int, end: int) -> None:
        quote = self.document.text[start:end]
        self.rejected_table.insert({"rule": rule, "start": start, "end": end, "quote": quote})

    @property
    def save_error(self) -> OSError | None:
        return self._storage.error

    @property
    def unsaved(self) -> bool:
        return self._storage.dirty

    def save(self, path: Path | None = None) -> None:
        """Write the sidecar now (to `path` for "save elsewhere"); raises OSError on failure."""
        self._storage.flush(path)
        if self._storage.error is not None:
            raise self._storage.error
        if path is not None and path != self.path:
            self.path = self._storage.path = path

    def render(self) -> str:
        return self._storage.render()


_TABLES = (ANNOTATIONS, REJECTED)


def _replace_row(row: dict):
    def transform(document: dict) -> None:
        document.clear()
        document.update(row)

    return transform
