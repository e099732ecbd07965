"""Start-up seen from outside the process, in a real terminal: used by benchmarks/reader.py.

Each run launches a program in a new tmux session (a private tmux server, so the user's own
sessions are never touched) and polls `tmux capture-pane` every few milliseconds until the
expected text is on screen: a bare Textual app showing one Static with a known text (the
baseline), and `python -m readtui FILE` showing the start of the article (its first line, as
the reader draws it below the title bar). Unlike the in-process measure, this counts what a user
waits for: the interpreter, every import, the app's own start, the escape codes written to the
terminal and the terminal drawing them.

Alone, over the sample articles (the part of benchmarks/reader.py that takes the longest):

    python benchmarks/startup_tmux.py [--repeats N] [--only NAME ...]

The time runs from just before `tmux new-session` to the end of the first capture that shows
the text: it overstates the start-up by the tmux client's start and up to one poll, alike for
both sides; the ratio to the bare app measured the same way in the same run is what counts.
Each run of readtui follows a run of the bare app, and the ratio is taken pair by pair: the
machine's speed drifts by tens of percent over minutes (neighbours on a shared machine), and a
baseline measured minutes apart would make that drift look like readtui's.
"""

import argparse
import contextlib
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (120, 40)
POLL = 0.004  # seconds between two captures
# No capture before this: no program paints so soon (the bare app takes some 0.26 s), and a
# capture is a process of its own, which would take CPU from the start-up it measures
FIRST_CAPTURE = 0.15
TIMEOUT = 15.0  # seconds for one start-up
TARGET_RATIO = 1.3
BARE_TEXT = "Hello from a bare Textual app"

BARE_APP = f'''
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("{BARE_TEXT}")


Bare().run()
'''


def first_words(line: str, limit: int = 40) -> str:
    """The start of a line, cut at a word boundary: it fits on one row of the reader."""
    words = line.split()
    shown = words[0][:limit] if words else ""
    for word in words[1:]:
        if len(shown) + 1 + len(word) > limit:
            break
        shown += " " + word
    return shown


class Terminal:
    """A private tmux server; `time_until` runs one program in a fresh session of it."""

    def __init__(self, folder: Path, env: dict):
        self.socket = f"readtui-bench-{os.getpid()}"
        self.env = env
        self.folder = folder
        self.count = 0

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            env=self.env,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]}: {done.stderr.strip()}")
        return done.stdout

    def __enter__(self) -> "Terminal":
        # a session that waits, so the server is up (and stays up) before the first timed run
        self.tmux("new-session", "-d", "-s", "hold", "-x", "80", "-y", "24", "cat")
        self.tmux("set-option", "-g", "remain-on-exit", "on")  # a crash leaves its message
        self.tmux("set-option", "-g", "default-terminal", "tmux-256color")
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()
        return self

    def __exit__(self, *exc) -> None:
        self.tmux("kill-server", check=False)
        with contextlib.suppress(OSError):  # the server leaves its socket file behind
            os.unlink(self.socket_path)

    def time_until(
        self, command: list[str], expected: str, below_row: int = 0, env: dict | None = None
    ) -> dict:
        """Seconds from launch until `expected` is on a row at or below `below_row`."""
        self.count += 1
        name = f"run{self.count}"
        extra = [arg for item in (env or {}).items() for arg in ("-e", "=".join(item))]
        start = time.monotonic()
        pid = int(
            self.tmux(
                "new-session",
                "-d",
                "-P",
                "-F",
                "#{pane_pid}",
                "-s",
                name,
                "-x",
                str(SIZE[0]),
                "-y",
                str(SIZE[1]),
                "-c",
                str(self.folder),
                *extra,
                *command,
            )
        )
        result: dict = {}
        time.sleep(max(0.0, start + FIRST_CAPTURE - time.monotonic()))
        try:
            while True:
                rows = self.tmux("capture-pane", "-p", "-t", name).split("\n")
                now = time.monotonic()
                if any(expected in row for row in rows[below_row:]):
                    result["shown"] = now - start
                    break
                if now - start > TIMEOUT:
                    last = [row.strip() for row in rows if row.strip()]
                    result["error"] = f"not shown in {TIMEOUT:.0f} s; screen ends: {last[-3:]}"
                    break
                time.sleep(POLL)
        finally:
            self.tmux("kill-session", "-t", name, check=False)
            self._wait_gone(pid)
        return result

    @staticmethod
    def _wait_gone(pid: int) -> None:
        """The app is gone before the next run starts, so it takes no CPU from it."""
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.005)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # the program this run started, by its id


