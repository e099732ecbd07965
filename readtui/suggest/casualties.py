"""The built-in rule `casualty`: a count bound to the people it counts and what happened to them.

The span is the shortest phrase that holds the number and what it counts (the gold rule of
tests/fixtures/gold/README.md). The shapes it knows:

- a verb, then the count: "killing at least 14 people", "wounding more than 40", "killed “more
  than 30 terrorists”", "recovered 27 bodies", "claimed 30 lives", "claimed the lives of 12
  people", "holding 23 hostages", "took 30 people hostage", "lost two sons", "killed all 56
  people", "treated more than 20 people for shrapnel wounds", "rounded up scores of men", "taken
  12 aid workers hostage", "killed the driver and two passengers", "is still holding 12" (after
  hostages were named);
- the count and whom it counts, then what happened: "At least 34 people were killed", "nine were
  unaccounted for", "23 soldiers captured", "the three men had been captured", "two of the
  gunmen had been killed", "45 boys were taken", "Nine miners remain trapped", "Three police
  officers were among the dead", "Nine of the 14 people on board died", "Ten people were shot",
  "Three people remain in hospital", "Two firefighters suffered burns", "Thirty people went
  missing", "Twelve lives were lost", "One soldier was killed", "Both drivers died", "Both of
  them were killed", "One person lost their life", "Two men, a driver and a surveyor's
  assistant, are still listed as missing", "At least 12 people who had gathered at the market
  were killed", "Twelve people travelling on the bus were killed", "32 people were injured, 5
  critically", "Nine others were pulled out with crushed legs";
- a count of the dead or hurt: "27 deaths", "27 injuries", "four martyrs", "11 bodies had been
  recovered", "Fourteen of the dead", "the bodies of three civilians", "the dead included four
  children and a paramedic", "the deaths of 12 migrants";
- what happened to them first: "Killed were 12 soldiers", "Among those killed were two
  journalists", "Those killed included two police officers and a nurse", "The dead numbered 31";
- a toll or a running total: "the death toll rose to 45", "the number of people killed has
  risen to 30", "The confirmed death toll is now 58", "Death toll: 31", "bringing the total to
  27" (after a casualty said before it), "Death toll passes 40,000", "The fatality count stood
  at 31"; a list's label: "Deaths: 12", "People missing: 4", "Casualties: 4 dead";
- people named without a number: "A security guard and a teacher were shot dead", "whose
  brother died", "killed a 19-year-old apprentice", "the bodies of a man and a woman", "The
  driver of the lorry was also killed", "A woman in her 60s died", "His wife, Maria, 38, was
  seriously injured", "lost her husband", "Among the injured was a 12-year-old boy", "A
  father-of-three was killed", "A 10-year-old was among those wounded";
- people named by name, the name read on the text as written (two capitalised words, or one
  after a title): "Nadia Kern was killed", "Tomas Varga, 42, died", "Sgt. Daniel Okafor was shot
  dead", "Nadia Kern and her son were killed", "killed Maria dos Santos", "wounded photographer
  Ali Kaya", "Among the dead was Corporal Jake Ellis", "The dead were named as Nadia Kern, 34,
  and Tomas Varga", "... identified as Maria Lopez, 41, of Sparks, and her son". "The" or a name
  is not enough for
  "captured" or "hurt by" ("the suspect was captured", "Bakhmut was captured", "the minister was
  hurt by the criticism"), and a headline in title case names no one.

A span holds one kind of casualty, with the people of that kind the sentence joins to it
("118 soldiers and 240 civilians have been killed", "killed 20 security officials and three
civilians", "A woman and her two daughters were killed", "killed four people in Florida and two
in Georgia") and the detail that follows it (", including four children", ", four of them
critically", ", among them three medics"). A figure of another kind that says only how many
joins the one before it, as the gold files annotate it: "five soldiers were killed and 17
wounded", "killing nine soldiers and wounding 12 others", "kills 2, injures 5", "21 dead, 96
injured, 11 missing". One with its own verb or its own people is its own span: "Two people are
dead | and five others were taken to hospital", "Three inmates were killed | and 14 guards
injured". The attributes are `parse_casualty` of the span's text, as for a figure tagged by
hand: the counts of one kind added up, the first figure's when the kinds differ.

More shapes: what happened said before whom it counts ("three missing climbers", "the 12 injured
soldiers": a figure named again is marked again, as the gold files mark every mention; not
people set free); one more person after others ("a third was critically injured", "another is
missing", "her mother badly hurt"); a person with a name or a place after them, or what they
were doing ("whose daughter Grace died", "A man from Leeds was killed", "A worker who was inside
the silo remains unaccounted for"); ages between commas ("The driver, 52, died", "Three men, 19,
22 and 25, were hurt"); "never found" ("five were never found"); people held by captors with no
word for them ("Four were detained by militants"); "None of the 150 passengers survived"; a toll
with a clause inside it ("The death toll, which stood at 45 on Monday, rose to 60").

Not casualty figures: people displaced, evacuated, rescued, freed or arrested ("detained for
questioning"); money, years, ages, times, percentages, distances, scores ("a 2-1 win"); counts
of things, not people ("two weeks", "300 tents", "14 tanks"); people named by what happened to
them and then set free ("freed 31 abducted students"); "no one was hurt"; a toll or total of
something else ("the toll rose to 12 euros", "won 12 seats, bringing the total to 27"); "lost
their homes", "saved the lives of 12", "Twelve jobs were lost", "Twelve scenes were shot"; what
may happen, not what did ("an order to kill a prisoner", "could claim hundreds of lives");
natural deaths ("died peacefully", "died of cancer", "who died in 1998"); a count that is a part
of another ("one of 12 people killed" is the 12, "a mother of two", "half of the 300
passengers").

The words and patterns are in readtui.suggest.casualty_patterns; this module reads the text
with them. Speed: one scan finds the numbers and the casualty words; everything else is matched
only where they are, and the words before a count are read on the reversed text, so that they
too are an anchored match.
"""

