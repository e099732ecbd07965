"""Loading documents: encodings, line ends, terminal safety, Markdown blocks, clear errors."""

import codecs
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readtui.document import (
    DocumentError,
    decode,
    document_from_text,
    find_articles,
    load_document,
    load_preview,
)

BODY = "# Café report\n\nThe naïve “witness” said: 14 killed — ‘maybe more’.\n"
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# Encodings -------------------------------------------------------------------------------------


def test_utf8(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "a.md", BODY))
    assert document.title == "Café report"
    assert document.text == "Café report\n\nThe naïve “witness” said: 14 killed — ‘maybe more’."
    assert document.encoding == "utf-8"
    assert document.warnings == []


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_byte_order_marks(tmp_path: Path, bom: bytes, codec: str) -> None:
    expected = load_document(write(tmp_path, "plain.md", BODY))
    document = load_document(write(tmp_path, "bom.md", bom + BODY.encode(codec)))
    assert document.text == expected.text
    assert document.title == "Café report"  # the BOM is not part of the title
    assert "\ufeff" not in document.text
    assert document.warnings == []


@pytest.mark.parametrize(
    ("codec", "sample"),
    [
        ("cp1252", "Le témoin “naïf” a dit: 14 morts — peut-être plus."),
        ("latin-1", "Le café est fermé, a dit le maire."),
    ],
)
def test_legacy_encodings_decode_with_a_warning(tmp_path: Path, codec: str, sample: str) -> None:
    path = write(tmp_path, "legacy.md", sample.encode(codec))
    document = load_document(path)
    assert document.text == sample
    assert len(document.warnings) == 1
    assert "legacy.md" in document.warnings[0] and "not valid UTF-8" in document.warnings[0]


def test_binary_data_is_refused_as_not_text(tmp_path: Path) -> None:
    # an executable renamed .txt, and every byte value: a clear fault, not cp1252 garbage
    for name, data in (("program.txt", Path(sys.executable).read_bytes()[:20000]),
                       ("bytes.txt", bytes(range(256)) * 3)):  # fmt: skip
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(DocumentError, match=f"{name}: not text \\(binary data\\)"):
            load_document(path)


def test_utf8_with_one_bad_byte_stays_utf8_and_says_so() -> None:
    data = ("The minister’s “plan” was late — again. " * 10).encode() + b"\xff and the end."
    text, encoding, warning = decode(data)
    assert encoding == "utf-8" and "minister’s “plan”" in text and "\ufffd and the end." in text
    assert warning == "1 byte not valid UTF-8, shown as �"


def test_utf16_without_a_bom_and_words_around_a_nul(tmp_path: Path) -> None:
    assert decode("Shelling kills 14".encode("utf-16-le"))[0] == "Shelling kills 14"
    assert decode("Shelling kills 14".encode("utf-16-be"))[0] == "Shelling kills 14"
    path = write(tmp_path, "nul.txt", "Title\n\nHello\0World and more.\n")
    assert load_document(path).text.endswith("Hello World and more.")


def test_a_fifo_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="pipe.txt: not a regular file"):
        load_document(fifo)


# Line ends and terminal safety -----------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_ends_become_newlines(tmp_path: Path, newline: str) -> None:
    source = "# Title\n\nOne line\nand the next.\n\n```\ncode a\ncode b\n```\n"
    document = load_document(write(tmp_path, "a.md", source.replace("\n", newline)))
    assert "\r" not in document.text
    assert document.text == "Title\n\nOne line and the next.\n\ncode a\ncode b"


def test_terminal_controls_are_removed(tmp_path: Path) -> None:
    source = (
        "# Title\x1b[2J\n\n"
        "Hello\x07 world \x1b[31mred\x1b[0m \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 "
        "\x9b2Jcsi \x85nel \u202eevil\u202c \u2067iso\u2069 del\x7f \x1bPdcs\x1b\\end.\n"
    )
    document = load_document(write(tmp_path, "a.md", source))
    assert document.title == "Title"
    assert document.text == "Title\n\nHello world red link csi nel evil iso del end."
    assert not UNSAFE.search(document.text)


def test_untrusted_file_name_is_a_safe_title(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "x\x1b[31mred.md", "Just a paragraph.\n"))
    assert document.title == "xred"


# Markdown blocks -------------------------------------------------------------------------------

MARKDOWN = """\
# Main title

First paragraph
over two lines.

## Section *two*

- item one
- item two
  - nested item

1. first
2. second

> A quoted
> passage.

```
line 1
  line 2
```
"""


def test_markdown_blocks_and_their_ranges(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "a.md", MARKDOWN))
    expected = [
        ("title", "Main title", 1),
        ("paragraph", "First paragraph over two lines.", 0),
        ("heading", "Section two", 2),
        ("list_item", "item one", 1),
        ("list_item", "item two", 1),
        ("list_item", "nested item", 2),
        ("list_item", "first", 1),
        ("list_item", "second", 1),
        ("quote", "A quoted passage.", 0),
        ("code", "line 1\n  line 2", 0),
    ]
    got = [(b.kind, document.text[b.start : b.end], b.level) for b in document.blocks]
    assert got == expected
    assert document.text == "\n\n".join(text for _, text, _ in expected)
    assert document.title == "Main title"
    for block in document.blocks:
        assert document.block_at(block.start) == block
        assert document.block_at(block.end - 1) == block
    first, second = document.blocks[:2]
    assert document.block_at(first.end) is None  # between blocks


