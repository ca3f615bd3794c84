"""Parsing: a fetched body becomes items. A feed gives its entries (`feeds`), a web page
gives itself as an article (`pages`); `text` turns their HTML into text. `items_from` sniffs
which a body is. Extraction reads what comes out of here."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import datetime

from watcher.models import FetchResult, Item, Source
from watcher.parse.feeds import MAX_TEXT, is_json_feed, parse_feed
from watcher.parse.pages import Article, page_links, parse_page

__all__ = [
    "MAX_TEXT",
    "Article",
    "article_item",
    "items_from",
    "looks_like_feed",
    "page_links",
    "parse_feed",
    "parse_page",
]

# A feed may open with a byte order mark, an XML declaration, processing instructions (a
# stylesheet, as FeedBurner's do), comments and a doctype; then its root, or a bare Atom entry.
_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*"
    rb"<(?:rss|feed|entry|rdf:RDF)\b",
    re.S,
)


def looks_like_feed(body: bytes, content_type: str | None = None) -> bool:
    kind = (content_type or "").lower()
    if "html" in kind:
        return False
    if is_json_feed(body) or "feed+json" in kind:
        return True
    return bool(_FEED_START.match(body[:2000])) or any(t in kind for t in ("rss", "atom", "rdf"))


def article_item(article: Article, source: Source, url: str | None, key: str | None = None) -> Item:
    """An article page as an item; its key is its address, or a hash of its text."""
    address = article.url or url
    key = key or address or "sha256:" + hashlib.sha256(article.text.encode()).hexdigest()
    return Item(
        source=source,
        key=key,
        title=article.title,
        text=article.text[:MAX_TEXT],
        url=address,
        published_at=article.published_at,
        author=article.author,
    )


def items_from(
    fetched: FetchResult, source: Source, published: datetime | None = None
) -> list[Item]:
    """The items of a feed, or the one article of a page. `published` overrides their times."""
    if looks_like_feed(fetched.body, fetched.content_type):
        items = parse_feed(fetched, source)
    else:
        items = [article_item(parse_page(fetched.body, fetched.url), source, fetched.url)]
    if published is not None:
        items = [_published(item, published) for item in items]
    return items


def _published(item: Item, when: datetime) -> Item:
    return replace(item, published_at=when)
