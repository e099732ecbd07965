"""Where each user left each article (readtui.positions): kept in the user's state folder, which
every test here points into tmp_path."""

import json
from pathlib import Path

import pytest

from readtui import positions
from readtui.positions import Position, positions_path, recall, remember


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state-home"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news" / "dalvar.md"
    path.parent.mkdir()
    path.write_text("# Dalvar\n\nText.\n", encoding="utf-8")
    return path


def test_the_file_is_in_the_state_folder_given(state_home: Path, article: Path) -> None:
    assert remember(article, "alice", Position(40, 12)) is None
    assert positions_path() == state_home / "readtui" / "positions.json"
    assert positions_path().is_file()
    # written whole, nothing left beside it
    assert [p.name for p in positions_path().parent.iterdir()] == ["positions.json"]


def test_a_place_comes_back_for_the_same_article_and_annotator(
    article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember(article, "alice", Position(40, 12))
    remember(article, "bob", Position(7, 0))
    assert recall(article, "alice", 1000) == Position(40, 12)
    assert recall(article, "bob", 1000) == Position(7, 0)
    assert recall(article, "carol", 1000) is None
    assert recall(article.with_name("other.md"), "alice", 1000) is None
    # the key is the absolute path: a relative path to the same file finds it
    monkeypatch.chdir(article.parent)
    assert recall(Path("dalvar.md"), "alice", 1000) == Position(40, 12)


def test_a_later_place_replaces_the_earlier(article: Path) -> None:
    remember(article, "alice", Position(40, 12))
    remember(article, "alice", Position(90, 60))
    assert recall(article, "alice", 1000) == Position(90, 60)


def test_a_place_past_the_end_of_a_changed_text_is_clamped(article: Path) -> None:
    remember(article, "alice", Position(500, 450))
    assert recall(article, "alice", 100) == Position(99, 99)
    assert recall(article, "alice", 0) == Position(0, 0)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe garbage",
        b"[]",
        b'{"schema": "something else", "positions": {}}',
        b'{"schema": "readtui.positions/1", "positions": []}',
        b"[" * 100_000,
    ],
    ids=["bad-json", "not-utf8", "a-list", "other-schema", "positions-not-a-dict", "deep"],
)
def test_an_unusable_file_counts_as_empty_and_is_replaced(article: Path, content: bytes) -> None:
    positions_path().parent.mkdir(parents=True)
    positions_path().write_bytes(content)
    assert recall(article, "alice", 1000) is None
    assert remember(article, "alice", Position(3, 0)) is None
    assert recall(article, "alice", 1000) == Position(3, 0)


def test_entries_that_make_no_sense_are_ignored(article: Path) -> None:
    key = str(article.resolve())
    entries = {
        "negative": {"cursor": -4, "top": 0, "used": 1.0},
        "a-bool": {"cursor": True, "top": 0, "used": 1.0},
        "a-string": {"cursor": "12", "top": 0, "used": 1.0},
        "no-time": {"cursor": 4, "top": 0},
        "not-a-dict": [4, 0],
        "fine": {"cursor": 4, "top": 2, "used": 1.0},
    }
    data = {"schema": positions.SCHEMA, "positions": {key: entries, "/x": "not a dict"}}
    positions_path().parent.mkdir(parents=True)
    positions_path().write_text(json.dumps(data), encoding="utf-8")
    for name in entries:
        expected = Position(4, 2) if name == "fine" else None
        assert recall(article, name, 1000) == expected, name
    # a later write keeps the usable entries only
    remember(article, "alice", Position(1, 0))
    kept = json.loads(positions_path().read_text(encoding="utf-8"))["positions"]
    assert sorted(kept[key]) == ["alice", "fine"]


def test_the_places_used_longest_ago_go_beyond_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(positions, "MAX_KEPT", 3)
    articles = [tmp_path / f"a{number}.txt" for number in range(5)]
    for number, path in enumerate(articles):
        remember(path, "alice", Position(number, 0))
    kept = [path for path in articles if recall(path, "alice", 100) is not None]
    assert kept == articles[2:]
    data = json.loads(positions_path().read_text(encoding="utf-8"))
    assert sum(len(by_name) for by_name in data["positions"].values()) == 3


def test_a_state_folder_that_cannot_be_written_is_reported_not_raised(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))  # a file where a folder must be
    error = remember(article, "alice", Position(3, 0))
    assert isinstance(error, OSError)
    assert recall(article, "alice", 1000) is None
