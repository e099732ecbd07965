"""Tokens and sentences of the token formats (conll, hf), and how spans become IOB2 tags.

**Tokens.** One regular expression, `TOKEN`, finds them; white space is never part of one:
- a word: letters, digits and combining marks (so decomposed accents, Arabic harakat and Indic
  vowel signs stay in their word), with inner hyphens, apostrophes, dots and zero-width
  (non-)joiners kept: `don't`, `al-Assad`, `e.g`, `می‌خواهم`;
- an initialism with its final dot: `U.N.`, `e.g.` (spaCy's English tokenizer does the same);
- a number with inner commas or dots: `1,200`, `3.5`;
- every other character that is not white space is a token of its own (`.`, `"`, `$`, each
  code point of an emoji). Scripts written without spaces (Chinese, Japanese, Thai) give one
  token per run of letters.

**Sentences.** The text is cut into blocks at blank lines, and each block into sentences by
`readtui.textunits.sentences_in` (the sentences the reader's `(` `)` `s` keys use). Where a
span that is written crosses a sentence or block end, the two sentences become one: no entity
is ever cut.

**Alignment** (`--align`) of a span whose start or end falls inside a token:
- strict: left out, reported, and counted as a fault (exit status 1);
- expand: widened to the tokens it touches;
- contract: shrunk to the tokens wholly inside it (left out, and a fault, when there is none).
White space at a span's edges is trimmed in every mode. Every span moved or left out is one
issue line: `NAME 120-188 "text…": start is inside the token "foo"; expanded to 118-188`.

**Overlaps** (`--overlap`), since an IOB tag sequence cannot hold two spans on one token:
- longest: the longest span of each overlapping group is kept, then the longest of the rest
  that overlaps nothing kept, and so on; ties go to the earlier start, then the tag name;
- first: the earliest start wins; ties go to the longer span, then the tag name;
- drop: every span of a group of overlapping spans is left out.
Spans dropped for overlap are counted under `overlap (--overlap POLICY)` and reported, but are
not faults: the user chose the policy. Tags are IOB2: every entity begins with `B-`.
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from readtui.annotations import Annotation
from readtui.export.model import ExportDocument, ExportOptions, Piece, field_label
from readtui.textunits import sentences_in


def _mark_class() -> str:
    """The combining marks (Unicode category M) of the Basic Multilingual Plane, as a class."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a < b else f"\\u{a:04x}" for a, b in ranges)


_MARK = _mark_class()
_WORD_PART = rf"\w[\w{_MARK}]*"  # letters and digits, with the marks that follow them
TOKEN = re.compile(
    rf"""(?:[^\W\d_][{_MARK}]*\.){{2,}}                        # initialism: U.N., e.g.
       | \d+(?:[.,]\d+)+                                      # number: 1,200 3.5
       | {_WORD_PART}(?:['’.\-\u200c\u200d]{_WORD_PART})*     # word: don't al-Assad
       | \S[{_MARK}]*                                         # any other character
    """,
    re.VERBOSE,
)
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
SHOWN_CHARS = 40  # of a span's text in an issue line


def tokenize(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every token of `text`, in order."""
    return [match.span() for match in TOKEN.finditer(text)]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: blocks at blank lines, then sentences inside each block."""
    bounds, begin = [], 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        stop = gap.start() if gap else len(text)
        if text[begin:stop].strip():
            bounds.extend(sentences_in(text, begin, stop))
        begin = gap.end() if gap else stop
    return bounds


def shown(document: ExportDocument, span: Annotation) -> str:
    """`NAME 120-188 "text…"`: the span as issue lines name it, its text short and on one line."""
    text = " ".join(document.text[span.start : span.end].split())
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return f'{document.name} {span.start}-{span.end} "{text}"'


@dataclass(frozen=True)
class AlignedSpan:
    """A span on token boundaries: its char offsets after alignment and its tokens [first, last)."""

    span: Annotation
    start: int
    end: int
    first: int
    last: int

    @property
    def tag(self) -> str:
        return self.span.tag


@dataclass
class Alignment:
    """Spans put on token boundaries, and what happened to those that were not on them."""

    spans: list[AlignedSpan] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)
    issues: list[str] = field(default_factory=list)
    faults: int = 0


def align_spans(document: ExportDocument, tokens: list[tuple[int, int]], mode: str) -> Alignment:
    """Put each span of `document` on the boundaries of `tokens` as `mode` (--align) says."""
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    result = Alignment()
    for span in document.spans:
        first = bisect_right(ends, span.start)  # the first token ending after the start
        last = bisect_left(starts, span.end)  # tokens before `last` start before the end
        if first >= last:
            result.left_out["no token inside (white space only)"] += 1
            result.issues.append(f"{shown(document, span)}: white space only; left out")
            result.faults += 1
            continue
        reasons = []
        start_cut = starts[first] < span.start
        end_cut = ends[last - 1] > span.end
        if start_cut:
            token = document.text[starts[first] : ends[first]]
            reasons.append(f'start is inside the token "{token}"')
        if end_cut:
            token = document.text[starts[last - 1] : ends[last - 1]]
            reasons.append(f'end is inside the token "{token}"')
        if (start_cut or end_cut) and mode == "strict":
            result.left_out["off token boundaries (--align strict)"] += 1
            result.issues.append(f"{shown(document, span)}: {', '.join(reasons)}; left out")
            result.faults += 1
            continue
        done = "expanded" if reasons else "trimmed"
        if mode == "contract" and reasons:
            done = "contracted"
            first, last = first + start_cut, last - end_cut
            if first >= last:
                result.left_out["no whole token inside (--align contract)"] += 1
                result.issues.append(
                    f"{shown(document, span)}: {', '.join(reasons)}; no whole token inside, "
                    "left out"
                )
                result.faults += 1
                continue
        aligned = AlignedSpan(span, starts[first], ends[last - 1], first, last)
        if (aligned.start, aligned.end) != (span.start, span.end):
            why = ", ".join(reasons) or "white space at its edge"
            result.issues.append(
                f"{shown(document, span)}: {why}; {done} to {aligned.start}-{aligned.end}"
            )
        result.spans.append(aligned)
    return result


