"""What the corpus commands look at: the articles and sidecars named on the command line, and
each folder's config; and the two faults a command reports (CliError: one line on stderr, exit
status 1; UsageError: bad usage, exit status 2). Shared by the CLI and the command modules
(stats, agree, batch), which never load the app.
"""

import argparse
import bisect
import heapq
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple, overload

from readtui.config import Config, load_config
from readtui.document import ARTICLE_SUFFIXES, kind_of
from readtui.store import SIDECAR_SUFFIX, sidecar_path

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


def _is_sidecar(name: str) -> bool:
    return name.endswith(SIDECAR_SUFFIX) and name != SIDECAR_SUFFIX


class FolderFiles(NamedTuple):  # a NamedTuple: see readtui.document.Block
    """The names of a folder's articles and sidecars, each list sorted as strings."""

    articles: list[str]
    sidecars: list[str]


def folder_files(folder: Path) -> FolderFiles:
    """The folder's articles (as find_articles finds them) and sidecars, from one listing: a
    folder of 20,000 articles is read without a stat or a Path for each file."""
    articles: list[str] = []
    sidecars: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if _is_sidecar(name):
                sidecars.append(name)
            elif ARTICLE_SUFFIXES.get(os.path.splitext(name)[1].lower()) and entry.is_file():
                articles.append(name)
    articles.sort()
    sidecars.sort()
    return FolderFiles(articles, sidecars)


def prefix_of(folder: Path) -> str:
    """What the path of a file in `folder` starts with, as pathlib writes it ('a/' for 'a',
    '' for '.', '/' for '/'): prefix + name is str(folder / name), without a Path for each."""
    return str(folder / "_")[:-1]


def article_files(raw_paths: list[str]) -> list[str]:
    """The article files named or inside the folders named, as find_articles orders them (by
    argument, each folder's by name, no repeats), as path strings; CliError for one that is
    not an article or holds none."""
    found: list[str] = []
    for raw in raw_paths:
        path = Path(raw)
        if path.is_dir():
            names = folder_files(path).articles
            if not names:
                raise CliError(f"{path}: no articles ({SUFFIXES}) in this folder")
            prefix = prefix_of(path)
            found += [prefix + name for name in names]
        elif not path.exists():
            raise CliError(f"{path}: no such file or folder")
        elif kind_of(path) is None:
            raise CliError(f"{path}: not an article (expected {SUFFIXES})")
        else:
            found.append(str(path))
    return list(dict.fromkeys(found)) if len(raw_paths) > 1 else found


def article_paths(raw_paths: list[str]) -> list[Path]:
    """article_files as Paths, for the app and for `suggest`."""
    return [Path(path) for path in article_files(raw_paths)]


class PathList(Sequence[str]):
    """File paths in order, held as runs of one folder's prefix and its files' names: the paths
    of a corpus are made when they are used, not all held at once."""

    def __init__(self) -> None:
        self._starts: list[int] = []  # where each run starts
        self._prefixes: list[str] = []
        self._names: list[str] = []

    def append(self, prefix: str, name: str) -> None:
        if not self._prefixes or self._prefixes[-1] != prefix:
            self._starts.append(len(self._names))
            self._prefixes.append(prefix)
        self._names.append(name)

    def __len__(self) -> int:
        return len(self._names)

    def _path(self, index: int) -> str:
        return self._prefixes[bisect.bisect_right(self._starts, index) - 1] + self._names[index]

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._path(i) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError("PathList index out of range")
        return self._path(index % len(self))


class SidecarFiles(NamedTuple):  # a NamedTuple: see readtui.document.Block
    """What `export` looks at, as path strings: each sidecar once, in the order sorted() gives
    their Paths; the folders holding them, sorted; and the articles seen that have none."""

    sidecars: PathList
    folders: list[Path]
    unannotated: list[str]


# The files found, as names by folder: a corpus of 20,000 articles is listed without a Path
# (or a path string) for each article.
_ByFolder = dict[Path, list[str]]