import bisect
import re

from readtui.casualty import NAME_AT, TWO_CAPITALS, number_value, parse_casualty
from readtui.suggest.casualty_broad import CASUALTY_WORD, add_broad
from readtui.suggest.casualty_joins import add_joined_people, add_listed_dead
from readtui.suggest.casualty_lists import add_listed
from readtui.suggest.casualty_parts import add_parts
from readtui.suggest.casualty_patterns import (
    ADJECTIVE_BEFORE_PERSONS,
    AFTER_NAME,
    AND_ONE_MORE,
    ANOTHER_KIND_AFTER,
    ARTICLE,
    AUXILIARIES_OF_ONE,
    BASE_VERBS,
    BEHIND,
    BY_CAPTORS,
    CASUALTY_BEFORE,
    CONDITION,
    COUNT_AT,
    DETAIL,
    DETERMINERS,
    ELSEWHERE,
    ENDS_HERE,
    FOUND,
    HAPPENED_TO_ONE,
    HAPPENED_WITHOUT_AUXILIARY,
    HARMING,
    HOSTAGE_AFTER,
    HOSTAGES_BEFORE,
    HOW_BADLY,
    INCLUDED_BEFORE,
    INCLUDED_VERB,
    INCLUDED_WORDS,
    JOINED_BY_AND,
    KIN_WORD,
    KIND_BEFORE_PERSONS,
    LEFT,
    LOST_ONE,
    LOWER_ASCII,
    LOWER_CASE_NEXT,
    MAY_HAPPEN,
    NAME_LISTED_NEXT,
    NAMED,
    NAMED_BEFORE,
    NATURAL_DEATH_AFTER,
    NOT_PEOPLE,
    NUMBER_TRIGGERS,
    ONE_NAMED,
    ONE_OF_COUNT,
    REACH,
    RELEASED_AFTER,
    RELEASED_BEFORE,
    RIGHT,
    SUBJECT_OF_ONE,
    SURVIVED,
    THE_ONE_NAMED,
    TO_HOSPITAL,
    TRADE,
    TREATED_FOR,
    TRIGGER_AFTER,
    TRIGGER_AT_START,
    VERB_AT,
    VERB_BEFORE_NAME,
    YEAR,
    numbered_name,
)
from readtui.suggest.casualty_sentences import add_sentence_figures
from readtui.suggest.casualty_tables import add_tabled


