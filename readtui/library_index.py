"""What the library knows of each article, read cheaply first and exactly later.

Reading an article as the reader does (clean the source, place the annotations in the text)
costs 10-40 ms: minutes for a corpus of thousands. The library reads in two passes:

1. `quick_summary`: the sidecar as last saved (its title, word count, annotations, statuses and
   states), or, for an article without one, a title from the first bytes of the source. No
   cleaning: about a millisecond an article.
2. `summarise`: the article cleaned and its annotations placed as the reader places them. Needed
   only where the first pass may be wrong (`needs_cleaning`): no sidecar (the title was a guess,
   the words unknown), a sidecar that cannot be read, or a source changed since its sidecar was
   saved (its annotations may move or need review).

A source unchanged but cleaned otherwise by a newer cleaner is shown as its sidecar says until it
is opened (the reader re-places its annotations; the row follows when the user comes back).
"""

import codecs
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from readtui.document import DocumentError, kind_of, load_document, page_headline
from readtui.store import (
    AnnotationStore,
    SidecarError,
    parse_sidecar_annotations,
    read_sidecar_text,
    sidecar_path,
)
from readtui.textsafety import sanitise

# An annotator's state of an article (SPEC §3 `states`), and what a row shows besides.
DONE, IN_PROGRESS = "done", "in progress"
NEW, NEEDS_REVIEW = "new", "needs review"
ANNOTATOR_STATES = (DONE, IN_PROGRESS)
REVIEW_STATUSES = {"fuzzy", "orphan"}

# The state filter, in the order a key cycles through it, and what each keeps (for one annotator).
ALL, NOT_DONE = "all", "not done"
STATE_FILTERS = (ALL, NOT_DONE, IN_PROGRESS, DONE, NEEDS_REVIEW)

HEAD_BYTES = 8192  # how much of a source the quick pass reads for a title
MAX_TITLE = 200  # a guessed title longer than this is the first paragraph, cut


@dataclass
class Article:
    """One article of the library. Until it is read, its title is the file name."""

    path: Path
    title: str
    kind: str
    loaded: bool = False  # read by the quick pass at least
    cleaned: bool = False  # read as the reader reads it: title, words and statuses exact
    guessed_title: bool = False  # from the source's first lines, not the cleaner
    words: int | None = None  # None: not known (not read yet, or unreadable)
    counts: dict[str, int] | None = None  # tag name -> annotations; None: not known
    annotations: int = 0  # all of them, tags the config does not know included
    changed: float | None = None  # sidecar mtime
    review: bool = False  # fuzzy or orphan annotations, or a fault: needs the user's eyes
    fault: str = ""  # why the article or its sidecar could not be read
    states: dict[str, str] = field(default_factory=dict)  # annotator -> done / in progress
    source_sha256: str = ""  # as the sidecar records it; "" without a sidecar
    sidecar_stamp: tuple[int, int] | None = None  # the sidecar's (mtime_ns, size) when read

    @classmethod
    def placeholder(cls, path: Path) -> "Article":
        return cls(path=path, title=_tidy(path.name), kind=kind_of(path) or "?")

    def state_of(self, annotator: str) -> str:
        """The annotator's state: done, in progress or new ("" while not read)."""
        if not self.loaded:
            return ""
        return self.states.get(annotator, NEW)

    def row_state(self, annotator: str) -> str:
        """What the State column shows: needs review first, else the annotator's state."""
        return NEEDS_REVIEW if self.review else self.state_of(annotator)

    def search_text(self) -> str:
        """What the text filter looks in: the title and the file name, casefolded."""
        return f"{self.title}\n{self.path.name}".casefold()


def _tidy(text: str) -> str:
    """Untrusted text for one line of the screen: no controls, spaces collapsed."""
    return " ".join(sanitise(text).split())


def _without_path(message: str, path: Path) -> str:
    """Engine errors start with the file's path; the row already says which file it is."""
    return message.removeprefix(f"{path}: ")