def _find_sidecars(raw_paths: list[str]) -> tuple[_ByFolder, _ByFolder]:
    """(sidecars, articles) named, of the articles named, or in the folders named (also the
    sidecars whose source is gone), each folder's names sorted and once; CliError for a path
    that is missing or holds neither."""
    sidecars: _ByFolder = {}
    articles: _ByFolder = {}

    def add(found: _ByFolder, folder: Path, names: list[str]) -> None:
        if names:
            found.setdefault(folder, []).extend(names)

    for raw in raw_paths:
        path = Path(raw)
        if path.is_dir():
            files = folder_files(path)
            if not files.articles and not files.sidecars:
                raise CliError(f"{path}: no articles ({SUFFIXES}) in this folder")
            add(articles, path, files.articles)
            add(sidecars, path, files.sidecars)
        elif not path.exists():
            raise CliError(f"{path}: no such file or folder")
        elif _is_sidecar(path.name):
            add(sidecars, path.parent, [path.name])
        elif kind_of(path) is None:
            raise CliError(f"{path}: not an article or a sidecar (expected {SUFFIXES})")
        else:
            add(articles, path.parent, [path.name])
            sidecar = sidecar_path(path)
            if sidecar.exists() or sidecar.is_symlink():  # dangling too
                add(sidecars, path.parent, [sidecar.name])
    for found in (sidecars, articles):
        for folder, names in found.items():
            # a folder named twice, or files named one by one (a shell's corpus/*.txt)
            if any(name >= after for name, after in itertools.pairwise(names)):
                found[folder] = sorted(set(names))
    return sidecars, articles


def _in_path_order(found: _ByFolder) -> PathList:
    """The path of each file, in the order sorted() gives their Paths. pathlib compares Paths
    by their parts: the folders' names are merged by the key folder parts + name, one key at
    a time, rather than a Path made for each file."""

    def keyed(prefix: str, folder: Path, names: list[str]) -> Iterator[tuple[tuple, str, str]]:
        parts = tuple(map(os.path.normcase, folder.parts))
        for name in sorted(names, key=os.path.normcase):
            yield (*parts, os.path.normcase(name)), prefix, name

    runs = (keyed(prefix_of(folder), folder, names) for folder, names in found.items())
    paths = PathList()
    for _, prefix, name in heapq.merge(*runs, key=itemgetter(0)):
        paths.append(prefix, name)
    return paths


def sidecar_files(raw_paths: list[str]) -> SidecarFiles:
    """The sidecars named, of the articles named, or in the folders named, each folder listed
    once; CliError for a path that is missing or holds neither articles nor sidecars."""
    sidecars, articles = _find_sidecars(raw_paths)
    unannotated = _without_sidecar(articles, sidecars)
    del articles  # the names let go before the sidecars' paths are made
    return SidecarFiles(_in_path_order(sidecars), sorted(sidecars), unannotated)


def _without_sidecar(articles: _ByFolder, sidecars: _ByFolder) -> list[str]:
    unannotated = []
    for folder, names in articles.items():
        annotated = set(sidecars.get(folder, ()))
        prefix = prefix_of(folder)
        unannotated += [prefix + name for name in names if name + SIDECAR_SUFFIX not in annotated]
    return unannotated


class SidecarTargets(NamedTuple):  # a NamedTuple: see readtui.document.Block
    """What `validate` and `stats` look at: each sidecar with its source, and the articles seen."""

    sidecars: dict[Path, Path]  # sidecar -> source
    articles: set[Path]


def sidecar_targets(raw_paths: list[str]) -> SidecarTargets:
    """sidecar_files as Paths: each sidecar with its source, and every article seen."""
    sidecars, articles = _find_sidecars(raw_paths)
    return SidecarTargets(
        {Path(path): Path(path.removesuffix(SIDECAR_SUFFIX)) for path in _in_path_order(sidecars)},
        {Path(path) for path in _in_path_order(articles)},
    )


class RealPaths:
    """Where files really are (os.path.realpath, as Path.resolve gives them), for many files in
    a few folders: each folder is resolved once, a file only when it is a symbolic link."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if os.path.islink(path):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)


class Configs:
    """The config of each folder (its readtui.toml, else the user's), read once."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Config] = {}

    def __call__(self, folder: Path) -> Config:
        key = folder.resolve()
        if key not in self._by_folder:
            self._by_folder[key] = load_config(folder)
        return self._by_folder[key]
