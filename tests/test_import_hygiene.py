"""The engine and the CLI work without Textual: it is imported only to open the app."""

import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import readtui.cleaning
import readtui.export
import readtui.suggest

REPO = Path(__file__).resolve().parents[1]
ENGINE = [
    "readtui.document",
    "readtui.textsafety",
    "readtui.annotations",
    "readtui.store",
    "readtui.anchoring",
    "readtui.config",
    "readtui.editing",
    "readtui.textunits",
    "readtui.doccache",
    "readtui.casualty",
    "readtui.corrections",
    "readtui.merge",
    "readtui.merge_command",
    "readtui.cli",
    "readtui.cleaning",
    *(f"readtui.cleaning.{m.name}" for m in pkgutil.iter_modules(readtui.cleaning.__path__)),
    "readtui.export",
    *(f"readtui.export.{m.name}" for m in pkgutil.iter_modules(readtui.export.__path__)),
    "readtui.suggest",
    *(f"readtui.suggest.{m.name}" for m in pkgutil.iter_modules(readtui.suggest.__path__)),
]

REPORT_UI_MODULES = """
import json, sys
print(json.dumps(sorted(
    name for name in sys.modules
    if name.split(".")[0] == "textual" or name.startswith("readtui.tui")
)))
"""


def _python(code: str, cwd: Path = REPO) -> list[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.splitlines()[-1])


def test_engine_modules_import_without_textual() -> None:
    assert "readtui.cleaning.markdown" in ENGINE
    imports = "".join(f"import {module}\n" for module in ENGINE)
    assert _python(imports + REPORT_UI_MODULES) == []


def test_cli_commands_run_without_textual(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nBody text.\n", encoding="utf-8")
    code = (
        "import contextlib, io\n"
        "from readtui.cli import main\n"
        "from readtui.annotations import Annotation\n"
        "from readtui.document import load_document\n"
        "from readtui.store import AnnotationStore\n"
        f"store = AnnotationStore(load_document({str(article)!r}))\n"
        "store.add(Annotation.create(store.document.text, 0, 5, 'claim'))\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['clean', {str(article)!r}]) == 0\n"
        f"    assert main(['validate', {str(tmp_path)!r}]) == 0\n"
        f"    assert main(['stats', {str(tmp_path)!r}]) == 0\n"
        f"    assert main(['stats', '--json', {str(tmp_path)!r}]) == 0\n"
        f"    assert main(['export', {str(tmp_path)!r}, '-f', 'jsonl', '-o', 'out.jsonl']) == 0\n"
        f"    assert main(['import', 'out.jsonl', '-f', 'jsonl', '-o', 'imported']) == 0\n"
        + REPORT_UI_MODULES
    )
    assert _python(code, cwd=tmp_path) == []


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed")
def test_import_contracts_hold() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        ["lint-imports"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
