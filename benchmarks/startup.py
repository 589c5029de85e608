"""Time from exec to the reader's first complete screen, in a real pseudo-terminal.

    python benchmarks/startup.py [--runs 10] [--size 120x40] [--ready-text TEXT ...]
                                 [--timeout 30] [-- syrtui arguments]

Starts ``syrtui`` under a pty, renders its output with pyte, and stops the clock when
the screen shows every ready text (by default the seed article's title, the "Actors"
sidebar heading, an actor row of the sidebar, and the article's key hints on the bottom
line, so the whole screen must be drawn). Then it sends "q" and waits for the program to
exit. The floor, ``startup_floor.py``, is a minimal Textual app showing one line that
imports nothing else; it is measured the same way, the two taking turns run by run.
Prints the median of each and the ratio.

The clock stops at the arrival of the bytes that complete the screen: a thread drains the
pty as the program writes, and the (slow, pure-Python) emulator reads the chunks after.
Notes, bookmarks and the index go to a temporary folder, kept across runs, so the first
run is a cold start and the others warm.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import queue
import signal
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_READY_TEXTS = ["Hard Times for U.S. Forces", "Actors", "Syrian Arab Army",
                       "Next mention"]
FLOOR_SCRIPT = Path(__file__).resolve().parent / "startup_floor.py"
FLOOR_TEXT = "syrtui startup floor: one line"


class Run:
    """One program under a pty, its output rendered on a pyte screen."""

    def __init__(self, argv: list[str], columns: int, rows: int, env: dict[str, str]):
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.arrived = self.started  # when the last bytes read came in
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.exit_status: int | None = None
        self.screen.write_process_input = self._answer
        # A thread drains the pty as fast as the program writes, stamping each chunk with
        # its arrival; the emulator reads the chunks after. Without it, the emulator's
        # slowness would fill the pty buffer and hold the program's writes back.
        self.chunks: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
        self.drainer = threading.Thread(target=self._drain, daemon=True)
        self.drainer.start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            if not data:
                self.chunks.put(None)
                return
            self.chunks.put((time.perf_counter(), data))

    def _answer(self, data: str) -> None:
        """Reply to the terminal queries pyte understands (device attributes)."""
        with contextlib.suppress(OSError):
            os.write(self.fd, data.encode())

    def pump(self, wait: float) -> bool:
        """Read what the program wrote within ``wait`` seconds; False once it has gone."""
        try:
            chunk = self.chunks.get(timeout=wait)
        except queue.Empty:
            return True
        if chunk is None:
            self.chunks.put(None)  # stays gone for later calls
            return False
        self.arrived, data = chunk
        self.stream.feed(data)
        return True

    def shows(self, texts: list[str]) -> bool:
        page = "\n".join(self.screen.display)
        return all(text in page for text in texts)

    def wait_for(self, texts: list[str], timeout: float) -> float | None:
        """Seconds from exec to a screen showing every text, or None on timeout/exit."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if not self.pump(0.01):
                return None
            if self.shows(texts):
                return self.arrived - self.started
        return None

    def quit(self, timeout: float = 10.0) -> None:
        """Send "q", then wait for the exit (terminating the program if it lingers)."""
        with contextlib.suppress(OSError):
            os.write(self.fd, b"q")
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.pump(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
                break
        else:
            os.kill(self.pid, signal.SIGTERM)
            time.sleep(0.5)  # give it a moment to restore the terminal
            if os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        self.drainer.join(timeout=5)
        os.close(self.fd)


def measure_once(argv: list[str], texts: list[str], size: tuple[int, int],
                 env: dict[str, str], timeout: float, label: str, number: int) -> float | None:
    """Seconds from exec to a screen showing ``texts`` for one run, or None (reported)."""
    run = Run(argv, size[0], size[1], env)
    elapsed = run.wait_for(texts, timeout)
    screen_text = "\n".join(line.rstrip() for line in run.screen.display).strip()
    run.quit()
    if elapsed is None:
        print(f"{label}: run {number} never showed {texts!r} within {timeout} s; "
              f"last screen:\n{screen_text[:1500]}", file=sys.stderr)
        return None
    print(f"  {label} run {number}: {elapsed * 1000:.0f} ms", flush=True)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", default="120x40", help="terminal COLUMNSxROWS")
    parser.add_argument("--ready-text", action="append", dest="ready_texts", metavar="TEXT",
                        help="text the first complete screen shows (repeatable); default: "
                        + ", ".join(repr(t) for t in DEFAULT_READY_TEXTS))
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("syrtui_args", nargs="*", help="arguments passed to syrtui")
    args = parser.parse_args(argv)
    columns, rows = (int(part) for part in args.size.lower().split("x"))
    texts = args.ready_texts or DEFAULT_READY_TEXTS
    with tempfile.TemporaryDirectory(prefix="syrtui-startup-") as home:
        env = dict(os.environ)
        env.update({
            "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows),
            "SYRTUI_DATA_DIR": f"{home}/data", "SYRTUI_CACHE_DIR": f"{home}/cache",
            "SYRTUI_CONFIG_DIR": f"{home}/config",
        })
        env.pop("NO_COLOR", None)
        # As an installed program runs: its modules compiled once, then read from the
        # bytecode cache (the first, cold run writes it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        syrtui = [sys.executable, "-m", "syrtui", *args.syrtui_args]
        floor = [sys.executable, str(FLOOR_SCRIPT)]
        print(f"syrtui startup benchmark: {args.runs} runs each, {columns}x{rows}, "
              f"ready when the screen shows {texts!r}")
        # The two programs take turns, so that a machine that speeds up or slows down
        # during the runs weighs on both alike.
        reader_times: list[float] = []
        floor_times: list[float] = []
        for number in range(1, args.runs + 1):
            for argv_, ready, label, times in (
                (syrtui, texts, "syrtui", reader_times),
                (floor, [FLOOR_TEXT], "floor", floor_times),
            ):
                elapsed = measure_once(argv_, ready, (columns, rows), env, args.timeout,
                                       label, number)
                if elapsed is not None:
                    times.append(elapsed)
    if not reader_times or not floor_times:
        print("startup: no complete run to report", file=sys.stderr)
        return 1
    reader, bottom = statistics.median(reader_times), statistics.median(floor_times)
    print(f"\nsyrtui to first complete screen: median {reader * 1000:.0f} ms "
          f"(cold first run {reader_times[0] * 1000:.0f} ms, {len(reader_times)} runs)")
    print(f"floor (one-line Textual app):     median {bottom * 1000:.0f} ms "
          f"({len(floor_times)} runs)")
    print(f"ratio syrtui / floor:             {reader / bottom:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
