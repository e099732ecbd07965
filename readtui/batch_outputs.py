"""Outputs of a corpus run that survive its interruption: whole files or none, and a stream of
JSON lines that a rerun continues.

A run of 20,000 articles is stopped by ctrl+c, a full disk or a killed job. What it finished must
be complete and what it had not must be absent, so that running it again picks up where it
stopped: an output newer than its inputs is kept (`--force` redoes it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from readtui.store import fsync_folder

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, stale temporary files stay
    fcntl = None  # type: ignore[assignment]

# files made durable together: one wait on the disk for many files
GROUP = 64
SYNC_THREADS = 8


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """ctrl+c waits until the block is over (a rename, a line written) and is raised then."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
        if caught:
            raise KeyboardInterrupt


def up_to_date(outputs: Iterable[Path], inputs: Iterable[Path]) -> bool:
    """Is every output there and at least as new as every input that exists (as make judges)?"""
    try:
        oldest = min(os.stat(path).st_mtime_ns for path in outputs)
    except (FileNotFoundError, NotADirectoryError):
        return False
    return all(_mtime(path) <= oldest for path in inputs)


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Outputs:
    """Files written whole or not at all, however the run ends.

    Each file is written under a temporary name beside its place, locked while it is (so that
    `sweep_temporaries` in a later run leaves a live one alone), and renamed into place once it
    is on disk. Files are made durable in groups, by a few threads at once: one fsync at a time
    would hold a run of 20,000 articles up for minutes. Leaving the `with` block, however it is
    left, puts every file written so far in its place.
    """

    def __init__(self) -> None:
        self.mode = 0o666 & ~_umask()
        self.pending: list[tuple[int, str, str]] = []  # (descriptor, temporary, destination)
        self.threads = ThreadPoolExecutor(SYNC_THREADS)

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.commit()
        finally:
            self.threads.shutdown()

    def write(self, path: str | Path, data: bytes) -> None:
        # a path string: a Path for each of a corpus's files would grow the interpreter's table
        # of interned names
        path = os.fspath(path)
        folder, name = os.path.split(path)
        folder = folder or "."
        os.makedirs(folder, exist_ok=True)
        with interrupts_deferred():  # no temporary file is left behind, half written or whole
            descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            try:
                if fcntl is not None:
                    fcntl.flock(descriptor, fcntl.LOCK_EX)
                os.fchmod(descriptor, self.mode)
                with open(descriptor, "wb", closefd=False) as handle:
                    handle.write(data)
            except BaseException:
                os.close(descriptor)
                os.unlink(temporary)
                raise
            self.pending.append((descriptor, temporary, path))
        if len(self.pending) >= GROUP:
            self.commit()

    def commit(self) -> None:
        """Put every file written so far in its place, durably."""
        if not self.pending:
            return
        with interrupts_deferred():
            try:
                list(self.threads.map(os.fsync, [entry[0] for entry in self.pending]))
                for descriptor, temporary, path in self.pending:
                    # still locked: never unlocked under its temporary name
                    os.replace(temporary, path)
                    os.close(descriptor)
                for folder in {os.path.dirname(path) or "." for _, _, path in self.pending}:
                    fsync_folder(folder)
            except BaseException:
                for descriptor, temporary, _ in self.pending:
                    with contextlib.suppress(OSError):
                        os.close(descriptor)
                    with contextlib.suppress(OSError):
                        os.unlink(temporary)
                raise
            finally:
                self.pending = []


# what tempfile.mkstemp names a temporary file of Outputs (and of store.atomic_write_bytes)
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def sweep_temporaries(folder: Path) -> None:
    """Remove the temporary files a killed run left in `folder` (not those of a live writer,
    which holds them locked)."""
    if fcntl is None or not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if not _TEMPORARY.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
        except OSError:
            pass  # locked: someone is writing it
        finally:
            os.close(descriptor)


class ResumableLines:
    """One JSON line per document into FILE, in input order, continued by a rerun.

    Lines go to FILE.partial as documents come back; the complete file is renamed to FILE at the
    end, so FILE is always a whole run's output. A rerun keeps the lines already written (in
    FILE.partial, else in FILE) for as long as they are the documents of this run, in order, and
    no source changed since: it writes only the rest. A line cut short by a kill is written again.
    """

    def __init__(self, path: Path, names: list[str], inputs: list[list[Path]]) -> None:
        """`names`: each document's "path" value, in order; `inputs`: the files it is made from."""
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.names = names
        self.inputs = inputs
        self.handle: BinaryIO | None = None

    def resume(self, force: bool) -> int:
        """Open FILE.partial for the rest of the run; how many documents are done already
        (len(names) when FILE is up to date, and then nothing is opened)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        done, size = 0, 0
        if not force and self.partial.exists():
            done, size = self._kept(self.partial)
        elif not force and self.path.exists():
            done, size = self._kept(self.path)
            if done == len(self.names) and size == self.path.stat().st_size:
                return done
        if self.partial.exists() and not force:
            handle = open(self.partial, "r+b")  # noqa: SIM115 (open for the run, closed by close())
            handle.truncate(size)
            handle.seek(size)
        else:
            handle = open(self.partial, "wb")  # noqa: SIM115
            if size:
                with open(self.path, "rb") as whole:
                    _copy(whole, handle, size)
        self.handle = handle
        return done

    def _kept(self, path: Path) -> tuple[int, int]:
        """(lines that can stay, their size in bytes) of a file of an earlier run."""
        written = _mtime(path)
        done, size = 0, 0
        with open(path, "rb") as lines:
            for raw in lines:
                if done == len(self.names) or not raw.endswith(b"\n"):
                    break
                try:
                    name = json.loads(raw).get("path")
                except (ValueError, AttributeError):
                    break
                if name != self.names[done] or any(
                    _mtime(source) > written for source in self.inputs[done]
                ):
                    break
                done, size = done + 1, size + len(raw)
        return done, size

    def write(self, line: str) -> None:
        assert self.handle is not None
        with interrupts_deferred():
            self.handle.write(line.encode("utf-8"))
            self.handle.flush()

    def close(self, complete: bool) -> None:
        """Make what was written durable; put it in FILE's place when the run is `complete`."""
        if self.handle is None:
            return
        with interrupts_deferred():
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            self.handle = None
            if complete:
                os.replace(self.partial, self.path)
            fsync_folder(self.path.parent)


def _copy(source: BinaryIO, target: BinaryIO, size: int) -> None:
    while size:
        block = source.read(min(size, 1 << 20))
        if not block:
            return
        target.write(block)
        size -= len(block)
