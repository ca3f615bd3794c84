"""The contest tally: 1,000 endorsements across 5 contests, from records and from an archive.

    python benchmarks/bench_contests.py [--endorsements 1000] [--rounds 20]

Prints the time of one tally of every contest: the pure tally over records in memory, and the
whole of what `watcher contest NAME` and the contest page do (reading the statements from a
SQLite archive, then the tally). Target: under 200 ms for all five contests. The archive is
made once in a temporary folder, through `Archive.record_poll` like a poll's findings.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from watcher.archive import Archive
from watcher.contests import Contest, ContestStatement, read_tally
from watcher.models import MP, Finding, Item, Kind, Source, Statement, Validators
from watcher.register import load_register

ZONE = ZoneInfo("Europe/London")
OPENS = date(2026, 9, 1)
CONTESTS = tuple(
    Contest(f"{party} {post} 2026", party, post, OPENS, date(2026, 10, 31), 80)
    for party, post in (
        ("Labour", "leader"),
        ("Labour", "deputy leader"),
        ("Conservative", "leader"),
        ("Liberal Democrat", "leader"),
        ("Green Party", "leader"),
    )
)
CANDIDATES_EACH = 4


def story(endorsements: int, mps: list[MP], seed: int = 7) -> list[Statement]:
    """Bids for each contest, then `endorsements` endorsements of their candidates by random
    MPs over six weeks, so that many MPs back someone twice (sightings) or switch."""
    rng = random.Random(seed)
    start = datetime.combine(OPENS, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    names = [mp.name for mp in mps]
    statements = []
    standing: list[str] = []
    for index, contest in enumerate(CONTESTS):
        for n in range(CANDIDATES_EACH):
            name = names[index * CANDIDATES_EACH + n]
            standing.append(name)
            statements.append(_said(name, "leadership_bid", contest.race, start))
    for n in range(endorsements):
        at = start + timedelta(minutes=rng.randrange(6 * 7 * 24 * 60))
        backer = rng.choice(names[len(standing) :])
        statements.append(_said(backer, "endorsement", rng.choice(standing), at, n))
    return statements


def _said(mp: str, kind: Kind, target: str, at: datetime, n: int = 0) -> Statement:
    return Statement(mp, kind, f"{mp} {kind} {target} {n}", target, at, None, "day")


def as_records(statements: list[Statement], mps: dict[str, MP]) -> list[ContestStatement]:
    return [
        ContestStatement(i, s.mp, mps[s.mp].party, s.kind, s.target, _at(s), _at(s))
        for i, s in enumerate(statements, start=1)
    ]


def _at(statement: Statement) -> datetime:
    assert statement.said_at is not None
    return statement.said_at


def build_archive(path: Path, statements: list[Statement], mps: list[MP]) -> None:
    source = Source("news", "feed", "https://example.org/feed", 300)
    archive = Archive(path)
    try:
        archive.sync_config(mps, [source])
        state = archive.source_state(source)
        findings = [
            Finding(Item(source, f"k{i}", "t", s.text, None, s.said_at), (s,))
            for i, s in enumerate(statements)
        ]
        now = datetime(2026, 10, 20, tzinfo=UTC)
        archive.record_poll(state, Validators(), findings, now, now)
    finally:
        archive.close()


def timed(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and worst of `rounds` runs, in milliseconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endorsements", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    register = list(load_register())
    by_name = {mp.name: mp for mp in register}
    statements = story(args.endorsements, register)
    records = as_records(statements, by_name)

    def from_records(since: datetime | None, until: datetime | None) -> list[ContestStatement]:
        return records

    def tally_records() -> None:
        for contest in CONTESTS:
            read_tally(from_records, contest, register, ZONE)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "watcher.db"
        build_archive(path, statements, register)
        archive = Archive(path)
        try:

            def tally_archive() -> None:
                for contest in CONTESTS:
                    read_tally(archive.contest_statements, contest, register, ZONE)

            tally_archive()  # warm the page cache, as a running page would have it
            from_archive = timed(tally_archive, args.rounds)
        finally:
            archive.close()
    in_memory = timed(tally_records, args.rounds)
    print(f"{args.endorsements} endorsements across {len(CONTESTS)} contests, {args.rounds} runs")
    for label, (median, worst) in (
        ("tally, records in memory ", in_memory),
        ("read from archive + tally", from_archive),
    ):
        print(f"  {label}  median {median:6.1f} ms   worst {worst:6.1f} ms")
    print("  target: under 200 ms")


if __name__ == "__main__":
    main()
