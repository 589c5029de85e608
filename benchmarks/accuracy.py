"""Entity extraction accuracy against the hand-marked gold articles in tests/gold/.

Prints, per file and overall, per kind (actor, place), precision / recall / F1 in two
modes: strict (same span and kind) and lenient (overlapping span, same kind).

usage: python benchmarks/accuracy.py [GOLD_FILE...] [--data-dir DIR] [--errors]
                                    [--later-written] [--baseline SPACY_MODEL]

With --baseline (in a virtualenv that has spaCy and the model), a general NER model is
scored on the same files in the same run.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
KINDS = ("actor", "place")
# The gold articles written with the engine, which it was tuned on from the start; every
# other gold article was written and marked after the engine was built and scored before
# the fixes it led to: the nearest thing here to articles the engine has never seen.
WRITTEN_WITH_THE_ENGINE = (
    "seed.txt", "agency_qamishli.txt", "daraa_front.txt", "monitor_weekly.txt", "states.txt",
    "transliteration.txt", "villages_brigades.txt",
)


def later_written(gold_dir: Path = GOLD_DIR) -> list[Path]:
    """The gold articles written after the engine, in name order."""
    return [p for p in sorted(gold_dir.glob("*.txt")) if p.name not in WRITTEN_WITH_THE_ENGINE]


_MARK_RE = re.compile(r"\{\{([AP])\|(.*?)\}\}")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str


def parse_gold(marked: str) -> tuple[str, list[Span]]:
    """The plain text of a marked-up gold article and its gold spans."""
    pieces: list[str] = []
    spans: list[Span] = []
    position = 0
    length = 0
    for match in _MARK_RE.finditer(marked):
        before = marked[position:match.start()]
        pieces.append(before)
        length += len(before)
        inner = match.group(2)
        kind = "actor" if match.group(1) == "A" else "place"
        spans.append(Span(length, length + len(inner), kind, inner))
        pieces.append(inner)
        length += len(inner)
        position = match.end()
    pieces.append(marked[position:])
    return "".join(pieces), spans


@dataclass
class Tally:
    """Counts for one kind in one mode."""

    true_pos_pred: int = 0
    predicted: int = 0
    true_pos_gold: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.true_pos_pred += other.true_pos_pred
        self.predicted += other.predicted
        self.true_pos_gold += other.true_pos_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.true_pos_pred / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FileScore:
    """Strict and lenient tallies per kind for one file, plus the errors."""

    name: str
    strict: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    lenient: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    missed: list[Span] = field(default_factory=list)
    spurious: list[Span] = field(default_factory=list)


def score(name: str, gold: list[Span], predicted: list[Span]) -> FileScore:
    """Compare predicted spans with gold spans."""
    result = FileScore(name)
    gold_exact = {(s.start, s.end, s.kind) for s in gold}
    pred_exact = {(s.start, s.end, s.kind) for s in predicted}
    for kind in KINDS:
        g = [s for s in gold if s.kind == kind]
        p = [s for s in predicted if s.kind == kind]
        strict = result.strict[kind]
        strict.gold, strict.predicted = len(g), len(p)
        strict.true_pos_pred = sum((s.start, s.end, kind) in gold_exact for s in p)
        strict.true_pos_gold = sum((s.start, s.end, kind) in pred_exact for s in g)
        lenient = result.lenient[kind]
        lenient.gold, lenient.predicted = len(g), len(p)
        for s in p:
            if any(o.start < s.end and s.start < o.end for o in g):
                lenient.true_pos_pred += 1
            else:
                result.spurious.append(s)
        for s in g:
            if any(o.start < s.end and s.start < o.end for o in p):
                lenient.true_pos_gold += 1
            else:
                result.missed.append(s)
    return result


def evaluate(
    paths: list[Path], gazetteer: object | None = None, predict=None
) -> list[FileScore]:
    """Run the extractor (or ``predict(text) -> list[Span]``) over gold files and score
    each one."""
    predict = predict or syrtui_predictor(gazetteer)
    scores = []
    for path in paths:
        text, gold = parse_gold(path.read_text(encoding="utf-8"))
        scores.append(score(path.name, gold, predict(text)))
    return scores


# How a general NER model's labels map to the two kinds: people, organisations and
# nationalities are actors; geopolitical entities, locations and facilities places.
SPACY_KINDS = {
    "PERSON": "actor", "ORG": "actor", "NORP": "actor",
    "GPE": "place", "LOC": "place", "FAC": "place",
}


def spacy_predictor(model: str):
    """``predict(text)`` with the named spaCy pipeline's entity recogniser."""
    import spacy

    nlp = spacy.load(model)

    def predict(text: str) -> list[Span]:
        return [
            Span(e.start_char, e.end_char, SPACY_KINDS[e.label_], e.text)
            for e in nlp(text).ents
            if e.label_ in SPACY_KINDS
        ]

    return predict