def sidecar_stamp(path: Path) -> tuple[int, int] | None:
    """The sidecar's (mtime_ns, size), None when there is none: tells that it changed."""
    try:
        status = sidecar_path(path).stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def quick_summary(path: Path) -> Article:
    """An article as its sidecar says it is, or with a title guessed from its first lines."""
    article = Article.placeholder(path)
    article.loaded = True
    sidecar = sidecar_path(path)
    try:
        status = sidecar.stat()
        article.changed = status.st_mtime
        article.sidecar_stamp = (status.st_mtime_ns, status.st_size)
        data, annotations = parse_sidecar_annotations(sidecar, read_sidecar_text(sidecar))
    except FileNotFoundError:
        article.title, article.guessed_title = guess_title(path), True
        article.counts = {}
        return article
    except (SidecarError, OSError) as error:
        article.title, article.guessed_title = guess_title(path), True
        article.fault = "sidecar: " + _without_path(str(error), sidecar)
        article.review = True
        return article
    header = data["document"]
    article.title = _tidy(header.get("title", "")) or _tidy(path.stem)
    article.words = len(header["text"].split())
    article.source_sha256 = header.get("source_sha256", "")
    article.states = annotator_states(data.get("states"), (a.annotator for a in annotations))
    _count(article, [(a.tag, a.status) for a in annotations])
    return article


def _count(article: Article, tags_and_statuses: list[tuple[str, str]]) -> None:
    counts: dict[str, int] = {}
    for tag, _ in tags_and_statuses:
        counts[tag] = counts.get(tag, 0) + 1
    article.counts = counts
    article.annotations = len(tags_and_statuses)
    article.review = any(status in REVIEW_STATUSES for _, status in tags_and_statuses)


def annotator_states(recorded: object, annotators: Iterable[str]) -> dict[str, str]:
    """Each annotator's state: as recorded in `states`, else in progress for anyone with an
    annotation in the article (working on it, not marked done yet)."""
    states = {name: IN_PROGRESS for name in annotators}
    if isinstance(recorded, dict):
        for name, entry in recorded.items():
            state = entry.get("state") if isinstance(entry, dict) else None
            if isinstance(name, str) and state in ANNOTATOR_STATES:
                states[name] = state
    return states


def needs_cleaning(article: Article) -> bool:
    """Whether the quick pass may be wrong about the article (see the module's doc)."""
    if not article.loaded or article.fault or article.sidecar_stamp is None:
        return True
    try:
        with article.path.open("rb") as source:
            digest = hashlib.file_digest(source, "sha256").hexdigest()
    except OSError:
        return True  # gone or unreadable: the full read says why
    return digest != article.source_sha256


def summarise(path: Path) -> Article:
    """An article read as the reader reads it (cleaned; the user's corrections applied; the
    annotations placed in the text as it is now), without writing anything."""
    article = quick_summary(path)
    article.cleaned = True
    try:
        document = load_document(path)
    except DocumentError as error:
        article.fault, article.review = _without_path(str(error), path), True
        return article
    article.guessed_title = False
    article.title, article.words = _tidy(document.title), len(document.text.split())
    if article.fault or article.sidecar_stamp is None:  # a sidecar that cannot be read, or none
        return article
    try:
        # the store re-places the annotations when the text changed, as the reader will
        store = AnnotationStore(document)
    except FileNotFoundError:  # deleted since the quick pass
        article.counts, article.review, article.states = {}, False, {}
        return article
    except (SidecarError, OSError) as error:
        article.fault = "sidecar: " + _without_path(str(error), sidecar_path(path))
        article.review = True
        return article
    # the user's corrections of the cleaning may name another title
    article.title = _tidy(store.document.title) or _tidy(path.stem)
    article.words = len(store.document.text.split())
    _count(article, [(a.tag, a.status) for a in store.annotations()])
    return article


# Guessing a title from the first bytes of a source: the first heading or line. The cleaner
# may pick another (it sees the whole page); the guess holds until the article is cleaned.
_FRONT_MATTER_TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def guess_title(path: Path) -> str:
    """A title from the first few KB of a source (one bounded read); the file's name when none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return _tidy(path.stem)
    if head.startswith(_WIDE_BOMS):
        text = head.decode("utf-32" if head[:4] in _WIDE_BOMS[:2] else "utf-16", errors="replace")
    else:
        text = head.decode("utf-8-sig", errors="replace")
    kind = kind_of(path)
    if kind == "html":
        title = page_headline(text)
    elif kind == "md":
        title = _markdown_title(text)
    else:
        title = _first_line(text)
    title = _tidy(title)
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rstrip() + "…"
    return title or _tidy(path.stem)


def _markdown_title(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        front = text[4:end] if end >= 0 else ""
        match = _FRONT_MATTER_TITLE.search(front)
        if match:
            return match.group(1).strip().strip("\"'")
        text = text[end + 4 :] if end >= 0 else text
    line = _first_line(text)
    heading = _MD_HEADING.match(line)
    return heading.group(1) if heading else line


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")
