"""Entity extraction: actors and places in conflict-news text.

``extract(text)`` returns the mentions; ``load_gazetteer()`` reads the known entities.
"""

from syrtui.entities.extract import extract
from syrtui.entities.gazetteer import (
    ENGINE_VERSION,
    Gazetteer,
    default_gazetteer,
    load_gazetteer,
)
from syrtui.entities.model import ACTOR_TYPES, FACTIONS, PLACE_TYPES, Entity, Mention
from syrtui.entities.normalize import name_key

__all__ = [
    "ACTOR_TYPES",
    "ENGINE_VERSION",
    "FACTIONS",
    "PLACE_TYPES",
    "Entity",
    "Gazetteer",
    "Mention",
    "default_gazetteer",
    "extract",
    "load_gazetteer",
    "name_key",
]
