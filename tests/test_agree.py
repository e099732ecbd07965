"""`readtui agree`: figures worked out by hand, the command run as a process, and the span F1
checked against bratiaa (an independent tool) on readtui's own brat export."""

import json
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readtui.agree import (
    A_ONLY,
    B_ONLY,
    BOUNDARY,
    TAG_AND_BOUNDARY,
    Span,
    cohen_kappa,
    compare,
    match_overlapping,
    scores,
    shared,
    tag_pairs,
)
from readtui.annotations import Annotation
from readtui.document import load_document
from readtui.export.model import field_label
from readtui.store import DONE, AnnotationStore, sidecar_path

# Ten tokens, one per word: one 0-3, two 4-7, three 8-13, four 14-18, five 19-23, six 24-27,
# seven 28-33, eight 34-39, nine 40-44, ten 45-48.
WORDS = "one two three four five six seven eight nine ten"


def words(phrase: str, tag: str) -> Span:
    start = WORDS.index(phrase)
    return Span(start, start + len(phrase), tag)


def approx(value: float | None) -> object:
    return None if value is None else pytest.approx(value)


# Figures worked out by hand ------------------------------------------------------------------


def test_span_figures_by_hand() -> None:
    """A: claim "one two", claim "four five", quote "seven eight".
    B: claim "one two", claim "five", claim "seven", quote "nine ten".

    claim: A 2, B 3. Exact: "one two" only -> 1: P = 1/3, R = 1/2, F1 = 2*1/(2+3) = 0.4.
      Overlapping: "one two"-"one two", "four five"-"five" -> 2 (B's "seven" meets no claim
      of A): P = 2/3, R = 2/2, F1 = 2*2/5 = 0.8.
    quote: A 1, B 1, no match either way ("seven eight" and "nine ten" share nothing):
      P = R = F1 = 0.
    all tags: A 3, B 4. Exact 1: P = 1/4, R = 1/3, F1 = 2/7. Overlapping 2: P = 2/4, R = 2/3,
      F1 = 4/7.
    """
    a = [words("one two", "claim"), words("four five", "claim"), words("seven eight", "quote")]
    b = [
        words("one two", "claim"),
        words("five", "claim"),
        words("seven", "claim"),
        words("nine ten", "quote"),
    ]
    counts = compare(WORDS, a, b).counts
    claim, quote = counts["claim"], counts["quote"]
    assert (claim.a, claim.b, claim.exact, claim.overlapping) == (2, 3, 1, 2)
    assert scores(claim.exact, claim.a, claim.b) == (approx(1 / 3), 0.5, 0.4)
    assert scores(claim.overlapping, claim.a, claim.b) == (approx(2 / 3), 1.0, 0.8)
    assert (quote.a, quote.b, quote.exact, quote.overlapping) == (1, 1, 0, 0)
    assert scores(quote.exact, quote.a, quote.b) == (0, 0, 0)
    exact, overlapping = claim.exact + quote.exact, claim.overlapping + quote.overlapping
    assert scores(exact, 3, 4) == (0.25, approx(1 / 3), approx(2 / 7))
    assert scores(overlapping, 3, 4) == (0.5, approx(2 / 3), approx(4 / 7))


def test_kappa_by_hand() -> None:
    """The same spans, token by token (C claim, Q quote, O none):
        one two three four five six seven eight nine ten
    A:   C   C    O    C    C   O    Q     Q    O    O
    B:   C   C    O    O    C   O    C     O    Q    Q

    Overall: agreeing tokens one, two, three, five, six: po = 5/10. A's labels C 4, O 4, Q 2;
      B's C 4, O 4, Q 2: pe = (4*4 + 4*4 + 2*2)/100 = 0.36. kappa = (0.5-0.36)/(1-0.36)
      = 0.21875.
    claim (C or not): A C on one two four five, B on one two five seven: both 3, neither 5,
      po = 8/10; each has C on 4 of 10: pe = .4*.4 + .6*.6 = 0.52. kappa = 0.28/0.48 = 7/12.
    quote: no token both; neither on 6: po = 0.6; pe = .2*.2 + .8*.8 = 0.68.
      kappa = (0.6-0.68)/(1-0.68) = -0.25.
    """
    a = [words("one two", "claim"), words("four five", "claim"), words("seven eight", "quote")]
    b = [
        words("one two", "claim"),
        words("five", "claim"),
        words("seven", "claim"),
        words("nine ten", "quote"),
    ]
    pairs = compare(WORDS, a, b).token_pairs
    assert sum(pairs.values()) == 10
    assert cohen_kappa(pairs) == pytest.approx(0.21875)
    assert cohen_kappa(tag_pairs(pairs, "claim")) == pytest.approx(7 / 12)
    assert cohen_kappa(tag_pairs(pairs, "quote")) == pytest.approx(-0.25)


