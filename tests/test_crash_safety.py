"""Crash safety, measured: a writer killed at any moment leaves a whole sidecar, and the
temporary file of a killed save is removed on the next open, never one a live writer holds."""

import fcntl
import inspect
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from readtui.annotations import Annotation, Quote
from readtui.document import load_document
from readtui.store import (
    AnnotationStore,
    read_sidecar_annotations,
    sidecar_path,
)

KILLS = 200
# A writer is killed after a random number of its saves have returned, and then a random time
# into the next ones (a save of this sidecar takes some 5-20 ms here: written whole and fsynced).
# Counting saves rather than seconds keeps the kills inside the saves on a busy machine too.
SAVES_BEFORE_KILL = range(6)
KILL_DELAY = (0.0, 0.03)


def annotation_number(text: str, number: int) -> Annotation:
    """The `number`th annotation ever added (from 1): the writer and the test make the same."""
    start = number * 7 % (len(text) - 40)
    end = start + 1 + number % 37
    return Annotation(
        id=f"kill-{number:06d}",
        start=start,
        end=end,
        tag=("claim", "quote", "casualty")[number % 3],
        quote=Quote.of(text, start, end),
        note=f"note {number} – “kept”",
        created="2026-01-01T00:00:00Z",
        modified="2026-01-01T00:00:00Z",
    )


# Reads the article, then waits for a line on stdin (the test sends it once the writer before has
# been killed and checked), opens the store, prints how many annotations it found, then adds the
# next one and prints its number after each save, until it is killed.
ADDING_WRITER = f"""
import sys
from readtui.annotations import Annotation, Quote
from readtui.document import load_document
from readtui.store import AnnotationStore

{inspect.getsource(annotation_number)}
document = load_document(sys.argv[1])
sys.stdin.readline()
store = AnnotationStore(document)
number = len(store.annotations())
print(number, flush=True)
while True:
    number += 1
    store.add(annotation_number(document.text, number))
    assert store.save_error is None, store.save_error
    print(number, flush=True)
"""

# Saves a large sidecar over and over: a writer that is nearly always in the middle of a write.
SAVING_WRITER = """
import sys
from pathlib import Path
from readtui.store import atomic_write_bytes

sidecar = Path(sys.argv[1])
data = sidecar.read_bytes()
while True:
    atomic_write_bytes(sidecar, data)
"""


def temporaries(sidecar: Path) -> set[str]:
    """The names of the temporary files that saves of `sidecar` make beside it."""
    return {p.name for p in sidecar.parent.glob(f".{sidecar.name}.*.tmp")}


def start(script: str, *args: object, stdin=None, stdout=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdin=stdin,
        stdout=stdout,
        text=True,
        encoding="utf-8",
    )


