"""Corpus commands run as real processes on small corpora: `clean -o DIR`, `suggest PATH ...`,
`validate` and `export` with --jobs; the same bytes however many processes; reruns continue;
ctrl+c leaves whole outputs; failures are named and the run goes on."""

import itertools
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readtui.annotations import Annotation
from readtui.document import load_document
from readtui.store import AnnotationStore, sidecar_path

REPO = Path(__file__).resolve().parents[1]
# the samples of each kind in turn (.html, .md, .txt), so that any dozen holds all three
_BY_KIND = [
    sorted(path for path in (REPO / "sample_articles").glob(f"*{suffix}") if path.is_file())
    for suffix in (".html", ".md", ".txt")
]
SAMPLES = [path for paths in itertools.zip_longest(*_BY_KIND) for path in paths if path]


def make_corpus(folder: Path, count: int, seed: int = 1) -> Path:
    """`count` scraped articles made from the samples, each with its own numbers (so that no two
    have the same bytes and none is served from the cleaning cache of another)."""
    folder.mkdir(parents=True, exist_ok=True)
    numbers = random.Random(seed)
    for index in range(count):
        sample = SAMPLES[index % len(SAMPLES)]
        text = re.sub(
            r"\d+", lambda _: str(numbers.randint(2, 999)), sample.read_text(encoding="utf-8")
        )
        (folder / f"{sample.stem}-{index:04d}{sample.suffix}").write_text(text, encoding="utf-8")
    return folder


def annotate_first_words(path: Path) -> None:
    """A sidecar with one claim on the article's first word."""
    document = load_document(path)
    end = document.text.index(" ")
    store = AnnotationStore(document)
    store.add(Annotation.create(document.text, 0, end, "claim", annotator="alice"))
    assert store.save_error is None


