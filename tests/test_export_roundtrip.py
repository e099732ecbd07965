"""Export, import, export again: the formats that readtui reads back give the same bytes, and
the imported sidecars hold the annotations that were exported (the CLI, run as a process)."""

import json
from pathlib import Path

import pytest

from readtui.store import SIDECAR_SUFFIX

KABUL_TXT = (
    "Kabul blast 😢 kills 3\n\n"
    "په کابل کې چاودنه: ۳ تنه ووژل شول 👍🏽 said the official.\n\n"
    "喀布尔爆炸造成三人死亡。\n\n"
    "در کابل انفجار رخ داد و ۵ نفر زخمی شدند.\n"
)
GENEVA_TXT = "Talks resume in Geneva\n\nNegotiators met again on Monday, officials said.\n"

# (phrase, tag, note, attrs) per article and annotator
NEWLINE_SPAN = "among the dead.\n\nA paramedic"
MARKS = {
    ("dalvar.md", "alice"): [
        (
            "Artillery shells struck a crowded market",
            "claim",
            "first line\nsecond\tline \\ end",
            {},
        ),
        ("a crowded market in Dalvar", "quote", "", {}),
        (
            "killing at least 14 people",
            "casualty figure",
            "at least",
            {"count_min": 14, "kind": "killed", "group": "people at the market"},
        ),
        ("wounding more than 40", "casualty figure", "", {"count_min": 40, "group": "40"}),
        (NEWLINE_SPAN, "claim", "", {}),
    ],
    ("dalvar.md", "bob"): [
        ("Artillery shells struck a crowded market", "claim", "bob agrees", {}),
        ("Colonel Ruben Asker", "quote", "", {}),
    ],
    ("kabul.txt", "alice"): [
        ("blast 😢 kills 3", "claim", "", {}),
        ("په کابل کې چاودنه", "quote", "", {}),
        ("۳ تنه ووژل شول", "casualty figure", "", {"count": 3, "group": "ملکي وګړي"}),
        ("👍🏽 said the official", "quote", "", {}),
        ("喀布尔爆炸造成三人死亡", "claim", "中文 😢", {}),
        ("۵ نفر زخمی", "casualty figure", "", {"count": 5, "kind": "injured"}),
    ],
    ("kabul.txt", "bob"): [("Kabul blast", "claim", "", {})],
    ("geneva.txt", "alice"): [("Negotiators met again", "claim", "", {})],
}

# What each format carries back beside offsets and labels.
KEPT = {
    "jsonl": ("note", "attrs", "annotator"),
    "brat": ("note", "attrs"),
    "doccano": (),
    "labelstudio": ("note", "attrs", "annotator"),
}
SUFFIX = {"jsonl": ".jsonl", "brat": "", "doccano": ".jsonl", "labelstudio": ".json"}


@pytest.fixture
def corpus(article: Path, annotate) -> Path:
    """Three articles, two annotators, overlaps, notes, attributes, a span over a paragraph
    break, emoji, Chinese, Pashto and Dari."""
    folder = article.parent
    (folder / "kabul.txt").write_text(KABUL_TXT, encoding="utf-8")
    (folder / "geneva.txt").write_text(GENEVA_TXT, encoding="utf-8")
    for (name, annotator), marks in MARKS.items():
        store = annotate(folder / name, [(m[0], m[1]) for m in marks], annotator=annotator)
        text = store.document.text
        for phrase, tag, note, attrs in marks:
            start = text.index(phrase)
            (mine,) = [
                a
                for a in store.annotations()
                if (a.start, a.end, a.tag, a.annotator)
                == (start, start + len(phrase), tag, annotator)
            ]
            if note or attrs:
                store.update(mine.edited(note=note, attrs=attrs))
        assert store.save_error is None
    return folder


def spans_of(folder: Path, fields: tuple[str, ...]) -> dict[str, list[tuple]]:
    """Each document's text -> its annotations as sorted tuples of offsets, tag and `fields`."""
    documents = {}
    for sidecar in sorted(folder.rglob(f"*{SIDECAR_SUFFIX}")):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        documents[data["document"]["text"]] = sorted(
            (
                row["start"],
                row["end"],
                row["tag"],
                *(json.dumps(row[f], sort_keys=True) for f in fields),
            )
            for row in data["annotations"]
        )
    return documents


def output_files(out: Path) -> dict[str, bytes]:
    """What an export to `out` wrote: the folder's files, or the file and those beside it."""
    if out.is_dir():
        return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return {
        p.name.removeprefix(out.stem): p.read_bytes()
        for p in out.parent.iterdir()
        if p.is_file() and (p == out or p.name.startswith(out.stem + "."))
    }


def succeeds(result) -> None:
    assert result.returncode == 0, (result.stdout, result.stderr)


@pytest.mark.parametrize("format_name", list(KEPT))
def test_export_import_export_gives_the_same_bytes(
    format_name: str, corpus: Path, run_cli, tmp_path: Path
) -> None:
    first = tmp_path / f"first{SUFFIX[format_name]}"
    succeeds(run_cli("export", corpus, "-f", format_name, "-o", first))
    imported = tmp_path / "imported"
    succeeds(run_cli("import", first, "-f", format_name, "-o", imported))
    second = tmp_path / f"second{SUFFIX[format_name]}"
    succeeds(run_cli("export", imported, "-f", format_name, "-o", second))

    written = output_files(first)
    assert written and written == output_files(second)
    assert "په کابل کې چاودنه".encode() in b"".join(written.values())


