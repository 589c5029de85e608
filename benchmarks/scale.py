"""How syrtui's library index scales: 100, 1,000 and 10,000 articles.

    python benchmarks/scale.py [--sizes 100,1000,10000] [--workers 1]

For each size: a synthetic corpus (made once, kept under benchmarks/out/), then, with a
fresh cache folder, the times to a usable list on first open, to a full index, to a
usable and up-to-date list on reopen, the peak memory of a process doing the full open
and index, the latency of "documents mentioning an entity" and of full-text search,
and of switching documents (load and extract one). Each figure is set against a
baseline measured in the same run: the same question answered without an index
(open_library, parse and extract every document in memory; a Python substring scan).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

SEARCH_QUERIES = ["Idlib", "bakery", '"car bomb"', "Qardaha water", "electri*"]
NAIVE_SEARCH_WORD = "bakery"
HEADER_BUDGET = 0.5  # seconds of header reads on a first open, as the reader asks for


def corpus(size: int, seed: int = 1) -> Path:
    """The corpus of ``size`` articles, written once and reused."""
    from make_corpus import write_corpus

    folder = OUT / f"corpus-{size}-seed{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, size, seed)
        stamp.write_text(str(size))
    return folder


def peak_rss_mb() -> float:
    """This process's resident-set high-water mark, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- child processes: each measures one thing in a clean interpreter ----------------------


