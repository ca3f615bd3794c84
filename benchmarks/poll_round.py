"""A round of polling N feeds on one host: the watcher beside two bare clients, in one run.

    pip install -e '.[bench]'
    python benchmarks/poll_round.py [--sources 200 2000] [--latency 0 50] [--in-flight 50]
                                    [--changed 0.05] [--clients watcher httpx aiohttp]

Starts its own site in a process of its own: an aiohttp server of N RSS feeds of 20 items
(about a third quoting an MP of the register by name), answering If-None-Match and
If-Modified-Since with 304, after --latency milliseconds a response, with an endpoint that
changes a share of the feeds. Then, for every N and latency, each client polls all N feeds in
three rounds: cold (every feed new), warm (every answer a 304) and changed (--changed of the
feeds gain an item). Each client runs in a process of its own, so its CPU seconds and peak RSS
are its own:

- watcher: the watcher's own round, `run_once()`, as `watcher run --once` runs it (fetch,
  parse, extract, archive, outbox), the local host given `in_flight: --in-flight`;
- httpx: bare asyncio + httpx + feedparser, conditional GET, --in-flight requests at once;
- aiohttp: bare asyncio + aiohttp + lxml, conditional GET, --in-flight requests at once.

Prints, a round: wall seconds, sources a second, CPU seconds, peak RSS; the watcher's wall
time over each bare client's; the floor (N x latency / in flight) and the site's ceiling,
requests a second from the site's own CPU time per request.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Coroutine
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ITEMS = 20  # items a feed lists
ROUNDS = ("cold", "warm", "changed")
CLIENTS = ("watcher", "httpx", "aiohttp")
REGISTER = Path(__file__).resolve().parent.parent / "watcher" / "data" / "mps.csv"
WORDS = (
    *("budget", "housing", "health", "members", "vote", "union", "campaign", "policy"),
    *("council", "schools", "transport", "energy", "prices", "workers", "families"),
    *("hospital", "funding", "committee", "review", "plans", "local"),
)
QUOTES = (
    '{name} said: "The government must listen to {topic} before the next budget."',
    "{name} told the Commons that {topic} would decide the next election.",
    '"We will not stand by while {topic} is ignored," {name} said on Tuesday.',
)


# --- the site ----------------------------------------------------------------------------


def register_names() -> list[str]:
    with REGISTER.open(encoding="utf-8") as file:
        return [row["name"].removeprefix("Mr ").removeprefix("Ms ") for row in csv.DictReader(file)]


class Feed:
    """One served feed: its items, newest first, and its validators."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.items: list[str] = []
        self.count = 0
        self.version = 0
        self.modified = 0
        self.body = b""

    def add(self, rng: random.Random, names: list[str], when: datetime) -> None:
        self.count += 1
        topic = " ".join(rng.choice(WORDS) for _ in range(3))
        filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90)))
        lead = rng.choice(QUOTES).format(name=rng.choice(names), topic=topic)
        if rng.random() >= 1 / 3:
            lead = f"Councillors met to discuss {topic} and the plans for next year."
        link = f"https://news.example.org/{self.number}/story-{self.count}"
        html = f"<p>{lead}</p><p>{filler.capitalize()}.</p>"
        self.items.insert(
            0,
            f"<item><title>{escape(topic.capitalize())} in focus</title><link>{link}</link>"
            f"<guid isPermaLink='true'>{link}</guid><pubDate>{format_datetime(when)}</pubDate>"
            f"<description>{escape(html)}</description></item>",
        )
        del self.items[ITEMS:]
        self.version += 1
        self.modified = max(self.modified + 1, int(when.timestamp()))
        self.body = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Feed {self.number}</title><link>https://news.example.org/{self.number}/</link>"
            f"<description>Local news {self.number}</description>{''.join(self.items)}"
            "</channel></rss>"
        ).encode()

    @property
    def etag(self) -> str:
        return f'"{self.number}-{self.version}"'

    @property
    def last_modified(self) -> str:
        return format_datetime(datetime.fromtimestamp(self.modified, UTC), usegmt=True)


class Site:
    """N feeds, the same for the same seed, served with conditional GET after `latency`."""

    def __init__(self) -> None:
        self.feeds: list[Feed] = []
        self.latency = 0.0
        self.rng = random.Random(1)
        self.names = register_names()
        self.requests = 0
        self.not_modified = 0

    def reset(self, sources: int, latency_ms: float) -> None:
        self.rng = random.Random(1)
        self.latency = latency_ms / 1000
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3 * ITEMS)
        self.feeds = [Feed(n) for n in range(sources)]
        for feed in self.feeds:
            for step in range(ITEMS):
                feed.add(self.rng, self.names, start + timedelta(hours=3 * step))

    def change(self, share: float) -> int:
        now = datetime.now(UTC).replace(microsecond=0)
        chosen = self.rng.sample(self.feeds, round(len(self.feeds) * share))
        for feed in chosen:
            feed.add(self.rng, self.names, now)
        return len(chosen)

    def answer(self, number: int, etag: str | None, since: str | None) -> tuple[int, Feed]:
        feed = self.feeds[number]
        self.requests += 1
        if etag is not None:
            fresh = etag == feed.etag
        elif since is not None:
            fresh = _timestamp(since) >= feed.modified
        else:
            fresh = False
        self.not_modified += fresh
        return (304 if fresh else 200), feed


