"""The document list pane: a filter box, an optional entity filter, and a virtual list."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from syrtui.documents import LibraryEntry, clean_line
from syrtui.ui.widgets.rowlist import Cell, RowList


@dataclass(slots=True)
class DocumentRow:
    """What the list shows of one document."""

    entry: LibraryEntry
    actors: int | None = None
    places: int | None = None
    notes: int = 0
    bookmarks: int = 0


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` cells."""
    return text + " " * max(0, width - cell_len(text))


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out = []
    used = 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


class DocumentPane(Vertical):
    """Lists the library; typing in the filter box narrows it; Enter opens a document."""

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="documents.filter"),
    ]

    class Opened(Message):
        """The reader chose a document to open."""

        def __init__(self, entry: LibraryEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DocumentRow] = []
        self.shown: list[int] = []
        self.current_id: str | None = None
        self.entity_filter: tuple[str, set[str]] | None = None  # (label, doc ids)
        self._keys: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="documents-title", markup=False)
        yield Input(placeholder="/ filter titles, sources, dates", id="documents-filter")
        yield Static(id="documents-entity-filter", markup=False)
        yield RowList(self._render_row, empty_text="No documents match.", id="documents-list")

    @property
    def row_list(self) -> RowList:
        return self.query_one("#documents-list", RowList)

    def set_rows(self, rows: list[DocumentRow]) -> None:
        self.rows = rows
        self._keys = [
            " ".join(
                part for part in (r.entry.title, r.entry.source or "", r.entry.date or "") if part
            ).casefold()
            for r in rows
        ]
        self.apply_filter()

    def refresh_rows(self) -> None:
        self.row_list.refresh_rows()

    def apply_filter(self) -> None:
        """Recompute which rows show, keeping the cursor on the same document if possible."""
        text = self.query_one("#documents-filter", Input).value.casefold().strip()
        words = text.split()
        allowed = self.entity_filter[1] if self.entity_filter else None
        visible = []
        for index, key in enumerate(self._keys):
            if allowed is not None and self.rows[index].entry.id not in allowed:
                continue
            if all(word in key for word in words):
                visible.append(index)
        self.shown = visible
        cursor = 0
        for position, index in enumerate(visible):
            if self.rows[index].entry.id == self.current_id:
                cursor = position
                break
        self.row_list.set_rows(len(visible), cursor)
        self._update_labels()

    def _update_labels(self) -> None:
        total = len(self.rows)
        shown = len(self.shown)
        title = f"Documents {shown}/{total}" if shown != total else f"Documents {total}"
        self.query_one("#documents-title", Static).update(Content(title))
        chip = self.query_one("#documents-entity-filter", Static)
        if self.entity_filter:
            chip.update(Content(f"mentioning {clean_line(self.entity_filter[0])} (f clears)"))
            chip.display = True
        else:
            chip.display = False

    def set_entity_filter(self, label: str | None, doc_ids: set[str] | None) -> None:
        self.entity_filter = (label, doc_ids) if label is not None and doc_ids is not None else None
        self.apply_filter()

    def select_document(self, doc_id: str) -> None:
        self.current_id = doc_id
        for position, index in enumerate(self.shown):
            if self.rows[index].entry.id == doc_id:
                self.row_list.cursor = position
                break
        self.row_list.refresh_rows()

    def _render_row(self, position: int, width: int) -> list[Cell]:
        row = self.rows[self.shown[position]]
        entry = row.entry
        mark = "✎" if row.notes else " "
        mark += "★" if row.bookmarks else " "
        current = "▸" if entry.id == self.current_id else " "
        counts = ""
        if row.actors is not None:
            counts = f" A{row.actors} P{row.places}"
        date = (entry.date or "undated")
        title_width = width - 3 - len(date) - 1 - len(counts)
        cells = [
            Cell(current, "rowlist--strong"),
            Cell(mark, "rowlist--mark"),
            Cell(date + " ", "rowlist--dim"),
        ]
        if title_width >= 8:
            title = fit(clean_line(entry.title), title_width)
            source = clean_line(entry.source or "")
            room = title_width - cell_len(title) - 3
            if source and room >= 6:
                cells.append(Cell(title))
                cells.append(Cell(" · " + pad(fit(source, room), room), "rowlist--dim"))
            else:
                cells.append(Cell(pad(title, title_width)))
            cells.append(Cell(counts, "rowlist--dim"))
        else:
            cells.append(Cell(fit(clean_line(entry.title), width - 3 - len(date) - 1)))
        return cells

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.row_list.focus()

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        if event.row_list is self.row_list and self.shown:
            self.post_message(self.Opened(self.rows[self.shown[event.index]].entry))

    def action_focus_filter(self) -> None:
        self.query_one("#documents-filter", Input).focus()

    def current_entry(self) -> LibraryEntry | None:
        if not self.shown:
            return None
        return self.rows[self.shown[self.row_list.cursor]].entry
