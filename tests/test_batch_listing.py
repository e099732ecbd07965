"""How the corpus commands list a corpus of several folders: `export` takes the documents in
the order of their sorted paths (a subfolder's between its parent's files), each once however
often it is named; names that clash get their folders in front, in `export` and in `clean -o`;
`clean` never writes over an article, also through a link to its folder."""

import json
from pathlib import Path

ARTICLE = (
    "Report from {place}\n\nShelling in {place} killed 14 people on Wednesday, officials said.\n"
)


def write_article(path: Path, annotate=None) -> Path:
    """An article about the place its file is named after, with a claim on the place when
    `annotate` (the fixture) is given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    place = path.name.split(".")[0].capitalize()
    path.write_text(ARTICLE.format(place=place), encoding="utf-8")
    if annotate is not None:
        annotate(path, [(f"Shelling in {place}", "claim")])
    return path


def exported_ids(path: Path) -> list[str]:
    return [json.loads(line)["meta"]["id"] for line in path.read_text("utf-8").splitlines()]


def test_export_takes_documents_in_the_order_of_their_sorted_paths(tmp_path, run_cli, annotate):
    for name in ("corpus/avon.txt", "corpus/cork.txt", "corpus/b/xanten.txt", "other/mons.md"):
        write_article(tmp_path / name, annotate)
    write_article(tmp_path / "corpus/b/york.txt")  # no sidecar
    # folders in any order, one article named again, a sidecar named by itself
    result = run_cli(
        "export",
        "other",
        "corpus/b",
        "corpus",
        "corpus/cork.txt",
        "corpus/avon.txt.annotations.json",
        "-f",
        "jsonl",
        "-o",
        "out.jsonl",
    )
    assert result.returncode == 1, result.stderr  # york has no annotations
    # corpus/b/xanten sorts between corpus/avon and corpus/cork, as Paths do
    assert exported_ids(tmp_path / "out.jsonl") == ["avon", "xanten", "cork", "mons.md"]
    sidecars = sorted(Path(tmp_path).rglob("*.annotations.json"))
    assert [path.parent.name for path in sidecars] == ["corpus", "b", "corpus", "other"]
    assert result.stdout.count("no annotations") == 1
    assert "york.txt: no annotations (left out)" in result.stdout


def test_names_that_clash_get_their_folders_in_export_and_clean(tmp_path, run_cli, annotate):
    for name in ("team/alice/kabul.txt", "team/bob/kabul.txt", "team/alice/herat.md"):
        write_article(tmp_path / name, annotate)

    exported = run_cli("export", "team/bob", "team/alice", "-f", "jsonl", "-o", "out.jsonl")
    assert exported.returncode == 0, exported.stderr
    assert exported_ids(tmp_path / "out.jsonl") == ["herat.md", "alice/kabul", "bob/kabul"]

    cleaned = run_cli("clean", "team/bob", "team/alice", "-o", "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout == f"3 articles cleaned into {Path('clean')}\n"
    written = sorted(
        str(path.relative_to(tmp_path / "clean")) for path in (tmp_path / "clean").rglob("*.txt")
    )
    assert written == ["alice/kabul.txt", "bob/kabul.txt", "herat.md.txt"]
    assert (tmp_path / "clean/bob/kabul.txt").read_text("utf-8").startswith("Report from Kabul")
    again = run_cli("clean", "team/bob", "team/alice", "-o", "clean")
    assert again.stdout.endswith("; 3 already up to date, kept (--force redoes them)\n")


def test_clean_does_not_write_over_an_article_through_a_link(tmp_path, run_cli):
    write_article(tmp_path / "corpus/avon.txt")
    (tmp_path / "link").symlink_to(tmp_path / "corpus", target_is_directory=True)
    result = run_cli("clean", "corpus", "-o", "link")
    assert result.returncode == 1
    assert result.stderr == (
        "readtui: link/avon.txt: would overwrite the article itself; write into another -o\n"
    )
    assert (tmp_path / "corpus/avon.txt").read_text("utf-8").startswith("Report from Avon")


def test_a_path_list_gives_each_folder_s_prefix_and_name_in_order() -> None:
    from readtui.corpus import PathList

    paths = PathList()
    for prefix, name in [("a/", "x"), ("a/", "y"), ("a/b/", "z"), ("a/", "zz")]:
        paths.append(prefix, name)
    assert list(paths) == ["a/x", "a/y", "a/b/z", "a/zz"]
    assert paths[1:3] == ["a/y", "a/b/z"]
    assert (len(paths), paths[-1]) == (4, "a/zz")
