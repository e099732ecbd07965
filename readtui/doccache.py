"""A cache of cleaned documents: each version of a source is cleaned once.

Cleaning is deterministic, so the cleaned document depends only on the source bytes, its kind
and the cleaner; the cache key is their hash. Entries are JSON files in the user's cache folder
(`~/.cache/readtui/documents` on Linux). The cache only ever saves time: an entry that cannot be
read is cleaned again, and a cache that cannot be written is skipped.
"""

import contextlib
import json
import os
from functools import cache
from pathlib import Path

from platformdirs import user_cache_path

from readtui import __version__
from readtui.cleaning import CLEANER_ID

# CPython's own SHA-256 where it has one: hashlib loads OpenSSL's library first, some 2.5 ms of
# every start-up, to hash a few files
try:
    from _sha256 import sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256

# Texts longer than this are taken as clean (no boilerplate search), and cleaning them again costs
# no more than reading a cache entry back: they are not cached, which also spares the memory.
MAX_CACHED_TEXT = 1_000_000

_FIELDS = ("title", "byline", "date", "url", "removed", "removed_at", "encoding", "warnings")


def cache_folder() -> Path:
    return user_cache_path("readtui") / "documents"


def cache_key(source_sha256: str, kind: str) -> str:
    # the cleaner's own code is part of the key: a changed rule must not be served from cache,
    # also between releases (the package version alone stays the same while rules change)
    identity = f"{source_sha256}:{kind}:{CLEANER_ID}:{__version__}:{cleaner_fingerprint()}"
    return sha256(identity.encode()).hexdigest()


@cache
def cleaner_fingerprint() -> str:
    """A hash of the code that makes cleaned documents (the cleaning package and document.py):
    each file's name, size and modification time, as Python's own bytecode cache checks its
    sources. Reading and hashing the files instead would cost every start-up a millisecond."""
    package = os.path.dirname(os.path.realpath(__file__))
    cleaning = os.path.join(package, "cleaning")
    with os.scandir(cleaning) as entries:
        files = sorted(entry.path for entry in entries if entry.name.endswith(".py"))
    digest = sha256()
    for path in [*files, os.path.join(package, "document.py")]:
        status = os.stat(path)
        digest.update(
            f"{os.path.basename(path)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()[:16]


def read_entry(key: str) -> dict | None:
    """The cached fields of a document, or None when there is no usable entry."""
    try:
        entry = json.loads((cache_folder() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
        return None
    blocks = entry.get("blocks")
    if not isinstance(blocks, list) or not all(_is_block(b, len(entry["text"])) for b in blocks):
        return None
    if not all(field in entry for field in _FIELDS):
        return None
    return entry


def _is_block(block: object, length: int) -> bool:
    if not (isinstance(block, list) and len(block) == 4 and isinstance(block[0], str)):
        return False
    kind, start, end, level = block
    return all(isinstance(v, int) for v in (start, end, level)) and 0 <= start <= end <= length


def write_entry(key: str, entry: dict) -> None:
    if len(entry["text"]) > MAX_CACHED_TEXT:
        return
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / f"{key}.json")
    except OSError:
        pass  # a read-only or full cache folder costs time, never a document


# The child process cleaning each source for the app, by the source's path (see clean_ahead).
_cleaning: dict[Path, int] = {}


def clean_ahead(path: Path) -> None:
    """Clean an article that is not cached yet in a child process, while this one starts the app.

    The child writes the cache entry and exits; the app calls `wait_for_cleaning` before it
    loads the article, which then comes from the cache. The cleaner's imports (trafilatura's
    alone take ~150 ms) and the cleaning run on a second core beside Textual's start. A child
    that fails writes no entry: the app cleans the source itself and reports any fault as usual.
    """
    from readtui.document import kind_of, load_document  # document imports this module

    kind = kind_of(path)
    if not hasattr(os, "fork") or kind is None or path in _cleaning:
        return
    try:
        if path.stat().st_size > MAX_CACHED_TEXT:  # never cached: the app would clean it again
            return
        key = cache_key(sha256(path.read_bytes()).hexdigest(), kind)
        if (cache_folder() / f"{key}.json").exists():
            return
    except OSError:
        return
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            silent = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):  # nothing of the child's may reach the terminal the app draws on
                os.dup2(silent, fd)
            # behind the app on a busy machine: its first frame is what the user waits for
            os.nice(10)
            load_document(path)
            code = 0
        finally:
            os._exit(code)  # never back into the caller: the app is the parent's
    _cleaning[path] = pid


def still_cleaning(path: Path) -> bool:
    """Whether the child cleaning `path` (see clean_ahead) is still at work; one that has
    finished is reaped."""
    pid = _cleaning.get(path)
    if pid is None:
        return False
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        finished = pid
    if finished:
        del _cleaning[path]
    return not finished


def wait_for_cleaning(path: Path) -> None:
    """Wait for the child cleaning `path` (see clean_ahead), if there is one."""
    pid = _cleaning.pop(path, None)
    if pid is not None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
