"""The screen researchers live in: the reader, the annotation list, search and editing keys.

Dialogs are imported when first opened: start-up pays only for what the reader shows.
"""

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from readtui.annotations import Annotation
from readtui.config import Config
from readtui.document import Document
from readtui.editing import Editor, Recleaned, Rejection, StateChange
from readtui.store import AnnotationStore
from readtui.tui.adjudicate import (
    ADJUDICATION_BINDINGS,
    ADJUDICATION_OTHER_KEYS,
    AdjudicationKeys,
)
from readtui.tui.annotators import AnnotatorViews
from readtui.tui.bars import MIN_TEXT_COLUMNS, list_width, quoted, title_and_name
from readtui.tui.corpus_keys import CorpusKeys
from readtui.tui.corrections import CleaningCorrections
from readtui.tui.other_writers import OtherWriters
from readtui.tui.reader import GUTTER, ReaderView
from readtui.tui.review import ReviewKeys
from readtui.tui.sidebar import AnnotationList, snippet
from readtui.tui.suggestions import SuggestionKeys
from readtui.wording import count_of


def _tag_bindings(config: Config) -> list[Binding]:
    bindings = []
    for key in range(1, 10):
        tag = config.tag_for_key(key)
        name = tag.name if tag else str(key)
        # the footer shows the short name; help shows the tooltip, and leaves out (as system
        # keys) those with no tag: they only say so
        bindings.append(
            Binding(
                str(key),
                f"tag_key({key})",
                name,
                show=tag is not None and key <= 3,
                tooltip=f"Tag {name}",
                system=tag is None,
            )
        )
    return bindings


