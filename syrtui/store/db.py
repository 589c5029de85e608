"""The SQLite store of notes, bookmarks, reading positions and document snapshots.

Every public write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) with
``synchronous=FULL``, so a note is on disk once its call returns. ``open_store`` never
raises for faults: a damaged database is moved aside and replaced, and a data directory that
cannot be written gives a read-only session. Both are explained in ``Store.notice``.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from syrtui import paths
from syrtui.store import schema
from syrtui.store.records import (
    Bookmark,
    DocumentRecord,
    ImportResult,
    Note,
    NotFound,
    Position,
    StoreBusy,
    StoreError,
    StoreReadOnly,
)

try:  # file locks are a Unix nicety; elsewhere recovery simply runs unlocked
    import fcntl
except ImportError:  # pragma: no cover - not on Unix
    fcntl = None  # type: ignore[assignment]

DB_NAME = "syrtui.db"
SIDE_FILE_SUFFIXES = ("-wal", "-shm")
DEFAULT_BUSY_TIMEOUT = 5.0
_LOCK_NAME = ".syrtui.db.lock"

_T = TypeVar("_T")
_DAMAGE_CODES = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
_BUSY_CODES = ("SQLITE_BUSY", "SQLITE_LOCKED")


def now_iso() -> str:
    """The current UTC time as ISO 8601 with milliseconds (the store's timestamp format)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# ---------------------------------------------------------------------------------------------
# Opening


class _Damaged(Exception):
    """The database file is not a usable SQLite database."""


class _Unusable(Exception):
    """The database cannot be opened for writing; the message says why."""


def _has_code(exc: sqlite3.Error, codes: tuple[str, ...]) -> bool:
    """Whether SQLite's error name (e.g. SQLITE_BUSY_SNAPSHOT) belongs to one of ``codes``."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    return any(name == code or name.startswith(code + "_") for code in codes)


def _is_busy(exc: sqlite3.Error) -> bool:
    return _has_code(exc, _BUSY_CODES) or "database is locked" in str(exc)


def _is_damage(exc: sqlite3.Error) -> bool:
    return _has_code(exc, _DAMAGE_CODES)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _make_private_directory(directory: Path) -> None:
    """Create ``directory`` (mode 0700) if needed and make sure it is a writable directory."""
    old_umask = os.umask(0o077)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    finally:
        os.umask(old_umask)
    if not directory.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(directory))
    info = directory.stat()
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        with contextlib.suppress(OSError):
            directory.chmod(0o700)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise PermissionError(13, "Permission denied", str(directory))


def _tighten_files(db_path: Path) -> None:
    """Make the database and its side files private (0600)."""
    for suffix in ("", *SIDE_FILE_SUFFIXES):
        candidate = Path(str(db_path) + suffix)
        with contextlib.suppress(OSError):
            info = candidate.stat()
            if stat.S_IMODE(info.st_mode) != 0o600 and info.st_uid == os.getuid():
                candidate.chmod(0o600)


def _identity(db_path: Path) -> tuple[int, int] | None:
    try:
        info = db_path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


@contextlib.contextmanager
def _directory_lock(directory: Path) -> Iterator[None]:
    """Serialise open-and-recover between processes sharing a data directory."""
    if fcntl is None:
        yield
        return
    old_umask = os.umask(0o077)
    try:
        handle = open(directory / _LOCK_NAME, "a")  # noqa: SIM115 - closed below
    except OSError:
        yield
        return
    finally:
        os.umask(old_umask)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        handle.close()


def _connect(db_path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open, configure, check and migrate the database at ``db_path``."""
    old_umask = os.umask(0o077)
    try:
        connection = sqlite3.connect(
            db_path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000):d}")
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise _Damaged(f"integrity check failed: {verdict}")
            schema.migrate(connection)
        except BaseException:
            connection.close()
            raise
    except sqlite3.Error as exc:
        if _is_damage(exc):
            raise _Damaged(str(exc)) from exc
        if _is_busy(exc):
            raise _Unusable(
                f"{db_path} is in use by another program (waited {busy_timeout:g} s)"
            ) from exc
        raise _Unusable(f"{db_path} cannot be opened for writing ({exc})") from exc
    finally:
        os.umask(old_umask)
    _tighten_files(db_path)
    return connection