def measure(samples: list[Path], tmp: Path, env: dict, repeats: int) -> dict:
    """Each sample first opened and reopened, each run paired with a run of the bare app just
    before it, so that the machine's drift (a busy neighbour, a CPU slowing down) hits both
    sides of each ratio alike. `env` is the children's environment, with XDG_CACHE_HOME the
    shared (warm) cache; a first open gets an empty cache folder of its own.
    """
    from readtui.document import load_document

    folder = tmp / "tmux"
    folder.mkdir()
    config_home = folder / "config"  # no user config: the defaults, as on a fresh install
    config_home.mkdir()
    env = {**env, "XDG_CONFIG_HOME": str(config_home), "COLORTERM": "truecolor"}
    bare_script = folder / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    bare = [sys.executable, str(bare_script)]
    expected = {
        path.name: first_words(load_document(path).text.split("\n", 1)[0]) for path in samples
    }

    def readtui(path):
        return [sys.executable, "-m", "readtui", str(path)]

    runs: dict = {"expected": expected, "repeats": repeats}
    for kind in ("first", "reopen"):
        runs[kind] = {path.name: [] for path in samples}  # (bare run, readtui run) pairs
    with Terminal(folder, env) as terminal:
        shared = {"XDG_CACHE_HOME": env["XDG_CACHE_HOME"]}
        # untimed: the file and bytecode caches, and the document cache for the reopens
        terminal.time_until(bare, BARE_TEXT)
        failed = set()  # not timed: each run would wait for the timeout
        for path in samples:
            warm = terminal.time_until(readtui(path), expected[path.name], 1, shared)
            if "error" in warm:
                failed.add(path.name)
                runs["first"][path.name].append(({}, warm))
        for round_ in range(repeats):
            for index, path in enumerate(samples):
                if path.name in failed:
                    continue
                cold = {"XDG_CACHE_HOME": str(folder / f"cache-{round_}-{index}")}
                for kind, cache in (("first", cold), ("reopen", shared)):
                    baseline = terminal.time_until(bare, BARE_TEXT)
                    run = terminal.time_until(readtui(path), expected[path.name], 1, cache)
                    runs[kind][path.name].append((baseline, run))
    runs["command"] = shlex.join(readtui(Path("FILE")))
    return runs


def _median(runs: list[dict]) -> float | None:
    shown = [run["shown"] for run in runs if "shown" in run]
    return statistics.median(shown) if shown else None


def _ratio(pairs: list[tuple[dict, dict]]) -> float | None:
    """The median over the runs of a run's time over its bare run's."""
    ratios = [
        run["shown"] / bare["shown"] for bare, run in pairs if "shown" in run and "shown" in bare
    ]
    return statistics.median(ratios) if ratios else None


def bare_runs(runs: dict) -> list[dict]:
    return [
        bare for kind in ("first", "reopen") for pairs in runs[kind].values() for bare, _ in pairs
    ]


def report(runs: dict) -> list[str]:
    """The table's lines: each sample's medians, ratios to the bare app, and PASS/FAIL."""
    baseline = _median(bare_runs(runs))
    lines = [
        f"start-up from outside, in tmux ({SIZE[0]}x{SIZE[1]}): launch until the text is on "
        f"screen, {runs['repeats']} runs per sample, each after a run of the bare app; the ratio "
        "is the median of run / its bare run. First open with an empty document cache, reopen "
        "with a warm one",
        f"  bare Textual app (one Static): {_s(baseline)}; readtui: {runs['command']}",
    ]
    head = ("sample", "first open", "ratio", "reopened", "ratio", f"<= {TARGET_RATIO}x")
    rows, verdicts, errors = [], [], []
    for name in runs["first"]:
        pairs = {kind: runs[kind][name] for kind in ("first", "reopen")}
        medians = [_median([run for _, run in pairs[kind]]) for kind in ("first", "reopen")]
        ratios = [_ratio(pairs[kind]) for kind in ("first", "reopen")]
        ok = all(r is not None and r <= TARGET_RATIO for r in ratios)
        verdicts.append(ok)
        rows.append((name, _s(medians[0]), _x(ratios[0]), _s(medians[1]), _x(ratios[1]), _pf(ok)))
        for kind in ("first", "reopen"):
            errors += [f"{name} {kind}: {r['error']}" for _, r in pairs[kind] if "error" in r]
    errors += [f"bare: {r['error']}" for r in bare_runs(runs) if "error" in r]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    pattern = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    lines += ["  " + pattern.format(*head), "  " + "  ".join("-" * w for w in widths)]
    lines += ["  " + pattern.format(*row) for row in rows]
    passed = sum(verdicts)
    all_ratios = [
        ratio
        for kind in ("first", "reopen")
        for pairs in runs[kind].values()
        if (ratio := _ratio(pairs)) is not None
    ]
    if all_ratios:
        lines.append(
            f"  ratios: median {statistics.median(all_ratios):.2f}x, worst {max(all_ratios):.2f}x"
        )
    lines.append(
        f"  every sample <= {TARGET_RATIO}x the bare app, first open and reopened: "
        f"{_pf(passed == len(verdicts) and bool(verdicts))} ({passed}/{len(verdicts)})"
    )
    lines += [f"  error: {error}" for error in errors[:5]]
    return lines


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f} s"


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _pf(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description="readtui start-up in tmux, every sample")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each sample (5)")
    parser.add_argument("--only", nargs="+", default=[], help="samples whose names hold these")
    options = parser.parse_args()
    import reader  # the children's environment is the full benchmark's

    with tempfile.TemporaryDirectory(prefix="readtui-bench-") as tmp:
        tmp = Path(tmp)
        reader.PYCACHE, reader.CACHE_HOME = tmp / "pycache", tmp / "cache"
        samples_dir = tmp / "samples"
        shutil.copytree(reader.REPO / "sample_articles", samples_dir)
        sys.path.insert(0, str(reader.REPO))
        from readtui.document import find_articles

        samples = [
            path
            for path in find_articles([samples_dir])
            if not options.only or any(part in path.name for part in options.only)
        ]
        runs = measure(samples, tmp, reader.child_env(), options.repeats)
    print("\n".join(report(runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
