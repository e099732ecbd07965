"""The casualty rule's joined people: groups of people listed together, counted together.

The passes find a figure from its count and its casualty word, so a group joined to it by
"and" that has no count of its own stays out: "killed eight bus passengers | and the bus
driver", "left a security guard and | a cook dead", "the dead included a 16-year-old girl |,
her grandfather and a woman". A reader marks all the groups, and the count adds them up (9,
2, 3). The figure is widened over such groups when nothing follows them that says something
else happened to them ("and the driver fled"), and when the widened text counts more people.

A list of the dead with no count at all is a figure too: "The dead include an elderly couple"
(2), "Among the dead was the night-shift supervisor" (1), "Those killed included the train's
driver" (1): each group is one person, or the number it names ("his two sons"), or two for a
couple. The sentence pass (casualty_sentences) asks here for the lists it finds where no other
pass found a figure: people said to be among the dead ("whose husband and son were among those
killed", 2), a list after "Among the dead is" with names or trades, and the dead named in a
list ("identified the dead as Loretta Haines, 68, and her grandchildren, Jayden Haines, 7, and
Amaya Brooks, 4", 3: each name one person, a town none).
"""

import re

from readtui.casualty import (
    NAME_AT,
    NUMBER_WORDS,
    PERSON,
    number_value,
    parse_casualty,
    trie_pattern,
)
from readtui.suggest.casualty_broad import overlaps, with_added

_SPACE = r"[^\S\n]+"
# one group of people: "the bus driver", "a security guard", "his two sons", "an elderly couple"
_BEFORE_WHOM = (
    rf"(?:a|an|the|his|her|their|its|one|two|three|four|five|six|\d{{1,3}}){_SPACE}"
    rf"(?:[\w’'-]+{_SPACE}){{0,2}}?"
)
_GROUP = rf"{_BEFORE_WHOM}(?:couple|{PERSON})(?![\w-])"
# the groups after a figure: ", her grandfather and a woman", " and the bus driver"
_MORE_GROUPS = (
    rf"(?:(?:,{_SPACE}{_GROUP}){{0,4}},?{_SPACE}(?:and|as{_SPACE}well{_SPACE}as){_SPACE}{_GROUP})"
)
_AND_GROUP_AFTER = re.compile(rf"{_MORE_GROUPS}{{1,2}}")
# a list that names the dead: "the dead include", "among the dead were", "those killed included"
_LIST_KINDS = {"dead": "killed", "killed": "killed", "victims": "killed", "missing": "missing"}
_NAMES_THEM = re.compile(rf"{_SPACE}(?:include[sd]?|are|were|was|is){_SPACE}")
_LISTED = re.compile(rf"{_GROUP}{_MORE_GROUPS}{{0,2}}")
_LIST_START = re.compile(rf"(?:(?:among{_SPACE})?(?:the|those){_SPACE})$")
# how many people a group counts: the number it names, two for a couple, else one
_GROUP_COUNT = re.compile(rf"{_BEFORE_WHOM}(?:(?P<couple>couple)|{PERSON})(?![\w-])")
# a figure that ends in whom it counts: a list after its comma adds to them
_ENDS_IN_PEOPLE = re.compile(rf"(?<![\w-])(?:{PERSON})$")
_GROUP_AND_BEFORE = re.compile(rf"(?<![\w’'-]){_GROUP},?{_SPACE}and{_SPACE}$")
# what may follow the group widened over: the clause ends, or a place or time follows
# ("... and the bus driver and left 27 others injured": more harm done, by the same hands)
_CLAUSE_GOES_ON = re.compile(
    rf"[,.;:)\n]|$|{_SPACE}(?:in|at|on|near|from|of|during|when|after|as|while|inside|who)\b"
    rf"|{_SPACE}and{_SPACE}(?:left|leaving|wounded|wounding|injured|injuring|hurt)\b"
)
_NUMBER = re.compile(r"(?<![\w-])(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})(?![\w-])")
_REACH = 60  # characters before a figure to look for a group joined to it
_COUNTS = ("count", "count_min")


