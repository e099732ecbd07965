"""The built-in rule `casualty`: a count bound to the people it counts and what happened to them.

The span is the shortest phrase that holds the number and what it counts (the gold rule of
tests/fixtures/gold/README.md). The shapes it knows:

- a verb, then the count: "killing at least 14 people", "wounding more than 40", "killed “more
  than 30 terrorists”", "recovered 27 bodies", "claimed 30 lives", "claimed the lives of 12
  people", "holding 23 hostages", "took 30 people hostage", "lost two sons", "killed all 56
  people", "treated more than 20 people for shrapnel wounds";
- the count and whom it counts, then what happened: "At least 34 people were killed", "nine were
  unaccounted for", "23 soldiers captured", "the three men had been captured", "two of the
  gunmen had been killed", "45 boys were taken", "Nine miners remain trapped", "Three police
  officers were among the dead", "Nine of the 14 people on board died", "Ten people were shot",
  "Three people remain in hospital", "Two firefighters suffered burns", "Thirty people went
  missing", "Twelve lives were lost", "One soldier was killed", "Both drivers died";
- a count of the dead or hurt: "27 deaths", "27 injuries", "four martyrs", "11 bodies had been
  recovered", "Fourteen of the dead", "the bodies of three civilians", "the dead included four
  children and a paramedic", "the deaths of 12 migrants";
- what happened to them first: "Killed were 12 soldiers", "Among those killed were two
  journalists", "Those killed included two police officers and a nurse", "The dead numbered 31";
- a toll or a running total: "the death toll rose to 45", "the number of people killed has
  risen to 30", "The confirmed death toll is now 58", "Death toll: 31", "bringing the total to
  27" (after a casualty said before it); a list's label: "Deaths: 12", "People missing: 4";
- people named without a number: "A security guard and a teacher were shot dead", "whose
  brother died", "killed a 19-year-old apprentice", "the bodies of a man and a woman", "The
  driver of the lorry was also killed", "A woman in her 60s died", "His wife, Maria, 38, was
  seriously injured", "lost her husband", "Among the injured was a 12-year-old boy";
- people named by name, the name read on the text as written (two capitalised words, or one
  after a title): "Nadia Kern was killed", "Tomas Varga, 42, died", "Sgt. Daniel Okafor was shot
  dead", "Nadia Kern and her son were killed", "killed Maria dos Santos", "wounded photographer
  Ali Kaya", "Among the dead was Corporal Jake Ellis". "The" or a name is not enough for
  "captured" or "hurt by" ("the suspect was captured", "Bakhmut was captured", "the minister was
  hurt by the criticism"), and a headline in title case names no one.

A span holds one kind of casualty, with the people of that kind the sentence joins to it
("118 soldiers and 240 civilians have been killed", "killed 20 security officials and three
civilians", "A woman and her two daughters were killed") and the detail that follows it
(", including four children", ", four of them critically"). A figure of another kind is its
own span: "killing nine soldiers | and wounding 12 others", "five soldiers were killed | and 17
wounded" ("dozens killed and injured", one count of both, stays one). The attributes are
`parse_casualty` of the span's text, as for a figure tagged by hand: the counts of one kind
added up.

Not casualty figures: people displaced, evacuated, rescued, freed or arrested ("detained for
questioning"); money, years, ages, times, percentages, distances, scores ("a 2-1 win"); counts of
things, not people ("two weeks", "300 tents", "14 tanks"); a figure named again by an adjective
("the three dead inmates", "31 abducted students"); "no one was hurt"; a toll or total of
something else ("the toll rose to 12 euros", "won 12 seats, bringing the total to 27"); "lost
their homes", "saved the lives of 12", "Twelve jobs were lost", "Twelve scenes were shot".

Speed: the patterns read the text in lower case without IGNORECASE, their word lists as tries
(`re` rejects a branch by its first character only when it is a plain literal). One scan finds
the numbers and the casualty words; everything else is matched only where they are, and the
words before a count are read on the reversed text, so that they too are an anchored match.
"""

import bisect
import re

from readtui.casualty import (
    KIN,
    NAME_AT,
    NUMBER_WORDS,
    PERSON,
    TWO_CAPITALS,
    parse_casualty,
    trie_pattern,
)

_SPACE = r"[^\S\n]+"  # white space inside one block: a figure never crosses a block boundary
_WORD_END = r"(?![\w’'-])"


def _spaced(pattern: str) -> str:
    """A pattern written with single spaces, each standing for white space within a block."""
    return pattern.replace("\\ ", " ").replace(" ", _SPACE)


def _trie(words: str) -> str:
    """Words or phrases (separated by | or new lines) as a trie; see trie_pattern."""
    return trie_pattern(_alternatives(words).split("|"))


def _alternatives(words: str) -> str:
    """Words or phrases (separated by | or new lines) as an alternation, longest first."""
    phrases = [phrase.strip() for line in words.split("\n") for phrase in line.split("|")]
    return "|".join(sorted({phrase for phrase in phrases if phrase}, key=len, reverse=True))


def _reversed(words: str) -> str:
    """`words` spelled backwards, as a trie, to be matched on the reversed text."""
    return trie_pattern([phrase[::-1] for phrase in _alternatives(words).split("|")])


