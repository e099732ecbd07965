"""The `readtui` command: open articles in the app, or clean, validate and count from the shell.

    readtui [PATH ...]              open files or folders in the app (default: current folder)
    readtui clean FILE [--json]     print the cleaned text
    readtui validate PATH ... [--json]
    readtui stats PATH ... [--json]
    readtui export PATH ... -f FORMAT -o OUT
    readtui import PATH -f FORMAT -o DIR

Exit status: 0 on success, 1 on a fault found (or a file that cannot be used), 2 on bad usage.
Errors go to stderr as one line, never as a traceback. Textual is imported only to open the app.
"""

import argparse
import contextlib
import gc
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from readtui import __version__, doccache
from readtui.annotations import STATUSES, Annotation
from readtui.config import Config, ConfigError, TagDef, load_config
from readtui.corrections import apply_corrections, describe
from readtui.document import (
    ARTICLE_SUFFIXES,
    Document,
    DocumentError,
    find_articles,
    kind_of,
    load_document,
    sha256_text,
)
from readtui.editing import SET_ASIDE
from readtui.store import (
    SIDECAR_SUFFIX,
    AnnotationStore,
    SidecarError,
    read_sidecar,
    read_sidecar_text,
    sidecar_faults,
    sidecar_path,
    source_path,
)
from readtui.textsafety import one_line, sanitise

PROG = "readtui"
SUFFIXES = ", ".join(sorted({*ARTICLE_SUFFIXES} - {".markdown"}))


class CliError(Exception):
    """An expected fault: reported as one line on stderr, exit status 1."""


class _Parser(argparse.ArgumentParser):
    """argparse with bad usage reported as one line (exit 2) instead of usage plus message."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


class _OpenParser(_Parser):
    """The parser of `readtui [PATH ...]`. Its list of commands names the export formats, looked
    up for --help only: opening an article does not load the export engine."""

    def format_help(self) -> str:
        from readtui.export.formats import FORMATS, IMPORT_FORMATS

        self.epilog = self.epilog.format(
            formats=", ".join(FORMATS), import_formats=", ".join(IMPORT_FORMATS)
        )
        return super().format_help()


def _export_fault() -> type[Exception]:
    """The export engine's fault, looked up only when an exception is being handled."""
    from readtui.export.model import ExportFault

    return ExportFault


def _error(message: str) -> int:
    print(f"{PROG}: {one_line(message)}", file=sys.stderr)
    return 1


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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


@dataclass
class SidecarTargets:
    """What `validate` and `stats` look at: each sidecar with its source, and the articles seen."""

    sidecars: dict[Path, Path] = field(default_factory=dict)  # sidecar -> source
    articles: set[Path] = field(default_factory=set)


def sidecar_targets(raw_paths: list[str]) -> SidecarTargets:
    """Sidecars named, of the articles named, or in the folders named (also those whose source
    is gone); CliError for a path that is missing or holds neither articles nor sidecars."""
    targets = SidecarTargets()

    def add(sidecar: Path) -> None:
        targets.sidecars.setdefault(sidecar, source_path(sidecar))

    for raw in raw_paths:
        path = Path(raw)
        if path.is_dir():
            articles = find_articles([path])
            sidecars = sorted(
                child
                for child in path.iterdir()
                if child.name.endswith(SIDECAR_SUFFIX) and child.name != SIDECAR_SUFFIX
            )
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


# readtui [PATH ...] ---------------------------------------------------------------------------


def _width(raw: str) -> int:
    try:
        width = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: '{raw}'") from None
    if width < 20:
        raise argparse.ArgumentTypeError("must be at least 20")
    return width


def _annotator(raw: str) -> str:
    name = one_line(raw).strip()
    if not name:
        raise argparse.ArgumentTypeError("must not be empty")
    return name


