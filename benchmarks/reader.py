"""Benchmark the reader against a bare Textual app measured in the same run.

    python benchmarks/reader.py [--quick] [--json FILE]

What it measures (the comments at each part give the method and its caveats):

1. start-up to first paint of a bare Textual app (one Static): the baseline;
2. readtui start-up to first paint (the reader with article text on screen) for every sample
   article and for a generated 10 MB .txt article, opened first and again (small articles come
   from readtui's document cache the second time; a text this long is not cached), plus the
   time until the whole 10 MB article is loaded and editable (its start is shown first), and
   load_document alone; and the same start-up seen from outside the process: `python -m
   readtui FILE` in a real terminal (tmux) until the article's first line is on screen, for
   every sample, first open and reopened, against a bare Textual app measured the same way
   (benchmarks/startup_tmux.py);
3. key latency (pagedown, j, w) in the 10 MB article with 10,000 annotations, against the same
   keys in a bare Line-API ScrollView app; a render-only timing of the reader and of the screen;
4. tag + autosave latency (`v w w 1`) with the 10,000 annotations;
5. peak resident memory, up to the moment the 10 MB article is editable, over a Python
   process with the same imports.

Every file it makes lives in a temporary folder (the sample articles are copied there too).
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import startup_tmux  # this script's folder is first on sys.path

REPO = Path(__file__).resolve().parents[1]
SIZE = (120, 40)  # terminal size for every app
BIG_BYTES = 10_000_000
N_ANNOTATIONS = 10_000
CHILD_TIMEOUT = 600  # seconds for one start-up; a run over it is reported as a timeout

TARGET_STARTUP_RATIO = 1.5
TARGET_KEY_MS = 16.0
TARGET_MEMORY_RATIO = 10.0


# --------------------------------------------------------------------------------------------
# A deterministic 10 MB article: a title line, then hard-wrapped news paragraphs with numbers,
# quotations (curly quotes and dashes, as scraped news has) and an occasional sub-heading.

# fmt: off
_SUBJECTS = (
    "The army", "Local officials", "Rebel commanders", "The ministry", "Aid workers", "Residents",
    "The hospital", "Police", "The regional governor", "Witnesses", "The United Nations",
    "Engineers", "Election monitors", "The company",
)
_VERBS = (
    "said", "reported", "confirmed", "estimated", "warned", "denied", "announced", "told reporters",
)
_CLAUSES = (
    "that at least {n} people had been killed", "that {n} homes were destroyed in the flooding",
    "that the ceasefire would hold until {month} {d}", "that about {p}% of the town had no power",
    "that repairs would cost ${m} million", "that {n} families had fled across the river",
    "that the road to {place} was closed for the {ord} day",
    "that shells had landed near the main square", "that {n} soldiers were wounded before dawn",
    "that talks would resume in {place} on {weekday}",
)
_TAILS = (
    "", " on {weekday}", " in a statement", " late on {weekday} night", ", according to {org}",
    " after a meeting in {place}",
)
_PLACES = (
    "Vesna", "Korlat", "the capital", "Dravo", "the border crossing", "Mirna",
    "the eastern districts", "Port Elin",
)
_NAMES = (
    "Major Ivo Sandor", "Marta Ilić", "Dr Helena Brandt", "Sgt. Tomas Reyes", "Amina Okafor",
    "Gen. Piet Varga", "Lena Moreau",
)
_ROLES = (
    "an army spokesman", "who runs a bakery near the square", "the hospital’s director",
    "a police officer", "a local councillor", "a regional commander", "an aid coordinator",
)
_QUOTES = (
    "We had started to reopen the shops", "Nobody expected the water to rise so fast",
    "That is not a violation of a ceasefire — that is the end of one",
    "We need {n} more trucks of food every week", "People are sleeping in the cellars again",
    "The numbers will rise, I am afraid", "We were told it was safe to go back",
)
_ORGS = ("the Red Cross", "Reuters", "the interior ministry", "a UN report", "local media")
_MONTHS = ("January", "March", "May", "June", "October", "November")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDS = ("second", "third", "fourth", "fifth")
# fmt: on


def _fill(rng: random.Random, pattern: str) -> str:
    return pattern.format(
        n=rng.randint(2, 4000),
        p=rng.randint(5, 95),
        m=f"{rng.randint(1, 900)}.{rng.randint(0, 9)}",
        month=rng.choice(_MONTHS),
        d=rng.randint(1, 28),
        place=rng.choice(_PLACES),
        ord=rng.choice(_ORDS),
        weekday=rng.choice(_DAYS),
        org=rng.choice(_ORGS),
    )


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        quote = _fill(rng, rng.choice(_QUOTES))
        return f"“{quote},” said {rng.choice(_NAMES)}, {rng.choice(_ROLES)}."
    if kind < 0.35:
        return (
            f"{rng.choice(_NAMES)} said the {rng.choice(_ORDS)} convoy had reached "
            f"{rng.choice(_PLACES)} with {rng.randint(3, 90)} tonnes of supplies."
        )
    pattern = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}"
    return _fill(rng, pattern + rng.choice(_TAILS) + ".")


def _hard_wrap(text: str, width: int = 72) -> str:
    lines, line, used = [], [], 0
    for word in text.split(" "):
        if used and used + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, used = [word], len(word)
        else:
            line.append(word)
            used += len(word) + (1 if used else 0)
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


def generate_article(target_bytes: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts = ["Ceasefire Collapses as Fighting Resumes Around Hill Town"]
    size, count = 0, 0
    while size < target_bytes:
        count += 1
        if count % 25 == 0:
            paragraph = f"{rng.choice(_PLACES)} after the {rng.choice(_ORDS)} week".capitalize()
        else:
            paragraph = _hard_wrap(" ".join(_sentence(rng) for _ in range(rng.randint(2, 6))))
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------
# Start-up to first paint, in a fresh interpreter. One program for every kind of run, so the
# interpreter start, the compile of this program and the imports each side needs are counted
# alike. The moment of first paint is the end of the first App._display() call (the compositor
# update for the screen; headless, the escape codes are not serialised) that shows the wanted
# screen: the bare app's default screen, or readtui's ReaderScreen after the reader has drawn
# its lines. A call made while the app holds its frames back (App.batch_update, as it does
# while it starts) shows nothing and does not count. The time is CLOCK_MONOTONIC, the clock
# the parent read just before spawning.

CHILD = r"""
import time
T_START = time.monotonic()
import json, os, sys

