"""The per-user store of notes, bookmarks and reading positions (one SQLite database).

Typical use::

    from syrtui.store import open_store

    store = open_store()              # never raises for faults
    if store.notice:
        show(store.notice)            # something was recovered, or the session is read-only
    note = store.add_note(doc.id, "Check this figure", paragraph=3, quote="...")
    store.toggle_bookmark(doc.id, 3)
    store.save_position(doc.id, paragraph=3, offset=0.4)

Writes raise ``StoreReadOnly`` when ``store.read_only`` is True, ``StoreBusy`` when another
program holds the database beyond the busy timeout, ``StoreError`` for other failures. Every
error message is written for the reader.
"""

from syrtui.store.db import (
    DB_NAME,
    DEFAULT_BUSY_TIMEOUT,
    Store,
    open_store,
    retry_when_busy,
)
from syrtui.store.records import (
    Bookmark,
    DocumentRecord,
    ImportFormatError,
    ImportResult,
    Note,
    NotFound,
    Position,
    StoreBusy,
    StoreError,
    StoreReadOnly,
)
from syrtui.store.schema import CURRENT_VERSION

__all__ = [
    "CURRENT_VERSION",
    "DB_NAME",
    "DEFAULT_BUSY_TIMEOUT",
    "Bookmark",
    "DocumentRecord",
    "ImportFormatError",
    "ImportResult",
    "NotFound",
    "Note",
    "Position",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreReadOnly",
    "open_store",
    "retry_when_busy",
]
