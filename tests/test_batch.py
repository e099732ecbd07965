"""The batch runner (readtui/batch.py): results in input order from any number of processes,
faults as Failures, a bounded number of documents in flight, and a dead worker replaced."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from readtui.batch import (
    CHUNKS_PER_WORKER,
    MAX_CHUNK,
    Failure,
    add_batch_arguments,
    batch_options,
    run_documents,
)


def square_unless_seven(number: int) -> int:
    if number == 7:
        raise ValueError("seven is not wanted")
    return number * number


def read_text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def die_once(item: tuple[str, str]) -> str:
    """Kill the worker process the first time the document named 'culprit' is run."""
    name, marker = item
    if name == "culprit" and not os.path.exists(marker):
        Path(marker).touch()
        os._exit(1)
    return name.upper()


def die_always(name: str) -> str:
    if name == "poison":
        os._exit(1)
    return name.upper()


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_input_order_with_faults_as_failures(jobs):
    results = list(run_documents(square_unless_seven, list(range(40)), jobs=jobs, progress=False))
    assert [item for item, _ in results] == list(range(40))
    assert results[7] == (7, Failure("7", "ValueError: seven is not wanted"))
    assert [result for item, result in results if item != 7] == [n * n for n in range(40) if n != 7]


def read_sidecar_of(path: str) -> str:
    return Path(path + ".annotations.json").read_text(encoding="utf-8")


def test_an_os_error_names_the_file_when_it_is_not_the_document(tmp_path):
    missing = str(tmp_path / "gone.txt")
    [(_, result)] = run_documents(read_text, [missing], jobs=1, progress=False)
    assert result == Failure(missing, "No such file or directory")
    [(_, result)] = run_documents(read_sidecar_of, [missing], jobs=1, progress=False)
    assert result == Failure(missing, f"{missing}.annotations.json: No such file or directory")


def test_only_a_bounded_number_of_documents_is_in_flight():
    taken = 0

    def items():
        nonlocal taken
        for number in range(5000):
            taken += 1
            yield number

    most_ahead = 0
    for done, (item, _) in enumerate(run_documents(abs, items(), jobs=2, progress=False), 1):
        assert item == done - 1
        most_ahead = max(most_ahead, taken - done)
    assert done == 5000
    assert most_ahead <= 2 * CHUNKS_PER_WORKER * MAX_CHUNK + MAX_CHUNK


def test_a_worker_that_dies_is_replaced_and_its_documents_run_again(tmp_path):
    marker = str(tmp_path / "died")
    names = [f"doc{n}" for n in range(30)]
    names[17] = "culprit"
    results = list(run_documents(die_once, [(n, marker) for n in names], jobs=2, progress=False))
    assert os.path.exists(marker)  # the worker did die
    assert [result for _, result in results] == [name.upper() for name in names]


def test_a_document_that_kills_every_worker_is_a_failure_and_the_rest_complete():
    names = [f"doc{n}" for n in range(20)]
    names[5] = "poison"
    results = dict(run_documents(die_always, names, jobs=2, progress=False))
    assert results.pop("poison") == Failure("poison", "the worker process running it died")
    assert results == {name: name.upper() for name in names if name != "poison"}


def test_batch_arguments():
    parser = argparse.ArgumentParser()
    add_batch_arguments(parser)
    assert batch_options(parser.parse_args([])) == {"jobs": None, "dask": None}
    assert batch_options(parser.parse_args(["--jobs", "3", "--dask", "local"])) == {
        "jobs": 3,
        "dask": "local",
    }
    with pytest.raises(SystemExit):
        parser.parse_args(["--jobs", "0"])


START_EARLY = """
import os, sys, psutil
from readtui.batch import run_documents, start_workers

def pid_of(item):
    return os.getpid()

if __name__ == "__main__":  # spawned workers import this script too
    start_workers({started})
    early = {{child.pid for child in psutil.Process().children()}}
    pids = {{pid for _, pid in run_documents(pid_of, list(range(50)), jobs={jobs}, progress=False)}}
    print(len(early), int(pids <= early), int(os.getpid() in pids))
"""


@pytest.mark.parametrize(
    "started, jobs, expected",
    [
        (2, 2, "2 1 0"),  # the workers started early do the work
        (3, 2, "3 0 0"),  # as many as wanted, or others are started
        (2, 1, "2 0 1"),  # one job: in this process, and the early workers are shut down
    ],
)
def test_workers_started_before_the_listing_do_the_work(tmp_path, started, jobs, expected):
    script = tmp_path / "early.py"
    script.write_text(START_EARLY.format(started=started, jobs=jobs), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected.split()
