"""The store's behaviour: notes, bookmarks, positions, documents, migrations, export/import."""

from __future__ import annotations

import json
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from syrtui.store import (
    CURRENT_VERSION,
    DB_NAME,
    ImportFormatError,
    NotFound,
    StoreReadOnly,
    open_store,
)

SEED_ID = "306eaadbf64781bc"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    opened = open_store(data_dir)
    yield opened
    opened.close()


def reopen(data_dir: Path):
    return open_store(data_dir)


# -- notes -------------------------------------------------------------------------------------


def test_a_note_survives_closing_and_reopening(store, data_dir):
    store.remember_document(SEED_ID, "Syria: Turkish forces in Idlib", "South Front",
                            "2020-04-09", "seeds/000.txt")
    note = store.add_note(SEED_ID, "Check the **casualty** figure.", paragraph=3,
                          quote="Turkish-backed militants", entity_id="tfsa",
                          entity_name="Turkish-backed Free Syrian Army")
    store.close()
    with reopen(data_dir) as again:
        (found,) = again.notes(SEED_ID)
        assert found == note
        assert found.body == "Check the **casualty** figure."
        assert found.entity_name == "Turkish-backed Free Syrian Army"
        assert not found.detached
        assert found.created == found.updated


def test_notes_are_ordered_whole_document_first_then_by_paragraph(store):
    later = store.add_note("d1", "on paragraph 5", paragraph=5)
    earlier = store.add_note("d1", "on paragraph 1", paragraph=1)
    whole = store.add_note("d1", "about the article")
    other = store.add_note("d2", "another document")
    assert [n.id for n in store.notes("d1")] == [whole.id, earlier.id, later.id]
    assert {n.id for n in store.notes()} == {whole.id, earlier.id, later.id, other.id}


def test_update_changes_body_and_updated_time_only(store):
    note = store.add_note("d1", "first draft", paragraph=2, quote="q")
    edited = store.update_note(note.id, "second draft")
    assert edited.body == "second draft"
    assert (edited.paragraph, edited.quote, edited.created) == (2, "q", note.created)
    assert edited.updated >= note.updated
    assert store.notes("d1") == [edited]


def test_update_of_a_missing_note_says_so(store):
    with pytest.raises(NotFound, match="no note 42"):
        store.update_note(42, "text")


def test_delete_removes_only_that_note_and_ids_are_not_reused(store):
    keep = store.add_note("d1", "keep")
    gone = store.add_note("d1", "gone")
    store.delete_note(gone.id)
    store.delete_note(gone.id)  # already gone: no error
    assert store.notes() == [keep]
    assert store.add_note("d1", "new").id > gone.id


def test_search_matches_every_word_in_body_quote_entity_or_title(store):
    store.remember_document("d1", "Fighting near Saraqib", None, None, None)
    by_title = store.add_note("d1", "convoy seen")
    by_quote = store.add_note("d2", "hm", quote="Deir ez-Zor countryside")
    by_entity = store.add_note("d2", "who?", entity_name="Hay'at Tahrir al-Sham")
    assert store.search_notes("saraqib CONVOY") == [by_title]
    assert store.search_notes("deir") == [by_quote]
    assert store.search_notes("tahrir") == [by_entity]
    assert store.search_notes("saraqib deir") == []
    assert store.search_notes("   ") == []


def test_note_counts_per_document(store):
    for _ in range(3):
        store.add_note("d1", "x")
    store.add_note("d2", "y")
    assert store.note_counts() == {"d1": 3, "d2": 1}


def test_bad_arguments_are_refused_before_anything_is_written(store):
    with pytest.raises(ValueError):
        store.add_note("", "body")
    with pytest.raises(ValueError):
        store.add_note("d1", "body", paragraph=-1)
    with pytest.raises(ValueError):
        store.add_note("d1", None)  # type: ignore[arg-type]
    assert store.notes() == []


# -- reattaching ---------------------------------------------------------------------------------


