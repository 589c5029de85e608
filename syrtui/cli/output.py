"""Plain-text helpers shared by the subcommands: tables and error lines."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from syrtui.documents import Library, clean_line


def report_problems(library: Library) -> None:
    """Tell the user, on stderr, about every file that was skipped."""
    for problem in library.problems:
        print(f"syrtui: {problem.path}: {problem.reason}", file=sys.stderr)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A left-aligned plain-text table; cells are made safe to print."""
    cells = [[clean_line("" if value is None else str(value)) for value in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], len(value))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
