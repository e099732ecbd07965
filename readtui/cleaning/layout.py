"""The blocks of scraped text, whatever its layout: blank lines between blocks, a browser's
innerText (blank lines only around paragraphs), one block a line, or hard-wrapped lines."""

import re

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
BULLET = re.compile(r"[-*•·–—▪►]\s|\d{1,2}[.)]\s")
_BROKEN_AT_HYPHEN = re.compile(r"\w-$")
_BULLET_GLYPH = re.compile(r"[-*•·–—▪►]\s+")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|and|de|del|da|van|von|al|el)"
_BYLINE_LINE = re.compile(rf"By {_NAME_WORD}(?: {_NAME_WORD}){{0,5}}$")  # "By Tomás Herrera"
_FIRST_PIECE = re.compile(r"\S+?(?:-(?=\w)|(?=\s)|$)")  # where a line wrapper may break

# Hard-wrapped text: the width it may be wrapped at, how far short of it a full line may end
# (the next word did not fit), and how many full lines it takes to tell.
_WRAP_MIN_WIDTH = 40
_WRAP_MAX_WIDTH = 100
_WRAP_SLACK = 15
_WRAP_MIN_LINES = 2


def split_blocks(text: str) -> list[str]:
    """The blocks of a scraped page in any layout: one per line, unless the text is hard-wrapped.

    Scrapers put blank lines between blocks, or only around paragraphs (a browser's innerText:
    menus, headings and list items on consecutive lines), or none at all, so a line of its own
    is a block. Hard-wrapped text (wire copy, a clean .txt) is unwrapped: a line break is a
    block end only where the next line's first word would have fitted on the line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [line.strip() for line in text.split("\n")]
    width = wrap_width(lines)
    blocks: list[str] = []
    previous = ""  # the line above, "" after a blank line
    for line in lines:
        if line and previous and width and not ends_wrapped_line(previous, line, width):
            # a word the wrapper broke at its hyphen ("day-" / "to-day") is whole again
            blocks[-1] += line if _BROKEN_AT_HYPHEN.search(previous) else " " + line
        elif line:
            blocks.append(line)
        previous = line
    return blocks


def wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text is wrapped at, 0 if it is not hard-wrapped.

    Wrapped prose has several lines close to the width that end inside a sentence, and no line
    with a space in it beyond it (a long URL may stand alone on a line). Only lines with another
    line after them count: a line standing alone (a headline longer than the body's lines) was
    never wrapped.
    """
    lengths = [
        len(line)
        for line, following in zip(lines, lines[1:], strict=False)
        if " " in line and following
    ]
    if not lengths or "\n\n" not in "\n".join(lines).strip():  # no blank line: a block a line
        return 0
    width = max(lengths)
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH:
        return 0
    # paragraphs longer than the width, each a line of its own: an innerText page whose
    # short header lines (menus, a byline) only look wrapped
    if sum(" " in line and len(line) > width + _WRAP_SLACK for line in lines) >= _WRAP_MIN_LINES:
        return 0
    full = [line for line in lines if len(line) > width - _WRAP_SLACK]
    open_ended = sum(not _SENTENCE_END.search(line) for line in full)
    return width if open_ended >= _WRAP_MIN_LINES and open_ended * 2 >= len(full) else 0


def ends_wrapped_line(line: str, following: str, width: int) -> bool:
    """Whether `line` ends its block: it ends a sentence and the next line's first word would
    have fitted on it, or the next line is a bulleted list item. A line wrapped by hand may
    end well short of the width, so a line that ends inside a sentence never ends a block."""
    if _BULLET_GLYPH.match(following):  # not a number: a wrapper may put "6." first on a line
        return True
    if _BYLINE_LINE.match(following):  # a headline, then "By Tomás Herrera" on its own line
        return True
    first_piece = _FIRST_PIECE.match(following)
    fits = len(line) + 1 + len(first_piece.group() if first_piece else following) <= width
    return fits and bool(_SENTENCE_END.search(line))


def without_bullet(text: str) -> str:
    """A list item's text without its bullet glyph (a number stays: it may be referred to)."""
    bullet = _BULLET_GLYPH.match(text)  # at the start only: "Char Bhabanipur — 9" keeps its dash
    return text[bullet.end() :] if bullet else text
