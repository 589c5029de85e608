"""A virtual list: only the rows on screen are drawn, so 10,000 rows cost what 20 do."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True, slots=True)
class Cell:
    """A piece of a row: plain text (never markup) and the component class that styles it."""

    text: str
    component: str | None = None
    style: Style | None = None  # a ready style, used instead of a component class


RowRenderer = Callable[[int, int], Sequence[Cell]]  # (row index, width) -> cells


class RowList(ScrollView, can_focus=True):
    """A keyboard-driven list of one-line rows, rendered on demand.

    Rows are given as a count and a function that returns a row's cells; the list never
    builds a widget per row.
    """

    COMPONENT_CLASSES = {
        "rowlist--cursor",
        "rowlist--cursor-blurred",
        "rowlist--dim",
        "rowlist--strong",
        "rowlist--mark",
    }

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("enter", "choose", "Open", id="list.choose"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class RowMessage(Message):
        """Something happened on row ``index`` of ``row_list``."""

        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(RowMessage):
        """The cursor moved to row ``index``."""

    class Chosen(RowMessage):
        """Enter was pressed on row ``index``."""

    def __init__(
        self,
        render_row: RowRenderer,
        *,
        empty_text: str = "Nothing here",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._render_row = render_row
        self._count = 0
        self.empty_text = empty_text
        self._base_style: Style | None = None  # rich_style, looked up once per drawing

    @property
    def row_count(self) -> int:
        return self._count

    def set_rows(self, count: int, cursor: int = 0) -> None:
        """Show ``count`` rows (drawn by the renderer) and put the cursor on ``cursor``."""
        self._count = count
        self.virtual_size = Size(self.size.width, max(count, 1))
        self.set_reactive(RowList.cursor, max(0, min(cursor, count - 1)))
        self.scroll_to(y=max(0, self.cursor - self.size.height // 2), animate=False)
        self.refresh()

    def refresh_rows(self) -> None:
        """Redraw the rows (their content changed, not their number)."""
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self._count - 1))

    def watch_cursor(self, value: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if self._count:
            self.post_message(self.Highlighted(self, value))

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, max(self._count, 1))
        self._scroll_to_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style  # walks the ancestors: once, not once a row
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style if self._base_style is None else self._base_style
        index = round(self.scroll_offset.y) + y
        if self._count == 0:
            if y == 0:
                dim = base + self.get_component_rich_style("rowlist--dim")
                return Strip([Segment(self.empty_text[:width], dim)]).extend_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if index >= self._count:
            return Strip.blank(width, base)
        row_style = base
        on_cursor = index == self.cursor
        if on_cursor:
            name = "rowlist--cursor" if self.has_focus else "rowlist--cursor-blurred"
            row_style = base + self.get_component_rich_style(name)
        segments = []
        for cell in self._render_row(index, width):
            style = row_style
            if cell.component or cell.style:
                own = cell.style or self.get_component_rich_style(cell.component)
                style = base + own
                if on_cursor:
                    style += row_style
            segments.append(Segment(cell.text, style))
        strip = Strip(segments).crop_extend(0, width, row_style).simplify()
        return strip

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._count - 1

    def action_choose(self) -> None:
        if self._count:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_offset.y) + event.y
        if 0 <= index < self._count:
            self.cursor = index
            if event.chain == 2:
                self.action_choose()

    def on_focus(self) -> None:
        self.refresh()
        if self._count:
            self.post_message(self.Highlighted(self, self.cursor))

    def on_blur(self) -> None:
        self.refresh()
