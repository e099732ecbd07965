"""`readtui merge-driver BASE OURS THEIRS`: git's merge driver for sidecars (SPEC §6).

Git calls it with three temporary files (`%O %A %B`): the common ancestor, our version and
theirs. The merge (readtui.merge: by annotation id, with its rules) is written into OURS as
readtui.store writes a sidecar. Exit status 0 when every case was decided by a rule (each noted
on stderr); 1 when no rule decides (both branches changed the cleaned text) or a version is not
a sidecar that can be read: git then reports a conflict and OURS holds the best merge, or is
left as it was.
"""

import argparse
import sys
from pathlib import Path

from readtui.merge import HEADER_KEYS, merge_sidecars
from readtui.store import (
    ANNOTATIONS,
    REJECTED,
    SidecarError,
    atomic_write_text,
    parse_sidecar,
    read_sidecar_text,
    render_sidecar,
)
from readtui.textsafety import one_line

NAME = "readtui merge-driver"


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("base", metavar="BASE", help="the common ancestor (git's %%O)")
    command.add_argument("ours", metavar="OURS", help="our version, replaced by the merge (%%A)")
    command.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")


def run_merge_driver(args: argparse.Namespace) -> int:
    base_path, ours_path, theirs_path = Path(args.base), Path(args.ours), Path(args.theirs)
    try:
        base_text = read_sidecar_text(base_path)
        # git gives an empty ancestor when both branches added the file
        base = parse_sidecar(base_path, base_text) if base_text.strip() else None
        ours = parse_sidecar(ours_path, read_sidecar_text(ours_path))
        theirs = parse_sidecar(theirs_path, read_sidecar_text(theirs_path))
    except SidecarError as exc:
        return _conflict(f"{exc}; no rule merges it, resolve it by hand")
    merge = merge_sidecars(base, ours, theirs)
    try:
        atomic_write_text(ours_path, sidecar_text(merge.data))
    except OSError as exc:
        return _conflict(f"cannot write {ours_path}: {exc.strerror or exc}")
    for note in merge.notes:
        print(f"{NAME}: {one_line(note)}", file=sys.stderr)
    if not merge.decided:
        return _conflict(
            "the merge holds every annotation of both branches, on our text; open the article "
            "in readtui (or run readtui validate --reanchor) to place them on the text that "
            "both branches' cleaning corrections give, review them, then git add the sidecar"
        )
    return 0


def sidecar_text(data: dict) -> str:
    """The merged data as readtui.store writes a sidecar: its keys in the fixed order."""
    document = data["document"]
    header = {key: document[key] for key in (*HEADER_KEYS, "overrides") if key in document}
    header |= document
    extra = {k: v for k, v in data.items() if k not in {"schema", "document", *_TABLES}}
    return render_sidecar(header, data[ANNOTATIONS], data.get(REJECTED, []), extra)


_TABLES = (ANNOTATIONS, REJECTED)


def _conflict(message: str) -> int:
    print(f"{NAME}: {one_line(message)}", file=sys.stderr)
    return 1
