"""Entity extraction speed: throughput at 1 KB, 100 KB and 10 MB, gazetteer load time, and
a spaCy baseline (blank English pipeline + EntityRuler with the same gazetteer names).

The texts are built by recombining the paragraphs of the gold articles in tests/gold/.
Runs under the project virtualenv or a benchmark one; without spaCy the baseline is skipped.

usage: python benchmarks/extract_speed.py [--quick] [--profile]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD_DIR = ROOT / "tests" / "gold"
_MARK_RE = re.compile(r"\{\{[AP]\|(.*?)\}\}")

SIZES = {"1 KB": 1_000, "100 KB": 100_000, "10 MB": 10_000_000}


def gold_paragraphs() -> list[str]:
    """Every paragraph of the gold articles, markup removed."""
    paragraphs: list[str] = []
    for path in sorted(GOLD_DIR.glob("*.txt")):
        text = _MARK_RE.sub(r"\1", path.read_text(encoding="utf-8"))
        paragraphs += [p for p in text.split("\n\n") if p.strip()]
    return paragraphs


def build_text(size: int, paragraphs: list[str], seed: int = 7) -> str:
    """About ``size`` characters of shuffled gold paragraphs."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def load_time_fresh_process(use_cache: bool) -> float:
    """Seconds to load the gazetteer in a new interpreter (imports excluded).

    Without the cache the indexes are built from the data files; with it, a first run
    fills a temporary cache folder and the timed runs read it.
    """
    import os
    import tempfile

    code = (
        f"import time, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from syrtui.entities import load_gazetteer\n"
        f"t = time.perf_counter(); load_gazetteer(use_cache={use_cache}); "
        "print(time.perf_counter() - t)\n"
    )
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "SYRTUI_CACHE_DIR": cache}
        runs = []
        for _ in range(4 if use_cache else 3):
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env
            )
            runs.append(float(out.stdout.strip()))
    return min(runs[1:] if use_cache else runs)


def import_time_fresh_process() -> float:
    """Seconds to import syrtui.entities in a new interpreter."""
    code = (
        f"import time, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "t = time.perf_counter(); import syrtui.entities; print(time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return float(out.stdout.strip())


def throughput(func, text: str, min_seconds: float) -> tuple[float, int]:
    """MB/s of ``func(text)`` (best of repeated runs) and the result size."""
    best = float("inf")
    spent = 0.0
    result = None
    while spent < min_seconds or best == float("inf"):
        start = time.perf_counter()
        result = func(text)
        took = time.perf_counter() - start
        best = min(best, took)
        spent += took
    size_mb = len(text.encode("utf-8")) / 1_000_000
    return size_mb / best, len(result or [])


def gazetteer_surfaces(data_dir: Path) -> list[tuple[str, str]]:
    """(name or alias, ACTOR/PLACE) for every entry of the gazetteer data files."""
    import csv
    import json

    surfaces: list[tuple[str, str]] = []
    actors = data_dir / "actors.jsonl"
    if actors.exists():
        for line in actors.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                for name in [row["name"], *row.get("aliases", [])]:
                    surfaces.append((name, "ACTOR"))
    for file_name in ("places_curated.tsv", "places_geonames.tsv"):
        path = data_dir / file_name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                names = [row["name"], *(row.get("aliases") or "").split("|")]
                surfaces += [(name, "PLACE") for name in names if name]
    return sorted(set(surfaces))


def spacy_baseline(data_dir: Path):
    """A callable running spaCy's EntityRuler with the gazetteer's names, or None."""
    try:
        import spacy
    except ImportError:
        return None
    nlp = spacy.blank("en")
    nlp.max_length = 20_000_000
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(
        [{"label": label, "pattern": name} for name, label in gazetteer_surfaces(data_dir)]
    )
    return lambda text: list(nlp(text).ents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10 MB run")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the table, profile one extract() of a 2 MB text (100 KB with --quick)",
    )
    args = parser.parse_args(argv)

    from syrtui.entities import default_gazetteer, extract

    print(f"python {sys.version.split()[0]} ({sys.executable})")
    print(f"import syrtui.entities (fresh process): {import_time_fresh_process() * 1000:.0f} ms")
    cold = load_time_fresh_process(use_cache=False) * 1000
    warm = load_time_fresh_process(use_cache=True) * 1000
    print(f"gazetteer load, fresh process, best of 3: built from the data files {cold:.0f} ms,")
    print(f"  from the index cache {warm:.0f} ms")
    gazetteer = default_gazetteer()
    print(f"gazetteer: {len(gazetteer)} entities, version {gazetteer.version}")
    paragraphs = gold_paragraphs()
    from syrtui.entities.gazetteer import DATA_DIR

    baseline = spacy_baseline(DATA_DIR)
    if baseline is None:
        print("spaCy not installed: skipped")
    print()
    print(f"{'size':<8} {'syrtui MB/s':>12} {'mentions':>9} {'spaCy MB/s':>11} {'ratio':>7}")
    for label, size in SIZES.items():
        if args.quick and size > 1_000_000:
            continue
        text = build_text(size, paragraphs)
        min_seconds = 1.0 if size < 1_000_000 else 0.0
        ours, count = throughput(lambda t: extract(t, gazetteer), text, min_seconds)
        if baseline is not None:
            theirs, _ = throughput(baseline, text, min_seconds)
            print(f"{label:<8} {ours:12.2f} {count:9d} {theirs:11.2f} {ours / theirs:6.1f}x")
        else:
            print(f"{label:<8} {ours:12.2f} {count:9d} {'-':>11} {'-':>7}")
    if args.profile:
        profile_extract(build_text(100_000 if args.quick else 2_000_000, paragraphs), gazetteer)
    return 0


def profile_extract(text: str, gazetteer) -> None:
    """Print where one ``extract(text)`` spends its time, by function (own time first)."""
    import cProfile
    import pstats

    from syrtui.entities import extract

    extract(text, gazetteer)
    profiler = cProfile.Profile()
    profiler.runcall(extract, text, gazetteer)
    print()
    print(f"profile of extract() on {len(text) // 1000} KB:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    from syrtui.entities.matcher import _WORD_START_RE

    # The floor of any design that reads the capitalised words with Python's regex engine.
    scan_rate, _ = throughput(lambda t: list(_WORD_START_RE.finditer(t)), text, 1.0)
    print(f"one regex scan of the capitalised words alone: {1000 / scan_rate:.1f} ms per MB, "
          f"{100 * 10 / scan_rate:.0f}% of the time a 10 MB/s extract may take")


if __name__ == "__main__":
    raise SystemExit(main())