# --- the count --------------------------------------------------------------------------------

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
# not a time (04:17), a decimal (6.8), a percentage, an age (14-year-old), a score (1-0)
_DIGITS_END = _DIGITS + r"(?![\w%-]|[.,:/]\d)"
_NUMBER_WORD = trie_pattern(NUMBER_WORDS.split("|"))
_WORD_NUMBER = (
    rf"(?:half a dozen|a (?:dozen|hundred|thousand)|{_NUMBER_WORD})"
    rf"(?:(?:-| |(?:(?<=hundred)|(?<=thousand)|(?<=million)) and ){_NUMBER_WORD})*(?![\w-])"
)
_VAGUE = r"(?:tens|hundreds) of thousands|dozens|scores|hundreds|thousands"
_RANGE = (
    rf"between (?:{_DIGITS}|{_WORD_NUMBER}) and (?:{_DIGITS_END}|{_WORD_NUMBER})"
    rf"|(?P<low>{_DIGITS})(?: )?(?:-|–|to)(?: )?(?P<high>{_DIGITS_END})"
    rf"|{_WORD_NUMBER} (?:to|or) {_WORD_NUMBER}"
)
_QUALIFIERS = """
    about|around|approximately|roughly|some|estimated|an estimated|only|just|over|well over
    just over|just under|nearly|almost|another|at least|at most|more than|no fewer than
    no less than|no more than|not more than|upwards of|in excess of|up to|as many as|fewer than
    less than|a further|an additional|a total of|close to|a reported|all
"""
_CORE = rf"(?:{_RANGE}|(?:{_VAGUE})(?![\w-])|{_DIGITS_END}|{_WORD_NUMBER})"
_CORE_UNNAMED = _CORE.replace("(?P<low>", "(?:").replace("(?P<high>", "(?:")
_SIMPLE_COUNT = rf"(?:{_trie(_QUALIFIERS)} )?(?:{_CORE_UNNAMED})(?: or more)?"
_COUNT_AT = re.compile(_spaced(rf"{_CORE}(?: or more)?"))

# --- whom it counts ---------------------------------------------------------------------------

_PERSONS_WORDS = _trie(
    """
    people persons men women children kids boys girls babies infants toddlers teenagers teens
    adults youths youngsters troops police policemen policewomen personnel staff crew civilians
    soldiers militants fighters gunmen rebels insurgents jihadists terrorists bandits attackers
    assailants hostages captives prisoners inmates detainees migrants refugees evacuees pilgrims
    worshippers worshipers students pupils schoolchildren schoolgirls schoolboys teachers doctors
    nurses medics paramedics patients passengers tourists journalists reporters workers employees
    miners farmers fishermen villagers residents protesters protestors demonstrators activists
    supporters members officials officers guards firefighters rescuers volunteers relatives
    others classmates colleagues comrades militiamen tribesmen guardsmen servicemen recruits
    cadets conscripts locals settlers citizens nationals foreigners individuals survivors fans
    spectators mourners guests visitors sailors seafarers marines airmen peacekeepers contractors
    labourers laborers agents parents inhabitants occupants participants combatants dissidents
    clerics monks nuns priests shoppers motorists pedestrians cyclists drivers pilots climbers
    hikers swimmers family members elderly suspects israelis iraqis pakistanis somalis
    yemenis saudis bangladeshis kurds turks sudanese lebanese chinese japanese congolese
    vietnamese burmese rohingya uighurs uyghurs tamils sikhs jews muslims hindus druze britons
    victims sons daughters brothers sisters husbands wives fathers mothers grandsons granddaughters
    nephews nieces cousins siblings
""".replace(" ", "|")
)
# words with a person's ending that name things ("two helicopters were captured")
_NOT_PERSONS = _trie(
    """
    helicopters tankers containers towers numbers computers trailers shelters centers matters
    letters papers orders chapters meters liters quarters headquarters borders corners layers
    rivers waters powers flowers cylinders boilers markers chambers folders fingers carriers
    destroyers launchers offers answers transfers filters covers servers clusters registers
    doors floors sectors factors motors tractors reactors generators corridors errors mirrors
    elevators indicators detectors ventilators processors interiors vectors anchors
    degrees fees trees knees committees decrees guarantees levees lists wrists twists others
    plans loans scans bans vans pans cans beans means oceans spans titans
""".replace(" ", "|")
)
_PERSONS = (  # the lists, or a person's ending: "villagers", "Syrians", "gunmen", "Afghans"
    rf"(?:{_PERSONS_WORDS}{_WORD_END}"
    rf"|(?!{_NOT_PERSONS}{_WORD_END})[a-z]+(?:ers|ors|ists|ians|ans|ees|men))"
)
# nouns that count the dead or hurt by themselves: "27 deaths", "27 injuries"
_DEATH_NOUNS = "deaths|bodies|fatalities|martyrs|corpses|casualties|injuries"
_KIND_WORDS = _trie(
    """
    killed dead died dies die perished drowned slain murdered massacred executed beheaded
    lynched shot gunned injured wounded hurt maimed hospitalised hospitalized treated taken
    rushed admitted missing unaccounted disappeared captured abducted kidnapped held seized
    trapped detained
""".replace(" ", "|")
)
_STOP_WORDS = _trie(
    """
    and or but of in on at to from by with for as after before during when while since near
    who that which whose were was are is have has had been being be will would may might could
    said says the a an their its his her our this these those than including them
""".replace(" ", "|")
)
_ADJECTIVE = rf"(?!(?:{_STOP_WORDS}|{_KIND_WORDS}|{_DEATH_NOUNS}|lives){_WORD_END})[\w’'-]+"
_GROUP = (
    r"(?P<of_kind> of (?:the|those) (?:dead|injured|wounded|missing)(?![\w-]))"
    r"|(?: of(?: (?:the|their|its|his|her|our|these|those))?)?"
    rf"(?: [“\"‘]?{_ADJECTIVE}){{0,3}}"
    rf" [“\"‘]?(?:(?P<dead>{_DEATH_NOUNS})|(?P<lives>lives)|(?P<person>{_PERSONS}"
    rf"|(?<=one\s)(?:[\w’'-]+\s)?(?:{PERSON}))){_WORD_END}"  # "One (Israeli) soldier"
)
_PERSONS_GROUP = rf"(?: {_ADJECTIVE}){{0,2}} {_PERSONS}{_WORD_END}"
# one person: "a paramedic", "a 45-year-old man", "his son"
_ONE_PERSON = rf"(?: {_ADJECTIVE}){{0,2}} (?:{PERSON}){_WORD_END}"
_MORE_PERSONS = rf"(?: and (?:an?|his|her|their|one){_ONE_PERSON})*"

