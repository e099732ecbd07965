"""The `readtui` command, run as a real process on real files."""

import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from readtui.annotations import Annotation
from readtui.document import load_document
from readtui.store import AnnotationStore, sidecar_path

SPANS = [
    ("killing at least 14 people", "casualty figure"),
    ("Colonel Ruben Asker", "claim"),
]


def assert_one_error_line(result, *words: str, status: int = 1) -> str:
    assert result.returncode == status, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr_lines) == 1, result.stderr
    line = result.stderr_lines[0]
    for word in words:
        assert word in line
    return line


def edit_sidecar(article: Path, change) -> Path:
    path = sidecar_path(article)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# clean -----------------------------------------------------------------------------------------


def test_clean_prints_the_cleaned_text(run_cli, article: Path) -> None:
    result = run_cli("clean", article)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == load_document(article).text + "\n"
    assert result.stdout.startswith("Shelling kills 14 in border town\n\nArtillery shells")


def test_clean_json(run_cli, article: Path) -> None:
    result = run_cli("clean", article, "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    for key in ("title", "byline", "date", "url", "text", "removed"):
        assert key in data
    assert data["title"] == "Shelling kills 14 in border town"
    assert data["text"] == load_document(article).text
    assert isinstance(data["removed"], list)
    kinds = [block["kind"] for block in data["blocks"]]
    assert kinds == ["title", "paragraph", "paragraph", "list_item", "list_item", "quote"]
    for block in data["blocks"]:
        assert data["text"][block["start"] : block["end"]].strip()
    assert data["text"][data["blocks"][5]["start"] : data["blocks"][5]["end"]] == (
        "The talks will go on, a negotiator said."
    )


def test_clean_scraped_text(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(
        "Floods cut off valley villages\n\n"
        "Rising water cut off at least nine villages on Monday, emergency officials said, "
        "and rescuers used boats to reach families stranded on rooftops overnight.\n\n"
        "The regional governor said three people had died and twelve were missing, and that "
        "the army had been asked to help with the evacuation of the lower valley.\n",
        encoding="utf-8",
    )
    result = run_cli("clean", path)
    assert result.returncode == 0, result.stderr
    assert "at least nine villages" in result.stdout
    assert "three people had died" in result.stdout


def test_clean_warns_on_stderr_when_it_guesses_the_encoding(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "legacy.md"
    path.write_bytes("Le témoin “naïf” a dit: 14 morts.".encode("cp1252"))
    result = run_cli("clean", path)
    assert result.returncode == 0
    assert result.stdout == "Le témoin “naïf” a dit: 14 morts.\n"
    line = assert_one_error_line(result, "legacy.md", "cp1252", status=0)
    assert line.startswith("readtui: warning: ")


# validate --------------------------------------------------------------------------------------


def test_validate_clean_sidecar(run_cli, article: Path, annotate) -> None:
    annotate(article, SPANS)
    result = run_cli("validate", "news")
    assert result.returncode == 0, result.stdout
    assert result.stdout_lines == ["1 sidecar, 2 annotations: no faults"]
    assert result.stderr == ""


def test_validate_accepts_a_sidecar_path_and_an_article_path(
    run_cli, article: Path, annotate
) -> None:
    annotate(article, SPANS)
    for target in (sidecar_path(article), article):
        result = run_cli("validate", target)
        assert result.returncode == 0
        assert result.stdout_lines == ["1 sidecar, 2 annotations: no faults"]


def test_validate_article_without_sidecar_has_nothing_to_check(run_cli, article: Path) -> None:
    result = run_cli("validate", article)
    assert result.returncode == 0
    assert result.stdout_lines == ["0 sidecars, 0 annotations: no faults"]


def _first(data: dict) -> dict:
    return data["annotations"][0]


def _duplicate(data: dict) -> None:
    data["annotations"][1]["id"] = data["annotations"][0]["id"]


def _source_changed(article: Path) -> None:
    article.write_text(
        article.read_text(encoding="utf-8").replace("on Wednesday", "on Tuesday"),
        encoding="utf-8",
    )


def _source_bytes_changed(article: Path) -> None:
    article.write_text(article.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")


SIDECAR_FAULTS = {
    "bad json": (lambda data: None, "not valid JSON"),
    "unknown schema": (lambda data: data.update(schema="other/1"), "unknown schema 'other/1'"),
    "offsets outside the text": (
        lambda data: _first(data).update(end=5000),
        "-5000 outside the text (length 448)",
    ),
    "quote does not match": (
        lambda data: _first(data)["quote"].update(exact="killing at most 14 people"),
        "does not match the text",
    ),
    "text hash": (
        lambda data: data["document"].update(text_sha256="0" * 64),
        "text_sha256 does not match its text",
    ),
    "orphan": (
        lambda data: _first(data).update(status="orphan", start=0, end=0),
        "(orphan): needs review",
    ),
    "fuzzy": (lambda data: _first(data).update(status="fuzzy"), "(fuzzy): needs review"),
    "duplicate ids": (_duplicate, "is used 2 times"),
    "unknown tag": (lambda data: _first(data).update(tag="rumour"), "has an unknown tag"),
    "bad attribute": (
        lambda data: _first(data).update(attrs={"count": "many"}),
        "attribute count is not a whole number",
    ),
    "field type": (lambda data: _first(data).update(start="12"), "'start' is not a number"),
}


@pytest.mark.parametrize("case", SIDECAR_FAULTS, ids=list(SIDECAR_FAULTS))
def test_validate_reports_each_sidecar_fault(run_cli, article: Path, annotate, case: str) -> None:
    change, fault = SIDECAR_FAULTS[case]
    annotate(article, SPANS)
    if case == "bad json":
        path = sidecar_path(article)
        path.write_text(path.read_text(encoding="utf-8")[:-3], encoding="utf-8")
    else:
        path = edit_sidecar(article, change)

    result = run_cli("validate", "news")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    shown = str(Path("news") / path.name)
    lines = [line for line in result.stdout_lines if line.startswith(f"{shown}: ")]
    assert any(fault in line for line in lines), result.stdout
    assert result.stdout_lines[-1].endswith("fault" if len(lines) == 1 else "faults")
    assert len(lines) == int(result.stdout_lines[-1].rsplit(": ", 1)[1].split()[0])


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        (_source_changed, "source changed since it was annotated: validate --reanchor"),
        (_source_bytes_changed, "source_sha256 does not match the source file"),
        (lambda article: article.unlink(), "its source dalvar.md is missing"),
    ],
    ids=["text changed", "bytes changed", "source missing"],
)
def test_validate_reports_source_faults(run_cli, article: Path, annotate, change, fault) -> None:
    annotate(article, SPANS)
    change(article)
    result = run_cli("validate", "news")
    assert result.returncode == 1
    expected = f"{Path('news') / sidecar_path(article).name}: {fault}"
    assert any(line.startswith(expected) for line in result.stdout_lines), result.stdout
    assert result.stdout_lines[-1] == "1 sidecar, 2 annotations: 1 fault"


def test_validate_json(run_cli, article: Path, annotate, tmp_path: Path) -> None:
    annotate(article, SPANS)
    edit_sidecar(article, lambda data: _first(data).update(tag="rumour", status="fuzzy"))
    other = tmp_path / "news" / "second.md"
    other.write_text("# Second\n\nNothing to see here.\n", encoding="utf-8")
    annotate(other, [("Nothing", "claim")])

    result = run_cli("validate", "news", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["faults"] == 2
    by_path = {Path(entry["path"]).name: entry for entry in data["files"]}
    assert set(by_path) == {"dalvar.md.annotations.json", "second.md.annotations.json"}
    assert by_path["second.md.annotations.json"]["faults"] == []
    assert by_path["second.md.annotations.json"]["annotations"] == 1
    faults = by_path["dalvar.md.annotations.json"]["faults"]
    assert by_path["dalvar.md.annotations.json"]["annotations"] == 2
    assert len(faults) == 2
    assert any("needs review" in fault for fault in faults)
    assert any("unknown tag" in fault for fault in faults)


def test_validate_uses_the_folder_tag_config(run_cli, article: Path, annotate) -> None:
    annotate(article, [("Colonel Ruben Asker", "source")])
    result = run_cli("validate", "news")
    assert result.returncode == 1 and "unknown tag" in result.stdout
    (article.parent / "readtui.toml").write_text(
        '[[tags]]\nname = "source"\nkey = 1\n', encoding="utf-8"
    )
    result = run_cli("validate", "news")
    assert result.returncode == 0, result.stdout


# stats -----------------------------------------------------------------------------------------

UNTRUSTED_TITLE = "[bold]x[/bold] [Reuters]"


def _two_documents(tmp_path: Path, article: Path, annotate) -> None:
    annotate(article, SPANS, annotator="alice")
    other = tmp_path / "news" / "markup.md"
    other.write_text(f"# {UNTRUSTED_TITLE}\n\nA claim, and a second claim.\n", encoding="utf-8")
    annotate(other, [("A claim", "claim"), ("a second claim", "claim")], annotator="bob")
    unannotated = tmp_path / "news" / "later.md"
    unannotated.write_text("# Later\n\nNot read yet.\n", encoding="utf-8")


def test_stats_tables(run_cli, tmp_path: Path, article: Path, annotate) -> None:
    _two_documents(tmp_path, article, annotate)
    result = run_cli("stats", "news")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert UNTRUSTED_TITLE in out  # shown literally: not read as markup
    assert "Shelling kills 14 in border town" in out

    def row(section: str, label: str) -> list[str]:
        """The cells of the row whose first cell is `label` in the table under `section`."""
        table = out.split(f"{section}\n", 1)[1].split("\n\n", 1)[0]
        rows = [line.split("│") for line in table.splitlines() if "│" in line]
        [cells] = [cells for cells in rows if cells[0].strip() == label]
        return [cell.strip() for cell in cells]

    per_annotator = "Annotations per annotator and tag"  # claim, quote, casualty, total, bar
    assert row(per_annotator, "alice")[1:5] == ["1", "0", "1", "2"]
    assert row(per_annotator, "bob")[1:5] == ["2", "0", "0", "2"]
    assert row("Annotations per tag", "casualty figure")[1] == "1"
    per_document = "Annotations per document"  # claim, quote, casualty, total
    assert row(per_document, UNTRUSTED_TITLE)[-4:] == ["2", "0", "0", "2"]
    assert row(per_document, "Shelling kills 14 in border town")[-4:] == ["1", "0", "1", "2"]
    # done, in progress, not started: each annotated one of the three articles
    assert row("Progress per annotator, of 3 articles", "alice")[1:4] == ["0", "1", "2"]
    assert "2 annotated documents of 3 articles, 4 annotations" in out
    assert "\x1b" not in out


def test_stats_json(run_cli, tmp_path: Path, article: Path, annotate) -> None:
    _two_documents(tmp_path, article, annotate)
    result = run_cli("stats", "news", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["by_tag"] == {"claim": 3, "quote": 0, "casualty figure": 1}
    assert data["by_annotator"] == {"alice": 2, "bob": 2}
    assert data["total"] == 4
    documents = {Path(d["path"]).name: d for d in data["documents"]}
    assert set(documents) == {"dalvar.md", "markup.md"}
    assert documents["markup.md"]["title"] == UNTRUSTED_TITLE
    assert documents["markup.md"]["by_tag"] == {"claim": 2}
    assert documents["dalvar.md"]["by_tag"] == {"casualty figure": 1, "claim": 1}
    assert documents["dalvar.md"]["total"] == 2


def test_stats_never_sends_escape_sequences_from_a_sidecar(
    run_cli, article: Path, annotate
) -> None:
    annotate(article, SPANS)
    edit_sidecar(article, lambda data: data["document"].update(title="\x1b]0;pwned\x07Evil\x1b[2J"))
    result = run_cli("stats", "news")
    assert result.returncode == 0
    assert "Evil" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


# Expected faults: one line on stderr, no traceback ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "missing.txt"],
        ["validate", "missing.txt"],
        ["stats", "missing"],
        ["./missing-folder"],  # a path, not a command word
        ["missing.md"],
        ["--", "stats"],  # a path named like a command
    ],
)
def test_missing_path(run_cli, args: list[str]) -> None:
    result = run_cli(*args)
    assert_one_error_line(result, "no such file")
    assert result.stdout == ""


def test_opening_one_path_takes_the_options_defaults_without_argparse() -> None:
    # `readtui PATH` skips the parser: what it assumes must be what the parser gives
    from readtui.cli import OPEN_DEFAULTS, open_parser

    parsed = vars(open_parser().parse_intermixed_args(["article.txt"]))
    assert parsed == {"paths": ["article.txt"], **OPEN_DEFAULTS}


@pytest.mark.parametrize("command", [["stats"], ["validate"], []])
def test_folder_without_articles(run_cli, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    result = run_cli(*command, "empty")
    assert_one_error_line(result, "empty", "no articles")


def test_stats_on_a_bad_sidecar(run_cli, article: Path, annotate) -> None:
    annotate(article, SPANS)
    sidecar_path(article).write_text("{not json", encoding="utf-8")
    result = run_cli("stats", "news")
    assert_one_error_line(result, "dalvar.md.annotations.json", "not valid JSON")


def test_bad_config(run_cli, article: Path, annotate) -> None:
    annotate(article, SPANS)
    (article.parent / "readtui.toml").write_text("tags = [", encoding="utf-8")
    assert_one_error_line(run_cli("validate", "news"), "readtui.toml", "cannot read")
    assert_one_error_line(run_cli("news"), "readtui.toml")


def test_clean_on_a_folder_or_other_file(run_cli, tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF")
    assert_one_error_line(run_cli("clean", "report.pdf"), "report.pdf", "not an article")
    assert_one_error_line(run_cli("clean", "."), "is a folder")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--bogus"], ["unrecognized arguments: --bogus"]),
        (["clean"], ["required: FILE"]),
        (["stats"], ["required: PATH"]),
        (["validate", "--frobnicate", "x"], ["unrecognized arguments"]),
        (["--width", "ten", "."], ["--width", "not a whole number"]),
        (["--width", "5", "."], ["at least 20"]),
    ],
)
def test_bad_usage_exits_2_with_one_line(run_cli, args: list[str], words: list[str]) -> None:
    line = assert_one_error_line(run_cli(*args), *words, status=2)
    assert line.startswith("readtui")


BUILT = ("clean", "validate", "stats", "export", "import", "suggest", "agree", "merge-driver")


def test_help_lists_the_commands(run_cli) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for option in ("--width", "--annotator"):
        assert option in result.stdout
    listed = [line.split()[1] for line in result.stdout_lines if line.startswith("  readtui ")]
    assert [word for word in listed if word != "COMMAND"] == list(BUILT)
    assert "Not built yet" not in result.stdout
    for command in BUILT:
        own = run_cli(command, "--help")
        assert own.returncode == 0 and own.stdout.startswith(f"usage: readtui {command} ")


def test_an_unknown_command_word_is_bad_usage(run_cli, tmp_path: Path) -> None:
    line = assert_one_error_line(
        run_cli("frobnicate", "x"), "unknown command 'frobnicate'", status=2
    )
    for command in BUILT:
        assert command in line
    assert "./frobnicate" in line
    # a word that names something here is a path, whatever it looks like
    (tmp_path / "frobnicate").write_text("not an article", encoding="utf-8")
    assert_one_error_line(run_cli("frobnicate"), "frobnicate", "not an article")


# Opening the app -------------------------------------------------------------------------------


def run_in_terminal(args: list[str], cwd: Path, keys: bytes, expect: bytes) -> tuple[int, bytes]:
    """Run `python -m readtui ARGS` in a real pseudo-terminal, wait for `expect` on screen,
    type `keys`, and return the exit status and everything the app drew."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, with a 100x30 terminal
        os.chdir(cwd)
        os.execvpe(sys.executable, [sys.executable, "-m", "readtui", *args], os.environ)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    shown, deadline, sent = b"", time.monotonic() + 60, False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                shown += os.read(fd, 65536)
            except OSError:  # the app closed the terminal: it is exiting
                _, status = os.waitpid(pid, 0)
                os.close(fd)
                return os.waitstatus_to_exitcode(status), shown
        if not sent and expect in shown:
            time.sleep(0.5)
            os.write(fd, keys)
            sent = True
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            os.close(fd)
            return os.waitstatus_to_exitcode(status), shown
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    raise AssertionError(f"the app did not finish; it showed: {shown[-2000:]!r}")


def test_open_a_folder_shows_the_library_and_quits(tmp_path: Path, article: Path) -> None:
    status, shown = run_in_terminal(
        # ctrl+q once the worker has put the article's title in its row
        ["news", "--width", "72", "--annotator", "carol"],
        tmp_path,
        b"\x11",
        b"Shelling",
    )
    assert status == 0


def test_open_one_file_shows_the_reader_and_q_saves(tmp_path: Path, article: Path) -> None:
    status, shown = run_in_terminal(
        ["news/dalvar.md", "--annotator", "carol"], tmp_path, b"}s1q", b"dalvar.md"
    )
    assert status == 0
    saved = json.loads(sidecar_path(article).read_text(encoding="utf-8"))
    [annotation] = saved["annotations"]
    assert annotation["tag"] == "claim" and annotation["annotator"] == "carol"


def test_open_reports_a_bad_path_before_loading_the_app(run_cli, article: Path) -> None:
    (article.parent / "notes.pdf").write_bytes(b"%PDF")
    assert_one_error_line(run_cli("news/notes.pdf"), "notes.pdf", "not an article")


def test_in_process_main_returns_status(tmp_path: Path, article: Path, annotate, capsys) -> None:
    from readtui.cli import main

    annotate(article, SPANS)
    assert main(["validate", str(article)]) == 0
    assert "no faults" in capsys.readouterr().out
    AnnotationStore(load_document(article)).add(
        Annotation.create(load_document(article).text, 0, 8, "nonsense")
    )
    assert main(["validate", str(article)]) == 1
    assert main(["clean", str(tmp_path / "nope.md")]) == 1
    assert "nope.md: no such file" in capsys.readouterr().err
