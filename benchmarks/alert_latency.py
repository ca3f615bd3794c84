"""How long an alert takes: from an item appearing on a site to the mail server accepting it.

    python benchmarks/alert_latency.py [--sources 200] [--interval 10] [--items 100]
                                       [--duration 120] [--seed 1]

Serves --sources RSS feeds from a local HTTP server and runs the real daemon on them
(`python run_watcher.py`, a process of its own, every source polled each --interval seconds)
with a local SMTP server (aiosmtpd) as its mail server. Once every source has been polled,
--items new items, each quoting a different MP, appear on random feeds at random times over
--duration seconds. Prints p50, p95 and max of the time from an item appearing to its alert
being accepted, split into the wait for the next poll (until the first request for the feed
after the item appeared) and the rest (fetch, parse, extract, archive, send). The target is a
p95 within the interval plus 2 seconds.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.httpserver import FixtureServer, RecordedRequest
from support.process import plain_text
from support.smtpsink import ReceivedMail, SmtpSink

from watcher.register import load_register

REPO = Path(__file__).resolve().parent.parent
OLD_ITEMS = 3  # items a feed starts with, days old and quoting nobody: nothing to alert
LINK = re.compile(r"http://example\.org/feed/\d+/item/\d+")
TOPICS = (
    "bus fares", "the hospital rebuild", "flood defences", "the steelworks", "rural broadband",
    "school meals", "the high street", "fishing quotas", "the rail timetable", "social care",
)  # fmt: skip


class Site(FixtureServer):
    """The fixture server, noting when each feed was last asked for rather than every
    request's headers."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: dict[str, list[float]] = {}
        self._asked_lock = threading.Lock()

    def _record(self, request: RecordedRequest) -> None:
        with self._asked_lock:
            self.asked.setdefault(request.path, []).append(time.monotonic())

    def first_request_after(self, path: str, moment: float) -> float | None:
        with self._asked_lock:
            return next((t for t in self.asked.get(path, []) if t >= moment), None)


class Inbox(SmtpSink):
    """The SMTP sink, noting when each mail was accepted."""

    def __init__(self) -> None:
        super().__init__()
        self.accepted: list[tuple[float, ReceivedMail]] = []

    def _add(self, mail: ReceivedMail) -> None:
        self.accepted.append((time.monotonic(), mail))
        super()._add(mail)


@dataclass
class Feed:
    path: str
    items: list[str] = field(default_factory=list)
    count: int = 0


def item_xml(feed: Feed, name: str | None, topic: str, when: datetime) -> tuple[str, str]:
    """A news item quoting `name` about `topic` (or quoting nobody), and its link."""
    feed.count += 1
    link = f"http://example.org{feed.path}item/{feed.count}"
    text = f'{name} said: "We will keep fighting for {topic} in this constituency."'
    if name is None:
        text = f"The council has published its plans for {topic}."
    xml = (
        f"<item><title>{escape(topic.capitalize())}</title><guid>{link}</guid>"
        f"<link>{link}</link><pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{escape(f'<p>{text}</p>')}</description></item>"
    )
    return xml, link


def publish(site: Site, feed: Feed, xml: str) -> None:
    feed.items.insert(0, xml)
    site.set_feed(
        feed.path,
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Feed {feed.path}</title><link>http://example.org/</link>"
        + "".join(feed.items)
        + "</channel></rss>",
    )


def write_config(folder: Path, urls: Sequence[str], interval: float, smtp_port: int) -> Path:
    lines = [
        "settings:",
        "  archive: latency.db",
        f"  interval: {interval:g}s",
        "  timeout: 5s",
        "  retries: 0",
        "  per_host: 16",
        "  track: all_mps",
        "mps:",
        "  - {name: Ian Lavery}",
        "news:",
        *(f'  - {{kind: feed, url: "{url}"}}' for url in urls),
        "notify:",
        '  from: "Watcher <alerts@example.org>"',
        f"  smtp: {{host: 127.0.0.1, port: {smtp_port}, timeout: 5s}}",
        "  subscriptions:",
        "    - {to: desk@example.org, mps: all, kinds: all}",
    ]
    path = folder / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_polled(log: Path, sources: int, timeout: float) -> None:
    """Until the daemon's log shows a poll of every source."""
    deadline = time.monotonic() + timeout
    while log.read_text(errors="replace").count("poll source=") < sources:
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:]
            raise SystemExit(f"the daemon did not poll every source in {timeout:.0f}s:\n{tail}")
        time.sleep(0.2)


