"""What the corpus commands look at: the articles and sidecars named on the command line, and
each folder's config; and the two faults a command reports (CliError: one line on stderr, exit
status 1; UsageError: bad usage, exit status 2). Shared by the CLI and the command modules
(stats, agree, batch), which never load the app.
"""

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from readtui.config import Config, load_config
from readtui.document import ARTICLE_SUFFIXES, find_articles, kind_of
from readtui.store import SIDECAR_SUFFIX, sidecar_path, source_path

SUFFIXES = ", ".join(sorted({*ARTICLE_SUFFIXES} - {".markdown"}))


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum`, else bad usage saying so."""

    def parse(raw: str) -> int:
        try:
            number = int(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: '{raw}'") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return number

    return parse


class UsageError(Exception):
    """Bad usage found before argparse runs: one line on stderr, exit status 2."""


class CliError(Exception):
    """An expected fault: reported as one line on stderr, exit status 1."""


# Paths ----------------------------------------------------------------------------------------


def article_paths(raw_paths: list[str]) -> list[Path]:
    """The article files named or inside the folders named; CliError for one that is not."""
    for raw in raw_paths:
        path = Path(raw)
        if path.is_dir():
            if not find_articles([path]):
                raise CliError(f"{path}: no articles ({SUFFIXES}) in this folder")
        elif not path.exists():
            raise CliError(f"{path}: no such file or folder")
        elif kind_of(path) is None:
            raise CliError(f"{path}: not an article (expected {SUFFIXES})")
    return find_articles(raw_paths)


class SidecarTargets(NamedTuple):  # a NamedTuple: see readtui.document.Block
    """What `validate` and `stats` look at: each sidecar with its source, and the articles seen."""

    sidecars: dict[Path, Path]  # sidecar -> source
    articles: set[Path]


def sidecar_targets(raw_paths: list[str]) -> SidecarTargets:
    """Sidecars named, of the articles named, or in the folders named (also those whose source
    is gone); CliError for a path that is missing or holds neither articles nor sidecars."""
    targets = SidecarTargets({}, set())

    def add(sidecar: Path) -> None:
        targets.sidecars.setdefault(sidecar, source_path(sidecar))

    for raw in raw_paths:
        path = Path(raw)
        if path.is_dir():
            articles = find_articles([path])
            with os.scandir(path) as entries:
                names = sorted(
                    entry.name
                    for entry in entries
                    if entry.name.endswith(SIDECAR_SUFFIX) and entry.name != SIDECAR_SUFFIX
                )
            sidecars = [path / name for name in names]
            if not articles and not sidecars:
                raise CliError(f"{path}: no articles ({SUFFIXES}) in this folder")
            targets.articles.update(articles)
            for sidecar in sidecars:
                add(sidecar)
        elif not path.exists():
            raise CliError(f"{path}: no such file or folder")
        elif path.name.endswith(SIDECAR_SUFFIX) and path.name != SIDECAR_SUFFIX:
            add(path)
        elif kind_of(path) is None:
            raise CliError(f"{path}: not an article or a sidecar (expected {SUFFIXES})")
        else:
            targets.articles.add(path)
            if sidecar_path(path).exists() or sidecar_path(path).is_symlink():  # dangling too
                add(sidecar_path(path))
    return targets


class Configs:
    """The config of each folder (its readtui.toml, else the user's), read once."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Config] = {}

    def __call__(self, folder: Path) -> Config:
        key = folder.resolve()
        if key not in self._by_folder:
            self._by_folder[key] = load_config(folder)
        return self._by_folder[key]
