"""A persistent index of a library: listing, entity mentions and full text, in SQLite.

The index is a cache. Every file is keyed by its absolute path, size and modification
time; every document by its identity (a hash of its text), the parser version and the
gazetteer version. ``scan`` lists a library from the index without reading unchanged
files; ``update`` parses and extracts what is new or stale; the queries answer from the
tables without touching a file.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from syrtui.documents import (
    PARSER_VERSION,
    Document,
    display_path,
    document_id,
)
from syrtui.documents.library import (
    MAX_FILE_BYTES,
    STDIN_PATH,
    Library,
    LibraryEntry,
    Problem,
    UnreadableFile,
    bundled_seeds_dir,
    decode_bytes,
    entry_from_bytes,
    find_article_files,
    first_line_entry,
    parse_plain_document,
    quick_entry,
    read_article_bytes,
    reading_order,
    stat_article,
)
from syrtui.index.database import (
    INDEX_FILE_NAME,
    IndexUnavailable,
    connect_file,
    connect_memory,
)
from syrtui.index.query import MATCH_END, MATCH_START, fts_query, split_marks
from syrtui.paths import cache_dir as default_cache_dir

if TYPE_CHECKING:
    from concurrent.futures import Future

ExtractFunction = Callable[[str], list]
Progress = Callable[[int, int], None]

# Documents written per transaction, and the longest a batch may wait before a commit.
BATCH_DOCUMENTS = 200
BATCH_SECONDS = 1.0
SNIPPET_TOKENS = 16


@dataclass(frozen=True, slots=True)
class DocumentHit:
    """A document that mentions an entity: how often, and where first."""

    doc_id: str
    path: str
    title: str
    date: str | None
    count: int
    first_offset: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document matching a full-text query.

    ``snippet`` is plain text around the best match; ``marks`` are the (start, end)
    offsets of the matched words inside ``snippet``. No markup is ever added.
    """

    doc_id: str
    path: str
    title: str
    date: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class EntityCount:
    """One entity of a document, aggregated over its mentions."""

    entity_id: str
    name: str
    kind: str
    faction: str | None
    count: int
    first_offset: int


@dataclass(frozen=True, slots=True)
class LibraryEntity:
    """An entity across the library: in how many documents, with how many mentions."""

    entity_id: str
    name: str
    kind: str
    faction: str | None
    documents: int
    mentions: int


@dataclass(slots=True)
class _Indexed:
    """What ``update`` writes for one file."""

    key: str
    size: int
    mtime: float
    doc_id: str
    document: Document | None = None  # None: the document is already indexed (a rename)
    entities: list[EntityCount] | None = None


def file_key(path: str) -> str:
    """The index key of a library path: absolute, so the working folder does not matter.

    Keys are valid text for SQLite: a byte the file system name could not decode (a
    surrogate escape) becomes ``%XX`` and ``%`` itself ``%25``, so distinct paths keep
    distinct keys and a folder's key stays a prefix of its files' keys.
    """
    if path == STDIN_PATH:
        return path
    key = os.path.abspath(path)
    if "%" in key or not key.isascii():
        key = "".join(_key_char(char) for char in key)
    return key


def _key_char(char: str) -> str:
    if char == "%":
        return "%25"
    if "\udc80" <= char <= "\udcff":
        return f"%{ord(char) - 0xDC00:02X}"
    return char


def default_engine() -> tuple[ExtractFunction, str]:
    """The entity extractor and gazetteer version; a no-op pair if the engine is absent."""
    try:
        from syrtui.entities import default_gazetteer, extract
    except ImportError:
        return (lambda text: []), "no-entity-engine"
    return extract, str(default_gazetteer().version)