class _Figure:
    """A figure found in the text: where it is, and whether it is a casualty figure by itself."""

    __slots__ = ("start", "end", "complete", "led", "counts_people")

    def __init__(self, start: int, end: int, complete: bool, led: bool = False,
                 counts_people: bool = False) -> None:  # fmt: skip
        self.start, self.end = start, end
        self.complete = complete  # it says what happened, or counts the dead
        self.led = led  # a verb or "the dead included" before it says what happened
        self.counts_people = counts_people  # "118 soldiers": may be joined to what follows


# a count restated in digits, as communiqués write it: "forty (40) terrorists", "two (02)"
_RESTATED = re.compile(r"(?<=[A-Za-z])[^\S\n]*\(\d{1,3}(?:,\d{3})*\)(?=[^\S\n])")
_OPENS_DIGITS = re.compile(r"\(\d")  # where one may be: found at once, by its first two letters


def _without_restated_counts(text: str) -> str:
    """`text` with each count restated in digits after its words blanked out, offsets kept."""
    pieces, done = [], 0
    for opening in _OPENS_DIGITS.finditer(text):
        restated = _RESTATED.search(text, max(0, opening.start() - 2), opening.start() + 14)
        if restated is None or restated.start() < done:
            continue
        word = text[text.rfind(" ", 0, restated.start()) + 1 : restated.start()].lower()
        if number_value(word) is not None:
            pieces += [text[done : restated.start()], " " * len(restated.group())]
            done = restated.end()
    return "".join(pieces) + text[done:] if pieces else text


def find_casualties(text: str) -> list[tuple[int, int, dict]]:
    """Casualty figures in `text`: (start, end, attrs), sorted, spans within one block."""
    text = _without_restated_counts(text)
    low = text.lower()
    lower_keeps_offsets = len(low) == len(text)
    if not lower_keeps_offsets:  # a letter whose lower case is longer ("İ"): keep the offsets
        low = text.translate(LOWER_ASCII)
    hits = _triggers(low)
    casualty_words = [start for start, is_number in hits if not is_number]
    backwards = low[::-1]
    figures: list[_Figure] = []
    for start, is_number in hits:
        if figures and start < figures[-1].end:
            continue
        if is_number:
            before, after = _casualty_words_around(low, casualty_words, start)
            joining = figures and start - figures[-1].end <= 8  # "118 soldiers and 240 ..."
            if not (before or after or joining or _toll_before(low, start)):
                continue  # no word around it says what happened
            if low[start].isdigit() and numbered_name(text, start):
                continue  # "Rescue 1190", "Flight 17": a name, not a count
            figure = _read_count(low, backwards, start, after or joining)
        else:
            figure = _read_named(text, low, start, figures[-1].end if figures else 0)
        if figure:
            figures.append(figure)
    spans: list[tuple[int, int]] = []
    for figure in _joined(low, figures):
        if figure.complete and (not spans or figure.start >= spans[-1][1]):
            elsewhere = None
            if figure.led and low.startswith((" in ", " at ", " near "), figure.end):
                elsewhere = ELSEWHERE.match(text, figure.end)
            spans.append((figure.start, elsewhere.end() if elsewhere else figure.end))
    found = [(start, end, parse_casualty(text[start:end])) for start, end in spans]
    found = _with_other_kinds(text, low, found)
    words = list(CASUALTY_WORD.finditer(low))  # every register's words, for the passes below
    found = add_broad(text, low, found, words) if lower_keeps_offsets else found
    found = add_listed(text, low, found)
    word_starts = [word.start() for word in words]
    found = add_tabled(text, low, found, word_starts)
    found = add_joined_people(text, low, found)
    found = add_listed_dead(low, found, word_starts)
    found = add_parts(text, low, found) if lower_keeps_offsets else found
    return add_sentence_figures(text, low, found, casualty_words)


