"""The built-in suggestion rule `casualty`: which phrases it offers as casualty figures, and the
counts it fills in. The sentences are written for these tests, in the styles news takes."""

import pytest

from readtui.casualty import parse_casualty
from readtui.suggest.casualties import find_casualties


def figures(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in find_casualties(text)]


def only_figure(text: str) -> tuple[str, dict]:
    found = find_casualties(text)
    assert len(found) == 1, [text[start:end] for start, end, _ in found]
    start, end, attrs = found[0]
    return text[start:end], attrs


@pytest.mark.parametrize(
    "text, span, counts",
    [
        # a verb, then the count
        ("An airstrike on the village killed at least 22 civilians, residents said.",
         "killed at least 22 civilians", {"count_min": 22}),
        ("Gunmen kidnapped 12 passengers from a bus on the highway.",
         "kidnapped 12 passengers", {"count": 12}),
        ("The rebels said they had captured 15 government soldiers.",
         "captured 15 government soldiers", {"count": 15}),
        ("Flash floods killed at least 1,100 people across the province.",
         "killed at least 1,100 people", {"count_min": 1100}),
        ("The attack claimed 19 lives, the ministry said.", "claimed 19 lives", {"count": 19}),
        ("Rescuers pulled 14 bodies from the wreckage on Sunday.",
         "pulled 14 bodies", {"count": 14}),
        ("Medics treated 40 people at the scene for minor injuries.",
         "treated 40 people at the scene for minor injuries", {"count": 40}),
        ("The group is still holding 23 hostages, according to the government.",
         "holding 23 hostages", {"count": 23}),
        ("Officers shot dead two suspected gunmen.",
         "shot dead two suspected gunmen", {"count": 2}),
        ("Fire at care home kills 6", "kills 6", {"count": 6}),
        ("The army said it had killed 45 “terrorists” in the raid.",
         "killed 45 “terrorists", {"count": 45}),
        # the count and whom it counts, then what happened
        ("Police said 17 people were killed when a bus plunged into a ravine.",
         "17 people were killed", {"count": 17}),
        ("Officials said two firefighters died while battling the blaze overnight.",
         "two firefighters died", {"count": 2}),
        ("Dozens of people were injured in clashes with police on Saturday.",
         "Dozens of people were injured", {"count_min": 24}),
        ("Hundreds of migrants are feared dead after the boat sank.",
         "Hundreds of migrants are feared dead", {"count_min": 200}),
        ("Some 300 people remain missing after the mudslide, officials said.",
         "Some 300 people remain missing", {"count": 300}),
        ("Between 40 and 50 students were abducted from the school.",
         "Between 40 and 50 students were abducted", {"count_min": 40, "count_max": 50}),
        ("Up to 200 villagers may have been killed, the UN said.",
         "Up to 200 villagers may have been killed", {"count_max": 200}),
        ("More than 1,000 people were wounded in the protests.",
         "More than 1,000 people were wounded", {"count_min": 1001}),
        ("Nearly 90 people were hospitalised after eating contaminated food.",
         "Nearly 90 people were hospitalised", {"count_max": 90}),
        ("Two dozen workers were hurt in the explosion.",
         "Two dozen workers were hurt", {"count": 24}),
        ("Half a dozen villagers were abducted overnight.",
         "Half a dozen villagers were abducted", {"count": 6}),
        ("Tens of thousands of people have been killed since the war began.",
         "Tens of thousands of people have been killed", {"count_min": 20000}),
        ("Forty-two people have died since the outbreak began.",
         "Forty-two people have died", {"count": 42}),
        ("At least a dozen pilgrims were crushed to death in the stampede.",
         "At least a dozen pilgrims were crushed to death", {"count_min": 12}),
        ("Nine miners remain trapped underground.", "Nine miners remain trapped", {"count": 9}),
        ("Three police officers were among the dead.",
         "Three police officers were among the dead", {"count": 3}),
        ("Six children were among those killed.",
         "Six children were among those killed", {"count": 6}),
        ("Nine of the 14 people on board died.",
         "Nine of the 14 people on board died", {"count": 9}),
        ("“Fourteen of our colleagues are still missing,” the union said.",
         "Fourteen of our colleagues are still missing", {"count": 14}),
        ('"Between 15 and 20 rebels" had been killed, the ministry claimed.',
         'Between 15 and 20 rebels" had been killed', {"count_min": 15, "count_max": 20}),
        ("Six Palestinians were killed in the raid, the health ministry said.",
         "Six Palestinians were killed", {"count": 6}),
        ("The Red Cross said 300 were still unaccounted for.",
         "300 were still unaccounted for", {"count": 300}),
        ("Dozens more were taken to hospital with breathing problems.",
         "Dozens more were taken to hospital", {"count_min": 24}),
        ("A total of 41 patients were treated in hospital for smoke inhalation.",
         "A total of 41 patients were treated in hospital", {"count": 41}),
        ("Floods leave 40 dead in north", "40 dead", {"count": 40}),
        ("8 missing after boat capsizes", "8 missing", {"count": 8}),
        ("At least 12 or more people were injured.",
         "At least 12 or more people were injured", {"count_min": 12}),
        # a count of the dead or hurt
        ("Authorities confirmed 5 fatalities on the motorway.", "5 fatalities", {"count": 5}),
        ("Eleven of the wounded are in a critical condition.",
         "Eleven of the wounded are in a critical condition", {"count": 11}),
        ("Another 12 bodies were found on Tuesday.",
         "Another 12 bodies were found", {"count": 12}),
        ("The bodies of 11 migrants were found in the desert.",
         "The bodies of 11 migrants", {"count": 11}),
        # a toll
        ("The toll from the quake climbed to 1,240 on Wednesday.",
         "The toll from the quake climbed to 1,240", {"count": 1240}),
        ("The death toll from Saturday's explosion now stands at 52.",
         "The death toll from Saturday's explosion now stands at 52", {"count": 52}),
        ("14:32 BST: The number of confirmed dead has risen to 31, the fire service says.",
         "The number of confirmed dead has risen to 31", {"count": 31}),
        ("Officials put the number of wounded at about 150.",
         "the number of wounded at about 150", {"count": 150}),
        # people named without a number
        ("A 16-year-old boy was shot dead by police on Tuesday.",
         "A 16-year-old boy was shot dead", {"count": 1}),
        ("Her son was killed in the blast.", "Her son was killed", {"count": 1}),
        ("A nurse and a paramedic were wounded in the attack.",
         "A nurse and a paramedic were wounded", {"count": 2}),
        ("The bodies of a man and a woman were found in the river.",
         "The bodies of a man and a woman", {"count": 2}),
        # a person named by name is one
        ("Nadia Kern was killed when the roof of the market collapsed.",
         "Nadia Kern was killed", {"count": 1}),
        ("Colonel Ruben Asker died of his wounds two days later.",
         "Colonel Ruben Asker died", {"count": 1}),
        ("Tomas Varga, 42, died at the scene, police said.",
         "Tomas Varga, 42, died", {"count": 1}),
        ("Police named the victim as Ellen O'Brien, 67, who died in hospital.",
         "Ellen O'Brien, 67, who died", {"count": 1}),
        ("Sgt. Daniel Okafor was shot dead at the checkpoint.",
         "Sgt. Daniel Okafor was shot dead", {"count": 1}),
        ("Aid worker Lena Holm was kidnapped outside her hotel.",
         "Lena Holm was kidnapped", {"count": 1}),
        ("The journalist Jamal Idris has been missing since March.",
         "Jamal Idris has been missing", {"count": 1}),
        ("The blast killed Maria dos Santos, a mother of three.",
         "killed Maria dos Santos", {"count": 1}),
        ("Snipers wounded photographer Ali Kaya near the bridge.",
         "wounded photographer Ali Kaya", {"count": 1}),
        ("Nadia Kern and her son were killed in the blast.",
         "Nadia Kern and her son were killed", {"count": 2}),
        ("Nadia Kern and Tomas Varga were killed.", "Nadia Kern and Tomas Varga were killed",
         {"count": 2}),
        ("Fisherman Tomas Lind, 54, remains missing.", "Fisherman Tomas Lind, 54, remains missing",
         {"count": 1}),
        ("Private James Reilly, 19, of the 2nd Battalion, died of his wounds.",
         "Private James Reilly, 19, of the 2nd Battalion, died", {"count": 1}),
        # one person without a number: "the", "one"
        ("The driver was killed instantly when the lorry overturned.",
         "The driver was killed", {"count": 1}),
        ("The gunman was shot dead by police.", "The gunman was shot dead", {"count": 1}),
        ("The victim died in hospital on Sunday.", "The victim died", {"count": 1}),
        ("The 16-year-old boy who was stabbed to death had been walking home.",
         "The 16-year-old boy who was stabbed to death", {"count": 1}),
        ("One soldier was killed in the ambush.", "One soldier was killed", {"count": 1}),
        ("A policeman was wounded in the exchange of fire.",
         "A policeman was wounded", {"count": 1}),
        ("A child was among the dead.", "A child was among the dead", {"count": 1}),
        ("His wife, Maria, 38, was seriously injured.",
         "His wife, Maria, 38, was seriously injured", {"count": 1}),
        ("A woman in her 60s died at the scene.", "A woman in her 60s died", {"count": 1}),
        ("The driver of the lorry was also killed.", "The driver of the lorry was also killed",
         {"count": 1}),
        ("The driver suffered fatal injuries.", "The driver suffered fatal injuries",
         {"count": 1}),
        ("One passenger was fatally injured.", "One passenger was fatally injured",
         {"count": 1}),
        ("Both drivers died at the scene.", "Both drivers died", {"count": 2}),
        ("Both of the injured were in a serious condition.",
         "Both of the injured were in a serious condition", {"count": 2}),
        ("Ana lost her husband in the collapse.", "lost her husband", {"count": 1}),
        ("She lost two sons in the war.", "lost two sons", {"count": 2}),
        # a running total
        ("Rescuers found more bodies on Friday, bringing the total to 27.",
         "the total to 27", {"count": 27}),
        ("Death toll: 31", "Death toll: 31", {"count": 31}),
        ("The confirmed death toll is now 58, officials said.",
         "The confirmed death toll is now 58", {"count": 58}),
        ("The number of people killed in the attack has risen to 30.",
         "The number of people killed in the attack has risen to 30", {"count": 30}),
        ("Hospitals reported more deaths overnight. That brings the total to 112.",
         "the total to 112", {"count": 112}),
        # what happened to them comes first
        ("Killed were 12 soldiers and two civilians.",
         "Killed were 12 soldiers and two civilians", {"count": 14}),
        ("Among those killed were two journalists.",
         "Among those killed were two journalists", {"count": 2}),
        ("Those killed included two police officers and a nurse.",
         "Those killed included two police officers and a nurse", {"count": 3}),
        ("Among the dead were four children.", "Among the dead were four children", {"count": 4}),
        ("Casualties included 14 civilians.", "Casualties included 14 civilians", {"count": 14}),
        ("The victims included a five-year-old girl.",
         "The victims included a five-year-old girl", {"count": 1}),
        ("Among the injured was a 12-year-old boy.",
         "Among the injured was a 12-year-old boy", {"count": 1}),
        ("Among the dead was Corporal Jake Ellis.",
         "Among the dead was Corporal Jake Ellis", {"count": 1}),
        # more of the ways wires, broadcasters and NGOs say it
        ("The blast claimed the lives of 12 people.",
         "claimed the lives of 12 people", {"count": 12}),
        ("The fire cost the lives of six firefighters.",
         "cost the lives of six firefighters", {"count": 6}),
        ("The deaths of 12 migrants in the desert prompted an inquiry.",
         "The deaths of 12 migrants", {"count": 12}),
        ("Twelve lives were lost in the fire.", "Twelve lives were lost", {"count": 12}),
        ("Ten people were shot, two of them fatally.",
         "Ten people were shot, two of them fatally", {"count": 10}),
        ("Three people remain in hospital.", "Three people remain in hospital", {"count": 3}),
        ("Two firefighters suffered burns to their hands.",
         "Two firefighters suffered burns", {"count": 2}),
        ("Six people needed hospital treatment.",
         "Six people needed hospital treatment", {"count": 6}),
        ("Four people are in a critical condition.",
         "Four people are in a critical condition", {"count": 4}),
        ("The crash killed all 56 people on board.", "killed all 56 people", {"count": 56}),
        ("Gunmen took 30 people hostage at the hotel.",
         "took 30 people hostage", {"count": 30}),
        ("The militants are holding 16 people captive.",
         "holding 16 people captive", {"count": 16}),
        ("Sixteen hostages remain in captivity.",
         "Sixteen hostages remain in captivity", {"count": 16}),
        ("Two people were pronounced dead at the scene.",
         "Two people were pronounced dead", {"count": 2}),
        ("Thirty people went missing during the storm.",
         "Thirty people went missing", {"count": 30}),
        ("Nine people were among the victims.", "Nine people were among the victims",
         {"count": 9}),
        ("Deaths: 12", "Deaths: 12", {"count": 12}),
        ("The dead numbered 31, the ministry said.", "The dead numbered 31", {"count": 31}),
        ("Authorities reported 12 confirmed deaths.", "12 confirmed deaths", {"count": 12}),
        ("Twelve people (four of them children) were killed.",
         "Twelve people (four of them children) were killed", {"count": 12}),
        ("Confirmed deaths: 1,204", "Confirmed deaths: 1,204", {"count": 1204}),
    ],
)  # fmt: skip
def test_a_casualty_figure_is_suggested_with_its_count(text: str, span: str, counts: dict) -> None:
    found, attrs = only_figure(text)
    assert found == span
    assert {key: attrs[key] for key in attrs if key.startswith("count")} == counts


