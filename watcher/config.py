"""Load sources.yaml once, check all of it, and hand the rest of the watcher typed records.

Every problem is reported at once, each with the file, the line and the field path
(`mps[3].sources[0].url: not a URL`). Nothing else in the watcher reads the file or the
environment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, ValidationError

from watcher import __version__
from watcher.archive.matcher import check_query, normalise_query
from watcher.errors import ConfigError, ConfigProblem, SearchError
from watcher.models import KINDS, MP, Kind, Source
from watcher.passwords import check_hash
from watcher.register import find_in_register, generated_aliases, load_register, split_honorific

DEFAULT_USER_AGENT = f"watcher/{__version__} (+https://github.com/newsroom-tools/watcher)"
DEFAULT_CONFIG = "sources.yaml"

# --- value types -------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*([smhd]))+\s*$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: object) -> float:
    """'90s', '5m', '2h', '1d', '1h30m' or a number of seconds, at least one second."""
    if isinstance(value, bool):
        raise ValueError("not a duration (write 30s, 5m, 2h or 1d)")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and _DURATION.match(value):
        seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in _DURATION_PART.findall(value))
    else:
        raise ValueError("not a duration (write 30s, 5m, 2h or 1d)")
    if seconds < 1:
        raise ValueError("must be at least 1s")
    return seconds


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20}
_SIZE_UNITS["gib"] = 2**30


def parse_size(value: object) -> int:
    """'5MB', '512KiB' or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    elif isinstance(value, str) and (m := _SIZE.match(value)):
        size = int(float(m.group(1)) * _SIZE_UNITS[(m.group(2) or "b").lower()])
    else:
        raise ValueError("not a size (write 5MB or 512KiB)")
    if size < 1024:
        raise ValueError("must be at least 1KiB")
    return size


def check_url(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not a URL")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not a URL (needs http:// or https:// and a host)")
    return value.strip()


def check_address(value: object) -> str:
    """An email address, optionally with a display name; never a header break."""
    if not isinstance(value, str) or "\r" in value or "\n" in value:
        raise ValueError("not an email address")
    address = value.strip()
    bare = address[address.rfind("<") + 1 : -1] if address.endswith(">") else address
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>.][^@\s<>]*", bare):
        raise ValueError(f"not an email address: {address!r}")
    return address


def check_timezone(value: object) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r} (for example Europe/London)") from None
    return str(value)


def _all_or_list(value: object, item: str) -> tuple[str, ...] | None:
    if value == "all" or value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise ValueError(f"expected 'all' or a list of {item}")
    return tuple(items)


def _kinds(value: object) -> tuple[str, ...] | None:
    kinds = _all_or_list(value, "kinds")
    for kind in kinds or ():
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    return kinds