def test_reattach_moves_found_quotes_and_detaches_lost_ones_without_deleting(store, data_dir):
    old_text = ["Title", "The SDF entered Raqqa.", "Shelling hit Maarat al-Numan.", "End."]
    moved = store.add_note("d1", "moved", paragraph=2, quote="Shelling hit  Maarat")
    lost = store.add_note("d1", "lost", paragraph=1, quote="The SDF entered Raqqa.")
    stays = store.add_note("d1", "stays", paragraph=3, quote="End.")
    whole = store.add_note("d1", "whole document")
    assert old_text[2].startswith("Shelling")
    new_text = ["Title", "A new first paragraph.", "Another one.", "End.",
                "Shelling hit Maarat al-Numan on Monday."]

    result = store.reattach_notes("d1", new_text)

    by_body = {n.body: n for n in result}
    assert (by_body["moved"].paragraph, by_body["moved"].detached) == (4, False)
    assert (by_body["lost"].paragraph, by_body["lost"].detached) == (1, True)
    assert (by_body["stays"].paragraph, by_body["stays"].detached) == (3, False)
    assert (by_body["whole document"].paragraph, by_body["whole document"].detached) == (
        None, False)
    store.close()
    with reopen(data_dir) as again:
        saved = {n.id: n for n in again.notes("d1")}
        assert set(saved) == {moved.id, lost.id, stays.id, whole.id}
        assert saved[moved.id].paragraph == 4
        assert saved[lost.id].detached
        # the old text comes back: the lost note is attached again
        again.reattach_notes("d1", old_text)
        assert not again.notes("d1")[1].detached


def test_reattach_prefers_the_occurrence_nearest_the_old_place(store):
    note = store.add_note("d1", "n", paragraph=5, quote="Idlib")
    paragraphs = ["Idlib", "x", "x", "x", "x", "x", "Idlib again", "x"]
    (result,) = store.reattach_notes("d1", paragraphs)
    assert result.id == note.id and result.paragraph == 6


# -- bookmarks and positions ---------------------------------------------------------------------


def test_toggle_bookmark_adds_then_removes(store, data_dir):
    mark = store.toggle_bookmark("d1", 4, label="front line")
    assert mark is not None and (mark.paragraph, mark.label) == (4, "front line")
    store.close()
    with reopen(data_dir) as again:
        assert again.bookmarks("d1") == [mark]
        assert again.toggle_bookmark("d1", 4) is None
        assert again.bookmarks() == []


def test_bookmark_labels_can_be_changed_and_bookmarks_deleted(store):
    mark = store.toggle_bookmark("d1", 1)
    assert mark is not None and mark.label is None
    assert store.rename_bookmark(mark.id, "ceasefire").label == "ceasefire"
    other = store.toggle_bookmark("d1", 0)
    assert [b.paragraph for b in store.bookmarks("d1")] == [0, 1]
    store.delete_bookmark(other.id)
    assert [b.label for b in store.bookmarks()] == ["ceasefire"]
    with pytest.raises(NotFound):
        store.rename_bookmark(999, "x")


def test_reading_position_is_kept_and_clamped(store, data_dir):
    store.save_position("d1", 7, 0.25)
    store.save_position("d1", 9, 1.7)
    store.save_position("d2", 0, float("nan"))
    store.close()
    with reopen(data_dir) as again:
        assert (again.position("d1").paragraph, again.position("d1").offset) == (9, 1.0)
        assert again.position("d2").offset == 0.0
        assert again.position("unknown") is None


def test_documents_keep_their_metadata_after_disappearing_from_the_library(store, data_dir):
    store.remember_document("gone", "An article since deleted", "SANA", "2019-10-14",
                            "/old/place.txt")
    store.add_note("gone", "still here")
    store.toggle_bookmark("gone", 2)
    store.save_position("gone", 2, 0.5)
    store.close()
    with reopen(data_dir) as again:
        record = again.document("gone")
        assert (record.title, record.source, record.date) == (
            "An article since deleted", "SANA", "2019-10-14")
        assert len(again.notes("gone")) == 1
        assert len(again.bookmarks("gone")) == 1
        assert again.position("gone") is not None
        assert "An article since deleted" in again.export_markdown()


def test_a_batch_is_all_or_nothing(store):
    with pytest.raises(RuntimeError), store.batch():
        store.add_note("d1", "one")
        store.add_note("d1", "two")
        raise RuntimeError("interrupted")
    assert store.notes() == []
    with store.batch():
        store.add_note("d1", "one")
        store.add_note("d1", "two")
    assert len(store.notes()) == 2


# -- files and permissions -----------------------------------------------------------------------


def test_directory_is_private_and_database_files_are_0600(store, data_dir):
    store.add_note("d1", "private")
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    files = [data_dir / DB_NAME, data_dir / f"{DB_NAME}-wal", data_dir / f"{DB_NAME}-shm"]
    assert files[0].exists()
    for path in files:
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_loose_existing_directory_is_made_private(tmp_path):
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)
    with open_store(loose) as store:
        assert not store.read_only
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


