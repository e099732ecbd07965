"""Two writers of one sidecar: a save never overwrites work it has not seen."""

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from readtui.annotations import Annotation
from readtui.corrections import apply_corrections
from readtui.document import load_document
from readtui.store import AnnotationStore, UnmergeableSidecar, read_sidecar, sidecar_path

REPO = Path(__file__).resolve().parents[1]


def tag(store: AnnotationStore, phrase: str, tag_name: str = "claim", **fields) -> Annotation:
    text = store.document.text
    start = text.index(phrase)
    annotation = Annotation.create(text, start, start + len(phrase), tag_name, **fields)
    store.add(annotation)
    return annotation


def saved_ids(article: Path) -> set[str]:
    return {row["id"] for row in read_sidecar(sidecar_path(article))["annotations"]}


def two_windows(article: Path) -> tuple[AnnotationStore, AnnotationStore]:
    """Two stores on one article, writing as the app does: after the frame that shows a key."""
    first, second = (AnnotationStore(load_document(article)) for _ in range(2))
    first.write_later = second.write_later = True
    return first, second


@pytest.mark.parametrize("order", ["first saves first", "second saves first"])
def test_two_windows_keep_both_annotations(article: Path, order: str) -> None:
    first, second = two_windows(article)
    claim = tag(first, "Colonel Ruben Asker")
    quote = tag(second, "The talks will go on", "quote")
    savers = [first, second] if order == "first saves first" else [second, first]
    for store in savers:
        store.write_pending()
        assert store.save_error is None
    assert saved_ids(article) == {claim.id, quote.id}
    late = savers[1]  # the one that merged shows both, and says what it took in
    assert {a.id for a in late.annotations()} == {claim.id, quote.id}
    assert len(late.merges) == 1
    assert late.merges[0].added == 1 and late.merges[0].notes == []
    assert late.merges[0].summary("the file") == "from the file: 1 added"
    assert not late.unsaved


def test_writers_take_turns_under_a_hidden_lock_any_account_can_take(article: Path) -> None:
    store = AnnotationStore(load_document(article))
    tag(store, "Colonel Ruben Asker")
    lock = article.parent / ".dalvar.md.annotations.json.lock"
    names = sorted(child.name for child in article.parent.iterdir())
    assert names == [lock.name, "dalvar.md", "dalvar.md.annotations.json"]
    assert stat.S_IMODE(lock.stat().st_mode) == 0o666


def test_the_other_window_picks_up_changes_when_it_saves(article: Path) -> None:
    first, second = two_windows(article)
    claim = tag(first, "Colonel Ruben Asker")
    first.write_pending()
    second.save()  # nothing of its own: it takes in the claim
    assert [a.id for a in second.annotations()] == [claim.id]
    # ... and a change made after that merges on the new base
    second.update(second.get(claim.id).edited(note="named source"))
    second.write_pending()
    first.remove(claim.id)  # deleted in one window, edited in the other: kept, and said so
    first.write_pending()
    assert first.get(claim.id).note == "named source"
    assert saved_ids(article) == {claim.id}
    assert first.merges[-1].notes == [
        f'claim "Colonel Ruben Asker" ({claim.id}): deleted in this window, edited in the '
        "file: kept"
    ]


def test_refresh_takes_in_changes_without_writing(article: Path) -> None:
    first, second = two_windows(article)
    claim = tag(first, "Colonel Ruben Asker")
    first.write_pending()
    saved = sidecar_path(article).read_bytes()
    merge = second.refresh()
    assert merge is not None and merge.added == 1
    assert [a.id for a in second.annotations()] == [claim.id]
    assert not second.unsaved and sidecar_path(article).read_bytes() == saved
    assert second.refresh() is None


def test_a_correction_of_the_cleaning_in_one_window_reaches_the_other(article: Path) -> None:
    first, second = two_windows(article)
    text = first.document.text
    paragraph = next(p for p in text.split("\n\n") if p.startswith("Artillery"))
    document = apply_corrections(first.document, [{"drop": paragraph}])
    first.replace_document(document, *first.reanchored_to(document))
    first.write_pending()
    quote = tag(second, "The talks will go on", "quote")  # on the old text
    second.write_pending()
    assert second.document.text == document.text
    assert second.merges[0].text_changed
    data = read_sidecar(sidecar_path(article))
    assert data["document"]["text"] == document.text
    assert data["document"]["overrides"] == [{"drop": paragraph}]
    (row,) = data["annotations"]
    assert row["id"] == quote.id
    assert document.text[row["start"] : row["end"]] == "The talks will go on"


