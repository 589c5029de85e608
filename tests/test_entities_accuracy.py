"""Extraction accuracy on the hand-marked gold articles must not fall below the floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


def _accuracy_module():
    name = "syrtui_gold_accuracy"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy_module()


def test_gold_markup_gives_back_the_article_text() -> None:
    for path in sorted(GOLD.glob("*.txt")):
        marked = path.read_text(encoding="utf-8")
        text, spans = accuracy.parse_gold(marked)
        assert "{{" not in text and "}}" not in text, path.name
        assert spans, path.name
        for span in spans:
            assert text[span.start:span.end] == span.text


def test_own_gold_articles_are_long_enough() -> None:
    own = [p for p in GOLD.glob("*.txt") if p.name != "seed.txt"]
    assert len(own) >= 6
    for path in own:
        text, _ = accuracy.parse_gold(path.read_text(encoding="utf-8"))
        assert 400 <= len(text.split()) <= 850, path.name


def test_scoring_counts_exact_and_overlapping_spans() -> None:
    span = accuracy.Span
    gold = [span(0, 5, "actor", "Aaaaa"), span(10, 15, "place", "Bbbbb")]
    predicted = [span(0, 5, "actor", "Aaaaa"), span(11, 15, "place", "bbbb")]
    result = accuracy.score("x", gold, predicted)
    assert result.strict["actor"].f1 == 1.0
    assert result.strict["place"].f1 == 0.0
    assert result.lenient["place"].f1 == 1.0


@pytest.fixture(scope="module")
def scores():
    from syrtui.entities import load_gazetteer

    return accuracy.evaluate(sorted(GOLD.glob("*.txt")), load_gazetteer(use_cache=False))


@pytest.mark.parametrize("kind", ["actor", "place"])
def test_seed_article_lenient_f1_floor(scores, kind: str) -> None:
    seed = next(s for s in scores if s.name == "seed.txt")
    assert seed.lenient[kind].f1 >= 0.95, (seed.missed, seed.spurious)


@pytest.mark.parametrize("kind", ["actor", "place"])
def test_own_articles_lenient_f1_floor(scores, kind: str) -> None:
    own = accuracy.total([s for s in scores if s.name != "seed.txt"])
    assert own.lenient[kind].f1 >= 0.90
