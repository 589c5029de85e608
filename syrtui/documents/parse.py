"""Turn an article's text (plain text or Markdown) into a Document.

The parser reads the blocks with markdown-it-py, then splits them into three zones:
a header (title, byline, dateline, metadata lines), the body, and a boilerplate tail
(copyright, disclaimers, calls to comment or subscribe) that is kept apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from syrtui.documents.dates import find_date
from syrtui.documents.model import Document, Link, Paragraph
from syrtui.documents.sanitize import clean_text, count_unsafe

PARSER_VERSION = "2"

# How much of the start of a document holds its header, for a header-only parse.
HEADER_BLOCKS = 14



@lru_cache(maxsize=1)
def _markdown_parser():
    """The Markdown parser, built on first use (plain-text articles never need it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


_BYLINE = re.compile(r"^(?:by|written by|author:|reporting by)\s+(?P<who>.{2,120})$", re.I)
_METADATA = re.compile(
    r"^(?P<key>[A-Z][A-Za-z-]*(?:[ -][A-Za-z-]+){0,3})\s*:\s+(?P<value>.{1,200})$"
)
_METADATA_KEYS_DATE = {"date", "published", "updated", "posted", "dateline"}
_METADATA_KEYS_SOURCE = {"source", "author", "authors", "publisher", "byline", "by"}
_DATELINE = re.compile(
    r"^(?P<source>[^,\d]{2,60}),\s*(?P<rest>.*\d{4}.*)$"
)  # "Global Research, April 09, 2020"

# Headings of a press release's closing section ("Notes to editors", "Media contact").
_CLOSING_HEADINGS = r"notes? to editors?|media contacts?|press contacts?"
_BOILERPLATE = re.compile(
    r"^(?:the original source of this article is|copyright\b|©|\(c\)\s|all rights reserved"
    r"|disclaimer\b|comment on\b|become a member\b|for media inquiries|articles by\b"
    rf"|(?:{_CLOSING_HEADINGS})\b"
    r"|share this\b|follow us\b|subscribe\b|sign up\b|related articles?\b|read more\b"
    r"|click here\b|support (?:us|our)\b|donate\b|this article (?:was|is) (?:originally|first)"
    r"|originally published\b|republished\b|www\.\S+ contains copyrighted"
    r"|[\w.+-]+@[\w-]+\.[\w.]+$)",
    re.I,
)
# A heading that opens a press release's closing section: everything after it is the tail.
_TAIL_OPENER = re.compile(
    rf"^(?:{_CLOSING_HEADINGS}|for media enquiries"
    r"|about (?:us|the authors?|(?:the )?(?-i:[A-Z]{2,})))\s*:?\s*$",
    re.I,
)
_BOILERPLATE_ANYWHERE = re.compile(
    r"all rights reserved|contains copyrighted material|grants permission to cross-post"
    r"|sole responsibility of the author",
    re.I,
)


@dataclass
class _Block:
    text: str
    kind: str = "paragraph"
    level: int = 0
    links: list[Link] = field(default_factory=list)
    link_only: bool = False  # the block is nothing but one or more links
    lines: list[str] = field(default_factory=list)  # source lines, whitespace collapsed


def normalise_text(text: str) -> str:
    """The form a document's identity is computed from: NFC, LF line ends, no BOM,
    runs of whitespace collapsed, trimmed."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def document_id(text: str) -> str:
    """A stable identity: 16 hex digits of SHA-256 over the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_document(text: str, path: str = "<text>", doc_id: str | None = None) -> Document:
    """Parse a whole article. ``text`` is the decoded file content."""
    doc_id = doc_id or document_id(text)
    notices: list[str] = []
    unsafe = count_unsafe(text.replace("\r\n", "\n").replace("\r", "\n"))  # CR is a line end
    if unsafe:
        notices.append(f"{unsafe} control character(s) made visible or removed")
    cleaned = _prepare(text)
    front, cleaned = _front_matter(cleaned)
    blocks = _blocks(cleaned)
    return _assemble(blocks, front, path, doc_id, notices)


def parse_header(text: str, path: str = "<text>", doc_id: str | None = None) -> Document:
    """Parse only the first blocks: title, byline, date and metadata, no full body.

    Used to list a library without parsing every body; the header fields equal those of
    ``parse_document`` on the same text.
    """
    doc_id = doc_id or document_id(text)
    cleaned = _prepare(text)
    front, cleaned = _front_matter(cleaned)
    head = _first_blocks_text(cleaned, HEADER_BLOCKS)
    blocks = _blocks(head)
    return _assemble(blocks, front, path, doc_id, [], with_tail=False)


def _prepare(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return clean_text(unicodedata.normalize("NFC", text))


def _first_blocks_text(text: str, count: int) -> str:
    parts = re.split(r"\n[ \t]*\n", text.lstrip("\n"), maxsplit=count)
    return "\n\n".join(parts[:count])


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML-style front matter (``---`` key: value lines ``---``) at the very start."""
    match = re.match(r"\A---\n((?:[^\n]*\n){1,40}?)---\n", text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and value.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    if not fields:
        return {}, text
    return fields, text[match.end():]


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    tokens = _markdown_parser().parse(text)
    list_depth = 0
    quote_depth = 0
    heading_level = 0
    in_item = False
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            in_item = True
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "inline":
            block = _inline_block(token.children or [])
            if not block.text:
                continue
            if heading_level:
                block.kind, block.level = "heading", heading_level
            elif list_depth and in_item:
                block.kind, block.level = "list-item", list_depth
                in_item = False
            elif list_depth:
                block.kind, block.level = "list-item", list_depth
            elif quote_depth:
                block.kind, block.level = "quote", quote_depth
            blocks.append(block)
        elif kind in ("code_block", "fence", "html_block"):
            for part in re.split(r"\n\s*\n", token.content):
                joined = " ".join(part.split())
                if joined:
                    blocks.append(_Block(joined))
    return blocks


def _inline_block(children: list) -> _Block:
    parts: list[str] = []
    links: list[Link] = []
    length = 0
    link_start: int | None = None
    link_target = ""
    plain_chars = 0
    line_breaks: list[int] = []
    for child in children:
        kind = child.type
        piece = ""
        if kind in ("text", "code_inline", "html_inline"):
            piece = child.content
        elif kind in ("softbreak", "hardbreak"):
            piece = " "
        elif kind == "image":
            piece = child.content
        elif kind == "link_open":
            link_start = length
            link_target = str(child.attrs.get("href", ""))
        elif kind == "link_close" and link_start is not None:
            if length > link_start:
                links.append(Link(link_start, length, link_target))
            link_start = None
        if kind in ("softbreak", "hardbreak"):
            line_breaks.append(length)
        if piece:
            if link_start is None and piece.strip():
                plain_chars += len(piece.strip())
            parts.append(piece)
            length += len(piece)
    raw = "".join(parts)
    text = " ".join(raw.split())
    if text != raw:
        links = _remap_links(raw, text, links)
    link_only = bool(links) and plain_chars <= 3
    bounds = [0, *line_breaks, len(raw)]
    lines = [" ".join(raw[a:b].split()) for a, b in zip(bounds, bounds[1:], strict=False)]
    return _Block(text, links=links, link_only=link_only, lines=[ln for ln in lines if ln])


def _remap_links(raw: str, text: str, links: list[Link]) -> list[Link]:
    """Move link offsets from ``raw`` to its whitespace-collapsed form ``text``."""
    mapping = []
    position = 0
    previous_space = True
    leading = True
    for char in raw:
        mapping.append(position)
        if char.isspace():
            if not previous_space and not leading:
                position += 1
            previous_space = True
        else:
            position += 1
            previous_space = False
            leading = False
    mapping.append(position)
    remapped = []
    for link in links:
        start = min(mapping[link.start], len(text))
        end = min(mapping[link.end], len(text))
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if end > start:
            remapped.append(Link(start, end, link.target))
    return remapped


def _assemble(
    blocks: list[_Block],
    front: dict[str, str],
    path: str,
    doc_id: str,
    notices: list[str],
    with_tail: bool = True,
) -> Document:
    title = front.get("title", "")
    byline: str | None = None
    source: str | None = None
    date: str | None = None
    metadata: dict[str, str] = {
        key.title(): value for key, value in front.items() if key not in ("title",)
    }
    for key, value in front.items():
        if key in _METADATA_KEYS_DATE and date is None:
            date = find_date(value)
        if key in _METADATA_KEYS_SOURCE and source is None:
            source = value

    index = 0
    if not title and blocks and _looks_like_title(blocks[0]):
        title = blocks[0].text
        index = 1
    if not title:
        title = _title_from_path(path)

    # Header zone: short lines that are a byline, a dateline, metadata or a bare link.
    header = _Header(byline=byline, source=source, date=date, metadata=metadata)
    while index < len(blocks):
        block = blocks[index]
        if len(block.text) > 300 or block.kind in ("list-item", "quote"):
            break
        lines = block.lines if len(block.lines) > 1 else [block.text]
        if header.take(lines):
            pass
        elif block.link_only and len(block.text) <= 80 and len(lines) == 1:
            header.source_from_link(block.text)
        else:
            break
        index += 1
    byline, source, date = header.byline, header.source, header.date

    end = len(blocks)
    tail: list[str] = []
    if with_tail:
        end = _tail_start(blocks, index)
        tail = [block.text for block in blocks[end:]]
    if date is None and index < end:
        date = find_date(blocks[index].text[:100])

    paragraphs: list[Paragraph] = []
    offset = len(title) + 2
    for number, block in enumerate(blocks[index:end]):
        paragraphs.append(
            Paragraph(
                index=number,
                text=block.text,
                start=offset,
                kind=block.kind,
                level=block.level,
                links=tuple(block.links),
            )
        )
        offset += len(block.text) + 2
    text = "\n\n".join([title, *(p.text for p in paragraphs)])
    return Document(
        id=doc_id,
        path=path,
        title=title,
        byline=byline,
        source=source,
        date=date,
        metadata=metadata,
        paragraphs=paragraphs,
        boilerplate=tail,
        text=text,
        notices=notices,
    )


@dataclass
class _Header:
    """Fields collected from the header lines between the title and the body."""

    byline: str | None
    source: str | None
    date: str | None
    metadata: dict[str, str]
    source_is_explicit: bool = False

    def take(self, lines: list[str]) -> bool:
        """Take a block's lines if every one is a header line; False leaves it to the body."""
        kinds = [_header_line_kind(line) for line in lines]
        for position, kind in enumerate(kinds):
            if kind is None:
                follows_date = position + 1 < len(kinds) and kinds[position + 1] == "date"
                if not (follows_date and _is_name_line(lines[position])):
                    return False
                kinds[position] = "name"
        for line, kind in zip(lines, kinds, strict=True):
            self._apply(line, kind)
        return True

    def source_from_link(self, text: str) -> None:
        if self.source is None:
            self.source = text

    def _apply(self, line: str, kind: str | None) -> None:
        if kind == "byline":
            match = _BYLINE.match(line)
            if self.byline is None:
                self.byline = line
            if self.source is None and match:
                self.source = _strip_who(match.group("who"))
        elif kind == "metadata":
            match = _METADATA.match(line)
            if match is None:
                return
            key, value = match.group("key").strip(), match.group("value").strip()
            self.metadata[key] = value
            lowered = key.lower()
            if lowered in _METADATA_KEYS_DATE and self.date is None:
                self.date = find_date(value)
            elif lowered in _METADATA_KEYS_SOURCE and not self.source_is_explicit:
                self.source = _strip_who(value)
                self.source_is_explicit = lowered in ("source", "publisher")
        elif kind == "date":
            if self.date is None:
                self.date = find_date(line)
            dateline = _DATELINE.match(line)
            if dateline and "Publisher" not in self.metadata:
                self.metadata["Publisher"] = dateline.group("source").strip()
        elif kind == "name" and "Publisher" not in self.metadata:
            self.metadata["Publisher"] = line
            if self.source is None:
                self.source = line


def _header_line_kind(line: str) -> str | None:
    if len(line) > 200:
        return None
    if _BYLINE.match(line):
        return "byline"
    if _METADATA.match(line) and not line.endswith("."):
        return "metadata"
    if len(line) <= 120 and find_date(line) and (_DATELINE.match(line) or len(line) <= 60):
        return "date"
    return None


def _is_name_line(line: str) -> bool:
    """A short line naming a publisher or outlet, such as "Enab Baladi"."""
    return len(line) <= 60 and len(line.split()) <= 6 and not line.endswith((".", "?", "!"))


def _looks_like_title(block: _Block) -> bool:
    if block.kind == "heading":
        return True
    if block.kind != "paragraph" or len(block.text) > 200:
        return False
    return not _BYLINE.match(block.text) and not _BOILERPLATE.match(block.text)


def _title_from_path(path: str) -> str:
    stem = PurePath(path).stem if path and not path.startswith("<") else ""
    stem = re.sub(r"[_-]+", " ", stem).strip()
    return stem or "Untitled"


def _strip_who(who: str) -> str:
    who = who.strip().rstrip(".")
    return re.sub(r"^(?:by)\s+", "", who, flags=re.I)


def _is_boilerplate(block: _Block) -> bool:
    text = block.text
    return bool(_BOILERPLATE.match(text) or _BOILERPLATE_ANYWHERE.search(text))


def _tail_start(blocks: list[_Block], body_start: int) -> int:
    """Index of the first block of the boilerplate tail (``len(blocks)`` when none).

    A closing section's heading ("Notes to editors", "About the IRC") opens it; a heading
    such as "About Raqqa" may be the article's own, so only an acronym counts. Otherwise
    it walks back from the end over boilerplate blocks and short link-only lines; the tail
    must contain at least one block that is boilerplate by its wording.
    """
    # A closing section's heading ("Notes to editors") in the second half of the body
    # starts the tail, whatever follows it.
    for position in range((body_start + len(blocks) + 1) // 2, len(blocks)):
        if _TAIL_OPENER.match(blocks[position].text):
            return position
    start = len(blocks)
    seen_boilerplate = False
    for position in range(len(blocks) - 1, body_start - 1, -1):
        block = blocks[position]
        if _is_boilerplate(block):
            seen_boilerplate = True
        elif not (block.link_only and len(block.text) <= 120):
            break
        start = position
    return start if seen_boilerplate else len(blocks)
