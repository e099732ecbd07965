"""The `claim` rule: statements attributed to a source, accusations and denials."""

import pytest

from readtui.suggest.claims import find_claims
from readtui.suggest.quotes import find_quotes


def claims(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in find_claims(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The interior ministry accused the rebels of shelling the market to derail the talks.",
        "Opposition leaders alleged that the count had been rigged in four provinces.",
        "The mining company denied that it had ignored repeated safety warnings.",
        "Police blamed the fire on an electrical fault in the kitchen of the hostel.",
        "The general insisted that his troops had never entered the village.",
        "The militia claimed that its fighters had shot down two army helicopters.",
        "Lawyers for the families argued that the dam had been neglected for a decade.",
        "The union maintains that the shift should never have gone underground.",
        "Residents disputed the official timeline of the evacuation.",
        "Farmers rejected the ministry's account, saying the canal had been dry for weeks.",
    ],
)  # fmt: skip
def test_a_verb_that_takes_sides_makes_its_sentence_a_claim(text: str) -> None:
    assert claims(text) == [text]


def test_the_span_is_the_claim_with_its_attribution_not_the_next_sentence() -> None:
    text = (
        "Opposition lawmakers alleged that the utility had delayed the release for two days. "
        "The utility has not commented."
    )
    assert claims(text) == [
        "Opposition lawmakers alleged that the utility had delayed the release for two days."
    ]


def test_an_opening_phrase_before_the_source_is_left_out() -> None:
    text = (
        "In a statement posted on Telegram on Sunday, the group claimed it had destroyed "
        "six armoured vehicles."
    )
    assert claims(text) == ["the group claimed it had destroyed six armoured vehicles."]


def test_a_comment_after_the_claim_is_left_out() -> None:
    text = (
        "Workers said managers had locked the fire exits for months, a claim the factory "
        "owner denied."
    )
    assert claims(text) == ["Workers said managers had locked the fire exits for months"]


def test_a_reason_given_after_an_accusation_is_left_out() -> None:
    text = (
        "The ruling party blamed the unrest on foreign agitators, saying the protests had been "
        "organised from abroad."
    )
    assert claims(text) == ["The ruling party blamed the unrest on foreign agitators"]


def test_a_denial_that_only_points_back_keeps_what_it_says() -> None:
    text = "Doctors disputed that, saying patients were being treated in the corridors."
    assert claims(text) == [text]


@pytest.mark.parametrize(
    "text, claim",
    [
        # disputed in the next sentence
        ("The governor said the shelters had enough blankets for everyone. Aid workers "
         "disputed that.",
         "The governor said the shelters had enough blankets for everyone."),
        # disputed in the sentence before
        ("Villagers denied they had been warned. The district office said it had sent "
         "letters to every household in May.",
         "The district office said it had sent letters to every household in May."),
        # disputed after the quote that backs it
        ("The operator said the ferry carried 176 passengers. “We counted them ourselves,” a "
         "port official said. Survivors contradicted that account.",
         "The operator said the ferry carried 176 passengers."),
        # contradicted by the next sentence
        ("The army said its forces still held the airport. But residents told reporters that "
         "rebel flags flew over the terminal.",
         "The army said its forces still held the airport."),
        # disputed in its own sentence
        ("According to the ministry, the dam was inspected in May, a finding engineers "
         "have questioned.",
         "According to the ministry, the dam was inspected in May"),
        ("The army said its troops had killed 40 militants, a figure that could not be "
         "independently verified.",
         "The army said its troops had killed 40 militants"),
    ],
)  # fmt: skip
def test_a_neutral_verb_makes_a_claim_when_the_statement_is_disputed(text: str, claim: str) -> None:
    assert claim in claims(text)


def test_contradicting_accounts_are_both_claims() -> None:
    text = (
        "Rebel commanders said they had captured the bridge on Tuesday. But the defence "
        "ministry said its units had repelled the attack."
    )
    assert claims(text) == [
        "Rebel commanders said they had captured the bridge on Tuesday.",
        "the defence ministry said its units had repelled the attack.",
    ]


