"""Read a casualty figure: how many, at least or at most, of whom, and what happened to them.

`parse_casualty("killing at least 12 people")` gives `{"count_min": 12, "kind": "killed"}`. It
fills the attributes of a casualty figure tagged by hand (the user confirms them with `e`), and
the suggestions (readtui.suggest.casualties) use it on the text they find, so both agree. It
reads only what the text says; anything unclear is left unset.

- A plain number is `count`: digits (`1,200`), words (`fourteen`, `twenty-one`, `a dozen`).
  `about`, `around`, `some`, `an estimated`, `a further`, `another` leave it a `count`.
- One person named without a number is `count` 1: `whose brother died`, `killed a 19-year-old
  apprentice`, `the driver was killed`, `lost her husband`, and a person named by name, read on
  the text as written: `Nadia Kern was killed`, `Tomas Varga, 42, died` (an age after a name is
  no count), `killed Maria dos Santos`. (`a`/`an` alone before a thing is no count, and a
  headline in title case, `Storm Kills Two Fishermen`, names no one.) `both` is 2. One more
  person after others is 1: `a third was critically injured`, `another is missing` (not `a
  third of them`).
- Floors and ceilings: `at least`, `more than`, `over`, `no fewer than`, `12 or more` give
  `count_min` (`more than 40` is 41: more than; `at least 40` and `40 or more` are 40); `up to`,
  `at most`, `nearly`, `almost`, `no more than` give `count_max` (`fewer than 10` is 9).
- Ranges: `between 10 and 15`, `10 to 15`, `10-15`, `two or three` give both. `1-0` (falling) is
  a score, not a range.
- Vague counts give a floor: `dozens` 24, `scores` 40, `hundreds` 200, `thousands` 2000,
  `tens of thousands` 20000, `hundreds of thousands` 200000; `several hundred` is `hundreds`.
- Groups of one kind joined in one phrase are added up: `a security guard and a teacher were
  shot dead` is 2, `the dead included four children and a paramedic` 5, `at least 118 soldiers
  and 240 civilians have been killed` count_min 358 (a floor plus a number is a floor). A part
  named after a whole is not added: `seven people, including four children` and `23 people
  injured, four of them critically`, `32 injured, 5 critically` are 7, 23 and 32, and people
  named again between commas are not more people (`The victim, a 34-year-old woman, died` is 1,
  `Two men, a driver and a surveyor's assistant, are missing` 2). Names listed are counted with
  their ages and towns: `named as Maria Lopez, 41, of Sparks, and her son` is 2; ages between
  commas are no people (`The driver, 52, died` is 1, `Three men, 19, 22 and 25, were hurt` 3),
  and places between groups are skipped (`killed four people in Florida and two in Georgia` is
  6). A figure of
  another kind after the first is not read: `five soldiers were killed and 17 wounded` is 5
  killed.
- A death toll or a running total is read by the figure it reaches: `the death toll rose from
  12 to 16` and `the total rose from 12 to 16` are 16, also past a clause inside the toll (`The
  death toll, which stood at 45 on Monday, rose to 60` is 60).
- `kind`: killed, injured, missing or captured, from the word that says what happened (`dead`,
  `wounded`, `treated`, `taken to hospital`, `in hospital`, `burns`, `unaccounted for`,
  `abducted`, `held`, `detained`, `rounded up`...; `fatal injuries`, `fatally wounded` and `lost
  her husband` are killed); a noun that only implies it (`deaths`, `bodies`, `toll`, `martyrs`,
  `hostages`) counts when no such word does: `five hostages were killed` is killed. What
  happens to people named by what had happened to them comes first: `two of the wounded died`
  is killed. `never found` and `yet to be accounted for` are missing; `None of the 150
  passengers survived` is 150 killed. `trapped` and `shot` have no kind.
- `group`: who, when the words after the number say it (`civilians`, `security officials`,
  `elderly people`; `of the gunmen` gives gunmen; joined groups `soldiers and civilians`), not
  a word as empty as `people` or `others`, nor a word that is itself the kind (`27 bodies`).
- Years (`in 2019`) and ages (`aged 45`, `a 45-year-old`) are not counts.

These are the conventions of the gold files' `attrs` (tests/fixtures/gold/README.md).
"""

import re
import string

from readtui.config import TagDef


def trie_pattern(words: list[str]) -> str:
    """Literal words as one trie-shaped alternation: `re` rejects a trie's branches by their
    first character, many times faster than a flat list of words on a long text."""
    root: dict = {}
    for word in words:
        node = root
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(key) + emit(node[key]) for key in sorted(node) if key]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


