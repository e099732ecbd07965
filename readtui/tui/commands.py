"""The command palette's "Open NAME" entries, one per article of the library, and the reader's
"Adjudicate two annotators…".

Textual reads a command's title as markup, so a file named `[@click=app.quit]x.txt` would be
a link that quits: these titles are built as plain text instead (a file name is data).
"""

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from readtui.textsafety import sanitise

HELP = "Open this article in the reader"


class ArticleCommands(Provider):
    def _articles(self) -> list[tuple[str, object]]:
        app = self.app
        if getattr(app, "library", None) is None:
            return []
        return [
            (f"Open {' '.join(sanitise(path.name).split())}", partial(app.open_from_palette, path))
            for path in app.library.articles
        ]

    async def discover(self) -> Hits:
        for title, open_it in self._articles():
            yield DiscoveryHit(Text(title), open_it, text=title, help=HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, open_it in self._articles():
            score, offsets = matcher.fuzzy_search.match(query, title)
            if score > 0:
                shown = Text(title)
                for offset in offsets:
                    shown.stylize("bold underline", offset, offset + 1)
                yield Hit(score, shown, open_it, text=title, help=HELP)


ADJUDICATE = "Adjudicate two annotators…"
ADJUDICATE_HELP = (
    "Each disagreement between two annotators in turn: take either's version, both or neither; "
    "the result is saved as a third annotator (gold)"
)


class AdjudicationCommands(Provider):
    """The reader's "Adjudicate two annotators…" (readtui.tui.adjudicate)."""

    def _ask(self):
        return getattr(self.screen, "ask_adjudication", None)

    async def discover(self) -> Hits:
        ask = self._ask()
        if ask is not None:
            yield DiscoveryHit(Text(ADJUDICATE), ask, text=ADJUDICATE, help=ADJUDICATE_HELP)

    async def search(self, query: str) -> Hits:
        ask = self._ask()
        if ask is None:
            return
        matcher = self.matcher(query)
        score = matcher.match(ADJUDICATE)
        if score > 0:
            yield Hit(score, matcher.highlight(ADJUDICATE), ask, text=ADJUDICATE,
                      help=ADJUDICATE_HELP)  # fmt: skip
