"""Reading a casualty figure's attributes from its text."""

import pytest

from readtui.casualty import number_value, parse_casualty, prefilled_attrs


@pytest.mark.parametrize(
    "text, attrs",
    [
        ("at least 14 people were killed", {"count_min": 14, "kind": "killed"}),
        ("killing at least 12 people", {"count_min": 12, "kind": "killed"}),
        # groups of one kind joined in one phrase are added up
        (
            "killed 20 security officials and three civilians",
            {"count": 23, "kind": "killed", "group": "security officials and civilians"},
        ),
        ("dozens were wounded", {"count_min": 24, "kind": "injured"}),
        ("the death toll rose to 45", {"count": 45, "kind": "killed"}),
        ("nine were unaccounted for", {"count": 9, "kind": "missing"}),
        ("wounding more than 40", {"count_min": 41, "kind": "injured"}),
        ("fewer than 10 died", {"count_max": 9, "kind": "killed"}),
        ("up to 1,200 people are missing", {"count_max": 1200, "kind": "missing"}),
        (
            "between 10 and 15 soldiers were captured",
            {"count_min": 10, "count_max": 15, "kind": "captured", "group": "soldiers"},
        ),
        ("10-15 hostages", {"count_min": 10, "count_max": 15, "kind": "captured"}),
        ("a dozen children died", {"count": 12, "kind": "killed", "group": "children"}),
        ("twenty-one civilians were killed", {"count": 21, "kind": "killed", "group": "civilians"}),
        (
            "hundreds of civilians injured",
            {"count_min": 200, "kind": "injured", "group": "civilians"},
        ),
        ("in 2019, 5 people died", {"count": 5, "kind": "killed"}),
        (
            "a 45-year-old man and two women were killed",
            {"count": 3, "kind": "killed", "group": "man and women"},
        ),
        ("at least seven people", {"count_min": 7}),
        ("the wounded were taken to hospital", {"kind": "injured"}),
        ("aged 45", {}),
    ],
)  # fmt: skip
def test_a_figure_gives_the_attributes_its_text_says(text: str, attrs: dict) -> None:
    assert parse_casualty(text) == attrs


