"""Re-anchoring: place annotations made on an earlier cleaned text onto the current one.

As Hypothesis does it, with a threshold: where the quote and its context are found as they were,
the annotation is `ok` or `moved`; where the quote is found with other context, the occurrence
whose context matches best (then the nearest) wins; where only a similar passage is found near
the old place, it is placed there as `fuzzy` (needs review); else it is kept as an `orphan`,
never dropped.

Long texts stay fast: annotations are taken in order, each first tried where the one before it
moved to (an insertion shifts everything after it alike), then in a window around that place,
and only then in the whole text.
"""

from dataclasses import replace
from difflib import SequenceMatcher

from readtui.annotations import Annotation, Quote, snap_span

FUZZY_THRESHOLD = 0.75  # share of the quote's characters a fuzzy match must keep
GOOD_CONTEXT = 1.6  # of 2.0: prefix and suffix nearly as they were
FAR_CONTEXT = 1.0  # of 2.0: what a match far from the old place needs to be taken
MAX_CANDIDATES = 2000  # occurrences weighed in the whole text, for very common quotes


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


def _context_score(text: str, start: int, end: int, annotation: Annotation) -> float:
    prefix, suffix = annotation.quote.prefix, annotation.quote.suffix
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _similarity(before, prefix) + _similarity(after, suffix)


def _has_same_context(text: str, start: int, end: int, annotation: Annotation) -> bool:
    prefix, suffix = annotation.quote.prefix, annotation.quote.suffix
    return (
        text[max(0, start - len(prefix)) : start] == prefix
        and text[end : end + len(suffix)] == suffix
    )


def _occurrences(text: str, exact: str, start: int = 0, end: int | None = None) -> list[int]:
    found: list[int] = []
    position = text.find(exact, start, end)
    while position != -1 and len(found) < MAX_CANDIDATES:
        found.append(position)
        position = text.find(exact, position + 1, end)
    return found


class _Anchorer:
    def __init__(self, old_text: str, new_text: str):
        self.old_text = old_text
        self.text = new_text
        self.shift = 0  # how far the last placed annotation moved

    def place(self, annotation: Annotation) -> Annotation:
        exact = annotation.quote.exact or self.old_text[annotation.start : annotation.end]
        if not exact:
            return replace(annotation, start=0, end=0, status="orphan")
        length = len(exact)
        for start, status in (
            (annotation.start, annotation.status),
            (annotation.start + self.shift, "moved"),
        ):
            if self.text[start : start + length] == exact and _has_same_context(
                self.text, start, start + length, annotation
            ):
                return self._placed(annotation, start, length, status)
        expected = max(0, annotation.start + self.shift)
        window = 2000 + 4 * length
        nearby = _occurrences(
            self.text, exact, max(0, expected - window), expected + window + length
        )
        best = self._best(nearby, length, expected, annotation)
        if (
            best is None
            or _context_score(self.text, best, best + length, annotation) < GOOD_CONTEXT
        ):
            far = self._best(_occurrences(self.text, exact), length, expected, annotation)
            # far away, the same words with other context are a look-alike, not the passage
            if far is not None and (
                best is None
                or _context_score(self.text, far, far + length, annotation)
                > _context_score(self.text, best, best + length, annotation)
            ):
                near = abs(far - expected) <= window
                score = _context_score(self.text, far, far + length, annotation)
                best = far if near or score >= FAR_CONTEXT else best
        if best is not None:
            status = "ok" if best == annotation.start and annotation.status == "ok" else "moved"
            return self._placed(annotation, best, length, status)
        return self._fuzzy(annotation, exact, expected) or replace(
            annotation, start=0, end=0, status="orphan"
        )

    def _best(
        self, candidates: list[int], length: int, expected: int, annotation: Annotation
    ) -> int | None:
        if not candidates:
            return None
        return max(
            candidates,
            key=lambda s: (
                round(_context_score(self.text, s, s + length, annotation), 3),
                -abs(s - expected),
            ),
        )

    def _fuzzy(self, annotation: Annotation, exact: str, expected: int) -> Annotation | None:
        """The passage near the expected place that keeps most of the quote's characters,
        bounded by the quote's old context where that is still there."""
        margin = 200 + 2 * len(exact)
        low = max(0, expected - margin)
        window = self.text[low : expected + len(exact) + margin]
        matcher = SequenceMatcher(None, window, exact, autojunk=False)
        shortest = 3 if len(exact) >= 12 else 1  # stray letters far away are not the passage
        blocks = [block for block in matcher.get_matching_blocks() if block.size >= shortest]
        if not blocks or sum(block.size for block in blocks) / len(exact) < FUZZY_THRESHOLD:
            return None
        start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
        start, end = self._bounded_by_context(window, start, end, annotation)
        start, end = snap_span(self.text, low + start, low + end)
        if start >= end or _similarity(self.text[start:end], exact) < FUZZY_THRESHOLD:
            return None
        self.shift = start - annotation.start
        return replace(annotation, start=start, end=end, status="fuzzy")

    @staticmethod
    def _bounded_by_context(
        window: str, start: int, end: int, annotation: Annotation
    ) -> tuple[int, int]:
        """Move the ends to where the old prefix ends and the old suffix begins, when those are
        found close by: an edited last word is then still inside the span."""
        slack = 10 + (end - start) // 2
        prefix, suffix = annotation.quote.prefix[-16:], annotation.quote.suffix[:16]
        if prefix.strip():
            found = window.rfind(prefix, max(0, start - slack - len(prefix)), start + slack)
            if found != -1:
                start = found + len(prefix)
        if suffix.strip():
            found = window.find(suffix, max(start, end - slack), end + slack + len(suffix))
            if found != -1:
                end = found
        return start, end

    def _placed(self, annotation: Annotation, start: int, length: int, status: str) -> Annotation:
        self.shift = start - annotation.start
        if start == annotation.start and status == annotation.status:
            return annotation
        return replace(annotation, start=start, end=start + length, status=status)


def reanchor(old_text: str, new_text: str, annotations: list[Annotation]) -> list[Annotation]:
    """The annotations placed on `new_text`, in the order given, each with a status saying how
    it was placed."""
    if old_text == new_text:
        return list(annotations)
    anchorer = _Anchorer(old_text, new_text)
    placed: list[Annotation | None] = [None] * len(annotations)
    order = sorted(range(len(annotations)), key=lambda i: annotations[i].sort_key)
    for index in order:
        placed[index] = anchorer.place(annotations[index])
    return placed  # type: ignore[return-value]


def rejected_row(rule: str, start: int, end: int, quote: str, **_ignored) -> dict:
    """A rejected suggestion as the sidecar keeps it (SPEC §3)."""
    return {"rule": rule, "start": start, "end": end, "quote": quote}


def reanchor_rejected(old_text: str, new_text: str, rows: list[dict]) -> list[dict]:
    """Rejected suggestions moved with their text; one whose text is gone suppresses nothing."""
    if old_text == new_text:
        return [rejected_row(**row) for row in rows]
    before = [Annotation("", r["start"], r["end"], r["rule"], Quote(r["quote"])) for r in rows]
    return [
        rejected_row(a.tag, a.start, a.end, a.quote.exact)
        for a in reanchor(old_text, new_text, before)
        if a.status != "orphan"
    ]
