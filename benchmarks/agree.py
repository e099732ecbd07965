"""Benchmark `readtui agree` against the floor: a bare Python process reading the same sidecars.

    python benchmarks/agree.py [--quick] [--documents N] [--keep DIR]

A corpus of 1,000 news-like articles (3-6 KB each, from benchmarks/export.py's generator and a
fixed seed) is written to a temporary folder, each with a sidecar in the SPEC format written by
readtui's own sidecar writer. alice marks 20 spans in each; bob keeps most, moves a boundary,
changes a tag, leaves some out and adds his own. Each command runs as a whole process, timed on
the wall clock from spawn to exit, best of N runs (3; 1 with --quick):

- the floor: `python -c` that json-loads each sidecar: what any agreement must at least do;
- `readtui agree DIR --a alice --b bob --json`, on every core (the default) and with --jobs 1;
- the same printing Rich tables (stdout a file: what `| less` gets).

Target (issue 11): agree over 1,000 documents in 10 s or less.
"""

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from export import make_article  # noqa: E402  (the export benchmark's article generator)

from readtui.annotations import Annotation  # noqa: E402
from readtui.cleaning import CLEANER_ID  # noqa: E402
from readtui.document import sha256_text  # noqa: E402
from readtui.store import SIDECAR_SUFFIX, render_sidecar  # noqa: E402

DOCUMENTS = 1000
SPANS = 20
SEED = 11
TARGET_S = 10.0
TAGS = ("claim", "quote", "casualty figure")

FLOOR = r"""
import json, os, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if name.endswith(".annotations.json"):
        with open(os.path.join(folder, name), encoding="utf-8") as sidecar:
            json.load(sidecar)
"""


def _bob(rng: random.Random, text: str, alice: list[tuple[int, int, str]]):
    """bob's spans: 60% as alice's, 15% a boundary moved by a word, 10% another tag, 15% left
    out, and one or two of his own."""
    spans = []
    for start, end, tag in alice:
        roll = rng.random()
        if roll < 0.6:
            spans.append((start, end, tag))
        elif roll < 0.75:
            space = text.find(" ", start + 1, end)
            spans.append((space + 1 if space > 0 else start, end, tag))
        elif roll < 0.85:
            spans.append((start, end, rng.choice([t for t in TAGS if t != tag])))
    for _ in range(rng.randint(1, 2)):
        start = rng.randrange(0, len(text) - 40)
        spans.append((start, start + rng.randint(5, 40), rng.choice(TAGS)))
    return spans


def make_corpus(folder: Path, documents: int) -> int:
    """Write NAME.txt and its sidecar (alice's and bob's spans) per article; returns the bytes
    of the sidecars."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(documents):
        rng = random.Random(f"{SEED}:{number}")
        text, candidates = make_article(rng)
        alice = [c[:3] for c in sorted(rng.sample(candidates, min(SPANS, len(candidates))))]
        rows = [
            Annotation.create(text, start, end, tag, annotator=name).to_json()
            for name, spans in (("alice", alice), ("bob", _bob(rng, text, alice)))
            for start, end, tag in spans
        ]
        source = folder / f"article-{number:05d}.txt"
        data = (text + "\n").encode("utf-8")
        source.write_bytes(data)
        header = {
            "source": source.name,
            "source_sha256": hashlib.sha256(data).hexdigest(),
            "cleaner": CLEANER_ID,
            "title": text.split("\n", 1)[0],
            "text_sha256": sha256_text(text),
            "text": text,
        }
        done = {"state": "done", "modified": "2026-11-28T10:00:00Z"}
        states = {"alice": done, "bob": done} if number % 4 else {"alice": done}
        sidecar = render_sidecar(header, rows, [], {"states": states}).encode("utf-8")
        source.with_name(source.name + SIDECAR_SUFFIX).write_bytes(sidecar)
        total += len(sidecar)
    return total


def best_of(runs: int, command: list[str], out: Path, env: dict) -> float:
    best = float("inf")
    for _ in range(runs):
        with out.open("wb") as stdout:
            began = time.perf_counter()
            completed = subprocess.run(
                command, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=600
            )
            elapsed = time.perf_counter() - began
        if completed.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {completed.stderr.decode()[-500:]}")
        best = min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of each, not three")
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the corpus here, keep it")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    work = Path(tempfile.mkdtemp(prefix="readtui-agree-bench-"))
    folder = args.keep or work / "corpus"
    try:
        size = make_corpus(folder, args.documents)
        print(f"{args.documents:,} documents, sidecars {size / 1e6:.1f} MB, best of {runs}")
        env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "120"}
        agree = [sys.executable, "-m", "readtui", "agree", str(folder), "--a", "alice"]
        agree += ["--b", "bob"]
        out = work / "out"
        floor = best_of(runs, [sys.executable, "-c", FLOOR, str(folder)], out, env)
        print(f"{'floor: json.load of each sidecar':<44} {floor:6.2f} s   1.0x")
        for label, command in (
            ("agree --json (every core)", [*agree, "--json"]),
            ("agree --json --jobs 1", [*agree, "--json", "--jobs", "1"]),
            ("agree, Rich tables (every core)", agree),
        ):
            elapsed = best_of(runs, command, out, env)
            verdict = "ok" if elapsed <= TARGET_S else f"OVER the {TARGET_S:.0f} s target"
            print(f"{label:<44} {elapsed:6.2f} s {elapsed / floor:5.1f}x  {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