def alert_times(inbox: Inbox) -> dict[str, float]:
    """When each item's first alert was accepted, by the item's link."""
    first: dict[str, float] = {}
    for accepted, mail in list(inbox.accepted):
        for link in LINK.findall(plain_text(mail.message)):
            first.setdefault(link, accepted)
    return first


def percentiles(values: Sequence[float]) -> str:
    if not values:
        return "no values"
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):5.2f} s   p95 {p95:5.2f} s   max {ordered[-1]:5.2f} s"


def run(args: argparse.Namespace, folder: Path, site: Site, inbox: Inbox) -> None:
    rng = random.Random(args.seed)
    names = [mp.name for mp in load_register()]
    rng.shuffle(names)
    old = datetime.now(UTC) - timedelta(days=3)
    feeds = [Feed(f"/feed/{n}/") for n in range(args.sources)]
    for feed in feeds:
        for _ in range(OLD_ITEMS):
            publish(site, feed, item_xml(feed, None, rng.choice(TOPICS), old)[0])
    config = write_config(folder, [site.url(f.path) for f in feeds], args.interval, inbox.port)
    log = folder / "daemon.log"
    with log.open("wb") as out:
        daemon = subprocess.Popen(
            [sys.executable, str(REPO / "run_watcher.py"), "-c", str(config)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        measure(args, rng, names, feeds, site, inbox, log, daemon.pid)
    finally:
        daemon.terminate()
        daemon.wait(timeout=20)


def measure(
    args: argparse.Namespace,
    rng: random.Random,
    names: list[str],
    feeds: list[Feed],
    site: Site,
    inbox: Inbox,
    log: Path,
    pid: int,
) -> None:
    wait_polled(log, len(feeds), timeout=120)
    time.sleep(args.interval)  # the first round's stragglers and its follow-up polls
    print(f"every source polled; {args.items} items over {args.duration:g} s", flush=True)
    started, cpu_before = time.monotonic(), cpu_seconds(pid)
    moments = sorted(rng.uniform(0, args.duration) for _ in range(args.items))
    appeared: dict[str, tuple[float, str]] = {}
    for moment in moments:
        time.sleep(max(0.0, started + moment - time.monotonic()))
        feed = rng.choice(feeds)
        now = datetime.now(UTC).replace(microsecond=0)
        xml, link = item_xml(feed, names.pop(), rng.choice(TOPICS), now)
        publish(site, feed, xml)
        appeared[link] = (time.monotonic(), feed.path)
    deadline = time.monotonic() + 3 * args.interval + 10
    while len(alert_times(inbox).keys() & appeared.keys()) < len(appeared):
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    elapsed, cpu = time.monotonic() - started, cpu_seconds(pid) - cpu_before
    report(args, appeared, alert_times(inbox), site, elapsed, cpu)


def report(
    args: argparse.Namespace,
    appeared: dict[str, tuple[float, str]],
    alerted: dict[str, float],
    site: Site,
    elapsed: float,
    cpu: float,
) -> None:
    total, waits, rests = [], [], []
    for link, (moment, path) in appeared.items():
        if link not in alerted:
            continue
        total.append(alerted[link] - moment)
        polled = site.first_request_after(path, moment)
        if polled is not None:
            waits.append(polled - moment)
            rests.append(alerted[link] - polled)
    missing = len(appeared) - len(total)
    print(
        f"{args.sources} sources every {args.interval:g} s, {len(total)} alerts, {missing} missing"
    )
    print(f"  item to alert accepted   {percentiles(total)}")
    print(f"  item to its feed's poll  {percentiles(waits)}")
    print(f"  poll to alert accepted   {percentiles(rests)}")
    print(f"  daemon CPU {cpu:.1f} s over {elapsed:.0f} s ({cpu / elapsed:.0%} of one core)")
    target = args.interval + 2
    p95 = sorted(total)[max(0, round(0.95 * len(total)) - 1)] if total else float("inf")
    verdict = "meets" if p95 <= target and not missing else "MISSES"
    print(f"  target p95 <= {target:g} s: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between polls")
    parser.add_argument("--items", type=int, default=100, help="new items to alert on")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds they appear over")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.items > len(load_register()):
        parser.error("--items: at most one item an MP of the register")
    with tempfile.TemporaryDirectory() as folder, Site() as site, Inbox() as inbox:
        run(args, Path(folder), site, inbox)


if __name__ == "__main__":
    main()