KIND = sys.argv[1]
result = {"t_start": T_START}

def memory():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child of a big
    # parent would report the parent's peak; VmHWM belongs to this process's own memory map.
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmHWM:", "VmRSS:")):
                found[line.split(":")[0]] = int(line.split()[1])
    return {"maxrss_kb": found["VmHWM"], "vmrss_kb": found["VmRSS"]}

def finish():
    sys.stdout.write("BENCH " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)

if KIND == "imports":
    from textual.app import App
    from textual.widgets import Static
    from readtui.tui.app import ReadtuiApp
    result["t_imported"] = time.monotonic()
    result.update(memory())
    import readtui
    result["readtui_file"] = readtui.__file__
    finish()

if KIND == "bare":
    from textual.app import App
    from textual.widgets import Static
    result["t_imported"] = time.monotonic()

    class Bare(App):
        def compose(self):
            yield Static("Hello from a bare Textual app")

        def _display(self, screen, renderable):
            held = self._batch_count
            super()._display(screen, renderable)
            if renderable is not None and not held and "t_paint" not in result:
                result["t_paint"] = time.monotonic()
                result.update(memory())
                self.exit()

    app = Bare()
else:
    from pathlib import Path
    from readtui.tui.app import ReadtuiApp
    from readtui.tui.reader import ReaderView
    from readtui.tui.reader_screen import ReaderScreen
    result["t_imported"] = time.monotonic()
    drawn = []
    render_lines = ReaderView.render_lines

    def counting_render_lines(self, crop):
        lines = render_lines(self, crop)
        drawn.append(len(lines))
        return lines

    ReaderView.render_lines = counting_render_lines

    class Bench(ReadtuiApp):
        # first paint: the article's text on screen; ready: the whole article loaded and
        # editable (a very long one shows its start first and loads the rest in a thread)
        def _display(self, screen, renderable):
            held = self._batch_count
            super()._display(screen, renderable)
            if renderable is None or held or not isinstance(screen, ReaderScreen) or not drawn:
                return
            now = time.monotonic()
            if "t_paint" not in result:
                result["t_paint"] = now
                result["reader_lines_drawn"] = sum(drawn)
            if "t_ready" not in result and not screen.loading:
                result["t_ready"] = now
                result.update(memory())
                self.exit()

    app = Bench([Path(sys.argv[2])])

app.run(headless=True, size=(int(sys.argv[-2]), int(sys.argv[-1])))
if "t_paint" not in result:
    result["error"] = f"no paint; return code {app.return_code}"