# The patterns below read lower-case text with single spaces (parse_casualty makes it so): `re`
# is several times faster without IGNORECASE.
_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "both": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12, "couple": 2}
_VAGUE = {
    "tens of thousands": 20_000, "hundreds of thousands": 200_000,
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
    "several dozen": 24, "several hundred": 200, "several thousand": 2000,
}  # fmt: skip
# one's kin, as patterns: to lose them is to lose them to death ("lost her husband", "lost two
# sons")
KIN = """
    husbands? wives|wife|sons? daughters? fathers? mothers? brothers? sisters? child children
    bab(?:y|ies) fianc[ée]e? grandsons? granddaughters? grandfathers? grandmothers? uncles? aunts?
    nephews? nieces? cousins? parents
""".split()
# the words that say what happened, before the nouns that only imply it ("five hostages were
# killed" is killed); within each, at one position the first kind listed wins, so "taken to
# hospital" is injured before "taken" is captured
_KINDS = {
    "killed": r"kill\w*|dead|died|dies|die|perish\w*|slain|drown\w*|murder\w*|massacr\w*"
    r"|deceased|martyred|martyrdom|fell\s+as\s+martyrs|embraced\s+shahadat"
    r"|fell\s+on\s+the\s+field\s+of\s+hono(?:u)?r|remains\s+of|mauled\s+to\s+death"
    r"|fatal(?:ly)?\s+(?:injur\w*|wound\w*|shot|stabbed|hurt|mauled)"
    rf"|lost\s+(?:[\w’'-]+\s+){{1,2}}?(?:{'|'.join(KIN)}|colleagues|comrades|friends|relatives)"
    r"|execut(?:ed|ing|ions?)|behead\w*|lynch\w*|gunned\s+down|succumb\w*|neutrali[sz]ed"
    r"|eliminated|embraced\s+martyrdom|pronounced\s+(?:dead|deceased)|slaughter\w*"
    r"|lifeless\s+bod(?:y|ies)|paid\s+the\s+(?:supreme|ultimate)\s+price"
    r"|funerals?\s+(?:of|for)"
    r"|buried(?=\s+(?:[\w-]+\s+){0,3}?(?:people|persons|bodies|victims|children|dead)\b)|(?:burn[te]d?|charred)\s+beyond\s+recognition"
    r"|lost\s+(?:(?:his|her|their|its|our|my|your)\s+)?li(?:fe|ves)"
    r"|(?:burn[te]d?|charred|crushed|stabbed|beaten|trampled|hacked|starved|poisoned|gored)"
    r"\s+to\s+death|electrocut\w*|asphyxiat\w*|suffocat\w*|strangl\w*|decapitat\w*"
    r"|(?:declared|confirmed|brought|found)\s+(?:dead|deceased)|did\s+not\s+survive"
    r"|failed\s+to\s+survive|(?:cost|claimed|took)\s+the\s+li(?:fe|ves)\s+of"
    r"|none\s+of\s+(?:the|them|those)\b.{0,80}?\bsurvived|no\s+survivors",
    "injured": r"wound\w*|injur\w*|hurt|harmed|maimed|hospitali[sz]\w*|treated|treatment|burns?"
    r"|(?:fell|fallen|falls?|falling|taken|became|become|were|was|are|is)\s+ill|sicken\w*"
    r"|poison(?:ed|ing)|bitten"
    r"|scald\w*|paraly[sz]\w*|amputat\w*|blinded|concuss\w*|unconscious|in\s+a\s+coma|sprain\w*"
    r"|fighting\s+for\s+(?:his|her|their)\s+li(?:fe|ves)|under\s+observation"
    r"|hypotherm\w*|gunshot\s+wounds?|shrapnel|overcome\s+by\s+(?:fumes|smoke|gas)"
    r"|fractures"
    r"|(?:remain|remains|still)\s+admitted"
    r"|(?:admitted|admitting|receiv(?:ed|ing)|shifted)\s+(?:[\w,-]+\s+){0,4}?patients"
    r"|stabbed"
    r"|inhalation|(?:broken|crushed|fractured)\s+(?:legs?|arms?|bones|spines?|ribs|skulls?|limbs"
    r"|hips?|pelvis(?:es)?)"
    r"|(?:taken|took|taking|rushed|admitted|airlifted|flown|brought|transported|conveyed"
    r"|transferred|sent)\s+(?:[\w,-]+\s+){0,4}?to\s+(?:[\w’'.-]+\s+){0,5}?(?:hospital|infirmary"
    r"|medical\s+cent(?:re|er)|clinic|health\s+cent(?:re|er))"
    r"|lost\s+(?:their|his|her)\s+(?:vision|sight|eyesight|limbs?|legs?|arms?|hands?)"
    r"|in\s+(?:a\s+)?(?:critical|serious|stable|grave|life-threatening|fair)"
    r"(?:\s+but\s+(?:stable|critical))?\s+condition|under\s+treatment|undergoing\s+treatment"
    r"|condition\s+of\s+[^.;]{1,40}?\b(?:critical|serious|grave)\b"
    r"|in\s+(?:a\s+)?hospital|in\s+intensive\s+care|on\s+(?:a\s+)?ventilators?",
    "missing": r"missing|unaccounted|disappeared|disappearances?|not\s+been\s+(?:seen|heard\s+from)"
    r"|vanished|lost\s+at\s+sea|swept\s+away|untraceable"
    r"|(?:whereabouts|fate)\s+(?:[\w’'-]+\s+){0,6}?(?:is|are|remains?|still)\s+(?:still\s+)?unknown"
    r"|never\s+(?:been\s+)?(?:found|located)|(?:not|yet\s+to\s+be)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:found|located|accounted\s+for)(?!\s+(?:guilty|liable|responsible|fit|innocent))",
    "captured": r"captur\w*|kidnap\w*|abduct\w*|taken|held|holding|seized|captivity|detained"
    r"|whisk(?:ed|ing)\s+away|(?:took|carried|led|dragged|marched)\s+(?:away|off)|for\s+ransom"
    r"|snatch\w*|taken\s+(?:captive|prisoner)|held\s+captive"
    r"|rounded\s+up|deprived\s+of\s+(?:their\s+|his\s+|her\s+)?(?:liberty|freedom)|detention",
}
_IMPLIED_KINDS = {
    "killed": r"deaths?|death\s+toll|toll|lives|bod(?:y|ies)|fatalit\w*|martyrs?|corpses?"
    r"|homicides?|killings?",
    "captured": r"hostages?|captives?",
}


