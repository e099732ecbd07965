"""The vocabulary of the casualty rule (readtui.suggest.casualties): the words of news text
about the dead, the hurt, the missing and the held. readtui.suggest.casualty_patterns builds its
patterns from these lists; a word added here is matched at once, in lower case.

Lists of single words are separated by spaces; lists that hold phrases by "|" or new lines.
"""

# words before a count that qualify it: "at least 12", "some 300", "a family of five"
QUALIFIERS = """
    about|around|approximately|roughly|some|estimated|an estimated|only|just|over|well over
    just over|just under|nearly|almost|another|at least|at most|more than|no fewer than
    no less than|not less than|not fewer than|no more than|not more than|upwards of|in excess of
    up to|as many as|fewer than
    several
    less than|a further|an additional|a total of|close to|a reported|all|a family of
"""
# whom a count counts: "12 villagers", "three farmhands" (words with a person's ending,
# "-ers", "-ians", "-men", need not be listed)
PERSONS = """
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
    hikers swimmers members elderly suspects israelis iraqis pakistanis somalis
    yemenis saudis bangladeshis kurds turks sudanese lebanese chinese japanese congolese
    vietnamese burmese rohingya uighurs uyghurs tamils sikhs jews muslims hindus druze britons
    victims sons daughters brothers sisters husbands wives fathers mothers grandsons granddaughters
    nephews nieces cousins siblings grandchildren friends neighbours neighbors tenants immigrants
    servants merchants assistants attendants sergeants lieutenants farmhands deckhands stagehands
    twins newborns adolescents juveniles cops deputies diplomats aides bodyguards candidates
    delegates chefs cooks clerks scouts imams bishops czechs thais filipinos nepalis
    spaniards arabs emiratis qataris uzbeks tajiks chechens bedouins shepherds goatherds
    cowherds nomads herdsmen maids lads guys folks pals mates buddies males females jawans sepoys
    elements companions
"""
# words with a person's ending that name things ("two helicopters were captured")
NOT_PERSONS = """
    helicopters tankers containers towers numbers computers trailers shelters centers matters
    letters papers orders chapters meters liters quarters headquarters borders corners layers
    rivers waters powers flowers cylinders boilers markers chambers folders fingers carriers
    destroyers launchers offers answers transfers filters covers servers clusters registers
    doors floors sectors factors motors tractors reactors generators corridors errors mirrors
    elevators indicators detectors ventilators processors interiors vectors anchors
    degrees fees trees knees committees decrees guarantees levees lists wrists twists others
    plans loans scans bans vans pans cans beans means oceans spans titans
"""
# what happened, as a word that is never one of the adjectives before whom a count counts
KIND_WORDS = """
    killed dead died dies die perished drowned slain murdered massacred executed beheaded
    martyred deceased harmed electrocuted asphyxiated suffocated strangled decapitated gored
    poisoned sickened ill scalded paralysed paralyzed concussed unconscious vanished snatched
    lynched shot gunned injured wounded hurt maimed hospitalised hospitalized treated taken
    rushed admitted missing unaccounted disappeared captured abducted kidnapped held seized
    trapped detained
"""
# words that end the adjectives before whom a count counts
STOP_WORDS = """
    and or but of in on at to from by with for as after before during when while since near
    who that which whose were was are is have has had been being be will would may might could
    said says the a an their its his her our this these those than including them ago
"""
# words between whom and what happened: "were still", "are feared", "had already been"
AUXILIARY = """
    were was are is have has had been being be will would may might could must also all still
    already reportedly reported officially confirmed believed feared presumed thought known said
    understood later now since subsequently initially each both to remain remains remained
    critically seriously badly severely slightly fatally mortally lightly gravely apparently
    allegedly likely probably eventually recently left|listed as
"""
# verbs before a count that say what happened: "killing 12", "abducted 40 pupils"
VERBS_OF_CASUALTY = """
    kill|kills|killed|killing|wounds|wounded|wounding|injure|injures|injured|injuring
    abduct|abducts|abducted|abducting|kidnap|kidnaps|kidnapped|kidnapping|capture|captures
    captured|capturing|seize|seizes|seized|seizing|massacre|massacres|massacred|massacring
    murder|murders|murdered|murdering|execute|executes|executed|executing|behead|beheads
    beheaded|beheading|shot dead|shoot dead|shoots dead|shooting dead|gunned down|gunning down
    hospitalised|hospitalising|hospitalized|hospitalizing|rounded up|rounding up|round up
    rounds up|trampled to death|hacked to death|stabbed to death|beaten to death|burnt to death
    burned to death|slaughtered|slaughtering|neutralised|neutralized|neutralising|neutralizing
    fatally shot|fatally stabbed|fatally wounded|fatally injured|fatally mauled|mauled to death
    electrocuted|electrocuting|asphyxiated|suffocated|strangled|decapitated|gored|snatched
    snatching|sickened|sickening|poisoned|poisoning
"""
# a toll or a count of people of one kind: "the number of people killed"
NUMBER_OF_KINDS = """
    dead|deaths|killed|injured|wounded|missing|casualties|fatalities|victims|injuries|murdered
    homicides|killings
"""
NUMBER_OF_WHOM = """
    people|persons|civilians|those|soldiers|children|migrants|fighters|troops|residents|patients
    workers|students|journalists|officers
"""
# what a toll does to reach a figure: "the death toll rose to 41", "passes 40,000"
TOLL_REACHES = """
    to|at|reached|reach|reaches|passed|passes|hit|hits|topped|tops|exceeded|exceeds|past
    surpassed|surpasses|above|beyond|was|is|stood|stands|stand
"""
# a clause inside a toll: "The death toll, which stood at 45 on Monday, rose to 60"
TOLL_ASIDES = "which|that|revised|updated|previously|initially|already|confirmed|according|as|given"
# a part of a count is no count of its own: "half of the 300 passengers", "a mother of two"
PART_OF_COUNT = """
    half of|half of the|a third of the|two-thirds of the|a quarter of the|most of the|many of the
    some of the|a few of the|mother of|father of|mum of|dad of
"""
# a list's label: "Deaths: 12", "People missing: 4"
LABELS = """
    deaths|dead|killed|fatalities|injured|wounded|injuries|missing|casualties|people killed
    people dead|people injured|people missing|persons killed|persons injured|persons missing
    confirmed deaths|reported deaths|bodies recovered
"""
# the beginnings of the words and phrases near which a count may be a casualty figure (the
# rule reads a count only where one of them is within reach)
CASUALTY_WORDS = """
    kill dead die wound injur hurt maim hospital treat missing unaccounted disappear captur
    abduct kidnap held hostage seiz taken detain rounded trapped perish drown slain murder
    massacr execut behead lynch gunned shot stabbed burn crushed beaten trampled hacked starved
    hanged succumb lost lives death bodies body fatalit martyr corpse casualt toll captiv victim
    condition total inhal fractur intensive homicid harmed ransom electrocut asphyxiat suffocat
    strangl decapitat gored poison sicken scald paralys paralyz concuss unconscious coma hypotherm
    amputat vanish snatch lifeless untraceab
""".split() + [
    "none of", "never found", "never been found", "not been found", "not yet been found",
    "yet to be found", "never located", "yet to be accounted", "not been accounted",
    "not yet been accounted", "fell ill", "taken ill", "became ill", "fallen ill", "fall ill",
    "falls ill", "bitten", "funerals of", "funeral of",
    "did not survive", "failed to survive", "declared dead", "brought dead",
    "lost at sea", "swept away", "life of", "in the hands of", "in the power of",
]  # fmt: skip
