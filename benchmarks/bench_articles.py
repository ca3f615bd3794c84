"""Article text quality and speed of parse_page on a labelled set of news pages, on one core.

    python benchmarks/bench_articles.py DIR [--rounds 1] [--worst 0]

DIR holds `html/ID.html.gz` (the pages) and `ground-truth.json.gz` (`{"ID": {"articleBody":
...}}`). Scored as the set's own evaluation does: `\\w+` tokens, shingles of 4, true and false
positives and false negatives counted per page and normalised to sum to 1, precision and recall
averaged over pages, F1 from those two averages. Prints F1 (precision, recall) and pages/s of
parse_page alone (the pages are read and unzipped before the clock starts).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from watcher.parse import parse_page

_TOKEN = re.compile(r"\w+")
Score = tuple[float, float, float]  # true positives, false positives, false negatives


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the benchmark folder")
    parser.add_argument("--rounds", type=int, default=1, help="read every page this many times")
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-scoring pages")
    args = parser.parse_args()
    pages = load_pages(args.folder)
    truth = load_truth(args.folder)

    texts: dict[str, str] = {}
    started = time.perf_counter()
    for _ in range(args.rounds):
        texts = {key: parse_page(body).text for key, body in pages.items()}
    elapsed = time.perf_counter() - started

    scores = {key: shingle_match(truth.get(key, ""), texts[key]) for key in pages}
    f1, precision, recall = summary(list(scores.values()))
    print(f"pages: {len(pages)} x {args.rounds} rounds")
    print(f"F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})")
    print(f"{len(pages) * args.rounds / elapsed:.1f} pages/s")
    for key, (tp, fp, fn) in sorted(scores.items(), key=lambda kv: kv[1][0])[: args.worst]:
        print(f"  {key[:16]}  tp {tp:.2f}  fp {fp:.2f}  fn {fn:.2f}")


def load_pages(folder: Path) -> dict[str, bytes]:
    paths = sorted((folder / "html").glob("*.html.gz"))
    return {path.name.split(".")[0]: gzip.decompress(path.read_bytes()) for path in paths}


def load_truth(folder: Path) -> dict[str, str]:
    data = json.loads(gzip.decompress((folder / "ground-truth.json.gz").read_bytes()))
    return {key: str(value.get("articleBody") or "") for key, value in data.items()}


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    runs = (tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(run for run in runs if run)


def shingle_match(true: str, predicted: str) -> Score:
    """True and false positives and false negatives over shingles, normalised to sum to 1."""
    expected, found = shingles(true), shingles(predicted)
    tp = float(sum((expected & found).values()))
    fp = float(sum((found - expected).values()))
    fn = float(sum((expected - found).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def summary(scores: list[Score]) -> tuple[float, float, float]:
    """F1, precision and recall: the two averaged over the pages where each is defined."""
    precision = statistics.mean(_ratio(tp, fp, fn) for tp, fp, fn in scores if tp + fp > 0)
    recall = statistics.mean(_ratio(tp, fn, fp) for tp, fp, fn in scores if tp + fn > 0)
    return 2 * precision * recall / (precision + recall), precision, recall


def _ratio(hits: float, misses: float, others: float) -> float:
    if misses == others == 0:
        return 1.0
    if hits == misses == 0:
        return 0.0
    return hits / (hits + misses)


if __name__ == "__main__":
    main()
