"""Benchmark `readtui export` against the floor: a bare Python process reading the same sidecars.

    python benchmarks/export.py [--quick] [--formats jsonl,conll] [--keep DIR]

A library of 2,000 news-like articles (3-6 KB each, generated from a fixed seed) with 20
annotations each is written to a temporary folder: every NAME.txt and its sidecar in the SPEC
format, written by readtui's own sidecar writer. Then each command runs as a whole process,
timed on the wall clock from spawn to exit, best of N runs (3; 1 with --quick):

- the floor: `python -c` that json-loads each sidecar and writes one json.dumps line per
  document (text and annotations) to a file: what any export must at least do;
- `python -m readtui export DIR -f FORMAT -o OUT` for each format. A format that fails (its
  module not written yet, an extra not installed) is shown as n/a with the error's line.

Outputs are removed before each run, so every run writes a new file or folder. The children's
stdout is a pipe, so the export prints its summary but no progress bar.
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

from readtui.annotations import Annotation  # noqa: E402
from readtui.cleaning import CLEANER_ID  # noqa: E402
from readtui.document import sha256_text  # noqa: E402
from readtui.store import SIDECAR_SUFFIX, render_sidecar  # noqa: E402

FORMATS = ("jsonl", "conll", "hf", "brat", "doccano", "labelstudio", "webanno", "spacy")
DOCUMENTS = 2000
ANNOTATIONS = 20
SEED = 6
TARGET_JSONL_RATIO = 3.0
# A format whose first run takes longer is not repeated: the whole benchmark stays in minutes.
SLOW_RUN_S = 20.0
RUN_TIMEOUT_S = 300

# The floor: the least an export does, in a fresh interpreter like the export's.
FLOOR = r"""
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(folder) if n.endswith(".annotations.json"))
with open(out, "w", encoding="utf-8") as handle:
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as sidecar:
            data = json.load(sidecar)
        line = {"text": data["document"]["text"], "annotations": data["annotations"]}
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
"""


# --------------------------------------------------------------------------------------------
# Articles: a title, then paragraphs of claims, quotations and casualty figures. Each sentence
# says where its annotatable spans are, so the annotations sit where an annotator puts them:
# a claim is a sentence without its full stop, a quote the words inside the quotation marks,
# a casualty figure a phrase like "at least 40 people" (often inside a claim: spans overlap).

# fmt: off
_SUBJECTS = (
    "The army", "Local officials", "Rebel commanders", "The ministry", "Aid workers", "Residents",
    "The hospital", "Police", "The regional governor", "Witnesses", "The United Nations",
)
_VERBS = ("said", "reported", "confirmed", "estimated", "warned", "told reporters")
_CLAIMS = (
    "the ceasefire would hold until {month} {day}", "about {share}% of the town had no power",
    "repairs would cost ${money} million", "the road to {place} was closed for the {ord} day",
    "shells had landed near the main square", "talks would resume in {place} on {weekday}",
)
_CASUALTIES = (
    ("at least {n} people", "killed", "had been killed in the shelling"),
    ("{n} soldiers", "injured", "were wounded before dawn"),
    ("more than {n} civilians", "missing", "were still missing after the flood"),
    ("{n} fighters", "captured", "had been taken prisoner near {place}"),
)
_TAILS = (
    "", " on {weekday}", " in a statement", ", according to {org}", " after a meeting in {place}",
)
_PLACES = ("Vesna", "Korlat", "the capital", "Dravo", "the border crossing", "Mirna", "Port Elin")
_NAMES = ("Major Ivo Sandor", "Marta Ilić", "Dr Helena Brandt", "Amina Okafor", "Lena Moreau")
_ROLES = ("an army spokesman", "the hospital’s director", "a local councillor", "an aid worker")
_QUOTES = (
    "We had started to reopen the shops", "Nobody expected the water to rise so fast",
    "That is not a violation of a ceasefire — that is the end of one",
    "We need {n} more trucks of food every week", "People are sleeping in the cellars again",
)
_ORGS = ("the Red Cross", "the interior ministry", "a UN report", "local media")
_MONTHS = ("January", "March", "May", "June", "October", "November")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDS = ("second", "third", "fourth", "fifth")
_NOTES = ("check the figure against the ministry's", "source is anonymous", "translated quote")
# fmt: on


def _fill(rng: random.Random, pattern: str) -> str:
    return pattern.format(
        n=rng.randint(2, 4000),
        share=rng.randint(5, 95),
        money=f"{rng.randint(1, 900)}.{rng.randint(0, 9)}",
        month=rng.choice(_MONTHS),
        day=rng.randint(1, 28),
        place=rng.choice(_PLACES),
        ord=rng.choice(_ORDS),
        weekday=rng.choice(_DAYS),
        org=rng.choice(_ORGS),
    )


def _sentence(rng: random.Random) -> tuple[str, list[tuple[int, int, str, dict]]]:
    """A sentence and its candidate spans (start, end, tag, attrs), offsets within it."""
    kind = rng.random()
    if kind < 0.3:
        quote = _fill(rng, rng.choice(_QUOTES))
        sentence = f"“{quote},” said {rng.choice(_NAMES)}, {rng.choice(_ROLES)}."
        return sentence, [(1, 1 + len(quote), "quote", {})]
    opening = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} that "
    spans = []
    if kind < 0.6:
        figure_pattern, casualty_kind, rest = rng.choice(_CASUALTIES)
        count = rng.randint(2, 400)
        figure = figure_pattern.replace("{n}", str(count))
        clause = f"{figure} {_fill(rng, rest)}"
        attrs = {"count": count, "kind": casualty_kind}
        spans.append((len(opening), len(opening) + len(figure), "casualty figure", attrs))
    else:
        clause = _fill(rng, rng.choice(_CLAIMS))
    body = opening + clause + _fill(rng, rng.choice(_TAILS))
    spans.append((0, len(body), "claim", {}))
    return body + ".", spans


def make_article(rng: random.Random) -> tuple[str, list[tuple[int, int, str, dict]]]:
    """A cleaned article text (title, blank line, paragraphs) and its candidate spans."""
    title = f"Fighting resumes near {rng.choice(_PLACES)} as talks stall"
    text, spans = title, []
    size = rng.randint(3000, 6000)
    while len(text.encode("utf-8")) < size:
        text += "\n\n"
        for index in range(rng.randint(2, 5)):
            if index:
                text += " "
            sentence, found = _sentence(rng)
            spans += [(len(text) + start, len(text) + end, tag, a) for start, end, tag, a in found]
            text += sentence
    return text, spans


def make_library(folder: Path, documents: int, annotations: int, seed: int) -> int:
    """Write NAME.txt and its sidecar for each article; returns the bytes of the sidecars."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(documents):
        rng = random.Random(f"{seed}:{number}")
        text, candidates = make_article(rng)
        chosen = sorted(rng.sample(candidates, min(annotations, len(candidates))))
        rows = []
        for start, end, tag, attrs in chosen:
            annotation = Annotation.create(
                text,
                start,
                end,
                tag,
                annotator=rng.choice(("alice", "bob")),
                note=rng.choice(_NOTES) if rng.random() < 0.1 else "",
                attrs=attrs,
            )
            row = annotation.to_json()
            # a few re-anchored after an edit of the source, as in a library in use
            row["status"] = rng.choices(("ok", "moved", "fuzzy"), (90, 7, 3))[0]
            rows.append(row)
        source = folder / f"article-{number:05d}.txt"
        data = (text + "\n").encode("utf-8")  # the source file; its cleaned text has no final \n
        source.write_bytes(data)
        header = {
            "source": source.name,
            "source_sha256": hashlib.sha256(data).hexdigest(),
            "cleaner": CLEANER_ID,
            "title": text.split("\n", 1)[0],
            "text_sha256": sha256_text(text),
            "text": text,
        }
        states = {"alice": {"state": "done", "modified": "2026-11-28T10:00:00Z"}}
        sidecar = render_sidecar(header, rows, [], {"states": states}).encode("utf-8")
        source.with_name(source.name + SIDECAR_SUFFIX).write_bytes(sidecar)
        total += len(sidecar)
    return total