@pytest.mark.parametrize(
    "text, spans, count",
    [
        # people of one kind joined in one phrase are one figure, their counts added up
        ("At least 118 soldiers and 240 civilians have been killed in the region this year.",
         ["At least 118 soldiers and 240 civilians have been killed"], {"count_min": 358}),
        ("Gunmen killed 20 security officials and three civilians at the checkpoint.",
         ["killed 20 security officials and three civilians"], {"count": 23}),
        ("Four soldiers and a civilian were killed in the ambush.",
         ["Four soldiers and a civilian were killed"], {"count": 5}),
        ("A woman and her two daughters were killed in the fire.",
         ["A woman and her two daughters were killed"], {"count": 3}),
        ("The dead included three nurses and a doctor.",
         ["The dead included three nurses and a doctor"], {"count": 4}),
        # a part named after the whole is part of the figure, not added to it
        ("The blast wounded about 60 people, 12 of them seriously.",
         ["wounded about 60 people, 12 of them seriously"], {"count": 60}),
        ("An airstrike killed at least 22 civilians, including nine children, residents said.",
         ["killed at least 22 civilians, including nine children"], {"count_min": 22}),
        ("Seventeen people, among them four foreign tourists, were killed.",
         ["Seventeen people, among them four foreign tourists, were killed"], {"count": 17}),
    ],
)  # fmt: skip
def test_figures_of_one_kind_are_one_suggestion(text: str, spans: list, count: dict) -> None:
    assert figures(text) == spans
    attrs = find_casualties(text)[0][2]
    assert {key: attrs[key] for key in attrs if key.startswith("count")} == count