def test_kappa_edges_by_hand() -> None:
    """Same spans: po = 1, so kappa = 1 whatever pe. A tag neither used: every token is "not
    quote" for both, pe = 1, and kappa is undefined (None), not a number. A token that a span
    only partly covers ("thr" of "three") is labelled by it. Nested spans: "two" is claim+quote
    for A, which B's claim alone does not match: po = 9/10; A C 2, C+Q 1, O 7; B C 3, O 7:
    pe = (2*3 + 7*7)/100 = 0.55, kappa = (0.9-0.55)/0.45 = 7/9."""
    same = [words("one two", "claim")]
    pairs = compare(WORDS, same, same).token_pairs
    assert cohen_kappa(pairs) == 1.0
    assert cohen_kappa(tag_pairs(pairs, "quote")) is None
    partly = compare(WORDS, [Span(8, 11, "claim")], [words("three", "claim")]).token_pairs
    assert cohen_kappa(partly) == 1.0
    nested = [words("one two three", "claim"), words("two", "quote")]
    pairs = compare(WORDS, nested, [words("one two three", "claim")]).token_pairs
    assert cohen_kappa(pairs) == pytest.approx(7 / 9)


def test_overlapping_matches_are_one_to_one() -> None:
    """A: claim "one two three four five six seven eight nine ten" (0-48).
    B: claim "one two" (0-7) and claim "four five" (14-23). A's one span pairs with one of B's:
    the one sharing more characters, "four five" (9 against 7). Overlapping: 1 match,
    P = 1/2, R = 1/1, F1 = 2/3. The three spans are one disagreement (boundary)."""
    a = [words(WORDS, "claim")]
    b = [words("one two", "claim"), words("four five", "claim")]
    comparison = compare(WORDS, a, b)
    assert match_overlapping(a, b) == [(0, 1)]
    counts = comparison.counts["claim"]
    assert scores(counts.overlapping, counts.a, counts.b) == (0.5, 1.0, approx(2 / 3))
    [disagreement] = comparison.disagreements
    assert (disagreement.kind, disagreement.start, disagreement.end) == (BOUNDARY, 0, 48)
    assert len(disagreement.a) == 1 and len(disagreement.b) == 2


def test_overlapping_matching_makes_the_most_pairs() -> None:
    """A1 "one two three four" (0-18), A2 "five" (19-23); B1 "two three four five" (4-23),
    B2 "one" (0-3). A1-B1 share 14 characters, A1-B2 3, A2-B1 4. Taking the largest overlap
    first (A1-B1) would leave one pair; A1-B2 and A2-B1 make two, which is what is counted."""
    a = [words("one two three four", "claim"), words("five", "claim")]
    b = [words("two three four five", "claim"), words("one", "claim")]
    assert match_overlapping(a, b) == [(0, 1), (1, 0)]


def test_a_span_given_twice_matches_once() -> None:
    """A has "one two" twice (a slip), B once: exact 1 of A's 2 and B's 1: P = 1, R = 1/2."""
    a = [words("one two", "claim"), words("one two", "claim")]
    counts = compare(WORDS, a, [words("one two", "claim")]).counts["claim"]
    assert (counts.exact, counts.overlapping) == (1, 1)
    assert scores(counts.exact, counts.a, counts.b) == (1.0, 0.5, approx(2 / 3))


def test_disagreements_group_what_differs_by_place() -> None:
    """The spans of test_span_figures_by_hand without an exact partner: claim "four five"
    against claim "five" (boundary), quote "seven eight" against claim "seven" (tag and
    boundary), quote "nine ten" by B alone. Each carries its text."""
    a = [words("one two", "claim"), words("four five", "claim"), words("seven eight", "quote")]
    b = [
        words("one two", "claim"),
        words("five", "claim"),
        words("seven", "claim"),
        words("nine ten", "quote"),
    ]
    found = compare(WORDS, a, b, "doc").disagreements
    assert [(d.kind, d.start, d.end) for d in found] == [
        (BOUNDARY, 14, 23),
        (TAG_AND_BOUNDARY, 28, 39),
        (B_ONLY, 40, 48),
    ]
    assert [v.text for v in found[1].a] == ["seven eight"]
    assert [(v.tag, v.text) for v in found[1].b] == [("claim", "seven")]
    assert found[2].a == () and found[2].document == "doc"
    only_a = compare(WORDS, [words("six", "quote")], []).disagreements
    assert [d.kind for d in only_a] == [A_ONLY]