# people one loses, as one loses kin: "I lost two colleagues", "the unit lost three comrades"
_LOST_ONES = frozenset(("colleagues", "comrades", "friends", "relatives", "crewmates", "teammates"))
TOLL_REACH = 200  # characters: LEFT reads up to 20 words between a toll and its figure

# The functions below read `low`: the text in lower case, with the same offsets.


def _triggers(low: str) -> list[tuple[int, bool]]:
    """Where numbers and casualty words begin: (position, is a number)."""
    found = [
        (hit.start() + 1, hit.group()[1:] in NUMBER_TRIGGERS)
        for character, trigger in TRIGGER_AFTER.items()
        if character == " " or character in low
        for hit in trigger.finditer(low)
    ]
    first = TRIGGER_AT_START.match(low)
    if first:
        found.append((0, first.group() in NUMBER_TRIGGERS))
    return sorted(found)


def _toll_before(low: str, position: int) -> bool:
    """Whether a toll opens the sentence far before `position`: "The death toll from ... on
    the old ring road has risen to 38" (LEFT reads the words between)."""
    reach = max(0, position - TOLL_REACH)
    toll = max(low.rfind("toll", reach, position), low.rfind("number of", reach, position))
    return toll >= 0 and low.find("\n", toll, position) < 0


def _casualty_words_around(low: str, casualty_words: list[int], position: int) -> tuple[bool, bool]:
    """Whether a casualty word is within reach before `position` (a verb: "killing at least
    14"), and after it ("... were killed"), in the same block."""
    index = bisect.bisect_left(casualty_words, position)
    before = index > 0 and casualty_words[index - 1] >= position - BEHIND
    if before:
        before = low.find("\n", casualty_words[index - 1], position) < 0
    after = index < len(casualty_words) and casualty_words[index] <= position + REACH
    if after:
        after = low.find("\n", position, casualty_words[index]) < 0
    return before, after


def _read_count(low: str, backwards: str, start: int, said_after: bool) -> _Figure | None:
    """A count at `start`, with the words before it that qualify it or say what happened; only
    a verb before it says what happened unless `said_after`."""
    count = COUNT_AT.match(low, start)
    if not count:
        return None
    if count.group("low") and int(count.group("high").replace(",", "")) < int(
        count.group("low").replace(",", "")
    ):
        return None  # a score: "a 2-1 win"
    reversed_start = len(low) - start
    left = LEFT.match(backwards, reversed_start)
    not_count, lead, the, qualifiers = left.group("not_count", "lead", "the", "qualifiers")
    if not_count or not (lead or said_after):
        return None
    count_end = count.end()
    if count.group() == "one" and ONE_OF_COUNT.match(low, count_end):
        return None  # "one of 12 people killed": the count to come is the figure
    right = RIGHT.match(low, count_end)
    if count.group() == "both" and not any(right.group("person", "of_kind", "of_them", "kind")):
        return None  # "both sides reporting casualties"
    person = bool(right.group("person"))
    if YEAR.fullmatch(count.group()) and (not person or COUNT_AT.match(low, count_end + 1)):
        return None  # a year, not a count: "in 2019", "In 2008 two trampers drowned"
    # the words read backwards end where they begin in the text
    if lead:
        lead_start = start + reversed_start - left.end("lead")
        if not _may_happen(low, lead_start):  # "threatened to kill 12 hostages"
            figure = _read_led(low, lead_start, left, right, count_end)
            if figure or left.group("none_of"):  # "None of the 40 passengers was hurt"
                return figure
    if the or qualifiers:
        start += reversed_start - left.end("the" if the else "qualifiers")
    return _read_subject(low, _with_named_before(low, start), right, person, bool(the))


