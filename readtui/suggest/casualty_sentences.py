"""The casualty rule's backstop: a sentence where no pass found a figure, read as a whole.

The passes before this one know shapes: a count, then whom it counts, then what happened, each
word in its place. Reporters write many more, and each new set of articles brought shapes no
pass knew: "An elderly man who was pulled from his collapsed house at dawn has died in
hospital", "the detention of 37 children", "Security forces have detained at least 640 people",
"Mrs Ellery and Mr Pryor were found in their rooms and pronounced dead". This pass reads
what such sentences share instead: a count, or one person ("an elderly man", "Mr Pryor"), and
a word of what happened, near each other in one sentence, with nothing between them that sets
them apart (a quotation mark, "said", a colon). The span runs from the one to the other; its
attributes are `parse_casualty` of it, as for the other passes.

It reads only sentences where no pass found a figure, so it never undoes their work, and it
takes the nearest pair (a count followed by whom it counts first): one figure a sentence. Before
the pair it looks for the lists of the dead that casualty_joins reads (people among the dead,
the dead named in a list) and for one victim by their place ("The third victim"); in a sentence
with a figure, for a count that figure is compared with ("compared with seven in all of last
season") or a toll said again ("..., but rose to 14").
Counts of things are left out by the word after them ("12 houses", "40 km", "500 francs",
"50,000 to each"), by the word before them ("aged 13", "magnitude 8", "No. 5") and by their
shape (a year, a time, a footnote "[15]", an age after a name "Dewi Lestari, 19").
"""

import bisect
import re
from itertools import pairwise

from readtui.casualty import (
    NUMBER_WORDS,
    PERSON,
    parse_casualty,
    trie_pattern,
)
from readtui.suggest.casualty_broad import overlaps, with_added
from readtui.suggest.casualty_joins import among_the_dead, named_dead
from readtui.suggest.casualty_words import NOT_PERSONS, PERSONS, STOP_WORDS

_SPACE = r"[^\S\n]+"
# what happened, said after whom it counts: "An elderly man ... has died", "14 members ...
# remain in captivity"
_HAPPENED_AFTER = (
    """killed died dies die dead wounded injured hurt missing unaccounted abducted kidnapped
    detained disappeared held shot stabbed treated burns burned perished drowned murdered slain
    fatally""".split()
    + [
        "in captivity", "taken to hospital", "rushed to hospital", "admitted to hospital",
        "airlifted to hospital", "taken to a hospital", "rushed to a hospital", "pronounced dead",
        "lost their lives", "lost his life", "lost her life", "admitted", "in intensive care",
        "on the wards", "on the ward", "in critical condition", "in a critical condition",
        "in serious condition", "in a serious condition", "on life support", "under the rubble",
        "swept away", "feared dead", "never been found", "never found", "not been found",
        "in the hands of", "in the power of", "for ransom", "harmed", "electrocuted", "asphyxiated",
        "suffocated", "strangled", "poisoned", "sickened", "fell ill", "taken ill", "became ill",
        "fall ill", "falls ill", "falling ill", "bitten", "scalded", "paralysed", "paralyzed",
        "unconscious", "in a coma", "vanished", "lost at sea", "declared dead", "brought dead",
        "found dead", "confirmed dead", "confirmed deceased", "did not survive", "untraceable",
        "in fair condition", "in stable condition", "in a stable condition",
        "fighting for his life", "fighting for her life", "fighting for their lives",
        "under observation", "sprained",
    ]
)  # fmt: skip
# words that say what happened to a person named just before them, not to a count of things:
# "a firefighter ... for a minor injury", "41 homicide victims"
_HAPPENED_TO_PERSON = (
    """injury injuries wound wounds victims bodies corpses deaths casualties fatalities homicides
    killings""".split()
    + ["received treatment"]
)
# plurals after a count that are no things: what happened, or verbs
_NOUNS_OF_WHAT_HAPPENED = """deaths bodies corpses casualties fatalities victims injuries wounds
    others lives remains hostages dies was is has as""".split()
# what happened, said before whom it counts: "detained at least 640 people", "the detention of
# 37 children", "the remains of at least 19 people"
_HAPPENED_BEFORE = (
    """killed killing kills wounded wounding injured injuring abducted abducting kidnapped
    kidnapping detained detaining murdered toll""".split()
    + ["took away", "taken away", "carried off", "led away", "dragged away", "marched away"]
    + [
        f"{noun} of"
        for noun in """death deaths killing killings murder murders detention disappearance
        abduction kidnapping bodies remains funeral funerals""".split()
    ]
)
_ROLE_OF: dict[str, str] = {}
for _role, _phrases in (("after", _HAPPENED_AFTER), ("person", _HAPPENED_TO_PERSON)):
    _ROLE_OF.update(dict.fromkeys(_phrases, _role))
