"""A separate process that writes to the store, for the fault tests.

    python tests/store_worker.py add DATA_DIR COUNT PREFIX   # COUNT 0: until killed
    python tests/store_worker.py hold DATA_DIR               # keep a write open until stdin

``add`` prints ``<note id> <prefix> <number>`` after each note's transaction has returned,
so every line printed names a note that must survive a kill. ``hold`` adds a note inside an
open transaction, prints ``locked``, waits for a line on standard input, then commits and
prints ``released``.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from syrtui.store import open_store, retry_when_busy  # noqa: E402

DOC_ID = "worker-document"


def note_body(prefix: str, number: int) -> str:
    """The text of note ``number`` written by worker ``prefix`` (long enough to span pages)."""
    return f"Note {number} from {prefix}: " + "Deir ez-Zor, Qamishli, Idlib. " * 20


def note_quote(prefix: str, number: int) -> str:
    """The quote of note ``number`` written by worker ``prefix``."""
    return f"quote {prefix}-{number}"


def add_notes(data_dir: str, count: int, prefix: str) -> int:
    store = open_store(data_dir)
    if store.read_only:
        print(f"read-only: {store.notice}", file=sys.stderr)
        return 1
    numbers = itertools.count(1) if count == 0 else range(1, count + 1)
    for number in numbers:
        note = retry_when_busy(
            lambda n=number: store.add_note(
                DOC_ID, note_body(prefix, n), paragraph=n % 7, quote=note_quote(prefix, n)
            ),
            attempts=10,
        )
        sys.stdout.write(f"{note.id} {prefix} {number}\n")
        sys.stdout.flush()
    store.close()
    return 0


def hold_lock(data_dir: str) -> int:
    store = open_store(data_dir)
    with store.batch():
        store.add_note(DOC_ID, "written while holding the lock")
        print("locked", flush=True)
        sys.stdin.readline()
    print("released", flush=True)
    store.close()
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "add":
        return add_notes(argv[1], int(argv[2]), argv[3])
    if len(argv) == 2 and argv[0] == "hold":
        return hold_lock(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