def test_clauses_between_semicolons_are_claims_of_their_own() -> None:
    text = "The government says it holds 20 prisoners; the rebels deny holding any soldiers."
    assert claims(text) == [
        "The government says it holds 20 prisoners",
        "the rebels deny holding any soldiers.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # reports nobody disputes
        "The weather service said the storm would reach the coast by Friday evening.",
        "Officials said 12 people were killed and 30 injured when the bus overturned.",
        "Two of the injured were in a serious condition, a hospital spokeswoman said.",
        "According to the census office, the town has about 40,000 inhabitants.",
        "The company said profits rose by four percent in the third quarter.",
        # a verb that attributes a quote
        "“We did nothing wrong,” the minister said.",
        "“We did nothing wrong,” Interior Minister Lena Straub told reporters in the capital.",
        "The minister told reporters: “We did nothing wrong and we will prove it.”",
        '"The water came too fast," said Maria Ortega, 52, a teacher.',
        # a verb inside a quote
        "“They claimed we were armed. We were carrying bread,” a survivor said.",
        # set phrases
        "The alleged gunman was arrested at the border on Monday.",
        "An armed group claimed responsibility for the bombing of the pipeline.",
        "The floods have claimed at least 30 lives across the region.",
        "The suspect was denied bail and remanded in custody.",
        "Residents were told to leave their homes before nightfall.",
        "The mayor told residents to stay indoors until the smoke cleared.",
        "The minister argued with reporters outside parliament.",
        "Parliament rejected the budget by 200 votes to 150.",
        # no claim is made
        "The agency did not say whether a ransom had been paid.",
        # a denial that only points back
        "The ministry denied the allegation.",
        "Villagers disputed that.",
        # headings
        "Army Says Rebels Retreat From Border Town",
        "Warnings ignored, residents say",
    ],
)  # fmt: skip
def test_no_claim(text: str) -> None:
    assert claims(text) == []


def test_a_heading_with_a_verb_is_not_a_claim_but_the_paragraph_under_it_is() -> None:
    text = (
        "Army says rebels retreat\n\n"
        "The army claimed that the rebels had abandoned their positions overnight."
    )
    assert claims(text) == [
        "The army claimed that the rebels had abandoned their positions overnight."
    ]


def test_abbreviations_do_not_end_the_sentence() -> None:
    text = (
        "Dr. Amal Haddad of the U.N. mission alleged that the strike hit the clinic at 9 a.m. "
        "on Tuesday."
    )
    assert claims(text) == [text]


def test_a_claim_with_a_partial_quote_keeps_the_quote_and_its_marks() -> None:
    text = 'The ministry claimed the hospital had been hit by "secondary explosions" only.'
    assert claims(text) == [text]


def test_curly_and_straight_quotes_and_american_punctuation() -> None:
    text = (
        "The ministry rejected the accusation, saying officers fired only “as a last resort.” "
        "It said 54 people had been treated in hospital."
    )
    assert claims(text)[0] == (
        "The ministry rejected the accusation, saying officers fired only “as a last resort.”"
    )


def test_a_claim_never_crosses_a_block_boundary() -> None:
    text = (
        "The opposition accused the police of firing on the crowd\n\n"
        "Police denied it and said officers had used rubber bullets only"
    )
    found = find_claims(text)
    assert found
    assert all("\n\n" not in text[start:end] for start, end, _ in found)


def test_spans_are_sorted_unique_and_without_attributes() -> None:
    text = "\n\n".join(
        [
            "Floods in the valley",
            "The governor said the warnings came only hours before the storm. The weather "
            "service disputed that, saying it had issued a red alert on Sunday.",
            "Aid groups alleged that remote hamlets had received no help at all.",
        ]
    )
    found = find_claims(text)
    spans = [(start, end) for start, end, _ in found]
    assert spans == sorted(set(spans))
    assert all(attrs == {} for _, _, attrs in found)
    assert [text[start:end] for start, end in spans] == [
        "The governor said the warnings came only hours before the storm.",
        "The weather service disputed that, saying it had issued a red alert on Sunday.",
        "Aid groups alleged that remote hamlets had received no help at all.",
    ]


def test_a_time_stamp_and_a_heading_on_lines_of_their_own_are_left_out() -> None:
    text = "14:32 GMT\nMinister responds\nThe minister alleged that the figures had been inflated."
    assert claims(text) == ["The minister alleged that the figures had been inflated."]


def test_a_hard_wrapped_paragraph_stays_one_sentence() -> None:
    text = (
        "The opposition alleged that the count in the northern provinces had been held up by the\n"
        "Electoral Commission to favour the ruling party."
    )
    assert claims(text) == [text]


def test_a_place_described_after_the_claim_is_left_out() -> None:
    text = (
        "The trust denied that managers had hidden failings in the maternity unit, where at "
        "least 12 babies died."
    )
    assert claims(text) == [
        "The trust denied that managers had hidden failings in the maternity unit"
    ]


def test_the_quotes_of_another_text_do_not_change_the_claims_of_this_one() -> None:
    find_quotes("“They alleged that we stole the votes in the north,” he said.")
    text = "The opposition alleged that votes were stolen in the north."
    assert claims(text) == [text]
    quoted = "“The opposition alleged that votes were stolen in the north,” he said."
    assert claims(quoted) == []
