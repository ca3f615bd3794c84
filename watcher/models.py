"""Small records passed from one pipeline stage to the next.

source -> fetch (FetchResult) -> parse (Item) -> extract (Statement) -> archive (Delivery)
-> notify (Message, made of Reports)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Literal

from watcher.kinds import KINDS as KINDS
from watcher.kinds import Kind as Kind

MessageKind = Literal["alert", "followup", "digest", "health", "notice"]
Channel = Literal["email", "apprise"]
Precision = Literal["minute", "hour", "day", "month", "year", "published"]


@dataclass(frozen=True)
class MP:
    name: str
    aliases: tuple[str, ...] = ()
    party: str | None = None
    constituency: str | None = None
    member_id: int | None = None
    region: str | None = None  # e.g. "North East", "Scotland"

    def __hash__(self) -> int:
        # The extractor's caches are keyed by the tracked MPs, all 650 of them, and looked up
        # for every item: hashing each MP once, not at every lookup, keeps that cheap.
        return self._hash

    @cached_property
    def _hash(self) -> int:
        fields = (self.name, self.aliases, self.party, self.constituency, self.member_id)
        return hash((*fields, self.region))

    @property
    def names(self) -> tuple[str, ...]:
        """Every form the MP may be named by: the full name first."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Source:
    """One address the watcher polls. `mp` is set when the source is the MP's own."""

    name: str
    kind: str  # a kind of `watcher.sources`: 'feed', 'page', 'bluesky', ...
    url: str
    interval: float
    mp: str | None = None
    fetch_articles: bool = False  # fetch each new item's linked page for its full text
    item_selector: str | None = None  # for pages: CSS selector of the links to follow


@dataclass(frozen=True)
class Validators:
    """What the server sent last time, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


class Roll(tuple[MP, ...]):
    """The tracked MPs as one value. The extractor's caches (the roster, the name pieces) are
    keyed by it for every item read, and hashing 650 MPs each time costs more than the lookup:
    a roll works its hash out once."""

    def __hash__(self) -> int:
        known: int | None = self.__dict__.get("hash")
        if known is None:
            known = self.__dict__["hash"] = tuple.__hash__(self)
        return known


def roll_of(mps: Sequence[MP]) -> Roll:
    """`mps` as a roll, the same one when it is one already."""
    return mps if isinstance(mps, Roll) else Roll(mps)


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    body: bytes = b""
    content_type: str | None = None
    validators: Validators = field(default_factory=Validators)
    not_modified: bool = False


@dataclass(frozen=True)
class Item:
    """One entry of a feed, as text."""

    source: Source
    key: str
    title: str
    text: str
    url: str | None
    published_at: datetime | None
    author: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """Something a tracked MP said, found in an item."""

    mp: str
    kind: Kind
    text: str
    target: str | None = None
    said_at: datetime | None = None
    said_at_text: str | None = None
    said_at_precision: Precision | None = None
    confidence: float = 1.0
    evidence: str = ""
    # `text` is the MP's own words, as written, only when `verbatim`; otherwise it is the
    # reporter's sentence that tells what the MP said or did, and is never shown in quotes.
    verbatim: bool = False
    # The reporter's sentence that carries the statement (its attribution), or None for the
    # MP's own post.
    report: str | None = None


@dataclass(frozen=True)
class Delivery:
    """The statement at `statement_index` of a finding, due to one recipient."""

    statement_index: int
    recipient: str  # an email address, or an Apprise URL
    subscription: str
    channel: Channel = "email"
    digest: bool = False  # collected for the subscription's next digest
    not_before: datetime | None = None  # held by quiet hours until then
    follow_ups: bool = False  # later sightings of the story get one follow-up


@dataclass(frozen=True)
class Finding:
    """A new item with what extraction found in it and whom to alert."""

    item: Item
    statements: tuple[Statement, ...] = ()
    mentions: tuple[str, ...] = ()
    deliveries: tuple[Delivery, ...] = ()


@dataclass(frozen=True)
class Outlet:
    """Another source that reported a statement: its sighting there."""

    source: str
    statement_id: int
    url: str | None


@dataclass(frozen=True)
class Report:
    """One statement as a message or a page tells it: who said what, when, and where it was
    seen. The archive maps a statement to it in one place (`watcher.archive.reports`)."""

    statement_id: int
    story_id: int  # the story the archive filed it in (`watcher.stories`); a message groups by it
    mp: str
    party: str | None
    constituency: str | None
    kind: Kind
    target: str | None
    text: str
    said_at: datetime | None
    said_at_precision: Precision | None
    evidence: str  # how extraction found it; may name the platform ("posted on Facebook")
    source: str  # the source's name
    source_id: int
    source_kind: str
    own: bool  # seen on the MP's own source (website, Bluesky, ...), not in the news
    url: str | None
    title: str
    published_at: datetime | None
    first_seen_at: datetime
    # Whether `text` is the MP's own words, as written (a quotation, or their own post): only
    # then may a message put it in quotation marks. Otherwise it is the reporter's sentence.
    verbatim: bool = False
    report: str | None = None  # the reporter's sentence carrying the statement; None if own
    status: str = "new"  # the desk's: new, verified, used or dismissed
    # On a search page: the text (or the best part of it) with the matches between the
    # archive's MARK_ characters; the text itself when nothing is searched for.
    marked: str = ""
    kinds: tuple[Kind, ...] = ()  # in a grouped search: every kind the statement carries
    also: tuple[Outlet, ...] = ()  # in a grouped search: the other outlets that reported it


@dataclass(frozen=True)
class Message:
    """One outbox row made ready to send: everything the email or chat post says."""

    outbox_id: int
    key: str  # stable per message: the Message-ID is made from it
    kind: MessageKind
    channel: Channel
    recipient: str  # an address, or an Apprise URL
    subscription: str
    unsubscribe: str | None  # the address List-Unsubscribe points to
    reports: tuple[Report, ...] = ()  # alert: one item's statements; digest: many; followup: 1
    also: tuple[Report, ...] = ()  # later sightings of the same stories
    earlier: tuple[Report, ...] = ()  # the MPs' earlier statements of the same kind or contest
    reply_to_key: str | None = None  # a follow-up threads under the alert with this key
    subject: str | None = None  # health warnings and notices are composed when queued
    body: str | None = None
    archive_url: str | None = None  # the web page's base URL, when configured
    unsubscribe_url: str | None = None  # the signed one-click link, when the page has an address
    manage_url: str | None = None  # the page that shows and manages the subscription
    subscription_title: str | None = None  # the name the footer gives; else `subscription`
    attempts: int = 0
    created_at: datetime | None = None


@dataclass(frozen=True)
class PollOutcome:
    source: str
    status: Literal["ok", "not_modified", "error", "skipped"]
    new_items: int = 0
    new_statements: int = 0
    alerts: int = 0
    duration: float = 0.0
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "error"


NEVER_POLLED = "never_polled"


def shown_health(stored: str, last_polled_at: datetime | None, ever_worked: bool = True) -> str:
    """A source's health as shown: `never_polled` until a poll of it has ended, since a source
    nobody has checked is not known to be ok; `failing` while none of its polls has worked yet
    (its failures are judged only after a while, and until then it is stored as ok); then the
    state its polls were judged to be in."""
    if last_polled_at is None:
        return NEVER_POLLED
    return "failing" if not ever_worked and stored == "ok" else stored
