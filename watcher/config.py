"""Load sources.yaml once, check all of it, and hand the rest of the watcher typed records.

Every problem is reported at once, each with the file, the line and the field path
(`mps[3].sources[0].url: not a URL`). Nothing else in the watcher reads the file or the
environment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, ValidationError

from watcher import __version__
from watcher.errors import ConfigError, ConfigProblem
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
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ValueError("expected an email address or a list of them")
    return tuple(check_address(v) for v in items)


Duration = Annotated[float, BeforeValidator(parse_duration)]
Size = Annotated[int, BeforeValidator(parse_size)]
URL = Annotated[str, BeforeValidator(check_url)]
Address = Annotated[str, BeforeValidator(check_address)]
TimeZone = Annotated[str, BeforeValidator(check_timezone)]
NameList = Annotated[tuple[str, ...] | None, BeforeValidator(lambda v: _all_or_list(v, "names"))]
KindList = Annotated[tuple[str, ...] | None, BeforeValidator(_kinds)]
Recipients = Annotated[tuple[str, ...], BeforeValidator(_recipients)]
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


class SubscriptionEntry(_Strict):
    name: str | None = None
    to: Recipients
    mps: NameList = None
    kinds: KindList = None
    mode: Literal["immediate"] = "immediate"


class NotifyEntry(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    sender: Address = Field("Watcher <watcher@localhost>", alias="from")
    smtp: SmtpEntry | None = None
    outbox_dir: str = "outbox"
    retry_initial: Duration = 30.0
    retry_max: Duration = 900.0
    send_every: Duration = 10.0
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
class Subscription:
    name: str
    recipients: tuple[str, ...]
    mps: frozenset[str] | None  # None: every MP
    kinds: frozenset[Kind] | None  # None: every kind

    def wants(self, mp: str, kind: Kind) -> bool:
        return (self.mps is None or mp in self.mps) and (self.kinds is None or kind in self.kinds)


@dataclass(frozen=True)
class NotifySettings:
    sender: str
    smtp: SmtpSettings | None
    outbox_dir: Path
    retry_initial: float
    retry_max: float
    send_every: float
    subscriptions: tuple[Subscription, ...]


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
    notify = _notify(parsed.notify, mps, path.parent, environ, at, problems)
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
    mps: tuple[MP, ...],
    base: Path,
    environ: Mapping[str, str],
    at: _Locator,
    problems: list[ConfigProblem],
) -> NotifySettings:
    by_name = {n.casefold(): mp.name for mp in mps for n in mp.names}
    subscriptions = []
    for index, sub in enumerate(entry.subscriptions):
        names: set[str] = set()
        for n_index, wanted in enumerate(sub.mps or ()):
            if wanted.strip().casefold() not in by_name:
                loc = ("notify", "subscriptions", index, "mps", n_index)
                problems.append(at.problem(loc, f"{wanted!r} is not an MP listed under mps"))
            else:
                names.add(by_name[wanted.strip().casefold()])
        kinds: frozenset[Kind] | None = None
        if sub.kinds is not None:
            kinds = frozenset(k for k in KINDS if k in sub.kinds)
        subscriptions.append(
            Subscription(
                name=sub.name or f"subscription {index + 1}",
                recipients=sub.to,
                mps=None if sub.mps is None else frozenset(names),
                kinds=kinds,
            )
        )
    return NotifySettings(
        sender=entry.sender,
        smtp=_smtp(entry.smtp, base, environ, at, problems) if entry.smtp else None,
        outbox_dir=base / entry.outbox_dir,
        retry_initial=entry.retry_initial,
        retry_max=entry.retry_max,
        send_every=entry.send_every,
        subscriptions=tuple(subscriptions),
    )


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
