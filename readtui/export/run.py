"""Run an export: read the sidecars (on every core, or a Dask cluster), convert each document,
keep the pieces on disk until the end, write the files atomically."""

import contextlib
import math
import os
import pickle
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from readtui.batch import CHUNKS_PER_WORKER, Failure, cores, describe_exception, run_documents
from readtui.export.corpus import SPLIT_NAMES, DocumentNames, load_for_export
from readtui.export.formats import get_format
from readtui.export.model import ExportFault, ExportOptions, Format, Piece, write_lines
from readtui.store import atomic_write_bytes, fsync_folder

# Below this many documents a pool costs more than it saves (unless one is asked for).
PARALLEL_FROM = 200
# Documents converted by one task. Converting one is quick (a sidecar read, a line made), so
# handing documents to workers one by one, and their pieces back one by one, would keep the
# main process busier than the workers: a worker converts a batch and sends back its bytes in
# one piece, with the batch's counts. About 40 ms of work for jsonl; fewer when the corpus is
# small, so that every worker gets some. In this process, small batches: progress stays smooth.
BATCH_DOCUMENTS = 200
BATCH_IN_PROCESS = 16

# What a file of the export holds: its bytes, or a function that writes them into an open file.
Content = bytes | Callable[[BinaryIO], None]


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


# A document to convert: (its sidecar as given, its name in the export).
Job = tuple[str, str]


@dataclass
class _Batch:
    """Documents for one task: their jobs, the format, the options, and the folder relative
    paths are in (a Dask worker elsewhere has another working folder)."""

    jobs: list[Job]
    format_name: str
    options: ExportOptions
    folder: str


@dataclass
class _Converted:
    """A batch converted: its share of the report, the tags seen, and each part's bytes to
    append to that part's spool (the pieces' content: encoded lines for a format whose part is
    its pieces' lines, else pickled)."""

    report: ExportReport
    tags: set[str] = field(default_factory=set)
    parts: dict[str, bytes] = field(default_factory=dict)


def _convert_batch(batch: _Batch) -> _Converted:
    fmt = get_format(batch.format_name)
    lines = fmt.write is write_lines
    converted = _Converted(ExportReport(format=fmt.name))
    report = converted.report
    parts: dict[str, list[bytes]] = {}
    for shown, name in batch.jobs:
        sidecar = os.path.join(batch.folder, shown)
        try:
            # a path string: a Path per document would grow the interpreter's interned names
            loaded = load_for_export(sidecar, name, batch.options)
            piece = None
            if loaded.document is not None:
                piece = fmt.convert(loaded.document, batch.options)
        except Exception as exc:  # a document's fault is reported, never fatal to the run
            report.problems.append(f"{shown}: {describe_exception(exc, shown)} (left out)")
            continue
        converted.tags.update(loaded.tags)
        report.left_out.update(loaded.left_out)
        if loaded.problem:
            report.problems.append(loaded.problem.replace(sidecar, shown))
        if piece is None:
            continue
        report.documents[loaded.split] += 1
        report.spans.update(piece.written)
        report.left_out.update(piece.left_out)
        report.issues.extend(piece.issues)
        report.faults += piece.faults
        parts.setdefault(loaded.split, []).append(
            piece.content.encode("utf-8")
            if lines
            else pickle.dumps(piece.content, protocol=pickle.HIGHEST_PROTOCOL)
        )
    converted.parts = {part: b"".join(pieces) for part, pieces in parts.items()}
    return converted


def _merge(report: ExportReport, converted: _Converted) -> None:
    report.documents.update(converted.report.documents)
    report.spans.update(converted.report.spans)
    report.left_out.update(converted.report.left_out)
    report.problems.extend(converted.report.problems)
    report.issues.extend(converted.report.issues)
    report.faults += converted.report.faults


def _batches(
    sidecars: Sequence[str | Path],
    fmt: Format,
    options: ExportOptions,
    workers: int | None,
    dask: str | None,
) -> Iterator[_Batch]:
    """The batches, made as they are sent: only those in flight are held."""
    if workers == 1 and dask is None:
        size = BATCH_IN_PROCESS
    else:
        share = math.ceil(len(sidecars) / ((workers or cores()) * CHUNKS_PER_WORKER))
        size = max(1, min(BATCH_DOCUMENTS, share))
    names = DocumentNames(sidecars)
    folder = os.getcwd()
    for start in range(0, len(sidecars), size):
        part = slice(start, start + size)
        jobs = list(zip(map(str, sidecars[part]), names[part], strict=True))
        yield _Batch(jobs, fmt.name, options, folder)


