"""The offline demo: its replayed site, its story, its folder, and the whole demo end to end."""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import httpx
import pytest
from support.polling import Clock
from support.process import plain_text, wait_until
from support.smtpsink import free_port

from watcher.cli import links_elsewhere
from watcher.config import Config, load_config
from watcher.demo.run import listen_for_page, poll_interval
from watcher.demo.site import Replay, SiteServer
from watcher.demo.story import STORY, Post
from watcher.demo.workspace import MARK, FolderInUse, Workspace, prepare, write_config
from watcher.extract import extract_statements
from watcher.models import FetchResult
from watcher.parse import items_from

REPO = Path(__file__).resolve().parent.parent
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BASE = "http://127.0.0.1:9"

# What the watcher must find in each post of the story: (MP, kind).
FOUND_IN = {
    "deputy-leadership-nominations-open": {
        ("Daniel Okafor", "leadership_bid"),
        ("Sarah Whitlock", "leadership_bid"),
    },
    "3kx7demo0001": {("Daniel Okafor", "statement")},
    "3kx7demo0002": {("Helen Carrow", "leadership_declined"), ("Helen Carrow", "endorsement")},
    "carrow-rules-herself-out": {
        ("Helen Carrow", "leadership_declined"),
        ("Helen Carrow", "endorsement"),
    },
    "ellery-backs-whitlock": {("Mark Ellery", "endorsement"), ("Mark Ellery", "statement")},
    "hadley-backs-okafor": {("Tom Hadley", "endorsement")},
    "3kx7demo0003": {("Daniel Okafor", "statement")},
    "whitlock-withdraws": {("Sarah Whitlock", "leadership_declined")},
    "ellery-switches-to-okafor": {("Mark Ellery", "endorsement")},
    "hadley-quits-to-run-campaign": {("Tom Hadley", "resignation")},
}
EVERY_ALERT = set().union(*FOUND_IN.values())


def pub_dates(replay: Replay, path: str) -> list[str]:
    page = replay.page(path, BASE)
    assert page is not None
    return re.findall(r"<pubDate>([^<]+)</pubDate>", page.body.decode())


# --- the replayed site -------------------------------------------------------------------------


def test_posts_appear_at_their_offsets() -> None:
    clock = Clock(START)
    replay = Replay(STORY, START, speed=1.0, clock=clock)
    carrow, courier = STORY.outlet("helen-carrow"), STORY.outlet("courier")
    her_post = next(p for p in STORY.posts if p.outlet == "helen-carrow")

    assert len(pub_dates(replay, courier.feed_path)) == 1  # the story opens with a report
    assert pub_dates(replay, carrow.feed_path) == []
    assert replay.page(carrow.item_path(her_post), BASE) is None

    clock.advance(seconds=her_post.at - 0.5)
    assert pub_dates(replay, carrow.feed_path) == []
    clock.advance(seconds=0.5)
    assert pub_dates(replay, carrow.feed_path) == ["Mon, 02 Mar 2026 09:00:20 GMT"]
    assert replay.page(carrow.item_path(her_post), BASE) is not None
    assert not replay.is_over()

    clock.advance(seconds=STORY.length)
    assert replay.is_over()
    assert len(replay.released()) == len(STORY.posts)


def test_speed_compresses_the_replay() -> None:
    clock = Clock(START)
    replay = Replay(STORY, START, speed=10.0, clock=clock)
    clock.advance(seconds=STORY.length / 10)
    assert replay.is_over()
    assert len(replay.released()) == len(STORY.posts)


def test_sources_are_polled_twice_between_posts_but_never_under_a_second() -> None:
    assert poll_interval(STORY, speed=1.0) == STORY.shortest_gap / 2
    assert poll_interval(STORY, speed=100.0) == 1.0


def test_conditional_gets_are_answered_with_304_until_the_feed_grows() -> None:
    clock = Clock(START)
    carrow = STORY.outlet("helen-carrow")
    her_post = next(p for p in STORY.posts if p.outlet == "helen-carrow")
    with SiteServer(Replay(STORY, START, speed=1.0, clock=clock)) as site, httpx.Client() as web:
        feed = site.base_url + carrow.feed_path
        first = web.get(feed)
        assert first.status_code == 200
        assert first.headers["content-type"].startswith("application/rss+xml")
        etag, modified = first.headers["etag"], first.headers["last-modified"]

        assert web.get(feed, headers={"If-None-Match": etag}).status_code == 304
        assert web.get(feed, headers={"If-Modified-Since": modified}).status_code == 304
        article = site.base_url + carrow.item_path(her_post)
        assert web.get(article).status_code == 404

        clock.advance(seconds=her_post.at)
        grown = web.get(feed, headers={"If-None-Match": etag, "If-Modified-Since": modified})
        assert grown.status_code == 200
        assert "I won't be standing for deputy leader" in grown.text
        assert grown.headers["etag"] != etag
        assert web.get(feed, headers={"If-Modified-Since": modified}).status_code == 200
        assert web.get(article).status_code == 200


