"""Run one function over many documents: in this process, on every core, or on a Dask cluster.

Every corpus command (clean, suggest, validate, export, stats, agree) hands its per-document work
to `run_documents` and reduces what comes back itself, in input order, so the output is the same
bytes however the work was spread. Only a bounded number of documents is in flight at once: memory
does not grow with the corpus. Dask is an optional extra, imported only for `--dask`.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from readtui.corpus import whole_number

DASK_EXTRA = "pip install 'readtui[dask]'"

# Documents are handed to a worker in chunks of about this much work: light documents go many
# at once (a round trip costs about as much as exporting one), heavy ones few, so that ctrl+c is
# prompt and a dead worker loses little. Dask's round trips cost more. A chunk that fails as a
# whole is run again one document at a time, to find the one to blame.
CHUNK_SECONDS = 0.05
DASK_CHUNK_SECONDS = 0.1
MAX_CHUNK = 128
# Chunks waiting or running per worker: enough that no worker idles while results are read in
# order, few enough that memory stays flat.
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class Failure:
    """A document whose work raised, or whose worker process died."""

    item: str  # what failed (a path, as given)
    message: str  # one line: what went wrong


def run_documents(
    function: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    jobs: int | None = None,
    dask: str | None = None,
    label: str = "documents",
    progress: bool | None = None,
    size: Callable[[Any], int] | None = None,
    total: int | None = None,
) -> Iterator[tuple[Any, Any]]:
    """Yield (item, result) for every item, IN INPUT ORDER, where result is function(item) or a
    Failure if it raised. `function` is a module-level (picklable) function of one picklable item
    returning picklable data. jobs=None: every core; jobs=1: in this process, no pool. dask: a
    scheduler address or "local" (a LocalCluster of `jobs` worker processes). Streams: only a
    bounded number of items are in flight, so memory does not grow with the corpus.
    progress=None: a Rich bar on stderr when stderr is a terminal (documents, rate, time left);
    True or False: always, never. size: how many documents an item holds, for an item that
    is a batch of them (the bar counts documents, and each batch is sent alone: the documents
    in flight stay as many at 2,000 documents as at 200,000); None: one each. total: the
    documents in all,
    for the bar (None: len(items), when items has a length).

    A Failure names its item by str(item), or by str(item[0]) for a tuple. A worker process that
    dies is replaced and its documents run again (by Dask, or here for a local pool); a document
    that kills its worker every time is a Failure. Stop early by closing the generator (or
    leaving the loop with an exception): the pool is shut down, nothing is left running.
    """
    if total is None and hasattr(items, "__len__"):
        total = len(items)
    workers = jobs or cores()
    if dask is not None:
        _close_started()
        runner: AbstractContextManager[_Runner] = _dask_runner(dask, workers, size is None)
    elif workers == 1 or (total is not None and total <= 1):
        _close_started()
        runner = _in_process()
    else:
        runner = _pool_runner(workers, size is None)
    shown = sys.stderr.isatty() if progress is None else progress
    with runner as run, _bar(total, label, shown) as advance:
        for item, result in run(function, items):
            advance(1 if size is None else size(item))
            yield item, result


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    """--jobs N and --dask ADDRESS, for a command that runs through run_documents."""
    parser.add_argument(
        "--jobs",
        "-j",
        type=whole_number(1),
        metavar="N",
        help=f"documents worked on at once, one process each (default: every core, {cores()}"
        " here; 1: no worker processes)",
    )
    parser.add_argument(
        "--dask",
        type=_dask_address,
        metavar="ADDRESS",
        help="run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), or "
        f"'local' for a cluster of --jobs processes on this machine (needs {DASK_EXTRA})",
    )


def batch_options(args: argparse.Namespace) -> dict:
    """{"jobs": ..., "dask": ...} for run_documents(**...)."""
    return {"jobs": args.jobs, "dask": args.dask}


def _dask_address(raw: str) -> str:
    # checked while the arguments are read, so a missing extra is bad usage (exit status 2)
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise argparse.ArgumentTypeError(
            f"needs Dask, which is not installed: {DASK_EXTRA}"
        ) from None
    if not raw.strip():
        raise argparse.ArgumentTypeError("give a scheduler address (tcp://host:8786) or 'local'")
    return raw.strip()


# Running one chunk ---------------------------------------------------------------------------

# What a worker sends back for one document: (True, result) or (False, one line saying why).
Outcome = tuple[bool, Any]
_Runner = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[tuple[Any, Any]]]


def _attempt(function: Callable[[Any], Any], item: Any) -> Outcome:
    try:
        return True, function(item)
    except Exception as exc:  # a document's fault is reported, never fatal to the run
        return False, describe_exception(exc, _name(item))


def _attempt_chunk(function: Callable[[Any], Any], chunk: list[Any]) -> tuple[list[Outcome], float]:
    """Each item's outcome, and the seconds the chunk took here."""
    start = time.perf_counter()
    return [_attempt(function, item) for item in chunk], time.perf_counter() - start


