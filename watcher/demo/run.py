"""Run the demo: the story's site, the real daemon polling it, and the search page, together.

Everything shares one event loop except the site, which answers from its own thread so that
the watcher fetches it over real HTTP like any other site. Setting `stop` (Ctrl-C, SIGTERM, or
the end of the replay with `exit_after_replay`) ends all of it.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from pathlib import Path
from zoneinfo import ZoneInfo

import uvicorn

from watcher.archive import Archive
from watcher.config import Config, load_config
from watcher.demo.site import Replay, SiteServer
from watcher.demo.story import STORY, Story
from watcher.demo.workspace import Workspace, prepare, write_config
from watcher.links import contest_page
from watcher.scheduler import run_daemon
from watcher.web import create_app

Say = Callable[[str], None]

DEMO_ZONE = "Europe/London"  # the demo's config keeps the default time zone
LAST_WAIT = 60.0  # seconds after the replay for the last alerts before giving up on them
# The search page's port unless --port says otherwise: fixed, so that the alerts' links, which
# the config records, still open the page when `watcher serve -c` serves it again later.
DEMO_PORT = 8765


@dataclass(frozen=True)
class DemoOptions:
    folder: Path | None = None  # None: a new temporary folder
    speed: float = 1.0  # 2.0 tells the story twice as fast
    port: int | None = None  # of the search page; None: DEMO_PORT if free; 0: any free port
    exit_after_replay: bool = False


def poll_interval(story: Story, speed: float) -> float:
    """Seconds between polls of a source: two polls in the shortest gap between two posts, so
    each is seen soon after it appears; never under the config's minimum of one second."""
    return max(1.0, round(story.shortest_gap / 2 / speed, 1))


def utc_now() -> datetime:
    return datetime.now(UTC)


async def run_demo(options: DemoOptions, stop: asyncio.Event, say: Say) -> int:
    """Run the demo until `stop` is set; say what is happening through `say`."""
    workspace = prepare(options.folder)
    listener, moved = listen_for_page(options.port)
    page_port = listener.getsockname()[1]
    replay = Replay(STORY, utc_now(), options.speed, utc_now)
    interval = poll_interval(STORY, options.speed)
    with listener, SiteServer(replay) as site:
        opens = replay.started.astimezone(ZoneInfo(DEMO_ZONE)).date()
        path = write_config(workspace, STORY, site.base_url, page_port, interval, opens)
        config = load_config(path, {})
        page = f"http://127.0.0.1:{page_port}"
        if moved:
            say(moved)
        announce(say, workspace, site.base_url, page, replay, contest_address(page, config))
        say(stop_hint(options.exit_after_replay))
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(run_daemon(config, stop))
            tasks.create_task(serve_page(config, listener, stop))
            tasks.create_task(follow(replay, config, stop, say, options.exit_after_replay))
    say(f"Stopped. The alerts are in {workspace.outbox}; their links open {page}/.")
    say("To search them again there, serve the page on the same port:")
    say(f"  watcher serve -c {workspace.config}")
    return 0


def stop_hint(exit_after_replay: bool) -> str:
    if exit_after_replay:
        return "The demo stops by itself once the story is told (Ctrl-C stops it sooner)."
    return "Press Ctrl-C to stop."


def listen_for_page(port: int | None, preferred: int = DEMO_PORT) -> tuple[socket.socket, str]:
    """The search page's socket, and a note when it is not on the port asked for: `port` if
    given (0: any free port), else `preferred`, or any free port when that one is taken."""
    if port is not None:
        return listen(port), ""
    try:
        return listen(preferred), ""
    except OSError:
        sock = listen(0)
        taken = sock.getsockname()[1]
        return sock, f"Port {preferred} is in use, so the search page is on port {taken}."


def contest_address(page: str, config: Config) -> str:
    """The page of the story's contest, which fills up as the story goes on."""
    return contest_page(page, config.contests[0].name)


def listen(port: int) -> socket.socket:
    """The search page's socket, bound now so that its address is known before the config is
    written (alerts link to it) and a port in use fails before anything starts."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        sock.close()
        raise
    return sock


def announce(
    say: Say, workspace: Workspace, site: str, page: str, replay: Replay, contest: str
) -> None:
    seconds = (replay.ends_at - replay.started).total_seconds()
    length = f"{seconds:.0f} seconds" if seconds < 90 else f"about {seconds / 60:.0f} minutes"
    say("The watcher's offline demo: a made-up story about a Labour deputy leadership race.")
    say(f"  search page:  {page}/")
    say(f"  contest page: {contest}")
    say(f"  demo site:    {site}/")
    say(f"  config:       {workspace.config}")
    say(f"  outbox:       {workspace.outbox}")
    say(f"The story unfolds over {length}; alerts are listed here as they land.")


async def serve_page(config: Config, listener: socket.socket, stop: asyncio.Event) -> None:
    """Serve the search page on `listener` until `stop` is set."""
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    serving = asyncio.create_task(server.serve(sockets=[listener]))
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        server.should_exit = True
        stop.set()  # uvicorn catches Ctrl-C itself while it serves: stop the rest too
        await serving


async def follow(
    replay: Replay, config: Config, stop: asyncio.Event, say: Say, exit_after_replay: bool
) -> None:
    """Say each alert as its .eml file lands in the outbox, then that the story is over once
    every post is archived and alerted; stop there if asked to, else leave the page up."""
    reported: set[Path] = set()
    deadline = replay.ends_at + timedelta(seconds=LAST_WAIT)
    told = False
    while not await wait_for(stop, 0.5):
        delivered = not told and replay.is_over() and is_all_delivered(config, replay.story)
        report_alerts(config.notify.outbox_dir, reported, say)  # after the check: none missed
        if told or not (delivered or utc_now() > deadline):
            continue
        told = True
        if delivered:
            say("The story is over and every alert has been delivered.")
        else:
            say(f"The story is over; some alerts did not arrive within {LAST_WAIT:.0f}s.")
        if exit_after_replay:
            stop.set()
        else:
            say("The search page stays up until you press Ctrl-C.")


def report_alerts(outbox: Path, reported: set[Path], say: Say) -> None:
    """Say the subject of each alert not reported yet, oldest first."""
    parser = BytesHeaderParser(policy=default_policy)
    for path in sorted(set(outbox.glob("*.eml")) - reported, key=lambda p: p.stat().st_mtime):
        reported.add(path)
        with path.open("rb") as handle:
            subject = parser.parse(handle).get("Subject", "")
        say(f"alert {len(reported)}: {subject}")


def is_all_delivered(config: Config, story: Story) -> bool:
    archive = Archive(config.archive_path)
    try:
        return archive.count("items") >= len(story.posts) and not archive.outbox()
    finally:
        archive.close()


async def wait_for(stop: asyncio.Event, seconds: float) -> bool:
    """Wait up to `seconds`; True if `stop` was set meanwhile."""
    if stop.is_set():
        return True
    try:
        await asyncio.wait_for(stop.wait(), max(0.0, seconds))
    except TimeoutError:
        return False
    return True
