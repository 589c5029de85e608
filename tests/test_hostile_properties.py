"""Property tests over parse -> extract -> layout -> render with hostile text.

Examples per property: 50 by default (CI); set SYRTUI_HYPOTHESIS_EXAMPLES (e.g. 2000)
for a longer hunt.
"""

from __future__ import annotations

import os
import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from syrtui.documents import Document, parse_document
from syrtui.documents.sanitize import count_unsafe
from syrtui.entities import extract
from syrtui.ui.article_layout import GUTTER, layout_document

EXAMPLES = int(os.environ.get("SYRTUI_HYPOTHESIS_EXAMPLES", "50"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces an attacker or a broken scraper might put in an article.
HOSTILE = [
    "[bold]", "[/]", "[/bold]", "[@click=app.quit]", "[@click=app.bell]", "[link=file:///etc/passwd]",
    "[$accent]", "$text", "$accent", "[b", "]", "[", "\\[", "\x1b[2J", "\x1b[10;10H", "\x1b[31m",
    "\x1b]0;pwned\x07", "\x1b]8;;https://evil/\x1b\\", "\x1b]52;c;eA==\x07", "\x1bPq#0\x1b\\",
    "\x07", "\x9b2J", "\x9d0;t\x9c", "\x85", "\u202e", "\u202d", "\u2066", "\u2069", "\u200b",
    "\u200d", "\ufeff", "Z" + "\u0301" * 50, "大马士革", "\U0001f4a3", "\u0627\u062f\u0644\u0628",
    "\r\n", "\r", "\n", "\n\n", "\t", "\x00", "\x7f", "# ", "> ", "- ", "1. ", "`", "*", "_",
    "<b>", "&amp;", "[x](javascript:alert(1))", "[Idlib](https://example.org)", "Aleppo", "Idlib",
    "Hayat Tahrir al-Sham", "Syrian Democratic Forces", "the town of Saraqib", " ", "word",
]
BIDI_OR_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

hostile_text = st.one_of(
    st.lists(st.sampled_from(HOSTILE), max_size=60).map("".join),
    st.lists(st.sampled_from(HOSTILE), max_size=60).map(" ".join),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
)


def check_document(document: Document) -> None:
    """The parser's promises: offsets index ``text``; nothing unsafe survives."""
    text = document.text
    assert text.startswith(document.title)
    assert count_unsafe(text) == 0
    assert not BIDI_OR_CONTROL.search(document.title)
    for value in [document.byline, document.source, document.date,
                  *document.metadata.keys(), *document.metadata.values(), *document.boilerplate]:
        assert value is None or not BIDI_OR_CONTROL.search(value)
    previous_end = len(document.title)
    for number, paragraph in enumerate(document.paragraphs):
        assert paragraph.index == number
        assert paragraph.start >= previous_end
        assert text[paragraph.start:paragraph.end] == paragraph.text
        for link in paragraph.links:
            assert 0 <= link.start < link.end <= len(paragraph.text)
        previous_end = paragraph.end


@PROPERTY
@given(hostile_text, st.integers(min_value=1, max_value=200))
def test_parse_extract_and_layout_never_fail_and_keep_offsets(text: str, width: int) -> None:
    document = parse_document(text, "hostile.txt")
    check_document(document)
    mentions = extract(document.text)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(document.text)
        assert document.text[mention.start:mention.end] == mention.text
        previous_end = mention.end
    layout = layout_document(document, width)
    text_width = max(8, width - GUTTER - 1)
    for line in layout.lines:
        if line.kind in ("title", "body"):
            assert 0 <= line.start <= line.end <= len(document.text)
            assert "\n" not in document.text[line.start:line.end]
            shown = cell_len(line.prefix) + cell_len(document.text[line.start:line.end])
            assert shown <= text_width, (line, width)
        else:
            assert not BIDI_OR_CONTROL.search(line.text)
            assert cell_len(line.text) <= text_width or len(line.text) == 1
    for mention in mentions:
        number = layout.line_of_offset(mention.start)
        line = layout.lines[number]
        assert line.start <= mention.start <= line.end


@PROPERTY
@given(hostile_text)
def test_a_document_is_parsed_the_same_way_twice(text: str) -> None:
    first = parse_document(text, "a.txt")
    second = parse_document(text, "a.txt")
    assert (first.id, first.text, first.title) == (second.id, second.text, second.title)


def hostile_documents(count: int, seed: int = 7) -> list[Document]:
    """Deterministic hostile articles (rendering needs a running app, so no shrinking)."""
    chooser = random.Random(seed)
    documents = []
    for number in range(count):
        pieces = chooser.choices(HOSTILE, k=chooser.randint(5, 120))
        text = f"Title {number} " + "".join(chooser.choice(["", " ", "\n\n"]) + p for p in pieces)
        documents.append(parse_document(text, f"h{number}.txt"))
    return documents


async def test_rendered_lines_hold_no_controls_links_or_actions() -> None:
    from ui_helpers import make_app

    from syrtui.ui.widgets.article import ArticleView

    app = make_app(with_index=False)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        article = app.screen.query_one(ArticleView)
        for document in hostile_documents(min(EXAMPLES, 200)):
            article.show_document(document, extract(document.text))
            await pilot.pause()
            height = article.scrollable_content_region.height
            width = article.scrollable_content_region.width
            total = len(article.layout_cache.lines)
            for top in range(0, total, height):
                article.scroll_to(y=top, animate=False, immediate=True)
                for row in range(min(height, total - top)):
                    strip = article.render_line(row)
                    assert strip.cell_length == width
                    for segment in strip:
                        assert not BIDI_OR_CONTROL.search(segment.text), segment
                        style = segment.style
                        if style is not None:
                            assert not style.link, segment
                            assert not any(str(k).startswith("@") for k in style.meta), segment
        assert app.is_running


async def test_clicking_injected_click_markup_runs_no_action(tmp_path) -> None:
    import sys
    from pathlib import Path

    from ui_helpers import make_app, screen_text

    sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))
    import make_corpus

    make_corpus.write_text_cases(tmp_path, ("markup_title.txt",))
    app = make_app([str(tmp_path / "markup_title.txt")], with_index=False)
    bells: list[bool] = []
    app.bell = lambda: bells.append(True)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = screen_text(app).splitlines()
        targets = [(row.index(needle) + 2, y) for y, row in enumerate(rows)
                   for needle in ("[@click=app.quit]", "[@click=app.bell]", "[link=file")
                   if needle in row]
        assert len(targets) >= 3, screen_text(app)
        for x, y in targets:
            await pilot.click(offset=(x, y))
            await pilot.pause()
            assert app.is_running, "a click on article text quit the reader"
        assert bells == []
        assert "[@click=app.quit]click to quit[/]" in screen_text(app)


