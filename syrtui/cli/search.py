"""`syrtui search QUERY [PATH...] [--json]`: full-text search of a library, via its index."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from syrtui.cli.output import report_problems
from syrtui.documents import LibraryError, clean_line, display_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="find documents containing words (title and text)",
        description="Search the documents under PATH (files or folders; none searches the "
        "bundled articles) for every word of QUERY. \"Quoted words\" form a phrase; a "
        "word ending in * matches as a prefix. The library is indexed first if needed. "
        "Exit status: 0 with results, 1 with none, 2 on bad usage.",
    )
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="show at most N documents (default 50)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.query.strip():
        print("syrtui search: the query is empty", file=sys.stderr)
        return 2
    if args.limit < 1:
        print("syrtui search: --limit must be at least 1", file=sys.stderr)
        return 2
    if "-" in args.paths:
        print("syrtui search: standard input cannot be searched; name files or folders",
              file=sys.stderr)
        return 2
    from syrtui.index import LibraryIndex

    index = LibraryIndex.open()
    try:
        if index.notice:
            print(f"syrtui: {index.notice}", file=sys.stderr)
        try:
            library = index.scan(args.paths)
        except LibraryError as exc:
            print(exc, file=sys.stderr)
            return 2
        if index.pending(library):
            index.update(library, progress=_progress_printer())
        report_problems(library)
        hits = index.search(args.query, limit=args.limit)
    finally:
        index.close()
    for number, hit in enumerate(hits):
        if args.json:
            record = {
                "path": display_path(hit.path),
                "id": hit.doc_id,
                "title": hit.title,
                "date": hit.date,
                "snippet": hit.snippet,
                "marks": [list(mark) for mark in hit.marks],
            }
            print(json.dumps(record, ensure_ascii=False))
            continue
        if number:
            print()
        print(clean_line(hit.title) + (f"  ({hit.date})" if hit.date else ""))
        print("  " + clean_line(display_path(hit.path)))
        print("  " + clean_line(hit.snippet))
    return 0 if hits else 1


def _progress_printer() -> Callable[[int, int], None] | None:
    """Progress on stderr, only when a person is watching it."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\rsyrtui: indexing {done}/{total} documents", end=end, file=sys.stderr,
              flush=True)

    return show
