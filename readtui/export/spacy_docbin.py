"""spacy: a `.spacy` DocBin, the training format of `spacy train`.

Texts are tokenized by spaCy itself (`spacy.blank(--lang)`), so the tokens are the ones a
pipeline trained on this data will see. Each span becomes `doc.char_span(start, end, tag,
alignment_mode=--align)`; when spaCy gives none (strict: the span starts or ends inside a
token; contract: no whole token inside), the span is left out, reported with its offsets and
text, and counted as a fault (exit status 1), never silently dropped as spaCy's own training
does with misaligned offsets (W030). A span that alignment moves is reported too.

Every aligned span goes to `doc.spans["sc"]` (overlaps allowed); the spans that the --overlap
policy keeps also go to `doc.ents`, which cannot overlap. Labels are the tag names as they
are (spaCy allows spaces). `doc.user_data` holds {"id": document name, "title": title}
(`DocBin(store_user_data=True)`).
"""

from collections.abc import Iterable
from functools import lru_cache

from readtui.export.model import ExportDocument, ExportFault, ExportOptions, Format, Piece
from readtui.export.tokens import AlignedSpan, overlap_issue, resolve_overlaps, shown

SPAN_KEY = "sc"  # spaCy's default key for its span categorizer


@lru_cache(maxsize=4)
def _blank(language: str):
    import spacy

    try:
        return spacy.blank(language)
    except ImportError:  # E048: no such language in spacy.lang
        raise ExportFault(
            f"--lang {language}: not a language spaCy knows (codes like en, de, fr; xx: any)"
        ) from None


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    from spacy.tokens import DocBin, Span

    doc = _blank(options.language).make_doc(document.text)
    doc.user_data["id"] = document.name
    doc.user_data["title"] = document.title
    piece = Piece(content=b"")
    aligned = []
    for span in document.spans:
        found = doc.char_span(span.start, span.end, label=span.tag, alignment_mode=options.align)
        if found is None:
            reason = "off spaCy's tokens" if options.align == "strict" else "no whole token inside"
            piece.left_out[f"{reason} (--align {options.align})"] += 1
            piece.issues.append(
                f"{shown(document, span)}: {reason} (spaCy '{options.language}'); left out"
            )
            piece.faults += 1
            continue
        if (found.start_char, found.end_char) != (span.start, span.end):
            done = "expanded" if options.align == "expand" else "contracted"
            piece.issues.append(
                f"{shown(document, span)}: off spaCy's tokens; {done} to "
                f"{found.start_char}-{found.end_char}"
            )
        aligned.append(AlignedSpan(span, found.start_char, found.end_char, found.start, found.end))
        piece.written[span.tag] += 1
    doc.spans[SPAN_KEY] = [Span(doc, a.first, a.last, label=a.tag) for a in aligned]
    kept, dropped = resolve_overlaps(aligned, options.overlap)
    doc.ents = [Span(doc, a.first, a.last, label=a.tag) for a in kept]
    for span, winner in dropped:
        piece.left_out[f"not in doc.ents, overlap (--overlap {options.overlap})"] += 1
        outcome = f"in doc.spans['{SPAN_KEY}'] only (--overlap {options.overlap})"
        piece.issues.append(overlap_issue(document, span, winner, outcome))
    piece.content = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    return piece


def join(pieces: Iterable[Piece], options: ExportOptions) -> dict[str, bytes]:
    from spacy.tokens import DocBin

    merged = DocBin(store_user_data=True)
    for piece in pieces:
        merged.merge(DocBin(store_user_data=True).from_bytes(piece.content))
    return {"": merged.to_bytes()}


FORMAT = Format(
    name="spacy",
    suffix=".spacy",
    convert=convert,
    join=join,
    description="spaCy DocBin: spans in doc.spans['sc'], non-overlapping ones in doc.ents",
    extra="spacy",
    tokens=True,
)
