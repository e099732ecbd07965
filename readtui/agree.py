"""Agreement between two annotators of a corpus: how B's spans compare with A's.

Per document (`compare_sidecar`, picklable, run by readtui.batch) and summed over the corpus
(`Agreement`). docs/agreement.md explains every figure for users; in short:

- A document counts when both annotators worked on it: each has an annotation in it or a
  recorded state (`states`, SPEC §3). Orphaned annotations (no place in the text) and empty
  spans are left out, and counted.
- Spans: B is compared against A (precision = matched / B's spans, recall = matched / A's, F1 =
  2 matched / (A's + B's)). EXACT: same start, end and tag. OVERLAPPING: same tag and at least one
  character in common, paired one to one: the pairing with the most pairs, and among those the
  one whose pairs share the most characters.
- Cohen's kappa over tokens (readtui.export.tokens): each token is labelled by the tags of the
  spans that hold any of its characters (per tag: the tag or not; overall: the set of tags, O
  when none), summed over every token of every compared document.
- Disagreements: the spans without an exact partner, grouped where A's and B's overlap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from readtui.store import DONE, IN_PROGRESS, SidecarError, read_sidecar_annotations, state_in

# The kinds of disagreement, as --json names them
A_ONLY, B_ONLY, BOUNDARY, TAG, TAG_AND_BOUNDARY = (
    "a_only",
    "b_only",
    "boundary",
    "tag",
    "tag_and_boundary",
)


class Span(NamedTuple):
    start: int
    end: int
    tag: str


class SpanVersion(NamedTuple):
    """One annotator's span in a disagreement, with its text."""

    tag: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Disagreement:
    """Spans of A and B around one place that have no exact partner on the other side."""

    document: str  # the sidecar, as the user named it
    start: int  # the place: from the first span's start to the last span's end
    end: int
    kind: str  # A_ONLY, B_ONLY, BOUNDARY, TAG or TAG_AND_BOUNDARY
    a: tuple[SpanVersion, ...]
    b: tuple[SpanVersion, ...]


@dataclass
class TagCounts:
    """A tag's spans by A and by B, and how many of them pair up."""

    a: int = 0
    b: int = 0
    exact: int = 0
    overlapping: int = 0

    def add(self, other: TagCounts) -> None:
        self.a += other.a
        self.b += other.b
        self.exact += other.exact
        self.overlapping += other.overlapping


class Scores(NamedTuple):
    """B against A; None where a figure divides by zero."""

    precision: float | None
    recall: float | None
    f1: float | None


def scores(matched: int, a: int, b: int) -> Scores:
    return Scores(
        matched / b if b else None,
        matched / a if a else None,
        2 * matched / (a + b) if a + b else None,
    )


# Token labels: the sorted tags of the spans that hold a token; () is O.
Label = tuple[str, ...]


@dataclass
class Comparison:
    """Two annotators' spans of one text compared."""

    counts: dict[str, TagCounts] = field(default_factory=dict)
    token_pairs: Counter[tuple[Label, Label]] = field(default_factory=Counter)
    disagreements: list[Disagreement] = field(default_factory=list)


def compare(text: str, a: list[Span], b: list[Span], document: str = "") -> Comparison:
    """A's and B's spans of `text` compared: counts per tag, token labels, disagreements."""
    comparison = Comparison()
    for tag in dict.fromkeys(span.tag for span in [*a, *b]):
        comparison.counts[tag] = TagCounts(
            a=sum(span.tag == tag for span in a), b=sum(span.tag == tag for span in b)
        )
    exact = match_exact(a, b)
    for i, _ in exact:
        comparison.counts[a[i].tag].exact += 1
    for i, _ in match_overlapping(a, b):
        comparison.counts[a[i].tag].overlapping += 1
    tokens = tokenize_text(text)
    comparison.token_pairs = Counter(
        zip(token_labels(tokens, a), token_labels(tokens, b), strict=True)
    )
    comparison.disagreements = disagreements(text, a, b, exact, document)
    return comparison


def match_exact(a: list[Span], b: list[Span]) -> list[tuple[int, int]]:
    """Pairs (index in a, index in b) of equal spans, one to one: a span that A gave twice pairs
    with at most two equal spans of B."""
    waiting: dict[Span, list[int]] = defaultdict(list)
    for j, span in enumerate(b):
        waiting[span].append(j)
    pairs = []
    for i, span in enumerate(a):
        if waiting.get(span):
            pairs.append((i, waiting[span].pop(0)))
    return pairs


def shared(x: Span, y: Span) -> int:
    """Characters two spans have in common."""
    return max(0, min(x.end, y.end) - max(x.start, y.start))


