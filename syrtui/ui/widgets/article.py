"""The article pane: the text with every mention styled, drawn line by line."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from syrtui.documents import Document
from syrtui.entities.model import FACTIONS, Mention
from syrtui.ui.article_layout import GUTTER, Layout, Line, layout_document

FACTION_CLASSES = {faction: f"article--faction-{faction}" for faction in FACTIONS}


class ArticleView(ScrollView, can_focus=True):
    """Shows one document. Keeps a paragraph cursor, a current mention and search hits."""

    COMPONENT_CLASSES = {
        "article--title",
        "article--meta",
        "article--notice",
        "article--rule",
        "article--boilerplate",
        "article--heading",
        "article--quote",
        "article--link",
        "article--actor",
        "article--place",
        "article--discovered",
        "article--selected",
        "article--current",
        "article--search",
        "article--gutter-cursor",
        "article--gutter-mark",
        *FACTION_CLASSES.values(),
    }

    BINDINGS = [
        Binding("down,j", "paragraph(1)", "Next paragraph", show=False, id="article.down"),
        Binding("up,k", "paragraph(-1)", "Previous paragraph", show=False, id="article.up"),
        Binding("pagedown,space,ctrl+d", "page(1)", "Page down", show=False,
                id="article.page_down"),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False, id="article.page_up"),
        Binding("home,g", "top", "Top", show=False, id="article.top"),
        Binding("end,G", "bottom", "Bottom", show=False, id="article.bottom"),
        Binding("right_square_bracket", "mention(1)", "Next mention", id="article.next_mention"),
        Binding("left_square_bracket", "mention(-1)", "Prev mention", show=False,
                id="article.prev_mention"),
        Binding("right_curly_bracket", "entity_mention(1)", "Next of entity",
                id="article.next_entity_mention"),
        Binding("left_curly_bracket", "entity_mention(-1)", "Prev of entity", show=False,
                id="article.prev_entity_mention"),
        Binding("enter", "choose_mention", "Select entity", id="article.select_mention"),
        Binding("n", "search_hit(1)", "Next match", show=False, id="article.next_match"),
        Binding("N", "search_hit(-1)", "Prev match", show=False, id="article.prev_match"),
        Binding("t", "toggle_boilerplate", "Boilerplate", show=False,
                id="article.toggle_boilerplate"),
    ]

    class MentionChosen(Message):
        """The reader asked to select the entity of ``mention``."""

        def __init__(self, mention: Mention) -> None:
            super().__init__()
            self.mention = mention

    class CursorMoved(Message):
        """The paragraph cursor moved."""

        def __init__(self, paragraph: int) -> None:
            super().__init__()
            self.paragraph = paragraph

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: Document | None = None
        self.mentions: list[Mention] = []
        self._mention_starts: list[int] = []
        self._mention_ends: list[int] = []
        self.layout_cache: Layout | None = None
        self.selected_entity_id: str | None = None
        self.current_mention: int | None = None
        self.cursor_paragraph: int = -1
        self.show_boilerplate = False
        self.note_paragraphs: set[int] = set()
        self.bookmark_paragraphs: set[int] = set()
        self.search_query = ""
        self.search_hits: list[tuple[int, int]] = []
        self._hit_starts: list[int] = []
        self.current_hit: int | None = None
        self._style_cache: dict[str, Style] = {}
        self._pending_move: Callable[[], None] | None = None  # applied once laid out
        self._base_style: Style | None = None  # rich_style, looked up once per drawing

    # -- content -------------------------------------------------------------------------

    def show_document(self, document: Document | None, mentions: list[Mention]) -> None:
        """Show ``document`` with its ``mentions`` (sorted, not overlapping)."""
        self.document = document
        self.mentions = mentions
        self._mention_starts = [m.start for m in mentions]
        self._mention_ends = [m.end for m in mentions]
        self.current_mention = None
        self.cursor_paragraph = -1
        self.search_query, self.search_hits, self.current_hit = "", [], None
        self._hit_starts = []
        self.layout_cache = None
        # A first screen's worth of paragraphs now, the rest once it is drawn.
        self._relayout(max_paragraphs=max(24, self.size.height))
        self.scroll_to(y=0, animate=False, immediate=True)
        if self.layout_cache is not None and not self.layout_cache.complete:
            self.call_after_refresh(self._complete_layout, document)

    def set_mentions(self, mentions: list[Mention]) -> None:
        """Replace the mentions of the open document, keeping the view where it is."""
        self.mentions = mentions
        self._mention_starts = [m.start for m in mentions]
        self._mention_ends = [m.end for m in mentions]
        self.current_mention = None
        self.refresh()

    def set_marks(self, notes: Iterable[int], bookmarks: Iterable[int]) -> None:
        """Paragraphs that carry notes and bookmarks (shown in the gutter)."""
        self.note_paragraphs = set(notes)
        self.bookmark_paragraphs = set(bookmarks)
        self.refresh()

    def select_entity(self, entity_id: str | None) -> None:
        self.selected_entity_id = entity_id
        self.refresh()

    def entity_mentions(self, entity_id: str | None) -> list[int]:
        """Indexes of the mentions of ``entity_id``."""
        if entity_id is None:
            return []
        return [i for i, m in enumerate(self.mentions) if m.entity.id == entity_id]

    def _relayout(self, max_paragraphs: int | None = None) -> None:
        width = self.scrollable_content_region.width or self.size.width or 80
        if self.document is None:
            self.layout_cache = None
            self.virtual_size = Size(width, 0)
            self.refresh()
            return
        self.layout_cache = layout_document(
            self.document, width, self.show_boilerplate, max_paragraphs
        )
        self.virtual_size = Size(width, len(self.layout_cache.lines))
        self.refresh()

    def _complete_layout(self, document: Document | None = None) -> None:
        """Lay out the rest of the document (the first lines stay where they are)."""
        if document is not None and document is not self.document:
            return
        if self.layout_cache is not None and not self.layout_cache.complete:
            self._relayout()

    def on_resize(self, event: events.Resize) -> None:
        if self.document is not None:
            self._rewrap(complete=True)

    def _rewrap(self, complete: bool) -> None:
        """Lay out again for the current size, keeping the reading position."""
        pending, self._pending_move = self._pending_move, None
        anchor = self.top_position()
        self._relayout(max_paragraphs=None if complete else max(24, self.size.height))
        if pending is not None:
            pending()
        elif anchor is not None:
            self.go_to_position(*anchor)

    def _laid_out(self) -> bool:
        return self.scrollable_content_region.height > 0 and self.layout_cache is not None

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        super().notify_style_update()

    # -- positions -----------------------------------------------------------------------

    def top_position(self) -> tuple[int, float] | None:
        """The reading position: paragraph at the top of the view and how far into it."""
        layout = self.layout_cache
        if layout is None:
            return None
        top = round(self.scroll_offset.y)
        if top < layout.paragraph_first_line.get(0, 0):
            return None  # still in the title and header
        for number in range(top, len(layout.lines)):
            line = layout.lines[number]
            if line.paragraph is not None and line.paragraph >= 0:
                first = layout.paragraph_first_line[line.paragraph]
                count = max(1, layout.paragraph_line_count(line.paragraph))
                return line.paragraph, (number - first) / count
        return None

    def go_to_position(self, paragraph: int, fraction: float = 0.0) -> None:
        """Scroll so that ``paragraph`` (``fraction`` of the way in) is at the top."""
        self._complete_layout()
        if not self._laid_out():
            self._pending_move = lambda: self.go_to_position(paragraph, fraction)
            return
        layout = self.layout_cache
        if layout is None or paragraph not in layout.paragraph_first_line:
            return
        first = layout.paragraph_first_line[paragraph]
        offset = int(fraction * layout.paragraph_line_count(paragraph))
        self.cursor_paragraph = paragraph
        self.scroll_to(y=first + offset, animate=False, immediate=True)
        self.refresh()

    def go_to_offset(self, offset: int) -> None:
        """Bring text offset ``offset`` into view, a third of the way down."""
        self._complete_layout()
        if not self._laid_out():
            self._pending_move = lambda: self.go_to_offset(offset)
            return
        layout = self.layout_cache
        if layout is None:
            return
        line_number = layout.line_of_offset(offset)
        line = layout.lines[line_number]
        if line.paragraph is not None:
            self._set_cursor(line.paragraph)
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_offset.y)
        if not top <= line_number < top + height - 1:
            self.scroll_to(y=max(0, line_number - height // 3), animate=False, immediate=True)
        self.refresh()

    def _set_cursor(self, paragraph: int) -> None:
        if paragraph != self.cursor_paragraph:
            self.cursor_paragraph = paragraph
            self.post_message(self.CursorMoved(paragraph))

    def go_to_mention(self, index: int) -> None:
        if 0 <= index < len(self.mentions):
            self.current_mention = index
            self.go_to_offset(self.mentions[index].start)

    def mention_at_cursor(self) -> Mention | None:
        """The current mention, else the first mention in the cursor paragraph."""
        if self.current_mention is not None:
            return self.mentions[self.current_mention]
        document = self.document
        if document is None or not self.mentions:
            return None
        if self.cursor_paragraph < 0:
            start, end = 0, len(document.title)
        else:
            paragraph = document.paragraphs[self.cursor_paragraph]
            start, end = paragraph.start, paragraph.end
        index = bisect_left(self._mention_starts, start)
        if index < len(self.mentions) and self.mentions[index].start < end:
            return self.mentions[index]
        return None

    # -- search --------------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Find ``query`` (case-insensitive) in the text; go to the first hit after the
        cursor. Returns the number of hits."""
        self.search_query = query
        self.search_hits = []
        self.current_hit = None
        document = self.document
        if document and query:
            haystack = document.text.casefold()
            needle = query.casefold()
            position = haystack.find(needle)
            while position >= 0 and len(self.search_hits) < 100_000:
                self.search_hits.append((position, position + len(needle)))
                position = haystack.find(needle, position + max(1, len(needle)))
        self._hit_starts = [hit[0] for hit in self.search_hits]
        if self.search_hits:
            index = bisect_left(self._hit_starts, self._cursor_offset())
            self.current_hit = index if index < len(self._hit_starts) else 0
            self.go_to_offset(self.search_hits[self.current_hit][0])
        self.refresh()
        return len(self.search_hits)

    def _cursor_offset(self) -> int:
        if self.document is None or self.cursor_paragraph < 0:
            return 0
        return self.document.paragraphs[self.cursor_paragraph].start

    # -- actions -------------------------------------------------------------------------

    def action_paragraph(self, step: int) -> None:
        self._complete_layout()
        document = self.document
        if document is None:
            return
        last = len(document.paragraphs) - 1
        target = max(-1, min(last, self.cursor_paragraph + step))
        self.current_mention = None
        self._set_cursor(target)
        layout = self.layout_cache
        if layout is not None:
            first = layout.paragraph_first_line.get(target, 0)
            count = max(1, layout.paragraph_line_count(target))
            height = max(1, self.scrollable_content_region.height)
            top = round(self.scroll_offset.y)
            if first < top:
                self.scroll_to(y=first, animate=False, immediate=True)
            elif first + min(count, height) > top + height:
                self.scroll_to(y=first + min(count, height) - height, animate=False,
                               immediate=True)
        self.refresh()

    def action_page(self, direction: int) -> None:
        self._complete_layout()
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False,
                       immediate=True)
        self.current_mention = None
        position = self.top_position()
        if position is not None:
            self._set_cursor(position[0])
        self.refresh()

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        self.current_mention = None
        self._set_cursor(-1)
        self.refresh()

    def action_bottom(self) -> None:
        self._complete_layout()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        if self.document and self.document.paragraphs:
            self._set_cursor(len(self.document.paragraphs) - 1)
        self.refresh()

    def action_mention(self, step: int) -> None:
        if not self.mentions:
            self.app.bell()
            return
        self.go_to_mention(self._next_index(list(range(len(self.mentions))), step))

    def action_entity_mention(self, step: int) -> None:
        indexes = self.entity_mentions(self.selected_entity_id)
        if not indexes:
            self.notify("Select an entity first (Enter on a mention, or in the sidebar).",
                        severity="warning", markup=False)
            return
        self.go_to_mention(self._next_index(indexes, step))

    def _next_index(self, indexes: list[int], step: int) -> int:
        """The next (step 1) or previous (-1) of ``indexes`` after the current place."""
        if self.current_mention is not None:
            here = self.current_mention
            if step > 0:
                position = bisect_right(indexes, here)
                return indexes[position % len(indexes)]
            position = bisect_left(indexes, here) - 1
            return indexes[position % len(indexes)]
        offset = self._cursor_offset()
        starts = [self.mentions[i].start for i in indexes]
        if step > 0:
            position = bisect_left(starts, offset)
            return indexes[position % len(indexes)]
        position = bisect_left(starts, offset) - 1
        return indexes[position % len(indexes)]

    def action_choose_mention(self) -> None:
        mention = self.mention_at_cursor()
        if mention is None:
            self.notify("No mention here: ] and [ move between mentions.", markup=False)
            return
        self.post_message(self.MentionChosen(mention))

    def action_search_hit(self, step: int) -> None:
        if not self.search_hits:
            self.notify("No search: press / to search this article.", markup=False)
            return
        current = self.current_hit if self.current_hit is not None else -step
        self.current_hit = (current + step) % len(self.search_hits)
        self.go_to_offset(self.search_hits[self.current_hit][0])

    def action_toggle_boilerplate(self) -> None:
        if self.document is None:
            return
        position = self.top_position()
        self.show_boilerplate = not self.show_boilerplate
        self._relayout()
        if self.show_boilerplate and self.document.boilerplate:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        elif position is not None:
            self.go_to_position(*position)

    # -- drawing -------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._style_cache.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=True)
            self._style_cache[name] = style
        return style

    def faction_style(self, faction: str | None) -> Style:
        """The colour of a faction (plain bold for actors without one)."""
        name = FACTION_CLASSES.get(faction or "")
        return self._style(name) if name else self._style("article--actor")

    def place_style(self) -> Style:
        return self._style("article--place")

    def mention_style(self, index: int) -> Style:
        """How mention ``index`` is drawn: kind, faction, selection, current."""
        mention = self.mentions[index]
        entity = mention.entity
        if entity.kind == "place":
            style = self._style("article--place")
        else:
            style = self._style("article--actor")
            faction_class = FACTION_CLASSES.get(entity.faction or "")
            if faction_class:
                style += self._style(faction_class)
        if entity.origin == "rule":
            style += self._style("article--discovered")
        if entity.id == self.selected_entity_id:
            style += self._style("article--selected")
        if index == self.current_mention:
            style += self._style("article--current")
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        # The first screen is drawn before on_resize arrives: wrap for this width now.
        layout = self.layout_cache
        width = self.scrollable_content_region.width
        if layout is not None and width and layout.width != width:
            self._rewrap(complete=layout.complete)
        self._base_style = self.rich_style  # walks the ancestors: once, not once a line
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style if self._base_style is None else self._base_style
        layout = self.layout_cache
        number = round(self.scroll_offset.y) + y
        if layout is None or number >= len(layout.lines):
            if layout is None and y == 0:
                return Strip([Segment("No document open.", base)]).extend_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        line = layout.lines[number]
        segments = self._gutter(line, layout, number, base)
        if line.kind in ("title", "body"):
            if line.prefix:
                segments.append(Segment(line.prefix, base + self._style("article--quote")))
            segments.extend(self._text_segments(line, base))
        elif line.kind != "blank":
            style = base + self._style(f"article--{line.kind}")
            segments.append(Segment(line.text, style))
        return Strip(segments).crop_extend(0, width, base).simplify()

    def _gutter(self, line: Line, layout: Layout, number: int, base: Style) -> list[Segment]:
        paragraph = line.paragraph
        cursor = " "
        mark = " "
        if paragraph is not None and paragraph == self.cursor_paragraph:
            cursor = "▌"
        if paragraph is not None and layout.paragraph_first_line.get(paragraph) == number:
            note = paragraph in self.note_paragraphs
            bookmark = paragraph in self.bookmark_paragraphs
            mark = "✦" if note and bookmark else "✎" if note else "★" if bookmark else " "
        return [
            Segment(cursor, base + self._style("article--gutter-cursor")),
            Segment(mark.ljust(GUTTER - 1), base + self._style("article--gutter-mark")),
        ]

    def _text_segments(self, line: Line, base: Style) -> list[Segment]:
        document = self.document
        assert document is not None
        text = document.text
        start, end = line.start, line.end
        if line.kind == "title":
            line_style = base + self._style("article--title")
        elif line.block_kind == "heading":
            line_style = base + self._style("article--heading")
        else:
            line_style = base
        # Cut points: mention and search-hit edges inside the line.
        runs: list[tuple[int, int, Style]] = []
        first = bisect_right(self._mention_ends, start)
        index = first
        while index < len(self.mentions) and self.mentions[index].start < end:
            mention = self.mentions[index]
            runs.append((max(start, mention.start), min(end, mention.end),
                         self.mention_style(index)))
            index += 1
        hits = self._hits_in(start, end)
        cuts = {start, end}
        for a, b, _ in runs:
            cuts.update((a, b))
        for a, b, _ in hits:
            cuts.update((max(a, start), min(b, end)))
        ordered = sorted(c for c in cuts if start <= c <= end)
        segments: list[Segment] = []
        for a, b in zip(ordered, ordered[1:], strict=False):
            if a >= b:
                continue
            style = line_style
            for run_start, run_end, run_style in runs:
                if run_start <= a and b <= run_end:
                    style = style + run_style
                    break
            for hit_start, hit_end, hit_style in hits:
                if hit_start <= a and b <= hit_end:
                    style = style + hit_style
                    break
            segments.append(Segment(text[a:b], style))
        return segments

    def _hits_in(self, start: int, end: int) -> list[tuple[int, int, Style]]:
        if not self.search_hits:
            return []
        index = max(0, bisect_left(self._hit_starts, start) - 1)
        found = []
        search_style = self._style("article--search")
        current_style = search_style + self._style("article--current")
        while index < len(self.search_hits) and self.search_hits[index][0] < end:
            hit_start, hit_end = self.search_hits[index]
            if hit_end > start:
                style = current_style if index == self.current_hit else search_style
                found.append((hit_start, hit_end, style))
            index += 1
        return found