@pytest.mark.parametrize(
    "text, attrs",
    [
        # groups of one kind joined in one phrase are added up; a floor plus a number is a floor
        ("the dead included four children and a paramedic",
         {"count": 5, "kind": "killed", "group": "children and paramedic"}),
        ("at least 118 soldiers and 240 civilians have been killed",
         {"count_min": 358, "kind": "killed", "group": "soldiers and civilians"}),
        ("12 soldiers, 4 civilians and a policeman were killed",
         {"count": 17, "kind": "killed", "group": "soldiers, civilians and policeman"}),
        ("two children and their mother were killed",
         {"count": 3, "kind": "killed", "group": "children and mother"}),
        # a part named after the whole is not added; a figure of another kind is not read
        ("killing at least seven people, including four children",
         {"count_min": 7, "kind": "killed"}),
        ("23 people had been injured in the collapse, four of them critically",
         {"count": 23, "kind": "injured"}),
        ("killing 12 people, 3 of them children", {"count": 12, "kind": "killed"}),
        ("five soldiers were killed and 17 wounded",
         {"count": 5, "kind": "killed", "group": "soldiers"}),
        ("2 dead, 5 hurt", {"count": 2, "kind": "killed"}),
        # one person named without a number is one
        ("A security guard and a teacher were shot dead",
         {"count": 2, "kind": "killed", "group": "security guard and teacher"}),
        ("whose brother died in the collapse", {"count": 1, "kind": "killed", "group": "brother"}),
        ("killed a 19-year-old apprentice",
         {"count": 1, "kind": "killed", "group": "apprentice"}),
        ("a senior official was abducted",
         {"count": 1, "kind": "captured", "group": "senior official"}),
        # a toll is read by the figure it reaches
        ("the death toll rose from 12 to 16", {"count": 16, "kind": "killed"}),
        ("the number of confirmed dead has risen to 31", {"count": 31, "kind": "killed"}),
        # more ways to say how many
        ("12 or more people were injured", {"count_min": 12, "kind": "injured"}),
        ("no more than a dozen hostages", {"count_max": 12, "kind": "captured"}),
        ("half a dozen villagers were abducted",
         {"count": 6, "kind": "captured", "group": "villagers"}),
        ("two or three people drowned", {"count_min": 2, "count_max": 3, "kind": "killed"}),
        ("tens of thousands of people have been killed", {"count_min": 20000, "kind": "killed"}),
        ("scores of civilians died", {"count_min": 40, "kind": "killed", "group": "civilians"}),
        ("some 300 people remain missing", {"count": 300, "kind": "missing"}),
        ("a 2-1 win", {}),
        # the word that says what happened, before a noun that only implies it
        ("five hostages were killed", {"count": 5, "kind": "killed"}),
        ("lost only four martyrs", {"count": 4, "kind": "killed"}),
        ("37 people had been taken to hospital", {"count": 37, "kind": "injured"}),
        ("hundreds of protesters had been detained",
         {"count_min": 200, "kind": "captured", "group": "protesters"}),
        ("45 boys were taken", {"count": 45, "kind": "captured", "group": "boys"}),
        ("40 miners trapped", {"count": 40, "group": "miners"}),
        # who: the longest name of them, without "of the" or an empty word
        ("two of the gunmen had been killed", {"count": 2, "kind": "killed", "group": "gunmen"}),
        ("Three police officers were among the dead",
         {"count": 3, "kind": "killed", "group": "police officers"}),
        ("dozens of elderly people had been treated for hypothermia",
         {"count_min": 24, "kind": "injured", "group": "elderly people"}),
        ("27 bodies", {"count": 27, "kind": "killed"}),
        # white space and case as the text has them
        ("At  least 12\nPeople were KILLED", {"count_min": 12, "kind": "killed"}),
        # a person named by name, or one person with "the", is one; an age is not a count
        ("Nadia Kern was killed", {"count": 1, "kind": "killed"}),
        ("Colonel Ruben Asker died", {"count": 1, "kind": "killed"}),
        ("Tomas Varga, 42, died", {"count": 1, "kind": "killed"}),
        ("Ellen O'Brien, 67, who died", {"count": 1, "kind": "killed"}),
        ("killed Maria dos Santos", {"count": 1, "kind": "killed"}),
        ("Among the dead was Corporal Jake Ellis", {"count": 1, "kind": "killed"}),
        ("Nadia Kern and her two daughters were killed", {"count": 3, "kind": "killed"}),
        ("The driver was killed", {"count": 1, "kind": "killed", "group": "driver"}),
        ("the 16-year-old boy who was stabbed to death",
         {"count": 1, "kind": "killed", "group": "boy"}),
        ("One soldier was killed", {"count": 1, "kind": "killed"}),
        ("the victims included a five-year-old girl",
         {"count": 1, "group": "five-year-old girl"}),
        ("the driver and two passengers were killed",
         {"count": 3, "kind": "killed", "group": "driver and passengers"}),
        # a title-case headline is not a name
        ("Storm Kills Two Fishermen", {"count": 2, "kind": "killed", "group": "Fishermen"}),
        # running totals: the figure the total reaches
        ("the total to 27", {"count": 27}),
        ("the total rose from 12 to 16", {"count": 16}),
        ("Death toll: 31", {"count": 31, "kind": "killed"}),
        ("The confirmed death toll is now 58", {"count": 58, "kind": "killed"}),
        ("The number of people killed in the attack has risen to 30",
         {"count": 30, "kind": "killed"}),
        # what happened to them first
        ("Killed were 12 soldiers and two civilians",
         {"count": 14, "kind": "killed", "group": "soldiers and civilians"}),
        ("Those killed included two police officers and a nurse",
         {"count": 3, "kind": "killed", "group": "police officers and nurse"}),
        # more ways to say what happened
        ("claimed the lives of 12 people", {"count": 12, "kind": "killed"}),
        ("The deaths of 12 migrants", {"count": 12, "kind": "killed", "group": "migrants"}),
        ("Twelve lives were lost", {"count": 12, "kind": "killed"}),
        ("Ten people were shot, two of them fatally", {"count": 10}),
        ("Three people remain in hospital", {"count": 3, "kind": "injured"}),
        ("Two firefighters suffered burns",
         {"count": 2, "kind": "injured", "group": "firefighters"}),
        ("Six people needed hospital treatment", {"count": 6, "kind": "injured"}),
        ("Four people are in a stable condition", {"count": 4, "kind": "injured"}),
        ("killed all 56 people", {"count": 56, "kind": "killed"}),
        ("took 30 people hostage", {"count": 30, "kind": "captured"}),
        ("Thirty people went missing", {"count": 30, "kind": "missing"}),
        ("Two people were pronounced dead", {"count": 2, "kind": "killed"}),
        ("Deaths: 12", {"count": 12, "kind": "killed"}),
        ("Injured: 340", {"count": 340, "kind": "injured"}),
        ("The driver suffered fatal injuries", {"count": 1, "kind": "killed", "group": "driver"}),
        ("One passenger was fatally injured", {"count": 1, "kind": "killed"}),
        ("Nadia Kern and her son were killed", {"count": 2, "kind": "killed"}),
        # two of another group joined by "and" are more people; twins are two; a year is no count
        ("A 68-year-old woman and two of her grandchildren died", {"count": 3, "kind": "killed"}),
        ("lost their twin daughters", {"count": 2, "kind": "killed", "group": "twin"}),
        ("Father and family friend drowned", {"count": 2, "kind": "killed"}),
        ("In 2008 two trampers drowned", {"count": 2, "kind": "killed", "group": "trampers"}),
        ("kills at least 16, seven missing", {"count_min": 16, "kind": "killed"}),
        # the possessive said once for two of the family
        ("His wife and daughter were killed",
         {"count": 2, "kind": "killed", "group": "wife and daughter"}),
        ("Nadia Kern and Tomas Varga were killed", {"count": 2, "kind": "killed"}),
        ("Both drivers died", {"count": 2, "kind": "killed", "group": "drivers"}),
        ("lost her husband", {"count": 1, "kind": "killed", "group": "husband"}),
        ("lost two sons", {"count": 2, "kind": "killed", "group": "sons"}),
        ("The dead numbered 31", {"count": 31, "kind": "killed"}),
        ("Twelve people (four of them children) were killed", {"count": 12, "kind": "killed"}),
        # people named again between commas are not more people
        ("The victim, a 34-year-old woman, died",
         {"count": 1, "kind": "killed", "group": "victim"}),
        ("Two men, a driver and a surveyor’s assistant, are still listed as missing",
         {"count": 2, "kind": "missing", "group": "men"}),
        ("a nurse, a teacher and a driver were killed",
         {"count": 3, "kind": "killed", "group": "nurse, teacher and driver"}),
        # names listed, with their ages and home towns
        ("The dead were named as Nadia Kern, 34, and Tomas Varga", {"count": 2, "kind": "killed"}),
        ("Nadia Kern, Tomas Varga and Ali Kaya were killed", {"count": 3, "kind": "killed"}),
        ("The dead were identified as Maria Lopez, 41, of Sparks, and her son",
         {"count": 2, "kind": "killed"}),
        # what happens to them now, not what they were: "two of the wounded died"
        ("two of the wounded died overnight in hospital", {"count": 2, "kind": "killed"}),
        ("Eleven of the wounded are in a critical condition", {"count": 11, "kind": "injured"}),
        # a part said by how badly is not added
        ("32 people were injured, 5 critically", {"count": 32, "kind": "injured"}),
        # more words for what happened and how many
        ("One person lost their life", {"count": 1, "kind": "killed"}),
        ("Five residents suffered smoke inhalation",
         {"count": 5, "kind": "injured", "group": "residents"}),
        ("Nine others were pulled out with crushed legs and broken spines",
         {"count": 9, "kind": "injured"}),
        ("a man had been fatally stabbed", {"count": 1, "kind": "killed", "group": "man"}),
        ("Two men were stabbed", {"count": 2, "kind": "injured", "group": "men"}),
        ("Several hundred people were hurt", {"count_min": 200, "kind": "injured"}),
        ("The fatality count stood at 31", {"count": 31, "kind": "killed"}),
        ("Death toll from Turkey quake passes 40,000", {"count_min": 40001, "kind": "killed"}),
        ("A Palestinian was shot dead", {"count": 1, "kind": "killed", "group": "Palestinian"}),
        ("A father-of-three was killed",
         {"count": 1, "kind": "killed", "group": "father-of-three"}),
        ("A 10-year-old was among those wounded",
         {"count": 1, "kind": "injured", "group": "10-year-old"}),
    ],
)  # fmt: skip
def test_the_gold_conventions_give_the_counts(text: str, attrs: dict) -> None:
    assert parse_casualty(text) == attrs


