"""The casualty rule's table rows: a count in a row whose column or label says what happened.

A bulletin gives its toll as a table. The cleaner makes each row one block, its cells joined by
spaces ("Province New cases New deaths Cumulative cases", then "Sarvani 904 14 10,212"), so no
sentence binds a count to a casualty word and the other passes leave the rows. Two shapes:

- **A table with a casualty column.** A header line without digits is followed by rows (lines,
  blank lines between them or not), each a label and the same number of numeric cells, set
  apart by spaces or by pipes ("| Nairobi | 47 | 38 |", a Markdown table pasted into text). The
  header is split into its columns at its pipes, or at each word that starts with a capital
  ("New deaths", "Cumulative CFR (%)": an acronym starts none), or at every word, whichever fits
  the rows. The first column that names a casualty ("Lost" in a results table does not) gives
  each row's count and kind; the figure is the whole row, as a reader would mark it.
- **A labelled count.** A line that opens with a label naming a casualty, then its count
  ("Injured, admitted 23 Meghnapur Medical College Hospital", "Deceased, recovered: 1"): the
  label and the count are the figure.

What the other passes found inside such a row gives way to it: a column or a label says more
than a word in the row ("treated and released 31" under the label "Injured, ...").
"""

import bisect
import re
from operator import itemgetter

from readtui.casualty import parse_casualty
from readtui.suggest.casualty_broad import (
    COUNT,
    is_count,
    names_one,
    plain_casualty_word,
    with_added,
)

# a row: a line of a label without digits, then numeric cells ("1,482", "1.8", "12%", "-"),
# set apart by spaces or by pipes ("| Nairobi | 47 | 38 |", as Markdown writes a table)
_CELL_VALUE = r"(?:\d[\d,.]*%?|[-–—]|n/a)"
_LABEL = r"(?:[^\d\n|(]|\((?:\d+|[^\d\n|()]*)\)|\(){0,60}?"  # "Other provinces (5)"
_ROW = re.compile(
    rf"(?P<label>{_LABEL})[^\S\n]*(?P<cells>(?:{_CELL_VALUE}(?:[^\S\n]+|$)){{1,12}})"
)
_PIPED_ROW = re.compile(
    rf"\|?[^\S\n]*(?P<label>[^\d\n|]{{0,60}}?)[^\S\n]*"
    rf"(?P<cells>(?:\|[^\S\n]*{_CELL_VALUE}[^\S\n]*){{1,12}})\|?"
)
_SEPARATOR = re.compile(r"[|:\-\s]*-{3,}[|:\-\s]*")  # a Markdown table's |---|---:|
_LINE = re.compile(r"[^\n]+")
_CELL_END = set("0123456789%-–—a|")  # "a": n/a
_ROW_LENGTH = 160
_CELL = re.compile(r"[^\s|]+")
_WHOLE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_HEADER_LENGTH = 160
# words that go on a column's name: "Killed or missing", "Deaths per 100,000"
_JOINING = {"of", "and", "or", "in", "per", "by", "to", "the", "with", "&", "/", "-", "–"}
# a labelled count: a label of a few words naming a casualty, then its count
_DIGIT = re.compile(r"\d")
_MARK = re.compile(r"[^\S\n]*[:|][^\S\n]*")
_MARK_CHAR = re.compile(r"[:|]")
_LABEL_LENGTH = 60
_BEFORE_A_DATE = {"since", "from", "on", "in", "at", "by", "until", "till", "of", "to", "week"}
_LABEL_WORDS = 6


def add_tabled(
    text: str, low: str, found: list[tuple[int, int, dict]], casualty_words: list[int]
) -> list[tuple[int, int, dict]]:
    """`found` with the table rows and labelled counts it does not hold, sorted.
    `casualty_words`: where the casualty words start, in order."""
    lines = [line.span() for line in _LINE.finditer(text)]
    rows = _table_rows(text, lines)
    labelled = _labelled_counts(text, low, casualty_words, lines, rows)
    if not rows and not labelled:
        return found
    # a row, or a label with its count, replaces what the other passes found inside it; a
    # label whose count they found in a longer figure gives way
    starts = [start for start, _, _ in found]
    ends = [end for _, end, _ in found]
    added = rows + [item for item in labelled if not _crosses(starts, ends, item)]
    inside = {id(item) for figure in added for item in _found_within(found, figure)}
    if inside:
        found = [item for item in found if id(item) not in inside]
    return with_added(found, added)


def _table_rows(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, dict]]:
    """The rows of every table with a casualty column, as figures. A table is a run of row
    lines (blank lines between them allowed), under a header line."""
    figures: list[tuple[int, int, dict]] = []
    table: list[re.Match] = []
    first = 0  # the index in `lines` of the table's first row
    for index, (start, end) in enumerate(lines):
        # a row ends in a cell: the test on its last character spares the patterns most lines
        row = None
        if end - start <= _ROW_LENGTH and text[end - 1] in _CELL_END:
            pattern = _PIPED_ROW if "|" in text[start:end] else _ROW
            row = pattern.fullmatch(text, start, end)
        if row:
            if not table:
                first = index
            table.append(row)
        elif table:
            figures += _figures_of(text, lines, first, table)
            table = []
    return figures + (_figures_of(text, lines, first, table) if table else [])