class ReaderScreen(
    AdjudicationKeys,  # first: while adjudicating it stands in for some of the others' methods
    AnnotatorViews,  # it guards some of the others' methods
    CorpusKeys,
    OtherWriters,
    ReviewKeys,
    SuggestionKeys,
    CleaningCorrections,
    Screen,
):
    """One article: read, select, tag, annotate; every change saved at once."""

    CSS_PATH = "reader_screen.tcss"

    BINDINGS = [
        Binding("t", "tag_by_name", "Tag…", show=False, tooltip="Tag (or retag) by name"),
        Binding(
            "equals_sign",
            "resize",
            "Resize",
            show=False,
            tooltip="Resize: motions move its end, o the other end, = or enter applies",
        ),
        Binding(
            "o", "swap_ends", "Other end", show=False, tooltip="While resizing: move the other end"
        ),
        Binding("enter", "apply_resize", "Apply", show=False, tooltip="While resizing: apply"),
        Binding("enter", "review_accept", "Accept here", show=False,
                tooltip="While reviewing: accept the annotation where it is"),  # fmt: skip
        Binding("ctrl+r", "review", "Review", show=False,
                tooltip="Review fuzzy and orphan annotations one by one"),  # fmt: skip
        Binding("a", "toggle_suggestions", "Suggest", tooltip="Show/hide suggestions"),
        Binding("enter", "accept_suggestion", "Accept", show=False,
                tooltip="Accept the suggestion under the cursor (with a)"),  # fmt: skip
        Binding(
            "semicolon",
            "cycle_current",
            "Next overlapping",
            show=False,
            tooltip="Next mark under the cursor (the one c, e, x, = act on)",
        ),
        Binding("c", "note", "Note"),
        Binding("e", "attributes", "Attributes"),
        Binding("x,delete", "delete", "Delete", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False),
        Binding("right_square_bracket", "next_annotation(1)", "Next annotation", show=False),
        Binding("left_square_bracket", "next_annotation(-1)", "Previous annotation", show=False),
        Binding("slash", "search", "Search"),
        Binding("n", "search_step(1)", "Next match", show=False),
        Binding("N", "search_step(-1)", "Previous match", show=False),
        Binding("tab", "switch_focus", "List", show=False, priority=True),
        Binding("ctrl+l", "toggle_list", "Show/hide list", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("R", "toggle_removed", "Removed", show=False,
                tooltip="Show/hide what cleaning removed, dimmed in place"),
        Binding("plus", "restore_block", "Restore", show=False,
                tooltip="Restore the removed block under the cursor (with R)"),
        Binding("minus", "drop_block", "Drop block", show=False,
                tooltip="Drop the block under the cursor from the article"),
        Binding("T", "make_title", "Title", show=False,
                tooltip="Make the block under the cursor the title"),
        Binding("D", "toggle_done", "Done",
                tooltip="Mark the article done (for you), or back to in progress"),
        Binding("greater_than_sign", "next_article(1)", "Next",
                tooltip="Save and open the next article of the library not done by you"),
        Binding("less_than_sign", "next_article(-1)", "Previous", show=False,
                tooltip="Save and open the previous article of the library"),
        Binding("ctrl+o", "cycle_annotators", "Whose marks", show=False,
                tooltip="Show your marks, another annotator's, or everyone's (read-only)"),
    ]  # fmt: skip

    # what cannot run before the whole article is there (see `attach`)
    EDITING_ACTIONS = frozenset(
        {
            "tag_key", "tag_by_name", "note", "attributes", "delete", "undo", "redo", "save",
            "resize", "swap_ends", "apply_resize", "toggle_removed", "restore_block",
            "drop_block", "make_title", "toggle_suggestions", "accept_suggestion", "review",
            "review_accept", "toggle_done", "cycle_annotators",
        }
    )  # fmt: skip
    # keys that mean something only while an annotation is being resized
    RESIZE_ACTIONS = frozenset({"swap_ends", "apply_resize"})

    def __init__(
        self,
        document: Document,
        store: AnnotationStore | None,
        config: Config,
        closes_to: str = "Quit",
        adjudicate: tuple[str, str, str] | None = None,
    ) -> None:
        """With no store, `document` is the start of a long article still loading: it can be
        read, and editing starts when `attach` brings the whole. `closes_to` names what `q`
        does in the footer: "Quit", or "Library" when it goes back there. `adjudicate`: (A, B,
        gold) to adjudicate once the article is whole (readtui.tui.adjudicate)."""
        super().__init__()
        self.adjudication_request = adjudicate
        self.document = document
        self.store = store
        if store is not None:
            store.write_later = True  # see write_pending
        self.config = config
        self.editor = Editor(store, config.annotator, document.text)
        self._bindings_for_tags = _tag_bindings(config)
        self._shown = False  # see _on_screen_resume
        # the tag keys come from the config; first among the screen's keys in the footer
        self._close_binding = Binding("q", "close", closes_to, tooltip="Close, saving first")
        self._bindings = BindingsMap.merge(
            [
                BindingsMap(ADJUDICATION_BINDINGS),  # each on only while adjudicating
                BindingsMap(self._bindings_for_tags),
                self._bindings,
                BindingsMap([self._close_binding]),
                BindingsMap(ADJUDICATION_OTHER_KEYS),
            ]
        )
        self._warned_save_error = False
        self._tag_counts: dict[str, int] = {}
        self._list_chosen: bool | None = None  # shown or hidden by ctrl+l: wins over the width
        self._current_id: str | None = None  # chosen by ]/[, ; or the list among overlaps

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="panes"):
            # the status line sits under the reader, not across the screen: a cursor move
            # repaints a row of the reader and this line, and what lies between them
            with Vertical(id="main"):
                yield ReaderView(
                    self.document, self.editor, self.config, on_cursor=self._cursor_moved,
                    id="reader",
                )  # fmt: skip
                yield Static(id="status-line")
            with Vertical(id="side"):
                yield Static(id="list-title")
                yield AnnotationList(self.config, id="annotation-list")

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def annotation_list(self) -> AnnotationList:
        return self.query_one(AnnotationList)

    def on_mount(self) -> None:
        async def add_footer_and_search() -> None:
            from textual.widgets import Footer  # its import and mount: ~7 ms before the article

            if not self.is_attached:  # closed within its first frame (q pressed at once)
                return
            await self.mount(Footer())
            self.refresh_bindings()  # the footer lists the keys when they are next published
            await self._search_input()
            # where the user left the article: once the footer has taken its row, so that the
            # rows scrolled to are the rows shown
            self.call_after_refresh(self.restore_position)
            self.call_after_refresh(self.start_requested_adjudication)

        # after the first frame, which has the article sooner: the footer's keys came a frame
        # after it anyway, and the hidden search box is not needed before `/`
        self.call_after_refresh(add_footer_and_search)
        self.annotation_list.view = self.editor.view
        self.annotation_list.show(self.editor.annotations)
        self.reader.focus()
        self._count_tags()
        self._update_bars()
        if self.store is not None:
            self._report_loading()
            self.watch_sidecar()

    @property
    def loading(self) -> bool:
        return self.store is None

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.adjudication_allows(action):
            return False
        if self.loading and action in self.EDITING_ACTIONS:
            return None  # shown dimmed in the footer until the article is whole
        if self.showing_removed and action in self.ANNOTATING_ACTIONS:
            return None  # dimmed: offsets in the removed view are not the annotations'
        if action == "review_accept":
            return self.reviewing and not self._resizing()
        if action == "accept_suggestion":
            return self.showing_suggestions and not self._resizing() and not self.reviewing
        if action in self.RESIZE_ACTIONS:  # asked for by the footer before the reader is there
            return self._resizing()
        return True

    def _resizing(self) -> bool:
        readers = self.query(ReaderView)
        return bool(readers) and readers.first().resizing is not None

    def attach(self, document: Document, store: AnnotationStore) -> None:
        """The whole article has loaded: show it, with its annotations, and allow editing."""
        keep_cursor = document.text.startswith(self.document.text)
        self.document, self.store = document, store
        store.write_later = True
        self.editor = Editor(store, self.config.annotator)
        self.reader.show_document(document, self.editor, keep_cursor=keep_cursor)
        self._after_change()
        self.refresh_bindings()
        self._report_loading()
        self.watch_sidecar()
        self.restore_position()
        self.start_requested_adjudication()

    def _report_loading(self) -> None:
        if self.store.reanchored:
            self.notify(
                f"The source changed: {count_of(self.store.reanchored, 'annotation')} "
                "re-anchored; those marked fuzzy or orphan need review.",
                title="Source changed",
                severity="warning",
                markup=False,
            )
        for warning in self.document.warnings:
            self.notify(warning, severity="warning", markup=False)
        if self.store.renamed:
            self.notify(
                f"{count_of(len(self.store.renamed), 'annotation')} in the sidecar had the id of "
                "another; each copy got a new id, so that x, c, e and undo act on one mark",
                title="Repeated ids repaired",
                severity="warning",
                markup=False,
            )
        if self.document.unmatched:
            from readtui.corrections import describe

            unmatched = "; ".join(describe(item) for item in self.document.unmatched)
            self.notify(
                f"Kept in the sidecar, but no block of the cleaned text matches: {unmatched}",
                title="Corrections that no longer apply",
                severity="warning",
                markup=False,
            )

    # Bars
    def _count_tags(self) -> None:
        self._tag_counts = {}
        for annotation in self.editor.shown:
            self._tag_counts[annotation.tag] = self._tag_counts.get(annotation.tag, 0) + 1

    def _update_bars(self) -> None:
        """The title bar (title, counts, save state) and the status line."""
        counts = self._tag_counts
        where = Text.assemble(self.state_label(), self.view_label())
        for tag in self.config.tags:
            where.append(f" {tag.letter} {counts.get(tag.name, 0)}", style=f"bold {tag.colour}")
        where.append(" ")
        if self.store is not None and self.store.save_error is not None:
            where.append(" NOT SAVED (ctrl+s retries) ", style="bold reverse red")
        room = self.app.size.width - where.cell_len
        title = title_and_name(self.document.title, self.document.name, room) + where
        # one row each, fixed in the CSS: a repaint without a layout pass
        self.query_one("#title-bar", Static).update(title, layout=False)
        self._show_status(self._status_text())

    def _cursor_moved(self) -> None:
        self._show_status(self._status_text())

    def _show_status(self, status: Text) -> None:
        """`status` on the left of the status line, the cursor's position on the right."""
        position = Text(f" {self.reader.position_label()} ", style="dim")
        line = self.query_one("#status-line", Static)
        status.truncate(max(0, line.size.width - position.cell_len), overflow="ellipsis", pad=True)
        line.update(status + position, layout=False)

    def _status_text(self) -> Text:
        if self.adjudicating:
            return self.adjudication_status()
        if self.showing_removed:
            return self.removed_status()
        if (under_review := self.review_current()) is not None:
            return self.review_status(under_review)
        if (hint := self.hint_here()) is not None:
            return self.hint_status(hint)
        reader = self.reader
        status = Text(" ")
        if self.loading:
            status.append("Loading the rest of the article… editing starts when it is here ")
        selection = reader.selection()
        if reader.extending and reader.resizing is None:
            status.append("SELECT ", style="bold reverse")
        if selection:
            words = len(self.document.text[selection[0] : selection[1]].split())
            status.append(f"{count_of(words, 'word')} selected · 1-9 tags them · escape clears  ")
        if reader.resizing is not None:
            status.append(f"RESIZE {reader.resizing.tag} ", style="bold reverse")
            status.append(" motions move the end · o the other end · = or enter applies · "
                          "escape cancels  ")  # fmt: skip
        covering = self.editor.index.covering(reader.cursor)  # once a keypress, not twice
        annotation = self.current(covering)
        if annotation is not None:
            tag = self.config.tag(annotation.tag)
            if len(covering) > 1:
                status.append(f"{len(covering)} here, ; cycles · ", style="dim")
            status.append(f"{annotation.tag}", style=f"bold {tag.colour if tag else ''}")
            status.append(self.owner_note(annotation), style="dim")
            if annotation.status not in ("ok", "moved"):
                status.append(f" ({annotation.status}: needs review)", style="bold")
            status.append(f"  {quoted(snippet(annotation.quote.exact, 50))}")
            if annotation.attrs:
                pairs = ", ".join(f"{k}={v}" for k, v in annotation.attrs.items())
                status.append(f"  {pairs}", style="italic")
            if annotation.note:
                status.append(f"  ✎ {snippet(annotation.note, 60)}", style="dim")
        elif reader.search:
            found = count_of(len(reader.search.starts), "match")
            status.append(f"search “{reader.search.query}”: {found}")
        elif self.showing_suggestions:
            status.append_text(self.hint_status(None))
        return status

    # Edits: each goes through the editor; the sidecar is written right after the frame
    def _after_change(self, focus: Annotation | None = None, message: str = "") -> None:
        self.reader.annotations_changed()
        self.annotation_list.show(self.editor.annotations)
        if focus is not None:
            self.annotation_list.select_id(focus.id, post=False)
        self._count_tags()
        self._update_bars()
        if message:
            self.notify(message, markup=False, timeout=2)
        # the change is on screen first; the sidecar (15 MB for a long article) is written next
        self.call_after_refresh(self.write_pending)

    def write_pending(self) -> None:
        """Write the changes not written yet, and say so if that fails."""
        if self.store is None or not self.store.unsaved:
            return
        failed_before = self.store.save_error is not None
        self.store.write_pending()
        if (self.store.save_error is not None) != failed_before:
            self._update_bars()
        self._check_saved()
        self.took_in_others()

    def on_unmount(self) -> None:
        self.stop_finding()
        self.keep_position()
        if self.store is not None:
            self.store.write_pending()

    def _check_saved(self) -> None:
        error = self.store.save_error if self.store else None
        if error is None:
            self._warned_save_error = False
            return
        if not self._warned_save_error:
            self._warned_save_error = True
            self._offer_save_elsewhere(error)

    def _offer_save_elsewhere(self, error: OSError, quitting: bool = False) -> None:
        message = f"Could not save {self.store.path}: {error.strerror or error}"
        suggested = str(Path.home() / self.store.path.name)

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            action, path = choice
            if action == "retry":
                self.action_save(quit_after=quitting)
            elif action == "elsewhere":
                self._save_to(Path(path).expanduser(), quit_after=quitting)
            elif action == "discard" and quitting:
                self._leave()

        from readtui.tui.screens.save_failed import SaveFailedDialog

        self.app.push_screen(SaveFailedDialog(message, suggested, quitting=quitting), chosen)

    def _save_to(self, path: Path, quit_after: bool = False) -> None:
        try:
            self.store.save(path)
        except OSError as error:
            self._offer_save_elsewhere(error, quitting=quit_after)
            return
        self.notify(f"Saved to {path}", markup=False)
        self._update_bars()
        if quit_after:
            self._leave()

    def _selection_or_warn(self) -> tuple[int, int] | None:
        selection = self.reader.selection()
        if not selection or selection[0] == selection[1]:
            self.notify("Select a passage first: v, s, p or shift+arrows", markup=False, timeout=3)
            return None
        return selection

    def _tag_selection(self, tag_name: str) -> None:
        if not self.may_add():
            return
        selection = self._selection_or_warn()
        if selection is None:
            return
        tag = self.config.tag(tag_name)
        # imported here: only a tag made by hand needs its patterns, not the reader's start
        from readtui.casualty import prefilled_attrs

        attrs = prefilled_attrs(tag, self.document.text[slice(*selection)]) if tag else {}
        annotation = self.editor.tag(*selection, tag_name, attrs)
        if annotation is None:
            self.notify("Already tagged so, or nothing but punctuation", markup=False, timeout=2)
            return
        self.reader.clear_selection()
        self.reader.move_to(annotation.start)
        self._current_id = annotation.id
        message = ""
        if attrs:
            pairs = ", ".join(f"{name}={value}" for name, value in attrs.items())
            message = f"{tag_name}: {pairs} (e edits)"
        self._after_change(annotation, message)

    def _retag(self, tag_name: str) -> None:
        """A tag key with nothing selected: the current annotation takes that tag."""
        annotation = self._target()
        if annotation is None:
            self.notify(
                "Select a passage first (v, s, p or shift+arrows), or put the cursor on an "
                "annotation to retag it",
                markup=False,
                timeout=3,
            )
            return
        if not self.may_edit(annotation):
            return
        if annotation.tag == tag_name:
            self.notify(f"Already a {tag_name}", markup=False, timeout=2)
            return
        tag = self.config.tag(tag_name)
        defined = tuple(a.name for a in tag.attributes) if tag else ()
        retagged = self.editor.retag(annotation, tag_name, defined)
        self._current_id = retagged.id
        self._after_change(retagged, f"{annotation.tag} → {tag_name} (u undoes)")

    def _tag_or_retag(self, tag_name: str) -> None:
        nothing_selected = self.reader.resizing is None and self.reader.selection() is None
        if nothing_selected and (hint := self.hint_here()) is not None:
            self.accept_hint(hint, tag_name)
            return
        if nothing_selected:
            self._retag(tag_name)
        else:
            self._tag_selection(tag_name)

    def action_tag_key(self, key: int) -> None:
        tag = self.config.tag_for_key(key)
        if tag is None:
            self.notify(f"No tag on key {key}", markup=False, timeout=2)
            return
        self._tag_or_retag(tag.name)

    def action_tag_by_name(self) -> None:
        if not self.may_add():
            return
        if self.reader.selection() is None and self._target() is None:
            self._selection_or_warn()
            return

        def picked(name: str | None) -> None:
            if name:
                self._tag_or_retag(name)

        from readtui.tui.screens.tag_picker import TagPicker

        self.app.push_screen(TagPicker(self.config.tags), picked)

    def current(self, covering: list[Annotation] | None = None) -> Annotation | None:
        """The annotation that keys act on in the reader: the one chosen among those under the
        cursor (by ]/[, ; or the list), else the innermost of the user's own, else the innermost.
        `covering`: those under the cursor, when the caller has them."""
        if covering is None:
            covering = self.editor.index.covering(self.reader.cursor)
        chosen = next((a for a in covering if a.id == self._current_id), None)
        owns = self.editor.view.owns
        return chosen or next((a for a in covering if owns(a)), covering[0] if covering else None)

    def _target(self) -> Annotation | None:
        """What c, e, x, = and retag act on: the list's highlighted row while the list has the
        focus, the current annotation in the reader otherwise."""
        if self.annotation_list.has_focus:
            return self.annotation_list.current
        return self.current()

    def _annotation_here(self) -> Annotation | None:
        annotation = self._target()
        if annotation is None:
            self.notify("No annotation under the cursor", markup=False, timeout=2)
        elif not self.may_edit(annotation):
            return None
        return annotation

    def action_cycle_current(self) -> None:
        covering = self.editor.index.covering(self.reader.cursor)
        if len(covering) < 2:
            self.notify("Only one annotation here" if covering else "No annotation here",
                        markup=False, timeout=2)  # fmt: skip
            return
        ids = [a.id for a in covering]
        current = self.current()
        following = (
            covering[(ids.index(current.id) + 1) % len(covering)] if current else covering[0]
        )
        self._current_id = following.id
        self.annotation_list.select_id(following.id, post=False)
        self._update_bars()

    # Resizing: `=` makes the current annotation's span the selection
    def action_resize(self) -> None:
        if self.reader.resizing is not None:
            self.action_apply_resize()
            return
        if self.reviewing and self.review_place():
            return
        annotation = self._annotation_here()
        if annotation is None:
            return
        if annotation.is_orphan:
            self.notify("An orphan has no place in the text to resize", markup=False, timeout=3)
            return
        self.reader.focus()
        self.reader.start_resize(annotation)
        self._update_bars()

    def action_swap_ends(self) -> None:
        self.reader.swap_ends()

    def action_apply_resize(self) -> None:
        annotation, selection = self.reader.resizing, self.reader.selection()
        if annotation is None:
            return
        if selection is None:
            self.notify("Nothing but punctuation is selected: escape cancels", markup=False)
            return
        resized = self.editor.resize(annotation, *selection)
        self.reader.end_resize()
        self.reader.move_to(resized.start)
        self._current_id = resized.id
        if resized is annotation:
            self._update_bars()
            return
        self._after_change(resized, f"Resized {resized.tag} (u undoes)")
        self.reviewed()

    def action_note(self) -> None:
        annotation = self._annotation_here()
        if annotation is None:
            return

        def written(note: str | None) -> None:
            if note is not None and note != annotation.note:
                self._after_change(self.editor.set_note(annotation, note), "Note saved")

        from readtui.tui.screens.note import NoteDialog

        self.app.push_screen(NoteDialog(annotation.note, annotation.quote.exact), written)

    def action_attributes(self) -> None:
        annotation = self._annotation_here()
        if annotation is None:
            return
        tag = self.config.tag(annotation.tag)
        if tag is None or not tag.attributes:
            self.notify(f"The tag '{annotation.tag}' has no attributes", markup=False, timeout=3)
            return

        def edited(attrs: dict | None) -> None:
            if attrs is not None and attrs != annotation.attrs:
                self._after_change(self.editor.set_attrs(annotation, attrs), "Attributes saved")

        from readtui.tui.screens.attributes import AttributesDialog

        dialog = AttributesDialog(tag, annotation.attrs, annotation.quote.exact)
        self.app.push_screen(dialog, edited)

    def action_delete(self) -> None:
        under_review = None if self.annotation_list.has_focus else self.review_current()
        if under_review is not None:
            self._delete(under_review)
            self.reviewed()
            return
        hint = None if self.annotation_list.has_focus else self.hint_here()
        if hint is not None:
            self.reject_hint(hint)
            return
        annotation = self._annotation_here()
        if annotation is not None:
            self._delete(annotation)

    def _delete(self, annotation: Annotation) -> None:
        if not self.may_edit(annotation):
            return
        self.editor.delete(annotation)
        self._after_change(message=f"Deleted {annotation.tag} (u undoes)")

    def action_undo(self) -> None:
        self._step_history(self.editor.undo, "Undone", "Nothing to undo")

    def action_redo(self) -> None:
        self._step_history(self.editor.redo, "Redone", "Nothing to redo")

    def _step_history(self, step, done: str, nothing: str) -> None:
        change = step()
        if change is None:
            self.notify(nothing, markup=False, timeout=2)
            return
        if self.adjudicating:  # a decision (readtui.adjudication)
            self.adjudication_stepped(change, done)
            return
        if isinstance(change, Recleaned):
            self.show_corrected(change, self.reader_offset(0))
            return
        if isinstance(change, StateChange):
            self._after_change(message=f"{done}: {change.label}")
            return
        if isinstance(change, Rejection):
            self.reader.move_to(self.reader_offset(change.start))
            self.find_suggestions()  # the suggestion comes back, or goes again
            self._after_change(message=f"{done}: {change.label}")
            return
        if self.showing_removed:
            self._show_all_blocks(full_cursor=self.reader.cursor)  # the marks shown changed
        self.reader.move_to(self.reader_offset((change.added or change.removed)[0].start))
        self.find_suggestions()  # an accepted suggestion undone is a suggestion again
        self._after_change(message=f"{done}: {change.label}")

    def action_next_annotation(self, delta: int) -> None:
        if self.reader.hints is not None:
            self.step_hint(delta > 0)
            return
        found = self.editor.index.step(self.reader.cursor, delta > 0, self.current())
        if found is None:
            self.notify("No more annotations", markup=False, timeout=2)
            return
        self._current_id = found.id
        self.reader.move_to(found.start, center=True)
        self.annotation_list.select_id(found.id, post=False)

    # The annotation list
    @on(AnnotationList.Highlighted)
    def _list_highlighted(self, message: AnnotationList.Highlighted) -> None:
        annotation = message.annotation
        if annotation.is_orphan:
            self.notify(
                f"Orphan: “{snippet(annotation.quote.exact, 60)}” could not be placed "
                "in the changed source; it is kept in the sidecar.",
                markup=False,
            )
        else:
            self._current_id = annotation.id
            self.reader.move_to(self.reader_offset(annotation.start), center=True)
        if message.jump:
            self.reader.focus()

    @on(AnnotationList.Filtered)
    def _list_filtered(self, message: AnnotationList.Filtered) -> None:
        self.query_one("#list-title", Static).update(Text(message.summary), layout=False)

    @on(AnnotationList.DeleteRequested)
    def _list_delete(self, message: AnnotationList.DeleteRequested) -> None:
        self._delete(message.annotation)

    def action_switch_focus(self) -> None:
        if self.focused is self.reader and self.query_one("#side").display:
            self.annotation_list.focus()
            annotation = self.current()
            if annotation is not None:
                self.annotation_list.select_id(annotation.id, post=False)
        elif isinstance(self.focused, Input):
            self.focused.blur()
            self.reader.focus()
        else:
            self.reader.focus()

    def action_toggle_list(self) -> None:
        self._list_chosen = not self.query_one("#side").display
        self._fit_list(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_list(event.size.width)
        self._update_bars()  # the title gets more room, or less

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler (which this name shadows in the dispatch, and which
        # still runs as the base class's). When first shown, every widget's styles were applied
        # as it mounted, a moment ago: applying them all again cost as much as the first paint.
        if not self._shown:
            self._shown = True
            event.refresh_styles = False
        self._fit_list(self.app.size.width)  # first shown, or resized under a dialog
        self._update_bars()

    def _fit_list(self, terminal_width: int) -> None:
        """The list's width follows the terminal's; it hides where the reader would be too
        narrow beside it, unless ctrl+l said otherwise. Runs on a resize, not per key."""
        side, width = self.query_one("#side"), list_width(terminal_width)
        beside = terminal_width - width - GUTTER - self.reader.styles.scrollbar_size_vertical
        shown = beside >= MIN_TEXT_COLUMNS if self._list_chosen is None else self._list_chosen
        if side.styles.width is None or side.styles.width.value != width:
            side.styles.width = width
        side.display = shown
        if not shown and self.annotation_list.has_focus:
            self.reader.focus()

    # Search
    async def _search_input(self) -> Input:
        """The search box, hidden until `/`: mounted after the first frame, or by `/` if that
        comes first."""
        found = self.query("#search")
        if found:
            return found.first(Input)
        search = Input(placeholder="Search (enter: go, escape: cancel)", id="search")
        search.display = False
        await self.mount(search)
        return search

    async def action_search(self) -> None:
        search = await self._search_input()
        search.display = True
        search.value = self.reader.search.query if self.reader.search else ""
        # focus now, not on the next turn of the loop: keys typed right after `/` are the query
        # (a `q` among them must not close the article)
        self.set_focus(search)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        count = self.reader.set_search(event.value)
        self._show_status(
            Text(f" search “{event.value}”: {count_of(count, 'match')}")
            if event.value
            else Text(" ")
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search()
        number = self.reader.search_step(True)
        if number is None and event.value:
            self.notify(f"No match for “{event.value}”", markup=False, timeout=2)

    def _close_search(self) -> None:
        self.query_one("#search", Input).display = False
        self.reader.focus()

    def key_escape(self) -> None:
        if isinstance(self.focused, Input) and self.focused.id == "search":
            self.reader.set_search("")
            self._close_search()

    def action_search_step(self, delta: int) -> None:
        number = self.reader.search_step(delta > 0)
        if number is None:
            self.notify("No search: press / to search", markup=False, timeout=2)
            return
        total = len(self.reader.search.starts)
        self._show_status(Text(f" search “{self.reader.search.query}”: match {number} of {total}"))

    # Saving, help, leaving
    def action_save(self, quit_after: bool = False) -> None:
        try:
            self.store.save()
        except OSError as error:
            self._offer_save_elsewhere(error, quitting=quit_after)
            self._update_bars()
            return
        self._warned_save_error = False
        self._update_bars()
        if quit_after:
            self._leave()
        else:
            self.notify(f"Saved {self.store.path.name}", markup=False, timeout=2)

    def help_rows(self) -> list[tuple[str, str]]:
        """Every key of the reader, built from the bindings themselves: the tag keys that have
        a tag, and the app's own keys (quit, command palette) as they are bound now."""
        app_keys = [
            active.binding
            for active in self.active_bindings.values()
            if active.node is self.app and active.enabled
        ]
        sections = [
            ("Adjudicating: ", self.adjudication_help()),
            ("", ReaderView.BINDINGS),
            ("", [*self.BINDINGS, *self._bindings_for_tags, self._close_binding]),
            ("", app_keys),
            ("List: ", AnnotationList.BINDINGS),
        ]
        rows: list[tuple[str, str]] = []
        for prefix, bindings in sections:
            grouped: dict[str, tuple[list[str], str]] = {}
            for binding in Binding.make_bindings(bindings):
                if binding.system:
                    continue
                text = binding.tooltip or binding.description
                keys, _ = grouped.setdefault(binding.action, ([], text))
                keys.append(self.app.get_key_display(binding))
            rows += [(", ".join(keys), prefix + text) for keys, text in grouped.values()]
        return rows

    def action_help(self) -> None:
        from readtui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("readtui keys", self.help_rows()))

    def action_close(self) -> None:
        if self.store is not None and (self.store.unsaved or self.store.save_error is not None):
            self.action_save(quit_after=True)
        else:
            self._leave()

    def _leave(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()
