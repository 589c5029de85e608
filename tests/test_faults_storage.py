"""Storage faults seen from the reader: a clear message, the session goes on, nothing
already saved is lost, and a note that could not be saved stays in the editor."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

from conftest import SEEDS
from ui_helpers import main_screen, make_app, screen_text

from syrtui.documents import open_library
from syrtui.index import INDEX_FILE_NAME
from syrtui.paths import cache_dir
from syrtui.store import DB_NAME, open_store
from syrtui.ui.app import SyrtuiApp
from syrtui.ui.keymap import Config
from syrtui.ui.screens.dialogs import NoteEditor
from syrtui.ui.screens.main import MainScreen

SIZE = (120, 40)


class FailingWrites:
    """A connection stand-in: passes everything to ``real`` except writes while ``error``
    is set, which raise it (the store's boundary with SQLite)."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real
        self.error: sqlite3.Error | None = None

    def execute(self, sql: str, *args):
        if self.error is not None and sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            raise self.error
        return self.real.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def messages(app: SyrtuiApp) -> list[str]:
    """The notifications the reader has shown, oldest first."""
    return [n.message for n in app._notifications]


def saved_note(data: Path, body: str = "Saved before the fault") -> None:
    store = open_store(data)
    document = open_library([str(SEEDS)]).entries[0].load()
    store.add_note(document.id, body, paragraph=0)
    store.close()


async def write_note(pilot, text: str) -> None:
    await pilot.press("j", "a")
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*text, "ctrl+s")
    await pilot.pause()


async def test_disk_full_keeps_the_note_in_the_editor_and_loses_nothing(tmp_path) -> None:
    data = tmp_path / "data"
    saved_note(data)
    app = make_app(data_dir=data, with_index=False)
    failing = FailingWrites(app.store._connection)
    app.store._connection = failing
    failing.error = sqlite3.OperationalError("database or disk is full")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write_note(pilot, "Typed while the disk was full")
        assert any("not saved" in m and "disk is full" in m for m in messages(app))
        assert isinstance(app.screen, NoteEditor), "the editor must stay open"
        assert "Typed while the disk was full" in screen_text(app)
        failing.error = None  # space freed: Ctrl+S again saves the same text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Note saved." in messages(app)
    store = open_store(data)
    assert sorted(n.body for n in store.notes()) == ["Saved before the fault",
                                                     "Typed while the disk was full"]


async def test_disk_full_on_a_bookmark_says_so_and_the_session_goes_on(tmp_path) -> None:
    data = tmp_path / "data"
    saved_note(data)
    app = make_app(data_dir=data, with_index=False)
    failing = FailingWrites(app.store._connection)
    app.store._connection = failing
    failing.error = sqlite3.OperationalError("database or disk is full")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert any("bookmark was not saved" in m and "disk is full" in m
                   for m in messages(app))
        await pilot.press("v")  # the saved note is still listed
        await pilot.pause()
        assert "Saved before the fault" in screen_text(app)
    assert [n.body for n in open_store(data).notes()] == ["Saved before the fault"]


async def test_a_database_locked_past_the_busy_timeout_keeps_the_note(tmp_path) -> None:
    data = tmp_path / "data"
    saved_note(data)
    store = open_store(data, busy_timeout=0.2)
    app = SyrtuiApp(open_library([str(SEEDS)]), store=store, config=Config())
    holder = sqlite3.connect(data / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await write_note(pilot, "Written while another program held the file")
            assert any("in use by another program" in m for m in messages(app))
            assert isinstance(app.screen, NoteEditor)
            holder.execute("COMMIT")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
    finally:
        holder.close()
    assert sorted(n.body for n in open_store(data).notes()) == [
        "Saved before the fault", "Written while another program held the file"]


async def test_data_directory_deleted_while_reading_is_made_again(tmp_path) -> None:
    data = tmp_path / "data"
    saved_note(data)
    app = make_app(data_dir=data, with_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shutil.rmtree(data)
        await write_note(pilot, "After the folder vanished")
        assert isinstance(app.screen, MainScreen)
        assert "Note saved." in messages(app)
    assert stat.S_IMODE((data).stat().st_mode) == 0o700
    assert stat.S_IMODE((data / DB_NAME).stat().st_mode) == 0o600
    assert sorted(n.body for n in open_store(data).notes()) == [
        "After the folder vanished", "Saved before the fault"]


async def test_database_replaced_by_a_directory_gives_a_read_only_session(tmp_path) -> None:
    data = tmp_path / "data"
    saved_note(data)
    app = make_app(data_dir=data, with_index=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (data / DB_NAME).unlink()
        (data / DB_NAME).mkdir()
        await write_note(pilot, "Kept on screen")
        assert any("replaced by a directory" in m for m in messages(app))
        assert isinstance(app.screen, NoteEditor)
        assert "Kept on screen" in screen_text(app)
        await pilot.press("escape", "y")  # discard, knowingly
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert "Saved before the fault" in screen_text(app), "saved notes stay readable"
        await pilot.press("escape", "b")
        await pilot.pause()
        assert any("cannot be saved" in m.lower() or "nothing new" in m.lower()
                   for m in messages(app)[-1:])
        assert app.is_running


async def test_a_corrupt_index_cache_gives_a_notice_and_the_reader_opens(tmp_path) -> None:
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    (cache / INDEX_FILE_NAME).write_bytes(b"this is not a database\x00" * 200)
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("in-memory index" in m for m in messages(app)), messages(app)
        assert main_screen(app).document is not None
        assert "Hard Times for U.S. Forces" in screen_text(app)


async def test_an_unwritable_index_cache_gives_a_notice_and_the_reader_opens(tmp_path) -> None:
    cache = cache_dir()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("a file where the cache folder should be")
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("in-memory index" in m for m in messages(app)), messages(app)
        assert "Hard Times for U.S. Forces" in screen_text(app)
