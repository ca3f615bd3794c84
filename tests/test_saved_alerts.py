"""Saved alerts and one-click unsubscribe: the rules, the archive, and the daemon's delivery
through a real SMTP server. The page and the browser are in test_alerts_web.py and
test_alerts_browser.py."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import load, rss, write_config
from support.httpserver import FixtureServer
from support.mail import from_bytes, parts
from support.polling import Clock, polling, query
from support.smtpsink import SmtpSink
from test_alerts import DECLINES, config_text, deliver, entry, poll_all, post

from watcher.archive import Archive
from watcher.config import Config, NotifySettings
from watcher.errors import ConfigError
from watcher.models import MP
from watcher.notify.saved import as_subscription, checked_choice, live_subscriptions
from watcher.pipeline import LiveConfig, poll_source
from watcher.saved_alerts import SavedAlert, make_choice
from watcher.scheduler import open_parts
from watcher.unsubscribe import Unsubscribe, unsubscribe_link, unsubscribe_token

T0 = datetime(2020, 1, 7, 9, 0, tzinfo=UTC)
KEY = b"k" * 32
WEB = "https://watcher.example.org"
LAVERY = MP("Ian Lavery", party="Labour")


def link_params(link: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}


# --- the signed link ------------------------------------------------------------------------


def test_a_link_is_good_for_its_own_address_and_subscription_only() -> None:
    link = unsubscribe_link(WEB, KEY, "desk", "Desk <Desk@Example.org>")
    assert link.startswith(f"{WEB}/unsubscribe?s=desk&to=desk%40example.org&t=")
    params = link_params(link)
    assert Unsubscribe.from_params(params).is_valid(KEY)
    forged = [
        {**params, "to": "editor@example.org"},  # another address
        {**params, "s": "politics"},  # another subscription
        {**params, "t": unsubscribe_token(KEY, "desk", "editor@example.org")},  # another's token
        {**params, "t": params["t"][:-1] + ("A" if params["t"][-1] != "A" else "B")},
        {**params, "t": ""},
        {"s": "desk", "to": "desk@example.org"},
    ]
    for changed in forged:
        assert not Unsubscribe.from_params(changed).is_valid(KEY), changed
    assert not Unsubscribe.from_params(params).is_valid(b"another key of 32 bytes........")


# --- the rules ------------------------------------------------------------------------------


def saved(search: str, mode: str = "immediate", source: str | None = None) -> SavedAlert:
    choice = make_choice("Lavery", "me@example.org", mode, search, source)
    return SavedAlert(7, "alice", choice, T0, T0)


def test_a_saved_search_becomes_a_subscription_that_wants_what_the_search_finds() -> None:
    subscription = as_subscription(saved("q=leadership&mp=Ian+Lavery&kind=endorsement&page=3"))
    assert subscription.name == "saved alert 7"
    assert subscription.shown_name == "Lavery"
    assert subscription.recipients == ("me@example.org",)
    assert subscription.wants(LAVERY, "endorsement", "Any source")
    assert not subscription.wants(LAVERY, "resignation", "Any source")
    assert not subscription.wants(MP("Rebecca Long Bailey"), "endorsement", "Any source")
    assert subscription.query == "leadership"
    assert not subscription.digest
    by_source = as_subscription(saved("source=4", "digest", source="The Chronicle"))
    assert by_source.sources == frozenset({"the chronicle"})
    assert by_source.digest


@pytest.mark.parametrize(
    ("address", "mode", "search", "message"),
    [
        ("not an address", "immediate", "", "is not an email address"),
        ("a@b.org\r\nBcc: x@y.org", "immediate", "", "is not an email address"),
        ("a@b.org", "weekly", "", "not 'weekly'"),
        ("a@b.org", "immediate", "kind=gossip", "unknown kind 'gossip'"),
        ("a@b.org", "immediate", "q=%22unclosed", "cannot search for"),
    ],
)
def test_a_choice_that_cannot_work_is_refused_in_words(
    address: str, mode: str, search: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        checked_choice("", address, mode, search)


def test_an_address_that_left_is_no_longer_a_recipient_of_that_subscription_only() -> None:
    config_subscription = as_subscription(saved("mp=Ian+Lavery"))
    settings = NotifySettings(
        "w@example.org", None, Path("out"), 1, 1, 1, (config_subscription,), 1, 1, 1
    )
    other = saved("q=brexit")
    left = {("saved alert 7", "me@example.org")}
    live = live_subscriptions(settings, [], left)
    assert live[0].recipients == ()
    assert live_subscriptions(settings, [other], set())[1].recipients == ("me@example.org",)


# --- in the archive -------------------------------------------------------------------------


def test_alerts_are_kept_per_owner_changed_and_deleted(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "watcher.db")
    choice = make_choice("Lavery", "me@example.org", "immediate", "mp=Ian+Lavery")
    first = archive.save_alert("alice", choice, T0)
    archive.save_alert("bob", choice, T0)
    assert [a.id for a in archive.saved_alerts("alice")] == [first]
    changed = make_choice("Lavery daily", "me@example.org", "digest", "mp=Ian+Lavery")
    assert not archive.change_alert(first, "bob", changed, T0)  # not bob's
    assert archive.change_alert(first, "alice", changed, T0 + timedelta(minutes=1))
    [alert] = archive.saved_alerts("alice")
    assert alert.choice == changed
    assert alert.updated_at == T0 + timedelta(minutes=1)
    assert not archive.delete_alert(first, "bob", T0)
    assert archive.delete_alert(first, "alice", T0)
    assert archive.saved_alerts("alice") == []
    assert len(archive.saved_alerts()) == 1
    assert len(archive.link_key()) == 32
    archive.close()


# --- through the daemon's delivery and a real SMTP server -----------------------------------

DESK = "    - {name: desk, to: [desk@example.org, editor@example.org]}"
SOURCE = "Lavery's site"


def setup(tmp_path: Path, server: FixtureServer, smtp_port: int) -> Config:
    for path in ("/lavery.xml", "/one.xml", "/two.xml", "/three.xml"):
        server.set_feed(path, rss([]))
    extra = f"web: {{base_url: '{WEB}'}}"
    text = config_text(server, smtp_port, DESK).replace("notify:", f"{extra}\nnotify:")
    return load(write_config(tmp_path, text))


def received(sink: SmtpSink) -> list[tuple[str, str]]:
    return sorted((str(m.message["To"]), str(m.message["Subject"])) for m in sink.messages)


def test_a_saved_alert_is_sent_like_a_subscription_and_a_link_stops_it(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0)
    archive = Archive(config.archive_path)
    choice = make_choice("Lavery declines", "me@example.org", "immediate", "q=leadership")
    archive.save_alert("alice", choice, T0)
    archive.close()

    async def round_of(key: str, text: str) -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/lavery.xml", entry(key, text, clock() - timedelta(minutes=1)))
            await poll_all(ctx)
            await deliver(ctx)
        clock.advance(days=5)  # a new story each time

    asyncio.run(round_of("own-1", DECLINES))
    recipients = [to for to, _ in received(smtp_server)]
    assert recipients == ["desk@example.org", "editor@example.org", "me@example.org"]
    mine = next(m for m in smtp_server.messages if m.message["To"] == "me@example.org")
    email = from_bytes(mine.raw)
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = email["List-Unsubscribe"].split(", ")[0].strip("<>")
    params = link_params(link)
    assert params["s"] == "saved alert 1"
    plain, rich = parts(email)
    assert "the watcher subscription “Lavery declines”" in plain
    assert f"Manage your alerts: {WEB}/alerts" in plain
    assert link in plain
    assert f'href="{WEB}/alerts"' in rich

    desk = next(m for m in smtp_server.messages if m.message["To"] == "editor@example.org")
    desk_link = from_bytes(desk.raw)["List-Unsubscribe"].split(", ")[0].strip("<>")
    archive = Archive(config.archive_path)
    for used in (params, link_params(desk_link)):
        unsubscribe = Unsubscribe.from_params(used)
        assert unsubscribe.is_valid(archive.link_key())
        archive.unsubscribe(unsubscribe.subscription, unsubscribe.address, clock())
    archive.close()

    before = len(smtp_server.messages)
    asyncio.run(round_of("own-2", DECLINES.replace("contest", "contest again")))
    after = smtp_server.messages[before:]
    assert [m.message["To"] for m in after] == ["desk@example.org"]
    assert query(config.archive_path, "SELECT count(*) FROM unsubscribed") == [(2,)]


def test_what_was_queued_before_the_address_left_is_not_sent(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0)

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(http_server, "/lavery.xml", entry("own-1", DECLINES, T0 - timedelta(minutes=1)))
            await poll_all(ctx)
            ctx.archive.unsubscribe("desk", "Editor@Example.org", clock())
            await deliver(ctx)

    asyncio.run(scenario())
    assert [to for to, _ in received(smtp_server)] == ["desk@example.org"]
    withdrawn = query(
        config.archive_path, "SELECT status, last_error FROM outbox WHERE recipient LIKE 'editor%'"
    )
    assert withdrawn == [("dead", "unsubscribed: not sent")]


def test_the_change_count_moves_with_every_write_to_alerts_and_unsubscriptions_only(
    tmp_path: Path,
) -> None:
    archive = Archive(tmp_path / "watcher.db")
    choice = make_choice("Lavery", "me@example.org", "immediate", "mp=Ian+Lavery")
    counts = [archive.subscription_changes()]
    alert = archive.save_alert("alice", choice, T0)
    counts.append(archive.subscription_changes())
    archive.change_alert(alert, "alice", choice, T0 + timedelta(minutes=1))
    counts.append(archive.subscription_changes())
    archive.unsubscribe("desk", "Me@Example.org", T0)
    counts.append(archive.subscription_changes())
    archive.delete_alert(alert, "alice", T0)
    counts.append(archive.subscription_changes())
    archive.link_key()  # another table: no change
    archive.unsubscribe("desk", "me@example.org", T0)  # already left: nothing written
    counts.append(archive.subscription_changes())
    archive.close()
    assert counts == [0, 1, 2, 3, 4, 4]


def test_the_live_config_is_built_again_only_after_a_change(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port)
    archive = Archive(config.archive_path)
    live = LiveConfig()
    first = live.config(config, archive)
    assert live.config(config, archive) is first
    choice = make_choice("Lavery declines", "me@example.org", "immediate", "q=leadership")
    page = Archive(config.archive_path)  # the page's own connection
    page.save_alert("alice", choice, T0)
    page.close()
    second = live.config(config, archive)
    assert second is not first
    assert [s.name for s in second.notify.subscriptions] == ["desk", "saved alert 1"]
    assert live.config(config, archive) is second
    archive.close()


def test_the_daemons_polls_follow_alerts_saved_and_left_on_the_page_from_the_next_poll(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0)
    page = Archive(config.archive_path)  # the page's process writes through its own
    choice = make_choice("Lavery declines", "me@example.org", "immediate", "q=leadership")
    queued: list[list[tuple[str, int]]] = []

    async def scenario() -> None:
        async with open_parts(config, clock) as parts:
            for step, key in enumerate(("own-1", "own-2", "own-3")):
                if step == 1:
                    page.save_alert("alice", choice, clock())
                if step == 2:
                    page.unsubscribe("saved alert 1", "me@example.org", clock())
                text = DECLINES.replace("contest", f"contest ({key})")
                post(http_server, "/lavery.xml", entry(key, text, clock() - timedelta(minutes=1)))
                for source in config.sources:
                    await poll_source(source, parts.ctx, force=True)
                queued.append(
                    query(
                        config.archive_path,
                        "SELECT subscription, count(*) FROM outbox GROUP BY subscription",
                    )
                )
                clock.advance(days=5)  # a new story each time

    asyncio.run(scenario())
    page.close()
    assert queued == [
        [("desk", 2)],
        [("desk", 4), ("saved alert 1", 1)],
        [("desk", 6), ("saved alert 1", 1)],
    ]


# --- the key ----------------------------------------------------------------------------------


def test_the_links_key_comes_from_the_environment_when_the_settings_name_it(
    tmp_path: Path,
) -> None:
    path = write_config(
        tmp_path,
        "mps:\n  - name: Ian Lavery\nweb: {link_secret_env: WATCHER_LINK_SECRET}\n",
    )
    assert load(path, {"WATCHER_LINK_SECRET": "s" * 32}).web.link_key == b"s" * 32
    with pytest.raises(ConfigError, match="WATCHER_LINK_SECRET is not set"):
        load(path, {})
    with pytest.raises(ConfigError, match="fewer than 32 characters"):
        load(path, {"WATCHER_LINK_SECRET": "short"})
    plain = write_config(tmp_path, "mps:\n  - name: Ian Lavery\n", "plain.yaml")
    assert load(plain).web.link_key is None  # the archive's own key is used


def test_a_saved_digest_alert_comes_as_the_hours_digest(
    tmp_path: Path, http_server: FixtureServer, smtp_server: SmtpSink
) -> None:
    config = setup(tmp_path, http_server, smtp_server.port)
    clock = Clock(T0 + timedelta(minutes=10))
    archive = Archive(config.archive_path)
    archive.save_alert("alice", make_choice("", "me@example.org", "digest", "mp=Ian+Lavery"), T0)
    archive.close()

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            post(
                http_server, "/lavery.xml", entry("own-1", DECLINES, clock() - timedelta(minutes=1))
            )
            await poll_all(ctx)
            await deliver(ctx)
            assert "me@example.org" not in [to for to, _ in received(smtp_server)]
            clock.advance(hours=1)
            await deliver(ctx)

    asyncio.run(scenario())
    mine = [m for m in smtp_server.messages if m.message["To"] == "me@example.org"]
    assert len(mine) == 1
    assert from_bytes(mine[0].raw)["X-Watcher-Message"] == "digest"
    assert "the watcher subscription “Ian Lavery”" in parts(from_bytes(mine[0].raw))[0]
