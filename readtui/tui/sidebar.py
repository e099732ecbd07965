"""The annotation list beside the reader: one row per annotation, in document order.

A Line-API view like the reader, so ten thousand annotations cost no more than ten.
"""

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from readtui.annotations import Annotation
from readtui.config import Config
from readtui.editing import View


def snippet(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(0, limit - 1)] + "…"


class AnnotationList(ScrollView, can_focus=True):
    """Every annotation with its tag, a snippet and its note; moving here moves the reader."""

    COMPONENT_CLASSES = {"annotation-list--highlight", "annotation-list--muted"}

    DEFAULT_CSS = """
    AnnotationList {
        background: $panel;
    }
    AnnotationList > .annotation-list--highlight { background: $block-cursor-blurred-background; }
    AnnotationList:focus > .annotation-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    AnnotationList > .annotation-list--muted { color: $text-muted; }
    """

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("g,home", "edge(0)", "First", show=False),
        Binding("G,end", "edge(1)", "Last", show=False),
        Binding("enter", "jump", "Jump to it"),
        Binding("x,delete", "delete", "Delete"),
        Binding("f", "cycle_filter", "Filter by tag"),
    ]

    highlighted: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The highlight moved to an annotation (focus: the user pressed enter)."""

        def __init__(self, annotation: Annotation, jump: bool) -> None:
            super().__init__()
            self.annotation = annotation
            self.jump = jump

    class DeleteRequested(Message):
        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    def __init__(self, config: Config, **kwargs) -> None:
        super().__init__(**kwargs)
        self.config = config
        self.tags = {tag.name: tag for tag in config.tags}
        self.all: list[Annotation] = []
        self.rows: list[Annotation] = []
        self.tag_filter: str | None = None
        # whose marks are listed (readtui.editing.View); None: every one given
        self.view: View | None = None

    def show(self, annotations: list[Annotation]) -> None:
        """Show these annotations (sorted), keeping the highlight on the same one if it stays."""
        current = self.current
        names = None if self.view is None else self.view.names
        self.all = annotations
        if names is not None:
            self.all = [a for a in annotations if a.annotator in names]
        self.rows = [a for a in self.all if self.tag_filter in (None, a.tag)]
        self.virtual_size = Size(self.size.width, len(self.rows))
        if current is not None:
            self.select_id(current.id, post=False)
        self.highlighted = min(self.highlighted, max(0, len(self.rows) - 1))
        self._update_title()
        self.refresh()

    class Filtered(Message):
        """What the list shows changed: its count or its tag filter."""

        def __init__(self, summary: str) -> None:
            super().__init__()
            self.summary = summary

    def _update_title(self) -> None:
        shown = f"{len(self.rows)} of {len(self.all)}" if self.tag_filter else str(len(self.rows))
        noun = "annotation" if len(self.all) == 1 else "annotations"
        where = f" · {self.tag_filter} only" if self.tag_filter else " · f filters by tag"
        self.post_message(self.Filtered(f"{shown} {noun}{where}"))

    @property
    def current(self) -> Annotation | None:
        if 0 <= self.highlighted < len(self.rows):
            return self.rows[self.highlighted]
        return None

    def select_id(self, annotation_id: str, post: bool = True) -> None:
        for index, annotation in enumerate(self.rows):
            if annotation.id == annotation_id:
                self._set_highlight(index, post=post)
                return

    def _set_highlight(self, index: int, post: bool) -> None:
        if not self.rows:
            return
        self.highlighted = max(0, min(index, len(self.rows) - 1))
        self.scroll_to_region_row(self.highlighted)
        self.refresh()
        if post and self.current is not None:
            self.post_message(self.Highlighted(self.current, jump=False))

    def scroll_to_region_row(self, index: int) -> None:
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def render_lines(self, crop: Region) -> list[Strip]:
        # the style and width cost a walk through the DOM each: once a frame, not once a row
        self._frame_base = self.rich_style
        self._frame_width = self.scrollable_content_region.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self._frame_width
        base = self._frame_base
        if index >= len(self.rows):
            return Strip.blank(width, base)
        annotation = self.rows[index]
        if index == self.highlighted:
            base = base + self.get_component_rich_style("annotation-list--highlight", partial=True)
        muted = base + self.get_component_rich_style("annotation-list--muted", partial=True)
        tag = self.tags.get(annotation.tag)
        colour = tag.colour if tag else None
        letter = tag.letter if tag else "?"
        # on the highlighted row the letter is drawn reversed, so its colour survives the bar
        highlighted = index == self.highlighted
        letter_style = Style(color=colour, bold=True, reverse=highlighted)
        segments = [Segment(" ", base), Segment(letter, base + letter_style), Segment(" ", base)]
        state = "" if annotation.status in ("ok", "moved") else f"[{annotation.status}] "
        if state:
            segments.append(Segment(state, muted + Style(bold=True)))
        used, quote_style = 3 + len(state), base
        if self.view is not None and not self.view.mine:  # others' marks listed: whose each is
            name = snippet(annotation.annotator or "(unnamed)", 12) + " "
            segments.append(Segment(name, muted + Style(italic=True)))
            used += len(name)
            if not self.view.owns(annotation):
                quote_style = muted  # read-only: dimmed, as in the reader
        note = f" ✎ {snippet(annotation.note, 40)}" if annotation.note else ""
        room = max(4, width - used - min(len(note), max(0, width - used - 12)))
        segments.append(Segment(snippet(annotation.quote.exact, room), quote_style))
        if note:
            segments.append(Segment(note, muted))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def action_move(self, delta: int) -> None:
        self._set_highlight(self.highlighted + delta, post=True)

    def action_edge(self, end: int) -> None:
        self._set_highlight(len(self.rows) - 1 if end else 0, post=True)

    def action_jump(self) -> None:
        if self.current is not None:
            self.post_message(self.Highlighted(self.current, jump=True))

    def action_delete(self) -> None:
        if self.current is not None:
            self.post_message(self.DeleteRequested(self.current))

    def action_cycle_filter(self) -> None:
        names = [None, *self.tags]
        self.tag_filter = names[(names.index(self.tag_filter) + 1) % len(names)]
        self.highlighted = 0
        self.show(self.all)

    def on_click(self, event) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < len(self.rows):
            self._set_highlight(index, post=True)