finish()
"""


PYCACHE: Path | None = None  # set in main(): a bytecode cache in the temporary folder
CACHE_HOME: Path | None = None  # set in main(): XDG_CACHE_HOME, where readtui caches documents
CONFIG_HOME: Path | None = None  # set in main(): an empty XDG_CONFIG_HOME (no user config)


def child_env(cache_home: Path | None = None) -> dict:
    """The environment of every child: this checkout first on the path, and bytecode cached.

    An installed app runs from .pyc files. Where PYTHONDONTWRITEBYTECODE is set (as here, in
    development containers) readtui would be compiled from source at every start while Textual
    loads its installed .pyc files: the bytecode goes to a cache under the temporary folder
    instead (PYTHONPYCACHEPREFIX), warmed by one untimed run of each kind.

    readtui caches cleaned documents in the user's cache folder: XDG_CACHE_HOME points into the
    temporary folder, shared (warm) unless `cache_home` gives a fresh one (a first open). The
    user's own readtui config is left out: XDG_CONFIG_HOME is an empty folder, and so are its
    saved places in articles (XDG_STATE_HOME), which a run would otherwise write.
    """
    env = dict(os.environ)
    if cache_home or CACHE_HOME:
        env["XDG_CACHE_HOME"] = str(cache_home or CACHE_HOME)
    if CONFIG_HOME is not None:
        env["XDG_CONFIG_HOME"] = str(CONFIG_HOME)
        env["XDG_STATE_HOME"] = str(CONFIG_HOME.parent / "state")
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("READTUI_ANNOTATOR", "bench")
    return env


def run_child(kind: str, path: Path | None = None, cache_home: Path | None = None) -> dict:
    """One fresh interpreter; returns its timings (seconds from spawn) and memory."""
    args = [sys.executable, "-c", CHILD, kind]
    if path is not None:
        args.append(str(path))
    args += [str(SIZE[0]), str(SIZE[1])]
    spawned = time.monotonic()
    try:
        done = subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            env=child_env(cache_home),
            cwd=tempfile.gettempdir(),
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {CHILD_TIMEOUT} s"}
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    data = json.loads(line[6:])
    if "error" in data:
        return data
    out = {
        "readtui_file": data.get("readtui_file"),
        "interpreter": data["t_start"] - spawned,
        "imports": data["t_imported"] - data["t_start"],
        "maxrss_kb": data["maxrss_kb"],
        "vmrss_kb": data["vmrss_kb"],
    }
    if "t_paint" in data:
        out["paint"] = data["t_paint"] - spawned
        out["run"] = data["t_paint"] - data["t_imported"]
    if "t_ready" in data:
        out["ready"] = data["t_ready"] - spawned
    return out


# --------------------------------------------------------------------------------------------
# Key latency, in one process per app (run as `reader.py --worker ...` so the parent stays
# small). Two timings for each key press:
#
# - pilot: perf_counter() around `await pilot.press(key)`. Pilot.press sends the key, then
#   waits for the CPU to go idle twice (textual._wait.wait_for_idle sleeps in 20 ms steps), so
#   this can never be under ~40 ms and moves in 20 ms steps; the repaint has happened by the
#   time it returns (the screen's update timer runs every 1/60 s). `rendered` counts it.
# - frames: the key event is put on the driver's queue as Pilot does; the hook on
#   App._display records every compositor update. "first" is key to the first frame after it
#   (the reader's change on screen), "settled" key to the last frame before the app goes quiet
#   (nothing queued or waiting to repaint, no frame, for QUIET seconds): title and status bars,
#   scroll bars and all. Headless, the escape codes are not serialised: `render_segments`
#   below prices that part. Textual's screen update timer ticks at once after an idle spell,
#   then 1-2 frame periods (17-33 ms) later, so work that misses the first frame shows a frame
#   or two later whatever it costs.

QUIET = 0.04  # seconds without work or frames: the app has settled
KEY_CHARS = {"pagedown": None, "right_curly_bracket": "}"}


def _make_key(key: str):
    from textual import events

    return events.Key(key, KEY_CHARS.get(key, key if len(key) == 1 else None))


class FrameProbe:
    """Records each compositor update the app displays, and tells when the app has gone quiet.

    `watch` is the widget whose change the user waits for (the reader); a frame "shows" it when
    the update covers one of the screen rows the widget occupies.
    """

    def __init__(self, app, watch=None):
        self.app = app
        self.watch = watch
        self.frames: list[tuple[float, float, frozenset | None]] = []  # wall, cpu, rows
        self.settled = False  # quiet() has returned and no key was sent since
        self._nodes: list = []
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            if renderable is not None:
                spans = getattr(renderable, "spans", None)
                rows = None if spans is None else frozenset(y for y, _, _ in spans)
                self.frames.append((time.perf_counter(), time.process_time(), rows))

        app._display = display

    def busy(self) -> bool:
        """Anything queued, or any widget waiting to be laid out or repainted."""
        screen = self.app.screen
        if (
            screen._dirty_widgets
            or screen._layout_required
            or screen._scroll_required
            or screen._repaint_required
            or screen._callbacks
        ):
            return True
        for node in self._nodes:
            if (
                not node._message_queue.empty()
                or getattr(node, "_repaint_required", False)
                or getattr(node, "_layout_required", False)
                or getattr(node, "_scroll_required", False)
            ):
                return True
        return False

    async def quiet(self, window: float = QUIET) -> None:
        """Wait until nothing is busy and no frame is drawn for `window` seconds.

        The window is longer than the longest gap between two frames of Textual's screen
        update timer (two frame periods), so no frame is still due for work already done.
        """
        self._nodes = [self.app, *self.app.screen.walk_children(with_self=True)]
        last, seen = time.perf_counter(), len(self.frames)
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            if len(self.frames) != seen or self.busy():
                last, seen = now, len(self.frames)
            elif now - last >= window:
                self.settled = True
                return

    def _shows_watched(self, rows: frozenset | None) -> bool:
        if self.watch is None or rows is None:
            return True
        region = self.watch.region
        return any(region.y <= y < region.bottom for y in rows)

    async def press(self, key: str) -> dict | None:
        """Seconds from the key to its first frame, to the first frame that redraws the watched
        widget, and to the last frame; and the CPU seconds spent until then. None: no frame."""
        if not self.settled:
            await self.quiet()
        self.settled = False
        before = len(self.frames)
        start, cpu = time.perf_counter(), time.process_time()
        self.app._driver.send_message(_make_key(key))
        await self.quiet()
        frames = self.frames[before:]
        if not frames:
            return None
        shown = next((f[0] for f in frames if self._shows_watched(f[2])), None)
        return {
            "first": frames[0][0] - start,
            "shown": None if shown is None else shown - start,
            "settled": frames[-1][0] - start,
            "cpu": frames[-1][1] - cpu,
            "frames": len(frames),
        }


MEASURES = ("first", "shown", "settled", "cpu", "frames")


async def _time_keys(pilot, probe: FrameProbe, plan: dict[str, int]) -> dict:
    out = {}
    for key, presses in plan.items():
        pilot_times, rendered = [], 0
        await probe.quiet()
        for _ in range(presses):
            probe.settled = False
            before = len(probe.frames)
            start = time.perf_counter()
            await pilot.press(key)
            pilot_times.append(time.perf_counter() - start)
            rendered += len(probe.frames) > before
        timings = {name: [] for name in MEASURES}
        no_frame = 0
        for _ in range(presses):
            timing = await probe.press(key)
            if timing is None:
                no_frame += 1
                continue
            for name in MEASURES:
                if timing[name] is not None:
                    timings[name].append(timing[name])
        out[key] = {
            "pilot": pilot_times,
            "pilot_rendered": rendered,
            "no_frame": no_frame,
            **timings,
        }
    return out


def _render_only(app, reps: int) -> dict:
    """The reader's lines, and the whole screen, drawn again with every cache cleared."""
    from textual.geometry import Region

    from readtui.tui.reader import ReaderView

    screen = app.screen
    reader = screen.query_one(ReaderView)
    region = Region(0, 0, reader.size.width, reader.size.height)
    lines, widget, full, serialise = [], [], [], []
    for _ in range(reps):
        start = time.perf_counter()
        for y in range(reader.size.height):
            reader.render_line(y)
        lines.append(time.perf_counter() - start)
        reader._styles_cache.clear()
        start = time.perf_counter()
        reader.render_lines(region)
        widget.append(time.perf_counter() - start)
        for node in screen.walk_children(with_self=True):
            node._styles_cache.clear()
        start = time.perf_counter()
        update = screen._compositor.render_update(full=True)
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        update.render_segments(app.console)
        serialise.append(time.perf_counter() - start)
    return {
        "reader.render_line x rows": lines,
        "reader.render_lines": widget,
        "compositor full update": full,
        "render_segments (terminal codes)": serialise,
    }


