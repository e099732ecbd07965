"""Three-way merge of sidecars by annotation id: two windows on one article, and git branches.

BASE is the version both sides started from (None when there is none: git's add/add, or a sidecar
made in two places at once), OURS and THEIRS the two changed versions, each a sidecar's data as
readtui.store parses it. The result keeps every change that only one side made. Where both sides
changed the same thing, one rule below decides, and each such case is noted for the user.

The text comes first: annotations are offsets into `document.text`, so they are compared on one.
- Both sides have the same text: nothing moves.
- One side changed the text (re-cleaned the article, or corrected the cleaning) and the other
  still has BASE's: the changed side's document wins, and the annotations and rejected
  suggestions of the other side and of BASE are re-anchored onto it (readtui.anchoring: moved,
  fuzzy or orphan, never dropped) before they are compared.
- Both changed it, each differently (or there is no BASE and the texts differ): given `retext`,
  which makes the document header for a list of corrections (the store can: it has the
  article), the text is the article cleaned with the merged corrections, and every side is
  re-anchored onto it. Without it (git's merge driver sees only the three files) no rule
  decides: the result holds OURS' text with the merged corrections and THEIRS' annotations
  re-anchored onto that text, so nothing is lost, and `decided` is False. Opening the article
  in readtui then places everything on the text the corrections give.
- The other header fields (title, hashes, cleaner) go with the text. With one text they merge as
  annotation fields do, except that where both changed one, OURS' value is kept (noted).

Annotations, by id:
- Added on one side: kept. Added on both with one id (a copied sidecar): as edited on both,
  with no base, so every field in which they differ counts as changed on both sides.
- Deleted on one side and unchanged on the other: deleted. Deleted on both: deleted.
- Deleted on one side and edited on the other: kept as edited (work is never lost), noted.
- Edited on both: field by field. A field changed on one side only takes that change. The span
  (start, end, quote, status) is one field, so an annotation never takes its start from one
  side and its end from the other; `attrs` merge key by key. A field both sides changed, each
  to another value:
  - `note`: where one note contains the other, the longer one; else both, the note of the later
    edit first and the other after a line starting "[merged] ". Noted.
  - anything else (tag, span, an attribute, unknown keys): the value of the side with the later
    `modified` wins; on equal times, the value whose JSON sorts last, so that merging in either
    order gives the same result. A key one side removed and the other changed is kept. Noted.
  `modified` becomes the later of the two.
Rejected suggestions are a set: one added on either side is kept, one that a side removed (the
undo of a rejection) while the other kept it is removed. Corrections (`document.overrides`)
merge alike, as an ordered union: OURS' in their order, then THEIRS' new ones in theirs. The
annotators' states (`states`) merge per annotator, as one annotation field: the later
`modified` wins. Any other top-level key is one field; changed on both sides, OURS' is kept.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from readtui.anchoring import reanchor, reanchor_rejected, rejected_row
from readtui.annotations import Annotation, Quote
from readtui.textsafety import sanitise

SPAN = ("start", "end", "quote", "status")
HEADER_KEYS = ("source", "source_sha256", "cleaner", "title", "text_sha256", "text")
FRAME = ("schema", "document", "annotations", "rejected", "states")
NOTE_MARK = "[merged] "


class _Missing:
    """A key that a version does not have."""

    def __repr__(self) -> str:
        return "missing"


MISSING = _Missing()


@dataclass
class Merge:
    """The merged sidecar data and what a user should know of it."""

    data: dict
    notes: list[str] = field(default_factory=list)
    decided: bool = True  # False: no rule could decide (both texts changed), data is a best effort
    text_changed: bool = False  # the result's text is not OURS' text
    # the annotations the result took from THEIRS: added there, changed there, deleted there
    added: int = 0
    changed: int = 0
    deleted: int = 0

    def summary(self, theirs: str = "theirs") -> str:
        """One line: what came from THEIRS, e.g. "from the file: 2 added, 1 changed"."""
        counts = [
            f"{count} {what}"
            for count, what in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.deleted, "deleted"),
            )
            if count
        ]
        taken = ", ".join(counts) or "no annotation changed"
        return f"from {theirs}: {taken}" + (" (the text changed)" if self.text_changed else "")


def merge_sidecars(
    base: dict | None,
    ours: dict,
    theirs: dict,
    retext: Callable[[list[dict]], dict] | None = None,
    sides: tuple[str, str] = ("ours", "theirs"),
) -> Merge:
    """The three-way merge of sidecar data by the rules above; `sides` name OURS and THEIRS in
    the notes."""
    return _Merger(base, ours, theirs, retext, sides).merge()


class _Merger:
    def __init__(self, base, ours, theirs, retext, sides):
        self.base, self.ours, self.theirs = base, ours, theirs
        self.retext = retext
        self.our_name, self.their_name = sides
        self.result = Merge({})

    def note(self, text: str) -> None:
        self.result.notes.append(" ".join(sanitise(text).split()))

    def merge(self) -> Merge:
        base_doc = self.base["document"] if self.base else None
        ours_doc, theirs_doc = self.ours["document"], self.theirs["document"]
        overrides = _merged_list(
            base_doc.get("overrides", []) if base_doc else [],
            ours_doc.get("overrides", []),
            theirs_doc.get("overrides", []),
        )
        header = self.header(base_doc, ours_doc, theirs_doc, overrides)
        text = header["text"]
        self.result.text_changed = text != ours_doc["text"]
        if self.result.text_changed and self.result.decided:
            self.note("the cleaned text changed: the annotations were re-anchored onto it")
        base_rows, base_rejected = _placed(self.base, text) if self.base else ({}, [])
        ours_rows, ours_rejected = _placed(self.ours, text)
        theirs_rows, theirs_rejected = _placed(self.theirs, text)
        data = {"schema": self.ours["schema"], "document": header}
        data["annotations"] = self.annotations(base_rows, ours_rows, theirs_rows)
        rejected = _merged_list(base_rejected, ours_rejected, theirs_rejected, _rejected_key)
        if rejected:
            data["rejected"] = rejected
        states = self.states()
        if states:
            data["states"] = states
        data.update(self.others())
        self.result.data = data
        return self.result

    # The document --------------------------------------------------------------------------

    def header(self, base: dict | None, ours: dict, theirs: dict, overrides: list) -> dict:
        text_of_base = base["text"] if base else None
        ours_text, theirs_text = ours["text"], theirs["text"]
        if self.retext is not None and (
            ours_text != theirs_text or overrides != ours.get("overrides", [])
        ):
            return self.retext(overrides)
        if ours_text == theirs_text:
            header = {}
            for key in _keys(ours, theirs, HEADER_KEYS):
                if key == "overrides":
                    continue
                value, both = _three_way(_get(base, key), _get(ours, key), _get(theirs, key))
                if both:
                    value = ours.get(key, MISSING)
                    self.note(f"document {key} changed in both: kept as in {self.our_name}")
                if value is not MISSING:
                    header[key] = value
        elif theirs_text == text_of_base:
            header = _without(ours, "overrides")
        elif ours_text == text_of_base:
            header = _without(theirs, "overrides")
        else:
            header = _without(ours, "overrides")
            self.result.decided = False
            self.note(
                f"both {self.our_name} and {self.their_name} changed the cleaned text (each "
                f"re-cleaned it or corrected the cleaning): no rule decides which text holds; "
                f"kept the text of {self.our_name} with the corrections of both, and placed "
                f"the annotations of {self.their_name} on it"
            )
        if overrides:
            header["overrides"] = overrides
        return header

    # Annotations ---------------------------------------------------------------------------

    def annotations(self, base: dict, ours: dict, theirs: dict) -> list[dict]:
        merged = []
        for key in {**ours, **theirs, **base}:
            row = self.annotation(base.get(key), ours.get(key), theirs.get(key))
            if row is not None:
                merged.append(row)
        return merged

    def annotation(self, base: dict | None, ours: dict | None, theirs: dict | None):
        result = self.result
        if ours is None and theirs is None:
            return None
        if base is None and (ours is None or theirs is None):  # added on one side
            result.added += ours is None
            return ours or theirs
        if ours is None or theirs is None:
            kept, deleted_in, edited_in = (
                (ours, self.their_name, self.our_name)
                if theirs is None
                else (theirs, self.our_name, self.their_name)
            )
            if kept == base:
                result.deleted += theirs is None
                return None
            result.changed += ours is None
            self.note(f"{_label(kept)}: deleted in {deleted_in}, edited in {edited_in}: kept")
            return kept
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            result.changed += 1
            return theirs
        result.changed += 1
        return self.both_edited(base or {}, ours, theirs)

    def both_edited(self, base: dict, ours: dict, theirs: dict) -> dict:
        """Field by field; where both changed a field, the rules of the module's docstring."""
        later_ours, later_theirs = ours.get("modified", ""), theirs.get("modified", "")
        merged: dict = {}
        decided: list[str] = []
        for key in _keys(ours, theirs, base):
            if key in SPAN[1:] or key == "modified":
                continue
            if key == "start":  # the span, whole
                names = SPAN
                values = [tuple(_get(side, k) for k in SPAN) for side in (base, ours, theirs)]
            else:
                names, values = (key,), [_get(side, key) for side in (base, ours, theirs)]
            if key == "attrs" and all(isinstance(v, dict) for v in values):
                value = self.attrs(*values, later_ours, later_theirs, decided)
            else:
                value, both = _three_way(*values)
                if both:
                    value, rule = self.decide(
                        "span" if key == "start" else key,
                        values[1],
                        values[2],
                        later_ours,
                        later_theirs,
                    )
                    decided.append(rule)
            for name, part in zip(names, value if len(names) > 1 else (value,), strict=True):
                if part is not MISSING:
                    merged[name] = part
        merged["modified"] = max(later_ours, later_theirs)
        where = "added in both" if not base else "edited in both"
        if decided:
            self.note(f"{_label(merged)}: {where}; {', '.join(decided)}")
        return _spec_order(merged)

    def attrs(self, base, ours, theirs, later_ours, later_theirs, decided) -> dict:
        merged = {}
        for key in _keys(ours, theirs, base):
            value, both = _three_way(_get(base, key), _get(ours, key), _get(theirs, key))
            if both:
                value, rule = self.decide(
                    f"attribute {key}", _get(ours, key), _get(theirs, key), later_ours, later_theirs
                )
                decided.append(rule)
            if value is not MISSING:
                merged[key] = value
        return merged

    @staticmethod
    def decide(key: str, ours, theirs, later_ours: str, later_theirs: str) -> tuple[object, str]:
        """The value of a field both sides changed, each differently, and which rule chose it."""
        if ours is MISSING or theirs is MISSING:  # removed against changed: keep the work
            return (theirs if ours is MISSING else ours), f"{key} kept where it was changed"
        theirs_later = (later_theirs, _sort_key(theirs)) > (later_ours, _sort_key(ours))
        if key == "note" and isinstance(ours, str) and isinstance(theirs, str):
            if ours in theirs or theirs in ours:
                return (theirs if len(theirs) > len(ours) else ours), "the longer note kept"
            first, second = (theirs, ours) if theirs_later else (ours, theirs)
            return f"{first}\n{NOTE_MARK}{second}", "both notes kept"
        return (theirs if theirs_later else ours), f"{key} of the later edit kept"

    # The rest of the file ------------------------------------------------------------------

    def states(self) -> dict:
        base = _dict(self.base, "states")
        ours, theirs = _dict(self.ours, "states"), _dict(self.theirs, "states")
        merged = {}
        for name in _keys(ours, theirs, base):
            value, both = _three_way(_get(base, name), _get(ours, name), _get(theirs, name))
            if both:
                value, rule = self.decide(
                    "state",
                    _get(ours, name),
                    _get(theirs, name),
                    _modified(ours.get(name)),
                    _modified(theirs.get(name)),
                )
                self.note(f"the document state of {name} changed in both: {rule}")
            if value is not MISSING:
                merged[name] = value
        return merged

    def others(self) -> dict:
        """Top-level keys that readtui does not know: one field each."""
        merged = {}
        for key in _keys(self.ours, self.theirs, self.base or {}):
            if key in FRAME:
                continue
            value, both = _three_way(
                _get(self.base, key), _get(self.ours, key), _get(self.theirs, key)
            )
            if both:
                value = self.ours.get(key, MISSING)
                self.note(f"'{key}' changed in both: kept as in {self.our_name}")
            if value is not MISSING:
                merged[key] = value
        return merged