SPANS = st.lists(
    st.builds(
        lambda start, length, tag: Span(start, start + length, tag),
        st.integers(0, 40),
        st.integers(1, 8),
        st.sampled_from(["claim", "quote"]),
    ),
    max_size=6,
)


@given(SPANS, SPANS)
def test_overlapping_matching_is_the_best_pairing(a: list[Span], b: list[Span]) -> None:
    """Against every one-to-one pairing, tried by brute force: the most pairs, then the most
    shared characters; and never fewer matches than the exact ones."""

    def best(i: int, taken: frozenset[int]) -> tuple[int, int]:
        """(pairs, shared characters) of the best pairing of a[i:] with b's spans not taken."""
        if i == len(a):
            return (0, 0)
        options = [best(i + 1, taken)]  # a[i] left unpaired
        for j, y in enumerate(b):
            if j not in taken and y.tag == a[i].tag and shared(a[i], y) > 0:
                pairs, characters = best(i + 1, taken | {j})
                options.append((pairs + 1, characters + shared(a[i], y)))
        return max(options)

    pairs = match_overlapping(a, b)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert (len(pairs), sum(shared(a[i], b[j]) for i, j in pairs)) == best(0, frozenset())
    counts = compare(WORDS, a, b).counts
    assert all(tag.exact <= tag.overlapping for tag in counts.values())


# The command ---------------------------------------------------------------------------------

ALICE = [
    ("killing at least 14 people", "casualty figure"),
    ("Colonel Ruben Asker", "claim"),
    ("Four children were among the dead.", "claim"),
]
BOB = [
    ("killing at least 14 people", "casualty figure"),
    ("Ruben Asker", "claim"),
    ("The talks will go on", "quote"),
]
UNTRUSTED = "[bold red]Tarin[/] \x1b[2J said"


@pytest.fixture
def corpus(tmp_path: Path, article: Path, annotate) -> Path:
    """news/dalvar.md annotated by alice and bob; news/markup.md by alice only; news/later.md
    not annotated."""
    annotate(article, ALICE, annotator="alice")
    annotate(article, BOB, annotator="bob")
    markup = article.with_name("markup.md")
    markup.write_text(f"# Markup\n\n{UNTRUSTED} on Monday.\n", encoding="utf-8")
    annotate(markup, [("Tarin", "claim")], annotator="alice")
    article.with_name("later.md").write_text("# Later\n\nNot read yet.\n", encoding="utf-8")
    return article.parent


def test_agree_json_figures(run_cli, corpus: Path) -> None:
    """dalvar.md (markup.md has alice only, later.md nobody: neither is compared).
    claim: alice 2, bob 1 ("Ruben Asker" inside "Colonel Ruben Asker"): exact 0 -> P 0, R 0,
      F1 0; overlapping 1 -> P 1, R 1/2, F1 2/3.
    casualty figure: 1 and 1, equal: every figure 1.
    quote: alice 0, bob 1: P 0, R undefined (null), F1 0.
    all: 3 and 3, exact 1 (P = R = F1 = 1/3), overlapping 2 (2/3)."""
    result = run_cli("agree", "news", "--a", "alice", "--b", "bob", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["a"], data["b"]) == ("alice", "bob")
    documents = data["documents"]
    assert (documents["compared"], documents["only_a"], documents["only_b"]) == (1, 1, 0)
    assert documents["neither"] == 1  # later.md, which has no sidecar
    assert data["only_a"] == [str(Path("news", "markup.md.annotations.json"))]
    claim = data["tags"]["claim"]
    assert (claim["a"], claim["b"]) == (2, 1)
    assert claim["exact"] == {"matches": 0, "precision": 0, "recall": 0, "f1": 0}
    assert claim["overlapping"] == {
        "matches": 1,
        "precision": 1,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
    }
    casualty = data["tags"]["casualty figure"]
    assert casualty["exact"] == {"matches": 1, "precision": 1, "recall": 1, "f1": 1}
    quote = data["tags"]["quote"]
    assert quote["exact"] == {"matches": 0, "precision": 0, "recall": None, "f1": 0}
    assert list(data["tags"]) == ["claim", "quote", "casualty figure"]  # the config's order
    everything = data["all"]
    assert everything["exact"]["f1"] == pytest.approx(1 / 3)
    assert everything["overlapping"]["f1"] == pytest.approx(2 / 3)
    assert -1 <= everything["kappa"] <= 1 and data["tokens"] > 0
    kinds = {d["kind"]: d for d in data["disagreements"]}
    assert set(kinds) == {"boundary", "a_only", "b_only"}
    assert [v["text"] for v in kinds["boundary"]["a"]] == ["Colonel Ruben Asker"]
    assert [v["text"] for v in kinds["boundary"]["b"]] == ["Ruben Asker"]
    assert [v["text"] for v in kinds["a_only"]["a"]] == ["Four children were among the dead."]
    assert kinds["b_only"]["b"][0]["tag"] == "quote"
    text = load_document(corpus / "dalvar.md").text
    for disagreement in data["disagreements"]:
        for version in disagreement["a"] + disagreement["b"]:
            assert text[version["start"] : version["end"]] == version["text"]