# --- what happened to them --------------------------------------------------------------------

# words between whom and what happened: "were still", "are feared", "had already been"
_AUXILIARY = _trie(
    """
    were was are is have has had been being be will would may might could must also all still
    already reportedly reported officially confirmed believed feared presumed thought known said
    understood later now since subsequently initially each both to remain remains remained
    critically seriously badly severely slightly fatally mortally lightly gravely apparently
    allegedly likely probably eventually recently
""".replace(" ", "|")
)
_HOSPITAL = r"(?:(?:a|the|[\w-]+) ){0,2}?hospitals?"
_KILLED = (
    r"shot dead|shot and killed|gunned down|lost their lives|(?:confirmed|pronounced|declared) dead"
    r"|(?:burned|burnt|crushed|stabbed|beaten|trampled|hacked|starved|hanged) to death"
    r"|succumbed(?: to (?:their|his|her) (?:injuries|wounds))?|among (?:the|those) (?:dead|killed)|"
    + _alternatives("killed|dead|died|die|dies|perished|drowned|slain|murdered|massacred|executed")
    + "|beheaded|lynched"
)
_INJURED = (
    rf"(?:taken|rushed|admitted|airlifted|flown|brought) to {_HOSPITAL}"
    rf"|treated (?:in|at) {_HOSPITAL}"
    r"|treated for [\w-]+(?: (?:wounds|injuries|burns|inhalation|poisoning|shock|fractures))?"
    r"|shot and (?:wounded|injured)|injured|wounded|hurt|maimed|hospitali[sz]ed"
    r"|among (?:the|those) (?:injured|wounded)|in intensive care"
    r"|in (?:a )?(?:critical|serious|stable|grave|life-threatening|[\w-]+ but stable) condition"
    r"|(?:suffered|sustained|suffering|sustaining|received|receiving)(?: [\w-]+){0,2}?"
    r" (?:injuries|wounds|burns|fractures|cuts|bruises|broken bones)"
    r"|(?:needed|needing|required|requiring|received|receiving|underwent|undergoing)"
    r"(?: (?:hospital|medical|emergency))? treatment"
)
_MISSING = (
    r"missing|unaccounted for|disappeared|lost at sea|among (?:the|those) missing"
    r"|(?:went|gone|reported) missing"
)
_CAPTURED_ONE = (
    r"taken (?:hostage|captive|prisoner)|held (?:hostage|captive)|captured|abducted|kidnapped"
)
# "held", "taken", "seized", "detained" say captured only of people, and not "held responsible"
# or "detained for questioning" (an arrest)
_CAPTURED = (
    rf"{_CAPTURED_ONE}|rounded up"
    rf"|(?P<held>seized|held(?! (?:in custody|responsible|accountable|liable|up|back|talks"
    r"|a|an|the|on|over|to)\b)"
    r"|detained(?! (?:for questioning|on suspicion|on charges|in connection|under|by police)\b)"
    r"|taken(?= (?:by(?! surprise)|from|away)\b|[,.;:!?)]|$))"
)
# "in hospital", "in captivity" say what happened only after a verb: "three remain in hospital",
# not "three doctors in hospital"; "shot" only of people; "lost" only of lives
_KIND = (
    rf"(?:{_KILLED}|{_INJURED}|{_MISSING}|{_CAPTURED}|trapped|among (?:the|those) victims"
    r"|(?P<in_care>in (?:a |the )?hospital|in captivity)"
    r"|(?P<shot>shot)(?! (?:at|down|in the air)(?![\w-]))|(?P<lost>lost))(?![\w-])"
)
_KIND_AGAIN = re.sub(r"\(\?P<\w+>", "(?:", _KIND)
# where they were, between whom and what happened: "Nine of the 14 people on board died"
_PLACE = r"(?: (?:on|in|at|inside|near|aboard|from) (?:board|(?:the |a )?[\w’'-]+(?: [\w’'-]+)?))?"
_TAIL = (
    rf"{_PLACE}(?P<relative> (?:who|that))?(?P<auxiliary>(?: (?:{_AUXILIARY})){{0,6}})"
    rf" (?P<kind>{_KIND})(?: in captivity)?(?: (?:and|or) {_KIND_AGAIN})?"
)
# "five members of one family", "three members of staff"
_OF_WHOLE = (
    r"(?: of (?:the |a |one |their |his |her |its )?(?:same |local |[\w-]+ )?"
    r"(?:family|families|crew|staff|public|community|team|unit|household|clan|tribe))?"
)
# "Five members of one family, including three children, were killed"
_ASIDE = (
    r"(?:, (?:including|among them|mostly|most of them|many of them|all of them) [^,\n]{1,40},"
    r"| \([^()\n]{1,40}\))?"
)
_RIGHT = re.compile(
    _spaced(rf"(?P<more> more)?(?:{_GROUP}{_OF_WHOLE})?(?P<close>[”\"’])?{_ASIDE}(?:{_TAIL})?"),
    re.MULTILINE,
)
# the dead counted when found: "11 bodies had been recovered"
_FOUND = re.compile(
    _spaced(
        r"(?: (?:had|have|has|were|was|are|is|been|being|already|so far|now|since|also|gone"
        r"|later)){1,4} (?:recovered|found|retrieved|pulled|identified|recorded|registered"
        r"|counted|confirmed|buried|unreported|reported)(?![\w-])"
    ),
)
# "11 of the injured were in critical condition", "eight of the dead were children"
_CONDITION = re.compile(
    _spaced(
        rf" (?:were|are|was|is|remain|remained)(?: still)?"
        rf" (?:in (?:a )?(?:[\w-]+ )?condition|(?:{_ADJECTIVE} ){{0,2}}?{_PERSONS}){_WORD_END}"
    ),
)
# a count that a verb's object ends: "killing at least 19, the army said"
_ENDS_HERE = re.compile(
    _spaced(
        r"(?=[,.;:!?)”\"’—–]|$| (?:and|or|in|on|at|as|when|after|during|near|since|across|while"
        r"|including|with|from|by|before|last|this|overnight|yesterday|today|according|-|—|–)\b)"
    ),
    re.MULTILINE,
)
_ADJECTIVE_BEFORE_PERSONS = re.compile(
    _spaced(rf"(?: (?!(?:{_STOP_WORDS}){_WORD_END})[a-z][\w’'-]*)? {_PERSONS}{_WORD_END}")
)
_TREATED_FOR = re.compile(
    _spaced(
        r"(?: (?:at|in|on) (?:the )?[\w-]+)? for [\w-]+(?: (?:wounds|injuries|burns|inhalation"
        r"|poisoning|shock|fractures|exhaustion))?"
    ),
)
# the detail of a figure: ", including four children", ", four of them critically"
_DETAIL = re.compile(
    _spaced(
        r"(?: (?:in|at|on|near) (?:the )?[\w’'-]+(?: [\w’'-]+)?)?,"
        rf" (?:including {_SIMPLE_COUNT}(?:{_PERSONS_GROUP})?"
        r"(?: with (?:[\w-]+ ){0,2}?(?:burns|injuries|wounds|fractures))?"
        rf"|{_SIMPLE_COUNT} of them(?: (?!(?:{_STOP_WORDS}|according)\b)[\w’'-]+)?"
        rf"(?: {_KIND_AGAIN})?){_WORD_END}"
    ),
)
# one more person named after people of the same kind: "four children and a paramedic"
_AND_ONE_MORE = re.compile(_spaced(rf" and (?:an?|one){_ONE_PERSON}"))

