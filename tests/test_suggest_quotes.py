"""The `quote` rule: the words between quotation marks of every kind, the marks left out."""

import pytest

from readtui.suggest.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in find_quotes(text)]


@pytest.mark.parametrize(
    "text, quotes",
    [
        ('"We will rebuild the school," the mayor said.', ["We will rebuild the school,"]),
        ("“We will rebuild the school,” the mayor said.", ["We will rebuild the school,"]),
        ("‘We will rebuild the school,’ the mayor said.", ["We will rebuild the school,"]),
        ("'We will rebuild the school,' the mayor said.", ["We will rebuild the school,"]),
        ("« Nous reconstruirons l’école », a déclaré le maire.", ["Nous reconstruirons l’école"]),
        ("«Nous reconstruirons l’école», a déclaré le maire.", ["Nous reconstruirons l’école"]),
        ("»Wir bauen die Schule wieder auf«, sagte der Bürgermeister.",
         ["Wir bauen die Schule wieder auf"]),
        ("„Wir bauen die Schule wieder auf“, sagte der Bürgermeister.",
         ["Wir bauen die Schule wieder auf"]),
        ("„Odbudujemy szkołę w tym roku”, powiedział burmistrz.", ["Odbudujemy szkołę w tym roku"]),
        ("The mayor said: “We will rebuild the school.”", ["We will rebuild the school."]),
        ("The mayor told residents, \"we will rebuild the school.\"",
         ["we will rebuild the school."]),
        ("(“We are still counting,” an official said.)", ["We are still counting,"]),
        ("“We are ready,\" the colonel said, mixing his marks.", ["We are ready,"]),
    ],
)  # fmt: skip
def test_each_kind_of_quotation_mark_gives_the_words_inside(text: str, quotes: list[str]) -> None:
    assert quoted(text) == quotes


def test_the_span_excludes_the_marks_and_the_white_space_inside_them() -> None:
    text = 'Asked about the toll, he said " it will rise before it falls " and left.'
    start, end, attrs = find_quotes(text)[0]
    assert text[start:end] == "it will rise before it falls"
    assert attrs == {}


def test_a_quote_inside_a_quote_is_part_of_the_outer_one() -> None:
    text = "“The guard shouted ‘get down now’ and then the roof fell,” the nurse said."
    assert quoted(text) == ["The guard shouted ‘get down now’ and then the roof fell,"]


def test_british_nesting_single_outside_double_inside() -> None:
    text = "‘They told us the road was “completely safe” last week,’ a driver said."
    assert quoted(text) == ["They told us the road was “completely safe” last week,"]


def test_a_quote_runs_over_a_sentence_end() -> None:
    text = "“The river rose in minutes. Nobody had time to take anything,” said a farmer."
    assert quoted(text) == ["The river rose in minutes. Nobody had time to take anything,"]


def test_a_quote_resumed_after_the_attribution_gives_one_suggestion_per_part() -> None:
    text = "“We warned them twice,” the engineer said. “Nobody listened to us.”"
    assert quoted(text) == ["We warned them twice,", "Nobody listened to us."]


def test_a_quote_resumed_mid_sentence() -> None:
    text = '"The first wave," she said, "took the boats and the nets with it."'
    assert quoted(text) == ["The first wave,", "took the boats and the nets with it."]


def test_a_quote_over_paragraphs_is_suggested_per_paragraph_never_across() -> None:
    text = (
        "“We have lost three harvests in a row. The wells are dry and the cattle are dying."
        "\n\n“Now the young men are leaving for the cities,” the elder said."
        "\n\nThe ministry did not comment."
    )
    found = find_quotes(text)
    assert quoted(text) == [
        "We have lost three harvests in a row. The wells are dry and the cattle are dying.",
        "Now the young men are leaving for the cities,",
    ]
    assert all("\n\n" not in text[start:end] for start, end, _ in found)


def test_a_mark_left_open_at_the_end_of_the_text_suggests_nothing() -> None:
    assert quoted("The spokesman began: “We will never accept") == []


def test_a_mark_left_open_in_a_paragraph_that_is_not_continued_suggests_nothing() -> None:
    text = "He called it “a disgrace and walked out.\n\nThe vote went ahead on Friday."
    assert quoted(text) == []


