"""The casualty rule's parts of a toll given after it: "Eleven of the dead were children", "Of
them, 25 are in a critical condition", "Seven of them are on ventilators".

The sentence names no casualty word of its own that binds to its count, or names one ("the
dead") that the other passes take for a noun; what happened is the toll's, a figure found
shortly before it. Each such part not already found is one figure: from the count (or the "Of
...") to the end of what it says of them, with the kind of the figure before it.
"""

import bisect
import re

from readtui.casualty import parse_casualty
from readtui.suggest.casualty_broad import COUNT, is_count, with_added

_SPACE = r"[^\S\n]+"
# whom a part is of: them, those, the dead, the reported deaths, the identified victims
# (starting with its letters, not a look behind: `re` then skips ahead to each "of" at once)
_OF_WHOM = re.compile(
    r"of (?:them|those|these|the (?:[\w-]+ )?(?:dead|deaths|victims|injured|wounded"
    r"|martyrs|casualties|fatalities|missing|hostages|patients|deceased))(?![\w-])".replace(
        " ", _SPACE
    )
)
# after "Of them": the count; after the count and "of them": nothing; then what they are
_COUNT_AFTER = re.compile(r",?[^\S\n]+")
_SAYS = re.compile(
    r"[^\S\n]+(?:were|are|was|is|have been|had been|remain|remained)(?![\w-])"
    r"[^.;!?,\n]{1,60}?(?=[.;!?,]|\n|$)".replace(" ", _SPACE)
)
# the count right before "of them": "Eleven of the dead", "27 of them"
_COUNT_BEFORE = re.compile(r"([\w,-]+(?:[^\S\n]+[\w-]+)?)[^\S\n]+$")
_REACH = 400  # how far before the part its toll may be


def add_parts(
    text: str, low: str, found: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """`found` with the parts of a toll that it does not hold, sorted."""
    if not found:
        return found
    starts = [start for start, _, _ in found]
    added: list[tuple[int, int, dict]] = []
    for anchor in _OF_WHOM.finditer(low):
        if anchor.start() and (
            low[anchor.start() - 1].isalnum() or low[anchor.start() - 1] in "_-"
        ):
            continue  # "of" inside a word: "proof of them"
        at_start = (
            anchor.start() == 0
            or low[anchor.start() - 1] in "\n"
            or (low[max(0, anchor.start() - 2) : anchor.start()] in (". ", "? ", "! "))
        )
        if at_start:  # "Of them, 25 are in a critical condition"
            gap = _COUNT_AFTER.match(low, anchor.end())
            count = COUNT.match(low, gap.end()) if gap else None
            start, says_from = anchor.start(), count.end() if count else 0
        else:  # "Eleven of the dead were children"
            before = _COUNT_BEFORE.search(low, max(0, anchor.start() - 30), anchor.start())
            count = COUNT.fullmatch(low, before.start(1), before.end(1)) if before else None
            start, says_from = (count.start() if count else 0), anchor.end()
        says = _SAYS.match(low, says_from) if count else None
        if says is None or not is_count(text, low, count, led=True):
            continue
        end = says.end()
        index = bisect.bisect_left(starts, end) - 1
        if index >= 0 and found[index][1] > start:
            continue  # found already
        if index < 0 or start - found[index][1] > _REACH or "kind" not in found[index][2]:
            continue  # no toll shortly before it
        attrs = parse_casualty(text[count.start() : count.end()])
        if not any(key in attrs for key in ("count", "count_min", "count_max")):
            continue
        # the kind the part names ("Of the reported deaths"), else the toll's before it
        kind = parse_casualty(anchor.group()).get("kind") or found[index][2]["kind"]
        added.append((start, end, {**attrs, "kind": kind}))
    return with_added(found, added)