def describe_exception(exc: BaseException, name: str = "") -> str:
    """One line for a document's fault: readtui's own faults and OS errors by their message
    (without the document's name in front, as the caller names it), anything else with its type
    too, as it is a bug."""
    if isinstance(exc, OSError) and exc.strerror:
        where = str(exc.filename) if exc.filename is not None else name
        message = f"{where}: {exc.strerror}" if where else exc.strerror
    else:
        message = str(exc)
    message = message.removeprefix(f"{name}: ") if name else message
    if not type(exc).__module__.startswith("readtui") and not isinstance(exc, OSError):
        message = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return " ".join(message.split()) or type(exc).__name__


def _name(item: Any) -> str:
    return str(item[0] if isinstance(item, tuple) else item)


def _result(item: Any, outcome: Outcome) -> tuple[Any, Any]:
    ok, value = outcome
    return item, value if ok else Failure(_name(item), value)


class _Chunks:
    """The items in chunks of about `seconds` of a worker's time each, sized from the time the
    chunks before took (starting at one item, at most doubling each time); `seconds` 0: one
    item a chunk, for items that are batches already."""

    def __init__(self, items: Iterable[Any], seconds: float) -> None:
        self.items = iter(items)
        self.seconds = seconds
        self.size = 1

    def __iter__(self) -> Iterator[list[Any]]:
        return self

    def __next__(self) -> list[Any]:
        chunk = list(itertools.islice(self.items, self.size))
        if not chunk:
            raise StopIteration
        return chunk

    def took(self, items: int, seconds: float) -> None:
        if not self.seconds:
            return  # one item a chunk: each is a batch of documents sized by its maker
        fits = int(self.seconds * items / seconds) if seconds > 0 else MAX_CHUNK
        self.size = max(1, min(fits, 2 * self.size, MAX_CHUNK))


# In this process -----------------------------------------------------------------------------


@contextmanager
def _in_process() -> Iterator[_Runner]:
    def run(function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        for item in items:
            yield _result(item, _attempt(function, item))

    yield run


# A local process pool ------------------------------------------------------------------------


def _ignore_interrupts() -> None:
    # ctrl+c reaches every process of the terminal's group: the parent stops the run, workers
    # finish their chunk and are shut down rather than dying with a traceback each
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Pool:
    """A process pool that is replaced when one of its processes dies."""

    def __init__(self, workers: int, method: str = "spawn") -> None:
        self.workers = workers
        self.method = method
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context(self.method),
            initializer=_ignore_interrupts,
        )

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        # spawn, not fork, from now on: this process holds the corpus's list and runs threads
        # (the pool's own, the bar's), which a forked worker would copy
        self.method = "spawn"
        self.executor = self._start()

    def submit(self, function: Callable[[Any], Any], chunk: list[Any]) -> Future:
        try:
            return self.executor.submit(_attempt_chunk, function, chunk)
        except BrokenProcessPool as exc:
            # the pool broke since a result was last read: this chunk is lost like those in
            # flight, and is found out the same way, when its result is read
            lost: Future = Future()
            lost.set_exception(exc)
            return lost

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


# Workers started by start_workers, for the run to come.
_started: _Pool | None = None


def start_workers(jobs: int | None, dask: str | None = None) -> None:
    """Start the worker processes of the coming run_documents(jobs=jobs) now, before the corpus
    is listed: forked while this process is small and runs no thread, they are ready when the
    first documents are, where spawned ones would each spend some 0.3 s starting Python and
    importing readtui after that. Nothing happens where fork is not safe (not Linux, threads
    running), for one worker, or for Dask; a run that does not use them shuts them down."""
    global _started
    workers = jobs or cores()
    if (
        _started is not None
        or dask is not None
        or workers == 1
        or not sys.platform.startswith("linux")
        or threading.active_count() > 1
    ):
        return
    for stream in (sys.stdout, sys.stderr):  # a worker flushes what it inherits as it exits
        stream.flush()
    _started = _Pool(workers, "fork")
    _started.executor.submit(int)  # with fork, the first task starts every worker at once
    atexit.register(_close_started)


def _close_started() -> None:
    global _started
    if _started is not None:
        _started.close()
        _started = None


def _take_started(workers: int) -> _Pool:
    """The workers start_workers started, if they are as many as wanted; else a new pool."""
    global _started
    pool, _started = _started, None
    if pool is not None and pool.workers == workers:
        return pool
    if pool is not None:
        pool.close()
    return _Pool(workers)


