"""The reader: a Line-API view of one document with a keyboard cursor, selection and highlights.

It draws only the rows on screen. Rows come from `Layout`, which wraps blocks lazily; the
highlights of a row are found by bisection in the editor's `SpanIndex`. The cursor and the
selection are offsets into the document text, never screen positions.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import NamedTuple

from rich.cells import cell_len
from rich.color import Color, blend_rgb
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from readtui import textunits
from readtui.annotations import Annotation, snap_span
from readtui.config import Config, TagDef
from readtui.document import Document
from readtui.editing import Editor, SpanIndex
from readtui.tui.layout import Layout, Row

GUTTER = 4  # cells left of the text: the letters of the tags on the row
REMOVED_MARK = "✂"  # in the gutter of text that cleaning removed, shown by `R`
BACKGROUND_WRAP_BLOCKS = 200  # longer documents are wrapped whole in a thread after first paint
# shown instead of a blank reader when there is no text to read
NO_TEXT = "This file has no text."
ALL_TEXT_REMOVED = "Cleaning removed all of the text: R shows it, + restores a block."


def hint_style(tag: TagDef) -> Style:
    """A suggestion: the tag's colour, dim and underlined, and no background, so that it never
    looks like an annotation (terminals have no dotted underline to offer)."""
    return Style(color=tag.colour, dim=True, underline=True)


def tag_style(tag: TagDef) -> Style:
    """A tag's highlight: its colour, and a mark that is not colour (underline, bold, ...)."""
    return Style(bgcolor=tag.colour, color="#000000", **{tag.mark: True})


OTHERS_SHARE = 0.35  # how much of the tag's colour shows in another annotator's mark


def others_style(tag: TagDef, background: Color | None) -> Style:
    """Another annotator's mark (read-only): the tag's colour faded into the background, the
    text in its usual colour, and the tag's mark kept, as colour alone does not tell tags apart."""
    under = background.get_truecolor() if background else Color.parse("black").get_truecolor()
    faded = blend_rgb(under, Color.parse(tag.colour).get_truecolor(), OTHERS_SHARE)
    return Style(bgcolor=Color.from_triplet(faded), **{tag.mark: True})


class SearchState(NamedTuple):  # a NamedTuple: see readtui.document.Block
    query: str
    starts: list[int]  # sorted match starts; every match is len(query) long

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        length = len(self.query)
        first = bisect_left(self.starts, start - length + 1)
        last = bisect_left(self.starts, end)
        return [(s, s + length) for s in self.starts[first:last]]


def find_all(text: str, query: str) -> list[int]:
    """Every case-insensitive occurrence of `query` (matches may not overlap)."""
    if not query:
        return []
    haystack, needle = text.casefold(), query.casefold()
    if len(haystack) != len(text):  # casefold changed lengths (ß -> ss): fall back to lower()
        haystack, needle = text.lower(), query.lower()
    starts, position = [], haystack.find(needle)
    while position != -1:
        starts.append(position)
        position = haystack.find(needle, position + len(needle))
    return starts


