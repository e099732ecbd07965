"""Checking sidecars (`readtui validate`): does each still fit its source, are its annotations
where they say, are their tags and attributes defined; and re-placing them in a changed source."""

import os
from collections import Counter
from pathlib import Path

from readtui.annotations import STATUSES, Annotation
from readtui.config import Config, TagDef
from readtui.corrections import apply_corrections, describe
from readtui.document import Document, DocumentError, load_document, sha256_text
from readtui.editing import SET_ASIDE
from readtui.store import AnnotationStore, SidecarError, read_sidecar_text, sidecar_faults
from readtui.textsafety import one_line

REVIEW = {
    "fuzzy": "was re-anchored approximately (fuzzy): needs review",
    "orphan": "could not be placed after the source changed (orphan): needs review",
}


def _short(text: str, limit: int = 40) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(annotation: Annotation) -> str:
    return f"annotation {annotation.id} ({_short(annotation.tag, 30)})"


def source_faults(header: dict, source: Path) -> list[str]:
    """Does the sidecar still belong to its source: file present, same bytes, same text?"""
    if header.get("source") and header["source"] != source.name:
        return [f"document.source is '{header['source']}' but the sidecar belongs to {source.name}"]
    if not source.exists():
        return [f"its source {source.name} is missing"]
    try:
        document = apply_corrections(load_document(source), header.get("overrides", []))
    except DocumentError as exc:
        return [f"its source cannot be read: {exc}"]
    unmatched = [
        f"correction {one_line(describe(item))} matches no block of the cleaned source"
        for item in document.unmatched
    ]
    return unmatched + _text_faults(header, document)


def _text_faults(header: dict, document: Document) -> list[str]:
    same_bytes = header.get("source_sha256") == document.source_sha256
    if document.text != header["text"]:
        if same_bytes:
            return [
                "the cleaned text differs from what this readtui makes of the source "
                f"(cleaner {header.get('cleaner') or '?'} -> {document.cleaner}): "
                "open it in readtui to re-anchor"
            ]
        return [
            "source changed since it was annotated: validate --reanchor (or opening it in "
            "readtui) re-anchors it"
        ]
    if not same_bytes:
        return [
            "source_sha256 does not match the source file (its cleaned text is the same): "
            "save it in readtui (ctrl+s) to update it"
        ]
    return []


def annotation_faults(annotation: Annotation, text: str, tags: dict[str, TagDef]) -> list[str]:
    label, faults = _label(annotation), []
    if annotation.status in REVIEW:
        faults.append(f"{label} {REVIEW[annotation.status]}")
    if annotation.status != "orphan":
        actual = text[annotation.start : annotation.end]
        if annotation.start == annotation.end:
            faults.append(f"{label} is empty ({annotation.start}-{annotation.end})")
        elif annotation.status != "fuzzy" and annotation.quote.exact != actual:
            faults.append(
                f"{label} quote '{_short(annotation.quote.exact)}' does not match the text at "
                f"{annotation.start}-{annotation.end} ('{_short(actual)}')"
            )
    tag = tags.get(annotation.tag)
    if tag is None:
        known = ", ".join(tags) or "none"
        faults.append(f"{label} has an unknown tag (known tags: {known})")
    else:
        faults.extend(f"{label} {fault}" for fault in attribute_faults(annotation.attrs, tag))
    return faults


def attribute_faults(attrs: dict, tag: TagDef) -> list[str]:
    """Attribute values the tag does not define or whose type is wrong (None means unset)."""
    defined = {attr.name: attr for attr in tag.attributes}
    faults = []
    for name, value in attrs.items():
        attr = defined.get(name)
        if name == SET_ASIDE and isinstance(value, dict):
            continue  # kept from an earlier tag: not this tag's to check
        if attr is None:
            faults.append(f"has attribute '{_short(name, 30)}' that its tag does not define")
        elif value is None:
            continue
        elif attr.type == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            faults.append(f"attribute {name} is not a whole number")
        elif attr.type == "choice" and value not in attr.choices:
            faults.append(f"attribute {name} must be one of: {', '.join(attr.choices)}")
        elif attr.type == "str" and not isinstance(value, str):
            faults.append(f"attribute {name} is not text")
    if not faults:
        faults = tag.validate_attrs(attrs)
    return faults


def check_sidecar(sidecar: Path, source: Path, config: Config) -> tuple[int, list[str]]:
    """(number of annotations, faults) of one sidecar."""
    if sidecar.is_symlink() and not sidecar.exists():
        return 0, [f"is a symbolic link to {os.readlink(sidecar)}, which does not exist"]
    try:
        raw = read_sidecar_text(sidecar)
    except SidecarError as exc:
        return 0, [str(exc).removeprefix(f"{sidecar}: ")]
    data, faults = sidecar_faults(raw)
    if data is None:
        return 0, faults
    header, text = data["document"], data["document"]["text"]
    if header.get("text_sha256") != sha256_text(text):
        faults.append("document.text_sha256 does not match its text")
    faults += source_faults(header, source)
    tags = {tag.name: tag for tag in config.tags}
    annotations = []
    for item in data["annotations"]:
        try:
            annotation = Annotation.from_json(item)
        except ValueError:
            continue  # already reported by sidecar_faults
        if 0 <= annotation.start <= annotation.end <= len(text):
            annotations.append(annotation)
            faults += annotation_faults(annotation, text, tags)
    for annotation_id, count in sorted(Counter(a.id for a in annotations).items()):
        if count > 1:
            faults.append(f"annotation id {annotation_id} is used {count} times")
    return len(data["annotations"]), faults


def reanchor_sidecar(sidecar: Path, source: Path, dry_run: bool) -> str | None:
    """Re-place a sidecar's annotations in its changed source and save it (not with `dry_run`):
    one line saying what moved, or None when its text is the source's already."""
    store = AnnotationStore(load_document(source), sidecar)
    if sidecar_faults(read_sidecar_text(sidecar))[0]["document"]["text"] == store.document.text:
        return None
    counts = Counter(a.status for a in store.annotations())
    placed = ", ".join(f"{counts[status]} {status}" for status in STATUSES if counts[status])
    if dry_run:
        return f"would re-anchor (--dry-run, not saved): {placed or 'no annotations'}"
    store.save()
    return f"re-anchored and saved: {placed or 'no annotations'}"
