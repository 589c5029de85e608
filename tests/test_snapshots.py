"""The reader's look, pinned as SVG snapshots (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import main_screen, make_app, wait_for_index

HOSTILE = (
    "Report on [bold]Idlib[/] [@click=app.quit]clashes[/]\n\n"
    "Fighters near Saraqib [ @click=app.quit]x[/] and [$accent @click=app.bell]y[/] "
    "a lone [/] and [link=https://example.org]link[/link] "
    "\x1b[2J\x1b]0;pwned\x07 \x1b]52;c;SGVsbG8=\x07 \u202eevil\u202c end.\n"
)


def select(name: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_for_index(pilot, app)
        main = main_screen(app)
        row = next(r for r in main.entities.actors + main.entities.places
                   if r.entity.name == name)
        main.select_entity(row.entity)
        await pilot.pause()

    return run_before


async def ready(pilot) -> None:
    await wait_for_index(pilot, pilot.app)
    await pilot.pause()


def test_main_view_120x40(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(data_dir=tmp_path / "d"), terminal_size=(120, 40),
                        run_before=ready)


def test_main_view_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(data_dir=tmp_path / "d"), terminal_size=(80, 24),
                        run_before=ready)


def test_entity_selected_120x40(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(data_dir=tmp_path / "d"), terminal_size=(120, 40),
                        run_before=select("Idlib"))


def test_help_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(data_dir=tmp_path / "d"), terminal_size=(80, 24),
                        run_before=ready, press=["question_mark"])


def test_no_color_entity_selected_120x40(snap_compare, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_dir=tmp_path / "d")
    assert app.no_color
    assert snap_compare(app, terminal_size=(120, 40), run_before=select("Syrian Arab Army"))


def test_hostile_article_80x24(snap_compare, tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    assert snap_compare(make_app([str(article)], data_dir=tmp_path / "d"),
                        terminal_size=(80, 24), run_before=ready)
