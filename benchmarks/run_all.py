"""Run every benchmark once in a short form, one after the other, and print their output.

    python benchmarks/run_all.py

Each script runs in its own process with the interpreter running this one. The long
forms (10,000 articles, the 10 MB text) are left out; run those scripts by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SHORT_FORMS: list[list[str]] = [
    ["accuracy.py"],
    ["extract_speed.py", "--quick"],
    ["startup.py", "--runs", "5"],
    ["startup_phases.py", "--runs", "3"],
    ["ui_latency.py", "--repeat", "3"],
    ["scale.py", "--sizes", "100,1000"],
]


def main() -> int:
    failed = []
    for script, *options in SHORT_FORMS:
        print(f"\n=== {script} {' '.join(options)}".rstrip(), flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *options], cwd=HERE.parent)
        if done.returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
