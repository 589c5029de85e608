"""Export to Markdown and JSON, and the reading (validation) of a JSON export.

Exports are deterministic: records are sorted by their content, not by database ids, and no
export time is written, so exporting, importing into an empty store and exporting again gives
the same bytes. Paragraph numbers shown to people (Markdown) count from 1; the JSON keeps the
0-based paragraph index the program uses.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Protocol

from syrtui.store.records import (
    Bookmark,
    DocumentRecord,
    ImportFormatError,
    Note,
    Position,
)
from syrtui.store.schema import CURRENT_VERSION

FORMAT_NAME = "syrtui-notes"


class _Readable(Protocol):
    def documents(self) -> list[DocumentRecord]: ...
    def notes(self, doc_id: str | None = None) -> list[Note]: ...
    def bookmarks(self, doc_id: str | None = None) -> list[Bookmark]: ...
    def positions(self) -> list[Position]: ...


@dataclass(frozen=True, slots=True)
class ExportData:
    """The records of a JSON export (note and bookmark ids are not part of an export)."""

    documents: list[DocumentRecord]
    notes: list[Note]
    bookmarks: list[Bookmark]
    positions: list[Position]


def _note_key(note: Note) -> tuple[Any, ...]:
    return (note.doc_id, note.created, note.body, note.quote or "", note.paragraph or -1,
            note.entity_id or "", note.entity_name or "", note.updated, note.detached)


# ---------------------------------------------------------------------------------------------
# JSON


def to_json(store: _Readable) -> str:
    """The whole store as JSON: schema version, documents, notes, bookmarks, positions."""
    documents = sorted(store.documents(), key=lambda d: d.doc_id)
    notes = sorted(store.notes(), key=_note_key)
    bookmarks = sorted(store.bookmarks(), key=lambda b: (b.doc_id, b.paragraph))
    positions = sorted(store.positions(), key=lambda p: p.doc_id)
    payload = {
        "format": FORMAT_NAME,
        "schema_version": CURRENT_VERSION,
        "documents": [
            {"doc_id": d.doc_id, "title": d.title, "source": d.source, "date": d.date,
             "path": d.path, "last_seen": d.last_seen}
            for d in documents
        ],
        "notes": [
            {"doc_id": n.doc_id, "body": n.body, "paragraph": n.paragraph, "quote": n.quote,
             "entity_id": n.entity_id, "entity_name": n.entity_name, "created": n.created,
             "updated": n.updated, "detached": n.detached}
            for n in notes
        ],
        "bookmarks": [
            {"doc_id": b.doc_id, "paragraph": b.paragraph, "label": b.label,
             "created": b.created}
            for b in bookmarks
        ],
        "positions": [
            {"doc_id": p.doc_id, "paragraph": p.paragraph, "offset": p.offset,
             "updated": p.updated}
            for p in positions
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class _Fields:
    """Typed access to one JSON object, with errors that say where the problem is."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise ImportFormatError(f"{where} should be an object")
        self.value = value
        self.where = where

    def _get(self, key: str, required: bool) -> object:
        if key not in self.value:
            if required:
                raise ImportFormatError(f"{self.where} has no '{key}'")
            return None
        return self.value[key]

    def text(self, key: str, *, required: bool = False, non_empty: bool = False) -> str | None:
        value = self._get(key, required)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (non_empty and not value):
            raise ImportFormatError(f"{self.where}: '{key}' should be a text")
        return value

    def required_text(self, key: str, *, non_empty: bool = False) -> str:
        value = self.text(key, required=True, non_empty=non_empty)
        assert value is not None
        return value

    def index(self, key: str, *, required: bool) -> int | None:
        value = self._get(key, required)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ImportFormatError(f"{self.where}: '{key}' should be a whole number >= 0")
        return value

    def fraction(self, key: str) -> float:
        value = self._get(key, False)
        if value is None:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
            value
        ):
            raise ImportFormatError(f"{self.where}: '{key}' should be a number")
        return min(1.0, max(0.0, float(value)))

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise ImportFormatError(f"{self.where}: '{key}' should be true or false")
        return value


def _records(payload: dict[str, Any], key: str) -> list[object]:
    value = payload.get(key, [])
    if not isinstance(value, list):
        raise ImportFormatError(f"'{key}' should be a list")
    return value