@pytest.mark.parametrize(
    "text, attrs",
    [
        # ages between commas after people are no more people
        ("the pilot, 58, died at the scene", {"count": 1, "kind": "killed", "group": "pilot"}),
        ("two brothers, 9 and 12, drowned", {"count": 2, "kind": "killed", "group": "brothers"}),
        ("Three teenagers, 15, 16 and 17, were stabbed",
         {"count": 3, "kind": "injured", "group": "teenagers"}),
        ("a 70-year-old man and his wife, 68, died",
         {"count": 2, "kind": "killed", "group": "man and wife"}),
        ("Six children aged between 4 and 12 were killed",
         {"count": 6, "kind": "killed", "group": "children"}),
        # a list of groups still adds up, also with the places they were in
        ("killed at least four people in Florida and two in Georgia",
         {"count_min": 6, "kind": "killed"}),
        ("killed 12 people in New York and 3 in New Jersey",
         {"count": 15, "kind": "killed"}),
        ("killed 12 in Kessa, police said", {"count": 12, "kind": "killed"}),
        ("14 soldiers, 3 policemen and 2 civilians were killed",
         {"count": 19, "kind": "killed", "group": "soldiers, policemen and civilians"}),
        # one more person, by their place after others or as "another"
        ("a third was critically injured", {"count": 1, "kind": "injured"}),
        ("a second was taken to hospital", {"count": 1, "kind": "injured"}),
        ("another is still missing", {"count": 1, "kind": "missing"}),
        ("Another person died", {"count": 1, "kind": "killed", "group": "person"}),
        ("another 12 bodies were found", {"count": 12, "kind": "killed"}),
        ("a third of the passengers died", {"kind": "killed"}),
        # not found is missing; not "not found guilty"
        ("five were never found", {"count": 5, "kind": "missing"}),
        ("11 have not yet been found", {"count": 11, "kind": "missing"}),
        ("two people are yet to be accounted for", {"count": 2, "kind": "missing"}),
        ("three men were not found guilty", {"count": 3, "group": "men"}),
        # none survived: all died
        ("None of the 62 people aboard survived", {"count": 62, "kind": "killed"}),
        ("none of the nine crew members survived",
         {"count": 9, "kind": "killed", "group": "crew members"}),
        # a toll with a clause inside is read by the figure it reaches
        ("The death toll, which stood at 45 on Monday, rose to 60",
         {"count": 60, "kind": "killed"}),
        ("the toll, revised upwards by officials, now stands at 80",
         {"count": 80, "kind": "killed"}),
        ("the toll rose to 80, officials said, up from 70", {"count": 80, "kind": "killed"}),
        # taken to hospital with the count between
        ("had taken 23 patients to hospital",
         {"count": 23, "kind": "injured", "group": "patients"}),
        ("took 30 people hostage", {"count": 30, "kind": "captured"}),
        # the death of one person named by name
        ("the death of Nadia Kern", {"count": 1, "kind": "killed"}),
    ],
)  # fmt: skip
def test_shapes_found_on_unseen_articles_give_the_counts(text: str, attrs: dict) -> None:
    assert parse_casualty(text) == attrs


