"""What every export format shares: the documents it gets, the options, and what it gives back.

A format converts one document at a time into a `Piece` (documents are independent, so this runs
on every core, or on a Dask cluster), then writes the pieces of each part of the corpus (train,
dev, test, or the whole) into its file, one piece after another, or joins them into files.
Nothing here imports a consumer library; formats that need one (spaCy) import it inside their
own functions.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from readtui.annotations import Annotation

STATUSES_DEFAULT = ("ok", "moved")


class ExportFault(Exception):
    """An export or import that cannot go on; the message names the file and the fault."""


OVERLAP_POLICIES = ("longest", "first", "drop")
ALIGN_MODES = ("strict", "expand", "contract")


def field_label(tag: str) -> str:
    """'casualty figure' -> 'casualty_figure', for formats that split fields on white space."""
    return "_".join(tag.split())


@dataclass(frozen=True)
class ExportDocument:
    """One document as the formats see it: its text, its selected spans and its metadata.

    `name` is unique within an export: the source file name without a final `.txt`
    (`kabul.txt` -> `kabul`, `kabul.html` -> `kabul.html`), so that importing an export writes
    `NAME.txt` and exporting that again gives the same names.
    """

    name: str
    text: str
    spans: tuple[Annotation, ...]
    title: str = ""
    text_sha256: str = ""
    states: dict = field(default_factory=dict)

    @property
    def meta(self) -> dict:
        meta = {"id": self.name, "title": self.title, "text_sha256": self.text_sha256}
        if self.states:
            meta["states"] = self.states
        return meta


@dataclass(frozen=True)
class ExportOptions:
    tags: frozenset[str] | None = None  # None: every tag
    annotators: frozenset[str] | None = None  # None: everyone
    statuses: frozenset[str] = frozenset(STATUSES_DEFAULT)
    split: tuple[int, ...] | None = None  # percentages, e.g. (80, 10, 10)
    seed: int = 0
    overlap: str = "longest"
    align: str = "strict"
    language: str = "en"  # spaCy's tokenizer
    labels: tuple[str, ...] = ()  # every label of the export, in a fixed order (set by the run)

    @property
    def label_map(self) -> dict[str, str]:
        """Tag name -> the label written in formats whose fields are split on white space."""
        return {tag: field_label(tag) for tag in self.labels}


@dataclass
class Piece:
    """One document in one format, with what could not be carried over and why."""

    content: object  # str for text formats, bytes for binary ones, dict name -> str for folders
    written: Counter = field(default_factory=Counter)  # spans written, per label
    left_out: Counter = field(default_factory=Counter)  # spans left out, per reason
    issues: list[str] = field(default_factory=list)  # one line each, naming document and span
    faults: int = 0  # issues that mean a span the user asked for is missing (exit status 1)


@dataclass(frozen=True)
class Format:
    """An export format: `convert` each document, then `write` or `join` the pieces of a part.

    `write(pieces, options, file)` streams the part's own file (`train.jsonl`, or OUT itself
    without --split) piece by piece, so memory does not grow with the corpus. A format that
    cannot (a DocBin, a folder of files) has `join(pieces, options)` instead, returning {file
    name: bytes}, the name "" standing for the part's own file. `shared(options)` gives files
    written once beside the parts (a label list, brat's annotation.conf).
    """

    name: str
    suffix: str  # ".jsonl"; "" for a format that writes a folder of files
    convert: Callable[[ExportDocument, ExportOptions], Piece]
    description: str
    write: Callable[[Iterable[Piece], ExportOptions, BinaryIO], None] | None = None
    join: Callable[[Iterable[Piece], ExportOptions], dict[str, bytes]] | None = None
    shared: Callable[[ExportOptions], dict[str, bytes]] | None = None
    extra: str = ""  # a module the format needs from an optional extra ("spacy")
    tokens: bool = False  # a token format: --overlap and --align apply
    field_labels: bool = False  # writes labels as field_label() gives them (no spaces)


def json_line_piece(line: dict, document: ExportDocument) -> Piece:
    """A document as one JSON line, with every one of its spans written."""
    return Piece(
        json.dumps(line, ensure_ascii=False) + "\n",
        written=Counter(span.tag for span in document.spans),
    )


def write_lines(pieces: Iterable[Piece], options: ExportOptions, file: BinaryIO) -> None:
    """The part file of a line-based format: each piece's text, in order."""
    for piece in pieces:
        file.write(piece.content.encode("utf-8"))


def write_json_list(items: Iterable[str], file: BinaryIO) -> None:
    """A JSON list, one item (already JSON) after another: `[]` when there are none."""
    separator = b"[\n"
    for item in items:
        file.write(separator + item.encode("utf-8"))
        separator = b",\n"
    file.write(b"[]\n" if separator == b"[\n" else b"\n]\n")
