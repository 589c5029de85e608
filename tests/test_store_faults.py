"""Faults: damaged databases, unwritable directories, a locked database, concurrent writers,
kill -9 in the middle of writing, and files that vanish while the program runs."""

from __future__ import annotations

import contextlib
import os
import random
import re
import selectors
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_worker import DOC_ID, note_body, note_quote

from syrtui.store import DB_NAME, StoreBusy, StoreReadOnly, open_store

WORKER = Path(__file__).with_name("store_worker.py")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ASIDE_NAME = re.compile(r"syrtui\.db\.corrupt-\d{8}-\d{6}(-\d+)?$")


def start_worker(*args: str, stdin: int | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
    )


def read_lines(process: subprocess.Popen[bytes], count: int, timeout: float = 60.0) -> list[str]:
    """Read stdout until ``count`` complete lines arrived (or the process ended)."""
    assert process.stdout is not None
    received = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while received.count(b"\n") < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            if not selector.select(remaining):
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            received += chunk
    return received.decode().splitlines(keepends=True)


def complete(lines: list[str]) -> list[str]:
    return [line.rstrip("\n") for line in lines if line.endswith("\n")]


def files_of(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


@contextlib.contextmanager
def unwritable(directory: Path) -> Iterator[None]:
    """Make ``directory`` unwritable for this process: chmod 500, or the immutable flag as
    root (for whom permission bits do not count)."""
    if not IS_ROOT:
        directory.chmod(0o500)
        try:
            yield
        finally:
            directory.chmod(0o700)
        return
    chattr = shutil.which("chattr")
    made = chattr and subprocess.run([chattr, "+i", str(directory)],
                                     capture_output=True).returncode == 0
    if not made:
        pytest.skip("running as root without a way to make a directory unwritable "
                    "(chattr +i unavailable); the path-under-a-file case covers root")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(directory)], check=True)


# -- damaged databases ----------------------------------------------------------------------------


def write_garbage(db: Path) -> None:
    db.write_bytes(random.Random(7).randbytes(8192))
    Path(f"{db}-wal").write_bytes(b"not a wal either")


