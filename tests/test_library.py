"""Opening a library: folders, stdin, order, and every kind of bad file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ARTICLES, ROOT, SEEDS

from syrtui.documents import LibraryError, open_library
from syrtui.documents import library as library_module


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def reasons(library) -> dict[str, str]:
    return {Path(p.path).name: p.reason for p in library.problems}


def test_no_paths_opens_the_bundled_seeds() -> None:
    library = open_library([])
    assert [Path(e.path).name for e in library.entries] == ["000_306eaadbf64781bc.txt"]
    assert library.problems == []


def test_folders_are_searched_recursively_for_txt_and_md(tmp_path: Path) -> None:
    write(tmp_path / "a" / "b" / "deep.md", "Deep title\n\nBody.")
    write(tmp_path / "top.txt", "Top title\n\nBody.")
    write(tmp_path / "notes.pdf.bak", "ignored")
    write(tmp_path / ".hidden" / "secret.txt", "Hidden\n\nBody.")
    library = open_library([str(tmp_path)])
    assert sorted(e.title for e in library.entries) == ["Deep title", "Top title"]


def test_order_is_newest_first_then_title_with_undated_last(tmp_path: Path) -> None:
    write(tmp_path / "1.txt", "Beta\n\nPublished: 2020-01-01\n\nBody.")
    write(tmp_path / "2.txt", "Alpha\n\nPublished: 2020-01-01\n\nBody.")
    write(tmp_path / "3.txt", "Newest\n\nPublished: 2022-05-05\n\nBody.")
    write(tmp_path / "4.txt", "Undated\n\nBody.")
    library = open_library([str(tmp_path)])
    assert [e.title for e in library.entries] == ["Newest", "Alpha", "Beta", "Undated"]


def test_missing_path_is_an_error_with_the_path() -> None:
    with pytest.raises(LibraryError, match="no-such-folder: no such file or directory"):
        open_library(["no-such-folder"])


def test_bad_files_are_reported_and_the_rest_opens(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "A good article\n\nBody text.")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", b"  \n\n \t\n")
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write(tmp_path / "archive.md", b"\x1f\x8b\x08\x00" + bytes(200))
    write(tmp_path / "nul.txt", b"abc\x00\x00\x00def\x00" * 100)
    write(tmp_path / "huge.txt", b"x")
    os.truncate(tmp_path / "huge.txt", library_module.MAX_FILE_BYTES + 10)
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    library = open_library([str(tmp_path)])
    assert [e.title for e in library.entries] == ["A good article"]
    found = reasons(library)
    assert found["empty.txt"] == "empty file"
    assert found["blank.txt"] == "empty file"
    assert found["image.txt"] == "binary file (PNG image), not an article"
    assert found["archive.md"] == "binary file (gzip archive), not an article"
    assert found["nul.txt"] == "binary file (contains NUL bytes), not an article"
    assert found["huge.txt"].startswith("too large (16.8 MB; the limit is 17 MB)")
    assert found["dangling.txt"] == "broken symbolic link"
    assert found["pipe.txt"] == "not a regular file (FIFO)"


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write(tmp_path / "locked.txt", "Locked\n\nBody.")
    write(tmp_path / "ok.txt", "Fine\n\nBody.")
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path) == str(target):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    library = open_library([str(tmp_path)])
    assert [e.title for e in library.entries] == ["Fine"]
    assert reasons(library) == {"locked.txt": "permission denied"}


def test_invalid_utf8_is_decoded_with_a_visible_notice(tmp_path: Path) -> None:
    text = "Caf\xe9 talks in Gen\xe8ve\n\nBody \xe0 la carte."
    write(tmp_path / "latin1.txt", text.encode("latin-1"))
    library = open_library([str(tmp_path)])
    entry = library.entries[0]
    assert entry.title == "Café talks in Genève"
    document = entry.load()
    assert document.notices[0].startswith("not valid UTF-8")
    assert "Windows-1252" in document.notices[0]


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    write(tmp_path / "wide.txt", "Title in UTF-16\n\nBody.".encode("utf-16"))
    entry = open_library([str(tmp_path)]).entries[0]
    assert entry.title == "Title in UTF-16"
    assert entry.load().notices == ["decoded from UTF-16"]


def test_symlink_loop_is_visited_once(tmp_path: Path) -> None:
    write(tmp_path / "lib" / "a.txt", "Only once\n\nBody.")
    os.symlink(tmp_path / "lib", tmp_path / "lib" / "loop")
    library = open_library([str(tmp_path / "lib")])
    assert [e.title for e in library.entries] == ["Only once"]
    assert any("symlink loop" in p.reason for p in library.problems)


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (ARTICLES / "dateline_variant.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    library = open_library(["-"])
    entry = library.entries[0]
    assert entry.path == "<stdin>"
    assert entry.load().date == "2020-09-03"


def test_listing_does_not_parse_bodies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(5):
        write(tmp_path / f"{number}.txt", f"Title {number}\n\n" + "Body sentence. " * 500)
    calls = []
    real = library_module.parse_plain_document

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(library_module, "parse_plain_document", counting)
    library = open_library([str(tmp_path)])
    assert len(library.entries) == 5 and calls == []
    library.entries[0].load()
    library.entries[0].load()
    assert calls == [1]


def test_moved_file_keeps_its_identity(tmp_path: Path) -> None:
    original = write(tmp_path / "a.txt", (SEEDS / "000_306eaadbf64781bc.txt").read_bytes())
    first = open_library([str(original)]).entries[0].id
    moved = tmp_path / "elsewhere" / "renamed.md"
    moved.parent.mkdir()
    original.rename(moved)
    assert open_library([str(moved)]).entries[0].id == first


def test_wheel_ships_the_seeds(tmp_path: Path) -> None:
    hatchling = Path(sys.executable).parent / "hatchling"
    if not hatchling.exists():
        pytest.skip("hatchling is not installed in this environment")
    result = subprocess.run(
        [str(hatchling), "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "syrtui/_seeds/000_306eaadbf64781bc.txt" in names
