"""Re-anchoring annotations made on an earlier cleaned text onto the current one."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readtui.anchoring import reanchor
from readtui.annotations import Annotation, Quote

OLD = (
    "Shelling kills 14 in border town.\n\n"
    "Artillery shells struck a market, killing at least 14 people, officials said.\n\n"
    "Residents said the market was crowded with shoppers buying food for the holiday.\n\n"
    "A second strike hit the bus station an hour later.\n\n"
    "Talks resume on Friday."
)


def make(text: str, phrase: str, tag: str = "claim", occurrence: int = 0, **fields) -> Annotation:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    annotation = Annotation.create(text, start, start + len(phrase), tag)
    return annotation.edited(**fields) if fields else annotation


def placed_text(text: str, annotation: Annotation) -> str:
    return text[annotation.start : annotation.end]


def test_unchanged_text_keeps_everything_as_it_was() -> None:
    annotations = [make(OLD, "killing at least 14 people"), make(OLD, "Talks resume")]
    assert reanchor(OLD, OLD, annotations) == annotations


def test_text_inserted_before_moves_the_span_exactly() -> None:
    annotation = make(OLD, "killing at least 14 people", note="figure", attrs={"count_min": 14})
    new = "Updated with the ministry's figures.\n\n" + OLD
    [moved] = reanchor(OLD, new, [annotation])
    assert moved.status == "moved"
    assert moved.start == annotation.start + len("Updated with the ministry's figures.\n\n")
    assert placed_text(new, moved) == annotation.quote.exact
    assert (moved.id, moved.note, moved.attrs, moved.tag) == (
        annotation.id,
        "figure",
        {"count_min": 14},
        "claim",
    )


def test_a_repeated_quote_goes_to_the_occurrence_whose_context_matches() -> None:
    old = "In the north 14 were killed. In the south 14 were injured in the blast."
    annotation = make(old, "14", occurrence=1)  # the injured
    inserted = "Later, officials said 14 more were missing. "
    new = old.replace("In the south", inserted + "In the south")
    # The inserted "14" lies nearest the old position; the context says where the span went.
    assert abs(new.index("14 more") - annotation.start) < abs(
        new.index("14 were injured") - annotation.start
    )
    [moved] = reanchor(old, new, [annotation])
    assert moved.status == "moved"
    assert moved.start == new.index("14 were injured")


def test_without_context_the_nearest_occurrence_wins() -> None:
    old = "aaa said. " * 3
    annotation = Annotation.create(old, 10, 18, "quote")  # the second "aaa said"
    bare = replace(annotation, quote=Quote(annotation.quote.exact))
    [moved] = reanchor(old, "x" + old, [bare])
    assert (moved.start, moved.end) == (11, 19)


def test_a_small_edit_inside_the_span_is_fuzzy() -> None:
    phrase = "the market was crowded with shoppers buying food"
    annotation = make(OLD, phrase)
    new = OLD.replace("buying food", "buying bread")
    [fuzzy] = reanchor(OLD, new, [annotation])
    assert fuzzy.status == "fuzzy"
    assert placed_text(new, fuzzy) == "the market was crowded with shoppers buying bread"
    assert fuzzy.quote == annotation.quote  # the quote is what was annotated


def test_deleted_text_leaves_an_orphan_with_its_quote() -> None:
    annotation = make(OLD, "A second strike hit the bus station", note="check")
    new = OLD.replace("A second strike hit the bus station an hour later.\n\n", "")
    [orphan] = reanchor(OLD, new, [annotation])
    assert orphan.status == "orphan"
    assert (orphan.start, orphan.end) == (0, 0)
    assert orphan.quote == annotation.quote
    assert (orphan.id, orphan.note, orphan.tag) == (annotation.id, "check", "claim")


def test_a_rewritten_span_is_an_orphan_not_a_bad_guess() -> None:
    annotation = make(OLD, "the market was crowded with shoppers buying food")
    new = OLD.replace(
        "the market was crowded with shoppers buying food", "nobody could be reached at once"
    )
    [orphan] = reanchor(OLD, new, [annotation])
    assert orphan.status == "orphan"


def test_an_orphan_is_placed_again_when_its_text_returns() -> None:
    annotation = make(OLD, "A second strike hit the bus station")
    without = OLD.replace("A second strike hit the bus station an hour later.\n\n", "")
    [orphan] = reanchor(OLD, without, [annotation])
    [back] = reanchor(without, OLD, [orphan])
    assert back.status == "moved"
    assert (back.start, back.end) == (annotation.start, annotation.end)


def test_order_and_number_are_kept() -> None:
    annotations = [
        make(OLD, "Talks resume"),
        make(OLD, "A second strike"),
        make(OLD, "Artillery shells"),
    ]
    new = "Live: " + OLD.replace("A second strike hit the bus station an hour later.\n\n", "")
    result = reanchor(OLD, new, annotations)
    assert [a.id for a in result] == [a.id for a in annotations]
    assert [a.status for a in result] == ["moved", "orphan", "moved"]


def test_a_deleted_passage_is_not_placed_on_a_look_alike_far_away() -> None:
    filler = "Nothing else happened that week in the valley. " * 200
    old = "Officials said 14 people were killed. " + filler + "Later: 14 people were killed, too."
    annotation = make(old, "14 people were killed")
    new = old.replace("Officials said 14 people were killed. ", "")
    [placed] = reanchor(old, new, [annotation])
    assert placed.status == "orphan"


def test_every_annotation_after_an_insertion_moves_by_the_same_amount() -> None:
    phrases = ["killing at least 14 people", "crowded with shoppers", "bus station", "Talks"]
    annotations = [make(OLD, phrase) for phrase in phrases]
    new = OLD.replace("Residents said", "Residents, who asked not to be named, said")
    placed = reanchor(OLD, new, annotations)
    assert [placed_text(new, a) for a in placed] == phrases
    assert [a.status for a in placed] == ["ok", "moved", "moved", "moved"]


# Property: whatever the edits, no annotation is dropped, and a placed one points at its text --

WORDS = st.sampled_from(
    "the army said shelling market killed at least people town officials talks river "
    "border claims denied “we” 14 three, . — é 中 ٱ 🙂".split()
)
TEXTS = st.lists(WORDS, min_size=5, max_size=80).map(" ".join)
EDIT = st.tuples(
    st.sampled_from(["insert", "delete", "replace"]),
    st.floats(0, 1),
    st.floats(0, 0.3),
    st.lists(WORDS, max_size=6).map(" ".join),
)


def apply_edits(text: str, edits) -> str:
    for kind, where, size, words in edits:
        at = int(where * len(text))
        end = min(len(text), at + int(size * len(text)))
        if kind == "insert":
            text = text[:at] + words + text[at:]
        elif kind == "delete":
            text = text[:at] + text[end:]
        else:
            text = text[:at] + words + text[end:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXTS,
    spans=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 0.5)), max_size=12),
    edits=st.lists(EDIT, max_size=5),
)
def test_no_annotation_is_ever_dropped_and_placed_ones_hold_their_text(text, spans, edits):
    annotations = []
    for where, size in spans:
        start = int(where * len(text))
        end = min(len(text), start + max(1, int(size * len(text))))
        if start < end:
            annotations.append(Annotation.create(text, start, end, "claim"))
    new_text = apply_edits(text, edits)

    placed = reanchor(text, new_text, annotations)

    assert [a.id for a in placed] == [a.id for a in annotations]  # none dropped, none added
    for before, after in zip(annotations, placed, strict=True):
        assert after.status in ("ok", "moved", "fuzzy", "orphan")
        if after.status in ("ok", "moved"):
            assert placed_text(new_text, after) == before.quote.exact
        if after.status != "orphan":
            assert 0 <= after.start < after.end <= len(new_text)