# Errors ----------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(DocumentError, match="no such file") as caught:
        load_document(path)
    assert str(caught.value).startswith(str(path))


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(DocumentError, match="is a folder"):
        load_document(folder)


def test_wrong_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "report.pdf", b"%PDF-1.4")
    with pytest.raises(DocumentError, match=r"not an article \(expected .txt, .md"):
        load_document(path)


def test_find_articles(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.HTML", "notes.pdf", "a.txt.annotations.json"):
        write(tmp_path, name, "x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "deep.md", "x")
    found = find_articles([tmp_path, tmp_path / "a.txt"])
    assert [p.name for p in found] == ["a.txt", "b.md", "c.HTML"]


def test_document_from_text() -> None:
    document = document_from_text("# Head\n\nBody text.", kind="md")
    assert document.text == "Head\n\nBody text." and document.title == "Head"
    assert document.path is None


# Property: any input loads, and what it gives is safe to show ----------------------------------


def _assert_safe(document) -> None:
    assert not UNSAFE.search(document.text), repr(document.text)
    assert not UNSAFE.search(document.title), repr(document.title)
    for block in document.blocks:
        assert 0 <= block.start < block.end <= len(document.text)


# Any characters, with more than their share of controls, escapes and Markdown/HTML syntax.
FRAGMENTS = [*"\x00\x07\x1b\x9b\x9d\x85\r\n\t\u202e\u2066[]#>-*`<", "\x1b[", "\x1b]", "\r\n"]
CONTROL_HEAVY = st.lists(
    # no lone surrogates: a file cannot hold them as UTF-8, so no article can
    st.one_of(
        st.characters(exclude_categories=("Cs",)), st.sampled_from(FRAGMENTS), st.text(max_size=12)
    ),
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=CONTROL_HEAVY, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_text_loads_safely(tmp_path_factory: pytest.TempPathFactory, text, suffix) -> None:
    path = tmp_path_factory.mktemp("prop") / f"article{suffix}"
    path.write_text(text, encoding="utf-8", newline="")
    _assert_safe(load_document(path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_any_bytes_load_safely(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "article.txt"
    path.write_bytes(data)
    try:
        document = load_document(path)
    except DocumentError as exc:  # refused, with a reason, or loaded safely: never a crash
        assert str(exc) == f"{path}: not text (binary data): is it an article?"
        return
    _assert_safe(document)


def test_an_unended_escape_string_loses_only_its_introducer(tmp_path: Path) -> None:
    text = "Title\n\nBefore \x1b]0;evil and the rest of the paragraph.\n\nAfter \x1bP1$r too.\n"
    document = load_document(write(tmp_path, "osc.txt", text))
    assert document.text == (
        "Title\n\nBefore 0;evil and the rest of the paragraph.\n\nAfter 1$r too."
    )
    ended = "Title\n\nA \x1b]0;new title\x07B and \x1b]52;c;SGk=\x1b\\C.\n"
    assert load_document(write(tmp_path, "ended.txt", ended)).text == "Title\n\nA B and C."


def test_a_markdown_list_nested_deeper_than_the_parser_goes_loses_nothing(
    tmp_path: Path,
) -> None:
    for depth in (12, 60):
        items = "".join("  " * level + f"- item {level}\n" for level in range(depth))
        source = f"# Lists\n\n{items}\nAfter the list.\n\nThe end.\n"
        text = load_document(write(tmp_path, f"deep{depth}.md", source)).text
        for level in range(depth):
            assert f"item {level}" in text
        assert text.endswith("After the list.\n\nThe end.")


def test_a_book_on_one_line_shows_its_start_at_once_and_loses_nothing(tmp_path: Path) -> None:
    sentence = "The convoy reached the river at dawn, and the bridge was still standing. "
    source = sentence * (4_200_000 // len(sentence))  # over 4 MB, and not one line break
    path = write(tmp_path, "book.txt", source)

    preview = load_preview(path)
    whole = load_document(path)

    assert preview is not None and preview.text and whole.text.startswith(preview.text)
    assert max(block.end - block.start for block in whole.blocks) <= 20_000
    assert whole.text.split() == source.split()  # cut into blocks after sentences, nothing lost
    assert all(whole.text[block.start : block.end].endswith(".") for block in whole.blocks)


def test_a_markdown_table_row_is_one_block_as_an_html_table_row_is(tmp_path: Path) -> None:
    source = (
        "# Floods update\n\nCasualties by county:\n\n| County | Deaths | Injured |\n|---|---|---|\n"
        "| Nairobi | 47 | 38 |\n| Garissa | **22** | 9 |\n\nMore rain is forecast.\n"
    )
    document = load_document(write(tmp_path, "a.md", source))
    assert [document.text[b.start : b.end] for b in document.blocks] == [
        "Floods update",
        "Casualties by county:",
        "County Deaths Injured",
        "Nairobi 47 38",
        "Garissa 22 9",
        "More rain is forecast.",
    ]
