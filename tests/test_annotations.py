"""Annotations: ULIDs, snapping a selection to words, quote selectors, the sidecar form."""

import time

import pytest

from readtui.annotations import QUOTE_CONTEXT, Annotation, Quote, new_id, snap_span

CROCKFORD = set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def _ulid_millis(ulid: str) -> int:
    value = 0
    for char in ulid[:10]:
        value = value * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".index(char)
    return value


def test_ulids_are_26_crockford_characters_and_strictly_increasing() -> None:
    before = time.time_ns() // 1_000_000
    ids = [new_id() for _ in range(2000)]
    after = time.time_ns() // 1_000_000
    assert all(len(i) == 26 and set(i) <= CROCKFORD for i in ids)
    assert all(a < b for a, b in zip(ids, ids[1:], strict=False))
    assert before <= _ulid_millis(ids[0]) <= _ulid_millis(ids[-1]) <= after + 1


def snapped(text: str, start: int, end: int) -> str:
    start, end = snap_span(text, start, end)
    return text[start:end]


def between(text: str, first: str, last: str, pad_left: int = 0, pad_right: int = 0) -> str:
    """Snap a selection from the first character of `first` to the last of `last`, padded."""
    start = text.index(first) - pad_left
    end = text.index(last, start) + len(last) + pad_right
    return snapped(text, start, end)


SAID = 'The spokesman said: "We will not stop." Then he left, (angrily).'
CURLY = "Officials said “at least 14 people” died; the children’s ward was hit."


def test_snap_widens_to_whole_words() -> None:
    start = SAID.index("spokesman") + 3
    assert snapped(SAID, start, start + 3) == "spokesman"
    start = CURLY.index("children") + 2
    assert snapped(CURLY, start, CURLY.index("ward") + 2) == "children’s ward"
    assert snapped(CURLY, 0, 3) == "Officials"


def test_snap_trims_outer_spaces_and_punctuation() -> None:
    assert between(SAID, "Then", "left", pad_left=2, pad_right=2) == "Then he left"
    assert between(CURLY, "died", "died", pad_left=1, pad_right=2) == "died"
    start, end = snap_span("...  ,;", 0, 7)
    assert start == end  # nothing but punctuation: an empty span


def test_snap_keeps_balanced_quotation_marks_and_brackets() -> None:
    assert between(SAID, '"We', 'stop."', pad_right=1) == '"We will not stop."'
    assert between(CURLY, "“at", "people”", pad_left=1, pad_right=1) == "“at least 14 people”"
    assert between(SAID, "(angrily", ").") == "(angrily)"


def test_snap_drops_unbalanced_quotation_marks() -> None:
    assert between(SAID, ': "We', "stop") == "We will not stop"
    assert between(CURLY, "least", "people”") == "least 14 people"


def test_snap_orders_and_clamps_its_input() -> None:
    assert snap_span(SAID, 7, 2) == snap_span(SAID, 2, 7)
    start, end = snap_span(SAID, -10, 10_000)
    assert 0 <= start < end <= len(SAID)
    assert SAID[start:end] == SAID.removesuffix(".")


def test_quote_context_is_32_characters() -> None:
    text = "x" * 100 + "TARGET" + "y" * 100
    quote = Quote.of(text, 100, 106)
    assert QUOTE_CONTEXT == 32
    assert quote == Quote("TARGET", "x" * 32, "y" * 32)
    edge = Quote.of("ab TARGET cd", 3, 9)
    assert edge == Quote("TARGET", "ab ", " cd")


def test_create_records_quote_times_and_a_new_id() -> None:
    text = "Shells killed at least 14 people in Dalvar."
    annotation = Annotation.create(text, 7, 32, "casualty figure", annotator="alice")
    assert annotation.quote.exact == "killed at least 14 people"
    assert annotation.created == annotation.modified
    assert annotation.created.endswith("Z") and len(annotation.created) == 20
    assert annotation.status == "ok" and annotation.origin == "manual"
    other = Annotation.create(text, 7, 32, "casualty figure")
    assert other.id > annotation.id


def test_sidecar_form_round_trips_in_spec_order() -> None:
    text = "Shells killed at least 14 people in Dalvar."
    annotation = Annotation.create(text, 7, 32, "claim", note="n", attrs={"count": 14})
    data = annotation.to_json()
    assert list(data) == [
        "id",
        "start",
        "end",
        "tag",
        "quote",
        "note",
        "attrs",
        "annotator",
        "origin",
        "status",
        "created",
        "modified",
    ]
    assert Annotation.from_json(data) == annotation
    edited = annotation.edited(note="changed")
    assert edited.id == annotation.id and edited.note == "changed" and annotation.note == "n"


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        ({"start": True}, "'start' is not a number"),
        ({"end": 1.5}, "'end' is not a number"),
        ({"id": None}, "'id' is not a string"),
        ({"quote": "x"}, "'quote' is not a quote selector"),
        ({"quote": {"exact": "x", "suffix": 3}}, "'quote' is not a quote selector"),
        ({"attrs": []}, "'attrs' is not an object"),
        ({"status": "gone"}, "unknown status"),
        ({"modified": 5}, "'modified' is not a string"),
    ],
)
def test_from_json_names_the_fault(change: dict, fault: str) -> None:
    data = Annotation.create("some text here", 0, 4, "claim").to_json() | change
    with pytest.raises(ValueError, match=fault):
        Annotation.from_json(data)
