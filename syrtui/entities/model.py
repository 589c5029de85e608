"""The entity vocabulary: kinds, sub-types, factions, and the Entity and Mention records."""

from __future__ import annotations

from typing import Literal, NamedTuple

Kind = Literal["actor", "place"]
Origin = Literal["gazetteer", "rule"]

# Faction (alignment) identifiers and their labels, in legend order.
FACTIONS: dict[str, str] = {
    "syrian-government": "Syrian government and allies",
    "russia": "Russia",
    "iran": "Iran and allied militias",
    "idlib-opposition": "Idlib opposition and HTS",
    "sna": "Turkish-backed Syrian National Army",
    "turkey": "Turkey",
    "sdf": "SDF and Kurdish-led forces",
    "isis": "ISIS",
    "us-coalition": "US-led coalition",
    "israel": "Israel",
    "international": "International / neutral",
    "media": "Media / monitor",
}

ACTOR_TYPES: tuple[str, ...] = (
    "army",
    "armed-group",
    "jihadist-group",
    "militia",
    "police-security",
    "government",
    "state",
    "international-org",
    "humanitarian",
    "media",
    "party",
    "company",
    "person",
    "force",
    "tribe",
)

PLACE_TYPES: tuple[str, ...] = (
    "country",
    "governorate",
    "district",
    "sub-district",
    "city",
    "town",
    "village",
    "neighbourhood",
    "region",
    "river",
    "mountain",
    "desert",
    "lake",
    "dam",
    "oil-gas-field",
    "airbase",
    "airport",
    "border-crossing",
    "camp",
    "prison",
    "highway",
    "site",
)


class Entity(NamedTuple):
    """An actor or a place: from the gazetteer, or discovered by a rule in one document.

    (An immutable named tuple: the gazetteer holds thousands, and a tuple loads from its
    cache several times faster than a frozen dataclass.)
    """

    id: str
    name: str
    kind: Kind
    type: str
    faction: str | None = None
    description: str = ""
    lat: float | None = None
    lon: float | None = None
    origin: Origin = "gazetteer"
    parent: str | None = None


class Mention(NamedTuple):
    """One occurrence of an entity: ``text[start:end]`` of the document's text.

    (An immutable named tuple rather than a frozen dataclass: one is made per mention,
    and a tuple is several times cheaper to make.)
    """

    start: int
    end: int
    text: str
    entity: Entity
