"""Records produced by the parser: a Document made of Paragraphs with Links."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Link:
    """An inline link kept as text: ``paragraph.text[start:end]`` points at ``target``."""

    start: int
    end: int
    target: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of readable text.

    ``kind`` is "paragraph", "heading", "list-item" or "quote"; ``level`` is the heading
    level or list depth. ``start`` is the offset of this block in ``Document.text``.
    """

    index: int
    text: str
    start: int
    kind: str = "paragraph"
    level: int = 0
    links: tuple[Link, ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(slots=True)
class Document:
    """A parsed article.

    ``text`` is the title followed by every paragraph, separated by blank lines; entity
    offsets index into it. Byline, dateline, metadata and the boilerplate tail are not in it.
    """

    id: str
    path: str
    title: str
    byline: str | None = None
    source: str | None = None
    date: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    text: str = ""
    notices: list[str] = field(default_factory=list)

    @property
    def headings(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "heading"]

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind != "heading"]

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph that holds text offset ``offset`` (None for the title)."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            para = self.paragraphs[mid]
            if offset < para.start:
                hi = mid - 1
            elif offset >= para.end + 2:
                lo = mid + 1
            else:
                return para
        return None
