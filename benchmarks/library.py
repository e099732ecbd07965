"""Benchmark the library screen on a corpus of 5,000 articles, against a bare Textual app.

    python benchmarks/library.py [--articles N] [--quick]

The corpus (generated once from a fixed seed, kept in benchmarks/out/, which git ignores):
news-like articles of 3-6 KB, .txt, .md and .html, 70% of them with a sidecar written by
readtui's own sidecar writer over the cleaned text, with annotations by six annotators and their
`states` (done, in progress); two sidecars are broken (not JSON), one has an orphan annotation.

Each run is a fresh interpreter that starts the app headless (`App.run_test`, 120x40) and
records every frame the app draws (a hook on `App._display`). Times are seconds from the app's
start (just before the App object is made):

- bare: a bare Textual app (a Static, an Input, a Footer) until its first frame: the
  baseline, measured in the same run; the ratios below are to it; and keys typed into its
  Input, to the frame that shows them: what any typed key costs here;
- readtui on the corpus folder, with an empty document cache (cold) and again with the cache
  the first run left (warm):
  - rows: the first frame showing rows in the library's table (file names at first),
  - first titles: the first frame after the first articles were read (their titles and
    counts on screen),
  - all rows: the first frame after every article was read (the cheap pass: sidecars and the
    first lines of the sources),
  - cleaned: when the library has nothing left to do (articles without a sidecar, or whose
    source changed, cleaned in the background);
- filter keys: from a key sent to the app (as the terminal would) to the first frame drawn
  after the library applied the filter (wall clock), and the app thread's CPU time over the
  same span (which other processes on a shared machine do not add to). Typed while the rows
  load (from the end of the app's start-up, a moment after the first rows), while the library
  cleans in the background, and after everything is loaded: a word typed and rubbed out,
  again and again, and `f4` (the state filter) where the library has it. Typing makes the
  library's reading threads wait (see LibraryScreen._hold_reading): "all rows" includes it.

The child calls gc.freeze() before starting the app, as `readtui` does (cli, run_app).
"""

import argparse
import asyncio
import functools
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(REPO))

SIZE = (120, 40)
SEED = 11
ARTICLES = 5000
ANNOTATORS = ("alice", "bob", "carol", "dmitri", "eve", "farid")
ME = "alice"
RUN_TIMEOUT_S = 900
KEY_GAP_S = 0.03  # a fast typist: a key every 30 ms
TYPED = ["f", "i", "r", "e", "backspace", "backspace", "backspace", "backspace"]
MAX_KEYS_A_PHASE = 40
TYPED_AFTER = TYPED * 3 + ["q", "u", "a", "backspace", "backspace", "backspace"]
STATE_KEYS = ["f4"] * 5  # all -> not done -> in progress -> done -> needs review -> all

TARGET_FIRST_ROWS_S = 1.0
TARGET_ALL_ROWS_S = 10.0
TARGET_KEY_MS = 50.0
LOAD_AT_START = [0.0, 0.0, 0.0]  # other processes share the cores: said with the figures

# fmt: off
_EVENTS = (
    "Fire", "Flood", "Quake", "Ceasefire", "Election", "Strike", "Ferry", "Mudslide", "Protest",
    "Riot", "Blast", "Drought", "Convoy", "Bridge", "Hostage", "Market", "Dam", "Storm",
)
_WHATS = (
    "kills {n}", "leaves {n} missing", "forces {n} families out", "talks stall",
    "inquiry opens", "toll rises to {n}", "aid arrives", "army denies report", "{n} arrested",
)
# fmt: on


def _title(rng: random.Random, number: int) -> str:
    from export import _PLACES  # noqa: PLC0415  (this folder is on sys.path)

    what = rng.choice(_WHATS).format(n=rng.randint(2, 400))
    return f"{rng.choice(_EVENTS)} near {rng.choice(_PLACES)}: {what} (no. {number})"


def _source(kind: str, title: str, body: str) -> str:
    if kind == "md":
        return f"# {title}\n\n{body}\n"
    if kind == "html":
        paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
        return (
            f"<!doctype html><html><head><title>{title}</title></head><body>\n"
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>\n'
            f"<article><h1>{title}</h1>\n{paragraphs}</article>\n"
            f"<footer>© News Agency</footer></body></html>\n"
        )
    return f"{title}\n\n{body}\n"


