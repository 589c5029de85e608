"""Laying an article out in lines: word wrap and the partial first-screen layout."""

from __future__ import annotations

import random

from syrtui.documents import parse_document
from syrtui.ui.article_layout import layout_document, wrap_span


def test_wrap_fills_lines_greedily_and_loses_no_word() -> None:
    rng = random.Random(7)
    words = ["a", "bb", "ccc", "a-very-long-word-indeed", "ee", "Idlib", "Deir"]
    for _ in range(2000):
        text = "X " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        width = rng.randint(1, 25)
        lines = wrap_span(text, 2, len(text), width)
        assert all(0 < end - start <= width for start, end in lines)
        assert "".join(text[a:b] for a, b in lines).replace(" ", "") == (
            text[2:].replace(" ", "")
        )
        for (a, b), (c, d) in zip(lines, lines[1:], strict=False):
            if text[b:c] == " ":  # broken at a space: the next word would not have fitted
                assert (b - a) + 1 + len(text[c:d].split(" ")[0]) > width


def test_wide_characters_are_wrapped_by_cells() -> None:
    text = "東京東京東京 ab 東京"
    lines = wrap_span(text, 0, len(text), 4)
    assert [text[a:b] for a, b in lines] == ["東京", "東京", "東京", "ab", "東京"]


def test_partial_layout_is_the_start_of_the_full_layout() -> None:
    body = "\n\n".join(f"Paragraph {n} about Idlib and Raqqa. " * 6 for n in range(200))
    document = parse_document("A long report\n\n" + body + "\n\nCopyright 2020 X.", "x.txt")
    full = layout_document(document, 60)
    part = layout_document(document, 60, max_paragraphs=30)
    assert full.complete and not part.complete
    assert part.lines == full.lines[: len(part.lines)]
    assert len(part.lines) < len(full.lines)
    assert not any("boilerplate" in line.text for line in part.lines)
    assert any("boilerplate" in line.text for line in full.lines)