@pytest.mark.parametrize("format_name", list(KEPT))
def test_import_restores_the_exported_annotations(
    format_name: str, corpus: Path, run_cli, tmp_path: Path
) -> None:
    out = tmp_path / f"export{SUFFIX[format_name]}"
    succeeds(run_cli("export", corpus, "-f", format_name, "-o", out))
    imported = tmp_path / "imported"
    succeeds(run_cli("import", out, "-f", format_name, "-o", imported))

    fields = KEPT[format_name]
    originals = spans_of(corpus, fields)
    assert len(originals) == 3 and sum(map(len, originals.values())) == 15
    assert spans_of(imported, fields) == originals


def test_labelstudio_offsets_count_utf16_code_units(corpus: Path, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    succeeds(run_cli("export", corpus, "-f", "labelstudio", "-o", out))
    originals = spans_of(corpus, ("annotator",))

    def units(text: str, offset: int) -> int:
        return len(text[:offset].encode("utf-16-le")) // 2

    shifted = 0
    for task in json.loads(out.read_text(encoding="utf-8")):
        text = task["data"]["text"]
        utf16 = text.encode("utf-16-le")
        results = [
            (result["value"], group["readtui"]["annotator"])
            for group in task["annotations"]
            for result in group["result"]
        ]
        for value, _ in results:  # a JavaScript slice of the text gives the region's text
            assert utf16[2 * value["start"] : 2 * value["end"]].decode("utf-16-le") == value["text"]
        expected = [
            (units(text, start), units(text, end), tag, annotator)
            for start, end, tag, annotator in originals[text]
        ]
        got = [(v["start"], v["end"], v["labels"][0], json.dumps(a)) for v, a in results]
        assert sorted(got) == sorted(expected)
        shifted += sum(units(text, start) != start for start, *_ in originals[text])
    assert shifted >= 3  # the Pashto, Chinese and Dari spans come after an emoji


# Import faults: one line naming the file and line (or task), exit status 1, nothing written ----

GOOD_ANN = "T1\tclaim 0 5\tKabul\n"


def brat_folder(folder: Path, second_ann: str) -> Path:
    folder.mkdir()
    for name, ann in (("a", GOOD_ANN), ("b", second_ann)):
        (folder / f"{name}.txt").write_text("Kabul blast kills 3\n", encoding="utf-8")
        (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
    return folder


def jsonl_file(path: Path, second_line: str) -> Path:
    first = {"id": "a", "text": "Kabul blast", "label": [[0, 5, "claim"]]}
    path.write_text(json.dumps(first) + "\n" + second_line + "\n", encoding="utf-8")
    return path


def tasks_file(path: Path, second_value: dict | None) -> Path:
    def task(name: str, value: dict) -> dict:
        result = {"from_name": "label", "to_name": "text", "type": "labels", "value": value}
        return {
            "data": {"text": "Kabul 😢 blast", "name": name},
            "annotations": [{"result": [result]}],
        }

    good = {"start": 9, "end": 14, "text": "blast", "labels": ["claim"]}
    if second_value is None:  # not JSON
        path.write_text("[\n" + json.dumps(task("a", good)) + ",\n{oops\n]\n", encoding="utf-8")
    else:
        path.write_text(json.dumps([task("a", good), task("b", second_value)]), encoding="utf-8")
    return path


FAULTS = {
    "brat bad line": (
        "brat",
        lambda tmp: brat_folder(tmp / "in", GOOD_ANN + "T2 claim 6 11 blast\n"),
        ("b.ann:2", "not a brat annotation line"),
    ),
    "brat offsets outside": (
        "brat",
        lambda tmp: brat_folder(tmp / "in", "T1\tclaim 6 90\tblast\n"),
        ("b.ann:1", "outside b.txt"),
    ),
    "brat text differs": (
        "brat",
        lambda tmp: brat_folder(tmp / "in", GOOD_ANN + "T2\tclaim 6 11\tblest\n"),
        ("b.ann:2", "'blest'", "does not match b.txt", "'blast'"),
    ),
    "doccano bad line": (
        "doccano",
        lambda tmp: jsonl_file(tmp / "in.jsonl", '{"text": "Kabul blast", "label": [[0, 5'),
        ("in.jsonl:2", "not valid JSON"),
    ),
    "doccano offsets outside": (
        "doccano",
        lambda tmp: jsonl_file(tmp / "in.jsonl", '{"text": "Kabul", "label": [[0, 9, "claim"]]}'),
        ("in.jsonl:2", "outside the text"),
    ),
    "labelstudio bad JSON": (
        "labelstudio",
        lambda tmp: tasks_file(tmp / "in.json", None),
        ("in.json:3", "not valid JSON"),
    ),
    "labelstudio offsets outside": (
        "labelstudio",
        lambda tmp: tasks_file(tmp / "in.json", {"start": 9, "end": 40, "labels": ["claim"]}),
        ("in.json: task 2 (b)", "outside the text"),
    ),
    "labelstudio text differs": (
        "labelstudio",
        # code points 8-13 would be "blast": UTF-16 8-13 is " blas" (the emoji counts 2)
        lambda tmp: tasks_file(
            tmp / "in.json", {"start": 8, "end": 13, "text": "blast", "labels": ["claim"]}
        ),
        ("in.json: task 2 (b)", "'blast' does not match"),
    ),
}


@pytest.mark.parametrize("case", list(FAULTS))
def test_import_fault_is_one_line_and_writes_nothing(case: str, run_cli, tmp_path: Path) -> None:
    format_name, make_input, words = FAULTS[case]
    source = make_input(tmp_path)
    out = tmp_path / "imported"
    result = run_cli("import", source, "-f", format_name, "-o", out)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr_lines) == 1, result.stderr
    for word in words:
        assert word in result.stderr_lines[0]
    assert not out.exists()