def _kind_pattern(kinds: dict[str, str]) -> re.Pattern:
    """One pattern for the words of each kind, a named group per kind."""
    return re.compile(
        r"\b(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in kinds.items()) + r")\b"
    )


_KIND = _kind_pattern(_KINDS)
_IMPLIED_KIND = _kind_pattern(_IMPLIED_KINDS)
# a later fate outweighs an earlier one: "a hiker reported missing was found dead" (not "12
# injured, one of whom later died")
_FOUND_DEAD_LATER = re.compile(
    r"\b(?:missing|unaccounted|injur\w*|wounded|hurt|abducted|kidnapped)\b[^,;]*?"
    r"\b(?P<killed>(?:found|confirmed|declared|pronounced)\s+dead|later\s+died"
    r"|died\s+(?:later|in\s+hospital|of\s+(?:her|his|their)\s+(?:injuries|wounds))"
    r"|succumbed)\b"
)
# a word of what happened right after a figure joined to another: "23 deaths, 41 injured"
_KIND_NEXT = re.compile(
    r"\s*(?:(?:others|people|more|were|are|was|still|critically|seriously|badly|slightly)\s+)*"
    r"(?:[a-z-]+\s+)?(?:(?P<killed>dead|deaths?|killed|died|fatalities)|(?P<injured>injur\w*|wounded|hurt)"
    r"|(?P<missing>missing|unaccounted)|(?P<captured>captured|abducted|kidnapped|detained))\b"
)
# people named by what had happened to them, to whom something else happens now: "two of the
# wounded died" is killed
_OF_THE_KIND = re.compile(
    r"\bof\s+(?:the|those)\s+(?:[a-z]+ly\s+)?(?:injured|wounded|hurt|missing|hostages"
    r"|hospitali[sz]ed)\b"
)
# number words that make a count by themselves ("a" and "an" need a "dozen" or "hundred" after)
NUMBER_WORDS = "|".join(
    sorted((word for word in [*_UNITS, *_SCALES] if word not in ("a", "an")), key=len, reverse=True)
)
_NUMBER_WORD = trie_pattern([*_UNITS, *_SCALES])
_WORDS_OF_A_NUMBER = trie_pattern(NUMBER_WORDS.split("|"))
_NUMBER = (
    rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?=\s+or\s+so\b)|\d{{1,3}}(?:,\d{{3}})+|\d+|half\s+a\s+dozen"
    rf"|half[\s-]dozen"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?)?)+)"
)
_FLOOR = trie_pattern([
    "at least", "more than", "over", "no fewer than", "no less than", "not fewer than",
    "not less than", "upwards of", "in excess of",
])  # fmt: skip
_CEILING = trie_pattern([
    "up to", "at most", "nearly", "almost", "as many as", "no more than", "not more than",
    "fewer than", "less than", "under",
])  # fmt: skip
_VAGUE_WORDS = trie_pattern(list(_VAGUE))
# the first words a count can begin with: the guard that spares _FIGURE most word starts
_FIGURE_STARTS = trie_pattern([
    "between", "half", *_UNITS, *_SCALES, *_VAGUE, "at", "more", "over", "no", "not",
    "upwards", "in", "up", "nearly", "almost", "as", "fewer", "less", "under",
])  # fmt: skip
_FIGURE = re.compile(
    rf"""\b(?=\d|{_FIGURE_STARTS})(?:between\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})
       | (?P<from>\d+)\s*(?:-|–|to)\s*(?P<to>\d+)
       | (?P<either>{_WORDS_OF_A_NUMBER})\s+or\s+(?P<or>{_WORDS_OF_A_NUMBER})
       | (?:(?P<floor>{_FLOOR})|(?P<ceiling>{_CEILING}))?\s*(?P<count>{_NUMBER})
         (?P<or_more>\s+or\s+more)?
       | (?P<vague>{_VAGUE_WORDS})
       )\b""",
    re.VERBOSE,
)
# a toll is read by the figure it reaches: "the death toll rose from 12 to 16" is 16
_TOLL = re.compile(
    r"\b(?:toll|total|count|number\s+of)\b"
    # the figure after a clause in the toll: "The toll, which stood at 45, rose to 60"
    r"(?:\s*,\s*(?:which|that|revised|updated|previously|initially|already)\b[^,]{1,80},)?"
)
# what a toll does to reach its figure; the first followed by a count is it ("the toll from the
# collapse of a three-storey building has risen to 10")
_REACHES = re.compile(
    r"\b(?:to|at|of|was|is|stood|stands|reach\w*|hit\w*|(?P<beyond>pass\w*|top\w*|exceed\w*|surpass\w*|past|above"
    r"|beyond))\s+(?=\S)"
)
# one person: a word that names one ("paramedic"), or has a person's ending ("teacher") and is
# not a thing with that ending ("tower")
_PERSON_WORDS = """
    person man woman child kid boy girl baby infant toddler teenager teen adult youth youngster
    soldier civilian policeman policewoman officer official guard militant fighter gunman rebel
    insurgent jihadist terrorist bandit attacker assailant hostage captive prisoner inmate
    detainee migrant refugee pilgrim worshipper student pupil schoolgirl schoolboy schoolchild
    teacher doctor nurse medic paramedic patient passenger tourist journalist reporter
    photographer cameraman worker employee miner farmer fisherman villager resident protester
    protestor demonstrator activist supporter member relative classmate colleague comrade
    pal mate buddy groom bride
    militiaman tribesman guardsman serviceman recruit cadet conscript settler citizen foreigner
    survivor fan spectator mourner guest visitor sailor seafarer marine airman peacekeeper
    contractor labourer laborer agent parent mother father son daughter brother sister husband
    wife grandmother grandfather grandson granddaughter grandchild uncle aunt nephew niece cousin
    friend neighbour neighbor pensioner pedestrian cyclist motorist driver pilot climber hiker
    swimmer bystander passer-by apprentice trainee volunteer firefighter rescuer commander
    captain sergeant lieutenant colonel corporal priest imam monk nun pastor bishop cleric mayor
    councillor judge lawyer politician candidate lawmaker senator chief leader elder shepherd
    herder trader shopkeeper vendor merchant owner watchman caretaker cook cleaner mechanic
    jawan sepoy male female occupant
    engineer electrician newborn suspect victim farmhand deckhand stagehand tenant servant
    assistant attendant diplomat aide bodyguard twin national american african mexican korean
    european
    afghan iraqi israeli pakistani somali yemeni saudi briton brit thai filipino turk kurd arab
    jew muslim sikh hindu
"""
_NOT_PERSON_WORDS = """
    helicopter tanker container tower number computer trailer shelter center centre matter
    letter paper order chapter meter liter litre quarter headquarter border corner layer river
    water power flower cylinder boiler marker chamber folder finger carrier destroyer launcher
    offer answer transfer filter cover server cluster register door floor sector factor motor
    tractor reactor generator corridor error mirror elevator indicator detector ventilator
    processor interior vector anchor degree fee tree knee committee decree guarantee levee
    list wrist twist manner banner poster summer winter weather feather leather further other
    another former latter over under after never ever whether either neither rather together
    however proper whatever upper lower inner outer sooner later three free agree coffee spree
    disaster september october november december monster thunder cancer dinner ladder terror
    horror humor rumor theater barrier frontier charter roster manor super
    exist assist resist insist persist median career character behavior honor favor labor harbor
    anger hunger shoulder liver bladder temper silver copper timber rubber printer scooter
    trigger sticker tumor vapor sensor razor armor flavor
"""