def make_corpus(folder: Path, articles: int) -> dict:
    """Write the corpus (sources, sidecars); returns what it holds."""
    from export import make_article

    from readtui.annotations import Annotation
    from readtui.document import load_document
    from readtui.store import document_header, render_sidecar, sidecar_path

    folder.mkdir(parents=True)
    facts = {"articles": articles, "sidecars": 0, "annotations": 0, "broken": 0}
    for number in range(articles):
        rng = random.Random(f"{SEED}:{number}")
        text, spans = make_article(rng)
        title = _title(rng, number)
        body = text.split("\n\n", 1)[1]
        kind = rng.choices(("txt", "md", "html"), (60, 25, 15))[0]
        path = folder / f"article-{number:05d}.{'html' if kind == 'html' else kind}"
        path.write_text(_source(kind, title, body), encoding="utf-8")
        if rng.random() >= 0.7:
            continue
        if number in (7, 4321 % articles):
            sidecar_path(path).write_text('{"schema": "readtui.annotations/1", "doc', "utf-8")
            facts["broken"] += 1
            continue
        document = load_document(path)  # the cleaned text the annotations are made on
        rows = []
        annotators = rng.sample(ANNOTATORS, rng.randint(1, 3))
        states = {}
        for annotator in annotators:
            for start, end, tag, attrs in rng.sample(spans, min(len(spans), rng.randint(0, 8))):
                phrase = text[start:end]
                found = document.text.find(phrase)
                if found < 0:
                    continue
                annotation = Annotation.create(
                    document.text, found, found + len(phrase), tag, annotator, attrs=attrs
                )
                rows.append(annotation.to_json())
            state = rng.choices(("done", "in progress", None), (50, 30, 20))[0]
            if state:
                states[annotator] = {"state": state, "modified": "2026-11-28T10:00:00Z"}
        if number == 11 and rows:
            rows[0]["status"] = "orphan"
        extra = {"states": dict(sorted(states.items()))} if states else {}
        sidecar = render_sidecar(document_header(document), rows, [], extra)
        sidecar_path(path).write_text(sidecar, encoding="utf-8")
        facts["sidecars"] += 1
        facts["annotations"] += len(rows)
    return facts


def corpus(articles: int) -> tuple[Path, dict]:
    """The corpus for `articles`, made once (the cleaner's own cache kept apart from runs')."""
    folder = OUT / f"library-{articles}"
    stamp = folder / "corpus.json"
    if stamp.exists():
        return folder / "articles", json.loads(stamp.read_text())
    if folder.exists():
        shutil.rmtree(folder)
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache-of-the-generator")
    log(f"writing {articles} articles and their sidecars to {folder} (once) ...")
    started = time.perf_counter()
    facts = make_corpus(folder / "articles", articles)
    facts["seconds to make"] = round(time.perf_counter() - started, 1)
    shutil.rmtree(folder / "cache-of-the-generator", ignore_errors=True)
    stamp.write_text(json.dumps(facts))
    return folder / "articles", facts


# --------------------------------------------------------------------------------------------
# The child: one app, timed from the inside.


def _key_event(key: str):
    from textual import events

    return events.Key(key, key if len(key) == 1 else None)


async def run_bare() -> dict:
    """A bare app's first frame; and keys typed into its one Input (with a Static and a
    Footer beside), to the frame that shows the change: what any typed key costs."""
    from textual.app import App
    from textual.widgets import Footer, Input, Static

    applied: list[float] = []

    class Bare(App):
        def compose(self):
            yield Static("Hello from a bare Textual app")
            yield Input()
            yield Footer()

        def on_mount(self) -> None:
            # as the library does: told as the key changes the box, not by its Changed message
            # (handled after the frame that shows the box changed)
            self.watch(self.query_one(Input), "value", self.typed, init=False)

        def typed(self) -> None:
            applied.append(time.perf_counter())

    start = time.perf_counter()
    app = Bare()
    frames = _record_frames(app)
    keys = []
    async with app.run_test(size=SIZE) as pilot:
        while not frames:
            await asyncio.sleep(0.001)
        first = frames[0] - start
        await pilot.pause()
        for key in TYPED_AFTER:
            before = len(applied)
            sent, cpu = time.perf_counter(), time.thread_time()
            app._driver.send_message(_key_event(key))
            while len(applied) == before or frames[-1] < applied[before]:
                await asyncio.sleep(0.001)
            shown = next(frame for frame in frames if frame >= applied[before])
            cpu = time.thread_time() - cpu
            keys.append(
                {"key": key, "phase": "idle", "ms": (shown - sent) * 1000, "cpu ms": cpu * 1000}
            )
            await asyncio.sleep(KEY_GAP_S)
    return {"first frame": first, "keys": keys}


