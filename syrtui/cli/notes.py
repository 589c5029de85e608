"""`syrtui notes ...` and `syrtui bookmarks ...`: list, export and import what readers saved.

Output is plain text. Errors are one line on standard error: exit status 2 for bad input
(usage, a missing or malformed file), 1 for a failure (database busy or read-only, a file
that cannot be written).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from syrtui.cli import add_common_options
from syrtui.documents.sanitize import clean_text
from syrtui.store import (
    ImportFormatError,
    Store,
    StoreError,
    open_store,
)

_FAILURE = 1
_BAD_INPUT = 2


class _BadInput(Exception):
    """Bad input from the user: exit status 2."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``notes`` and ``bookmarks`` parsers (once, however often this is called)."""
    if "notes" not in subparsers.choices:
        _register_notes(subparsers)
    if "bookmarks" not in subparsers.choices:
        _register_bookmarks(subparsers)


class _WithoutDefaults:
    """Adds options to a parser with no default, so an absent option sets nothing."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser

    def add_argument(self, *names: str, **options: Any) -> argparse.Action:
        options["default"] = argparse.SUPPRESS
        return self.parser.add_argument(*names, **options)


def _leaf_options(parser: argparse.ArgumentParser) -> None:
    # --data-dir may come before or after the action; a default on the action's parser
    # would overwrite a value given before it, so there it is set only when given.
    add_common_options(cast(argparse.ArgumentParser, _WithoutDefaults(parser)))


def _register_notes(subparsers: argparse._SubParsersAction) -> None:
    notes = subparsers.add_parser(
        "notes", help="list, export and import notes",
        description="List, export and import the notes kept by syrtui.",
    )
    add_common_options(notes)
    notes.set_defaults(func=_guarded(_notes_list), doc=None)
    actions = notes.add_subparsers(dest="action", metavar="ACTION",
                                   parser_class=type(notes))

    listing = actions.add_parser("list", help="list notes",
                                 description="List notes, grouped by document.")
    listing.add_argument("--doc", metavar="ID",
                         help="only the notes of this document (an id or its first characters)")
    _leaf_options(listing)
    listing.set_defaults(func=_guarded(_notes_list))

    export = actions.add_parser("export", help="export notes as Markdown or JSON",
                                description="Export notes as Markdown (readable) or JSON "
                                "(complete; 'syrtui notes import' reads it back).")
    export.add_argument("--format", choices=("md", "json"), default="md",
                        help="md (default) or json")
    export.add_argument("--output", "-o", metavar="FILE",
                        help="write to FILE (replaced atomically) instead of standard output")
    _leaf_options(export)
    export.set_defaults(func=_guarded(_notes_export))

    importing = actions.add_parser("import", help="import notes from a JSON export",
                                   description="Add the notes, bookmarks and positions of a "
                                   "JSON export; those already present are skipped.")
    importing.add_argument("file", metavar="FILE.json")
    _leaf_options(importing)
    importing.set_defaults(func=_guarded(_notes_import))


def _register_bookmarks(subparsers: argparse._SubParsersAction) -> None:
    bookmarks = subparsers.add_parser(
        "bookmarks", help="list bookmarks",
        description="List the bookmarks kept by syrtui.",
    )
    add_common_options(bookmarks)
    bookmarks.set_defaults(func=_guarded(_bookmarks_list))
    actions = bookmarks.add_subparsers(dest="action", metavar="ACTION",
                                       parser_class=type(bookmarks))
    listing = actions.add_parser("list", help="list bookmarks",
                                 description="List bookmarks, grouped by document.")
    _leaf_options(listing)
    listing.set_defaults(func=_guarded(_bookmarks_list))


# ---------------------------------------------------------------------------------------------


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn every error into one line on standard error and an exit status."""

    def run(args: argparse.Namespace) -> int:
        name = f"syrtui {getattr(args, 'command', None) or 'notes'}"
        try:
            return command(args)
        except _BadInput as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            return _BAD_INPUT
        except StoreError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            return _FAILURE
        except BrokenPipeError:
            raise
        except OSError as exc:
            print(f"{name}: {exc.strerror or exc}", file=sys.stderr)
            return _FAILURE
        except Exception as exc:  # a bug must still not print a traceback
            print(f"{name}: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
            return _FAILURE

    return run


def _open(args: argparse.Namespace) -> Store:
    store = open_store(getattr(args, "data_dir", None))
    if store.notice:
        for line in store.notice.splitlines():
            print(f"syrtui: {line}", file=sys.stderr)
    return store


def _when(stamp: str) -> str:
    return f"{stamp[:10]} {stamp[11:16]}" if len(stamp) >= 16 else stamp


def _short(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with terminal controls made visible."""
    flat = " ".join(clean_text(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _heading(store: Store, doc_id: str) -> str:
    record = store.document(doc_id)
    title = _short(record.title, 60) if record and record.title.strip() else "Untitled document"
    details = [part for part in (record.source, record.date) if part] if record else []
    suffix = f" ({', '.join(_short(part, 30) for part in details)})" if details else ""
    return f"{title}{suffix}  [{doc_id[:12]}]"


def _resolve_doc(store: Store, wanted: str) -> str:
    known = {note.doc_id for note in store.notes()} | {d.doc_id for d in store.documents()}
    if wanted in known:
        return wanted
    matches = sorted(doc_id for doc_id in known if doc_id.startswith(wanted))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise _BadInput(f"'{wanted}' matches {len(matches)} documents; give more characters")
    raise _BadInput(f"no notes or document with id '{wanted}'")


def _notes_list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        doc_id = _resolve_doc(store, args.doc) if getattr(args, "doc", None) else None
        notes = store.notes(doc_id)
        if not notes:
            print("No notes.")
            return 0
        current = None
        for note in notes:
            if note.doc_id != current:
                if current is not None:
                    print()
                print(_heading(store, note.doc_id))
                current = note.doc_id
            where = "whole document" if note.paragraph is None else f"¶{note.paragraph + 1}"
            extras = [where, _when(note.created)]
            if note.entity_name:
                extras.append(_short(note.entity_name, 30))
            if note.detached:
                extras.append("quote no longer found")
            print(f"  #{note.id}  " + "  ".join(extras))
            if note.quote:
                print(f"      > {_short(note.quote, 70)}")
            if note.body.strip():
                print(f"      {_short(note.body, 72)}")
        count = len(notes)
        print(f"\n{count} note{'s' if count != 1 else ''}.")
    return 0


def _bookmarks_list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        marks = store.bookmarks()
        if not marks:
            print("No bookmarks.")
            return 0
        current = None
        for mark in marks:
            if mark.doc_id != current:
                if current is not None:
                    print()
                print(_heading(store, mark.doc_id))
                current = mark.doc_id
            label = f"  {_short(mark.label, 50)}" if mark.label else ""
            print(f"  #{mark.id}  ¶{mark.paragraph + 1}  {_when(mark.created)}{label}")
        count = len(marks)
        print(f"\n{count} bookmark{'s' if count != 1 else ''}.")
    return 0


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a temporary file and a rename: all or nothing."""
    directory = target.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _notes_export(args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser() if args.output else None
    if output is not None:
        if output.is_dir():
            raise _BadInput(f"{output} is a directory; give a file name")
        if not output.parent.is_dir():
            raise _BadInput(f"the folder {output.parent} does not exist")
    with _open(args) as store:
        text = store.export_json() if args.format == "json" else store.export_markdown()
    if output is None:
        if sys.stdout.isatty():  # shown, not saved: keep controls off the terminal
            text = clean_text(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    write_atomically(output, text)
    print(f"Exported to {output}.", file=sys.stderr)
    return 0


def _notes_import(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _BadInput(f"no such file: {source}") from None
    except IsADirectoryError:
        raise _BadInput(f"{source} is a directory, not a JSON export") from None
    except UnicodeDecodeError:
        raise _BadInput(f"{source} is not UTF-8 text, so not a JSON export") from None
    except OSError as exc:
        raise _BadInput(f"cannot read {source}: {exc.strerror or exc}") from None
    with _open(args) as store:
        try:
            result = store.import_json(text)
        except ImportFormatError as exc:
            raise _BadInput(f"{source}: {exc}") from None
    print(
        f"Imported {result.added} note{'s' if result.added != 1 else ''}, "
        f"{result.bookmarks_added} bookmark{'s' if result.bookmarks_added != 1 else ''}; "
        f"skipped {result.skipped} already present."
    )
    return 0
