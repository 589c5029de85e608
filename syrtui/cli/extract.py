"""`syrtui extract PATH... [--json]`: the actors and places found in each document."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from syrtui.documents import Document, LibraryError, UnreadableFile, open_library
from syrtui.entities import Mention, extract


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the actors and places found in documents",
        description="Print the actors and places found in each document under PATH (files "
        "or folders; '-' reads standard input; none uses the bundled articles): a table "
        "per document, or JSON Lines with --json.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per document: path, id, title, date, text, entities",
    )
    parser.set_defaults(func=run)


def group_mentions(mentions: list[Mention]) -> list[dict[str, Any]]:
    """Mentions grouped by entity, in order of first appearance."""
    groups: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        entity = mention.entity
        group = groups.get(entity.id)
        if group is None:
            group = {
                "name": entity.name,
                "kind": entity.kind,
                "type": entity.type,
                "faction": entity.faction,
                "id": entity.id,
                "origin": entity.origin,
                "mentions": [],
            }
            groups[entity.id] = group
        group["mentions"].append({"start": mention.start, "end": mention.end, "text": mention.text})
    return list(groups.values())


def document_record(path: str, document: Document) -> dict[str, Any]:
    """The JSON record of one document (see the data contract in the product brief)."""
    return {
        "path": path,
        "id": document.id,
        "title": document.title,
        "date": document.date,
        "text": document.text,
        "entities": group_mentions(extract(document.text)),
    }


def _table(record: dict[str, Any]) -> str:
    from syrtui.cli.output import format_table

    rows = [
        [e["name"], e["kind"], e["type"], e["faction"] or "-", len(e["mentions"])]
        for e in record["entities"]
    ]
    title = f"{record['title']} ({record['path']})"
    if not rows:
        return f"{title}\n  no actors or places found"
    return title + "\n" + format_table(["entity", "kind", "type", "faction", "mentions"], rows)


def run(args: argparse.Namespace) -> int:
    try:
        library = open_library(args.paths)
    except LibraryError as exc:
        print(exc, file=sys.stderr)
        return 2
    for problem in library.problems:
        print(f"syrtui: {problem.path}: {problem.reason}", file=sys.stderr)
    done = 0
    for entry in library.entries:
        try:
            document = entry.load()
        except (UnreadableFile, OSError) as exc:
            print(f"syrtui: {entry.display_path}: {exc}", file=sys.stderr)
            continue
        record = document_record(entry.display_path, document)
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            if done:
                print()
            print(_table(record))
        done += 1
    return 0 if done else 1