# Helpers -------------------------------------------------------------------------------------


def _get(mapping: dict | None, key: str):
    return MISSING if mapping is None else mapping.get(key, MISSING)


def _dict(data: dict | None, key: str) -> dict:
    value = data.get(key) if data else None
    return value if isinstance(value, dict) else {}


def _modified(state: object) -> str:
    value = state.get("modified", "") if isinstance(state, dict) else ""
    return value if isinstance(value, str) else ""


def _keys(*mappings) -> list:
    """The keys of the mappings, in the order first seen."""
    return list({key: None for mapping in mappings for key in mapping})


def _without(header: dict, key: str) -> dict:
    return {k: v for k, v in header.items() if k != key}


def _three_way(base, ours, theirs) -> tuple[object, bool]:
    """(the merged value, whether both sides changed it, each differently: then a rule picks)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def _sort_key(value: object) -> str:
    if value is MISSING:
        return ""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _merged_list(base: list, ours: list, theirs: list, key=_sort_key) -> list:
    """An ordered union of items (compared by `key`): OURS' then THEIRS' new ones; an item one
    side removed and the other kept is removed."""
    in_base = {key(item) for item in base}
    in_ours = {key(item) for item in ours}
    in_theirs = {key(item) for item in theirs}
    merged = [item for item in ours if key(item) in in_theirs or key(item) not in in_base]
    merged += [item for item in theirs if key(item) not in in_ours and key(item) not in in_base]
    return merged


def _rejected_key(row: dict) -> tuple:
    return (row["rule"], row["start"], row["end"], row["quote"])



_SPEC_KEYS = tuple(Annotation("", 0, 0, "", Quote("")).to_json())
_QUOTE_KEYS = tuple(Quote("").to_json())


def _spec_order(row: dict) -> dict:
    """An annotation row with its keys in the SPEC's order (unknown keys kept, after them), as
    readtui.store writes it."""
    quote = row.get("quote")
    if (
        tuple(row)[: len(_SPEC_KEYS)] == _SPEC_KEYS
        and isinstance(quote, dict)
        and tuple(quote) == _QUOTE_KEYS
    ):
        return row  # as the store wrote it
    ordered = Annotation.from_json(row).to_json()
    return ordered | {key: value for key, value in row.items() if key not in ordered}


def _placed(data: dict, text: str) -> tuple[dict[str, dict], list[dict]]:
    """A side's annotations (by id) and rejected suggestions, re-anchored onto `text`."""
    old_text = data["document"]["text"]
    rows = data["annotations"]
    rejected = [rejected_row(**row) for row in data.get("rejected", [])]
    if old_text == text:
        placed = [_spec_order(row) for row in rows]
    else:
        moved = reanchor(old_text, text, [Annotation.from_json(row) for row in rows])
        placed = [
            _spec_order(row | annotation.to_json())
            for row, annotation in zip(rows, moved, strict=True)
        ]
        rejected = reanchor_rejected(old_text, text, rejected)
    by_id: dict[str, dict] = {}
    for row in placed:
        key, repeat = row["id"], 1
        while key in by_id:  # a repeated id (a hand-edited file) is kept, never merged away
            repeat += 1
            key = f"{row['id']}#{repeat}"
        by_id[key] = row
    return by_id, rejected


def _label(row: dict) -> str:
    exact = row.get("quote", {}).get("exact", "")
    shown = exact if len(exact) <= 40 else exact[:39] + "…"
    return f'{row.get("tag", "")} "{shown}" ({row.get("id", "")})'
