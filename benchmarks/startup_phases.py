"""Where the reader's start-up time goes, beyond what a one-line Textual app pays.

    python benchmarks/startup_phases.py [--runs 5]

Each run is a fresh interpreter with the bytecode cache on, as ``startup.py`` runs the
programs. It times, in order: importing Textual (the floor pays this too), importing the
entity engine, importing the rest of syrtui's reader modules, loading the gazetteer (from
its cache after the first run), parsing and extracting the seed article as the reader
does, and starting the app headless (Textual's test driver, 120x40) until its screen is
settled, next to the same for the floor app. The last two are not the pty figures of
``startup.py``: they include settling after the first frame and leave out the terminal.
Prints the median of each phase in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_306eaadbf64781bc.txt"

_CHILD = r"""
import asyncio, json, sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
laps = {{}}
t = time.perf_counter()
import textual.app, textual.widgets
laps["import Textual"] = time.perf_counter() - t
t = time.perf_counter()
import syrtui.entities
laps["import the entity engine"] = time.perf_counter() - t
t = time.perf_counter()
import syrtui.cli.reader, syrtui.ui.app
laps["import the rest of syrtui"] = time.perf_counter() - t
t = time.perf_counter()
gazetteer = syrtui.entities.default_gazetteer()
laps["load the gazetteer"] = time.perf_counter() - t
t = time.perf_counter()
from syrtui.documents.library import parse_plain_document  # as the reader loads a file
document = parse_plain_document(open({seed!r}, encoding="utf-8").read())
syrtui.entities.extract(document.text, gazetteer)
laps["parse and extract the seed"] = time.perf_counter() - t

from syrtui.index import LibraryIndex
from syrtui.ui.app import SyrtuiApp
from startup_floor import Floor

async def settled(app):
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return time.perf_counter() - start

index = LibraryIndex.open()
library = index.scan([{seeds!r}], header_budget=0.5)
laps["floor app to a settled screen"] = asyncio.run(settled(Floor()))
laps["syrtui app to a settled screen"] = asyncio.run(settled(SyrtuiApp(library, index=index)))
print(json.dumps(laps))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    code = _CHILD.format(
        root=str(ROOT), bench=str(ROOT / "benchmarks"), seed=str(SEED),
        seeds=str(ROOT / "seeds"),
    )
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="syrtui-phases-") as home:
        env = dict(os.environ, SYRTUI_DATA_DIR=f"{home}/data", SYRTUI_CACHE_DIR=f"{home}/cache",
                   SYRTUI_CONFIG_DIR=f"{home}/config")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _ in range(args.runs + 1):  # the first run fills the caches and is left out
            done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                  text=True, env=env, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"start-up phases, median of {args.runs} warm runs (ms):")
    for phase in runs[0]:
        median = statistics.median(run[phase] for run in runs[1:]) * 1000
        print(f"  {phase:<34} {median:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
