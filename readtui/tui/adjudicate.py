"""Adjudication in the reader (issue 11): two annotators' disagreements, one at a time.

Started from the command palette ("Adjudicate two annotators…", a dialog asks for the names) or
by `readtui FILE --adjudicate A B [--as NAME]`. The marks the two share go into the result (gold)
at once; then the reader shows each disagreement in turn: A's and B's marks in their tag colours,
gold's faded, and the side panel lists both versions with tag, text, note and attributes.

    1 or a   take A's version        2 or b   take B's
    3 or +   take both               0 or -   take neither
    ] [      next / previous disagreement (decided ones too: a new choice replaces the old)
    u U      undo / redo a decision  escape   leave (every decision is saved as it is made)

After a choice the reader goes on to the next disagreement not decided. Opening the adjudication
again goes on at the first one not decided (readtui.adjudication keeps the decisions). The keys
that edit by hand wait meanwhile: the marks shown are A's and B's, read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Input, Static

from readtui.tui.bars import quoted
from readtui.tui.sidebar import snippet
from readtui.wording import count_of

if TYPE_CHECKING:  # the engine loads when an adjudication starts, not with the reader
    from readtui.adjudication import Adjudication, Cluster, Decision
    from readtui.annotations import Annotation
    from readtui.editing import Editor

_STEP = Binding.Group("Next/prev")
ADJUDICATION_BINDINGS = [
    # priority: the reader's own `b` (a word back) and escape (clear the selection) would come
    # first otherwise; each is on only while adjudicating (ReaderScreen.check_action). The
    # choices are readtui.adjudication's A, B, BOTH and NEITHER.
    Binding("1", "adjudicate_take('A')", "A's", priority=True,
            tooltip="Take A's version of this disagreement"),
    Binding("2", "adjudicate_take('B')", "B's", priority=True,
            tooltip="Take B's version of this disagreement"),
    Binding("3", "adjudicate_take('both')", "Both", priority=True,
            tooltip="Take both versions"),
    Binding("0", "adjudicate_take('neither')", "Neither", priority=True,
            tooltip="Take neither version"),
    Binding("right_square_bracket", "adjudicate_step(1)", "Next", priority=True, group=_STEP,
            tooltip="Next disagreement"),
    Binding("left_square_bracket", "adjudicate_step(-1)", "Previous", priority=True,
            group=_STEP, tooltip="Previous disagreement"),
    Binding("escape", "leave_adjudication", "Leave", priority=True,
            tooltip="Leave the adjudication (every decision is saved)"),
]  # fmt: skip
# the same, on letters and signs; not in the footer, which shows the digits. Merged after the
# reader's own keys: a key's place in the footer is where it was first bound.
ADJUDICATION_OTHER_KEYS = [
    Binding("a", "adjudicate_take('A')", "A's", priority=True, show=False),
    Binding("b", "adjudicate_take('B')", "B's", priority=True, show=False),
    Binding("plus", "adjudicate_take('both')", "Both", priority=True, show=False),
    Binding("minus", "adjudicate_take('neither')", "Neither", priority=True, show=False),
]
ADJUDICATION_ACTIONS = frozenset({"adjudicate_take", "adjudicate_step", "leave_adjudication"})
# the reader's keys that still act while adjudicating, of those that edit (the rest wait)
KEPT_WHILE_ADJUDICATING = frozenset({"undo", "redo", "save"})
# and keys that do not edit, but whose own job the adjudication has taken over
BLOCKED_WHILE_ADJUDICATING = frozenset({"next_annotation", "switch_focus"})
QUOTE_LIMIT = 240  # characters of a version's text in the side panel


class DisagreementPanel(Static):
    """The side panel while adjudicating: the current disagreement's two versions."""

    DEFAULT_CSS = """
    DisagreementPanel {
        height: 1fr;
        padding: 0 1;
        overflow-y: auto;
    }
    """