def _block_start(low: str, position: int, reach: int) -> int:
    """Where the block holding `position` begins, or `reach` before it if that is later."""
    return max(low.rfind("\n", 0, position) + 1, position - reach)


def _with_the(low: str, start: int) -> int:
    """`start`, or the start of "the " or a possessive right before it: "the three men had been
    captured", "his two brothers"."""
    for determiner in DETERMINERS:
        if low.endswith(determiner, 0, start):
            begin = start - len(determiner)
            return begin if begin == 0 or not low[begin - 1].isalnum() else start
    return start


def _may_happen(low: str, verb_start: int) -> bool:
    """Whether the verb at `verb_start` says what may happen, not what did: "to kill"."""
    if low[verb_start : verb_start + 10].partition(" ")[0] not in BASE_VERBS:
        return False
    before = low[max(0, verb_start - 10) : verb_start].split()
    return bool(before) and (before[-1] in MAY_HAPPEN or before[-1].endswith(("n’t", "n't")))


def _with_named_before(low: str, start: int) -> int:
    """`start`, or the start of people named before it: "a woman and her two daughters"."""
    if " and " not in low[max(0, start - 12) : start]:
        return start
    window_start = max(low.rfind("\n", 0, start) + 1, start - 70)
    for article in ARTICLE.finditer(low, window_start, start):
        if NAMED_BEFORE.fullmatch(low, article.start(), start):
            return article.start()
    return start


def _read_led(
    low: str, start: int, left: re.Match, right: re.Match, count_end: int
) -> _Figure | None:
    """A count after what says what happened: a verb, a toll, "the bodies of", "the dead
    included"."""
    group_end = right.end("more") if right.group("more") else count_end
    for name in ("person", "dead", "lives"):
        if right.group(name):
            group_end = right.end(name)
    toll, total, label = left.group("toll", "total", "label")  # a total is read as a toll
    if toll or left.group("bodies_of") or left.group("lives_of") or left.group("included"):
        start = _with_the(low, start)
    people = right.group("person") or right.group("dead")
    if toll or label:
        if total and not (
            left.group("rises")
            and CASUALTY_BEFORE.search(low, _block_start(low, start, 200), start)
        ):
            return None  # "won 12 seats, bringing the total to 27", "the total of 27"
        if not people and NOT_PEOPLE.match(low, count_end):
            return None  # "the toll rose to 12 euros"
        end = group_end if right.group("person") else count_end
        if right.group("kind") and low[end : right.start("kind")].isspace():
            end = right.end("kind")  # "Casualties: 4 dead"
        return _Figure(start, end, True)
    if left.group("bodies_of"):
        return _Figure(start, _detailed(low, group_end), True)
    if left.group("none_of"):  # "None of the 150 passengers on board survived"
        survived = SURVIVED.match(low, right.end()) if right.group("person") else None
        return _Figure(start, survived.end(), True) if survived else None
    if left.group("lives_of") or left.group("included"):
        if not people and not ENDS_HERE.match(low, group_end):
            return None  # "those killed were 12 years old"
        if left.group("lives_of"):
            return _Figure(start, _detailed(low, group_end), True)
        one_more = AND_ONE_MORE.match(low, group_end) if right.group("person") else None
        return _Figure(start, one_more.end() if one_more else group_end, True, led=True)
    hostages = right.group("person") in ("hostages", "captives")
    takes = left.group("verb_takes")
    if (takes or left.group("verb_holds")) and not right.group("dead") and not right.group("lives"):
        taken = HOSTAGE_AFTER.match(low, group_end)  # "took 30 people hostage"
        if takes and not taken and (right.group("person") or group_end == count_end):
            taken = TO_HOSPITAL.match(low, group_end)  # "had taken 23 (patients) to hospital"
        if taken:
            return _Figure(start, taken.end(), True)
    if takes:
        wanted = right.group("lives") or hostages or right.group("person") == "prisoners"
        return _Figure(start, group_end, True) if wanted else None
    if (
        left.group("verb_lost")
        and right.group("person")
        and (KIN_WORD.fullmatch(right.group("person")) or right.group("person") in _LOST_ONES)
    ):
        return _Figure(start, group_end, True)  # "lost two sons", "I lost two colleagues"
    if left.group("verb_lives") or left.group("verb_lost"):
        wanted = right.group("lives") or right.group("dead") == "martyrs" or hostages
        return _Figure(start, group_end, True) if wanted else None
    if left.group("verb_holds"):
        held = hostages or (  # "is still holding 12" after hostages were named
            not people
            and ENDS_HERE.match(low, group_end)
            and HOSTAGES_BEFORE.search(low, _block_start(low, start, 300), start)
        )
        return _Figure(start, group_end, True) if held else None
    if left.group("verb_bodies"):
        wanted = right.group("dead") in ("bodies", "corpses")
        return _Figure(start, group_end, True) if wanted else None
    if left.group("verb_treated"):
        treated_for = TREATED_FOR.match(low, group_end) if right.group("person") else None
        return _Figure(start, treated_for.end(), True) if treated_for else None
    # a verb that says what happened: its object is people, or the count stands alone
    if right.group("person"):
        one_more = AND_ONE_MORE.match(low, group_end)
        end = one_more.end() if one_more else _detailed(low, group_end)
    elif not right.group("dead") and not right.group("lives") and ENDS_HERE.match(low, group_end):
        end = _detailed(low, group_end)
    else:
        return None
    return _Figure(start, end, True, led=True)


