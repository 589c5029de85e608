"""Reader latency on a long article: open it, select an entity, jump to the next mention.

"open" is the time until the article's text is drawn; a long article's entities are found
by a background worker, and "entities ready" is the time until they are highlighted.

Usage: .venv/bin/python benchmarks/ui_latency.py [--words 50000] [--repeat 5]

The article is built from the hand-marked test articles (markers removed), repeated until
it has the requested number of words. Each action is timed inside the running reader
(headless, 120x40), including drawing every visible line of the article pane, and the
median of the repeats is printed. Target: <= 50 ms each.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
MARK = re.compile(r"\{\{[AP]\|(.*?)\}\}")


def build_article(words: int) -> str:
    """A long article: a title, then the gold paragraphs again and again."""
    paragraphs: list[str] = []
    for path in sorted(GOLD.glob("*.txt")):
        text = MARK.sub(r"\1", path.read_text(encoding="utf-8"))
        paragraphs.extend(p.strip() for p in text.split("\n\n")[1:] if p.strip())
    body: list[str] = []
    count = 0
    while count < words:
        for paragraph in paragraphs:
            body.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return "A long report on the war in Syria\n\nBy Benchmark Desk\n\n" + "\n\n".join(body)


def draw_visible(article) -> None:
    """Render every visible line, as a screen refresh would."""
    for y in range(article.scrollable_content_region.height):
        article.render_line(y)


async def measure(path: Path, repeat: int) -> dict[str, list[float]]:
    from syrtui.documents import open_library
    from syrtui.store import open_store
    from syrtui.ui.app import SyrtuiApp
    from syrtui.ui.keymap import Config
    from syrtui.ui.screens.main import MainScreen

    timings: dict[str, list[float]] = {
        "open": [], "entities ready": [], "select entity": [], "next mention": []
    }
    with tempfile.TemporaryDirectory() as data:
        app = SyrtuiApp(open_library([str(path)]), store=open_store(data), config=Config())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            main = next(s for s in app.screen_stack if isinstance(s, MainScreen))
            article = main.article
            for _ in range(repeat):
                entry = app.library.entries[0]
                entry._document = None  # parse again: a cold open of the file
                main._mention_cache.clear()
                start = time.perf_counter()
                main.open_entry(entry, record=False)
                draw_visible(article)
                timings["open"].append(time.perf_counter() - start)
                while main.extracting:  # long documents: entities arrive from a worker
                    await pilot.pause(0.001)
                draw_visible(article)
                timings["entities ready"].append(time.perf_counter() - start)

                row = main.entities.places[0] if main.entities.places else main.entities.actors[0]
                start = time.perf_counter()
                main.select_entity(row.entity)
                draw_visible(article)
                timings["select entity"].append(time.perf_counter() - start)

                start = time.perf_counter()
                article.action_entity_mention(1)
                draw_visible(article)
                timings["next mention"].append(time.perf_counter() - start)
                await pilot.pause()
            mentions = len(article.mentions)
            selected = len(article.entity_mentions(main.selected.id))
    print(f"article: {len(path.read_text().split()):,} words, {path.stat().st_size / 1e3:.0f} KB, "
          f"{mentions:,} mentions; selected entity has {selected:,}")
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_text(build_article(args.words), encoding="utf-8")
        timings = asyncio.run(measure(path, args.repeat))
    print(f"{'action':<16} {'median ms':>10} {'max ms':>8}  target")
    for action, values in timings.items():
        target = "(background)" if action == "entities ready" else "<= 50 ms"
        print(f"{action:<16} {statistics.median(values) * 1e3:>10.1f} "
              f"{max(values) * 1e3:>8.1f}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