@contextmanager
def _pool_runner(workers: int, grow: bool) -> Iterator[_Runner]:
    pool = _take_started(workers)

    def run(function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        chunks = _Chunks(items, CHUNK_SECONDS if grow else 0)
        in_flight: deque[tuple[list[Any], Future]] = deque()
        window = workers * CHUNKS_PER_WORKER
        while True:
            for chunk in chunks:
                in_flight.append((chunk, pool.submit(function, chunk)))
                if len(in_flight) >= window:
                    break
            if not in_flight:
                return
            chunk, future = in_flight.popleft()
            try:
                outcomes, seconds = future.result()
            except BrokenProcessPool:
                # a process died (killed, out of memory, a crash in a C library): every chunk in
                # flight is lost; run each of their documents alone to find the one to blame
                suspects = chunk + [item for waiting, _ in in_flight for item in waiting]
                in_flight.clear()
                pool.restart()
                for item in suspects:
                    yield _alone(pool, function, item)
                continue
            chunks.took(len(chunk), seconds)
            for item, outcome in zip(chunk, outcomes, strict=True):
                yield _result(item, outcome)

    try:
        yield run
    finally:
        pool.close()


def _alone(pool: _Pool, function: Callable[[Any], Any], item: Any) -> tuple[Any, Any]:
    try:
        [outcome], _ = pool.submit(function, [item]).result()
    except BrokenProcessPool:
        pool.restart()
        return item, Failure(_name(item), "the worker process running it died")
    return _result(item, outcome)


# A Dask cluster ------------------------------------------------------------------------------


@contextmanager
def _dask_runner(address: str, workers: int, grow: bool) -> Iterator[_Runner]:
    import distributed

    cluster = None
    try:
        if address == "local":
            cluster = _local_cluster(workers)
            client = distributed.Client(cluster)
            # also for a worker started again after one died
            client.register_plugin(_ignoring_interrupts_plugin())
        else:
            client = distributed.Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise OSError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def run(function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        threads = sum(client.nthreads().values()) or workers
        window = max(threads * CHUNKS_PER_WORKER, 2)
        chunks = _Chunks(items, DASK_CHUNK_SECONDS if grow else 0)
        in_flight: deque[tuple[list[Any], distributed.Future]] = deque()
        try:
            while True:
                for chunk in chunks:
                    # pure=False: the same chunk twice (a rerun) is computed again, not reused
                    future = client.submit(_attempt_chunk, function, chunk, pure=False)
                    in_flight.append((chunk, future))
                    if len(in_flight) >= window:
                        break
                if not in_flight:
                    return
                chunk, future = in_flight.popleft()
                try:
                    outcomes, seconds = future.result()
                except distributed.KilledWorker:
                    # Dask retried it on other workers and each died: one document is to blame
                    for item in chunk:
                        yield _dask_alone(client, function, item)
                    continue
                finally:
                    future.release()
                chunks.took(len(chunk), seconds)
                for item, outcome in zip(chunk, outcomes, strict=True):
                    yield _result(item, outcome)
        finally:
            client.cancel([future for _, future in in_flight])

    try:
        yield run
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _local_cluster(workers: int) -> Any:
    import logging

    import distributed

    # ctrl+c reaches the whole process group: the workers, spawned with SIGINT ignored, keep it
    # ignored and leave the stopping to this process (rather than each printing a traceback)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # its web server: on a free port, never a clash
            silence_logs=logging.ERROR,
        )
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignoring_interrupts_plugin() -> Any:
    import distributed

    class IgnoreInterrupts(distributed.WorkerPlugin):
        name = "readtui-ignore-interrupts"

        def setup(self, worker: Any) -> None:
            with contextlib.suppress(ValueError):  # not in the main thread: nothing to do
                signal.signal(signal.SIGINT, signal.SIG_IGN)

    return IgnoreInterrupts()


def _dask_alone(client: Any, function: Callable[[Any], Any], item: Any) -> tuple[Any, Any]:
    import distributed

    future = client.submit(_attempt_chunk, function, [item], pure=False)
    try:
        [outcome], _ = future.result()
    except distributed.KilledWorker:
        return item, Failure(_name(item), "every Dask worker that ran it died")
    finally:
        future.release()
    return _result(item, outcome)


# Progress ------------------------------------------------------------------------------------


@contextmanager
def _bar(total: int | None, label: str, shown: bool) -> Iterator[Callable[[int], None]]:
    if not shown:
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} {label}/s" if speed else f"– {label}/s")

    progress = Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(label, markup=False),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        # stdout goes above the bar only when it is the terminal too: a redirected stdout stays
        # the file it was
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=True,
    )
    task = progress.add_task(label, total=total)
    with progress:
        yield lambda done: progress.advance(task, done)