# --- what comes before the count, read on the reversed text -----------------------------------

_VERBS_OF_CASUALTY = """
    kill|kills|killed|killing|wounds|wounded|wounding|injure|injures|injured|injuring
    abduct|abducts|abducted|abducting|kidnap|kidnaps|kidnapped|kidnapping|capture|captures
    captured|capturing|seize|seizes|seized|seizing|massacre|massacres|massacred|massacring
    murder|murders|murdered|murdering|execute|executes|executed|executing|behead|beheads
    beheaded|beheading|shot dead|shoot dead|shoots dead|shooting dead|gunned down|gunning down
    hospitalised|hospitalising|hospitalized|hospitalizing
"""
# a toll or a count of people of one kind: "the number of people killed"
_NUMBER_OF_KINDS = """
    dead|deaths|killed|injured|wounded|missing|casualties|fatalities|victims|injuries
"""
_NUMBER_OF_WHOM = """
    people|persons|civilians|those|soldiers|children|migrants|fighters|troops|residents|patients
    workers|students|journalists|officers
"""
# a list's label: "Deaths: 12", "People missing: 4"
_LABELS = """
    deaths|dead|killed|fatalities|injured|wounded|injuries|missing|casualties|people killed
    people dead|people injured|people missing|persons killed|persons injured|persons missing
    confirmed deaths|reported deaths|bodies recovered
"""
_LEFT = re.compile(
    _spaced(
        rf"(?P<not_count> (?:dega|sega|ega|fo ega|on|ton){_WORD_END})"  # aged 45, no one
        rf"|(?P<qualifiers>(?: (?:{_reversed(_QUALIFIERS)}){_WORD_END}){{0,2}})"
        rf"(?P<the> eht{_WORD_END})?(?P<quote>(?: )?[“\"‘])?"
        rf"(?P<lead> (?:(?P<verb>{_reversed(_VERBS_OF_CASUALTY)})"
        rf"|(?P<verb_takes>{_reversed('take|takes|taking|took')})"
        rf"|(?P<verb_lives>{_reversed('claim|claims|claimed|claiming|cost|costs|costing')})"
        rf"|(?P<verb_lost>{_reversed('lost|lose|loses|losing')})"
        rf"|(?P<verb_holds>{_reversed('hold|holds|holding|held')})"
        rf"|(?P<verb_bodies>{_reversed('recovered|recover|recovers|recovering|retrieved|found')}"
        rf"|{_reversed('find|finds|finding|pulled out|exhumed|exhuming|retrieving|retrieve')}"
        rf"|{_reversed('pulled|pull|pulls|pulling|dug out|unearthed')})"
        rf"|(?P<verb_treated>{_reversed('treat|treats|treated|treating')})"
        rf"|(?P<toll>(?:(?P<rises>{_reversed('to|at|reached|reach|reaches|passed|hit|topped')}"
        rf"|{_reversed('exceeded|past|surpassed')})|fo)(?: (?!dna{_WORD_END})[\w’'-]+){{0,6}}? "
        rf"|(?:{_reversed('is|was|now')})(?: (?:{_reversed('is|was|now|currently|officially')}))? "
        rf"|:(?: )?)(?:llot"
        rf"(?: (?:{_reversed('death|casualty|official|confirmed|overall')}))*"
        rf"|(?:{_reversed(_NUMBER_OF_KINDS)})(?: (?:{_reversed(_NUMBER_OF_WHOM)}))?"
        rf"(?: (?:{_reversed('confirmed|reported|known')}))? fo rebmun"
        rf"|(?P<total>(?:rebmun )?latot))"
        rf"|(?P<label>:(?:{_reversed(_LABELS)}))"
        rf"|(?P<bodies_of>fo seidob)"
        rf"|(?P<lives_of>fo (?:sevil eht (?:{_reversed('claimed|claim|claims|claiming|cost|costs')}"
        rf"|{_reversed('costing|took|take|takes|taking')})"
        rf"|{_reversed('deaths|death|killing|killings|murder|murders|massacre')}))"
        rf"|(?P<included>(?:{_reversed('included|include|includes|were|are|was|is|numbered')})"
        rf" (?:{_reversed('dead|killed|injured|wounded|hurt|missing|victims|casualties')}"
        rf"|{_reversed('fatalities')})"
        rf"(?: (?:{_reversed('the|those')}) gnoma| (?:{_reversed('the|those|people|others')}))?)"
        rf"){_WORD_END})?"
    ),
)