for _phrase in _HAPPENED_BEFORE:
    _ROLE_OF[_phrase] = "both" if _phrase in _ROLE_OF else "before"
_TRIGGER = re.compile(rf"(?<![\w-])(?:{trie_pattern(list(_ROLE_OF))})(?![\w-])")
# the words of what happened that the rule's casualty words (readtui.suggest.casualty_words
# CASUALTY_WORDS, where the other passes look) do not begin
_NOT_CASUALTY_WORDS = (
    "detention", "remains", "fatally", "deceased", "took away", "taken away", "carried off",
    "led away", "dragged away", "marched away",
)  # fmt: skip
# a count: digits or number words, with what qualifies it
_QUALIFIER = trie_pattern([
    "at least", "more than", "over", "about", "around", "some", "nearly", "almost", "up to",
    "an estimated", "as many as", "all",
])  # fmt: skip
_COUNT = (
    rf"(?<![\w\[(,.:/-])(?:(?:{_QUALIFIER}){_SPACE})?"
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:a{_SPACE})?(?:{NUMBER_WORDS})(?:-(?:{NUMBER_WORDS}))?"
    rf"|dozens|scores|hundreds|thousands|both)"
    r"(?![\w\])%:/-]|[.,]\d)"  # not "7.8", "1,200", "12%"; a sentence may end after it
)
# one person: "an elderly man", "a 58-year-old farmer", "Mr Pryor" (the adjectives before
# whom are words that are not a clause's: "a board where officials" is no person)
_STOP = trie_pattern([*STOP_WORDS.split(), "where", "what", "whom"])
_ONE_PERSON = (
    rf"(?<![\w-])(?:an?|one|another|whose){_SPACE}(?:(?!(?:{_STOP})(?![\w-]))[\w’'-]+{_SPACE}){{0,3}}?"
    rf"(?:{PERSON})(?![\w-])"
)
_TITLED = rf"(?<![\w-])(?:mr|mrs|ms|dr)\.?{_SPACE}(?=[\w’'-])"  # its name: a capital in the text
_NUMBERED = re.compile(
    rf"(?:(?:{_QUALIFIER}){_SPACE})?(?:\d|(?:a{_SPACE})?(?:{NUMBER_WORDS})"
    rf"|dozens|scores|hundreds|thousands|both)"
)
_COUNTED = re.compile(rf"(?P<count>{_COUNT})|(?P<one>{_ONE_PERSON})|(?P<titled>{_TITLED})")
# whom a count counts, right after it: "37 children", "nine of them", "two crew members"
_PEOPLE = (
    rf"{trie_pattern(PERSONS.split())}(?![\w-])|(?:{PERSON})(?![\w-])"
    rf"|(?!{trie_pattern(NOT_PERSONS.split())}(?![\w-]))[a-z]+(?:ers|ors|ists|ians|men)(?![\w-])"
)
_PERSON_AFTER = re.compile(rf"{_SPACE}(?:[\w’'-]+{_SPACE})?(?:{_PEOPLE})")
_WHOM = re.compile(
    rf"{_SPACE}(?:(?!(?:{_STOP})(?![\w-]))[\w’'-]+{_SPACE}){{0,2}}?"
    rf"(?:{_PEOPLE}|of{_SPACE}(?:them|those|the)(?![\w-]))"
)
# a count of things or time, by the word after it or before it (a date: "2 April", "April 2")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_THINGS_AFTER = re.compile(
    r"\s*(?:%|per ?cent|percent|km|kilomet|miles?|metres?|meters?|feet|hours?|minutes?|days?"
    r"|weeks?|months?|years?|decades?|am|pm|a\.m|p\.m|million|billion|houses|homes|buildings"
    r"|vehicles|cars|kg|tonnes|acres|hectares|dollars|rupees|francs|shillings|naira|pesos"
    r"|euros|pounds|taka|family|families|households|generations|displaced|evacuated|arrested"
    r"|rescued|villages|schools|aircraft|times|counts?|kits?|beds|points|to each|for each|each"
    rf"|per|{_MONTHS}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![\w-])"
)
_THINGS_BEFORE = re.compile(
    r"(?:(?:aged|age|ages)(?:\s+(?:between|from|of|up to|over|under))?|(?<![\w-])no|none of"
    r"|aged\s+\d+(?:\s*,\s*\d+)*\s+(?:and|or)"  # "aged 6 and 9": the second age
    r"|\$|€|£|(?<![\w-])p|(?<![\w-])tk|ksh|rs\.?|no\.|number|since|page|route"
    rf"|flight|article|section|chapter|paragraph|magnitude|category|level|phase|for|each|of the"
    rf"|{_MONTHS})\s*$"
)
# a count of things named by a plural that is not of people: "118 interviews", "both sides"
_THINGS = re.compile(
    rf"{_SPACE}(?!(?:{trie_pattern(_NOUNS_OF_WHAT_HAPPENED)})(?![\w-]))[a-z]+s(?![\w’'-])"
)
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w’'-]+,\s*$")  # "Dewi Lestari, 19"
_NAME = re.compile(r"[A-Z][\w’'-]+")
_PUNCTUATION = re.compile(r"[,.;:]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# what sets a count and a word of what happened apart: a quotation, a source, a new clause
_APART = re.compile(
    r"[”“\";:]|(?<![\w-])(?:said|says|told|according|arrested|released|freed|evacuated"
    r"|displaced)(?![\w-])"
)
# a sentence that says the people are safe: "were found alive", "were released"
_SAFE = re.compile(
    r"(?<![\w-])(?:(?:were|was|been|be|are|is|later)[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:freed|released"
    r"|found alive|found safe|reunited)|safe and well|escaped)(?![\w-])"
)
# held as suspects, not taken: "detained for questioning", "held by police"
# "held" says they were taken only with how: "one who held" a sign, a rope, a meeting is not
_HELD_AS = re.compile(
    rf"{_SPACE}(?:(?:still|captive|hostage|prisoner|incommunicado|in{_SPACE}captivity"
    rf"|without{_SPACE}charge|for{_SPACE}ransom|by{_SPACE}(?:the{_SPACE})?(?:kidnappers|gunmen"
    rf"|militants|rebels|captors|abductors|pirates|armed|insurgents|jihadists))(?![\w-])|$)"
)
_HELD = frozenset(("held", "detained"))
_SUSPECTED = re.compile(
    r"(?<![\w-])(?:police|suspects?|suspicion|questioning|arrests?|arrested|custody)(?![\w-])"
    r"|^[^\S\n]+by(?![\w-])"
)
_SENTENCE_END = re.compile(r"[.!?][”\"’']?(?=[^\S\n]+[A-Z“\"‘'(\d])")
# one victim by their place among the others: "The third victim, 72-year-old Harold Emberg",
# "The youngest to die was Tobenna Okafor", "The oldest of the dead"
_ONE_VICTIM = re.compile(  # its place first: a pattern that starts at "the" tries every "the"
    rf"(?<![\w-])(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|last|final"
    rf"|youngest|oldest){_SPACE}(?:victim|fatality|to{_SPACE}die|of{_SPACE}the{_SPACE}(?:dead"
    rf"|victims))(?![\w-])"
)
_COMPARING_WORD = re.compile(  # a word each comparison needs ("and" alone is everywhere)
    r"compared|up from|down from|double|above|below|against|versus|rose|risen|reached|climbed"
    r"|increased|jumped|stood"
)
_DETERMINER_BEFORE = re.compile(rf"(?<![\w-])(?:an?|the|another){_SPACE}$")
# a count that a figure is compared with, of the same kind: "11 people have died this winter,
# compared with seven in all of last season", "nearly double the six recorded in 2027"
_COMPARED = re.compile(
    rf"(?<![\w-])(?:compared{_SPACE}(?:with|to)|up{_SPACE}from|down{_SPACE}from|double{_SPACE}the"
    rf"|above{_SPACE}the|below{_SPACE}the|against|versus"
    # the toll again, later: "..., and on 29 April it rose to 33", "..., but rose to 14"
    rf"|(?:it|but|and|then|later){_SPACE}(?:had{_SPACE})?(?:rose|risen|reached|climbed|increased"
    rf"|jumped|stood{_SPACE}at)(?:{_SPACE}to)?){_SPACE}(?:the{_SPACE})?"
)
_COUNT_KEYS = ("count", "count_min", "count_max")
_REACH_OF_PERSON = 15  # words between one person and what happened: a clause about them
_REACH_OF_COUNT = 4  # between a count whose people are unsaid and what happened
_REACH_OF_NOUN = 1  # between whom and a noun of what happened ("41 homicide victims")
_REACH_BEFORE = 3  # between what happened and the count after it


def add_sentence_figures(
    text: str, low: str, found: list[tuple[int, int, dict]], casualty_words: list[int]
) -> list[tuple[int, int, dict]]:
    """`found` with a figure for each sentence where no pass found one and a count or a
    person stands near a word of what happened. `casualty_words`: where the rule's casualty
    words begin (the sentences to read are among theirs)."""
    starts = [start for start, _, _ in found]
    ends = [end for _, end, _ in found]
    added: list[tuple[int, int, dict]] = []
    positions = sorted(
        [*casualty_words, *(at for word in _NOT_CASUALTY_WORDS for at in _found_at(low, word))]
    )
    index = 0
    while index < len(positions):
        position = positions[index]
        block_start = low.rfind("\n", 0, position) + 1
        block_end = low.find("\n", position)
        block_end = len(low) if block_end < 0 else block_end
        index = bisect.bisect_left(positions, block_end, index)  # the next block's words
        bounds = [
            block_start,
            *(end.end() for end in _SENTENCE_END.finditer(text, block_start, block_end)),
            block_end,
        ]
        for sentence_start, sentence_end in pairwise(bounds):
            at = bisect.bisect_left(positions, sentence_start)
            if at < len(positions) and positions[at] < sentence_end:  # a casualty word in it
                added += _read_sentence(
                    text, low, found, starts, ends, sentence_start, sentence_end
                )
    return with_added(found, added)


def _read_sentence(
    text: str,
    low: str,
    found: list[tuple[int, int, dict]],
    starts: list[int],
    ends: list[int],
    start: int,
    end: int,
) -> list[tuple[int, int, dict]]:
    """The figures this pass finds in the sentence `start:end`: those compared with a figure
    found there, else people among the dead, else one victim by their place, else the nearest
    pair. (A word each shape needs is looked for first: a plain `in` is many times faster than
    a pattern, and most sentences have none.)"""
    if overlaps(starts, ends, (start, end)):
        if _COMPARING_WORD.search(low, start, end):
            return _compared(text, low, found, starts, start, end)
        return []
    sentence = low[start:end]
    if "among" in sentence:
        among = among_the_dead(text, low, start, end)
        if among:
            return [among]
    if "victim" in sentence or "to die" in sentence or "the dead" in sentence:
        one_victim = _ONE_VICTIM.search(low, start, end)
        determiner = one_victim and _DETERMINER_BEFORE.search(low, start, one_victim.start())
        if determiner:
            return [(determiner.start(), one_victim.end(), {"count": 1, "kind": "killed"})]
    if "named" in sentence or "identified" in sentence:
        named = named_dead(text, low, start, end)
        if named:
            return [named]
    span = _nearest_pair(text, low, start, end)
    return [(*span, parse_casualty(text[span[0] : span[1]]))] if span else []


def _compared(
    text: str,
    low: str,
    found: list[tuple[int, int, dict]],
    starts: list[int],
    start: int,
    end: int,
) -> list[tuple[int, int, dict]]:
    """The counts in `start:end` that a figure there is compared with, each a figure of the
    same kind: "compared with seven in all of last season"."""
    compared = []
    index = bisect.bisect_left(starts, start)
    while index < len(found) and found[index][0] < end:
        _, figure_end, attrs = found[index]
        index += 1
        following = found[index][0] if index < len(found) else end
        lead = _COMPARED.search(low, figure_end, min(end, following))
        count = _COUNTED.match(low, lead.end(), end) if lead and "kind" in attrs else None
        if not count or count.lastgroup != "count" or _YEAR.fullmatch(count.group()):
            continue
        if _THINGS_AFTER.match(low, count.end()):
            continue
        whom = _WHOM.match(low, count.end(), end) or _THINGS.match(low, count.end(), end)
        span_end = whom.end() if whom else count.end()
        counted = parse_casualty(text[count.start() : span_end])
        counts = {
            key: counted[key] for key in ("count", "count_min", "count_max") if key in counted
        }
        if counts:
            compared.append((count.start(), span_end, {**counts, "kind": attrs["kind"]}))
    return compared


def _found_at(low: str, word: str) -> list[int]:
    """Where `word` begins in `low` (str.find: many times faster than a pattern on a long
    text)."""
    found = []
    position = low.find(word)
    while position >= 0:
        found.append(position)
        position = low.find(word, position + len(word))
    return found


def _nearest_pair(text: str, low: str, start: int, end: int) -> tuple[int, int] | None:
    """The span from a count or person to a word of what happened, the nearest pair in the
    sentence `start:end` (a count with whom it counts is nearer by three words)."""
    triggers = [
        (_ROLE_OF[word.group()], word)
        for word in _TRIGGER.finditer(low, start, end)
        if not (word.group() in _HELD and _SUSPECTED.search(low[word.end() : end]))
        and not (word.group() == "held" and not _HELD_AS.match(low, word.end()))
        and not _names_people(low, start, word)
    ]
    if not triggers or _SAFE.search(low, start, end):
        return None
    best: tuple[int, int, int] | None = None
    counts = _counts(text, low, start, end)
    ones = {start for start, _, _ in counts if not _NUMBERED.match(low, start)}
    for count_start, count_end, names_whom in counts:
        for role, trigger in triggers:
            if role == "before" or (role == "both" and trigger.end() <= count_start):
                if trigger.end() > count_start:
                    continue
                between = low[trigger.end() : count_start]
                if _PUNCTUATION.search(between):
                    continue
                reach, span_start = _REACH_BEFORE, trigger.start()
                whom = _WHOM.match(low, count_end, end)
                span_end = whom.end() if whom else count_end
            else:
                if trigger.start() < count_end:
                    continue
                between = low[count_end : trigger.start()]
                if role == "person" and _PUNCTUATION.search(between):
                    continue
                if not between.strip() and _PERSON_AFTER.match(low, trigger.end(), end):
                    continue  # "the 12 injured soldiers": people named by what happened before
                reach = (
                    _REACH_OF_NOUN
                    if role == "person"
                    else _REACH_OF_PERSON
                    if names_whom
                    else _REACH_OF_COUNT
                )
                span_start, span_end = count_start, trigger.end()
            words = len(between.split())
            if words > reach or _APART.search(between.strip(' “”"')):  # '"over sixty" people'
                continue
            # whom a count counts makes it nearer; one person is farther than a number of them
            # ("Three passengers, among whom a baby, remained untraceable" are three)
            distance = words - 3 * names_whom + 2 * (count_start in ones)
            if best is None or distance < best[0]:
                best = (distance, span_start, span_end)
    if best is None:
        return None
    return _named_before(low, start, best[1], counts), best[2]


def _named_before(low: str, start: int, at: int, counts: list[tuple[int, int, bool]]) -> int:
    """Where the person at `at` is first named, when the count there is an aside about one
    named before it: "A fisherman, | a 61-year-old grandfather ..., drowned"."""
    for count_start, count_end, names_whom in counts:
        if (
            names_whom
            and count_start >= start
            and low.startswith(", ", count_end)
            and count_end + 2 == at
        ):
            return count_start
    return at


def _names_people(low: str, start: int, word: re.Match) -> bool:
    """Whether a word of what happened names people, not what happened to them: "the
    injured", "those killed" ("the deaths of" says what happened)."""
    if _ROLE_OF[word.group()] == "before":
        return False
    for determiner in ("the ", "those "):
        before = word.start() - len(determiner)
        if before >= start and low.startswith(determiner, before):
            return before == 0 or not (low[before - 1].isalnum() or low[before - 1] == "-")
    return False


def _counts(text: str, low: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The counts of people and the persons in `start:end`: (start, end, says whom)."""
    counts = []
    for counted in _COUNTED.finditer(low, start, end):
        if counted.lastgroup == "one":
            counts.append((counted.start(), counted.end(), True))
            continue
        if counted.lastgroup == "titled":
            name = _NAME.match(text, counted.end(), end)
            if name:
                counts.append((counted.start(), name.end(), True))
            continue
        number = counted.group().split()[-1]
        if _YEAR.fullmatch(number) or _THINGS_AFTER.match(low, counted.end()):
            continue
        if _THINGS_BEFORE.search(low, max(start, counted.start() - 12), counted.start()):
            continue
        if number[0].isdigit() and _AGE_AFTER_NAME.search(
            text, max(start, counted.start() - 30), counted.start()
        ):
            continue
        says_whom = bool(_WHOM.match(low, counted.end(), end))
        if not says_whom and _THINGS.match(low, counted.end(), end):
            continue
        counts.append((counted.start(), counted.end(), says_whom))
    return counts
