"""The real program in a pseudo-terminal, read back with pyte."""

from __future__ import annotations

import os
import re

import pytest
from conftest import SEEDS
from pty_harness import TerminalSession

from syrtui.documents import open_library
from syrtui.entities import extract

pytestmark = pytest.mark.pty

SIDEBAR = 36  # width of the entity sidebar at 120 columns


def sidebar_lines(session: TerminalSession) -> list[str]:
    return [line[-SIDEBAR:].strip(" ▏▕│") for line in session.screen.display]


def article_lines(session: TerminalSession) -> list[str]:
    """The article pane's non-empty lines (the pane between the two vertical borders)."""
    lines = []
    for line in session.screen.display[1:-1]:
        text = line.split("▕", 1)[-1].split("▏", 1)[0].strip(" ▌✦✎★")
        if text:
            lines.append(text)
    return lines


def seed_mentions(name: str) -> int:
    document = open_library([str(SEEDS)]).entries[0].load()
    return sum(1 for m in extract(document.text) if m.entity.name == name)


def env(tmp_path) -> dict[str, str]:
    return {"SYRTUI_DATA_DIR": str(tmp_path / "data"),
            "SYRTUI_CACHE_DIR": str(tmp_path / "cache"),
            "SYRTUI_CONFIG_DIR": str(tmp_path / "config")}


def test_select_idlib_by_keyboard_jump_help_and_quit(tmp_path) -> None:
    expected = seed_mentions("Idlib")
    assert expected >= 3
    session = TerminalSession([], env(tmp_path), size=(120, 40))
    try:
        session.wait_for("Hard Times for U.S. Forces", "Actors", "Places", "Documents 1")
        session.press("3")
        session.wait_for("actor · ")  # the Actors list has focus and shows its first row
        session.press("tab")  # on to the Places list
        session.wait_for("place · ")
        for _ in range(40):
            if "Idlib" in sidebar_lines(session):
                break
            before = sidebar_lines(session)
            session.press("down")
            session.wait_until(lambda s, b=before: sidebar_lines(session) != b,
                               "the cursor to move", 10)
        assert "Idlib" in sidebar_lines(session), session.text()
        session.press("enter")
        screen = session.wait_for(f"Mentions here: {expected}", "Coordinates:")
        assert "place · city" in screen
        # Jump through Idlib's mentions: the view changes with each jump.
        session.press("2")
        screens = []
        for _ in range(3):
            before = session.text()
            session.press("}")
            screens.append(session.wait_until(lambda s, b=before: s != b, "a jump", 10))
        assert len(set(screens)) == 3
        session.press("?")
        session.wait_for("syrtui keys", "reader.quit", "Binding id")
        session.press("escape")
        session.wait_until(lambda s: "syrtui keys" not in s, "help to close")
        session.press("q")
        assert session.wait_exit() == 0
    finally:
        session.close()


def test_note_bookmark_and_position_survive_a_restart(tmp_path) -> None:
    session = TerminalSession([], env(tmp_path), size=(100, 30))
    try:
        session.wait_for("Hard Times for U.S. Forces", "Actors")
        session.press("j", "j", "j", "a")
        session.wait_for("Ctrl+S saves")
        session.type("Watch the ceasefire claims")
        session.wait_for("Watch the ceasefire claims")
        session.press("ctrl+s")
        session.wait_for("Note saved")
        session.press("b")
        session.wait_for("Bookmarked paragraph 3")
        before = session.text()
        session.press("space")  # read on: a page down
        session.wait_until(lambda s, b=before: s != b, "the page to scroll")
        top_line = article_lines(session)[0]
        assert "Hard Times" not in top_line
        session.press("q")
        assert session.wait_exit() == 0
    finally:
        session.close()

    session = TerminalSession([], env(tmp_path), size=(100, 30))
    try:
        # The reading position: the same line is at the top of the article as at exit.
        session.wait_for("Actors", top_line)
        session.wait_until(lambda s: article_lines(session)[0] == top_line,
                           "the reading position to be restored")
        session.press("k", "k")
        screen = session.wait_until(lambda s: re.search(r"[✦✎★]", s), "the gutter marks")
        assert "✦" in screen, "paragraph 3 should carry both a note and a bookmark mark"
        session.press("v")
        session.wait_for("Notes (1)", "Watch the ceasefire claims")
        session.press("escape")
        session.wait_until(lambda s: "Notes (1)" not in s, "the notes list to close")
        session.press("B")
        session.wait_for("Bookmarks (1)", "¶3")
        session.press("escape")
        session.wait_until(lambda s: "Bookmarks (1)" not in s, "the bookmarks list to close")
        session.press("q")
        assert session.wait_exit() == 0
    finally:
        session.close()
    assert os.stat(tmp_path / "data").st_mode & 0o777 == 0o700
