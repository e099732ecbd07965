"""readtui.library_index: what the library's first, cheap pass reads, and when an article must
be cleaned to be sure of it."""

import codecs
import json
import os
from pathlib import Path

from readtui.annotations import Annotation
from readtui.document import load_document
from readtui.library_index import (
    DONE,
    IN_PROGRESS,
    NEEDS_REVIEW,
    NEW,
    guess_title,
    needs_cleaning,
    quick_summary,
    summarise,
)
from readtui.store import AnnotationStore, sidecar_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_titles_are_guessed_from_the_first_lines(tmp_path: Path) -> None:
    html = write(
        tmp_path / "a.html",
        "<html><head><title>Flood - The Daily</title></head>"
        "<body><h1>Flood &amp; <b>landslide</b></h1><p>Text.</p></body></html>",
    )
    titled = write(tmp_path / "b.htm", "<title>Only a\n title</title><p>Text.</p>")
    markdown = write(tmp_path / "c.md", "\n\n## Quake strikes at night ##\n\nText.\n")
    front = write(tmp_path / "d.md", '---\nauthor: x\ntitle: "Storm warning"\n---\n# Other\n')
    text = write(tmp_path / "e.txt", "\n  \nFerry capsizes\tnear port\n\nText.\n")
    assert guess_title(html) == "Flood & landslide"  # the <h1>: the <title> names the site
    assert guess_title(titled) == "Only a title"
    assert guess_title(markdown) == "Quake strikes at night"
    assert guess_title(front) == "Storm warning"
    assert guess_title(text) == "Ferry capsizes near port"


def test_a_guessed_title_is_safe_short_and_read_from_the_head_only(tmp_path: Path) -> None:
    hostile = write(tmp_path / "hostile.txt", "Evil\x1b]0;pwned\x07 title\u202e\n\nText.\n")
    long_line = write(tmp_path / "long.txt", "word " * 1000)
    late = write(tmp_path / "late.html", " " * 10_000 + "<title>Far down</title>")
    wide = tmp_path / "wide.txt"
    wide.write_bytes(codecs.BOM_UTF16_LE + "Wide title\n\nText.\n".encode("utf-16-le"))
    empty = write(tmp_path / "empty.md", "")
    assert guess_title(hostile) == "Evil title"
    assert len(guess_title(long_line)) <= 200 and guess_title(long_line).endswith("…")
    assert guess_title(late) == "late"  # past the bytes read: the file's name
    assert guess_title(wide) == "Wide title"
    assert guess_title(empty) == "empty"


def test_the_quick_summary_reads_the_sidecar_as_saved(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "# Shelling kills 14\n\nThe army said 14 people died.\n")
    document = load_document(path)
    store = AnnotationStore(document)
    store.add(Annotation.create(document.text, 0, 5, "claim", "alice"))
    store.add(Annotation.create(document.text, 6, 10, "quote", "bob"))
    data = json.loads(sidecar_path(path).read_text())
    data["states"] = {
        "bob": {"state": "done", "modified": "2026-11-28T10:00:00Z"},
        "carol": {"state": "in progress", "modified": "2026-11-28T10:00:00Z"},
        "dmitri": {"state": "resting"},  # not a state: ignored
    }
    sidecar_path(path).write_text(json.dumps(data))
    article = quick_summary(path)
    assert article.loaded and not article.cleaned and not article.guessed_title
    assert article.title == "Shelling kills 14"
    assert article.counts == {"claim": 1, "quote": 1} and article.annotations == 2
    assert article.words == len(document.text.split())
    # alice annotated without marking a state: she is at work on it
    assert article.states == {"alice": IN_PROGRESS, "bob": DONE, "carol": IN_PROGRESS}
    assert article.row_state("bob") == DONE and article.row_state("erin") == NEW
    assert not needs_cleaning(article)  # the source is the one annotated


def test_cleaning_is_needed_only_where_the_quick_pass_may_be_wrong(tmp_path: Path) -> None:
    unannotated = write(tmp_path / "new.md", "# New\n\nText.\n")
    changed = write(tmp_path / "changed.md", "# Changed\n\nThe army said 14 people died.\n")
    store = AnnotationStore(load_document(changed))
    store.add(Annotation.create(store.document.text, 0, 7, "claim", "alice"))
    broken = write(tmp_path / "broken.md", "# Broken\n\nText.\n")
    sidecar_path(broken).write_text("{not json")
    write(changed, "# Changed\n\nThe ministry said 14 people died.\n")
    assert needs_cleaning(quick_summary(unannotated))
    assert needs_cleaning(quick_summary(changed))
    assert needs_cleaning(quick_summary(broken))


def test_the_full_summary_places_the_annotations_in_the_text_as_it_is_now(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "a.md", "# Title\n\nThe army said 14 people died in the north.\n")
    store = AnnotationStore(load_document(path))
    start = store.document.text.index("14 people")
    store.add(Annotation.create(store.document.text, start, start + 9, "claim", "alice"))
    write(path, "# Title\n\nNobody said anything at all.\n")  # the annotated words are gone
    assert quick_summary(path).row_state("alice") == IN_PROGRESS  # as saved
    article = summarise(path)
    assert article.cleaned and article.review
    assert article.row_state("alice") == NEEDS_REVIEW  # its annotation is an orphan now


def test_a_broken_sidecar_is_named_with_its_change_time_and_not_written(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "# Title\n\nText.\n")
    sidecar = sidecar_path(path)
    sidecar.write_bytes(b"{not json")
    os.utime(sidecar, (1_800_000_000, 1_800_000_000))
    for article in (quick_summary(path), summarise(path)):
        assert article.fault.startswith("sidecar: not valid JSON")
        assert article.review and article.title == "Title"
        assert article.changed == 1_800_000_000
    assert sidecar.read_bytes() == b"{not json"
    assert os.stat(sidecar).st_mtime == 1_800_000_000
