"""A library: the article files under some paths, listed cheaply and parsed on demand."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import syrtui
from syrtui.documents import parse as parse_module
from syrtui.documents.model import Document
from syrtui.documents.parse import document_id, parse_document, parse_header
from syrtui.documents.sanitize import clean_line, display_path

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_FILE_BYTES = 16 * 1024 * 1024
STDIN_PATH = "<stdin>"
# How much of a file a quick header read looks at.
HEAD_BYTES = 4096
FIRST_LINE_BYTES = 512
# The id of an entry listed from its header only, before its full text was hashed.
PENDING_ID = ""

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
    """One article in the library: header fields known, body parsed on ``load()``.

    ``id`` is ``PENDING_ID`` ("") for an entry listed from a quick header read
    (``quick_entry``) until ``load()`` or a library index fills it in.
    """

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
            document = parse_plain_document(decoded.text, self.path, document_id(decoded.text))
            if decoded.notice:
                document.notices.insert(0, decoded.notice)
            self._document = document
            if not self.id:
                self.id = document.id
        return self._document


@dataclass(slots=True)
class Library:
    """The entries that could be read, in reading order, and the files that were skipped."""

    entries: list[LibraryEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _ids: dict[str, LibraryEntry] = field(default_factory=dict, repr=False)

    def by_id(self, doc_id: str) -> LibraryEntry | None:
        """The entry with content id ``doc_id``, or None.

        Ids are looked up in a table rebuilt when a lookup misses, since entries listed
        before indexing get their ids later.
        """
        if not doc_id:
            return None
        entry = self._ids.get(doc_id)
        if entry is None or entry.id != doc_id:
            self._ids = {e.id: e for e in self.entries if e.id}
            entry = self._ids.get(doc_id)
        return entry


def bundled_seeds_dir() -> Path:
    """The articles shipped with syrtui: inside the installed package, else the checkout."""
    package_dir = Path(syrtui.__file__).resolve().parent
    installed = package_dir / "_seeds"
    if installed.is_dir():
        return installed
    return package_dir.parent / "seeds"


def stat_article(path: str) -> os.stat_result:
    """A file's status, refusing what cannot be an article (missing, special, too large)."""
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
    return info


def read_article_bytes(path: str) -> bytes:
    """Read a regular file's bytes, refusing what cannot be an article."""
    stat_article(path)
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
    return _header_entry(path, doc_id, header, decoded, size, mtime)


def _header_entry(
    path: str, doc_id: str, header: Document, decoded: DecodedText, size: int, mtime: float
) -> LibraryEntry:
    """A library entry from a parsed header and how the file was decoded."""
    return LibraryEntry(
        path=path,
        id=doc_id,
        title=header.title,
        date=header.date,
        source=header.source,
        size=size,
        mtime=mtime,
        notices=[decoded.notice] if decoded.notice else [],
    )


def quick_entry(path: str, size: int, mtime: float) -> LibraryEntry:
    """List a file from its first ``HEAD_BYTES`` only: title, date and source, no id.

    ``size`` and ``mtime`` come from ``stat_article(path)``. The header fields equal
    ``parse_header``'s for ordinary headers; ``id`` is ``PENDING_ID`` until the entry
    is loaded or indexed. Raises UnreadableFile.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise UnreadableFile(_os_reason(exc)) from exc
    decoded = _decode_head(data, complete=size <= len(data))
    header = quick_header(decoded.text, path)
    return _header_entry(path, PENDING_ID, header, decoded, size, mtime)


def first_line_entry(path: str, size: int, mtime: float) -> LibraryEntry:
    """A placeholder entry, cheaper than ``quick_entry``: the first line as the title,
    no date or source, ``id`` pending. For listing a huge library before indexing it;
    whether the file is readable text is only checked when it is loaded or indexed."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            data = os.read(descriptor, FIRST_LINE_BYTES)
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise UnreadableFile(_os_reason(exc)) from exc
    title = ""
    lines = data.decode("utf-8", "replace").lstrip("\ufeff").split("\n")
    if len(data) == FIRST_LINE_BYTES and len(lines) > 1:
        lines.pop()  # cut by the read limit
    for line in lines:
        line = line.strip().lstrip("#").strip()
        if line and line != "---":
            title = clean_line(line[:200])
            break
    return LibraryEntry(
        path=path,
        id=PENDING_ID,
        title=title or parse_module._title_from_path(path),
        date=None,
        source=None,
        size=size,
        mtime=mtime,
    )


def _decode_head(data: bytes, complete: bool) -> DecodedText:
    """Decode the start of a file, forgiving a UTF-8 character cut at the end."""
    if not complete and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
                data = data[: exc.start]
    elif not complete and len(data) % 2:
        data = data[:-1]
    return decode_bytes(data)


