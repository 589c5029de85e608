"""The command line: help, version, docs, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ARTICLES, ROOT

from syrtui import __version__


def syrtui(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syrtui", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def test_version() -> None:
    result = syrtui("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"syrtui {__version__}"


def test_help_lists_paths_and_subcommands() -> None:
    result = syrtui("--help")
    assert result.returncode == 0
    assert "PATH" in result.stdout
    for name in ("docs", "extract", "search", "notes", "bookmarks", "config"):
        assert f"  {name} " in result.stdout


def test_docs_json_on_the_seeds() -> None:
    result = syrtui("docs", "seeds", "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["title"] == (
        "Hard Times for U.S. Forces in Northeast Syria. Army Prepares for Idlib Escalation"
    )
    assert record["date"] == "2020-04-09"
    assert record["source"] == "South Front"
    assert record["paragraphs"] == 8
    assert len(record["id"]) == 16


def test_docs_table_lists_every_article() -> None:
    result = syrtui("docs", str(ARTICLES))
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header == ["title", "date", "source", "words", "id"]
    assert "Night curfew announced in Daraa al-Balad" in result.stdout
    assert "2021-06-24" in result.stdout


def test_docs_reads_standard_input() -> None:
    result = syrtui("docs", "-", "--json", stdin=(ARTICLES / "title_only.txt").read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["path"] == "<stdin>"


def test_missing_path_is_one_line_and_exit_2() -> None:
    result = syrtui("docs", "does/not/exist")
    assert result.returncode == 2
    assert result.stderr.strip() == "syrtui: does/not/exist: no such file or directory"
    assert "Traceback" not in result.stderr


def test_unknown_option_is_one_line_and_exit_2() -> None:
    for args in (["--frobnicate"], ["docs", "--frobnicate"]):
        result = syrtui(*args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "unrecognized arguments: --frobnicate" in result.stderr


def test_reader_refuses_to_start_without_a_terminal() -> None:
    result = syrtui("seeds")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr


def test_skipped_files_are_named_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine title\n\nBody.")
    (tmp_path / "bad.txt").write_bytes(b"")
    result = syrtui("docs", str(tmp_path))
    assert result.returncode == 0
    assert f"syrtui: {tmp_path / 'bad.txt'}: empty file" in result.stderr
    assert "Fine title" in result.stdout


def test_starting_the_reader_imports_no_subcommand_module() -> None:
    code = (
        "import sys\n"
        "import syrtui.cli.reader as reader\n"
        "reader.run_reader = lambda args: 0\n"
        "from syrtui.cli import SUBCOMMANDS, main\n"
        "assert main([]) == 0\n"
        "print(','.join(sorted(m for m in set(SUBCOMMANDS.values()) if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
