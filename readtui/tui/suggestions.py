"""Suggestions in the reader (SPEC §5 `a`): shown or hidden with `a`, drawn unlike annotations
(dim, underlined, no background, a lower-case letter in the gutter); `]`/`[` step through them,
enter accepts the one under the cursor, a number key accepts it under that tag, `x` rejects it
(it never comes back). Accepting and rejecting are undoable like any edit.

The rules run in a thread: the reader never waits for them, and a result for a text that has
changed meanwhile is thrown away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.worker import get_current_worker

from readtui.editing import SpanIndex

if TYPE_CHECKING:  # the rules load when suggestions are first shown, not at start-up
    from readtui.suggest import Suggestion


class SuggestionKeys:
    """The reader screen's suggestion keys (mixed into ReaderScreen)."""

    _hints: list[Suggestion] | None = None  # None: hidden; a list (maybe empty): shown
    _finding = False  # the rules are running for what is shown
    _search = None  # the search in its own process, for a long text
    _faults_told: frozenset[str] = frozenset()

    @property
    def showing_suggestions(self) -> bool:
        return self._hints is not None

    def action_toggle_suggestions(self) -> None:
        if self._hints is not None:
            self._hints = None
            self.stop_finding()
            self._draw_hints()
            self._update_bars()
            return
        self._hints = []
        self.find_suggestions()
        self._update_bars()

    def find_suggestions(self) -> None:
        """Run the rules again (after the text or the annotations changed under them)."""
        if self._hints is None or self.store is None:
            return
        # the marks shown: in the own view, another annotator's mark hides no suggestion
        annotated = [(a.start, a.end, a.tag) for a in self.editor.shown if not a.is_orphan]
        self.stop_finding()  # what it would find is out of date
        self._finding = True
        from readtui.suggest import quote_blocks  # the rules load when first wanted

        quoted = quote_blocks(self.document)
        self._run_rules(self.document.text, self.store.rejected(), annotated, quoted)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _run_rules(self, text: str, rejected: list[dict], annotated: list, quoted: list) -> None:
        from readtui.suggest import suggest
        from readtui.suggest.apart import APART_FROM, Search
        from readtui.suggest.user_rules import rule_faults

        if len(text) < APART_FROM:
            found = suggest(text, self.config, rejected, annotated, quoted)
            faults = rule_faults(self.config)
        else:  # in a process of its own, so that the reader keeps answering keys
            search = self._search = Search(text, self.config, rejected, annotated, quoted)
            outcome = search.result()
            if outcome is None:
                return  # stopped: the text changed, or the article was closed
            found, faults = outcome
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._rules_done, text, found, faults)

    def stop_finding(self) -> None:
        """End a search in its own process (a new one replaces it, or the article closes)."""
        if self._search is not None:
            self._search.stop()
            self._search = None

    def _rules_done(self, text: str, found: list[Suggestion], faults: list[str]) -> None:
        for fault in faults:
            if fault not in self._faults_told:  # once a session, not at every change
                self._faults_told |= {fault}
                self.notify(fault, title="A rule cannot run", severity="error", markup=False)
        if self._hints is None or text != self.document.text:
            return  # hidden meanwhile, or found in a text that has changed since
        self._hints, self._finding = found, False
        self._draw_hints()
        self._update_bars()

    def _draw_hints(self) -> None:
        shown = self._hints is not None and not self.showing_removed
        self.reader.hints = SpanIndex(self._hints) if shown else None  # type: ignore[arg-type]
        self.reader.refresh()

    def hint_here(self) -> Suggestion | None:
        """The innermost suggestion under the cursor, while suggestions are shown."""
        hints = self.reader.hints
        if hints is None:
            return None
        covering = hints.covering(self.reader.cursor)
        return covering[0] if covering else None  # type: ignore[return-value]

    def _forget_hint(self, hint: Suggestion) -> None:
        self._hints = [h for h in self._hints or [] if h != hint]
        self._draw_hints()

    def accept_hint(self, hint: Suggestion, tag_name: str | None = None) -> None:
        """Accept `hint` as an annotation, under its own tag or `tag_name`."""
        tag_name = tag_name or hint.tag
        tag = self.config.tag(tag_name)
        defined = {attr.name for attr in tag.attributes} if tag else set()
        attrs = {k: v for k, v in hint.attrs.items() if k in defined}
        annotation = self.editor.accept(hint.rule, hint.start, hint.end, tag_name, attrs)
        self._forget_hint(hint)
        if annotation is None:
            self.notify(f"Already a {tag_name} there", markup=False, timeout=2)
            return
        self._current_id = annotation.id
        self._after_change(annotation, f"Accepted {tag_name} (u undoes)")

    def action_accept_suggestion(self) -> None:
        hint = self.hint_here()
        if hint is None:
            self.notify("No suggestion under the cursor: ] and [ step to one", markup=False,
                        timeout=2)  # fmt: skip
            return
        self.accept_hint(hint)

    def reject_hint(self, hint: Suggestion) -> None:
        self.editor.reject(hint.rule, hint.start, hint.end)
        self._forget_hint(hint)
        self._after_change(message=f"Rejected the {hint.tag} suggestion (u undoes)")

    def step_hint(self, forward: bool) -> None:
        found = self.reader.hints.step(self.reader.cursor, forward, self.hint_here())
        if found is None:
            self.notify("No more suggestions", markup=False, timeout=2)
            return
        self.reader.move_to(found.start, center=True)

    def hint_status(self, hint: Suggestion | None) -> Text:
        """The status line's left part while suggestions are shown."""
        status = Text(" ")
        if hint is None:
            count = len(self._hints or [])
            words = f"{count} suggestion{'' if count == 1 else 's'}"
            status.append(f"{'finding suggestions…' if self._finding else words} · ] [ step · "
                          "a hides", style="dim")  # fmt: skip
            return status
        tag = self.config.tag(hint.tag)
        status.append(f"suggested {hint.tag}", style=f"bold {tag.colour if tag else ''}")
        status.append(f" [{hint.rule}]", style="dim")
        if hint.attrs:
            status.append("  " + ", ".join(f"{k}={v}" for k, v in hint.attrs.items()), "italic")
        status.append("  enter accepts · 1-9 as that tag · x rejects", style="dim")
        return status
