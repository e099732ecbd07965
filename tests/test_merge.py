"""Three-way merges of sidecars (readtui.merge) and git's merge driver, in real repositories."""

import copy
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readtui.annotations import Annotation, Quote
from readtui.corrections import apply_corrections
from readtui.document import load_document
from readtui.merge import NOTE_MARK, merge_sidecars
from readtui.store import AnnotationStore, read_sidecar, sidecar_path

REPO = Path(__file__).resolve().parents[1]
EARLY, LATE, LATER = "2026-11-27T09:00:00Z", "2026-11-28T09:00:00Z", "2026-11-29T09:00:00Z"


def fixed(text: str, phrase: str, tag: str, annotation_id: str, **fields) -> Annotation:
    start = text.index(phrase)
    end = start + len(phrase)
    stamps = {"created": EARLY, "modified": EARLY} | fields
    return Annotation(annotation_id, start, end, tag, Quote.of(text, start, end), **stamps)


@pytest.fixture
def base(article: Path) -> dict:
    """A saved sidecar with two annotations: a claim (A1) and a quote (A2)."""
    store = AnnotationStore(load_document(article))
    text = store.document.text
    store.add(fixed(text, "Colonel Ruben Asker", "claim", "A1"))
    store.add(fixed(text, "The talks will go on", "quote", "A2"))
    return read_sidecar(sidecar_path(article))


def rows(data: dict) -> dict[str, dict]:
    return {row["id"]: row for row in data["annotations"]}


def edit(data: dict, annotation_id: str, modified: str = LATE, **changes) -> dict:
    """A copy of `data` with one annotation changed."""
    changed = copy.deepcopy(data)
    for row in changed["annotations"]:
        if row["id"] == annotation_id:
            row.update(changes, modified=modified)
    return changed


def delete(data: dict, annotation_id: str) -> dict:
    changed = copy.deepcopy(data)
    changed["annotations"] = [r for r in changed["annotations"] if r["id"] != annotation_id]
    return changed


def add(data: dict, annotation: Annotation) -> dict:
    changed = copy.deepcopy(data)
    changed["annotations"].append(annotation.to_json())
    return changed


# The rules -----------------------------------------------------------------------------------


def test_annotations_added_on_each_side_are_both_kept(base: dict) -> None:
    text = base["document"]["text"]
    ours = add(base, fixed(text, "Four children", "claim", "O1"))
    theirs = add(base, fixed(text, "killing at least 14 people", "casualty figure", "T1"))
    merge = merge_sidecars(base, ours, theirs)
    assert merge.decided and merge.notes == []
    assert sorted(rows(merge.data)) == ["A1", "A2", "O1", "T1"]
    assert rows(merge.data)["T1"] == theirs["annotations"][-1]
    assert (merge.added, merge.changed, merge.deleted) == (1, 0, 0)


def test_deleted_on_one_side_and_unchanged_on_the_other_is_deleted(base: dict) -> None:
    for ours, theirs in ((delete(base, "A1"), base), (base, delete(base, "A1"))):
        merge = merge_sidecars(base, ours, theirs)
        assert sorted(rows(merge.data)) == ["A2"] and merge.notes == []
    assert merge.deleted == 1


def test_deleted_on_one_side_and_edited_on_the_other_is_kept_as_edited(base: dict) -> None:
    edited = edit(base, "A1", note="check the ministry's statement")
    merge = merge_sidecars(base, delete(base, "A1"), edited)
    assert rows(merge.data)["A1"] == rows(edited)["A1"]
    assert merge.notes == [
        'claim "Colonel Ruben Asker" (A1): deleted in ours, edited in theirs: kept'
    ]
    merge = merge_sidecars(base, edited, delete(base, "A1"))
    assert rows(merge.data)["A1"] == rows(edited)["A1"]
    assert "deleted in theirs, edited in ours" in merge.notes[0]


