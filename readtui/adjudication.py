"""Adjudication: two annotators' marks on one article made into a third annotator's, `gold`.

Where A and B made the same mark (same start, end, tag and attributes), gold takes it at once:
an agreement. The rest of their placed marks fall into disagreements: clusters of A's and B's
marks that overlap one another, transitively (a mark that overlaps none of the other's is a
cluster of one). For each, the adjudicator takes A's version, B's, both or neither; the marks
taken are copied as gold's (new ids; span, tag, note, attributes and status kept; `origin`
`adjudicated:<name>`, or `adjudicated:<A>+<B>` for a mark both made). Marks with no place in
the text (orphans) are listed apart: they cannot be compared.

What was decided lives in gold's entry of the sidecar's `states`, so that reopening continues
where the adjudicator stopped, and a cluster decided "neither" stays decided:

    "gold": {"state": "in progress", "modified": "…", "adjudicating": ["alice", "bob"],
             "decided": {"<cluster key>": {"choice": "A", "marks": ["<gold id>", …]}, …},
             "agreed": ["<key of an agreement taken>", …]}

A cluster's key is its members' ids, sorted and joined by `+` (an agreement's: its two marks'):
the same on every reopening while A's and B's marks stay as they are. A cluster whose marks
changed since is a new one, to decide again. `marks` are the gold marks a choice made, which a
new choice for the cluster replaces. Gold's state is `done` once every disagreement is decided.

Every decision is an edit of the `Editor` history (readtui.editing), undone and redone like any.
"""

import json
from bisect import insort
from collections.abc import Iterable
from dataclasses import replace
from operator import attrgetter
from typing import NamedTuple

from readtui.annotations import Annotation, new_id, now_iso
from readtui.editing import Editor, SpanIndex
from readtui.store import DONE, IN_PROGRESS, AnnotationStore, state_in

A, B, BOTH, NEITHER = "A", "B", "both", "neither"
CHOICES = (A, B, BOTH, NEITHER)
DEFAULT_GOLD = "gold"
_reading_order = attrgetter("sort_key")  # (start, end, id), as annotations are kept


class AdjudicationError(ValueError):
    """An adjudication that cannot start: the message says why, to the user."""


class Cluster(NamedTuple):  # NamedTuples: see readtui.document.Block
    """A disagreement: A's and B's marks that overlap one another, in reading order."""

    key: str
    a: tuple[Annotation, ...]
    b: tuple[Annotation, ...]
    start: int
    end: int


class Plan(NamedTuple):
    """What adjudicating A's and B's marks finds."""

    agreements: list[tuple[Annotation, Annotation]]  # (A's, B's): the same mark
    clusters: list[Cluster]  # the disagreements, in reading order
    orphans: list[Annotation]  # A's and B's marks with no place in the text


def names_problem(a: str, b: str, gold: str) -> str | None:
    """What is wrong with these names for an adjudication of A's and B's marks into gold's."""
    if a == b:
        return "A and B must be two different annotators"
    if not gold:
        return "the result needs a name (gold by default)"
    if gold in (a, b):
        return f"the result needs a name of its own, not {gold}'s"
    return None


def key_of(marks: Iterable[Annotation]) -> str:
    """A cluster's key: its members' ids, sorted, joined by `+`."""
    return "+".join(sorted(mark.id for mark in marks))


def _placed(mark: Annotation) -> bool:
    return not mark.is_orphan and mark.start < mark.end


def _same_mark(mark: Annotation) -> str:
    """What two annotators must both have chosen for their marks to agree: the span, the tag
    and the attributes (a casualty figure's count is what the mark says)."""
    return json.dumps([mark.start, mark.end, mark.tag, mark.attrs], sort_keys=True)


