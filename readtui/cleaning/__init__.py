"""Turn a source file's text into a cleaned article: title, metadata and blocks.

`readtui.clean/1` is deterministic and never touches the source. Each cleaner returns a
`Cleaned`; `readtui.document` joins its blocks into the cleaned text that offsets point into.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

CLEANER_ID = "readtui.clean/1"
# The text is the source as it is: documents imported from other tools, whose annotations were
# made on exactly that text (see readtui.document.load_document).
VERBATIM_ID = "readtui.verbatim/1"

BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "quote", "code")


class CleanBlock(NamedTuple):  # a NamedTuple: see readtui.document.Block
    kind: str  # one of BLOCK_KINDS
    text: str
    level: int = 0  # heading level, list depth; 0 where it means nothing


@dataclass
class Cleaned:
    blocks: list[CleanBlock] = field(default_factory=list)
    title: str = ""
    byline: str = ""
    date: str = ""
    url: str = ""
    removed: list[str] = field(default_factory=list)  # what was dropped, for `clean --json`
    # where each removed block stood: the index in `blocks` of the kept block it came before
    # (the user sees it there, and can restore it there: readtui.corrections)
    removed_at: list[int] = field(default_factory=list)