def key_plan(presses: int) -> dict[str, int]:
    """`presses` of pagedown, and as many again of j and w together."""
    return {"pagedown": presses, "j": presses // 2, "w": presses - presses // 2}


async def _latency_readtui(path: Path, presses: int, tag_reps: int) -> dict:
    from readtui.tui.app import ReadtuiApp
    from readtui.tui.reader import ReaderView
    from readtui.tui.reader_screen import ReaderScreen

    started = time.perf_counter()
    app = ReadtuiApp([path])
    async with app.run_test(size=SIZE) as pilot:
        while not isinstance(app.screen, ReaderScreen):
            await pilot.pause()
        await pilot.pause()
        out = {"ready_s": time.perf_counter() - started}
        screen = app.screen
        out["annotations"] = len(screen.editor.annotations)
        probe = FrameProbe(app, watch=screen.query_one(ReaderView))
        out["keys"] = await _time_keys(pilot, probe, key_plan(presses))
        out["render"] = _render_only(app, max(5, presses // 10))
        # tag + autosave: move to fresh text (untimed), then time v w w 1
        sequences, tag_first, tag_settled, created = [], [], [], 0
        for _ in range(tag_reps):
            await probe.press("right_curly_bracket")
            count = len(screen.editor.annotations)
            times = [await probe.press(key) for key in ("v", "w", "w", "1")]
            created += len(screen.editor.annotations) == count + 1
            if len(screen.editor.annotations) == count + 1 and None not in times:
                sequences.append(sum(t["settled"] for t in times))
                tag_first.append(times[-1]["first"])
                tag_settled.append(times[-1]["settled"])
        out["tag"] = {
            "sequence": sequences,
            "key_1_first": tag_first,
            "key_1_settled": tag_settled,
            "created": created,
            "attempts": tag_reps,
        }
        store = screen.store
        render, save = [], []
        for _ in range(3):
            start = time.perf_counter()
            store.render()
            render.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.save()
            save.append(time.perf_counter() - start)
        out["store"] = {"render": render, "save": save, "sidecar_bytes": store.path.stat().st_size}
        out["position"] = screen.query_one(ReaderView).position_label()
        out["readtui_file"] = sys.modules["readtui"].__file__
    return out


async def _latency_bare(presses: int) -> dict:
    from rich.segment import Segment
    from rich.style import Style
    from textual.app import App
    from textual.binding import Binding
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    rng = random.Random(2)
    rows = [_sentence(rng)[:90] for _ in range(20_000)]

    class Lines(ScrollView, can_focus=True):
        """A plain Line-API view with a row cursor: the least a reader can do per key."""

        BINDINGS = [
            Binding("j", "down", show=False),
            Binding("w", "right", show=False),
            Binding("pagedown", "page", show=False),
        ]
        cursor = (0, 0)

        def on_mount(self):
            self.virtual_size = Size(100, len(rows))

        def render_line(self, y):
            index = round(self.scroll_y) + y
            width = self.scrollable_content_region.width
            if index >= len(rows):
                return Strip.blank(width)
            text = rows[index]
            if index == self.cursor[0]:
                x = min(self.cursor[1], len(text))
                segments = [
                    Segment(text[:x]),
                    Segment(text[x : x + 1] or " ", Style(reverse=True)),
                    Segment(text[x + 1 :]),
                ]
            else:
                segments = [Segment(text)]
            return Strip(segments).extend_cell_length(width).crop(0, width)

        def _move(self, row, column):
            old = self.cursor[0]
            self.cursor = (min(row, len(rows) - 1), column)
            height = self.scrollable_content_region.height
            if not round(self.scroll_y) <= self.cursor[0] < round(self.scroll_y) + height:
                self.scroll_to(y=self.cursor[0] - height + 1, animate=False, immediate=True)
            self.refresh_line(old)  # ScrollView.refresh_line takes the virtual row
            self.refresh_line(self.cursor[0])

        def action_down(self):
            self._move(self.cursor[0] + 1, self.cursor[1])

        def action_right(self):
            self._move(self.cursor[0], self.cursor[1] + 6)

        def action_page(self):
            height = self.scrollable_content_region.height
            self.cursor = (min(len(rows) - 1, self.cursor[0] + height), self.cursor[1])
            self.scroll_to(y=round(self.scroll_y) + height, animate=False, immediate=True)
            self.refresh()

    class Bare(App):
        def compose(self):
            yield Lines()

        def on_mount(self):
            self.query_one(Lines).focus()

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        probe = FrameProbe(app, watch=app.query_one(Lines))
        return {"keys": await _time_keys(pilot, probe, key_plan(presses))}


def worker(kind: str, path: str, presses: int, tag_reps: int) -> None:
    if kind == "latency":
        result = asyncio.run(_latency_readtui(Path(path), presses, tag_reps))
    else:
        result = asyncio.run(_latency_bare(presses))
    sys.stdout.write("BENCH " + json.dumps(result) + "\n")


def run_worker(kind: str, path: Path | None, presses: int, tag_reps: int) -> dict:
    args = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        kind,
        "--worker-path",
        str(path or ""),
        "--presses",
        str(presses),
        "--tag-reps",
        str(tag_reps),
    ]
    try:
        done = subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT * 2,
            env=child_env(),
            cwd=tempfile.gettempdir(),
        )
    except subprocess.TimeoutExpired:
        return {"error": "timed out"}
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(line[6:])


# --------------------------------------------------------------------------------------------
# Fixtures in a temporary folder


def make_sidecar(document, count: int) -> None:
    """`count` annotations of 3-12 words spread evenly over the text, in one write."""
    from readtui.annotations import Annotation, snap_span
    from readtui.config import DEFAULT_TAGS
    from readtui.store import AnnotationStore

    rng = random.Random(3)
    text = document.text
    store = AnnotationStore(document)
    step = len(text) // (count + 1)
    made = 0
    with store.batch():
        for index in range(count):
            start = (index + 1) * step
            end = start + 1
            for _ in range(rng.randint(3, 12)):
                end = text.find(" ", end + 1)
                if end < 0:
                    end = len(text)
                    break
            start, end = snap_span(text, start, end)
            if start >= end:
                start, end = snap_span(text, start, start + 40)
            tag = DEFAULT_TAGS[index % len(DEFAULT_TAGS)].name
            store.add(Annotation.create(text, start, end, tag, "bench"))
            made += 1
    if made != count:
        raise SystemExit(f"made {made} annotations, not {count}")


# --------------------------------------------------------------------------------------------
# Reporting


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "MB":
        return f"{value / 1e6:.1f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    return str(value)


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(self, measure, value, baseline, unit, target=None, lower_is_better=True, ratio=None):
        if ratio is None and value is not None and baseline:
            ratio = value / baseline
        verdict = ""
        if target is not None:
            check = ratio if target[0] == "ratio" else value
            limit = target[1]
            if check is None:
                verdict = "n/a"
            else:
                verdict = "PASS" if (check <= limit) == lower_is_better else "FAIL"
            shown = f"<= {limit:g}x" if target[0] == "ratio" else f"<= {fmt(limit, unit)}"
        else:
            shown = ""
        self.rows.append(
            (
                measure,
                fmt(value, unit),
                fmt(baseline, unit) if baseline else "-",
                fmt(ratio, "x") if ratio is not None else "-",
                shown,
                verdict,
            )
        )

    def print(self):
        header = ("measure", "value", "baseline", "ratio", "target", "result")
        widths = [max(len(str(row[i])) for row in [header, *self.rows]) for i in range(6)]
        line = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
        print(line.format(*header))
        print("  ".join("-" * w for w in widths))
        for row in self.rows:
            print(line.format(*row))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a smoke run")
    parser.add_argument("--json", type=Path, help="also write every raw timing to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--worker-path", help=argparse.SUPPRESS)
    parser.add_argument("--presses", type=int, default=200, help=argparse.SUPPRESS)
    parser.add_argument("--tag-reps", type=int, default=30, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(options.worker, options.worker_path, options.presses, options.tag_reps)
        return 0

    sys.path.insert(0, str(REPO))
    from readtui.document import find_articles, load_document

    repeats = 2 if options.quick else 5
    tmux_repeats = 2 if options.quick else 5
    big_repeats = 1 if options.quick else 2
    clean_repeats = 1 if options.quick else 2
    presses = 40 if options.quick else 200
    tag_reps = 5 if options.quick else 20
    raw: dict = {"python": sys.version.split()[0], "quick": options.quick}
    began = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="readtui-bench-") as tmp:
        tmp = Path(tmp)
        global PYCACHE, CACHE_HOME, CONFIG_HOME
        PYCACHE, CACHE_HOME, CONFIG_HOME = tmp / "pycache", tmp / "cache", tmp / "config"
        CONFIG_HOME.mkdir()
        os.environ["XDG_CACHE_HOME"] = str(CACHE_HOME)
        samples_dir = tmp / "samples"
        shutil.copytree(REPO / "sample_articles", samples_dir)
        samples = find_articles([samples_dir])
        big_dir, annotated_dir = tmp / "big", tmp / "annotated"
        big_dir.mkdir()
        annotated_dir.mkdir()
        big = big_dir / "generated-10mb.txt"
        log(f"generating {BIG_BYTES / 1e6:.0f} MB article ...")
        big.write_text(generate_article(BIG_BYTES), encoding="utf-8")
        big_size = big.stat().st_size
        annotated = annotated_dir / big.name
        shutil.copy(big, annotated)

        # 1 + 2a: baseline and samples, interleaved so drift hits both alike
        log(f"start-up: bare app and {len(samples)} sample articles, {repeats} repeats ...")
        run_child("bare")  # warm the file and bytecode caches for both sides
        for path in samples:
            run_child("readtui", path)
        bare, per_sample = [], {path.name: [] for path in samples}
        for _ in range(repeats):
            bare.append(run_child("bare"))
            for path in samples:
                per_sample[path.name].append(run_child("readtui", path))
        errors = [r["error"] for runs in [bare, *per_sample.values()] for r in runs if "error" in r]
        if errors:
            log(f"errors: {errors[:3]}")
        baseline = median([r["paint"] for r in bare if "paint" in r])
        sample_medians = {
            name: median([r["paint"] for r in runs if "paint" in r])
            for name, runs in per_sample.items()
        }
        raw["bare"], raw["samples"] = bare, per_sample

        # 2, seen from outside the process: the same start-up in a real terminal
        if shutil.which("tmux"):
            log(
                f"start-up in tmux: bare app and {len(samples)} samples, {tmux_repeats} repeats ..."
            )
            raw["tmux"] = startup_tmux.measure(samples, tmp, child_env(), tmux_repeats)
        else:
            log("tmux is not installed: no start-up measure from outside the process")

        # 2b: the 10 MB article: load_document alone, then start-up. The first open cleans the
        # source (and caches the result); a reopen reads the cache. Both are timed: a first
        # open gets an empty cache folder of its own.
        log(f"load_document of the 10 MB article, {clean_repeats} repeats ...")
        cold_load, warm_load, document = [], [], None
        for index in range(clean_repeats):
            os.environ["XDG_CACHE_HOME"] = str(tmp / f"cache-load-{index}")
            start = time.perf_counter()
            document = load_document(big)
            cold_load.append(time.perf_counter() - start)
            start = time.perf_counter()
            document = load_document(big)
            warm_load.append(time.perf_counter() - start)
        raw["load_cold"], raw["load_warm"] = cold_load, warm_load
        raw["document"] = {
            "chars": len(document.text),
            "blocks": len(document.blocks),
            "source_bytes": big_size,
        }
        log(f"start-up of the 10 MB article, first open and reopen, {big_repeats} repeats ...")
        run_child("readtui", big)  # fills the shared cache
        big_cold, big_runs, bare_big = [], [], []
        for index in range(big_repeats):
            bare_big.append(run_child("bare"))
            big_cold.append(run_child("readtui", big, cache_home=tmp / f"cache-cold-{index}"))
            big_runs.append(run_child("readtui", big))
        imports_only = [run_child("imports") for _ in range(max(2, big_repeats))]
        imported = imports_only[0].get("readtui_file") or ""
        if not imported.startswith(str(REPO)):
            log(f"warning: the children imported readtui from {imported}, not from {REPO}")
        raw["big_cold"], raw["big"], raw["bare_big"] = big_cold, big_runs, bare_big
        raw["imports_only"] = imports_only

        log(f"making a sidecar with {N_ANNOTATIONS} annotations ...")
        start = time.perf_counter()
        document.path = annotated
        make_sidecar(document, N_ANNOTATIONS)
        raw["make_sidecar_s"] = time.perf_counter() - start
        del document
        annotated_runs = [run_child("readtui", annotated) for _ in range(big_repeats)]
        raw["annotated"] = annotated_runs

        # 3 + 4: keys and tagging in one process each
        log(f"key latency: {presses} presses of each key, {tag_reps} tag sequences ...")
        latency = run_worker("latency", annotated, presses, tag_reps)
        log("key latency of the bare app ...")
        bare_latency = run_worker("bare", None, max(10, presses // 2), 0)
        raw["latency"], raw["bare_latency"] = latency, bare_latency

    # ---------------------------------------------------------------- report
    def paints(runs):
        return [r["paint"] for r in runs if "paint" in r]

    def breakdown(runs):
        ok = [r for r in runs if "paint" in r]
        if not ok:
            return "-"
        parts = (median([r[k] for r in ok]) for k in ("interpreter", "imports", "run"))
        return " + ".join(f"{p:.3f}" for p in parts)

    print()
    print(
        f"readtui reader benchmark ({'quick' if options.quick else 'full'} run, "
        f"{time.monotonic() - began:.0f} s, Python {raw['python']}, terminal {SIZE[0]}x{SIZE[1]})"
    )
    document_info = raw["document"]
    print(
        f"10 MB article: {big_size:,} bytes -> {document_info['chars']:,} characters in "
        f"{document_info['blocks']:,} blocks"
    )
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        print("PYTHONDONTWRITEBYTECODE is set here: children use a temporary bytecode cache")
    print("start-up = spawn to first paint; breakdown interpreter + imports + app run (s):")
    print(f"  bare app            {breakdown(bare)}")
    worst_name = max(sample_medians, key=lambda n: sample_medians[n] or 0)
    print(f"  worst sample        {breakdown(per_sample[worst_name])}  ({worst_name})")
    print(f"  10 MB, first open   {breakdown(big_cold)}")
    print(f"  10 MB, reopened     {breakdown(big_runs)}")
    print(f"  10 MB + annotations {breakdown(annotated_runs)}")
    errors = [r.get("error") for r in [*big_cold, *big_runs, *annotated_runs] if "error" in r]
    if errors:
        print(f"  errors: {errors}")
    print()

    table = Table()
    values = [v for v in sample_medians.values() if v is not None]
    table.add("start-up: bare Textual app (baseline)", baseline, None, "s")
    table.add(f"start-up: samples, median of {len(values)}", median(values), baseline, "s")
    table.add(
        "start-up: samples, worst",
        max(values) if values else None,
        baseline,
        "s",
        ("ratio", startup_tmux.TARGET_RATIO),
    )
    big_baseline = median(paints(bare_big)) or baseline
    startup = ("ratio", TARGET_STARTUP_RATIO)
    table.add("start-up: 10 MB, first open", median(paints(big_cold)), big_baseline, "s", startup)
    table.add("start-up: 10 MB, reopened", median(paints(big_runs)), big_baseline, "s", startup)
    readies = [r["ready"] for r in big_cold if "ready" in r]
    table.add("  10 MB whole and editable, first open", median(readies), big_baseline, "s")
    table.add("  load_document, first", median(cold_load), big_baseline, "s")
    table.add("  load_document, again", median(warm_load), big_baseline, "s")
    table.add(
        "start-up: 10 MB + 10k annotations", median(paints(annotated_runs)), big_baseline, "s"
    )

    imports_peak = median([r["maxrss_kb"] * 1024 for r in imports_only])
    for label, runs in (("first open", big_cold), ("reopened", big_runs)):
        peak = median([r["maxrss_kb"] * 1024 for r in runs if "paint" in r])
        now = median([r["vmrss_kb"] * 1024 for r in runs if "paint" in r])
        if peak is None:
            continue
        table.add(
            f"memory: peak RSS to editable - imports, 10 MB {label}",
            peak - imports_peak,
            None,
            "MB",
            target=("ratio", TARGET_MEMORY_RATIO),
            ratio=(peak - imports_peak) / big_size,
        )
        table.add(
            f"memory: RSS when editable - imports, {label}",
            now - imports_peak,
            None,
            "MB",
            ratio=(now - imports_peak) / big_size,
        )
    table.add("memory: imports only (peak RSS)", imports_peak, None, "MB")

    if "error" in latency or "error" in bare_latency:
        print(f"latency runs failed: {latency.get('error')} {bare_latency.get('error')}")
    else:
        names = {"pagedown": "pagedown", "j": "j (line down)", "w": "w (next word)"}
        target = ("abs", TARGET_KEY_MS / 1000)
        labels = {
            "first": "to first frame",
            "shown": "to reader redrawn",
            "settled": "to last frame (bars too)",
            "cpu": "CPU time",
        }
        for key, name in names.items():
            ours, floor = latency["keys"][key], bare_latency["keys"][key]
            for what, label in labels.items():
                table.add(
                    f"key {name}: {label}, median",
                    median(ours[what]),
                    median(floor[what]),
                    "ms",
                    target=target if what in ("shown", "settled") else None,
                )
                if what != "cpu":
                    table.add(f"key {name}: {label}, p95", p95(ours[what]), p95(floor[what]), "ms")
            table.add(
                f"key {name}: pilot.press, median",
                median(ours["pilot"]),
                median(floor["pilot"]),
                "ms",
            )
        for name, values in latency["render"].items():
            table.add(f"render only: {name}", median(values), None, "ms")
        tag = latency["tag"]
        table.add(
            f"tag+save: v w w 1 settled, sum ({tag['created']}/{tag['attempts']} made)",
            median(tag["sequence"]),
            None,
            "ms",
        )
        table.add("tag+save: the 1 key, to first frame", median(tag["key_1_first"]), None, "ms")
        table.add("tag+save: the 1 key, to settled frame", median(tag["key_1_settled"]), None, "ms")
        table.add(
            "tag+save: store.render() (sidecar JSON)",
            median(latency["store"]["render"]),
            None,
            "ms",
        )
        table.add(
            "tag+save: store.save() (JSON + write + fsync)",
            median(latency["store"]["save"]),
            None,
            "ms",
        )
    table.print()
    if "tmux" in raw:
        print()
        print("\n".join(startup_tmux.report(raw["tmux"])))
    if "error" not in latency:
        keys = latency["keys"]
        print()
        print(
            f"10 MB reader ready in run_test after {latency['ready_s']:.1f} s with "
            f"{latency['annotations']} annotations; sidecar "
            f"{latency['store']['sidecar_bytes'] / 1e6:.1f} MB; ended at {latency['position']}"
        )
        print(
            "pilot.press had repainted when it returned: "
            + ", ".join(f"{k} {v['pilot_rendered']}/{len(v['pilot'])}" for k, v in keys.items())
        )
        print(
            "frames per key (median), readtui: "
            + ", ".join(f"{k} {median(v['frames'])}" for k, v in keys.items())
            + "; bare: "
            + ", ".join(f"{k} {median(v['frames'])}" for k, v in bare_latency["keys"].items())
        )
        print(
            "keys that drew nothing: " + ", ".join(f"{k} {v['no_frame']}" for k, v in keys.items())
        )
    if options.json:
        options.json.write_text(json.dumps(raw, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
