"""Import annotations made elsewhere: each document becomes `NAME.txt` and its sidecar (SPEC §3).

The text is written as it came, and the sidecar holds it with the annotations as code-point
offsets. The sidecar's cleaner is `readtui.verbatim/1`: readtui reads such a source as it is,
never cleaning it, since the annotations were made on exactly that text. Nothing that exists is
overwritten: a document whose files are already there (with other contents) is reported and
left as it is.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path, PurePosixPath

from readtui.annotations import Annotation
from readtui.cleaning import VERBATIM_ID
from readtui.document import sha256_text
from readtui.export.formats import FORMATS, IMPORT_FORMATS
from readtui.export.model import ExportFault
from readtui.store import atomic_write_bytes, render_sidecar, sidecar_path
from readtui.textsafety import sanitise


class ImportFault(ExportFault):
    """Input that cannot be imported; the message names the file, the line and the fault."""


@dataclass
class ImportedDocument:
    name: str  # becomes NAME.txt (a name with / makes folders)
    text: str
    annotations: list[Annotation]
    title: str = ""
    states: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    documents: int = 0
    annotations: Counter = field(default_factory=Counter)  # per tag
    problems: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        return 1 if self.problems else 0

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "annotations": dict(self.annotations),
            "problems": self.problems,
            "files": [str(path) for path in self.files],
        }


def json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    """The objects of a JSONL file, with their line numbers; blank lines are skipped."""
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ImportFault(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(value, dict):
                raise ImportFault(f"{path}:{number}: expected a JSON object")
            yield number, value


def new_annotation(text: str, start: object, end: object, tag: object, **fields) -> Annotation:
    """An annotation of `text`; ValueError naming the fault when the span does not fit it."""
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise ValueError(f"offsets {start!r}-{end!r} are not whole numbers")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"offsets {start}-{end} are outside the text (length {len(text)})")
    if not isinstance(tag, str) or not tag.strip():
        raise ValueError(f"label {tag!r} is not a name")
    annotation = Annotation.create(text, start, end, tag)
    return annotation.edited(**fields) if fields else annotation


def safe_name(name: str) -> str:
    """A relative path made from a document's name: no controls, no '..', no absolute path."""
    parts = [sanitise(p).strip() for p in PurePosixPath(name.replace("\\", "/")).parts]
    parts = [p for p in parts if p not in ("", ".", "..", "/")]
    return "/".join(parts) or "document"


def write_imported(document: ImportedDocument, folder: Path, report: ImportReport) -> None:
    source = folder / (safe_name(document.name) + ".txt")
    sidecar = sidecar_path(source)
    data = document.text.encode("utf-8")
    header = {
        "source": source.name,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        # read verbatim: the annotations were made on this text, not on what cleaning makes of it
        "cleaner": VERBATIM_ID,
        "title": document.title,
        "text_sha256": sha256_text(document.text),
        "text": document.text,
    }
    rows = [a.to_json() for a in document.annotations]
    extra = {"states": document.states} if document.states else {}
    sidecar_text = render_sidecar(header, rows, [], extra)
    for path, content in ((source, data), (sidecar, sidecar_text.encode("utf-8"))):
        if path.exists() and path.read_bytes() != content:
            report.problems.append(f"{path}: exists with other contents (left as it is)")
            return
    source.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(source, data)
    atomic_write_bytes(sidecar, sidecar_text.encode("utf-8"))
    report.documents += 1
    report.annotations.update(a.tag for a in document.annotations)
    report.files += [source, sidecar]


def import_corpus(path: Path, format_name: str, folder: Path) -> ImportReport:
    """Read `path` in `format_name` and write each document into `folder`.

    Input that cannot be read raises ImportFault before anything is written.
    """
    if format_name not in IMPORT_FORMATS:
        raise ImportFault(
            f"cannot import '{format_name}' (import formats: {', '.join(IMPORT_FORMATS)})"
        )
    module = import_module(FORMATS[format_name])
    documents = list(module.read(Path(path)))
    names = Counter(safe_name(d.name) for d in documents)
    clashes = sorted(n for n, count in names.items() if count > 1)
    if clashes:
        raise ImportFault(f"{path}: several documents are named '{clashes[0]}'")
    folder.mkdir(parents=True, exist_ok=True)
    report = ImportReport()
    for document in documents:
        write_imported(document, folder, report)
    return report
