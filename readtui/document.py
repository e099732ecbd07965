"""One model of a document: cleaned text, blocks with their ranges, and metadata.

Offsets everywhere in readtui are `str` indices (code points) into `Document.text`.
"""

import codecs
import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from readtui import doccache
from readtui.cleaning import CLEANER_ID, VERBATIM_ID, Cleaned
from readtui.doccache import sha256
from readtui.textsafety import sanitise

ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
BLOCK_SEPARATOR = "\n\n"


class DocumentError(Exception):
    """A source that cannot be read as an article; the message names the file and the fault."""


# Small immutable records are NamedTuples, not frozen dataclasses: the app defines them at every
# start, and on Python 3.11 a dataclass costs about four times as much to define (its methods are
# compiled from source then), which showed in the start-up.
class Block(NamedTuple):
    kind: str
    start: int
    end: int
    level: int = 0


@dataclass
class Document:
    text: str
    blocks: list[Block]
    title: str
    kind: str
    path: Path | None = None
    byline: str = ""
    date: str = ""
    url: str = ""
    removed: list[str] = field(default_factory=list)
    # where each removed block stood: the index in `blocks` of the block it came before
    removed_at: list[int] = field(default_factory=list)
    source_sha256: str = ""
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    cleaner: str = CLEANER_ID
    # the user's corrections (readtui.corrections): all of them, in order; those that matched
    # no block; and the document as the cleaner gave it, before them
    overrides: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)
    uncorrected: "Document | None" = None

    @cached_property
    def text_sha256(self) -> str:
        return sha256_text(self.text)

    @property
    def name(self) -> str:
        """The file name, safe to show: file names can hold escape sequences too."""
        return sanitise(self.path.name) if self.path else self.title

    def block_at(self, offset: int) -> Block | None:
        """The block holding `offset`, or None between blocks."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.blocks) and self.blocks[lo].start <= offset:
            return self.blocks[lo]
        return None


def sha256_text(text: str) -> str:
    return sha256(text.encode("utf-8")).hexdigest()


def _decoded(path: Path, data: bytes) -> tuple[str, str, str | None]:
    try:
        return decode(data)
    except DocumentError as exc:
        raise DocumentError(f"{path}: {exc}") from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Decode a source: (text, encoding used, a warning when it had to guess)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError:
                break
    wide = _wide_encoding(data)
    if wide is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(wide), wide, None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DocumentError("not text (binary data): is it an article?")
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        return text, "utf-8", f"{bad} byte{'' if bad == 1 else 's'} not valid UTF-8, shown as �"
    encoding = _guess_legacy_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "cp1252"
        text = data.decode(encoding, errors="replace")
    return text, encoding, f"not valid UTF-8; decoded as {encoding}"


# bytes that no text file holds (NUL aside, which UTF-16 without a BOM is full of)
_BINARY_BYTES = bytes(range(1, 9)) + bytes(range(14, 27)) + bytes(range(28, 32))


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 without a BOM, told by its NULs (the high bytes of Latin letters) all falling on
    odd places (little-endian) or even ones (big-endian)."""
    head = data[:8192]
    nuls = head.count(0)
    if nuls < 0.2 * len(head) or len(head) % 2:
        return None
    if head[1::2].count(0) == nuls:
        return "utf-16-le"
    if head[::2].count(0) == nuls:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    """An executable or image renamed .txt: many control bytes in its first 8 KB."""
    head = data[:8192]
    controls = sum(head.count(byte) for byte in _BINARY_BYTES)
    nuls = head.count(0)
    # UTF-16 without a BOM: its NULs (the high bytes of Latin letters) all at even or odd places
    wide_text = max(head[::2].count(0), head[1::2].count(0)) > 0.95 * nuls
    return controls > 0.05 * len(head) or (nuls > 0.1 * len(head) and not wide_text)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, bad bytes) of a UTF-8 file with a few broken bytes (a bad copy, a cut in the
    middle of a character), decoded as UTF-8 with U+FFFD for them; None when the file is not
    UTF-8 at all (a legacy encoding has no valid multi-byte sequences, or only by chance)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    return (text, bad) if 0 < bad <= wide // 4 or (bad <= 2 and wide) else None


