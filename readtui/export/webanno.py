"""W3C Web Annotation (www.w3.org/TR/annotation-model/): a JSON-LD list of Annotations.

Each annotation carries its own `@context`, so the list is valid JSON-LD as it is:

    {"@context": "http://www.w3.org/ns/anno.jsonld",
     "id": "urn:readtui:doc:NAME:annotation:ID", "type": "Annotation", "motivation": "tagging",
     "created", "modified", "creator": {"type": "Person", "name": annotator},
     "body": [{"type": "TextualBody", "purpose": "tagging", "value": tag},
              {"type": "TextualBody", "purpose": "commenting", "value": note},
              {"type": "TextualBody", "purpose": "describing", "format": "application/json",
               "value": "{attributes}"}],
     "target": {"source": "urn:readtui:doc:NAME",
                "selector": [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
                             {"type": "TextPositionSelector", "start", "end"}]}}

Positions are code points, end exclusive, as the model says. The quote has 32 characters of
context each side, as Hypothesis stores it. `creator` is an object because the context reads a
plain string there as an IRI. Ids name the document too: copies of one article keep their
annotations' ids, and JSON-LD would merge two nodes with one id.
"""

import json
from collections import Counter
from collections.abc import Iterable
from typing import BinaryIO
from urllib.parse import quote

from readtui.annotations import Annotation, Quote
from readtui.export.model import ExportDocument, ExportOptions, Format, Piece, write_json_list

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def document_iri(name: str) -> str:
    return f"urn:readtui:doc:{quote(name, safe='/')}"


def annotation_json(document: ExportDocument, span: Annotation) -> dict:
    source = document_iri(document.name)
    body = [{"type": "TextualBody", "purpose": "tagging", "value": span.tag}]
    if span.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": span.note})
    if span.attrs:
        attributes = json.dumps(span.attrs, ensure_ascii=False, sort_keys=True)
        body.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "application/json",
                "value": attributes,
            }
        )
    context = Quote.of(document.text, span.start, span.end)
    annotation = {
        "@context": CONTEXT,
        "id": f"{source}:annotation:{quote(span.id, safe='')}",
        "type": "Annotation",
        "motivation": "tagging",
    }
    if span.created:
        annotation["created"] = span.created
    if span.modified:
        annotation["modified"] = span.modified
    if span.annotator:
        annotation["creator"] = {"type": "Person", "name": span.annotator}
    annotation["body"] = body
    annotation["target"] = {
        "source": source,
        "selector": [
            {"type": "TextQuoteSelector", **context.to_json()},
            {"type": "TextPositionSelector", "start": span.start, "end": span.end},
        ],
    }
    return annotation


def convert(document: ExportDocument, options: ExportOptions) -> Piece:
    lines = [json.dumps(annotation_json(document, s), ensure_ascii=False) for s in document.spans]
    return Piece(",\n".join(lines), written=Counter(span.tag for span in document.spans))


def write(pieces: Iterable[Piece], options: ExportOptions, file: BinaryIO) -> None:
    # a piece holds a document's annotations, already separated by ",\n"; one without is empty
    write_json_list((piece.content for piece in pieces if piece.content), file)


FORMAT = Format(
    name="webanno",
    suffix=".jsonld",
    convert=convert,
    write=write,
    description="W3C Web Annotation JSON-LD: TextQuoteSelector + TextPositionSelector",
)
