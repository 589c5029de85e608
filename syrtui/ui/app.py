"""The reader application: opens the store and the index, then shows the main screen."""

from __future__ import annotations

import gc
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from syrtui.documents import Library
from syrtui.store import Store, open_store
from syrtui.ui.keymap import Config, load_config
from syrtui.ui.screens.main import MainScreen
from syrtui.ui.widgets.article import ArticleView
from syrtui.ui.widgets.documents import DocumentPane
from syrtui.ui.widgets.rowlist import RowList

# Where each group of bindings applies, for the help screen and the command palette.
BINDING_GROUPS: list[tuple[str, type]] = [
    ("Reader", MainScreen),
    ("Article", ArticleView),
    ("Doc list", DocumentPane),
    ("Lists", RowList),
]


class SyrtuiApp(App[None]):
    """syrtui: read conflict-news articles with their actors and places."""

    TITLE = "syrtui"
    CSS_PATH = "syrtui.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        library: Library,
        data_dir: str | None = None,
        *,
        store: Store | None = None,
        index=None,
        config: Config | None = None,
        collector_paused: bool = False,
    ) -> None:
        super().__init__()
        self.collector_paused = collector_paused  # start-up turned the cyclic GC off
        self.library = library
        self.store = store if store is not None else open_store(data_dir)
        self.index = index
        self.config = config if config is not None else load_config()

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.config.problem:
            self.notify(self.config.problem, severity="warning", markup=False, timeout=10)
        index_notice = getattr(self.index, "notice", None)
        if index_notice:
            self.notify(index_notice, severity="warning", markup=False, timeout=10)
        if self.store.notice:
            self.notify(self.store.notice, severity="warning", markup=False, timeout=15)
        self.call_later(self.push_screen, MainScreen())

    def resume_collector(self) -> None:
        """Once the first screen is drawn, turn the cyclic GC back on if start-up paused it:
        one full collection, then what is left (modules, widgets, the gazetteer) is frozen
        out of the collector's later passes."""
        if not self.collector_paused:
            return
        self.collector_paused = False
        gc.collect()
        gc.freeze()
        gc.enable()

    def get_default_screen(self) -> Screen:
        return Screen(id="_default")

    def key_label(self, binding: Binding) -> str:
        """The keys of ``binding`` as the user's key map has them."""
        keys = self._keymap.get(binding.id or "", binding.key) if binding.id else binding.key
        labels = []
        for key in keys.split(","):
            key = key.strip()
            if key:
                labels.append(self.get_key_display(Binding(key, binding.action)))
        return " / ".join(labels)

    def binding_rows(self) -> list[tuple[str, str, str, str]]:
        """(group, keys, description, binding id) for every reader binding."""
        rows = []
        for group, owner in BINDING_GROUPS:
            for binding in owner.BINDINGS:
                if not isinstance(binding, Binding):
                    continue
                rows.append((group, self.key_label(binding), binding.description,
                             binding.id or ""))
        return rows

    def help_rows(self) -> list[tuple[str, str, str, str]]:
        """The help screen's rows: reader bindings, then keys every screen has."""
        rows = self.binding_rows()
        rows.extend([
            ("Anywhere", "tab / shift+tab", "Next / previous pane", ""),
            ("Anywhere", "^p", "Command palette", ""),
            ("Anywhere", "^q", "Quit at once", "app.quit"),
        ])
        return rows

    HELP_NOTES = (
        "Marks: bold = actor, coloured by faction (tags in the sidebar); underline = place; "
        "italic = found by a rule; reverse = the selected entity. Gutter: ✎ note, ★ bookmark.",
        "Change keys in the [keymap] table of the config file, by binding id "
        "(syrtui config path prints where it is).",
    )

    def action_help(self) -> None:
        # Dialogs are loaded when one first opens.
        from syrtui.ui.screens.dialogs import HelpDialog

        if isinstance(self.screen, HelpDialog):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpDialog(self.help_rows(), self.HELP_NOTES))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return
        for binding in MainScreen.BINDINGS:
            if isinstance(binding, Binding) and binding.id != "reader.clear":
                yield SystemCommand(
                    binding.description,
                    f"{self.key_label(binding)} · {binding.id}",
                    _runner(main, binding.action),
                )
        article = main.article
        for binding in ArticleView.BINDINGS:
            if isinstance(binding, Binding) and binding.id not in ("article.down", "article.up"):
                yield SystemCommand(
                    f"Article: {binding.description}",
                    f"{self.key_label(binding)} · {binding.id}",
                    _runner(article, binding.action),
                )


def _runner(target, action: str):
    async def run() -> None:
        await target.run_action(action)

    return run