def open_parser() -> argparse.ArgumentParser:
    parser = _OpenParser(
        prog=PROG,
        description="Read news articles in the terminal and annotate claims, quotes and "
        "casualty figures. Annotations are saved beside each article as "
        "NAME.annotations.json.",
        epilog="commands:\n"
        "  readtui clean FILE [--json]         print the cleaned text\n"
        "  readtui validate PATH ... [--json]  check sidecars (exit 1 on a fault)\n"
        "  readtui stats PATH ... [--json]     annotations per tag, annotator and document\n"
        "  readtui export PATH ... -f FORMAT -o OUT   write training data\n"
        "                                      ({formats})\n"
        "  readtui import PATH -f FORMAT -o DIR       bring in annotations made elsewhere\n"
        "                                      ({import_formats})\n"
        "  readtui suggest FILE [--json]       the suggestions for an article\n"
        "  readtui merge-driver BASE OURS THEIRS      git merge driver for sidecars\n"
        "  readtui COMMAND --help              the options of a command\n"
        "\n"
        f"Not built yet: {', '.join(UNBUILT)}.\n"
        "To open a file named like a command, write ./clean or put -- before it.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (default: .)"
    )
    parser.add_argument(
        "--width", type=_width, metavar="N", help="reader width in columns (default: 90)"
    )
    parser.add_argument(
        "--annotator", type=_annotator, metavar="NAME", help="name recorded on new annotations"
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def run_open(args: argparse.Namespace) -> int:
    articles = article_paths(args.paths or ["."])
    if len(args.paths) == 1 and Path(args.paths[0]).is_file():  # the reader opens at once
        doccache.clean_ahead(articles[0])
    config = load_config(articles[0].parent)
    if args.width is not None:
        config.reader_width = args.width
    if args.annotator is not None:
        config.annotator = args.annotator
    # no collection while Textual loads: nothing it makes is garbage (run_app turns it back on)
    gc.disable()
    from readtui.tui.app import run_app  # Textual is loaded only here

    # the app gets the paths as given: a folder opens the library even when it holds one article
    return run_app([Path(path) for path in args.paths or ["."]], config)


# readtui clean FILE ---------------------------------------------------------------------------


def run_clean(args: argparse.Namespace) -> int:
    document = load_document(args.file)
    for warning in document.warnings:
        print(f"{PROG}: warning: {one_line(warning)}", file=sys.stderr)
    document = _corrected(document)
    if not args.json:
        sys.stdout.write(document.text + "\n")
        return 0
    _print_json(
        {
            "title": document.title,
            "byline": document.byline,
            "date": document.date,
            "url": document.url,
            "text": document.text,
            "removed": document.removed,
            "overrides": document.overrides,
            "unmatched": document.unmatched,
            "blocks": [
                {"kind": b.kind, "start": b.start, "end": b.end, "level": b.level}
                for b in document.blocks
            ],
            "encoding": document.encoding,
            "warnings": document.warnings,
        }
    )
    return 0


def _corrected(document: Document) -> Document:
    """The document with the user's corrections from its sidecar (SPEC §2), saying so."""
    sidecar = sidecar_path(document.path)
    if not sidecar.exists():
        return document
    overrides = read_sidecar(sidecar)["document"].get("overrides", [])
    if not overrides:
        return document
    document = apply_corrections(document, overrides)
    applied = len(overrides) - len(document.unmatched)
    print(
        f"{PROG}: {_plural(applied, 'correction')} from {one_line(sidecar.name)} applied",
        file=sys.stderr,
    )
    for item in document.unmatched:
        print(
            f"{PROG}: warning: correction {one_line(describe(item))} matches no block",
            file=sys.stderr,
        )
    return document


# readtui validate PATH ... --------------------------------------------------------------------

REVIEW = {
    "fuzzy": "was re-anchored approximately (fuzzy): needs review",
    "orphan": "could not be placed after the source changed (orphan): needs review",
}


def _short(text: str, limit: int = 40) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(annotation: Annotation) -> str:
    return f"annotation {annotation.id} ({_short(annotation.tag, 30)})"


def source_faults(header: dict, source: Path) -> list[str]:
    """Does the sidecar still belong to its source: file present, same bytes, same text?"""
    if header.get("source") and header["source"] != source.name:
        return [f"document.source is '{header['source']}' but the sidecar belongs to {source.name}"]
    if not source.exists():
        return [f"its source {source.name} is missing"]
    try:
        document = apply_corrections(load_document(source), header.get("overrides", []))
    except DocumentError as exc:
        return [f"its source cannot be read: {exc}"]
    unmatched = [
        f"correction {one_line(describe(item))} matches no block of the cleaned source"
        for item in document.unmatched
    ]
    return unmatched + _text_faults(header, document)


def _text_faults(header: dict, document: Document) -> list[str]:
    same_bytes = header.get("source_sha256") == document.source_sha256
    if document.text != header["text"]:
        if same_bytes:
            return [
                "the cleaned text differs from what this readtui makes of the source "
                f"(cleaner {header.get('cleaner') or '?'} -> {document.cleaner}): "
                "open it in readtui to re-anchor"
            ]
        return [
            "source changed since it was annotated: validate --reanchor (or opening it in "
            "readtui) re-anchors it"
        ]
    if not same_bytes:
        return [
            "source_sha256 does not match the source file (its cleaned text is the same): "
            "save it in readtui (ctrl+s) to update it"
        ]
    return []


def annotation_faults(annotation: Annotation, text: str, tags: dict[str, TagDef]) -> list[str]:
    label, faults = _label(annotation), []
    if annotation.status in REVIEW:
        faults.append(f"{label} {REVIEW[annotation.status]}")
    if annotation.status != "orphan":
        actual = text[annotation.start : annotation.end]
        if annotation.start == annotation.end:
            faults.append(f"{label} is empty ({annotation.start}-{annotation.end})")
        elif annotation.status != "fuzzy" and annotation.quote.exact != actual:
            faults.append(
                f"{label} quote '{_short(annotation.quote.exact)}' does not match the text at "
                f"{annotation.start}-{annotation.end} ('{_short(actual)}')"
            )
    tag = tags.get(annotation.tag)
    if tag is None:
        known = ", ".join(tags) or "none"
        faults.append(f"{label} has an unknown tag (known tags: {known})")
    else:
        faults.extend(f"{label} {fault}" for fault in attribute_faults(annotation.attrs, tag))
    return faults


def attribute_faults(attrs: dict, tag: TagDef) -> list[str]:
    """Attribute values the tag does not define or whose type is wrong (None means unset)."""
    defined = {attr.name: attr for attr in tag.attributes}
    faults = []
    for name, value in attrs.items():
        attr = defined.get(name)
        if name == SET_ASIDE and isinstance(value, dict):
            continue  # kept from an earlier tag: not this tag's to check
        if attr is None:
            faults.append(f"has attribute '{_short(name, 30)}' that its tag does not define")
        elif value is None:
            continue
        elif attr.type == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            faults.append(f"attribute {name} is not a whole number")
        elif attr.type == "choice" and value not in attr.choices:
            faults.append(f"attribute {name} must be one of: {', '.join(attr.choices)}")
        elif attr.type == "str" and not isinstance(value, str):
            faults.append(f"attribute {name} is not text")
    if not faults:
        faults = tag.validate_attrs(attrs)
    return faults


def check_sidecar(sidecar: Path, source: Path, config: Config) -> tuple[int, list[str]]:
    """(number of annotations, faults) of one sidecar."""
    if sidecar.is_symlink() and not sidecar.exists():
        return 0, [f"is a symbolic link to {os.readlink(sidecar)}, which does not exist"]
    try:
        raw = read_sidecar_text(sidecar)
    except SidecarError as exc:
        return 0, [str(exc).removeprefix(f"{sidecar}: ")]
    data, faults = sidecar_faults(raw)
    if data is None:
        return 0, faults
    header, text = data["document"], data["document"]["text"]
    if header.get("text_sha256") != sha256_text(text):
        faults.append("document.text_sha256 does not match its text")
    faults += source_faults(header, source)
    tags = {tag.name: tag for tag in config.tags}
    annotations = []
    for item in data["annotations"]:
        try:
            annotation = Annotation.from_json(item)
        except ValueError:
            continue  # already reported by sidecar_faults
        if 0 <= annotation.start <= annotation.end <= len(text):
            annotations.append(annotation)
            faults += annotation_faults(annotation, text, tags)
    for annotation_id, count in sorted(Counter(a.id for a in annotations).items()):
        if count > 1:
            faults.append(f"annotation id {annotation_id} is used {count} times")
    return len(data["annotations"]), faults


def reanchor_sidecar(sidecar: Path, source: Path, dry_run: bool) -> str | None:
    """Re-place a sidecar's annotations in its changed source and save it (not with `dry_run`):
    one line saying what moved, or None when its text is the source's already."""
    store = AnnotationStore(load_document(source), sidecar)
    if sidecar_faults(read_sidecar_text(sidecar))[0]["document"]["text"] == store.document.text:
        return None
    counts = Counter(a.status for a in store.annotations())
    placed = ", ".join(f"{counts[status]} {status}" for status in STATUSES if counts[status])
    if dry_run:
        return f"would re-anchor (--dry-run, not saved): {placed or 'no annotations'}"
    store.save()
    return f"re-anchored and saved: {placed or 'no annotations'}"


def run_validate(args: argparse.Namespace) -> int:
    if args.dry_run and not args.reanchor:
        raise UsageError("--dry-run goes with --reanchor")
    targets = sidecar_targets(args.paths)
    configs = Configs()
    files, total_faults, total_annotations = [], 0, 0
    for sidecar, source in sorted(targets.sidecars.items()):
        reanchored = None
        if args.reanchor and source.exists():
            with contextlib.suppress(DocumentError, SidecarError):  # check_sidecar says why
                reanchored = reanchor_sidecar(sidecar, source, args.dry_run)
            if reanchored and not args.json:
                print(f"{one_line(str(sidecar))}: {reanchored}")
        count, faults = check_sidecar(sidecar, source, configs(sidecar.parent))
        files.append(
            {"path": str(sidecar), "source": str(source), "annotations": count, "faults": faults}
        )
        if reanchored:
            files[-1]["reanchored"] = reanchored
        total_faults += len(faults)
        total_annotations += count
        if not args.json:
            for fault in faults:
                print(f"{one_line(str(sidecar))}: {one_line(fault)}")
    if args.json:
        _print_json({"files": files, "faults": total_faults})
    else:
        found = _plural(total_faults, "fault") if total_faults else "no faults"
        print(
            f"{_plural(len(files), 'sidecar')}, {_plural(total_annotations, 'annotation')}: {found}"
        )
    return 1 if total_faults else 0


# readtui stats PATH ... -----------------------------------------------------------------------


def run_stats(args: argparse.Namespace) -> int:
    targets = sidecar_targets(args.paths)
    configs = Configs()
    by_tag: Counter[str] = Counter()
    by_annotator: Counter[str] = Counter()
    tag_order: dict[str, None] = {}
    documents = []
    for sidecar, source in sorted(targets.sidecars.items()):
        data = read_sidecar(sidecar)
        for tag in configs(sidecar.parent).tags:
            tag_order.setdefault(tag.name)
        rows = data["annotations"]
        document_tags = Counter(row["tag"] for row in rows)
        by_tag.update(document_tags)
        by_annotator.update(row.get("annotator", "") for row in rows)
        documents.append(
            {
                "path": str(source),
                "sidecar": str(sidecar),
                "title": data["document"].get("title") or source.name,
                "by_tag": dict(sorted(document_tags.items())),
                "total": len(rows),
            }
        )
    for tag in sorted(by_tag):
        tag_order.setdefault(tag)
    tags = list(tag_order)
    summary = {
        "by_tag": {tag: by_tag[tag] for tag in tags},
        "by_annotator": dict(sorted(by_annotator.items())),
        "documents": documents,
        "total": sum(by_tag.values()),
        "articles": len(targets.articles | set(targets.sidecars.values())),
    }
    if args.json:
        _print_json(summary)
    else:
        print_stats(summary, tags)
    return 0


def print_stats(summary: dict, tags: list[str]) -> None:
    # Titles, tags and names come from files: cells are Text objects, never markup strings.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def cell(value: object, style: str = "") -> Text:
        return Text(one_line(str(value)), style=style)

    def table(*columns: str) -> Table:
        result = Table(show_edge=False)
        for index, column in enumerate(columns):
            numeric = index > 0
            result.add_column(cell(column), justify="right" if numeric else "left", overflow="fold")
        return result

    console = Console(highlight=False)
    per_tag = table("tag", "annotations")
    for tag in tags:
        per_tag.add_row(cell(tag), cell(summary["by_tag"][tag]))
    per_annotator = table("annotator", "annotations")
    for name, count in summary["by_annotator"].items():
        per_annotator.add_row(cell(name or "(unnamed)"), cell(count))
    per_document = table("document", *tags, "total")
    for document in summary["documents"]:
        counts = [cell(document["by_tag"].get(tag, 0)) for tag in tags]
        per_document.add_row(cell(document["title"]), *counts, cell(document["total"], "bold"))
    for title, part in (("tag", per_tag), ("annotator", per_annotator), ("document", per_document)):
        console.print(Text(f"Annotations per {title}", style="bold"))
        console.print(part)
        console.print()
    console.print(
        Text(
            f"{_plural(len(summary['documents']), 'annotated document')} of "
            f"{_plural(summary['articles'], 'article')}, "
            f"{_plural(summary['total'], 'annotation')}"
        )
    )


# Entry point ----------------------------------------------------------------------------------

# readtui export / import ----------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    from readtui.export.command import run_export as export

    targets = sidecar_targets(args.paths)
    configs = Configs()
    tag_order: dict[str, None] = {}
    for folder in sorted({sidecar.parent for sidecar in targets.sidecars}):
        tag_order.update(dict.fromkeys(configs(folder).tag_names))
    annotated = set(targets.sidecars.values())
    missing = sorted(sanitise(path.name) for path in targets.articles - annotated)
    return export(args, sorted(targets.sidecars), missing, tuple(tag_order))


def run_import(args: argparse.Namespace) -> int:
    from readtui.export.command import run_import as import_

    return import_(args)


def run_suggest(args: argparse.Namespace) -> int:
    from readtui.suggest.command import run_suggest as suggest

    return suggest(args)


def run_merge_driver(args: argparse.Namespace) -> int:
    from readtui.merge_command import run_merge_driver as merge_driver

    return merge_driver(args)


def _add_merge_driver(command: argparse.ArgumentParser) -> None:
    from readtui.merge_command import add_arguments

    add_arguments(command)


def _add_paths(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="articles, sidecars or folders")
    command.add_argument("--json", action="store_true", help="print one JSON document")


def _add_validate(command: argparse.ArgumentParser) -> None:
    _add_paths(command)
    command.add_argument(
        "--reanchor",
        action="store_true",
        help="re-place the annotations of sidecars whose source changed, and save them",
    )
    command.add_argument(
        "--dry-run", action="store_true", help="with --reanchor: say what would change only"
    )


def _add_file(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", metavar="FILE", help="an article (.txt, .md, .html)")
    command.add_argument("--json", action="store_true", help="print one JSON document")


def _add_export(command: argparse.ArgumentParser) -> None:
    from readtui.export.command import add_export_arguments

    add_export_arguments(command)


def _add_import(command: argparse.ArgumentParser) -> None:
    from readtui.export.command import add_import_arguments

    add_import_arguments(command)


# Entry point ----------------------------------------------------------------------------------

COMMANDS = {
    "clean": ("print the cleaned text of an article", run_clean, _add_file),
    "validate": ("check sidecars: schema, hashes, offsets, orphans", run_validate, _add_validate),
    "stats": ("annotations per tag, annotator and document", run_stats, _add_paths),
    "export": ("write the annotations as training data", run_export, _add_export),
    "import": ("bring annotations made elsewhere into sidecars", run_import, _add_import),
    "suggest": ("print the suggestions for an article", run_suggest, _add_file),
    "merge-driver": (
        "git merge driver for sidecars: merge BASE, OURS, THEIRS into OURS by annotation id",
        run_merge_driver,
        _add_merge_driver,
    ),
}


# SPEC §6 commands still to come: named so, not taken for files
UNBUILT = ("agree",)


class UsageError(Exception):
    """Bad usage found before argparse runs: one line on stderr, exit status 2."""


def check_command_word(word: str) -> None:
    """UsageError for a first argument that is a command word but no command we have. A word
    with '/' or a suffix, an option, or a path that exists is a path to open."""
    if word in UNBUILT:
        raise UsageError(f"'{word}' is not built yet")
    if word.startswith("-") or "/" in word or os.sep in word or Path(word).suffix:
        return
    if not os.path.lexists(word):
        raise UsageError(
            f"unknown command '{word}', and no file or folder of that name "
            f"(commands: {', '.join(COMMANDS)}; write ./{word} to open a file named so)"
        )


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of one command (only its own arguments are built: export's need its module)."""
    summary, handler, add_arguments = COMMANDS[name]
    parser = _Parser(prog=f"{PROG} {name}", description=summary)
    parser.set_defaults(handler=handler)
    add_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = command_parser(argv[0]).parse_args(argv[1:])
            return args.handler(args)
        if argv:
            check_command_word(argv[0])
        return run_open(open_parser().parse_intermixed_args(argv))
    except UsageError as exc:
        print(f"{PROG}: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except (CliError, DocumentError, SidecarError, ConfigError, _export_fault()) as exc:
        return _error(str(exc))
    except BrokenPipeError:  # `readtui clean x | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a folder that cannot be listed, a disk that fails
        where = f"{exc.filename}: " if exc.filename else ""
        return _error(f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130