def test_edits_of_different_fields_are_both_kept(base: dict) -> None:
    ours = edit(base, "A1", note="a named source", modified=LATE)
    theirs = edit(base, "A1", tag="quote", attrs={"speaker": "Asker"}, modified=LATER)
    merge = merge_sidecars(base, ours, theirs)
    row = rows(merge.data)["A1"]
    assert (row["note"], row["tag"], row["attrs"]) == (
        "a named source",
        "quote",
        {"speaker": "Asker"},
    )
    assert row["modified"] == LATER
    assert merge.notes == []


def test_one_field_changed_on_both_sides_takes_the_later_edit(base: dict) -> None:
    ours = edit(base, "A2", tag="claim", modified=LATER)
    theirs = edit(base, "A2", tag="casualty figure", modified=LATE)
    for first, second in ((ours, theirs), (theirs, ours)):
        merge = merge_sidecars(base, first, second)
        assert rows(merge.data)["A2"]["tag"] == "claim"
        assert merge.notes == [
            'claim "The talks will go on" (A2): edited in both; tag of the later edit kept'
        ]


def test_equal_times_decide_the_same_in_both_orders(base: dict) -> None:
    ours = edit(base, "A2", tag="claim")
    theirs = edit(base, "A2", tag="casualty figure")
    assert merge_sidecars(base, ours, theirs).data == merge_sidecars(base, theirs, ours).data


def test_notes_changed_on_both_sides_are_joined(base: dict) -> None:
    ours = edit(base, "A1", note="ask the ministry", modified=LATE)
    theirs = edit(base, "A1", note="denied the next day", modified=LATER)
    merge = merge_sidecars(base, ours, theirs)
    assert rows(merge.data)["A1"]["note"] == f"denied the next day\n{NOTE_MARK}ask the ministry"
    assert merge.notes[0].endswith("edited in both; both notes kept")
    # one note extends the other: the longer holds both
    longer = edit(base, "A1", note="ask the ministry, and the mayor")
    assert rows(merge_sidecars(base, ours, longer).data)["A1"]["note"] == (
        "ask the ministry, and the mayor"
    )


def test_a_span_moved_on_both_sides_is_taken_whole(base: dict) -> None:
    text = base["document"]["text"]
    wider = fixed(text, "spokesman Colonel Ruben Asker", "claim", "A1").to_json()
    narrower = fixed(text, "Ruben Asker", "claim", "A1").to_json()
    span = ("start", "end", "quote")
    ours = edit(base, "A1", modified=LATE, **{k: wider[k] for k in span})
    theirs = edit(base, "A1", modified=LATER, **{k: narrower[k] for k in span})
    row = rows(merge_sidecars(base, ours, theirs).data)["A1"]
    assert text[row["start"] : row["end"]] == "Ruben Asker" == row["quote"]["exact"]


def test_attributes_merge_key_by_key(base: dict) -> None:
    start = edit(base, "A1", attrs={"count": 14, "kind": "killed"})
    ours = edit(start, "A1", attrs={"count": 15, "kind": "killed"}, modified=LATER)
    theirs = edit(start, "A1", attrs={"count": 14, "kind": "injured", "group": "civilians"})
    row = rows(merge_sidecars(start, ours, theirs).data)["A1"]
    assert row["attrs"] == {"count": 15, "kind": "injured", "group": "civilians"}


def test_rejected_states_and_corrections(base: dict) -> None:
    rejected = {"rule": "claims.said", "start": 0, "end": 5, "quote": base["document"]["text"][:5]}
    start = copy.deepcopy(base) | {"rejected": [rejected]}
    start["states"] = {"alice": {"state": "in progress", "modified": EARLY}}
    start["document"]["overrides"] = [{"keep": "Share"}]
    ours, theirs = copy.deepcopy(start), copy.deepcopy(start)
    ours["rejected"] = []  # an undo of the rejection
    theirs["rejected"].append(rejected | {"rule": "quotes.said"})
    ours["states"]["alice"] = {"state": "done", "modified": LATER}
    theirs["states"]["alice"] = {"state": "in progress", "modified": LATE}
    theirs["states"]["bob"] = {"state": "done", "modified": LATE}
    ours["document"]["overrides"].append({"drop": "Menu"})
    theirs["document"]["overrides"].append({"drop": "Footer"})
    merge = merge_sidecars(start, ours, theirs)
    assert merge.data["rejected"] == [rejected | {"rule": "quotes.said"}]
    assert merge.data["states"] == {
        "alice": {"state": "done", "modified": LATER},
        "bob": {"state": "done", "modified": LATE},
    }
    overrides = [{"keep": "Share"}, {"drop": "Menu"}, {"drop": "Footer"}]
    assert merge.data["document"]["overrides"] == overrides


