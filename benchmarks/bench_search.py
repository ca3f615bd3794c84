"""How fast the search page answers over an archive of a million statements.

    python benchmarks/bench_search.py [--statements 1000000] [--db PATH] [--runs 30]

The archive is generated once (bulk inserts in one transaction, the real schema and its
triggers feeding the full-text index) and kept at --db (default: in the temp folder), so
later runs start at once. Prints p50 and p95 latency of the queries the search page issues: a
page of cards (one per statement), and the counts and chart beside it (`Reader.summary`).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from watcher.archive import Archive
from watcher.archive.search import Filters, Reader, open_reader
from watcher.models import KINDS, Source
from watcher.register import load_register

ITEMS_PER_STATEMENT = 0.4
START = datetime(2021, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=5 * 365)
PHRASES = [
    "I will stand for the leadership of the party",
    "I will not be standing for the leadership",
    "I am backing {name} for leader",
    "proud to endorse {name} as our next leader",
    "I have resigned from the front bench",
    "today I am joining the {party}",
    "the cost of living crisis is hitting families in my constituency",
    "we need more investment in the railways and buses",
    "our hospitals need more staff and better pay",
]
COMMON = "the of and to in we a is that for it this our people will be have on with are not"
POLITICS = (
    "leadership government party members vote policy constituency campaign election union "
    "budget housing health schools police energy climate workers families economy tax "
    "conference deputy leader candidate ballot nominations hustings manifesto parliament "
    "minister shadow cabinet committee council community local national public services"
)


def words(rng: random.Random) -> list[str]:
    """A vocabulary with a long tail: a few words everywhere, most words rare."""
    syllables = ["ba", "ker", "lo", "mi", "tan", "ro", "sel", "du", "vin", "ga", "po", "rel"]
    tail = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(30000)}
    return [*COMMON.split(), *POLITICS.split(), *sorted(tail)]


def statement_text(rng: random.Random, vocab: list[str], weights: list[float], mp: str) -> str:
    picked = rng.choices(vocab, cum_weights=weights, k=rng.randint(12, 40))
    if rng.random() < 0.3:
        phrase = rng.choice(PHRASES).format(name=mp, party=rng.choice(["Greens", "Reform UK"]))
        picked.insert(rng.randint(0, len(picked)), phrase)
    return " ".join(picked).capitalize() + "."


def build(path: Path, total: int, seed: int = 7) -> None:
    """Write `total` statements into a new archive at `path`."""
    rng = random.Random(seed)
    mps = load_register()
    news = [Source(f"News {n}", "feed", f"https://news{n}.example.org/", 300.0) for n in range(80)]
    own = [
        Source(f"{mp.name} (feed)", "feed", f"https://mp{n}.example.org/", 300.0, mp.name)
        for n, mp in enumerate(mps)
    ]
    archive = Archive(path)
    archive.sync_config(mps, [*news, *own])
    archive.close()
    vocab = words(rng)
    running, weights = 0.0, []
    for rank in range(len(vocab)):
        running += 1.0 / (rank + 1)
        weights.append(running)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    mp_ids = [r[0] for r in conn.execute("SELECT id FROM mps ORDER BY id")]
    names = dict(conn.execute("SELECT id, name FROM mps"))
    source_ids = [r[0] for r in conn.execute("SELECT id FROM sources ORDER BY id")]
    written = 0
    with conn:
        for item_id, (source_id, when) in enumerate(_items(rng, source_ids, total), start=1):
            seen = _iso(when + timedelta(minutes=rng.randint(1, 90)))
            conn.execute(
                "INSERT INTO items (id, source_id, key, url, title, text, published_at,"
                " first_seen_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                [item_id, source_id, f"k{item_id}", f"https://example.org/{item_id}",
                 f"Story {item_id}", _iso(when), seen],
            )  # fmt: skip
            for _ in range(min(rng.choice((2, 3)), total - written)):
                written += 1
                mp_id = rng.choice(mp_ids)
                kind = rng.choices(KINDS, weights=(5, 3, 10, 3, 1, 78))[0]
                target = names[rng.choice(mp_ids)] if kind == "endorsement" else None
                conn.execute(
                    "INSERT INTO statements (item_id, mp_id, kind, target, text, said_at,"
                    " said_at_precision, confidence, fingerprint, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'published', 0.9, ?, ?)",
                    [item_id, mp_id, kind, target,
                     statement_text(rng, vocab, weights, names[rng.choice(mp_ids)]),
                     _iso(when), f"f{item_id}-{rng.random()}", seen],
                )  # fmt: skip
            if written >= total:
                break
    conn.execute("PRAGMA optimize")
    conn.close()


def _items(rng: random.Random, sources: list[int], total: int) -> Iterator[tuple[int, datetime]]:
    count = int(total * ITEMS_PER_STATEMENT) + 1
    for n in range(count * 2):
        jitter = timedelta(minutes=rng.randint(0, 60))
        yield rng.choice(sources), START + SPAN * (n / count) + jitter


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


QUERIES: dict[str, Filters] = {
    "default page (newest first, no words)": Filters(),
    "a name: Rayner": Filters(text="Rayner"),
    'a phrase: "stand for the leadership"': Filters(text='"stand for the leadership"'),
    "a common word: leadership": Filters(text="leadership"),
    "a very common word: the": Filters(text="the"),
    "prefix and boolean: lead* NOT deputy": Filters(text="lead* NOT deputy"),
    "MP and kind: Angela Rayner, endorsement": Filters(mp="Angela Rayner", kind="endorsement"),
    "MP, kind and words: Keir Starmer, statement, leadership": Filters(
        text="leadership", mp="Keir Starmer", kind="statement"
    ),
    "party and date range: Labour, March 2023": Filters(
        party="Labour",
        since=datetime(2023, 3, 1, tzinfo=UTC),
        until=datetime(2023, 3, 31, tzinfo=UTC),
    ),
    "a rare word by relevance": Filters(text="railways", sort="relevance"),
    "a common word by relevance: leadership": Filters(text="leadership", sort="relevance"),
}


def measure(run: Callable[[], object], runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, round(0.95 * len(timings)) - 1)]


def _menus(reader: Reader) -> None:
    """What the search page reads besides the results: the choices of its filters."""
    reader.mps_with_statements()
    reader.parties()
    reader.sources()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"watcher-bench-{args.statements}.db"
    if not path.exists():
        print(f"generating {args.statements:,} statements in {path} ...", flush=True)
        started = time.perf_counter()
        build(path.with_suffix(".partial"), args.statements)
        path.with_suffix(".partial").rename(path)
        print(f"  done in {time.perf_counter() - started:.0f}s", flush=True)
    Archive(path).close()  # brings an older generated file up to the current schema
    figures = {}
    with open_reader(path) as reader:
        count = reader.db.execute("SELECT count(*) FROM statements").fetchone()[0]
        print(f"{count:,} statements in {path}")
        p50, p95 = measure(partial(_menus, reader), args.runs)
        menus = "the search page's menus (MPs, parties, sources)"
        figures[menus] = {"p50_ms": p50, "p95_ms": p95}
        print(f"  p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {menus}")
        for label, filters in QUERIES.items():
            for page in (1, 5):
                run = partial(reader.search, filters, page=page, grouped=True)
                p50, p95 = measure(run, args.runs)
                figures[f"{label} (page {page})"] = {"p50_ms": p50, "p95_ms": p95}
                print(f"  p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {label}, page {page}")
            p50, p95 = measure(partial(reader.summary, filters), args.runs)
            figures[f"{label} (counts and chart)"] = {"p50_ms": p50, "p95_ms": p95}
            print(f"  p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {label}, counts and chart")
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
