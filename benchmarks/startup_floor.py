"""The start-up floor: the smallest Textual app that draws one line and quits on "q".

``startup.py`` runs this file as it is, so that the floor imports Textual and nothing else.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

FLOOR_TEXT = "syrtui startup floor: one line"


class Floor(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(FLOOR_TEXT)


if __name__ == "__main__":
    Floor().run()
