"""Benchmark the article cleaner on the shared cleaning pages: quality and speed.

For every NAME in the pages folder, each scraped layout (NAME.scraped.txt, .innertext.txt,
.lines.txt, .wrapped.txt) and NAME.html are cleaned as readtui cleans them (without the cache);
the body (every block but the title) goes to OUT/LAYOUT/NAME.clean.txt and is scored against
NAME.truth.txt with the folder's own score.py (bag-of-words precision, recall, F1). HTML is
shown beside trafilatura alone, the extractor it starts from, with the pages where cleaning
lost recall that trafilatura had; then the five worst pages of each input and the words of the
truth they lost; then the time to clean a 50 KB and a 1 MB scraped page against the targets.

    python benchmarks/cleaning.py [PAGES] [--out OUT] [--worst N]
"""

import argparse
import importlib.util
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from readtui.cleaning.scraped import LARGE_TEXT  # noqa: E402
from readtui.document import Document, decode, document_from_text  # noqa: E402

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared/bench/cleaning/pages"
DEFAULT_OUT = REPO / "benchmarks/out"
# Each input benchmarked: the pages' file suffix and readtui's kind for it.
INPUTS = {
    "scraped": (".scraped.txt", "txt"),
    "innertext": (".innertext.txt", "txt"),
    "lines": (".lines.txt", "txt"),
    "wrapped": (".wrapped.txt", "txt"),
    "html": (".html", "html"),
}
TRAFILATURA = "trafilatura"
RECALL_TOLERANCE = 0.02  # HTML cleaning may lose at most this much of trafilatura's recall
LOST_SAMPLE_WORDS = 12
# Speed targets (issue 8): a typical scraped page, and a page near the largest that is cleaned.
TYPICAL_PAGE_CHARS = 50_000
TYPICAL_TARGET_SECONDS = 0.05
LARGE_PAGE_CHARS = LARGE_TEXT  # a text over this is taken as clean text, not searched
LARGE_TARGET_SECONDS = 0.5


