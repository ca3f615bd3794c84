"""A web page: with `item_selector`, a listing whose links are the items, each read as an
article; without it, the page itself, one item per version of its main text."""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from watcher.models import FetchResult, Item, Source
from watcher.parse import article_item, page_links, parse_page
from watcher.sources import kind
from watcher.values import URL, NonEmpty

NAME = "page"
PLATFORM: str | None = None


class Entry(kind.Entry):
    kind: Literal["page"]
    url: URL
    item_selector: NonEmpty | None = None

    def address(self) -> str:
        return self.url

    def options(self) -> dict[str, Any]:
        return {"item_selector": self.item_selector}


def listed(fetched: FetchResult, source: Source) -> list[Item]:
    if source.item_selector:
        links = page_links(fetched.body, source.item_selector, fetched.url)
        return [Item(source, url, title, "", url, None) for url, title in links]
    article = parse_page(fetched.body, fetched.url)
    version = hashlib.sha256(article.text.encode()).hexdigest()[:16]
    return [article_item(article, source, fetched.url, key=f"{source.url}#{version}")]


def wants_articles(source: Source) -> bool:
    return bool(source.item_selector)


def edits(source: Source) -> kind.Edits:
    return None if source.item_selector else "page"


def gone_when_missing(source: Source) -> bool:
    return not source.item_selector


def deleted_when_unlisted(source: Source) -> bool:
    return False  # a listing page shows what its editors choose; its links are rechecked
