"""The `notify:` section: mail, desks, subscriptions, quiet hours, digests, health limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, SecretStr

from watcher.archive.matcher import check_query, normalise_query
from watcher.config.locator import Locator
from watcher.errors import ConfigProblem, SearchError
from watcher.kinds import kind_names, urgent_kinds
from watcher.models import MP, Kind, Source
from watcher.notify.queueing import QueuePolicy
from watcher.values import (
    Address,
    Addresses,
    AppriseURL,
    Clock,
    Digest,
    Duration,
    KindList,
    NameList,
    NonEmpty,
    Recipients,
    Strict,
    TextList,
)


class SmtpEntry(Strict):
    host: NonEmpty
    port: int = Field(587, ge=1, le=65535)
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password_env: str | None = None
    ca_file: str | None = None
    timeout: Duration = 30.0


class QuietHoursEntry(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    start: Clock = Field(alias="from")
    end: Clock = Field(alias="to")
    urgent: KindList = Field(default_factory=urgent_kinds)  # go out at once; [] holds all


class SubscriptionEntry(Strict):
    name: str | None = None
    to: Recipients = ()
    apprise: list[AppriseURL] = []
    owner: Address | None = None
    mps: NameList = None
    parties: list[NonEmpty] = []
    constituencies: list[NonEmpty] = []
    regions: list[NonEmpty] = []
    kinds: KindList = None
    keywords: TextList = ()
    query: NonEmpty | None = None
    sources: list[NonEmpty] = []
    mode: Literal["immediate", "digest"] = "immediate"
    digest: Digest = None
    quiet_hours: QuietHoursEntry | None = None
    follow_ups: bool = False
    changes: bool = False  # deleted and edited posts and articles, one alert per change
    contests: NameList = None  # `all` or names of contests: their alerts and daily summary
    contest_summary: Clock = time(8, 0)  # the local time of a contest's daily summary


# Given with `contests`, any of these asks for statement alerts too; without them, a contest
# subscription gets the contests' alerts only.
STATEMENT_CHOICES = (
    "mps", "parties", "constituencies", "regions", "kinds", "keywords", "query", "sources",
)  # fmt: skip


class HealthEntry(Strict):
    failing_after: Duration = 6 * 3600.0
    silent_factor: float = Field(4.0, ge=1.0)  # times the usual gap between new items
    silent_at_least: Duration = 12 * 3600.0


class NotifyEntry(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    sender: Address = Field("Watcher <watcher@localhost>", alias="from")
    smtp: SmtpEntry | None = None
    outbox_dir: str = "outbox"
    retry_initial: Duration = 30.0
    retry_max: Duration = 900.0
    send_every: Duration = 10.0
    give_up_after: Duration = QueuePolicy.give_up_after
    admin: Address | None = None
    desks: dict[NonEmpty, Addresses] = {}
    story_window: Duration = QueuePolicy.story_window
    follow_up_every: Duration = QueuePolicy.follow_up_every
    health: HealthEntry = HealthEntry()
    subscriptions: list[SubscriptionEntry] = []


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    starttls: bool
    ssl: bool
    username: str | None
    password: SecretStr | None
    timeout: float
    ca_file: Path | None = None


@dataclass(frozen=True)
class QuietHours:
    start: time  # local time of day
    end: time
    urgent: frozenset[Kind]  # kinds that go out at once all the same


@dataclass(frozen=True)
class Subscription:
    """Who gets what. MP selectors (names, parties, constituencies, regions) widen the choice;
    kinds, the query and sources narrow it. Nothing given: every statement."""

    name: str
    recipients: tuple[str, ...]  # email addresses, desks already expanded
    mps: frozenset[str] | None = None  # canonical names; None: no choice by name
    kinds: frozenset[Kind] | None = None  # None: every kind
    all_mps: bool = False  # `mps: all`: every MP, whatever else is chosen
    apprise: tuple[str, ...] = ()
    owner: str | None = None  # where List-Unsubscribe points; else the admin
    parties: frozenset[str] = frozenset()  # casefolded, as are the next three
    constituencies: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    query: str | None = None  # FTS5, keywords folded in: statements it matches
    digest: bool = False
    daily_at: time | None = None  # a digest's local time; None: hourly
    quiet_hours: QuietHours | None = None
    follow_ups: bool = False
    changes: bool = False  # alerts for deleted and edited items
    contests: frozenset[str] = frozenset()  # the contests whose alerts it gets, by name
    statements: bool = True  # False: a contest subscription that wants no statement alerts
    contest_summary: time = time(8, 0)  # local time of each open contest's daily summary
    title: str | None = None  # a saved alert's name, as its owner gave it; `name` stays put

    @property
    def shown_name(self) -> str:
        """The name an email's footer gives: a saved alert's title, else the name."""
        return self.title or self.name

    @property
    def every_mp(self) -> bool:
        chosen = self.mps is not None or self.parties or self.constituencies or self.regions
        return self.all_mps or not chosen

    def wants_mp(self, mp: MP) -> bool:
        if self.every_mp:
            return True
        return (
            (self.mps is not None and mp.name in self.mps)
            or (mp.party or "").casefold() in self.parties
            or (mp.constituency or "").casefold() in self.constituencies
            or (mp.region or "").casefold() in self.regions
        )

    def wants(self, mp: MP, kind: Kind, source: str) -> bool:
        """Everything but the query, which needs the statement's text."""
        return (
            self.statements
            and self.wants_mp(mp)
            and (self.kinds is None or kind in self.kinds)
            and (not self.sources or source.casefold() in self.sources)
        )