def child_index(folder: str, cache: str, workers: int) -> dict:
    from syrtui.index import LibraryIndex

    start = time.perf_counter()
    index = LibraryIndex.open(Path(cache))
    index.scan([folder])
    all_headers = time.perf_counter() - start
    index.close()
    shutil.rmtree(cache)
    start = time.perf_counter()
    index = LibraryIndex.open(Path(cache))
    library = index.scan([folder], header_budget=HEADER_BUDGET)
    listed = time.perf_counter()
    index.update(library, workers=workers)
    done = time.perf_counter()
    pending = len(index.pending(library))
    index.close()
    return {"first_open": listed - start, "first_open_all_headers": all_headers,
            "full_index": done - listed, "entries": len(library.entries),
            "pending_after": pending, "peak_rss_mb": peak_rss_mb(),
            "worker_peak_rss_mb":
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def child_reopen(folder: str, cache: str) -> dict:
    from syrtui.index import LibraryIndex

    start = time.perf_counter()
    index = LibraryIndex.open(Path(cache))
    library = index.scan([folder])
    listed = time.perf_counter()
    up_to_date = index.is_up_to_date(library)
    checked = time.perf_counter()
    index.close()
    return {"list_ready": listed - start, "up_to_date": checked - start,
            "is_up_to_date": up_to_date, "peak_rss_mb": peak_rss_mb()}


def child_naive(folder: str) -> dict:
    """No index: open the library, then parse and extract every document in memory."""
    from syrtui.documents import open_library
    from syrtui.index import default_engine

    start = time.perf_counter()
    library = open_library([folder])
    listed = time.perf_counter()
    extract, _ = default_engine()
    by_entity: dict[str, list[tuple[str, int]]] = {}
    for entry in library.entries:
        document = entry.load()
        counts: dict[str, int] = {}
        for mention in extract(document.text):
            counts[mention.entity.id] = counts.get(mention.entity.id, 0) + 1
        for entity_id, count in counts.items():
            by_entity.setdefault(entity_id, []).append((entry.id, count))
    analysed = time.perf_counter()
    top = max(by_entity, key=lambda key: len(by_entity[key])) if by_entity else ""
    lookups = []
    for _ in range(20):
        begin = time.perf_counter()
        sorted(by_entity.get(top, []), key=lambda pair: -pair[1])
        lookups.append(time.perf_counter() - begin)
    return {"open": listed - start, "parse_extract_all": analysed - listed,
            "warm_lookup": statistics.median(lookups), "peak_rss_mb": peak_rss_mb()}


def run_child(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- measurements in this process on the built index --------------------------------------


def median_time(action, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        action()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def query_latencies(folder: Path, cache: Path) -> dict:
    from syrtui.index import LibraryIndex, default_engine

    index = LibraryIndex.open(cache)
    library = index.scan([str(folder)])
    entities = index.library_entities()
    picks = [entities[0], entities[len(entities) // 2], entities[-1]] if entities else []
    mentioning = {
        f"{e.entity_id} ({e.documents} docs)": median_time(
            lambda e=e: index.documents_mentioning(e.entity_id))
        for e in picks
    }
    searching = {query: median_time(lambda q=query: index.search(q)) for query in
                 SEARCH_QUERIES}
    extract, _ = default_engine()
    step = max(1, len(library.entries) // 50)
    switches = []
    for entry in library.entries[::step][:50]:
        fresh = type(entry)(entry.path, entry.id, entry.title, entry.date, entry.source,
                            entry.size, entry.mtime)
        begin = time.perf_counter()
        extract(fresh.load().text)
        switches.append(time.perf_counter() - begin)
    index.close()
    return {"mentioning": mentioning, "search": searching,
            "switch": statistics.median(switches)}


def naive_search(folder: Path) -> float:
    """A Python substring scan of every file, as a reader without an index would do."""
    from syrtui.documents.library import decode_bytes, find_article_files, read_article_bytes

    begin = time.perf_counter()
    files, _ = find_article_files([str(folder)])
    needle = NAIVE_SEARCH_WORD.casefold()
    found = 0
    for path in files:
        if needle in decode_bytes(read_article_bytes(path)).text.casefold():
            found += 1
    return time.perf_counter() - begin


# -- report ---------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def ratio(baseline: float, value: float) -> str:
    return f"{baseline / value:,.1f}x" if value > 0 else "-"


def measure(size: int, workers: int) -> dict:
    folder = corpus(size)
    with tempfile.TemporaryDirectory(prefix="syrtui-scale-") as cache:
        built = run_child("index", str(folder), cache, str(workers))
        reopened = run_child("reopen", str(folder), cache)
        queries = query_latencies(folder, Path(cache))
    naive = run_child("naive", str(folder))
    naive_find = naive_search(folder)
    return {"size": size, "built": built, "reopened": reopened, "queries": queries,
            "naive": naive, "naive_search": naive_find}


def print_table(result: dict) -> None:
    built, reopened, queries, naive = (result["built"], result["reopened"],
                                       result["queries"], result["naive"])
    worst_mentioning = max(queries["mentioning"].values(), default=0.0)
    worst_search = max(queries["search"].values(), default=0.0)
    cold_naive_mentioning = naive["open"] + naive["parse_extract_all"]
    rows = [
        ("first open (list ready)", built["first_open"], naive["open"]),
        ("first open, every header read", built["first_open_all_headers"], naive["open"]),
        ("full index", built["full_index"], naive["parse_extract_all"]),
        ("reopen (list ready)", reopened["list_ready"], naive["open"]),
        ("reopen (index up to date)", reopened["up_to_date"], cold_naive_mentioning),
        ("documents mentioning X (worst)", worst_mentioning, cold_naive_mentioning),
        ("full-text search (worst)", worst_search, result["naive_search"]),
        ("switch document (median)", queries["switch"], queries["switch"]),
    ]
    print(f"\n== {result['size']:,} articles ==")
    print(f"{'operation':<34}{'index':>12}{'baseline':>12}{'baseline/index':>16}")
    for label, value, baseline in rows:
        print(f"{label:<34}{ms(value):>12}{ms(baseline):>12}{ratio(baseline, value):>16}")
    print(f"{'peak memory, open + index':<34}{built['peak_rss_mb']:>9.0f} MB"
          f"{naive['peak_rss_mb']:>9.0f} MB"
          f"{ratio(naive['peak_rss_mb'], built['peak_rss_mb']):>16}")
    if built.get("worker_peak_rss_mb"):
        print(f"  each index worker process peaked at {built['worker_peak_rss_mb']:.0f} MB")
    print(f"  first open: header reads for {HEADER_BUDGET} s, then first lines until indexed")
    print("  baselines: open_library; parse + extract every document in memory (the cold "
          "cost of 'documents mentioning X' without an index; warm lookup afterwards "
          f"{ms(naive['warm_lookup'])}); substring scan of every file for search; "
          "switching is the same work either way")
    print("  documents mentioning: " + ", ".join(
        f"{key} {ms(value)}" for key, value in queries["mentioning"].items()))
    print("  search: " + ", ".join(
        f"{key} {ms(value)}" for key, value in queries["search"].items()))
    if built["pending_after"] or not reopened["is_up_to_date"]:
        print(f"  WARNING: index incomplete: {built['pending_after']} entries pending after "
              f"update; up to date on reopen: {reopened['is_up_to_date']} (a gazetteer "
              "that changed during the run also shows here)")


GROWTH = [
    ("first open", lambda r: r["built"]["first_open"]),
    ("full index", lambda r: r["built"]["full_index"]),
    ("reopen (up to date)", lambda r: r["reopened"]["up_to_date"]),
    ("mentioning (worst)", lambda r: max(r["queries"]["mentioning"].values(), default=0.0)),
    ("search (worst)", lambda r: max(r["queries"]["search"].values(), default=0.0)),
    ("switch document", lambda r: r["queries"]["switch"]),
    ("peak memory", lambda r: r["built"]["peak_rss_mb"] / 1000),
]


def print_growth(results: list[dict]) -> None:
    if len(results) < 2:
        return
    sizes = " -> ".join(f"{r['size']:,}" for r in results)
    print(f"\n== growth ({sizes} articles) ==")
    for label, pick in GROWTH:
        values = [pick(r) for r in results]
        steps = [ratio(b, a) for a, b in zip(values, values[1:], strict=False)]
        shown = " -> ".join(ms(v) if "memory" not in label else f"{v * 1000:.0f} MB"
                            for v in values)
        print(f"{label:<22}{shown}   (x{' , x'.join(s.rstrip('x') for s in steps)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes for parsing and extraction while indexing")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "index":
            print(json.dumps(child_index(rest[0], rest[1], int(rest[2]))))
        elif kind == "reopen":
            print(json.dumps(child_reopen(rest[0], rest[1])))
        else:
            print(json.dumps(child_naive(rest[0])))
        return 0
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    print(f"syrtui scale benchmark: sizes {sizes}, {os.cpu_count()} CPUs, "
          f"index workers {args.workers}")
    results = []
    for size in sizes:
        result = measure(size, args.workers)
        print_table(result)
        results.append(result)
        sys.stdout.flush()
    print_growth(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
