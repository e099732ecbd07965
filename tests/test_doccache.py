"""The cleaned-document cache saves time and never changes what a document is."""

import dataclasses
from pathlib import Path

from readtui import doccache
from readtui.document import load_document


def entries() -> list[Path]:
    return sorted(doccache.cache_folder().glob("*.json"))


def test_second_load_comes_from_the_cache_and_is_the_same(article: Path) -> None:
    first = load_document(article)
    assert len(entries()) == 1
    second = load_document(article)
    assert dataclasses.asdict(second) == dataclasses.asdict(first)
    assert second.text_sha256 == first.text_sha256


def test_a_changed_source_is_cleaned_again(article: Path) -> None:
    load_document(article)
    article.write_text("# Another title\n\nOther text.\n", encoding="utf-8")
    document = load_document(article)
    assert document.title == "Another title"
    assert len(entries()) == 2


def test_a_damaged_entry_is_ignored_and_rebuilt(article: Path) -> None:
    expected = load_document(article)
    [entry] = entries()
    entry.write_text('{"text": "poisoned", "blocks": [["paragraph", 0, 99, 0]]}', encoding="utf-8")
    assert load_document(article).text == expected.text
    assert "poisoned" not in entry.read_text(encoding="utf-8")


def test_an_unwritable_cache_costs_nothing_but_time(article: Path, private_cache: Path) -> None:
    private_cache.mkdir(parents=True, exist_ok=True)
    (private_cache / "readtui").write_text("a file where the cache folder should be")
    document = load_document(article)
    assert document.title.startswith("Shelling")
    assert entries() == []


def test_a_very_long_text_is_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    paragraph = "Officials said that at least 12 people were killed in the attack."
    path.write_text("Long\n\n" + "\n\n".join([paragraph] * 20_000), encoding="utf-8")
    assert len(load_document(path).text) > doccache.MAX_CACHED_TEXT
    assert entries() == []