def _guess_legacy_encoding(data: bytes) -> str:
    """The likeliest 8-bit encoding of a file that is not UTF-8; Windows-1252 when in doubt.

    charset-normalizer ranks candidates that decode equally well in no useful order (it picks
    cp1250 or UTF-16 for short Western text), so among the best-scoring ones cp1252, the
    commonest legacy encoding of news text, wins; UTF-16/32 without a BOM only with NUL bytes.
    """
    from charset_normalizer import from_bytes  # only needed for legacy files

    wide_ok = b"\x00" in data
    matches = [
        match
        for match in from_bytes(data)
        if wide_ok or not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not matches:
        return "cp1252"
    best = matches[0]
    for match in matches:
        if (
            "cp1252" in match.could_be_from_charset
            and match.chaos <= best.chaos + 0.01
            and match.coherence >= best.coherence - 0.01
        ):
            return "cp1252"
    return best.encoding


_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\n\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def _tidy(text: str, keep_lines: bool = False) -> str:
    """Collapse runs of spaces; inside a block, line breaks become spaces unless kept (code)."""
    text = sanitise(text)
    if keep_lines:
        return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
    if "  " not in text and _ODD_SPACE.search(text) is None:  # most blocks: nothing to do
        return text.strip()
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def assemble(cleaned: Cleaned, kind: str, **meta) -> Document:
    """Join cleaned blocks into the document text, recording each block's range."""
    parts: list[str] = []
    blocks: list[Block] = []
    kept_before: list[int] = []  # for each cleaned block, how many blocks are kept before it
    pos = 0
    for block in cleaned.blocks:
        kept_before.append(len(blocks))
        text = _tidy(block.text, keep_lines=block.kind == "code")
        if not text:
            continue
        if parts:
            pos += len(BLOCK_SEPARATOR)
        parts.append(text)
        blocks.append(Block(block.kind, pos, pos + len(text), block.level))
        pos += len(text)
    title = _tidy(cleaned.title)
    removed, removed_at = [], []
    positions = cleaned.removed_at or [len(cleaned.blocks)] * len(cleaned.removed)
    for text, position in zip(cleaned.removed, positions, strict=True):
        if text := _tidy(text):
            removed.append(text)
            removed_at.append(kept_before[position] if position < len(kept_before) else len(blocks))
    return Document(
        text=BLOCK_SEPARATOR.join(parts),
        blocks=blocks,
        title=title,
        kind=kind,
        byline=_tidy(cleaned.byline),
        date=_tidy(cleaned.date),
        url=_tidy(cleaned.url),
        removed=removed,
        removed_at=removed_at,
        **meta,
    )


def clean_text(text: str, kind: str) -> Cleaned:
    if kind == "md":
        from readtui.cleaning.markdown import clean_markdown

        return clean_markdown(text)
    if kind == "html":
        from readtui.cleaning.html import clean_html

        return clean_html(text)
    from readtui.cleaning.scraped import clean_scraped

    return clean_scraped(text)


def kind_of(path: Path) -> str | None:
    return ARTICLE_SUFFIXES.get(path.suffix.lower())


def load_document(path: str | Path) -> Document:
    """Read, decode and clean one article file. Raises DocumentError with a clear message."""
    path = Path(path)
    kind = kind_of(path)
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder, not a file")
    if kind is None:
        raise DocumentError(f"{path}: not an article (expected .txt, .md, .html or .htm)")
    if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
        raise DocumentError(f"{path}: not a regular file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read: {exc.strerror or exc}") from None
    source_sha256 = sha256(data).hexdigest()
    verbatim_title = _verbatim_title(path, source_sha256) if kind == "txt" else None
    if verbatim_title is not None:
        return _verbatim_document(data, verbatim_title, path, source_sha256)
    key = doccache.cache_key(source_sha256, kind)
    entry = doccache.read_entry(key)
    if entry is not None:
        return _from_cache(entry, kind, path, source_sha256)
    text, encoding, warning = _decoded(path, data)
    # a long source exists three times over (bytes, decoded, cleaned): let each copy go as soon
    # as the next one is made, so that the peak stays near two copies
    del data
    cleaned = clean_text(text, kind)
    del text
    document = assemble(
        cleaned,
        kind,
        path=path,
        source_sha256=source_sha256,
        encoding=encoding,
        warnings=[f"{path.name}: {warning}"] if warning else [],
    )
    if not document.title:
        document.title = _tidy(path.stem)  # file names are untrusted text too
    doccache.write_entry(key, _cache_entry(document))
    return document


# The start of a sidecar as readtui writes it (keys in a fixed order): enough to tell whether its
# source is to be read verbatim without parsing the whole file, which holds the whole text.
_VERBATIM_HEAD = re.compile(
    r'^\{\s*"schema": "readtui\.annotations/1",\s*"document": \{\s*"source": "(?:[^"\\]|\\.)*",'
    r'\s*"source_sha256": "([0-9a-f]{64})",\s*"cleaner": "' + re.escape(VERBATIM_ID) + '",'
    r'\s*"title": ("(?:[^"\\]|\\.)*")'
)
_SIDECAR_HEAD_BYTES = 8192


def _verbatim_title(path: Path, source_sha256: str) -> str | None:
    """The title, when the sidecar says this source is read verbatim and it is the same file."""
    try:
        with path.with_name(path.name + ".annotations.json").open("rb") as handle:
            head = handle.read(_SIDECAR_HEAD_BYTES).decode("utf-8", errors="ignore")
    except OSError:
        return None
    match = _VERBATIM_HEAD.match(head)
    if match is None or match.group(1) != source_sha256:
        return None
    return json.loads(match.group(2))


def _verbatim_document(data: bytes, title: str, path: Path, source_sha256: str) -> Document:
    """The source as it is (line ends normalised, controls removed), a block per paragraph."""
    text, encoding, warning = _decoded(path, data)
    text = sanitise(text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks, position = [], 0
    for part in text.split(BLOCK_SEPARATOR):
        if part.strip():
            blocks.append(Block("paragraph", position, position + len(part)))
        position += len(part) + len(BLOCK_SEPARATOR)
    return Document(
        text=text,
        blocks=blocks,
        title=title or _tidy(path.stem),
        kind="txt",
        path=path,
        source_sha256=source_sha256,
        encoding=encoding,
        warnings=[f"{path.name}: {warning}"] if warning else [],
        cleaner=VERBATIM_ID,
    )


def _cache_entry(document: Document) -> dict:
    return {
        "text": document.text,
        "blocks": [[b.kind, b.start, b.end, b.level] for b in document.blocks],
        "title": document.title,
        "byline": document.byline,
        "date": document.date,
        "url": document.url,
        "removed": document.removed,
        "removed_at": document.removed_at,
        "encoding": document.encoding,
        "warnings": document.warnings,
    }


_CACHED_FIELDS = ("title", "byline", "date", "url", "removed", "removed_at")


def _from_cache(entry: dict, kind: str, path: Path, source_sha256: str) -> Document:
    return Document(
        text=entry["text"],
        blocks=[Block(*block) for block in entry["blocks"]],
        kind=kind,
        path=path,
        source_sha256=source_sha256,
        **{name: entry[name] for name in _CACHED_FIELDS},
        encoding=entry["encoding"],
        warnings=entry["warnings"],
    )


# A plain-text file this large is cleaned as clean text, block by block (see cleaning.scraped):
# its first blocks are known from its first bytes, so the reader can show them at once.
PREVIEW_MIN_BYTES = 4_000_000  # at most 4 bytes a character: over LARGE_TEXT characters
PREVIEW_BYTES = 64 * 1024


def load_preview(path: str | Path) -> Document | None:
    """The start of a very long .txt article, cleaned as the whole will be: its text is a
    prefix of the whole document's text. None for any other file, or when unsure."""
    path = Path(path)
    try:
        if kind_of(path) != "txt" or path.stat().st_size < PREVIEW_MIN_BYTES:
            return None
        with path.open("rb") as handle:
            head = handle.read(PREVIEW_BYTES)
    except OSError:
        return None
    cut = head.rfind(b"\n\n")  # whole blocks only: the last one may go on past the head
    one_line = cut <= 0 and b"\n" not in head  # a book on one line: cut into blocks as it goes
    if one_line:
        cut = head.rfind(b" ")
    if cut <= 0 or b"\r" in head:
        return None
    try:
        text = head[:cut].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None  # a legacy encoding is guessed from the whole file, not its head
    # imported here: only a long .txt needs the cleaner now, and its patterns take ~20 ms to compile
    from readtui.cleaning.scraped import clean_large_text

    cleaned = clean_large_text(text)
    if one_line:
        cleaned.blocks = cleaned.blocks[:-1]  # the last piece goes on past the head
        if not cleaned.blocks:
            return None
    document = assemble(cleaned, "txt", path=path)
    document.title = document.title or _tidy(path.stem)
    return document


# the headline of a page: its <h1>, else its og:title, else its <title>, which often ends in the
# site's name (compiled when first used: at every start would cost more than they serve)
_PAGE_HEADLINES = (
    r"<h1\b[^>]*>(.*?)</h1\s*>",
    r"<meta\s[^>]*property=[\"']og:title[\"'][^>]*content=[\"']([^\"']*)",
    r"<title\b[^>]*>(.*?)</title\s*>",
)
HEADLINE_BYTES = 256 * 1024  # a page's headline is near its start


def page_headline(page: str) -> str:
    """The headline of an HTML page found without cleaning (the cleaner may choose another: it
    sees the whole page); "" when none."""
    import html

    for pattern in _PAGE_HEADLINES:
        found = re.search(pattern, page, re.IGNORECASE | re.DOTALL)
        title = _tidy(html.unescape(re.sub(r"<[^>]*>", " ", found[1]))) if found else ""
        if title:
            return title
    return ""


def headline_preview(path: str | Path) -> Document | None:
    """An HTML page's headline alone, found without cleaning: shown while the page is cleaned on
    its first opening, since its cleaner (trafilatura) takes longer to start than the app does.
    The whole article replaces it. None for other files (their cleaners keep pace with the
    app's start), or when no headline is found."""
    path = Path(path)
    if kind_of(path) != "html":
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(HEADLINE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    title = page_headline(head)
    if not 0 < len(title) <= 300:
        return None
    return Document(title, [Block("title", 0, len(title), 1)], title, "html", path=path)


def document_from_text(text: str, kind: str = "txt", title: str = "") -> Document:
    """A document from text in memory (tests, pipelines)."""
    document = assemble(clean_text(text, kind), kind, source_sha256=sha256_text(text))
    document.title = document.title or title
    return document


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Every article file named or inside a named folder (not recursive), sorted, no repeats."""
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # names sorted as strings, and the type from the directory entry: a folder of
            # 20,000 articles is listed without a stat or a Path comparison for each
            with os.scandir(path) as entries:
                names = sorted(
                    entry.name
                    for entry in entries
                    if ARTICLE_SUFFIXES.get(os.path.splitext(entry.name)[1].lower())
                    and entry.is_file()
                )
            found.update(dict.fromkeys(path / name for name in names))
        else:
            found[path] = None
    return list(found)
