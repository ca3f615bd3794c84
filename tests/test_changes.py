"""Deleted and edited items: feeds polled over real HTTP, rechecks, the archive and the alerts."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from conftest import Entry, basic_config, load, rss, write_config
from starlette.testclient import TestClient
from support.httpserver import FixtureServer
from support.polling import Clock, polling, query

import watcher.archive as archive_module
from watcher.archive import MIGRATIONS, Archive
from watcher.changes import Archived, Change, DiffLine, deleted_from_feed, diff_lines
from watcher.config import Config
from watcher.errors import ConfigError
from watcher.models import Item, Source
from watcher.notify.changes import change_messages, change_text
from watcher.pipeline import poll_source
from watcher.recheck import recheck_items
from watcher.web import create_app

pytestmark = pytest.mark.timeout(30)

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
R = TypeVar("R")
LONDON = ZoneInfo("Europe/London")


def run(scenario: Coroutine[Any, Any, R]) -> R:
    return asyncio.run(scenario)


def post(server: FixtureServer, key: str, text: str, minutes_before: int) -> Entry:
    return Entry(
        f"Post {key}",
        text,
        key,
        server.url(f"/posts/{key}"),
        T0 - timedelta(minutes=minutes_before),
    )


def with_changes(path: Path, extra: str = "") -> Path:
    text = path.read_text().replace("kinds: all}", f"kinds: all, changes: true{extra}}}")
    return write_config(path.parent, text)


def config_for(tmp_path: Path, server: FixtureServer, **options: Any) -> tuple[Config, Source]:
    settings = "recheck: {every: 1h, within: 7d}"
    path = basic_config(
        tmp_path, mp_feeds=[server.url("/lavery.rss")], extra_settings=settings, **options
    )
    config = load(with_changes(path))
    return config, config.sources[0]


def changes_told(path: Path) -> list[tuple[str, str]]:
    rows = query(path, "SELECT subject, body FROM outbox WHERE kind = 'notice' ORDER BY id")
    return [(r[0], r[1]) for r in rows]


def versions(path: Path) -> list[tuple[str, str, str | None]]:
    rows = query(
        path,
        "SELECT i.key, v.status, v.detail FROM item_versions v"
        " JOIN items i ON i.id = v.item_id ORDER BY v.id",
    )
    return [(r[0], r[1], r[2]) for r in rows]


# --- telling a deletion from a short feed (pure) --------------------------------------------


def _item(key: str, minutes_before: int | None) -> Item:
    source = Source("s", "feed", "http://x/feed", 60.0, mp="Ian Lavery")
    published = None if minutes_before is None else T0 - timedelta(minutes=minutes_before)
    return Item(source, key, key, key, None, published)


def _archived(key: str, item_id: int, minutes_before: int | None) -> Archived:
    published = None if minutes_before is None else T0 - timedelta(minutes=minutes_before)
    return Archived(item_id, key, published)


def test_a_missing_entry_among_older_ones_is_deleted_but_not_one_below_them() -> None:
    archived = [_archived("new", 1, 10), _archived("mid", 2, 20), _archived("old", 3, 30)]
    listed = [_item("new", 10), _item("old", 30)]
    assert [a.key for a in deleted_from_feed(archived, listed)] == ["mid"]
    truncated = [_item("new", 10)]  # nothing older than the missing ones is listed
    assert deleted_from_feed(archived, truncated) == []
    assert deleted_from_feed(archived, []) == []


def test_entries_without_a_time_are_never_judged_deleted() -> None:
    archived = [_archived("undated", 1, None)]
    assert deleted_from_feed(archived, [_item("old", 30)]) == []
    assert deleted_from_feed([_archived("x", 1, 5)], [_item("undated", None)]) == []


# --- feeds polled ---------------------------------------------------------------------------


def test_a_post_deleted_from_the_feed_is_recorded_and_told_once(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = config_for(tmp_path, http_server)
    posts = [
        post(http_server, "c", "I am standing down as party chair.", 10),
        post(http_server, "b", "A good day in Blyth.", 20),
        post(http_server, "a", "Hello.", 30),
    ]
    http_server.set_feed("/lavery.rss", rss(posts))
    clock = Clock(T0)

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            await poll_source(source, ctx)
            http_server.set_feed("/lavery.rss", rss([posts[1], posts[2]]))
            for _ in range(3):
                clock.advance(minutes=6)
                await poll_source(source, ctx)

    run(scenario())
    path = config.archive_path
    assert versions(path) == [
        ("c", "removed", "no longer listed in its feed, while posts older than it still are")
    ]
    [(subject, body)] = changes_told(path)
    assert subject == (  # standing down is a resignation: urgent
        "Urgent: Ian Lavery deleted a post from his website: “I am standing down as party chair.”"
    )
    assert "The text as it was:\n\nI am standing down as party chair." in body
    assert "Posted: Mon 3 Jun 2024 09:50 BST" in body


@pytest.mark.parametrize(
    "after",
    [
        pytest.param("empty", id="empty"),
        pytest.param("truncated", id="truncated"),
        pytest.param("failing", id="failing"),
    ],
)
def test_a_feed_empty_truncated_or_failing_deletes_nothing(
    tmp_path: Path, http_server: FixtureServer, after: str
) -> None:
    config, source = config_for(tmp_path, http_server)
    posts = [
        post(http_server, k, f"Post {k} text.", m) for k, m in (("c", 10), ("b", 20), ("a", 30))
    ]
    http_server.set_feed("/lavery.rss", rss(posts))
    clock = Clock(T0)

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            await poll_source(source, ctx)
            if after == "empty":
                http_server.set_feed("/lavery.rss", rss([]))
            elif after == "truncated":
                http_server.set_feed("/lavery.rss", rss(posts[:1]))
            else:
                http_server.set_response("/lavery.rss", 500, b"down")
            clock.advance(minutes=6)
            await poll_source(source, ctx, force=True)

    run(scenario())
    assert versions(config.archive_path) == []
    assert changes_told(config.archive_path) == []


def test_an_entry_listed_again_with_other_words_is_an_edit_with_its_difference(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = config_for(tmp_path, http_server)
    first = post(http_server, "a", "I back Sarah Whitlock. She will unite us.", 10)
    http_server.set_feed("/lavery.rss", rss([first]))
    clock = Clock(T0)
    edited = Entry(
        first.title, "I back Sarah Whitlock. She can win.", first.guid, first.link, first.published
    )

    async def scenario() -> None:
        async with polling(config, clock) as ctx:
            await poll_source(source, ctx)
            http_server.set_feed("/lavery.rss", rss([edited]))
            for _ in range(2):
                clock.advance(minutes=6)
                await poll_source(source, ctx)

    run(scenario())
    [(subject, body)] = changes_told(config.archive_path)
    assert subject.startswith("Ian Lavery edited a post on his website: ")
    assert "- She will unite us.\n+ She can win." in body
    [diff] = query(config.archive_path, "SELECT diff FROM item_versions")[0]
    assert diff == "@…\n I back Sarah Whitlock.\n-She will unite us.\n+She can win."


# --- rechecks -------------------------------------------------------------------------------


def test_a_recheck_finds_a_post_gone_at_its_address_through_the_same_fetcher(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = config_for(tmp_path, http_server)
    kept = post(http_server, "kept", "Still here.", 10)
    gone = post(http_server, "gone", "I resign as shadow minister.", 20)
    http_server.set_feed("/lavery.rss", rss([kept, gone]))
    http_server.set_response("/posts/kept", 200, b"<html><body><p>Still here.</p></body></html>")
    http_server.set_response("/posts/gone", 410, b"gone")
    clock = Clock(T0)

    async def scenario() -> tuple[int, int]:
        async with polling(config, clock) as ctx:
            await poll_source(source, ctx)
            early = await recheck_items(ctx)  # nothing is due within `every` of being seen
            clock.advance(minutes=61)
            due = await recheck_items(ctx)
            clock.advance(minutes=5)
            again = await recheck_items(ctx)  # read an hour ago at most: not due
            return early.checked, due.checked * 10 + due.deleted + again.checked

    assert run(scenario()) == (0, 21)
    path = config.archive_path
    assert versions(path) == [("gone", "removed", "its address answered HTTP 410")]
    [(subject, _)] = changes_told(path)
    assert subject.startswith(
        "Urgent: Ian Lavery deleted a post from his website: "
    )  # a resignation
    seen = dict(query(path, "SELECT key, COALESCE(last_seen_at, first_seen_at) FROM items"))
    assert seen["kept"] == "2024-06-03T10:01:00+00:00"
    assert seen["gone"] == "2024-06-03T09:00:00+00:00"
    assert len(http_server.requests_for("/posts/gone")) == 1


def test_a_recheck_failing_otherwise_deletes_nothing(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = config_for(tmp_path, http_server)
    http_server.set_feed("/lavery.rss", rss([post(http_server, "a", "Hello there.", 10)]))
    http_server.set_response("/posts/a", 503, b"busy")
    clock = Clock(T0)

    async def scenario() -> int:
        async with polling(config, clock) as ctx:
            await poll_source(source, ctx)
            clock.advance(hours=2)
            return (await recheck_items(ctx)).checked

    assert run(scenario()) == 1
    assert versions(config.archive_path) == []


def test_an_article_rechecked_with_new_text_is_an_edit_told_once(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    path = basic_config(tmp_path, mp_feeds=[http_server.url("/lavery.rss")])
    text = path.read_text().replace("{kind: feed, url:", "{kind: feed, fetch_articles: true, url:")
    config = load(with_changes(write_config(tmp_path, text)))
    (source,) = config.sources
    http_server.set_feed("/lavery.rss", rss([post(http_server, "a", "Summary.", 10)]))
    article = "<html><body><article><p>{}</p></article></body></html>"
    before = "My plan for Blyth is a new hospital. We will build it by 2030."
    after = "My plan for Blyth is a new hospital. We will build it when we can."
    http_server.set_response("/posts/a", 200, article.format(before).encode())
    clock = Clock(T0)

    async def scenario() -> list[int]:
        async with polling(config, clock) as ctx:
            await poll_source(source, ctx)
            http_server.set_response("/posts/a", 200, article.format(after).encode())
            found = []
            for _ in range(3):
                clock.advance(hours=2)
                found.append((await recheck_items(ctx)).edited)
            return found

    assert run(scenario()) == [1, 0, 0]
    [(subject, body)] = changes_told(config.archive_path)
    assert subject.startswith("Ian Lavery edited a post on his website: ")
    assert "- We will build it by 2030.\n+ We will build it when we can." in body
    assert versions(config.archive_path) == [("a", "changed", None)]


# --- config and wording -----------------------------------------------------------------------


def test_recheck_settings_are_checked(tmp_path: Path) -> None:
    path = basic_config(tmp_path, extra_settings="recheck: {every: 2h, within: 1h}")
    with pytest.raises(ConfigError, match="at least `every`"):
        load(path)
    path = basic_config(tmp_path, extra_settings="recheck: {every: soon}")
    with pytest.raises(ConfigError, match=r"recheck\.every"):
        load(path)
    with pytest.raises(ConfigError, match="changes"):
        load(with_changes(basic_config(tmp_path), extra=", changes_too: 1"))
    assert load(with_changes(basic_config(tmp_path))).notify.subscriptions[0].changes


def _change(**fields: Any) -> Change:
    given: dict[str, Any] = {
        "version_id": 7,
        "statement_id": 3,
        "what": "deleted",
        "own": True,
        "mps": ("Ian Lavery",),
        "kinds": ("endorsement",),
        "source": "Ian Lavery (bluesky)",
        "source_kind": "bluesky",
        "title": "",
        "url": "https://bsky.app/profile/x/post/1",
        "posted_at": T0,
        "found_at": T0 + timedelta(hours=1),
        "before": "I back <b>Sarah</b> Whitlock.",
        "after": None,
        "detail": "its address answered HTTP 404",
    }
    return Change(**(given | fields))


def test_the_deletion_alert_names_the_platform_and_keeps_the_text() -> None:
    subject, body = change_text(_change(), LONDON, "https://watch.example.org/")
    assert subject == "Ian Lavery deleted a post from Bluesky: “I back <b>Sarah</b> Whitlock.”"
    assert "Posted: Mon 3 Jun 2024 10:00 BST" in body
    assert "In the archive: https://watch.example.org/statements/3" in body
    assert body.endswith("The text as it was:\n\nI back <b>Sarah</b> Whitlock.")


def test_an_article_changed_is_told_only_when_it_carried_a_contest_statement(
    tmp_path: Path,
) -> None:
    config = load(with_changes(basic_config(tmp_path)))
    subs, mps = config.notify.subscriptions, {mp.name: mp for mp in config.mps}
    edit = _change(what="edited", own=False, source="The Courier", after="I back nobody.")
    edit = Change(**{**edit.__dict__, "diff": tuple(diff_lines(edit.before, "I back nobody."))})
    [(message, due)] = change_messages(edit, subs, mps, T0, LONDON)
    assert (
        message.subject
        == "The Courier edited an article on Ian Lavery: “I back <b>Sarah</b> Whitlock.”"
    )
    assert due == T0
    assert DiffLine("added", "I back nobody.") in edit.diff
    plain = _change(own=False, kinds=("statement",))
    assert change_messages(plain, subs, mps, T0, LONDON) == []
    assert change_messages(_change(own=True, kinds=()), subs, mps, T0, LONDON) != []


def test_an_edit_with_markup_in_its_words_is_escaped_on_the_page(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    config, source = config_for(tmp_path, http_server)
    first = post(http_server, "a", "I back Sarah Whitlock.", 10)
    hostile = "I back &lt;script&gt;alert(1)&lt;/script&gt; Whitlock."
    edited = Entry(first.title, hostile, first.guid, first.link, first.published)
    http_server.set_feed("/lavery.rss", rss([first]))

    async def scenario() -> None:
        clock = Clock(T0)
        async with polling(config, clock) as ctx:
            await poll_source(source, ctx)
            http_server.set_feed("/lavery.rss", rss([edited]))
            clock.advance(minutes=6)
            await poll_source(source, ctx)

    run(scenario())
    [(text,)] = query(config.archive_path, "SELECT text FROM item_versions")
    assert "<script>alert(1)</script>" in text  # the words as the feed gave them
    [(statement_id,)] = query(config.archive_path, "SELECT id FROM statements")
    page = TestClient(create_app(config)).get(f"/statements/{statement_id}").text
    assert '<strong class="change-status">Edited</strong>' in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_migration_twelve_adds_the_evidence_columns_to_an_older_archive(tmp_path: Path) -> None:
    path = tmp_path / "watcher.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(archive_module, "MIGRATIONS", MIGRATIONS[:11])
        Archive(path).close()
    upgraded = Archive(path)
    try:
        assert upgraded.schema_version == len(MIGRATIONS)
        items = {c.name for c in upgraded.db.table("items").columns}
        assert {"last_seen_at", "checked_at"} <= items
        assert "diff" in {c.name for c in upgraded.db.table("item_versions").columns}
        MIGRATIONS[11](upgraded.db)  # run again: nothing to do, and no error
    finally:
        upgraded.close()
