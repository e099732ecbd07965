"""The export formats by name (SPEC §7); each module is imported only when its format is used."""

from importlib import import_module

from readtui.export.model import Format

FORMATS = {
    "jsonl": "readtui.export.jsonl",
    "spacy": "readtui.export.spacy_docbin",
    "conll": "readtui.export.conll",
    "hf": "readtui.export.hf",
    "brat": "readtui.export.brat",
    "doccano": "readtui.export.doccano",
    "labelstudio": "readtui.export.labelstudio",
    "webanno": "readtui.export.webanno",
}
IMPORT_FORMATS = ("jsonl", "brat", "doccano", "labelstudio")


def get_format(name: str) -> Format:
    if name not in FORMATS:
        raise KeyError(f"unknown format '{name}' (formats: {', '.join(FORMATS)})")
    return import_module(FORMATS[name]).FORMAT
