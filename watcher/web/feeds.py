"""Searches as data: JSON records, CSV rows and Atom feeds of statement cards.

Pure functions of the cards and the page's absolute address, so they are easy to test. Each
says whether a statement's text is the MP's own words (`verbatim`) and gives the reporter's
sentence that carries it (`report`); an Atom summary quotes only the MP's own words.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from watcher.contests import Tally
from watcher.hygiene import strip_bidi, web_link
from watcher.links import statement_page
from watcher.models import Report
from watcher.notify.wording import said_as
from watcher.timefmt import local_text, to_iso

ATOM = "http://www.w3.org/2005/Atom"
WATCHER = "urn:x-watcher:statement"  # the namespace of `verbatim` and `report` in Atom entries
CSV_COLUMNS = (
    "id", "said_at", "said_at_local", "mp", "party", "kind", "target", "text", "source", "title",
    "item_url", "statement_url", "verbatim", "report",
)  # fmt: skip
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def statement_url(base: str, card: Report) -> str:
    return statement_page(base, card.statement_id)


def record(card: Report, base: str) -> dict[str, Any]:
    """A card as JSON: the fields of `watcher search --json`, and the card's own page."""
    fields: dict[str, Any] = {
        "id": card.statement_id,
        "mp": card.mp,
        "party": card.party,
        "kind": card.kind,
        "target": card.target,
        "text": card.text,
        "said_at": to_iso(card.said_at),
        "said_at_precision": card.said_at_precision,
        "published_at": to_iso(card.published_at),
        "first_seen_at": to_iso(card.first_seen_at),
        "url": card.url,
        "source": card.source,
        "title": card.title,
        "statement_url": statement_url(base, card),
        "verbatim": card.verbatim,
        "report": card.report,
        "status": card.status,
        "kinds": list(card.kinds or (card.kind,)),
        "also_reported_by": [
            {
                "source": o.source,
                "url": o.url,
                "statement_url": statement_page(base, o.statement_id),
            }
            for o in card.also
        ],
    }
    return {key: strip_bidi(v) if isinstance(v, str) else v for key, v in fields.items()}


def csv_text(cards: Sequence[Report], base: str, zone: ZoneInfo) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for card in cards:
        row = [
            card.statement_id, to_iso(card.said_at), local_text(card.said_at, zone), card.mp,
            card.party, card.kind, card.target, card.text, card.source, card.title, card.url,
            statement_url(base, card), "true" if card.verbatim else "false", card.report,
        ]  # fmt: skip
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


TALLY_COLUMNS = (
    "contest", "candidate", "declared_at", "withdrawn_at", "backs", "backer", "backer_since",
    "statement_url",
)  # fmt: skip


def tally_csv(result: Tally, base: str) -> str:
    """A contest's tally for the graphics desk: a row per candidate and backer (a candidate
    without backers has one row, its backer empty). Times are ISO 8601 in UTC."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TALLY_COLUMNS)
    for c in result.candidates:
        first = [
            result.contest.name, c.name, to_iso(c.declared.at),
            to_iso(c.withdrawn.at) if c.withdrawn else None, c.backs,
        ]  # fmt: skip
        backers = [
            [b.mp, to_iso(b.since.at), statement_page(base, b.since.statement)] for b in c.backers
        ]
        for backer in backers or [[None, None, None]]:
            writer.writerow([csv_cell(value) for value in first + backer])
    return out.getvalue()


def file_name(text: str) -> str:
    """'Labour deputy leadership 2026' -> 'labour-deputy-leadership-2026', for a download."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "contest"


def csv_cell(value: object) -> object:
    """Text from the web that a spreadsheet would run as a formula is kept as text, and shown
    in the order it was written."""
    if not isinstance(value, str):
        return value
    text = strip_bidi(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def atom(cards: Sequence[Report], *, title: str, feed_url: str, page_url: str, base: str) -> bytes:
    """An Atom 1.0 feed of the cards, newest first."""
    ET.register_namespace("", ATOM)
    ET.register_namespace("watcher", WATCHER)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", feed_url)
    _add(feed, "title", title)
    updated = max((_updated(c) for c in cards), default=datetime.now(UTC))
    _add(feed, "updated", _atom_time(updated))
    _add(feed, "generator", "watcher")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page_url)
    for card in cards:
        feed.append(_entry(card, base))
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data


def _entry(card: Report, base: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    url = statement_url(base, card)
    _add(entry, "id", url)
    target = f": {card.target}" if card.target else ""
    _add(entry, "title", f"{card.mp} [{card.kind}{target}]")
    _add(entry, "updated", _atom_time(_updated(card)))
    if card.said_at is not None:
        _add(entry, "published", _atom_time(card.said_at))
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    _add(author, "name", card.mp)
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url)
    related = web_link(card.url)  # a feed reader would follow anything else
    if related:
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=_clean(related))
    said = said_as(card.text, verbatim=card.verbatim, source=card.source)
    _add(entry, "summary", f"{said}\n\n— {card.source}: {card.title}").set("type", "text")
    ET.SubElement(entry, f"{{{WATCHER}}}verbatim").text = "true" if card.verbatim else "false"
    if card.report is not None:
        ET.SubElement(entry, f"{{{WATCHER}}}report").text = _clean(card.report)
    return entry


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    return strip_bidi(_NOT_XML.sub("", text))


def _updated(card: Report) -> datetime:
    return card.first_seen_at or card.said_at or datetime(1970, 1, 1, tzinfo=UTC)


def _atom_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
