"""The second pass of the casualty rule: a count bound to a casualty word in the same clause,
where the precise shapes of readtui.suggest.casualties found nothing.

The precise shapes know the sentences news text usually writes; this pass knows only words. A
casualty word of any register ("killed", "deceased", "succumbed", "fell as martyrs", "on
ventilator", "sought treatment", "unaccounted for", "taken prisoner") and a count next to it in
its clause, before it ("Six of them are on ventilator support", "11 of the deceased", "3 with
minor injuries") or after it ("Confirmed dead | 7", "Deaths: 27", "killed more than 30 enemies
of God"), or one person before it ("The man next to me died", "Her sister was among those
critically injured"). Precision is kept by what it leaves out: a count of money, percentages,
ages, years, times, measures or things ("two weeks", "14 tanks"); a clause that says what may
happen ("could kill", "threatened to") or that no one was hurt; the words of a count that is no
casualty between the two ("12 were arrested after ... killed"). A suggestion of this pass never
overlaps one of the precise shapes. Its attributes are parse_casualty of its text, as ever.

Speed: one compiled scan finds the casualty words; a count is looked for only in the clause
around each of them.
"""

import bisect
import heapq
import re
from collections.abc import Callable

from readtui.casualty import PERSON, parse_casualty, trie_pattern
from readtui.suggest.casualty_patterns import numbered_name
from readtui.suggest.casualty_words import NOT_PERSONS, PERSONS

_SPACE = r"[^\S\n]+"

# the casualty words, of every register; a phrase is written with single spaces
_CASUALTY_PHRASES = """
    killed|dead|died|dies|deaths|death toll|fatalities|fatally injured|fatally wounded|deceased
    succumbed|succumbing|perished|lost their lives|lost his life|lost her life|lives lost|martyrs
    fell as martyrs|martyred|embraced martyrdom|bodies|slain|drowned|burnt to death
    burned to death|charred to death|trampled to death|crushed to death|hacked to death
    beaten to death|stabbed to death|burnt beyond recognition|burned beyond recognition
    charred beyond recognition|pronounced dead|pronounced deceased|neutralised|neutralized
    eliminated|slaughtered|slaughter|paid the supreme price|paid the ultimate price
    mauled to death|fatally mauled|embraced shahadat|fell on the field of honour|succumbs
    fell on the field of honor|killed himself|killing himself|killed herself|killing herself
    fatally shot|fatally stabbed|whereabouts|fate of|buried
    injured|injuries|wounded|wounds|hurt|hospitalised|hospitalized|in hospital|critical condition
    serious condition|critical but stable condition|on ventilator|on ventilators|on a ventilator
    fair condition|lost their vision|lost his vision|lost her vision|lost their sight
    treated|treated for|sought treatment|needed treatment|receiving treatment|under treatment
    undergoing treatment|treated and released|casualties|burns|taken to hospital
    rushed to hospital|taken to the hospital|rushed to the hospital|admitted to hospital
    missing|unaccounted for|abducted|kidnapped|hostages|taken hostage|held hostage|held captive
    being held|still held|holding|taken prisoner|taken captive|captured|prisoner|prisoners of war
    disappeared|forcibly disappeared|disappearances|enforced disappearances|condition of
    in detention|in arbitrary detention|deprived of liberty|deprived of their liberty|taken alive
    not been seen since|has not been seen|have not been seen|lifeless body|lifeless bodies
    burn|wound|bullet wound|gunshot wound|stab wound|head injury|broken leg|broken legs
    broken arm|broken arms|broken pelvis|fractured skull|lost their eyesight|lost his eyesight
    lost her eyesight|remain admitted|still admitted|in captivity|whisked away|whisking away
    lost|losses|admitted|admitting|received|receiving|shifted
"""
_PHRASES = sorted(
    {phrase.strip() for line in _CASUALTY_PHRASES.split("\n") for phrase in line.split("|")} - {""}
)
CASUALTY_WORD = re.compile(
    r"(?<![\w-])" + trie_pattern(_PHRASES).replace("\\ ", _SPACE) + r"(?![\w-])"
)
# taken to a hospital by its name: "flown to The Alfred Hospital", "taken to the Queen's
# Medical Centre"
_TO_HOSPITAL = re.compile(
    r"(?<![\w-])(?:taken|rushed|flown|airlifted|brought|transported|conveyed|transferred)"
    r"(?: [\w-]+){0,4}? to (?:(?:the|a|an) )?(?:[\w’'.-]+ ){0,5}?(?:hospital|infirmary"
    r"|medical cent(?:re|er)|clinic|health cent(?:re|er))(?![\w-])".replace(" ", _SPACE)
)
# the words that end it, each found at once by its letters; then the pattern is tried before it
_CARE_WORDS = [
    re.compile(word) for word in ("hospital", "infirmary", "clinic", "medical", "health")
]


