"""`readtui export` and `readtui import`: arguments, the run, the progress bar and the summary."""

import argparse
import json
import sys
from pathlib import Path

from readtui.export.formats import FORMATS, IMPORT_FORMATS
from readtui.export.model import ALIGN_MODES, OVERLAP_POLICIES, STATUSES_DEFAULT, ExportOptions
from readtui.export.run import ExportReport

PROGRESS_FROM = 50  # documents: a shorter run is over before a bar would help
ISSUES_SHOWN = 30  # span-level lines printed before the summary; --json has every one


def _names(raw: str) -> frozenset[str]:
    names = frozenset(name.strip() for name in raw.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("give at least one name")
    return names


def _statuses(raw: str) -> frozenset[str]:
    names = _names(raw)
    unknown = sorted(names - {"ok", "moved", "fuzzy", "orphan"})
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown status '{unknown[0]}' (ok, moved, fuzzy, orphan)"
        )
    return names


def _split(raw: str) -> tuple[int, ...]:
    try:
        shares = tuple(int(part) for part in raw.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{raw}' is not like 80/10/10") from None
    if len(shares) not in (2, 3) or any(s < 0 for s in shares) or sum(shares) != 100:
        raise argparse.ArgumentTypeError(
            f"'{raw}': two or three percentages adding up to 100 (train/test or train/dev/test)"
        )
    return shares


def add_export_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="articles, sidecars or folders")
    command.add_argument(
        "-f",
        "--format",
        required=True,
        choices=list(FORMATS),
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)}",
    )
    command.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="OUT",
        help="the file (or folder, for brat and with --split) to write",
    )
    command.add_argument("--tags", type=_names, metavar="T,...", help="only these tags")
    command.add_argument(
        "--annotator", type=_names, metavar="NAME,...", help="only these annotators' marks"
    )
    command.add_argument(
        "--status",
        type=_statuses,
        default=frozenset(STATUSES_DEFAULT),
        metavar="S,...",
        help="statuses to export (default: ok,moved)",
    )
    command.add_argument(
        "--split",
        type=_split,
        metavar="80/10/10",
        help="train/dev/test parts by document; OUT becomes a folder",
    )
    command.add_argument(
        "--seed", type=int, default=0, metavar="N", help="seed of the split (default: 0)"
    )
    command.add_argument(
        "--overlap",
        choices=OVERLAP_POLICIES,
        default="longest",
        help="IOB formats: which of overlapping spans to keep (default: longest)",
    )
    command.add_argument(
        "--align",
        choices=ALIGN_MODES,
        default="strict",
        help="token formats: spans off token boundaries (default: strict)",
    )
    command.add_argument(
        "--lang", default="en", metavar="CODE", help="spaCy language of the tokenizer (default: en)"
    )
    command.add_argument("--json", action="store_true", help="print the report as JSON")
    from readtui.batch import add_batch_arguments

    add_batch_arguments(command)


def add_import_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("path", type=Path, metavar="PATH", help="the file or folder to import")
    command.add_argument(
        "-f",
        "--format",
        required=True,
        choices=IMPORT_FORMATS,
        metavar="FORMAT",
        help=f"one of: {', '.join(IMPORT_FORMATS)}",
    )
    command.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="DIR",
        help="folder to write NAME.txt and NAME.txt.annotations.json into",
    )
    command.add_argument("--json", action="store_true", help="print the report as JSON")


def run_export(
    args: argparse.Namespace, sidecars: list[str], missing: list[str], tag_order: tuple[str, ...]
) -> int:
    """Export `sidecars` (paths, in order); `missing` names the articles that have no sidecar."""
    from readtui.export.run import export_corpus

    options = ExportOptions(
        tags=args.tags,
        annotators=args.annotator,
        statuses=args.status,
        split=args.split,
        seed=args.seed,
        overlap=args.overlap,
        align=args.align,
        language=args.lang,
    )
    report = export_corpus(
        sidecars,
        args.format,
        args.output,
        options,
        tag_order,
        workers=args.jobs,
        dask=args.dask,
        bar=None if len(sidecars) >= PROGRESS_FROM else False,
    )
    report.problems[:0] = [f"{name}: no annotations (left out)" for name in missing]
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(report, _console())
    return report.exit_status


def run_import(args: argparse.Namespace) -> int:
    from readtui.export.importing import import_corpus

    report = import_corpus(args.path, args.format, args.output)
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        return report.exit_status
    console = _console()
    for problem in report.problems:
        console.print(_text(problem, "red"), soft_wrap=True)
    total = sum(report.annotations.values())
    console.print(
        _text(f"imported {report.documents} documents, {total} annotations into {args.output}")
    )
    for tag, count in sorted(report.annotations.items()):
        console.print(_text(f"  {tag}: {count}"))
    return report.exit_status


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _text(value: object, style: str = ""):
    # Names, tags and paths come from files: Text objects, never markup strings.
    from rich.text import Text

    from readtui.textsafety import sanitise

    return Text(" ".join(sanitise(str(value)).split("\n")), style=style)


def summary_rows(report: ExportReport) -> list[tuple[str, str]]:
    """The summary as (what, how many) rows; the app's export dialog shows the same."""
    rows = [
        (f"documents{f' ({part})' if part else ''}", str(count))
        for part, count in sorted(report.documents.items())
    ]
    if not report.documents:
        rows.append(("documents", "0"))
    rows += [(f"spans: {label}", str(count)) for label, count in sorted(report.spans.items())]
    rows += [
        (f"left out: {reason}", str(count)) for reason, count in sorted(report.left_out.items())
    ]
    rows += [
        (f"label '{tag}'", f"written as '{label}'")
        for tag, label in report.labels.items()
        if tag != label
    ]
    return rows


def print_report(report: ExportReport, console) -> None:
    from rich.table import Table

    for line in report.issues[:ISSUES_SHOWN]:
        console.print(_text(line, "yellow"), soft_wrap=True)
    if len(report.issues) > ISSUES_SHOWN:
        more = len(report.issues) - ISSUES_SHOWN
        console.print(_text(f"... and {more} more spans moved or left out (--json lists each)",
                            "yellow"))  # fmt: skip
    for line in report.problems:
        console.print(_text(line, "red"), soft_wrap=True)
    table = Table(title=_text(f"readtui export -f {report.format}"), show_edge=False)
    table.add_column(_text("what"))
    table.add_column(_text("how many"), justify="right")
    for what, count in summary_rows(report):
        table.add_row(_text(what), _text(count))
    console.print(table)
    for path in report.files[:10]:
        console.print(_text(f"wrote {path}"), soft_wrap=True)
    if len(report.files) > 10:
        console.print(_text(f"... and {len(report.files) - 10} more files"))
    if report.problems or report.faults:
        console.print(
            _text(f"{len(report.problems) + report.faults} problems (exit status 1)", "bold red")
        )