# --- people named without a number ------------------------------------------------------------

_VERB_OF_CASUALTY = _trie(_VERBS_OF_CASUALTY)
_VERB_AT = re.compile(_spaced(rf"(?:{_VERB_OF_CASUALTY}) "))
# the verb before a name, maybe with the person's trade: "killed Maria", "wounded photographer Ali"
_VERB_BEFORE_NAME = re.compile(
    _spaced(rf"(?:{_VERB_OF_CASUALTY}) (?=(?:[a-z][\w-]* ){{0,2}}[A-Z])")
)
# one person or more without a number: "a 19-year-old apprentice", "his son and a nephew"
_ONE_NAMED = re.compile(_spaced(rf"(?:an?|one|his|her|their){_ONE_PERSON}{_MORE_PERSONS}"))
_SHOT = r"shot(?! (?:at|down|in the air)(?![\w-]))"
# what happened to one person; not "captured" nor "hurt by" when "the" or a name points at them
# ("the suspect was captured", "Bakhmut was captured", "the minister was hurt by the criticism")
_KIND_OF_ONE = (
    rf"(?:{_KILLED}|(?P<hurt_by>hurt(?= by))|{_INJURED}|{_MISSING}|(?P<captured>captured)"
    rf"|{_CAPTURED_ONE}|{_SHOT})(?![\w-])"
)
# what may stand between one person and what happened to them: "A woman in her 60s died", "The
# driver of the lorry was killed", "His wife, Maria, 38, was injured"
_ABOUT_ONE = (
    r"(?: in (?:his|her|their) (?:early |mid-|late )?(?:\d0s|teens|twenties|thirties|forties"
    r"|fifties|sixties|seventies|eighties|nineties)"
    r"| of (?:the|a|an|his|her|their)(?: [\w’'-]+){1,2})?"
    r"(?:(?:,(?: [\w’'-]+){1,5}){1,2},)?"
)
# what follows one person when it happened to them: "was shot dead", "died"
_HAPPENED_TO_ONE_TAIL = (
    rf"{_ABOUT_ONE}(?: (?:who|that))?(?:(?: (?:has|had|have))?"
    rf"(?: (?:also|still|reportedly|later|all|both))?"
    rf" (?:was|were|is|are|been|remains|remain|remained)(?: (?:{_AUXILIARY})){{0,3}} {_KIND_OF_ONE}"
    r"| (?:died|dies|perished|drowned|disappeared|succumbed)(?![\w-])"
    r"| (?:suffered|sustained)(?: [\w-]+){0,2}? (?:injuries|wounds|burns)(?![\w-]))"
)
# "A security guard and a teacher were shot dead", "whose brother died", "The driver was killed"
_NAMED = re.compile(
    _spaced(
        rf"(?:(?P<the>the)|an?|whose|his|her|their|my|our){_ONE_PERSON}{_MORE_PERSONS}"
        + _HAPPENED_TO_ONE_TAIL
    ),
)
# after a name: "Nadia Kern was killed", "Tomas Varga, 42, died", "Ellen Marsh, 67, who died"
_AFTER_NAME = re.compile(_spaced(_HAPPENED_TO_ONE_TAIL))
_LOWER_CASE_NEXT = re.compile(r"(?:,[^,\n]{1,40},){0,2}[^\S\n]+[a-z]")
# a person's trade before their name: "wounded photographer Ali Kaya"
_TRADE = re.compile(_spaced(rf"(?:[a-z][\w-]* )?(?:{PERSON}) "))
# one person after what happened to them: "Among the injured was a 12-year-old boy", "the
# victims included Nadia Kern"
_INCLUDED_WORDS = ("dead", "killed", "injured", "wounded", "hurt", "missing", "victims", "casualt")
_INCLUDED_VERB = re.compile(
    _spaced(
        r"(?:dead|killed|injured|wounded|hurt|missing|victims|casualties)"
        r" (?:were|are|was|is|included|include|includes) "
    )
)
_INCLUDED_BEFORE = ("among those ", "among the ", "those ", "the ")
_LOST_ONE = re.compile(
    _spaced(
        rf"(?:lost|lose|loses|losing) (?:his|her|their|a|an|one) (?:[\w’'-]+ )?(?:{'|'.join(KIN)})"
        r"(?![\w-])"
    )
)
# people named before a count of the same kind: "A woman and her two daughters were killed"
_NAMED_BEFORE = re.compile(
    _spaced(
        rf"(?:an?|one){_ONE_PERSON}(?:,? and (?:an?|one|his|her|their){_ONE_PERSON})*"
        r",? and (?:(?:his|her|their) )?"
    )
)
# where people named without a number may begin
_SUBJECT_OF_ONE = re.compile(r"(?<![\w’'-])(?:an?|the|whose|his|her|their|my|our) ")
_ARTICLE = re.compile(r"(?<![\w’'-])(?:an?|one) ")