# a list that names the dead, the hurt or the taken without a count: "Among the dead is
# 19-year-old S. Meenakshi", "Among the hospitalised was schoolteacher Olga Rinn"
_AMONG_KINDS = {
    **dict.fromkeys("dead deceased deaths killed died victims fatalities".split(), "killed"),
    **dict.fromkeys("injured wounded hurt hospitalised hospitalized casualties".split(), "injured"),
    **dict.fromkeys("missing disappeared".split(), "missing"),
    **dict.fromkeys("abducted kidnapped hostages detained taken".split(), "captured"),
}
_AMONG = re.compile(
    rf"(?<![\w-])among(?:st)?{_SPACE}(?:the|those){_SPACE}(?:who{_SPACE}(?:were{_SPACE})?)?"
    rf"(?:[\w-]+{_SPACE}){{0,2}}?"  # "the latest fatalities", "the workers killed"
    rf"(?P<kind>{trie_pattern(list(_AMONG_KINDS))})"
    rf"(?:{_SPACE}[a-z]+){{0,3}}?{_SPACE}(?:is|was|were|are|figures?|includes?|included)"
    rf"{_SPACE}[^,.;:!?\n]+"
)
# people said to be among them: "Her husband Lakhan (49) is among the injured", "whose husband
# and son were among those killed"
_AMONG_AFTER = re.compile(
    rf"{_SPACE}(?:is|was|were|are){_SPACE}(?:also{_SPACE})?among{_SPACE}(?:the|those){_SPACE}"
    rf"(?P<kind>{trie_pattern(list(_AMONG_KINDS))})(?![\w-])"
)
_CLAUSE_START = re.compile(r"(?:[,;:—–]|(?<![\w-])(?:whose|said|says|that))[^\S\n]*(?=[^,;:—–]*$)")
_AND = re.compile(r"(?<![\w-])and(?![\w-])")
# the dead named in a list: "identified the dead as Loretta Haines, 68, and her grandchildren,
# Jayden Haines, 7, and Amaya Brooks, 4", "The victims have been named as ..."
_NAMED_KINDS = {"dead": "killed", "victims": "killed", "deceased": "killed", "injured": "injured"}
_NAMED_LIST = re.compile(
    rf"(?:(?<![\w-])(?:identified|named){_SPACE}(?:the{_SPACE})?(?P<kind>dead|victims|deceased"
    rf"|injured)(?:{_SPACE}[\w’'-]+){{0,3}}?"
    rf"|(?P<kind_>dead|victims|deceased|injured){_SPACE}(?:were|have{_SPACE}been|had{_SPACE}been)"
    rf"{_SPACE}(?:identified|named)){_SPACE}as{_SPACE}(?P<list>[^.;:!?\n]+?)"
    rf"(?=,{_SPACE}[\w’'. -]{{2,40}}{_SPACE}(?:said|says|told)(?![\w-])|[.;:!?]|$)",
    re.MULTILINE,
)
_PLACE_BEFORE = re.compile(r"(?:of|from|in)\s+$")
# a count said in the people among the dead: "two of his brothers were among the dead"
_A_COUNT = re.compile(rf"(?<![\w-])(?:\d+|{NUMBER_WORDS})(?![\w-])")


