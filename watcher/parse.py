"""Turn a fetched feed into Items: RSS 0.9x/1.0/2.0 and Atom, broken-but-readable ones too."""

from __future__ import annotations

import calendar
import hashlib
import re
import time
import warnings
from datetime import UTC, datetime
from typing import Any

import feedparser
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from watcher.errors import ParseError
from watcher.models import FetchResult, Item, Source

MAX_TEXT = 20_000  # characters kept of one item's text


def parse_feed(fetched: FetchResult, source: Source) -> list[Item]:
    """The feed's entries as Items, newest first as the feed gives them."""
    headers = {"content-type": fetched.content_type} if fetched.content_type else {}
    feed = feedparser.parse(fetched.body, response_headers=headers, sanitize_html=True)
    if not feed.entries and feed.bozo and not feed.feed.get("title"):
        reason = feed.get("bozo_exception")
        raise ParseError(f"not a readable feed ({type(reason).__name__}: {reason})"[:300])
    if not feed.entries and not _looks_like_feed(feed):
        raise ParseError("not a feed: no channel, no entries")
    return [_item(entry, source) for entry in feed.entries]


def _looks_like_feed(feed: Any) -> bool:
    return bool(feed.get("version")) or bool(feed.feed.get("title"))


def _item(entry: Any, source: Source) -> Item:
    title = html_to_text(entry.get("title", ""))
    text = _entry_text(entry)
    link = entry.get("link") or None
    published = _published(entry)
    return Item(
        source=source,
        key=_identity(entry, title, published),
        title=title,
        text=text[:MAX_TEXT],
        url=link,
        published_at=published,
        author=entry.get("author") or None,
        tags=tuple(str(t.get("term", "")) for t in entry.get("tags", []) if t.get("term")),
    )


def _identity(entry: Any, title: str, published: datetime | None) -> str:
    """guid, else link, else a hash of the title and date."""
    if entry.get("id"):
        return str(entry["id"])
    if entry.get("link"):
        return str(entry["link"])
    stamp = published.isoformat() if published else ""
    return "sha256:" + hashlib.sha256(f"{title}\n{stamp}".encode()).hexdigest()


def _entry_text(entry: Any) -> str:
    """The fullest text the entry carries: content, else summary."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    best = max(candidates, key=len, default="")
    return html_to_text(best)


def _published(entry: Any) -> datetime | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC)


_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment: paragraphs kept, tags and scripts gone."""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "div", "li", "blockquote", "h1", "h2", "h3", "h4"]):
        block.insert_after("\n\n")
    return _tidy(soup.get_text())


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