# --- the scan ---------------------------------------------------------------------------------

_CASUALTY_WORDS = """
    kill dead died dies wound injur hurt maim hospital treat missing unaccounted disappear captur
    abduct kidnap held hostage seiz taken detain rounded trapped perish drown slain murder
    massacr execut behead lynch gunned shot stabbed burn crushed beaten trampled hacked starved
    hanged succumb lost lives death bodies fatalit martyr corpse casualt toll captiv victim
    condition total
""".split()
_NUMBER_TRIGGERS = {
    *NUMBER_WORDS.split("|"), *"0123456789", "dozens", "scores", "hundreds", "thousands", "tens",
    "between", "a dozen", "a hundred", "a thousand", "half a dozen",
}  # fmt: skip
_TRIGGERS = trie_pattern([*_NUMBER_TRIGGERS, *_CASUALTY_WORDS])
# a word start: after a space (a literal prefix, which `re` finds fastest), at a block start or
# after an opening mark; not after $ or - ("$20", "COVID-19")
_TRIGGER_AFTER = {
    character: re.compile(re.escape(character) + _TRIGGERS) for character in ' \n“"‘(—'
}
_TRIGGER_AT_START = re.compile(_TRIGGERS)
# how far after a count its casualty word may be ("Between 20 and 30 villagers were still
# unaccounted for"), and how far before it a verb or toll ("the death toll from Saturday's
# explosion now stands at 52")
_REACH = 80
_BEHIND = 60
# the casualty words that can end people named without a number, and those that need no
# "was" or "were" before them ("whose brother died")
_HAPPENED_TO_ONE = (
    "kill", "dead", "died", "dies", "shot", "gunned", "injur", "wound", "hurt", "maim", "missing",
    "unaccounted", "disappear", "abduct", "kidnap", "captur", "perish", "drown", "slain", "murder",
    "massacr", "execut", "behead", "lynch", "stabbed", "burn", "crushed", "beaten", "trampled",
    "hacked", "starved", "hanged", "succumb", "hospital", "taken", "held",
)  # fmt: skip
_HAPPENED_WITHOUT_AUXILIARY = ("died", "dies", "perish", "drown", "disappear", "succumb")
_AUXILIARIES_OF_ONE = (
    " was ", " were ", " is ", " are ", " been ", " remain", " suffered ", " sustained ",
)  # fmt: skip
_VERB_BEFORE_ONE = (" a ", " an ", " his ", " her ", " their ")
_LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class _Figure:
    """A figure found in the text: where it is, and whether it is a casualty figure by itself."""

    __slots__ = ("start", "end", "complete", "led", "counts_people")

    def __init__(self, start: int, end: int, complete: bool, led: bool = False,
                 counts_people: bool = False) -> None:  # fmt: skip
        self.start, self.end = start, end
        self.complete = complete  # it says what happened, or counts the dead
        self.led = led  # a verb or "the dead included" before it says what happened
        self.counts_people = counts_people  # "118 soldiers": may be joined to what follows


