"""The annotation store: TinyDB for queries, the SPEC sidecar file as what it stores.

`article.txt` keeps its annotations in `article.txt.annotations.json`. Every write is atomic
(temporary file in the same folder, flush, fsync, os.replace), so a crash leaves either the old
file or the new one. A sidecar that cannot be read raises SidecarError and is never overwritten.
Writers take turns under a file lock, and a write first merges in (readtui.merge) whatever
another writer saved since this store last read or wrote the file.
"""

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from json.encoder import encode_basestring  # the C encoder json.dumps uses for str
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from readtui.anchoring import reanchor, reanchor_rejected, rejected_row
from readtui.annotations import Annotation, new_id, now_iso
from readtui.document import Document

if TYPE_CHECKING:
    from readtui.merge import Merge
# readtui.corrections and readtui.merge are imported where a sidecar has corrections or another
# writer's changes to merge: most openings have neither, and the reader starts sooner without them

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so no temporary file is ever taken for stale
    fcntl = None

SCHEMA = "readtui.annotations/1"
SIDECAR_SUFFIX = ".annotations.json"
ANNOTATIONS, REJECTED = "annotations", "rejected"
STATES = "states"  # each annotator's state of the document (SPEC §3)
IN_PROGRESS, DONE = "in progress", "done"


class SidecarError(Exception):
    """A sidecar that cannot be used; the message names the file and the fault."""


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.name + SIDECAR_SUFFIX)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a part."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.

    The temporary file is locked from its creation until it is renamed into place: that is how
    `remove_stale_temporaries` tells the file of a killed save from a live writer's. A symbolic
    link is written through: its target is replaced, and the link stays a link.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    while True:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        if fcntl is None:
            break
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        if os.fstat(descriptor).st_nlink:  # else a cleanup took it before the lock: make another
            break
        os.close(descriptor)
    try:
        # mkstemp makes the file private; give it the mode the file had, or a new file's mode
        os.chmod(descriptor, _mode_for(path))
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if fcntl is not None:  # renamed still locked: never unlocked under a temporary name
                os.replace(temporary, path)
        if fcntl is None:  # Windows cannot rename an open file
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: str | Path) -> None:
    """Make renames in `folder` durable; not possible on every file system."""
    try:
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


