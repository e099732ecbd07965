"""Adjudication's engine (issue 11 item 4): agreements, disagreements as clusters of overlapping
marks, decisions copied into gold's marks, undo, and the record that lets it resume. Real stores
on disk; the app's keys are in test_adjudication_app.py."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from readtui.adjudication import (
    BOTH,
    NEITHER,
    A,
    Adjudication,
    AdjudicationError,
    B,
    key_of,
    plan,
)
from readtui.annotations import Annotation, Quote
from readtui.document import load_document
from readtui.merge import merge_sidecars
from readtui.store import DONE, IN_PROGRESS, AnnotationStore, sidecar_path

TEXT = (
    "Shelling kills 14\n\n"
    "Artillery shells struck a crowded market in Dalvar on Wednesday. At least 14 people were "
    "killed and more than 40 wounded, local health officials said. The army denied it.\n\n"
    '"This was a deliberate strike on civilians," Colonel Ruben Asker told reporters. Rescue '
    "teams searched the rubble until dawn.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "dalvar.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def mark(path_or_text, phrase: str, tag: str, who: str, **fields) -> Annotation:
    text = load_document(path_or_text).text if isinstance(path_or_text, Path) else path_or_text
    start = text.index(phrase)
    made = Annotation.create(text, start, start + len(phrase), tag, who)
    return replace(made, **fields) if fields else made


def annotated(path: Path, marks: list[tuple]) -> AnnotationStore:
    """The article's store with `marks` ((phrase, tag, annotator, fields)) saved, read anew."""
    store = AnnotationStore(load_document(path))
    with store.batch():
        for phrase, tag, who, *fields in marks:
            store.add(mark(store.document.text, phrase, tag, who, **(fields[0] if fields else {})))
    return AnnotationStore(load_document(path))


def sidecar(path: Path) -> dict:
    return json.loads(sidecar_path(path).read_text(encoding="utf-8"))


def gold_marks(path: Path) -> list[tuple]:
    return sorted(
        (a["quote"]["exact"], a["tag"], a["origin"], a["note"], json.dumps(a["attrs"]))
        for a in sidecar(path)["annotations"]
        if a["annotator"] == "gold"
    )


KILLED = "At least 14 people were killed"
SAID = "local health officials said"
LONG = "At least 14 people were killed and more than 40 wounded, local health officials said"
DENIED = "The army denied it"
QUOTE = '"This was a deliberate strike on civilians,"'
STRIKE = "This was a deliberate strike on civilians"
RESCUE = "Rescue teams searched the rubble until dawn"

MARKS = [
    (KILLED, "casualty figure", "alice", {"attrs": {"count": 14}}),
    (KILLED, "casualty figure", "bob", {"attrs": {"count": 14}}),  # an agreement
    (SAID, "claim", "alice", {"note": "the officials"}),  # overlaps bob's LONG: one cluster
    (LONG, "claim", "bob"),
    (DENIED, "claim", "alice"),  # nobody else's mark there: a cluster of one
    (QUOTE, "quote", "alice"),  # and bob's claim inside it: one cluster
    (STRIKE, "claim", "bob", {"note": "his words"}),
    (RESCUE, "claim", "bob"),  # a cluster of one
    ("Dalvar", "claim", "carol"),  # a third annotator: not adjudicated
]


def test_plan_finds_agreements_clusters_and_orphans(article: Path) -> None:
    orphan = {"start": 0, "end": 0, "status": "orphan", "quote": Quote("gone text")}
    store = annotated(article, [*MARKS, ("Dalvar", "claim", "bob", orphan)])
    found = plan(store.annotations(), "alice", "bob")
    assert [(a.quote.exact, b.quote.exact) for a, b in found.agreements] == [(KILLED, KILLED)]
    shown = [
        ([m.quote.exact for m in cluster.a], [m.quote.exact for m in cluster.b])
        for cluster in found.clusters
    ]
    assert shown == [([SAID], [LONG]), ([DENIED], []), ([QUOTE], [STRIKE]), ([], [RESCUE])]
    assert [m.quote.exact for m in found.orphans] == ["gone text"]
    first = found.clusters[0]
    assert (first.start, first.end) == (TEXT.index(LONG), TEXT.index(LONG) + len(LONG))
    assert first.key == key_of([*first.a, *first.b])


def test_overlaps_link_a_cluster_transitively_but_one_annotators_own_nesting_does_not(
    article: Path,
) -> None:
    store = annotated(
        article,
        [
            ("Artillery shells struck", "claim", "alice"),
            ("struck a crowded market", "claim", "bob"),  # overlaps alice's first
            ("market in Dalvar", "claim", "alice"),  # overlaps bob's: the same cluster
            # alice's claim holding her casualty figure, with nothing of bob's: two of one
            ("The army denied it", "claim", "alice"),
            ("army", "casualty figure", "alice"),
        ],
    )
    clusters = plan(store.annotations(), "alice", "bob").clusters
    assert [(len(c.a), len(c.b)) for c in clusters] == [(2, 1), (1, 0), (1, 0)]


