"""`syrtui extract`: the table, the JSON Lines contract, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from syrtui.cli import main

ARTICLE = """Turkish drones strike near Qamishli

By Staff Writer

BEIRUT - Turkish drones struck a car near the city of Qamishli on Tuesday, the Syrian
Democratic Forces (SDF) said. The SDF accused Ankara of escalating. ISIS cells were also
active near Deir ez-Zor.
"""


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_table_lists_entities_with_kind_type_faction_and_count(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(article)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Turkish drones strike near Qamishli")
    assert lines[1].split() == ["entity", "kind", "type", "faction", "mentions"]
    assert "\x1b" not in out
    rows = {line.split("  ")[0].strip(): line for line in lines[3:]}
    assert any("Qamishli" in name for name in rows)
    sdf_row = next(line for name, line in rows.items() if "Democratic" in name)
    assert sdf_row.split()[-1] == "3"  # "Syrian Democratic Forces", "SDF" and "SDF"


def test_json_lines_keep_the_data_contract(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--json", str(article)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) >= {"path", "id", "title", "date", "text", "entities"}
    assert record["title"] == "Turkish drones strike near Qamishli"
    text = record["text"]
    assert "By Staff Writer" not in text
    kinds = set()
    for entity in record["entities"]:
        assert set(entity) >= {"name", "kind", "type", "faction", "mentions", "origin", "id"}
        kinds.add(entity["kind"])
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    assert kinds == {"actor", "place"}
    names = {m["text"] for e in record["entities"] for m in e["mentions"]}
    assert {"Turkish drones", "Qamishli", "SDF", "ISIS", "Deir ez-Zor"} <= names


def test_a_missing_path_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nowhere.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "nowhere.txt" in captured.err


def test_nothing_readable_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 1
    assert "empty.txt" in capsys.readouterr().err


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "syrtui", "extract", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