class LibraryIndex:
    """The library index: open with ``LibraryIndex.open()``; safe to share between threads.

    ``notice`` is a one-line message for the user when the on-disk index could not be
    used and a temporary in-memory index stands in for it (else None).
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        location: Path | None,
        notice: str | None = None,
        extract: ExtractFunction | None = None,
        gazetteer_version: str | None = None,
    ) -> None:
        self._connection = connection
        self.location = location
        self.notice = notice
        self._extract = extract
        self._gazetteer_version = gazetteer_version
        self._default_engine = extract is None
        self._lock = threading.RLock()
        self._scoped = False
        self._shown_paths: dict[str, str] = {}
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS scope (path TEXT PRIMARY KEY)")

    @classmethod
    def open(
        cls,
        cache_dir: Path | None = None,
        *,
        extract: ExtractFunction | None = None,
        gazetteer_version: str | None = None,
    ) -> LibraryIndex:
        """Open the index in ``cache_dir`` (default ``syrtui.paths.cache_dir()``).

        ``extract`` and ``gazetteer_version`` default to the entity engine's; pass both
        to index with another extractor. A damaged or unwritable cache gives an
        in-memory index and a ``notice``.
        """
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        if extract is not None and gazetteer_version is None:
            gazetteer_version = f"custom:{getattr(extract, '__qualname__', 'extract')}"
        try:
            connection = connect_file(folder)
        except IndexUnavailable as exc:
            notice = f"{exc}; using a temporary in-memory index for this session"
            return cls(connect_memory(), None, notice, extract, gazetteer_version)
        return cls(connection, folder / INDEX_FILE_NAME, None, extract, gazetteer_version)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def gazetteer_version(self) -> str:
        """The version of the entity data the index is kept up to date with."""
        self._engine()
        assert self._gazetteer_version is not None
        return self._gazetteer_version

    def _engine(self) -> tuple[ExtractFunction, str]:
        if self._extract is None or self._gazetteer_version is None:
            extract, version = default_engine()
            self._extract = self._extract or extract
            self._gazetteer_version = self._gazetteer_version or version
        return self._extract, self._gazetteer_version

    # -- listing -----------------------------------------------------------------------

    def scan(
        self, paths: list[str] | None = None, header_budget: float | None = None
    ) -> Library:
        """List the library under ``paths`` like ``open_library`` (bundled seeds if empty).

        Unchanged files (same path, size and modification time) are listed from the
        index without being read. New or changed files get a quick header read: their
        ``entry.id`` is ``PENDING_ID`` ("") until ``update`` indexes them (or
        ``entry.load()`` parses them), and their title, date and source may be refined
        then. With ``header_budget`` (seconds), header reads stop when it is spent and
        the remaining new files are listed by their first line only (no date) until
        ``update`` reaches them. Files under the scanned folders that are gone are
        forgotten. Later queries only return documents of this library. Raises
        LibraryError for a missing path.
        """
        deadline = None if header_budget is None else time.monotonic() + header_budget
        if not paths:
            paths = [str(bundled_seeds_dir())]
        files, problems = find_article_files(paths)
        known = self._known_files()
        library = Library(problems=problems)
        found_keys: set[str] = set()
        shown: dict[str, str] = {}
        for path in files:
            try:
                if path == "-":
                    entry = _stdin_entry()
                else:
                    info = stat_article(path)
                    key = file_key(path) if known else ""
                    row = known.get(key) if known else None
                    if row is not None and row[0] == info.st_size and row[1] == info.st_mtime:
                        entry = LibraryEntry(
                            path=path,
                            id=row[2],
                            title=row[3],
                            date=row[4],
                            source=row[5],
                            size=info.st_size,
                            mtime=info.st_mtime,
                        )
                    elif deadline is None or time.monotonic() < deadline:
                        entry = quick_entry(path, info.st_size, info.st_mtime)
                    else:
                        entry = first_line_entry(path, info.st_size, info.st_mtime)
            except UnreadableFile as exc:
                shown_path = STDIN_PATH if path == "-" else display_path(path)
                library.problems.append(Problem(shown_path, str(exc)))
                continue
            key = file_key(entry.path)
            found_keys.add(key)
            shown[key] = entry.path
            library.entries.append(entry)
        library.entries.sort(key=reading_order)
        self._forget_missing(paths, known, found_keys)
        self._set_scope(shown)
        return library

    def _known_files(self) -> dict[str, tuple]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT f.path, f.size, f.mtime, d.doc_id, d.title, d.date, d.source "
                "FROM files f JOIN documents d ON d.doc_id = f.doc_id"
            ).fetchall()
        return {row[0]: row[1:] for row in rows}

    def _forget_missing(
        self, paths: Iterable[str], known: dict[str, tuple], found: set[str]
    ) -> None:
        """Drop files under the scanned folders (or named directly) that no longer exist."""
        roots = [os.path.join(file_key(p), "") for p in paths if p != "-" and os.path.isdir(p)]
        named = {file_key(p) for p in paths if p != "-" and not os.path.isdir(p)}
        gone = [
            key
            for key in known
            if key not in found and (key in named or key.startswith(tuple(roots)))
        ]
        if not gone:
            return
        with self._lock, self._transaction():
            self._connection.executemany("DELETE FROM files WHERE path = ?", [(k,) for k in gone])

    def _set_scope(self, shown: dict[str, str]) -> None:
        with self._lock, self._transaction():
            self._connection.execute("DELETE FROM temp.scope")
            self._connection.executemany(
                "INSERT OR IGNORE INTO temp.scope (path) VALUES (?)", [(k,) for k in shown]
            )
        self._shown_paths = shown
        self._scoped = True

    # -- indexing ----------------------------------------------------------------------

    def pending(self, library: Library) -> list[LibraryEntry]:
        """The entries ``update`` would (re)index: new, changed, or indexed by an older
        parser or gazetteer."""
        _, gazetteer_version = self._engine()
        with self._lock:
            rows = self._connection.execute(
                "SELECT f.path, f.size, f.mtime FROM files f JOIN documents d "
                "ON d.doc_id = f.doc_id WHERE d.parser_version = ? AND d.gazetteer_version = ?",
                (PARSER_VERSION, gazetteer_version),
            ).fetchall()
        fresh = {row[0]: (row[1], row[2]) for row in rows}
        stale = []
        for entry in library.entries:
            if (
                entry.path == STDIN_PATH  # no stable key: re-keyed by its text each time
                or not entry.id
                or fresh.get(file_key(entry.path)) != (entry.size, entry.mtime)
            ):
                stale.append(entry)
        return stale

    def is_up_to_date(self, library: Library) -> bool:
        """True when every entry of ``library`` is indexed with the current versions."""
        return not self.pending(library)

    def update(
        self,
        library: Library,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        workers: int = 1,
    ) -> int:
        """Parse and extract every entry not yet indexed, committing in batches.

        Runs in the caller's thread (the reader runs it in a worker). ``progress(done,
        total)`` is called after each batch; ``should_stop()`` is checked between
        documents and ends the run early (what was committed stays). Entries are
        completed in place: ``id``, ``title``, ``date`` and ``source`` from the full
        parse. A file whose text is already indexed under another path (a rename or a
        copy) is re-keyed without extracting again. Files that became unreadable are
        added to ``library.problems``. Dates may change, so re-sort with
        ``library.entries.sort(key=reading_order)`` to refresh the order. With
        ``workers > 1`` and the default entity
        engine, parsing and extraction run in that many processes. Returns the number
        of entries handled.
        """
        extract, gazetteer_version = self._engine()
        stale = self.pending(library)
        current = self._current_documents(gazetteer_version)
        writer = _BatchWriter(self, gazetteer_version, progress, len(stale))
        pool = None
        if workers > 1 and self._default_engine and len(stale) > 4 * workers:
            # Only a parallel run needs the process machinery (slow to import).
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        in_flight: deque[tuple[LibraryEntry, str, str, Future]] = deque()
        stopped = False
        try:
            for entry in stale:
                if should_stop is not None and should_stop():
                    stopped = True
                    break
                try:
                    text, doc_id = _read_text(entry)
                except UnreadableFile as exc:
                    library.problems.append(Problem(entry.display_path, str(exc)))
                    writer.skip()
                    continue
                entry.id = doc_id
                known = current.get(doc_id)
                if known is not None:
                    entry.title, entry.date, entry.source = known
                    writer.add(_Indexed(file_key(entry.path), entry.size, entry.mtime, doc_id))
                elif pool is None:
                    analysed = analyse_text(text, entry.path, doc_id, extract)
                    writer.add(_completed(entry, doc_id, analysed, current))
                else:
                    future = pool.submit(_analyse_with_default_engine, text, entry.path, doc_id)
                    in_flight.append((entry, text, doc_id, future))
                    while len(in_flight) > 8 * workers:
                        writer.add(_finish(in_flight.popleft(), extract, current))
            while in_flight:
                writer.add(_finish(in_flight.popleft(), extract, current))
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        writer.flush()
        if not stopped:
            self._collect_garbage()
        return writer.done

    def _current_documents(self, gazetteer_version: str) -> dict[str, tuple]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT doc_id, title, date, source FROM documents "
                "WHERE parser_version = ? AND gazetteer_version = ?",
                (PARSER_VERSION, gazetteer_version),
            ).fetchall()
        return {row[0]: row[1:] for row in rows}

    def _write(self, batch: list[_Indexed], gazetteer_version: str) -> None:
        connection = self._connection
        with self._lock, self._transaction():
            for item in batch:
                if item.document is not None:
                    self._write_document(item, gazetteer_version)
                connection.execute(
                    "INSERT OR REPLACE INTO files (path, size, mtime, doc_id) VALUES (?, ?, ?, ?)",
                    (item.key, item.size, item.mtime, item.doc_id),
                )

    def _write_document(self, item: _Indexed, gazetteer_version: str) -> None:
        connection = self._connection
        document = item.document
        entities = item.entities or []
        assert document is not None
        actors = sum(1 for entity in entities if entity.kind == "actor")
        places = sum(1 for entity in entities if entity.kind == "place")
        values = (
            document.title, document.date, document.source, document.word_count,
            actors, places, PARSER_VERSION, gazetteer_version,
        )
        row = connection.execute(
            "SELECT rowid FROM documents WHERE doc_id = ?", (item.doc_id,)
        ).fetchone()
        if row is None:
            rowid = connection.execute(
                "INSERT INTO documents (doc_id, title, date, source, words, actors, places, "
                "parser_version, gazetteer_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (item.doc_id, *values),
            ).lastrowid
        else:
            rowid = row[0]
            connection.execute(
                "UPDATE documents SET title = ?, date = ?, source = ?, words = ?, actors = ?, "
                "places = ?, parser_version = ?, gazetteer_version = ? WHERE rowid = ?",
                (*values, rowid),
            )
            connection.execute("DELETE FROM mentions WHERE doc_rowid = ?", (rowid,))
            connection.execute("DELETE FROM text_index WHERE rowid = ?", (rowid,))
        connection.executemany(
            "INSERT INTO mentions (entity_id, doc_rowid, name, kind, faction, count, "
            "first_offset) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (e.entity_id, rowid, e.name, e.kind, e.faction, e.count, e.first_offset)
                for e in entities
            ],
        )
        body = "\n\n".join(paragraph.text for paragraph in document.paragraphs)
        connection.execute(
            "INSERT INTO text_index (rowid, title, body) VALUES (?, ?, ?)",
            (rowid, document.title, body),
        )

    def _collect_garbage(self) -> None:
        """Drop documents no file points to any more."""
        orphans = (
            "SELECT rowid FROM documents WHERE NOT EXISTS "
            "(SELECT 1 FROM files WHERE files.doc_id = documents.doc_id)"
        )
        with self._lock, self._transaction():
            rowids = [row[0] for row in self._connection.execute(orphans).fetchall()]
            if not rowids:
                return
            pairs = [(rowid,) for rowid in rowids]
            self._connection.executemany("DELETE FROM mentions WHERE doc_rowid = ?", pairs)
            self._connection.executemany("DELETE FROM text_index WHERE rowid = ?", pairs)
            self._connection.executemany("DELETE FROM documents WHERE rowid = ?", pairs)

    def _transaction(self) -> _Transaction:
        return _Transaction(self._connection)

    # -- queries -----------------------------------------------------------------------

    def documents_mentioning(self, entity_id: str) -> list[DocumentHit]:
        """Documents of the library that mention ``entity_id``: most mentions first,
        then newest first."""
        scope = "JOIN temp.scope s ON s.path = f.path" if self._scoped else ""
        sql = (
            "SELECT d.doc_id, MIN(f.path), d.title, d.date, m.count, m.first_offset "
            "FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid "
            f"JOIN files f ON f.doc_id = d.doc_id {scope} "
            "WHERE m.entity_id = ? GROUP BY d.rowid "
            "ORDER BY m.count DESC, d.date IS NULL, d.date DESC, d.title"
        )
        with self._lock:
            rows = self._connection.execute(sql, (entity_id,)).fetchall()
        return [
            DocumentHit(doc_id, self._shown(key), title, date, count, first)
            for doc_id, key, title, date, count, first in rows
        ]

    def entity_summary(self, doc_id: str) -> tuple[int, int] | None:
        """(number of distinct actors, number of distinct places) in a document, or None
        if it is not indexed yet."""
        with self._lock:
            row = self._connection.execute(
                "SELECT actors, places FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        return (row[0], row[1]) if row else None

    def document_entities(self, doc_id: str) -> list[EntityCount]:
        """The entities of an indexed document, most mentioned first."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT m.entity_id, m.name, m.kind, m.faction, m.count, m.first_offset "
                "FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid "
                "WHERE d.doc_id = ? ORDER BY m.count DESC, m.first_offset",
                (doc_id,),
            ).fetchall()
        return [EntityCount(*row) for row in rows]

    def library_entities(self, limit: int | None = None) -> list[LibraryEntity]:
        """The entities of the library, in the most documents first."""
        scope = (
            "JOIN files f ON f.doc_id = d.doc_id JOIN temp.scope s ON s.path = f.path"
            if self._scoped
            else ""
        )
        sql = (
            "SELECT m.entity_id, MIN(m.name), MIN(m.kind), MIN(m.faction), "
            "COUNT(DISTINCT m.doc_rowid), SUM(m.count) FROM mentions m "
            f"JOIN documents d ON d.rowid = m.doc_rowid {scope} "
            "GROUP BY m.entity_id ORDER BY 5 DESC, 6 DESC, 1 LIMIT ?"
        )
        with self._lock:
            rows = self._connection.execute(sql, (-1 if limit is None else limit,)).fetchall()
        return [LibraryEntity(*row) for row in rows]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Documents whose title or text hold every word of ``query``, best first.

        Any string is safe: FTS syntax is searched as words, and a query with no word
        gives no results.
        """
        expression = fts_query(query)
        if expression is None or limit <= 0:
            return []
        scope = (
            "AND EXISTS (SELECT 1 FROM documents d JOIN files f ON f.doc_id = d.doc_id "
            "JOIN temp.scope s ON s.path = f.path WHERE d.rowid = text_index.rowid)"
            if self._scoped
            else ""
        )
        sql = (
            "SELECT rowid, snippet(text_index, -1, ?, ?, '…', ?) FROM text_index "
            f"WHERE text_index MATCH ? {scope} ORDER BY rank LIMIT ?"
        )
        with self._lock:
            try:
                matches = self._connection.execute(
                    sql, (MATCH_START, MATCH_END, SNIPPET_TOKENS, expression, limit)
                ).fetchall()
            except sqlite3.Error:
                return []
            hits = []
            in_scope = "JOIN temp.scope s ON s.path = f.path" if self._scoped else ""
            for rowid, marked in matches:
                row = self._connection.execute(
                    "SELECT d.doc_id, MIN(f.path), d.title, d.date FROM documents d "
                    f"JOIN files f ON f.doc_id = d.doc_id {in_scope} WHERE d.rowid = ?",
                    (rowid,),
                ).fetchone()
                if row is None or row[0] is None:
                    continue
                snippet, marks = split_marks(" ".join(str(marked or "").split()))
                hits.append(SearchHit(row[0], self._shown(row[1]), row[2], row[3], snippet,
                                      marks))
        return hits

    def _shown(self, key: str) -> str:
        return self._shown_paths.get(key, key)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __enter__(self) -> None:
        self._connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self._connection.execute("COMMIT")
        else:
            self._connection.execute("ROLLBACK")


def _stdin_entry() -> LibraryEntry:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile("standard input is too large")
    entry = entry_from_bytes(STDIN_PATH, data, len(data), 0.0)
    entry._data = data
    return entry


def _read_text(entry: LibraryEntry) -> tuple[str, str]:
    """An entry's decoded text and document id."""
    data = entry._data if entry._data is not None else read_article_bytes(entry.path)
    text = decode_bytes(data).text
    return text, document_id(text)


