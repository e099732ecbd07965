"""What the reader screen's bars and panes show at a given width: the title bar's title and
name, the list's width, quotations in the status line."""

from rich.text import Text

# The annotation list takes a share of the terminal, within bounds; where the reader would be
# left fewer text columns than this beside it, the list hides itself (ctrl+l still shows it).
LIST_SHARE_PERCENT, LIST_MIN, LIST_MAX = 30, 28, 64
MIN_TEXT_COLUMNS = 40


def list_width(terminal_width: int) -> int:
    return max(LIST_MIN, min(LIST_MAX, terminal_width * LIST_SHARE_PERCENT // 100))


TITLE_KEPT = 16  # cells of the title kept before the file name gives way too


def title_and_name(title: str, name: str, room: int) -> Text:
    """The title (bold) and file name (dim) in `room` cells: the title is cut first (with …),
    then the name, then the rest of the title; the bar's counts after them never are."""
    head, tail = Text(f" {title} ", style="bold"), Text(f" {name} ", style="dim")
    if head.cell_len + tail.cell_len <= room:
        return Text.assemble(head, tail)
    if room < 2:
        return Text()
    left = room - min(room, max(min(head.cell_len, TITLE_KEPT), room - tail.cell_len))
    if left < tail.cell_len:  # part of the name, or none
        tail, part = Text(), Text(f" {name}", style="dim")
        if left > 4:
            part.truncate(left - 1, overflow="ellipsis")
            tail = Text.assemble(part, " ")
    head.truncate(room - tail.cell_len, overflow="ellipsis")
    return Text.assemble(head, tail)


def quoted(text: str) -> str:
    """Text in quotation marks, unless it has its own (a quote tagged with them)."""
    return text if text[:1] in "“\"'‘«" else f"“{text}”"
