"""`syrtui docs PATH... [--json]`: list the parsed documents of a library."""

from __future__ import annotations

import argparse
import json
import sys

from syrtui.cli.output import format_table, report_problems
from syrtui.documents import LibraryError, open_library


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "docs",
        help="list documents with title, date, source, words and id",
        description="List the documents found under PATH (files or folders; '-' reads "
        "standard input; none lists the bundled articles).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        library = open_library(args.paths)
    except LibraryError as exc:
        print(exc, file=sys.stderr)
        return 2
    report_problems(library)
    rows = []
    for entry in library.entries:
        document = entry.load()
        record = {
            "path": entry.display_path,
            "id": document.id,
            "title": document.title,
            "date": document.date,
            "source": document.source,
            "byline": document.byline,
            "words": document.word_count,
            "paragraphs": len(document.paragraphs),
            "metadata": document.metadata,
            "notices": document.notices + entry.notices,
        }
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            rows.append([record["title"], record["date"] or "-", record["source"] or "-",
                         record["words"], record["id"]])
    if not args.json and rows:
        print(format_table(["title", "date", "source", "words", "id"], rows))
    return 0 if library.entries else 1
