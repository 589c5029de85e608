"""Quick listing and plain-text parsing give exactly what the full parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLES, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from syrtui.documents import decode_bytes, parse_document, parse_header
from syrtui.documents.library import (
    HEAD_BYTES,
    PENDING_ID,
    parse_plain_document,
    quick_entry,
    read_article_bytes,
)

SAMPLES = {
    "markdown link byline": "# Heading title\n\nBy [Enab Baladi](https://x.example)\n\n"
    "Enab Baladi, 3 May 2021\n\nBody text about Idlib that goes on. " * 3,
    "front matter": "---\ntitle: From front matter\ndate: 2019-02-03\n---\n\nBody.\n",
    "emphasis in header": "*Breaking*: a title\n\nBy **Someone**\n\nMarch 3, 2020\n\nBody.\n",
    "list first": "- item one\n- item two\n\nReal text.\n",
    "setext title": "A setext title\n==============\n\nBy Desk\n\nJune 1, 2018\n\nBody.\n",
    "metadata block": "Title here\n\nSource: Levant Desk\nDate: 2017-07-07\n\nBody.\n",
    "code-like indent": "Title\n\n    indented code block\n\nBody.\n",
    "entities": "Tom &amp; Jerry in Aleppo\n\nBy A &amp; B\n\nApril 4, 2016\n\nBody.\n",
    "no header": "Just one paragraph of text with no title line at all, long enough. " * 8,
}


def header_fields(document) -> tuple:
    return (document.title, document.date, document.source, document.byline)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_quick_header_matches_the_parser(tmp_path: Path, name: str) -> None:
    path = tmp_path / "sample.md"
    path.write_text(SAMPLES[name], encoding="utf-8")
    info = path.stat()
    entry = quick_entry(str(path), info.st_size, info.st_mtime)
    expected = parse_header(SAMPLES[name], str(path))
    assert (entry.title, entry.date, entry.source) == header_fields(expected)[:3]
    assert entry.id == PENDING_ID


@pytest.mark.parametrize(
    "path", sorted([*SEEDS.iterdir(), *ARTICLES.iterdir()]), ids=lambda p: p.name
)
def test_quick_header_matches_on_the_shipped_articles(path: Path) -> None:
    try:
        text = decode_bytes(read_article_bytes(str(path))).text
    except Exception:
        pytest.skip("not an article")
    info = path.stat()
    entry = quick_entry(str(path), info.st_size, info.st_mtime)
    expected = parse_header(text, str(path))
    assert (entry.title, entry.date, entry.source) == header_fields(expected)[:3]


def test_a_character_cut_at_the_read_limit_is_not_a_decoding_problem(tmp_path: Path) -> None:
    title = "Title of a long article\n\nBy Desk\n\nJanuary 2, 2020\n\n"
    filler = "x" * (HEAD_BYTES - len(title) - 1)
    path = tmp_path / "cut.txt"
    path.write_text(title + filler + "é and more text after the limit.\n", encoding="utf-8")
    info = path.stat()
    entry = quick_entry(str(path), info.st_size, info.st_mtime)
    assert entry.title == "Title of a long article" and entry.date == "2020-01-02"
    assert entry.notices == []


def test_loading_a_quick_entry_fills_its_id(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A title\n\nBy Desk\n\nJanuary 2, 2020\n\nBody.\n", encoding="utf-8")
    info = path.stat()
    entry = quick_entry(str(path), info.st_size, info.st_mtime)
    document = entry.load()
    assert entry.id == document.id and len(entry.id) == 16


PLAIN_ALPHABET = "abc XYZ\n\n\t-*#>[]()_:.,1é\u00a0"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=PLAIN_ALPHABET, max_size=300))
def test_plain_parse_equals_the_parser_on_any_text(text: str) -> None:
    assert parse_plain_document(text, "x.txt") == parse_document(text, "x.txt")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["By Desk", "Desk News, May 10, 2019", "Region: Levant",
                             "[Desk](#)", "Copyright Desk 2020", "Source: [Wire](https://w.example)"]),
            st.text(alphabet="abcdef ghij.,", min_size=1, max_size=120),
        ),
        max_size=12,
    )
)
def test_plain_parse_equals_the_parser_on_article_shapes(blocks: list[str]) -> None:
    text = "\n\n".join(blocks)
    assert parse_plain_document(text, "x.txt") == parse_document(text, "x.txt")


_MARKDOWN_BLOCKS = [
    "- one\n- two", "1. Introduction", "2) second", "# Heading", "Title\n===", "> quoted",
    "*emphasis* and _more_", "`code`", "a [link](#) and [another][ref]", "[ref]: https://r",
    "    indented code", "  - nested item", "```\nfenced", "```", "<div>html</div>",
    "&amp; entity", "a line\n- then a list", "text\n---", "[Edited for length.]",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_MARKDOWN_BLOCKS),
            st.text(alphabet="abcdef ghij.,", min_size=1, max_size=80),
        ),
        max_size=14,
    )
)
def test_plain_parse_equals_the_parser_when_some_blocks_are_markdown(blocks: list[str]) -> None:
    text = "\n\n".join(blocks)
    assert parse_plain_document(text, "x.md") == parse_document(text, "x.md")


@pytest.mark.parametrize(
    "path", sorted([*SEEDS.iterdir(), *ARTICLES.iterdir()]), ids=lambda p: p.name
)
def test_plain_parse_equals_the_parser_on_the_shipped_articles(path: Path) -> None:
    try:
        text = decode_bytes(read_article_bytes(str(path))).text
    except Exception:
        pytest.skip("not an article")
    assert parse_plain_document(text, str(path)) == parse_document(text, str(path))
