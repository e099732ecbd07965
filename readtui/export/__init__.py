"""Export annotations as training data (SPEC §7), and import annotations made elsewhere.

Usable without the app or the CLI:

    from readtui.export import ExportOptions, export_corpus
    report = export_corpus(sidecars, "jsonl", Path("out.jsonl"), ExportOptions())
"""

from readtui.export.formats import FORMATS, IMPORT_FORMATS, get_format
from readtui.export.model import ExportDocument, ExportOptions, Piece
from readtui.export.run import ExportError, ExportReport, export_corpus

__all__ = [
    "FORMATS",
    "IMPORT_FORMATS",
    "ExportDocument",
    "ExportError",
    "ExportOptions",
    "ExportReport",
    "Piece",
    "export_corpus",
    "get_format",
]
