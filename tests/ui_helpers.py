"""Helpers for driving the reader in tests."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS

from syrtui.documents import open_library
from syrtui.index import LibraryIndex
from syrtui.store import open_store
from syrtui.ui.app import SyrtuiApp
from syrtui.ui.keymap import Config
from syrtui.ui.screens.main import MainScreen


def make_app(paths: list[str] | None = None, data_dir: Path | None = None,
             config: Config | None = None, with_index: bool = True) -> SyrtuiApp:
    """The reader on ``paths`` (the seeds by default) with an isolated store."""
    library = open_library(paths or [str(SEEDS)])
    store = open_store(data_dir) if data_dir else None
    index = LibraryIndex.open() if with_index else None
    return SyrtuiApp(library, store=store, index=index, config=config or Config())


def main_screen(app: SyrtuiApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


async def wait_for_index(pilot, app: SyrtuiApp, timeout: float = 60.0) -> None:
    """Wait (without a fixed sleep) until the background index has finished."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    main = None
    while loop.time() < deadline:
        main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None and main.index_ready:
            return
        await pilot.pause(0.05)
    raise AssertionError("the library index did not finish")


def screen_text(app: SyrtuiApp) -> str:
    """Everything on the screen as plain text, one line per row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