def find_casualties(text: str) -> list[tuple[int, int, dict]]:
    """Casualty figures in `text`: (start, end, attrs), sorted, spans within one block."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep the offsets
        low = text.translate(_LOWER_ASCII)
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
            if not (before or after or joining):
                continue  # no word around it says what happened
            figure = _read_count(low, backwards, start, after or joining)
        else:
            figure = _read_named(text, low, start, figures[-1].end if figures else 0)
        if figure:
            figures.append(figure)
    spans: list[tuple[int, int]] = []
    for figure in _joined(low, figures):
        if figure.complete and (not spans or figure.start >= spans[-1][1]):
            spans.append((figure.start, figure.end))
    return [(start, end, parse_casualty(text[start:end])) for start, end in spans]


# The functions below read `low`: the text in lower case, with the same offsets.


def _triggers(low: str) -> list[tuple[int, bool]]:
    """Where numbers and casualty words begin: (position, is a number)."""
    found = [
        (hit.start() + 1, hit.group()[1:] in _NUMBER_TRIGGERS)
        for character, trigger in _TRIGGER_AFTER.items()
        if character == " " or character in low
        for hit in trigger.finditer(low)
    ]
    first = _TRIGGER_AT_START.match(low)
    if first:
        found.append((0, first.group() in _NUMBER_TRIGGERS))
    return sorted(found)


def _casualty_words_around(low: str, casualty_words: list[int], position: int) -> tuple[bool, bool]:
    """Whether a casualty word is within reach before `position` (a verb: "killing at least
    14"), and after it ("... were killed"), in the same block."""
    index = bisect.bisect_left(casualty_words, position)
    before = index > 0 and casualty_words[index - 1] >= position - _BEHIND
    if before:
        before = low.find("\n", casualty_words[index - 1], position) < 0
    after = index < len(casualty_words) and casualty_words[index] <= position + _REACH
    if after:
        after = low.find("\n", position, casualty_words[index]) < 0
    return before, after


def _read_count(low: str, backwards: str, start: int, said_after: bool) -> _Figure | None:
    """A count at `start`, with the words before it that qualify it or say what happened; only
    a verb before it says what happened unless `said_after`."""
    count = _COUNT_AT.match(low, start)
    if not count:
        return None
    if count.group("low") and int(count.group("high").replace(",", "")) < int(
        count.group("low").replace(",", "")
    ):
        return None  # a score: "a 2-1 win"
    reversed_start = len(low) - start
    left = _LEFT.match(backwards, reversed_start)
    not_count, lead, the, qualifiers = left.group("not_count", "lead", "the", "qualifiers")
    if not_count or not (lead or said_after):
        return None
    count_end = count.end()
    right = _RIGHT.match(low, count_end)
    if count.group() == "both" and not (right.group("person") or right.group("of_kind")):
        return None  # "both sides reporting casualties"
    person = bool(right.group("person"))
    if _YEAR.fullmatch(count.group()) and not person:
        return None
    # the words read backwards end where they begin in the text
    if lead:
        figure = _read_led(low, start + reversed_start - left.end("lead"), left, right, count_end)
        if figure:
            return figure
    if the or qualifiers:
        start += reversed_start - left.end("the" if the else "qualifiers")
    return _read_subject(low, _with_named_before(low, _with_the(low, start)), right, person)


_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_KIN = re.compile("|".join(KIN))
# a casualty said before a running total: "Two more bodies were found, bringing the total to 27"
_CASUALTY_BEFORE = re.compile(
    r"(?<![\w-])(?:kill|dead|died|dies|death|bod(?:y|ies)(?![\w-])|injur|wound|missing|casualt"
    r"|fatalit|victim|drown|perish)"
)
# what a toll is not of: "the toll rose to 12 euros", "the total was 27 votes"
_NOT_PEOPLE = re.compile(
    _spaced(
        r" (?!(?:this|as|across|was|is|has|its|his|thus|plus|less|unless|always|perhaps|whereas"
        r"|afterwards|towards|besides|officials|sources|reports|says)(?![\w-]))"
        r"(?:[a-z]+s|per|percent|cent|km|mph|kg|ft|m|cm|mm|pence|yen|p|[a-z]+metres?|[a-z]+meters?"
        r"|tonnes?|tons?|miles?|euro|dollar|pound|point|vote|seat|hour|day|week|month|year"
        r"|minute)(?![\w-])"
    ),
)
_HOSTAGE_AFTER = re.compile(_spaced(r" (?:as )?(?:hostages?|captives?|prisoners?)(?![\w-])"))


def _block_start(low: str, position: int, reach: int) -> int:
    """Where the block holding `position` begins, or `reach` before it if that is later."""
    return max(low.rfind("\n", 0, position) + 1, position - reach)


def _with_the(low: str, start: int) -> int:
    """`start`, or the start of a "the " right before it: "the three men had been captured"."""
    if low[start - 4 : start] == "the " and (start == 4 or not low[start - 5].isalnum()):
        return start - 4
    return start


def _with_named_before(low: str, start: int) -> int:
    """`start`, or the start of people named before it: "a woman and her two daughters"."""
    if " and " not in low[max(0, start - 12) : start]:
        return start
    window_start = max(low.rfind("\n", 0, start) + 1, start - 70)
    for article in _ARTICLE.finditer(low, window_start, start):
        if _NAMED_BEFORE.fullmatch(low, article.start(), start):
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
            and _CASUALTY_BEFORE.search(low, _block_start(low, start, 200), start)
        ):
            return None  # "won 12 seats, bringing the total to 27", "the total of 27"
        if not people and _NOT_PEOPLE.match(low, count_end):
            return None  # "the toll rose to 12 euros"
        return _Figure(start, group_end if right.group("person") else count_end, True)
    if left.group("bodies_of"):
        return _Figure(start, _detailed(low, group_end), True)
    if left.group("lives_of") or left.group("included"):
        if not people and not _ENDS_HERE.match(low, group_end):
            return None  # "those killed were 12 years old"
        if left.group("lives_of"):
            return _Figure(start, _detailed(low, group_end), True)
        one_more = _AND_ONE_MORE.match(low, group_end) if right.group("person") else None
        return _Figure(start, one_more.end() if one_more else group_end, True, led=True)
    hostages = right.group("person") in ("hostages", "captives")
    takes = left.group("verb_takes")
    if (takes or left.group("verb_holds")) and not right.group("dead") and not right.group("lives"):
        taken = _HOSTAGE_AFTER.match(low, group_end)  # "took 30 people hostage"
        if taken:
            return _Figure(start, taken.end(), True)
    if takes:
        wanted = right.group("lives") or hostages or right.group("person") == "prisoners"
        return _Figure(start, group_end, True) if wanted else None
    if left.group("verb_lost") and right.group("person") and _KIN.fullmatch(right.group("person")):
        return _Figure(start, group_end, True)  # "lost two sons"
    if left.group("verb_lives") or left.group("verb_lost"):
        wanted = right.group("lives") or right.group("dead") == "martyrs" or hostages
        return _Figure(start, group_end, True) if wanted else None
    if left.group("verb_holds"):
        return _Figure(start, group_end, True) if hostages else None
    if left.group("verb_bodies"):
        wanted = right.group("dead") in ("bodies", "corpses")
        return _Figure(start, group_end, True) if wanted else None
    if left.group("verb_treated"):
        treated_for = _TREATED_FOR.match(low, group_end) if right.group("person") else None
        return _Figure(start, treated_for.end(), True) if treated_for else None
    # a verb that says what happened: its object is people, or the count stands alone
    if right.group("person"):
        one_more = _AND_ONE_MORE.match(low, group_end)
        end = one_more.end() if one_more else _detailed(low, group_end)
    elif not right.group("dead") and not right.group("lives") and _ENDS_HERE.match(low, group_end):
        end = _detailed(low, group_end)
    else:
        return None
    return _Figure(start, end, True, led=True)