def corrected(article: Path, overrides: list[dict], *added: Annotation) -> dict:
    """The sidecar of `article` after the cleaning was corrected in a store (and annotations
    added on the new text), as a second writer would save it; the article's own sidecar is
    left as it was."""
    scratch = sidecar_path(article).with_name("scratch.annotations.json")
    scratch.write_bytes(sidecar_path(article).read_bytes())
    store = AnnotationStore(load_document(article), scratch)
    document = apply_corrections(store.document, overrides)
    store.replace_document(document, *store.reanchored_to(document))
    for annotation in added:
        store.add(annotation)
    return read_sidecar(scratch)


def test_a_text_changed_on_one_side_reanchors_the_other(article: Path, base: dict) -> None:
    dropped = "Artillery shells struck a crowded market"
    paragraph = next(p for p in base["document"]["text"].split("\n\n") if p.startswith(dropped))
    theirs = corrected(article, [{"drop": paragraph}])
    text = base["document"]["text"]
    ours = add(base, fixed(text, "Four children", "claim", "O1"))
    merge = merge_sidecars(base, ours, theirs)
    new_text = theirs["document"]["text"]
    assert merge.decided and merge.text_changed
    assert merge.data["document"] == theirs["document"]
    for row in merge.data["annotations"]:
        assert new_text[row["start"] : row["end"]] == row["quote"]["exact"]
        assert row["status"] in ("ok", "moved")
    assert sorted(rows(merge.data)) == ["A1", "A2", "O1"]


def test_texts_changed_on_both_sides_are_not_decided_but_nothing_is_lost(
    article: Path, base: dict
) -> None:
    paragraphs = base["document"]["text"].split("\n\n")
    first = next(p for p in paragraphs if p.startswith("Artillery"))
    second = next(p for p in paragraphs if p.startswith('"This was'))
    ours_text = base["document"]["text"].replace(first + "\n\n", "")
    theirs = corrected(
        article, [{"drop": second}], fixed(ours_text, "Four children", "claim", "T1")
    )
    ours = corrected(article, [{"drop": first}])
    merge = merge_sidecars(base, ours, theirs)
    assert not merge.decided
    assert merge.data["document"]["text"] == ours["document"]["text"]
    assert merge.data["document"]["overrides"] == [{"drop": first}, {"drop": second}]
    assert sorted(rows(merge.data)) == ["A1", "A2", "T1"]
    assert "no rule decides" in merge.notes[0]
    # with the article at hand (the store), the corrections of both make the text
    merge = merge_sidecars(base, ours, theirs, lambda o: corrected(article, o)["document"])
    assert merge.decided
    assert first not in merge.data["document"]["text"]
    assert second not in merge.data["document"]["text"]
    assert sorted(rows(merge.data)) == ["A1", "A2", "T1"]


# Property: every change only one side made is kept --------------------------------------------

TEXT = (
    "Rising water cut off at least nine villages on Monday, emergency officials said. "
    "The river rose two metres overnight. Rescue teams reached the last village by boat, "
    "and four people were taken to hospital in the capital."
)
WORDS = [(i, i + len(w)) for i, w in ((TEXT.index(w), w) for w in TEXT.split()[:30])]
ACTIONS = ("keep", "delete", "tag", "note", "span", "attr")


def annotation_at(index: int, span: int) -> Annotation:
    start, end = WORDS[span % len(WORDS)]
    return Annotation(
        f"B{index}",
        start,
        end,
        "claim",
        Quote.of(TEXT, start, end),
        created=EARLY,
        modified=EARLY,
    )


