"""Extraction throughput on the labelled corpus, on one core.

    python benchmarks/bench_extract.py [--rounds 5]

Prints articles per second for reading a page or feed into an item (HTML parsing, chrome
removal) and for finding the statements in it, and the two together.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from watcher.evaluate import Case, case_item, load_cases
from watcher.extract import extract_statements
from watcher.models import Item
from watcher.register import load_register

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cases: list[Case] = load_cases(CORPUS / "cases") + load_cases(CORPUS / "heldout")
    mps = load_register()
    zone = ZoneInfo("Europe/London")
    extract_statements(case_item(cases[0]), mps, zone)  # build the roster once, as a daemon does

    started = time.perf_counter()
    items: list[Item] = []
    for _ in range(args.rounds):
        items = [case_item(case) for case in cases]
    read = time.perf_counter() - started

    started = time.perf_counter()
    found = 0
    for _ in range(args.rounds):
        found = sum(len(extract_statements(item, mps, zone)) for item in items)
    extracted = time.perf_counter() - started

    count = len(cases) * args.rounds
    print(f"articles: {len(cases)} x {args.rounds} rounds, {found} statements a round")
    print(f"  read page or feed  {count / read:8.0f} articles/s")
    print(f"  extract            {count / extracted:8.0f} articles/s")
    print(f"  both               {count / (read + extracted):8.0f} articles/s")


if __name__ == "__main__":
    main()
