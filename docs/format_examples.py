"""Regenerate the examples in docs/formats.md: `python docs/format_examples.py` (`--check` only
compares, for the tests).

Every example is produced by `readtui export` from one small annotated article, and every loading
snippet in the page is run against that output: the printed lines under each snippet are what it
printed. A snippet that no longer runs, or an example that changed, fails the docs test.
"""

import contextlib
import io
import os
import re
import sys
import tempfile
from pathlib import Path

from readtui.annotations import Annotation, Quote
from readtui.document import sha256_text
from readtui.export import ExportOptions, export_corpus
from readtui.store import render_sidecar

PAGE = Path(__file__).resolve().parent / "formats.md"
TEXT = (
    "Convoy ambushed near Tarin Kot 🚨\n\n"
    "Gunmen attacked an aid convoy on Tuesday, killing at least 12 people, police said.\n\n"
    "“We will not stop our work,” the agency’s director said."
)
SPANS = [  # (text, tag, note, attrs)
    ("Gunmen attacked an aid convoy on Tuesday", "claim", "", {}),
    (
        "killing at least 12 people",
        "casualty figure",
        "police figure",
        {"count_min": 12, "kind": "killed"},
    ),
    ("We will not stop our work", "quote", "", {}),
]
STAMP = "2026-11-28T10:00:00Z"
# ```LANG <!-- run: FORMAT --> ... ``` then an output block; ```LANG <!-- file: FORMAT[:NAME] -->
_RUN = re.compile(r"```python <!-- run: (\w+) -->\n(.*?)```\n\nIt prints:\n\n```\n.*?```", re.S)
_FILE = re.compile(r"```(\w*) <!-- file: ([\w/.:-]+) -->\n.*?```", re.S)
OUTPUTS = {  # format -> the OUT given to readtui export
    "jsonl": "corpus.jsonl", "spacy": "corpus.spacy", "conll": "corpus.conll",
    "hf": "corpus.hf.jsonl", "brat": "brat", "doccano": "doccano.jsonl",
    "labelstudio": "labelstudio.json", "webanno": "webanno.jsonld",
}  # fmt: skip


def make_corpus(folder: Path) -> Path:
    (folder / "ambush.txt").write_text(TEXT, encoding="utf-8")
    header = {
        "source": "ambush.txt", "source_sha256": sha256_text(TEXT), "cleaner": "readtui.clean/1",
        "title": "Convoy ambushed near Tarin Kot", "text_sha256": sha256_text(TEXT), "text": TEXT,
    }  # fmt: skip
    rows = []
    for number, (phrase, tag, note, attrs) in enumerate(SPANS, start=1):
        start = TEXT.index(phrase)
        end = start + len(phrase)
        rows.append(
            Annotation(
                id=f"01JDEXAMPLE0000000000000{number:02d}", start=start, end=end, tag=tag,
                quote=Quote.of(TEXT, start, end), note=note, attrs=attrs, annotator="alice",
                created=STAMP, modified=STAMP,
            ).to_json()
        )  # fmt: skip
    sidecar = folder / "ambush.txt.annotations.json"
    sidecar.write_text(render_sidecar(header, rows, [], {}), encoding="utf-8")
    return sidecar


def render(page: str) -> str:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "news").mkdir()
        sidecar = make_corpus(work / "news")
        tags = ("claim", "quote", "casualty figure")
        for name, out in OUTPUTS.items():
            export_corpus([sidecar], name, work / out, ExportOptions(), tags, workers=1)
        page = _FILE.sub(lambda m: _file_block(work, m), page)
        return _RUN.sub(lambda m: _run_block(work, m), page)


def _file_block(work: Path, match: re.Match) -> str:
    language, name = match.group(1), match.group(2)
    fmt, _, inner = name.partition(":")
    out = work / OUTPUTS[fmt]
    if not inner:
        path = out
    elif out.is_dir():
        path = out / inner
    else:  # a file written beside OUT: OUT_STEM.NAME
        path = out.with_name(f"{out.stem}.{inner}")
    return f"```{language} <!-- file: {name} -->\n{path.read_text(encoding='utf-8')}```"


def _run_block(work: Path, match: re.Match) -> str:
    code = match.group(2)
    printed = io.StringIO()
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"<docs/formats.md: {match.group(1)}>", "exec"), {})
    finally:
        os.chdir(cwd)
    head = f"```python <!-- run: {match.group(1)} -->\n{code}```"
    return f"{head}\n\nIt prints:\n\n```\n{printed.getvalue()}```"


def main() -> int:
    page = PAGE.read_text(encoding="utf-8")
    fresh = render(page)
    if "--check" in sys.argv:
        if fresh != page:
            print("docs/formats.md is out of date: run python docs/format_examples.py")
            return 1
        return 0
    PAGE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