def changed(row: dict, action: str, side: str, stamp: str) -> dict | None:
    """One side's change of one annotation (None: deleted)."""
    if action == "delete":
        return None
    if action == "keep":
        return row
    new = copy.deepcopy(row) | {"modified": stamp}
    if action == "tag":
        new["tag"] = f"tag-{side}"
    elif action == "note":
        new["note"] = f"note by {side}"
    elif action == "attr":
        new["attrs"][side] = 1
    else:
        start, end = WORDS[(WORDS.index((row["start"], row["end"])) + 1) % len(WORDS)]
        new |= {"start": start, "end": end, "quote": Quote.of(TEXT, start, end).to_json()}
    return new


def sidecar(rows_: list[dict]) -> dict:
    header = {"source": "x.txt", "text": TEXT}
    return {"schema": "readtui.annotations/1", "document": header, "annotations": rows_}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    spans=st.lists(st.integers(0, 100), max_size=8),
    data=st.data(),
)
def test_every_change_only_one_side_made_is_kept(spans: list[int], data) -> None:
    base_rows = [annotation_at(i, span).to_json() for i, span in enumerate(spans)]
    sides = {}
    actions = {}
    for side, stamp in (("ours", LATE), ("theirs", LATER)):
        chosen = data.draw(
            st.lists(st.sampled_from(ACTIONS), min_size=len(spans), max_size=len(spans))
        )
        added = data.draw(st.lists(st.integers(0, 100), max_size=3))
        actions[side] = chosen
        kept = [
            changed(row, action, side, stamp) for row, action in zip(base_rows, chosen, strict=True)
        ]
        new = [
            replace(annotation_at(0, span), id=f"{side}-{i}").to_json()
            for i, span in enumerate(added)
        ]
        sides[side] = [row for row in kept if row is not None] + new
    merge = merge_sidecars(sidecar(base_rows), sidecar(sides["ours"]), sidecar(sides["theirs"]))
    merged = rows(merge.data)
    assert merge.decided
    for side, other in (("ours", "theirs"), ("theirs", "ours")):
        side_rows = rows(sidecar(sides[side]))
        for key in side_rows:
            if key.startswith(side):  # added: kept as added
                assert merged[key] == side_rows[key]
        for index, row in enumerate(base_rows):
            mine, theirs = actions[side][index], actions[other][index]
            if mine == "keep" or mine == theirs:
                continue  # no change of this side's own
            if mine == "delete":
                assert (row["id"] in merged) == (theirs != "keep")
                continue
            result = merged[row["id"]]  # edited: never lost, even if the other deleted it
            mine_row = side_rows[row["id"]]
            field = {"tag": ["tag"], "note": ["note"], "span": ["start", "end", "quote"]}
            if mine == "attr":
                assert result["attrs"][side] == 1
            else:
                for key in field[mine]:
                    assert result[key] == mine_row[key]


# git's merge driver, in real repositories ---------------------------------------------------


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def repo(article: Path, base: dict) -> Path:
    """A git repository holding the article and its sidecar (A1, A2), with the driver set up
    as the README says (the command run through this Python)."""
    folder = article.parent
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Alice")
    git(folder, "config", "user.email", "alice@example.org")
    (folder / ".gitattributes").write_text("*.annotations.json merge=readtui\n")
    git(folder, "config", "merge.readtui.name", "readtui sidecars, by annotation id")
    driver = f'"{sys.executable}" -m readtui merge-driver %O %A %B'
    git(folder, "config", "merge.readtui.driver", driver)
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "article")
    return folder


def on_branch(repo: Path, branch: str, article: Path, change) -> None:
    """Change the sidecar through the store on a new branch from main, and commit."""
    git(repo, "checkout", "-q", "-b", branch, "main")
    store = AnnotationStore(load_document(article))
    change(store)
    assert store.save_error is None
    git(repo, "commit", "-q", "-am", branch)


def merged_in(repo: Path, branch: str, into: str) -> subprocess.CompletedProcess:
    git(repo, "checkout", "-q", into)
    return git(repo, "merge", "--no-edit", branch, check=False)


def assert_saved_as_the_store_writes(article: Path) -> None:
    path = sidecar_path(article)
    merged = path.read_bytes()
    store = AnnotationStore(load_document(article))
    store.save()
    assert path.read_bytes() == merged


