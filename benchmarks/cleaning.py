"""Benchmark the article cleaner on the shared cleaning pages.

For every NAME in the pages folder, NAME.scraped.txt and NAME.html are cleaned as readtui
loads them; the body (every block but the title) goes to OUT/scraped/NAME.clean.txt and
OUT/html/NAME.clean.txt, and the folder's own score.py compares them with NAME.truth.txt.

    python benchmarks/cleaning.py [PAGES] [--out OUT]
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from readtui.document import Document, load_document  # noqa: E402

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared/bench/cleaning/pages"
DEFAULT_OUT = REPO / "benchmarks/out"
# Input suffix for each cleaner benchmarked, and the output folder it writes.
INPUTS = {"scraped": ".scraped.txt", "html": ".html"}


def body_text(document: Document) -> str:
    """The cleaned text without the title: what the truth files hold."""
    return "\n\n".join(
        document.text[block.start : block.end] for block in document.blocks if block.kind != "title"
    )


def clean_pages(pages: Path, out: Path, suffix: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in sorted(pages.glob(f"*{suffix}")):
        name = source.name[: -len(suffix)]
        (out / f"{name}.clean.txt").write_text(body_text(load_document(source)), encoding="utf-8")
        count += 1
    return count


def score(pages: Path, cleaned: Path) -> dict:
    """Mean precision, recall and F1 from the pages folder's score.py."""
    report = cleaned.with_suffix(".json")
    subprocess.run(
        [
            sys.executable,
            str(pages.parent / "score.py"),
            str(pages),
            str(cleaned),
            "--quiet",
            "--json",
            str(report),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(report.read_text(encoding="utf-8"))["mean"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.pages / "../score.py").resolve().exists():
        parser.error(f"{args.pages}: no score.py beside this pages folder")
    for label, suffix in INPUTS.items():
        started = time.perf_counter()
        count = clean_pages(args.pages, args.out / label, suffix)
        seconds = time.perf_counter() - started
        mean = score(args.pages, args.out / label)
        print(
            f"{label:8} pages={count}  P={mean['precision']:.3f}  R={mean['recall']:.3f}"
            f"  F1={mean['f1']:.3f}  ({seconds:.1f}s cleaning)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
