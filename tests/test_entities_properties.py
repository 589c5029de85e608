"""Invariants of extract() on arbitrary text: no crash, exact offsets, sorted, no overlaps."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syrtui.entities import Mention, default_gazetteer, extract

# Pieces that exercise the matcher: names, spellings, cue words, punctuation, controls.
PIECES = [
    "Deir Ezzor", "Dayr az-Zawr", "al-Qamishly", "Jisr ash-Shughur", "ISIS", "IS", "Is", "us",
    "US", "U.S.", "U.S", "US-led coalition", "Turkish-backed", "militant groups", "forces",
    "Syrian", "and", "Russian", "troops", "Turkey", "Turkey's", "Russia’s", "the town of",
    "near", "in", "province", "provinces", "countryside", "city", "Brigade", "Division",
    "Liwa", "Jaysh", "al-", "el-", "-", "--", "(", ")", "(SDF)", "(FIA)", "Free Idlib Army",
    "Minister", "Yasar Guler", "Guler", "'s", "’", "ʿ", ",", ".", "\n", "\n\n", "\t", "\x1b[31m",
    "\x00", "\u202e", "Ş", "ı", "İ", "4th", "M4", "  ", "HTS-run", "Al-Qaeda-linked",
    "Kurdish People's Protection Units", "said", "has", "launched", "against",
]

name_like_text = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
glued_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(max_size=400)
mixed_text = st.one_of(name_like_text, glued_text, any_text)


def check_invariants(text: str, mentions: list[Mention]) -> None:
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= previous_end, "mentions overlap or are out of order"
        assert mention.entity.kind in ("actor", "place")
        assert mention.entity.id and mention.entity.name and mention.entity.type
        previous_end = mention.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_text)
def test_extract_never_raises_and_offsets_index_the_text(text: str) -> None:
    gazetteer = default_gazetteer()
    mentions = extract(text, gazetteer)
    check_invariants(text, mentions)
    assert extract(text, gazetteer) == mentions


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map(" ".join),
    st.text(max_size=30),
)
def test_text_after_a_paragraph_break_does_not_change_earlier_mentions(
    first: str, second: str
) -> None:
    gazetteer = default_gazetteer()
    alone = [m for m in extract(first, gazetteer) if m.end < len(first) - 1]
    joined = extract(first + "\n\n" + second, gazetteer)
    # Document-wide aliases may add mentions; gazetteer names found alone stay found.
    joined_spans = {(m.start, m.end) for m in joined}
    for mention in alone:
        if mention.entity.origin == "gazetteer":
            assert any(s <= mention.start and mention.end <= e for s, e in joined_spans)


def test_empty_and_whitespace_text_have_no_mentions() -> None:
    assert extract("") == []
    assert extract(" \n\t ") == []


# Pieces around articles, ordinals and nationality phrases, for the fast scans below.
SCAN_PIECES = PIECES + [
    "al", "ash", "ad-", "as", "an-Nabk", "2nd", "12th", "1st Division", "de", "of", "ibn",
    "Iranian-backed", "U.K.", "UK", "Saudi-led", "Kurdish-led", "Israeli", "American", "_",
    "USA", "Iranians", "militias", "Hay'at", "Tahrir", "\u00a0", "‑",
]
scan_text = st.one_of(
    st.lists(st.sampled_from(SCAN_PIECES), max_size=30).map(" ".join),
    st.lists(st.sampled_from(SCAN_PIECES), max_size=30).map("".join),
    any_text,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scan_text)
def test_name_runs_are_those_of_the_plain_name_pattern(text: str) -> None:
    from syrtui.entities.rules import NAME_RE, _name_runs

    expected = [(m.start(), m.end()) for m in NAME_RE.finditer(text)]
    assert [(m.start(), m.end()) for m in _name_runs(text)] == expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scan_text)
def test_force_phrases_from_scanned_words_equal_a_full_scan(text: str) -> None:
    from syrtui.entities.matcher import scan_forces, scan_gazetteer

    gazetteer = default_gazetteer()
    starts: list[int] = []
    scan_gazetteer(text, gazetteer, starts)
    full = [(c.start, c.end, c.entity.id) for c in scan_forces(text, gazetteer) if c.entity]
    fast = [(c.start, c.end, c.entity.id) for c in scan_forces(text, gazetteer, starts) if c.entity]
    assert fast == full


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 12), st.integers(-2, 3)), max_size=30
)


@settings(max_examples=400, deadline=None)
@given(spans, spans)
def test_adding_aliases_to_a_selection_equals_selecting_everything_again(
    first: list[tuple[int, int, int]], second: list[tuple[int, int, int]]
) -> None:
    from syrtui.entities.extract import select, select_with
    from syrtui.entities.matcher import Candidate

    def candidates(rows: list[tuple[int, int, int]], source: str) -> list[Candidate]:
        return [Candidate(start, start + length, f"{source}{n}", [], None, priority)
                for n, (start, length, priority) in enumerate(rows)]

    chosen = select(candidates(first, "a"))
    for candidate in chosen:
        candidate.priority = -1
    extra = candidates(second, "b")
    expected = [c.source for c in select(chosen + extra)]
    assert [c.source for c in select_with(chosen, extra)] == expected
