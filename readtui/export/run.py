"""Run an export: read the sidecars (on every core), convert each document, write atomically."""

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path

from readtui.export.corpus import SPLIT_NAMES, LoadedDocument, document_names, load_for_export
from readtui.export.formats import get_format
from readtui.export.model import ExportFault, ExportOptions, Format, Piece
from readtui.store import atomic_write_bytes, fsync_folder

# Below this many documents a pool costs more than it saves.
PARALLEL_FROM = 200
CHUNK = 64


@dataclass
class ExportReport:
    """What an export wrote and what it could not carry, for the summary and for scripts."""

    format: str
    documents: Counter = field(default_factory=Counter)  # per part ("" without --split)
    spans: Counter = field(default_factory=Counter)  # written, per label
    left_out: Counter = field(default_factory=Counter)  # spans left out, per reason
    problems: list[str] = field(default_factory=list)  # documents that could not be exported
    issues: list[str] = field(default_factory=list)  # spans moved, cut or left out, one a line
    faults: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # tag -> label written
    files: list[Path] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        return 1 if self.problems or self.faults else 0

    def to_json(self) -> dict:
        return {
            "format": self.format,
            "documents": dict(self.documents),
            "spans": dict(self.spans),
            "left_out": dict(self.left_out),
            "problems": self.problems,
            "issues": self.issues,
            "labels": self.labels,
            "files": [str(path) for path in self.files],
        }


class ExportError(ExportFault):
    """An export that cannot start (a missing extra, an output that cannot be written)."""


def _convert_one(job: tuple[Path, str, str, ExportOptions]) -> tuple[LoadedDocument, Piece | None]:
    sidecar, name, format_name, options = job
    loaded = load_for_export(sidecar, name, options)
    if loaded.document is None:
        return loaded, None
    piece = get_format(format_name).convert(loaded.document, options)
    # The run needs the counts, not the document: sending its text and spans back from a
    # worker costs more than converting it (unpickled one by one in the main process).
    return replace(loaded, document=None), piece


def export_corpus(
    sidecars: list[Path],
    format_name: str,
    out: Path,
    options: ExportOptions,
    tag_order: tuple[str, ...] = (),
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> ExportReport:
    """Export the documents of `sidecars` to `out`; the report says what was written and not.

    `tag_order` is the tag set of the corpus's config: labels are listed in its order, so label
    ids stay the same from one export to the next. With --split, `out` is a folder holding one
    file (or folder) per part.
    """
    fmt = get_format(format_name)
    check_extra(fmt)
    report = ExportReport(format=fmt.name)
    names = document_names(sidecars)
    jobs = [(sidecar, names[sidecar], fmt.name, options) for sidecar in sidecars]
    workers = workers or min(os.cpu_count() or 1, 8)
    parts: dict[str, list[Piece]] = {}
    seen_tags: set[str] = set()
    for done, (loaded, piece) in enumerate(_results(jobs, workers), start=1):
        seen_tags.update(loaded.tags)
        report.left_out.update(loaded.left_out)
        if loaded.problem:
            report.problems.append(loaded.problem)
        if piece is not None:
            parts.setdefault(loaded.split, []).append(piece)
            report.documents[loaded.split] += 1
            report.spans.update(piece.written)
            report.left_out.update(piece.left_out)
            report.issues.extend(piece.issues)
            report.faults += piece.faults
        if progress:
            progress(done, len(jobs))
    wanted = seen_tags.union(tag_order)
    if options.tags is not None:
        wanted &= options.tags
    labels = [tag for tag in tag_order if tag in wanted] + sorted(wanted - set(tag_order))
    options = replace(options, labels=tuple(labels))
    report.labels = options.label_map if fmt.field_labels else {tag: tag for tag in labels}
    files = _files(fmt, parts, options)
    report.files = write_export(out, files, folder=bool(options.split) or not fmt.suffix)
    return report


def check_extra(fmt: Format) -> None:
    if not fmt.extra:
        return
    try:
        __import__(fmt.extra)
    except ImportError:
        raise ExportError(
            f"the {fmt.name} format needs {fmt.extra}: pip install 'readtui[export]'"
        ) from None


def _results(jobs: list, workers: int):
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        yield from map(_convert_one, jobs)
        return
    # fork: the workers start at once with the engine already imported
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        yield from pool.map(_convert_one, jobs, chunksize=CHUNK)


def _files(fmt: Format, parts: dict[str, list[Piece]], options: ExportOptions) -> dict[str, bytes]:
    """Every output file, by its path relative to OUT ("" is OUT itself)."""
    files: dict[str, bytes] = {}
    shared = fmt.shared(options) if fmt.shared else {}
    if not options.split:
        for name, data in fmt.join(parts.get("", []), options).items():
            files[name] = data
        if fmt.suffix:  # beside OUT: OUT.labels.json for OUT.jsonl
            files.update({f"{{stem}}.{name}": data for name, data in shared.items()})
        else:
            files.update(shared)
        return files
    for part in SPLIT_NAMES[len(options.split)]:
        for name, data in fmt.join(parts.get(part, []), options).items():
            if fmt.suffix:
                files[f"{part}{fmt.suffix}" if name == "" else name] = data
            else:
                files[f"{part}/{name}"] = data
    files.update(shared)
    return files


def write_export(out: Path, files: dict[str, bytes], folder: bool) -> list[Path]:
    """Write the files so that an interrupted export leaves no half-written file.

    A file export is one atomic replace of OUT (and of each file beside it). A folder export is
    built in a temporary folder beside OUT, then put in OUT's place.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not folder and out.is_dir():
        raise ExportError(f"{out}: is a folder; this format writes a file (name a file)")
    if not folder:
        written = []
        for name, data in files.items():
            path = out if name == "" else out.with_name(name.replace("{stem}", out.stem))
            atomic_write_bytes(path, data)
            written.append(path)
        return written
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: is a file; a folder is written here (name a new folder)")
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        paths = []
        for name, data in files.items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            paths.append(path)
        # durable before the folder takes OUT's place; fsync waits on the disk, not the GIL,
        # so a few threads make thousands of small files (brat) durable much sooner
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(_fsync_file, paths))
        for folder in {path.parent for path in paths}:
            fsync_folder(folder)
        os.chmod(building, 0o777 & ~_umask())
        _replace_folder(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return sorted(out / name for name in files)


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _replace_folder(building: Path, out: Path) -> None:
    if not out.exists():
        os.rename(building, out)
    else:  # a folder cannot be replaced in one step: move the old one aside first
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        os.rename(out, old / "previous")
        os.rename(building, out)
        shutil.rmtree(old, ignore_errors=True)
    fsync_folder(out.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
