"""conll: CoNLL-2003 style IOB2, the layout NER readers of that corpus expect.

Four columns separated by one space, `TOKEN -X- -X- TAG`: CoNLL-2003 has part-of-speech and
chunk tags in the middle columns; readtui has none, so both hold the `-X-` placeholder that the
corpus's own `-DOCSTART- -X- -X- O` line uses. Readers that take the first column as the word
and the last as the tag read it as is (spaCy's `spacy convert -c ner` does, though it splits
documents only at its own `-DOCSTART- -X- O O` line; use `-f spacy` for spaCy).

Each document opens with a `-DOCSTART- -X- -X- O` line and a blank line; one token a line; a
blank line after each sentence. Tags are IOB2 (every entity begins with `B-`), labels as
`field_label` writes them (`B-casualty_figure`). Tokens, sentences, alignment and overlaps are
those of `readtui.export.tokens`; tokens never hold white space.
"""

from readtui.export.model import ExportDocument, ExportOptions, Format, Piece, write_lines
from readtui.export.tokens import iob_document

DOCSTART = "-DOCSTART- -X- -X- O"
PLACEHOLDER = "-X-"


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    tagged = iob_document(document, options)
    lines = [DOCSTART, ""]
    for sentence in tagged.sentences:
        lines += [
            f"{token} {PLACEHOLDER} {PLACEHOLDER} {tag}"
            for token, tag in zip(sentence.tokens, sentence.tags, strict=True)
        ]
        lines.append("")
    tagged.piece.content = "\n".join(lines) + "\n"
    return tagged.piece


FORMAT = Format(
    name="conll",
    suffix=".conll",
    convert=convert,
    write=write_lines,
    description="CoNLL-2003 style IOB2: TOKEN -X- -X- TAG, blank line between sentences",
    tokens=True,
    field_labels=True,
)
