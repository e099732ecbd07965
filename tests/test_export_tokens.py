"""The tokenizer, sentences, alignment and overlap policies shared by the conll and hf exports."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readtui.annotations import Annotation
from readtui.export.model import ExportDocument, ExportOptions
from readtui.export.tokens import iob_document, sentence_bounds, tokenize

TAGS = ("claim", "quote", "casualty figure")


def document(text: str, spans: list[tuple[str | tuple[int, int], str]], name="kabul"):
    """A document whose spans are given by phrase (first occurrence) or by (start, end)."""
    annotations = []
    for where, tag in spans:
        if isinstance(where, str):
            start, end = text.index(where), text.index(where) + len(where)
        else:
            start, end = where
        annotations.append(Annotation.create(text, start, end, tag))
    annotations.sort(key=lambda a: (a.start, a.end, a.tag))
    return ExportDocument(name=name, text=text, spans=tuple(annotations))


def tag(text: str, spans, **options):
    return iob_document(document(text, spans), ExportOptions(**options))


def token_texts(text: str) -> list[str]:
    return [text[start:end] for start, end in tokenize(text)]


def entities(text: str, tagged) -> list[tuple[int, int, str]]:
    """The entities that the IOB2 tags of `tagged` encode, as char offsets into `text`.

    Token offsets are found again by walking the text, and the tags must be valid IOB2: an I-
    tag only continues an entity of the same label."""
    found, position = [], 0
    for sentence in tagged.sentences:
        previous = "O"
        for token, token_tag in zip(sentence.tokens, sentence.tags, strict=True):
            start = text.index(token, position)
            assert not text[position:start].strip(), "tokens must cover every non-space"
            position = start + len(token)
            if token_tag.startswith("B-"):
                found.append([start, position, token_tag[2:]])
            elif token_tag.startswith("I-"):
                assert previous[2:] == token_tag[2:] and previous != "O", sentence.tags
                found[-1][1] = position
            else:
                assert token_tag == "O"
            previous = token_tag
    assert not text[position:].strip()
    return [tuple(entity) for entity in found]


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("the U.N. envoy", ["the", "U.N.", "envoy"]),
        ("Don't go, al-Assad said.", ["Don't", "go", ",", "al-Assad", "said", "."]),
        ("1,200 fled; 3.5% rose", ["1,200", "fled", ";", "3.5", "%", "rose"]),
        ("Afghans’ $5 (e.g. food)", ["Afghans", "’", "$", "5", "(", "e.g.", "food", ")"]),
        ("Mr. Smith", ["Mr", ".", "Smith"]),
        ('"سوله غواړو" 🇦🇫!', ['"', "سوله", "غواړو", '"', "🇦", "🇫", "!"]),
        ("cafe\u0301 हिन्दी 北京市", ["cafe\u0301", "हिन्दी", "北京市"]),
        ("می\u200cخواهم\tnow\u00a0here\n\nthen", ["می\u200cخواهم", "now", "here", "then"]),
    ],
)
def test_tokens(text, tokens):
    assert token_texts(text) == tokens


def test_sentences_split_at_blank_lines_then_sentence_ends():
    text = "Title line\n\nFirst one. Second one.\n  \nThird  one\nstill third"
    sentences = [text[start:end] for start, end in sentence_bounds(text)]
    assert sentences == ["Title line", "First one.", "Second one.", "Third  one\nstill third"]


def test_a_document_is_written_one_sentence_at_a_time():
    text = "Gen. Ahmadi left Kabul. The U.N. stayed.\n\nNo word yet"
    tagged = tag(text, [])
    assert [sentence.tokens for sentence in tagged.sentences] == [
        ["Gen", ".", "Ahmadi", "left", "Kabul", "."],
        ["The", "U.N.", "stayed", "."],
        ["No", "word", "yet"],
    ]


@pytest.mark.parametrize(
    "phrase, sentences",
    [("Kabul. The U.N", ["Gen", "No"]), ("stayed.\n\nNo word", ["Gen", "The"])],
    ids=["sentence", "paragraph"],
)
def test_a_span_across_a_sentence_end_stays_whole(phrase, sentences):
    text = "Gen. Ahmadi left Kabul. The U.N. stayed.\n\nNo word yet"
    tagged = tag(text, [(phrase, "claim")], align="expand")
    # without the span: three sentences, starting Gen, The, No; the two it spans are one
    assert [sentence.tokens[0] for sentence in tagged.sentences] == sentences
    (start, end, label), *rest = entities(text, tagged)  # checks no I- opens a sentence
    assert not rest and label == "claim"
    assert text[start:end].startswith(phrase)  # expand: U.N's final dot is in its token
    assert sum(sentence.tags.count("B-claim") for sentence in tagged.sentences) == 1


TEXT = "The al-Assad government said 1,200 people fled."


@pytest.mark.parametrize(
    "align, expected",
    [("strict", None), ("expand", "al-Assad government"), ("contract", "government")],
)
def test_align_a_span_that_starts_inside_a_token(align, expected):
    tagged = tag(TEXT, [("Assad government", "claim")], align=align)
    found = [TEXT[start:end] for start, end, _ in entities(TEXT, tagged)]
    (issue,) = tagged.piece.issues
    start = TEXT.index("Assad")
    assert issue.startswith(f'kabul {start}-{start + 16} "Assad government": ')
    assert 'start is inside the token "al-Assad"' in issue
    if expected is None:
        assert found == [] and issue.endswith("left out")
        assert tagged.piece.faults == 1
        assert tagged.piece.left_out == {"off token boundaries (--align strict)": 1}
    else:
        begin = TEXT.index(expected)
        assert found == [expected]
        assert issue.endswith(f"{align}ed to {begin}-{begin + len(expected)}")
        assert tagged.piece.faults == 0 and not tagged.piece.left_out


def test_contract_with_no_whole_token_inside_leaves_the_span_out():
    tagged = tag(TEXT, [("Assa", "claim")], align="contract")
    assert entities(TEXT, tagged) == []
    assert tagged.piece.faults == 1
    assert tagged.piece.left_out == {"no whole token inside (--align contract)": 1}


def test_spans_on_token_boundaries_are_kept_in_every_mode_without_an_issue():
    spans = [("al-Assad government", "claim"), ("1,200 people", "casualty figure")]
    for align in ("strict", "expand", "contract"):
        tagged = tag(TEXT, spans, align=align)
        found = [(TEXT[start:end], label) for start, end, label in entities(TEXT, tagged)]
        assert found == [("al-Assad government", "claim"), ("1,200 people", "casualty_figure")]
        assert tagged.piece.issues == [] and tagged.piece.faults == 0


def test_white_space_at_a_span_edge_is_trimmed_and_said():
    start = TEXT.index(" said")
    tagged = tag(TEXT, [((start, start + 6), "claim")])
    assert entities(TEXT, tagged) == [(start + 1, start + 5, "claim")]
    assert tagged.piece.issues == [
        f'kabul {start}-{start + 6} "said": white space at its edge; trimmed to '
        f"{start + 1}-{start + 5}"
    ]


def test_an_issue_line_shows_a_long_span_short_and_on_one_line():
    text = "Officials said the convoy\nwas attacked near the border crossing at dawn on Monday."
    tagged = tag(text, [((15, 60), "claim")])  # ends inside "crossing"
    (issue,) = tagged.piece.issues
    assert issue.startswith('kabul 15-60 "the convoy was attacked near the border…": ')
    assert "\n" not in issue and 'end is inside the token "crossing"' in issue


WORDS = "Alpha beta gamma delta epsilon zeta eta theta"
CHAIN = [
    ("Alpha beta gamma", "claim"),  # A
    ("gamma delta epsilon zeta", "quote"),  # B: the longest, overlaps A and C
    ("zeta eta", "claim"),  # C
    ("theta", "quote"),  # D: overlaps nothing
]


@pytest.mark.parametrize(
    "overlap, kept",
    [
        ("longest", ["gamma delta epsilon zeta", "theta"]),
        ("first", ["Alpha beta gamma", "zeta eta", "theta"]),
        ("drop", ["theta"]),
    ],
)
def test_overlap_policies(overlap, kept):
    tagged = tag(WORDS, CHAIN, overlap=overlap)
    assert [WORDS[start:end] for start, end, _ in entities(WORDS, tagged)] == kept
    dropped = len(CHAIN) - len(kept)
    assert tagged.piece.left_out == {f"overlap (--overlap {overlap})": dropped}
    assert len(tagged.piece.issues) == dropped and tagged.piece.faults == 0
    assert all(issue.endswith(f"left out (--overlap {overlap})") for issue in tagged.piece.issues)
    assert sum(tagged.piece.written.values()) == len(kept)


@pytest.mark.parametrize(
    "overlap, spans, kept",
    [
        ("longest", [("Alpha beta", "claim"), ("beta gamma", "claim")], ("Alpha beta", "claim")),
        ("first", [("Alpha", "claim"), ("Alpha beta", "quote")], ("Alpha beta", "quote")),
        ("longest", [("Alpha", "quote"), ("Alpha", "claim")], ("Alpha", "claim")),
        ("first", [("Alpha", "quote"), ("Alpha", "claim")], ("Alpha", "claim")),
    ],
    ids=["longest-tie-earlier", "first-tie-longer", "longest-tie-tag", "first-tie-tag"],
)
def test_overlap_ties(overlap, spans, kept):
    tagged = tag(WORDS, spans, overlap=overlap)
    assert [(WORDS[s:e], label) for s, e, label in entities(WORDS, tagged)] == [kept]


def test_iob2_every_entity_begins_with_b_even_next_to_one_of_the_same_label():
    tagged = tag(WORDS, [("Alpha beta", "casualty figure"), ("gamma delta", "casualty figure")])
    assert tagged.sentences[0].tags[:5] == [
        "B-casualty_figure",
        "I-casualty_figure",
        "B-casualty_figure",
        "I-casualty_figure",
        "O",
    ]


def test_an_issue_names_the_span_it_lost_to():
    tagged = tag(WORDS, CHAIN[:2], overlap="longest")
    (issue,) = tagged.piece.issues
    assert (
        issue == 'kabul 0-16 "Alpha beta gamma": overlaps quote 11-35; left out (--overlap longest)'
    )


# Property: whatever the spans, the IOB2 tags decode to exactly the spans the export says it kept.

PIECES = ["Alpha", "beta", "U.N.", "don't", "al-Assad", "1,200", "3.5", ",", '"', "Kabul.",
          "北京市", "🇦🇫", "سوله", "Dr.", "said."]  # fmt: skip
GAPS = [" ", " ", " ", "\n", "\n\n", ". ", "  "]


@st.composite
def documents(draw):
    words = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=30))
    text = "".join(word + gap for word, gap in words).strip()
    spans = []
    if text:
        for _ in range(draw(st.integers(0, 8))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            if text[start:end].strip():
                spans.append(((start, end), draw(st.sampled_from(TAGS))))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(
    documents(),
    st.sampled_from(["strict", "expand", "contract"]),
    st.sampled_from(["longest", "first", "drop"]),
)
def test_iob_decoding_gives_back_the_spans_kept(sample, align, overlap):
    text, spans = sample
    doc = document(text, spans)
    tagged = iob_document(doc, ExportOptions(align=align, overlap=overlap))
    kept = [(span.start, span.end, span.tag.replace(" ", "_")) for span in tagged.kept]
    assert entities(text, tagged) == kept
    assert sum(tagged.piece.left_out.values()) + len(kept) == len(spans)
    assert sum(tagged.piece.written.values()) == len(kept)
    assert len(tagged.piece.issues) >= sum(tagged.piece.left_out.values())
    boundaries = {offset for token in tokenize(text) for offset in token}
    for span in tagged.kept:
        original = span.span
        inner = text[original.start : original.end]
        first = original.start + len(inner) - len(inner.lstrip())
        last = original.end - len(inner) + len(inner.rstrip())
        assert span.start in boundaries and span.end in boundaries
        if align == "strict":
            assert (span.start, span.end) == (first, last)
        elif align == "expand":
            assert span.start <= first and last <= span.end
        else:
            assert first <= span.start < span.end <= last