class ReaderView(ScrollView, can_focus=True):
    """The article, its highlights, the cursor and the selection."""

    COMPONENT_CLASSES = {
        "reader--title",
        "reader--heading",
        "reader--quote",
        "reader--code",
        "reader--cursor",
        "reader--selection",
        "reader--search",
        "reader--gutter",
        "reader--removed",
    }

    DEFAULT_CSS = """
    ReaderView {
        background: $surface;
        color: $foreground;
        scrollbar-gutter: stable;
    }
    ReaderView > .reader--title { text-style: bold; color: $text-primary; }
    ReaderView > .reader--heading { text-style: bold; color: $text-secondary; }
    ReaderView > .reader--quote { color: $text-muted; text-style: italic; }
    ReaderView > .reader--code { color: $text-accent; }
    ReaderView > .reader--cursor { background: $foreground; color: $background; }
    ReaderView:blur > .reader--cursor { background: $foreground 50%; }
    ReaderView > .reader--selection { background: $primary 60%; color: $text; }
    ReaderView > .reader--search { background: $warning 70%; color: #000000; }
    ReaderView > .reader--gutter { color: $text-muted; }
    ReaderView > .reader--removed { color: $foreground 40%; text-style: italic; }
    """

    BINDINGS = [
        Binding("j,down", "cursor_line(1)", "Line down", show=False),
        Binding("k,up", "cursor_line(-1)", "Line up", show=False),
        Binding("l,right", "cursor_char(1)", "Next char", show=False),
        Binding("h,left", "cursor_char(-1)", "Previous char", show=False),
        Binding("w", "word(1)", "Next word", show=False),
        Binding("b", "word(-1)", "Previous word", show=False),
        Binding("right_parenthesis", "sentence(1)", "Next sentence", show=False),
        Binding("left_parenthesis", "sentence(-1)", "Previous sentence", show=False),
        Binding("right_curly_bracket", "paragraph(1)", "Next paragraph", show=False),
        Binding("left_curly_bracket", "paragraph(-1)", "Previous paragraph", show=False),
        Binding("space,pagedown", "page(1)", "Screen down", show=False),
        Binding("pageup", "page(-1)", "Screen up", show=False),
        Binding("g,home", "document_edge(0)", "Start", show=False),
        Binding("G,end", "document_edge(1)", "End", show=False),
        Binding("v", "toggle_selection", "Select", tooltip="Start/end a selection at the cursor"),
        Binding("shift+right", "extend_word(1)", "Extend by a word", show=False),
        Binding("shift+left", "extend_word(-1)", "Extend back by a word", show=False),
        Binding("s", "select_sentence", "Sentence"),
        Binding("p", "select_paragraph", "Paragraph", show=False),
        Binding("escape", "clear_selection", "Clear selection", show=False),
    ]

    def __init__(
        self,
        document: Document,
        editor: Editor,
        config: Config,
        on_cursor: Callable[[], None] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        # called at once when the cursor or selection changes, so the bars land in the same frame
        self._on_cursor = on_cursor
        self.document = document
        self.editor = editor
        self.config = config
        self.tags = {tag.name: tag for tag in config.tags}
        self._tag_styles = {tag.name: tag_style(tag) for tag in config.tags}
        self.cursor = document.blocks[0].start if document.blocks else 0
        self.anchor: int | None = None  # where `v` or a drag started the selection
        self.extending = False  # between `v` and `v` (or during a drag): motions move its end
        self.fixed: tuple[int, int] | None = None  # a selection that motions leave alone
        self.search: SearchState | None = None
        self.resizing: Annotation | None = None  # `=`: the selection is this annotation's new span
        self.hints: SpanIndex | None = None  # suggestions shown (`a`): drawn unlike annotations
        self._hint_styles = {tag.name: hint_style(tag) for tag in config.tags}
        self._goal_column: int | None = None
        self._wrapped: Layout | None = None  # made at the first size, and again when it changes
        self._dragging = False
        self._frame_width = self._frame_margin = 0
        self._frame_base = Style()
        self._frame_components: dict[str, Style] = {}
        self._others_styles: tuple[Color | None, dict[str, Style]] = (None, {})  # per background

    # Geometry
    @property
    def text_width(self) -> int:
        available = self.scrollable_content_region.width - GUTTER
        return max(8, min(self.config.reader_width, available))

    @property
    def left_margin(self) -> int:
        """Cells before the gutter, centring the column in a wide terminal."""
        used = self.text_width + GUTTER
        return max(0, (self.scrollable_content_region.width - used) // 2)

    @property
    def _layout(self) -> Layout:
        if self._wrapped is None:
            self._wrapped = Layout(self.document, self.text_width)
        return self._wrapped

    @property
    def layout_rows(self) -> Layout:
        return self._layout

    def on_resize(self, event: events.Resize) -> None:
        self._fit_layout()
        self._prepare_visible()

    def _fit_layout(self) -> None:
        """Lay the document out again when the text width changed."""
        if self._wrapped is None or self.text_width != self._wrapped.width:
            self._wrapped = Layout(self.document, self.text_width)
            self._update_virtual_size()
            self.scroll_to_cursor(animate=False, center=True)
            if len(self.document.blocks) > BACKGROUND_WRAP_BLOCKS:
                # after the first paint, so that the thread does not slow it down
                self.call_after_refresh(self._wrap_in_background, self._wrapped)
            self._post_cursor()  # the row count in the title bar changed

    @work(thread=True, exclusive=True, group="wrap")
    def _wrap_in_background(self, layout: Layout) -> None:
        """Wrap the whole document off the UI thread, so heights stop changing as the reader
        scrolls (each change would cost a layout pass and move the scroll bar)."""
        rows = layout.wrap_rest()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._adopt_rows, layout, rows)

    def _adopt_rows(self, layout: Layout, rows: dict) -> None:
        if layout is not self._wrapped:
            return  # the width changed meanwhile: a new layout is on its way
        screen_row = self._layout.y_of(self.cursor) - round(self.scroll_y)
        layout.adopt(rows)
        self._update_virtual_size()
        # keep the cursor on the same screen row while the rows above it settle
        y = max(0, self._layout.y_of(self.cursor) - screen_row)
        self.scroll_to(y=y, animate=False, immediate=True)
        self.refresh()
        self._post_cursor()  # the row count is exact now

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.left_margin + GUTTER + self.text_width, self._layout.height)

    def _prepare_visible(self) -> None:
        """Wrap the blocks on screen before drawing them, so heights are exact where seen."""
        # laid out before the reader had its size (the status line asks for the row count), and
        # drawn before its resize comes: a column of single words otherwise
        self._fit_layout()
        layout = self._layout
        counted = (layout.height, layout.all_wrapped)
        layout.wrap_range(round(self.scroll_y), self.scrollable_content_region.height + 1)
        if (layout.height, layout.all_wrapped) != counted:
            self.call_later(self._post_cursor)  # the row count in the title bar changed
        if self.virtual_size.height != layout.height:
            self._update_virtual_size()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._prepare_visible()
        self._frame_width = self.scrollable_content_region.width
        self._frame_margin = self.left_margin
        # styles cost a lookup through the CSS each time: once a frame, not once a row
        self._frame_base = self.rich_style
        self._frame_components = {name: self._component(name) for name in self.COMPONENT_CLASSES}
        background = self._frame_base.bgcolor
        if self._others_styles[0] != background or not self._others_styles[1]:
            styles = {tag.name: others_style(tag, background) for tag in self.config.tags}
            self._others_styles = (background, styles)
        return super().render_lines(crop)

    def _component(self, name: str) -> Style:
        """A component's style without its background, which would hide highlights under it;
        its colour as it shows (a partial style drops the alpha of `$foreground 40%`)."""
        partial = self.get_component_rich_style(name, partial=True)
        if partial.color is None:
            return partial
        return partial + Style(color=self.get_component_rich_style(name).color)

    # Drawing
    def render_line(self, y: int) -> Strip:
        row = self._layout.row(round(self.scroll_y) + y)
        width, left = self._frame_width, self._frame_margin  # measured once per frame
        base = self._frame_base
        if row.block < 0:
            if not self.document.blocks and round(self.scroll_y) + y == 0:
                return self._no_text_line(width, left, base)
            return Strip.blank(width, base)
        margin = Segment(" " * left, base)
        # one lookup serves the gutter and the text
        span = (row.start, max(row.end, row.start + 1))
        annotations = self.editor.index.overlapping(*span)
        hints = self.hints.overlapping(*span) if self.hints is not None else []
        if self.document.blocks[row.block].kind == "removed":
            removed_style = base + self._frame_components["reader--removed"]
            gutter = [Segment(REMOVED_MARK.ljust(GUTTER), removed_style)]
        else:
            gutter = self._gutter(annotations, hints, base)
        segments = [margin, *gutter, *self._text_segments(row, annotations, hints, base)]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _no_text_line(self, width: int, left: int, base: Style) -> Strip:
        """An empty file, or a page that was all boilerplate, says so: a blank reader would
        look like a fault."""
        note = ALL_TEXT_REMOVED if self.document.removed else NO_TEXT
        style = base + self._frame_components["reader--removed"]
        segments = [Segment(" " * (left + GUTTER), base), Segment(note, style)]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _gutter(self, annotations: list[Annotation], hints: list, base: Style) -> list[Segment]:
        """The letters of the row's tags: capitals for annotations, lower case (dim) for
        suggestions."""
        letters: list[Segment] = []
        seen: set[str] = set()
        owns = self.editor.view.owns
        for annotation in annotations:
            tag = self.tags.get(annotation.tag)
            if tag and tag.name not in seen and len(seen) < GUTTER - 1:
                seen.add(tag.name)
                own = owns(annotation)  # another annotator's: dim
                style = Style(color=tag.colour, bold=own, dim=not own)
                letters.append(Segment(tag.letter, base + style))
        for hint in hints:
            tag = self.tags.get(hint.tag)
            if tag and tag.name not in seen and len(seen) < GUTTER - 1:
                seen.add(tag.name)
                letters.append(Segment(tag.letter.lower(), base + self._hint_styles[tag.name]))
        used = len(letters)
        gutter_style = base + self._frame_components["reader--gutter"]
        return [*letters, Segment(" " * (GUTTER - used), gutter_style)]

    def _block_style(self, row: Row, base: Style) -> Style:
        kind = self.document.blocks[row.block].kind
        component = {
            "title": "reader--title",
            "heading": "reader--heading",
            "quote": "reader--quote",
            "code": "reader--code",
            "removed": "reader--removed",
        }.get(kind)
        if component is None:
            return base
        return base + self._frame_components[component]

    def selection(self) -> tuple[int, int] | None:
        """The selected span [start, end): what is highlighted is what a tag key tags.

        As in vim's visual mode, the characters under the anchor and the cursor are both in it;
        the span is snapped as tagging snaps it (whole words, outer spaces and punctuation
        trimmed). None when nothing is selected, or nothing but spaces and punctuation.
        """
        if self.extending and self.anchor is not None:
            start, end = min(self.anchor, self.cursor), max(self.anchor, self.cursor) + 1
        elif self.fixed is not None:
            start, end = self.fixed
        else:
            return None
        start, end = snap_span(self.document.text, start, min(end, len(self.document.text)))
        return (start, end) if start < end else None

    def _text_segments(
        self, row: Row, annotations: list[Annotation], hints: list, base: Style
    ) -> list[Segment]:
        text = self.document.text
        start, end = row.start, row.end
        # outer spans first, so an inner span's colour shows on top while marks add up
        annotations = sorted(annotations, key=lambda a: (a.start - a.end, a.start))
        search = self.search.overlapping(start, end) if self.search else []
        selection = self.selection()
        edges = {start, end}
        for annotation in annotations:
            edges.update((annotation.start, annotation.end))
        for match_start, match_end in search:
            edges.update((match_start, match_end))
        for hint in hints:
            edges.update((hint.start, hint.end))
        if selection:
            edges.update(selection)
        edges.update((self.cursor, self.cursor + 1))
        points = sorted(edge for edge in edges if start <= edge <= end)
        block_style = self._block_style(row, base)
        selection_style = self._frame_components["reader--selection"]
        search_style = self._frame_components["reader--search"]
        cursor_style = self._frame_components["reader--cursor"]
        owns, others_styles = self.editor.view.owns, self._others_styles[1]
        segments = []
        for run_start, run_end in zip(points, points[1:], strict=False):
            style = block_style
            for annotation in annotations:
                if annotation.start <= run_start and annotation.end >= run_end:
                    styles = self._tag_styles if owns(annotation) else others_styles
                    style += styles.get(annotation.tag, Style(underline=True))
            for hint in hints:
                if hint.start <= run_start and hint.end >= run_end:
                    style += self._hint_styles.get(hint.tag, Style(dim=True))
            if any(s <= run_start and e >= run_end for s, e in search):
                style += search_style
            if selection and selection[0] <= run_start and selection[1] >= run_end:
                style += selection_style
            if run_start == self.cursor:
                style += cursor_style
            segments.append(Segment(text[run_start:run_end], style))
        # the cursor on a space where the row wraps, or past the end of the text
        if end <= self.cursor < max(row.next_start, end + 1):
            block = self.document.blocks[row.block]
            if self.cursor < block.end or self.cursor == end:
                segments.append(Segment(" ", block_style + cursor_style))
        return segments

    # Cursor and scrolling
    def _post_cursor(self) -> None:
        if self._on_cursor is not None:
            self._on_cursor()

    def move_to(self, offset: int, *, keep_goal: bool = False, center: bool = False) -> None:
        """Put the cursor at `offset` (kept inside a block), scroll to it and redraw."""
        offset = self._inside_block(max(0, min(offset, max(0, len(self.document.text) - 1))))
        previous = self.cursor
        self.cursor = offset
        if not keep_goal:
            self._goal_column = None
        self.scroll_to_cursor(center=center)
        self._refresh_offsets(previous, offset)
        self._post_cursor()

    def _inside_block(self, offset: int) -> int:
        """Offsets between blocks (the blank lines) move to the nearest block start."""
        if not self.document.blocks or self.document.block_at(offset) is not None:
            return offset
        index = self._layout.block_index(offset)
        block = self.document.blocks[index]
        if offset >= block.end and index + 1 < len(self.document.blocks):
            return self.document.blocks[index + 1].start
        return block.start

    def _refresh_offsets(self, *offsets: int) -> None:
        if self.extending:
            self.refresh()  # the selection may span many rows
            return
        for offset in offsets:
            self.refresh_line(self._layout.y_of(offset))  # a row of the content, not the screen

    def scroll_to_cursor(self, *, animate: bool = False, center: bool = False) -> None:
        y = self._layout.y_of(self.cursor)
        self._update_virtual_size()
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if center:
            self.scroll_to(y=max(0, y - height // 3), animate=animate, immediate=True)
        elif y < top:
            self.scroll_to(y=y, animate=animate, immediate=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=animate, immediate=True)

    def cursor_row(self) -> tuple[int, Row]:
        y = self._layout.y_of(self.cursor)
        return y, self._layout.row(y)

    def column_of(self, row: Row, offset: int) -> int:
        return cell_len(self.document.text[row.start : offset])

    def offset_at_column(self, row: Row, column: int) -> int:
        text = self.document.text
        position, cells = row.start, 0
        while position < row.end:
            width = cell_len(text[position])
            if cells + width > column:
                break
            cells += width
            position += 1
        return position

    def action_cursor_line(self, delta: int) -> None:
        y, row = self.cursor_row()
        if self._goal_column is None:
            self._goal_column = self.column_of(row, self.cursor)
        target = y + delta
        while 0 <= target < self._layout.height and self._layout.row(target).block < 0:
            target += delta
        if not 0 <= target < self._layout.height:
            return
        target_row = self._layout.row(target)
        offset = self.offset_at_column(target_row, self._goal_column)
        self.move_to(min(offset, max(target_row.start, target_row.end - 1)), keep_goal=True)

    def action_cursor_char(self, delta: int) -> None:
        offset = self.cursor + delta
        text = self.document.text
        while 0 <= offset < len(text) and self.document.block_at(offset) is None:
            offset += delta
        if 0 <= offset < len(text):
            self.move_to(offset)

    def action_word(self, delta: int) -> None:
        text = self.document.text
        if delta > 0:
            self.move_to(textunits.next_word(text, self.cursor))
        else:
            self.move_to(textunits.previous_word(text, self.cursor))

    def action_sentence(self, delta: int) -> None:
        self.move_to(textunits.sentence_starts(self.document, self.cursor, delta > 0))

    def action_paragraph(self, delta: int) -> None:
        self.move_to(textunits.paragraph_starts(self.document, self.cursor, delta > 0))

    def action_page(self, delta: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        y, row = self.cursor_row()
        column = self.column_of(row, self.cursor)
        top = round(self.scroll_y)
        self.scroll_to(y=max(0, top + delta * height), animate=False, immediate=True)
        self._prepare_visible()
        target = max(0, min(self._layout.height - 1, y + delta * height))
        step = 1 if delta > 0 else -1
        while 0 < target < self._layout.height - 1 and self._layout.row(target).block < 0:
            target += step
        target_row = self._layout.row(target)
        if target_row.block >= 0:
            self.move_to(self.offset_at_column(target_row, column))

    def action_document_edge(self, end: int) -> None:
        if not self.document.blocks:
            return
        self.move_to(self.document.blocks[-1].start if end else 0)
        if end:
            self.scroll_end(animate=False, immediate=True)

    # Selection
    def action_toggle_selection(self) -> None:
        if self.extending:
            self.fixed, self.extending = self.selection(), False
        else:
            self.anchor, self.extending, self.fixed = self.cursor, True, None
        self.refresh()
        self._post_cursor()

    def action_extend_word(self, delta: int) -> None:
        if not self.extending:
            start, end = self.fixed or (self.cursor, self.cursor)
            self.anchor = start if self.cursor != start else end
            self.extending = True
            self.action_word(delta)
            # word motions land on the next word's start: that character is not taken
            span = (min(self.anchor, self.cursor), max(self.anchor, self.cursor))
            self.fixed, self.extending = span, False
        else:
            self.action_word(delta)
        self.refresh()

    def select(self, start: int, end: int) -> None:
        """Select [start, end) and put the cursor at its start."""
        self.fixed, self.extending, self.anchor = (start, end), False, None
        self.move_to(start)
        self.refresh()

    def action_select_sentence(self) -> None:
        self.select(*textunits.sentence_at(self.document, self.cursor))

    def action_select_paragraph(self) -> None:
        self.select(*textunits.paragraph_at(self.document, self.cursor))

    def start_resize(self, annotation: Annotation) -> None:
        """Select the annotation's span with its end under the cursor: motions move that end."""
        self.resizing, self.fixed = annotation, None
        self.anchor, self.extending = annotation.start, True
        self.move_to(annotation.end - 1)
        self.refresh()

    def swap_ends(self) -> None:
        """`o`: the other end of the selection moves from now on."""
        if self.extending and self.anchor is not None:
            cursor, self.anchor = self.anchor, self.cursor
            self.move_to(cursor)

    def end_resize(self) -> None:
        self.resizing = None
        self.clear_selection()
        self._post_cursor()

    def action_clear_selection(self) -> None:
        if self.resizing is not None:
            self.end_resize()  # escape cancels a resize
            return
        if self.selection() is None:
            self.search = None  # a second escape clears the search highlights
        self.clear_selection()
        self._post_cursor()

    def clear_selection(self) -> None:
        self.anchor, self.extending, self.fixed = None, False, None
        self.refresh()

    # Search
    def set_search(self, query: str) -> int:
        """Highlight every match of `query`; returns how many there are."""
        self.search = SearchState(query, find_all(self.document.text, query)) if query else None
        self.refresh()
        return len(self.search.starts) if self.search else 0

    def search_step(self, forward: bool) -> int | None:
        """Move to the next (or previous) match; returns its number (1-based) or None."""
        if not self.search or not self.search.starts:
            return None
        starts = self.search.starts
        if forward:
            index = bisect_right(starts, self.cursor) % len(starts)
        else:
            index = (bisect_left(starts, self.cursor) - 1) % len(starts)
        self.move_to(starts[index], center=True)
        return index + 1

    # Mouse: a click moves the cursor, a drag selects
    def offset_at(self, x: int, y: int) -> int | None:
        row = self._layout.row(round(self.scroll_y) + y)
        if row.block < 0:
            return None
        column = x - self.left_margin - GUTTER
        return self.offset_at_column(row, max(0, column))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is None:
            return
        self.focus()
        self.clear_selection()
        self._dragging = True
        self.capture_mouse()
        self.anchor = offset
        self.move_to(offset)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging:
            return
        offset = self.offset_at(event.x, event.y)
        if offset is not None and offset != self.cursor:
            self.extending = True
            self.move_to(offset)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.extending:
                self.fixed, self.extending = self.selection(), False
            self._post_cursor()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Changes from outside
    def annotations_changed(self) -> None:
        self.refresh()

    def show_document(self, document: Document, editor: Editor, keep_cursor: bool) -> None:
        """Show another version of the document: the whole of one whose start was shown."""
        self.document, self.editor = document, editor
        if not keep_cursor:
            self.cursor, self.search = (document.blocks[0].start if document.blocks else 0), None
            self.clear_selection()
        self.search = (
            SearchState(self.search.query, find_all(document.text, self.search.query))
            if self.search
            else None
        )
        self._wrapped = None
        self._update_virtual_size()
        if len(document.blocks) > BACKGROUND_WRAP_BLOCKS:
            self.call_after_refresh(self._wrap_in_background, self._layout)
        self.scroll_to_cursor()
        self.refresh()

    def position_label(self) -> str:
        """Where the cursor is: 'row 12/340 · 4%', or 'row 12/~340' while heights of blocks not
        yet wrapped are estimated."""
        y = self._layout.y_of(self.cursor)
        total = f"{'' if self._layout.all_wrapped else '~'}{max(1, self._layout.height)}"
        return f"row {y + 1}/{total} · {100 * self.cursor // max(1, len(self.document.text))}%"