def test_same_span_and_tag_with_other_attributes_is_a_disagreement(article: Path) -> None:
    store = annotated(
        article,
        [
            (KILLED, "casualty figure", "alice", {"attrs": {"count": 14, "kind": "killed"}}),
            (KILLED, "casualty figure", "bob", {"attrs": {"kind": "killed", "count": 41}}),
        ],
    )
    found = plan(store.annotations(), "alice", "bob")
    assert found.agreements == []
    assert len(found.clusters) == 1
    # "both" of the same span and tag keeps one mark: A's attributes, the notes of both
    adjudication = Adjudication(store, "alice", "bob")
    adjudication.decide(adjudication.clusters[0], BOTH)
    store.save()
    assert gold_marks(article) == [
        (KILLED, "casualty figure", "adjudicated:alice+bob", "",
         json.dumps({"count": 14, "kind": "killed"})),
    ]  # fmt: skip


def test_agreements_are_taken_at_once_and_only_once(article: Path) -> None:
    store = annotated(article, MARKS)
    adjudication = Adjudication(store, "alice", "bob")
    assert adjudication.agreed_now == 1
    assert adjudication.undecided == 4
    store.save()
    assert gold_marks(article) == [
        (KILLED, "casualty figure", "adjudicated:alice+bob", "", json.dumps({"count": 14}))
    ]
    entry = sidecar(article)["states"]["gold"]
    assert entry["state"] == IN_PROGRESS
    assert entry["adjudicating"] == ["alice", "bob"]
    assert entry["decided"] == {}
    assert entry["agreed"] == [key_of(plan(store.annotations(), "alice", "bob").agreements[0])]
    # reopened: nothing taken twice, nothing to undo (the agreements were not a choice)
    again = Adjudication(AnnotationStore(load_document(article)), "alice", "bob")
    assert again.agreed_now == 0
    assert again.undo() is None
    assert len(gold_marks(article)) == 1


def test_each_choice_copies_the_chosen_marks_as_golds(article: Path) -> None:
    store = annotated(article, MARKS)
    ids_before = {a.id for a in store.annotations()}
    adjudication = Adjudication(store, "alice", "bob")
    said, denied, strike, rescue = adjudication.clusters
    adjudication.decide(said, A)
    adjudication.decide(denied, NEITHER)
    adjudication.decide(strike, BOTH)
    assert not adjudication.done
    adjudication.decide(rescue, B)
    assert adjudication.done
    store.save()
    assert gold_marks(article) == sorted(
        [
            (KILLED, "casualty figure", "adjudicated:alice+bob", "", json.dumps({"count": 14})),
            (SAID, "claim", "adjudicated:alice", "the officials", "{}"),
            (QUOTE, "quote", "adjudicated:alice", "", "{}"),
            (STRIKE, "claim", "adjudicated:bob", "his words", "{}"),
            (RESCUE, "claim", "adjudicated:bob", "", "{}"),
        ]
    )
    data = sidecar(article)
    gold = [a for a in data["annotations"] if a["annotator"] == "gold"]
    assert not {a["id"] for a in gold} & ids_before  # new ids
    for copy in gold:  # the same place in the text
        assert TEXT[copy["start"] : copy["end"]] == copy["quote"]["exact"]
    entry = data["states"]["gold"]
    assert entry["state"] == DONE
    choices = {key: record["choice"] for key, record in entry["decided"].items()}
    assert choices[said.key] == A and choices[denied.key] == NEITHER
    assert choices[strike.key] == BOTH and choices[rescue.key] == B
    # A's and B's marks are as they were
    others = sorted((a["annotator"], a["quote"]["exact"]) for a in data["annotations"])
    assert len([o for o in others if o[0] != "gold"]) == len(MARKS)


def test_undo_and_redo_a_decision(article: Path) -> None:
    store = annotated(article, MARKS)
    adjudication = Adjudication(store, "alice", "bob")
    clusters = adjudication.clusters
    for cluster, choice in zip(clusters, (A, NEITHER, BOTH, B), strict=True):
        adjudication.decide(cluster, choice)
    assert store.state_of("gold") == DONE
    undone = adjudication.undo()
    assert undone.key == clusters[3].key and undone.label == "take bob's"
    assert adjudication.choice_of(clusters[3]) is None
    assert adjudication.next_undecided() == 3
    assert store.state_of("gold") == IN_PROGRESS
    assert RESCUE not in [a.quote.exact for a in store.annotations() if a.annotator == "gold"]
    adjudication.undo()  # "both"
    assert [a.quote.exact for a in adjudication.shown] == [KILLED, SAID]
    adjudication.redo()
    adjudication.redo()
    assert adjudication.done and store.state_of("gold") == DONE
    assert len(adjudication.shown) == 5


