"""The patterns of the casualty rule (readtui.suggest.casualties): how a count is written, whom
it counts, what happened to them, and the words before a count. Their word lists are in
readtui.suggest.casualty_words.

Speed: the patterns read the text in lower case without IGNORECASE, their word lists as tries
(`re` rejects a branch by its first character only when it is a plain literal). The words before
a count are matched on the reversed text, so that they too are an anchored match.
"""

import re

from readtui.casualty import KIN, NAME_AT, NUMBER_WORDS, PERSON, trie_pattern
from readtui.suggest.casualty_words import (
    AUXILIARY,
    CASUALTY_WORDS,
    KIND_WORDS,
    LABELS,
    NOT_PERSONS,
    NUMBER_OF_KINDS,
    NUMBER_OF_WHOM,
    PART_OF_COUNT,
    PERSONS,
    QUALIFIERS,
    STOP_WORDS,
    TOLL_ASIDES,
    TOLL_REACHES,
    VERBS_OF_CASUALTY,
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
_CORE = rf"(?:{_RANGE}|(?:{_VAGUE})(?![\w-])|{_DIGITS_END}|{_WORD_NUMBER})"
_CORE_UNNAMED = _CORE.replace("(?P<low>", "(?:").replace("(?P<high>", "(?:")
_SIMPLE_COUNT = rf"(?:{_trie(QUALIFIERS)} )?(?:{_CORE_UNNAMED})(?: or more)?"
COUNT_AT = re.compile(_spaced(rf"{_CORE}(?: or more)?"))
# one of a count: "He was one of 12 people killed" (the figure is the 12)
ONE_OF_COUNT = re.compile(_spaced(rf" of (?=\d|{_WORD_NUMBER})"))

# --- whom it counts ---------------------------------------------------------------------------

_PERSONS_WORDS = _trie(PERSONS.replace(" ", "|"))
_NOT_PERSONS = _trie(NOT_PERSONS.replace(" ", "|"))
_PERSONS = (  # the lists, or a person's ending: "villagers", "Syrians", "gunmen", "Afghans"
    rf"(?:{_PERSONS_WORDS}{_WORD_END}|(?:\d{1, 3}|[a-z]++)-year-olds{_WORD_END}"
    rf"|(?!{_NOT_PERSONS}{_WORD_END})[a-z]+(?:ers|ors|ists|ians|ans|ees|men))"
)
# nouns that count the dead or hurt by themselves: "27 deaths", "27 injuries"
_DEATH_NOUNS = "deaths|bodies|fatalities|martyrs|corpses|casualties|injuries|homicides|killings"
_KIND_WORDS = _trie(KIND_WORDS.replace(" ", "|"))
_STOP_WORDS = _trie(STOP_WORDS.replace(" ", "|"))
_ADJECTIVE = rf"(?!(?:{_STOP_WORDS}|{_KIND_WORDS}|{_DEATH_NOUNS}|lives){_WORD_END})[\w’'-]+"
_GROUP = (
    r"(?P<of_kind> of (?:the|those) (?:dead|killed|injured|wounded|hurt|missing|victims)(?![\w-]))"
    r"|(?P<of_them> of them)"
    r"|(?: of(?: (?:the|their|its|his|her|our|these|those))?)?"
    rf"(?: [“\"‘]?{_ADJECTIVE}){{0,3}}"
    rf" [“\"‘]?(?:(?P<dead>{_DEATH_NOUNS})|(?P<lives>lives)|(?P<person>{_PERSONS}"
    rf"|(?<=one\s)(?:[\w’'-]+\s)?(?:{PERSON}))){_WORD_END}"  # "One (Israeli) soldier"
)
_PERSONS_GROUP = rf"(?: {_ADJECTIVE}){{0,2}} {_PERSONS}{_WORD_END}"
# one person: "a paramedic", "a 45-year-old man", "his son"
_ONE_PERSON = rf"(?: {_ADJECTIVE}){{0,2}} (?:{PERSON}){_WORD_END}"
# more people after one: "a man and a woman", "a mother and her two children"
_MORE_PERSONS = (
    rf"(?: and (?:(?:an?|his|her|their|one){_ONE_PERSON}"
    rf"|(?:(?:his|her|their) )?{_SIMPLE_COUNT}{_PERSONS_GROUP}))*"
)

# --- what happened to them --------------------------------------------------------------------

_AUXILIARY = _trie(AUXILIARY.replace(" ", "|"))
_HOSPITAL = r"(?:(?:a|the|[\w-]+) ){0,2}?hospitals?"
_HOW_BADLY = r"(?:critically|seriously|severely|badly|gravely|fatally|mortally|slightly|lightly)"
# a death that is no casualty: "died peacefully", "died of natural causes", "died in his sleep"
_NATURAL_DEATH = (
    r"(?! (?:peacefully|quietly|of (?:natural causes|old age|(?:a )?(?:heart attack|stroke|cancer))"
    r"|in (?:his|her|their) sleep|after (?:a )?(?:long|short|brief) illness)(?![\w-]))"
)
# after "the death of his wife": a death long ago or of illness is no casualty
NATURAL_DEATH_AFTER = re.compile(
    _spaced(
        r",? (?:in (?:1[89]|20)\d\d|(?:of|from) (?:natural causes|old age"
        r"|(?:a )?(?:heart attack|stroke|cancer|illness))"
        r"|after (?:a )?(?:long|short|brief) illness)(?![\w-])"
    )
)
_LOST_LIFE = r"lost (?:(?:his|her|their|its|our|my|your) )?li(?:fe|ves)"
_KILLED = (
    rf"shot dead|shot and killed|gunned down|{_LOST_LIFE}"
    r"|(?:confirmed|pronounced|declared|found) dead"
    r"|(?:burned|burnt|crushed|stabbed|beaten|trampled|hacked|starved|hanged) to death"
    r"|succumbed(?: to (?:their|his|her) (?:injuries|wounds))?|among (?:the|those) (?:dead|killed)|"
    + _alternatives("killed|dead|die|dies|perished|drowned|slain|murdered|massacred|executed")
    + f"|died{_NATURAL_DEATH}|beheaded|lynched"
)
_INJURED = (
    rf"(?:taken|rushed|admitted|airlifted|flown|brought) to {_HOSPITAL}"
    rf"|treated (?:in|at) {_HOSPITAL}"
    r"|treated (?:at the scene|on site|on the spot|by (?:paramedics|medics|ambulance crews?))"
    r"|treated for [\w-]+(?: (?:wounds|injuries|burns|inhalation|poisoning|shock|fractures))?"
    r"|shot and (?:wounded|injured)|injured|wounded|hurt|maimed|hospitali[sz]ed|stabbed"
    r"|among (?:the|those) (?:injured|wounded|hurt)|in intensive care"
    r"|in (?:a )?(?:critical|serious|stable|grave|life-threatening|[\w-]+ but stable) condition"
    r"|(?:suffered|sustained|suffering|sustaining|received|receiving)(?: [\w-]+){0,2}?"
    r" (?:injuries|wounds|burns|fractures|cuts|bruises|broken bones|smoke inhalation)"
    r"|(?:pulled|dug|brought|carried|rescued|freed|taken)(?: (?:out|alive|free))?"
    r"(?: (?:of|from) (?:the )?[\w-]+)? with (?:[\w’'-]+ ){0,2}?(?:injuries|wounds|burns|fractures"
    r"|(?:broken|crushed|fractured) [\w-]+)"
    r"|(?:needed|needing|required|requiring|received|receiving|underwent|undergoing)"
    r"(?: (?:hospital|medical|emergency))? treatment"
)
_NOT_FOUND = (  # "five were never found"; not "not found guilty"
    r"(?:never (?:been )?(?:found|located)|(?:not|yet to be) (?:yet )?(?:been )?(?:found|located"
    r"|accounted for))(?! (?:guilty|liable|responsible|fit|innocent)(?![\w-]))"
)
_MISSING = (
    rf"missing|unaccounted for|disappeared|lost at sea|among (?:the|those) missing|{_NOT_FOUND}"
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
# what they were doing, between whom and what happened: "who had gathered at the market were
# killed", "travelling in the car died"
_CLAUSE = (
    r" (?:who|that|[a-z]+ing)(?: [\w’'-]+){1,8}?"
    r"(?= (?:were|was|are|is|have|has|had|remain|remained|died|drowned|perished)(?![\w-]))"
)
_TAIL = (
    rf"(?:{_PLACE}(?P<relative> (?:who|that))?|{_CLAUSE})"
    rf"(?P<auxiliary>(?: (?:{_AUXILIARY})){{0,6}})"
    rf" (?P<kind>{_KIND})(?: in captivity)?(?: (?:and|or) {_KIND_AGAIN})?"
)
# "five members of one family", "three members of staff", "both pilots of a rescue helicopter"
_OF_WHOLE = (
    r"(?: of (?:the |a |an |one |their |his |her |its )?(?:same |local |[\w-]+ ){0,2}"
    r"(?:family|families|crew|staff|public|community|team|unit|household|clan|tribe|forces"
    r"|army|police|military|militia|group|gang|navy|battalion|regiment|brigade|party"
    r"|helicopter|plane|aircraft|jet|airliner|boat|ship|vessel|ferry|trawler|bus|coach|minibus"
    r"|train|tram|car|vehicle|lorry|truck|van|convoy|patrol|expedition|village|town|school))?"
)
# "Five members of one family, including three children, were killed"
_ASIDE = (
    r"(?:, (?:aged )?\d{1,3}(?:, \d{1,3})*(?:,? and \d{1,3})?,"
    r"|, (?:including|among them|mostly|most of them|many of them|all of them|an?|aged"
    r"|the youngest|the oldest|the eldest"
    r"|most of whom|many of whom|all of whom|some of whom)"
    r" [^,\n]{1,40},"
    r"| \([^()\n]{1,40}\)"
    r"| [-—–] (?:including|among them|mostly|most of them|many of them|all of them) [^-—–\n]{1,40}"
    r" [-—–])?"
)
# their ages: "Six children aged between 4 and 12 were killed"
_AGED = (
    r"(?: aged (?:between |from |under |over )?\d{1,3}(?:(?:,| and| to|-|–) ?\d{1,3})*"
    r"| under the age of (?:\d{1,3}|[a-z]+))?"
)
RIGHT = re.compile(
    _spaced(
        rf"(?P<more> more)?(?:{_GROUP}{_OF_WHOLE}{_AGED})?(?P<close>[”\"’])?{_ASIDE}(?:{_TAIL})?"
    ),
    re.MULTILINE,
)
# the dead counted when found: "11 bodies had been recovered"
FOUND = re.compile(
    _spaced(
        r"(?: (?:had|have|has|were|was|are|is|been|being|already|so far|now|since|also|gone"
        r"|later)){1,4} (?:recovered|found|retrieved|pulled|identified|recorded|registered"
        r"|counted|confirmed|buried|unreported|reported)(?![\w-])"
    ),
)
# "11 of the injured were in critical condition", "eight of the dead were children"
CONDITION = re.compile(
    _spaced(
        rf" (?:were|are|was|is|remain|remained)(?: still)?"
        rf" (?:in (?:a )?(?:[\w-]+ )?condition|(?:{_ADJECTIVE} ){{0,2}}{_PERSONS}){_WORD_END}"
    ),
)
# "None of the 150 passengers on board survived"
SURVIVED = re.compile(_spaced(r"(?: [\w’'-]+){0,6}? (?:had |have |has )?survived(?![\w-])"))
# who holds people, said after "detained", "held", "seized": "Four were detained by militants"
BY_CAPTORS = re.compile(
    _spaced(
        r" by (?:the |a |an |armed |suspected |[\w-]+ )?(?:militants|rebels|gunmen|insurgents"
        r"|jihadists|kidnappers|abductors|captors|pirates|bandits|militia|militiamen|fighters"
        r"|attackers|assailants|terrorists|extremists|guerrillas|separatists|armed men|group"
        r"|gang|cartel)(?![\w-])"
    )
)
# what happened said before whom it counts: "three missing climbers", "two injured firefighters"
KIND_BEFORE_PERSONS = frozenset(
    "dead missing injured wounded abducted kidnapped captured slain murdered killed martyred"
    " deceased".split()
)
# people set free, not a casualty figure: "freed 31 abducted students", "three missing climbers
# were found alive"
RELEASED_BEFORE = re.compile(
    r"(?:free|frees|freed|freeing|release[sd]?|releasing|rescue[sd]?|rescuing|reunite[sd]?) $"
)
RELEASED_AFTER = re.compile(
    _spaced(
        r"(?: (?:were|was|are|is|have|has|had|been|all|later|safely|since|now|finally)){0,3}"
        r" (?:freed|released|rescued|reunited|returned|found (?:alive|safe)|located alive"
        r"|brought home|back home|home safe)(?![\w-])"
    )
)
# a count that a verb's object ends: "killing at least 19, the army said"
ENDS_HERE = re.compile(
    _spaced(
        r"(?=[,.;:!?)”\"’—–]|$| (?:and|or|in|on|at|as|when|after|during|near|since|across|while"
        r"|including|with|from|by|before|last|this|overnight|yesterday|today|according)\b| [-—–] )"
    ),
    re.MULTILINE,
)
ADJECTIVE_BEFORE_PERSONS = re.compile(
    _spaced(rf"(?: (?!(?:{_STOP_WORDS}){_WORD_END})[a-z][\w’'-]*)? {_PERSONS}{_WORD_END}")
)
TREATED_FOR = re.compile(
    _spaced(
        r"(?: (?:at|in|on) (?:the )?[\w-]+)? for [\w-]+(?: (?:wounds|injuries|burns|inhalation"
        r"|poisoning|shock|fractures|exhaustion))?"
        r"| (?:at|in|on) (?:the )?(?:scene|hospital|site|spot)(?![\w-])"
        r"|, (?:most|many|some|several|all|mostly)(?: of them)? for [\w-]+"
    ),
)
# the detail of a figure: ", including four children", ", four of them critically"
DETAIL = re.compile(
    _spaced(
        r"(?: (?:in|at|on|near) (?:the )?[\w’'-]+(?: [\w’'-]+)?)?,"
        rf" (?:(?:including|among them)"
        rf" (?:(?:an?|one|his|her|their){_ONE_PERSON}{_MORE_PERSONS}"
        rf"|{_SIMPLE_COUNT}(?:{_PERSONS_GROUP})?)"
        r"(?: with (?:[\w-]+ ){0,2}?(?:burns|injuries|wounds|fractures))?"
        rf"|{_SIMPLE_COUNT} of them(?: (?!(?:{_STOP_WORDS}|according)\b)[\w’'-]+)?"
        rf"|{_SIMPLE_COUNT} {_HOW_BADLY}(?! {_KIND_AGAIN})"
        rf"(?: {_KIND_AGAIN})?){_WORD_END}"
    ),
)
# more of the same kind in other places, after a verb's object (read on the text as written):
# "killed at least four people in Florida and two in Georgia"
_PLACE_NAME = r"(?:in|at|near) (?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}"
ELSEWHERE = re.compile(
    _spaced(
        rf"(?: {_PLACE_NAME}(?:,| and|, and) {_SIMPLE_COUNT}(?: (?:more|others|people))?)+"
        rf" {_PLACE_NAME}(?![\w’'-])"
    )
)
# one more person named after people of the same kind: "four children and a paramedic"
AND_ONE_MORE = re.compile(_spaced(rf" and (?:an?|one){_ONE_PERSON}"))

# --- what comes before the count, read on the reversed text -----------------------------------

LEFT = re.compile(
    _spaced(
        rf"(?P<not_count> (?:dega|sega|ega|fo ega|on|ton|{_reversed(PART_OF_COUNT)}){_WORD_END})"
        rf"|(?P<qualifiers>(?: (?:{_reversed(QUALIFIERS)}){_WORD_END}){{0,2}})"
        rf"(?P<the> (?:eht|sih|reh|rieht|sti|ruo){_WORD_END})?(?P<quote>(?: )?[“\"‘])?"
        rf"(?P<lead> (?:(?P<verb>{_reversed(VERBS_OF_CASUALTY)})"
        rf"|(?P<verb_takes>{_reversed('take|takes|taking|took|taken|sent|sends|sending')}"
        rf"|{_reversed('rushed|rushing|airlifted|airlifting|ferried|ferrying|brought')})"
        rf"|(?P<verb_lives>{_reversed('claim|claims|claimed|claiming|cost|costs|costing')})"
        rf"|(?P<verb_lost>{_reversed('lost|lose|loses|losing')})"
        rf"|(?P<verb_holds>{_reversed('hold|holds|holding|held')})"
        rf"|(?P<verb_bodies>{_reversed('recovered|recover|recovers|recovering|retrieved|found')}"
        rf"|{_reversed('find|finds|finding|pulled out|exhumed|exhuming|retrieving|retrieve')}"
        rf"|{_reversed('pulled|pull|pulls|pulling|dug out|unearthed|buried|bury|burying')})"
        rf"|(?P<verb_treated>{_reversed('treat|treats|treated|treating')})"
        rf"|(?P<toll>(?:(?P<rises>{_reversed(TOLL_REACHES)})|fo)"
        # the words between: "the death toll from floods and landslides has increased to 16",
        # "the number of people killed in the magnitude 6.4 earthquake has risen to 112"
        rf"(?: (?:[\w’'():–—-]|(?<=\d)\.(?=\d))+){{0,20}}? "
        rf"(?:,[^,\n]{{1,80}}? (?:{_reversed(TOLL_ASIDES)}) ,)?"
        rf"|(?:{_reversed('is|was|now')})(?: (?:{_reversed('is|was|now|currently|officially')}))? "
        rf"|:(?: )?)(?:llot"
        rf"(?: (?:{_reversed('death|casualty|official|confirmed|overall')}))*"
        rf"|tnuoc (?:{_reversed('death|casualty|fatality|body')})"
        # "the number of climbers killed": any plural for whom
        rf"|(?:{_reversed(NUMBER_OF_KINDS)})(?: (?:{_reversed(NUMBER_OF_WHOM)}|s[a-z’'-]{{2,}}))?"
        rf"(?: (?:{_reversed('confirmed|reported|known')}))? fo rebmun(?: latot)?"
        rf"|(?:{_reversed(NUMBER_OF_KINDS)}) rebmun"  # "the number killed in the raid"
        # "the number of people who have died after drinking the liquor rose to 27"
        rf"|(?:{_reversed('died|perished|been killed|were killed|lost their lives')})"
        rf"(?: (?:{_reversed('have|had')}))? ohw (?:{_reversed(NUMBER_OF_WHOM)}|s[a-z’'-]{{2,}})"
        rf"(?: [a-z-]+)? fo rebmun"  # "the number of young children who have died"
        rf"|(?P<total>(?:rebmun )?latot))"
        rf"|(?P<label>:(?:{_reversed(LABELS)}))"
        rf"|(?P<bodies_of>fo seidob)"
        rf"|(?P<none_of>fo enon)"
        rf"|(?P<lives_of>fo (?:(?:sevil|efil) eht"
        rf" (?:{_reversed('claimed|claim|claims|claiming|cost|costs')}"
        rf"|{_reversed('costing|took|take|takes|taking')})"
        rf"|{_reversed('deaths|death|killing|killings|murder|murders|massacre|martyrdom')}"
        rf"|{_reversed('injury|injuries|injuring|wounding|abduction|kidnapping')}))"
        rf"|(?P<included>(?:{_reversed('included|include|includes|were|are|was|is|numbered')})"
        rf" (?:{_reversed('dead|killed|died|injured|wounded|hurt|missing|victims|casualties')}"
        rf"|{_reversed('fatalities')})"
        rf"(?: (?:{_reversed('the|those')}) gnoma| (?:{_reversed('the|those|people|others')}))?)"
        rf"){_WORD_END})?"
    ),
)


# --- people named without a number ------------------------------------------------------------

_VERB_OF_CASUALTY = _trie(VERBS_OF_CASUALTY)
VERB_AT = re.compile(_spaced(rf"(?:{_VERB_OF_CASUALTY}) "))
# a figure of another kind after a first, saying only how many ("five soldiers were killed and 17
# wounded", "kills 2, injures 5", "21 dead, 96 injured, 11 missing"): one annotation with the
# first, as the gold files have it (tests/fixtures/gold/README.md)
ANOTHER_KIND_AFTER = re.compile(
    _spaced(
        rf"(?:(?:{_VERB_OF_CASUALTY}) )?{_SIMPLE_COUNT}"
        r"(?: (?:others|other people|people|more|of (?:them|others)))?"
        rf"(?: {_HOW_BADLY})?(?: {_KIND_AGAIN})?{_WORD_END}"
    )
)
# the verb before a name, maybe with the person's trade: "killed Maria", "wounded photographer Ali"
VERB_BEFORE_NAME = re.compile(_spaced(rf"(?:{_VERB_OF_CASUALTY}) (?=(?:[a-z][\w-]* ){{0,2}}[A-Z])"))
# one person or more without a number: "a 19-year-old apprentice", "his son and a nephew"
ONE_NAMED = re.compile(
    _spaced(rf"(?:an?|one|his|her|their|its|my|our){_ONE_PERSON}{_MORE_PERSONS}")
)
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
    r"| of (?:the|a|an|his|her|their)(?: [\w’'-]+){1,2}"
    # "A fisherman from Sorbayan who was reported missing on Monday was found dead"
    r"| from (?:the |a |an )?[\w’'-]+ (?:who|that)(?: [\w’'-]+){2,8}?"
    r"(?= (?:was|is|has|had|remains|remained|died|dies)(?![\w-]))"
    r"| from (?:the |a |an )?[\w’'-]+(?: [\w’'-]+)?"  # "A 56-year-old man from Easterby"
    # what they were doing: "A third worker who was inside the headhouse remains unaccounted for"
    r"| (?:who|that)(?: [\w’'-]+){2,8}?"
    r"(?= (?:was|is|has|had|remains|remained|died|dies)(?![\w-])))?"
    r"(?:(?:,(?: [\w’'-]+){1,5}){1,2},)?"
)
# what follows one person when it happened to them: "was shot dead", "died"
_HAPPENED_TO_ONE_TAIL = (
    rf"{_ABOUT_ONE}(?: (?:who|that))?(?: (?:has|had|have))?"
    rf"(?: (?:also|still|reportedly|later|all|both))?"
    rf"(?: (?:was|were|is|are|been|remains|remain|remained)(?: (?:{_AUXILIARY})){{0,3}}"
    rf" {_KIND_OF_ONE}"
    # without "was": "his wife badly hurt"
    rf"| {_HOW_BADLY} (?:injured|hurt|wounded|burned|burnt|shot|stabbed|beaten)"
    rf"| (?:died{_NATURAL_DEATH}(?! in (?:1[89]|20)\d\d)|dies|perished|drowned|disappeared"
    r"|succumbed)(?![\w-])"
    r"| (?:suffered|sustained)(?: [\w-]+){0,2}? (?:injuries|wounds|burns)(?![\w-]))"
)
# one more person named by their place after others, or as one more: "a third was critically
# injured", "another is missing"; not a part: "a third of the passengers"
_ONE_MORE = (
    r"(?:(?:an?|another) (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|another)"
    r"(?! of(?![\w-]))"
)
# "A security guard and a teacher were shot dead", "whose brother died", "The driver was killed",
# "whose daughter Grace died" (the name is checked on the text as written)
NAMED = re.compile(
    _spaced(
        rf"(?:(?:(?P<the>the)|an?|another|whose|his|her|their|my|our){_ONE_PERSON}"
        rf"(?P<given> [\w’'-]+)??{_MORE_PERSONS}|{_ONE_MORE})" + _HAPPENED_TO_ONE_TAIL
    ),
)
# after a name: "Nadia Kern was killed", "Tomas Varga, 42, died", "Ellen Marsh, 67, who died"
AFTER_NAME = re.compile(_spaced(_HAPPENED_TO_ONE_TAIL))
LOWER_CASE_NEXT = re.compile(r"(?:,[^,\n]{1,40},){0,2}[^\S\n]+[a-z]")
# a person's trade before their name: "wounded photographer Ali Kaya"
TRADE = re.compile(_spaced(rf"(?:[a-z][\w-]* )?(?:{PERSON}) "))
# one person after what happened to them: "Among the injured was a 12-year-old boy", "the
# victims included Nadia Kern"
INCLUDED_WORDS = ("dead", "killed", "injured", "wounded", "hurt", "missing", "victim", "casualt")
INCLUDED_VERB = re.compile(
    _spaced(
        r"(?:(?:dead|killed|injured|wounded|victims?|casualties)"
        r" (?:were|are|was|is|have been|has been|had been) (?:named|identified) as"
        r"|(?:dead|killed|injured|wounded|hurt|missing|victims|casualties)"
        r" (?:were|are|was|is|included|include|includes)) "
    )
)
# more names after the first, with the first's age: ", 34, and Tomas Varga"
NAME_LISTED_NEXT = re.compile(
    rf"(?:,{_SPACE}(?:aged{_SPACE})?\d{{1,3}}(?![\w-]))?"
    rf"(?:,{_SPACE}(?:of|from){_SPACE}[A-Z][\w’'-]+(?:{_SPACE}[A-Z][\w’'-]+)?)?"  # ", of Leeds"
    rf"(?:,?{_SPACE}and{_SPACE}|,{_SPACE})(?={NAME_AT.pattern}|(?:his|her|their){_SPACE})"
)
INCLUDED_BEFORE = ("among those ", "among the ", "those ", "the ")
LOST_ONE = re.compile(
    _spaced(
        rf"(?:lost|lose|loses|losing) (?:both |all )?(?:his|her|their|a|an|one)"
        rf" (?:[\w’'-]+ )?(?:{'|'.join(KIN)})"
        r"(?![\w-])"
    )
)
# people named before a count of the same kind: "A woman and her two daughters were killed"
NAMED_BEFORE = re.compile(
    _spaced(
        rf"(?:an?|one){_ONE_PERSON}(?:,? and (?:an?|one|his|her|their){_ONE_PERSON})*"
        r",? and (?:(?:his|her|their) )?"
    )
)
# where people named without a number may begin
SUBJECT_OF_ONE = re.compile(r"(?<![\w’'-])(?:an?|another|the|whose|his|her|their|my|our) ")
ARTICLE = re.compile(r"(?<![\w’'-])(?:an?|one) ")

# --- the scan ---------------------------------------------------------------------------------

NUMBER_TRIGGERS = {
    *NUMBER_WORDS.split("|"), *"0123456789", "dozens", "scores", "hundreds", "thousands", "tens",
    "between", "a dozen", "a hundred", "a thousand", "half a dozen",
}  # fmt: skip
_TRIGGERS = trie_pattern([*NUMBER_TRIGGERS, *CASUALTY_WORDS])
# a word start: after a space (a literal prefix, which `re` finds fastest), at a block start or
# after an opening mark; not after $ or - ("$20", "COVID-19")
TRIGGER_AFTER = {
    character: re.compile(re.escape(character) + _TRIGGERS) for character in ' \n“"‘(—'
}
TRIGGER_AT_START = re.compile(_TRIGGERS)
# how far after a count its casualty word may be ("Between 20 and 30 villagers were still
# unaccounted for"), and how far before it a verb or toll ("the death toll from Saturday's
# explosion now stands at 52")
REACH = 100
BEHIND = 90
# the casualty words that can end people named without a number, and those that need no
# "was" or "were" before them ("whose brother died")
HAPPENED_TO_ONE = (
    "kill", "dead", "died", "dies", "shot", "gunned", "injur", "wound", "hurt", "maim", "missing",
    "unaccounted", "disappear", "abduct", "kidnap", "captur", "perish", "drown", "slain", "murder",
    "massacr", "execut", "behead", "lynch", "stabbed", "burn", "crushed", "beaten", "trampled",
    "hacked", "starved", "hanged", "succumb", "hospital", "taken", "held",
)  # fmt: skip
HAPPENED_WITHOUT_AUXILIARY = ("died", "dies", "perish", "drown", "disappear", "succumb")
HOW_BADLY = tuple(f" {word} " for word in _HOW_BADLY[3:-1].split("|"))
AUXILIARIES_OF_ONE = (
    " was ", " were ", " is ", " are ", " been ", " remain", " suffered ", " sustained ",
)  # fmt: skip
LOWER_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# --- checks on what was read ------------------------------------------------------------------

# "the" names one person after a verb that harms, not after one that may be an arrest: "killed
# the driver", not "captured the suspect"
HARMING = tuple("kill wound injur shot shoot gunn murder execut behead massacr".split())
THE_ONE_NAMED = re.compile(_spaced(rf"the{_ONE_PERSON}{_MORE_PERSONS}"))
# a verb in its base form after "to" or "would": what may happen, not what did ("an order to
# kill a prisoner", "could claim hundreds of lives"); "Gunmen kill 11" is a headline
BASE_VERBS = frozenset(
    """
    kill injure abduct kidnap capture seize massacre murder execute behead shoot round hold take
    claim cost lose find recover retrieve pull treat
""".split()
)
MAY_HAPPEN = frozenset(
    "to will would could can cannot might may must shall should not never don't won't".split()
)
# what people are held as, said before "holding 12"
HOSTAGES_BEFORE = re.compile(r"hostage|captiv|abduct|kidnap")
# "the" or a possessive before a count: "the three men", "his two brothers"
DETERMINERS = ("the ", "his ", "her ", "their ", "its ", "our ")
YEAR = re.compile(r"(?:1[89]|20)\d\d")
KIN_WORD = re.compile("|".join(KIN))
# a casualty said before a running total: "Two more bodies were found, bringing the total to 27"
CASUALTY_BEFORE = re.compile(
    r"(?<![\w-])(?:kill|dead|died|dies|death|bod(?:y|ies)(?![\w-])|injur|wound|missing|casualt"
    r"|fatalit|victim|drown|perish)"
)
# what a toll is not of: "the toll rose to 12 euros", "the total was 27 votes"
NOT_PEOPLE = re.compile(
    _spaced(
        r" (?!(?:this|as|across|was|is|has|its|his|thus|plus|less|unless|always|perhaps|whereas"
        r"|afterwards|towards|besides|officials|sources|reports|says)(?![\w-]))"
        r"(?:[a-z]+s|per|percent|cent|km|mph|kg|ft|m|cm|mm|pence|yen|p|[a-z]+metres?|[a-z]+meters?"
        r"|tonnes?|tons?|miles?|euro|dollar|pound|point|vote|seat|hour|day|week|month|year"
        r"|minute)(?![\w-])"
    ),
)
# "took 12 people to hospital", not "took 40 visitors to the hospital open day"
TO_HOSPITAL = re.compile(
    _spaced(
        rf" to {_HOSPITAL}(?=[,.;:!?)]|$| (?:with|after|for|and|in|on|by|where|following)(?![\w-]))"
    ),
    re.MULTILINE,
)
HOSTAGE_AFTER = re.compile(_spaced(r" (?:as )?(?:hostages?|captives?|prisoners?)(?![\w-])"))
# digits after a capitalised word inside a sentence name a thing: "Rescue 1190", "Flight 17";
# not a headline in title case ("Floods Kill 20")
NUMBERED_NAME = re.compile(
    r"(?<![\w’'-])[a-z][a-z’'-]*,?[^\S\n]+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|January|February|March|April|May|June|July|August|September|October|November|December)"
    r"[A-Z][a-z]+[^\S\n]+$"
)


def numbered_name(text: str, start: int) -> bool:
    """Whether the digits at `start` follow a capitalised word inside a sentence (NUMBERED_NAME);
    the characters before them are looked at first, as most numbers follow no such word."""
    before = text[start - 1 : start]
    if not before.isspace() or before == "\n":
        return False
    word_start = text.rfind(" ", max(0, start - 40), start - 1) + 1
    return text[word_start : word_start + 1].isupper() and bool(
        NUMBERED_NAME.search(text, max(0, start - 40), start)
    )


# figures joined into one: "118 soldiers and 240 civilians", "Two Britons, an American and ..."
JOINED_BY_AND = re.compile(_spaced(r"(?:,? and|,) (?:[“\"‘])?"))
