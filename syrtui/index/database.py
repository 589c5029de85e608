"""The index's SQLite file: where it lives, its schema, and what happens when it is bad."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

INDEX_FILE_NAME = "index.sqlite"
# Bump when the tables change: an index of another schema is rebuilt from scratch.
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    words INTEGER NOT NULL,
    actors INTEGER NOT NULL,
    places INTEGER NOT NULL,
    parser_version TEXT NOT NULL,
    gazetteer_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    doc_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS files_by_doc ON files (doc_id);
CREATE TABLE IF NOT EXISTS mentions (
    entity_id TEXT NOT NULL,
    doc_rowid INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    faction TEXT,
    count INTEGER NOT NULL,
    first_offset INTEGER NOT NULL,
    PRIMARY KEY (entity_id, doc_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_by_doc ON mentions (doc_rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS text_index USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""


class IndexUnavailable(Exception):
    """The on-disk index cannot be used; ``str(exc)`` says why, for a notice."""


def connect_file(cache_dir: Path) -> sqlite3.Connection:
    """Open (creating if needed) the index in ``cache_dir``: private, WAL, schema ready.

    Raises IndexUnavailable when the folder is unwritable or the file is damaged.
    """
    path = cache_dir / INDEX_FILE_NAME
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(descriptor)
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else str(exc)
        raise IndexUnavailable(f"cannot write the library index at {path} ({reason})") from exc
    try:
        connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    except sqlite3.Error as exc:
        raise IndexUnavailable(f"cannot open the library index at {path} ({exc})") from exc
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check = connection.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(str(check[0]) if check else "quick_check failed")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        prepare_schema(connection)
    except sqlite3.Error as exc:
        connection.close()
        raise IndexUnavailable(
            f"the library index at {path} is damaged or unwritable ({exc}); "
            "delete it to rebuild it"
        ) from exc
    return connection


def connect_memory() -> sqlite3.Connection:
    """A private index that lives only as long as this process."""
    connection = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    prepare_schema(connection)
    return connection


def prepare_schema(connection: sqlite3.Connection) -> None:
    """Create the tables; an index written by another schema version is emptied first."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.execute("BEGIN IMMEDIATE")
    try:
        if version not in (0, SCHEMA_VERSION):
            for table in ("documents", "files", "mentions", "text_index"):
                connection.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
