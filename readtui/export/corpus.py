"""The corpus of an export: sidecars read into documents, spans selected, parts assigned.

Everything comes from the sidecars, which hold the cleaned text, so an export works when the
source files are gone.
"""

import hashlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from readtui.annotations import Annotation
from readtui.corpus import RealPaths
from readtui.document import sha256_text
from readtui.export.model import ExportDocument, ExportOptions
from readtui.store import SIDECAR_SUFFIX, SidecarError, read_sidecar_annotations

SPLIT_NAMES = {2: ("train", "test"), 3: ("train", "dev", "test")}

LEFT_OUT_REASONS = {
    "fuzzy": "fuzzy: re-anchored approximately, needs review",
    "orphan": "orphan: could not be placed after the source changed",
    "moved": "moved: re-anchored exactly",
    "ok": "status ok (not in --status)",
}


def document_name(source_name: str) -> str:
    """`kabul.txt` -> `kabul`; any other name stays whole (`kabul.html`), so names never clash."""
    return source_name.removesuffix(".txt") or source_name


def document_names(paths: Sequence[str | Path]) -> list[str]:
    """A unique name for the document of each sidecar (or source), in order; folders are named
    where file names clash."""
    return DocumentNames(paths)[:]


class DocumentNames:
    """document_names, made for a slice of the paths at a time: only the names with folders
    in front are held, so that a corpus's names are not all in memory at once."""

    def __init__(self, paths: Sequence[str | Path]) -> None:
        self.paths = paths
        seen: set[str] = set()
        clashing: set[str] = set()
        for path in paths:
            name = _plain_name(path)
            (clashing if name in seen else seen).add(name)
        del seen
        self.with_folders: dict[int, str] = {}
        if clashing:
            real_path = RealPaths()
            parts: dict[str, tuple[str, ...]] = {}  # of each folder
            clash_folders: dict[int, str] = {}
            for index, path in enumerate(paths):
                folder = os.path.dirname(real_path(os.fspath(path)))
                if folder not in parts:
                    parts[folder] = Path(folder).parts
                if _plain_name(path) in clashing:
                    clash_folders[index] = folder
            common = len(_common_parts(list(parts.values())))
            for index, folder in clash_folders.items():
                name = _plain_name(paths[index])
                self.with_folders[index] = str(PurePosixPath(*parts[folder][common:], name))

    def __getitem__(self, part: slice) -> list[str]:
        indices = range(*part.indices(len(self.paths)))
        return [self.with_folders.get(i) or _plain_name(self.paths[i]) for i in indices]


def _plain_name(path: str | Path) -> str:
    return document_name(os.path.basename(path).removesuffix(SIDECAR_SUFFIX))


def _common_parts(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    common = paths[0]
    for parts in paths[1:]:
        size = 0
        while size < min(len(common), len(parts)) and common[size] == parts[size]:
            size += 1
        common = common[:size]
    return common


def split_of(text_sha256: str, options: ExportOptions) -> str:
    """The part a document goes to, from its text and the seed alone: the same document lands
    in the same part whatever else is in the corpus (and copies of one article stay together)."""
    if not options.split:
        return ""
    digest = hashlib.sha256(f"{options.seed}:{text_sha256}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64 * sum(options.split)
    bound = 0
    for name, share in zip(SPLIT_NAMES[len(options.split)], options.split, strict=True):
        bound += share
        if point < bound:
            return name
    return SPLIT_NAMES[len(options.split)][-1]


@dataclass
class LoadedDocument:
    """A sidecar read for export: the document (None when it is left out) and why spans or the
    document were left out."""

    name: str
    document: ExportDocument | None = None
    split: str = ""
    left_out: Counter = field(default_factory=Counter)
    problem: str = ""  # one line, when the document could not be exported
    tags: tuple[str, ...] = ()  # every tag seen, for the label list


def load_for_export(sidecar: str | Path, name: str, options: ExportOptions) -> LoadedDocument:
    loaded = LoadedDocument(name)
    try:
        data, annotations = read_sidecar_annotations(sidecar)
    except SidecarError as exc:
        loaded.problem = f"{exc} (left out)"
        return loaded
    header = data["document"]
    text = header["text"]
    rows = data["annotations"]
    states = data.get("states") if isinstance(data.get("states"), dict) else {}
    spans: list[Annotation] = []
    dropped_by_status = 0
    tags = set()
    for annotation in annotations:
        tags.add(annotation.tag)
        if options.tags is not None and annotation.tag not in options.tags:
            loaded.left_out["tag not exported (--tags)"] += 1
        elif options.annotators is not None and annotation.annotator not in options.annotators:
            loaded.left_out["another annotator's (--annotator)"] += 1
        elif annotation.status not in options.statuses:
            loaded.left_out[LEFT_OUT_REASONS[annotation.status]] += 1
            dropped_by_status += 1
        elif annotation.start >= annotation.end:
            loaded.left_out["empty span"] += 1
        else:
            spans.append(annotation)
    loaded.tags = tuple(sorted(tags))
    done = any(isinstance(s, dict) and s.get("state") == "done" for s in states.values())
    if not rows and not done:
        loaded.problem = f"{name}: no annotations (left out; mark it done to export it as is)"
        return loaded
    if rows and not spans and dropped_by_status:
        loaded.problem = (
            f"{name}: every annotation is fuzzy or orphaned (left out; review them with "
            "'readtui validate' or ctrl+r in the app)"
        )
        return loaded
    # Stable order for every format: by offsets, then tag; ids only break exact ties, so an
    # import (which gives new ids) followed by an export keeps the order.
    spans.sort(key=lambda a: (a.start, a.end, a.tag, a.annotator, a.id))
    loaded.document = ExportDocument(
        name=name,
        text=text,
        spans=tuple(spans),
        title=header.get("title", ""),
        text_sha256=sha256_text(text),
        states=states,
    )
    loaded.split = split_of(loaded.document.text_sha256, options)
    return loaded