def any_kind_f1(paths: list[Path], predict) -> tuple[float, float, float]:
    """Lenient precision, recall and F1 when the kind is ignored (any overlap counts)."""
    hits_pred = predicted_count = hits_gold = gold_count = 0
    for path in paths:
        text, gold = parse_gold(path.read_text(encoding="utf-8"))
        predicted = predict(text)
        predicted_count += len(predicted)
        gold_count += len(gold)
        hits_pred += sum(any(g.start < p.end and p.start < g.end for g in gold) for p in predicted)
        hits_gold += sum(any(p.start < g.end and g.start < p.end for p in predicted) for g in gold)
    precision = hits_pred / predicted_count if predicted_count else 1.0
    recall = hits_gold / gold_count if gold_count else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def syrtui_predictor(gazetteer: object | None = None):
    """``predict(text)`` with syrtui's extractor."""
    from syrtui.entities import extract

    def predict(text: str) -> list[Span]:
        return [Span(m.start, m.end, m.entity.kind, m.text) for m in extract(text, gazetteer)]

    return predict


def total(scores: list[FileScore], name: str = "OVERALL") -> FileScore:
    """The sum of several file scores."""
    result = FileScore(name)
    for s in scores:
        for kind in KINDS:
            result.strict[kind].add(s.strict[kind])
            result.lenient[kind].add(s.lenient[kind])
    return result


def _row(s: FileScore) -> str:
    cells = [f"{s.name:<24}"]
    for mode in ("strict", "lenient"):
        for kind in KINDS:
            t = getattr(s, mode)[kind]
            cells.append(f"{t.precision:5.2f} {t.recall:5.2f} {t.f1:5.2f}")
    return "  ".join(cells)


def print_table(scores: list[FileScore]) -> None:
    """One row per file, then the own set (all but the seed) and the total."""
    print(f"{'file':<24}  " + "  ".join(
        f"{mode[:3]}-{kind:<5} P     R     F1 "[:17] for mode in ("strict", "lenient")
        for kind in KINDS
    ))
    for s in scores:
        print(_row(s))
    own = [s for s in scores if s.name != "seed.txt"]
    if own and len(own) != len(scores):
        print(_row(total(own, "OWN SET")))
    print(_row(total(scores)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--data-dir", type=Path, help="gazetteer folder (default: package)")
    parser.add_argument("--errors", action="store_true", help="list missed and spurious spans")
    parser.add_argument(
        "--later-written", action="store_true",
        help="score only the gold articles written after the engine (all but "
        "WRITTEN_WITH_THE_ENGINE)",
    )
    parser.add_argument(
        "--baseline", metavar="SPACY_MODEL",
        help="also score a general NER model (an installed spaCy pipeline, e.g. "
        "en_core_web_sm) on the same files, its labels mapped by SPACY_KINDS",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from syrtui.entities import load_gazetteer

    gazetteer = load_gazetteer(args.data_dir)
    files = args.files or sorted(GOLD_DIR.glob("*.txt"))
    if args.later_written:
        files = later_written()
    scores = evaluate(files, gazetteer)
    print_table(scores)
    if args.baseline:
        baseline = spacy_predictor(args.baseline)
        print(f"\nbaseline: {args.baseline}")
        print_table(evaluate(files, predict=baseline))
        print("\nlenient, kind ignored (any entity overlapping any gold span):")
        for label, predict in (("syrtui", syrtui_predictor(gazetteer)), (args.baseline, baseline)):
            precision, recall, f1 = any_kind_f1(files, predict)
            print(f"  {label:<24} P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}")
    if args.errors:
        for s in scores:
            for span in s.missed:
                print(f"{s.name}: missed   {span.kind:<5} {span.text!r}")
            for span in s.spurious:
                print(f"{s.name}: spurious {span.kind:<5} {span.text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
