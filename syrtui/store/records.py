"""Records the store hands out, and the errors it raises."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Note:
    """A Markdown note on a document, optionally tied to a paragraph, a quote and an entity.

    ``paragraph`` is the index of the paragraph the note belongs to (None for the whole
    document); ``quote`` is the text the reader selected there. ``detached`` is True when the
    document's text changed and the quote could no longer be found: the note is kept and
    shown apart. Times are ISO 8601 in UTC.
    """

    id: int
    doc_id: str
    body: str
    paragraph: int | None
    quote: str | None
    entity_id: str | None
    entity_name: str | None
    created: str
    updated: str
    detached: bool = False


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A marked paragraph of a document, with an optional label."""

    id: int
    doc_id: str
    paragraph: int
    label: str | None
    created: str


@dataclass(frozen=True, slots=True)
class Position:
    """Where the reader left a document: a paragraph and a fraction (0..1) through it."""

    doc_id: str
    paragraph: int
    offset: float
    updated: str


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A snapshot of a document's metadata, kept so its notes stay readable without the file."""

    doc_id: str
    title: str
    source: str | None
    date: str | None
    path: str | None
    last_seen: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: notes added and notes skipped because they were already there."""

    added: int
    skipped: int
    bookmarks_added: int = 0
    positions_updated: int = 0


class StoreError(Exception):
    """A store operation failed; the message is meant for the reader."""


class StoreReadOnly(StoreError):
    """A write was asked of a read-only session; the message says why it is read-only."""


class StoreBusy(StoreError):
    """Another program held the database longer than the busy timeout; nothing was saved."""


class NotFound(StoreError, KeyError):
    """No record has the given id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "not found"


class ImportFormatError(StoreError, ValueError):
    """The text given to import is not a syrtui notes export; nothing was imported."""
