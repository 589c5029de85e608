"""`syrtui search`: results, exit statuses, JSON lines, and untrusted queries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from syrtui.cli import main

SEED_TITLE = "Hard Times for U.S. Forces in Northeast Syria. Army Prepares for Idlib Escalation"


def write_library(folder: Path) -> Path:
    articles = {
        "one.txt": "Bread prices in Aleppo\n\nBy Desk\n\nDesk News, May 10, 2019\n\n"
        "Bakeries in Aleppo cut their hours as flour ran short.\n",
        "deep/two.md": "Water in Hasakah\n\nBy Desk\n\nDesk News, June 11, 2020\n\n"
        "The pumping station stopped and tanker trucks brought water.\n",
        "deep/markup.txt": "[bold]Markup[/bold] title \x1b[31mred\n\nBy Desk\n\n"
        "Desk News, July 1, 2021\n\nThe [link=x]flour[/link] story, again.\n",
    }
    for name, text in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_search_the_bundled_articles(capsys) -> None:
    assert main(["search", "Idlib"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == f"{SEED_TITLE}  (2020-04-09)"
    assert lines[1].strip().endswith("000_306eaadbf64781bc.txt")
    assert "Idlib" in lines[2]
    assert err == ""


def test_search_paths_shows_title_date_path_and_snippet(tmp_path: Path, capsys) -> None:
    folder = write_library(tmp_path / "lib")
    assert main(["search", "flour", str(folder)]) == 0
    out, _ = capsys.readouterr()
    assert "Bread prices in Aleppo  (2019-05-10)" in out
    assert "one.txt" in out and "cut their hours as flour ran short" in out
    assert "Hasakah" not in out


def test_no_result_exits_1_with_nothing_on_stdout(tmp_path: Path, capsys) -> None:
    folder = write_library(tmp_path / "lib")
    assert main(["search", "helicopter", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err


def test_missing_path_exits_2_with_one_line(tmp_path: Path, capsys) -> None:
    assert main(["search", "water", str(tmp_path / "nowhere")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "nowhere" in err and "no such file" in err


def test_empty_query_is_bad_usage(capsys) -> None:
    assert main(["search", "  "]) == 2
    assert "empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("query", "expected"),
    [('"', 1), ("*", 1), ("NEAR(", 1), ("-", 1), ("OR (", 1), ('"water', 0),
     ("AND", 0)],  # "and" is searched as a plain word, and the articles hold it
)
def test_hostile_queries_give_a_status_not_a_traceback(
    tmp_path: Path, capsys, query: str, expected: int
) -> None:
    folder = write_library(tmp_path / "lib")
    status = main(["search", query, str(folder)])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    assert status == expected


def test_json_lines(tmp_path: Path, capsys) -> None:
    folder = write_library(tmp_path / "lib")
    assert main(["search", "water", str(folder), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 1
    record = records[0]
    assert set(record) >= {"path", "id", "title", "date", "snippet", "marks"}
    assert record["title"] == "Water in Hasakah" and record["date"] == "2020-06-11"
    assert record["path"].endswith("two.md") and len(record["id"]) == 16
    assert {record["snippet"][a:b].lower() for a, b in record["marks"]} == {"water"}


def test_article_markup_and_escapes_print_literally(tmp_path: Path, capsys) -> None:
    folder = write_library(tmp_path / "lib")
    assert main(["search", "story", str(folder)]) == 0
    out, _ = capsys.readouterr()
    assert "[bold]Markup[/bold]" in out and "[link=x]flour[/link]" in out
    assert "\x1b" not in out


def test_the_index_is_kept_between_runs(tmp_path: Path, capsys) -> None:
    folder = write_library(tmp_path / "lib")
    assert main(["search", "water", str(folder)]) == 0
    cache = Path(os.environ["SYRTUI_CACHE_DIR"])
    assert (cache / "index.sqlite").is_file()
    (folder / "deep" / "two.md").unlink()
    assert main(["search", "water", str(folder)]) == 1
    capsys.readouterr()


def test_real_program_exit_status_and_quiet_stderr() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "syrtui", "search", "ISIS", str(SEEDS)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and SEED_TITLE in result.stdout