def analyse_text(
    text: str, path: str, doc_id: str, extract: ExtractFunction
) -> tuple[Document, list[EntityCount]]:
    """Parse an article and aggregate its entity mentions."""
    document = parse_plain_document(text, path, doc_id)
    try:
        mentions = extract(document.text)
    except Exception:  # an extractor bug must not stop the indexing of a library
        mentions = []
    return document, aggregate(mentions)


_WORKER_ENGINE: tuple[ExtractFunction, str] | None = None


def _analyse_with_default_engine(
    text: str, path: str, doc_id: str
) -> tuple[Document, list[EntityCount]]:
    """``analyse_text`` in a worker process, with the default entity engine."""
    global _WORKER_ENGINE
    if _WORKER_ENGINE is None:
        _WORKER_ENGINE = default_engine()
    return analyse_text(text, path, doc_id, _WORKER_ENGINE[0])


def _finish(
    job: tuple[LibraryEntry, str, str, Future],
    extract: ExtractFunction,
    current: dict[str, tuple],
) -> _Indexed:
    """The record of a document analysed in a worker process (or here, if it failed)."""
    from concurrent.futures.process import BrokenProcessPool  # only a parallel run gets here

    entry, text, doc_id, future = job
    try:
        analysed = future.result()
    except (BrokenProcessPool, OSError, EOFError):
        analysed = analyse_text(text, entry.path, doc_id, extract)
    return _completed(entry, doc_id, analysed, current)