def test_agree_prints_tables_with_the_texts_literally(run_cli, corpus: Path, annotate) -> None:
    annotate(corpus / "markup.md", [("[bold red]Tarin[/] said", "claim")], annotator="bob")
    result = run_cli("agree", "news", "--a", "alice", "--b", "bob")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Agreement of bob (B) against alice (A)" in out
    assert "2 documents compared" in out
    assert "Colonel Ruben Asker" in out and "Four children were among the dead." in out
    assert "only alice" in out and "only bob" in out and "boundary" in out
    assert "[bold red]Tarin" in out  # markup in the text is shown, not obeyed
    assert "\x1b" not in out
    assert "4 disagreements in 2 documents" in out


def test_a_document_counts_when_an_annotator_marked_it_done_without_spans(
    run_cli, corpus: Path
) -> None:
    """bob read markup.md, found nothing and marked it done: his empty set is his work, so
    alice's claim there is one bob does not have (recall falls), and the document is compared."""
    store = AnnotationStore(load_document(corpus / "markup.md"))
    store.set_state("bob", DONE)
    store.save()
    result = run_cli("agree", "news", "--a", "alice", "--b", "bob", "--json")
    data = json.loads(result.stdout)
    assert data["documents"]["compared"] == 2 and data["documents"]["only_a"] == 0
    assert data["tags"]["claim"]["a"] == 3
    args = ["agree", "news", "--a", "alice", "--b", "bob", "--json", "--done"]
    done_only = json.loads(run_cli(*args).stdout)
    assert done_only["documents"]["compared"] == 0 and done_only["documents"]["not_done"] == 2


def test_agree_tags_option(run_cli, corpus: Path) -> None:
    result = run_cli("agree", "news", "--a", "alice", "--b", "bob", "--json", "--tags", "claim")
    data = json.loads(result.stdout)
    assert list(data["tags"]) == ["claim"]
    assert (data["all"]["a"], data["all"]["b"]) == (2, 1)
    assert {d["kind"] for d in data["disagreements"]} == {"boundary", "a_only"}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--a", "alice"], "required: --b"),
        (["--a", "alice", "--b", "alice"], "both name 'alice'"),
        (["--a", "alice", "--b", "carol"], "annotator 'carol' appears in no document"),
    ],
)
def test_agree_bad_usage(run_cli, corpus: Path, args: list[str], said: str) -> None:
    result = run_cli("agree", "news", *args)
    assert result.returncode == 2
    assert len(result.stderr_lines) == 1 and said in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    if "carol" in said:
        assert "'alice', 'bob'" in result.stderr  # who is there


def test_an_unreadable_sidecar_is_named_and_the_rest_still_counted(run_cli, corpus: Path) -> None:
    sidecar_path(corpus / "markup.md").write_text("{not json", encoding="utf-8")
    result = run_cli("agree", "news", "--a", "alice", "--b", "bob", "--json")
    assert result.returncode == 1
    [line] = result.stderr_lines
    assert "markup.md.annotations.json" in line and "not valid JSON" in line
    data = json.loads(result.stdout)
    assert data["documents"]["compared"] == 1 and data["documents"]["unreadable"] == 1
    assert data["tags"]["casualty figure"]["exact"]["f1"] == 1


# Against an independent implementation, on a generated corpus --------------------------------

VOCABULARY = (
    "the army said officials shells struck market town people killed wounded spokesman "
    "told reporters ceasefire talks convoy hospital families villages rescuers boats "
    "governor night morning police witnesses residents aid workers province border"
).split()
TAGS = ("claim", "quote", "casualty figure")


def _word_runs(text: str) -> list[tuple[int, int]]:
    """Runs of 1-6 words inside one line, as (start, end)."""
    found = list(re.finditer(r"\w+", text))
    runs = []
    for first, match in enumerate(found):
        for last in range(first, min(first + 6, len(found))):
            end = found[last].end()
            if "\n" in text[match.start() : end]:
                break
            runs.append((match.start(), end))
    return runs