def _taken_to_hospital(low: str) -> list[re.Match]:
    """_TO_HOSPITAL's matches in `low`, in order, found from the words that end them."""
    found = []
    for word in _CARE_WORDS:
        for care in word.finditer(low):
            end = min(len(low), care.end() + 12)  # past "medical centre"
            match = _TO_HOSPITAL.search(low, max(0, care.start() - 90), end)
            if match and match.end() > care.start():
                found.append(match)
    found.sort(key=lambda match: match.start())
    return [
        match
        for index, match in enumerate(found)
        if not index or match.start() != found[index - 1].start()
    ]


# not a casualty though spelled as one: "dead end", "hurt feelings", "injured pride"
_NOT_CASUALTY_AFTER = re.compile(r"[^\S\n]+(?:end|heat|weight|wood|line|pride|feelings)\b")

# a count: digits, number words, vague counts, or one person
_NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand"
)
_QUALIFIER = (
    r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated"
    r"|another|a further|no fewer than|upwards of|close to|approximately|roughly|fewer than"
    r"|less than|only|just) "
)
COUNT = re.compile(
    (
        rf"(?<![\w$£€₹.,-])(?:{_QUALIFIER})?"
        rf"(?:between (?:\d+|{_NUMBER_WORD}) and (?:\d+|{_NUMBER_WORD})"
        r"|(?:\d{1,3}(?:,\d{3})+(?![\d.,]\d)|\d+(?![\d.,:/]\d))(?: or so)?"
        rf"|(?:{_NUMBER_WORD})(?:[- ](?:{_NUMBER_WORD}))*"
        r"|a dozen|half a dozen|a half-dozen|dozens|scores|hundreds|thousands"
        r"|several (?:dozen|hundred|thousand)|(?:a|an|the) (?:[\w-]+ )?couple"
        rf"|both (?:(?:his|her|their|the) )?(?:{trie_pattern(PERSONS.split())})"
        # one person: a headline's "Woman dies" (also after "Morning roundup: "), or "he was
        # pronounced dead"
        rf"|(?:(?<![^\n])|(?<=:\x20))(?:[\w’'-]+ ){{0,2}}?(?:{PERSON})|(?<![\w-])(?:he|she)(?= )"
        r"|(?:a|one|two|\d+) lakh"
        # one more person: "left a fourth with severe burns"
        r"|(?:a|an|another) (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?= )"
        # one more person: "another is in critical condition", "another jawan was injured"
        r"|another(?= (?:is|was|has|had|remains|remained|later|died|person|man|woman|child"
        rf"|{PERSON}))"
        rf"|(?:a|an|the|his|her|their|my|our|one) (?:[\w’'-]+ ){{0,2}}?(?:{PERSON}))"
        r"(?![\w%-])"
    ).replace(" ", _SPACE)
)
# what a count counts when it is not people: money, shares, ages, times, measures, things
_NOT_PEOPLE_AFTER = re.compile(
    r"(?:[^\S\n]*(?:%|per[^\S\n]?cent|percent))|[^\S\n]*-?[^\S\n]*(?:year|month|week|day)s?[- ]old"
    r"|[^\S\n]+(?:[a-z-]+[^\S\n]+)?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|am|pm"
    r"|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|ft|kg|kilos?|tonnes?|tons?|litres?|liters?"
    r"|dollars?|pounds?|euros?|naira|rupees?|cedis?|shillings?|rand|yuan|cents?|crore|million"
    r"|billion|votes?|seats?|goals?|points?|runs?|wickets?|houses?|homes?|buildings?|vehicles?"
    r"|cars?|trucks?|buses|tanks?|drones?|rockets?|missiles?|shells?|bombs?|attacks?|incidents?"
    r"|cases?|times|percent|rounds?|floors?|storeys?|stories|villages?|districts?|states?"
    r"|countries|cities|towns|schools?|hospitals?|beds?|tents?|boats?|ships?|aircraft|planes?"
    r"|animals|cattle|cows|goats|sheep|birds|dogs|horses|pages?|items?|steps?|shots?)(?![\w-])",
    re.IGNORECASE,
)
_MONEY_OR_AGE_BEFORE = re.compile(
    r"(?:[$£€₹]|\b(?:rs\.?|inr|usd|ngn|aud|aged?|ages|no|not|in|since|by|until|from|of|page"
    r"|chapter|number|no\.|route|flight|article|section|room|gate|platform|ward|level)"
    r"[^\S\n]*)$",
    re.IGNORECASE,
)
# a plural after a count names whom it counts, or it counts things ("3 meetings")
_PLURAL_AFTER = re.compile(r"[^\S\n]+(?:[a-z-]+[^\S\n]+)?([a-z]+s)(?![\w-])")
_PLURAL_PEOPLE = re.compile(
    rf"(?!(?:{trie_pattern([word for word in NOT_PERSONS.split() if word != 'others'])})$)"
    rf"(?:{trie_pattern(PERSONS.split())}|[a-z]+(?:ers|ors|ists|ians|ans|ees|men|ites|is)"
    r"|deaths|bodies|fatalities|martyrs|casualties|injuries|hostages|wounds|burns|others|lives|enemies"
    r"|disappearances"
    r"|those|was|is|has|as|its|his|this|thus|plus|various|previous|serious|us)$"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# a count that names one person ("Cyclist", "a soldier"), not a number word ("three")
_A_PERSON = re.compile(rf"(?:^|[^\S\n])(?!(?:{_NUMBER_WORD})$)(?:{PERSON})$")
# the clause a count and its casualty word share: no sentence end, no new block between
_CLAUSE_END = re.compile(r"[.;!?](?=\s|$)|\n")
# between a count and the casualty word after it: words that make the count something else
_BLOCKED_BETWEEN = re.compile(
    r"(?<![\w-])(?:said|says|say|told|after|before|when|while|because|since|but|although|if|whereas"
    r"|arrested|evacuated|displaced|freed|released|fled|homeless|affected|spared|unhurt"
    # "rescued with injuries" is hurt
    r"|(?:rescued|survived|escaped)(?![^\S\n]+with)|uninjured|could|would|might|may|threaten\w*"
    r"|vowed|plans?|planned"
    r"|risk\w*|warn\w*|feared|fears|not|never|no|nobody|none|without|than|per|each|every"
    r"|aged?|years?|hours?|days?|weeks?|months?|minutes?|times|percent|cent)\b"
    r"|n[’']t\b|[:|–—()\[\]“”\"]",
    re.IGNORECASE,
)
# between a casualty word and the count after it: a label, a table cell, a toll that reaches it
_BRIDGE_TO_COUNT = re.compile(
    r"[^\S\n]*(?:[:|–—-][^\S\n]*)?"
    r"(?:(?:rose|risen|rises?|climb(?:s|ed)?|jump(?:s|ed)?|reach(?:es|ed)?|hits?|tops?|pass(?:es)?"
    r"|amounted|amounting|totalled|totaled|totalling|totaling"
    r"|exceeds|stands?|stood|is|was|are|were|now|has|had|have"
    r"|been|put|at|to|of|figure|total|confirmed|so far)[^\S\n]+){0,4}$",
    re.IGNORECASE,
)
# "a minor burn": how bad, not a person (a minor)
_SEVERITY = re.compile(r"(?:a|an)[^\S\n]+(?:minor|serious|slight|superficial|severe)")
# a casualty word that is a verb or a label: the count may come right after it
_LEADS_A_COUNT = re.compile(
    r"killed|dead|deaths|death toll|fatalities|deceased|injured|injuries|wounded|hurt|missing"
    r"|abducted|kidnapped|captured|casualties|hospitali[sz]ed|bodies|martyrs|treated|holding"
    r"|whisked away|whisking away|lost|losses|admitted|admitting|received|receiving|shifted"
    r"|neutrali[sz]ed|eliminated|slaughter|unaccounted for|whereabouts|fate of|condition of|buried"
)
# words that only lead a count: "holding 38 men" (not "12 protesters were holding placards")
_LEADS_ONLY = (
    "holding",
    "whereabouts",
    "fate of",
    "condition of",
    "buried",
    "whisked away",
    "whisking away",
    "lost",
    "losses",
    "admitted",
    "admitting",
    "received",
    "receiving",
    "shifted",
)
# a communiqué's losses count soldiers: "the enemy lost up to 420 servicemen", "losses stand at
# 412,300 personnel" (not "lost 3 games", "lost their homes")
_MILITARY_LOSSES = ("lost", "losses")


def plain_casualty_word(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The first casualty word of `text` (lower case) that says a casualty alone: a lead-in, a
    column or a label of "losses" or "lost" may count tanks or games."""
    end = len(text) if end is None else end
    for word in CASUALTY_WORD.finditer(text, start, end):
        if word.group() not in _MILITARY_LOSSES:
            return word
    return None


_PATIENTS_NEAR = re.compile(r"patients|casualties")
_SOLDIERS_NEAR = re.compile(
    r"personnel|servicem|soldiers|troops|fighters|militants|men\b|mercenaries|terrorists|comrades"
)
# a hospital's admissions count patients: "admitted 212 heatstroke patients", "receiving 40 to
# 50 patients" (not "admitted 3 charges", "received 12 calls")
_ADMISSIONS = ("admitted", "admitting", "received", "receiving", "shifted")
_PATIENTS_AFTER = re.compile(
    r"(?:[^\S\n]*(?:to|-|–)[^\S\n]*\d+)?"  # a range: "receiving 40 to 50 heatstroke patients"
    r"(?:[^\S\n]+[\w-]+){0,2}?[^\S\n]+(?:patients|casualties)\b"
)
_SOLDIERS_AFTER = re.compile(
    r"[^\S\n]+(?:of[^\S\n]+(?:our|their|its|his|the)[^\S\n]+)?"
    r"(?:personnel|servicemen|servicemembers|service members|soldiers|troops|fighters|militants"
    r"|men|mercenaries|terrorists|comrades)\b"
)
# words that lead a count only with what they say of it after it: "the whereabouts of 31
# fishermen remain unknown", "the condition of five was stated to be critical"
_SAID_AFTER = {
    "whereabouts": "unknown",
    "fate of": "unknown",
    "condition of": r"critical|serious|grave|stable",
}
_SAID_OF_THEM = (
    r"(?:[^\S\n]+[\w’'-]+){{0,6}}?[^\S\n]+(?:is|are|was|were|remains?|still)"
    r"(?:[^\S\n]+(?:still|stated|said|reported|described)(?:[^\S\n]+(?:to|as))?"
    r"(?:[^\S\n]+be)?)?[^\S\n]+(?:{})(?![\w-])"
)
# a prison holding its inmates, the police holding suspects: no captives
_HELD_BY_LAW = re.compile(
    r"(?<![\w-])(?:prison|jail|police|prisoners|inmates|detainees|convicts|suspects|questioning"
    r"|custody|charges?|arrest\w*)(?![\w-])"
)
# "treated 11 people" is hurt; "treated 300 patients last year", "treated so far is 16" are not
_ROUTINE_TREATMENT = re.compile(
    r"[^.;!?\n]{0,40}?(?<![\w-])(?:so far is|(?:a|each|every|last|this|per) (?:year|month"
    r"|week|day)|annually)(?![\w-])".replace(" ", r"[^\S\n]+")
)
_MAY_HAPPEN_BEFORE = re.compile(
    r"(?<![\w-])(?:could|would|might|threaten\w*|vowed|plans?|planned|if|unless|risk\w*|to|no|not|never"
    r"|nobody|none|without)(?:[^\S\n]+(?:have|be|been|being|get|were|was|one))*[^\S\n]*$",
    re.IGNORECASE,
)
_OF_THE = re.compile(r"[^\S\n]+of[^\S\n]+(?:the|those|these)[^\S\n]+(?:[\w-]+[^\S\n]+)?$")
# in the clause before the casualty word: what may happen, or no one it happened to
_NOT_SO_BEFORE = re.compile(
    r"(?<![\w-])(?:could|would|might|threaten\w*|vowed|unless|if|none|nobody|no one"
    r"|(?:half|third|quarter|most|many|some|all) of)(?![\w-])"
)
# after the casualty word: it describes people ("12 injured soldiers"), names the hurt of
# a word ending in "s" that may be a plural noun, not a verb or a pronoun ("was", "his")
_PLURAL_WORD = r"(?!(?:was|is|has|as|its|his|this|thus|does|plus)(?![\w-]))[a-z]+s"
# something else ("hurt by the criticism"), or what happened is undone or is no casualty
_NOT_SO_AFTER = re.compile(
    rf"[^\S\n]+(?:{_PLURAL_WORD}|children|men"
    r"|women|people|peacefully|in (?:his|her|their) sleep"
    r"|of (?:a |an )?(?:heart|cancer|natural"
    r"|old age|illness|stroke)|in (?:1[89]|20)\d\d)(?![\w-])"
)
_HURT_BY = re.compile(r"[^\S\n]+by(?![\w-])")
_UNDONE_AFTER = re.compile(
    r"[^.;!?\n]{0,60}?(?<![\w-])(?:freed|released|reunited|arrested|praised|found (?:alive|safe)"
    r"|regained (?:their |his |her )?freedom"
    r"|went on strike|rescued|returned)(?![\w-])"
)
# the age of one person said between their count and what happened: "a man, aged 22, received"
_AGE_OF_ONE = re.compile(r"(?<![\w-])aged[^\S\n]+\d{1,3}(?![\w-])")
# "5 citizens are among the injured": the count is of them
_AMONG_THE = re.compile(r"(?<![\w-])among[^\S\n]+(?:the|those)[^\S\n]+$")
# "the injured", "those killed" as a noun: no count is bound to it
_NOUN_USE_BEFORE = re.compile(r"(?<![\w-])(?:the|those)[^\S\n]+$")
_WHOM = re.compile(rf"[^\S\n]+(?:{_PLURAL_WORD}|[a-z]+men|people|children)\b")
_REACH_BEFORE = 70
_REACH_AFTER = 40


def add_broad(
    text: str, low: str, found: list[tuple[int, int, dict]], casualty_words: list[re.Match]
) -> list[tuple[int, int, dict]]:
    """`found` with the figures this pass finds where `found` has none, sorted. `low` is
    `text.lower()`, with the same offsets; `casualty_words`: CASUALTY_WORD's matches in it."""
    taken_starts = [start for start, _, _ in found]
    taken_ends = [end for _, end, _ in found]
    added: list[tuple[int, int, dict]] = []
    words = heapq.merge(casualty_words, _taken_to_hospital(low), key=lambda word: word.start())

    def free(span: tuple[int, int]) -> bool:
        return not (overlaps(taken_starts, taken_ends, span) or _overlaps_added(added, span))

    for word in words:
        if overlaps(taken_starts, taken_ends, word.span()) or _NOT_CASUALTY_AFTER.match(
            low, word.end()
        ):
            continue  # a precise figure holds this word already
        span = _figure_at(text, low, word.start(), word.end(), free)
        if span is None:
            continue
        attrs = parse_casualty(text[span[0] : span[1]])
        if any(key in attrs for key in ("count", "count_min", "count_max")):
            added.append((span[0], span[1], attrs))
    return with_added(found, added)


def with_added(
    found: list[tuple[int, int, dict]], added: list[tuple[int, int, dict]]
) -> list[tuple[int, int, dict]]:
    """The figures of a pass added to those found before it, sorted by span."""
    if not added:
        return found
    return sorted(found + added, key=lambda item: (item[0], item[1]))


def names_one(count: str) -> bool:
    """Whether a count names one person ("a nurse", "he"), not a number ("a further 20")."""
    return count.startswith(ONE) and not _NUMBERED.search(count)


_NUMBERED = re.compile(
    r"\d|dozen|hundred|thousand|lakh|score|^(?:a|an) (?:further|total|additional)"
)
_FREED_BEFORE = re.compile(r"(?:freed|freeing|released|releasing|rescued|rescuing|evacuated)\s+$")
ONE = ("a ", "an ", "the ", "his ", "her ", "their ", "my ", "our ", "one ", "he", "she")
# these need a number: "the suspect was captured", "the youngest patient treated", "a monitor
# that tracks casualties", "he accused them of moving bodies" are no casualty
_NEED_A_NUMBER = (
    "abducted", "kidnapped", "captured", "held", "being held", "still held", "taken", "treated",
    "casualties", "bodies", "deaths", "fatalities", "death toll", "disappearances",
)  # fmt: skip


def _figure_at(
    text: str, low: str, word_start: int, word_end: int, free: Callable[[tuple[int, int]], bool]
) -> tuple[int, int] | None:
    """The span of a count bound to the casualty word at `word_start`, or None: the count
    before it, else the count after it, the first that is `free` (not found already)."""
    word = low[word_start:word_end]
    # the common words that count only patients or soldiers: none near, nothing to read
    if word in _ADMISSIONS and not _PATIENTS_NEAR.search(low, word_end, word_end + 60):
        return None
    if word in _MILITARY_LOSSES and not _SOLDIERS_NEAR.search(low, word_end, word_end + 90):
        return None
    clause_start = max(0, word_start - _REACH_BEFORE)
    for end in _CLAUSE_END.finditer(low, clause_start, word_start):
        clause_start = end.end()
    before = low[clause_start:word_start]
    if _MAY_HAPPEN_BEFORE.search(before[-30:]) or _NOT_SO_BEFORE.search(before):
        return None
    if _UNDONE_AFTER.match(low, word_end):
        return None
    # "treated for cuts" says what for, not whom
    describes = (_NOT_SO_AFTER.match(low, word_end) and not word.endswith(" for")) or (
        word == "hurt" and _HURT_BY.match(low, word_end)
    )
    # the nearest count before the word (a word that only leads a count has none before it)
    count = None
    if word not in _LEADS_ONLY:
        for candidate in reversed(list(COUNT.finditer(low, clause_start, word_start))):
            if is_count(text, low, candidate) and not _SEVERITY.fullmatch(candidate.group()):
                count = candidate
                break
    if count:
        between = low[count.end() : word_start]
        noun_use = (
            _NOUN_USE_BEFORE.search(between)
            and not _OF_THE.match(between)
            and not _AMONG_THE.search(between)
        )
        one_captured = names_one(count.group()) and word.startswith(_NEED_A_NUMBER)
        freed = _FREED_BEFORE.search(low, max(0, count.start() - 14), count.start())
        describes = describes and not _OF_THE.match(between)
        blocked = _BLOCKED_BETWEEN.search(
            _AGE_OF_ONE.sub(" ", between) if names_one(count.group()) else between
        )
        if not (describes or freed or blocked or noun_use or one_captured):
            span = (
                _aged(text, low, count),
                _with_what_happened_next(low, count.end(), word_start, word_end),
            )
            if free(span):
                return span
    if describes or not _LEADS_A_COUNT.match(low, word_start):
        return None
    clause_end = _CLAUSE_END.search(low, word_end, word_end + _REACH_AFTER)
    limit = clause_end.start() if clause_end else min(len(low), word_end + _REACH_AFTER)
    count = COUNT.search(low, word_end, limit)
    gap = low[word_end : count.start()] if count else ""
    patients = None  # the patients a hospital admitted, after the count
    if (
        count
        and is_count(text, low, count, led=word.endswith(" of") or gap.strip() == "of")
        and not names_one(count.group())
        and _BRIDGE_TO_COUNT.match(gap)
        and not (word == "holding" and _HELD_BY_LAW.search(low, clause_start, limit + 20))
        and (word not in _MILITARY_LOSSES or _SOLDIERS_AFTER.match(low, count.end()))
        and (word not in _ADMISSIONS or (patients := _PATIENTS_AFTER.match(low, count.end())))
        and not (word == "treated" and _ROUTINE_TREATMENT.match(low, word_end))
        and free(span := (word_start, _whom_end(low, word, count, patients)))
    ):
        if word in _SAID_AFTER:
            said = re.match(_SAID_OF_THEM.format(_SAID_AFTER[word]), low[span[1] :])
            return (span[0], span[1] + said.end()) if said else None
        return span
    return None


# whom an age between commas is the age of: "Hero cop, 34, shot dead", "Tomas Reyes, 31, died"
_AGED_BEFORE = re.compile(
    r"(?:(?<![\w’'-])[A-Z][\w’'-]*[^\S\n]+){0,3}(?<![\w’'-])[A-Za-z][\w’'-]*[^\S\n]*,[^\S\n]*$"
)


def _aged(text: str, low: str, count: re.Match) -> int:
    """The start of a figure at `count`: the person before it, when it is their age."""
    if count.group().isdigit() and low.startswith(",", count.end()):
        aged = _AGED_BEFORE.search(text, max(0, count.start() - 40), count.start())
        if aged:
            return aged.start()
    return count.start()


def _with_what_happened_next(low: str, count_end: int, word_start: int, word_end: int) -> int:
    """The end of a figure, with what happened next to people named by what had happened to
    them: "nine of the critically injured died in hospital"."""
    if not _OF_THE.match(low, count_end, word_start):
        return word_end
    clause_end = _CLAUSE_END.search(low, word_end, word_end + 40)
    limit = clause_end.start() if clause_end else word_end + 40
    following = CASUALTY_WORD.search(low, word_end, limit)
    if following and not _BLOCKED_BETWEEN.search(low, word_end, following.start()):
        return following.end()
    return word_end


def is_count(
    text: str, low: str, count: re.Match, led: bool = False, of_victims: bool = False
) -> bool:
    """Whether the count at `count` may count people: not a year, an age, money or a thing.
    `led`: the count follows its casualty word ("whereabouts of 31"), whose "of" is no sign of
    a year or a part ("of 2015", "one of 3"). `of_victims`: it opens an item of a list of the
    dead, missing or taken, which counts people whatever noun follows ("two traffic
    marshals")."""
    value = count.group()
    if _YEAR.fullmatch(value) or _NOT_PEOPLE_AFTER.match(low, count.end()):
        return False
    plural = None if of_victims else _PLURAL_AFTER.match(low, count.end())
    if plural and not _PLURAL_PEOPLE.match(plural.group(1)) and not _A_PERSON.search(value):
        return False  # "3 meetings"; but "Cyclist dies" names whom it counts
    if not led and _MONEY_OR_AGE_BEFORE.search(low, max(0, count.start() - 12), count.start()):
        return False
    if value[0].isdigit() and numbered_name(text, count.start()):
        return False  # "Rescue 1190", "Flight 17"
    return not (
        value.lower() == "one"
        and re.match(r"[^\S\n]+(?:of[^\S\n]+\d|day|time)", low[count.end() : count.end() + 8])
    )


def _whom_end(low: str, word: str, count: re.Match, patients: re.Match | None) -> int:
    """The end of a figure led by `word`: the patients a hospital admitted, or the count with
    the one word after it that says whom it counts."""
    return patients.end() if word in _ADMISSIONS and patients else _with_whom(low, count.end())


def _with_whom(low: str, end: int) -> int:
    """The end of a count with the one word after it that says whom it counts ("30 enemies")."""
    whom = _WHOM.match(low, end)
    return whom.end() if whom else end


def overlaps(starts: list[int], ends: list[int], span: tuple[int, int]) -> bool:
    """Whether `span` overlaps one of the figures with these starts and ends (sorted, apart
    from one another)."""
    index = bisect.bisect_left(starts, span[1]) - 1
    return index >= 0 and ends[index] > span[0]


def _overlaps_added(added: list[tuple[int, int, dict]], span: tuple[int, int]) -> bool:
    return any(start < span[1] and span[0] < end for start, end, _ in added[-3:])
