"""The library index: a persistent SQLite cache that makes large libraries instant.

The door::

    index = LibraryIndex.open()             # cache_dir()/index.sqlite; index.notice if in memory
    library = index.scan(paths)             # like open_library(); unchanged files not read
    library = index.scan(paths, header_budget=0.5)  # huge first open: first lines after 0.5 s
    index.update(library, progress, should_stop)   # parse + extract what is new or stale
    index.documents_mentioning(entity_id)   # -> list[DocumentHit]
    index.entity_summary(doc_id)            # -> (actors, places) or None
    index.document_entities(doc_id)         # -> list[EntityCount]
    index.search(query, limit=50)           # -> list[SearchHit] (plain snippet + match offsets)
    index.library_entities(limit)           # -> list[LibraryEntity], in most documents first

Entries of files never indexed have ``id == PENDING_ID`` ("") until ``update`` (or
``entry.load()``) fills it in. No UI code here.
"""

from syrtui.documents.library import PENDING_ID, reading_order
from syrtui.index.database import INDEX_FILE_NAME, SCHEMA_VERSION
from syrtui.index.library_index import (
    DocumentHit,
    EntityCount,
    LibraryEntity,
    LibraryIndex,
    SearchHit,
    aggregate,
    default_engine,
    file_key,
)
from syrtui.index.query import fts_query, split_marks

__all__ = [
    "INDEX_FILE_NAME",
    "PENDING_ID",
    "SCHEMA_VERSION",
    "DocumentHit",
    "EntityCount",
    "LibraryEntity",
    "LibraryIndex",
    "SearchHit",
    "aggregate",
    "default_engine",
    "file_key",
    "fts_query",
    "reading_order",
    "split_marks",
]