def _read_subject(low: str, start: int, right: re.Match, person: bool) -> _Figure | None:
    """A count that is the subject: what happened to them follows, or they are the dead."""
    if right.group("kind"):
        if (right.group("held") or right.group("shot")) and not person:
            return None  # "20 were held" may be anything held
        if right.group("lost") and not right.group("lives"):
            return None  # "Twelve jobs were lost"
        if right.group("in_care") and not right.group("auxiliary"):
            return None  # "Twelve doctors in hospital wards"
        directly = not (right.group("more") or right.group("person") or right.group("dead"))
        directly = directly and not right.group("relative") and not right.group("auxiliary")
        if directly and _ADJECTIVE_BEFORE_PERSONS.match(low, right.end("kind")):
            return None  # a figure named again: "the 31 abducted students"
        return _Figure(start, _detailed(low, right.end()), True)
    if right.group("dead"):
        found = _FOUND.match(low, right.end())
        return _Figure(start, _detailed(low, found.end() if found else right.end()), True)
    if right.group("of_kind"):
        condition = _CONDITION.match(low, right.end())
        if not condition and re.match(r"(?:the\s+)?one\b", low[start : start + 9]):
            return None  # "one of the injured" names a person, not a figure
        return _Figure(start, condition.end() if condition else right.end(), True)
    if person:
        return _Figure(start, right.end("person"), False, counts_people=True)
    return None


def _read_named(text: str, low: str, position: int, after: int) -> _Figure | None:
    """People named without a number, around the casualty word at `position`: "killed a
    19-year-old apprentice", "A security guard and a teacher were shot dead", "Nadia Kern was
    killed", "Among the injured was a 12-year-old boy"."""
    word = low[position : position + 12]
    if word.startswith("bodies of "):  # "the bodies of a man and a woman"
        bodies = _ONE_NAMED.match(low, position + len("bodies of "))
        return _Figure(_with_the(low, position), bodies.end(), True) if bodies else None
    if word.startswith(_INCLUDED_WORDS):
        included = _read_included_one(text, low, position)
        if included:
            return included
    if word.startswith(("lost ", "lose", "losing ")):
        lost = _LOST_ONE.match(low, position)  # "lost her husband"
        return _Figure(position, lost.end(), True, led=True) if lost else None
    if not word.startswith(_HAPPENED_TO_ONE):
        return None
    ahead = low[position : position + 24]
    if any(article in ahead for article in _VERB_BEFORE_ONE):
        verb = _VERB_AT.match(low, position)
        led = _ONE_NAMED.match(low, verb.end()) if verb else None
        if led:  # "killed a 19-year-old apprentice"
            return _Figure(position, led.end(), True, led=True)
    verb = _VERB_BEFORE_NAME.match(text, position)  # in lower case: not a headline in title case
    led_name = _led_name(text, low, verb.end()) if verb else None
    if led_name:
        return _Figure(position, led_name, True, led=True)
    window_start = max(after, low.rfind("\n", 0, position) + 1, position - 90)
    if not word.startswith(_HAPPENED_WITHOUT_AUXILIARY):
        just_before = " " + low[max(window_start, position - 32) : position]
        if not any(auxiliary in just_before for auxiliary in _AUXILIARIES_OF_ONE):
            return None
    named_by_name = _read_name(text, low, window_start, position)
    end = named_by_name.start if named_by_name else position
    for subject in _SUBJECT_OF_ONE.finditer(low, window_start, end):
        named = _NAMED.match(low, subject.start())
        if named and named.end() > position and not (named.group("the") and _pointed(named)):
            return _Figure(subject.start(), named.end(), True)
    return named_by_name


def _read_name(text: str, low: str, window_start: int, position: int) -> _Figure | None:
    """People named by name before the casualty word at `position`, and others joined to them:
    "Nadia Kern was killed", "Nadia Kern and her son were killed"."""
    if not TWO_CAPITALS.search(text, window_start, position):
        return None
    for name in NAME_AT.finditer(text, window_start, position):
        if low.endswith("the ", 0, name.start()) or not _LOWER_CASE_NEXT.match(text, name.end()):
            continue  # "the Red Cross", "Emergency Plan Was Executed"
        end = name.end()
        while joiner := _JOINED_BY_AND.match(low, end):
            more = _ONE_NAMED.match(low, joiner.end()) or NAME_AT.match(text, joiner.end())
            if not more:
                break
            end = more.end()
        happened = _AFTER_NAME.match(low, end)
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
        trade = _TRADE.match(text, position)
        name = NAME_AT.match(text, trade.end()) if trade else None
    if not name or _ADJECTIVE_BEFORE_PERSONS.match(low, name.end()):
        return None
    return name.end()


def _read_included_one(text: str, low: str, position: int) -> _Figure | None:
    """One person after what happened to them: "Among the injured was a 12-year-old boy"."""
    verb = _INCLUDED_VERB.match(low, position)
    if not verb:
        return None
    one = _ONE_NAMED.match(low, verb.end())
    if not one:
        one = NAME_AT.match(text, verb.end())
        if not one or _ADJECTIVE_BEFORE_PERSONS.match(low, one.end()):
            return None  # "the dead included Red Cross workers" is a count to come
    start = position
    for before in _INCLUDED_BEFORE:
        if low.endswith(before, 0, position):
            start = position - len(before)
            break
    return _Figure(start, one.end(), True, led=True)


def _detailed(low: str, end: int) -> int:
    """The end of a figure with the detail that follows it: ", including four children"."""
    detail = _DETAIL.match(low, end)
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


_JOINED_BY_AND = re.compile(_spaced(r",? and (?:[“\"‘])?"))


def _joins(low: str, first: _Figure, second: _Figure) -> bool:
    if first.end > second.start or not _JOINED_BY_AND.fullmatch(low, first.end, second.start):
        return False
    if not first.complete:  # "118 soldiers and": the rest says what happened to them
        return first.counts_people and not second.led
    return first.led and not second.complete and second.counts_people