def _read_subject(
    low: str, start: int, right: re.Match, person: bool, determined: bool
) -> _Figure | None:
    """A count that is the subject: what happened to them follows, or they are the dead; or
    what happened is said before them ("three missing climbers"). `determined`: "the" or a
    possessive is before the count."""
    if right.group("kind"):
        held_by_captors = right.group("held") and BY_CAPTORS.match(low, right.end("kind"))
        if (right.group("held") or right.group("shot")) and not person and not held_by_captors:
            return None  # "20 were held" may be anything held, unlike "held by the kidnappers"
        if right.group("lost") and not right.group("lives"):
            return None  # "Twelve jobs were lost"
        if right.group("in_care") and not right.group("auxiliary"):
            return None  # "Twelve doctors in hospital wards"
        directly = not (right.group("more") or right.group("person") or right.group("dead"))
        directly = directly and not right.group("relative") and not right.group("auxiliary")
        persons = ADJECTIVE_BEFORE_PERSONS.match(low, right.end("kind")) if directly else None
        if persons:  # what happened said before whom it counts: "three missing climbers"
            if (
                right.group("kind") not in KIND_BEFORE_PERSONS
                or RELEASED_BEFORE.search(low, max(0, start - 12), start)
                or RELEASED_AFTER.match(low, persons.end())
            ):
                return None
            return _Figure(start, persons.end(), True)
        return _Figure(start, _detailed(low, right.end()), True)
    if right.group("dead"):
        found = FOUND.match(low, right.end())
        return _Figure(start, _detailed(low, found.end() if found else right.end()), True)
    if right.group("of_kind"):
        condition = CONDITION.match(low, right.end())
        if not condition and re.match(r"(?:the\s+)?one\b", low[start : start + 9]):
            return None  # "one of the injured" names a person, not a figure
        if not condition and right.group("of_kind").endswith("victims"):
            return None  # "the families of six of the victims": victims of what is not said
        return _Figure(start, condition.end() if condition else right.end(), True)
    if person:
        return _Figure(start, right.end("person"), False, counts_people=True)
    return None


