"""The `syrtui` command: the reader by default, and subcommands for scripts.

Each subcommand lives in its own module with ``register(subparsers)``, which adds a
parser and sets ``func`` to a ``run(args) -> int`` function. A module is imported only
when its subcommand runs, so starting the reader loads none of them.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from syrtui import __version__

# What each subcommand does, for `syrtui --help`.
SUMMARIES: dict[str, str] = {
    "docs": "list documents: title, date, source, words, id",
    "extract": "print the actors and places of each document (--json: JSON Lines)",
    "search": "full-text search over a library",
    "notes": "list, export (md, json) and import notes",
    "bookmarks": "list bookmarks",
    "config": "where the config file (key map) is; write a starting one",
}

# Subcommand name -> module that registers it.
SUBCOMMANDS: dict[str, str] = {
    "docs": "syrtui.cli.docs",
    "extract": "syrtui.cli.extract",
    "notes": "syrtui.cli.notes",
    "bookmarks": "syrtui.cli.notes",
    "config": "syrtui.cli.config",
    "search": "syrtui.cli.search",
}


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The full parser: reader options plus every subcommand."""
    epilog = "subcommands (syrtui NAME --help for each):\n" + "\n".join(
        f"  {name:<10} {SUMMARIES.get(name, '')}" for name in SUBCOMMANDS
    ) + "\n\nkeys: press ? in the reader; notes live in $SYRTUI_DATA_DIR or the per-user " \
        "data directory\n"
    parser = _Parser(
        prog="syrtui",
        description="A terminal reader for conflict-news articles: actors and places "
        "highlighted, notes and bookmarks kept.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"syrtui {__version__}")
    add_common_options(parser)
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files (.txt, .md) or folders, searched recursively; '-' reads "
        "standard input; none opens the bundled articles",
    )
    return parser


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Options every command understands."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where notes and bookmarks are kept (default: $SYRTUI_DATA_DIR or the "
        "per-user data directory)",
    )


def build_subparser(name: str) -> argparse.ArgumentParser:
    """The parser of one subcommand (``syrtui NAME ...``)."""
    parser = _Parser(prog="syrtui")
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    importlib.import_module(SUBCOMMANDS[name]).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``syrtui`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = build_subparser(argv[0]).parse_args(argv)
            func = getattr(args, "func", None)
            if func is None:
                raise UsageError(f"syrtui {argv[0]}: a subcommand is needed (see "
                                 f"'syrtui {argv[0]} --help')")
            return func(args)
        args = build_parser().parse_args(argv)
        # Start-up makes many objects that live as long as the reader, and little garbage:
        # the cyclic collector's passes over them took about 35 ms before the first
        # screen. The reader collects once its first screen is drawn (SyrtuiApp).
        gc.disable()
        try:
            from syrtui.cli.reader import run_reader

            return run_reader(args)
        finally:
            gc.enable()
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