class AdjudicationKeys:
    """The reader screen's adjudication (mixed into ReaderScreen, before AnnotatorViews: it
    stands in for its title-bar label while adjudicating)."""

    adjudication_request: tuple[str, str, str] | None = None  # (A, B, gold) asked on opening
    _adjudication: Adjudication | None = None
    _user_editor: Editor | None = None  # the user's own editor, back when the adjudication ends
    _adjudication_at = 0  # the index of the disagreement shown

    @property
    def adjudicating(self) -> bool:
        return self._adjudication is not None

    def adjudication_allows(self, action: str) -> bool:
        """Whether `action`'s key acts now: the adjudication's keys only while adjudicating
        (and not into the search box), the reader's editing keys only while not."""
        if action in ADJUDICATION_ACTIONS:
            if not self.adjudicating or isinstance(self.focused, Input):
                return False
            # escape first clears a selection, as in the reader
            return action != "leave_adjudication" or not (
                self.reader.extending or self.reader.fixed
            )
        if not self.adjudicating:
            return True
        if action in KEPT_WHILE_ADJUDICATING:
            return True
        return action not in self.EDITING_ACTIONS and action not in BLOCKED_WHILE_ADJUDICATING

    # Starting
    def ask_adjudication(self) -> None:
        """The palette's "Adjudicate two annotators…": a dialog asks for the names."""
        if self.store is None:
            self.notify("The article is still loading", markup=False, timeout=3)
            return
        from readtui.adjudication import DEFAULT_GOLD, annotators_of, recorded_adjudications

        editor = self._user_editor or self.editor
        results = recorded_adjudications(self.store)
        present = annotators_of(editor.annotations)
        annotators = {name: n for name, n in present.items() if name not in results}
        if len(annotators) < 2:
            only = ", ".join(annotators) or "nobody's"
            self.notify(
                f"Adjudication needs two annotators' marks: this article has {only} only",
                markup=False,
                timeout=5,
            )
            return
        if self._adjudication is not None:
            adjudication = self._adjudication
            preset = (adjudication.a, adjudication.b, adjudication.gold)
        elif results:
            gold, (a, b) = next(iter(results.items()))
            preset = (a, b, gold)
        else:
            first, second = list(annotators)[:2]
            preset = (first, second, DEFAULT_GOLD)

        def chosen(names: tuple[str, str, str] | None) -> None:
            if names is not None:
                self.start_adjudication(*names)

        from readtui.tui.screens.adjudicate import AdjudicateDialog

        self.app.push_screen(AdjudicateDialog(annotators, preset), chosen)

    def start_requested_adjudication(self) -> None:
        """Start the adjudication asked for on the command line, once the article is whole."""
        if self.adjudication_request is not None and self.store is not None:
            request, self.adjudication_request = self.adjudication_request, None
            self.start_adjudication(*request)

    def start_adjudication(self, a: str, b: str, gold: str) -> bool:
        """Adjudicate `a`'s and `b`'s marks into `gold`'s; False (and the user told why) when
        it cannot start."""
        if self.store is None:
            self.notify("The article is still loading", markup=False, timeout=3)
            return False
        if self._adjudication is not None:
            self.leave_adjudication(quietly=True)
        if self.showing_removed:
            self.action_toggle_removed()
        if self.showing_suggestions:
            self.action_toggle_suggestions()
        if self.reader.resizing is not None:
            self.reader.end_resize()
        self._review = None
        self.reader.clear_selection()
        from readtui.adjudication import Adjudication, AdjudicationError

        try:
            adjudication = Adjudication(self.store, a, b, gold)
        except AdjudicationError as error:
            self.notify(str(error), title="Cannot adjudicate", severity="error", markup=False)
            return False
        a, b = adjudication.a, adjudication.b
        clusters = adjudication.clusters
        decided_before = len(clusters) - adjudication.undecided
        said = []
        if adjudication.agreed_now or not decided_before:
            agreed = count_of(adjudication.agreed_now, "agreement")
            said.append(f"{agreed} of {a} and {b} taken into {gold}'s marks")
        if decided_before:
            said.append(f"{decided_before} of {count_of(len(clusters), 'disagreement')} decided "
                        "before")  # fmt: skip
        if adjudication.swapped:
            said.append(f"begun before with {a} as A and {b} as B: it goes on so")
        orphans = adjudication.plan.orphans
        if orphans:
            said.append(f"{count_of(len(orphans), 'orphan')} left out (no place in the text)")
        if not clusters:
            said.append(f"no disagreement: {gold}'s marks are done")
            self.call_after_refresh(self.write_pending)
            self._user_editor_back(self.editor)
            self.notify(" · ".join(said), title="Adjudicated", markup=False, timeout=8)
            return True
        self._user_editor = self.editor
        self._adjudication = self.editor = self.reader.editor = adjudication
        self._side_shows(panel=True)
        self.refresh_bindings()
        first = adjudication.next_undecided()
        if first is None:
            said.append(f"every disagreement is decided ({gold} is done); ] and [ revisit them")
        else:
            left = count_of(adjudication.undecided, "disagreement")
            said.append(f"{left} to decide, starting at number {first + 1}")
        self._show_cluster(first or 0)
        self.call_after_refresh(self.write_pending)
        self.notify(" · ".join(said), title=f"Adjudicating {a} and {b}", markup=False, timeout=8)
        return True

    # Moving and deciding
    @property
    def _cluster(self) -> Cluster:
        return self._adjudication.clusters[self._adjudication_at]

    def _show_cluster(self, index: int) -> None:
        self._adjudication_at = index
        cluster = self._cluster
        self._adjudication.show(cluster)
        self._current_id = None
        self.reader.move_to(cluster.start, center=True)
        self._redraw()

    def _redraw(self) -> None:
        self.reader.annotations_changed()
        self._count_tags()
        self._update_bars()
        self._show_panel()

    def action_adjudicate_step(self, delta: int) -> None:
        count = len(self._adjudication.clusters)
        self._show_cluster((self._adjudication_at + delta) % count)

    def action_adjudicate_take(self, choice: str) -> None:
        adjudication, cluster = self._adjudication, self._cluster
        if adjudication.choice_of(cluster) == choice:
            self._show_status(Text(f" Decided so already: {adjudication.label(choice)}"))
            return
        decision = adjudication.decide(cluster, choice)
        following = adjudication.next_undecided(self._adjudication_at)
        if following is None:
            self._show_cluster(self._adjudication_at)
            self.notify(
                f"All {count_of(len(adjudication.clusters), 'disagreement')} decided: "
                f"{adjudication.gold}'s marks are done · escape leaves, u undoes",
                title="Adjudication done",
                markup=False,
                timeout=8,
            )
        else:
            self._show_cluster(following)
            label = decision.label
            self.notify(f"{label[0].upper()}{label[1:]} (u undoes)", markup=False, timeout=2)
        self.call_after_refresh(self.write_pending)

    def adjudication_stepped(self, decision: Decision, done: str) -> None:
        """After undo or redo while adjudicating: show the disagreement it was about."""
        keys = [cluster.key for cluster in self._adjudication.clusters]
        if decision.key in keys:
            self._show_cluster(keys.index(decision.key))
        else:
            self._redraw()
        self.notify(f"{done}: {decision.label}", markup=False, timeout=2)
        self.call_after_refresh(self.write_pending)

    # Leaving
    def action_leave_adjudication(self) -> None:
        self.leave_adjudication()

    def leave_adjudication(self, quietly: bool = False) -> None:
        adjudication = self._adjudication
        self._adjudication = None
        self._side_shows(panel=False)
        self._user_editor_back(self._user_editor)
        self._user_editor = None
        self.refresh_bindings()
        if not quietly:
            decided = len(adjudication.clusters) - adjudication.undecided
            self._show_status(
                Text(
                    f" Left the adjudication: {decided} of {len(adjudication.clusters)} decided,"
                    f" saved as {adjudication.gold}'s marks · the palette (^p) goes on with it"
                )
            )

    def _user_editor_back(self, editor: Editor) -> None:
        """The user's own editor shows the reader's marks again, gold's new ones taken in."""
        editor.reload()
        self.editor = self.reader.editor = editor
        self.annotation_list.show(editor.annotations)
        self.reader.annotations_changed()
        self._count_tags()
        self._update_bars()

    def took_in_others(self) -> None:
        """Another writer's work came in: while adjudicating, the disagreements as they are
        now (the one shown stays, if it is still there)."""
        merged = bool(self.store.merges)
        super().took_in_others()
        adjudication = self._adjudication
        if adjudication is None or not merged:
            return
        if not adjudication.clusters:
            self.leave_adjudication()
            return
        keys = [cluster.key for cluster in adjudication.clusters]
        shown = adjudication.focus
        at = keys.index(shown.key) if shown is not None else self._adjudication_at
        self._show_cluster(min(at, len(keys) - 1))

    # What the screen shows
    def _side_shows(self, panel: bool) -> None:
        side = self.query_one("#side")
        found = side.query(DisagreementPanel)
        if panel and not found:
            side.mount(DisagreementPanel(id="disagreement"))
        elif found:
            found.first().display = panel
        self.query_one("#list-title").display = not panel
        self.annotation_list.display = not panel

    def _show_panel(self) -> None:
        found = self.query("#disagreement")
        if found:
            found.first(Static).update(self.disagreement_text())

    def disagreement_text(self) -> Group:
        """The side panel: the disagreement shown, both versions, and what was decided. Each
        version's lines are indented, wrapped lines too: the two read apart."""
        adjudication, cluster = self._adjudication, self._cluster
        count = len(adjudication.clusters)
        head = Text()
        head.append(f"Disagreement {self._adjudication_at + 1} of {count}\n", style="bold")
        head.append(f"{adjudication.undecided} to decide\n", style="dim")
        parts: list = [head]
        for keys, name, marks in (
            ("1 a", adjudication.a, cluster.a),
            ("2 b", adjudication.b, cluster.b),
        ):
            parts.append(Text.assemble((f" {keys} ", "bold reverse"), (f" {name}'s", "bold")))
            if not marks:
                parts.append(Padding(Text("no mark here", style="dim italic"), (0, 0, 0, 2)))
            parts += [Padding(self._version(mark), (0, 0, 0, 2)) for mark in marks]
            parts.append(Text())
        choice = adjudication.choice_of(cluster)
        tail = Text.assemble((" 3 + ", "bold reverse"), " both   ", (" 0 - ", "bold reverse"),
                             " neither\n\n")  # fmt: skip
        if choice is None:
            tail.append("Not decided yet", style="italic")
        else:
            tail.append("Decided: ", style="bold")
            tail.append(adjudication.choice_words(choice))
        orphans = adjudication.plan.orphans
        if orphans:
            tail.append(f"\n\nLeft out, with no place in the text: {len(orphans)}", style="dim")
        parts.append(tail)
        return Group(*parts)

    def _version(self, mark: Annotation) -> Text:
        """One mark in the side panel: its tag, text, note and attributes."""
        tag = self.config.tag(mark.tag)
        colour = tag.colour if tag else ""
        version = Text()
        version.append(f"{tag.letter if tag else '?'} ", style=f"bold {colour}")
        version.append(mark.tag, style=f"bold {colour}")
        if mark.status not in ("ok", "moved"):
            version.append(f" ({mark.status})", style="italic")
        version.append(f"\n{quoted(snippet(mark.quote.exact, QUOTE_LIMIT))}")
        if mark.note:
            version.append(f"\n✎ {mark.note}", style="italic")
        if mark.attrs:
            pairs = ", ".join(f"{name}={value}" for name, value in mark.attrs.items())
            version.append(f"\n{pairs}", style="dim")
        return version

    def view_label(self) -> Text:
        if self._adjudication is None:
            return super().view_label()
        adjudication = self._adjudication
        return Text(
            f" adjudicating A {adjudication.a} · B {adjudication.b} → {adjudication.gold} ",
            style="bold reverse",
        )

    def adjudication_status(self) -> Text:
        """The status line while adjudicating: where in the disagreements, and the mark under
        the cursor with its annotator, or the two versions in short."""
        adjudication, cluster = self._adjudication, self._cluster
        status = Text(" ")
        count = len(adjudication.clusters)
        status.append(f"ADJUDICATE {self._adjudication_at + 1}/{count}", style="bold reverse")
        choice = adjudication.choice_of(cluster)
        status.append(f" decided: {adjudication.choice_words(choice)}" if choice else " undecided")
        status.append(f" · {adjudication.undecided} to decide · ", style="dim")
        here = self.current()
        if here is not None:
            self._append_mark(status, here)
            return status
        versions = (("A", adjudication.a, cluster.a), ("B", adjudication.b, cluster.b))
        for side, name, marks in versions:
            status.append(f"{side} {name}: ", style="bold")
            status.append(", ".join(mark.tag for mark in marks) or "nothing")
            status.append("  ")
        return status

    def _append_mark(self, status: Text, mark: Annotation) -> None:
        tag = self.config.tag(mark.tag)
        status.append(f"{mark.annotator}'s ", style="bold")
        status.append(mark.tag, style=f"bold {tag.colour if tag else ''}")
        if mark.annotator == self._adjudication.gold and mark.origin.startswith("adjudicated:"):
            status.append(f" (from {mark.origin.removeprefix('adjudicated:')})", style="dim")
        status.append(f"  {quoted(snippet(mark.quote.exact, 60))}")
        if mark.attrs:
            pairs = ", ".join(f"{k}={v}" for k, v in mark.attrs.items())
            status.append(f"  {pairs}", style="italic")
        if mark.note:
            status.append(f"  ✎ {snippet(mark.note, 40)}", style="dim")

    def adjudication_help(self) -> list[Binding]:
        """The adjudication's keys for help, while adjudicating."""
        return [*ADJUDICATION_BINDINGS, *ADJUDICATION_OTHER_KEYS] if self.adjudicating else []
