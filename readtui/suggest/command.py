"""`readtui suggest FILE [--json]`: the suggestions the app would show for an article (several
articles: readtui.batch_commands).

The article is read as the app reads it: cleaned, with the user's corrections from its sidecar,
and without the suggestions rejected there or already annotated with the same tag and span.
"""

import argparse
import json
import sys
from pathlib import Path

from readtui.config import load_config
from readtui.document import load_document
from readtui.store import AnnotationStore, sidecar_path
from readtui.suggest import Suggestion, quote_blocks, suggest
from readtui.suggest.user_rules import rule_faults
from readtui.textsafety import one_line

SHOWN_CHARS = 70


def suggestions_for(path: Path) -> tuple[str, list[Suggestion], list[str]]:
    """(the document's text, its suggestions, the faults of rules that could not run)."""
    config = load_config(path.parent)
    document = load_document(path)
    rejected: list[dict] = []
    annotated: list[tuple[int, int, str]] = []
    if sidecar_path(path).exists():
        store = AnnotationStore(document)  # reads only: nothing is written
        document, rejected = store.document, store.rejected()
        annotated = [(a.start, a.end, a.tag) for a in store.annotations() if not a.is_orphan]
    found = suggest(document.text, config, rejected, annotated, quote_blocks(document))
    return document.text, found, rule_faults(config)


def suggestion_rows(text: str, found: list[Suggestion]) -> list[dict]:
    """The suggestions as `suggest --json` lists them."""
    return [
        {
            "start": s.start,
            "end": s.end,
            "tag": s.tag,
            "rule": s.rule,
            "text": text[s.start : s.end],
            "attrs": s.attrs,
        }
        for s in found
    ]


def suggestion_line(row: dict) -> str:
    """One suggestion as `suggest FILE` prints it: offsets, tag, rule, the text (cut short)."""
    shown = one_line(row["text"])
    if len(shown) > SHOWN_CHARS:
        shown = shown[: SHOWN_CHARS - 1] + "…"
    attrs = "  " + ", ".join(f"{k}={v}" for k, v in row["attrs"].items()) if row["attrs"] else ""
    tag, rule = one_line(row["tag"]), one_line(row["rule"])
    return f"{row['start']}-{row['end']}  {tag}  [{rule}]  “{shown}”{attrs}"


def run_suggest(args: argparse.Namespace) -> int:
    """One article (several: readtui.batch_commands)."""
    text, found, faults = suggestions_for(Path(args.paths[0]))
    rows = suggestion_rows(text, found)
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for row in rows:
            print(suggestion_line(row))
        print(f"{len(found)} suggestion{'' if len(found) == 1 else 's'}", file=sys.stderr)
    for fault in faults:
        print(f"readtui: {one_line(fault)}", file=sys.stderr)
    return 1 if faults else 0
