"""Annotations: spans of the cleaned text with a tag, a note and typed attributes."""

import os
import threading
import time
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import NamedTuple

from readtui.textsafety import sanitise

STATUSES = ("ok", "moved", "fuzzy", "orphan")
QUOTE_CONTEXT = 32

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_ulid_lock = threading.Lock()
_ulid_last = (0, 0)


def new_id() -> str:
    """A ULID: 26 characters that sort by creation time, strictly increasing within a process."""
    global _ulid_last
    with _ulid_lock:
        millis = time.time_ns() // 1_000_000
        last_millis, last_random = _ulid_last
        if millis <= last_millis:
            millis, randomness = last_millis, last_random + 1
        else:
            randomness = int.from_bytes(os.urandom(10), "big")
        _ulid_last = (millis, randomness)
    value = (millis << 80) | (randomness & ((1 << 80) - 1))
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Quote(NamedTuple):  # a NamedTuple: see readtui.document.Block
    """A text quote selector: the span's text and the context around it, for re-anchoring."""

    exact: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Quote":
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - QUOTE_CONTEXT) : start],
            suffix=text[end : end + QUOTE_CONTEXT],
        )

    def to_json(self) -> dict:
        return {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}


@dataclass(frozen=True)
class Annotation:
    id: str
    start: int
    end: int
    tag: str
    quote: Quote
    note: str = ""
    attrs: dict = field(default_factory=dict)
    annotator: str = ""
    origin: str = "manual"
    status: str = "ok"
    created: str = ""
    modified: str = ""

    @classmethod
    def create(
        cls,
        text: str,
        start: int,
        end: int,
        tag: str,
        annotator: str = "",
        origin: str = "manual",
        note: str = "",
        attrs: dict | None = None,
    ) -> "Annotation":
        stamp = now_iso()
        return cls(
            id=new_id(),
            start=start,
            end=end,
            tag=tag,
            quote=Quote.of(text, start, end),
            note=note,
            attrs=dict(attrs or {}),
            annotator=annotator,
            origin=origin,
            created=stamp,
            modified=stamp,
        )

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.id)

    @property
    def is_orphan(self) -> bool:
        return self.status == "orphan"

    def edited(self, **changes) -> "Annotation":
        """A copy with `changes` applied and `modified` stamped."""
        return replace(self, modified=now_iso(), **changes)

    def to_json(self) -> dict:
        """The sidecar form, keys in the SPEC's order."""
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "tag": self.tag,
            "quote": self.quote.to_json(),
            "note": self.note,
            "attrs": dict(self.attrs),
            "annotator": self.annotator,
            "origin": self.origin,
            "status": self.status,
            "created": self.created,
            "modified": self.modified,
        }

    @classmethod
    def from_json(cls, data: object) -> "Annotation":
        """Parse the sidecar form; raises ValueError naming the first fault."""
        if not isinstance(data, dict):
            raise ValueError("is not an object")
        for key, kind in (("id", str), ("start", int), ("end", int), ("tag", str)):
            if key not in data:
                raise ValueError(f"has no '{key}'")
            if not isinstance(data[key], kind) or isinstance(data[key], bool):
                raise ValueError(f"'{key}' is not {'a number' if kind is int else 'a string'}")
        quote = {} if data.get("quote") is None else data["quote"]
        if not isinstance(quote, dict) or not all(
            isinstance(quote.get(key, ""), str) for key in ("exact", "prefix", "suffix")
        ):
            raise ValueError("'quote' is not a quote selector (exact, prefix, suffix strings)")
        attrs = {} if data.get("attrs") is None else data["attrs"]
        if not isinstance(attrs, dict):
            raise ValueError("'attrs' is not an object")
        status = data.get("status", "ok")
        if status not in STATUSES:
            raise ValueError(f"unknown status '{status}'")
        for key in ("note", "annotator", "origin", "created", "modified"):
            if not isinstance(data.get(key, ""), str):
                raise ValueError(f"'{key}' is not a string")
        # words a person or a program wrote into the file are shown on screen: no controls
        return cls(
            id=data["id"],
            start=data["start"],
            end=data["end"],
            tag=sanitise(data["tag"]),
            quote=Quote(quote.get("exact", ""), quote.get("prefix", ""), quote.get("suffix", "")),
            note=sanitise(data.get("note", "")),
            attrs=attrs,
            annotator=sanitise(data.get("annotator", "")),
            origin=sanitise(data.get("origin", "manual")),
            status=status,
            created=data.get("created", ""),
            modified=data.get("modified", ""),
        )


# Quotation marks and brackets stay on a span's edge when their partner is inside the span.
_PAIRS = {'"': '"', "“": "”", "‘": "’", "'": "'", "«": "»", "(": ")", "[": "]"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}


_ZWJ = "\u200d"  # joins emoji into one picture (a family), and letters in some scripts


def _is_word_char(char: str) -> bool:
    # combining marks (vowel signs, harakat, a decomposed accent) belong to their letter
    return char.isalnum() or char in "_'’-\u200c" or unicodedata.category(char)[0] == "M"


def _belongs_before(char: str) -> bool:
    """A code point drawn as part of the one before it: a mark, a variation selector, a skin
    tone, a joiner."""
    return (
        unicodedata.category(char)[0] == "M" or "\U0001f3fb" <= char <= "\U0001f3ff"
        or char == _ZWJ
    )  # fmt: skip


def _cluster_end(text: str, at: int) -> int:
    """The end of the character drawn from `at`: an emoji with its joined parts and marks."""
    at += 1
    while at < len(text) and (_belongs_before(text[at]) or text[at - 1] == _ZWJ):
        at += 1
    return at


def _cluster_start(text: str, at: int) -> int:
    """The start of the character drawn through `at`."""
    while at > 0 and (_belongs_before(text[at]) or text[at - 1] == _ZWJ):
        at -= 1
    return at


def _is_punct_or_space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def snap_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words, then trim outer spaces and punctuation.

    Opening quotation marks and brackets are kept when the span also holds their partner, so a
    quote keeps its quotation marks. A symbol is trimmed whole, with what is drawn as part of it
    (an emoji's joined parts, a variation selector), and a letter keeps its combining marks.
    Returns (start, start) when nothing but punctuation is left.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while 0 < start < len(text) and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    while start < end:
        first, last = text[start], text[end - 1]
        if first.isspace():
            start += 1
        elif last.isspace():
            end -= 1
        elif (_is_punct_or_space(first) or _belongs_before(first)) and not (
            first in _PAIRS and _PAIRS[first] in text[start + 1 : end]
        ):
            start = _cluster_end(text, start)
        elif (_is_punct_or_space(last) or _belongs_before(last)) and not (
            last in _CLOSERS and _CLOSERS[last] in text[start : end - 1]
        ):
            base = _cluster_start(text, end - 1)
            if _is_word_char(text[base]) and not _is_punct_or_space(text[base]):
                break  # a letter with its marks
            end = base
        else:
            break
    return (start, end) if start < end else (start, start)
