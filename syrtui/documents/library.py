"""A library: the article files under some paths, listed cheaply and parsed on demand."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import syrtui
from syrtui.documents.model import Document
from syrtui.documents.parse import document_id, parse_document, parse_header
from syrtui.documents.sanitize import display_path

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_FILE_BYTES = 16 * 1024 * 1024
STDIN_PATH = "<stdin>"

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\x1f\x8b": "gzip archive",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "zip archive",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
}


class LibraryError(Exception):
    """A path given by the user cannot be used at all; ``str(exc)`` is the message."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that was skipped, and why (``path`` is fit to print)."""

    path: str
    reason: str


class UnreadableFile(Exception):
    """A file that cannot become a document; ``str(exc)`` is the reason."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    notice: str | None = None


def decode_bytes(data: bytes) -> DecodedText:
    """Decode an article file: UTF-8 (with or without BOM), UTF-16 with a BOM, else
    Windows-1252 with a notice. Raises UnreadableFile for empty or binary data."""
    if not data.strip():
        raise UnreadableFile("empty file")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(f"binary file ({what}), not an article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"), "decoded from UTF-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"invalid UTF-16 ({exc.reason})") from exc
    sample = data[:8192]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise UnreadableFile("binary file (contains NUL bytes), not an article")
    try:
        return DecodedText(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        controls = sum(1 for char in text[:8192] if ord(char) < 32 and char not in "\n\r\t")
        if controls > len(text[:8192]) // 20:
            raise UnreadableFile("binary file, not an article") from exc
        return DecodedText(
            text, f"not valid UTF-8 (byte {exc.start}); decoded as Windows-1252"
        )


@dataclass(slots=True)
class LibraryEntry:
    """One article in the library: header fields known, body parsed on ``load()``."""

    path: str
    id: str
    title: str
    date: str | None
    source: str | None
    size: int
    mtime: float
    notices: list[str] = field(default_factory=list)
    _data: bytes | None = None  # kept only for standard input
    _document: Document | None = None

    @property
    def display_path(self) -> str:
        return display_path(self.path)

    def load(self) -> Document:
        """The parsed document (parsed once, then kept)."""
        if self._document is None:
            data = self._data if self._data is not None else read_article_bytes(self.path)
            decoded = decode_bytes(data)
            document = parse_document(decoded.text, self.path, document_id(decoded.text))
            if decoded.notice:
                document.notices.insert(0, decoded.notice)
            self._document = document
        return self._document


@dataclass(slots=True)
class Library:
    """The entries that could be read, in reading order, and the files that were skipped."""

    entries: list[LibraryEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self, doc_id: str) -> LibraryEntry | None:
        for entry in self.entries:
            if entry.id == doc_id:
                return entry
        return None


def bundled_seeds_dir() -> Path:
    """The articles shipped with syrtui: inside the installed package, else the checkout."""
    package_dir = Path(syrtui.__file__).resolve().parent
    installed = package_dir / "_seeds"
    if installed.is_dir():
        return installed
    return package_dir.parent / "seeds"


def read_article_bytes(path: str) -> bytes:
    """Read a regular file's bytes, refusing what cannot be an article."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise UnreadableFile("broken symbolic link") from exc
        raise UnreadableFile("file not found") from exc
    except OSError as exc:
        raise UnreadableFile(_os_reason(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(f"not a regular file ({_file_kind(info.st_mode)})")
    if info.st_size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"too large ({info.st_size / 1e6:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB)"
        )
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableFile(_os_reason(exc)) from exc


def entry_from_bytes(path: str, data: bytes, size: int, mtime: float) -> LibraryEntry:
    """Make a library entry from a file's bytes: identity and header only."""
    decoded = decode_bytes(data)
    doc_id = document_id(decoded.text)
    header = parse_header(decoded.text, path, doc_id)
    notices = [decoded.notice] if decoded.notice else []
    return LibraryEntry(
        path=path,
        id=doc_id,
        title=header.title,
        date=header.date,
        source=header.source,
        size=size,
        mtime=mtime,
        notices=notices,
    )


def find_article_files(paths: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """Expand files and folders (recursively, following links once) into article paths.

    Raises LibraryError for a path that does not exist. Hidden folders are skipped.
    """
    found: list[str] = []
    problems: list[Problem] = []
    seen_files: set[str] = set()
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        if not os.path.lexists(raw):
            raise LibraryError(f"syrtui: {display_path(raw)}: no such file or directory")
        if os.path.isdir(raw):
            for path in _walk(raw, problems):
                if path not in seen_files:
                    seen_files.add(path)
                    found.append(path)
        elif raw not in seen_files:
            seen_files.add(raw)
            found.append(raw)
    return found, problems


def _walk(top: str, problems: list[Problem]) -> Iterable[str]:
    visited: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        problems.append(Problem(display_path(exc.filename or top), _os_reason(exc)))

    for folder, dirs, files in os.walk(top, followlinks=True, onerror=on_error):
        try:
            info = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            problems.append(Problem(display_path(folder), "folder visited twice (symlink loop)"))
            dirs[:] = []
            continue
        visited.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            yield os.path.join(folder, name)


def open_library(paths: list[str] | None = None) -> Library:
    """Open the articles under ``paths`` (the bundled seeds when empty); "-" is stdin.

    Files that cannot be read become ``problems``; the rest are entries sorted newest
    first (undated last), then by title.
    """
    if not paths:
        paths = [str(bundled_seeds_dir())]
    files, problems = find_article_files(paths)
    library = Library(problems=problems)
    for path in files:
        try:
            if path == "-":
                data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    raise UnreadableFile("standard input is too large")
                entry = entry_from_bytes(STDIN_PATH, data, len(data), 0.0)
                entry._data = data
            else:
                data = read_article_bytes(path)
                info = os.stat(path)
                entry = entry_from_bytes(path, data, info.st_size, info.st_mtime)
        except UnreadableFile as exc:
            shown = STDIN_PATH if path == "-" else display_path(path)
            library.problems.append(Problem(shown, str(exc)))
            continue
        library.entries.append(entry)
    library.entries.sort(key=reading_order)
    return library


def reading_order(entry: LibraryEntry) -> tuple:
    """Newest first, undated last, then by title."""
    if entry.date:
        return (0, _invert(entry.date), entry.title.casefold(), entry.path)
    return (1, "", entry.title.casefold(), entry.path)


def _invert(iso: str) -> str:
    return "".join(chr(ord("9") - int(c) + ord("0")) if c.isdigit() else c for c in iso)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"
