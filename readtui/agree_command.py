"""`readtui agree PATH ... --a NAME --b NAME`: how far two annotators agree (readtui.agree).

Rich tables on a terminal, or one JSON document with --json. Exit status 0; 1 when a sidecar
cannot be read (named on stderr, the rest still counted); 2 on bad usage, an annotator who
appears in no document included.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import groupby

from readtui.agree import (
    A_ONLY,
    B_ONLY,
    BOUNDARY,
    TAG,
    TAG_AND_BOUNDARY,
    AgreeItem,
    Agreement,
    TagCounts,
    compare_sidecar,
    scores,
)
from readtui.batch import Failure, add_batch_arguments, batch_options, run_documents
from readtui.store import SIDECAR_SUFFIX
from readtui.textsafety import one_line
from readtui.wording import count_of

PROG = "readtui"
SHOWN_CHARS = 100  # of a span's text in a disagreement


def _name(raw: str) -> str:
    name = one_line(raw).strip()
    if not name:
        raise argparse.ArgumentTypeError("must not be empty")
    return name


def _tags(raw: str) -> tuple[str, ...]:
    tags = tuple(dict.fromkeys(tag.strip() for tag in raw.split(",") if tag.strip()))
    if not tags:
        raise argparse.ArgumentTypeError("name at least one tag")
    return tags


def add_agree_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="articles, sidecars or folders")
    command.add_argument(
        "--a", required=True, type=_name, metavar="NAME", help="the annotator taken as reference"
    )
    command.add_argument(
        "--b", required=True, type=_name, metavar="NAME", help="the annotator compared with A"
    )
    command.add_argument("--json", action="store_true", help="print one JSON document")
    command.add_argument("--tags", type=_tags, metavar="T,...", help="only these tags")
    command.add_argument(
        "--done",
        action="store_true",
        help="only documents that both annotators marked done (D in the reader)",
    )
    add_batch_arguments(command)


def run_agree(args: argparse.Namespace) -> int:
    from readtui.corpus import Configs, UsageError, sidecar_targets

    if args.a == args.b:
        raise UsageError(f"--a and --b both name '{args.a}': name two annotators")
    targets = sidecar_targets(args.paths)
    configs = Configs()
    tag_order: dict[str, None] = {}
    for folder in sorted({sidecar.parent for sidecar in targets.sidecars}):
        tag_order.update(dict.fromkeys(configs(folder).tag_names))
    agreement = Agreement(args.a, args.b, list(args.tags or tag_order), done_only=args.done)
    items = [
        AgreeItem(str(sidecar), str(sidecar.absolute()), args.a, args.b, args.tags)
        for sidecar in sorted(targets.sidecars)
    ]
    for item, result in run_documents(
        compare_sidecar, items, label="sidecars", **batch_options(args)
    ):
        if isinstance(result, Failure):
            agreement.unreadable.append((item.shown, result.message))
            print(f"{PROG}: {one_line(item.shown)}: {one_line(result.message)}", file=sys.stderr)
        else:
            agreement.add(result)
    annotated = set(targets.sidecars.values())
    agreement.neither += sorted(str(path) for path in targets.articles - annotated)
    for name in (args.a, args.b):
        if name not in agreement.annotators:
            known = ", ".join(sorted(repr(other) for other in agreement.annotators)) or "none"
            read = " that could be read" if agreement.unreadable else ""
            raise UsageError(
                f"annotator '{name}' appears in no document{read} (annotators: {known})"
            )
    if args.json:
        sys.stdout.write(json.dumps(agreement.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_agreement(agreement)
    return 1 if agreement.unreadable else 0


# Printing --------------------------------------------------------------------------------------
# Names, tags, titles and texts come from files: every cell is a Text, never a markup string.


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def print_agreement(agreement: Agreement) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    a, b = one_line(agreement.a), one_line(agreement.b)
    console.print(Text(f"Agreement of {b} (B) against {a} (A)", style="bold"))
    console.print(Text(_documents_line(agreement)))
    if agreement.left_out:
        left_out = ", ".join(f"{count} {why}" for why, count in sorted(agreement.left_out.items()))
        console.print(Text(f"Annotations left out: {left_out} (they have no span to compare)"))
    if not agreement.compared:
        console.print(Text(f"No document where both {a} and {b} worked: nothing to compare."))
        return
    console.print()
    console.print(_scores_table(agreement))
    console.print(
        Text(
            f"P = matched / B's spans, R = matched / A's, F1 = 2 matched / (A's + B's). "
            f"Exact: same start, end and tag. Overlap: same tag and a character in common, "
            f"paired one to one. Kappa: Cohen's, over {count_of(agreement.tokens, 'token')}, each "
            f"labelled by the tags of the spans holding it (or O). See docs/agreement.md.",
            style="dim",
        )
    )
    console.print()
    if not agreement.disagreements:
        console.print(Text("No disagreements: every span has an exact partner."))
        return
    places = len({d.document for d in agreement.disagreements})
    found = f"{len(agreement.disagreements):,} in {count_of(places, 'document')}"
    console.print(Text(f"Disagreements: {found}", style="bold underline"))
    console.print()
    _print_disagreements(console, agreement)
    total = agreement.total()
    exact, overlap = (
        scores(total.exact, total.a, total.b),
        scores(total.overlapping, total.a, total.b),
    )
    console.print(
        Text(
            f"{count_of(len(agreement.disagreements), 'disagreement')} in "
            f"{count_of(places, 'document')}. All tags (the table above): exact F1 "
            f"{_figure(exact.f1)}, overlap F1 {_figure(overlap.f1)}, kappa "
            f"{_figure(agreement.kappa())}."
        )
    )


def _documents_line(agreement: Agreement) -> str:
    a, b = one_line(agreement.a), one_line(agreement.b)
    parts = [f"{count_of(len(agreement.compared), 'document')} compared (both worked on them)"]
    if agreement.only_a:
        parts.append(f"{len(agreement.only_a):,} with only {a}'s work")
    if agreement.only_b:
        parts.append(f"{len(agreement.only_b):,} with only {b}'s work")
    if agreement.neither:
        parts.append(f"{len(agreement.neither):,} with neither's")
    if agreement.not_done:
        parts.append(f"{len(agreement.not_done):,} not marked done by both (left out: --done)")
    if agreement.unreadable:
        parts.append(f"{len(agreement.unreadable):,} could not be read")
    line = "; ".join(parts) + "."
    unfinished = sum(not document.both_done for document in agreement.compared)
    if unfinished:
        line += (
            f" {unfinished:,} of those compared are not marked done by both (--done skips them)."
        )
    return line


def _scores_table(agreement: Agreement):
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, collapse_padding=True)
    table.add_column(Text("tag"), min_width=min(15, max(map(len, agreement.tags), default=3)))
    table.add_column(Text("match"), no_wrap=True)
    for heading in (f"A {agreement.a}", f"B {agreement.b}", "matched", "P", "R", "F1", "kappa"):
        table.add_column(Text(one_line(heading)), justify="right")

    def rows(label: str, counts: TagCounts, kappa: float | None, style: str = "") -> None:
        for kind, matched in (("exact", counts.exact), ("overlap", counts.overlapping)):
            first = kind == "exact"
            figures = scores(matched, counts.a, counts.b)
            cells = [
                label if first else "",
                kind,
                f"{counts.a:,}" if first else "",
                f"{counts.b:,}" if first else "",
                f"{matched:,}",
                _figure(figures.precision),
                _figure(figures.recall),
                _figure(figures.f1),
                _figure(kappa) if first else "",
            ]
            table.add_row(*(Text(one_line(cell), style=style) for cell in cells))

    for tag in agreement.tags:
        rows(tag, agreement.tag_counts(tag), agreement.kappa(tag))
    table.add_section()
    rows("all tags", agreement.total(), agreement.kappa(), style="bold")
    return table


KIND_NAMES = {
    BOUNDARY: "boundary",
    TAG: "tag",
    TAG_AND_BOUNDARY: "tag and boundary",
}


def _print_disagreements(console, agreement: Agreement) -> None:
    """Under each document's name and title, each place that differs and both versions, one
    line each: lines, not tables, as there can be thousands (a table of 10,000 rows takes Rich
    seconds to lay out), and long lines are left to the terminal to wrap."""
    from rich.text import Text

    a, b = one_line(agreement.a), one_line(agreement.b)
    width = max(len(a), len(b))
    kind_names = {**KIND_NAMES, A_ONLY: f"only {a}", B_ONLY: f"only {b}"}
    titles = {document.document: document.title for document in agreement.compared}
    for document, found in groupby(agreement.disagreements, key=lambda d: d.document):
        lines = Text(one_line(document.removesuffix(SIDECAR_SUFFIX)), style="bold")
        if titles.get(document):
            lines.append(f"  {one_line(titles[document])}", style="italic")
        for disagreement in found:
            lines.append(f"\n  {disagreement.start}-{disagreement.end}  ")
            lines.append(kind_names[disagreement.kind], style="bold")
            for name, versions in ((a, disagreement.a), (b, disagreement.b)):
                for version in versions:
                    lines.append(f"\n    {name:<{width}}  ")
                    lines.append(one_line(version.tag), style="bold")
                    lines.append(f" {version.start}-{version.end}  ")
                    lines.append(f"“{_shortened(version.text)}”", style="italic")
        console.print(lines, soft_wrap=True)
        console.print()


def _shortened(text: str) -> str:
    """A span's text on one line; a long one keeps both ends, where boundaries differ."""
    text = " ".join(one_line(text).split())
    if len(text) <= SHOWN_CHARS:
        return text
    half = (SHOWN_CHARS - 1) // 2
    return f"{text[:half]}…{text[-half:]}"
