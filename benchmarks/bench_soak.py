"""Whether a long-running watcher holds its memory and open files flat, round after round.

    python benchmarks/bench_soak.py [--sources 2000] [--rounds 8] [--changed 0.1] [--trace]

Serves --sources news feeds from a local HTTP server, writes a sources.yaml naming them all,
and polls every one of them --rounds times through the daemon's own parts (one archive, one
HTTP client, one mailer, kept open as the daemon keeps them), a --changed share of the feeds
gaining a new item before each round. Prints one line a round (seconds, RSS, open file
descriptors, archive size), then the growth from the first round after warm-up to the last.
--trace adds tracemalloc's largest growths between those two rounds, by line; it slows
the rounds several times and its own bookkeeping counts in the RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.httpserver import FixtureServer, RecordedRequest

from watcher.config import load_config
from watcher.pipeline import poll_source
from watcher.scheduler import Parts, open_parts

WARM_UP = 2  # rounds before the baseline: the first fills the archive and the caches
ITEMS = 10  # items a feed starts with
KEPT = 20  # items a feed keeps, as real feeds drop their oldest
WORDS = ("budget", "housing", "health", "members", "vote", "union", "campaign", "policy")
# Statements spread over the register, as in the news: a story is matched only against the same
# MP's recent statements, so a thousand sayings by one MP would measure that matching instead.
REGISTER = Path(__file__).resolve().parent.parent / "watcher" / "data" / "mps.csv"
NAMES = tuple(row["name"] for row in csv.DictReader(REGISTER.open(encoding="utf-8")))
SAYINGS = (
    '{name} said: "The party must listen to its members on {topic}."',
    "{name} told the conference that {topic} would decide the next election.",
    "Ministers were asked about {topic} and declined to comment.",
)


class Server(FixtureServer):
    """The tests' fixture server, without its log of every request: the soak would otherwise
    count that log's growth as the watcher's."""

    def _record(self, request: RecordedRequest) -> None:
        pass


@dataclass
class Feed:
    """One served feed; it grows by an item when the round changes it."""

    path: str
    items: list[str] = field(default_factory=list)
    count: int = 0


def item(feed: Feed, rng: random.Random, when: datetime) -> str:
    feed.count += 1
    topic = " ".join(rng.choice(WORDS) for _ in range(3))
    text = rng.choice(SAYINGS).format(name=rng.choice(NAMES), topic=topic)
    filler = " ".join(rng.choice(WORDS) for _ in range(40)).capitalize()
    link = f"http://example.org{feed.path}{feed.count}"
    return (
        f"<item><title>{escape(topic.capitalize())}</title><guid>{link}</guid>"
        f"<link>{link}</link><pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{escape(f'<p>{text}</p><p>{filler}.</p>')}</description></item>"
    )


def publish(server: FixtureServer, feed: Feed, rng: random.Random, when: datetime) -> None:
    feed.items.insert(0, item(feed, rng, when))
    del feed.items[KEPT:]
    server.set_feed(
        feed.path,
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Feed {feed.path}</title><link>http://example.org/</link>"
        + "".join(feed.items)
        + "</channel></rss>",
    )


def write_config(folder: Path, urls: list[str]) -> Path:
    lines = [
        "settings:",
        "  archive: soak.db",
        "  timeout: 10s",
        "  retries: 0",
        "  per_host: 16",
        "  track: all_mps",
        "mps:",
        "  - {name: Ian Lavery, aliases: [Mr Lavery], party: Labour,"
        " constituency: Blyth and Ashington}",
        "news:",
        *(f'  - {{kind: feed, url: "{url}"}}' for url in urls),
        "notify:",
        '  from: "Watcher <alerts@example.org>"',
        "  outbox_dir: outbox",
        "  subscriptions:",
        "    - {to: desk@example.org, mps: all, kinds: all}",
    ]
    path = folder / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def archive_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("soak.db*")) / 1e6


async def one_round(parts: Parts) -> tuple[int, int]:
    """Every source polled at once, then the outbox sent; the count of failures and alerts."""
    sources = parts.config.sources
    outcomes = await asyncio.gather(*(poll_source(s, parts.ctx, force=True) for s in sources))
    await parts.deliver()
    return sum(o.failed for o in outcomes), sum(o.alerts for o in outcomes)


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss: float
    fds: int
    archive: float


async def soak(args: argparse.Namespace, folder: Path, server: FixtureServer) -> list[Sample]:
    rng = random.Random(1)
    start = datetime.now(UTC) - timedelta(hours=2)
    feeds = [Feed(f"/feed/{n}/") for n in range(args.sources)]
    for feed in feeds:
        for minute in range(ITEMS):
            publish(server, feed, rng, start + timedelta(minutes=minute))
    config = load_config(write_config(folder, [server.url(f.path) for f in feeds]), {})
    samples: list[Sample] = []
    snapshot: tracemalloc.Snapshot | None = None
    async with open_parts(config) as parts:
        for number in range(1, args.rounds + 1):
            if number > 1:
                now = datetime.now(UTC).replace(microsecond=0)
                for feed in rng.sample(feeds, int(len(feeds) * args.changed)):
                    publish(server, feed, rng, now)
            started = time.perf_counter()
            failed, alerts = await one_round(parts)
            seconds = time.perf_counter() - started
            gc.collect()
            sample = Sample(seconds, rss_mb(), open_fds(), archive_mb(folder))
            samples.append(sample)
            print(
                f"round {number:3}  {sample.seconds:6.1f} s  RSS {sample.rss:7.1f} MB  "
                f"fds {sample.fds:4}  archive {sample.archive:6.1f} MB  "
                f"failed {failed}  alerts {alerts}",
                flush=True,
            )
            if args.trace and number == min(WARM_UP + 1, args.rounds):
                snapshot = tracemalloc.take_snapshot()
    if snapshot is not None:
        top = tracemalloc.take_snapshot().compare_to(snapshot, "lineno")
        print("\nlargest growths since the baseline round (tracemalloc):")
        for stat in top[:15]:
            print(f"  {stat}")
    return samples


def verdict(samples: list[Sample]) -> None:
    if len(samples) <= WARM_UP + 1:
        print("\ntoo few rounds to judge: run more than", WARM_UP + 1)
        return
    base, last = samples[WARM_UP], samples[-1]
    rounds = len(samples) - 1 - WARM_UP
    rss_growth = last.rss - base.rss
    fd_growth = last.fds - base.fds
    # A few MB is the allocator settling; a leak keeps climbing with every round.
    rss_flat = rss_growth <= max(8.0, base.rss * 0.05)
    print(f"\nfrom round {WARM_UP + 1} to round {len(samples)} ({rounds} rounds):")
    print(
        f"  RSS       {base.rss:7.1f} -> {last.rss:7.1f} MB  "
        f"({rss_growth:+.1f} MB, {rss_growth / rounds:+.2f} MB a round)  "
        + ("flat" if rss_flat else "GROWING")
    )
    print(
        f"  open fds  {base.fds:7} -> {last.fds:7}     ({fd_growth:+d})  "
        + ("flat" if fd_growth <= 0 else "GROWING")
    )
    print(f"  archive   {base.archive:7.1f} -> {last.archive:7.1f} MB (grows with the items)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument(
        "--changed", type=float, default=0.1, help="share of feeds with a new item each round"
    )
    parser.add_argument("--trace", action="store_true", help="tracemalloc top growths")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start(5)
    print(f"sources: {args.sources}  rounds: {args.rounds}  changed a round: {args.changed:.0%}")
    with tempfile.TemporaryDirectory() as folder, Server() as server:
        samples = asyncio.run(soak(args, Path(folder), server))
    verdict(samples)


if __name__ == "__main__":
    main()
