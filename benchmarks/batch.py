"""Benchmark the corpus commands: documents per second on one core, on two, and on a two-worker
Dask LocalCluster, and peak memory on a corpus ten times larger.

    python benchmarks/batch.py [--quick] [--documents N]

A corpus of 20,000 scraped articles (2,000 with --quick) is made from the articles in
sample_articles/ (web pages, scraped text with its menus and share buttons, Markdown), each with
its own numbers and names, and each with a sidecar holding two annotations, so that `export` has
work to do. It is generated once (cleaning every article, on every core) and kept in
benchmarks/out/batch/ for the next run; a tenth of it, as hard links, is the small corpus.

Each command runs as a whole process (`python -m readtui ...`), timed on the wall clock from
spawn to exit, with a cleaning cache of its own, empty (a warm cache would measure reading it):

- `clean CORPUS -o DIR` and `export CORPUS -f jsonl -o OUT` with --jobs 1, --jobs 2 and
  --dask local --jobs 2 (the cluster's start is part of the time): documents per second, and
  the ratio to --jobs 1 (target: --jobs 2 at least 1.7x);
- the CPU seconds of the whole process tree, which tell a run that had one core to itself (on
  a busy machine) from one that had two;
- the peak memory of the whole process tree (the sum of the resident sizes of the command and
  every process under it: pool workers, Dask's scheduler and workers), sampled every 20 ms, for
  both commands with --jobs 2 on the small corpus and on the whole one (target: within 20%).

The machine may be shared: the load average is printed before and after.
"""

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil  # installed with Dask's distributed

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from readtui.annotations import Annotation  # noqa: E402
from readtui.batch import run_documents  # noqa: E402
from readtui.cleaning import CLEANER_ID  # noqa: E402
from readtui.document import load_document, sha256_text  # noqa: E402
from readtui.store import SIDECAR_SUFFIX, render_sidecar  # noqa: E402

OUT = REPO / "benchmarks" / "out" / "batch"
SAMPLES = sorted(
    path
    for path in (REPO / "sample_articles").iterdir()
    if path.is_file() and path.suffix in (".txt", ".md", ".html")
)
DOCUMENTS = 20_000
QUICK_DOCUMENTS = 2_000
SMALL_SHARE = 10  # the small corpus: a tenth
SEED = 12
GENERATOR = 2  # bump when the generated corpus changes
TARGET_SPEEDUP = 1.7
TARGET_MEMORY_RATIO = 1.2
SAMPLE_EVERY_S = 0.02
RUN_TIMEOUT_S = 3600

# Names put in place of the samples' own (people, places, agencies), so no two articles match.
_SYLLABLES = "ka ra mi to sa le vo na ri da el an or ve lu ta ne is ob".split()
_KEPT_WORDS = set(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Share Reuters Read Related".split()
)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_article(sample: Path, rng: random.Random) -> str:
    """The sample with other numbers and some of its proper names replaced."""
    text = sample.read_text(encoding="utf-8")
    names = sorted(set(re.findall(r"\b[A-Z][a-z]{4,}\b", text)) - _KEPT_WORDS)
    renamed = {name: _name(rng) for name in rng.sample(names, min(len(names), 6))}
    if renamed:
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, renamed)) + r")\b")
        text = pattern.sub(lambda match: renamed[match.group(1)], text)
    return re.sub(r"\b\d{1,3}\b", lambda _: str(rng.randint(2, 400)), text)


