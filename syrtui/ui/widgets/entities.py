"""The sidebar: actors and places of the open document, and the selected entity's detail."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import Static

from syrtui.documents import clean_line
from syrtui.entities.model import FACTIONS, Entity, Mention
from syrtui.ui.widgets.article import ArticleView
from syrtui.ui.widgets.documents import fit, pad
from syrtui.ui.widgets.rowlist import Cell, RowList

# Short tags so that factions stay apart without colour.
FACTION_TAGS = {
    "syrian-government": "GOV",
    "russia": "RUS",
    "iran": "IRN",
    "idlib-opposition": "OPP",
    "sna": "SNA",
    "turkey": "TUR",
    "sdf": "SDF",
    "isis": "ISIS",
    "us-coalition": "US",
    "israel": "ISR",
    "international": "INT",
    "media": "MED",
}


# Short faction names for the legend.
FACTION_SHORT = {
    "syrian-government": "govt",
    "russia": "Russia",
    "iran": "Iran",
    "idlib-opposition": "opposition",
    "sna": "Turkish-backed",
    "turkey": "Turkey",
    "sdf": "SDF/Kurdish",
    "isis": "",
    "us-coalition": "coalition",
    "israel": "Israel",
    "international": "intl",
    "media": "media",
}


@dataclass(slots=True)
class EntityRow:
    """An entity of the open document with its mention count and first mention."""

    entity: Entity
    count: int
    first: int


def entity_rows(mentions: list[Mention]) -> tuple[list[EntityRow], list[EntityRow]]:
    """Actors and places of a document, most mentioned first."""
    rows: dict[str, EntityRow] = {}
    for mention in mentions:
        row = rows.get(mention.entity.id)
        if row is None:
            rows[mention.entity.id] = EntityRow(mention.entity, 1, mention.start)
        else:
            row.count += 1
    ordered = sorted(rows.values(), key=lambda r: (-r.count, r.entity.name.casefold()))
    actors = [r for r in ordered if r.entity.kind == "actor"]
    places = [r for r in ordered if r.entity.kind == "place"]
    return actors, places


class EntityPane(Vertical):
    """Actors and Places lists; Enter selects an entity; the detail panel describes it."""

    BINDINGS = [
        Binding("slash", "app.search", "Search", show=False, id="entities.search"),
    ]

    class Chosen(Message):
        """An entity was chosen in the sidebar."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actors: list[EntityRow] = []
        self.places: list[EntityRow] = []
        self.selected_id: str | None = None
        self.styles_source: ArticleView | None = None  # where faction colours come from

    def compose(self) -> ComposeResult:
        yield Static("Actors", id="actors-title", markup=False)
        yield RowList(self._render_actor, empty_text="No actors found.", id="actors")
        yield Static("Places", id="places-title", markup=False)
        yield RowList(self._render_place, empty_text="No places found.", id="places")
        with VerticalScroll(id="entity-detail-scroll"):
            yield Static(id="entity-detail", markup=False)
        yield Static(id="legend", markup=False)

    def set_mentions(self, mentions: list[Mention]) -> None:
        self.actors, self.places = entity_rows(mentions)
        self.query_one("#actors", RowList).set_rows(len(self.actors))
        self.query_one("#places", RowList).set_rows(len(self.places))
        self.query_one("#actors-title", Static).update(
            Content(f"Actors {len(self.actors)}")
        )
        self.query_one("#places-title", Static).update(Content(f"Places {len(self.places)}"))
        self._update_legend()

    def row_for(self, entity_id: str) -> EntityRow | None:
        for row in self.actors + self.places:
            if row.entity.id == entity_id:
                return row
        return None

    def select(self, entity_id: str | None) -> None:
        """Mark ``entity_id`` as selected and move the right list's cursor to it."""
        self.selected_id = entity_id
        for list_id, rows in (("#actors", self.actors), ("#places", self.places)):
            row_list = self.query_one(list_id, RowList)
            for position, row in enumerate(rows):
                if row.entity.id == entity_id:
                    row_list.set_reactive(RowList.cursor, position)
                    row_list._scroll_to_cursor()
            row_list.refresh_rows()

    def show_detail(self, content: Content) -> None:
        self.query_one("#entity-detail", Static).update(content)

    def _row_cells(self, rows: list[EntityRow], position: int, width: int) -> list[Cell]:
        row = rows[position]
        entity = row.entity
        selected = "●" if entity.id == self.selected_id else " "
        count = f" {row.count}"
        styles = self.styles_source
        if entity.kind == "actor":
            tag = FACTION_TAGS.get(entity.faction or "", "·")
            style = styles.faction_style(entity.faction) if styles else None
        else:
            tag = "·"
            style = styles.place_style() if styles else None
        tag = tag.ljust(4)
        discovered = "+" if entity.origin == "rule" else " "
        name_width = width - 1 - len(tag) - 1 - len(count)
        return [
            Cell(selected, "rowlist--strong"),
            Cell(tag, "rowlist--strong", style),
            Cell(discovered, "rowlist--mark"),
            Cell(pad(fit(clean_line(entity.name), name_width), name_width)),
            Cell(count, "rowlist--dim"),
        ]

    def _render_actor(self, position: int, width: int) -> list[Cell]:
        return self._row_cells(self.actors, position, width)

    def _render_place(self, position: int, width: int) -> list[Cell]:
        return self._row_cells(self.places, position, width)

    def _update_legend(self) -> None:
        factions: list[str] = []
        for row in self.actors:
            faction = row.entity.faction
            if faction in FACTIONS and faction not in factions:
                factions.append(faction)
        content = Content("")
        for faction in factions:
            if self.styles_source is None:
                break
            rich_style = self.styles_source.faction_style(faction)
            tag = Content.styled(FACTION_TAGS[faction], Style.from_rich_style(rich_style))
            content = content + tag + Content(f" {FACTION_SHORT[faction]}  ")
        content = content + Content("place underlined · + found by rule")
        self.query_one("#legend", Static).update(content)

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        rows = self.actors if event.row_list.id == "actors" else self.places
        if 0 <= event.index < len(rows):
            self.post_message(self.Chosen(rows[event.index].entity))
