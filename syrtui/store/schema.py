"""The database schema, by version, and the migrations between versions.

``PRAGMA user_version`` holds the version. Version 0 is an empty file. Each step moves the
database up by exactly one version inside its own transaction, so an interrupted upgrade
leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

CURRENT_VERSION = 2

# Version 1: documents, notes, bookmarks, reading positions.
_VERSION_1 = (
    """CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        source TEXT,
        date TEXT,
        path TEXT,
        last_seen TEXT NOT NULL
    )""",
    """CREATE TABLE notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE RESTRICT,
        body TEXT NOT NULL,
        paragraph INTEGER,
        quote TEXT,
        entity_id TEXT,
        entity_name TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        detached INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX notes_by_document ON notes(doc_id, paragraph)",
    """CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE RESTRICT,
        paragraph INTEGER NOT NULL,
        created TEXT NOT NULL,
        UNIQUE (doc_id, paragraph)
    )""",
    """CREATE TABLE positions (
        doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE RESTRICT,
        paragraph INTEGER NOT NULL,
        offset REAL NOT NULL,
        updated TEXT NOT NULL
    )""",
)

# Version 2: bookmarks get an optional label.
_VERSION_2 = ("ALTER TABLE bookmarks ADD COLUMN label TEXT",)


def _run(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], None]:
    def step(connection: sqlite3.Connection) -> None:
        for statement in statements:
            connection.execute(statement)

    return step


# Version n -> the step that turns a version-n database into version n + 1.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _run(_VERSION_1),
    1: _run(_VERSION_2),
}


class SchemaTooNew(Exception):
    """The database was written by a newer syrtui; this one must not change it."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def schema_version(connection: sqlite3.Connection) -> int:
    """The schema version recorded in the database."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database up to ``CURRENT_VERSION``; returns the version found at the start.

    The connection must be in autocommit mode (``isolation_level=None``). Another process
    migrating at the same moment is harmless: the version is read again inside each write
    transaction.
    """
    found = schema_version(connection)
    if found > CURRENT_VERSION:
        raise SchemaTooNew(found)
    version = found
    while version < CURRENT_VERSION:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(connection)
            if version < CURRENT_VERSION:
                STEPS[version](connection)
                version += 1
                connection.execute(f"PRAGMA user_version = {version:d}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return found