def _overlaps(a: list[Span], b: list[Span], same_tag: bool) -> list[tuple[int, int]]:
    """Pairs (i, j) of spans of a and b with a character in common (and the same tag). Spans
    are not empty."""
    order = sorted(range(len(b)), key=lambda j: b[j].start)
    starts = [b[j].start for j in order]
    return [
        (i, j)
        for i, x in enumerate(a)
        for j in order[: bisect_left(starts, x.end)]  # those starting before x ends
        if b[j].end > x.start and (not same_tag or x.tag == b[j].tag)
    ]


def match_overlapping(a: list[Span], b: list[Span]) -> list[tuple[int, int]]:
    """Pairs (index in a, index in b) of spans of the same tag with a character in common, one
    to one: the pairing with the most pairs and, among those, the most characters shared.

    Spans are paired within each group of spans linked by overlaps, by the Hungarian algorithm
    on weights that make one more pair worth more than any number of shared characters."""
    edges = _overlaps(a, b, same_tag=True)
    groups = _connected(len(a), edges)
    pairs = []
    for group_edges in groups:
        if len(group_edges) == 1:  # the usual case: two spans that overlap each other only
            pairs.extend(group_edges)
            continue
        rows = sorted({i for i, _ in group_edges})
        columns = sorted({j for _, j in group_edges})
        row_of = {i: row for row, i in enumerate(rows)}
        column_of = {j: column for column, j in enumerate(columns)}
        weight = {(i, j): shared(a[i], b[j]) for i, j in group_edges}
        pair_worth = sum(weight.values()) + 1
        matrix = [[0] * len(columns) for _ in rows]
        for (i, j), characters in weight.items():
            matrix[row_of[i]][column_of[j]] = pair_worth + characters
        for row, column in _best_assignment(matrix):
            if matrix[row][column]:
                pairs.append((rows[row], columns[column]))
    return sorted(pairs)


