"""Turn a fetched feed into Items: RSS 0.9x/1.0/2.0, Atom (a bare entry too) and JSON Feed
1.0/1.1, broken-but-readable ones too. Their HTML becomes text by `text.html_to_text`."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import time
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from watcher.errors import ParseError
from watcher.models import FetchResult, Item, Source
from watcher.parse.quickfeed import quick_entries
from watcher.parse.text import html_to_text, tidy
from watcher.timefmt import parse_time

MAX_TEXT = 60_000  # characters kept of one item's text: a long feature whole


def parse_feed(fetched: FetchResult, source: Source) -> list[Item]:
    """The feed's entries as Items, newest first as the feed gives them. A plain RSS 2.0 or
    Atom feed is read quickly (`quickfeed`); any other, and any the quick reading is unsure
    of, by feedparser. Both give the same items."""
    if is_json_feed(fetched.body):
        return _json_feed_items(fetched.body, source)
    entries = quick_entries(fetched.body, fetched.content_type)
    if entries is not None and all(_dated_as_written(entry) for entry in entries):
        return [_item(entry, source) for entry in entries]
    return feedparser_items(fetched, source)


def feedparser_items(fetched: FetchResult, source: Source) -> list[Item]:
    """The feed's entries as Items, read by feedparser: every dialect, broken ones too."""
    headers = {"content-type": fetched.content_type} if fetched.content_type else {}
    feed = feedparser.parse(fetched.body, response_headers=headers, sanitize_html=True)
    if not feed.entries and feed.bozo and not feed.feed.get("title"):
        reason = feed.get("bozo_exception")
        raise ParseError(f"not a readable feed ({type(reason).__name__}: {reason})"[:300])
    if not feed.entries and not _looks_like_feed(feed):
        raise ParseError("not a feed: no channel, no entries")
    return [_item(entry, source) for entry in feed.entries]


def is_json_feed(body: bytes) -> bool:
    """Does the body start as a JSON Feed (https://www.jsonfeed.org) does?"""
    head = body[:4000].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b"jsonfeed.org/version/" in head


def _json_feed_items(body: bytes, source: Source) -> list[Item]:
    try:
        feed = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ParseError(f"not a readable JSON Feed ({type(exc).__name__})") from None
    entries = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(entries, list):
        raise ParseError("not a readable JSON Feed: no list of items")
    return [_json_item(entry, source) for entry in entries if isinstance(entry, dict)]


def _json_item(entry: dict[str, Any], source: Source) -> Item:
    title = html_to_text(_string(entry.get("title")))
    html_text = _string(entry.get("content_html")) or _string(entry.get("summary"))
    text = html_to_text(html_text) if html_text else tidy(_string(entry.get("content_text")))
    link = _string(entry.get("url")) or _string(entry.get("external_url")) or None
    published = _iso_time(entry.get("date_published")) or _iso_time(entry.get("date_modified"))
    authors = entry.get("authors")
    authors = authors if isinstance(authors, list) else [entry.get("author")]
    names = [_string(a.get("name")) for a in authors if isinstance(a, dict)]
    tags = entry.get("tags")
    tags = tags if isinstance(tags, list) else []
    fields = {"id": _string(entry.get("id")), "link": link}
    return Item(
        source=source,
        key=_identity(fields, title, published),
        title=title,
        text=text[:MAX_TEXT],
        url=link,
        published_at=published,
        author=next((n for n in names if n), None),
        tags=tuple(t for t in tags if isinstance(t, str) and t),
    )


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _iso_time(value: object) -> datetime | None:
    """An RFC 3339 time as UTC; None when missing or unreadable."""
    moment = parse_time(value)
    return _utc(moment) if moment else None


def _utc(moment: datetime) -> datetime | None:
    """An aware time as UTC; None when UTC would fall outside years 1 to 9999."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return None


def _looks_like_feed(feed: Any) -> bool:
    return bool(feed.get("version")) or bool(feed.feed.get("title"))


def _item(entry: Any, source: Source) -> Item:
    title = html_to_text(entry.get("title") or "")
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
    # feedparser leaves a field None when its markup broke off (a NUL in the title)
    candidates = [c.get("value") or "" for c in entry.get("content", [])]
    candidates.append(entry.get("summary") or "")
    best = max(candidates, key=len, default="")
    return html_to_text(best)


def _published(entry: Any) -> datetime | None:
    """The item's own date. feedparser lets a date nested deeper in the item (a `pubDate`
    inside `media:content`) replace its parsed date, but keeps the item's own as written, so
    that is read first."""
    own = _written_time(entry)
    if own is not None:
        return own
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:  # feedparser reads "0000-00-00" as year -1
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _written_time(entry: Any) -> datetime | None:
    written = str(entry.get("published") or entry.get("updated") or "")
    return _rfc822_time(written) or _iso_time(written) or european_date(written)


def _dated_as_written(entry: Any) -> bool:
    """Whether the entry's date, if it has one, is read without feedparser's own parsing of
    dates (which only feedparser's reading of the feed gives)."""
    return not (entry.get("published") or entry.get("updated")) or bool(_written_time(entry))


def _rfc822_time(value: str) -> datetime | None:
    """An RFC 822 date with a known zone, as UTC; None otherwise."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return _utc(moment) if moment.tzinfo else None


# Month names and their short forms in the languages of European feeds (English, French,
# German, Italian, Spanish, Dutch, Portuguese), without accents or dots, by their first four
# letters or, failing that, three.
_MONTHS = {
    "Jan": ("jan", "janv", "gen", "ene"),
    "Feb": ("feb", "fev", "fevr"),
    "Mar": ("mar", "mrz", "maa", "mrt"),
    "Apr": ("apr", "avr", "abr"),
    "May": ("may", "mai", "mag", "mei"),
    "Jun": ("jun", "juin", "giu"),
    "Jul": ("jul", "juil", "lug"),
    "Aug": ("aug", "aout", "ago"),
    "Sep": ("sep", "set"),
    "Oct": ("oct", "okt", "ott", "out"),
    "Nov": ("nov",),
    "Dec": ("dec", "dez", "dic"),
}
_MONTH_OF = {name: month for month, names in _MONTHS.items() for name in names}
_DATE = re.compile(
    r"\s*(?:[^\W\d]+\.?,?\s+)?(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d]+)\.?\s+"
    r"(?P<year>\d{4})\s+(?P<rest>\d{1,2}:\d{2}(?::\d{2})?(?:\s+\S+)?)\s*$"
)


def european_date(value: str) -> datetime | None:
    """An RFC 822 date written with another language's day and month names, as UTC:
    "mer, 16 nov 2022 10:00:00 +0100", "Di, 3. Dez 2024 08:15:00 GMT"."""
    found = _DATE.match(value[:100])
    if not found:
        return None
    letters = unicodedata.normalize("NFKD", found["month"].lower())
    name = "".join(c for c in letters if not unicodedata.combining(c))
    month = _MONTH_OF.get(name[:4]) or _MONTH_OF.get(name[:3])
    if month is None:
        return None
    try:
        moment = parsedate_to_datetime(f"{found['day']} {month} {found['year']} {found['rest']}")
    except (TypeError, ValueError):
        return None
    return _utc(moment) if moment.tzinfo else moment.replace(tzinfo=UTC)
