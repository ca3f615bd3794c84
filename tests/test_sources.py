"""The source kinds' registry: each kind's entry gives the address it is fetched from, and
the account kinds are read as the feeds they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load, write_config

from watcher.errors import ConfigError
from watcher.models import Source
from watcher.sources import SOURCE_KINDS, kind_of

ENTRIES = {
    "feed": ({"kind": "feed", "url": "https://n.example/rss"}, "https://n.example/rss"),
    "page": ({"kind": "page", "url": "https://n.example/"}, "https://n.example/"),
    "bluesky": ({"kind": "bluesky", "handle": "@mp.bsky.social"},
                "https://bsky.app/profile/mp.bsky.social/rss"),
    "mastodon": ({"kind": "mastodon", "account": "@mp@mastodon.example"},
                 "https://mastodon.example/@mp.rss"),
    "youtube": ({"kind": "youtube", "channel_id": "UC" + "a" * 22},
                "https://www.youtube.com/feeds/videos.xml?channel_id=UC" + "a" * 22),
    "telegram": ({"kind": "telegram", "channel": "@ianlavery_mp"}, "https://t.me/s/ianlavery_mp"),
}  # fmt: skip


def test_every_registered_kind_has_an_entry_here() -> None:
    assert set(SOURCE_KINDS) == set(ENTRIES)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_a_kind_s_entry_gives_its_address(name: str) -> None:
    raw, address = ENTRIES[name]
    entry = SOURCE_KINDS[name].Entry.model_validate(raw)
    assert entry.address() == address


@pytest.mark.parametrize("name", ["bluesky", "mastodon", "youtube"])
def test_an_account_is_read_as_a_feed_with_no_articles_and_its_edits_seen(name: str) -> None:
    source = Source("MP", name, ENTRIES[name][1], 300.0)
    kind = kind_of(source)
    assert not kind.wants_articles(source)
    assert kind.edits(source) == "items"
    assert not kind.gone_when_missing(source)
    assert kind.PLATFORM


def test_a_page_read_as_itself_keeps_versions_and_a_listing_follows_links() -> None:
    itself = Source("P", "page", "https://n.example/", 300.0)
    listing = Source("L", "page", "https://n.example/", 300.0, item_selector="h2 a")
    assert (kind_of(itself).edits(itself), kind_of(itself).gone_when_missing(itself)) == (
        "page",
        True,
    )
    assert kind_of(listing).wants_articles(listing)
    assert kind_of(listing).edits(listing) is None


BAD_ACCOUNTS = {
    "bluesky": ("handle", "not a Bluesky handle (for example someone.bsky.social)"),
    "mastodon": ("account", "not a Mastodon account (write someone@instance.social)"),
    "youtube": ("channel_id", "not a YouTube channel id (UC and 22 letters, digits, - or _)"),
    "telegram": (
        "channel",
        "not a Telegram channel name (the NAME of t.me/NAME: 4 to 32 letters, digits or _)",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_ACCOUNTS))
def test_a_kind_says_what_shape_its_account_takes(name: str, tmp_path: Path) -> None:
    key, expected = BAD_ACCOUNTS[name]
    text = f'mps:\n  - name: Ian Lavery\n    sources:\n      - {{kind: {name}, {key}: "a b"}}\n'
    [problem] = problems(tmp_path, text)
    assert problem.endswith(f":4: mps[0].sources[0].{key}: {expected}: 'a b'")


def test_a_source_without_a_kind_is_told_every_registered_kind(tmp_path: Path) -> None:
    text = 'mps:\n  - name: Ian Lavery\n    sources:\n      - {url: "https://example.org/"}\n'
    [problem] = problems(tmp_path, text)
    kinds = problem.rpartition("needs a kind: ")[2]
    assert set(kinds.replace(" or ", ", ").split(", ")) == set(SOURCE_KINDS)


def problems(folder: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        load(write_config(folder, text))
    return [str(p) for p in raised.value.problems]