@dataclass(frozen=True)
class NotifySettings:
    sender: str
    smtp: SmtpSettings | None
    outbox_dir: Path
    retry_initial: float
    retry_max: float
    send_every: float
    subscriptions: tuple[Subscription, ...]
    give_up_after: float
    story_window: float
    follow_up_every: float
    admin: str | None = None
    health: HealthEntry = field(default_factory=HealthEntry)

    def subscription(self, name: str) -> Subscription | None:
        return next((s for s in self.subscriptions if s.name == name), None)

    @property
    def destination(self) -> str:
        """Where email alerts go, in words: through the SMTP server, or into the outbox."""
        if self.smtp:
            return f"by SMTP through {self.smtp.host}:{self.smtp.port}"
        return f"as .eml files in {self.outbox_dir}"


def resolve_notify(
    entry: NotifyEntry,
    config: Known,
    environ: Mapping[str, str],
    at: Locator,
    problems: list[ConfigProblem],
) -> NotifySettings:
    subscriptions = []
    names = set()
    for index, sub in enumerate(entry.subscriptions):
        resolved = _subscription(sub, index, entry, config, at, problems)
        if resolved.name in names:
            loc = ("notify", "subscriptions", index, "name")
            problems.append(at.problem(loc, f"another subscription is called {resolved.name!r}"))
        names.add(resolved.name)
        subscriptions.append(resolved)
    return NotifySettings(
        sender=entry.sender,
        smtp=_smtp(entry.smtp, config.base, environ, at, problems) if entry.smtp else None,
        outbox_dir=config.base / entry.outbox_dir,
        retry_initial=entry.retry_initial,
        retry_max=entry.retry_max,
        send_every=entry.send_every,
        subscriptions=tuple(subscriptions),
        give_up_after=entry.give_up_after,
        admin=entry.admin,
        story_window=entry.story_window,
        follow_up_every=entry.follow_up_every,
        health=entry.health,
    )


@dataclass(frozen=True)
class Known:
    """What a subscription is checked against."""

    base: Path
    mps: tuple[MP, ...]
    sources: tuple[Source, ...]
    contests: tuple[str, ...] = ()  # the names of the configured contests


def _subscription(
    sub: SubscriptionEntry,
    index: int,
    entry: NotifyEntry,
    config: Known,
    at: Locator,
    problems: list[ConfigProblem],
) -> Subscription:
    loc: tuple[str | int, ...] = ("notify", "subscriptions", index)
    if not sub.to and not sub.apprise:
        problems.append(at.problem(loc, "give `to` (addresses or desks) or `apprise` URLs"))
    if sub.quiet_hours is not None and sub.mode == "digest":
        message = "a digest comes at its own time; quiet hours are for immediate alerts"
        problems.append(at.problem((*loc, "quiet_hours"), message))
    if "digest" in sub.model_fields_set and sub.mode != "digest":
        problems.append(at.problem((*loc, "digest"), "only for `mode: digest`"))
    known_sources = {s.name.casefold() for s in config.sources}
    for s_index, name in enumerate(sub.sources):
        if name.casefold() not in known_sources:
            problems.append(at.problem((*loc, "sources", s_index), f"no source is called {name!r}"))
    for a_index, url in enumerate(sub.apprise):
        if not _apprise_accepts(url):
            message = "Apprise does not know this URL (see the Apprise wiki for its forms)"
            problems.append(at.problem((*loc, "apprise", a_index), message))
    return Subscription(
        name=sub.name or f"subscription {index + 1}",
        recipients=_expand_desks(sub.to, entry.desks, (*loc, "to"), at, problems),
        mps=_mp_names(sub.mps, config.mps, (*loc, "mps"), at, problems),
        all_mps="mps" in sub.model_fields_set and sub.mps is None,
        kinds=None if sub.kinds is None else frozenset(k for k in kind_names() if k in sub.kinds),
        apprise=tuple(sub.apprise),
        owner=sub.owner,
        parties=frozenset(p.casefold() for p in sub.parties),
        constituencies=frozenset(c.casefold() for c in sub.constituencies),
        regions=frozenset(r.casefold() for r in sub.regions),
        sources=frozenset(s.casefold() for s in sub.sources),
        query=_query(sub, (*loc, "query"), at, problems),
        digest=sub.mode == "digest",
        daily_at=sub.digest,
        quiet_hours=_quiet_hours(sub.quiet_hours),
        follow_ups=sub.follow_ups,
        changes=sub.changes,
        contests=_contest_names(sub, config.contests, (*loc, "contests"), at, problems),
        statements=_wants_statements(sub),
        contest_summary=sub.contest_summary,
    )