def _figures_of(
    text: str, lines: list[tuple[int, int]], first: int, rows: list[re.Match]
) -> list[tuple[int, int, dict]]:
    """The rows of one table as figures, when the line above the first of them (or above a
    Markdown separator line) is a header that names a casualty column."""
    above = first - 1
    if above >= 0 and _SEPARATOR.fullmatch(text, *lines[above]):
        above -= 1
    if above < 0:
        return []
    start, end = lines[above]
    if end - start > _HEADER_LENGTH or _DIGIT.search(text, start, end):
        return []
    header = text[start:end]
    if not plain_casualty_word(header.lower()):
        return []
    cells = len(_CELL.findall(rows[0].group("cells")))
    labelled = bool(rows[0].group("label").strip())
    column = _casualty_column(header, cells + labelled)
    if column is None or column[1] < labelled:
        return []
    name, position = column[0], column[1] - labelled
    kind = parse_casualty(f"1 {name}").get("kind")
    figures = []
    for row in rows:
        values = _CELL.findall(row.group("cells"))
        if len(values) != cells or not _WHOLE_NUMBER.fullmatch(values[position]):
            continue
        attrs = {"count": int(values[position].replace(",", ""))}
        if kind:
            attrs["kind"] = kind
        figures.append((row.start(), row.end(), attrs))
    return figures


def _casualty_column(header: str, columns: int) -> tuple[str, int] | None:
    """The first column of `header` that names a casualty and its position, when the header
    splits into `columns` columns; None otherwise."""
    if "|" in header:  # the columns are given: "| County | Deaths | Injured |"
        splits = [[name.strip() for name in header.strip().strip("|").split("|")]]
    else:
        words = header.split()
        splits = [_by_capitals(words), words]
    for names in splits:
        if len(names) == columns:
            for position, name in enumerate(names):
                if plain_casualty_word(name.lower()):
                    return name, position
            return None
    return None


def _by_capitals(words: list[str]) -> list[str]:
    """The column names of a header: a new one at each capitalised word that is no acronym and
    does not follow a joining word ("Deaths per 100,000")."""
    names: list[list[str]] = []
    for word in words:
        starts = word[0].isupper() and not (len(word) > 1 and word.isupper())
        if not names or (starts and names[-1][-1].lower() not in _JOINING):
            names.append([word])
        else:
            names[-1].append(word)
    return [" ".join(name) for name in names]


def _labelled_counts(
    text: str,
    low: str,
    casualty_words: list[int],
    lines: list[tuple[int, int]],
    rows: list[tuple[int, int, dict]],
) -> list[tuple[int, int, dict]]:
    """The labelled counts: lines that open with a label holding a casualty word."""
    figures: list[tuple[int, int, dict]] = []
    seen = -1  # the last line looked at
    row_starts = {start for start, _, _ in rows}
    line_starts = [start for start, _ in lines]
    for word in casualty_words:
        index = bisect.bisect_right(line_starts, word) - 1
        start, end = lines[index]
        if start == seen or word - start > _LABEL_LENGTH or start in row_starts:
            continue
        # a label opens on its casualty word, or ends in a colon or a bar before the count
        if word != start and not _MARK_CHAR.search(low, word, min(end, start + _LABEL_LENGTH)):
            continue
        seen = start
        figure = _labelled_count(text, low, start, end)
        if figure:
            figures.append(figure)
    return figures


def _labelled_count(text: str, low: str, start: int, end: int) -> tuple[int, int, dict] | None:
    """The block from `start` to `end` as a labelled count ("Injured, admitted 23 ..."), or
    None."""
    if not text[start : start + 1].isupper():
        return None
    digit = _DIGIT.search(text, start, min(end, start + _LABEL_LENGTH + 2))
    if not digit:
        return None
    mark = _MARK.search(text, start, digit.start())  # "Deceased, recovered: 1"
    label_end = mark.start() if mark else digit.start()
    # without a colon, only a label that opens on its casualty word: "Injured, admitted 23"
    if mark:
        word = plain_casualty_word(low, start, label_end)
    else:
        word = plain_casualty_word(low, start, label_end)
        word = word if word and word.start() == start else None
    label = text[start:label_end].split()
    if not word or len(label) > _LABEL_WORDS or label[-1].lower() in _BEFORE_A_DATE:
        return None  # "Casualties since 1 March", "Deaths in 2025"
    at = mark.end() if mark else digit.start()
    count = COUNT.match(low, at, end)
    if not count or names_one(count.group()) or not is_count(text, low, count, led=True):
        return None
    attrs = parse_casualty(text[start : count.end()])
    if not any(key in attrs for key in ("count", "count_min", "count_max")):
        return None
    return start, count.end(), attrs


def _crosses(starts: list[int], ends: list[int], item: tuple[int, int, dict]) -> bool:
    """Whether a figure found (starts, ends: sorted) overlaps `item` without lying inside it."""
    first = bisect.bisect_left(ends, item[0] + 1)
    last = bisect.bisect_left(starts, item[1])
    return any(starts[k] < item[0] or ends[k] > item[1] for k in range(first, last))


def _found_within(
    found: list[tuple[int, int, dict]], row: tuple[int, int, dict]
) -> list[tuple[int, int, dict]]:
    """The figures of `found` (sorted) that lie inside `row`."""
    first = bisect.bisect_left(found, row[0], key=itemgetter(0))
    last = bisect.bisect_left(found, row[1], lo=first, key=itemgetter(0))
    return [item for item in found[first:last] if item[1] <= row[1]]
