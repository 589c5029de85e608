"""The reader's main screen: documents, article and entities, and every reading action.

The dialogs (``syrtui.ui.screens.dialogs``) are imported by the actions that open one,
so that start-up does not load them.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, Static

from syrtui.documents import Document, LibraryEntry, UnreadableFile, clean_line
from syrtui.documents.library import reading_order
from syrtui.entities import extract
from syrtui.entities.model import FACTIONS, Entity, Mention
from syrtui.store import StoreError
from syrtui.ui.widgets.article import ArticleView
from syrtui.ui.widgets.documents import DocumentPane, DocumentRow
from syrtui.ui.widgets.entities import EntityPane
from syrtui.ui.widgets.keyhints import KeyHints
from syrtui.ui.widgets.rowlist import RowList

MIN_WIDTH = 50
MIN_HEIGHT = 12
DOCUMENTS_AUTO_WIDTH = 110  # below this width the document list starts hidden
ENTITIES_AUTO_WIDTH = 70  # below this width the entity sidebar starts hidden
QUOTE_LIMIT = 2000
UNSAVED_HINT = "The text stays in the editor: Ctrl+S tries again, Escape discards it."
BACKGROUND_EXTRACT = 60_000  # characters: longer documents show their text first


@dataclass(frozen=True, slots=True)
class Location:
    """A place to come back to: a document and a text offset in it."""

    doc_id: str
    offset: int


class MainScreen(Screen[None]):
    """Three panes; the actions here work from any of them."""

    BINDINGS = [
        Binding("q", "quit_reader", "Quit", id="reader.quit"),
        Binding("question_mark,f1", "app.help", "Help", id="reader.help"),
        Binding("1", "focus_pane('documents')", "Documents", show=False,
                id="reader.focus_documents"),
        Binding("2", "focus_pane('article')", "Article", show=False, id="reader.focus_article"),
        Binding("3", "focus_pane('entities')", "Entities", show=False,
                id="reader.focus_entities"),
        Binding("D", "toggle_pane('documents')", "Doc list", show=False,
                id="reader.toggle_documents"),
        Binding("E", "toggle_pane('entities')", "Sidebar", show=False,
                id="reader.toggle_entities"),
        Binding("slash", "search", "Search", id="reader.search"),
        Binding("s", "search_library", "Search library", show=False,
                id="reader.search_library"),
        Binding("escape", "clear", "Clear", show=False, id="reader.clear"),
        Binding("o", "other_documents", "Other docs", id="reader.other_documents"),
        Binding("f", "filter_by_entity", "Filter by entity", show=False,
                id="reader.filter_by_entity"),
        Binding("H,alt+left", "back", "Back", show=False, id="reader.back"),
        Binding("L,alt+right", "forward", "Forward", show=False, id="reader.forward"),
        Binding("a", "add_note", "Note", id="reader.add_note"),
        Binding("v", "list_notes", "Notes", show=False, id="reader.list_notes"),
        Binding("b", "toggle_bookmark", "Bookmark", id="reader.toggle_bookmark"),
        Binding("B", "list_bookmarks", "Bookmarks", show=False, id="reader.list_bookmarks"),
        Binding("y", "copy_quote", "Copy quote", show=False, id="reader.copy_quote"),
        Binding("Y", "copy_entity", "Copy name", show=False, id="reader.copy_entity"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entry: LibraryEntry | None = None
        self.document: Document | None = None
        self.mentions: list[Mention] = []
        self.selected: Entity | None = None
        self.detail_entity: Entity | None = None  # the entity the detail panel describes
        self.history: list[Location] = []
        self.future: list[Location] = []
        self.pane_override: dict[str, bool] = {}
        self.index_progress: tuple[int, int] | None = None
        self.index_ready = False
        self._mention_cache: OrderedDict[str, list[Mention]] = OrderedDict()
        self._stop_indexing = threading.Event()
        self.search_mode = "article"
        self.extracting = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="topbar", markup=False)
        with Horizontal(id="body"):
            yield DocumentPane(id="documents")
            yield ArticleView(id="article")
            yield EntityPane(id="entities")
        yield Static(id="too-small", markup=False)
        yield Input(placeholder="search this article (Enter finds, Escape closes)",
                    id="search-bar")
        yield KeyHints(id="key-hints", markup=False)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def documents(self) -> DocumentPane:
        return self.query_one(DocumentPane)

    @property
    def entities(self) -> EntityPane:
        return self.query_one(EntityPane)

    def on_mount(self) -> None:
        self.entities.styles_source = self.article
        self.query_one("#search-bar").display = False
        self.documents.set_rows([DocumentRow(entry) for entry in self.app.library.entries])
        self._refresh_marks_in_list()
        self._apply_pane_visibility(self.size.width, self.size.height)
        entries = self.app.library.entries
        if entries:
            self.open_entry(entries[0], record=False)
        # Focus at once, and the key hints with it, so that the first frame shows the
        # article focused and its keys (the hints' own mount comes after that frame).
        self.set_focus(self.article)
        self.query_one(KeyHints).show_bindings(self)
        self._update_topbar()
        for problem in self.app.library.problems[:5]:
            self.notify(f"Skipped {problem.path}: {problem.reason}", severity="warning",
                        markup=False, timeout=8)
        if len(self.app.library.problems) > 5:
            self.notify(f"{len(self.app.library.problems)} files skipped in all",
                        severity="warning", markup=False)
        self.call_after_refresh(self.app.resume_collector)
        if self.app.index is not None:
            self.call_after_refresh(self.build_index)

    def on_screen_resume(self) -> None:
        """After a dialog closes, keep the keyboard in a pane (never on the footer)."""
        focused = self.focused
        body = self.query_one("#body")
        if focused is None or not (focused is body or body in focused.ancestors):
            self.article.focus()

    def on_resize(self, event: Resize) -> None:
        self._apply_pane_visibility(event.size.width, event.size.height)

    def _apply_pane_visibility(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        message = self.query_one("#too-small", Static)
        message.display = too_small
        self.query_one("#body").display = not too_small
        if too_small:
            message.update(Content(
                f"The terminal is too small ({width}x{height}).\n"
                f"syrtui needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge it, or press q."
            ))
            return
        show_documents = self.pane_override.get("documents", width >= DOCUMENTS_AUTO_WIDTH)
        show_entities = self.pane_override.get("entities", width >= ENTITIES_AUTO_WIDTH)
        self.documents.display = show_documents
        self.entities.display = show_entities
        self.set_class(width < DOCUMENTS_AUTO_WIDTH, "-narrow")

    def action_toggle_pane(self, pane: str) -> None:
        widget = self.documents if pane == "documents" else self.entities
        visible = not widget.display
        self.pane_override[pane] = visible
        self._apply_pane_visibility(self.size.width, self.size.height)
        if visible:
            self.action_focus_pane(pane)
        elif widget.has_focus_within or self.focused is None:
            self.article.focus()

    def action_focus_pane(self, pane: str) -> None:
        if pane == "documents":
            if not self.documents.display:
                self.pane_override["documents"] = True
                self._apply_pane_visibility(self.size.width, self.size.height)
            self.documents.row_list.focus()
        elif pane == "entities":
            if not self.entities.display:
                self.pane_override["entities"] = True
                self._apply_pane_visibility(self.size.width, self.size.height)
            self.query_one("#actors", RowList).focus()
        else:
            self.article.focus()

    def _update_topbar(self) -> None:
        parts = ["syrtui"]
        if self.document is not None:
            parts.append(clean_line(self.document.title))
        if self.extracting:
            parts.append("finding entities…")
        if self.index_progress is not None and not self.index_ready:
            done, total = self.index_progress
            parts.append(f"indexing library {done}/{total}")
        if self.app.store.read_only:
            parts.append("read-only: notes cannot be saved")
        self.query_one("#topbar", Static).update(Content(" · ".join(parts)))

    # -- opening documents ---------------------------------------------------------------

    def mentions_for(self, document: Document) -> list[Mention]:
        """The document's mentions, extracted once and kept for the last 64 documents."""
        cached = self._mention_cache.get(document.id)
        if cached is None:
            cached = extract(document.text)
            self._remember_mentions(document.id, cached)
        else:
            self._mention_cache.move_to_end(document.id)
        return cached

    def _remember_mentions(self, doc_id: str, mentions: list[Mention]) -> None:
        self._mention_cache[doc_id] = mentions
        if len(self._mention_cache) > 64:
            self._mention_cache.popitem(last=False)

    @work(thread=True, exclusive=True, group="extract", description="find entities")
    def extract_in_background(self, document: Document) -> None:
        """Find the entities of a long document without holding up its text."""
        mentions = extract(document.text)
        self.app.call_from_thread(self._mentions_ready, document, mentions)

    def _mentions_ready(self, document: Document, mentions: list[Mention]) -> None:
        self._remember_mentions(document.id, mentions)
        if self.document is None or self.document.id != document.id:
            return
        self.extracting = False
        self.mentions = mentions
        self.article.set_mentions(mentions)
        self.entities.set_mentions(mentions)
        self._highlight_selection()
        self._show_detail()
        self._update_topbar()

    def current_location(self) -> Location | None:
        if self.document is None:
            return None
        article = self.article
        if article.current_mention is not None:
            return Location(self.document.id, article.mentions[article.current_mention].start)
        if article.cursor_paragraph < 0 or not self.document.paragraphs:
            return Location(self.document.id, 0)
        return Location(self.document.id,
                        self.document.paragraphs[article.cursor_paragraph].start)

    def _remember(self) -> None:
        location = self.current_location()
        if location is not None and (not self.history or self.history[-1] != location):
            self.history.append(location)
            del self.history[:-200]
        self.future.clear()

    def open_entry(self, entry: LibraryEntry, offset: int | None = None,
                   record: bool = True) -> bool:
        """Open ``entry``: at ``offset`` if given, else where the reader left it."""
        try:
            document = entry.load()
        except UnreadableFile as exc:
            self.notify(f"Cannot open {entry.display_path}: {exc}", severity="error",
                        markup=False)
            return False
        if record:
            self._remember()
        self.save_position()
        self.entry, self.document = entry, document
        self.extracting = (
            document.id not in self._mention_cache and len(document.text) > BACKGROUND_EXTRACT
        )
        self.mentions = [] if self.extracting else self.mentions_for(document)
        article = self.article
        article.show_document(document, self.mentions)
        self.entities.set_mentions(self.mentions)
        self.documents.select_document(document.id)
        store = self.app.store
        if not store.read_only:
            try:
                store.remember_document(document.id, document.title, document.source,
                                        document.date, entry.path)
                moved = store.follow_edited_file(document.id, entry.path)
                notes = store.reattach_notes(document.id, [p.text for p in document.paragraphs])
                if moved:
                    self._refresh_marks_in_list()
                    lost = sum(1 for note in notes if note.detached)
                    self.notify(
                        f"This file changed since you last read it: {moved} note(s) followed"
                        + (f", {lost} no longer find their quote (kept, marked detached)."
                           if lost else "."),
                        markup=False, timeout=8,
                    )
            except StoreError as exc:
                self.notify(str(exc), severity="warning", markup=False)
        self._refresh_article_marks()
        self._highlight_selection()
        if self.extracting:
            self.extract_in_background(document)
        if offset is not None:
            self._go_to_offset(offset)
        else:
            position = self._stored_position(document.id)
            if position is not None:
                article.go_to_position(position.paragraph, position.offset)
        self._show_detail()
        self._update_topbar()
        return True

    def _highlight_selection(self) -> None:
        """Show the selected entity's mentions if the open document has any."""
        if self.selected is not None and self.entities.row_for(self.selected.id):
            self.article.select_entity(self.selected.id)
            self.entities.select(self.selected.id)
        else:
            self.article.select_entity(self.selected.id if self.selected else None)
            self.entities.select(None)

    def _stored_position(self, doc_id: str):
        try:
            return self.app.store.position(doc_id)
        except StoreError:
            return None

    def _go_to_offset(self, offset: int) -> None:
        article = self.article
        for index, mention in enumerate(article.mentions):
            if mention.start == offset:
                article.go_to_mention(index)
                return
        article.current_mention = None
        article.go_to_offset(offset)

    def save_position(self) -> None:
        """Remember where the reader is in the open document (paragraph and fraction)."""
        if self.document is None or self.app.store.read_only:
            return
        position = self.article.top_position()
        if position is None:
            return
        with contextlib.suppress(StoreError):
            self.app.store.save_position(self.document.id, position[0], position[1])

    def open_by_id(self, doc_id: str, offset: int | None = None, record: bool = True) -> bool:
        entry = self.app.library.by_id(doc_id)
        if entry is None:
            self.notify("That document is no longer in the library.", severity="warning",
                        markup=False)
            return False
        return self.open_entry(entry, offset, record)

    def on_document_pane_opened(self, message: DocumentPane.Opened) -> None:
        if self.open_entry(message.entry):
            self.article.focus()

    # -- entities ------------------------------------------------------------------------

    def select_entity(self, entity: Entity, jump: bool = True) -> None:
        """Select ``entity``: highlight all its mentions, and go to the first one."""
        self.selected = entity
        self.article.select_entity(entity.id)
        self.entities.select(entity.id)
        if jump:
            indexes = self.article.entity_mentions(entity.id)
            if indexes:
                self._remember()
                self.article.go_to_mention(indexes[0])
        self._show_detail()

    def on_entity_pane_chosen(self, message: EntityPane.Chosen) -> None:
        self.select_entity(message.entity)

    def on_article_view_mention_chosen(self, message: ArticleView.MentionChosen) -> None:
        self.select_entity(message.mention.entity, jump=False)

    def on_row_list_highlighted(self, message: RowList.Highlighted) -> None:
        if message.row_list.id in ("actors", "places"):
            rows = self.entities.actors if message.row_list.id == "actors" else (
                self.entities.places
            )
            if 0 <= message.index < len(rows):
                self._show_detail(rows[message.index].entity)

    def _show_detail(self, entity: Entity | None = None) -> None:
        entity = entity or self.selected
        self.detail_entity = entity
        if entity is None:
            self.entities.show_detail(Content(
                "Select an entity: Enter on a name here, or on a mention in the article."
            ))
            return
        self.entities.show_detail(self.detail_content(entity))

    def detail_content(self, entity: Entity) -> Content:
        """What the detail panel says about ``entity``."""
        lines: list[Content] = [Content.styled(clean_line(entity.name), "bold")]
        kind = f"{entity.kind} · {entity.type}"
        lines.append(Content(kind))
        if entity.faction:
            lines.append(Content(f"Faction: {FACTIONS.get(entity.faction, entity.faction)}"))
        if entity.parent:
            lines.append(Content(f"In: {clean_line(entity.parent)}"))
        if entity.lat is not None and entity.lon is not None:
            lat = f"{abs(entity.lat):.4f}°{'N' if entity.lat >= 0 else 'S'}"
            lon = f"{abs(entity.lon):.4f}°{'E' if entity.lon >= 0 else 'W'}"
            lines.append(Content(f"Coordinates: {lat} {lon}"))
        if entity.description:
            lines.append(Content(clean_line(entity.description)))
        if entity.origin == "rule":
            lines.append(Content("Found by a rule: not in the gazetteer."))
        row = self.entities.row_for(entity.id)
        here = row.count if row else 0
        lines.append(Content(f"Mentions here: {here}"))
        lines.append(Content(""))
        lines.extend(self._other_documents_lines(entity))
        return Content("\n").join(lines)

    def _other_documents_lines(self, entity: Entity) -> list[Content]:
        index = self.app.index
        if index is None:
            return [Content("Other documents: library index unavailable.")]
        if not self.index_ready:
            done, total = self.index_progress or (0, len(self.app.library.entries))
            return [Content(f"Other documents: indexing the library ({done}/{total})…")]
        hits = [h for h in self.other_documents(entity) if h.doc_id != self._current_id()]
        if not hits:
            return [Content("No other document mentions it.")]
        lines = [Content(f"In {len(hits)} other document(s) (o opens):")]
        for hit in hits[:8]:
            lines.append(Content(f"{hit.count:>3}× {clean_line(hit.title)}"))
        if len(hits) > 8:
            lines.append(Content(f"… and {len(hits) - 8} more"))
        return lines

    def _current_id(self) -> str | None:
        return self.document.id if self.document else None

    def other_documents(self, entity: Entity) -> list:
        index = self.app.index
        if index is None or not self.index_ready:
            return []
        return list(index.documents_mentioning(entity.id))

    # -- library index -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", description="index the library")
    def build_index(self) -> None:
        """Index every document in the background, showing progress in the top bar."""
        index = self.app.index
        library = self.app.library

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._index_progress, done, total)

        try:
            index.update(library, progress=progress, should_stop=self._stop_indexing.is_set)
        except Exception as exc:  # the index is a cache: the reader goes on without it
            self.app.call_from_thread(
                self.notify, f"Library index failed: {exc}", severity="warning", markup=False
            )
            return
        if not self._stop_indexing.is_set():
            self.app.call_from_thread(self._index_done)

    def _index_progress(self, done: int, total: int) -> None:
        self.index_progress = (done, total)
        self._update_topbar()

    def _index_done(self) -> None:
        self.index_ready = True
        index = self.app.index
        rows = sorted(self.documents.rows, key=lambda row: reading_order(row.entry))
        self.app.library.entries.sort(key=reading_order)
        for row in rows:
            summary = index.entity_summary(row.entry.id)
            if summary is not None:
                row.actors, row.places = summary
        self.documents.set_rows(rows)  # titles, dates and ids may have been refined
        self._refresh_marks_in_list()
        self._update_topbar()
        self._show_detail(self.detail_entity)  # the same entity, now with other documents

    def on_unmount(self) -> None:
        self._stop_indexing.set()

    # -- navigation actions --------------------------------------------------------------

    def action_quit_reader(self) -> None:
        self.save_position()
        self._stop_indexing.set()
        self.app.exit()

    def action_search(self) -> None:
        self._open_search_bar("article", self.article.search_query,
                              "search this article (Enter finds, Escape closes)")

    def action_search_library(self) -> None:
        if self.app.index is None:
            self.notify("Library search needs the library index.", severity="warning",
                        markup=False)
            return
        self._open_search_bar("library", "", "search every document (Enter lists matches)")

    def _open_search_bar(self, mode: str, value: str, placeholder: str) -> None:
        bar = self.query_one("#search-bar", Input)
        self.search_mode = mode
        bar.placeholder = placeholder
        bar.display = True
        bar.value = value
        bar.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search-bar":
            return
        event.stop()
        query = event.value
        bar = event.input
        bar.display = False
        if self.search_mode == "library":
            self.article.focus()
            if query.strip():
                self.search_library(query)
            return
        if query.strip():
            self._remember()
            count = self.article.search(query)
            if count:
                self.notify(f"{count} match(es) for “{clean_line(query)}”: n / N move",
                            markup=False)
            else:
                self.notify(f"No match for “{clean_line(query)}”", severity="warning",
                            markup=False)
        self.article.focus()

    def search_library(self, query: str) -> None:
        """Full-text search over the library; the chosen document opens at the match."""
        from syrtui.ui.screens.dialogs import PickDialog

        hits = self.app.index.search(query, limit=200)
        if not self.index_ready:
            self.notify("The library is still being indexed: results may be incomplete.",
                        markup=False)
        if not hits:
            self.notify(f"No document matches “{clean_line(query)}”.", severity="warning",
                        markup=False)
            return
        labels = [f"{h.date or 'undated':10} {h.title} — {h.snippet}" for h in hits]

        def chosen(index: int | None) -> None:
            if index is None:
                return
            hit = hits[index]
            if not self.open_by_id(hit.doc_id):
                return
            word = hit.snippet[hit.marks[0][0]:hit.marks[0][1]] if hit.marks else query
            self.article.search(word)
            self.article.focus()

        self.app.push_screen(
            PickDialog(f"{len(hits)} document(s) match “{query}”", labels), chosen
        )

    def action_clear(self) -> None:
        bar = self.query_one("#search-bar", Input)
        if bar.display:
            bar.display = False
            self.article.focus()
            return
        if self.article.search_hits:
            self.article.search("")
            return
        if self.selected is not None:
            self.selected = None
            self.article.select_entity(None)
            self.entities.select(None)
            self._show_detail()

    def action_back(self) -> None:
        self._travel(self.history, self.future, "Nothing to go back to.")

    def action_forward(self) -> None:
        self._travel(self.future, self.history, "Nothing to go forward to.")

    def _travel(self, source: list[Location], other: list[Location], empty: str) -> None:
        """Go to the last place in ``source``, keeping where we are in ``other``."""
        if not source:
            self.notify(empty, markup=False)
            return
        current = self.current_location()
        target = source.pop()
        if current is not None:
            other.append(current)
        self._go_to_location(target)

    def _go_to_location(self, location: Location) -> None:
        if self.document is not None and location.doc_id == self.document.id:
            self._go_to_offset(location.offset)
        else:
            self.open_by_id(location.doc_id, location.offset, record=False)

    def _need_entity(self) -> Entity | None:
        if self.selected is None:
            self.notify("Select an entity first: Enter on a mention or in the sidebar.",
                        severity="warning", markup=False)
        return self.selected

    def action_other_documents(self) -> None:
        from syrtui.ui.screens.dialogs import PickDialog

        entity = self._need_entity()
        if entity is None:
            return
        if not self.index_ready:
            self.notify("The library is still being indexed; try again in a moment.",
                        markup=False)
            return
        hits = self.other_documents(entity)
        if not hits:
            self.notify(f"No document mentions {clean_line(entity.name)}.", markup=False)
            return
        labels = [
            f"{h.count:>3}× {h.date or 'undated':10} {h.title}"
            + ("  (open now)" if h.doc_id == self._current_id() else "")
            for h in hits
        ]

        def chosen(index: int | None) -> None:
            if index is not None:
                hit = hits[index]
                if self.open_by_id(hit.doc_id, hit.first_offset):
                    self.article.focus()

        self.app.push_screen(
            PickDialog(f"Documents mentioning {clean_line(entity.name)}", labels), chosen
        )

    def action_filter_by_entity(self) -> None:
        if self.documents.entity_filter is not None:
            self.documents.set_entity_filter(None, None)
            self.notify("Document list filter cleared.", markup=False)
            return
        entity = self._need_entity()
        if entity is None:
            return
        if not self.index_ready:
            self.notify("The library is still being indexed; try again in a moment.",
                        markup=False)
            return
        doc_ids = {hit.doc_id for hit in self.other_documents(entity)}
        self.documents.set_entity_filter(entity.name, doc_ids)
        if not self.documents.display:
            self.action_toggle_pane("documents")
        self.notify(f"{len(doc_ids)} document(s) mention {clean_line(entity.name)}; "
                    "f clears the filter.", markup=False)

    # -- notes and bookmarks -------------------------------------------------------------

    def _cursor_paragraph(self) -> int | None:
        if self.document is None or not self.document.paragraphs:
            return None
        return max(0, self.article.cursor_paragraph)

    def _writable(self) -> bool:
        store = self.app.store
        if store.read_only:
            self.notify(store.notice or "Notes cannot be saved in this session.",
                        severity="error", markup=False)
            return False
        return True

    def action_add_note(self) -> None:
        from syrtui.ui.screens.dialogs import NoteEditor

        document = self.document
        paragraph = self._cursor_paragraph()
        if document is None or not self._writable():
            return
        quote = document.paragraphs[paragraph].text[:QUOTE_LIMIT] if paragraph is not None else None
        entity = self.selected
        if entity is not None and paragraph is not None:
            para = document.paragraphs[paragraph]
            if not any(m.entity.id == entity.id and para.start <= m.start < para.end
                       for m in self.mentions):
                entity = None
        where = f"paragraph {paragraph + 1}" if paragraph is not None else "the document"
        heading = f"Note on {where} of “{document.title}”"
        if entity is not None:
            heading += f" · {entity.name}"

        def store_note(body: str) -> bool:
            try:
                self.app.store.add_note(
                    document.id, body, paragraph=paragraph, quote=quote,
                    entity_id=entity.id if entity else None,
                    entity_name=entity.name if entity else None,
                )
            except StoreError as exc:
                self.notify(f"The note was not saved: {exc} {UNSAVED_HINT}", severity="error",
                            markup=False, timeout=15)
                return False
            self.notify("Note saved.", markup=False)
            self._refresh_marks()
            return True

        self.app.push_screen(NoteEditor(heading, quote, save=store_note))

    def action_toggle_bookmark(self) -> None:
        document = self.document
        paragraph = self._cursor_paragraph()
        if document is None or paragraph is None or not self._writable():
            return
        try:
            bookmark = self.app.store.toggle_bookmark(document.id, paragraph)
        except StoreError as exc:
            self.notify(f"The bookmark was not saved: {exc}", severity="error", markup=False)
            return
        self.notify(
            f"Bookmarked paragraph {paragraph + 1}." if bookmark else "Bookmark removed.",
            markup=False,
        )
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        """After a note or bookmark changed: the article's gutter and the list's marks."""
        self._refresh_article_marks()
        self._refresh_marks_in_list()

    def _refresh_article_marks(self) -> None:
        if self.document is None:
            return
        store = self.app.store
        try:
            notes = store.notes(self.document.id)
            bookmarks = store.bookmarks(self.document.id)
        except StoreError:
            notes, bookmarks = [], []
        self.article.set_marks(
            [n.paragraph for n in notes if n.paragraph is not None and not n.detached],
            [b.paragraph for b in bookmarks],
        )

    def _refresh_marks_in_list(self) -> None:
        store = self.app.store
        try:
            note_counts = store.note_counts()
            bookmarked: dict[str, int] = {}
            for bookmark in store.bookmarks():
                bookmarked[bookmark.doc_id] = bookmarked.get(bookmark.doc_id, 0) + 1
        except StoreError:
            return
        for row in self.documents.rows:
            row.notes = note_counts.get(row.entry.id, 0)
            row.bookmarks = bookmarked.get(row.entry.id, 0)
        self.documents.refresh_rows()

    def open_at_paragraph(self, doc_id: str, paragraph: int | None) -> None:
        """Open a document of the library at one of its paragraphs (its start if None)."""
        entry = self.app.library.by_id(doc_id)
        if entry is None:
            self.notify("That document is not in this library.", markup=False)
            return
        try:
            document = entry.load()
        except UnreadableFile as exc:
            self.notify(f"Cannot open {entry.display_path}: {exc}", severity="error",
                        markup=False)
            return
        offset = None
        if paragraph is not None and paragraph < len(document.paragraphs):
            offset = document.paragraphs[paragraph].start
        if self.open_entry(entry, offset):
            self.article.focus()

    def _title_of(self, doc_id: str) -> str:
        entry = self.app.library.by_id(doc_id)
        if entry is not None:
            return entry.title
        try:
            record = self.app.store.document(doc_id)
        except StoreError:
            record = None
        return record.title if record else doc_id

    def _saved_items(self, fetch, empty: str) -> list | None:
        """Notes or bookmarks from the store, or None (said why) when there are none."""
        try:
            items = fetch()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None
        if not items:
            self.notify(empty, markup=False)
            return None
        return items

    def action_list_notes(self) -> None:
        from syrtui.ui.screens.dialogs import ConfirmDialog, NoteEditor, PickDialog

        notes = self._saved_items(
            self.app.store.notes, "No notes yet: a adds one to the current paragraph."
        )
        if notes is None:
            return
        current = self._current_id()
        notes.sort(key=lambda n: (n.doc_id != current, n.doc_id, n.paragraph or 0, n.id))
        labels = []
        for note in notes:
            where = f"¶{note.paragraph + 1}" if note.paragraph is not None else "doc"
            state = " (detached)" if note.detached else ""
            missing = "" if self.app.library.by_id(note.doc_id) else " (not in library)"
            first_line = note.body.strip().splitlines()[0] if note.body.strip() else ""
            entity = f" [{note.entity_name}]" if note.entity_name else ""
            labels.append(f"{self._title_of(note.doc_id)[:40]} {where}{state}{missing}"
                          f"{entity}: {first_line} — {note.quote or ''}")

        def chosen(index: int | None) -> None:
            if index is not None:
                note = notes[index]
                self.open_at_paragraph(note.doc_id, None if note.detached else note.paragraph)

        def edit(index: int) -> None:
            note = notes[index]

            def store_edit(body: str) -> bool:
                try:
                    self.app.store.update_note(note.id, body)
                except StoreError as exc:
                    self.notify(f"The note was not updated: {exc} {UNSAVED_HINT}",
                                severity="error", markup=False, timeout=15)
                    return False
                self.notify("Note updated.", markup=False)
                return True

            def closed(body: str | None) -> None:
                self.app.pop_screen()
                self.action_list_notes()

            self.app.push_screen(
                NoteEditor("Edit note", note.quote, note.body, save=store_edit), closed
            )

        def delete(index: int) -> None:
            note = notes[index]

            def answered(yes: bool | None) -> None:
                if yes:
                    try:
                        self.app.store.delete_note(note.id)
                        self.notify("Note deleted.", markup=False)
                    except StoreError as exc:
                        self.notify(str(exc), severity="error", markup=False)
                    self._refresh_marks()
                    self.app.pop_screen()
                    self.action_list_notes()

            self.app.push_screen(ConfirmDialog("Delete this note? It cannot be undone."),
                                 answered)

        self.app.push_screen(
            PickDialog(
                f"Notes ({len(notes)})", labels,
                hint="Enter jumps · e edits · d deletes · / searches · Escape closes",
                extra_keys={"e": edit, "d": delete},
            ),
            chosen,
        )

    def action_list_bookmarks(self) -> None:
        from syrtui.ui.screens.dialogs import PickDialog

        bookmarks = self._saved_items(
            self.app.store.bookmarks, "No bookmarks yet: b bookmarks the current paragraph."
        )
        if bookmarks is None:
            return
        labels = [
            f"{self._title_of(b.doc_id)} ¶{b.paragraph + 1}"
            + (f" — {b.label}" if b.label else "")
            + ("" if self.app.library.by_id(b.doc_id) else " (not in library)")
            for b in bookmarks
        ]

        def chosen(index: int | None) -> None:
            if index is not None:
                self.open_at_paragraph(bookmarks[index].doc_id, bookmarks[index].paragraph)

        def delete(index: int) -> None:
            try:
                self.app.store.delete_bookmark(bookmarks[index].id)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self._refresh_marks()
            self.app.pop_screen()
            self.action_list_bookmarks()

        self.app.push_screen(
            PickDialog(f"Bookmarks ({len(bookmarks)})", labels,
                       hint="Enter jumps · d deletes · / filters · Escape closes",
                       extra_keys={"d": delete}),
            chosen,
        )

    # -- clipboard -----------------------------------------------------------------------

    def action_copy_quote(self) -> None:
        document = self.document
        paragraph = self._cursor_paragraph()
        if document is None:
            return
        text = document.paragraphs[paragraph].text if paragraph is not None else document.title
        cite = ", ".join(part for part in (document.source, document.date) if part)
        quote = f"“{text}” — {document.title}" + (f" ({cite})" if cite else "")
        self.app.copy_to_clipboard(quote)
        self.notify(f"Copied the quote ({len(quote)} characters) to the clipboard.",
                    markup=False)

    def action_copy_entity(self) -> None:
        entity = self._need_entity()
        if entity is None:
            return
        self.app.copy_to_clipboard(entity.name)
        self.notify(f"Copied “{clean_line(entity.name)}” to the clipboard.", markup=False)