def _contest_names(
    sub: SubscriptionEntry,
    contests: tuple[str, ...],
    loc: tuple[str | int, ...],
    at: Locator,
    problems: list[ConfigProblem],
) -> frozenset[str]:
    """The contests named (`all`: every contest configured), checked against `contests:`."""
    if "contests" not in sub.model_fields_set:
        if "contest_summary" in sub.model_fields_set:
            problems.append(at.problem((*loc[:-1], "contest_summary"), "only with `contests`"))
        return frozenset()
    if sub.contests is None:
        return frozenset(contests)
    by_name = {name.casefold(): name for name in contests}
    names = set()
    for index, name in enumerate(sub.contests):
        known = by_name.get(" ".join(name.split()).casefold())
        if known is None:
            problems.append(at.problem((*loc, index), f"no contest is called {name!r}"))
        else:
            names.add(known)
    return frozenset(names)


def _wants_statements(sub: SubscriptionEntry) -> bool:
    """A subscription to contests alone gets their alerts, not every statement."""
    chosen = sub.model_fields_set
    return "contests" not in chosen or any(key in chosen for key in STATEMENT_CHOICES)


def _expand_desks(
    wanted: tuple[str, ...],
    desks: Mapping[str, tuple[str, ...]],
    loc: tuple[str | int, ...],
    at: Locator,
    problems: list[ConfigProblem],
) -> tuple[str, ...]:
    addresses: list[str] = []
    by_name = {desk.casefold(): members for desk, members in desks.items()}
    for index, name in enumerate(wanted):
        if "@" in name:
            addresses.append(name)
        elif name.casefold() in by_name:
            addresses += by_name[name.casefold()]
        else:
            problems.append(at.problem((*loc, index), f"no desk is called {name!r} under desks"))
    return tuple(dict.fromkeys(addresses))


def _mp_names(
    wanted: tuple[str, ...] | None,
    mps: tuple[MP, ...],
    loc: tuple[str | int, ...],
    at: Locator,
    problems: list[ConfigProblem],
) -> frozenset[str] | None:
    if wanted is None:
        return None
    by_name = {n.casefold(): mp.name for mp in mps for n in mp.names}
    names = set()
    for index, name in enumerate(wanted):
        if name.strip().casefold() not in by_name:
            problems.append(at.problem((*loc, index), f"{name!r} is not an MP listed under mps"))
        else:
            names.add(by_name[name.strip().casefold()])
    return frozenset(names)


def _query(
    sub: SubscriptionEntry, loc: tuple[str | int, ...], at: Locator, problems: list[ConfigProblem]
) -> str | None:
    """The subscription's query and keywords as one FTS5 query, checked now."""
    parts = []
    if sub.query:
        parts.append(f"({normalise_query(sub.query)})")
    if sub.keywords:
        phrases = " OR ".join('"' + k.replace('"', '""') + '"' for k in sub.keywords)
        parts.append(f"({phrases})")
    if not parts:
        return None
    query = " AND ".join(parts)
    try:
        check_query(query)
    except SearchError as exc:
        problems.append(at.problem(loc, str(exc)))
    return query


def _quiet_hours(entry: QuietHoursEntry | None) -> QuietHours | None:
    if entry is None:
        return None
    urgent = frozenset(k for k in kind_names() if entry.urgent is None or k in entry.urgent)
    return QuietHours(entry.start, entry.end, urgent)


def _apprise_accepts(url: str) -> bool:
    import apprise  # loaded only when a subscription uses it: it is slow to import

    return apprise.Apprise.instantiate(url) is not None


def _smtp(
    entry: SmtpEntry,
    base: Path,
    environ: Mapping[str, str],
    at: Locator,
    problems: list[ConfigProblem],
) -> SmtpSettings:
    password = None
    if entry.password_env:
        if entry.password_env not in environ:
            loc = ("notify", "smtp", "password_env")
            problems.append(
                at.problem(loc, f"environment variable {entry.password_env} is not set")
            )
        else:
            password = SecretStr(environ[entry.password_env])
    if entry.ssl and entry.starttls:
        problems.append(at.problem(("notify", "smtp", "ssl"), "choose ssl or starttls, not both"))
    ca_file = base / entry.ca_file if entry.ca_file else None
    if ca_file and not ca_file.is_file():
        problems.append(at.problem(("notify", "smtp", "ca_file"), f"no such file: {ca_file}"))
    return SmtpSettings(
        entry.host,
        entry.port,
        entry.starttls,
        entry.ssl,
        entry.username,
        password,
        entry.timeout,
        ca_file,
    )