def _timestamp(http_date: str) -> float:
    try:
        return parsedate_to_datetime(http_date).timestamp()
    except (TypeError, ValueError):
        return 0.0


def serve() -> None:
    """Run the site until stdin closes; print its port first."""
    from aiohttp import web

    site = Site()

    async def feed(request: web.Request) -> web.StreamResponse:
        if site.latency:
            await asyncio.sleep(site.latency)
        number = int(request.match_info["number"])
        if not 0 <= number < len(site.feeds):
            raise web.HTTPNotFound()
        status, found = site.answer(
            number, request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")
        )
        headers = {"ETag": found.etag, "Last-Modified": found.last_modified}
        if status == 304:
            return web.Response(status=304, headers=headers)
        return web.Response(body=found.body, headers=headers, content_type="application/rss+xml")

    async def control(request: web.Request) -> web.Response:
        query = request.query
        action = request.match_info["action"]
        if action == "reset":
            site.reset(int(query["sources"]), float(query["latency"]))
        elif action == "change":
            return web.json_response({"changed": site.change(float(query["share"]))})
        elif action == "stats":
            pass
        cpu = resource.getrusage(resource.RUSAGE_SELF)
        return web.json_response(
            {
                "requests": site.requests,
                "not_modified": site.not_modified,
                "cpu": cpu.ru_utime + cpu.ru_stime,
            }
        )

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{number}.xml", feed)
        app.router.add_post("/_site/{action}", control)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        tcp = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
        await tcp.start()
        port = runner.addresses[0][1]
        print(port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await runner.cleanup()

    asyncio.run(main())


def site_call(base: str, action: str, **query: object) -> dict[str, Any]:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    request = urllib.request.Request(f"{base}/_site/{action}?{params}", method="POST")
    with urllib.request.urlopen(request) as response:
        answer: dict[str, Any] = json.load(response)
        return answer


# --- the clients -------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundFigures:
    name: str
    wall: float
    cpu: float
    peak_rss: float  # MB
    fetched: int  # 200s the client read
    items: int  # items the client found in them, or archived (the watcher)
    failed: int


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def reset_peak_rss() -> None:
    """Start the process's peak RSS (VmHWM) again from its RSS now (Linux)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Round = Callable[[], Coroutine[Any, Any, tuple[int, int]]]  # items, failed


def measure(name: str, one_round: Round, base: str) -> RoundFigures:
    """One round, and the site's count of the 200s it answered in it."""
    before = site_call(base, "stats")
    reset_peak_rss()
    cpu, started = cpu_seconds(), time.perf_counter()
    items, failed = asyncio.run(one_round())
    wall = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    after = site_call(base, "stats")
    fetched = (after["requests"] - after["not_modified"]) - (
        before["requests"] - before["not_modified"]
    )
    return RoundFigures(name, wall, cpu, peak_rss_mb(), fetched, items, failed)


def run_client(kind: str, base: str, sources: int, in_flight: int, share: float) -> None:
    """Three rounds of one client in this process; one JSON line a round."""
    urls = [f"{base}/feed/{n}.xml" for n in range(sources)]
    make = {"watcher": watcher_rounds, "httpx": httpx_rounds, "aiohttp": aiohttp_rounds}[kind]
    with tempfile.TemporaryDirectory() as folder:
        one_round = make(urls, in_flight, Path(folder))
        for name in ROUNDS:
            if name == "changed":
                site_call(base, "change", share=share)
            print(json.dumps(asdict(measure(name, one_round, base))), flush=True)


def watcher_rounds(urls: list[str], in_flight: int, folder: Path) -> Round:
    import logging

    from watcher.archive import Archive
    from watcher.config import load_config
    from watcher.scheduler import run_once

    logging.basicConfig(level=logging.ERROR)
    host = urls[0].split("/")[2].split(":")[0]
    lines = [
        "settings:",
        "  archive: bench.db",
        "  timeout: 20s",
        "  retries: 0",
        "  track: all_mps",
        f"  hosts: {{{host}: {{in_flight: {in_flight}}}}}",
        f"  in_flight: {max(in_flight, 100)}",
        "mps:",
        "  - {name: Ian Lavery}",
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
    config = load_config(path, {})
    archived = 0

    async def one_round() -> tuple[int, int]:
        nonlocal archived
        code = await run_once(config)
        archive = Archive(config.archive_path)
        try:
            total = archive.count("items")
        finally:
            archive.close()
        new, archived = total - archived, total
        return new, code

    return one_round


def httpx_rounds(urls: list[str], in_flight: int, folder: Path) -> Round:
    import feedparser
    import httpx

    validators: dict[str, dict[str, str]] = {}

    async def one_round() -> tuple[int, int]:
        limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
        gate = asyncio.Semaphore(in_flight)
        counts = [0, 0]
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:

            async def poll(url: str) -> None:
                async with gate:
                    try:
                        response = await client.get(url, headers=validators.get(url, {}))
                    except httpx.HTTPError:
                        counts[1] += 1
                        return
                if response.status_code == 200:
                    counts[0] += len(feedparser.parse(response.content).entries)
                    validators[url] = _conditional(response.headers)

            await asyncio.gather(*(poll(url) for url in urls))
        return counts[0], counts[1]

    return one_round


def aiohttp_rounds(urls: list[str], in_flight: int, folder: Path) -> Round:
    import aiohttp
    from lxml import etree  # type: ignore[import-untyped]

    validators: dict[str, dict[str, str]] = {}

    def items_in(body: bytes) -> int:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False))
        found = [
            (i.findtext("title"), i.findtext("link"), i.findtext("description"))
            for i in root.iter("item")
        ]
        return len(found)

    async def one_round() -> tuple[int, int]:
        gate = asyncio.Semaphore(in_flight)
        counts = [0, 0]
        connector = aiohttp.TCPConnector(limit=in_flight)
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

            async def poll(url: str) -> None:
                async with gate:
                    try:
                        async with session.get(url, headers=validators.get(url, {})) as response:
                            body = await response.read()
                            status, headers = response.status, response.headers
                    except aiohttp.ClientError:
                        counts[1] += 1
                        return
                if status == 200:
                    counts[0] += items_in(body)
                    validators[url] = _conditional(headers)

            await asyncio.gather(*(poll(url) for url in urls))
        return counts[0], counts[1]

    return one_round


