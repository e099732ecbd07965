"""The `readtui` command: open articles in the app, or clean, validate and count from the shell.

    readtui [PATH ...]              open files or folders in the app (default: current folder)
    readtui clean FILE [--json]     print the cleaned text
    readtui validate PATH ... [--json]
    readtui stats PATH ... [--json]
    readtui agree PATH ... --a NAME --b NAME [--json]
    readtui export PATH ... -f FORMAT -o OUT
    readtui import PATH -f FORMAT -o DIR

Exit status: 0 on success, 1 on a fault found (or a file that cannot be used), 2 on bad usage.
Errors go to stderr as one line, never as a traceback. Textual is imported only to open the app.
"""

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from readtui import __version__, doccache
from readtui.config import ConfigError, load_config
from readtui.corpus import (
    CliError,
    Configs,
    UsageError,
    article_files,
    article_paths,
    sidecar_files,
    sidecar_targets,
    whole_number,
)
from readtui.document import (
    DocumentError,
    load_document,
)
from readtui.store import (
    SidecarError,
    sidecar_path,
)
from readtui.textsafety import one_line, sanitise
from readtui.wording import count_of

PROG = "readtui"


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


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# readtui [PATH ...] ---------------------------------------------------------------------------


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
        "  readtui clean FILE [--json]         print the cleaned text (-o DIR: every article)\n"
        "  readtui validate PATH ... [--json]  check sidecars (exit 1 on a fault)\n"
        "  readtui stats PATH ... [--json]     annotations per tag and annotator, progress\n"
        "  readtui export PATH ... -f FORMAT -o OUT   write training data\n"
        "                                      ({formats})\n"
        "  readtui import PATH -f FORMAT -o DIR       bring in annotations made elsewhere\n"
        "                                      ({import_formats})\n"
        "  readtui suggest PATH ... [--json]   the suggestions for articles\n"
        "  readtui agree PATH ... --a NAME --b NAME   agreement between two annotators\n"
        "  readtui merge-driver BASE OURS THEIRS      git merge driver for sidecars\n"
        "  readtui COMMAND --help              the options of a command\n"
        "  (clean, suggest, validate, export, stats and agree take --jobs N and --dask ADDRESS)\n"
        "\n"
        "To open a file named like a command, write ./clean or put -- before it.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (default: .)"
    )
    parser.add_argument(
        "--width", type=whole_number(20), metavar="N", help="reader width in columns (default: 90)"
    )
    parser.add_argument(
        "--annotator", type=_annotator, metavar="NAME", help="name recorded on new annotations"
    )
    parser.add_argument(
        "--adjudicate",
        nargs=2,
        type=_annotator,
        metavar=("A", "B"),
        help="adjudicate A's and B's marks in one article: each disagreement in turn",
    )
    parser.add_argument(
        "--as",
        dest="gold",
        type=_annotator,
        metavar="NAME",
        help="with --adjudicate: the annotator name the result is saved as (default: gold)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


# what open_parser() gives for the options when none is given (tests/test_cli.py holds them equal)
OPEN_DEFAULTS = {"width": None, "annotator": None, "adjudicate": None, "gold": None}


def run_open(args: argparse.Namespace) -> int:
    articles = article_paths(args.paths or ["."])
    adjudicate = _adjudication_names(args)
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
    return run_app([Path(path) for path in args.paths or ["."]], config, adjudicate=adjudicate)


def _adjudication_names(args: argparse.Namespace) -> tuple[str, str, str] | None:
    """(A, B, the result's name) from --adjudicate and --as; UsageError when they do not fit."""
    if args.adjudicate is None:
        if args.gold is not None:
            raise UsageError("--as goes with --adjudicate A B")
        return None
    from readtui.adjudication import DEFAULT_GOLD, names_problem

    if len(args.paths) != 1 or not Path(args.paths[0]).is_file():
        raise UsageError("--adjudicate works on one article: give one file")
    names = (*args.adjudicate, args.gold or DEFAULT_GOLD)
    problem = names_problem(*names)
    if problem is not None:
        raise UsageError(f"--adjudicate: {problem}")
    return names


# readtui clean FILE ---------------------------------------------------------------------------


def run_clean(args: argparse.Namespace) -> int:
    from readtui.batch_commands import clean_json, corrected, run_clean_batch

    if args.output is not None:
        return run_clean_batch(args, article_files(args.paths))
    if len(args.paths) > 1:
        raise UsageError("cleaning several articles writes each into a folder: give -o DIR")
    if Path(args.paths[0]).is_dir():
        raise CliError(f"{args.paths[0]}: is a folder: give -o DIR to clean every article in it")
    document = load_document(args.paths[0])
    for warning in document.warnings:
        print(f"{PROG}: warning: {one_line(warning)}", file=sys.stderr)
    document, applied, unmatched = corrected(document)
    if applied or unmatched:
        sidecar = sidecar_path(document.path).name
        applied_line = f"{count_of(applied, 'correction')} from {one_line(sidecar)} applied"
        print(f"{PROG}: {applied_line}", file=sys.stderr)
    for warning in unmatched:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    if args.json:
        _print_json(clean_json(document))
    else:
        sys.stdout.write(document.text + "\n")
    return 0


# readtui validate PATH ... --------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    from readtui.batch_commands import run_validate_batch

    if args.dry_run and not args.reanchor:
        raise UsageError("--dry-run goes with --reanchor")
    targets = sidecar_targets(args.paths)
    configs = Configs()
    for folder in {sidecar.parent for sidecar in targets.sidecars}:
        configs(folder)  # a config that cannot be read stops the run here, as one line
    return run_validate_batch(args, sorted(targets.sidecars.items()))


# readtui stats PATH ... -----------------------------------------------------------------------


def run_stats(args: argparse.Namespace) -> int:
    from readtui.stats_command import run_stats as stats

    return stats(args)


def _add_stats(command: argparse.ArgumentParser) -> None:
    from readtui.stats_command import add_stats_arguments

    add_stats_arguments(command)


# readtui agree PATH ... --a NAME --b NAME -----------------------------------------------------


def run_agree(args: argparse.Namespace) -> int:
    from readtui.agree_command import run_agree as agree

    return agree(args)


def _add_agree(command: argparse.ArgumentParser) -> None:
    from readtui.agree_command import add_agree_arguments

    add_agree_arguments(command)


# Entry point ----------------------------------------------------------------------------------

# readtui export / import ----------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    from readtui.export.command import run_export as export

    files = sidecar_files(args.paths)
    configs = Configs()
    tag_order: dict[str, None] = {}
    for folder in files.folders:
        tag_order.update(dict.fromkeys(configs(folder).tag_names))
    missing = sorted(sanitise(os.path.basename(path)) for path in files.unannotated)
    sidecars = files.sidecars
    del files  # not held while the corpus is exported
    return export(args, sidecars, missing, tuple(tag_order))


def run_import(args: argparse.Namespace) -> int:
    from readtui.export.command import run_import as import_

    return import_(args)


def run_suggest(args: argparse.Namespace) -> int:
    from readtui.suggest.command import run_suggest as suggest

    sources = article_paths(args.paths)
    if args.output is not None and not args.json:
        raise UsageError("-o FILE writes JSON lines: add --json")
    if args.output is not None or len(args.paths) > 1 or Path(args.paths[0]).is_dir():
        from readtui.batch_commands import run_suggest_batch

        return run_suggest_batch(args, sources)
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
    from readtui.batch import add_batch_arguments

    add_batch_arguments(command)


def _add_clean(command: argparse.ArgumentParser) -> None:
    from readtui.batch_commands import add_clean_arguments

    add_clean_arguments(command)


def _add_suggest(command: argparse.ArgumentParser) -> None:
    from readtui.batch_commands import add_suggest_arguments

    add_suggest_arguments(command)


def _add_export(command: argparse.ArgumentParser) -> None:
    from readtui.export.command import add_export_arguments

    add_export_arguments(command)


def _add_import(command: argparse.ArgumentParser) -> None:
    from readtui.export.command import add_import_arguments

    add_import_arguments(command)


# Entry point ----------------------------------------------------------------------------------

COMMANDS = {
    "clean": ("print the cleaned text, or write many into -o DIR", run_clean, _add_clean),
    "validate": ("check sidecars: schema, hashes, offsets, orphans", run_validate, _add_validate),
    "stats": (
        "annotations per tag and annotator, progress, work over time",
        run_stats,
        _add_stats,
    ),
    "export": ("write the annotations as training data", run_export, _add_export),
    "import": ("bring annotations made elsewhere into sidecars", run_import, _add_import),
    "suggest": ("print the suggestions for articles", run_suggest, _add_suggest),
    "agree": ("agreement between two annotators, and where they differ", run_agree, _add_agree),
    "merge-driver": (
        "git merge driver for sidecars: merge BASE, OURS, THEIRS into OURS by annotation id",
        run_merge_driver,
        _add_merge_driver,
    ),
}


def check_command_word(word: str) -> None:
    """UsageError for a first argument that is a command word but no command we have. A word
    with '/' or a suffix, an option, or a path that exists is a path to open."""
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


def _start_corpus_workers(args: argparse.Namespace) -> None:
    """A command given a corpus starts its worker processes while it lists the corpus."""
    paths = getattr(args, "paths", None)
    if hasattr(args, "jobs") and paths and (len(paths) > 1 or os.path.isdir(paths[0])):
        from readtui.batch import start_workers

        start_workers(args.jobs, args.dask)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = command_parser(argv[0]).parse_args(argv[1:])
            _start_corpus_workers(args)
            return args.handler(args)
        if argv:
            check_command_word(argv[0])
        if len(argv) == 1 and not argv[0].startswith("-"):
            # `readtui PATH`, the usual start: argparse would only spend milliseconds on it
            return run_open(argparse.Namespace(paths=argv, **OPEN_DEFAULTS))
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
