"""Run the real `syrtui` program in a pseudo-terminal and read its screen with pyte."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence

import pyte

DEFAULT_TIMEOUT = 60.0

KEYS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "down": "\x1b[B",
    "up": "\x1b[A",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "space": " ",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pagedown": "\x1b[6~",
    "pageup": "\x1b[5~",
    "backspace": "\x7f",
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
    "ctrl+p": "\x10",
}


class TerminalSession:
    """A running `syrtui` under a pty: send keys, wait for text, read the screen."""

    def __init__(self, args: Sequence[str], env: dict[str, str], size=(120, 40)) -> None:
        self.columns, self.lines = size
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))
        full_env = {**os.environ, **env, "TERM": env.get("TERM", "xterm-256color"),
                    "COLUMNS": str(self.columns), "LINES": str(self.lines)}
        full_env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "syrtui", *args],
            stdin=slave, stdout=slave, stderr=slave, env=full_env,
            start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.master = master

    def _pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        if not data:
            return False
        self.raw.extend(data)
        self.stream.feed(data)
        return True

    def text(self) -> str:
        """The screen as text, one line per row."""
        return "\n".join(self.screen.display)

    def _settle(self, quiet: float = 0.05, longest: float = 1.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds: a frame is
        written in pieces, and a key sent in the middle of one would race the rest."""
        deadline = time.monotonic() + longest
        while time.monotonic() < deadline and self._pump(quiet):
            pass

    def wait_for(self, *needles: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Read output until every needle is on the settled screen; fail with the screen if
        not."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.text()
            if all(needle in screen for needle in needles):
                self._settle()
                screen = self.text()
                if all(needle in screen for needle in needles):
                    return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {needles!r}; screen:\n{screen}")
            if self.process.poll() is not None and not self._pump(0.05):
                raise AssertionError(
                    f"program exited ({self.process.returncode}) before showing {needles!r};"
                    f" screen:\n{screen}"
                )
            self._pump(0.05)

    def wait_until(self, predicate, description: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Read output until ``predicate`` holds for the settled screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.text()
            if predicate(screen):
                self._settle()
                screen = self.text()
                if predicate(screen):
                    return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {description}; screen:\n{screen}")
            self._pump(0.05)

    def press(self, *keys: str) -> None:
        """Send keys: names from KEYS, or single characters."""
        for key in keys:
            if key not in KEYS and len(key) != 1:
                raise ValueError(f"unknown key name {key!r}")
            os.write(self.master, KEYS.get(key, key).encode())
            self._pump(0.02)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"program did not exit; screen:\n{self.text()}")
            self._pump(0.05)
        while self._pump(0.01):
            pass
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)
