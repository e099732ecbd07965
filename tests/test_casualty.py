"""Reading a casualty figure's attributes from its text."""

import pytest

from readtui.casualty import number_value, parse_casualty, prefilled_attrs


@pytest.mark.parametrize(
    "text, attrs",
    [
        ("at least 14 people were killed", {"count_min": 14, "kind": "killed"}),
        ("killing at least 12 people", {"count_min": 12, "kind": "killed"}),
        (
            "killed 20 security officials and three civilians",
            {"count": 20, "kind": "killed", "group": "security officials"},
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
            {"count": 2, "kind": "killed", "group": "women"},
        ),
        ("at least seven people", {"count_min": 7}),
        ("the wounded were taken to hospital", {"kind": "injured"}),
        ("aged 45", {}),
    ],
)  # fmt: skip
def test_a_figure_gives_the_attributes_its_text_says(text: str, attrs: dict) -> None:
    assert parse_casualty(text) == attrs


@pytest.mark.parametrize(
    "words, value",
    [("1,200", 1200), ("fourteen", 14), ("twenty-one", 21), ("a dozen", 12),
     ("two hundred and fifty", 250), ("three thousand", 3000), ("many", None)],
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
