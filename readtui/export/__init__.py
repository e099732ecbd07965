"""Export annotations as training data (SPEC §7), and import annotations made elsewhere.

Usable without the app or the CLI:

    from readtui.export import ExportOptions, export_corpus
    report = export_corpus(sidecars, "jsonl", Path("out.jsonl"), ExportOptions())

Names are loaded when first used: the app and the CLI start without the process pool.
"""

from importlib import import_module

_NAMES = {
    "FORMATS": "readtui.export.formats",
    "IMPORT_FORMATS": "readtui.export.formats",
    "get_format": "readtui.export.formats",
    "ExportDocument": "readtui.export.model",
    "ExportFault": "readtui.export.model",
    "ExportOptions": "readtui.export.model",
    "Piece": "readtui.export.model",
    "ExportError": "readtui.export.run",
    "ExportReport": "readtui.export.run",
    "export_corpus": "readtui.export.run",
    "import_corpus": "readtui.export.importing",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> object:
    if name not in _NAMES:
        raise AttributeError(f"module 'readtui.export' has no attribute '{name}'")
    return getattr(import_module(_NAMES[name]), name)
