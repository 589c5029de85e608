"""Turn a user's search words into a safe SQLite FTS5 query, and snippets into plain text."""

from __future__ import annotations

import re

# Marks around a match inside the snippet SQLite returns; removed before anyone sees them.
# Parsed document text never holds C0 controls (the parser neutralises them).
MATCH_START = "\x02"
MATCH_END = "\x03"

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def fts_query(user_query: str) -> str | None:
    """An FTS5 MATCH expression for ``user_query``, or None when it holds no word.

    Every word is quoted, so FTS operators (AND, OR, NOT, NEAR, ``-``, ``^``, ``:``,
    parentheses) are searched as plain words and never parsed. Words in double
    quotes form a phrase; a single word ending in ``*`` matches as a prefix. Words
    are required together (AND).
    """
    parts: list[str] = []
    for match in _TERM.finditer(user_query):
        phrase, bare = match.groups()
        words = _WORD.findall(phrase if phrase is not None else bare)
        if not words:
            continue
        quoted = '"' + " ".join(words) + '"'
        if phrase is None and len(words) == 1 and bare.endswith("*"):
            quoted += "*"
        parts.append(quoted)
    return " ".join(parts) if parts else None


def split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text and the (start, end) offsets of the matches marked in ``marked``."""
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in marked:
        if char == MATCH_START:
            start = length
        elif char == MATCH_END:
            if start is not None and length > start:
                marks.append((start, length))
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), tuple(marks)