def test_a_writer_killed_200_times_leaves_a_whole_sidecar_each_time(article: Path):
    text = load_document(article).text
    sidecar = sidecar_path(article)
    rng = random.Random(20261127)
    in_file = 0  # annotations in the sidecar after the last kill
    temporary_left = landed_in_flight = last_save = 0
    left_before: set[str] = set()  # temporary files the last kill left
    began = time.monotonic()
    writer = start(ADDING_WRITER, article, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        for _ in range(KILLS):
            writer.stdin.write("go\n")
            writer.stdin.flush()
            opened = int(writer.stdout.readline())
            # the next writer starts (Python, imports, the article) while this one runs
            next_writer = start(
                ADDING_WRITER, article, stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            assert opened == in_file  # it found what the last kill left
            assert not temporaries(sidecar) & left_before  # removed when the store opened
            written = [int(writer.stdout.readline()) for _ in range(rng.choice(SAVES_BEFORE_KILL))]
            time.sleep(rng.uniform(*KILL_DELAY))
            writer.send_signal(signal.SIGKILL)
            written += [int(line) for line in writer.stdout.read().splitlines()]
            writer.wait()
            writer = next_writer

            # no sidecar yet: killed before the first save
            data, annotations = read_sidecar_annotations(sidecar) if sidecar.exists() else ({}, [])
            assert not data or data["document"]["text"] == text
            numbers = [int(a.id.removeprefix("kill-")) for a in annotations]
            # exactly the first N ever added, each whole
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
            assert annotations == [annotation_number(text, number) for number in numbers]
            # every save that had returned is there; at most the one being written is beyond it
            saved = written[-1] if written else opened
            assert saved <= len(numbers) <= saved + 1
            landed_in_flight += len(numbers) == saved + 1
            last_save += len(numbers) == saved
            in_file = len(numbers)
            left_before = temporaries(sidecar)
            temporary_left += bool(left_before)
    finally:
        writer.kill()
        writer.wait()
    AnnotationStore(load_document(article))
    assert not temporaries(sidecar)
    print(
        f"\n{KILLS} kills in {time.monotonic() - began:.1f} s, {in_file} annotations at the end; "
        f"{temporary_left} kills left a temporary file (killed inside a save); "
        f"the sidecar held the last returned save {last_save} times and the save being written "
        f"(renamed into place just before the kill) {landed_in_flight} times; never less"
    )


def large_sidecar(article: Path, count: int = 3000) -> Path:
    """The article's sidecar with `count` annotations (about 1 MB: a write takes a while)."""
    document = load_document(article)
    store = AnnotationStore(document)
    with store.batch():
        for number in range(1, count + 1):
            store.add(annotation_number(document.text, number))
    return sidecar_path(article)


def held(path: Path) -> bool:
    """Whether a process holds `path` locked, as a writer does its temporary file."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)  # also lets go of the lock, if this took it
    return False


def stopped_inside_a_save(writer: subprocess.Popen, sidecar: Path) -> str:
    """Stop `writer` (SIGSTOP) at a moment it holds its temporary file; that file's name."""
    rng = random.Random(7)
    deadline = time.monotonic() + 30
    while True:
        time.sleep(rng.uniform(0, 0.01))
        assert writer.poll() is None, "the writer failed"
        assert time.monotonic() < deadline, "never caught the writer inside a save"
        writer.send_signal(signal.SIGSTOP)
        os.waitpid(writer.pid, os.WUNTRACED)
        for name in temporaries(sidecar):
            if held(sidecar.parent / name):
                return name
        writer.send_signal(signal.SIGCONT)


def test_the_temporary_file_of_a_killed_save_is_removed_when_the_sidecar_is_opened(
    article: Path,
):
    sidecar = large_sidecar(article)
    writer = start(SAVING_WRITER, sidecar)
    name = stopped_inside_a_save(writer, sidecar)
    writer.kill()
    writer.wait()
    assert temporaries(sidecar) == {name}

    store = AnnotationStore(load_document(article))

    assert not temporaries(sidecar)
    assert len(store.annotations()) == 3000


def test_the_temporary_file_of_a_live_writer_is_left_alone(article: Path):
    sidecar = large_sidecar(article)
    writer = start(SAVING_WRITER, sidecar)
    try:
        name = stopped_inside_a_save(writer, sidecar)

        AnnotationStore(load_document(article))

        assert name in temporaries(sidecar)
        writer.send_signal(signal.SIGCONT)
        deadline = time.monotonic() + 30
        while name in temporaries(sidecar) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert name not in temporaries(sidecar)  # the writer finished that save
        assert writer.poll() is None  # and goes on saving
    finally:
        writer.kill()
        writer.wait()
    assert len(read_sidecar_annotations(sidecar)[1]) == 3000


def test_files_that_only_look_like_a_temporary_file_of_the_sidecar_are_left_alone(
    article: Path, tmp_path: Path
):
    sidecar = large_sidecar(article, count=1)
    folder = sidecar.parent
    stale = folder / f".{sidecar.name}.k1lled_0.tmp"
    stale.write_text('{"schema": ')
    lookalikes = [
        folder / f".{sidecar.name}.backup",
        folder / f".{sidecar.name}.abc.tmp",  # not mkstemp's 8 characters
        folder / f".{sidecar.name}.ABCDEFGH.tmp",  # nor its letters
        folder / f".{sidecar.name}.abcdefgh.tmp.keep",
        folder / f"{sidecar.name}.abcdefgh.tmp",  # not hidden
        folder / ".other.md.annotations.json.abcdefgh.tmp",  # another sidecar's
        folder / f".{article.name}.abcdefgh.tmp",  # the article's own
    ]
    for path in lookalikes:
        path.write_text("not ours")
    directory = folder / f".{sidecar.name}.folder00.tmp"
    directory.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("kept")
    link = folder / f".{sidecar.name}.symlink0.tmp"
    link.symlink_to(outside)
    fifo = folder / f".{sidecar.name}.fifo0000.tmp"  # opening it must not wait for a writer
    os.mkfifo(fifo)

    AnnotationStore(load_document(article))

    assert not stale.exists()
    assert all(path.read_text() == "not ours" for path in lookalikes)
    assert directory.is_dir() and link.is_symlink() and outside.read_text() == "kept"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_save_after_a_cleanup_keeps_the_mode_the_sidecar_had(article: Path):
    sidecar = large_sidecar(article, count=1)
    sidecar.chmod(0o640)
    stale = sidecar.parent / f".{sidecar.name}.k1lled_0.tmp"
    stale.write_text('{"schema": ')
    stale.chmod(0o600)  # as mkstemp makes it, before the save gives it the sidecar's mode
    document = load_document(article)

    store = AnnotationStore(document)
    store.add(annotation_number(document.text, 2))

    assert store.save_error is None
    assert not stale.exists()
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o640
    assert len(read_sidecar_annotations(sidecar)[1]) == 2
