"""The library index: reuse, invalidation, deletions and renames, queries, faults."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from syrtui.documents import open_library
from syrtui.entities.model import Entity, Mention
from syrtui.index import PENDING_ID, LibraryIndex, fts_query
from syrtui.index import library_index as index_module

# A tiny stand-in for the entity engine: known names, found by a regular expression.
STUB_ENTITIES = {
    "Idlib": Entity("idlib", "Idlib", "place", "city"),
    "Aleppo": Entity("aleppo", "Aleppo", "place", "city"),
    "Qamishli": Entity("qamishli", "Qamishli", "place", "city"),
    "Syrian Army": Entity("syrian-army", "Syrian Arab Army", "actor", "army",
                          "syrian-government"),
    "Hezbollah": Entity("hezbollah", "Hezbollah", "actor", "militia", "iran"),
}
STUB_PATTERN = re.compile("|".join(re.escape(name) for name in STUB_ENTITIES))


class CountingExtractor:
    """The stub extractor, counting the texts it was given."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> list[Mention]:
        self.calls += 1
        return [
            Mention(m.start(), m.end(), m.group(), STUB_ENTITIES[m.group()])
            for m in STUB_PATTERN.finditer(text)
        ]


def article(title: str, date: str, body: str) -> str:
    return f"{title}\n\nBy Test Desk\n\nTest Outlet, {date}\n\n{body}\n"


ARTICLES = {
    "a.txt": article("Shelling in Idlib", "March 02, 2021",
                     "The Syrian Army shelled Idlib again. Idlib residents fled to Idlib city "
                     "outskirts. Hezbollah was not involved."),
    "sub/b.txt": article("Aleppo power cuts", "May 10, 2019",
                         "Aleppo had no electricity. The Syrian Army said Idlib was calm."),
    "sub/c.md": article("Qamishli market reopens", "January 05, 2023",
                        "Traders in Qamishli reopened the bakery market near Idlib road, "
                        "and Idlib traders came."),
}


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    for name, text in ARTICLES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def open_index(cache: Path, extractor: CountingExtractor, version: str = "g1") -> LibraryIndex:
    return LibraryIndex.open(cache, extract=extractor, gazetteer_version=version)


def indexed(cache: Path, folder: Path, extractor: CountingExtractor, version: str = "g1"):
    index = open_index(cache, extractor, version)
    library = index.scan([str(folder)])
    index.update(library)
    return index, library


def names(paths) -> set[str]:
    return {Path(p).name for p in paths}


def test_first_scan_lists_every_file_with_titles_before_indexing(library_dir, cache):
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(library_dir)])
    assert [e.title for e in library.entries] == [
        "Qamishli market reopens", "Shelling in Idlib", "Aleppo power cuts"]
    assert [e.date for e in library.entries] == ["2023-01-05", "2021-03-02", "2019-05-10"]
    assert all(e.id == PENDING_ID for e in library.entries)
    assert not index.is_up_to_date(library)


def test_update_fills_ids_equal_to_the_plain_library(library_dir, cache):
    index, library = indexed(cache, library_dir, CountingExtractor())
    plain = open_library([str(library_dir)])
    assert [(e.path, e.id, e.title, e.date, e.source) for e in library.entries] == [
        (e.path, e.id, e.title, e.date, e.source) for e in plain.entries
    ]
    assert index.is_up_to_date(library)


def test_second_open_reads_no_file_and_extracts_nothing(library_dir, cache, monkeypatch):
    extractor = CountingExtractor()
    first, _ = indexed(cache, library_dir, extractor)
    first.close()
    assert extractor.calls == 3
    reads = []
    monkeypatch.setattr(index_module, "quick_entry", lambda *a: reads.append(a))
    monkeypatch.setattr(index_module, "read_article_bytes", lambda *a: reads.append(a))
    index = open_index(cache, extractor)
    library = index.scan([str(library_dir)])
    assert index.is_up_to_date(library)
    assert all(e.id for e in library.entries)
    index.update(library)
    assert reads == [] and extractor.calls == 3
    assert [e.title for e in library.entries][0] == "Qamishli market reopens"


def test_changed_file_is_indexed_again(library_dir, cache):
    extractor = CountingExtractor()
    index, _ = indexed(cache, library_dir, extractor)
    target = library_dir / "a.txt"
    target.write_text(article("Calm in Aleppo", "March 03, 2021", "Quiet day in Aleppo."))
    os.utime(target, (1_700_000_000, 1_700_000_000))
    library = index.scan([str(library_dir)])
    assert len(index.pending(library)) == 1
    index.update(library)
    assert extractor.calls == 4
    assert "Calm in Aleppo" in [e.title for e in library.entries]
    assert index.search("shelled") == []
    assert names(h.path for h in index.search("quiet")) == {"a.txt"}
    assert names(h.path for h in index.documents_mentioning("hezbollah")) == set()


def test_new_gazetteer_version_extracts_again(library_dir, cache):
    extractor = CountingExtractor()
    index, _ = indexed(cache, library_dir, extractor, version="g1")
    index.close()
    index = open_index(cache, extractor, version="g2")
    library = index.scan([str(library_dir)])
    assert len(index.pending(library)) == 3
    index.update(library)
    assert extractor.calls == 6
    assert index.is_up_to_date(library)