def _read_named(text: str, low: str, position: int, after: int) -> _Figure | None:
    """People named without a number, around the casualty word at `position`: "killed a
    19-year-old apprentice", "A security guard and a teacher were shot dead", "Nadia Kern was
    killed", "Among the injured was a 12-year-old boy"."""
    word = low[position : position + 12]
    if word.startswith(("bodies of ", "body of ", "death of ", "deaths of ")):
        # "the bodies of a man and a woman", "the death of a 17-year-old boy", "the death of
        # Nadia Kern"
        after_of = low.index(" of ", position) + 4
        dead = ONE_NAMED.match(low, after_of)
        end = dead.end() if dead else _led_name(text, low, after_of)
        if not end or (word[0] == "d" and NATURAL_DEATH_AFTER.match(low, end)):
            return None  # "Since the death of his wife in 2015"
        return _Figure(_with_the(low, position), end, True)
    if word.startswith(INCLUDED_WORDS):
        included = _read_included_one(text, low, position)
        if included:
            return included
    if word.startswith(("lost ", "lose", "losing ")):
        lost = LOST_ONE.match(low, position)  # "lost her husband"
        return _Figure(position, lost.end(), True, led=True) if lost else None
    if not word.startswith(HAPPENED_TO_ONE):
        return None
    verb = VERB_AT.match(low, position)
    if verb:
        if _may_happen(low, position):
            return None  # "an order to kill a prisoner"
        led = ONE_NAMED.match(low, verb.end())
        if not led and verb.group().startswith(HARMING):
            led = THE_ONE_NAMED.match(low, verb.end())  # "killed the driver"
        if led:  # "killed a 19-year-old apprentice"
            return _Figure(position, led.end(), True, led=True)
    verb = VERB_BEFORE_NAME.match(text, position)  # in lower case: not a headline in title case
    led_name = _led_name(text, low, verb.end()) if verb else None
    if led_name:
        return _Figure(position, led_name, True, led=True)
    window_start = max(after, low.rfind("\n", 0, position) + 1, position - 90)
    if not word.startswith(HAPPENED_WITHOUT_AUXILIARY):
        just_before = " " + low[max(window_start, position - 32) : position]
        if not any(auxiliary in just_before for auxiliary in AUXILIARIES_OF_ONE) and not (
            just_before.endswith(HOW_BADLY)  # "her mother badly hurt"
        ):
            return None
    named_by_name = _read_name(text, low, window_start, position)
    end = named_by_name.start if named_by_name else position
    for subject in SUBJECT_OF_ONE.finditer(low, window_start, end):
        named = NAMED.match(low, subject.start())
        if named and named.end() > position and not (named.group("the") and _pointed(named)):
            given = named.group("given")
            if not given or text[named.end("given") - len(given.lstrip())].isupper():
                return _Figure(subject.start(), named.end(), True)  # "whose daughter Grace died"
    return named_by_name


def _read_name(text: str, low: str, window_start: int, position: int) -> _Figure | None:
    """People named by name before the casualty word at `position`, and others joined to them:
    "Nadia Kern was killed", "Nadia Kern and her son were killed"."""
    if not TWO_CAPITALS.search(text, window_start, position):
        return None
    for name in NAME_AT.finditer(text, window_start, position):
        if low.endswith("the ", 0, name.start()) or not LOWER_CASE_NEXT.match(text, name.end()):
            continue  # "the Red Cross", "Emergency Plan Was Executed"
        end = name.end()
        while joiner := JOINED_BY_AND.match(low, end):
            more = ONE_NAMED.match(low, joiner.end()) or NAME_AT.match(text, joiner.end())
            if not more:
                break
            end = more.end()
        happened = AFTER_NAME.match(low, end)
        if happened and happened.end() > position and not _pointed(happened):
            return _Figure(name.start(), happened.end(), True)
    return None


def _pointed(happened: re.Match) -> bool:
    """Whether what happened is not a casualty when "the" or a name points at the person."""
    return bool(happened.group("captured") or happened.group("hurt_by"))