def test_a_file_broken_by_another_program_is_not_overwritten(article: Path) -> None:
    first, _ = two_windows(article)
    claim = tag(first, "Colonel Ruben Asker")
    first.write_pending()
    path = sidecar_path(article)
    path.write_text('{"schema": "readtui.annotations/1", "docu', encoding="utf-8")
    quote = tag(first, "The talks will go on", "quote")
    first.write_pending()
    assert isinstance(first.save_error, UnmergeableSidecar)
    assert "not valid JSON" in str(first.save_error)
    assert path.read_text(encoding="utf-8").endswith('"docu')
    assert first.unsaved
    with pytest.raises(UnmergeableSidecar):
        first.save()
    path.unlink()  # the broken file removed: the next save writes everything
    first.save()
    assert first.save_error is None and saved_ids(article) == {claim.id, quote.id}


def test_twenty_thousand_annotations_in_one_batch(article: Path) -> None:
    store = AnnotationStore(load_document(article))
    text = store.document.text
    words = [(i, i + 1) for i in range(len(text)) if text[i].isalnum()]
    with store.batch():
        for number in range(20_000):
            start, end = words[number % len(words)]
            store.add(Annotation.create(text, start, end, "claim"))
    assert len(store.annotations()) == 20_000
    assert len(saved_ids(article)) == 20_000
    assert len(AnnotationStore(load_document(article)).annotations()) == 20_000


# Two processes --------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from readtui.annotations import Annotation
    from readtui.document import load_document
    from readtui.store import AnnotationStore

    article, name = Path(sys.argv[1]), sys.argv[2]
    store = AnnotationStore(load_document(article))
    text = store.document.text
    for line in sys.stdin:  # one number a line: tag the word at that place, and save
        start = int(line) % (len(text) - 1)
        store.add(Annotation.create(text, start, start + 1, "claim", annotator=name))
        if store.save_error is not None:
            raise store.save_error
        print("saved", flush=True)
    print(len(store.annotations()), flush=True)
    """
)


def writer(article: Path, name: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(article), name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def annotators(article: Path) -> list[str]:
    return [row["annotator"] for row in read_sidecar(sidecar_path(article))["annotations"]]


def test_two_processes_writing_in_turn_lose_nothing(article: Path) -> None:
    alice, bob = writer(article, "alice"), writer(article, "bob")
    for number in range(60):
        for process in (alice, bob):
            process.stdin.write(f"{number * 7}\n")
            process.stdin.flush()
            assert process.stdout.readline() == "saved\n"
    for process in (alice, bob):
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    saved = annotators(article)
    assert saved.count("alice") == 60 and saved.count("bob") == 60


def test_two_processes_writing_at_once_lose_nothing(article: Path) -> None:
    numbers = "".join(f"{number * 13}\n" for number in range(150))
    processes = [writer(article, name) for name in ("alice", "bob", "carol")]
    for process in processes:  # all the lines at once: each saves as fast as it can
        process.stdin.write(numbers)
        process.stdin.close()
    for process in processes:
        assert process.wait(timeout=120) == 0
        last = process.stdout.read().splitlines()[-1]
        assert int(last) >= 150  # its own, and what it took in from the others
    saved = annotators(article)
    assert [saved.count(name) for name in ("alice", "bob", "carol")] == [150, 150, 150]


# Two windows on one article, in the app ------------------------------------------------------


async def test_two_windows_each_see_the_others_marks_and_nothing_is_lost(tmp_path) -> None:
    import asyncio
    import json

    from readtui.config import Config
    from readtui.store import sidecar_path
    from readtui.tui.app import ReadtuiApp

    path = tmp_path / "clash.txt"
    path.write_text(
        "Border clash\n\nThe ministry denied that its troops crossed the border.\n\n"
        "“We never left our side,” a colonel said.\n",
        encoding="utf-8",
    )
    first = ReadtuiApp([path], Config(annotator="alice"))
    second = ReadtuiApp([path], Config(annotator="bob"))
    async with first.run_test(size=(110, 30)) as one, second.run_test(size=(110, 30)) as two:
        await one.pause()
        await two.pause()
        await one.press("right_curly_bracket", "s", "1")  # a claim in the first window
        await one.pause()
        await two.press("G", "s", "2")  # a quote in the second, which had not seen the claim
        await two.pause()
        assert {a.tag for a in second.screen.editor.annotations} == {"claim", "quote"}
        said = [str(n.message) for n in second._notifications]
        assert any("from another window or annotator: 1 added" in m for m in said)
        await asyncio.sleep(2.5)  # the first window looks at the file every two seconds
        await one.pause()
        assert {a.tag for a in first.screen.editor.annotations} == {"claim", "quote"}
        await one.press("q")
        await two.press("q")
    saved = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    assert sorted((a["tag"], a["annotator"]) for a in saved["annotations"]) == [
        ("claim", "alice"),
        ("quote", "bob"),
    ]
