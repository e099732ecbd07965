"""Where each user left each article, so that reopening it puts the reader back there (SPEC §5).

A place in a text belongs to one user on one machine, so it is kept in the user's state folder
(platformdirs' user_state_path, `$XDG_STATE_HOME/readtui` on Linux), never in the sidecar that a
team shares. One JSON file, keyed by the article's absolute path and the annotator; the places
used last are kept, up to MAX_KEPT. Offsets are code points into the cleaned text (SPEC §1): the
cursor, and the text at the top of the reader, so a place survives another terminal width.

Losing a place costs a few keystrokes; failing to open an article costs the session. So a file
that cannot be read or makes no sense counts as empty (and is replaced at the next write), and a
write that fails is only reported to the caller.
"""

import json
import time
from pathlib import Path
from typing import NamedTuple

from platformdirs import user_state_path

from readtui.store import atomic_write_text

SCHEMA = "readtui.positions/1"
MAX_KEPT = 2000  # article and annotator pairs: about 200 KB


class Position(NamedTuple):  # a NamedTuple: see readtui.document.Block
    cursor: int  # the cursor's offset
    top: int  # the offset of the text on the reader's first row

    def clamped(self, length: int) -> "Position":
        """Inside a text of `length` (it may have changed since the place was kept)."""
        last = max(0, length - 1)
        return Position(min(self.cursor, last), min(self.top, last))


def positions_path() -> Path:
    return user_state_path("readtui") / "positions.json"


def _key(article: Path) -> str:
    return str(article.resolve())


def _read() -> dict[str, dict[str, dict]]:
    """article -> annotator -> {cursor, top, used}; {} when the file is missing or unusable."""
    try:
        data = json.loads(positions_path().read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return {}
    places = data.get("positions")
    if not isinstance(places, dict):
        return {}
    return {
        article: {name: entry for name, entry in by_name.items() if _usable(entry)}
        for article, by_name in places.items()
        if isinstance(by_name, dict)
    }


def _offset(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _usable(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and _offset(entry.get("cursor"))
        and _offset(entry.get("top"))
        and isinstance(entry.get("used"), int | float)
    )


def recall(article: Path, annotator: str, length: int) -> Position | None:
    """Where `annotator` left `article`, clamped to its text's `length`; None when unknown."""
    entry = _read().get(_key(article), {}).get(annotator)
    if entry is None:
        return None
    return Position(entry["cursor"], entry["top"]).clamped(length)


def remember(article: Path, annotator: str, position: Position) -> OSError | None:
    """Keep where `annotator` is in `article`; the error when the file could not be written."""
    places = _read()  # read again: another window may have kept its own place since
    places.setdefault(_key(article), {})[annotator] = {
        "cursor": position.cursor,
        "top": position.top,
        "used": time.time(),
    }
    entries = [
        (entry["used"], article_key, name)
        for article_key, by_name in places.items()
        for name, entry in by_name.items()
    ]
    if len(entries) > MAX_KEPT:  # the places used longest ago go
        for _, article_key, name in sorted(entries)[: len(entries) - MAX_KEPT]:
            del places[article_key][name]
            if not places[article_key]:
                del places[article_key]
    text = json.dumps({"schema": SCHEMA, "positions": places}, ensure_ascii=False, indent=1)
    try:
        path = positions_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text + "\n")
    except OSError as error:
        return error
    return None
