"""Every hostile case opened in the real program under a pty: it starts, shows the
document or a clear notice, answers a key, quits with status 0, and no injected control
sequence reaches the terminal."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from pty_harness import TerminalSession

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))

import make_corpus  # noqa: E402
from make_corpus import ALL_CASES, FORBIDDEN_BYTES, Case  # noqa: E402

from syrtui.documents import open_library  # noqa: E402

pytestmark = pytest.mark.pty

AS_ROOT = os.geteuid() == 0
SIZE = (120, 40)
LONG = 240.0  # generous guard for the biggest cases on a busy machine (not a measurement)

# Text that must be on the screen once a case is open, beyond its marker.
ALSO_SHOWN = {
    "markup_title.txt": ["[@click=app.quit]click to quit[/]", "$text $accent"],
    "terminal_injection.txt": ["␛]0;pwned␇", "zzCLEAR␛[2J"],
    "bidi.txt": ["exe.txt", "Isolates left right"],
    "invalid_utf8.txt": ["not valid UTF-8"],
    "latin1.txt": ["Réfugiés à Alep", "Windows-1252"],
    "utf16_bom.txt": ["decoded from UTF-16"],
    "one_nul.txt": ["␀"],
    "crlf.txt": ["Second paragraph."],
    "lone_cr.txt": ["Second paragraph."],
}


def case(name: str) -> Case:
    return next(c for c in ALL_CASES if c.name == name)


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """The corpus in ``tmp_path``; the working folder is set there, so the reader shows
    short relative paths in its notices."""
    make_corpus.write_text_cases(tmp_path / "text")
    make_corpus.write_special_cases(tmp_path / "special")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def session_env(tmp_path: Path) -> dict[str, str]:
    return {"SYRTUI_DATA_DIR": str(tmp_path / "user" / "data"),
            "SYRTUI_CACHE_DIR": str(tmp_path / "user" / "cache"),
            "SYRTUI_CONFIG_DIR": str(tmp_path / "user" / "config")}


def toast_text(session: TerminalSession) -> str:
    """The text right of the last "▌" on each row (where notifications sit), joined."""
    parts = [line[line.rfind("▌") + 1:] for line in session.screen.display if "▌" in line]
    # A pane border may show to the right of a short toast line: it is not toast text.
    parts = [part.rstrip().rstrip("─▏│").rstrip() for part in parts]
    return " ".join(" ".join(parts).split())


def wait_for_notices(session: TerminalSession, paths: list[str]) -> None:
    """Wait until the skipped-file notice of every path in ``paths`` has been shown."""
    seen: set[str] = set()

    def all_seen(_screen: str) -> bool:
        shown = toast_text(session)
        seen.update(p for p in paths if f"Skipped {p}:" in shown)
        return seen == set(paths)

    session.wait_until(all_seen, f"notices for {paths}", timeout=60)


def footer(session: TerminalSession) -> str:
    return session.screen.display[-1]


def open_by_marker(session: TerminalSession, marker: str, timeout: float = 60) -> str:
    """Filter the document list by ``marker`` and open the first match, waiting for each
    step to show before the next key (keys sent at once could reach the wrong widget)."""
    session.press("1")
    session.wait_until(lambda s: "⏎ Open" in footer(session), "the document list", timeout)
    session.press("/")
    session.wait_until(lambda s: "⏎ Open" not in footer(session) and "Filter" in footer(session),
                       "the filter box", timeout)
    if "filter titles" not in session.text().splitlines()[2]:
        session.type("\x15")  # Ctrl+U empties the filter box (alone: keys sent with it
        session.wait_until(  # in one read could be lost)
            lambda s: "filter titles" in s.splitlines()[2], "an empty filter", timeout)
    session.type(marker)
    session.wait_until(lambda s: marker in s.splitlines()[2], "the filter text", timeout)
    session.press("enter")  # from the filter box to the list
    session.wait_until(lambda s: "⏎ Open" in footer(session), "the filtered list", timeout)
    session.press("enter")  # open the first row
    return session.wait_until(
        lambda s: marker in s.splitlines()[0] and "Next mention" in footer(session),
        f"{marker} to open with the article focused", timeout)


def help_and_quit(session: TerminalSession) -> None:
    session.press("?")
    session.wait_for("syrtui keys", "reader.quit")
    session.press("escape")
    session.wait_until(lambda s: "syrtui keys" not in s, "help to close")
    session.press("q")
    assert session.wait_exit() == 0


def assert_no_injection(raw: bytes) -> None:
    """None of the injected control sequences reached the terminal."""
    for needle in FORBIDDEN_BYTES:
        assert needle not in raw, f"{needle!r} reached the terminal"
    text = raw.decode("utf-8")  # strict: a stray C1 byte would fail here
    c1 = sorted({f"U+{ord(c):04X}" for c in text if "\x80" <= c <= "\x9f"})
    assert not c1, f"C1 controls reached the terminal: {c1}"
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text), "a bidi control was written"


def expected_problems(paths: list[str]) -> list[tuple[str, str]]:
    return [(p.path, p.reason) for p in open_library(paths).problems]


def test_small_text_cases_each_open_or_are_skipped_with_a_notice(corpus) -> None:
    cases = [c for c in ALL_CASES if c.name in make_corpus.TEXT_CASES]
    skipped = [c for c in cases if c.expect == "skipped"]
    problems = expected_problems(["text"])
    for item in skipped:
        path = os.path.join("text", item.name)
        assert any(p == path and item.shows in r for p, r in problems), (item, problems)
    assert len(problems) == len(skipped) <= 5  # the reader shows up to five notices
    session = TerminalSession(["text"], session_env(corpus), size=SIZE)
    try:
        session.wait_for("Documents", "zzTITLE")
        wait_for_notices(session, [p for p, _ in problems])
        for item in cases:
            if item.expect != "document":
                continue
            screen = open_by_marker(session, item.shows)
            for needle in ALSO_SHOWN.get(item.name, []):
                assert needle in screen, f"{item.name}: {needle!r} not shown\n{screen}"
            assert "\u202e" not in screen
        help_and_quit(session)
    finally:
        session.close()
    assert_no_injection(bytes(session.raw))


def test_file_system_cases_and_a_20_mb_file_do_not_hang_or_stop_the_library(corpus):
    big = make_corpus.write_twenty_mb(corpus / "big")
    paths = ["special", os.path.relpath(big, corpus)]
    problems = expected_problems(paths)
    reasons = {Path(p).name: r for p, r in problems}
    assert "too large" in reasons["twenty_mb.txt"]
    assert reasons["dangling.txt"] == "broken symbolic link"
    assert reasons["fifo.txt"] == "not a regular file (FIFO)"
    assert sum("symlink loop" in r for r in reasons.values()) >= 1
    if not AS_ROOT:
        assert reasons["unreadable.txt"] == "permission denied"
    session = TerminalSession(paths, session_env(corpus), size=SIZE)
    try:
        session.wait_for("Documents", "zzBADNAME")
        wait_for_notices(session, [p for p, _ in problems[:5]])
        if len(problems) > 5:
            session.wait_until(lambda s: f"{len(problems)} files skipped in all"
                               in toast_text(session), "the count of skipped files")
        screen = open_by_marker(session, "zzBADNAME")
        assert "Documents 1" in screen or "Documents 2" in screen
        if AS_ROOT:  # root reads a mode-000 file: it opens like any other
            open_by_marker(session, "zzSECRET")
        help_and_quit(session)
    finally:
        session.close()
    assert_no_injection(bytes(session.raw))


def test_a_file_name_with_markup_shows_literally_in_its_notice(tmp_path, monkeypatch):
    named = make_corpus.write_markup_named(tmp_path / "names")
    make_corpus.write_text_cases(tmp_path / "names", ("crlf.txt",))
    monkeypatch.chdir(tmp_path)
    session = TerminalSession(["names"], session_env(tmp_path), size=SIZE)
    try:
        session.wait_for("zzCRLF")
        shown = os.path.relpath(named, tmp_path)
        wait_for_notices(session, [shown])
        assert f"Skipped {shown}: empty file" in toast_text(session)
        help_and_quit(session)
    finally:
        session.close()
    assert_no_injection(bytes(session.raw))


def test_a_one_megabyte_line_opens_wraps_and_scrolls_to_its_end(tmp_path) -> None:
    path = make_corpus.write_big_line(tmp_path / "big")
    session = TerminalSession([str(path)], session_env(tmp_path), size=SIZE)
    try:
        session.wait_for("zzONEMB", "Aleppo Idlib", timeout=LONG)
        for line in session.screen.display:
            assert len(line) == SIZE[0]
        before = session.text()
        session.press("2", "G")
        session.wait_until(lambda s: s != before and "zzONEMB one line\n" not in s,
                           "the end of the line", timeout=LONG)
        help_and_quit(session)
    finally:
        session.close()
    assert_no_injection(bytes(session.raw))


def test_a_hundred_thousand_paragraphs_open_and_the_last_is_reachable(tmp_path) -> None:
    path = make_corpus.write_many_paragraphs(tmp_path / "big")
    session = TerminalSession([str(path)], session_env(tmp_path), size=SIZE)
    try:
        session.wait_for("zzMANY", "Paragraph 0 from Aleppo.", timeout=LONG)
        session.press("2", "G")
        session.wait_for("Paragraph 99999 from Aleppo.", timeout=LONG)
        help_and_quit(session)
    finally:
        session.close()


def test_an_imported_note_with_control_sequences_is_edited_without_them(tmp_path) -> None:
    from conftest import SEEDS

    from syrtui.store import open_store

    env = session_env(tmp_path)
    document = open_library([str(SEEDS)]).entries[0].load()
    exported = open_store(tmp_path / "elsewhere")  # a note written by someone else ...
    exported.add_note(document.id, "zzBODY \x1b]52;c;eA==\x07 zzCLEAR\x1b[2J \x9b2J "
                      "\u202eevil\u202c end", paragraph=0)
    text = exported.export_json()
    exported.close()
    store = open_store(env["SYRTUI_DATA_DIR"])  # ... and imported here
    assert store.import_json(text).added == 1
    store.close()
    session = TerminalSession([], env, size=SIZE)
    try:
        session.wait_for("Hard Times for U.S. Forces")
        session.press("v")
        session.wait_for("Notes (1)", "zzBODY ␛]52;")
        session.press("e")
        screen = session.wait_for("Edit note")
        session.wait_until(  # the editor's line, not the list row ("… ¶1: zzBODY …")
            lambda s: any("zzBODY ␛]52;" in line and "¶1" not in line for line in s.splitlines()),
            "the note body in the editor")
        session.press("escape")  # unchanged: closes without asking
        session.wait_for("Notes (1)")
        session.press("escape")
        session.wait_until(lambda s: "Notes (1)" not in s, "the notes list to close")
        help_and_quit(session)
    finally:
        session.close()
    assert "\u202e" not in screen
    assert_no_injection(bytes(session.raw))