def test_database_uses_wal_and_current_schema(store, data_dir):
    store.add_note("d1", "x")
    connection = sqlite3.connect(data_dir / DB_NAME)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    finally:
        connection.close()


# -- migrations ---------------------------------------------------------------------------------

# The schema syrtui's first release wrote, made by hand here so the migration is tested
# against the real thing and not against the current code's idea of it.
V1_SCHEMA = """
CREATE TABLE documents (doc_id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', source TEXT,
    date TEXT, path TEXT, last_seen TEXT NOT NULL);
CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE RESTRICT, body TEXT NOT NULL,
    paragraph INTEGER, quote TEXT, entity_id TEXT, entity_name TEXT, created TEXT NOT NULL,
    updated TEXT NOT NULL, detached INTEGER NOT NULL DEFAULT 0);
CREATE INDEX notes_by_document ON notes(doc_id, paragraph);
CREATE TABLE bookmarks (id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE RESTRICT,
    paragraph INTEGER NOT NULL, created TEXT NOT NULL, UNIQUE (doc_id, paragraph));
CREATE TABLE positions (doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE RESTRICT,
    paragraph INTEGER NOT NULL, offset REAL NOT NULL, updated TEXT NOT NULL);
INSERT INTO documents VALUES ('d1', 'Old article', 'South Front', '2020-04-09', '/a.txt',
    '2025-01-01T00:00:00.000+00:00');
INSERT INTO notes (doc_id, body, paragraph, quote, entity_id, entity_name, created, updated)
    VALUES ('d1', 'written by version 1', 2, 'Idlib', 'idlib', 'Idlib',
    '2025-01-01T10:00:00.000+00:00', '2025-01-01T10:00:00.000+00:00');
INSERT INTO bookmarks (doc_id, paragraph, created) VALUES ('d1', 3,
    '2025-01-01T10:01:00.000+00:00');
INSERT INTO positions VALUES ('d1', 3, 0.5, '2025-01-01T10:02:00.000+00:00');
PRAGMA user_version = 1;
"""


def make_v1_database(directory: Path) -> None:
    directory.mkdir(parents=True, mode=0o700)
    connection = sqlite3.connect(directory / DB_NAME)
    connection.executescript(V1_SCHEMA)
    connection.close()


def test_a_version_1_database_is_migrated_keeping_everything(data_dir):
    make_v1_database(data_dir)
    with open_store(data_dir) as store:
        assert not store.read_only and store.notice is None
        (note,) = store.notes()
        assert (note.body, note.paragraph, note.quote) == ("written by version 1", 2, "Idlib")
        (mark,) = store.bookmarks()
        assert (mark.paragraph, mark.label) == (3, None)
        assert store.position("d1").offset == 0.5
        assert store.document("d1").title == "Old article"
        # version 2 feature: bookmark labels
        assert store.rename_bookmark(mark.id, "checkpoint").label == "checkpoint"
    connection = sqlite3.connect(data_dir / DB_NAME)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    connection.close()


def test_a_database_from_a_newer_syrtui_is_opened_read_only_and_left_alone(data_dir):
    with open_store(data_dir) as store:
        store.add_note("d1", "from today")
    connection = sqlite3.connect(data_dir / DB_NAME)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = (data_dir / DB_NAME).read_bytes()
    with open_store(data_dir) as store:
        assert store.read_only
        assert "newer syrtui" in store.notice and "schema 99" in store.notice
        assert [n.body for n in store.notes()] == ["from today"]
        with pytest.raises(StoreReadOnly, match="newer syrtui"):
            store.add_note("d1", "refused")
    assert (data_dir / DB_NAME).read_bytes() == before


# -- export and import --------------------------------------------------------------------------


def fill(store) -> None:
    store.remember_document(SEED_ID, "Syria: Turkey moves into Idlib", "South Front",
                            "2020-04-09", "seeds/000.txt")
    store.remember_document("d2", "Qamishli market", None, None, None)
    store.add_note(SEED_ID, "Whole-article note\n\n- a list item\n- another")
    store.add_note(SEED_ID, "Who are they?", paragraph=4,
                   quote="Turkish-backed militants\nshelled the area",
                   entity_id="tfsa", entity_name="Turkish-backed Free Syrian Army")
    edited = store.add_note("d2", "Check date", paragraph=0, quote="al-Qamishly")
    store.update_note(edited.id, "Checked: 2019")
    store.add_note("orphan", "a note on a document never remembered")
    store.toggle_bookmark(SEED_ID, 6, label="ceasefire terms")
    store.toggle_bookmark("d2", 1)
    store.save_position(SEED_ID, 6, 0.3)