def test_a_short_title_of_wide_characters_wraps_to_the_width() -> None:
    document = parse_document("[/]大马士革\n\n叙利亚内战\n", "wide.txt")
    layout = layout_document(document, 11)  # eight cells of text
    for line in layout.lines:
        if line.kind in ("title", "body"):
            assert cell_len(document.text[line.start:line.end]) <= 8, line
    shown = "".join(document.text[line.start:line.end] for line in layout.lines
                    if line.kind == "title")
    assert shown.replace(" ", "") == document.title.replace(" ", "")


def test_deeply_nested_quotes_and_lists_keep_their_text_inside_a_narrow_pane() -> None:
    text = ("Title\n\n" + "> " * 18 + "quoted words here\n\n"
            + "".join("  " * level + "- item\n" for level in range(8)))
    document = parse_document(text, "nested.txt")
    assert document.paragraphs[0].level == 18
    for width in (12, 20, 30):
        layout = layout_document(document, width)
        text_width = max(8, width - GUTTER - 1)
        body = [line for line in layout.lines if line.kind == "body"]
        for line in body:
            assert cell_len(line.prefix) + cell_len(document.text[line.start:line.end]) \
                <= text_width, (width, line)
        quoted = "".join(document.text[line.start:line.end] for line in body
                         if line.paragraph == 0)
        assert quoted.replace(" ", "") == "quotedwordshere"
