"""Alerts a desk can trust, end to end: real feeds over HTTP, a real archive, a real SMTP server.

Each test polls fixture feeds with the real pipeline and drains the outbox through aiosmtpd (or
a local webhook for Apprise), with a clock the test moves by hand.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import html
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import Entry, load, rss, write_config
from support.httpserver import FixtureServer
from support.mail import from_bytes, parts
from support.polling import Clock, polling, query
from support.smtpsink import SmtpSink
from support.webhook import Webhook

from watcher.cli import main
from watcher.config import Config
from watcher.notify.deliver import Channels, Delivering, DeliveryReport, deliver_pending
from watcher.notify.mailers import AppriseSender, make_mailer
from watcher.pipeline import PollContext, poll_source

pytestmark = pytest.mark.timeout(60)

T0 = datetime(2020, 1, 7, 9, 0, tzinfo=UTC)  # a Tuesday morning, GMT
WEB = "https://watcher.example.org"
DECLINES = (
    "I will not be standing in the leadership contest. "
    "I am throwing my full support behind Rebecca Long-Bailey."
)
REPORTED = (
    "Ian Lavery has ruled himself out of the Labour leadership contest. The Blyth and "
    f'Ashington MP said: "{DECLINES}"'
)
TRIMMED = (
    "Ian Lavery will not run. The Blyth and Ashington MP said: "
    '"I will not be standing in the leadership contest."'
)
OUTLETS = ("one", "two", "three")
HEADLINE = "Ian Lavery rules out Labour leadership bid, backs Rebecca Long Bailey"


def config_text(server: FixtureServer, smtp_port: int, subscription: str, extra: str = "") -> str:
    news = "\n".join(
        f'  - {{kind: feed, name: Daily {name.title()}, url: "{server.url(f"/{name}.xml")}"}}'
        for name in OUTLETS
    )
    return f"""\
