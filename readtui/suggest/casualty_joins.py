"""The casualty rule's joined people: a figure widened over one more group "and"-joined to it.

The passes find a figure from its count and its casualty word, so a group joined to it by
"and" that has no count of its own stays out: "killed eight bus passengers | and the bus
driver", "left a security guard and | a cook dead". A reader marks both groups, and the count
adds them up (9, 2). The figure is widened over such a group when nothing follows it that
says something else happened to it ("and the driver fled"), and when the widened text counts
more people (parse_casualty adds groups joined by "and").
"""

import re

from readtui.casualty import PERSON, parse_casualty

_SPACE = r"[^\S\n]+"
# one group of people: "the bus driver", "a security guard", "his two sons"
_GROUP = (
    rf"(?:a|an|the|his|her|their|its|one|two|three|four|five|six|\d{{1,3}}){_SPACE}"
    rf"(?:[\w’'-]+{_SPACE}){{0,2}}?(?:{PERSON})(?![\w-])"
)
_AND_GROUP_AFTER = re.compile(rf",?{_SPACE}and{_SPACE}{_GROUP}")
_GROUP_AND_BEFORE = re.compile(rf"(?<![\w’'-]){_GROUP},?{_SPACE}and{_SPACE}$")
# what may follow the group widened over: the clause ends, or a place or time follows
# ("... and the bus driver and left 27 others injured": more harm done, by the same hands)
_CLAUSE_GOES_ON = re.compile(
    rf"[,.;:)\n]|$|{_SPACE}(?:in|at|on|near|from|of|during|when|after|as|while|inside)\b"
    rf"|{_SPACE}and{_SPACE}(?:left|leaving|wounded|wounding|injured|injuring|hurt)\b"
)
_REACH = 60  # characters before a figure to look for a group joined to it
_COUNTS = ("count", "count_min")


def add_joined_people(
    text: str, low: str, found: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """`found` with each figure widened over a group of people joined to it by "and"."""
    widened = list(found)
    for index, (start, end, attrs) in enumerate(found):
        if not any(key in attrs for key in _COUNTS):
            continue
        limit = found[index + 1][0] if index + 1 < len(found) else len(low)
        floor = widened[index - 1][1] if index else 0
        # the patterns only where " and " stands right after or before the figure: most have none
        after = None
        if low.startswith(" and ", end) or low.startswith(", and ", end):
            after = _AND_GROUP_AFTER.match(low, end, limit)
        end_ = after.end() if after and _CLAUSE_GOES_ON.match(low, after.end()) else end
        before = None
        if low.endswith(" and ", max(floor, start - 5), start):
            before = _GROUP_AND_BEFORE.search(low, max(floor, start - _REACH), start)
        start_ = before.start() if before else start
        if (start_, end_) == (start, end):
            continue
        wider = parse_casualty(text[start_:end_])
        if _count(wider) > _count(attrs):
            widened[index] = (start_, end_, wider)
    return widened


def _count(attrs: dict) -> int:
    return next((attrs[key] for key in _COUNTS if key in attrs), 0)