def test_json_round_trip_gives_identical_bytes(tmp_path):
    with open_store(tmp_path / "a") as first:
        fill(first)
        deleted = first.add_note("d2", "deleted later")
        first.delete_note(deleted.id)
        exported = first.export_json()
    with open_store(tmp_path / "b") as second:
        result = second.import_json(exported)
        assert (result.added, result.skipped) == (4, 0)
        assert result.bookmarks_added == 2
        assert second.export_json() == exported
    payload = json.loads(exported)
    assert payload["schema_version"] == CURRENT_VERSION
    assert {len(payload[k]) for k in ("notes", "bookmarks", "positions")} == {4, 2, 1}


def test_import_is_idempotent(tmp_path):
    with open_store(tmp_path / "a") as store:
        fill(store)
        exported = store.export_json()
        result = store.import_json(exported)
        assert (result.added, result.skipped) == (0, 4)
        assert len(store.notes()) == 4 and len(store.bookmarks()) == 2
        assert store.export_json() == exported


def test_import_of_malformed_text_changes_nothing(store):
    store.add_note("d1", "existing")
    good = json.loads(store.export_json())
    broken = dict(good, notes=good["notes"] + [{"doc_id": "d9", "created": "x"}])
    for text, message in [
        ("not json", "not valid JSON"),
        ('{"notes": []}', "not a syrtui notes export"),
        (json.dumps(dict(good, schema_version=99)), "newer syrtui"),
        (json.dumps(broken), "note 2 has no 'body'"),
        (json.dumps(dict(good, bookmarks=[{"doc_id": "d1", "paragraph": -3}])), "bookmark 1"),
    ]:
        with pytest.raises(ImportFormatError, match=message):
            store.import_json(text)
    assert [n.body for n in store.notes()] == ["existing"]


def test_markdown_export_groups_notes_under_document_headings(store):
    fill(store)
    text = store.export_markdown()
    assert text.startswith("# syrtui notes\n")
    seed = text.index("## Syria: Turkey moves into Idlib")
    qamishli = text.index("## Qamishli market")
    assert "- Source: South Front" in text and "- Date: 2020-04-09" in text
    assert "> Turkish-backed militants\n> shelled the area" in text
    assert "Entity: Turkish-backed Free Syrian Army" in text
    assert "### Note on paragraph 5" in text  # shown counting from 1
    assert "### Note on the whole document" in text
    assert "Bookmarks: paragraph 7 (ceasefire terms)." in text
    assert "Checked: 2019" in text
    assert "## Untitled document" in text and "`orphan`" in text
    assert qamishli < seed  # documents sorted by title
    assert seed < text.index("Who are they?")


def test_markdown_export_of_an_empty_store(store):
    assert "No notes or bookmarks yet." in store.export_markdown()


def test_threads_sharing_one_store_lose_nothing(store):
    def write(worker: int) -> None:
        for number in range(50):
            store.add_note("d1", f"thread {worker} note {number}")

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({n.body for n in store.notes()}) == 200


def test_notes_follow_a_file_whose_text_was_edited(tmp_path) -> None:
    from syrtui.store import open_store

    store = open_store(tmp_path / "data")
    store.remember_document("old0000000000000", "Title", path="/lib/a.txt")
    kept = store.add_note("old0000000000000", "on the second", paragraph=1,
                          quote="Second paragraph text.")
    gone = store.add_note("old0000000000000", "on the removed", paragraph=2,
                          quote="A paragraph that was deleted.")
    store.toggle_bookmark("old0000000000000", 1)
    store.save_position("old0000000000000", 1, 0.5)
    store.remember_document("new0000000000000", "Title", path="/lib/a.txt")
    assert store.follow_edited_file("new0000000000000", "/lib/a.txt") == 2
    notes = {n.id: n for n in store.reattach_notes(
        "new0000000000000", ["A new first paragraph.", "Intro.", "Second paragraph text."])}
    assert notes[kept.id].paragraph == 2 and not notes[kept.id].detached
    assert notes[gone.id].detached  # kept, never dropped
    assert [b.paragraph for b in store.bookmarks("new0000000000000")] == [1]
    assert store.position("new0000000000000").paragraph == 1
    assert store.notes("old0000000000000") == []
    # A different file never takes them.
    store.remember_document("other00000000000", "Other", path="/lib/b.txt")
    assert store.follow_edited_file("other00000000000", "/lib/b.txt") == 0