def plan(annotations: Iterable[Annotation], a: str, b: str) -> Plan:
    """The agreements, disagreements and orphans of annotators `a` and `b`."""
    marks_a, marks_b, orphans = [], [], []
    for mark in sorted(annotations, key=_reading_order):
        if mark.annotator not in (a, b):
            continue
        if not _placed(mark):
            orphans.append(mark)
        else:
            (marks_a if mark.annotator == a else marks_b).append(mark)
    # agreements: each of B's marks pairs with one of A's, the same, in reading order
    waiting: dict[str, list[Annotation]] = {}
    for mark in marks_b:
        waiting.setdefault(_same_mark(mark), []).append(mark)
    agreements, rest_a = [], []
    for mark in marks_a:
        same = waiting.get(_same_mark(mark))
        if same:
            agreements.append((mark, same.pop(0)))
        else:
            rest_a.append(mark)
    rest_b = [mark for marks in waiting.values() for mark in marks]
    # disagreements: A's and B's marks linked where one of A's overlaps one of B's
    parent = {mark.id: mark.id for mark in (*rest_a, *rest_b)}

    def root(mark_id: str) -> str:
        while parent[mark_id] != mark_id:
            parent[mark_id] = parent[parent[mark_id]]
            mark_id = parent[mark_id]
        return mark_id

    index_b = SpanIndex(rest_b)
    for mark in rest_a:
        for other in index_b.overlapping(mark.start, mark.end):
            parent[root(other.id)] = root(mark.id)
    groups: dict[str, list[Annotation]] = {}
    for mark in (*rest_a, *rest_b):
        groups.setdefault(root(mark.id), []).append(mark)
    clusters = []
    for members in groups.values():
        side_a = tuple(sorted((m for m in members if m.annotator == a), key=_reading_order))
        side_b = tuple(sorted((m for m in members if m.annotator == b), key=_reading_order))
        start, end = min(m.start for m in members), max(m.end for m in members)
        clusters.append(Cluster(key_of(members), side_a, side_b, start, end))
    clusters.sort(key=lambda cluster: (cluster.start, cluster.end, cluster.key))
    return Plan(agreements, clusters, orphans)


def merged_note(marks: list[Annotation]) -> str:
    """One note for marks made into one: the note if they have one between them, else each
    annotator's, named."""
    notes = {mark.note for mark in marks if mark.note}
    if len(notes) <= 1:
        return next(iter(notes), "")
    return " | ".join(f"{mark.annotator}: {mark.note}" for mark in marks if mark.note)


def gold_copies(
    chosen: list[Annotation], gold: str, taken: set[tuple[int, int, str]]
) -> list[Annotation]:
    """Gold's copies of the marks `chosen`: one for each span and tag (the first one's
    attributes; the notes of all), none where gold has that span and tag already (`taken`,
    which grows with the copies made)."""
    by_mark: dict[tuple[int, int, str], list[Annotation]] = {}
    for mark in chosen:
        by_mark.setdefault((mark.start, mark.end, mark.tag), []).append(mark)
    copies, stamp = [], now_iso()
    for where, marks in by_mark.items():
        if where in taken:
            continue
        taken.add(where)
        names = "+".join(dict.fromkeys(mark.annotator for mark in marks))
        copies.append(
            replace(
                marks[0],
                id=new_id(),
                note=merged_note(marks),
                attrs=dict(marks[0].attrs),
                annotator=gold,
                origin=f"adjudicated:{names}",
                created=stamp,
                modified=stamp,
            )
        )
    return copies


class Decision(NamedTuple):
    """Decisions taken (or changed) at once: gold's marks taken out and put in, and the
    records of `decided` before and after, each (cluster key, record or None)."""

    label: str
    removed: tuple[Annotation, ...]
    added: tuple[Annotation, ...]
    before: tuple[tuple[str, dict | None], ...]
    after: tuple[tuple[str, dict | None], ...]

    def inverse(self) -> "Decision":
        return Decision(self.label, self.added, self.removed, self.after, self.before)

    @property
    def key(self) -> str:
        """The cluster the decision was about (the first, when several were taken at once)."""
        return self.after[0][0]


class DisagreementView(NamedTuple):
    """What the reader shows while adjudicating (it stands for readtui.editing.View): gold's
    marks, faded, and the current disagreement's, in their tag colours (the reader draws the
    marks a view `owns` so). Nothing is edited by hand meanwhile."""

    annotator: str
    of: str | None
    ids: frozenset[str]

    def owns(self, annotation: Annotation) -> bool:
        return annotation.id in self.ids

    @property
    def mine(self) -> bool:
        return False

    @property
    def names(self) -> tuple[str, ...] | None:
        return (self.annotator,)