def _generated_corpus(folder: Path, documents: int, seed: int) -> None:
    """Articles of random sentences; alice marks 8 spans in each, bob keeps most of them,
    moves a boundary, changes a tag, leaves one out, adds his own."""
    rng = random.Random(seed)
    folder.mkdir()
    for number in range(documents):
        paragraphs = [
            " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(12, 30))).capitalize() + "."
            for _ in range(4)
        ]
        path = folder / f"article-{number:02}.txt"
        path.write_text(f"Report {number}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        store = AnnotationStore(load_document(path))
        text = store.document.text
        runs = _word_runs(text)
        alice = {(*rng.choice(runs), rng.choice(TAGS)) for _ in range(8)}
        bob = set()
        for start, end, tag in alice:
            roll = rng.random()
            if roll < 0.55:
                bob.add((start, end, tag))
            elif roll < 0.75:
                inside = [run for run in runs if run[0] < end and run[1] > start]
                bob.add((*rng.choice(inside), tag))
            elif roll < 0.9:
                bob.add((start, end, rng.choice([t for t in TAGS if t != tag])))
        bob |= {(*rng.choice(runs), rng.choice(TAGS)) for _ in range(rng.randint(0, 2))}
        for name, spans in (("alice", alice), ("bob", bob)):
            for start, end, tag in sorted(spans):
                store.add(Annotation.create(text, start, end, tag, annotator=name))
        store.save()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "corpus"
    _generated_corpus(folder, documents=12, seed=11)
    return folder


def test_exact_span_f1_matches_bratiaa_on_the_brat_export(
    run_cli, generated: Path, tmp_path: Path
) -> None:
    from bratiaa import compute_f1_agreement

    root = tmp_path / "brat"
    for name in ("alice", "bob"):
        exported = run_cli(
            "export", generated, "-f", "brat", "-o", root / name, "--annotator", name
        )
        assert exported.returncode == 0, exported.stdout + exported.stderr
    shutil.copy(root / "alice" / "annotation.conf", root / "annotation.conf")
    bratiaa = compute_f1_agreement(str(root))
    assert bratiaa.annotators == ["alice", "bob"] and len(bratiaa.documents) == 12
    per_label, _ = bratiaa.mean_sd_per_label()
    theirs = dict(zip(bratiaa.labels, per_label, strict=True))
    total, _ = bratiaa.mean_sd_total()

    result = run_cli("agree", generated, "--a", "alice", "--b", "bob", "--json")
    assert result.returncode == 0, result.stderr
    ours = json.loads(result.stdout)
    assert ours["documents"]["compared"] == 12
    assert {field_label(tag) for tag in ours["tags"]} == set(theirs)
    for tag, figures in ours["tags"].items():
        assert figures["exact"]["f1"] == pytest.approx(theirs[field_label(tag)]), tag
    assert ours["all"]["exact"]["f1"] == pytest.approx(total)
    assert 0 < total < 1  # the corpus has both agreement and disagreement


def test_token_kappa_matches_scikit_learn(run_cli, generated: Path) -> None:
    """Tokens labelled here the plain way (a token takes the tags of every span sharing a
    character with it), kappa by scikit-learn; compared with the command's."""
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    from readtui.export.tokens import tokenize

    labels: dict[str, list[str]] = {"alice": [], "bob": []}
    for sidecar in sorted(generated.glob("*.annotations.json")):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        for start, end in tokenize(data["document"]["text"]):
            for name, own in labels.items():
                tags = {
                    row["tag"]
                    for row in data["annotations"]
                    if row["annotator"] == name and row["start"] < end and start < row["end"]
                }
                own.append("+".join(sorted(tags)) or "O")
    result = run_cli("agree", generated, "--a", "alice", "--b", "bob", "--json")
    ours = json.loads(result.stdout)
    assert ours["tokens"] == len(labels["alice"])
    expected = sklearn_metrics.cohen_kappa_score(labels["alice"], labels["bob"])
    assert ours["all"]["kappa"] == pytest.approx(expected)
    for tag in TAGS:
        has = [[tag in label.split("+") for label in labels[name]] for name in ("alice", "bob")]
        expected = sklearn_metrics.cohen_kappa_score(*has)
        assert ours["tags"][tag]["kappa"] == pytest.approx(expected), tag


def test_the_figures_do_not_depend_on_how_the_work_is_spread(run_cli, generated: Path) -> None:
    one = run_cli("agree", generated, "--a", "alice", "--b", "bob", "--json", "--jobs", "1")
    two = run_cli("agree", generated, "--a", "alice", "--b", "bob", "--json", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