def _led_name(text: str, low: str, position: int) -> int | None:
    """The end of a name at `position`, after a verb, maybe after the person's trade: "killed
    Maria dos Santos", "wounded photographer Ali Kaya"; not "killed Boko Haram fighters"."""
    name = NAME_AT.match(text, position) if text[position].isupper() else None
    if not name:
        trade = TRADE.match(text, position)
        name = NAME_AT.match(text, trade.end()) if trade else None
    if not name or ADJECTIVE_BEFORE_PERSONS.match(low, name.end()):
        return None
    return name.end()


def _read_included_one(text: str, low: str, position: int) -> _Figure | None:
    """One person after what happened to them: "Among the injured was a 12-year-old boy"."""
    verb = INCLUDED_VERB.match(low, position)
    if not verb:
        return None
    one = ONE_NAMED.match(low, verb.end())
    if one:
        end = one.end()
    else:
        name = NAME_AT.match(text, verb.end())
        if not name or ADJECTIVE_BEFORE_PERSONS.match(low, name.end()):
            return None  # "the dead included Red Cross workers" is a count to come
        end = name.end()
        # "Nadia Kern, 34, and Tomas Varga", "Maria Lopez, 41, of Sparks, and her son"
        while listed := NAME_LISTED_NEXT.match(text, end):
            more = NAME_AT.match(text, listed.end()) or ONE_NAMED.match(low, listed.end())
            if not more:
                break
            end = more.end()
    start = position
    for before in INCLUDED_BEFORE:
        if low.endswith(before, 0, position):
            start = position - len(before)
            break
    return _Figure(start, end, True, led=True)


def _with_other_kinds(
    text: str, low: str, found: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """Figures with the figures of other kinds a comma lists after them saying only how many,
    as one ("21 dead, 96 injured"): the first figure's attributes. One joined by "and" or with
    its own verb stands apart, with its own kind ("killed 5 | and 17 wounded", "kills 4, |
    wounds 7"), as the gold files mark it as often as not."""
    joined: list[tuple[int, int, dict]] = []
    for start, end, attrs in found:
        if joined and start - joined[-1][1] <= 8:  # "killed 7 and wounded 22"
            first_start, first_end, first_attrs = joined[-1]
            more = ANOTHER_KIND_AFTER.match(low, start, end + 1)
            if (
                more
                and (more.end() == end or low[more.end()] == ",")
                and attrs.get("kind") != first_attrs.get("kind")
                and low[first_end:start].strip() == ","
                and not VERB_AT.match(low, start)
            ):
                joined[-1] = (first_start, end, parse_casualty(text[first_start:end]))
                continue
        joined.append((start, end, attrs))
    return joined


def _detailed(low: str, end: int) -> int:
    """The end of a figure with the detail that follows it: ", including four children"."""
    detail = DETAIL.match(low, end)
    return detail.end() if detail else end


def _joined(low: str, figures: list[_Figure]) -> list[_Figure]:
    """Figures of one kind that one sentence joins, as one: "118 soldiers and 240 civilians
    have been killed", "killed 20 security officials and three civilians"."""
    joined: list[_Figure] = []
    for figure in figures:
        if joined and _joins(low, joined[-1], figure):
            last = joined[-1]
            joined[-1] = _Figure(
                last.start, figure.end, last.complete or figure.complete, last.led,
                last.counts_people and figure.counts_people,
            )  # fmt: skip
        else:
            joined.append(figure)
    return joined


def _joins(low: str, first: _Figure, second: _Figure) -> bool:
    if first.start <= second.start < first.end < second.end:
        # the count took in the person named before it: "kidnapped a priest and two parishioners"
        return first.led and not second.complete and second.counts_people
    if first.end > second.start:
        return False
    joiner = JOINED_BY_AND.fullmatch(low, first.end, second.start)
    if not joiner:
        return False
    if "and" not in joiner.group() and " and " not in low[second.start : second.end]:
        return False  # a comma joins people only in a list: "Two Britons, an American and a ..."
    if not first.complete:  # "118 soldiers and": the rest says what happened to them
        return first.counts_people and not second.led
    return first.led and not second.complete and second.counts_people