def test_a_stray_mark_does_not_swallow_the_quote_after_it() -> None:
    text = 'Back in the \'burbs, "we keep our doors locked at night," a resident said.'
    assert quoted(text) == ["we keep our doors locked at night,"]


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan’s army said the border crossing at Torkham would reopen on Monday.",
        "Pakistan's army said the border crossing at Torkham would reopen on Monday.",
        "The town has not flooded like this since the ’90s, residents said.",
        "The town has not flooded like this since the '90s, residents said.",
        "The town has not flooded like this since the ‘90s, residents said.",
        "The bar played rock ’n’ roll until the curfew began at ten.",
        "The bar played rock 'n' roll until the curfew began at ten.",
        "The soldiers’ families gathered at the gates of the barracks.",
        "'Tis the season of floods, the old fishermen say.",
        "Police said the suspect is 5'11\" tall and was last seen near the port.",
        "The storm drains, only 12\" wide, could not carry the water away.",
        "The surge reached 6′2″ at the harbour wall.",
        "It doesn't matter, they won't come, said the driver's wife.",
    ],
)  # fmt: skip
def test_apostrophes_and_measurement_marks_are_no_quotes(text: str) -> None:
    assert quoted(text) == []


def test_an_apostrophe_inside_a_single_quoted_quote_does_not_end_it() -> None:
    text = "‘The soldiers’ families deserve answers, and Pakistan’s too,’ she said."
    assert quoted(text) == ["The soldiers’ families deserve answers, and Pakistan’s too,"]


def test_a_plural_possessive_ending_a_single_quote_closes_it() -> None:
    text = "‘We buried the soldiers’ she said, and turned away."
    assert quoted(text) == ["We buried the soldiers"]


def test_apostrophes_around_a_quote_leave_it_whole() -> None:
    text = "Pakistan’s minister said: “We will not retreat from the ’90s agreement,” on Tuesday."
    assert quoted(text) == ["We will not retreat from the ’90s agreement,"]


@pytest.mark.parametrize(
    "text, quotes",
    [
        # words the text quotes are a quote, however short, as the gold files mark them
        ("Officials presented a ‘peace plan’ that nobody had read.", ["peace plan"]),
        ("The minister's \"reckless\" decision was criticised.", ["reckless"]),
        ("Rebels seized the 'liberated' zone overnight.", ["liberated"]),
        # not a term the text names, nor a nickname between a name
        ("The so-called “terrorists” turned out to be farmers.", []),
        ("Locals dubbed “the Wall” a death trap.", []),
        ("Gerald “Gerry” Tamsett was flying the jet.", []),
    ],
)  # fmt: skip
def test_quoted_words_are_a_quote_but_a_term_named_or_a_nickname(
    text: str, quotes: list[str]
) -> None:
    assert quoted(text) == quotes


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("“No,” he said, and hung up.", ["No,"]),
        ("“Murderers!” the crowd shouted at the police line.", ["Murderers!"]),
        ("The minister promised “a full and independent inquiry”.",
         ["a full and independent inquiry"]),
    ],
)  # fmt: skip
def test_a_short_utterance_and_a_partial_quote_of_three_words_are_suggested(
    text: str, quotes: list[str]
) -> None:
    assert quoted(text) == quotes


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("The union called the decision “reckless” in a statement.", ["reckless"]),
        ("Police described the attack as ‘cowardly’.", ["cowardly"]),
        ("Inspector slams 'avoidable' deaths at care home", ["avoidable"]),
        ("Coroner condemns ‘inexcusable’ delays", ["inexcusable"]),
        ('The ministry said it was "deeply concerned" by the reports.', ["deeply concerned"]),
        ("The mayor, who visited the site on Monday, promised «swift action».", ["swift action"]),
        # a headline that opens with someone's words
        ('"Devastating": locals mourn flood victims', ["Devastating"]),
        ("Floods\n\n‘Heartbroken’: village buries its dead", ["Heartbroken"]),
        ('The word "hero": what it means to the town', []),
        # a term the text names is none
        ("Officials said the so-called “safe zone” was shelled overnight.", []),
    ],
)  # fmt: skip
def test_words_a_verb_gives_to_someone_are_a_quote_however_short(
    text: str, quotes: list[str]
) -> None:
    assert quoted(text) == quotes


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("The company said in a statement:\n\nWe are devastated by the loss of our colleagues. "
         "Our thoughts are with their families.\n\nThe investigation continues.",
         ["We are devastated by the loss of our colleagues. Our thoughts are with their"
          " families."]),
        ("In a post on social media, the mayor wrote:\n\nThis city will rebuild, and it will "
         "rebuild stronger!", ["This city will rebuild, and it will rebuild stronger!"]),
        # a list or figures after a colon are no statement; nor a paragraph after a colon that
        # no one says
        ("Figures from the ministry:\n\nDead: 12\n\nInjured: 40", []),
        ("Witnesses told reporters:\n\narmed men arrived at dawn\n\nthey fired at the crowd",
         []),
        ("The charity listed three demands:\n\nSafe access for aid convoys to the north of the "
         "province.", []),
    ],
)  # fmt: skip
def test_a_statement_printed_as_a_paragraph_after_a_colon_is_a_quote(
    text: str, quotes: list[str]
) -> None:
    assert quoted(text) == quotes