@pytest.mark.parametrize(
    "words, value",
    [("1,200", 1200), ("fourteen", 14), ("twenty-one", 21), ("a dozen", 12),
     ("two hundred and fifty", 250), ("three thousand", 3000), ("many", None),
     ("half a dozen", 6), ("Forty-Two", 42)],
)  # fmt: skip
def test_number_words_have_their_value(words: str, value: int | None) -> None:
    assert number_value(words) == value


def test_a_tag_gets_only_the_attributes_it_defines() -> None:
    from readtui.config import DEFAULT_TAGS, AttrDef, TagDef

    casualty = next(tag for tag in DEFAULT_TAGS if tag.name == "casualty figure")
    assert prefilled_attrs(casualty, "at least 14 people were killed") == {
        "count_min": 14,
        "kind": "killed",
    }
    claim = next(tag for tag in DEFAULT_TAGS if tag.name == "claim")
    assert prefilled_attrs(claim, "at least 14 people were killed") == {}
    # a tag of the user's with a count and its own kinds: a kind it does not list is left out
    toll = TagDef("toll", 4, "#000000", "bold", "T",
                  (AttrDef("count", "int"), AttrDef("kind", "choice", ("dead",))))  # fmt: skip
    assert prefilled_attrs(toll, "12 people were killed") == {"count": 12}


@pytest.mark.parametrize(
    "text, attrs",
    [
        # a time before the figure is no count
        ("Ten years ago ninety-six people died", {"count": 96, "kind": "killed"}),
        ("In two days, 40 people were killed", {"count": 40, "kind": "killed"}),
        # one of a count of the dead is a part of it; one of people is one
        ("one of these 27 deaths", {"count": 27, "kind": "killed"}),
        ("one of the 31 victims", {"count": 31, "group": "victims"}),
        ("one of the 14 people on board died", {"count": 1, "kind": "killed"}),
        # a figure of another kind after the first is not added, and does not give the kind
        ("23 deaths, 41 injured", {"count": 23, "kind": "killed"}),
        ("6 fatalities and 14 serious injuries", {"count": 6, "kind": "killed"}),
        ("the death toll rose to 45, with 12 injured", {"count": 45, "kind": "killed"}),
        ("five hostages were killed", {"count": 5, "kind": "killed"}),
        ("27 bodies and 3 more bodies were found", {"count": 30, "kind": "killed"}),
        # a later fate outweighs an earlier one, for one person, not for a part of many
        ("A climber who was reported missing was found dead", {"count": 1, "kind": "killed",
                                                               "group": "climber"}),
        ("12 injured, one of whom later died", {"count": 12, "kind": "injured"}),
        # a whole with its part is the whole
        ("Pedestrian deaths: 38, of whom 21 were aged 65 or over", {"count": 38, "kind": "killed"}),
        ("14 civilians, including 4 children and 3 women",
         {"count": 14, "group": "civilians"}),
    ],
)  # fmt: skip
def test_counts_of_the_fourth_unseen_set(text: str, attrs: dict) -> None:
    assert parse_casualty(text) == attrs
