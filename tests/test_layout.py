"""Lazy wrapping: rows cover the text exactly, fit the width, and agree however they are made."""

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from readtui.document import document_from_text
from readtui.tui.layout import Layout

WORDS = st.sampled_from(["a", "said", "killed", "東京都", "supercalifragilistic" * 3, "—", "12"])
PARAGRAPHS = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)


@given(paragraphs=st.lists(PARAGRAPHS, min_size=1, max_size=6), width=st.integers(8, 50))
def test_rows_cover_each_block_and_fit_the_width(paragraphs: list[str], width: int) -> None:
    document = document_from_text("Title\n\n" + "\n\n".join(paragraphs), "txt")
    layout = Layout(document, width)
    for index, block in enumerate(document.blocks):
        rows = layout.block_rows(index)
        assert rows[0].start == block.start and rows[-1].next_start == block.end
        for row, following in zip(rows, rows[1:], strict=False):
            assert row.next_start == following.start
        for row in rows:
            shown = document.text[row.start : row.end]
            assert cell_len(shown) <= width
            assert document.text[row.end : row.next_start].strip() == ""


def test_y_of_and_row_agree_and_blank_rows_separate_blocks() -> None:
    text = "Title\n\n" + " ".join(["word"] * 40) + "\n\nLast paragraph."
    document = document_from_text(text, "txt")
    layout = Layout(document, 20)
    layout.wrap_range(0, 100)
    offset = document.text.index("Last")
    y = layout.y_of(offset)
    assert layout.row(y).start == offset
    assert layout.row(y - 1).block == -1  # the blank row between blocks
    assert layout.height == y + 1


def test_background_wrap_gives_the_rows_lazy_wrapping_gives() -> None:
    text = "\n\n".join(f"Paragraph {n} " + "with some words " * (n % 7 + 1) for n in range(300))
    document = document_from_text(text, "txt")
    lazy, eager = Layout(document, 30), Layout(document, 30)
    eager.block_rows(5)
    eager.adopt(eager.wrap_rest())
    lazy.wrap_range(0, 10**6)
    assert eager.height == lazy.height
    assert all(eager.block_rows(i) == lazy.block_rows(i) for i in range(len(document.blocks)))