def _overlapping(a: AlignedSpan, b: AlignedSpan) -> bool:
    return a.first < b.last and b.first < a.last


def resolve_overlaps(
    spans: list[AlignedSpan], policy: str
) -> tuple[list[AlignedSpan], list[tuple[AlignedSpan, AlignedSpan | None]]]:
    """The spans kept by `policy` (--overlap), in text order, and each dropped span with the
    kept span it lost to (None under `drop`)."""
    if policy == "drop":
        kept, dropped, group, group_last = [], [], [], -1
        for span in [*sorted(spans, key=lambda s: s.first), None]:
            if span is not None and span.first < group_last:
                group.append(span)
                group_last = max(group_last, span.last)
                continue
            if len(group) == 1:
                kept.extend(group)
            else:
                dropped.extend((member, None) for member in group)
            group, group_last = [span], span.last if span else -1
        return kept, dropped
    if policy == "longest":
        order = sorted(spans, key=lambda s: (s.start - s.end, s.start, s.tag))
    else:  # first
        order = sorted(spans, key=lambda s: (s.start, s.start - s.end, s.tag))
    kept: list[AlignedSpan] = []
    dropped = []
    for span in order:
        winner = next((other for other in kept if _overlapping(span, other)), None)
        if winner is None:
            kept.append(span)
        else:
            dropped.append((span, winner))
    return sorted(kept, key=lambda s: s.first), dropped


def overlap_issue(
    document: ExportDocument, dropped: AlignedSpan, winner: AlignedSpan | None, outcome: str
) -> str:
    """The issue line of a span dropped for overlap; `outcome` says where it went."""
    against = (
        f"overlaps {winner.tag} {winner.span.start}-{winner.span.end}"
        if winner
        else "overlaps another span"
    )
    return f"{shown(document, dropped.span)}: {against}; {outcome}"


@dataclass
class Sentence:
    """One sentence as token formats write it: token texts and their IOB2 tags."""

    tokens: list[str]
    tags: list[str]


@dataclass
class IobDocument:
    """A document tagged IOB2, the spans its tags carry, and the piece's counts and issues
    (the format fills in the piece's content)."""

    sentences: list[Sentence]
    kept: list[AlignedSpan]
    piece: Piece


def iob_document(document: ExportDocument, options: ExportOptions) -> IobDocument:
    """Tokens, sentences and IOB2 tags of `document`; labels as `field_label` writes them."""
    tokens = tokenize(document.text)
    alignment = align_spans(document, tokens, options.align)
    kept, dropped = resolve_overlaps(alignment.spans, options.overlap)
    piece = Piece(
        content=None,
        written=Counter(span.tag for span in kept),
        left_out=alignment.left_out,
        issues=alignment.issues,
        faults=alignment.faults,
    )
    for span, winner in dropped:
        piece.left_out[f"overlap (--overlap {options.overlap})"] += 1
        piece.issues.append(
            overlap_issue(document, span, winner, f"left out (--overlap {options.overlap})")
        )
    tags = ["O"] * len(tokens)
    for span in kept:
        label = field_label(span.tag)
        tags[span.first] = f"B-{label}"
        tags[span.first + 1 : span.last] = [f"I-{label}"] * (span.last - span.first - 1)
    sentences = []
    for first, last in _sentence_tokens(document.text, tokens, kept):
        sentences.append(
            Sentence(
                [document.text[start:end] for start, end in tokens[first:last]],
                tags[first:last],
            )
        )
    return IobDocument(sentences, kept, piece)


def _sentence_tokens(
    text: str, tokens: list[tuple[int, int]], kept: list[AlignedSpan]
) -> list[tuple[int, int]]:
    """[first, last) token indexes of each sentence, sentences joined where a kept span crosses
    their end. Every token belongs to the sentence it starts in (tokens never hold the white
    space that sentences and blocks end at)."""
    token_starts = [start for start, _ in tokens]
    if not tokens:
        return []
    starts = {bisect_left(token_starts, start) for start, _ in sentence_bounds(text)}
    firsts = sorted({0} | {first for first in starts if first < len(tokens)})
    inside = set()  # sentence starts that fall inside a kept span
    for span in kept:
        inside.update(range(span.first + 1, span.last))
    firsts = [first for first in firsts if first not in inside]
    return list(zip(firsts, [*firsts[1:], len(tokens)], strict=True))