@pytest.mark.parametrize(
    "text, spans",
    [
        ("Two journalists were killed and three others wounded in the shelling.",
         ["Two journalists were killed", "three others wounded"]),
        ("A bomb killed 7 and wounded 22 in the market.", ["killed 7", "wounded 22"]),
        ("The quake killed more than 2,000 people and injured 10,000 others.",
         ["killed more than 2,000 people", "injured 10,000 others"]),
        ("2 dead, 5 hurt in motorway pile-up", ["2 dead", "5 hurt"]),
        ("Authorities confirmed 5 fatalities and 27 injuries.", ["5 fatalities", "27 injuries"]),
        ("One person died and two were injured.", ["One person died", "two were injured"]),
        ("Three people have died and four more are in hospital.",
         ["Three people have died", "four more are in hospital"]),
        ("Two more bodies were found on Friday, bringing the total to 27.",
         ["Two more bodies were found", "the total to 27"]),
        ("The raid killed nine more, raising the death toll to 45.",
         ["killed nine more", "the death toll to 45"]),
        ("The pilot died in the crash and his passenger was seriously injured.",
         ["The pilot died", "his passenger was seriously injured"]),
    ],
)  # fmt: skip
def test_a_figure_of_another_kind_is_its_own_suggestion(text: str, spans: list) -> None:
    assert figures(text) == spans
    kinds = [attrs.get("kind") for _, _, attrs in find_casualties(text)]
    assert kinds[0] != kinds[1] or "total" in text or "toll" in text