def _completed(
    entry: LibraryEntry,
    doc_id: str,
    analysed: tuple[Document, list[EntityCount]],
    current: dict[str, tuple],
) -> _Indexed:
    """Complete an entry from its parse and make the record to write."""
    document, entities = analysed
    entry.title, entry.date, entry.source = document.title, document.date, document.source
    current[doc_id] = (document.title, document.date, document.source)
    return _Indexed(file_key(entry.path), entry.size, entry.mtime, doc_id, document, entities)


class _BatchWriter:
    """Collects records and writes them in transactions of a bounded size and age."""

    def __init__(
        self, index: LibraryIndex, gazetteer_version: str, progress: Progress | None,
        total: int,
    ) -> None:
        self._index = index
        self._version = gazetteer_version
        self._progress = progress
        self._total = total
        self._batch: list[_Indexed] = []
        self._last = time.monotonic()
        self.done = 0

    def add(self, item: _Indexed) -> None:
        self._batch.append(item)
        self.skip()

    def skip(self) -> None:
        self.done += 1
        if len(self._batch) >= BATCH_DOCUMENTS or time.monotonic() - self._last > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self._batch:
            self._index._write(self._batch, self._version)
            self._batch = []
        self._last = time.monotonic()
        if self._progress is not None:
            self._progress(self.done, self._total)


def aggregate(mentions: Iterable) -> list[EntityCount]:
    """Group mentions by entity: name, kind, faction, count and first offset."""
    by_entity: dict[str, list] = {}
    for mention in mentions:
        entity = mention.entity
        found = by_entity.get(entity.id)
        if found is None:
            by_entity[entity.id] = [entity.name, entity.kind, entity.faction, 1, mention.start]
        else:
            found[3] += 1
            found[4] = min(found[4], mention.start)
    return [
        EntityCount(entity_id, name, kind, faction, count, first)
        for entity_id, (name, kind, faction, count, first) in by_entity.items()
    ]