# Anything Markdown would read differently from plain text sends a header to markdown-it.
_MARKUP_CHARS = re.compile(r"[\[\]<>`*_\\|#~]|&#?\w+;")
_MARKUP_LINES = re.compile(
    r"^(?: {4}|\t|[ \t]*(?:[-+>]|\d{1,9}[.)])(?:\s|$)|[ \t]*(?:=+|-+)[ \t]*$)", re.M
)
_HEADER_BLOCK_CHARS = 300  # parse._assemble ends the header at a longer block
_HEADER_LINE_CHARS = 200  # ... or at a block with a longer line
_INLINE_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([A-Za-z0-9/:?#._~=+@,;-]*)\)")
_UNSAFE_LINK = re.compile(r"\]\((?:javascript|vbscript|file|data):", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Markdown that can join blocks across a blank line, so that blocks cannot be read one
# by one: code fences, HTML blocks, link reference definitions, and indented lines (code,
# or the continuation of a list item).
_CROSS_BLOCK_MARKUP = re.compile(r"^(?:[ \t]+\S| {0,3}(?:```|~~~|<|\[[^\]\n]*\]:))", re.M)


def quick_header(text: str, path: str = "<text>") -> Document:
    """The header fields of ``text`` (title, byline, source, date, metadata), cheaply.

    Plain-text headers with simple ``[text](target)`` links are split into blocks
    without markdown-it; anything else falls back to ``parse_header``.
    """
    cleaned = parse_module._prepare(text)
    front, cleaned = parse_module._front_matter(cleaned)
    head = parse_module._first_blocks_text(cleaned, parse_module.HEADER_BLOCKS)
    blocks = []
    for raw in _BLANK_LINE.split(head.strip("\n")):
        block = _plain_block(raw)
        if block is None:
            return parse_header(text, path, PENDING_ID)
        if block.text:
            blocks.append(block)
        if len(block.text) > _HEADER_BLOCK_CHARS or any(
            len(line) > _HEADER_LINE_CHARS for line in block.lines
        ):
            break  # the body has begun: later blocks cannot change the header
    return parse_module._assemble(blocks, front, path, PENDING_ID, [], with_tail=False)


def parse_plain_document(text: str, path: str = "<text>", doc_id: str | None = None) -> Document:
    """The same Document as ``parse_document``, faster for plain-text articles.

    Articles whose blocks hold no Markdown (simple ``[text](target)`` links allowed)
    are split into blocks without markdown-it. When some blocks do, and no Markdown
    construct can run from one block into the next, markdown-it reads those blocks
    alone; any other article falls back to ``parse_document``.
    """
    doc_id = doc_id or document_id(text)
    if parse_module.count_unsafe(text):
        return parse_document(text, path, doc_id)
    cleaned = parse_module._prepare(text)
    front, cleaned = parse_module._front_matter(cleaned)
    # When the whole text holds no Markdown and no link, no block needs checking.
    no_markup = "[" not in cleaned and not (
        _MARKUP_LINES.search(cleaned) or _MARKUP_CHARS.search(cleaned)
    )
    blocks = []
    blocks_stand_alone: bool | None = None  # worked out at the first Markdown block
    for raw in _BLANK_LINE.split(cleaned):
        if not raw.strip(" \t\n"):
            continue
        block = _text_block(raw) if no_markup else _plain_block(raw)
        if block is not None and block.text:
            blocks.append(block)
            continue
        if blocks_stand_alone is None:
            blocks_stand_alone = _CROSS_BLOCK_MARKUP.search(cleaned) is None
        if not blocks_stand_alone:
            return parse_document(text, path, doc_id)
        markdown_blocks = parse_module._blocks(raw)
        if not markdown_blocks:
            return parse_document(text, path, doc_id)
        blocks.extend(markdown_blocks)
    return parse_module._assemble(blocks, front, path, doc_id, [])


def _text_block(raw: str) -> parse_module._Block:
    """A parser block for text already known to hold no Markdown and no link."""
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    lines = [line for line in lines if line]
    return parse_module._Block(" ".join(lines), lines=lines)


def _plain_block(raw: str) -> parse_module._Block | None:
    """A parser block for plain text (links allowed), or None if it holds Markdown."""
    if _MARKUP_LINES.search(raw):
        return None
    if "[" not in raw:  # the common case: no link, so one check for Markdown suffices
        if _MARKUP_CHARS.search(raw):
            return None
        return _text_block(raw)
    if _UNSAFE_LINK.search(raw):
        return None
    links = []
    pieces: list[str] = []
    plain_chars = 0
    clean_lines = []
    source_lines = []
    for line in raw.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        plain = _INLINE_LINK.sub(r"\1", line)
        if _MARKUP_CHARS.search(plain):
            return None
        source_lines.append(line)
        clean_lines.append(plain)
    joined = " ".join(source_lines)
    position = 0
    length = 0
    for match in _INLINE_LINK.finditer(joined):
        before = joined[position : match.start()]
        pieces.append(before)
        plain_chars += len(before.strip())
        length += len(before)
        label = match.group(1)
        if label:
            links.append(parse_module.Link(length, length + len(label), match.group(2)))
        pieces.append(label)
        length += len(label)
        position = match.end()
    rest = joined[position:]
    pieces.append(rest)
    plain_chars += len(rest.strip())
    raw_text = "".join(pieces)
    text = " ".join(raw_text.split())
    if text != raw_text:
        return None
    link_only = bool(links) and plain_chars <= 3
    return parse_module._Block(
        text, links=links, link_only=link_only, lines=[ln for ln in clean_lines if ln]
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
    """Article files under ``top``, depth first in name order, following links to folders
    once each. Iterative, so no folder depth can exhaust the interpreter's stack."""
    visited: set[tuple[int, int]] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in visited:
                problems.append(
                    Problem(display_path(folder), "folder visited twice (symlink loop)")
                )
                continue
            visited.add(key)
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(Problem(display_path(folder), _os_reason(exc)))
            continue
        folders = []
        files = []
        for entry in entries:
            try:
                is_folder = entry.is_dir()  # follows a link to a folder
            except OSError:
                is_folder = False
            (folders if is_folder else files).append(entry.name)
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            yield os.path.join(folder, name)
        for name in sorted((d for d in folders if not d.startswith(".")), reverse=True):
            pending.append(os.path.join(folder, name))


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
