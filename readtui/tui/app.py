"""The readtui app: a library of articles, and a reader for each."""

import gc
from pathlib import Path

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from readtui import doccache
from readtui.config import Config, ConfigError, load_config
from readtui.document import (
    DocumentError,
    find_articles,
    headline_preview,
    load_document,
    load_preview,
)
from readtui.store import AnnotationStore, SidecarError
from readtui.textsafety import sanitise
from readtui.tui.commands import AdjudicationCommands, ArticleCommands
from readtui.tui.reader_screen import ReaderScreen


class ReadtuiApp(App):
    """Open a folder to get the library; open one file to go straight to its reader."""

    TITLE = "readtui"
    CSS = """
    Screen { background: $surface; }
    """
    # the reader's style sheet is read with the app's: a screen that brings its own when it is
    # first shown makes Textual parse every style sheet again. The same path as the screen's
    # (Textual compares them), absolute: a relative one is taken from a subclass's module.
    # Not the library's: its `LibraryScreen { background }` must come after `Screen` above.
    CSS_PATH = [(Path(__file__).parent / ReaderScreen.CSS_PATH).resolve()]
    # shown in the footer: in the library, letters (q too) go to the filter
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]
    # "Open NAME" for each article of the library; "Adjudicate two annotators…" in a reader
    COMMANDS = App.COMMANDS | {ArticleCommands, AdjudicationCommands}

    def __init__(
        self,
        paths: list[Path],
        config: Config | None = None,
        open_library: bool | None = None,
        annotator: str | None = None,
        reader_width: int | None = None,
        adjudicate: tuple[str, str, str] | None = None,
    ) -> None:
        """`adjudicate`: (A, B, gold) to adjudicate in the one article opened."""
        super().__init__()
        self.adjudicate = adjudicate
        self.paths = paths
        self.library = None  # the LibraryScreen, when there is one
        self.articles = find_articles(paths)
        self.base_config = config
        self.annotator = annotator
        self.reader_width = reader_width
        # a single file opens in the reader; folders and several files open the library
        single_file = len(paths) == 1 and paths[0].is_file()
        self.open_library = open_library if open_library is not None else not single_file

    def config_for(self, path: Path) -> Config:
        config = self.base_config or load_config(path.parent if path.is_file() else path)
        if self.annotator:
            config.annotator = self.annotator
        if self.reader_width:
            config.reader_width = self.reader_width
        return config

    def get_default_screen(self) -> Screen:
        """A single article's reader is the first screen: no empty screen is mounted, laid out
        and drawn before it."""
        if not self.open_library:
            try:
                return self._reader_screen(self.paths[0], self.adjudicate)
            except (DocumentError, SidecarError, ConfigError) as error:
                self.call_later(self._cannot_open, error)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.open_library:
            # once the app has started: a screen pushed while it starts is drawn for nothing
            # (the app holds that frame back), then laid out and drawn again
            self.call_later(self._open_library)

    def _open_library(self) -> None:
        # imported here: opening one article should not pay for the library's widgets
        from readtui.tui.screens.library import LibraryScreen

        self.library = LibraryScreen(self.articles, self.config_for(self.paths[0]))
        self.push_screen(self.library)

    def open_article(self, path: Path) -> bool:
        """Open an article in the reader; says why in a notification when it cannot."""
        try:
            screen = self._reader_screen(path)
        except (DocumentError, SidecarError, ConfigError) as error:
            self._cannot_open(error)
            return False
        self.push_screen(screen)
        return True

    def _reader_screen(
        self, path: Path, adjudicate: tuple[str, str, str] | None = None
    ) -> ReaderScreen:
        """The reader of an article. A very long plain-text article shows its start at once
        while the whole loads in a thread; editing starts when it is there."""
        config = self.config_for(path)
        preview = load_preview(path)
        if preview is None and doccache.still_cleaning(path):  # a first opening
            preview = headline_preview(path)
        if preview is not None:
            screen = ReaderScreen(preview, None, config, self._closes_to, adjudicate)
            # after the first paint: the loading thread would slow the paint down
            self.call_after_refresh(self._load_whole, path, screen)
            return screen
        doccache.wait_for_cleaning(path)
        document = load_document(path)
        store = AnnotationStore(document)
        # the store's document: the user's corrections of the cleaning applied
        return ReaderScreen(store.document, store, config, self._closes_to, adjudicate)

    @work(thread=True, exit_on_error=False, group="open")
    def _load_whole(self, path: Path, screen: ReaderScreen) -> None:
        try:
            doccache.wait_for_cleaning(path)
            document = load_document(path)
            store = AnnotationStore(document)
        except (DocumentError, SidecarError) as error:
            self.call_from_thread(self._cannot_open, error, screen)
            return
        if screen.is_attached:
            self.call_from_thread(screen.attach, store.document, store)

    def _cannot_open(self, error: Exception, screen: ReaderScreen | None = None) -> None:
        # the message names the file, and a file name can hold escape sequences too
        message = " ".join(sanitise(str(error)).split("\n"))
        self.notify(message, title="Cannot open", severity="error", markup=False)
        if not self.open_library:
            self.exit(return_code=1, message=message)
        elif screen is not None and screen is self.screen:
            self.pop_screen()

    def library_order(self) -> list[Path]:
        """The library's articles in the order it shows them (sorted, and filtered when a
        filter is on), for the reader's `>` and `<`; none when one file was opened."""
        if not self.open_library:
            return []
        return self.library.order() if self.library is not None else list(self.articles)

    @property
    def _closes_to(self) -> str:
        return "Library" if self.open_library else "Quit"

    def on_key(self, event: events.Key) -> None:
        """A key typed while the focus moves to a text box (`/` then a fast `q`) was sent to
        the widget that had the focus, and bubbles up here unused: it belongs in the box."""
        if isinstance(self.focused, Input) and event.is_printable and event.character:
            self.focused.insert_text_at_cursor(event.character)

    def on_library_screen_open_article(self, message) -> None:
        self.open_article(message.path)

    def pop_screen(self):
        """Back in the library from a reader: bring that article's row up to date."""
        leaving = self.screen
        result = super().pop_screen()
        if (
            isinstance(leaving, ReaderScreen)
            and leaving.document.path is not None
            and self.screen is self.library
        ):
            self.library.refresh_article(leaving.document.path)
        return result

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand("Save", "Write the annotations now", screen.action_save)
            yield SystemCommand(
                "Show/hide annotation list",
                "Toggle the list beside the reader",
                screen.action_toggle_list,
            )
            yield SystemCommand("Search", "Find text in the article", screen.action_search)
            yield SystemCommand("Help", "Every key", screen.action_help)
            if screen.document.path is not None:
                yield SystemCommand(
                    "Export this article…",
                    "Write its annotations as training data (jsonl, spaCy, CoNLL, brat…)",
                    lambda: self.open_export("article"),
                )
        if self.library is not None and (
            screen is self.library or isinstance(screen, ReaderScreen)
        ):
            yield SystemCommand(
                "Export the library…",
                "Write every article's annotations as training data (jsonl, spaCy, CoNLL…)",
                lambda: self.open_export("library"),
            )
        from readtui.tui.screens.stats import StatsScreen  # the charts load when first asked for

        if not isinstance(screen, StatsScreen):
            yield SystemCommand(
                "Statistics",
                "Charts of annotations per tag and annotator, progress, and work over time",
                self.action_statistics,
            )

    def action_statistics(self) -> None:
        """The corpus in charts: the library's, or the article's when one was opened."""
        from readtui.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(self.paths))

    @property
    def library_folder(self) -> Path:
        """Where the articles are: the folder opened, or the folder of the file opened."""
        return self.paths[0] if self.paths[0].is_dir() else self.paths[0].parent

    def open_export(self, scope: str) -> None:
        """The export dialog for "article" (the reader's) or "library", both offered when the
        reader was opened from the library."""
        from readtui.tui.screens.export import ExportDialog, ExportScope

        reader = self.screen if isinstance(self.screen, ReaderScreen) else None
        scopes = []
        if reader is not None and reader.document.path is not None:
            scopes.append(ExportScope.article(reader.document.path))
        if self.library is not None:
            scopes.append(ExportScope.library(self.library_folder, list(self.library.articles)))
        config = reader.config if reader is not None else self.config_for(self.paths[0])
        store = reader.store if reader is not None else None
        dialog = ExportDialog(scopes, scope, self.library_folder, config.tag_names, store)
        self.push_screen(dialog)

    async def action_quit(self) -> None:
        """ctrl+q: write what open articles have not written yet, then quit; an article that
        cannot be saved asks first, as `q` does."""
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.write_pending()
        screen = self.screen
        if isinstance(screen, ReaderScreen) and screen.store and screen.store.save_error:
            screen.action_close()
            return
        self.exit()

    def open_from_palette(self, path: Path) -> None:
        while isinstance(self.screen, ReaderScreen):
            self.screen.action_close()
            if isinstance(self.screen, ReaderScreen):
                return  # it could not be saved: the user decides in the dialog
        self.open_article(path)


def run_app(paths: list[Path], config: Config | None = None, **options) -> int:
    app = ReadtuiApp(paths, config, **options)
    # what the imports made lives as long as the app: set aside from the garbage collector,
    # which would otherwise walk through all of it before the first paint (see cli.run_open)
    gc.freeze()
    gc.enable()
    app.run()
    return app.return_code or 0