def test_the_kind_is_what_happened_to_them() -> None:
    kinds = {
        "Five hostages were killed by their captors.": "killed",
        "Thirty people were taken to hospital.": "injured",
        "Twelve sailors are missing.": "missing",
        "The driver suffered fatal injuries.": "killed",
        "One passenger was fatally injured.": "killed",
        "Two people sustained fatal injuries.": "killed",
        "Gunmen abducted 40 schoolgirls.": "captured",
        "Hundreds of protesters had been detained without charge.": "captured",
        "Nadia Kern was killed in the crossfire.": "killed",
        "Aid worker Lena Holm was kidnapped outside her hotel.": "captured",
        "Three people remain in hospital.": "injured",
        "Two firefighters suffered burns.": "injured",
        "Thirty people went missing during the storm.": "missing",
        "Gunmen took 30 people hostage.": "captured",
        "Deaths: 12": "killed",
        "Injured: 340": "injured",
        "Missing: 4": "missing",
    }
    for text, kind in kinds.items():
        assert only_figure(text)[1]["kind"] == kind, text


@pytest.mark.parametrize(
    "text",
    [
        # displaced, evacuated, arrested, rescued, freed: not casualties
        "More than 12,000 people have been displaced by the fighting.",
        "About 2,000 residents were evacuated as the fire spread.",
        "Police arrested 45 protesters outside parliament.",
        "Three people were arrested in connection with the attack.",
        "The two suspects were detained for questioning.",
        "Rescuers pulled 14 survivors from the rubble.",
        "Twenty miners were rescued after three days underground.",
        "The hostages, 12 aid workers, were freed on Thursday.",
        "Officials said 1,800 people were left without shelter.",
        # money, years, ages, percentages, distances, times, scores
        "The government pledged $20 million for the victims' families.",
        "The dam was built in 1987 and holds 40 million cubic metres of water.",
        "In 2019, the company reported profits of 14 million euros.",
        "Maria Lopez, 42, said she had lost everything.",
        "A 34-year-old teacher was among the witnesses.",
        "The children, aged between 5 and 12, were evacuated to a school.",
        "Unemployment rose by 3 percent last year.",
        "The village is 20 km from the border.",
        "Two weeks after the storm, roads remain closed.",
        "The quake struck at 04:17 local time at a depth of 10 km.",
        "The magnitude 6.8 quake was followed by 40 aftershocks.",
        "He scored twice in a 2-1 win over Rovers on Saturday.",
        "City beat United 1-0 in the derby.",
        # counts of things, people who are not casualties, no one hurt
        "It was one of the deadliest attacks in a decade.",
        "One of the organisers said the march would go ahead.",
        "The rebels captured two towns and seized 14 tanks.",
        "Lawmakers killed the bill by 212 votes to 148.",
        "The party lost 40 seats in the election.",
        "The bus was carrying 45 passengers when it overturned.",
        "Some 150 soldiers were deployed to the area.",
        "No one was hurt in the blaze.",
        "The company employs 400 workers at the plant.",
        "The strike killed off hopes of a deal.",
        "Officials held 3 meetings with the families of those killed.",
        "The 2009 quake had saved hundreds of lives, the minister said.",
        # a figure named again by an adjective
        "The 31 abducted students were reunited with their families.",
        "Three dead inmates were found in the cell block.",
        # named or singular people to whom nothing of a casualty happened
        "Nadia Kern was arrested on Tuesday.",
        "Colonel Ruben Asker said the area was calm.",
        "Nadia Kern was released on bail.",
        "Police said Nadia Kern had been questioned.",
        "The driver was released without charge.",
        "A policeman said the road would stay closed.",
        "The suspect was captured after a manhunt.",
        "One person was arrested.",
        "The minister was hurt by the criticism.",
        "The victims were compensated by the insurer.",
        # places, firms and headlines in title case are not people
        "Bakhmut was captured by Russian forces in May.",
        "Air France was hurt by the strike.",
        "New York was hit by the storm.",
        "Emergency Plan Was Executed",
        # the words of a casualty in another sense
        "The children killed time playing cards in the shelter.",
        "The toll road was closed for 27 days.",
        "The toll on the bridge rose to 12 euros.",
        "The total was 27 votes.",
        "The opposition won 12 seats, bringing the total to 27.",
        "Forty families lost their homes in the fire.",
        "She lost her job at the plant.",
        "He lost his wallet and two phones on the bus.",
        "Both sides claimed victory after the vote.",
        "Both sides reported casualties.",
        "Nadia Kern and Tomas Varga were arrested.",
        "Twelve jobs were lost when the plant closed.",
        "Twelve scenes were shot in Paris.",
        "The surgery saved the lives of 12 patients.",
        "Twelve doctors in hospital wards went on strike.",
        "Those killed were aged between 20 and 45.",
        "Displaced: 5,000",
        "Births: 12",
    ],
)
def test_no_casualty_figure_is_suggested(text: str) -> None:
    assert figures(text) == []


