"""Draft corpus cases from the desk's dismissals, so that a correction becomes a test.

An item that carried a dismissed statement is written out as a case of tests/corpus (see its
README): the item as a feed of one entry (`NAME.xml`) or as a page (`NAME.html`), and its
labels (`NAME.expected.json`) as the archive has them, less the dismissed statement, or with
its kind corrected when the editor said which kind it should have been. The description says
who dismissed what, why, and their note. A draft is read, and its labels checked, before it
joins the corpus. Pure: the command reads the archive and writes the files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape as html_escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from watcher.timefmt import to_iso
from watcher.triage import StatusChange

QUOTE_WORDS = 8  # a label's quote: this many words or fewer, copied from the statement
PAGE_KINDS = ("page",)  # sources whose items are web pages; the rest are feed entries


@dataclass(frozen=True)
class DraftStatement:
    id: int
    mp: str
    kind: str
    target: str | None
    text: str
    verbatim: bool
    said_at: datetime | None
    said_at_precision: str | None
    dismissal: StatusChange | None  # the change that dismissed it, if it is dismissed


@dataclass(frozen=True)
class DraftItem:
    id: int
    source_kind: str
    own_mp: str | None  # the MP whose own source it came from
    title: str
    text: str
    url: str | None
    published_at: datetime
    statements: tuple[DraftStatement, ...]


@dataclass(frozen=True)
class DraftCase:
    name: str
    document_name: str  # NAME.xml or NAME.html
    document: str
    labels: dict[str, Any]

    @property
    def labels_text(self) -> str:
        return json.dumps(self.labels, indent=2, ensure_ascii=False) + "\n"


def draft_case(item: DraftItem) -> DraftCase:
    """The item as a draft case: its document, and its labels with the desk's corrections."""
    name = f"dismissed_item_{item.id}"
    is_page = item.source_kind in PAGE_KINDS
    document = _page(item) if is_page else _feed(item)
    labels = {
        "description": _description(item),
        "style": _style(item),
        "source": {"kind": "own" if item.own_mp else "news", "mp": item.own_mp},
        "published_at": to_iso(item.published_at),
        "statements": [
            label for s in item.statements if (label := _label(s, item.published_at)) is not None
        ],
    }
    return DraftCase(name, f"{name}.{'html' if is_page else 'xml'}", document, labels)


def _label(statement: DraftStatement, published_at: datetime) -> dict[str, Any] | None:
    """The statement's label, corrected as its dismissal says; None when it is no statement."""
    kind, target = statement.kind, statement.target
    dismissal = statement.dismissal
    if dismissal is not None:
        if dismissal.reason != "wrong_kind" or dismissal.corrected_kind is None:
            return None
        kind = dismissal.corrected_kind
        target = None if kind == "statement" else target
    return {
        "mp": statement.mp,
        "kind": kind,
        "target": target,
        "quote": " ".join(statement.text.split()[:QUOTE_WORDS]),
        "verbatim": statement.verbatim,
        "said_at": to_iso(statement.said_at or published_at),
        "said_at_precision": statement.said_at_precision or "published",
    }


def _description(item: DraftItem) -> str:
    parts = [f"Draft from the archive's item {item.id} ({item.url or 'no address'})."]
    for s in item.statements:
        change = s.dismissal
        if change is None:
            continue
        reason = change.reason_label or "no reason"
        if change.corrected_kind:
            reason += f", should be {change.corrected_kind}"
        told = f" Note: {change.note}" if change.note else ""
        parts.append(
            f"{s.mp}'s {s.kind} statement {s.id} was dismissed by {change.by} ({reason}).{told}"
        )
    return " ".join(parts)


def _style(item: DraftItem) -> str:
    if item.source_kind in ("bluesky", "mastodon"):
        return "social_post"
    if item.own_mp:
        return "mp_blog"
    return "national_news"


def _feed(item: DraftItem) -> str:
    link = f"<link>{xml_escape(item.url)}</link>" if item.url else ""
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>"
        "<title>Draft case</title><link>https://corpus.invalid/</link>\n<item>"
        f"<title>{xml_escape(item.title)}</title>{link}"
        f"<guid isPermaLink='false'>item-{item.id}</guid>"
        f"<pubDate>{format_datetime(item.published_at)}</pubDate>"
        f"<description>{xml_escape(_paragraphs(item.text))}</description>"
        "</item>\n</channel></rss>\n"
    )


def _page(item: DraftItem) -> str:
    published = html_escape(to_iso(item.published_at) or "")
    title = html_escape(item.title)
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f"<meta property='article:published_time' content='{published}'></head>\n"
        f"<body><article><h1>{title}</h1>\n{_paragraphs(item.text)}\n</article></body></html>\n"
    )


def _paragraphs(text: str) -> str:
    """The text as HTML paragraphs, one per paragraph of the archived text, escaped."""
    pieces = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return "\n".join(f"<p>{html_escape(p, quote=False)}</p>" for p in pieces)