# --- the story and its config --------------------------------------------------------------


@pytest.fixture
def demo_config(tmp_path: Path) -> Config:
    path = write_config(Workspace(tmp_path), STORY, BASE, page_port=8, interval=5)
    return load_config(path, {})


def test_the_config_tracks_the_cast_and_alerts_the_desk_by_file(demo_config: Config) -> None:
    assert [mp.name for mp in demo_config.mps] == [c.name for c in STORY.cast]
    assert {mp.party for mp in demo_config.mps} == {"Labour"}
    assert len(demo_config.sources) == len(STORY.outlets)
    assert all(s.url.startswith(BASE) and s.interval == 5 for s in demo_config.sources)
    assert demo_config.notify.smtp is None
    assert demo_config.notify.outbox_dir == demo_config.path.parent / "outbox"
    assert demo_config.web.base_url == "http://127.0.0.1:8"
    [contest] = demo_config.contests
    assert (contest.party, contest.post, contest.threshold) == ("Labour", "deputy leader", 3)
    (race,) = (s for s in demo_config.notify.subscriptions if s.contests)
    assert (race.contests, race.statements) == (frozenset({contest.name}), False)
    assert (demo_config.web.host, demo_config.web.port) == ("127.0.0.1", 8)


@pytest.mark.parametrize("post", STORY.posts, ids=[p.slug for p in STORY.posts])
def test_the_extractor_reads_each_post_as_the_story_means(demo_config: Config, post: Post) -> None:
    """Each post read the way a poll reads it: an MP's feed entry, or a news article's page."""
    replay = Replay(STORY, START, 1.0, Clock(START.replace(hour=10)))
    outlet = STORY.outlet(post.outlet)
    source = next(s for s in demo_config.sources if s.url == BASE + outlet.feed_path)
    path = outlet.feed_path if outlet.mp else outlet.item_path(post)
    page = replay.page(path, BASE)
    assert page is not None
    fetched = FetchResult(BASE + path, 200, page.body, page.content_type)
    items = [i for i in items_from(fetched, source) if i.url == BASE + outlet.item_path(post)]
    assert len(items) == 1
    found = extract_statements(items[0], demo_config.mps, demo_config.settings.zone)
    assert {(s.mp, s.kind) for s in found} == FOUND_IN[post.slug]


def test_a_folder_with_other_files_is_refused_and_a_past_demo_is_cleared(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FolderInUse):
        prepare(tmp_path)
    assert (tmp_path / "notes.txt").exists()

    past = prepare(tmp_path / "demo")
    write_config(past, STORY, BASE, page_port=8, interval=5)
    past.outbox.mkdir()
    (past.outbox / "old.eml").write_bytes(b"Subject: old\n\n")
    again = prepare(tmp_path / "demo")
    assert (again.folder / MARK).exists()
    assert not again.config.exists()
    assert list(again.outbox.iterdir()) == []