def load_scorer(pages: Path):
    """The pages folder's score.py, so that figures here are the ones it prints."""
    spec = importlib.util.spec_from_file_location("cleaning_score", pages.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def body_text(document: Document) -> str:
    """The cleaned text without the title: what the truth files hold."""
    return "\n\n".join(
        document.text[block.start : block.end] for block in document.blocks if block.kind != "title"
    )


def clean_file(source: Path, kind: str) -> str:
    text = decode(source.read_bytes())[0]
    return body_text(document_from_text(text, kind))


def trafilatura_alone(source: Path, _kind: str) -> str:
    """The benchmark README's reference: trafilatura's own text, no rules after it."""
    import trafilatura

    return trafilatura.extract(decode(source.read_bytes())[0], include_comments=False) or ""


def run(pages: Path, out: Path, suffix: str, kind: str, cleaner, scorer) -> tuple[list, float]:
    """Clean every page with `cleaner`, write the outputs, score them: (rows, seconds)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    seconds = 0.0
    for truth_path in sorted(pages.glob("*.truth.txt")):
        name = truth_path.name[: -len(".truth.txt")]
        source = pages / f"{name}{suffix}"
        started = time.perf_counter()
        cleaned = cleaner(source, kind) if source.exists() else ""
        seconds += time.perf_counter() - started
        (out / f"{name}.clean.txt").write_text(cleaned, encoding="utf-8")
        truth = truth_path.read_text(encoding="utf-8")
        precision, recall, f1, *_ = scorer.prf(truth, cleaned)
        rows.append(
            {"name": name, "p": precision, "r": recall, "f1": f1, "truth": truth, "out": cleaned}
        )
    return rows, seconds


def means(rows: list) -> str:
    p, r, f1 = (statistics.mean(row[key] for row in rows) for key in ("p", "r", "f1"))
    return f"P={p:.3f}  R={r:.3f}  F1={f1:.3f}"


def lost_words(truth: str, cleaned: str, scorer) -> tuple[int, int, str]:
    """(words of the truth missing from the output, truth words, the first few, in order)."""
    truth_words = scorer.tokens(truth)
    missing = Counter(truth_words) - Counter(scorer.tokens(cleaned))
    lost = sum(missing.values())
    sample = []
    for word in scorer.tokens(truth, case_sensitive=True):
        if len(sample) == LOST_SAMPLE_WORDS:
            break
        if missing[word.lower()] > 0:
            missing[word.lower()] -= 1
            sample.append(word)
    return lost, len(truth_words), " ".join(sample)


def print_worst(label: str, rows: list, count: int, scorer) -> None:
    print(f"\n{label}: the {count} worst pages")
    for row in sorted(rows, key=lambda row: row["f1"])[:count]:
        lost, total, sample = lost_words(row["truth"], row["out"], scorer)
        print(f"  {row['name']:36} P={row['p']:.3f} R={row['r']:.3f} F1={row['f1']:.3f}")
        extra = len(scorer.tokens(row["out"])) - (total - lost)
        print(
            f"    lost {lost} of {total} words"
            + (f": {sample} ..." if lost else "")
            + f"  ({extra} words kept that the truth lacks)"
        )


def print_recall_deficits(html: list, alone: list) -> None:
    """Pages where the rules after trafilatura removed body it had kept."""
    deficits = sorted(
        ((base["r"] - row["r"], row["name"]) for row, base in zip(html, alone, strict=True)),
        reverse=True,
    )
    over = [(gap, name) for gap, name in deficits if gap > RECALL_TOLERANCE]
    gap, name = deficits[0]
    print(
        f"html recall below trafilatura's by more than {RECALL_TOLERANCE}: {len(over)} pages"
        f"  (largest deficit {max(gap, 0.0):.3f}, {name})"
    )
    for gap, name in over:
        print(f"  {name:36} -{gap:.3f}")


def built_page(pages: Path, chars: int) -> str:
    """Scraped dev pages joined one after another and cut at a block end just under `chars`
    characters: a page of that size with the furniture and the prose of real ones (the dev
    pages themselves are 1-31 KB)."""
    texts = [decode(path.read_bytes())[0] for path in sorted(pages.glob("*.scraped.txt"))]
    joined = "\n\n".join(texts * (chars // sum(map(len, texts)) + 1))
    return joined[: joined.rfind("\n\n", 0, chars)]


def clean_seconds(text: str, runs: int) -> float:
    """The median time to clean `text` as a scraped .txt page (decoded, not cached)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        document_from_text(text, "txt")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def print_speed(pages: Path) -> None:
    print("\nspeed (scraped layout, median of runs)")
    for label, chars, runs, target in (
        ("typical", TYPICAL_PAGE_CHARS, 7, TYPICAL_TARGET_SECONDS),
        ("large", LARGE_PAGE_CHARS, 3, LARGE_TARGET_SECONDS),
    ):
        text = built_page(pages, chars)
        seconds = clean_seconds(text, runs)
        verdict = "ok" if seconds <= target else "TOO SLOW"
        print(
            f"  {label:8} {len(text.encode()) / 1000:7.0f} KB  {seconds * 1000:7.1f} ms"
            f"  (target <= {target * 1000:.0f} ms)  {verdict}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--worst", type=int, default=5, help="worst pages shown per input")
    args = parser.parse_args(argv)
    if not (args.pages / "../score.py").resolve().exists():
        parser.error(f"{args.pages}: no score.py beside this pages folder")
    scorer = load_scorer(args.pages)
    results = {}
    for label, (suffix, kind) in INPUTS.items():
        rows, seconds = run(args.pages, args.out / label, suffix, kind, clean_file, scorer)
        results[label] = rows
        print(f"{label:11} pages={len(rows)}  {means(rows)}  ({seconds:.1f}s cleaning)")
    alone, seconds = run(
        args.pages, args.out / TRAFILATURA, ".html", "html", trafilatura_alone, scorer
    )
    print(f"{TRAFILATURA:11} pages={len(alone)}  {means(alone)}  ({seconds:.1f}s, html alone)")
    print_recall_deficits(results["html"], alone)
    for label, rows in results.items():
        print_worst(label, rows, args.worst, scorer)
    print_speed(args.pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