def write_sidecar(path: str) -> int:
    """Clean the article and write its sidecar: a claim on its first sentence, a casualty figure
    on its first number (or the first word). Runs in a worker of the generator."""
    source = Path(path)
    document = load_document(source)
    text = document.text
    rng = random.Random(source.name)
    first_stop = text.find(". ")
    claim_end = first_stop if 0 < first_stop < 400 else min(len(text), 60)
    number = re.search(r"\d+ (?:people|dead|killed|injured|\w+)", text)
    figure = number.span() if number else (0, max(1, text.find(" ")))
    rows = []
    for (start, end), tag in (((0, claim_end), "claim"), (figure, "casualty figure")):
        if start < end:
            rows.append(
                Annotation.create(
                    text, start, end, tag, annotator=rng.choice(("alice", "bob"))
                ).to_json()
            )
    header = {
        "source": source.name,
        "source_sha256": document.source_sha256,
        "cleaner": CLEANER_ID,
        "title": document.title,
        "text_sha256": sha256_text(text),
        "text": text,
    }
    states = {"alice": {"state": "done", "modified": "2026-11-28T10:00:00Z"}}
    sidecar = render_sidecar(header, rows, [], {"states": states})
    source.with_name(source.name + SIDECAR_SUFFIX).write_text(sidecar, encoding="utf-8")
    return len(sidecar)


def corpus(documents: int) -> tuple[Path, Path]:
    """(the whole corpus, the small one), generated unless the last run left them."""
    whole, small = OUT / f"corpus-{documents}", OUT / f"corpus-{documents // SMALL_SHARE}"
    samples = hashlib.sha1(b"".join(path.name.encode() + path.read_bytes() for path in SAMPLES))
    stamp = {
        "generator": GENERATOR,
        "documents": documents,
        "seed": SEED,
        "cleaner": CLEANER_ID,
        "samples": samples.hexdigest(),
    }
    stamp_file = OUT / f"corpus-{documents}.json"
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp and small.is_dir():
        return whole, small
    shutil.rmtree(whole, ignore_errors=True)
    shutil.rmtree(small, ignore_errors=True)
    whole.mkdir(parents=True)
    log(f"generating {documents:,} articles in {whole} (once; kept for the next run)")
    rng = random.Random(SEED)
    paths = []
    for number in range(documents):
        sample = SAMPLES[number % len(SAMPLES)]
        digest = hashlib.sha1(f"{SEED}:{number}".encode()).hexdigest()[:8]
        path = whole / f"{sample.stem}-{digest}{sample.suffix}"
        path.write_text(make_article(sample, rng), encoding="utf-8")
        paths.append(str(path))
    failed = [
        f"{item}: {result.message}"
        for item, result in run_documents(write_sidecar, paths, label="sidecars")
        if not isinstance(result, int)
    ]
    if failed:
        log(f"{len(failed)} articles without a sidecar, e.g. {failed[0]}")
    small.mkdir(parents=True)
    # every tenth article: the small corpus has the mix of the whole (the first tenth by name
    # would hold only the samples whose names come first)
    for path in map(Path, sorted(paths)[::SMALL_SHARE]):
        for each in (path, path.with_name(path.name + SIDECAR_SUFFIX)):
            if each.exists():
                os.link(each, small / each.name)
    stamp_file.write_text(json.dumps(stamp))
    return whole, small


# Running and measuring ----------------------------------------------------------------------


def tree_rss(process: psutil.Process) -> int:
    total = 0
    with contextlib.suppress(psutil.Error):  # the command ended
        family = [process, *process.children(recursive=True)]
        for each in family:
            with contextlib.suppress(psutil.Error):  # ended between listing and reading
                total += each.memory_info().rss
    return total


