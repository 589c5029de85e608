"""Hostile file names and unreadable files below the reader: library, index and store."""

from __future__ import annotations

import builtins
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))

import make_corpus  # noqa: E402

from syrtui.documents import open_library  # noqa: E402
from syrtui.index import LibraryIndex, file_key  # noqa: E402
from syrtui.store import open_store  # noqa: E402

BAD_NAME = b"non_utf8_\xe9\xff.txt"


def write_bad_name(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), BAD_NAME)
    with open(path, "wb") as handle:
        handle.write(b"zzBADNAME undecodable file name\n\nBody about Aleppo.\n")
    return os.fsdecode(path)


def test_index_lists_and_indexes_a_file_whose_name_is_not_utf8(tmp_path) -> None:
    path = write_bad_name(tmp_path / "lib")
    (tmp_path / "lib" / "plain.txt").write_text("Plain title\n\nBody about Homs.\n")
    index = LibraryIndex.open(tmp_path / "cache")
    library = index.scan([str(tmp_path / "lib")])
    assert sorted(e.title for e in library.entries) == ["Plain title",
                                                        "zzBADNAME undecodable file name"]
    index.update(library)
    assert {e.path for e in library.entries} >= {path}
    # A second run reads the same entries back from the index.
    again = LibraryIndex.open(tmp_path / "cache").scan([str(tmp_path / "lib")])
    assert sorted(e.path for e in again.entries) == sorted(e.path for e in library.entries)


def test_index_keys_of_undecodable_names_stay_distinct_and_under_their_folder() -> None:
    byte_name = os.fsdecode(b"/lib/a\x80.txt")
    assert file_key(byte_name) != file_key("/lib/a%80.txt")
    assert file_key(byte_name).startswith(file_key("/lib") + "/")
    assert file_key("/lib/plain.txt") == "/lib/plain.txt"


def test_store_remembers_a_document_whose_path_is_not_utf8(tmp_path) -> None:
    path = write_bad_name(tmp_path / "lib")
    store = open_store(tmp_path / "data")
    record = store.remember_document("abc123", "Title", path=path)
    assert record.path is not None and record.path.endswith("non_utf8_\ufffd\ufffd.txt")
    store.close()


def test_a_file_the_process_may_not_read_is_skipped_with_a_notice(tmp_path, monkeypatch):
    """Simulated: the suite may run as root, which reads mode-000 files anyway."""
    folder = tmp_path / "lib"
    make_corpus.write_text_cases(folder, ("crlf.txt",))
    secret = folder / "unreadable.txt"
    secret.write_text("zzSECRET\n\nBody.\n")
    secret.chmod(0)
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == str(secret):
            raise PermissionError(13, "Permission denied", str(secret))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    library = open_library([str(folder)])
    assert [e.title for e in library.entries] == ["zzCRLF Windows lines"]
    assert [(Path(p.path).name, p.reason) for p in library.problems] == [
        ("unreadable.txt", "permission denied")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 files")
def test_a_mode_000_file_is_skipped_with_a_notice(tmp_path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    secret = folder / "unreadable.txt"
    secret.write_text("zzSECRET\n\nBody.\n")
    secret.chmod(0)
    library = open_library([str(folder)])
    assert library.entries == []
    assert [p.reason for p in library.problems] == ["permission denied"]


@pytest.mark.parametrize("name", ["crlf.txt", "lone_cr.txt"])
def test_windows_and_old_mac_line_ends_read_like_lf_without_a_control_notice(tmp_path, name):
    make_corpus.write_text_cases(tmp_path, (name,))
    document = open_library([str(tmp_path / name)]).entries[0].load()
    assert [p.text for p in document.paragraphs] == ["First paragraph.", "Second paragraph."]
    assert "\r" not in document.text and "\u240d" not in document.text
    assert document.notices == []


def test_a_real_control_character_still_gets_its_notice(tmp_path) -> None:
    make_corpus.write_text_cases(tmp_path, ("one_nul.txt",))
    document = open_library([str(tmp_path / "one_nul.txt")]).entries[0].load()
    assert "\u2400" in document.text
    assert document.notices == ["1 control character(s) made visible or removed"]


class _Payload:
    """Unpickling this creates ``marker``: proof that a planted cache file ran code."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.parametrize("loose", ["file", "folder"])
def test_a_gazetteer_cache_others_could_write_is_never_unpickled(tmp_path, loose) -> None:
    import pickle
    import stat

    from syrtui.entities import gazetteer

    cache_file = gazetteer._cache_file(gazetteer.data_version(gazetteer.DATA_DIR))
    assert cache_file is not None
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    marker = tmp_path / "planted-code-ran"
    cache_file.write_bytes(pickle.dumps(_Payload(str(marker))))
    if loose == "file":
        cache_file.chmod(0o666)
    else:
        cache_file.chmod(0o600)
        cache_file.parent.chmod(0o777)
    loaded = gazetteer.load_gazetteer()
    assert not marker.exists(), "a cache file others could write was unpickled"
    assert isinstance(loaded, gazetteer.Gazetteer) and loaded.version
    # The rebuilt cache replaces the planted one, private to the user.
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600


def test_notes_list_does_not_print_control_sequences_from_an_imported_note(tmp_path) -> None:
    import subprocess

    data = tmp_path / "data"
    store = open_store(data)
    store.remember_document("d1", "Title \x1b]0;pwned\x07")
    store.add_note("d1", "zzBODY \x1b]52;c;eA==\x07 \x1b[2J \u202eevil", paragraph=0)
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "syrtui", "notes", "--data-dir", str(data), "list"],
        capture_output=True, check=True,
    )
    assert b"zzBODY" in result.stdout
    for needle in (b"\x1b]52;", b"\x1b]0;pwned", b"\x1b[2J", "\u202e".encode()):
        assert needle not in result.stdout


def test_a_folder_nested_deeper_than_the_stack_still_lists_its_article(tmp_path) -> None:
    deepest = tmp_path / "deep"
    deepest.mkdir()
    for _ in range(1200):  # one by one: os.makedirs itself recurses per level
        deepest = deepest / "a"
        deepest.mkdir()
    (deepest / "bottom.txt").write_text("zzDEEP bottom of the folders\n\nBody.\n")
    try:
        library = open_library([str(tmp_path / "deep")])
        assert [e.title for e in library.entries] == ["zzDEEP bottom of the folders"]
        assert library.problems == []
    finally:  # remove it bottom up: shutil.rmtree (and pytest's clean-up) would recurse
        (deepest / "bottom.txt").unlink()
        while deepest != tmp_path:
            deepest.rmdir()
            deepest = deepest.parent