# --------------------------------------------------------------------------------------------


def run_once(command: list[str], out: Path, env: dict) -> tuple[float, str]:
    """Wall-clock seconds of one whole process and its error line ("" when it wrote `out`)."""
    for path in out.parent.glob(f"{out.name}*"):  # OUT and files beside it: OUT.labels.json
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, f"timed out after {RUN_TIMEOUT_S} s"
    seconds = time.perf_counter() - start
    if not any(out.parent.glob(f"{out.name}*")):
        return seconds, f"exit {done.returncode}: {error_line(done.stderr)}"
    return seconds, ""


def error_line(stderr: str) -> str:
    """The line that says what went wrong: a traceback's last line, else the first line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return "no message"
    return lines[-1] if lines[0].startswith("Traceback") else lines[0]


def measure(command: list[str], out: Path, env: dict, repeats: int) -> dict:
    """Best of `repeats` runs; a run that wrote no output is an error, not a time. An exit
    status of 1 with output written means the export reported problems: still timed."""
    times = []
    for _ in range(repeats):
        seconds, error = run_once(command, out, env)
        if error:
            return {"error": error}
        times.append(seconds)
        if seconds > SLOW_RUN_S:
            break
    return {"seconds": min(times), "runs": len(times)}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_table(rows: list[tuple[str, ...]]) -> None:
    header = ("format", "seconds", "ratio", "target", "result")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of each: a smoke run")
    parser.add_argument(
        "--formats",
        default=",".join(FORMATS),
        metavar="A,B",
        help=f"formats to time (default: {','.join(FORMATS)})",
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build the library and outputs in DIR, kept"
    )
    options = parser.parse_args()
    formats = [name.strip() for name in options.formats.split(",") if name.strip()]
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        parser.error(f"unknown format {unknown[0]!r} (formats: {', '.join(FORMATS)})")
    repeats = 1 if options.quick else 3
    began = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="readtui-export-bench-") as tmp:
        work = options.keep or Path(tmp)
        library, outputs = work / "library", work / "out"
        if options.keep and library.exists():
            parser.error(f"{library}: exists already (name a new folder)")
        outputs.mkdir(parents=True, exist_ok=True)
        # no user config: the tags (and so the labels) are readtui's defaults
        env = {**os.environ, "XDG_CONFIG_HOME": str(work / "config")}
        log(f"writing {DOCUMENTS} articles with {ANNOTATIONS} annotations each ...")
        started = time.perf_counter()
        sidecar_bytes = make_library(library, DOCUMENTS, ANNOTATIONS, SEED)
        made_in = time.perf_counter() - started

        log(f"floor: json.load + json.dumps in a fresh python, {repeats} runs ...")
        floor_out = outputs / "floor.jsonl"
        floor = measure(
            [sys.executable, "-c", FLOOR, str(library), str(floor_out)], floor_out, env, repeats
        )
        results = {}
        for name in formats:
            log(f"readtui export -f {name}, {repeats} runs ...")
            out = outputs / f"export-{name}"
            command = [sys.executable, "-m", "readtui", "export", str(library), "-f", name]
            results[name] = measure([*command, "-o", str(out)], out, env, repeats)

    print()
    print(
        f"readtui export benchmark ({'quick' if options.quick else 'full'} run, "
        f"{time.monotonic() - began:.0f} s, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, {len(os.sched_getaffinity(0))} usable)"
    )
    print(
        f"library: {DOCUMENTS} articles, {DOCUMENTS * ANNOTATIONS} annotations, "
        f"{sidecar_bytes / 1e6:.1f} MB of sidecars (written in {made_in:.1f} s)"
    )
    print(f"seconds: wall clock of the whole process, best of {repeats}; ratio: to the floor")
    once = [name for name, result in results.items() if result.get("runs", repeats) < repeats]
    if once:
        print(f"run once (the first run took over {SLOW_RUN_S:g} s): {', '.join(once)}")
    if "error" in floor:
        print(f"the floor failed: {floor['error']}")
        return 1
    rows, notes = [("floor (json.load/dumps)", f"{floor['seconds']:.2f}", "1.00x", "", "")], []
    for name, result in results.items():
        if "error" in result:
            rows.append((name, "n/a", "", "", ""))
            notes.append(f"{name}: {result['error']}")
            continue
        ratio = result["seconds"] / floor["seconds"]
        target, verdict = "", ""
        if name == "jsonl":
            target = f"<= {TARGET_JSONL_RATIO:g}x"
            verdict = "PASS" if ratio <= TARGET_JSONL_RATIO else "FAIL"
        rows.append((name, f"{result['seconds']:.2f}", f"{ratio:.2f}x", target, verdict))
    print_table(rows)
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