def children_cpu() -> float:
    """CPU seconds of every process waited for so far, with those they waited for (a pool's
    workers, a LocalCluster's)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], output: Path) -> dict:
    """Wall seconds, CPU seconds and peak process-tree RSS of one run, with a fresh cleaning
    cache."""
    if output.is_dir():
        shutil.rmtree(output)
    output.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="readtui-bench-cache-") as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache, "PYTHONPATH": str(REPO)}
        peak = 0
        cpu = children_cpu()
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "readtui", *command],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        watched = psutil.Process(child.pid)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(watched))
                done.wait(SAMPLE_EVERY_S)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            stdout, stderr = child.communicate(timeout=RUN_TIMEOUT_S)
        finally:
            done.set()
            sampler.join()
        seconds = time.perf_counter() - start
        cpu = children_cpu() - cpu
    if child.returncode not in (0, 1) or not output.exists():
        raise SystemExit(f"{' '.join(command)}: exit {child.returncode}: {stderr[-500:]}")
    return {"seconds": seconds, "cpu": cpu, "peak": peak}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_DOCUMENTS:,} articles instead of 20,000"
    )
    parser.add_argument("--documents", type=int, help="articles in the whole corpus")
    args = parser.parse_args()
    documents = args.documents or (QUICK_DOCUMENTS if args.quick else DOCUMENTS)
    # the generator cleans too: its cache must not be the user's, nor serve the runs below
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="readtui-bench-generator-")
    whole, small = corpus(documents)
    shutil.rmtree(os.environ["XDG_CACHE_HOME"])
    articles = {whole: documents, small: documents // SMALL_SHARE}
    work = Path(tempfile.mkdtemp(prefix="readtui-bench-", dir=OUT))
    started_load = load()
    commands = {
        "clean -o DIR": lambda folder: (["clean", str(folder), "-o", str(work / "cleaned")],
                                        work / "cleaned"),
        "export -f jsonl": lambda folder: (
            ["export", str(folder), "-f", "jsonl", "-o", str(work / "out.jsonl")],
            work / "out.jsonl",
        ),
    }  # fmt: skip
    ways = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"],
            "--dask local (2 workers)": ["--dask", "local", "--jobs", "2"]}  # fmt: skip
    results: dict[tuple[str, str, Path], dict] = {}
    try:
        for name, command in commands.items():
            for way, options in ways.items():
                arguments, output = command(whole)
                log(f"{name} {way} on {documents:,} articles...")
                results[name, way, whole] = run([*arguments, *options], output)
            arguments, output = command(small)
            log(f"{name} --jobs 2 on {articles[small]:,} articles (memory)...")
            results[name, "--jobs 2", small] = run([*arguments, "--jobs", "2"], output)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nreadtui batch benchmark: {documents:,} scraped articles, {os.cpu_count()} cores, "
          f"load average {started_load} at the start, {load()} at the end\n")  # fmt: skip
    rows = []
    for name in commands:
        base = documents / results[name, "--jobs 1", whole]["seconds"]
        for way in ways:
            result = results[name, way, whole]
            rate = documents / result["seconds"]
            verdict = ""
            if way == "--jobs 2":
                verdict = "ok" if rate / base >= TARGET_SPEEDUP else "below target"
            rows.append((f"{name} {way}", f"{result['seconds']:.1f}", f"{result['cpu']:.1f}",
                         f"{rate:,.0f}", f"{rate / base:.2f}x", f">= {TARGET_SPEEDUP}x"
                         if way == "--jobs 2" else "", verdict))  # fmt: skip
    header = ("command", "seconds", "CPU s", "docs/s", "vs --jobs 1", "target", "result")
    table(header, rows)
    print("(CPU s: of the whole process tree; a run whose CPU seconds are about its seconds had "
          "about one core to itself)")  # fmt: skip
    print()
    rows = []
    for name in commands:
        low = results[name, "--jobs 2", small]["peak"]
        high = results[name, "--jobs 2", whole]["peak"]
        ratio = high / low
        rows.append((f"{name} --jobs 2", f"{low / 2**20:,.0f} MB", f"{high / 2**20:,.0f} MB",
                     f"{ratio:.2f}", f"<= {TARGET_MEMORY_RATIO}",
                     "ok" if ratio <= TARGET_MEMORY_RATIO else "above target"))  # fmt: skip
    small_label, whole_label = f"{articles[small]:,} docs", f"{documents:,} docs"
    table(("peak RSS, process tree", small_label, whole_label, "ratio", "target", "result"), rows)
    print("(a cleaning worker grows at its first HTML page, as trafilatura loads, and at the first")
    print(" page trafilatura reads with its fallback, as justext loads the stop words of every")
    print(" language; the small corpus is every tenth article of the whole, so it has both)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
