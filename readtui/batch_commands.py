"""`clean`, `suggest` and `validate` over a corpus, on every core or a Dask cluster.

    readtui clean PATH ... -o DIR [--json]       DIR/NAME.txt (and DIR/NAME.json) per article
    readtui suggest PATH ... [--json] [-o FILE]  one JSON line (or grep-like lines) per article
    readtui validate PATH ...                    the faults of each sidecar, in order

The per-document work runs through readtui.batch (any process, any machine); this process writes
each result as it comes back, in input order, so the output is the same bytes however the work was
spread. A rerun continues: an output at least as new as its article and sidecar is kept, `--force`
redoes it. A document that fails is one line on stderr; the run goes on and exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from readtui.batch import Failure, add_batch_arguments, batch_options, run_documents
from readtui.batch_outputs import (
    Outputs,
    ResumableLines,
    interrupts_deferred,
    sweep_temporaries,
    up_to_date,
)
from readtui.config import ConfigError, load_config
from readtui.corrections import apply_corrections, describe
from readtui.document import Document, DocumentError, load_document
from readtui.store import SIDECAR_SUFFIX, SidecarError, read_sidecar, sidecar_path
from readtui.textsafety import one_line
from readtui.wording import count_of

PROG = "readtui"


def _say(message: str) -> None:
    print(f"{PROG}: {one_line(message)}", file=sys.stderr)


def _failed(failure: Failure) -> None:
    _say(f"{failure.item}: {failure.message}")


def _interrupted(done: int, total: int, where: str) -> None:
    _say(f"interrupted after {done:,} of {count_of(total, 'article')}; {where}")


@contextlib.contextmanager
def _named(shown: str, path: str) -> Iterator[None]:
    """A worker opens the absolute path (a Dask worker elsewhere has another folder); its faults
    name the path as the user gave it."""
    try:
        yield
    except (DocumentError, SidecarError, ConfigError) as exc:
        raise type(exc)(str(exc).replace(path, shown)) from None


def _work_items(sources: list[Path]) -> list[tuple[str, str]]:
    return [(str(source), str(source.absolute())) for source in sources]


# readtui clean ----------------------------------------------------------------------------------


def add_clean_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="an article (.txt, .md, .html); with -o DIR, any number of articles and folders",
    )
    command.add_argument(
        "--json", action="store_true", help="the text with its metadata and blocks, as JSON"
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="write NAME.txt (and NAME.json with --json) for each article into DIR",
    )
    command.add_argument(
        "--force", action="store_true", help="with -o: redo outputs that are up to date"
    )
    add_batch_arguments(command)


def corrected(document: Document) -> tuple[Document, int, list[str]]:
    """The document with the user's corrections from its sidecar (SPEC §2): (document, how many
    were applied, one warning for each that matches no block)."""
    sidecar = sidecar_path(document.path)
    if not sidecar.exists():
        return document, 0, []
    overrides = read_sidecar(sidecar)["document"].get("overrides", [])
    if not overrides:
        return document, 0, []
    document = apply_corrections(document, overrides)
    unmatched = [
        f"correction {one_line(describe(item))} matches no block" for item in document.unmatched
    ]
    return document, len(overrides) - len(document.unmatched), unmatched


def clean_json(document: Document) -> dict:
    return {
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


def clean_one(item: tuple[str, str, bool]) -> tuple[bytes, bytes | None, list[str]]:
    """(cleaned text, its JSON or None, warnings) of one article: the bytes `readtui clean FILE`
    (and `--json`) prints."""
    shown, path, with_json = item
    with _named(shown, path):
        document = load_document(Path(path))
        document, _, unmatched = corrected(document)
    text = (document.text + "\n").encode("utf-8")
    meta = None
    if with_json:
        meta = (json.dumps(clean_json(document), ensure_ascii=False, indent=2) + "\n").encode()
    return text, meta, [*document.warnings, *unmatched]


def clean_names(sources: list[str]) -> list[str]:
    """NAME of DIR/NAME.txt for each article, in order, named as export names documents
    (kabul.txt -> kabul, kabul.html -> kabul.html), with folders in front where names clash."""
    from readtui.export.corpus import document_names  # names sources as well as sidecars

    return [name.replace("/", os.sep) for name in document_names(sources)]


def _check_not_overwritten(sources: list[str], prefix: str, names: list[str]) -> None:
    """CliError for the first output, prefix + NAME.txt, that is an article itself (links
    followed)."""
    from readtui.corpus import CliError, RealPaths

    real_path = RealPaths()
    # only the articles in a folder that outputs go into can be one: those alone are held
    folders = {os.path.dirname(real_path(f"{prefix}{name}.txt")) for name in names}
    resolved = {real for path in sources if os.path.dirname(real := real_path(path)) in folders}
    for name in names if resolved else ():
        if real_path(text := f"{prefix}{name}.txt") in resolved:
            raise CliError(f"{text}: would overwrite the article itself; write into another -o")


def run_clean_batch(args: argparse.Namespace, sources: list[str]) -> int:
    """`readtui clean PATH ... -o DIR`. Each article is a path string and its output is made
    from its name when needed: no Path is held for each of 20,000 articles."""
    from readtui.corpus import CliError, prefix_of

    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise CliError(f"{folder}: is a file; -o names the folder to write into")
    prefix, names = prefix_of(folder), clean_names(sources)

    def outputs_of(index: int) -> list[str]:  # DIR/NAME.txt (and DIR/NAME.json)
        base = prefix + names[index]
        return [f"{base}.txt", f"{base}.json"] if args.json else [f"{base}.txt"]

    _check_not_overwritten(sources, prefix, names)
    folder.mkdir(parents=True, exist_ok=True)
    subfolders = {os.path.dirname(name) for name in names}  # "" or those of clashing names
    for parent in sorted(folder / subfolder for subfolder in subfolders):
        sweep_temporaries(parent)
    todo = [
        index
        for index, source in enumerate(sources)
        if args.force or not up_to_date(outputs_of(index), [source, source + SIDECAR_SUFFIX])
    ]
    here = os.getcwd()
    # made as they are sent: only the items in flight are held
    work = ((sources[index], os.path.join(here, sources[index]), args.json) for index in todo)
    skipped = len(sources) - len(todo)
    cleaned = failed = 0
    try:
        with Outputs() as outputs:
            results = run_documents(
                clean_one, work, label="articles", total=len(todo), **batch_options(args)
            )
            for ((shown, _, _), result), index in zip(results, todo, strict=True):
                if isinstance(result, Failure):
                    _failed(result)
                    failed += 1
                    continue
                text, meta, warnings = result
                for warning in warnings:
                    _say(f"{shown}: warning: {warning}")
                base = prefix + names[index]
                outputs.write(f"{base}.txt", text)
                if meta is not None:
                    outputs.write(f"{base}.json", meta)
                cleaned += 1
    except KeyboardInterrupt:
        _interrupted(cleaned + failed, len(todo), "run the same command again to continue")
        raise
    summary = f"{count_of(cleaned, 'article')} cleaned into {folder}"
    if skipped:
        summary += f"; {skipped:,} already up to date, kept (--force redoes them)"
    if failed:
        summary += f"; {failed:,} failed"
    print(one_line(summary))
    return 1 if failed else 0


# readtui suggest --------------------------------------------------------------------------------


def add_suggest_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="an article (.txt, .md, .html), or several articles and folders",
    )
    command.add_argument(
        "--json",
        action="store_true",
        help="JSON: a list for one article, one line per article for several",
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="with --json: write the lines into FILE; a rerun continues an interrupted run",
    )
    command.add_argument(
        "--force", action="store_true", help="with -o: write FILE again from the start"
    )
    add_batch_arguments(command)


def suggest_one(item: tuple[str, str]) -> tuple[list[dict], list[str]]:
    """(the suggestions of one article as `suggest --json` lists them, faults of rules)."""
    from readtui.suggest.command import suggestion_rows, suggestions_for

    shown, path = item
    with _named(shown, path):
        text, found, faults = suggestions_for(Path(path))
    return suggestion_rows(text, found), faults


def _suggest_inputs(source: Path) -> list[Path]:
    return [source, sidecar_path(source), source.parent / "readtui.toml"]


def run_suggest_batch(args: argparse.Namespace, sources: list[Path]) -> int:
    """`readtui suggest PATH ...` on several articles (or with -o)."""
    from readtui.suggest.command import suggestion_line

    for folder in {source.parent for source in sources}:
        load_config(folder)  # a config that cannot be read stops the run here, as one line
    work = _work_items(sources)
    lines = None
    start = 0
    if args.output is not None:
        lines = ResumableLines(
            args.output, [shown for shown, _ in work], [_suggest_inputs(s) for s in sources]
        )
        start = lines.resume(args.force)
        if start == len(work):
            print(f"{one_line(str(args.output))} is up to date (--force writes it again)")
            return 0
    faults: dict[str, None] = {}
    found = failed = done = 0
    complete = False
    try:
        results = run_documents(suggest_one, work[start:], label="articles", **batch_options(args))
        for (shown, _), result in results:
            done += 1
            if isinstance(result, Failure):
                _failed(result)
                failed += 1
                if args.json:
                    error = {"path": shown, "error": result.message}
                    _emit(lines, json.dumps(error, ensure_ascii=False) + "\n")
                continue
            rows, rule_faults = result
            faults.update(dict.fromkeys(rule_faults))
            found += len(rows)
            if args.json:
                line = {"path": shown, "suggestions": rows}
                _emit(lines, json.dumps(line, ensure_ascii=False) + "\n")
            else:
                _emit(lines, "".join(f"{one_line(shown)}:{suggestion_line(row)}\n" for row in rows))
        complete = True
    except KeyboardInterrupt:
        where = (
            f"{args.output}.partial holds what was done; run the same command again to continue"
            if lines is not None
            else "its lines so far are on stdout, each whole"
        )
        _interrupted(start + done, len(work), where)
        raise
    finally:
        if lines is not None:
            lines.close(complete)
    summary = f"{count_of(found, 'suggestion')} in {count_of(len(work) - start, 'article')}"
    if start:
        summary += f" ({start:,} kept from the last run)"
    if failed:
        summary += f"; {failed:,} failed"
    _say(summary) if args.output is None else print(one_line(summary))
    for fault in faults:
        _say(fault)
    return 1 if faults or failed else 0


def _emit(lines: ResumableLines | None, text: str) -> None:
    if lines is not None:
        lines.write(text)
        return
    with interrupts_deferred():  # stdout gets whole lines only, even at ctrl+c
        sys.stdout.write(text)
        sys.stdout.flush()


# readtui validate -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _config(folder: str):
    return load_config(Path(folder))


def validate_one(
    item: tuple[str, str, str, str, bool, bool],
) -> tuple[int, list[str], str | None]:
    """(annotations, faults, what --reanchor did or None) of one sidecar."""
    from readtui.validation import check_sidecar, reanchor_sidecar

    shown, sidecar, shown_source, source, reanchor, dry_run = item
    sidecar_file, source_file = Path(sidecar), Path(source)
    reanchored = None
    if reanchor and source_file.exists():
        with contextlib.suppress(DocumentError, SidecarError):  # check_sidecar says why
            reanchored = reanchor_sidecar(sidecar_file, source_file, dry_run)
    count, faults = check_sidecar(sidecar_file, source_file, _config(str(sidecar_file.parent)))
    faults = [fault.replace(sidecar, shown).replace(source, shown_source) for fault in faults]
    return count, faults, reanchored


def run_validate_batch(args: argparse.Namespace, sidecars: list[tuple[Path, Path]]) -> int:
    """`readtui validate PATH ...`: each sidecar checked (and re-anchored) wherever the work
    runs, its lines printed in order; --json streams the same document `json.dumps` would give."""
    work = [
        (str(sidecar), str(sidecar.absolute()), str(source), str(source.absolute()))
        + (args.reanchor, args.dry_run)
        for sidecar, source in sidecars
    ]
    total_faults = total_annotations = files = 0
    listing = JsonList(sys.stdout, "files") if args.json else None
    results = run_documents(validate_one, work, label="sidecars", **batch_options(args))
    for (shown, _, source_shown, _, _, _), result in results:
        if isinstance(result, Failure):
            result = 0, [result.message], None
        count, faults, reanchored = result
        files += 1
        total_faults += len(faults)
        total_annotations += count
        if listing is not None:
            entry = {"path": shown, "source": source_shown, "annotations": count, "faults": faults}
            if reanchored:
                entry["reanchored"] = reanchored
            listing.add(entry)
            continue
        lines = [f"{one_line(shown)}: {reanchored}"] if reanchored else []
        lines += [f"{one_line(shown)}: {one_line(fault)}" for fault in faults]
        if lines:
            _emit(None, "".join(line + "\n" for line in lines))
    if listing is not None:
        listing.close({"faults": total_faults})
    else:
        found = count_of(total_faults, "fault") if total_faults else "no faults"
        print(f"{count_of(files, 'sidecar')}, {count_of(total_annotations, 'annotation')}: {found}")
    return 1 if total_faults else 0


class JsonList:
    """`{"KEY": [item, ...], ...}` written item by item, the bytes of json.dumps(indent=2)."""

    def __init__(self, stream, key: str) -> None:
        self.stream = stream
        self.count = 0
        self.stream.write("{\n  " + json.dumps(key) + ": [")

    def add(self, item: dict) -> None:
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        _emit(None, ("," if self.count else "") + "\n    " + body)
        self.count += 1

    def close(self, rest: dict) -> None:
        tail = json.dumps(rest, ensure_ascii=False, indent=2)[1:]  # without its "{"
        self.stream.write(("\n  ]" if self.count else "]") + "," + tail + "\n")