# folder -> (its mtime when listed, its names that look like temporary files): the library opens
# a store for each of thousands of articles in one folder, and listing it each time costs seconds
_temporary_names: dict[Path, tuple[int, list[str]]] = {}


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files that killed saves of `path` left beside it.

    Only files named as `atomic_write_bytes` names them for `path` are taken, and only those
    nobody holds locked: a writer keeps its temporary file locked until the rename, and the
    kernel drops the lock when the writer dies. Without advisory locks nothing is removed.
    """
    if fcntl is None:
        return
    folder = path.parent
    try:
        listed_at = os.stat(folder).st_mtime_ns  # before listing: a later change lists again
        cached = _temporary_names.get(folder)
        if cached is None or cached[0] != listed_at:
            names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(".tmp")]
            cached = _temporary_names[folder] = (listed_at, names)
    except OSError:
        return
    # mkstemp's names: the prefix and suffix given, and 8 of these characters between
    prefix = f".{path.name}."
    for name in cached[1]:
        if name.startswith(prefix) and re.fullmatch(r"[a-z0-9_]{8}\.tmp", name[len(prefix) :]):
            _remove_if_unlocked(folder / name)


def _remove_if_unlocked(temporary: Path) -> None:
    try:  # not through a symbolic link, and not waiting on a FIFO
        descriptor = os.open(temporary, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            return
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError while a writer holds it
        # the name still names the file locked, not one made under it since
        if os.path.samestat(opened, os.lstat(temporary)):
            os.unlink(temporary)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def document_header(document: Document) -> dict:
    header = {
        "source": document.path.name if document.path else "",
        "source_sha256": document.source_sha256,
        "cleaner": document.cleaner,
        "title": document.title,
        "text_sha256": document.text_sha256,
        "text": document.text,
    }
    if document.overrides:
        header["overrides"] = document.overrides
    return header


def render_sidecar(
    header: dict, annotations: list[dict], rejected: list[dict], extra: dict, header_json: str = ""
) -> str:
    """The sidecar text: fixed key order, annotations sorted by (start, end, id).

    The same as `json.dumps(data, ensure_ascii=False, indent=2)`, built faster: a long article's
    sidecar is written after every change. `header_json` is the encoded header, when known.
    """
    parts = ['{\n  "schema": ', encode_basestring(SCHEMA), ',\n  "document": ']
    parts.append(header_json or _indented(header, 1))
    parts.append(',\n  "annotations": ')
    ordered = sorted(annotations, key=lambda a: (a["start"], a["end"], a["id"]))
    if ordered:
        parts.append("[\n    " + ",\n    ".join(map(_annotation_json, ordered)) + "\n  ]")
    else:
        parts.append("[]")
    tail = {}
    if rejected:
        tail["rejected"] = sorted(
            rejected, key=lambda r: (r["start"], r["end"], r["rule"], r.get("quote", ""))
        )
    tail.update(extra)
    for key, value in tail.items():
        parts.append(f",\n  {encode_basestring(key)}: {_indented(value, 1)}")
    parts.append("\n}\n")
    return "".join(parts)


def _indented(value: object, level: int) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` as it reads at nesting `level`."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


_ANNOTATION_KEYS = tuple(Annotation.create("x", 0, 1, "t").to_json())
_QUOTE_KEYS = ("exact", "prefix", "suffix")


def _annotation_json(row: dict) -> str:
    """One annotation at its place in the list; rows of the usual shape take the fast path."""
    quote = row.get("quote")
    if (
        tuple(row) != _ANNOTATION_KEYS
        or not isinstance(quote, dict)
        or tuple(quote) != _QUOTE_KEYS
        or not all(isinstance(quote[key], str) for key in _QUOTE_KEYS)
        or not all(type(row[key]) is int for key in ("start", "end"))
        or not all(type(row[key]) is str for key in _STRING_KEYS)
    ):
        return _indented(row, 2)
    e = encode_basestring
    attrs = _indented(row["attrs"], 3) if row["attrs"] else "{}"
    return (
        f'{{\n      "id": {e(row["id"])},\n      "start": {row["start"]},'
        f'\n      "end": {row["end"]},\n      "tag": {e(row["tag"])},'
        f'\n      "quote": {{\n        "exact": {e(quote["exact"])},'
        f'\n        "prefix": {e(quote["prefix"])},\n        "suffix": {e(quote["suffix"])}'
        f'\n      }},\n      "note": {e(row["note"])},\n      "attrs": {attrs},'
        f'\n      "annotator": {e(row["annotator"])},\n      "origin": {e(row["origin"])},'
        f'\n      "status": {e(row["status"])},\n      "created": {e(row["created"])},'
        f'\n      "modified": {e(row["modified"])}\n    }}'
    )


_STRING_KEYS = ("id", "tag", "note", "annotator", "origin", "status", "created", "modified")


def source_path(sidecar: Path) -> Path:
    """The source file a sidecar belongs to: the inverse of `sidecar_path`."""
    name = sidecar.name
    if not name.endswith(SIDECAR_SUFFIX) or name == SIDECAR_SUFFIX:
        raise ValueError(f"{sidecar}: not a sidecar (its name does not end in {SIDECAR_SUFFIX})")
    return sidecar.with_name(name[: -len(SIDECAR_SUFFIX)])


_HEADER_STRINGS = ("source", "source_sha256", "cleaner", "title", "text_sha256", "text")
_REJECTED_FIELDS = (("rule", str), ("start", int), ("end", int), ("quote", str))


def _structure_fault(data: object) -> str | None:
    """The first fault in a sidecar's frame (everything but the annotations themselves)."""
    if not isinstance(data, dict):
        return "not a readtui sidecar (top level is not an object)"
    if data.get("schema") != SCHEMA:
        return f"unknown schema {data.get('schema')!r} (expected {SCHEMA!r})"
    header = data.get("document")
    if not isinstance(header, dict) or not isinstance(header.get("text"), str):
        return "'document' with its 'text' is missing"
    for key in _HEADER_STRINGS:
        if not isinstance(header.get(key, ""), str):
            return f"'document.{key}' is not a string"
    if not isinstance(header.get("overrides", []), list):
        return "'document.overrides' is not a list"
    if header.get("overrides"):
        from readtui.corrections import CorrectionError, check_override
    for index, item in enumerate(header.get("overrides", [])):
        try:
            check_override(item)
        except CorrectionError as exc:
            return f"'document.overrides' item {index + 1}: {exc}"
    if not isinstance(data.get("annotations"), list):
        return "'annotations' is not a list"
    if not isinstance(data.get("rejected", []), list):
        return "'rejected' is not a list"
    return None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked_annotation(index: int, item: object, length: int) -> tuple[Annotation | None, str]:
    """The annotation parsed, or the fault that keeps it from being used."""
    try:
        annotation = Annotation.from_json(item)
    except ValueError as exc:
        return None, f"annotation {index + 1} {exc}"
    if not 0 <= annotation.start <= annotation.end <= length:
        return None, (
            f"annotation {index + 1} ({annotation.id}) has offsets "
            f"{annotation.start}-{annotation.end} outside the text (length {length})"
        )
    return annotation, ""