def articles(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.suffix in (".txt", ".md", ".html"))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {
        **os.environ,
        "PYTHONPATH": python_path,
        "XDG_CONFIG_HOME": str(tmp_path / "user-config"),
        "COLUMNS": "160",
        "PYTHONIOENCODING": "utf-8",
        **extra,
    }
    env.pop("FORCE_COLOR", None)
    return env


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Twelve articles, four of them annotated."""
    folder = make_corpus(tmp_path / "corpus", 12)
    for path in sorted(folder.iterdir())[::3]:
        annotate_first_words(path)
    return folder


# clean ------------------------------------------------------------------------------------------


def test_clean_writes_the_same_bytes_with_any_number_of_processes(run_cli, corpus, tmp_path):
    one = run_cli("clean", corpus, "-o", tmp_path / "one", "--json", "--jobs", "1")
    two = run_cli("clean", corpus, "-o", tmp_path / "two", "--json", "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == f"12 articles cleaned into {tmp_path / 'one'}\n"
    written = tree(tmp_path / "one")
    assert written == tree(tmp_path / "two")
    assert len(written) == 24  # NAME.txt and NAME.json for each
    # each is what `readtui clean FILE` prints; named as export names documents
    for source in (sorted(corpus.glob("*.md"))[0], sorted(corpus.glob("*.txt"))[0]):
        name = source.name.removesuffix(".txt")
        assert written[f"{name}.txt"] == run_cli("clean", source).stdout.encode()
        assert written[f"{name}.json"] == run_cli("clean", source, "--json").stdout.encode()


def test_clean_rerun_keeps_what_is_up_to_date_and_force_redoes_it(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    assert run_cli("clean", corpus, "-o", out, "-j", "2").returncode == 0
    before = {path.name: path.stat().st_mtime_ns for path in out.iterdir()}
    time.sleep(0.01)
    changed = sorted(corpus.glob("*.md"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    again = run_cli("clean", corpus, "-o", out, "-j", "2")
    assert again.stdout == (
        f"1 article cleaned into {out}; 11 already up to date, kept (--force redoes them)\n"
    )
    after = {path.name: path.stat().st_mtime_ns for path in out.iterdir()}
    redone = {name for name in after if after[name] != before[name]}
    assert redone == {f"{changed.name}.txt"}
    assert b"One more line." in (out / f"{changed.name}.txt").read_bytes()
    forced = run_cli("clean", corpus, "-o", out, "--force", "-j", "2")
    assert forced.stdout == f"12 articles cleaned into {out}\n"
    # asking for the JSON too makes every article out of date
    assert run_cli("clean", corpus, "-o", out, "--json").stdout.startswith("12 articles cleaned")


def test_a_document_that_fails_is_named_and_the_run_goes_on(run_cli, corpus, tmp_path):
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    broken = sorted(corpus.glob("*.md"))[0]
    sidecar_path(broken).write_text("{not json", encoding="utf-8")
    result = run_cli("clean", corpus, "-o", tmp_path / "out", "-j", "2")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr_lines
    assert len(lines) == 2, lines
    # one line each, in the order of the names
    binary, sidecar = sorted(lines, key=lambda line: "binary.txt" not in line)
    assert lines == sorted(lines)
    assert binary.startswith(f"readtui: {corpus / 'binary.txt'}: not text")
    assert sidecar.startswith(f"readtui: {broken}: ")
    assert "not valid JSON" in sidecar and str(tmp_path / "corpus") not in sidecar[9:].replace(
        str(broken), ""
    )
    assert result.stdout == f"11 articles cleaned into {tmp_path / 'out'}; 2 failed\n"
    assert len(list((tmp_path / "out").iterdir())) == 11


def test_clean_refuses_to_overwrite_the_articles(run_cli, corpus):
    result = run_cli("clean", corpus, "-o", corpus)
    assert result.returncode == 1
    assert "would overwrite the article itself" in result.stderr


def test_clean_of_several_articles_needs_a_folder(run_cli, corpus):
    first, second = sorted(corpus.glob("*.txt"))[:2]
    result = run_cli("clean", first, second)
    assert result.returncode == 2
    assert "give -o DIR" in result.stderr


def wait_for_files(folder: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if folder.is_dir() and len(os.listdir(folder)) >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"no {count} files in {folder} (exit status {process.poll()})")


def test_ctrl_c_leaves_only_whole_outputs_and_a_rerun_completes(tmp_path):
    corpus = make_corpus(tmp_path / "big", 200, seed=2)
    out, reference = tmp_path / "out", tmp_path / "reference"
    env = environment(tmp_path)
    command = [sys.executable, "-m", "readtui", "clean", corpus, "-o"]
    # a terminal's ctrl+c: SIGINT to the whole process group, workers too
    process = subprocess.Popen(
        [*command, out, "--json", "-j", "2"], env=env, cwd=tmp_path, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wait_for_files(out, 20, process)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert re.fullmatch(
        r"readtui: interrupted after \d+ of 200 articles; run the same command again to continue\n",
        stderr,
    )
    interrupted = tree(out)
    subprocess.run([*command, reference, "--json", "-j", "1"], env=env, cwd=tmp_path, check=True)
    expected = tree(reference)
    assert 20 <= len(interrupted) < len(expected)
    assert all(expected[name] == data for name, data in interrupted.items())  # each one whole
    rerun = subprocess.run(
        [*command, out, "--json", "-j", "2"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert rerun.returncode == 0
    kept = sum(
        name.removesuffix(".txt") + ".json" in interrupted
        for name in interrupted
        if name.endswith(".txt")
    )
    assert f"; {kept} already up to date" in rerun.stdout
    assert tree(out) == expected  # and no temporary file is left


# suggest ----------------------------------------------------------------------------------------


def test_suggest_on_a_corpus_gives_one_json_line_per_article(run_cli, corpus):
    one = run_cli("suggest", corpus, "--json", "-j", "1")
    two = run_cli("suggest", corpus, "--json", "-j", "2")
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    lines = [json.loads(line) for line in one.stdout_lines]
    assert [line["path"] for line in lines] == [str(path) for path in articles(corpus)]
    # each line holds what `suggest FILE --json` prints for that article
    alone = run_cli("suggest", articles(corpus)[1], "--json")
    assert lines[1]["suggestions"] == json.loads(alone.stdout)
    assert re.fullmatch(r"readtui: \d+ suggestions in 12 articles\n", one.stderr)


def test_suggest_on_a_corpus_as_text_names_each_article(run_cli, corpus):
    result = run_cli("suggest", corpus, "-j", "2")
    assert result.returncode == 0
    article = sorted(corpus.glob("*.txt"))[0]
    alone = run_cli("suggest", article).stdout_lines
    assert [line for line in result.stdout_lines if line.startswith(f"{article}:")] == [
        f"{article}:{line}" for line in alone
    ]


def test_suggest_into_a_file_continues_an_interrupted_run(run_cli, corpus, tmp_path):
    whole = tmp_path / "whole.jsonl"
    assert run_cli("suggest", corpus, "--json", "-o", whole).returncode == 0
    expected = whole.read_bytes()
    lines = expected.splitlines(keepends=True)
    assert len(lines) == 12
    # what a killed run leaves: five whole lines and half of the sixth
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_bytes(b"".join(lines[:5]) + lines[5][:40])
    result = run_cli("suggest", corpus, "--json", "-o", out, "-j", "2")
    assert result.returncode == 0
    assert "in 7 articles (5 kept from the last run)" in result.stdout
    assert out.read_bytes() == expected
    assert not (tmp_path / "out.jsonl.partial").exists()
    # done and nothing changed: nothing to do; a changed article is done again from there
    assert "is up to date" in run_cli("suggest", corpus, "--json", "-o", out).stdout
    time.sleep(0.01)
    index = next(
        i for i, path in enumerate(articles(corpus)) if i > 5 and path.suffix in (".txt", ".md")
    )
    changed = articles(corpus)[index]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n3 people were killed.\n", "utf-8")
    again = run_cli("suggest", corpus, "--json", "-o", out)
    assert f"in {12 - index} articles ({index} kept from the last run)" in again.stdout
    assert "3 people were killed" in out.read_text(encoding="utf-8").splitlines()[index]


def test_suggest_failures_are_named_and_kept_as_error_lines(run_cli, corpus):
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = run_cli("suggest", corpus, "--json", "-j", "2")
    assert result.returncode == 1
    error = [json.loads(line) for line in result.stdout_lines if '"error"' in line]
    assert error == [{"path": str(corpus / "binary.txt"), "error": error[0]["error"]}]
    assert error[0]["error"].startswith("not text")
    assert f"readtui: {corpus / 'binary.txt'}: not text" in result.stderr


# validate and export ----------------------------------------------------------------------------


def test_validate_gives_the_same_output_with_any_number_of_processes(run_cli, corpus):
    broken = sorted(corpus.glob("*.annotations.json"))[1]
    data = json.loads(broken.read_text(encoding="utf-8"))
    data["annotations"][0]["end"] += 2
    broken.write_text(json.dumps(data), encoding="utf-8")
    for args in ([], ["--json"]):
        one = run_cli("validate", corpus, *args, "-j", "1")
        two = run_cli("validate", corpus, *args, "-j", "2")
        assert one.returncode == two.returncode == 1
        assert one.stdout == two.stdout
    listing = json.loads(two.stdout)
    assert [entry["path"] for entry in listing["files"]] == [
        str(path) for path in sorted(corpus.glob("*.annotations.json"))
    ]
    assert listing["faults"] == 1
    # the streamed JSON is what json.dumps gives for the whole document
    assert two.stdout == json.dumps(listing, ensure_ascii=False, indent=2) + "\n"


def test_export_gives_the_same_bytes_with_any_number_of_processes(run_cli, corpus, tmp_path):
    for format_name, suffix in (("jsonl", ".jsonl"), ("hf", ".jsonl"), ("labelstudio", ".json")):
        one, two = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
        by_one = run_cli("export", corpus, "-f", format_name, "-o", one, "-j", "1")
        by_two = run_cli("export", corpus, "-f", format_name, "-o", two, "-j", "2")
        # 1: eight articles have no annotations, and are named so
        assert by_one.returncode == by_two.returncode == 1, by_two.stderr
        assert by_one.stdout.replace(str(tmp_path / "one"), str(tmp_path / "two")) == by_two.stdout
        assert one.read_bytes() == two.read_bytes()
    split = [
        run_cli("export", corpus, "-f", "brat", "--split", "50/50", "-o", tmp_path / name, "-j", j)
        for name, j in (("brat1", "1"), ("brat2", "2"))
    ]
    assert split[0].returncode == split[1].returncode == 1
    assert tree(tmp_path / "brat1") == tree(tmp_path / "brat2")


# without Dask -----------------------------------------------------------------------------------


def test_dask_without_the_extra_names_the_extra_to_install(tmp_path, corpus):
    # a real process in which Dask's distributed cannot be imported, as after `pip install readtui`
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "distributed.py").write_text("raise ImportError('No module named distributed')\n")
    env = environment(tmp_path, PYTHONPATH=os.pathsep.join([str(blocker), str(REPO)]))
    for command in (["clean", corpus, "-o", "out"], ["export", corpus, "-f", "jsonl", "-o", "x"]):
        result = subprocess.run(
            [sys.executable, "-m", "readtui", *command, "--dask", "local"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert "--dask" in result.stderr and "pip install 'readtui[dask]'" in result.stderr
    assert not (tmp_path / "out").exists()
