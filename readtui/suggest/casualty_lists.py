"""The casualty rule's list items: a bare count in a list whose lead-in says what happened.

A report often breaks a toll down in a list: "The daily toll is distributed as follows:" then
"14 civilians, including 4 children", "21 fighters of the allied factions"; or "Deaths by
district:" then "Mehranpur: 23". The item alone names no casualty, so the precise shapes and the
broad pass (readtui.suggest.casualties, casualty_broad) leave it; its kind is the lead-in's. A
lead-in is a block that ends in ":" and holds a casualty word; its items are the blocks after
it that begin with a count, or a label and a count, and are short. Each item not already found
is one figure, the whole item; its attributes are parse_casualty of the item, with the lead-in's
kind where the item says none.
"""

import re

from readtui.casualty import parse_casualty
from readtui.suggest.casualty_broad import (
    COUNT,
    is_count,
    names_one,
    overlaps,
    plain_casualty_word,
    with_added,
)

# a block ending in ":" (a lead-in), found by its colon before a block end
_LEAD_IN_END = re.compile(r":[^\S\n]*\n\n")
_TOLL_WORD = re.compile(r"(?<![\w-])(?:toll|tally|casualt\w*|fatalit\w*)(?![\w-])")
# an item: a count, maybe after a label ("Mehranpur: 23", "Char Bhabanipur — 9"), with people
# or a detail after it
_ITEM = re.compile(r"(?:[a-z][\w’' -]{0,40}?(?::|[^\S\n]+[—–])[^\S\n]+)?(?=[\d]|[a-z])")
_NUMBERED = re.compile(r"[.)][^\S\n]")
_ITEM_LENGTH = 120
_ENUMERATOR = re.compile(r"(?:\d{1,2}[.)]|[-•*–])[^\S\n]+")
_LEAD_IN_LENGTH = 160


def add_listed(
    text: str, low: str, found: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """`found` with the list items under a casualty lead-in that it does not hold, sorted."""
    starts = [start for start, _, _ in found]
    ends = [end for _, end, _ in found]
    added: list[tuple[int, int, dict]] = []
    for lead_in in _LEAD_IN_END.finditer(low):
        block_start = low.rfind("\n\n", 0, lead_in.start())
        lead = low[block_start + 2 if block_start >= 0 else 0 : lead_in.start()]
        lead = lead[lead.rfind(". ") + 1 :]  # its last sentence: "Relief sent:" is no toll
        if len(lead) > _LEAD_IN_LENGTH or not (
            plain_casualty_word(lead) or _TOLL_WORD.search(lead)
        ):
            continue
        kind = parse_casualty(lead).get("kind")
        position = lead_in.end()
        while position < len(low):
            item_end = low.find("\n\n", position)
            item_end = len(low) if item_end < 0 else item_end
            item = _listed_figure(text, low, position, item_end, kind)
            if item is None and not _ENUMERATOR.match(low, position, item_end):
                break  # the list has ended; an item that is no figure ("1. Rowena Dela Cruz,
                # 42") is passed over when a bullet or a number says the list goes on
            if item and not overlaps(starts, ends, (item[0], item[1])):
                added.append(item)
            position = item_end + 2
    return with_added(found, added)


def _listed_figure(
    text: str, low: str, start: int, end: int, kind: str | None
) -> tuple[int, int, dict] | None:
    """The item from `start` to `end` as a figure, or None when it is no item of a toll."""
    if end - start > _ITEM_LENGTH:
        return None
    enumerator = _ENUMERATOR.match(low, start, end)  # "1. ", "- ": the item follows it
    if enumerator:
        start = enumerator.end()
    while end > start and low[end - 1] in " .;,":
        end -= 1
    label = _ITEM.match(low, start, end)
    count = COUNT.match(low, label.end(), end) if label else None
    # under a lead-in saying they died, went missing or were taken, a count counts people
    # whatever noun follows ("two traffic marshals"). A name ("Rowena Dela Cruz, 42") is no
    # figure: the toll above counts them, and the item itself says nothing happened
    of_victims = kind not in (None, "injured")
    if (
        not count
        or names_one(count.group())
        or not is_count(text, low, count, of_victims=of_victims)
    ):
        return None  # "300 tents", "a nurse"
    if not enumerator and label.end() == start and _NUMBERED.match(low, count.end()):
        return None  # a numbered item: "1. More beds"
    attrs = parse_casualty(text[start:end])
    if not any(key in attrs for key in ("count", "count_min", "count_max")):
        return None
    if label.end() > start and count.group().isdigit() and "count" in attrs:
        # a label's count is the item's: "Majher Char — 2, both boatmen from the ghat"
        attrs = {**attrs, "count": int(count.group())}
    if kind and "kind" not in attrs:
        attrs = {"kind": kind, **attrs}
    return start, end, attrs
