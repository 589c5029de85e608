"""Save what ``extract()`` finds in a fixed set of texts, and compare two such saves.

    python tools/extract_snapshot.py OUT.json [--compare OLD.json]

The texts: every gold article (markers removed), the seeds, the parser's test articles,
a 300-article synthetic corpus (``benchmarks/make_corpus.py``, seed 1) and 300 random
slices of all of these, a third in capitals and a third with hyphens for spaces. Run it
before and after a change to the engine, then read every changed mention: a change meant
for one kind of sentence should not move mentions elsewhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
_MARK_RE = re.compile(r"\{\{[AP]\|(.*?)\}\}")


def snapshot_texts() -> list[str]:
    """The texts, in a fixed order."""
    from make_corpus import write_corpus

    texts = [_MARK_RE.sub(r"\1", p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "tests" / "gold").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*"))]
    texts += [p.read_text(encoding="utf-8", errors="replace")
              for p in sorted((ROOT / "tests" / "articles").glob("*"))]
    with tempfile.TemporaryDirectory() as folder:
        texts += [p.read_text(encoding="utf-8")
                  for p in sorted(write_corpus(Path(folder), 300, 1))]
    rng = random.Random(5)
    everything = "\n\n".join(texts)
    for number in range(300):
        start = rng.randrange(len(everything))
        piece = everything[start:start + rng.randrange(1, 3000)]
        if number % 3 == 0:
            piece = piece.upper()
        elif number % 3 == 1:
            piece = piece.replace(" ", "-")
        texts.append(piece)
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, metavar="OLD", help="a save to compare with")
    args = parser.parse_args(argv)
    from syrtui.entities import default_gazetteer, extract

    gazetteer = default_gazetteer()
    texts = snapshot_texts()
    found = [
        [[m.start, m.end, m.text, m.entity.id, m.entity.kind, m.entity.origin]
         for m in extract(text, gazetteer)]
        for text in texts
    ]
    data = json.dumps(found, ensure_ascii=False)
    args.out.write_text(data, encoding="utf-8")
    digest = hashlib.sha256(data.encode()).hexdigest()[:16]
    print(f"{len(texts)} texts, {sum(map(len, found))} mentions, digest {digest}")
    if args.compare is None:
        return 0
    old = json.loads(args.compare.read_text(encoding="utf-8"))
    changed = 0
    for number, (before, after) in enumerate(zip(old, found, strict=True)):
        was, now = {tuple(m) for m in before}, {tuple(m) for m in after}
        for mention in sorted(was - now):
            print(f"text {number} - {mention}")
        for mention in sorted(now - was):
            print(f"text {number} + {mention}")
        changed += len(was ^ now)
    print(f"{changed} mentions changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