PERSON = (
    rf"(?:(?:mother|father|mum|dad|grandmother|grandfather)(?:-of-|[^\S\n]+of[^\S\n]+)"
    r"(?:\d+|[a-z]+)(?![\w-])"  # "a mother of three", "a father-of-two"
    r"|(?:\d{1,3}|[a-z]++)-year-old(?![\w-])"  # "a 10-year-old", "a five-year-old"
    rf"|{trie_pattern(_PERSON_WORDS.split())}(?![\w-])"
    rf"|(?!{trie_pattern(_NOT_PERSON_WORDS.split())}(?![\w-]))[a-z]{{2,}}(?:er|or|ist|ian|man|woman|ee))"
)
_PLURAL = r"[a-z][\w-]*s|children|[a-z]*men|police|staff|personnel|troops|crew|people"
_GROUP = re.compile(
    rf"\s*(?:more\s+)?(?:of\s+)?(?:(?:the|their|its|his|her|our|these|those)\s+)?"
    rf"((?:[a-z][\w-]*\s+){{0,2}}(?:{_PLURAL}))\b(?=\s|[.,;:!?)”\"’']|$)"
)
# a year or an age is not a casualty count
_AGE_BEFORE = re.compile(r"^\d+-\S+\s+")  # "45-year-old man" is a man
_AGE_AFTER = re.compile(
    r"\s*-?\s*(?:year|month)s?[-\s]old"
    r"|\s*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b"  # "Ten years ago ..."
)
# one of a count of the dead is a part of it: "one of these 27 deaths" is the 27
_ONE_OF_DEATHS = re.compile(
    r"\s*of\s+(?:the|these|those)\s+[\w,-]+\s+(?:[a-z-]+\s+)?"
    r"(?:deaths|fatalities|victims|casualties|dead|killed)\b"
)
_NOT_A_COUNT = re.compile(
    r"(?:\b(?:in|since|by|of|until)\s+(?:19|20)\d\d\b|\b(?:aged?|ages)\s+\d+)\s*$"
)
# one person named without a number: "a security guard", "whose brother", "killed a 19-year-old
# apprentice"
_ONE_PERSON = re.compile(
    rf"\b(?:an?|another|the|whose|his|her|their|its|my|our|your)\s+"
    rf"((?:(?:\d+-[\w-]+|(?!(?:and|or|of|the|an?|who|was|were|is|are)\s)[a-z][\w’'-]*)\s+){{0,2}}"
    rf"(?:{PERSON}))(?![\w-])"
    # a headline's "Woman dies", "Police officer shot"; he or she: "he was pronounced dead"
    rf"|^((?:[a-z][\w’'-]*\s+)?(?:{PERSON}))(?![\w-])(?!\s+(?:deaths?|fatalit\w+|casualt\w+|toll"
    r"|injur\w+|victims?|numbers?|count)\b)|^(?:he|she)\b"
)
# one person named by their place after others, or as one more: "a third was critically
# injured", "another is missing"; not a part ("a third of them")
_ONE_MORE = re.compile(
    r"\b(?:(?:an?|another)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"|another)(?=\s*,\s|\s+(?:was|is|has|had|remains|remained|later|also|still|died|dies|with"
    r"|succumbed|suffered|sustained|critically|seriously|severely|badly|gravely|slightly"
    r"|lightly|fatally|mortally)\b)"
)
# a person named by name: two or more capitalised words ("Nadia Kern", "Maria dos Santos"), or
# one after a title ("Sgt. Okafor"); read on the text as written. A word that a headline in title
# case capitalises ("Storm Kills Two Fishermen") is not a name.
_NAME_TITLES = """
    Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Colonel Col Lieutenant Lt Captain Capt
    Major Maj General Gen Brigadier Sergeant Sgt Corporal Cpl Private Pte Pvt Trooper Rifleman
    Gunner Sapper Lance Officer Constable PC Detective Inspector Commander Cmdr Admiral Chief
    Deputy Sheriff Agent Father Sister Brother Rev Reverend Imam Sheikh Rabbi Pastor Bishop Judge
    Senator President Minister Governor Mayor
""".split()
_NOT_NAME_WORDS = """
    The A An This That These Those Their His Her Its Our My He She It They We In On At By For From
    With After Before During When While But And Or As If Of To Among Police Officials Authorities
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Yesterday Today More Least Toll Bodies
    Were Was Is Are Has Have Had Been Dead Died Dies Hurt Shot Held Missing Dozens Scores
    Hundreds Thousands Half Between Up Nearly Almost Over Some About Another
""".split()
_NAME_WORD = (
    rf"(?!(?:{trie_pattern(_NOT_NAME_WORDS + [word.title() for word in _UNITS])}"
    r"|Kill\w*|Death\w*|Injur\w*|Wound\w*|Abduct\w*|Kidnap\w*|Captur\w*|Hostage\w*)(?![\w’'-]))"
    r"[A-Z][’']?[A-Za-z]?[a-z][\w’'-]*"
)
_NAME_PARTICLE = r"(?:de|da|dos|das|do|van|von|der|den|la|le|du|di|del|bin|ibn|ben|abu|al|el)"
_NAME_NEXT = rf"(?:(?:[^\S\n]+{_NAME_PARTICLE}(?:[^\S\n]+|-)|[^\S\n]+){_NAME_WORD})"
_NAME = (
    rf"(?<![\w’'-])(?:(?:{trie_pattern(_NAME_TITLES)})\.?[^\S\n]+{_NAME_WORD}{_NAME_NEXT}{{0,2}}"
    rf"|{_NAME_WORD}{_NAME_NEXT}{{1,3}})(?![\w’'-])"
)
NAME_AT = re.compile(_NAME)
# a name counts as a person when a word in lower case follows it ("Nadia Kern, 34, was killed"),
# or when it follows what happened ("killed Maria dos Santos", "among the dead was ...")
_AFTER_NAME = re.compile(
    r"(?:\s*,\s*(?:aged\s+)?\d{1,3}\s*,)?"
    r"(?:\s*(?:of|from)\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s*,)?(?=\s+[a-z])"  # "of Leeds,"
)
_BEFORE_NAME = re.compile(
    rf"\b(?:was|were|is|are|included|include|includes|(?:named|identified)\s+as|deaths?\s+of"
    rf"|bod(?:y|ies)\s+of|(?:kill|wound|injur|shoot|shot|abduct"
    rf"|kidnap|murder|stab)\w{{0,4}}(?:\s+(?:[a-z][\w-]*\s+)?(?:{PERSON}))?)\s+$"
)

# a name that a list of names goes on from
_NAME_LISTED = re.compile(rf"[^\S\n]*,[^\S\n]*(?:and[^\S\n]+)?(?={_NAME})")

# two capitalised words near each other: where a name may be (a cheap scan before NAME_AT)
TWO_CAPITALS = re.compile(r"[A-Z][\w’'.-]*,?[^\S\n]+(?:[a-z]+[^\S\n]+)?[A-Z]")


def _named_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the first person named by name between `start` and `end`, with an age
    after it."""
    if not TWO_CAPITALS.search(text, start, end):
        return None
    for name in NAME_AT.finditer(text, start, end):
        after = _AFTER_NAME.match(text, name.end())
        if after:
            return name.start(), after.end()
        if _BEFORE_NAME.search(text, max(start, name.start() - 40), name.start()):
            return name.start(), name.end()
        if _NAME_LISTED.match(text, name.end()):  # "Nadia Kern, Tomas Varga and Ali Kaya"
            return name.start(), name.end()
    return None


# between figures of one kind: "four children and a paramedic", "12 soldiers, 4 civilians"
_JOINER = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# a place named between figures of one kind: "killed four people in Florida and two in Georgia"
_PLACE_BETWEEN = re.compile(
    r"\s+(?:in|at|near)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}(?=,\s|,?\s+and\s)"
)
# ages between commas after people are no more people: "The driver, 52, died", "Three men, 19,
# 22 and 25, were hurt", "a man and his wife, 68, died"
_AGES_BETWEEN_COMMAS = re.compile(
    r"\s*,\s*(?:aged\s+)?\d{1,3}(?:\s*,\s*\d{1,3})*(?:\s*,?\s*and\s+\d{1,3})?(?=\s*,)"
)
# the start of an age between commas after whom it is the age of: "Hero cop, 34, shot dead"
_AGE_BETWEEN_COMMAS = re.compile(r"[a-z]\s*,\s*$")
# a part of the figure before, not more of it: "seven people, four of them children", "32
# injured, 5 critically"
_PART_OF = re.compile(
    r"\s*(?:of|critically|seriously|severely|badly|gravely|fatally|mortally|slightly|lightly)\b"
)
# the end of people named again between commas: "The victim, a 34-year-old woman, died", "Two
# men, a driver and a surveyor's assistant, are missing"
_APPOSITION_END = re.compile(r"[^,;.\n]{0,60},\s+(?!and\b|or\b)[a-z]")
_POSSESSIVE = re.compile(r"(?:his|her|their|its)\s+")
_YEAR_THEN_COUNT = re.compile(rf"(?:1[89]|20)\d\d,?\s+(?:\d|(?:{_WORDS_OF_A_NUMBER})\b)")
_BARE_KIN = re.compile(
    r"(?:husband|wife|son|daughter|father|mother|brother|sister|grandson|granddaughter"
    r"|grandfather|grandmother|uncle|aunt|nephew|niece|cousin|fianc[ée]e?|(?:family\s+)?friend"
    r"|neighbou?r)(?![\w-])"
)
# a partitive of another group, joined by "and": "a woman and two of her grandchildren"
_OF_THEIR_OWN = re.compile(r"\s*of\s+(?:his|her|their|its|our|my)\b")
# twins: "their twin daughters" are two
_TWINS = re.compile(r"\btwin\s+(?:sons|daughters|brothers|sisters|boys|girls|babies)\b|\btwins\b")
_EMPTY_GROUPS = {"people", "persons", "others", "individuals", "were", "was", "has", "have", "is"}
_STOP = re.compile(
    r"\b(?:were|was|have|has|had|are|is|in|on|at|after|when|and|from|suffered|sustained|needed"
    r"|required|received|remain|remains|remained|went|lost)\b"
)
_DIGITS_ONLY = re.compile(r"[\d,]+")
_WORD_SEPARATOR = re.compile(r"[\s-]+")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def number_value(words: str) -> int | None:
    """The value of digits or English number words: '1,200' 1200, 'twenty-one' 21."""
    words = words.strip()
    if words.isdigit():
        return int(words)
    words = words.lower().replace("half a dozen", "six").replace("half-dozen", "six")
    words = words.replace("half dozen", "six")
    if _DIGITS_ONLY.fullmatch(words):
        return int(words.replace(",", ""))
    total = current = 0
    seen = False
    for word in _WORD_SEPARATOR.split(words):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_casualty(text: str) -> dict:
    """The attributes a casualty figure's text says; keys that it does not say are absent."""
    attrs: dict = {}
    if "  " in text or not text.isprintable():  # runs of white space, line breaks
        text = " ".join(text.split())
    low = text.lower()  # what the patterns read; the group is taken from text
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep the offsets
        low = text.translate(_ASCII_LOWER)
    of_the_kind = _OF_THE_KIND.search(low) if " of " in low else None
    kind = (
        _FOUND_DEAD_LATER.search(low)
        or (of_the_kind and _KIND.search(low, of_the_kind.end()))
        or _first_figures_kind(low)
    )
    if kind:
        attrs["kind"] = kind.lastgroup
    toll = (
        _toll_reaches(low)
        if "toll" in low or "total" in low or "number of" in low or "count" in low
        else None
    )
    figure = _first_figure(text, low, toll.end() if toll else 0)
    if figure is None:
        return attrs
    minimum, maximum, end, group = figure
    groups = [group]
    while following := _joined_figure(text, low, end):
        more_minimum, more_maximum, following_end, group = following
        other_kind = (
            _KIND.search(low, end, following_end)
            or _IMPLIED_KIND.search(low, end, following_end)
            or _KIND_NEXT.match(low, following_end)
        )
        if other_kind and other_kind.lastgroup != attrs.get("kind"):
            break  # "23 deaths, 41 injured" is 23 killed
        end = following_end
        minimum = None if minimum is None or more_minimum is None else minimum + more_minimum
        maximum = None if maximum is None or more_maximum is None else maximum + more_maximum
        groups.append(group)
    if toll and toll.group("beyond") and minimum is not None and minimum == maximum:
        minimum, maximum = minimum + 1, None  # "the toll passed 12,000" is more than 12,000
    if minimum == maximum == 1 and _TWINS.search(low):
        minimum = maximum = 2
    if minimum is not None and minimum == maximum:
        attrs["count"] = minimum
    else:
        bounds = (("count_min", minimum), ("count_max", maximum))
        attrs.update({key: value for key, value in bounds if value is not None})
    if all(groups):
        listed = [", ".join(groups[:-1]), groups[-1]] if groups[1:] else groups
        attrs["group"] = " and ".join(listed)
    return attrs


def _toll_reaches(low: str) -> re.Match | None:
    """Where a toll reaches its figure: the word before the count it reaches."""
    toll = _TOLL.search(low)
    if toll is None:
        return None
    reaches = list(_REACHES.finditer(low, toll.end()))
    for reach in reaches:
        if _count(low, reach.end(), here=True):
            return reach
    return reaches[0] if reaches else None


def _first_figures_kind(low: str) -> re.Match | None:
    """The word saying what happened to the first figure: a noun that implies it is the kind
    when a word of another kind comes after another count ("23 deaths, 41 injured")."""
    kind = _KIND.search(low)
    implied = _IMPLIED_KIND.search(low, 0, kind.start() if kind else len(low))
    if kind and implied:
        between = _count(low, implied.end())
        return implied if between and between[0] < kind.start() else kind
    return kind or implied


# a figure found: (low, high, end, group); low or high None where the text gives no bound
Figure = tuple[int | None, int | None, int, str]


_PERSON_REACH = 80


def _first_figure(text: str, low: str, start: int) -> Figure | None:
    """The first figure at or after `start`: a count, or one person named without one."""
    number = _count(low, start)
    # one person counts only before the number (a person's words are far fewer than this)
    person = _ONE_PERSON.search(low, start, number[0] + _PERSON_REACH if number else len(low))
    name_end = min(number[0] if number else len(text), person.end() if person else len(text))
    name = _named_person(text, start, name_end) if name_end - start > 4 else None
    if name:
        return 1, 1, name[1], ""
    first = min(number[0] if number else len(low), person.start() if person else len(low))
    one_more = _ONE_MORE.search(low, start, first) if "a" in low[start:first] else None
    if one_more:
        return 1, 1, one_more.end(), ""
    if person and (number is None or person.start() < number[0]):
        return 1, 1, person.end(), _AGE_BEFORE.sub("", text[person.start(1) : person.end(1)])
    if number is None:
        return None
    number_start, minimum, maximum, end = number
    if _AGE_BETWEEN_COMMAS.search(low, 0, number_start) and low.startswith(",", end):
        return 1, 1, end, ""  # "Tragic gran, 78, dies": one person and her age
    group, end = _group_after(text, low, end)
    return minimum, maximum, end, group


def _joined_figure(text: str, low: str, position: int) -> Figure | None:
    """A figure of the same kind joined to the one ending at `position` ("four children and a
    paramedic"), not a part of it ("seven people, four of them children")."""
    between = None
    if low.startswith(",", position):
        between = _AGES_BETWEEN_COMMAS.match(low, position)
    elif low.startswith((" in ", " at ", " near "), position):
        between = _PLACE_BETWEEN.match(text, position)
    joiner = _JOINER.match(low, between.end() if between else position)
    if not joiner:
        return None
    listed = "and" in joiner.group()
    person = _ONE_PERSON.match(low, joiner.end())
    if person:
        if not listed and _APPOSITION_END.match(low, person.end()):
            return None
        return 1, 1, person.end(), _AGE_BEFORE.sub("", text[person.start(1) : person.end(1)])
    kin = _BARE_KIN.match(low, joiner.end()) if listed else None
    if kin:  # "his wife and daughter": the possessive said once for both
        return 1, 1, kin.end(), kin.group()
    name = NAME_AT.match(text, joiner.end())  # "Nadia Kern and Tomas Varga"
    if name:
        if not listed and _APPOSITION_END.match(text, name.end()):
            return None
        return 1, 1, name.end(), ""
    possessive = _POSSESSIVE.match(low, joiner.end())  # "a woman and her two daughters"
    at = possessive.end() if possessive else joiner.end()
    number = _count(low, at, here=True)
    if number is None or (
        _PART_OF.match(low, number[3]) and not (listed and _OF_THEIR_OWN.match(low, number[3]))
    ):
        return None
    _, minimum, maximum, end = number
    group, end = _group_after(text, low, end)
    return minimum, maximum, end, group


def _count(
    low: str, start: int, here: bool = False
) -> tuple[int, int | None, int | None, int] | None:
    """The first count from `start` on, or the one at `start` if `here`: (start, low, high,
    end)."""
    figures = (_FIGURE.match(low, start),) if here else _FIGURE.finditer(low, start)
    for figure in figures:
        if not figure:
            return None
        count = figure.group("count")
        if count and count.strip() in ("a", "an"):
            continue  # "a" alone is an article: _ONE_PERSON reads "a teacher"
        start, end = figure.span()
        if count and count.strip() == "one" and _ONE_OF_DEATHS.match(low, end):
            continue
        if count and _YEAR_THEN_COUNT.match(low, start):
            continue  # "In 2008 two trampers drowned": the year, then the count
        if _AGE_AFTER.match(low, end) or (
            (end - start == 4 or "age" in low[max(0, start - 8) : start])
            and _NOT_A_COUNT.search(low, max(0, start - 16), end)
        ):
            continue
        bounds = _bounds(figure, count)
        if bounds:
            return start, *bounds, end
    return None


def _bounds(figure: re.Match, count: str | None) -> tuple[int | None, int | None] | None:
    """(low, high) of one count: "at least 12" (12, None), "between 10 and 15" (10, 15)."""
    if count:
        value = number_value(count)
        if value is None:
            return None
        floor, ceiling = figure.group("floor", "ceiling")
        if floor:
            return (value + 1 if floor.startswith(("more", "over", "in ")) else value), None
        if figure.group("or_more"):
            return value, None
        if ceiling:
            return None, value - 1 if ceiling.startswith(("fewer", "less", "under")) else value
        return value, value
    if figure.group("low"):
        low, high = number_value(figure.group("low")), number_value(figure.group("high"))
        return (low, high) if low is not None and high is not None else None
    if figure.group("from"):
        low, high = int(figure.group("from")), int(figure.group("to"))
        return (low, high) if low <= high else None  # "a 2-1 win" is a score
    if figure.group("either"):
        low, high = number_value(figure.group("either")), number_value(figure.group("or"))
        return (low, high) if low is not None and high is not None and low <= high else None
    return _VAGUE[" ".join(figure.group("vague").split())], None


def _group_after(text: str, low: str, position: int) -> tuple[str, int]:
    """Who the figure counts: the plural noun phrase right after it, if it names someone, and
    where the words it read end."""
    stop = _STOP.search(low, position)
    match = _GROUP.match(low, position, stop.start() if stop else len(low))
    if not match:
        return "", position
    words, end = match.group(1), match.end(1)
    if words in _EMPTY_GROUPS or words.split()[-1] in _EMPTY_GROUPS - {"people"}:
        return "", end
    if _KIND.search(words) or _IMPLIED_KIND.search(words):
        return "", end
    return text[match.start(1) : end], end


def prefilled_attrs(tag: TagDef, text: str) -> dict:
    """The attributes a tag's text says, for tags with casualty attributes: "at least 14
    people were killed" gives count_min 14 and kind killed. Only those the tag defines."""
    defined = {attr.name: attr for attr in tag.attributes}
    if "kind" not in defined and "count" not in defined:
        return {}
    return {
        name: value
        for name, value in parse_casualty(text).items()
        if name in defined and (defined[name].type != "choice" or value in defined[name].choices)
    }
