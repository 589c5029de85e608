"""`syrtui notes ...` and `syrtui bookmarks ...` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from syrtui.cli import main
from syrtui.store import DB_NAME, open_store

SEED_ID = "306eaadbf64781bc"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    with open_store(directory) as store:
        store.remember_document(SEED_ID, "Syria: Turkey moves into Idlib", "South Front",
                                "2020-04-09", "seeds/000.txt")
        store.add_note(SEED_ID, "Who shelled whom?", paragraph=2,
                       quote="Turkish-backed militants shelled the area",
                       entity_name="Turkish-backed Free Syrian Army")
        store.add_note("ffff0000aaaa1111", "A note on a document that is gone")
        store.toggle_bookmark(SEED_ID, 5, label="ceasefire")
    return directory


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_notes_list_shows_each_note_under_its_document(capsys, data_dir):
    code, out, err = run(capsys, "notes", "list", "--data-dir", str(data_dir))
    assert code == 0 and err == ""
    assert "Syria: Turkey moves into Idlib (South Front, 2020-04-09)" in out
    assert "¶3" in out  # paragraph index 2, counted from 1 for people
    assert "> Turkish-backed militants shelled the area" in out
    assert "Who shelled whom?" in out
    assert "Untitled document" in out and "A note on a document that is gone" in out
    assert out.rstrip().endswith("2 notes.")


def test_notes_list_for_one_document_by_id_prefix(capsys, data_dir):
    code, out, _ = run(capsys, "notes", "--data-dir", str(data_dir), "list", "--doc", "306e")
    assert code == 0
    assert "Who shelled whom?" in out and "gone" not in out


def test_notes_list_for_an_unknown_document_is_bad_input(capsys, data_dir):
    code, out, err = run(capsys, "notes", "list", "--doc", "zzz", "--data-dir", str(data_dir))
    assert code == 2 and out == ""
    assert err == "syrtui notes: no notes or document with id 'zzz'\n"


def test_bare_notes_and_an_empty_store(capsys, tmp_path):
    code, out, _ = run(capsys, "notes", "--data-dir", str(tmp_path / "empty"))
    assert (code, out) == (0, "No notes.\n")


def test_export_markdown_to_standard_output(capsys, data_dir):
    code, out, _ = run(capsys, "notes", "export", "--format", "md", "--data-dir", str(data_dir))
    assert code == 0
    assert out.startswith("# syrtui notes")
    assert "## Syria: Turkey moves into Idlib" in out
    assert "> Turkish-backed militants shelled the area" in out


def test_export_json_to_a_file_then_import_elsewhere(capsys, data_dir, tmp_path):
    target = tmp_path / "out" / "notes.json"
    target.parent.mkdir()
    target.write_text("an older export")
    code, out, err = run(capsys, "notes", "export", "--format", "json", "--output",
                         str(target), "--data-dir", str(data_dir))
    assert code == 0 and out == ""
    assert f"Exported to {target}." in err
    assert [p.name for p in target.parent.iterdir()] == ["notes.json"]  # no temp file left
    with open_store(data_dir) as store:
        assert target.read_text() == store.export_json()

    other = tmp_path / "other"
    code, out, _ = run(capsys, "notes", "import", str(target), "--data-dir", str(other))
    assert code == 0
    assert out == "Imported 2 notes, 1 bookmark; skipped 0 already present.\n"
    code, out, _ = run(capsys, "notes", "import", str(target), "--data-dir", str(other))
    assert out == "Imported 0 notes, 0 bookmarks; skipped 2 already present.\n"
    code, again, _ = run(capsys, "notes", "export", "--format", "json", "--data-dir", str(other))
    assert again == target.read_text()


def test_export_into_a_missing_folder_is_bad_input(capsys, data_dir, tmp_path):
    target = tmp_path / "no-such-folder" / "notes.md"
    code, out, err = run(capsys, "notes", "export", "-o", str(target), "--data-dir",
                         str(data_dir))
    assert code == 2 and out == ""
    assert err == f"syrtui notes: the folder {target.parent} does not exist\n"


def test_export_with_an_unknown_format_is_a_usage_error(capsys, data_dir):
    code, _, err = run(capsys, "notes", "export", "--format", "pdf", "--data-dir", str(data_dir))
    assert code == 2
    assert "invalid choice: 'pdf'" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{ this is not json", "not valid JSON"),
        ('{"notes": []}', "not a syrtui notes export"),
        (b"\xff\xfe\x00binary", "is not UTF-8 text"),
    ],
    ids=["missing", "not-json", "not-an-export", "binary"],
)
def test_import_of_a_bad_file_says_why_and_exits_2(capsys, data_dir, tmp_path, content, message):
    source = tmp_path / "in.json"
    if isinstance(content, str):
        source.write_text(content)
    elif isinstance(content, bytes):
        source.write_bytes(content)
    code, out, err = run(capsys, "notes", "import", str(source), "--data-dir", str(data_dir))
    assert code == 2 and out == ""
    assert err.startswith("syrtui notes: ") and message in err
    assert len(err.splitlines()) == 1
    with open_store(data_dir) as store:
        assert len(store.notes()) == 2


def test_import_into_a_read_only_session_fails_with_the_reason(capsys, data_dir, tmp_path):
    export = tmp_path / "notes.json"
    with open_store(data_dir) as store:
        export.write_text(store.export_json())
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, out, err = run(capsys, "notes", "import", str(export), "--data-dir",
                         str(blocker / "data"))
    assert code == 1 and out == ""
    assert f"The data directory {blocker / 'data'} cannot be written" in err
    assert "syrtui notes: " in err and "Traceback" not in err


def test_bookmarks_list_and_bare_bookmarks(capsys, data_dir):
    for argv in (["bookmarks", "list", "--data-dir", str(data_dir)],
                 ["bookmarks", "--data-dir", str(data_dir)]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert "Syria: Turkey moves into Idlib" in out
        assert "¶6" in out and "ceasefire" in out
        assert out.rstrip().endswith("1 bookmark.")


def test_a_damaged_database_is_reported_on_standard_error(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_text("garbage\n" * 500)
    code, out, err = run(capsys, "notes", "list", "--data-dir", str(data))
    assert code == 0 and out == "No notes.\n"
    assert err.startswith(f"syrtui: The notes database {data / DB_NAME} was damaged")
    assert "It was kept as " in err


def test_the_real_program_never_prints_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "syrtui", "notes", "import", str(tmp_path / "missing.json"),
         "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"syrtui notes: no such file: {tmp_path / 'missing.json'}\n"
    export = json.loads(subprocess.run(
        [sys.executable, "-m", "syrtui", "notes", "export", "--format", "json",
         "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout)
    assert export["notes"] == [] and export["format"] == "syrtui-notes"


def test_notes_list_never_prints_terminal_controls(tmp_path) -> None:
    import subprocess
    import sys

    from syrtui.store import open_store

    data = tmp_path / "data"
    store = open_store(data)
    store.remember_document("a" * 16, "Title \x1b]0;pwned\x07", path="/x.txt")
    store.add_note("a" * 16, "body \x1b[2J\x9b31m red", paragraph=0, quote="q \u202eevil")
    store.toggle_bookmark("a" * 16, 0, label="lab\x1b]52;c;SGk=\x07")
    store.close()
    for command in (["notes", "list"], ["bookmarks", "list"]):
        result = subprocess.run(
            [sys.executable, "-m", "syrtui", *command, "--data-dir", str(data)],
            capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
        for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert bad not in result.stdout, (command, result.stdout)
    assert "␛[2J" in subprocess.run(
        [sys.executable, "-m", "syrtui", "notes", "list", "--data-dir", str(data)],
        capture_output=True, text=True,
    ).stdout