def test_new_parser_version_parses_again(library_dir, cache, monkeypatch):
    extractor = CountingExtractor()
    index, _ = indexed(cache, library_dir, extractor)
    monkeypatch.setattr(index_module, "PARSER_VERSION", "next")
    library = index.scan([str(library_dir)])
    assert len(index.pending(library)) == 3
    index.update(library)
    assert extractor.calls == 6 and index.is_up_to_date(library)


def test_deleted_file_disappears_from_results(library_dir, cache):
    index, _ = indexed(cache, library_dir, CountingExtractor())
    assert names(h.path for h in index.documents_mentioning("idlib")) == {
        "a.txt", "b.txt", "c.md"}
    (library_dir / "sub" / "c.md").unlink()
    library = index.scan([str(library_dir)])
    index.update(library)
    assert names(e.path for e in library.entries) == {"a.txt", "b.txt"}
    assert names(h.path for h in index.documents_mentioning("idlib")) == {"a.txt", "b.txt"}
    assert index.search("bakery") == []
    index.close()
    with sqlite3.connect(cache / "index.sqlite") as connection:
        kept = connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert kept == 2, "the deleted file's document is dropped from the cache"


def test_renamed_file_keeps_its_id_without_extracting_again(library_dir, cache):
    extractor = CountingExtractor()
    index, library = indexed(cache, library_dir, extractor)
    old_id = next(e.id for e in library.entries if e.path.endswith("a.txt"))
    (library_dir / "a.txt").rename(library_dir / "sub" / "renamed.txt")
    library = index.scan([str(library_dir)])
    index.update(library)
    assert extractor.calls == 3
    renamed = next(e for e in library.entries if e.path.endswith("renamed.txt"))
    assert renamed.id == old_id and renamed.title == "Shelling in Idlib"
    hits = index.documents_mentioning("hezbollah")
    assert [(h.doc_id, Path(h.path).name) for h in hits] == [(old_id, "renamed.txt")]


def test_documents_mentioning_most_mentions_first(library_dir, cache):
    index, library = indexed(cache, library_dir, CountingExtractor())
    hits = index.documents_mentioning("idlib")
    assert [(Path(h.path).name, h.count) for h in hits] == [
        ("a.txt", 4), ("c.md", 2), ("b.txt", 1)]
    first = hits[0]
    text = next(e for e in library.entries if e.id == first.doc_id).load().text
    assert text[first.first_offset:].startswith("Idlib")
    assert index.documents_mentioning("nobody") == []


def test_entity_summary_and_entities(library_dir, cache):
    index, library = indexed(cache, library_dir, CountingExtractor())
    shelling = next(e for e in library.entries if e.title == "Shelling in Idlib")
    assert index.entity_summary(shelling.id) == (2, 1)
    assert [(e.entity_id, e.count) for e in index.document_entities(shelling.id)] == [
        ("idlib", 4), ("syrian-army", 1), ("hezbollah", 1)]
    assert index.entity_summary("0000000000000000") is None


def test_queries_cover_only_the_scanned_library(library_dir, cache, tmp_path):
    index, _ = indexed(cache, library_dir, CountingExtractor())
    other = tmp_path / "other"
    other.mkdir()
    (other / "d.txt").write_text(article("Idlib alone", "June 01, 2022", "Idlib bakery."))
    library = index.scan([str(other)])
    index.update(library)
    assert names(h.path for h in index.search("bakery")) == {"d.txt"}
    library = index.scan([str(library_dir)])
    assert names(h.path for h in index.search("bakery")) == {"c.md"}


def test_search_finds_words_phrases_and_prefixes(library_dir, cache):
    index, _ = indexed(cache, library_dir, CountingExtractor())
    assert names(h.path for h in index.search("electricity")) == {"b.txt"}
    assert names(h.path for h in index.search("ELECTRICITY aleppo")) == {"b.txt"}
    assert names(h.path for h in index.search('"market reopens"')) == {"c.md"}
    assert names(h.path for h in index.search("electri*")) == {"b.txt"}
    assert names(h.path for h in index.search("Qamishli")) == {"c.md"}
    assert index.search("electricity bakery") == []


def test_search_snippet_is_plain_text_with_match_offsets(library_dir, cache):
    index, _ = indexed(cache, library_dir, CountingExtractor())
    (hit,) = index.search("bakery")
    assert hit.title == "Qamishli market reopens" and hit.date == "2023-01-05"
    assert "bakery" in hit.snippet
    assert not re.search(r"[\x00-\x1f\x7f\[\]]", hit.snippet)
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["bakery"]


@pytest.mark.parametrize(
    "query",
    ['"', "AND", "*", "NEAR(", "-", "OR", "NOT", "(", ")", '"unbalanced', "Idlib AND",
     "a:b", "^Idlib", "Idlib -Aleppo", "title:Idlib", "NEAR(Idlib Aleppo, 2)", "''", "\x00",
     "🙂", "*Idlib", "Idlib*"],
)
def test_hostile_queries_never_raise(library_dir, cache, query):
    index, _ = indexed(cache, library_dir, CountingExtractor())
    hits = index.search(query)
    assert isinstance(hits, list)
    if "Idlib" in query and "title" not in query and "Aleppo" not in query:
        assert hits, "a query with a plain word still finds it"


