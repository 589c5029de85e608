"""The reader application (placeholder: lists the documents)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from syrtui.documents import Library


class SyrtuiApp(App[None]):
    TITLE = "syrtui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, library: Library, data_dir: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.data_dir = data_dir

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(
            *[Option(entry.title, id=entry.id) for entry in self.library.entries],
            markup=False,
        )
        yield Footer()