def test_reopening_resumes_at_the_first_undecided_and_neither_stays_decided(
    article: Path,
) -> None:
    store = annotated(article, MARKS)
    adjudication = Adjudication(store, "alice", "bob")
    adjudication.decide(adjudication.clusters[1], NEITHER)
    adjudication.decide(adjudication.clusters[0], A)
    store.save()
    again = Adjudication(AnnotationStore(load_document(article)), "alice", "bob")
    assert [c.key for c in again.clusters] == [c.key for c in adjudication.clusters]
    assert again.next_undecided() == 2
    assert again.choice_of(again.clusters[1]) == NEITHER
    assert again.undecided == 2


def test_a_new_choice_replaces_the_earlier_one(article: Path) -> None:
    store = annotated(article, MARKS)
    adjudication = Adjudication(store, "alice", "bob")
    strike = adjudication.clusters[2]
    adjudication.decide(strike, BOTH)
    store.save()
    # in a later session (no undo history), the adjudicator changes their mind
    store = AnnotationStore(load_document(article))
    later = Adjudication(store, "alice", "bob")
    later.decide(later.clusters[2], B)
    store.save()
    assert [m[0] for m in gold_marks(article)] == sorted([KILLED, STRIKE])
    later.undo()
    store.save()
    assert [m[0] for m in gold_marks(article)] == sorted([KILLED, QUOTE, STRIKE])


def test_names_that_do_not_fit(article: Path) -> None:
    store = annotated(article, MARKS)
    with pytest.raises(AdjudicationError, match="two different annotators"):
        Adjudication(store, "alice", "alice")
    with pytest.raises(AdjudicationError, match="a name of its own"):
        Adjudication(store, "alice", "bob", "bob")
    with pytest.raises(AdjudicationError, match=r"no marks by alcie .*alice, bob, carol"):
        Adjudication(store, "alcie", "bob")
    with pytest.raises(AdjudicationError, match="carol has marks of their own"):
        Adjudication(store, "alice", "bob", "carol")
    Adjudication(store, "alice", "bob")
    with pytest.raises(AdjudicationError, match="'gold' holds the adjudication of alice and bob"):
        Adjudication(store, "alice", "carol")
    # the same two the other way round go on in the order they were begun
    swapped = Adjudication(store, "bob", "alice")
    assert swapped.swapped and (swapped.a, swapped.b) == ("alice", "bob")


def test_another_writers_save_keeps_the_adjudication_record(article: Path) -> None:
    annotated(article, MARKS)
    alices = AnnotationStore(load_document(article))  # alice's window, open meanwhile
    store = AnnotationStore(load_document(article))
    adjudication = Adjudication(store, "alice", "bob")
    adjudication.decide(adjudication.clusters[1], NEITHER)
    store.save()
    recorded = sidecar(article)["states"]["gold"]
    alices.add(mark(article, "Wednesday", "claim", "alice"))
    alices.set_state("alice", DONE)
    alices.save()  # merged with the file: gold's entry as the adjudication wrote it
    data = sidecar(article)
    assert data["states"]["gold"] == recorded
    assert data["states"]["alice"]["state"] == DONE
    assert len(gold_marks(article)) == 1


def test_the_merge_keeps_golds_entry_whole() -> None:
    document = {"source": "a.txt", "text": "x"}
    entry = {"state": IN_PROGRESS, "modified": "2026-01-02T00:00:00Z",
             "adjudicating": ["alice", "bob"], "decided": {"k1+k2": {"choice": NEITHER,
                                                                     "marks": []}}}  # fmt: skip
    base = {"schema": "readtui.annotations/1", "document": document, "annotations": []}
    ours = {**base, "states": {"gold": entry}}
    theirs = {**base, "states": {"alice": {"state": DONE, "modified": "2026-01-03T00:00:00Z"}}}
    merged = merge_sidecars(base, ours, theirs).data
    assert merged["states"]["gold"] == entry
    assert merged["states"]["alice"]["state"] == DONE


def test_marking_gold_done_by_hand_keeps_its_record_of_decisions(tmp_path: Path) -> None:
    """`D` as the result's annotator (or its undo) changes the state, not the decisions."""
    from readtui.document import document_from_text
    from readtui.store import AnnotationStore

    document = document_from_text("Title\n\nA body line that someone annotated.")
    store = AnnotationStore(document, tmp_path / "a.txt.annotations.json")
    store._storage.extra["states"] = {
        "gold": {"state": "in progress", "modified": "x", "adjudicating": ["a", "b"]}
    }
    store.set_state("gold", "done")
    assert store.states()["gold"]["adjudicating"] == ["a", "b"]
    assert store.state_of("gold") == "done"
    store.set_state("gold", None)
    assert store.states()["gold"]["adjudicating"] == ["a", "b"]
    assert store.state_of("gold") is None
