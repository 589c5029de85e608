"""Modal dialogs: confirm, pick from a list, edit a note."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from syrtui.documents import clean_line, clean_text
from syrtui.ui.widgets.documents import fit
from syrtui.ui.widgets.rowlist import Cell, RowList


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; y or Enter confirms, n or Escape cancels."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-body")
            yield Static(Content("y / Enter: yes    n / Escape: no"), classes="dialog-hint")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class PickDialog(ModalScreen[int | None]):
    """Choose one row of a list (with an optional filter box); returns its index."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="pick.close"),
        Binding("slash", "focus_filter", "Filter", id="pick.filter"),
    ]

    def __init__(
        self,
        title: str,
        labels: Sequence[str],
        *,
        hint: str = "Enter opens · / filters · Escape closes",
        extra_keys: dict[str, Callable[[int], None]] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.labels = [clean_line(label) for label in labels]
        self._keys = [label.casefold() for label in self.labels]
        self.shown = list(range(len(self.labels)))
        self.hint = hint
        self.extra_keys = extra_keys or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Input(placeholder="filter", id="pick-filter")
            yield RowList(self._row_cells, empty_text="Nothing to show.", id="pick-list")
            yield Static(Content(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        row_list = self.query_one("#pick-list", RowList)
        row_list.set_rows(len(self.shown))
        row_list.focus()

    def _row_cells(self, position: int, width: int) -> list[Cell]:
        return [Cell(fit(self.labels[self.shown[position]], width))]

    def on_input_changed(self, event: Input.Changed) -> None:
        words = event.value.casefold().split()
        self.shown = [i for i, key in enumerate(self._keys) if all(w in key for w in words)]
        self.query_one("#pick-list", RowList).set_rows(len(self.shown))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#pick-list", RowList).focus()

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        self.dismiss(self.shown[event.index])

    def on_key(self, event) -> None:
        handler = self.extra_keys.get(event.key)
        if handler and self.shown and not isinstance(self.focused, Input):
            event.stop()
            handler(self.shown[self.query_one("#pick-list", RowList).cursor])

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.query_one("#pick-filter", Input).focus()


class NoteArea(TextArea):
    """A text area that never draws a terminal or bidi control: typed, pasted or
    loaded text shows them as visible pictures (a note may come from an import)."""

    def edit(self, edit: Edit) -> EditResult:
        edit.text = clean_text(edit.text)
        return super().edit(edit)


class NoteEditor(ModalScreen[str | None]):
    """Write or edit a Markdown note; Ctrl+S saves, Escape cancels.

    With ``save``, Ctrl+S calls ``save(text)`` first and closes only when it returns True,
    so a note that could not be stored stays in the editor to try again.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, heading: str, quote: str | None, body: str = "",
                 save: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.quote = quote
        self.body = clean_text(body)  # what the editor shows and compares against
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Static(Content(clean_line(self.heading)), classes="dialog-title")
            if self.quote:
                yield Static(Content("“" + clean_line(self.quote) + "”"), id="note-quote")
            yield NoteArea(self.body, id="note-body", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="dialog-hint-row"):
                yield Static(Content("Markdown · Ctrl+S saves · Escape cancels"),
                             classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one("#note-body", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one("#note-body", TextArea).text
        if self.save is not None and text.strip() and text != self.body and not self.save(text):
            return  # not stored: keep the text here
        self.dismiss(text)

    def action_cancel(self) -> None:
        text = self.query_one("#note-body", TextArea).text
        if text.strip() and text != self.body:
            def answered(discard: bool | None) -> None:
                if discard:
                    self.dismiss(None)

            self.app.push_screen(ConfirmDialog("Discard this unsaved note?"), answered)
        else:
            self.dismiss(None)


class HelpDialog(ModalScreen[None]):
    """Every key binding, grouped by where it applies, with its id for the key map."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
        Binding("j", "move(1)", "Down", show=False, id="help.down"),
        Binding("k", "move(-1)", "Up", show=False, id="help.up"),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str, str]], footnotes: Sequence[str]):
        super().__init__(id="help")
        self.rows = rows
        self.footnotes = footnotes

    def compose(self) -> ComposeResult:
        from rich.text import Text
        from textual.widgets import DataTable

        with Vertical(classes="dialog wide tall"):
            yield Static(Content("syrtui keys"), classes="dialog-title")
            table: DataTable = DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Keys", "Action", "Binding id")
            current = None
            for group, keys, description, binding_id in self.rows:
                if group != current:
                    table.add_row(Text(group, style="bold underline"), Text(""), Text(""))
                    current = group
                table.add_row(Text(keys), Text(description), Text(binding_id, style="dim"))
            yield table
            for note in self.footnotes:
                yield Static(Content(note), classes="dialog-note")
            yield Static(Content("Escape or ? closes · j/k or arrows scroll"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-table").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        table = self.query_one("#help-table")
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()
