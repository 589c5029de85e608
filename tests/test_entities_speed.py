"""The fast paths of the entity engine give the same mentions as a fresh, uncached run.

The matcher remembers per-word and per-name analyses across calls, and finds lone articles
("al-", "al Assad") in their own pass; these tests pin the mentions those paths produce.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syrtui.entities import default_gazetteer, extract, matcher, rules


def spans(text: str) -> list[tuple[str, str]]:
    """(mention text, entity id) for every mention of ``text``."""
    return [(m.text, m.entity.id) for m in extract(text, default_gazetteer())]


def clear_caches() -> None:
    """Forget every remembered analysis, as in a new process."""
    matcher._caches.clear()
    rules._SHAPES.clear()
    rules._RULE_ENTITIES.clear()
    rules._CLEAN_CACHE.clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fighting near al-Bab and ash-Shaddadi.",
            [("al-Bab", "al-bab"), ("ash-Shaddadi", "shaddadi")],
        ),
        ("Forces of al-Assad said", [("al-Assad", "bashar-al-assad")]),
        ("The al Assad family", [("al Assad", "bashar-al-assad")]),
        ("Al-Bab fell.", [("Al-Bab", "al-bab")]),
    ],
)
def test_names_opening_with_an_article_are_found(text, expected):
    assert spans(text) == expected


def test_article_glued_inside_a_word_does_not_open_a_name():
    # "al" after an apostrophe belongs to the word "Hay'al": only "Bab" is a name start.
    assert spans("Hay'al-Bab was quiet.") == [("Bab", "al-bab")]


def test_person_after_a_title_keeps_its_span_when_repeated():
    text = "Defence Minister Yasar Guler said. Later, Minister Yasar Guler left."
    first = [(m.start, m.end, m.entity.id) for m in extract(text)]
    again = [(m.start, m.end, m.entity.id) for m in extract(text)]
    assert first == again
    people = [text[s:e] for s, e, _ in first]
    assert people.count("Yasar Guler") == 2


PIECES = [
    "Deir Ezzor", "Dayr az-Zawr", "al-", "el-", "ash-", "al ", "az ", "Assad", "Bab", "Hay'",
    "U.S.", "US", "SDF", "(SDF)", "Syrian Democratic Forces", "Syrian", "Democratic", "Free",
    "Army", "Brigade", "Liwa", "Minister", "Yasar Guler", "Guler", "Turkish-backed",
    "forces", "Russian", "troops", "near", "in", "the village of", "province", "Idlib",
    "Aleppo", "Tal Abyad", "Ras al Ain", "4th", "Division", "'s", "’", "-", "‑", ",", ".",
    "\n", " and ", " ", "É", "said", "Kurdish", "People's Protection Units",
]
piece_text = st.lists(st.sampled_from(PIECES), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(piece_text, st.booleans())
def test_remembered_analyses_never_change_the_mentions(pieces, glued):
    text = ("" if glued else " ").join(pieces)
    warm = spans(text)
    clear_caches()
    cold = spans(text)
    assert warm == cold
    # Warmed by other text first, the answer is still the same.
    spans(" ".join(reversed(pieces)) + " " + text.upper())
    assert spans(text) == cold