def test_run_watcher_demo_is_the_demo_command() -> None:
    result = subprocess.run(
        [sys.executable, "run_watcher.py", "--demo", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--exit-after-replay" in result.stdout


def test_the_page_takes_the_demo_port_else_any_free_one_and_says_so() -> None:
    preferred = free_port()
    sock, note = listen_for_page(None, preferred)
    with sock:
        assert (sock.getsockname()[1], note) == (preferred, "")
        sock.listen()  # a page served there now
        other, moved = listen_for_page(None, preferred)
        with other:
            taken = other.getsockname()[1]
            assert taken != preferred
            assert moved == f"Port {preferred} is in use, so the search page is on port {taken}."
        with pytest.raises(OSError, match="in use"):
            listen_for_page(preferred)  # asked for by --port: no other will do


def test_serve_notes_when_alerts_link_to_another_port() -> None:
    assert links_elsewhere("http://127.0.0.1:8765", 8080)
    assert not links_elsewhere("http://127.0.0.1:8765", 8765)
    assert not links_elsewhere("https://watch.example.org", 8080)  # behind a proxy
    assert not links_elsewhere(None, 8080)


# --- end to end ----------------------------------------------------------------------------


class DemoProcess:
    """`python -m watcher.demo ARGS` in the background, its output kept in a file."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.folder = folder
        self.log_path = folder.parent / "demo.log"
        env = {k: v for k, v in os.environ.items() if k != "WATCHER_CONFIG"}
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "watcher.demo", "--dir", str(folder), *args],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**env, "PYTHONUNBUFFERED": "1"},
            )

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def page_address(self) -> str:
        found = wait_until(
            lambda: re.search(r"search page: +(http://127\.0\.0\.1:\d+)/", self.output()),
            timeout=15,
            what="the search page's address",
        )
        assert found is not None
        return found.group(1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def start_demo(tmp_path: Path) -> Iterator[Callable[..., DemoProcess]]:
    """Start the demo in tmp_path/demo with the given options; killed at the end if need be."""
    started: list[DemoProcess] = []

    def start(*args: str) -> DemoProcess:
        started.append(DemoProcess(tmp_path / "demo", "--port", "0", *args))
        return started[-1]

    yield start
    for demo in started:
        demo.close()


def read_messages(outbox: Path) -> list[EmailMessage]:
    messages = []
    for path in outbox.glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        assert isinstance(message, EmailMessage)
        assert message["To"] == "politics-desk@example.org"
        messages.append(message)
    return messages


def read_alerts(outbox: Path) -> list[EmailMessage]:
    """The statement alerts: the contest's messages are notices."""
    return [m for m in read_messages(outbox) if m["X-Watcher-Message"] == "alert"]


def contest_subjects(outbox: Path) -> set[str]:
    return {str(m["Subject"]) for m in read_messages(outbox) if m["X-Watcher-Message"] == "notice"}


def alerts_in(outbox: Path) -> set[tuple[str, str]]:
    """(MP, kind) of every statement alerted in the outbox; one alert may carry several."""
    found = set()
    for message in read_alerts(outbox):
        mps = str(message["X-Watcher-MP"]).split(", ")
        kinds = str(message["X-Watcher-Kind"]).split(", ")
        found |= {(mp, kind) for mp in mps for kind in kinds}
    return found


def quote_of(alert: EmailMessage) -> str:
    """The first paragraph of the alert's quote."""
    found = re.search(r"^“(.+?)”?$", plain_text(alert), re.MULTILINE)
    assert found, plain_text(alert)
    return found.group(1)


def words(text: str) -> str:
    """A page's or a message's words, without markup, entities or line breaks."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.mark.slow
def test_the_demo_alerts_the_desk_and_the_page_is_served(
    start_demo: Callable[..., DemoProcess],
) -> None:
    demo = start_demo("--speed", "20")
    page = demo.page_address()
    outbox = demo.folder / "outbox"
    wait_until(lambda: alerts_in(outbox) >= EVERY_ALERT, timeout=25, what="every alert")
    assert "alert 1: " in demo.output()
    assert "Press Ctrl-C to stop." in demo.output()
    wait_until(lambda: "stays up until" in demo.output(), timeout=10, what="the end of the story")

    listing = httpx.get(page + "/", timeout=5)
    assert listing.status_code == 200
    for alert in read_alerts(outbox):
        assert words(quote_of(alert)) in words(listing.text)
        assert all(mp in listing.text for mp in str(alert["X-Watcher-MP"]).split(", "))
    contest = httpx.get(page + "/contests", timeout=5).text
    assert "Daniel Okafor: 3 of 3 backers" in contest
    found = httpx.get(page + "/", params={"q": "deputy"}, timeout=5).text
    assert all(name in found for name in ("Helen Carrow", "Sarah Whitlock", "Daniel Okafor"))
    assert "Eastbridge Community Hospital" not in words(found)  # a post without the word

    demo.process.send_signal(signal.SIGTERM)
    assert demo.process.wait(timeout=10) == 0
    assert "Stopped." in demo.output()


@pytest.mark.slow
def test_the_demo_can_stop_by_itself_when_the_story_is_told(
    start_demo: Callable[..., DemoProcess],
) -> None:
    demo = start_demo("--speed", "50", "--exit-after-replay")
    assert demo.process.wait(timeout=25) == 0, demo.output()
    assert "every alert has been delivered." in demo.output()
    assert "stops by itself once the story is told" in demo.output()
    assert "Press Ctrl-C" not in demo.output()
    page = demo.page_address()
    config = load_config(demo.folder / "sources.yaml", {})
    assert f"http://127.0.0.1:{config.web.port}" == page  # where `watcher serve -c` serves
    assert f"their links open {page}/." in demo.output()
    assert f"watcher serve -c {demo.folder / 'sources.yaml'}" in demo.output()
    for alert in read_alerts(demo.folder / "outbox"):
        links = re.findall(r"http://127\.0\.0\.1:\d+/statements/\d+", plain_text(alert))
        assert links
        assert all(link.startswith(page + "/") for link in links)
    assert alerts_in(demo.folder / "outbox") == EVERY_ALERT
    contest = f"Labour deputy leadership {datetime.now(UTC).year}"
    assert {
        f"{contest}: Sarah Whitlock withdraws",
        f"{contest}: Mark Ellery switches from Sarah Whitlock to Daniel Okafor",
        f"{contest}: Daniel Okafor reaches 3 MPs' backing",
    } <= contest_subjects(demo.folder / "outbox")