def _recipients(value: object) -> tuple[str, ...]:
    """Email addresses, or names of desks (checked against `notify.desks` later)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ValueError("expected an email address, a desk name, or a list of them")
    return tuple(_desk_or_address(v) for v in items)


def _addresses(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ValueError("expected an email address or a list of them")
    return tuple(check_address(v) for v in items)


def _desk_or_address(value: object) -> str:
    if isinstance(value, str) and _DESK_NAME.fullmatch(value.strip()):
        return value.strip()
    return check_address(value)


_DESK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]*")


def _text_list(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise ValueError("expected a list of words or phrases")
    return tuple(v.strip() for v in items)


_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_clock(value: object) -> time:
    """'07:30' as a time of day."""
    match = _CLOCK.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError("not a time of day (write 07:30)")
    return time(int(match.group(1)), int(match.group(2)))


def parse_digest(value: object) -> time | None:
    """'hourly' (None) or 'daily 07:30' (the local time of the daily digest)."""
    text = str(value).strip().casefold() if isinstance(value, str) else ""
    if text == "hourly":
        return None
    if text.startswith("daily"):
        return parse_clock(text.removeprefix("daily").strip().removeprefix("at").strip())
    raise ValueError("write `hourly` or `daily 07:30`")


def check_apprise_url(value: object) -> str:
    """An Apprise URL (slack://..., msteams://..., json://host/path); a secret: never printed."""
    if not isinstance(value, str) or not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", value.strip()):
        raise ValueError("not an Apprise URL (for example slack://TokenA/TokenB/TokenC)")
    return value.strip()


Duration = Annotated[float, BeforeValidator(parse_duration)]
Size = Annotated[int, BeforeValidator(parse_size)]
URL = Annotated[str, BeforeValidator(check_url)]
Address = Annotated[str, BeforeValidator(check_address)]
TimeZone = Annotated[str, BeforeValidator(check_timezone)]
NameList = Annotated[tuple[str, ...] | None, BeforeValidator(lambda v: _all_or_list(v, "names"))]
KindList = Annotated[tuple[str, ...] | None, BeforeValidator(_kinds)]
Recipients = Annotated[tuple[str, ...], BeforeValidator(_recipients)]
TextList = Annotated[tuple[str, ...], BeforeValidator(_text_list)]
Addresses = Annotated[tuple[str, ...], BeforeValidator(_addresses)]
Clock = Annotated[time, BeforeValidator(parse_clock)]
Digest = Annotated[time | None, BeforeValidator(parse_digest)]
AppriseURL = Annotated[str, BeforeValidator(check_apprise_url)]
NonEmpty = Annotated[str, Field(min_length=1)]


# --- the file's shape ----------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Settings(_Strict):
    archive: str = "watcher.db"
    timezone: TimeZone = "Europe/London"
    interval: Duration = 300.0
    user_agent: NonEmpty = DEFAULT_USER_AGENT
    timeout: Duration = 20.0
    max_body: Size = 5_000_000
    retries: int = Field(3, ge=0, le=10)
    per_host: int = Field(2, ge=1, le=16)
    first_poll_alert_window: Duration = 86400.0
    max_backoff: Duration = 6 * 3600.0
    allow_private_redirects: bool = False
    track: Literal["configured", "all_mps"] = "configured"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class _SourceBase(_Strict):
    name: NonEmpty | None = None
    interval: Duration | None = None


class FeedSource(_SourceBase):
    kind: Literal["feed"]
    url: URL
    fetch_articles: bool = False

    def address(self) -> str:
        return self.url


class PageSource(_SourceBase):
    kind: Literal["page"]
    url: URL
    item_selector: NonEmpty | None = None

    def address(self) -> str:
        return self.url


class BlueskySource(_SourceBase):
    kind: Literal["bluesky"]
    handle: Annotated[
        str, Field(pattern=r"^@?(did:plc:[a-z0-9]+|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$")
    ]

    def address(self) -> str:
        return f"https://bsky.app/profile/{self.handle.lstrip('@')}/rss"


class MastodonSource(_SourceBase):
    kind: Literal["mastodon"]
    account: Annotated[str, Field(pattern=r"^@?[A-Za-z0-9_]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]

    def address(self) -> str:
        user, instance = self.account.lstrip("@").split("@")
        return f"https://{instance}/@{user}.rss"


class YoutubeSource(_SourceBase):
    kind: Literal["youtube"]
    channel_id: Annotated[str, Field(pattern=r"^UC[A-Za-z0-9_-]{22}$")]

    def address(self) -> str:
        return f"https://www.youtube.com/feeds/videos.xml?channel_id={self.channel_id}"


SourceEntry = Annotated[
    FeedSource | PageSource | BlueskySource | MastodonSource | YoutubeSource,
    Field(discriminator="kind"),
]


class MPEntry(_Strict):
    name: NonEmpty
    aliases: list[NonEmpty] = []
    party: str | None = None
    constituency: str | None = None
    sources: list[SourceEntry] = []


class SmtpEntry(_Strict):
    host: NonEmpty
    port: int = Field(587, ge=1, le=65535)
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password_env: str | None = None
    ca_file: str | None = None
    timeout: Duration = 30.0


URGENT_KINDS: tuple[Kind, ...] = (
    "resignation",
    "leadership_bid",
    "leadership_declined",
    "defection",
)


class QuietHoursEntry(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    start: Clock = Field(alias="from")
    end: Clock = Field(alias="to")
    urgent: KindList = URGENT_KINDS  # these still go out at once; [] holds everything


class SubscriptionEntry(_Strict):
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


class HealthEntry(_Strict):
    failing_after: Duration = 6 * 3600.0
    silent_factor: float = Field(4.0, ge=1.0)  # times the usual gap between new items
    silent_at_least: Duration = 12 * 3600.0


class NotifyEntry(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    sender: Address = Field("Watcher <watcher@localhost>", alias="from")
    smtp: SmtpEntry | None = None
    outbox_dir: str = "outbox"
    retry_initial: Duration = 30.0
    retry_max: Duration = 900.0
    send_every: Duration = 10.0
    give_up_after: Duration = 24 * 3600.0
    admin: Address | None = None
    desks: dict[NonEmpty, Addresses] = {}
    story_window: Duration = 3 * 86400.0
    follow_up_every: Duration = 3600.0
    health: HealthEntry = HealthEntry()
    subscriptions: list[SubscriptionEntry] = []


class WebUserEntry(_Strict):
    name: NonEmpty
    password_hash: NonEmpty | None = None  # from `watcher hash-password`
    password_hash_env: NonEmpty | None = None  # or the environment variable holding it


class WebEntry(_Strict):
    base_url: URL | None = None  # where the search page is reached; alerts link to it
    host: NonEmpty = "127.0.0.1"
    port: int = Field(8080, ge=1, le=65535)
    users: list[WebUserEntry] = []
    proxy_user_header: NonEmpty | None = None  # set by a reverse proxy that logged the user in
    trusted_proxies: list[NonEmpty] = ["127.0.0.1", "::1"]  # who may set that header


class ConfigFile(_Strict):
    settings: Settings = Settings()
    mps: list[MPEntry]
    news: list[SourceEntry] = []
    notify: NotifyEntry = NotifyEntry()
    web: WebEntry = WebEntry()


# --- what the rest of the watcher gets -------------------------------------------------------


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
            self.wants_mp(mp)
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
    give_up_after: float = 24 * 3600.0
    admin: str | None = None
    story_window: float = 3 * 86400.0
    follow_up_every: float = 3600.0
    health: HealthEntry = field(default_factory=HealthEntry)

    def subscription(self, name: str) -> Subscription | None:
        return next((s for s in self.subscriptions if s.name == name), None)


@dataclass(frozen=True)
class WebUser:
    name: str
    password_hash: SecretStr


@dataclass(frozen=True)
class WebSettings:
    base_url: str | None  # without a trailing slash
    host: str = "127.0.0.1"
    port: int = 8080
    users: tuple[WebUser, ...] = ()
    proxy_user_header: str | None = None
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = ()

    @property
    def has_auth(self) -> bool:
        """Whether the page asks who is there: users with passwords, or a trusted proxy."""
        return bool(self.users) or self.proxy_user_header is not None


@dataclass(frozen=True)
class Config:
    path: Path
    settings: Settings
    archive_path: Path
    mps: tuple[MP, ...]
    sources: tuple[Source, ...]
    notify: NotifySettings
    web: WebSettings

    def find_source(self, name_or_url: str) -> Source | None:
        wanted = name_or_url.strip().casefold()
        for source in self.sources:
            if wanted in (source.name.casefold(), source.url.casefold()):
                return source
        return None


def config_path(option: str | None, environ: Mapping[str, str]) -> Path:
    """-c FILE, else $WATCHER_CONFIG, else ./sources.yaml."""
    return Path(option or environ.get("WATCHER_CONFIG") or DEFAULT_CONFIG)


def load_config(path: Path, environ: Mapping[str, str]) -> Config:
    """Read and check `path`; raise ConfigError listing every problem found."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([ConfigProblem(name, None, "", f"cannot read: {exc.strerror}")]) from None
    locator = _Locator.from_text(name, text)
    data = locator.data
    if not isinstance(data, dict):
        problem = "the file must be a mapping with at least an `mps:` list"
        raise ConfigError([ConfigProblem(name, 1, "", problem)])
    try:
        parsed = ConfigFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(locator.problems_from(exc)) from None
    return _resolve(parsed, path, environ, locator)


def _resolve(parsed: ConfigFile, path: Path, environ: Mapping[str, str], at: _Locator) -> Config:
    problems = list(at.duplicate_keys)
    configured = tuple(_mp(entry) for entry in parsed.mps)
    problems += _check_unique_mps(configured, at)
    mps = configured
    if parsed.settings.track == "all_mps":
        named = {mp.name for mp in configured}
        mps += tuple(mp for mp in load_register() if mp.name not in named)
    sources = _sources(parsed, at, problems)
    parts = _Parts(path.parent, mps, sources)
    notify = _notify(parsed.notify, parts, environ, at, problems)
    web = _web(parsed.web, environ, at, problems)
    if problems:
        raise ConfigError(problems)
    return Config(
        path=path,
        settings=parsed.settings,
        archive_path=path.parent / parsed.settings.archive,
        mps=mps,
        sources=sources,
        notify=notify,
        web=web,
    )


def _mp(entry: MPEntry) -> MP:
    """An MP of the config, filled in from the register when the register knows them."""
    honorific, name = split_honorific(entry.name)
    known = find_in_register(name)
    generated = known.aliases if known else generated_aliases(name, honorific)
    aliases = tuple(a.strip() for a in entry.aliases)
    return MP(
        name=known.name if known else name,
        aliases=tuple(dict.fromkeys(aliases + generated)),
        party=entry.party or (known.party if known else None),
        constituency=entry.constituency or (known.constituency if known else None),
        member_id=known.member_id if known else None,
        region=known.region if known else None,
    )


def _check_unique_mps(mps: tuple[MP, ...], at: _Locator) -> list[ConfigProblem]:
    seen: set[str] = set()
    problems = []
    for index, mp in enumerate(mps):
        if mp.name.casefold() in seen:
            problems.append(at.problem(("mps", index, "name"), f"{mp.name!r} is listed twice"))
        seen.add(mp.name.casefold())
    return problems


def _sources(parsed: ConfigFile, at: _Locator, problems: list[ConfigProblem]) -> tuple[Source, ...]:
    default = parsed.settings.interval
    placed: list[tuple[tuple[str | int, ...], Source]] = []
    for m_index, mp in enumerate(parsed.mps):
        for s_index, entry in enumerate(mp.sources):
            label = f"{mp.name} ({entry.kind}{'' if s_index == 0 else f' {s_index + 1}'})"
            source = _source(entry, entry.name or label, default, _mp(mp).name)
            placed.append((("mps", m_index, "sources", s_index), source))
    for n_index, entry in enumerate(parsed.news):
        source = _source(entry, entry.name or _short_address(entry.address()), default, None)
        placed.append((("news", n_index), source))
    seen_names: dict[str, str] = {}
    seen_urls: dict[str, str] = {}
    for loc, source in placed:
        for seen, key, what in ((seen_names, source.name, "name"), (seen_urls, source.url, "url")):
            if key.casefold() in seen:
                message = f"the same source {what} {key!r} as {seen[key.casefold()]}"
                problems.append(at.problem(loc, message))
            seen[key.casefold()] = at.path_text(loc)
    return tuple(source for _, source in placed)


def _source(entry: SourceEntry, name: str, default: float, mp: str | None) -> Source:
    return Source(
        name=name,
        kind=entry.kind,
        url=entry.address(),
        interval=entry.interval or default,
        mp=mp,
        fetch_articles=isinstance(entry, FeedSource) and entry.fetch_articles,
        item_selector=entry.item_selector if isinstance(entry, PageSource) else None,
    )


def _short_address(url: str) -> str:
    """'feeds.bbci.co.uk/news/politics/rss.xml': a readable default name for a news feed."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc}{parts.path.rstrip('/')}{query}" or url


def _notify(
    entry: NotifyEntry,
    config: _Parts,
    environ: Mapping[str, str],
    at: _Locator,
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
class _Parts:
    """What a subscription is checked against."""

    base: Path
    mps: tuple[MP, ...]
    sources: tuple[Source, ...]


def _subscription(
    sub: SubscriptionEntry,
    index: int,
    entry: NotifyEntry,
    config: _Parts,
    at: _Locator,
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
        kinds=None if sub.kinds is None else frozenset(k for k in KINDS if k in sub.kinds),
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
    )


def _expand_desks(
    wanted: tuple[str, ...],
    desks: Mapping[str, tuple[str, ...]],
    loc: tuple[str | int, ...],
    at: _Locator,
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
    at: _Locator,
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
    sub: SubscriptionEntry, loc: tuple[str | int, ...], at: _Locator, problems: list[ConfigProblem]
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
    urgent = frozenset(k for k in KINDS if entry.urgent is None or k in entry.urgent)
    return QuietHours(entry.start, entry.end, urgent)


def _apprise_accepts(url: str) -> bool:
    import apprise  # loaded only when a subscription uses it: it is slow to import

    return apprise.Apprise.instantiate(url) is not None


def _smtp(
    entry: SmtpEntry,
    base: Path,
    environ: Mapping[str, str],
    at: _Locator,
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


def _web(
    entry: WebEntry, environ: Mapping[str, str], at: _Locator, problems: list[ConfigProblem]
) -> WebSettings:
    users: list[WebUser] = []
    for index, user in enumerate(entry.users):
        loc: tuple[str | int, ...] = ("web", "users", index)
        hashed = _user_hash(user, environ)
        if isinstance(hashed, _UserProblem):
            problems.append(at.problem((*loc, hashed.field), hashed.message))
            continue
        if user.name in {u.name for u in users}:
            problems.append(at.problem((*loc, "name"), f"user {user.name!r} is listed twice"))
        users.append(WebUser(user.name, SecretStr(hashed)))
    proxies = []
    for index, network in enumerate(entry.trusted_proxies):
        try:
            proxies.append(ip_network(network, strict=False))
        except ValueError:
            loc = ("web", "trusted_proxies", index)
            problems.append(at.problem(loc, f"not an IP address or network: {network!r}"))
    return WebSettings(
        base_url=entry.base_url.rstrip("/") if entry.base_url else None,
        host=entry.host,
        port=entry.port,
        users=tuple(users),
        proxy_user_header=entry.proxy_user_header,
        trusted_proxies=tuple(proxies),
    )


@dataclass(frozen=True)
class _UserProblem:
    field: str
    message: str


def _user_hash(user: WebUserEntry, environ: Mapping[str, str]) -> str | _UserProblem:
    """The user's password hash, from the file or the environment, checked."""
    if (user.password_hash is None) == (user.password_hash_env is None):
        return _UserProblem("name", "give password_hash or password_hash_env (one of them)")
    field = "password_hash" if user.password_hash else "password_hash_env"
    if user.password_hash_env is not None and user.password_hash_env not in environ:
        return _UserProblem(field, f"environment variable {user.password_hash_env} is not set")
    hashed = user.password_hash or environ[user.password_hash_env or ""]
    try:
        check_hash(hashed)
    except ValueError as exc:
        return _UserProblem(field, str(exc))
    return hashed


# --- finding lines --------------------------------------------------------------------------

_FRIENDLY = {
    "missing": "required",
    "extra_forbidden": "unknown key",
    "union_tag_not_found": "needs a kind: feed, page, bluesky, mastodon or youtube",
}


class _Locator:
    """Maps a field path such as ('mps', 3, 'sources', 0, 'url') to a line of the file."""

    def __init__(self, file: str, data: Any, root: yaml.Node | None) -> None:
        self.file = file
        self.data = data
        self.root = root
        self.duplicate_keys: list[ConfigProblem] = []
        if root is not None:
            self._find_duplicates(root, ())

    @classmethod
    def from_text(cls, file: str, text: str) -> _Locator:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problem = f"YAML syntax error: {exc.problem or exc}"
            raise ConfigError([ConfigProblem(file, line, "", problem)]) from None
        except yaml.YAMLError as exc:
            raise ConfigError([ConfigProblem(file, None, "", f"YAML error: {exc}")]) from None
        return cls(file, data, root)

    def problems_from(self, exc: ValidationError) -> list[ConfigProblem]:
        problems = list(self.duplicate_keys)
        for error in exc.errors(include_url=False):
            loc, line = self._walk(tuple(error["loc"]))
            message = _FRIENDLY.get(error["type"], error["msg"].removeprefix("Value error, "))
            if error["type"] == "union_tag_invalid":
                tags = error.get("ctx", {}).get("expected_tags", "")
                message = f"unknown kind {error['input'].get('kind')!r} (expected {tags})"
            problems.append(ConfigProblem(self.file, line, self.path_text(loc), message))
        return problems

    def problem(self, loc: tuple[str | int, ...], message: str) -> ConfigProblem:
        kept, line = self._walk(loc)
        return ConfigProblem(self.file, line, self.path_text(kept), message)

    @staticmethod
    def path_text(loc: tuple[str | int, ...]) -> str:
        text = ""
        for part in loc:
            text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
        return text

    def _walk(self, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], int | None]:
        """Follow `loc` through the YAML nodes; union tags that are not keys are dropped."""
        node = self.root
        line = node.start_mark.line + 1 if node else None
        kept: list[str | int] = []
        for position, part in enumerate(loc):
            child = self._child(node, part)
            if child is None:
                if position == len(loc) - 1 or isinstance(part, int):
                    kept.append(part)
                continue
            key_line, node = child
            kept.append(part)
            line = key_line
        return tuple(kept), line

    @staticmethod
    def _child(node: yaml.Node | None, part: str | int) -> tuple[int, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    return key.start_mark.line + 1, value
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            value = node.value[part]
            return value.start_mark.line + 1, value
        return None

    def _find_duplicates(self, node: yaml.Node, loc: tuple[str | int, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if key.value in seen:
                    path = self.path_text((*loc, key.value))
                    line = key.start_mark.line + 1
                    self.duplicate_keys.append(ConfigProblem(self.file, line, path, "key repeated"))
                seen.add(key.value)
                self._find_duplicates(value, (*loc, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                self._find_duplicates(value, (*loc, index))