def _record_frames(app) -> list[float]:
    frames: list[float] = []
    display = app._display

    def recording(screen, renderable):
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = recording
    return frames


async def run_readtui(folder: Path) -> dict:
    from readtui.config import Config
    from readtui.tui.app import ReadtuiApp
    from readtui.tui.screens import library as library_module

    applied: list[float] = []  # when the library finished applying a filter
    screen_class = library_module.LibraryScreen
    for name in ("on_input_changed", "filter_typed", "action_cycle_state_filter"):
        original = getattr(screen_class, name, None)
        if original is None:
            continue

        @functools.wraps(original)  # Textual calls a watcher with as many values as it takes
        def timed(self, *args, _original=original):
            result = _original(self, *args)
            applied.append(time.perf_counter())
            return result

        setattr(screen_class, name, timed)

    start = time.perf_counter()
    app = ReadtuiApp([folder], Config(annotator=ME))
    frames = _record_frames(app)
    out: dict = {"keys": []}

    def frame_after(moment: float) -> float | None:
        return next((frame for frame in frames if frame >= moment), None)

    async def until(condition, timeout: float = RUN_TIMEOUT_S) -> float:
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError
            await asyncio.sleep(0.002)
        return time.perf_counter()

    def library():
        screen = app.library
        return screen if screen is not None and screen.is_attached else None

    def loaded() -> int:
        return sum(article.loaded for article in library().articles.values())

    def busy() -> bool:
        return any(worker.is_running for worker in library().workers)

    moments: dict[str, float] = {}  # when the library got there (shown at the next frame)

    async def watch(total: int) -> None:
        while "cleaned" not in moments:
            count, now = loaded(), time.perf_counter()
            if count:
                moments.setdefault("first titles", now)
            if count == total:
                moments.setdefault("all rows", now)
                if not busy():
                    moments["cleaned"] = now
            await asyncio.sleep(0.005)

    def phase() -> str:
        if "all rows" not in moments:
            return "rows loading"
        return "idle" if "cleaned" in moments else "cleaning"

    async def press(key: str) -> None:
        before, now = len(applied), phase()
        sent, cpu = time.perf_counter(), time.thread_time()
        app._driver.send_message(_key_event(key))
        await until(lambda: len(applied) > before, timeout=120)
        handled = applied[before]
        await until(lambda: frame_after(handled) is not None, timeout=120)
        shown = frame_after(handled)
        cpu = time.thread_time() - cpu
        out["keys"].append(
            {"key": key, "phase": now, "ms": (shown - sent) * 1000, "cpu ms": cpu * 1000}
        )
        await asyncio.sleep(KEY_GAP_S)

    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: library() is not None and library().query_one("#articles").row_count)
        await until(lambda: frame_after(0) is not None)
        out["rows"] = frame_after(0) - start
        total = len(library().articles)
        watching = asyncio.create_task(watch(total))
        # typing starts once the app has finished starting (its footer is still being built
        # with the first rows on screen), as a person's would
        await pilot.pause()
        # a word typed and rubbed out, again and again, while the rows load and then while
        # the library cleans in the background (each cycle ends with the filter box empty)
        for wanted in ("rows loading", "cleaning"):
            await until(lambda wanted=wanted: phase() in (wanted, "idle"))
            typed = 0
            while (phase() == wanted and typed < MAX_KEYS_A_PHASE) or typed % len(TYPED):
                await press(TYPED[typed % len(TYPED)])
                typed += 1
        await watching
        for moment, reached in moments.items():
            await until(lambda reached=reached: frame_after(reached) is not None)
            out[moment] = frame_after(reached) - start
        has_state_filter = hasattr(screen_class, "action_cycle_state_filter")
        for key in TYPED_AFTER + (STATE_KEYS if has_state_filter else []):
            await press(key)
        out["articles"] = total
    return out


def child(kind: str, folder: str | None, spawned: float) -> None:
    import textual.app  # noqa: F401  (imports are part of spawn -> app start)

    if kind == "readtui":
        import readtui.tui.app  # noqa: F401
        import readtui.tui.screens.library  # noqa: F401
    started = time.time()
    # as `readtui` starts the app (cli.run_open, run_app): what the imports made is set aside
    # from the garbage collector
    gc.freeze()
    result = asyncio.run(run_bare() if kind == "bare" else run_readtui(Path(folder)))
    result["spawn to app start"] = started - spawned
    print("BENCH " + json.dumps(result), flush=True)
    os._exit(0)  # not waiting for the library's workers: the run is over