def _connected(count_a: int, edges: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The edges of a bipartite graph (a's nodes 0..count_a-1, b's after them), by component."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in edges:
        parent[root(i)] = root(count_a + j)
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in edges:
        groups[root(i)].append((i, j))
    return list(groups.values())


def _best_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """(row, column) pairs of an assignment of greatest total weight: every row of the smaller
    side gets a column of its own (the Hungarian algorithm with potentials, O(n^2 m))."""
    if len(weights) > len(weights[0]):
        transposed = [list(column) for column in zip(*weights, strict=True)]
        return [(row, column) for column, row in _best_assignment(transposed)]
    rows, columns = len(weights), len(weights[0])
    infinity = float("inf")
    row_potential = [0.0] * (rows + 1)
    column_potential = [0.0] * (columns + 1)
    owner = [0] * (columns + 1)  # the row (1-based) that holds each column; 0: none
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        slack = [infinity] * (columns + 1)
        used = [False] * (columns + 1)
        while True:
            used[column] = True
            current, delta, next_column = owner[column], infinity, 0
            for candidate in range(1, columns + 1):
                if not used[candidate]:
                    cost = (
                        -weights[current - 1][candidate - 1]
                        - row_potential[current]
                        - column_potential[candidate]
                    )
                    if cost < slack[candidate]:
                        slack[candidate], way[candidate] = cost, column
                    if slack[candidate] < delta:
                        delta, next_column = slack[candidate], candidate
            for candidate in range(columns + 1):
                if used[candidate]:
                    row_potential[owner[candidate]] += delta
                    column_potential[candidate] -= delta
                else:
                    slack[candidate] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    return [(owner[column] - 1, column - 1) for column in range(1, columns + 1) if owner[column]]


class Tokens(NamedTuple):
    starts: list[int]
    ends: list[int]


def tokenize_text(text: str) -> Tokens:
    from readtui.export.tokens import TOKEN  # the tokens the token formats export

    starts, ends = [], []
    for match in TOKEN.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(starts, ends)


def token_labels(tokens: Tokens, spans: list[Span]) -> list[Label]:
    """Each token's label: the sorted tags of the spans holding any of its characters."""
    labels: list[Label] = [()] * len(tokens.starts)
    for span in spans:
        first = bisect_right(tokens.ends, span.start)  # the first token ending after the start
        last = bisect_left(tokens.starts, span.end)  # tokens starting before the end
        for index in range(first, last):
            held = labels[index]
            if span.tag not in held:
                labels[index] = tuple(sorted((*held, span.tag)))
    return labels


def cohen_kappa(pairs: Counter) -> float | None:
    """Cohen's kappa of (A's label, B's label) counts; None when chance agreement is total
    (both gave every item one same label), where it is undefined."""
    total = sum(pairs.values())
    if not total:
        return None
    observed = sum(count for (x, y), count in pairs.items() if x == y) / total
    by_a: Counter = Counter()
    by_b: Counter = Counter()
    for (x, y), count in pairs.items():
        by_a[x] += count
        by_b[y] += count
    expected = sum(count * by_b[label] for label, count in by_a.items()) / total**2
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def tag_pairs(pairs: Counter, tag: str) -> Counter:
    """Token label counts reduced to one tag: whether each annotator's label holds it."""
    reduced: Counter = Counter()
    for (x, y), count in pairs.items():
        reduced[tag in x, tag in y] += count
    return reduced


def disagreements(
    text: str, a: list[Span], b: list[Span], exact: list[tuple[int, int]], document: str
) -> list[Disagreement]:
    """The spans without an exact partner, grouped where A's and B's overlap (any tag)."""
    matched_a = {i for i, _ in exact}
    matched_b = {j for _, j in exact}
    rest_a = [span for i, span in enumerate(a) if i not in matched_a]
    rest_b = [span for j, span in enumerate(b) if j not in matched_b]
    edges = _overlaps(rest_a, rest_b, same_tag=False)
    linked_a = {i for i, _ in edges}
    linked_b = {j for _, j in edges}
    groups = [
        ([rest_a[i] for i in {i for i, _ in group}], [rest_b[j] for j in {j for _, j in group}])
        for group in _connected(len(rest_a), edges)
    ]
    groups += [([span], []) for i, span in enumerate(rest_a) if i not in linked_a]
    groups += [([], [span]) for j, span in enumerate(rest_b) if j not in linked_b]
    found = []
    for group_a, group_b in groups:
        spans = [*group_a, *group_b]
        found.append(
            Disagreement(
                document=document,
                start=min(span.start for span in spans),
                end=max(span.end for span in spans),
                kind=_kind(group_a, group_b),
                a=tuple(_version(text, span) for span in sorted(group_a)),
                b=tuple(_version(text, span) for span in sorted(group_b)),
            )
        )
    return sorted(found, key=lambda d: (d.start, d.end, d.a, d.b))


def _kind(a: list[Span], b: list[Span]) -> str:
    if not b:
        return A_ONLY
    if not a:
        return B_ONLY
    if {span.tag for span in a} == {span.tag for span in b}:
        return BOUNDARY
    same_places = {(s.start, s.end) for s in a} == {(s.start, s.end) for s in b}
    return TAG if same_places else TAG_AND_BOUNDARY


def _version(text: str, span: Span) -> SpanVersion:
    return SpanVersion(span.tag, span.start, span.end, text[span.start : span.end])


# One document of the corpus -----------------------------------------------------------------


class AgreeItem(NamedTuple):
    """What a worker needs for one sidecar (picklable; a Failure is named by `shown`)."""

    shown: str  # the sidecar, as the user named it
    path: str  # the sidecar, absolute: a worker may run in another folder
    a: str
    b: str
    tags: tuple[str, ...] | None  # None: every tag


@dataclass
class DocumentComparison:
    """One sidecar: who worked on it and, when both did, their spans compared."""

    document: str
    title: str
    annotators: frozenset[str]  # everyone with an annotation or a state in it
    a_worked: bool
    b_worked: bool
    both_done: bool
    left_out: Counter[str] = field(default_factory=Counter)  # annotations not compared, by why
    comparison: Comparison | None = None  # None unless both worked


def compare_sidecar(item: AgreeItem) -> DocumentComparison:
    """Read one sidecar and compare A's and B's spans in it (run in any process)."""
    try:
        data, annotations = read_sidecar_annotations(Path(item.path))
    except SidecarError as exc:
        raise SidecarError(str(exc).replace(item.path, item.shown)) from None
    states = data.get("states") if isinstance(data.get("states"), dict) else {}
    with_states = {name for name in states if state_in(states, name) in (DONE, IN_PROGRESS)}
    annotating = {annotation.annotator for annotation in annotations}
    worked = annotating | with_states
    result = DocumentComparison(
        document=item.shown,
        title=data["document"].get("title", ""),
        annotators=frozenset(worked),
        a_worked=item.a in worked,
        b_worked=item.b in worked,
        both_done=state_in(states, item.a) == DONE and state_in(states, item.b) == DONE,
    )
    if not (result.a_worked and result.b_worked):
        return result
    spans: dict[str, list[Span]] = {item.a: [], item.b: []}
    for annotation in annotations:
        own = spans.get(annotation.annotator)
        if own is None or (item.tags is not None and annotation.tag not in item.tags):
            continue
        if annotation.status == "orphan":
            result.left_out["orphan"] += 1
        elif annotation.start >= annotation.end:
            result.left_out["empty"] += 1
        else:
            own.append(Span(annotation.start, annotation.end, annotation.tag))
    text = data["document"]["text"]
    result.comparison = compare(text, spans[item.a], spans[item.b], item.shown)
    return result


# The corpus ----------------------------------------------------------------------------------


@dataclass
class ComparedDocument:
    document: str
    title: str
    both_done: bool
    counts: TagCounts  # over every tag


@dataclass
class Agreement:
    """The comparisons of a corpus summed (`add` them in input order)."""

    a: str
    b: str
    tags: list[str]  # in the order they are shown: the config's, then others by name
    counts: dict[str, TagCounts] = field(default_factory=dict)
    token_pairs: Counter = field(default_factory=Counter)
    compared: list[ComparedDocument] = field(default_factory=list)
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)
    neither: list[str] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)  # left out by done_only
    annotators: set[str] = field(default_factory=set)
    left_out: Counter = field(default_factory=Counter)
    disagreements: list[Disagreement] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (sidecar, why)
    done_only: bool = False

    def add(self, document: DocumentComparison) -> None:
        self.annotators |= document.annotators
        if not (document.a_worked and document.b_worked):
            if document.a_worked or document.b_worked:
                (self.only_a if document.a_worked else self.only_b).append(document.document)
            else:
                self.neither.append(document.document)
            return
        if self.done_only and not document.both_done:
            self.not_done.append(document.document)
            return
        comparison = document.comparison
        assert comparison is not None  # both worked
        total = TagCounts()
        for tag, counts in comparison.counts.items():
            self.counts.setdefault(tag, TagCounts()).add(counts)
            total.add(counts)
            if tag not in self.tags:
                self.tags.append(tag)
        self.token_pairs.update(comparison.token_pairs)
        self.left_out.update(document.left_out)
        self.disagreements.extend(comparison.disagreements)
        self.compared.append(
            ComparedDocument(document.document, document.title, document.both_done, total)
        )

    def tag_counts(self, tag: str) -> TagCounts:
        return self.counts.get(tag, TagCounts())

    def total(self) -> TagCounts:
        total = TagCounts()
        for counts in self.counts.values():
            total.add(counts)
        return total

    def kappa(self, tag: str | None = None) -> float | None:
        """Cohen's kappa over the compared documents' tokens: of one tag, or over all labels."""
        return cohen_kappa(self.token_pairs if tag is None else tag_pairs(self.token_pairs, tag))

    @property
    def tokens(self) -> int:
        return sum(self.token_pairs.values())

    def to_json(self) -> dict:
        def matches(matched: int, counts: TagCounts) -> dict:
            return {"matches": matched, **scores(matched, counts.a, counts.b)._asdict()}

        def figures(counts: TagCounts, kappa: float | None) -> dict:
            return {
                "a": counts.a,
                "b": counts.b,
                "exact": matches(counts.exact, counts),
                "overlapping": matches(counts.overlapping, counts),
                "kappa": kappa,
            }

        return {
            "a": self.a,
            "b": self.b,
            "documents": {
                "compared": len(self.compared),
                "only_a": len(self.only_a),
                "only_b": len(self.only_b),
                "neither": len(self.neither),
                "not_done": len(self.not_done),
                "unreadable": len(self.unreadable),
            },
            "tags": {tag: figures(self.tag_counts(tag), self.kappa(tag)) for tag in self.tags},
            "all": figures(self.total(), self.kappa()),
            "tokens": self.tokens,
            "left_out": dict(sorted(self.left_out.items())),
            "compared": [
                {
                    "document": document.document,
                    "title": document.title,
                    "both_done": document.both_done,
                    "a": document.counts.a,
                    "b": document.counts.b,
                    "exact": document.counts.exact,
                    "overlapping": document.counts.overlapping,
                }
                for document in self.compared
            ],
            "only_a": self.only_a,
            "only_b": self.only_b,
            "disagreements": [
                {
                    "document": d.document,
                    "start": d.start,
                    "end": d.end,
                    "kind": d.kind,
                    "a": [version._asdict() for version in d.a],
                    "b": [version._asdict() for version in d.b],
                }
                for d in self.disagreements
            ],
            "unreadable": [{"document": path, "error": why} for path, why in self.unreadable],
        }