def _aside_name(db_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    counter = 2
    while any(Path(str(candidate) + s).exists() for s in ("", *SIDE_FILE_SUFFIXES)):
        candidate = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    return candidate


def _wal_keeper(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}-wal.keep")


def _keep_wal(db_path: Path) -> None:
    """Hard-link the write-ahead log before opening: SQLite deletes a log it cannot use when
    it closes a damaged database, and a damaged database must be kept with its log."""
    keeper = _wal_keeper(db_path)
    with contextlib.suppress(OSError):
        keeper.unlink(missing_ok=True)
        os.link(Path(f"{db_path}-wal"), keeper)


def _move_aside(db_path: Path) -> Path:
    """Rename a damaged database and its side files; returns the new name of the main file."""
    target = _aside_name(db_path)
    for suffix in ("", *SIDE_FILE_SUFFIXES):
        source = Path(str(db_path) + suffix)
        if source.exists():
            os.replace(source, Path(str(target) + suffix))
    keeper = _wal_keeper(db_path)
    if keeper.exists() and not Path(f"{target}-wal").exists():
        os.replace(keeper, Path(f"{target}-wal"))
    return target


def _snapshot_file(db_path: Path) -> sqlite3.Connection:
    """An in-memory copy of the database at ``db_path``, read without writing anything."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    uri = db_path.absolute().as_uri()
    for mode in ("mode=ro", "immutable=1"):
        try:
            source = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None)
        except sqlite3.Error:
            continue
        try:
            source.backup(memory)
            if memory.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                return memory
        except sqlite3.Error:
            pass
        finally:
            source.close()
        memory.close()
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    return memory


def _read_only_store(db_path: Path, reason: str, busy_timeout: float) -> Store:
    """A session that can read what is saved (if anything) and refuses every write."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    loaded = False
    if db_path.is_file():
        with contextlib.suppress(OSError, sqlite3.Error):
            memory.close()
            memory = _snapshot_file(db_path)
            loaded = schema.schema_version(memory) > 0
    try:
        schema.migrate(memory)
    except schema.SchemaTooNew:
        pass
    except sqlite3.Error:
        memory.close()
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        schema.migrate(memory)
        loaded = False
    memory.execute("PRAGMA foreign_keys = ON")
    if loaded:
        consequence = "Saved notes are shown, but nothing new can be saved in this session."
    else:
        consequence = "Nothing can be saved in this session."
    notice = f"{reason}. {consequence}"
    return Store(memory, db_path, read_only_reason=notice, notice=notice,
                 busy_timeout=busy_timeout)


def open_store(
    data_dir: Path | str | None = None, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
) -> Store:
    """Open the store in ``data_dir`` (default: ``syrtui.paths.data_dir()``).

    Never raises for faults. A damaged database is renamed to ``syrtui.db.corrupt-<time>``
    and a fresh one is started; a directory that cannot be written, or a database from a
    newer syrtui, gives a read-only session. ``Store.notice`` then tells the reader.
    """
    directory = paths.data_dir(data_dir)
    db_path = directory / DB_NAME
    try:
        _make_private_directory(directory)
    except OSError as exc:
        reason = f"The data directory {directory} cannot be written ({_describe(exc)})"
        return _read_only_store(db_path, reason, busy_timeout)
    if (db_path.exists() or db_path.is_symlink()) and not db_path.is_file():
        reason = (
            f"The notes database {db_path} is not a regular file (move it away to save notes "
            "again)"
        )
        return _read_only_store(db_path, reason, busy_timeout)
    notice = None
    try:
        with _directory_lock(directory):
            _keep_wal(db_path)
            try:
                connection = _connect(db_path, busy_timeout)
            except _Damaged as damage:
                moved_to = _move_aside(db_path)
                notice = (
                    f"The notes database {db_path} was damaged ({damage}). It was kept as "
                    f"{moved_to} and a new, empty database was started."
                )
                connection = _connect(db_path, busy_timeout)
            finally:
                with contextlib.suppress(OSError):
                    _wal_keeper(db_path).unlink(missing_ok=True)
    except schema.SchemaTooNew as exc:
        reason = (
            f"The notes database {db_path} was written by a newer syrtui (schema {exc.version}; "
            f"this one knows up to {schema.CURRENT_VERSION})"
        )
        return _read_only_store(db_path, reason, busy_timeout)
    except (_Unusable, _Damaged) as exc:
        return _read_only_store(db_path, f"The notes database {exc}", busy_timeout)
    except OSError as exc:
        reason = f"The notes database {db_path} cannot be set up ({_describe(exc)})"
        return _read_only_store(db_path, reason, busy_timeout)
    return Store(connection, db_path, notice=notice, identity=_identity(db_path),
                 busy_timeout=busy_timeout)


# ---------------------------------------------------------------------------------------------
# Rows -> records

_NOTE_COLUMNS = (
    "n.id, n.doc_id, n.body, n.paragraph, n.quote, n.entity_id, n.entity_name, n.created, "
    "n.updated, n.detached"
)
_NOTE_ORDER = (
    "COALESCE(NULLIF(d.title, ''), n.doc_id) COLLATE NOCASE, n.doc_id, "
    "n.paragraph IS NOT NULL, n.paragraph, n.created, n.id"
)


def _note(row: tuple[Any, ...]) -> Note:
    return Note(
        id=row[0], doc_id=row[1], body=row[2], paragraph=row[3], quote=row[4],
        entity_id=row[5], entity_name=row[6], created=row[7], updated=row[8],
        detached=bool(row[9]),
    )


def _bookmark(row: tuple[Any, ...]) -> Bookmark:
    return Bookmark(id=row[0], doc_id=row[1], paragraph=row[2], label=row[3], created=row[4])


def _document(row: tuple[Any, ...]) -> DocumentRecord:
    return DocumentRecord(doc_id=row[0], title=row[1], source=row[2], date=row[3], path=row[4],
                          last_seen=row[5])


def _check_doc_id(doc_id: object) -> str:
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError("a document id must be a non-empty string")
    return doc_id


def _check_paragraph(paragraph: object, *, optional: bool) -> int | None:
    if paragraph is None and optional:
        return None
    if isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 0:
        raise ValueError(f"a paragraph index must be an integer >= 0, not {paragraph!r}")
    return paragraph


def _check_text(value: object, what: str, *, optional: bool) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, not {type(value).__name__}")
    return value


def _storable_path(path: str) -> str:
    """A path as valid text: bytes the file system name could not decode become U+FFFD."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "replace").decode("utf-8")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _placement(note: Note, paragraphs: list[str]) -> tuple[int | None, bool]:
    """Where a note belongs in the new text: (paragraph, detached)."""
    quote = _squash(note.quote or "")
    if quote:
        old = note.paragraph
        if old is not None and old < len(paragraphs) and quote in paragraphs[old]:
            return old, False
        found = [index for index, text in enumerate(paragraphs) if quote in text]
        if found:
            anchor = old if old is not None else 0
            return min(found, key=lambda index: (abs(index - anchor), index)), False
        return old, True
    if note.paragraph is None:
        return None, False
    return note.paragraph, note.paragraph >= len(paragraphs)


# ---------------------------------------------------------------------------------------------
# The store


class Store:
    """Notes, bookmarks, reading positions and document snapshots of one user.

    Get one with ``open_store``. ``read_only`` tells whether writes are possible; ``notice``
    is a message for the reader when something was recovered or cannot be saved (None when
    all is well); ``path`` is the database file. Writes on a read-only store raise
    ``StoreReadOnly``; a database held by another program beyond the busy timeout raises
    ``StoreBusy``; other failures raise ``StoreError``. Nothing is ever deleted except by
    ``delete_note`` and ``delete_bookmark`` (and ``toggle_bookmark``). Safe to share between
    threads.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        notice: str | None = None,
        read_only_reason: str | None = None,
        identity: tuple[int, int] | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    ) -> None:
        self.path = path
        self.notice = notice
        self.busy_timeout = busy_timeout
        self._reason = read_only_reason
        self._connection = connection
        self._identity = identity
        self._lock = threading.RLock()
        self._batch_depth = 0

    # -- state -------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when nothing can be saved in this session (see ``notice`` for why)."""
        return self._reason is not None

    def close(self) -> None:
        """Close the database (writing it back first if its directory vanished)."""
        with self._lock:
            if not self.read_only and self._file_state() == "missing":
                with contextlib.suppress(StoreError):
                    self._rebuild()
            self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _add_notice(self, message: str) -> None:
        self.notice = message if not self.notice else f"{self.notice}\n{message}"

    # -- the write path ----------------------------------------------------------------------

    def _file_state(self) -> str:
        """"ok", "missing" (file or directory gone) or "replaced" (something else is there)."""
        if self._identity is None:
            return "ok"
        if not (self.path.exists() or self.path.is_symlink()):
            return "missing"
        return "ok" if _identity(self.path) == self._identity else "replaced"

    def _go_read_only(self, reason: str) -> StoreReadOnly:
        """Keep what this session can read in memory and refuse further writes."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        with contextlib.suppress(sqlite3.Error):
            self._connection.backup(memory)
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()
        self._connection = memory
        self._identity = None
        self._reason = f"{reason}. Nothing new can be saved in this session."
        self._add_notice(self._reason)
        return StoreReadOnly(self._reason)

    def _rebuild(self) -> None:
        """The database file vanished: make it again from what this session still holds."""
        directory = self.path.parent
        try:
            _make_private_directory(directory)
            fresh = _connect(self.path, self.busy_timeout)
            self._connection.backup(fresh)
        except (OSError, sqlite3.Error, _Unusable, _Damaged, schema.SchemaTooNew) as exc:
            raise self._go_read_only(
                f"The notes database {self.path} disappeared while syrtui was running and "
                f"could not be made again ({_describe(exc)})"
            ) from exc
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()
        self._connection = fresh
        _tighten_files(self.path)
        self._identity = _identity(self.path)
        self._add_notice(
            f"The notes database {self.path} disappeared while syrtui was running; it was "
            "made again with everything this session had saved."
        )

    def _ensure_file_in_place(self) -> None:
        state = self._file_state()
        if state == "missing":
            self._rebuild()
        elif state == "replaced":
            what = "a directory" if self.path.is_dir() else "another file"
            raise self._go_read_only(
                f"The notes database {self.path} was replaced by {what} while syrtui was "
                "running"
            )

    def _failure(self, exc: sqlite3.Error) -> StoreError:
        if _is_busy(exc):
            return StoreBusy(
                f"The notes database {self.path} is in use by another program (waited "
                f"{self.busy_timeout:g} s); the change was not saved. Try again."
            )
        state = self._file_state()
        if state != "ok":
            try:
                self._ensure_file_in_place()
            except StoreError as error:
                return error
            return StoreError(
                f"The notes database {self.path} was made again after it disappeared; "
                "the change was not saved. Try again."
            )
        return StoreError(f"Could not save to {self.path}: {exc}")

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")

    def _begin(self) -> None:
        if self.read_only:
            raise StoreReadOnly(self._reason)
        self._ensure_file_in_place()
        try:
            self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failure(exc) from exc

    def _commit(self) -> None:
        try:
            self._connection.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise self._failure(exc) from exc

    def _write(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` in one write transaction (or inside the open ``batch``)."""
        with self._lock:
            if self.read_only:
                raise StoreReadOnly(self._reason)
            if self._batch_depth:
                return action(self._connection)
            self._begin()
            try:
                result = action(self._connection)
            except sqlite3.Error as exc:
                self._rollback()
                raise self._failure(exc) from exc
            except BaseException:
                self._rollback()
                raise
            self._commit()
            return result

    def _read(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"Could not read {self.path}: {exc}") from exc

    @contextlib.contextmanager
    def batch(self) -> Iterator[Store]:
        """Group several writes into one transaction: all are saved, or none.

        The database stays locked for other programs until the block ends.
        """
        with self._lock:
            if self._batch_depth:
                self._batch_depth += 1
                try:
                    yield self
                finally:
                    self._batch_depth -= 1
                return
            self._begin()
            self._batch_depth = 1
            try:
                yield self
            except sqlite3.Error as exc:
                self._rollback()
                raise self._failure(exc) from exc
            except BaseException:
                self._rollback()
                raise
            else:
                self._commit()
            finally:
                self._batch_depth = 0

    # -- documents ---------------------------------------------------------------------------

    @staticmethod
    def _ensure_document(connection: sqlite3.Connection, doc_id: str) -> None:
        connection.execute(
            "INSERT OR IGNORE INTO documents (doc_id, title, last_seen) VALUES (?, '', ?)",
            (doc_id, now_iso()),
        )

    def remember_document(
        self,
        doc_id: str,
        title: str,
        source: str | None = None,
        date: str | None = None,
        path: str | None = None,
    ) -> DocumentRecord:
        """Record (or refresh) a document's title, source, date and path, seen now."""
        _check_doc_id(doc_id)
        path = None if path is None else _storable_path(os.fspath(path))
        _check_text(title, "a title", optional=False)
        for value, what in ((source, "a source"), (date, "a date"), (path, "a path")):
            _check_text(value, what, optional=True)

        def action(connection: sqlite3.Connection) -> None:
            connection.execute(
                "INSERT INTO documents (doc_id, title, source, date, path, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET "
                "title = excluded.title, source = excluded.source, date = excluded.date, "
                "path = excluded.path, last_seen = excluded.last_seen",
                (doc_id, title, source, date, path, now_iso()),
            )

        self._write(action)
        record = self.document(doc_id)
        assert record is not None
        return record

    def document(self, doc_id: str) -> DocumentRecord | None:
        """The remembered metadata of one document, or None."""
        rows = self._read(
            "SELECT doc_id, title, source, date, path, last_seen FROM documents WHERE doc_id = ?",
            (doc_id,),
        )
        return _document(rows[0]) if rows else None

    def documents(self) -> list[DocumentRecord]:
        """Every remembered document, by title."""
        rows = self._read(
            "SELECT doc_id, title, source, date, path, last_seen FROM documents "
            "ORDER BY COALESCE(NULLIF(title, ''), doc_id) COLLATE NOCASE, doc_id"
        )
        return [_document(row) for row in rows]

    # -- notes -------------------------------------------------------------------------------

    def note(self, note_id: int) -> Note:
        """One note by id; raises ``NotFound``."""
        rows = self._read(
            f"SELECT {_NOTE_COLUMNS} FROM notes AS n WHERE n.id = ?", (note_id,)
        )
        if not rows:
            raise NotFound(f"There is no note {note_id}.")
        return _note(rows[0])

    def add_note(
        self,
        doc_id: str,
        body: str,
        paragraph: int | None = None,
        quote: str | None = None,
        entity_id: str | None = None,
        entity_name: str | None = None,
    ) -> Note:
        """Save a new note; it is on disk when this returns."""
        _check_doc_id(doc_id)
        _check_text(body, "a note", optional=False)
        _check_paragraph(paragraph, optional=True)
        for value, what in ((quote, "a quote"), (entity_id, "an entity id"),
                            (entity_name, "an entity name")):
            _check_text(value, what, optional=True)
        stamp = now_iso()

        def action(connection: sqlite3.Connection) -> int:
            self._ensure_document(connection, doc_id)
            cursor = connection.execute(
                "INSERT INTO notes (doc_id, body, paragraph, quote, entity_id, entity_name, "
                "created, updated, detached) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (doc_id, body, paragraph, quote, entity_id, entity_name, stamp, stamp),
            )
            return int(cursor.lastrowid or 0)

        note_id = self._write(action)
        return Note(id=note_id, doc_id=doc_id, body=body, paragraph=paragraph, quote=quote,
                    entity_id=entity_id, entity_name=entity_name, created=stamp,
                    updated=stamp, detached=False)

    def update_note(self, note_id: int, body: str) -> Note:
        """Replace a note's text; raises ``NotFound`` if it does not exist."""
        _check_text(body, "a note", optional=False)

        def action(connection: sqlite3.Connection) -> int:
            return connection.execute(
                "UPDATE notes SET body = ?, updated = ? WHERE id = ?", (body, now_iso(), note_id)
            ).rowcount

        if not self._write(action):
            raise NotFound(f"There is no note {note_id}.")
        return self.note(note_id)

    def delete_note(self, note_id: int) -> None:
        """Delete a note (nothing happens if it is already gone)."""
        self._write(lambda c: c.execute("DELETE FROM notes WHERE id = ?", (note_id,)))

    def notes(self, doc_id: str | None = None) -> list[Note]:
        """Notes of one document (whole-document notes first, then by paragraph), or all notes
        grouped by document title."""
        where, parameters = ("WHERE n.doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        rows = self._read(
            f"SELECT {_NOTE_COLUMNS} FROM notes AS n LEFT JOIN documents AS d "
            f"ON d.doc_id = n.doc_id {where} ORDER BY {_NOTE_ORDER}",
            parameters,
        )
        return [_note(row) for row in rows]

    def search_notes(self, query: str) -> list[Note]:
        """Notes whose text, quote, entity or document title contain every word of ``query``
        (case-insensitive)."""
        words = query.casefold().split()
        if not words:
            return []
        rows = self._read(
            f"SELECT {_NOTE_COLUMNS}, d.title FROM notes AS n LEFT JOIN documents AS d "
            f"ON d.doc_id = n.doc_id ORDER BY {_NOTE_ORDER}"
        )
        found = []
        for row in rows:
            haystack = " ".join(part or "" for part in (row[2], row[4], row[6], row[10]))
            haystack = haystack.casefold()
            if all(word in haystack for word in words):
                found.append(_note(row[:10]))
        return found

    def note_counts(self) -> dict[str, int]:
        """Number of notes per document id (documents without notes are absent)."""
        rows = self._read("SELECT doc_id, COUNT(*) FROM notes GROUP BY doc_id")
        return {doc_id: count for doc_id, count in rows}

    def follow_edited_file(self, doc_id: str, path: str) -> int:
        """Bring the notes, bookmarks and position of an earlier version of the file at
        ``path`` over to ``doc_id`` (its identity changes when its text is edited).

        Call ``remember_document`` for ``doc_id`` first, then ``reattach_notes`` to place
        the moved notes by their quotes. Returns how many notes moved. Bookmarks that
        would clash with one already on the new version stay with the old one; nothing
        is deleted.
        """
        _check_doc_id(doc_id)
        stored_path = _storable_path(os.fspath(path))
        if self.read_only:
            return 0
        old_ids = [
            row[0]
            for row in self._read(
                "SELECT doc_id FROM documents WHERE path = ? AND doc_id != ? "
                "ORDER BY last_seen DESC",
                (stored_path, doc_id),
            )
        ]
        if not old_ids:
            return 0

        def action(connection: sqlite3.Connection) -> int:
            moved = 0
            for old_id in old_ids:
                moved += connection.execute(
                    "UPDATE notes SET doc_id = ? WHERE doc_id = ?", (doc_id, old_id)
                ).rowcount
                connection.execute(
                    "UPDATE OR IGNORE bookmarks SET doc_id = ? WHERE doc_id = ?",
                    (doc_id, old_id),
                )
                connection.execute(
                    "UPDATE OR IGNORE positions SET doc_id = ? WHERE doc_id = ?",
                    (doc_id, old_id),
                )
                connection.execute(
                    "UPDATE documents SET path = NULL WHERE doc_id = ?", (old_id,)
                )
            return moved

        return self._write(action)

    def reattach_notes(self, doc_id: str, paragraphs: list[str]) -> list[Note]:
        """Re-place a document's notes after its text changed; returns its notes, updated.

        A note whose quote is found again moves to the paragraph that now holds it (the one
        nearest its old place); one whose quote is gone keeps its old paragraph and is marked
        ``detached``. Notes are never deleted. On a read-only store the new placement is
        returned but not saved.
        """
        notes = self.notes(doc_id)
        if not notes:
            return []
        squashed = [_squash(text) for text in paragraphs]
        updated: list[Note] = []
        changes: list[tuple[int | None, int, int]] = []
        for note in notes:
            paragraph, detached = _placement(note, squashed)
            if (paragraph, detached) != (note.paragraph, note.detached):
                changes.append((paragraph, int(detached), note.id))
                note = replace(note, paragraph=paragraph, detached=detached)
            updated.append(note)
        if changes and not self.read_only:
            self._write(lambda c: c.executemany(
                "UPDATE notes SET paragraph = ?, detached = ? WHERE id = ?", changes
            ))
        updated.sort(key=lambda n: (n.paragraph is not None, n.paragraph or 0, n.created, n.id))
        return updated

    # -- bookmarks ---------------------------------------------------------------------------

    def bookmark(self, bookmark_id: int) -> Bookmark:
        """One bookmark by id; raises ``NotFound``."""
        rows = self._read(
            "SELECT id, doc_id, paragraph, label, created FROM bookmarks WHERE id = ?",
            (bookmark_id,),
        )
        if not rows:
            raise NotFound(f"There is no bookmark {bookmark_id}.")
        return _bookmark(rows[0])

    def toggle_bookmark(
        self, doc_id: str, paragraph: int, label: str | None = None
    ) -> Bookmark | None:
        """Bookmark a paragraph, or remove the bookmark already there (then returns None)."""
        _check_doc_id(doc_id)
        _check_paragraph(paragraph, optional=False)
        _check_text(label, "a label", optional=True)
        stamp = now_iso()

        def action(connection: sqlite3.Connection) -> Bookmark | None:
            existing = connection.execute(
                "SELECT id FROM bookmarks WHERE doc_id = ? AND paragraph = ?", (doc_id, paragraph)
            ).fetchone()
            if existing:
                connection.execute("DELETE FROM bookmarks WHERE id = ?", (existing[0],))
                return None
            self._ensure_document(connection, doc_id)
            cursor = connection.execute(
                "INSERT INTO bookmarks (doc_id, paragraph, label, created) VALUES (?, ?, ?, ?)",
                (doc_id, paragraph, label, stamp),
            )
            return Bookmark(id=int(cursor.lastrowid or 0), doc_id=doc_id, paragraph=paragraph,
                            label=label, created=stamp)

        return self._write(action)

    def rename_bookmark(self, bookmark_id: int, label: str | None) -> Bookmark:
        """Set or clear a bookmark's label; raises ``NotFound``."""
        _check_text(label, "a label", optional=True)
        changed = self._write(lambda c: c.execute(
            "UPDATE bookmarks SET label = ? WHERE id = ?", (label, bookmark_id)
        ).rowcount)
        if not changed:
            raise NotFound(f"There is no bookmark {bookmark_id}.")
        return self.bookmark(bookmark_id)

    def delete_bookmark(self, bookmark_id: int) -> None:
        """Remove a bookmark (nothing happens if it is already gone)."""
        self._write(lambda c: c.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)))

    def bookmarks(self, doc_id: str | None = None) -> list[Bookmark]:
        """Bookmarks of one document by paragraph, or all of them grouped by document title."""
        where, parameters = ("WHERE b.doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        rows = self._read(
            "SELECT b.id, b.doc_id, b.paragraph, b.label, b.created FROM bookmarks AS b "
            f"LEFT JOIN documents AS d ON d.doc_id = b.doc_id {where} ORDER BY "
            "COALESCE(NULLIF(d.title, ''), b.doc_id) COLLATE NOCASE, b.doc_id, b.paragraph",
            parameters,
        )
        return [_bookmark(row) for row in rows]

    # -- reading positions -------------------------------------------------------------------

    def save_position(self, doc_id: str, paragraph: int, offset: float = 0.0) -> Position:
        """Remember where the reader is: ``offset`` is clamped to 0..1 within the paragraph."""
        _check_doc_id(doc_id)
        _check_paragraph(paragraph, optional=False)
        offset = float(offset)
        offset = 0.0 if math.isnan(offset) else min(1.0, max(0.0, offset))
        stamp = now_iso()

        def action(connection: sqlite3.Connection) -> None:
            self._ensure_document(connection, doc_id)
            connection.execute(
                "INSERT INTO positions (doc_id, paragraph, offset, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (doc_id) DO UPDATE SET paragraph = excluded.paragraph, "
                "offset = excluded.offset, updated = excluded.updated",
                (doc_id, paragraph, offset, stamp),
            )

        self._write(action)
        return Position(doc_id=doc_id, paragraph=paragraph, offset=offset, updated=stamp)

    def position(self, doc_id: str) -> Position | None:
        """Where the reader left ``doc_id``, or None."""
        rows = self._read(
            "SELECT doc_id, paragraph, offset, updated FROM positions WHERE doc_id = ?", (doc_id,)
        )
        return Position(*rows[0]) if rows else None

    def positions(self) -> list[Position]:
        """Every saved reading position, by document id."""
        rows = self._read("SELECT doc_id, paragraph, offset, updated FROM positions "
                          "ORDER BY doc_id")
        return [Position(*row) for row in rows]

    # -- export and import -------------------------------------------------------------------

    def export_json(self) -> str:
        """Everything, as JSON that ``import_json`` reads back (same input, same bytes)."""
        from syrtui.store import export  # only exporting needs it

        return export.to_json(self)

    def export_markdown(self) -> str:
        """Notes (and bookmarks) as a Markdown document grouped by document."""
        from syrtui.store import export  # only exporting needs it

        return export.to_markdown(self)

    def import_json(self, text: str) -> ImportResult:
        """Add what an ``export_json`` text holds; what is already here is skipped.

        A note is already here when one with the same document, creation time, body and
        quote exists. All or nothing: raises ``ImportFormatError`` on a malformed text.
        """
        from syrtui.store import export  # only importing needs it

        data = export.parse_json(text)

        def action(connection: sqlite3.Connection) -> ImportResult:
            for doc in data.documents:
                connection.execute(
                    "INSERT INTO documents (doc_id, title, source, date, path, last_seen) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET "
                    "title = excluded.title, source = excluded.source, date = excluded.date, "
                    "path = excluded.path, last_seen = excluded.last_seen "
                    "WHERE documents.title = ''",
                    (doc.doc_id, doc.title, doc.source, doc.date, doc.path, doc.last_seen),
                )
            added = skipped = 0
            for note in data.notes:
                present = connection.execute(
                    "SELECT 1 FROM notes WHERE doc_id = ? AND created = ? AND body = ? "
                    "AND quote IS ?",
                    (note.doc_id, note.created, note.body, note.quote),
                ).fetchone()
                if present:
                    skipped += 1
                    continue
                self._ensure_document(connection, note.doc_id)
                connection.execute(
                    "INSERT INTO notes (doc_id, body, paragraph, quote, entity_id, entity_name, "
                    "created, updated, detached) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (note.doc_id, note.body, note.paragraph, note.quote, note.entity_id,
                     note.entity_name, note.created, note.updated, int(note.detached)),
                )
                added += 1
            bookmarks_added = 0
            for mark in data.bookmarks:
                self._ensure_document(connection, mark.doc_id)
                bookmarks_added += connection.execute(
                    "INSERT OR IGNORE INTO bookmarks (doc_id, paragraph, label, created) "
                    "VALUES (?, ?, ?, ?)",
                    (mark.doc_id, mark.paragraph, mark.label, mark.created),
                ).rowcount
            positions_updated = 0
            for spot in data.positions:
                self._ensure_document(connection, spot.doc_id)
                positions_updated += connection.execute(
                    "INSERT INTO positions (doc_id, paragraph, offset, updated) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET "
                    "paragraph = excluded.paragraph, offset = excluded.offset, "
                    "updated = excluded.updated WHERE excluded.updated > positions.updated",
                    (spot.doc_id, spot.paragraph, spot.offset, spot.updated),
                ).rowcount
            return ImportResult(added=added, skipped=skipped, bookmarks_added=bookmarks_added,
                                positions_updated=positions_updated)

        return self._write(action)


def retry_when_busy(action: Callable[[], _T], attempts: int = 3) -> _T:
    """Call ``action`` again (up to ``attempts`` times in all) while it raises ``StoreBusy``."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except StoreBusy:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")