def run_child(kind: str, folder: Path | None, cache_home: Path) -> dict:
    environment = dict(os.environ)
    environment["XDG_CACHE_HOME"] = str(cache_home)
    environment["XDG_CONFIG_HOME"] = str(cache_home / "no-config")
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), environment.get("PYTHONPATH")])
    )
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(folder)]
    command.append(repr(time.time()))
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=environment
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {RUN_TIMEOUT_S} s"}
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(line[6:])


# --------------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _key_summary(keys: list[dict], phase: str) -> tuple[str, ...]:
    """Count, median and max of the wall-clock times; median and max of the CPU times."""
    chosen = [key for key in keys if key["phase"] == phase]
    if not chosen:
        return ("0", "", "", "", "")
    figures = []
    for measure in ("ms", "cpu ms"):
        times = [key[measure] for key in chosen]
        figures += [f"{statistics.median(times):.1f}", f"{max(times):.1f}"]
    return (str(len(chosen)), *figures)


def print_report(facts: dict, bare: dict, runs: dict[str, dict]) -> None:
    print()
    print(
        f"library benchmark: {facts['articles']} articles, {facts['sidecars']} sidecars "
        f"({facts['broken']} broken), {facts['annotations']} annotations; terminal "
        f"{SIZE[0]}x{SIZE[1]}; Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {LOAD_AT_START[0]:.1f} at the start"
    )
    base = bare["first frame"]
    print(f"bare Textual app, first frame: {base:.3f} s (the baseline of the ratios)")
    spawns = ", ".join(
        f"{name} {run['spawn to app start']:.2f} s"
        for name, run in {"bare": bare, **runs}.items()
        if "spawn to app start" in run
    )
    print(f"not counted below, from spawning the interpreter to the app's start: {spawns}")
    print()
    header = ("run", "moment", "seconds", "ratio", "target", "result")
    rows = []
    for name, run in runs.items():
        if "error" in run:
            rows.append((name, "error", run["error"], "", "", ""))
            continue
        for moment, target in (
            ("rows", None),
            ("first titles", TARGET_FIRST_ROWS_S),
            ("all rows", TARGET_ALL_ROWS_S),
            ("cleaned", None),
        ):
            seconds = run.get(moment)
            if seconds is None:
                rows.append((name, moment, "n/a", "", "", ""))
                continue
            verdict = "" if target is None else ("PASS" if seconds <= target else "FAIL")
            rows.append(
                (
                    name,
                    moment,
                    f"{seconds:.3f}",
                    f"{seconds / base:.1f}x",
                    "" if target is None else f"<= {target:g} s",
                    verdict,
                )
            )
    _print_table(header, rows)
    print()
    header = (
        "run", "keys typed while", "keys", "median ms", "max ms", "cpu median", "cpu max",
        "target", "result",
    )  # fmt: skip
    rows = [("bare", "(an Input alone)", *_key_summary(bare["keys"], "idle"), "", "")]
    for name, run in runs.items():
        for phase in ("rows loading", "cleaning", "idle"):
            figures = _key_summary(run.get("keys", []), phase)
            if figures[0] == "0":
                continue
            verdict = "PASS" if float(figures[2]) < TARGET_KEY_MS else "FAIL"
            rows.append((name, phase, *figures, f"< {TARGET_KEY_MS:g}", verdict))
    _print_table(header, rows)
    print(
        "ms: from the key sent to the frame showing its rows (wall clock); cpu: the app "
        "thread's CPU time over the same span (what other processes on the machine do not "
        "add to)"
    )


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:{'<' if i < 2 else '>'}{w}}}" for i, w in enumerate(widths))
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, folder, spawned = sys.argv[2:5]
        child(kind, folder, float(spawned))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=ARTICLES, help="corpus size")
    parser.add_argument("--quick", action="store_true", help="the cold run only")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    options = parser.parse_args()
    LOAD_AT_START[:] = os.getloadavg()
    folder, facts = corpus(options.articles)
    caches = OUT / f"library-{options.articles}" / "caches"
    shutil.rmtree(caches, ignore_errors=True)
    log("bare Textual app ...")
    bare = run_child("bare", None, caches / "bare")
    if "error" in bare:
        print(f"the bare app failed: {bare['error']}")
        return 1
    runs = {}
    log("readtui, document cache empty ...")
    runs["cold"] = run_child("readtui", folder, caches / "readtui")
    if not options.quick:
        log("readtui, document cache as the first run left it ...")
        runs["warm"] = run_child("readtui", folder, caches / "readtui")
    print_report(facts, bare, runs)
    if options.json:
        options.json.write_text(json.dumps({"corpus": facts, "bare": bare, "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
