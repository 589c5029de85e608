"""Lay an article out in lines for a given width: which slice of the text each line shows.

Plain logic with no widgets, so it can be tested and measured on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from syrtui.documents import Document, clean_line

_WORD = re.compile(r"(\S+)(\s*)")

GUTTER = 2  # cells at the left of every line for the cursor, note and bookmark marks


@dataclass(slots=True)
class Line:
    """One screen line of the article.

    Text lines show ``document.text[start:end]`` after ``prefix``; other lines show
    ``text``. ``paragraph`` is the paragraph index (-1 for the title, None otherwise).
    """

    kind: str  # "title", "body", "meta", "blank", "rule", "boilerplate"
    start: int = 0
    end: int = 0
    text: str = ""
    prefix: str = ""
    paragraph: int | None = None
    block_kind: str = "paragraph"


@dataclass(slots=True)
class Layout:
    """All lines of an article at one width, and where each paragraph begins."""

    lines: list[Line]
    width: int
    paragraph_first_line: dict[int, int]
    _text_starts: list[int]
    _text_lines: list[int]
    complete: bool = True  # False when only the first paragraphs were laid out

    def line_of_offset(self, offset: int) -> int:
        """The index of the line that shows text offset ``offset``."""
        position = bisect_right(self._text_starts, offset) - 1
        if position < 0:
            return 0
        return self._text_lines[position]

    def paragraph_line_count(self, paragraph: int) -> int:
        first = self.paragraph_first_line.get(paragraph)
        if first is None:
            return 0
        count = 0
        for line in self.lines[first:]:
            if line.paragraph != paragraph:
                break
            count += 1
        return count


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap_span(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into (start, end) pairs of at most ``width``
    cells each; words longer than a line are cut."""
    width = max(1, width)
    if (end - start <= width and text[start:end].isascii()) or _width(text[start:end]) <= width:
        return [(start, end)]  # (a short span of wide characters can still overflow)
    if text[start:end].isascii() and "  " not in text[start:end]:
        return _wrap_ascii(text, start, end, width)
    result: list[tuple[int, int]] = []
    line_start = start
    line_width = 0
    for match in _WORD.finditer(text, start, end):
        word_start = match.start()
        word = match.group(1)
        word_width = _width(word)
        if line_width and line_width + word_width > width:
            result.append((line_start, _rstrip_end(text, line_start, word_start)))
            line_start, line_width = word_start, 0
        if word_width > width:
            # A word longer than a line: cut it into line-sized pieces.
            position = word_start
            word_end = match.end(1)
            while _width(text[position:word_end]) > width:
                cut = _cut_cells(text, position, word_end, width)
                result.append((position, cut))
                position = cut
            line_start = position
            line_width = _width(text[position:word_end]) + len(match.group(2))
            continue
        line_width += word_width + len(match.group(2))
    if line_start < end:
        result.append((line_start, _rstrip_end(text, line_start, end)))
    return [pair for pair in result if pair[1] > pair[0]] or [(start, end)]


@lru_cache(maxsize=64)
def _ascii_line_pattern(width: int) -> re.Pattern[str]:
    # Up to ``width`` characters ending before a space or the end; else a hard cut.
    return re.compile(rf" ?(?:(.{{1,{width}}})(?: |$)|(.{{{width}}}))")


def _wrap_ascii(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Word wrap for single-spaced ASCII text, done by the regex engine."""
    result = []
    position = start
    for fitted, cut in _ascii_line_pattern(width).findall(text, start, end):
        if text.startswith(" ", position):
            position += 1  # the space the pattern consumed before the line
        line = fitted or cut
        result.append((position, position + len(line)))
        position += len(line)
        if fitted and text.startswith(" ", position) and position < end:
            position += 1  # the space after a line that ended at a word boundary
    return [pair for pair in result if pair[1] > pair[0]] or [(start, end)]


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def _cut_cells(text: str, start: int, end: int, cells: int) -> int:
    """The offset after the most characters from ``start`` that fit in ``cells`` (>= 1)."""
    position = start
    used = 0
    while position < end:
        width = _width(text[position])
        if used + width > cells and position > start:
            break
        used += width
        position += 1
    return position


def layout_document(
    document: Document,
    width: int,
    show_boilerplate: bool = False,
    max_paragraphs: int | None = None,
) -> Layout:
    """Lines for ``document`` in a pane ``width`` cells wide (gutter included).

    With ``max_paragraphs``, only that many paragraphs are laid out (enough for a first
    screen); the lines they get are the same as in the full layout.
    """
    text_width = max(8, width - GUTTER - 1)
    lines: list[Line] = []
    first_line: dict[int, int] = {}
    text = document.text

    first_line[-1] = 0
    for a, b in wrap_span(text, 0, len(document.title), text_width):
        lines.append(Line("title", a, b, paragraph=-1))
    details = [part for part in (document.source, document.date) if part]
    publisher = document.metadata.get("Publisher")
    if publisher and publisher != document.source:
        details.append(publisher)
    if details:
        lines.extend(_plain_lines(" · ".join(details), text_width, "meta"))
    for key, value in document.metadata.items():
        if key == "Publisher":
            continue
        lines.extend(_plain_lines(f"{key}: {value}", text_width, "meta"))
    for notice in document.notices:
        lines.extend(_plain_lines(f"Notice: {notice}", text_width, "notice"))
    lines.append(Line("blank"))

    paragraphs = document.paragraphs
    complete = max_paragraphs is None or max_paragraphs >= len(paragraphs)
    if not complete:
        paragraphs = paragraphs[:max_paragraphs]
    for paragraph in paragraphs:
        prefix = ""
        if paragraph.kind == "list-item":
            prefix = "  " * (paragraph.level - 1) + "• "
        elif paragraph.kind == "quote":
            prefix = "│ " * paragraph.level
        elif paragraph.kind == "heading":
            prefix = ""
        if len(prefix) > text_width // 2:  # deep nesting: keep the inner marks, the text shows
            prefix = prefix[-max(2, text_width // 2):]
        prefix_width = cell_len(prefix) if prefix else 0
        indent = " " * prefix_width
        number = paragraph.index
        kind = paragraph.kind
        first_line[number] = len(lines)
        pairs = wrap_span(text, paragraph.start, paragraph.end, text_width - prefix_width)
        lines.extend(
            [Line("body", a, b, "", indent, number, kind) for a, b in pairs]
        )
        if prefix:
            lines[first_line[number]].prefix = prefix
        lines.append(Line("blank"))

    if document.boilerplate and complete:
        count = len(document.boilerplate)
        if show_boilerplate:
            lines.append(_rule(f"── site boilerplate ({count} blocks) ──", text_width))
            for block in document.boilerplate:
                lines.extend(_plain_lines(block, text_width, "boilerplate"))
                lines.append(Line("blank"))
        else:
            lines.append(_rule(f"── {count} blocks of site boilerplate hidden ──", text_width))

    text_starts: list[int] = []
    text_lines: list[int] = []
    for number, line in enumerate(lines):
        if line.kind in ("title", "body"):
            text_starts.append(line.start)
            text_lines.append(number)
    return Layout(lines, width, first_line, text_starts, text_lines, complete)


def _rule(text: str, width: int) -> Line:
    """A separator line, cut to ``width`` columns (its characters are one column each)."""
    return Line("rule", text=text if len(text) <= width else text[: max(1, width - 1)] + "…")


def _plain_lines(value: str, width: int, kind: str) -> list[Line]:
    value = clean_line(value)
    return [Line(kind, text=value[a:b]) for a, b in wrap_span(value, 0, len(value), width)]