def test_fts_query_quotes_every_word():
    assert fts_query('AND "car bomb" Idlib*') == '"AND" "car bomb" "Idlib"*'
    assert fts_query("NEAR(") == '"NEAR"'
    assert fts_query('" * - ( )') is None


def test_corrupt_cache_falls_back_to_memory_with_a_notice(library_dir, cache):
    cache.mkdir()
    (cache / "index.sqlite").write_bytes(b"this is not a database at all" * 200)
    index = open_index(cache, CountingExtractor())
    assert index.notice and "index.sqlite" in index.notice and "memory" in index.notice
    assert index.location is None
    library = index.scan([str(library_dir)])
    index.update(library)
    assert names(h.path for h in index.search("bakery")) == {"c.md"}
    assert (cache / "index.sqlite").read_bytes().startswith(b"this is not")


def test_unusable_cache_folder_falls_back_to_memory(library_dir, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    index = open_index(blocker, CountingExtractor())
    assert index.notice and "memory" in index.notice
    library = index.scan([str(library_dir)])
    index.update(library)
    assert index.is_up_to_date(library)


def test_cache_is_private_and_persistent(library_dir, cache):
    index, _ = indexed(cache, library_dir, CountingExtractor())
    index.close()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache / "index.sqlite").stat().st_mode) == 0o600
    with sqlite3.connect(cache / "index.sqlite") as connection:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
        count = connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert mode == "wal" and count == 3


def test_progress_and_stopping(library_dir, cache):
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(library_dir)])
    seen: list[tuple[int, int]] = []
    index.update(library, progress=lambda done, total: seen.append((done, total)),
                 should_stop=lambda: any(entry.id for entry in library.entries))
    assert seen and seen[-1] == (1, 3)
    assert len(index.pending(library)) == 2
    index.update(library, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2) and index.is_up_to_date(library)


def test_update_in_a_worker_thread_while_querying(library_dir, cache):
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(library_dir)])
    worker = threading.Thread(target=index.update, args=(library,))
    worker.start()
    while worker.is_alive():
        assert isinstance(index.search("Idlib"), list)
    worker.join(timeout=60)
    assert names(h.path for h in index.search("Idlib")) == {"a.txt", "b.txt", "c.md"}


def test_unreadable_file_after_listing_becomes_a_problem(library_dir, cache):
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(library_dir)])
    (library_dir / "sub" / "b.txt").unlink()
    index.update(library)
    assert [Path(p.path).name for p in library.problems] == ["b.txt"]
    assert len(index.pending(library)) == 1


def test_bad_files_are_problems_like_the_plain_library(library_dir, cache):
    (library_dir / "empty.txt").write_bytes(b"")
    (library_dir / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(library_dir)])
    plain = open_library([str(library_dir)])
    assert sorted((Path(p.path).name, p.reason) for p in library.problems) == sorted(
        (Path(p.path).name, p.reason) for p in plain.problems)
    assert len(library.entries) == 3


def test_library_entities_in_most_documents_first(library_dir, cache):
    index, _ = indexed(cache, library_dir, CountingExtractor())
    top = index.library_entities()
    assert [(e.entity_id, e.documents, e.mentions) for e in top[:2]] == [
        ("idlib", 3, 7), ("syrian-army", 2, 2)]
    assert len(index.library_entities(limit=1)) == 1


def test_header_budget_lists_first_lines_then_update_completes(library_dir, cache):
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(library_dir)], header_budget=0.0)
    assert sorted(e.title for e in library.entries) == [
        "Aleppo power cuts", "Qamishli market reopens", "Shelling in Idlib"]
    assert all(e.date is None and e.id == PENDING_ID for e in library.entries)
    index.update(library)
    plain = open_library([str(library_dir)])
    by_path = {e.path: (e.id, e.title, e.date, e.source) for e in plain.entries}
    assert {e.path: (e.id, e.title, e.date, e.source) for e in library.entries} == by_path


def test_first_line_placeholder_of_a_short_file(tmp_path, cache):
    folder = tmp_path / "short"
    folder.mkdir()
    (folder / "tiny.txt").write_bytes(b"Only a title line")
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(folder)], header_budget=0.0)
    assert [e.title for e in library.entries] == ["Only a title line"]


def test_a_copy_outside_the_library_is_not_shown(library_dir, cache, tmp_path):
    copy = tmp_path / "elsewhere"
    copy.mkdir()
    (copy / "copy-of-c.md").write_text(ARTICLES["sub/c.md"], encoding="utf-8")
    index = open_index(cache, CountingExtractor())
    library = index.scan([str(copy)])
    index.update(library)
    library = index.scan([str(library_dir)])
    index.update(library)
    assert [Path(h.path).name for h in index.search("bakery")] == ["c.md"]
    assert names(h.path for h in index.documents_mentioning("qamishli")) == {"c.md"}
