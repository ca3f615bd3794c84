"""A feed: RSS, Atom or JSON Feed. Its entries are the items; with `fetch_articles`, each new
entry's linked article is read for its full text."""

from __future__ import annotations

from typing import Any, Literal

from watcher.models import FetchResult, Item, Source
from watcher.parse import parse_feed
from watcher.sources import kind
from watcher.values import URL

NAME = "feed"
PLATFORM: str | None = None


class Entry(kind.Entry):
    kind: Literal["feed"]
    url: URL
    fetch_articles: bool = False

    def address(self) -> str:
        return self.url

    def options(self) -> dict[str, Any]:
        return {"fetch_articles": self.fetch_articles}


def listed(fetched: FetchResult, source: Source) -> list[Item]:
    return parse_feed(fetched, source)


def wants_articles(source: Source) -> bool:
    return source.fetch_articles


def edits(source: Source) -> kind.Edits:
    """Entries whose text came from their article are not compared: the feed holds only a
    summary of it."""
    return None if source.fetch_articles else "items"


def gone_when_missing(source: Source) -> bool:
    return False  # a feed that answers 404 is failing; its entries are not withdrawn


def deleted_when_unlisted(source: Source) -> bool:
    return True  # a feed lists its newest entries: one missing among them was taken down