def _rejected_fault(index: int, item: object, length: int) -> str | None:
    if not isinstance(item, dict):
        return f"rejected suggestion {index + 1} is not an object"
    for key, kind in _REJECTED_FIELDS:
        value = item.get(key)
        if not (_is_int(value) if kind is int else isinstance(value, kind)):
            return f"rejected suggestion {index + 1}: '{key}' is missing or not a {kind.__name__}"
    if not 0 <= item["start"] <= item["end"] <= length:
        return f"rejected suggestion {index + 1} has offsets outside the text (length {length})"
    return None


def sidecar_faults(raw: str) -> tuple[dict | None, list[str]]:
    """Every structural fault of a sidecar's text (without the path), and its data when usable.

    The data is None when the frame itself is broken (bad JSON, unknown schema, no text); then
    the one fault says why. Otherwise each bad annotation or rejected entry has its own fault.
    """
    data, faults, _ = _check_sidecar(raw)
    return data, faults


def _check_sidecar(raw: str) -> tuple[dict | None, list[str], list[Annotation]]:
    """(data, faults, the annotations that parsed): sidecar_faults, keeping what it parsed."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"], []
    except ValueError as exc:  # a number of thousands of digits
        return None, [f"not usable JSON: {exc}"], []
    except RecursionError:
        return None, ["not usable JSON: nested too deeply"], []
    fault = _structure_fault(data)
    if fault:
        return None, [fault], []
    length = len(data["document"]["text"])
    faults, annotations = [], []
    for index, item in enumerate(data["annotations"]):
        annotation, fault = _checked_annotation(index, item, length)
        if annotation is None:
            faults.append(fault)
        else:
            annotations.append(annotation)
    faults += [
        fault
        for index, item in enumerate(data.get("rejected", []))
        if (fault := _rejected_fault(index, item, length))
    ]
    return data, faults, annotations


def parse_sidecar(path: Path, raw: str) -> dict:
    """Check a sidecar's text; returns its data or raises SidecarError naming the first fault."""
    return parse_sidecar_annotations(path, raw)[0]


def parse_sidecar_annotations(path: str | Path, raw: str) -> tuple[dict, list[Annotation]]:
    """parse_sidecar, with the annotations parsed (in the file's order)."""
    data, faults, annotations = _check_sidecar(raw)
    if faults:
        raise SidecarError(f"{path}: {faults[0]}")
    return data, annotations


