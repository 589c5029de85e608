"""Start the reader (the Textual application) from parsed command-line arguments."""

from __future__ import annotations

import argparse
import gc
import sys

from syrtui.cli.output import report_problems
from syrtui.documents import LibraryError
from syrtui.index import LibraryIndex


def run_reader(args: argparse.Namespace) -> int:
    """Open the library named on the command line and run the reader until it quits."""
    if "-" in args.paths and sys.stdin.isatty():
        print("syrtui: '-' reads an article from standard input, but none is piped in",
              file=sys.stderr)
        return 2
    index = LibraryIndex.open()
    try:
        library = index.scan(args.paths, header_budget=0.5)
    except LibraryError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not sys.stdout.isatty():
        print("syrtui: the reader needs a terminal; use 'syrtui docs' or 'syrtui extract' "
              "in scripts", file=sys.stderr)
        return 2
    if not library.entries:
        report_problems(library)
        print("syrtui: no readable articles found", file=sys.stderr)
        return 1
    if "-" in args.paths:
        _reattach_terminal()
    from syrtui.ui.app import SyrtuiApp

    app = SyrtuiApp(library, data_dir=args.data_dir, index=index,
                    collector_paused=not gc.isenabled())
    app.run()
    return app.return_code or 0


def _reattach_terminal() -> None:
    """After reading an article from a pipe, read keys from the terminal instead."""
    try:
        tty = open("/dev/tty")  # noqa: SIM115 - kept open for the app's lifetime
    except OSError:
        return
    import os

    os.dup2(tty.fileno(), 0)
