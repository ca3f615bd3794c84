"""How fast the watcher parses, extracts and archives feed items, and how fast search answers.

    python benchmarks/bench_pipeline.py [--items 2000] [--statements 100000]

Prints items per second through parse -> extract -> archive, and search latency (p50, p95)
for typical queries over an archive of --statements statements. Extraction is measured twice:
for an MP's own feed, and for a news feed of which one item in three quotes a tracked MP.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from watcher.archive import Archive
from watcher.extract import extract_statements, find_mentions
from watcher.models import MP, FetchResult, Finding, Item, Source, Validators
from watcher.parse import parse_feed

WORDS = [
    "leadership",
    "contest",
    "support",
    "standing",
    "party",
    "members",
    "conference",
    "vote",
    "policy",
    "government",
    "constituency",
    "campaign",
    "election",
    "members",
    "union",
    "labour",
    "tory",
    "budget",
    "housing",
    "health",
]
MPS = tuple(MP(f"Member {n}", (f"Mr Member{n}",), "Party", f"Seat {n}") for n in range(50))


def sentence(rng: random.Random, words: int = 30) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def feed(count: int, rng: random.Random) -> bytes:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = "".join(
        f"<item><title>Post {n}</title><guid>g{n}</guid><link>https://example.org/{n}</link>"
        f"<pubDate>{format_datetime(start + timedelta(minutes=n))}</pubDate>"
        f"<description>{escape('<p>' + sentence(rng, 60) + '</p>')}</description></item>"
        for n in range(count)
    )
    return f"<rss version='2.0'><channel><title>Bench</title>{items}</channel></rss>".encode()


def as_news(items: list[Item], rng: random.Random) -> list[Item]:
    """The items as a news feed's: one in three quotes a tracked MP, the rest name nobody."""
    news = Source("Outlet", "feed", "https://example.org/news", 300)
    quoted = [
        f"{item.text}\n\nMr Member{n % 50} said: “{sentence(rng, 12)}”" if n % 3 == 0 else item.text
        for n, item in enumerate(items)
    ]
    return [replace(item, source=news, text=text) for item, text in zip(items, quoted, strict=True)]


def bench_news_extract(items: list[Item]) -> None:
    started = time.perf_counter()
    found = sum(len(extract_statements(i, MPS)) + len(find_mentions(i, MPS)) for i in items)
    took = time.perf_counter() - started
    print(f"  extract, news ({found} statements and mentions) {len(items) / took:6.0f} items/s")


def bench_pipeline(archive: Archive, count: int, rng: random.Random) -> None:
    source = Source("Member 1 (feed)", "feed", "https://example.org/feed", 300, "Member 1")
    archive.sync_config(MPS, [source])
    body = feed(count, rng)
    started = time.perf_counter()
    items = parse_feed(FetchResult(source.url, 200, body), source)
    parsed = time.perf_counter()
    findings = [
        Finding(i, tuple(extract_statements(i, MPS)), tuple(find_mentions(i, MPS))) for i in items
    ]
    extracted = time.perf_counter()
    state = archive.source_state(source)
    now = datetime.now(UTC)
    archive.record_poll(state, Validators(), findings, now, now)
    stored = time.perf_counter()
    print(f"items: {count}")
    print(f"  parse    {count / (parsed - started):10.0f} items/s")
    print(f"  extract  {count / (extracted - parsed):10.0f} items/s")
    print(f"  archive  {count / (stored - extracted):10.0f} items/s")
    print(f"  total    {count / (stored - started):10.0f} items/s")
    bench_news_extract(as_news(items, rng))


def fill(archive: Archive, statements: int, rng: random.Random) -> None:
    source = Source("Bulk", "feed", "https://example.org/bulk", 300)
    archive.sync_config(MPS, [source])
    state = archive.source_state(source)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    db = archive.db
    mp_ids = [r["id"] for r in db.query("SELECT id FROM mps")]
    with db.atomic():
        for n in range(statements):
            when = (start + timedelta(minutes=n)).isoformat()
            item = db.execute(
                "INSERT INTO items (source_id, key, title, text, published_at, first_seen_at)"
                " VALUES (?, ?, '', '', ?, ?)",
                [state.id, f"k{n}", when, when],
            ).lastrowid
            db.execute(
                "INSERT INTO statements (item_id, mp_id, kind, text, said_at, confidence,"
                " fingerprint, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                [
                    item,
                    rng.choice(mp_ids),
                    rng.choice(["statement", "endorsement"]),
                    sentence(rng),
                    when,
                    f"f{n}",
                    when,
                ],
            )


def bench_search(archive: Archive, statements: int, rng: random.Random) -> None:
    started = time.perf_counter()
    fill(archive, statements, rng)
    print(f"\nstatements: {statements} (filled in {time.perf_counter() - started:.1f}s)")
    queries = {
        "a word": dict(query="leadership"),
        "a phrase": dict(query='"leadership contest"'),
        "a prefix": dict(query="constitu*"),
        "by MP and kind": dict(query="support", mp="Member 7", kind="endorsement"),
    }
    for label, args in queries.items():
        timings = []
        for _ in range(30):
            t = time.perf_counter()
            archive.search(**args, limit=20)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - t) * 1000)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"  {label:16} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        archive = Archive(Path(folder) / "bench.db")
        bench_pipeline(archive, args.items, rng)
        bench_search(archive, args.statements, rng)
        archive.close()


if __name__ == "__main__":
    main()