class Adjudication(Editor):
    """The editor of gold's marks while A's and B's are adjudicated: `decide`, `undo`, `redo`.

    Opening takes in the agreements not taken before (`agreed_now` says how many), outside the
    history: they were not the adjudicator's choices.
    """

    def __init__(self, store: AnnotationStore, a: str, b: str, gold: str = DEFAULT_GOLD):
        """AdjudicationError when the names do not fit the article. Begun before with A and B
        the other way round, it goes on in that order (`swapped`): the records say A and B."""
        problem = names_problem(a, b, gold)
        if problem is not None:
            raise AdjudicationError(problem)
        recorded = recorded_pair(store, gold)
        self.swapped = recorded == (b, a)
        if self.swapped:
            a, b = recorded
        elif recorded is not None and recorded != (a, b):
            raise AdjudicationError(
                f"'{gold}' holds the adjudication of {recorded[0]} and {recorded[1]}: "
                "save this one under another name"
            )
        self.a, self.b, self.gold = a, b, gold
        self.focus: Cluster | None = None
        self._gold_of: tuple[list[Annotation], list[Annotation]] | None = None
        super().__init__(store, gold)
        present = annotators_of(self.annotations)
        if recorded is None and gold in present:
            raise AdjudicationError(
                f"{gold} has marks of their own in this article: save the adjudication under "
                "another name"
            )
        for name in (a, b):
            if name not in present and name not in store.states():
                here = ", ".join(present) or "none"
                raise AdjudicationError(
                    f"no marks by {name} in this article (annotators here: {here})"
                )
        self._read_plan()
        self.agreed_now = self._take_agreements()

    def _read_plan(self) -> None:
        self.plan = plan(self.annotations, self.a, self.b)
        self.clusters = self.plan.clusters
        entry = self._entry()
        self.decided = dict(entry.get("decided") or {})
        self.agreed = set(entry.get("agreed") or [])
        self._count_undecided()

    def _entry(self) -> dict:
        entry = self.store.states().get(self.gold)
        return entry if isinstance(entry, dict) else {}

    def _count_undecided(self) -> None:
        self.cluster_keys = {cluster.key for cluster in self.clusters}
        self.undecided = sum(key not in self.decided for key in self.cluster_keys)

    @property
    def done(self) -> bool:
        return self.undecided == 0

    def _take_agreements(self) -> int:
        taken, added, agreed = self._gold_spans(), [], set()
        for pair in self.plan.agreements:
            key = key_of(pair)
            if key not in self.agreed:
                agreed.add(key)
                added += gold_copies(list(pair), self.gold, taken)
        state_now = state_in(self.store.states(), self.gold)
        if agreed or state_now != (DONE if self.done else IN_PROGRESS):
            self.agreed |= agreed
            self._apply(Decision("take the agreements", (), tuple(added), (), ()))
        return len(agreed)

    def _gold_spans(self, leaving: Iterable[Annotation] = ()) -> set[tuple[int, int, str]]:
        """The spans and tags of gold's placed marks, but those in `leaving`."""
        gone = {mark.id for mark in leaving}
        return {(m.start, m.end, m.tag) for m in self.gold_marks if _placed(m) and m.id not in gone}

    @property
    def gold_marks(self) -> list[Annotation]:
        """Gold's marks, in reading order: looked for again only after a change."""
        annotations = self.annotations  # a new list after every change
        if self._gold_of is None or self._gold_of[0] is not annotations:
            self._gold_of = (annotations, [a for a in annotations if a.annotator == self.gold])
        return self._gold_of[1]

    # What is shown
    def show(self, cluster: Cluster | None) -> None:
        """Show `cluster`'s marks with gold's (None: gold's only)."""
        self.focus = cluster
        self._reindex()

    def _reindex(self) -> None:
        self.shown = self.gold_marks
        members: list[Annotation] = []
        made_here: set[str] = set()  # gold's copies of the versions shown: they would hide them
        if self.focus is not None:
            members = [*self.focus.a, *self.focus.b]
            record = self.decided.get(self.focus.key)
            made_here = set(record.get("marks") or []) if isinstance(record, dict) else set()
        self.view = DisagreementView(self.gold, self.gold, frozenset(m.id for m in members))
        shown = [m for m in self.shown if m.id not in made_here] if made_here else self.shown
        self.index = SpanIndex(shown + members)

    def show_marks_of(self, annotator: str | None) -> None:
        raise RuntimeError("while adjudicating, the marks shown follow the disagreement")

    def choice_of(self, cluster: Cluster) -> str | None:
        record = self.decided.get(cluster.key)
        return record.get("choice") if isinstance(record, dict) else None

    def next_undecided(self, after: int = -1) -> int | None:
        """The index of the first undecided cluster after `after`, going round; None when
        every one is decided."""
        count = len(self.clusters)
        for step in range(1, count + 1):
            index = (after + step) % count
            if self.clusters[index].key not in self.decided:
                return index
        return None

    # Deciding
    def decide(self, cluster: Cluster, choice: str) -> Decision:
        """Take A's version of `cluster`, B's, both or neither (`choice`: A, B, BOTH, NEITHER);
        decided before, the earlier decision's marks give way to this one's."""
        if choice not in CHOICES:
            raise ValueError(f"unknown choice {choice!r}")
        record = self.decided.get(cluster.key)
        earlier = set(record.get("marks") or []) if isinstance(record, dict) else set()
        removed = tuple(m for m in self.gold_marks if m.id in earlier)
        chosen = {A: [*cluster.a], B: [*cluster.b], BOTH: [*cluster.a, *cluster.b]}.get(choice, [])
        copies = gold_copies(chosen, self.gold, self._gold_spans(removed))
        after = {"choice": choice, "marks": [c.id for c in copies]}
        decision = Decision(
            self.label(choice), removed, tuple(copies), ((cluster.key, record),),
            ((cluster.key, after),),
        )  # fmt: skip
        self._do(decision)
        return decision

    def label(self, choice: str) -> str:
        """What taking a choice is, in words: "take alice's", "take both", "take neither"."""
        return f"take {self.choice_words(choice)}"

    def choice_words(self, choice: str) -> str:
        """A choice in words: "alice's", "bob's", "both", "neither"."""
        return {A: f"{self.a}'s", B: f"{self.b}'s"}.get(choice, choice)

    def _apply(self, change) -> None:
        if not isinstance(change, Decision):
            super()._apply(change)
            return
        store = self._writable()
        for key, record in change.after:
            was_decided = key in self.decided
            if record is None:
                self.decided.pop(key, None)
            else:
                self.decided[key] = record
            if key in self.cluster_keys:
                self.undecided += was_decided - (record is not None)
        removed_ids = {mark.id for mark in change.removed}
        with store.batch():
            for mark in change.removed:
                store.remove(mark.id)
            for mark in change.added:
                store.add(mark)
            store.set_state(self.gold, DONE if self.done else IN_PROGRESS)
            entry = store.states()[self.gold]
            entry.update(adjudicating=[self.a, self.b], decided=dict(sorted(self.decided.items())))
            if self.agreed:
                entry["agreed"] = sorted(self.agreed)
        annotations = [mark for mark in self.annotations if mark.id not in removed_ids]
        for mark in change.added:  # a few into a sorted list: no sort of the whole
            insort(annotations, mark, key=_reading_order)
        self.annotations = annotations
        self._reindex()

    def reload(self) -> None:
        """Another writer's work came in: the disagreements and decisions as they are now."""
        super().reload()
        self._read_plan()
        if self.focus is not None:
            self.focus = next((c for c in self.clusters if c.key == self.focus.key), None)
        self._reindex()


def annotators_of(annotations: Iterable[Annotation]) -> dict[str, int]:
    """Each named annotator with the number of their marks, by name."""
    counts: dict[str, int] = {}
    for mark in annotations:
        if mark.annotator:
            counts[mark.annotator] = counts.get(mark.annotator, 0) + 1
    return dict(sorted(counts.items()))


def recorded_pair(store: AnnotationStore, gold: str) -> tuple[str, str] | None:
    """The two annotators an adjudication saved as `gold` was of, if one was begun."""
    entry = store.states().get(gold)
    pair = entry.get("adjudicating") if isinstance(entry, dict) else None
    if isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, str) for n in pair):
        return pair[0], pair[1]
    return None


def recorded_adjudications(store: AnnotationStore) -> dict[str, tuple[str, str]]:
    """Every adjudication begun in this article: the result's name -> the two annotators."""
    found = {}
    for name in store.states():
        pair = recorded_pair(store, name)
        if pair is not None:
            found[name] = pair
    return found
