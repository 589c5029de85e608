"""Make untrusted text safe to show: terminal controls become visible, bidi controls go."""

from __future__ import annotations

import re

# Bidi embeddings, overrides and isolates can reorder what the reader sees.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_TRANSLATE: dict[int, str | None] = {}
for _code in range(0x20):
    _TRANSLATE[_code] = chr(0x2400 + _code)  # control pictures: ESC -> "␛", BEL -> "␇"
_TRANSLATE[0x7F] = "\u2421"  # DEL -> "␡"
for _code in range(0x80, 0xA0):
    _TRANSLATE[_code] = "\ufffd"  # C1 controls (CSI, OSC, DCS, ST as single bytes)
for _char in _BIDI_CONTROLS:
    _TRANSLATE[ord(_char)] = None
_TRANSLATE[ord("\t")] = " "
_TRANSLATE[ord("\n")] = "\n"
_TRANSLATE[0x2028] = "\n"  # line separator
_TRANSLATE[0x2029] = "\n"  # paragraph separator

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + _BIDI_CONTROLS + "]")


def count_unsafe(text: str) -> int:
    """How many characters ``clean_text`` would change (tabs and newlines excluded)."""
    return len(_UNSAFE.findall(text))


def clean_text(text: str) -> str:
    """Neutralise terminal and bidi controls; keep newlines; tabs become spaces.

    C0 controls are shown as their Unicode control pictures (ESC as "␛"), C1 controls
    as "\ufffd", and bidi overrides and isolates are removed.
    """
    if not _UNSAFE.search(text) and "\t" not in text:
        return text
    return text.translate(_TRANSLATE)


def clean_line(text: str) -> str:
    """Like ``clean_text`` but newlines are shown as "␤" too: for one-line labels."""
    return clean_text(text).replace("\n", "\u2424")


def display_path(path: str) -> str:
    """A file path fit to print: undecodable bytes replaced, controls made visible."""
    raw = path.encode("utf-8", "surrogateescape")
    return clean_line(raw.decode("utf-8", "replace"))