settings: {{archive: watcher.db, timeout: 2s, retries: 0}}
mps:
  - name: Ian Lavery
    party: Labour
    constituency: Blyth and Ashington
    sources:
      - {{kind: feed, name: Lavery's site, url: "{server.url("/lavery.xml")}"}}
  - name: Rebecca Long Bailey
news:
{news}
notify:
  from: "Watcher <alerts@example.org>"
  admin: admin@example.org
  smtp: {{host: 127.0.0.1, port: {smtp_port}, timeout: 5s}}
  retry_initial: 1m
  retry_max: 10m
{extra}
  subscriptions:
{subscription}
"""


DESK = "    - {name: desk, to: desk@example.org, follow_ups: true}"


def setup(
    tmp_path: Path, server: FixtureServer, smtp_port: int, subscription: str = DESK, extra: str = ""
) -> Config:
    for path in ("/lavery.xml", *(f"/{name}.xml" for name in OUTLETS)):
        server.set_feed(path, rss([]))
    return load(write_config(tmp_path, config_text(server, smtp_port, subscription, extra)))


def post(server: FixtureServer, path: str, *entries: Entry) -> None:
    server.set_feed(path, rss(list(entries)))


def entry(key: str, text: str, published: datetime, title: str = "") -> Entry:
    return Entry(title or f"Item {key}", text, key, f"https://news.example/{key}", published)


async def poll_all(ctx: PollContext) -> None:
    for source in ctx.config.sources:
        await poll_source(source, ctx, force=True)


async def deliver(ctx: PollContext) -> DeliveryReport:
    channels = Channels(make_mailer(ctx.config.notify), AppriseSender())
    how = Delivering(ctx.config.notify, ctx.config.settings.zone, ctx.clock, WEB)
    return await deliver_pending(ctx.archive, channels, how)


def subjects(sink: SmtpSink) -> list[str]:
    return [str(m.message["Subject"]) for m in sink.messages]


# --- one alert per story ------------------------------------------------------------------


def test_a_story_in_three_outlets_and_the_mps_own_feed_gives_one_alert_and_one_follow_up(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0)

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", entry("one-1", REPORTED, T0 - timedelta(minutes=3)))
            await poll_all(ctx)
            assert await deliver(ctx) == DeliveryReport(sent=1)

            clock.advance(minutes=10)
            later = T0 + timedelta(minutes=8)
            post(http_server, "/two.xml", entry("two-1", REPORTED, later))
            post(http_server, "/three.xml", entry("three-1", TRIMMED, later))
            post(http_server, "/lavery.xml", entry("own-1", DECLINES, later, "Statement"))
            await poll_all(ctx)
            assert await deliver(ctx) == DeliveryReport(sent=1)  # the one follow-up

            clock.advance(minutes=20)
            await poll_all(ctx)
            assert await deliver(ctx) == DeliveryReport()

    asyncio.run(scenario())

    alert, follow_up = [from_bytes(m.raw) for m in smtp_server.messages]
    assert (
        alert["Subject"] == "Ian Lavery rules out Labour leadership bid, backs Rebecca Long Bailey"
    )
    assert follow_up["In-Reply-To"] == alert["Message-ID"]
    assert follow_up["References"] == alert["Message-ID"]
    assert str(follow_up["Subject"]).startswith("Re: Ian Lavery rules out")
    plain = parts(follow_up)[0]
    for source in ("Also reported by Daily Two", "Also reported by Daily Three"):
        assert source in plain
    assert plain.count("Also posted by the MP on his website") == 1
    assert plain.count("Also reported by") == 2  # one line per item, not per statement
    # In the archive every sighting joined one of the first report's two stories.
    stories = query(
        config.archive_path,
        "SELECT kind, count(*), count(DISTINCT item_id) FROM statements GROUP BY story_id"
        " ORDER BY kind",
    )
    assert stories == [("endorsement", 3, 3), ("leadership_declined", 4, 4)]


def test_without_follow_ups_later_sightings_send_nothing(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port, "    - {to: desk@example.org}")
    clock = Clock(T0)

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", entry("one-1", REPORTED, T0))
            await poll_all(ctx)
            clock.advance(minutes=5)
            post(http_server, "/two.xml", entry("two-1", REPORTED, T0 + timedelta(minutes=4)))
            await poll_all(ctx)
            await deliver(ctx)

    asyncio.run(scenario())
    assert len(smtp_server.messages) == 1


def test_a_report_of_one_event_of_a_post_that_told_two_joins_its_story(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port, "    - {to: desk@example.org}")
    clock = Clock(T0)
    backing = (
        'Ian Lavery has endorsed Rebecca Long-Bailey. "I am backing Rebecca Long-Bailey because '
        'she is the best person to lead us," the Blyth and Ashington MP said.'
    )

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/lavery.xml", entry("own-1", DECLINES, T0, "Statement"))
            await poll_all(ctx)
            clock.advance(minutes=30)
            post(http_server, "/one.xml", entry("one-1", backing, clock()))
            await poll_all(ctx)
            await deliver(ctx)

    asyncio.run(scenario())
    stories = query(
        config.archive_path,
        "SELECT kind, count(*) FROM statements GROUP BY story_id ORDER BY kind",
    )
    assert stories == [("endorsement", 2), ("leadership_declined", 1)]
    assert subjects(smtp_server) == [HEADLINE]


# --- the email ------------------------------------------------------------------------------


def test_the_alert_email_is_valid_mime_and_markup_in_a_statement_is_text(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    hostile = "Read this <script>alert(1)</script> and <img src=x onerror=alert(1)> today."
    config = setup(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0)
    text = f'Ian Lavery said: "{html.escape(hostile)}"'  # text, not markup, in the feed's HTML

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", entry("one-1", text, T0 - timedelta(minutes=2)))
            await poll_all(ctx)
            await deliver(ctx)

    asyncio.run(scenario())
    [received] = smtp_server.messages
    message = from_bytes(received.raw)
    one_click, by_mail = message["List-Unsubscribe"].split(", ")
    assert one_click.startswith(f"<{WEB}/unsubscribe?s=desk&to=desk%40example.org&t=")
    assert by_mail == "<mailto:admin@example.org?subject=unsubscribe%20desk>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].endswith("@example.org>")
    assert email.utils.parsedate_to_datetime(message["Date"]) == T0
    plain, rich = parts(message)
    assert hostile in plain
    soup = BeautifulSoup(rich, "html.parser")
    assert soup.find_all(["script", "img"]) == []
    assert hostile in soup.get_text()
    assert f"{WEB}/statements/1" in plain
    assert "Ian Lavery, Labour MP for Blyth and Ashington" in plain
    assert "First seen at 09:00 GMT on Tuesday 7 January 2020, 2 minutes after publication" in plain


def test_a_later_bid_shows_the_earlier_refusal(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0)
    bid = (
        "Ian Lavery has announced he will stand for the Labour leadership. "
        '"I am standing to be leader of the Labour Party," the Blyth and Ashington MP said.'
    )

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", entry("one-1", REPORTED, T0))
            await poll_all(ctx)
            await deliver(ctx)
            clock.advance(days=3)
            post(http_server, "/two.xml", entry("two-1", bid, clock() - timedelta(minutes=5)))
            await poll_all(ctx)
            await deliver(ctx)

    asyncio.run(scenario())
    first, second = (from_bytes(m.raw) for m in smtp_server.messages)
    assert "announces bid" in str(second["Subject"])
    plain, rich = parts(second)
    assert "Reversal: on Tuesday 7 January 2020 Ian Lavery ruled out" in plain
    assert "I will not be standing in the leadership contest" in plain
    assert "Reversal: on Tuesday 7 January 2020" in BeautifulSoup(rich, "html.parser").get_text()
    assert "Reversal" not in parts(first)[0]


# --- quiet hours and digests ----------------------------------------------------------------


QUIET = "    - {name: night, to: night@example.org, quiet_hours: {from: '22:00', to: '07:00'}}"
ROUTINE = 'Ian Lavery said: "Coalfield communities deserve better from this government."'
RESIGNS = 'Ian Lavery has resigned. "I have today resigned as chair of the Labour Party," he said.'


def test_quiet_hours_hold_a_routine_statement_and_let_a_resignation_through(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port, QUIET)
    night = datetime(2020, 1, 7, 23, 30, tzinfo=UTC)
    clock = Clock(night)

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", entry("one-1", ROUTINE, night - timedelta(minutes=5)))
            post(http_server, "/two.xml", entry("two-1", RESIGNS, night - timedelta(minutes=4)))
            await poll_all(ctx)
            assert await deliver(ctx) == DeliveryReport(sent=1)
            assert "resigns" in subjects(smtp_server)[0]

            clock.now = datetime(2020, 1, 8, 6, 59, tzinfo=UTC)
            assert await deliver(ctx) == DeliveryReport()
            clock.now = datetime(2020, 1, 8, 7, 0, 30, tzinfo=UTC)
            assert await deliver(ctx) == DeliveryReport(sent=1)

    asyncio.run(scenario())
    assert "Coalfield communities" in subjects(smtp_server)[1]


DIGEST = "    - {name: hourly, to: digest@example.org, mode: digest, digest: hourly}"


def test_a_digest_holds_exactly_the_statements_since_the_last_one_across_a_restart(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port, DIGEST)
    clock = Clock(T0 + timedelta(minutes=10))
    said = {
        "a": "Coalfield communities deserve better from this government.",
        "b": "Our towns need investment in buses and trains now.",
        "c": "The pit villages built this party and it must remember them.",
        "d": "Energy bills are crushing pensioners across the North East.",
    }

    def report(key: str) -> Entry:
        return entry(key, f'Ian Lavery said: "{said[key]}"', clock() - timedelta(minutes=1))

    async def before_restart() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", report("a"))
            await poll_all(ctx)
            assert await deliver(ctx) == DeliveryReport()  # 09:00's digest had nothing
            clock.now = T0 + timedelta(minutes=20)
            post(http_server, "/two.xml", report("b"))
            await poll_all(ctx)
            clock.now = T0 + timedelta(hours=1, seconds=30)
            assert await deliver(ctx) == DeliveryReport(sent=1)
            clock.now = T0 + timedelta(hours=1, minutes=5)
            post(http_server, "/three.xml", report("c"))
            await poll_all(ctx)

    async def after_restart() -> None:
        async with polling(config, clock) as ctx:
            clock.now = T0 + timedelta(hours=1, minutes=30)
            post(http_server, "/one.xml", report("a"), report("d"))  # a again: same story
            await poll_all(ctx)
            clock.now = T0 + timedelta(hours=2, seconds=10)
            assert await deliver(ctx) == DeliveryReport(sent=1)
            clock.now = T0 + timedelta(hours=2, minutes=1)
            assert await deliver(ctx) == DeliveryReport()

    asyncio.run(before_restart())
    asyncio.run(after_restart())
    first, second = (parts(from_bytes(m.raw))[0] for m in smtp_server.messages)
    assert [k for k in "abcd" if said[k] in first] == ["a", "b"]
    assert [k for k in "abcd" if said[k] in second] == ["c", "d"]
    assert all(m.rcpt_tos == ("digest@example.org",) for m in smtp_server.messages)


# --- SMTP down ------------------------------------------------------------------------------


def test_after_an_hour_without_smtp_everything_is_delivered_in_order(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    sink = SmtpSink()  # not listening yet
    config = setup(tmp_path, http_server, sink.port)
    clock = Clock(T0)
    texts = [
        "Coalfield communities deserve better from this government.",
        "Our towns need investment in buses and trains now.",
        "The pit villages built this party and it must remember them.",
        "Energy bills are crushing pensioners across the North East.",
    ]

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            for n in range(len(texts)):
                entries = [
                    entry(f"k{i}", f'Ian Lavery said: "{texts[i]}"', T0 + timedelta(minutes=15 * i))
                    for i in range(n + 1)
                ]
                post(http_server, "/one.xml", *entries)
                await poll_all(ctx)
                assert (await deliver(ctx)).sent == 0
                clock.advance(minutes=15)
            sink.start()
            clock.advance(minutes=10)  # past every retry time
            assert await deliver(ctx) == DeliveryReport(sent=4)
            clock.advance(minutes=30)
            assert await deliver(ctx) == DeliveryReport()

    try:
        asyncio.run(scenario())
        received = [parts(from_bytes(m.raw))[0] for m in sink.messages]
    finally:
        sink.stop()
    assert [next(i for i, t in enumerate(texts) if t in r) for r in received] == [0, 1, 2, 3]


def test_an_alert_queued_while_the_server_is_held_waits_its_turn(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    sink = SmtpSink()
    config = setup(tmp_path, http_server, sink.port, "    - {to: desk@example.org}")
    clock = Clock(T0)
    first = "Coalfield communities deserve better from this government."
    second = "Our towns need investment in buses and trains now."

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", entry("a", f'Ian Lavery said: "{first}"', T0))
            await poll_all(ctx)
            for attempt in range(4):  # down: the wait grows to 8 minutes
                if attempt:
                    clock.now = max(e.next_attempt_at for e in ctx.archive.outbox())
                assert (await deliver(ctx)).sent == 0
            sink.start()
            clock.advance(minutes=1)
            post(http_server, "/two.xml", entry("b", f'Ian Lavery said: "{second}"', clock()))
            await poll_all(ctx)
            assert await deliver(ctx) == DeliveryReport()  # the new alert waits too
            clock.advance(minutes=10)
            assert await deliver(ctx) == DeliveryReport(sent=2)

    try:
        asyncio.run(scenario())
        received = [parts(from_bytes(m.raw))[0] for m in sink.messages]
    finally:
        sink.stop()
    assert [first in received[0], second in received[1]] == [True, True]


# --- health warnings ----------------------------------------------------------------------


def test_a_source_broken_past_the_threshold_gives_one_warning_and_one_recovery(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port, extra="  health: {failing_after: 2h}")
    clock = Clock(T0)

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            await poll_all(ctx)  # every source well
            http_server.set_response("/two.xml", 500, b"oops")
            for _ in range(6):  # four hours and more of failures
                clock.advance(minutes=45)
                await poll_all(ctx)
                await deliver(ctx)
            states = {h.name: h.health for h in ctx.archive.source_health(config.sources)}
            assert states["Daily Two"] == "failing"
            assert states["Daily One"] == "ok"
            http_server.set_feed("/two.xml", rss([]))
            for _ in range(3):
                clock.advance(minutes=45)
                await poll_all(ctx)
                await deliver(ctx)

    asyncio.run(scenario())
    mails = smtp_server.messages
    assert [m.rcpt_tos for m in mails] == [("admin@example.org",)] * 2
    assert subjects(smtp_server) == [
        "Watcher: Daily Two is failing",
        "Watcher: Daily Two has recovered",
    ]
    assert "HTTP 500" in parts(from_bytes(mails[0].raw))[0]


# --- the outbox, for people ---------------------------------------------------------------


def test_an_alert_goes_dead_after_the_give_up_time_the_admin_is_told_once_and_retry_works(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    sink = SmtpSink()
    config = setup(tmp_path, http_server, sink.port, extra="  give_up_after: 2h")
    clock = Clock(T0)

    async def down_for_three_hours() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/one.xml", entry("one-1", ROUTINE, T0))
            await poll_all(ctx)
            for _ in range(18):
                clock.advance(minutes=10)
                await deliver(ctx)

    async def back() -> None:
        async with polling(config, clock) as ctx:
            clock.advance(minutes=10)
            assert await deliver(ctx) == DeliveryReport(sent=1)  # the notice
            clock.now = datetime.now(UTC) + timedelta(minutes=1)  # `retry` used the wall clock
            assert await deliver(ctx) == DeliveryReport(sent=1)  # the alert, sent again

    asyncio.run(down_for_three_hours())
    runner = CliRunner()
    listing = runner.invoke(main, ["outbox", "-c", str(config.path)])
    assert listing.exit_code == 0
    assert "#1 dead alert to desk@example.org: Ian Lavery [statement]" in listing.output
    assert "cannot reach SMTP server" in listing.output
    assert "failing notice to admin@example.org" in listing.output
    retry = runner.invoke(main, ["outbox", "retry", "1", "-c", str(config.path)])
    assert retry.exit_code == 0, retry.output
    assert runner.invoke(main, ["outbox", "retry", "99", "-c", str(config.path)]).exit_code == 1
    sink.start()
    try:
        asyncio.run(back())
    finally:
        sink.stop()
    notice, alert = (from_bytes(m.raw) for m in sink.messages)
    assert notice["Subject"] == "Watcher: 1 alert(s) could not be delivered"
    assert "#1 alert to desk@example.org" in parts(notice)[0]
    assert "Coalfield communities" in str(alert["Subject"])
    assert runner.invoke(main, ["outbox", "-c", str(config.path)]).output.startswith("outbox empty")


# --- other channels -------------------------------------------------------------------------


def test_apprise_urls_get_the_short_form_with_the_same_guarantees(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    with Webhook() as hook:
        subscription = f'    - {{name: chat, apprise: ["{hook.apprise_url()}"]}}'
        config = setup(tmp_path, http_server, smtp_server.port, subscription)
        clock = Clock(T0)

        async def scenario() -> None:
            async with polling(config, clock) as ctx:
                post(http_server, "/one.xml", entry("one-1", REPORTED, T0))
                hook.status = 500
                await poll_all(ctx)
                assert await deliver(ctx) == DeliveryReport(failed=1)
                hook.status = 200
                clock.advance(minutes=2)
                assert await deliver(ctx) == DeliveryReport(sent=1)
                clock.advance(minutes=2)
                assert await deliver(ctx) == DeliveryReport()

        asyncio.run(scenario())
        [posted] = hook.posts
    assert (
        posted["title"] == "Ian Lavery rules out Labour leadership bid, backs Rebecca Long Bailey"
    )
    assert "I will not be standing in the leadership contest" in posted["message"]
    assert "https://news.example/one-1" in posted["message"]
    assert smtp_server.messages == []