def test_git_merges_annotations_added_on_two_branches(repo: Path, article: Path) -> None:
    text = load_document(article).text
    on_branch(repo, "a", article, lambda s: s.add(fixed(text, "Four children", "claim", "O1")))
    on_branch(repo, "b", article, lambda s: s.add(fixed(text, "Dalvar", "claim", "T1")))
    result = merged_in(repo, "b", "a")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(rows(read_sidecar(sidecar_path(article)))) == ["A1", "A2", "O1", "T1"]
    assert git(repo, "status", "--porcelain").stdout == ""
    assert_saved_as_the_store_writes(article)


def test_git_keeps_an_annotation_edited_on_one_branch_and_deleted_on_the_other(
    repo: Path, article: Path
) -> None:
    on_branch(repo, "a", article, lambda s: s.remove("A1"))
    on_branch(repo, "b", article, lambda s: s.update(s.get("A1").edited(note="asked the ministry")))
    result = merged_in(repo, "b", "a")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deleted in ours, edited in theirs: kept" in result.stdout + result.stderr
    assert rows(read_sidecar(sidecar_path(article)))["A1"]["note"] == "asked the ministry"
    assert_saved_as_the_store_writes(article)


def test_git_applies_the_rule_to_an_annotation_edited_on_both_branches(
    repo: Path, article: Path
) -> None:
    def retag(tag: str, stamp: str, note: str = ""):
        def change(store: AnnotationStore) -> None:
            old = store.get("A2")
            store.update(replace(old, tag=tag, modified=stamp, note=note or old.note))

        return change

    on_branch(repo, "a", article, retag("claim", LATER))
    on_branch(repo, "b", article, retag("casualty figure", LATE, note="the negotiator"))
    result = merged_in(repo, "b", "a")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "edited in both; tag of the later edit kept" in result.stdout + result.stderr
    row = rows(read_sidecar(sidecar_path(article)))["A2"]
    assert (row["tag"], row["note"], row["modified"]) == ("claim", "the negotiator", LATER)
    assert_saved_as_the_store_writes(article)


def test_git_reports_a_conflict_where_no_rule_decides(repo: Path, article: Path) -> None:
    paragraphs = load_document(article).text.split("\n\n")

    def correct(paragraph_start: str, *added: str):
        def change(store: AnnotationStore) -> None:
            block = next(p for p in paragraphs if p.startswith(paragraph_start))
            document = apply_corrections(store.document, [{"drop": block}])
            store.replace_document(document, *store.reanchored_to(document))
            for phrase in added:
                store.add(fixed(document.text, phrase, "claim", phrase.split()[0]))

        return change

    on_branch(repo, "a", article, correct("Artillery"))
    on_branch(repo, "b", article, correct('"This was', "Four children"))
    result = merged_in(repo, "b", "a")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "CONFLICT" in output and "no rule decides" in output
    assert "Traceback" not in output
    assert git(repo, "status", "--porcelain").stdout.startswith("UU ")
    data = read_sidecar(sidecar_path(article))  # our text, every annotation of both
    assert sorted(rows(data)) == ["A1", "A2", "Four"]
    assert len(data["document"]["overrides"]) == 2
    # opened in readtui, the corrections of both make the text, and everything is placed on it
    store = AnnotationStore(load_document(article))
    assert "Artillery" not in store.document.text and '"This was' not in store.document.text
    assert {a.id for a in store.annotations() if not a.is_orphan} == {"A2", "Four"}


def test_the_driver_refuses_a_version_that_is_not_a_sidecar(run_cli, tmp_path: Path, base: dict):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(base), encoding="utf-8")
    broken = tmp_path / "ours.json"
    broken.write_text("<<<<<<< HEAD\n{", encoding="utf-8")
    result = run_cli("merge-driver", good, broken, good)
    assert result.returncode == 1
    assert result.stderr_lines == [
        f"readtui merge-driver: {broken}: not valid JSON (line 1, column 1: Expecting value); "
        "no rule merges it, resolve it by hand"
    ]
    assert broken.read_text(encoding="utf-8") == "<<<<<<< HEAD\n{"