def test_the_attributes_are_those_a_hand_tag_of_the_same_words_gets() -> None:
    text = (
        "Shelling killed at least 14 people and wounded more than 40 on Monday. Between 20 and "
        "30 villagers were still unaccounted for. The dead included four children and a nurse."
    )
    found = find_casualties(text)
    assert len(found) == 4
    for start, end, attrs in found:
        assert attrs == parse_casualty(text[start:end])


def test_spans_are_offsets_in_the_text_and_never_cross_a_block() -> None:
    # a title, then paragraphs joined by blank lines; letters beyond ASCII and one whose lower
    # case is longer ("İ") before the figures must not shift the offsets
    text = (
        "Floods Kill Dozens in İzmir Province\n\n"
        "“It was terrible,” said Zeynep Aydın. At least 34 people\n\n"
        "were killed.\n\n"
        "Officials said 12 people were injured — most of them in Çamlık."
    )
    found = find_casualties(text)
    assert [text[start:end] for start, end, _ in found] == [
        "Kill Dozens",
        "12 people were injured",
    ]
    assert all("\n" not in text[start:end] for start, end, _ in found)
    assert found == sorted(found, key=lambda figure: (figure[0], figure[1]))


def test_each_figure_in_a_long_text_is_found_once() -> None:
    paragraph = "The army said 30 militants were killed and 12 soldiers wounded in the raid."
    text = "\n\n".join([paragraph] * 200)
    found = find_casualties(text)
    assert len(found) == 400
    assert len({(start, end) for start, end, _ in found}) == 400


def test_a_text_without_figures_gives_none() -> None:
    assert find_casualties("") == []
    assert find_casualties("The council met on Tuesday to discuss the budget.") == []