def export_corpus(
    sidecars: Sequence[str | Path],
    format_name: str,
    out: Path,
    options: ExportOptions,
    tag_order: tuple[str, ...] = (),
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    dask: str | None = None,
    bar: bool | None = False,
) -> ExportReport:
    """Export the documents of `sidecars` to `out`; the report says what was written and not.

    `tag_order` is the tag set of the corpus's config: labels are listed in its order, so label
    ids stay the same from one export to the next. With --split, `out` is a folder holding one
    file (or folder) per part. `workers` (None: every core; 1: this process) and `dask` (a
    scheduler address, or "local") say where documents are converted (readtui.batch); `bar`
    is run_documents' progress (None: a Rich bar when stderr is a terminal).
    """
    fmt = get_format(format_name)
    check_extra(fmt)
    report = ExportReport(format=fmt.name)
    total = len(sidecars)
    if workers is None and dask is None and total < PARALLEL_FROM:
        workers = 1
    batches = _batches(sidecars, fmt, options, workers, dask)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    seen_tags: set[str] = set()
    results = run_documents(
        _convert_batch,
        batches,
        jobs=workers,
        dask=dask,
        label="documents",
        progress=bar,
        size=lambda batch: len(batch.jobs),
        total=total,
    )
    done = 0
    with _Spool(Path(out).parent) as spool:
        for batch, result in results:
            if isinstance(result, Failure):
                # its worker died each time it ran it: one of its documents is to blame
                result = _convert_alone(batch, workers, dask)
            _merge(report, result)
            seen_tags.update(result.tags)
            for part, data in result.parts.items():
                spool.add(part, data)
            done += len(batch.jobs)
            if progress:
                progress(done, total)
        wanted = seen_tags.union(tag_order)
        if options.tags is not None:
            wanted &= options.tags
        labels = [tag for tag in tag_order if tag in wanted] + sorted(wanted - set(tag_order))
        options = replace(options, labels=tuple(labels))
        report.labels = options.label_map if fmt.field_labels else {tag: tag for tag in labels}
        files = _files(fmt, spool, options)
        report.files = write_export(out, files, folder=bool(options.split) or not fmt.suffix)
    return report


def _convert_alone(batch: _Batch, workers: int | None, dask: str | None) -> _Converted:
    """The batch's documents converted one per task, naming the one that kills its worker."""
    converted = _Converted(ExportReport(format=batch.format_name))
    alone = [replace(batch, jobs=[job]) for job in batch.jobs]
    for single, result in run_documents(
        _convert_batch, alone, jobs=workers, dask=dask, progress=False
    ):
        if isinstance(result, Failure):
            shown = single.jobs[0][0]
            converted.report.problems.append(f"{shown}: {result.message} (left out)")
            continue
        _merge(converted.report, result)
        converted.tags.update(result.tags)
        for part, data in result.parts.items():
            converted.parts[part] = converted.parts.get(part, b"") + data
    return converted


class _Spool:
    """The converted pieces of each part, kept in an unnamed temporary file until the end of the
    run (when the label list is known): memory does not grow with the corpus."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, BinaryIO] = {}

    def __enter__(self) -> "_Spool":
        return self

    def __exit__(self, *exc_info: object) -> None:
        for file in self.files.values():
            file.close()

    def add(self, part: str, data: bytes) -> None:
        """Append pieces as _convert_batch gives them."""
        if part not in self.files:
            # beside OUT rather than in /tmp, which may be memory; closed by __exit__
            self.files[part] = tempfile.TemporaryFile(  # noqa: SIM115
                dir=self.folder, prefix=".readtui-export-"
            )
        self.files[part].write(data)

    def pieces(self, part: str) -> Iterator[Piece]:
        """The part's pieces, for a format whose pieces were pickled."""
        file = self.files.get(part)
        if file is None:
            return
        file.seek(0)
        while True:
            try:
                yield Piece(pickle.load(file))
            except EOFError:
                return

    def copy(self, part: str, target: BinaryIO) -> None:
        """The part's bytes, for a format whose part is its pieces' lines."""
        file = self.files.get(part)
        if file is None:
            return
        file.seek(0)
        shutil.copyfileobj(file, target)


def check_extra(fmt: Format) -> None:
    if not fmt.extra:
        return
    try:
        __import__(fmt.extra)
    except ImportError:
        raise ExportError(
            f"the {fmt.name} format needs {fmt.extra}: pip install 'readtui[export]'"
        ) from None


def _files(fmt: Format, spool: _Spool, options: ExportOptions) -> dict[str, Content]:
    """Every output file, by its path relative to OUT ("" is OUT itself)."""
    files: dict[str, Content] = {}
    shared = fmt.shared(options) if fmt.shared else {}
    if not options.split:
        files.update(_part_files(fmt, spool, "", options))
        if fmt.suffix:  # beside OUT: OUT.labels.json for OUT.jsonl
            files.update({f"{{stem}}.{name}": data for name, data in shared.items()})
        else:
            files.update(shared)
        return files
    for part in SPLIT_NAMES[len(options.split)]:
        for name, data in _part_files(fmt, spool, part, options).items():
            if fmt.suffix:
                files[f"{part}{fmt.suffix}" if name == "" else name] = data
            else:
                files[f"{part}/{name}"] = data
    files.update(shared)
    return files


def _part_files(fmt: Format, spool: _Spool, part: str, options: ExportOptions) -> dict:
    if fmt.write is write_lines:
        return {"": lambda file: spool.copy(part, file)}
    if fmt.write is not None:
        write = fmt.write
        return {"": lambda file: write(spool.pieces(part), options, file)}
    assert fmt.join is not None
    return fmt.join(spool.pieces(part), options)


def write_export(out: Path, files: dict[str, Content], folder: bool) -> list[Path]:
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
            if isinstance(data, bytes):
                atomic_write_bytes(path, data)
            else:
                _atomic_write_streamed(path, data)
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
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                with open(path, "wb") as file:
                    data(file)
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


def _atomic_write_streamed(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """A file too large to hold in memory, written as atomic_write_bytes writes one: under a
    temporary name beside it, on disk, then renamed into place."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        os.fchmod(descriptor, _mode_of(path))
        with open(descriptor, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(path.parent)


def _mode_of(path: Path) -> int:
    """The mode the file has, or a new file's."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


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