def parse_json(text: str) -> ExportData:
    """Read and check a JSON export; raises ``ImportFormatError`` saying what is wrong."""
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFormatError(f"not valid JSON ({exc})") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        raise ImportFormatError("not a syrtui notes export (no \"format\": \"syrtui-notes\")")
    version = payload.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportFormatError("the export has no valid 'schema_version'")
    if version > CURRENT_VERSION:
        raise ImportFormatError(
            f"the export was made by a newer syrtui (schema {version}; this one reads up to "
            f"{CURRENT_VERSION})"
        )
    documents = []
    for number, raw in enumerate(_records(payload, "documents"), 1):
        fields = _Fields(raw, f"document {number}")
        documents.append(DocumentRecord(
            doc_id=fields.required_text("doc_id", non_empty=True),
            title=fields.text("title") or "",
            source=fields.text("source"),
            date=fields.text("date"),
            path=fields.text("path"),
            last_seen=fields.text("last_seen") or "",
        ))
    notes = []
    for number, raw in enumerate(_records(payload, "notes"), 1):
        fields = _Fields(raw, f"note {number}")
        created = fields.required_text("created", non_empty=True)
        notes.append(Note(
            id=0,
            doc_id=fields.required_text("doc_id", non_empty=True),
            body=fields.required_text("body"),
            paragraph=fields.index("paragraph", required=False),
            quote=fields.text("quote"),
            entity_id=fields.text("entity_id"),
            entity_name=fields.text("entity_name"),
            created=created,
            updated=fields.text("updated") or created,
            detached=fields.flag("detached"),
        ))
    bookmarks = []
    for number, raw in enumerate(_records(payload, "bookmarks"), 1):
        fields = _Fields(raw, f"bookmark {number}")
        paragraph = fields.index("paragraph", required=True)
        assert paragraph is not None
        bookmarks.append(Bookmark(
            id=0,
            doc_id=fields.required_text("doc_id", non_empty=True),
            paragraph=paragraph,
            label=fields.text("label"),
            created=fields.text("created") or "",
        ))
    positions = []
    for number, raw in enumerate(_records(payload, "positions"), 1):
        fields = _Fields(raw, f"position {number}")
        paragraph = fields.index("paragraph", required=True)
        assert paragraph is not None
        positions.append(Position(
            doc_id=fields.required_text("doc_id", non_empty=True),
            paragraph=paragraph,
            offset=fields.fraction("offset"),
            updated=fields.text("updated") or "",
        ))
    return ExportData(documents=documents, notes=notes, bookmarks=bookmarks, positions=positions)


# ---------------------------------------------------------------------------------------------
# Markdown


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _when(stamp: str) -> str:
    """``2026-11-25T15:34:46.123+00:00`` -> ``2026-11-25 15:34 UTC``."""
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp


def _quote_block(quote: str) -> list[str]:
    lines = quote.strip().splitlines() or [""]
    return [f"> {line}".rstrip() for line in lines]


def _note_section(note: Note) -> list[str]:
    where = "the whole document" if note.paragraph is None else f"paragraph {note.paragraph + 1}"
    lines = [f"### Note on {where}", ""]
    if note.detached:
        lines += ["*The quoted text is no longer in the document.*", ""]
    if note.quote:
        lines += [*_quote_block(note.quote), ""]
    if note.entity_name or note.entity_id:
        lines += [f"Entity: {_one_line(note.entity_name or note.entity_id or '')}", ""]
    written = f"Written {_when(note.created)}"
    if note.updated != note.created:
        written += f", edited {_when(note.updated)}"
    lines += [written + ".", ""]
    body = note.body.strip("\n")
    if body:
        lines += [body, ""]
    return lines


def to_markdown(store: _Readable) -> str:
    """Notes grouped by document: title heading, source and date, then each note with its
    quote, entity, time and text; bookmarks are listed under the document."""
    notes = store.notes()
    bookmarks = store.bookmarks()
    by_document: dict[str, tuple[list[Note], list[Bookmark]]] = {}
    for note in notes:
        by_document.setdefault(note.doc_id, ([], []))[0].append(note)
    for mark in bookmarks:
        by_document.setdefault(mark.doc_id, ([], []))[1].append(mark)
    records = {d.doc_id: d for d in store.documents()}
    lines = ["# syrtui notes", ""]
    if not by_document:
        lines += ["No notes or bookmarks yet.", ""]

    def title_of(doc_id: str) -> str:
        record = records.get(doc_id)
        return _one_line(record.title) if record and record.title.strip() else ""

    order = sorted(by_document, key=lambda doc_id: (title_of(doc_id).casefold() or doc_id,
                                                     doc_id))
    for doc_id in order:
        doc_notes, doc_marks = by_document[doc_id]
        record = records.get(doc_id)
        lines += [f"## {title_of(doc_id) or 'Untitled document'}", ""]
        facts = []
        if record and record.source:
            facts.append(f"- Source: {_one_line(record.source)}")
        if record and record.date:
            facts.append(f"- Date: {_one_line(record.date)}")
        if record and record.path:
            facts.append(f"- File: {_one_line(record.path)}")
        facts.append(f"- Document id: `{doc_id}`")
        lines += [*facts, ""]
        if doc_marks:
            marked = []
            for mark in doc_marks:
                label = f" ({_one_line(mark.label)})" if mark.label else ""
                marked.append(f"paragraph {mark.paragraph + 1}{label}")
            lines += ["Bookmarks: " + ", ".join(marked) + ".", ""]
        for note in doc_notes:
            lines += _note_section(note)
    return "\n".join(lines).rstrip("\n") + "\n"
