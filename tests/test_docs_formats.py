"""docs/formats.md shows what readtui exports today, and its loading snippets run."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_format_examples_are_current_and_their_snippets_run(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HF_HOME": str(tmp_path / "hf"),  # datasets caches here, not in the user's home
        "HF_DATASETS_OFFLINE": "1",
    }
    completed = subprocess.run(
        [sys.executable, str(REPO / "docs" / "format_examples.py"), "--check"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
