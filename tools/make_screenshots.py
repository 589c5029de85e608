"""Regenerate screenshots/ from the real reader on the bundled seed article.

Usage: python tools/make_screenshots.py [--png]
SVGs are always written; with --png each is also converted with rsvg-convert if present.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"

# name, size, entity to select (or None), keys pressed after that
SHOTS = [
    ("main-120x40", (120, 40), None, []),
    ("main-80x24", (80, 24), None, []),
    ("entity-selected-120x40", (120, 40), "Idlib", ["right_curly_bracket"]),
    ("help-120x40", (120, 40), None, ["question_mark"]),
]


async def take(name: str, size: tuple[int, int], select: str | None, keys: list[str],
               data_dir: Path) -> Path:
    from syrtui.documents import open_library
    from syrtui.index import LibraryIndex
    from syrtui.store import open_store
    from syrtui.ui.app import SyrtuiApp
    from syrtui.ui.keymap import Config
    from syrtui.ui.screens.main import MainScreen

    app = SyrtuiApp(open_library([str(ROOT / "seeds")]), store=open_store(data_dir),
                    index=LibraryIndex.open(data_dir / "cache"), config=Config())
    async with app.run_test(size=size) as pilot:
        for _ in range(200):
            main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
            if main is not None and main.index_ready:
                break
            await pilot.pause(0.05)
        if select is not None and main is not None:
            rows = main.entities.actors + main.entities.places
            main.select_entity(next(r.entity for r in rows if r.entity.name == select))
            main.article.focus()
        for key in keys:
            await pilot.press(key)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.5)
        path = OUT / f"{name}.svg"
        path.write_text(app.export_screenshot(title=f"syrtui — {name}"), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--png", action="store_true", help="also write PNG files")
    args = parser.parse_args()
    os.environ.pop("NO_COLOR", None)
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["SYRTUI_CONFIG_DIR"] = str(Path(scratch) / "config")
        for name, size, select, keys in SHOTS:
            path = asyncio.run(take(name, size, select, keys, Path(scratch) / name))
            print(path.relative_to(ROOT))
            converter = shutil.which("rsvg-convert")
            if args.png:
                if converter is None:
                    print("rsvg-convert not found: PNG skipped", file=sys.stderr)
                else:
                    subprocess.run([converter, "-o", str(path.with_suffix(".png")), str(path)],
                                   check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
