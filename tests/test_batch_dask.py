"""The batch commands on a Dask LocalCluster of two worker processes, started once for the module:
results in input order, the same bytes as --jobs 1, a worker that dies retried by Dask."""

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import distributed  # the test extra installs it: CI runs these tests, never skips them
import pytest
from test_batch_cli import (
    annotate_first_words,
    environment,
    make_corpus,
    tree,
    wait_for_files,
)

from readtui.batch import Failure, run_documents


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A client of a two-worker LocalCluster; the workers see no user config and their own
    cleaning cache, as the CLI run by the tests does."""
    home = tmp_path_factory.mktemp("dask-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("XDG_CACHE_HOME", str(home / "cache"))
        with (
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as local,
            distributed.Client(local) as client,
        ):
            yield client


@pytest.fixture
def client(cluster):
    cluster.wait_for_workers(2, timeout=60)  # one killed by a test is back
    return cluster


def halve_unless_odd(number: int) -> int:
    if number % 2:
        raise ValueError(f"{number} is odd")
    return number // 2


def die_once(item: tuple[str, str]) -> str:
    """Kill the worker the first time the document named 'culprit' runs."""
    name, marker = item
    if name == "culprit" and not os.path.exists(marker):
        Path(marker).touch()
        os._exit(1)
    return name.upper()


def test_results_come_in_input_order_from_the_cluster(client):
    address = client.scheduler.address
    results = list(run_documents(halve_unless_odd, range(30), dask=address, progress=False))
    assert [item for item, _ in results] == list(range(30))
    assert results[3] == (3, Failure("3", "ValueError: 3 is odd"))
    assert [result for item, result in results if item % 2 == 0] == list(range(15))


def test_a_worker_that_dies_is_retried_by_dask(client, tmp_path):
    marker = str(tmp_path / "died")
    names = [f"doc{n}" for n in range(20)]
    names[9] = "culprit"
    items = [(name, marker) for name in names]
    results = list(run_documents(die_once, items, dask=client.scheduler.address, progress=False))
    assert os.path.exists(marker)
    assert [result for _, result in results] == [name.upper() for name in names]


@pytest.fixture
def corpus(tmp_path):
    folder = make_corpus(tmp_path / "corpus", 10, seed=3)
    for path in sorted(folder.iterdir())[::2]:
        annotate_first_words(path)
    return folder


def test_commands_on_the_cluster_give_the_bytes_of_one_process(client, run_cli, corpus, tmp_path):
    address = client.scheduler.address
    for where, options in (("one", ["-j", "1"]), ("dask", ["--dask", address])):
        cleaned = run_cli("clean", corpus, "-o", tmp_path / where, "--json", *options)
        assert cleaned.returncode == 0, cleaned.stderr
        exported = run_cli("export", corpus, "-f", "jsonl", "-o", f"{where}.jsonl", *options)
        assert exported.returncode == 1  # five articles without annotations, named
        suggested = run_cli("suggest", corpus, "--json", "-o", f"{where}-s.jsonl", *options)
        assert suggested.returncode == 0, suggested.stderr
    assert tree(tmp_path / "one") == tree(tmp_path / "dask")
    for name in ("{}.jsonl", "{}-s.jsonl"):
        one, dask = (tmp_path / name.format(where) for where in ("one", "dask"))
        assert one.read_bytes() == dask.read_bytes()


def test_dask_local_starts_a_cluster_of_its_own(run_cli, corpus, tmp_path):
    run_cli("clean", corpus, "-o", tmp_path / "one", "-j", "1")
    local = run_cli("clean", corpus, "-o", tmp_path / "local", "--dask", "local", "-j", "2")
    assert local.returncode == 0, local.stderr
    assert local.stderr == ""
    assert tree(tmp_path / "one") == tree(tmp_path / "local")


def test_a_worker_killed_mid_run_and_the_run_still_completes(client, tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 150, seed=4)
    env = environment(tmp_path)
    command = [sys.executable, "-m", "readtui", "clean", corpus, "-o"]
    process = subprocess.Popen(
        [*command, tmp_path / "out", "--dask", client.scheduler.address],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wait_for_files(tmp_path / "out", 10, process)
    victim = next(iter(client.run(os.getpid).values()))
    assert process.poll() is None  # the run is still going
    os.kill(victim, signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert stdout == f"150 articles cleaned into {tmp_path / 'out'}\n"
    client.wait_for_workers(2, timeout=60)
    assert victim not in client.run(os.getpid).values()  # a new process took its place
    subprocess.run([*command, tmp_path / "reference", "-j", "1"], env=env, check=True)
    assert tree(tmp_path / "out") == tree(tmp_path / "reference")