def add_joined_people(
    text: str, low: str, found: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """`found` with each figure widened over the groups of people joined or listed after it
    ("and the bus driver", ", her grandfather and a woman"), or joined before it ("a security
    guard and")."""
    widened = list(found)
    for index, (start, end, attrs) in enumerate(found):
        if not any(key in attrs for key in _COUNTS):
            continue
        limit = found[index + 1][0] if index + 1 < len(found) else len(low)
        floor = widened[index - 1][1] if index else 0
        # the patterns only where " and " or a comma stands right after the figure, or " and "
        # right before it: most have none
        after = None
        if low.startswith((" and ", ", ", " as well as "), end):
            after = _AND_GROUP_AFTER.match(low, end, limit)
        if after and low.startswith(",", end) and not _ENDS_IN_PEOPLE.search(low, start, end):
            after = None  # "Two people are still unaccounted for, a mother and her daughter": them
        end_ = after.end() if after and _CLAUSE_GOES_ON.match(low, after.end()) else end
        before = None
        if low.endswith(" and ", max(floor, start - 5), start):
            before = _GROUP_AND_BEFORE.search(low, max(floor, start - _REACH), start)
        start_ = before.start() if before else start
        if (start_, end_) == (start, end):
            continue
        wider = parse_casualty(text[start_:end_])
        if after and end_ == after.end():  # the groups a list adds, which parse_casualty may not
            added = people_in(low, after.start(), after.end())
            if _count(attrs) + added > _count(wider):
                key = next(key for key in _COUNTS if key in attrs)
                wider = {**wider, key: attrs[key] + added}
        if _count(wider) > _count(attrs):
            widened[index] = (start_, end_, wider)
    return widened


def add_listed_dead(
    low: str, found: list[tuple[int, int, dict]], casualty_words: list[int]
) -> list[tuple[int, int, dict]]:
    """`found` with the lists that name the dead (or the missing) without a count."""
    starts = [start for start, _, _ in found]
    ends = [end for _, end, _ in found]
    added = []
    for word in casualty_words:
        name = next((name for name in _LIST_KINDS if low.startswith(name, word)), None)
        verb = _NAMES_THEM.match(low, word + len(name)) if name else None
        listed = _LISTED.match(low, verb.end()) if verb else None
        lead = _LIST_START.search(low, max(0, word - 20), word) if listed else None
        if not lead or overlaps(starts, ends, (lead.start(), listed.end())):
            continue
        attrs = {"kind": _LIST_KINDS[name], "count": people_in(low, listed.start(), listed.end())}
        added.append((lead.start(), listed.end(), attrs))
    return with_added(found, added)


def people_in(low: str, start: int, end: int) -> int:
    """How many people the groups between `start` and `end` count: the number a group names
    ("his two sons"), two for a couple, else one."""
    total = 0
    for group in _GROUP_COUNT.finditer(low, start, end):
        number = _NUMBER.search(group.group())
        total += number_value(number.group()) if number else 2 if group["couple"] else 1
    return total


def _count(attrs: dict) -> int:
    return next((attrs[key] for key in _COUNTS if key in attrs), 0)


def named_dead(text: str, low: str, start: int, end: int) -> tuple[int, int, dict] | None:
    """The dead (or the hurt) named in a list in `start:end`: "identified the dead as Loretta
    Haines, 68, and her grandchildren, Jayden Haines, 7, and Amaya Brooks, 4" (3)."""
    named = _NAMED_LIST.search(low, start, end)
    if not named:
        return None
    kind = _NAMED_KINDS[named["kind"] or named["kind_"]]
    return named.start(), named.end(), {**_listed_count(text, named), "kind": kind}


def _listed_count(text: str, named: re.Match) -> dict:
    """How many people a list names: its names (an age, a town, a relation between them are
    none), else its groups (casualty_joins.people_in: "two deckhands" are two)."""
    start, end = named.span("list")
    names = sum(
        not _PLACE_BEFORE.search(text, max(start, name.start() - 6), name.start())
        for name in NAME_AT.finditer(text, start, end)
    )  # "of Hollins Ferry" is a town
    total = names or people_in(text.lower(), start, end)
    return {"count": total} if total else {}


def among_the_dead(text: str, low: str, start: int, end: int) -> tuple[int, int, dict] | None:
    """People said to be among the dead ("whose husband and son were among those killed"), or
    a list of the dead that names them ("Among the dead is 19-year-old S. Meenakshi")."""
    among_after = _AMONG_AFTER.search(low, start, end)
    if among_after:
        clause = _CLAUSE_START.search(low, start, among_after.start())
        span_start = clause.end() if clause else start
        whom = low[span_start : among_after.start()]
        if _A_COUNT.search(whom):
            counts = parse_casualty(text[span_start : among_after.end()])
        else:  # people joined by "and", one each: "her husband and son"
            counts = {"count": 1 + len(_AND.findall(whom))}
        return span_start, among_after.end(), {**counts, "kind": _AMONG_KINDS[among_after["kind"]]}
    among = _AMONG.search(low, start, end)
    if among:
        attrs = {"count": 1, **parse_casualty(text[among.start() : among.end()])}
        return among.start(), among.end(), {**attrs, "kind": _AMONG_KINDS[among["kind"]]}
    return None