def _conditional(headers: Any) -> dict[str, str]:
    sent = {}
    if etag := headers.get("etag"):
        sent["If-None-Match"] = etag
    if modified := headers.get("last-modified"):
        sent["If-Modified-Since"] = modified
    return sent


# --- the run -----------------------------------------------------------------------------


def client_run(
    kind: str, base: str, sources: int, latency: float, args: argparse.Namespace
) -> tuple[list[RoundFigures], float]:
    """The client's rounds, and the site's requests a second of its own CPU over them."""
    before = site_call(base, "reset", sources=sources, latency=latency)
    command = [
        sys.executable,
        __file__,
        "--client",
        kind,
        "--site",
        base,
        "--sources",
        str(sources),
        "--in-flight",
        str(args.in_flight),
        "--changed",
        str(args.changed),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"the {kind} client failed:\n{done.stderr[-3000:]}")
    after = site_call(base, "stats")
    rounds = [RoundFigures(**json.loads(line)) for line in done.stdout.splitlines() if line]
    requests = after["requests"] - before["requests"]
    cpu = after["cpu"] - before["cpu"]
    return rounds, requests / cpu if cpu else float("inf")


def report(sources: int, latency: float, args: argparse.Namespace, base: str) -> None:
    floor = sources * latency / 1000 / args.in_flight
    print(
        f"\nN = {sources} feeds of {ITEMS} items, {latency:g} ms a response, "
        f"{args.in_flight} in flight; floor {floor:.2f} s a round"
    )
    print(
        f"{'client':8} {'round':8} {'wall s':>8} {'sources/s':>10} {'CPU s':>7} "
        f"{'peak RSS MB':>11} {'200s':>6} {'items':>7} {'failed':>6}"
    )
    results: dict[str, list[RoundFigures]] = {}
    ceilings = []
    for kind in args.clients:
        rounds, ceiling = client_run(kind, base, sources, latency, args)
        results[kind] = rounds
        ceilings.append(ceiling)
        for r in rounds:
            print(
                f"{kind:8} {r.name:8} {r.wall:8.2f} {sources / r.wall:10.0f} {r.cpu:7.2f} "
                f"{r.peak_rss:11.1f} {r.fetched:6} {r.items:7} {r.failed:6}",
                flush=True,
            )
    print(f"site ceiling: {min(ceilings):,.0f} requests/s of its own CPU (one core)")
    if "watcher" in results:
        for kind in results.keys() - {"watcher"}:
            ratios = "  ".join(
                f"{w.name} {w.wall / b.wall:.1f}x"
                for w, b in zip(results["watcher"], results[kind], strict=True)
            )
            print(f"watcher / {kind} (wall): {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--latency", type=float, nargs="+", default=[0, 50], help="ms")
    parser.add_argument("--in-flight", type=int, default=50)
    parser.add_argument("--changed", type=float, default=0.05, help="share changed, round 3")
    parser.add_argument("--clients", nargs="+", choices=CLIENTS, default=list(CLIENTS))
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--client", choices=CLIENTS, help=argparse.SUPPRESS)
    parser.add_argument("--site", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    if args.client:
        run_client(args.client, args.site, args.sources[0], args.in_flight, args.changed)
        return
    command = [sys.executable, __file__, "--serve"]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    with subprocess.Popen(command, text=True, **pipes) as site:  # type: ignore[call-overload]
        assert site.stdout is not None
        assert site.stdin is not None
        base = f"http://127.0.0.1:{site.stdout.readline().strip()}"
        try:
            for sources in args.sources:
                for latency in args.latency:
                    report(sources, latency, args, base)
        finally:
            site.stdin.close()


if __name__ == "__main__":
    main()
