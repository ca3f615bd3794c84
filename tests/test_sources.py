"""The source kinds' registry: each kind's entry gives the address it is fetched from, and
the account kinds are read as the feeds they are."""

from __future__ import annotations

import pytest

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