def truncate(db: Path) -> None:
    with open_store(db.parent) as store:
        for number in range(200):
            store.add_note("d1", f"note {number} " + "text " * 100)
    size = db.stat().st_size
    assert size > 40_000
    with open(db, "r+b") as handle:
        handle.truncate(size // 2)


def write_text(db: Path) -> None:
    db.write_text("These are my notes, not a database.\n" * 50)


@pytest.mark.parametrize("damage", [write_garbage, truncate, write_text],
                         ids=["garbage", "truncated", "text-file"])
def test_a_damaged_database_is_kept_aside_and_a_fresh_one_started(tmp_path, damage):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    db = data / DB_NAME
    damage(db)
    damaged_bytes = db.read_bytes()
    had_wal = Path(f"{db}-wal").exists()

    store = open_store(data)

    assert not store.read_only
    assert store.notice is not None and "was damaged" in store.notice
    (aside,) = [name for name in files_of(data) if ASIDE_NAME.match(name)]
    assert f"It was kept as {data / aside}" in store.notice
    assert "a new, empty database was started" in store.notice
    assert (data / aside).read_bytes() == damaged_bytes
    if had_wal:
        assert (data / f"{aside}-wal").read_bytes() == b"not a wal either"
    note = store.add_note("d1", "a fresh start")
    store.close()
    with open_store(data) as again:
        assert again.notice is None
        assert again.notes() == [note]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_two_damaged_databases_in_the_same_second_do_not_overwrite_each_other(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for attempt in range(2):
        (data / DB_NAME).write_text(f"broken {attempt}\n" * 300)
        open_store(data).close()
    kept = sorted((data / name).read_text()[:8] for name in files_of(data)
                  if ASIDE_NAME.match(name))
    assert kept == ["broken 0", "broken 1"]


# -- unwritable data directory --------------------------------------------------------------------


def test_a_data_directory_under_a_file_gives_an_empty_read_only_session(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    store = open_store(blocker / "data")
    assert store.read_only
    assert f"The data directory {blocker / 'data'} cannot be written" in store.notice
    assert "Nothing can be saved in this session." in store.notice
    assert store.notes() == [] and store.bookmarks() == []
    with pytest.raises(StoreReadOnly, match="cannot be written"):
        store.add_note("d1", "lost?")
    with pytest.raises(StoreReadOnly):
        store.save_position("d1", 1, 0.5)
    # reattaching still answers, without saving
    assert store.reattach_notes("d1", ["text"]) == []
    assert blocker.read_text() == "x"


def test_an_unwritable_directory_shows_saved_notes_read_only(tmp_path):
    data = tmp_path / "data"
    with open_store(data) as store:
        store.add_note("d1", "saved before", paragraph=1, quote="Raqqa")
        store.toggle_bookmark("d1", 1)
    before = files_of(data)
    with unwritable(data):
        store = open_store(data)
        assert store.read_only
        assert f"The data directory {data} cannot be written" in store.notice
        assert "Saved notes are shown" in store.notice
        assert [n.body for n in store.notes()] == ["saved before"]
        assert len(store.bookmarks()) == 1
        with pytest.raises(StoreReadOnly, match=re.escape(str(data))):
            store.toggle_bookmark("d1", 2)
        store.close()
    assert files_of(data) == before
    with open_store(data) as again:
        assert not again.read_only and [n.body for n in again.notes()] == ["saved before"]


# -- a locked database --------------------------------------------------------------------------


def test_a_database_locked_by_another_process_gives_a_clear_busy_error(tmp_path):
    data = tmp_path / "data"
    with open_store(data) as store:
        first = store.add_note("d1", "committed before the lock")
    holder = start_worker("hold", str(data), stdin=subprocess.PIPE)
    try:
        assert complete(read_lines(holder, 1)) == ["locked"]
        store = open_store(data, busy_timeout=0.2)
        assert not store.read_only
        with pytest.raises(StoreBusy) as caught:
            store.add_note("d1", "refused while locked")
        assert "in use by another program" in str(caught.value)
        assert "not saved" in str(caught.value)
        assert [n.body for n in store.notes()] == ["committed before the lock"]
    finally:
        assert holder.stdin is not None
        holder.stdin.write(b"\n")
        holder.stdin.close()
    assert complete(read_lines(holder, 1)) == ["released"]
    assert holder.wait(timeout=60) == 0
    later = store.add_note("d1", "after the lock")
    bodies = {n.body for n in store.notes()}
    assert bodies == {"committed before the lock", "written while holding the lock",
                      "after the lock"}
    assert first.id < later.id
    store.close()


# -- concurrent writers --------------------------------------------------------------------------


@pytest.mark.slow
def test_two_processes_writing_a_thousand_notes_each_lose_nothing(tmp_path):
    data = tmp_path / "data"
    open_store(data).close()
    workers = [start_worker("add", str(data), "1000", prefix) for prefix in ("left", "right")]
    reports = {}
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err.decode()
        for line in out.decode().splitlines():
            note_id, prefix, number = line.split()
            reports[int(note_id)] = (prefix, int(number))
    assert len(reports) == 2000
    with open_store(data) as store:
        notes = {note.id: note for note in store.notes()}
    assert len(notes) == 2000
    for note_id, (prefix, number) in reports.items():
        assert notes[note_id].body == note_body(prefix, number)


# -- kill -9 while writing -------------------------------------------------------------------------


@pytest.mark.slow
def test_kill_9_never_loses_a_reported_note(tmp_path):
    data = tmp_path / "data"
    open_store(data).close()
    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    reported: dict[int, tuple[str, int]] = {}
    for run in range(50):
        worker = start_worker("add", str(data), "0", f"run{run}")
        lines = read_lines(worker, chance.randint(2, 25))
        if chance.random() < 0.5:  # sometimes let it run on a little, off any line boundary
            time.sleep(chance.uniform(0, 0.01))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=60)
        assert worker.stdout is not None
        lines += worker.stdout.read().decode().splitlines(keepends=True)
        finished = complete(lines)
        assert finished, f"run {run} (seed {seed}) reported nothing: {worker.stderr.read()!r}"
        for line in finished:
            note_id, prefix, number = line.split()
            reported[int(note_id)] = (prefix, int(number))
        worker.stdout.close()
        worker.stderr.close()

    with open_store(data) as store:
        assert store.notice is None, store.notice
        notes = {note.id: note for note in store.notes(DOC_ID)}
    missing = sorted(set(reported) - set(notes))
    assert not missing, f"seed {seed}: reported but missing {missing[:10]}"
    for note_id, (prefix, number) in reported.items():
        note = notes[note_id]
        assert note.body == note_body(prefix, number), f"seed {seed}: note {note_id} damaged"
        assert note.quote == note_quote(prefix, number)
        assert note.paragraph == number % 7


# -- files that vanish while running --------------------------------------------------------------


def test_data_directory_deleted_while_running_is_made_again_with_everything(tmp_path):
    data = tmp_path / "data"
    store = open_store(data)
    store.add_note("d1", "before the deletion")
    store.toggle_bookmark("d1", 2)
    shutil.rmtree(data)

    store.add_note("d1", "after the deletion")

    assert "disappeared while syrtui was running" in store.notice
    assert "made again with everything this session had saved" in store.notice
    assert not store.read_only
    store.close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / DB_NAME).stat().st_mode) == 0o600
    with open_store(data) as again:
        assert [n.body for n in again.notes()] == ["before the deletion", "after the deletion"]
        assert len(again.bookmarks()) == 1


def test_data_directory_deleted_before_closing_is_written_back_on_close(tmp_path):
    data = tmp_path / "data"
    store = open_store(data)
    store.add_note("d1", "only in this session now")
    shutil.rmtree(data)
    store.close()
    with open_store(data) as again:
        assert [n.body for n in again.notes()] == ["only in this session now"]


def test_database_replaced_by_a_directory_while_running(tmp_path):
    data = tmp_path / "data"
    elsewhere = tmp_path / "moved"
    elsewhere.mkdir()
    store = open_store(data)
    store.add_note("d1", "saved first")
    store.add_note("d1", "saved second")
    for suffix in ("", "-wal", "-shm"):
        source = data / f"{DB_NAME}{suffix}"
        if source.exists():
            source.rename(elsewhere / source.name)
    (data / DB_NAME).mkdir()

    with pytest.raises(StoreReadOnly) as caught:
        store.add_note("d1", "third")
    assert f"{data / DB_NAME} was replaced by a directory" in str(caught.value)
    assert store.read_only and "replaced by a directory" in store.notice
    assert [n.body for n in store.notes()] == ["saved first", "saved second"]
    store.close()
    assert (data / DB_NAME).is_dir() and list((data / DB_NAME).iterdir()) == []

    with open_store(data) as blocked:
        assert blocked.read_only
        assert f"{data / DB_NAME} is not a regular file" in blocked.notice
    with open_store(elsewhere) as moved:
        assert [n.body for n in moved.notes()] == ["saved first", "saved second"]