def test_a_quoted_headline_fragment_is_found() -> None:
    text = "'We lost everything': floods kill 34 in the valley\n\nRescuers dug through mud."
    assert quoted(text) == ["We lost everything"]


def test_spans_are_offsets_into_the_text_sorted_and_unique() -> None:
    text = (
        "Floods in the valley\n\n"
        "“The water came at night,” said one farmer. “We climbed onto the roof.”\n\n"
        "'Nobody warned us about the dam,' said another, whose house was swept away."
    )
    found = find_quotes(text)
    spans = [(start, end) for start, end, _ in found]
    assert spans == sorted(set(spans))
    assert [text[start:end] for start, end in spans] == [
        "The water came at night,",
        "We climbed onto the roof.",
        "Nobody warned us about the dam,",
    ]


def test_a_long_text_gives_the_same_quotes_as_its_parts() -> None:
    paragraph = "“We waited for hours,” a survivor said. The road's edge had gone ('90s concrete)."
    text = "\n\n".join([paragraph] * 200)
    found = find_quotes(text)
    assert len(found) == 200
    assert {text[start:end] for start, end, _ in found} == {"We waited for hours,"}


def test_a_blockquote_is_one_quote_with_the_quotes_inside_it(tmp_path) -> None:
    from readtui.suggest.command import suggestions_for

    article = tmp_path / "sitrep.md"
    article.write_text(
        "# Floods update\n\nThe coordinator visited the camp on Friday.\n\n"
        "> The scale of destruction is far greater than we feared. One mother told me "
        "“we have nothing left to go back to”.\n\nMore rain is forecast.\n",
        encoding="utf-8",
    )
    text, found, _ = suggestions_for(article)
    quotes = [text[s.start : s.end] for s in found if s.tag == "quote"]
    assert quotes == [
        "The scale of destruction is far greater than we feared. One mother told me "
        "“we have nothing left to go back to”."
    ]


@pytest.mark.parametrize(
    "text, quotes",
    [
        # a headline quotes, whatever the length
        ("Two died after ‘known fault’ was ignored, inquest finds\n\nThe jury heard evidence.",
         ["known fault"]),
        # words a record gives: "marked", "labelled"
        ("The request had been marked “non-urgent” by a manager.", ["non-urgent"]),
        # scare quotes in the body stay out
        ("The so-called ‘peace plan’ was rejected.", []),
    ],
)  # fmt: skip
def test_headline_quotes_and_words_of_a_record(text: str, quotes: list[str]) -> None:
    assert [text[start:end] for start, end, _ in find_quotes(text)] == quotes


@pytest.mark.parametrize(
    "text, quoted",
    [
        # a word the group's statement used, far from the verb that gives it to them
        (
            "The movement said in a statement in Dalmiri, sent to journalists through a messaging "
            'app, that its fighters had "liberated" the post.',
            "liberated",
        ),
        (
            "A spokesperson rejected reports on social media that the real death toll was "
            "“above 500”, saying the count was checked daily.",
            "above 500",
        ),
    ],
)
def test_a_short_quote_given_to_someone_anywhere_in_the_sentence(text: str, quoted: str) -> None:
    assert quoted in [text[start:end] for start, end, _ in find_quotes(text)]


def test_a_term_named_is_no_quote_but_the_next_quoted_word_is() -> None:
    text = 'The so-called "peace plan" was published. Critics doubt the "ceasefire" will hold.'
    assert [text[start:end] for start, end, _ in find_quotes(text)] == ["ceasefire"]
