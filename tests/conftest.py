"""Shared fixtures: a small real article on disk, real sidecars, and the CLI run as a process."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

ARTICLE_MD = """\
# Shelling kills 14 in border town

Artillery shells struck a crowded market in Dalvar on Wednesday, killing at least 14 people \
and wounding more than 40, local health officials said.

"This was a deliberate strike on civilians at the busiest hour of the day," Defence Ministry \
spokesman Colonel Ruben Asker told reporters.

- Four children were among the dead.
- A paramedic was hit while treating the wounded.

> The talks will go on, a negotiator said.
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cleaned-document cache and state folder (where the reader keeps
    each user's place in each article); subprocesses inherit them."""
    folder = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))
    return folder


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A Markdown article in its own folder (tmp_path/news/dalvar.md)."""
    folder = tmp_path / "news"
    folder.mkdir()
    path = folder / "dalvar.md"
    path.write_text(ARTICLE_MD, encoding="utf-8")
    return path


@pytest.fixture
def annotate() -> Callable:
    """annotate(article, [(phrase, tag), ...], annotator=...) -> the store, saved to disk.

    Each phrase is found in the cleaned text; its annotation covers that occurrence.
    """
    from readtui.annotations import Annotation
    from readtui.document import load_document
    from readtui.store import AnnotationStore

    def make(path: Path, spans: list[tuple[str, str]], annotator: str = "alice"):
        document = load_document(path)
        store = AnnotationStore(document)
        for phrase, tag in spans:
            start = document.text.index(phrase)
            annotation = Annotation.create(
                document.text, start, start + len(phrase), tag, annotator=annotator
            )
            store.add(annotation)
        assert store.save_error is None
        return store

    return make


class CliRun:
    def __init__(self, completed: subprocess.CompletedProcess):
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    @property
    def stdout_lines(self) -> list[str]:
        return self.stdout.splitlines()

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., CliRun]:
    """Run `python -m readtui ARGS` in tmp_path, with no user config and a wide terminal."""
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {
        **os.environ,
        "PYTHONPATH": python_path,
        "XDG_CONFIG_HOME": str(tmp_path / "user-config"),
        "COLUMNS": "160",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("FORCE_COLOR", None)

    def run(*args: object, cwd: Path = tmp_path) -> CliRun:
        completed = subprocess.run(
            [sys.executable, "-m", "readtui", *map(str, args)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        return CliRun(completed)

    return run