def read_sidecar_text(path: str | Path) -> str:
    """A sidecar's text; SidecarError when it cannot be read or is not UTF-8."""
    try:
        with open(path, "rb") as file:
            return file.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise SidecarError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_sidecar(path: Path) -> dict:
    return parse_sidecar(path, read_sidecar_text(path))


def read_states(source: Path) -> dict:
    """The annotators' states of an article, read from its sidecar without checking the rest or
    cleaning the article (the reader's `>` looks at many): {} when there is none to read."""
    try:
        data = json.loads(sidecar_path(source).read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    states = data.get(STATES) if isinstance(data, dict) else None
    return states if isinstance(states, dict) else {}


def state_in(states: dict, annotator: str) -> str | None:
    """`annotator`'s state (IN_PROGRESS or DONE) in a sidecar's `states`, or None."""
    entry = states.get(annotator)
    state = entry.get("state") if isinstance(entry, dict) else None
    return state if isinstance(state, str) else None


def read_sidecar_annotations(path: str | Path) -> tuple[dict, list[Annotation]]:
    """A sidecar's data and its annotations, each parsed once."""
    return parse_sidecar_annotations(path, read_sidecar_text(path))


LOCK_TIMEOUT = 10.0  # seconds a save waits while another writer saves the same sidecar


class UnmergeableSidecar(OSError):
    """The sidecar changed on disk since it was read here, and cannot be merged: it is left as it
    is, and the changes stay in memory."""


def lock_path(sidecar: Path) -> Path:
    """The lock file that the writers of `sidecar` take in turn: hidden, beside it."""
    return sidecar.with_name(f".{sidecar.name}.lock")


class SidecarStorage(Storage):
    """TinyDB storage that holds the data in memory and writes it as a SPEC sidecar.

    A failed write keeps the data in memory (`error` says why) so nothing is lost: the store
    retries on the next save, or saves elsewhere. A write never overwrites what it has not seen:
    under a lock, it compares the file with the bytes it last read or wrote there (`seen`), and
    when another writer changed it, `take_in` merges that into memory first.
    """

    def __init__(
        self,
        path: Path,
        header: dict,
        tables: dict,
        extra: dict,
        seen: bytes | None,
        take_in: Callable[[bytes], object],
    ):
        self.path = path
        self.header = header
        self.extra = extra
        self.tables = tables
        self.seen = seen  # the file as last read or written here: a merge's base
        self.take_in = take_in
        self.written_elsewhere = b""  # what `flush(path)` wrote to another file
        self.error: OSError | None = None
        self.dirty = False
        self.deferred = False  # inside AnnotationStore.batch(): one write at the end
        self._header_json = ""

    def read(self) -> dict:
        return self.tables

    def header_changed(self) -> None:
        self._header_json = ""

    def write(self, data: dict) -> None:
        self.tables = data
        self.dirty = True
        if not self.deferred:
            self.flush()

    def render(self) -> str:
        if not self._header_json:  # the whole cleaned text: encode it once, not on every save
            self._header_json = _indented(self.header, 1)
        return render_sidecar(
            self.header,
            list(self.tables.get(ANNOTATIONS, {}).values()),
            list(self.tables.get(REJECTED, {}).values()),
            self.extra,
            self._header_json,
        )

    def flush(self, path: Path | None = None) -> None:
        """Write the sidecar to its file, merged with what another writer saved there, or as it
        is to `path` (save elsewhere: the user chose to replace that file)."""
        try:
            if path is None or path == self.path:
                self._write_merged()
                self.dirty = False
            else:
                self.written_elsewhere = self.render().encode("utf-8")
                atomic_write_bytes(path, self.written_elsewhere)
        except OSError as exc:
            self.error = exc
            return
        self.error = None

    def _write_merged(self) -> None:
        from filelock import FileLock  # on the first save: opening an article needs no lock

        if not self.path.parent.is_dir():  # taking the lock would make the folder again
            raise FileNotFoundError(errno.ENOENT, "No such folder", str(self.path.parent))
        # writable by all: another account that writes in the folder takes the lock too (the file
        # is empty, and a read-only descriptor could hold the lock as well)
        with FileLock(lock_path(self.path), timeout=LOCK_TIMEOUT, mode=0o666):
            current = self.current()
            if current is not None and current != self.seen:
                self.take_in(current)
            data = self.render().encode("utf-8")
            if data != current:
                atomic_write_bytes(self.path, data)
            self.seen = data

    def current(self) -> bytes | None:
        """The file as it is now; None when there is none (deleted since: it is written again,
        and nothing held here is lost)."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def close(self) -> None:
        pass


def _table(rows: list[dict]) -> dict:
    return {str(index): row for index, row in enumerate(rows, start=1)}


class _SidecarTable(Table):
    """A TinyDB table whose insert adds one row: TinyDB's copies the whole table for each, so
    adding 20,000 annotations in one batch took minutes."""

    def insert(self, document: dict) -> int:
        doc_id = self._get_next_id()
        tables = self._storage.read()
        tables.setdefault(self.name, {})[str(doc_id)] = dict(document)
        self._storage.write(tables)
        self.clear_cache()
        return doc_id

    def rows_replaced(self) -> None:
        """The rows were replaced under the table (a merge): ids are counted again."""
        self._next_id = None
        self.clear_cache()


class _SidecarDB(TinyDB):
    table_class = _SidecarTable


class AnnotationStore:
    """The annotations of one document, saved to its sidecar after every change."""

    def __init__(self, document: Document, path: Path | None = None):
        if path is None:
            if document.path is None:
                raise ValueError("a document without a file needs a sidecar path")
            path = sidecar_path(document.path)
        self.path = path
        remove_stale_temporaries(path)
        self.reanchored = 0  # annotations that moved or were orphaned because the text changed
        self.renamed: list[str] = []  # ids found twice on loading: the second copy got a new id
        raw = read_sidecar_text(path) if path.exists() else None
        data, parsed = parse_sidecar_annotations(path, raw) if raw is not None else (None, [])
        if data is not None and data["document"].get("overrides"):
            from readtui.corrections import apply_corrections  # the user's corrections

            document = apply_corrections(document, data["document"]["overrides"])
        self.document = document
        annotations: list[dict] = []
        rejected: list[dict] = []
        extra: dict = {}
        if data is not None:
            rejected = [rejected_row(**row) for row in data.get("rejected", [])]
            extra = {k: v for k, v in data.items() if k not in {"schema", "document", *_TABLES}}
            old_text = data["document"]["text"]
            if old_text != document.text:
                parsed = self._reanchor(old_text, parsed)
                rejected = reanchor_rejected(old_text, document.text, rejected)
            parsed, self.renamed = _with_unique_ids(parsed)
            annotations = [
                _in_spec_order(row, annotation)
                for row, annotation in zip(data["annotations"], parsed, strict=True)
            ]
        # what annotations() returns until the first change: parsing 10,000 again costs time
        self._as_loaded: list[Annotation] | None = sorted(parsed, key=lambda a: a.sort_key)
        self._storage: SidecarStorage | None = None
        self._write_later = False
        # what saves took in from other writers of the sidecar: the app tells the user, then
        # empties the list (each without its data)
        self.merges: list[Merge] = []
        header, tables = document_header(document), {ANNOTATIONS: _table(annotations)}
        tables[REJECTED] = _table(rejected)
        self.db = _SidecarDB(
            path,
            storage=SidecarStorage,
            header=header,
            tables=tables,
            extra=extra,
            seen=None if raw is None else raw.encode("utf-8"),  # a later merge's base
            take_in=self._take_in,
        )
        self._storage = self.db.storage
        self.table = self.db.table(ANNOTATIONS)
        self.rejected_table = self.db.table(REJECTED)

    def _reanchor(self, old_text: str, before: list[Annotation]) -> list[Annotation]:
        after = reanchor(old_text, self.document.text, before)
        self.reanchored = sum(a != b for a, b in zip(before, after, strict=True))
        return after

    # Other writers
    def refresh(self) -> "Merge | None":
        """Take in what another writer saved to the sidecar since this store last read or wrote
        it, without writing (the app calls it when the file changes): the merge, or None when
        the file is as it was. Raises OSError when the file cannot be read or merged."""
        current = self._storage.current()
        if current is None or current == self._storage.seen:
            return None
        merge = self._take_in(current)
        self._storage.dirty = self._storage.dirty or self.render().encode("utf-8") != current
        return merge

    def _take_in(self, current: bytes) -> "Merge":
        """Merge the file as it is now into memory, with the version last seen as the base."""
        from readtui.corrections import apply_corrections
        from readtui.merge import merge_sidecars

        storage = self._storage
        try:
            theirs = parse_sidecar(self.path, _decoded(self.path, current))
            # what was read or written here is a sidecar already checked
            base = None if storage.seen is None else json.loads(storage.seen)
        except SidecarError as exc:
            raise UnmergeableSidecar(
                f"{exc} (changed since it was read here, left as it is)"
            ) from None
        retexted: list[Document] = []

        def retext(overrides: list[dict]) -> dict:
            """This article cleaned with the merged corrections: the text of the merge."""
            retexted.append(apply_corrections(self.document, overrides))
            return document_header(retexted[-1])

        ours = {
            "schema": SCHEMA,
            "document": storage.header,
            ANNOTATIONS: list(storage.tables.get(ANNOTATIONS, {}).values()),
            REJECTED: list(storage.tables.get(REJECTED, {}).values()),
            **storage.extra,
        }
        merge = merge_sidecars(base, ours, theirs, retext, sides=("this window", "the file"))
        data = merge.data
        if retexted:
            self.document = retexted[-1]
        storage.header = data["document"]
        storage.header_changed()
        storage.extra = {k: v for k, v in data.items() if k not in {"schema", "document", *_TABLES}}
        storage.tables = {
            ANNOTATIONS: _table(data[ANNOTATIONS]),
            REJECTED: _table(data.get(REJECTED, [])),
        }
        self.table.rows_replaced()
        self.rejected_table.rows_replaced()
        self._as_loaded = None
        storage.seen = current
        self.merges.append(replace(merge, data={}))
        return merge

    # Reading
    def annotations(self) -> list[Annotation]:
        """Every annotation, orphans included, sorted by (start, end, id)."""
        if self._as_loaded is not None:
            return list(self._as_loaded)
        items = [Annotation.from_json(row) for row in self.table.all()]
        return sorted(items, key=lambda a: a.sort_key)

    def get(self, annotation_id: str) -> Annotation | None:
        row = self.table.get(Query().id == annotation_id)
        return Annotation.from_json(row) if row else None

    def rejected(self) -> list[dict]:
        return list(self.rejected_table.all())

    def states(self) -> dict:
        """The sidecar's `states` as this store holds them to write: annotator -> entry. An
        entry may hold more than the state (an adjudication's record of decisions)."""
        states = self._storage.extra.get(STATES)
        return states if isinstance(states, dict) else {}

    def state_of(self, annotator: str) -> str | None:
        """`annotator`'s state of the document (IN_PROGRESS or DONE), or None."""
        states = self._storage.extra.get(STATES)
        return state_in(states, annotator) if isinstance(states, dict) else None

    # Changing: each change is written at once; `save_error` tells whether that worked.
    def add(self, annotation: Annotation) -> None:
        self._as_loaded = None
        self.table.insert(annotation.to_json())

    def update(self, annotation: Annotation) -> None:
        self._as_loaded = None
        self.table.update(_replace_row(annotation.to_json()), Query().id == annotation.id)

    def remove(self, annotation_id: str) -> None:
        self._as_loaded = None
        self.table.remove(Query().id == annotation_id)

    def set_state(self, annotator: str, state: str | None) -> None:
        """Set `annotator`'s state of the document (None: no state); written like any change,
        and merged with other writers' per annotator (readtui.merge)."""
        extra = self._storage.extra  # replaced by a merge: looked up at each change
        states = dict(extra[STATES]) if isinstance(extra.get(STATES), dict) else {}
        # other fields of the entry (an adjudication's record of decisions) are kept
        old = states.get(annotator)
        entry = (
            {k: v for k, v in old.items() if k not in ("state", "modified")}
            if isinstance(old, dict)
            else {}
        )
        if state is not None:
            entry["state"] = state
        if entry:
            states[annotator] = {**entry, "modified": now_iso()}  # the merge's "later wins"
        else:
            states.pop(annotator, None)
        if states:
            extra[STATES] = dict(sorted(states.items()))  # a fixed order diffs well
        else:
            extra.pop(STATES, None)
        self._storage.dirty = True
        if not self._storage.deferred:
            self._storage.flush()

    def reject(self, rule: str, start: int, end: int) -> None:
        quote = self.document.text[start:end]
        self.rejected_table.insert(rejected_row(rule, start, end, quote))

    def unreject(self, rule: str, start: int, end: int) -> None:
        """Forget a rejection (its undo): the suggestion may come back."""
        row = Query()
        self.rejected_table.remove((row.rule == rule) & (row.start == start) & (row.end == end))

    def reanchored_to(self, document: Document) -> tuple[list[Annotation], list[dict]]:
        """The annotations and rejected suggestions re-placed in another text of the document
        (after a correction of the cleaner), nothing written: see `replace_document`."""
        old_text = self.document.text
        return (
            reanchor(old_text, document.text, self.annotations()),
            reanchor_rejected(old_text, document.text, self.rejected()),
        )

    def replace_document(
        self, document: Document, annotations: list[Annotation], rejected: list[dict]
    ) -> None:
        """Another text of the document, with its annotations and rejected suggestions, in one
        write: a correction of the cleaner, or its undo."""
        self.document = document
        self._storage.header = document_header(document)
        self._storage.header_changed()
        self._as_loaded = None
        with self.batch():
            self.table.truncate()
            self.table.insert_multiple(a.to_json() for a in annotations)
            self.rejected_table.truncate()
            self.rejected_table.insert_multiple(dict(row) for row in rejected)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one write of the sidecar."""
        self._storage.deferred = True
        try:
            yield
        finally:
            self._storage.deferred = self.write_later
            if self._storage.dirty and not self.write_later:
                self._storage.flush()

    @property
    def write_later(self) -> bool:
        """Changes are kept until `write_pending` (the app writes right after the frame that
        shows a change, so a key's mark is on screen before a long sidecar is written)."""
        return self._write_later

    @write_later.setter
    def write_later(self, value: bool) -> None:
        self._write_later = value
        self._storage.deferred = value

    def write_pending(self) -> None:
        """Write the changes not written yet; a failure is kept in `save_error`."""
        if self._storage.dirty:
            self._storage.flush()

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
            self._storage.seen = self._storage.written_elsewhere
            self._storage.dirty = False

    def render(self) -> str:
        return self._storage.render()


_TABLES = (ANNOTATIONS, REJECTED)


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _with_unique_ids(annotations: list[Annotation]) -> tuple[list[Annotation], list[str]]:
    """The annotations with a new id for each that repeats an earlier one's (a hand-edited or
    badly merged file): keys that act on one annotation would act on both. The ids renamed."""
    seen: set[str] = set()
    unique, renamed = [], []
    for annotation in annotations:
        if annotation.id in seen:
            renamed.append(annotation.id)
            annotation = replace(annotation, id=new_id())
        seen.add(annotation.id)
        unique.append(annotation)
    return unique, renamed


def _in_spec_order(row: dict, annotation: Annotation) -> dict:
    """A stored annotation with its keys in the SPEC's order (unknown keys kept, after them)."""
    ordered = annotation.to_json()
    return ordered | {key: value for key, value in row.items() if key not in ordered}


def _replace_row(row: dict):
    def transform(document: dict) -> None:
        document.clear()
        document.update(row)

    return transform
