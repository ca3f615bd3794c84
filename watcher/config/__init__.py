"""Load sources.yaml once, check all of it, and hand the rest of the watcher typed records.

Every problem is reported at once, each with the file, the line and the field path
(`mps[3].sources[0].url: not a URL`). Nothing else in the watcher reads the file or the
environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import Field, ValidationError, model_validator

from watcher import __version__
from watcher.config.contests import ContestEntry, resolve_contests
from watcher.config.hosts import (
    MAX_IN_FLIGHT,
    HostEntry,
    HostLimit,
    check_hosts,
    hosts_named_twice,
)
from watcher.config.locator import Locator
from watcher.config.notify import (
    HealthEntry,
    Known,
    NotifyEntry,
    NotifySettings,
    QuietHours,
    SmtpSettings,
    Subscription,
    resolve_notify,
)
from watcher.config.web import WebEntry, WebSettings, resolve_web
from watcher.contests import Contest
from watcher.errors import ConfigError, ConfigProblem
from watcher.models import MP, Roll, Source
from watcher.register import (
    find_in_register,
    generated_aliases,
    is_in_register,
    load_register,
    near_names,
    split_honorific,
)
from watcher.sources import SourceEntry
from watcher.values import (
    Duration,
    HostName,
    NonEmpty,
    Size,
    Strict,
    TimeZone,
    parse_duration,
    parse_size,
    selector_problem,
)

__all__ = [
    "Config",
    "ConfigFile",
    "Contest",
    "HealthEntry",
    "HostEntry",
    "HostLimit",
    "NotifyEntry",
    "NotifySettings",
    "QuietHours",
    "Recheck",
    "Settings",
    "SmtpSettings",
    "Subscription",
    "WebSettings",
    "config_path",
    "load_config",
    "parse_duration",
    "parse_size",
]

DEFAULT_USER_AGENT = f"watcher/{__version__} (+https://github.com/newsroom-tools/watcher)"
DEFAULT_CONFIG = "sources.yaml"
DEADLINE_FACTOR = 3  # the default request deadline, in per-read timeouts
DEFAULT_POLL_BUDGET = 300.0
MAX_CONFIG_BYTES = 5_000_000  # a sources file for every MP is well under 1 MB


# --- the file's shape ----------------------------------------------------------------------


class Recheck(Strict):
    """Reading archived items again for deletions and edits: the MPs' own items, and the
    articles that carried a contest statement, for `within` after they were first seen, each
    at most once per `every`; at most `per_round` of them in one round of rechecks."""

    enabled: bool = True
    every: Duration = 3600.0
    within: Duration = 7 * 86400.0
    per_round: int = Field(50, ge=1, le=1000)

    @model_validator(mode="after")
    def _window_holds_a_check(self) -> Recheck:
        if self.within < self.every:
            raise ValueError("`within` must be at least `every`, or nothing is ever rechecked")
        return self


class Settings(Strict):
    archive: str = "watcher.db"
    timezone: TimeZone = "Europe/London"
    interval: Duration = 300.0
    user_agent: NonEmpty = DEFAULT_USER_AGENT
    timeout: Duration = 20.0
    max_body: Size = 5_000_000
    retries: int = Field(3, ge=0, le=10)
    per_host: int = Field(2, ge=1, le=16)  # a host not named under `hosts`
    in_flight: int = Field(100, ge=1, le=MAX_IN_FLIGHT)  # all hosts together
    hosts: dict[HostName, HostEntry] = {}
    first_poll_alert_window: Duration = 86400.0
    max_backoff: Duration = 6 * 3600.0
    allow_private_redirects: bool = False
    track: Literal["configured", "all_mps"] = "configured"
    request_deadline: Duration | None = None  # read `deadline`
    poll_budget: Duration | None = None  # read `budget`
    recheck: Recheck = Recheck()

    def host_limit(self, host: str) -> HostLimit:
        """The limits for requests to `host`: its own under `hosts`, else the polite default."""
        entry = self.hosts.get(host.lower().rstrip("."))
        if entry is None:
            return HostLimit(self.per_host)
        return HostLimit(entry.in_flight or self.per_host, entry.rate)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def deadline(self) -> float:
        """Seconds one request may take, connect, headers and body together: a server that
        trickles a byte at a time never trips `timeout`, which bounds each read alone."""
        return self.request_deadline or DEADLINE_FACTOR * self.timeout

    @property
    def budget(self) -> float:
        """Seconds one poll of a source may take, every retry, redirect and article included."""
        return self.poll_budget or max(DEFAULT_POLL_BUDGET, 2 * self.deadline)


class MPEntry(Strict):
    name: NonEmpty
    aliases: list[NonEmpty] = []
    party: str | None = None
    constituency: str | None = None
    sources: list[SourceEntry] = []


class ConfigFile(Strict):
    settings: Settings = Settings()
    mps: list[MPEntry]
    news: list[SourceEntry] = []
    notify: NotifyEntry = NotifyEntry()
    web: WebEntry = WebEntry()
    contests: list[ContestEntry] = []


# --- what the rest of the watcher gets -------------------------------------------------------


@dataclass(frozen=True)
class Config:
    path: Path
    settings: Settings
    archive_path: Path
    mps: tuple[MP, ...]
    sources: tuple[Source, ...]
    notify: NotifySettings
    web: WebSettings
    contests: tuple[Contest, ...] = ()
    warnings: tuple[ConfigProblem, ...] = ()  # worth a look, but the config works

    @property
    def known_mps(self) -> tuple[MP, ...]:
        """The MPs tracked, then every MP of the register: who a party's MPs are."""
        return (*self.mps, *load_register())

    def find_contest(self, name: str) -> Contest | None:
        wanted = " ".join(name.split()).casefold()
        return next((c for c in self.contests if c.name.casefold() == wanted), None)

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
    locator = Locator.from_text(name, _read_text(path))
    data = locator.data
    if not isinstance(data, dict):
        problem = "the file must be a mapping with at least an `mps:` list"
        raise ConfigError([ConfigProblem(name, 1, "", problem)])
    try:
        parsed = ConfigFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(locator.problems_from(exc)) from None
    return _resolve(parsed, path, environ, locator)


def _read_text(path: Path) -> str:
    """The file as text: at most `MAX_CONFIG_BYTES` of it, in UTF-8."""
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            raw = b"" if size > MAX_CONFIG_BYTES else file.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError([_file_problem(path, None, f"cannot read: {exc.strerror}")]) from None
    if size > MAX_CONFIG_BYTES or len(raw) > MAX_CONFIG_BYTES:
        shown = f"{size:,} bytes" if size > MAX_CONFIG_BYTES else "larger"
        message = f"too large: {shown}, over the limit of {MAX_CONFIG_BYTES:,} bytes"
        raise ConfigError([_file_problem(path, None, message)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be read; save it as UTF-8"
        raise ConfigError([_file_problem(path, line, message)]) from None


def _file_problem(path: Path, line: int | None, message: str) -> ConfigProblem:
    return ConfigProblem(str(path), line, "", message)


def _resolve(parsed: ConfigFile, path: Path, environ: Mapping[str, str], at: Locator) -> Config:
    problems = list(at.duplicate_keys)
    problems += _check_deadlines(parsed.settings, at)
    settings = parsed.settings
    problems += check_hosts(settings.hosts, settings.per_host, settings.in_flight, at)
    problems += hosts_named_twice(at)
    configured = tuple(_mp(entry) for entry in parsed.mps)
    problems += _check_unique_mps(configured, at)
    mps = configured
    if parsed.settings.track == "all_mps":
        named = {mp.name for mp in configured}
        mps += tuple(mp for mp in load_register() if mp.name not in named)
    sources = _sources(parsed, at, problems)
    known_mps = (*load_register(), *configured)
    contests = resolve_contests(parsed.contests, known_mps, at, problems)
    parts = Known(path.parent, mps, sources, tuple(c.name for c in contests))
    notify = resolve_notify(parsed.notify, parts, environ, at, problems)
    web = resolve_web(parsed.web, environ, at, problems)
    if problems:
        raise ConfigError(problems)
    return Config(
        path=path,
        settings=parsed.settings,
        archive_path=path.parent / parsed.settings.archive,
        mps=Roll(mps),
        sources=sources,
        notify=notify,
        web=web,
        contests=contests,
        warnings=tuple(_unregistered_mps(parsed, at)),
    )


def _check_deadlines(settings: Settings, at: Locator) -> list[ConfigProblem]:
    """A request's deadline holds at least one read's timeout; a poll's budget one request."""
    problems = []
    if settings.request_deadline is not None and settings.request_deadline < settings.timeout:
        message = f"must be at least settings.timeout ({settings.timeout:g}s), one read's limit"
        problems.append(at.problem(("settings", "request_deadline"), message))
    if settings.poll_budget is not None and settings.poll_budget < settings.deadline:
        message = f"must be at least one request's deadline ({settings.deadline:g}s)"
        problems.append(at.problem(("settings", "poll_budget"), message))
    return problems


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


def _unregistered_mps(parsed: ConfigFile, at: Locator) -> list[ConfigProblem]:
    """MPs the register does not know: often a misspelling, which would match nobody's
    copy; the register's nearest names are offered."""
    warnings = []
    for index, entry in enumerate(parsed.mps):
        if is_in_register(entry.name):
            continue
        message = (
            f"{entry.name!r} is not in the register of MPs, so their party, constituency and"
            " forms of name are not filled in"
        )
        near = near_names(entry.name)
        if near:
            message += f"; did you mean {' or '.join(repr(n) for n in near)}?"
        warnings.append(at.problem(("mps", index, "name"), message))
    return warnings


def _check_unique_mps(mps: tuple[MP, ...], at: Locator) -> list[ConfigProblem]:
    seen: set[str] = set()
    problems = []
    for index, mp in enumerate(mps):
        if mp.name.casefold() in seen:
            problems.append(at.problem(("mps", index, "name"), f"{mp.name!r} is listed twice"))
        seen.add(mp.name.casefold())
    return problems


def _sources(parsed: ConfigFile, at: Locator, problems: list[ConfigProblem]) -> tuple[Source, ...]:
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
    problems += _check_selectors(placed, at)
    seen_names: dict[str, str] = {}
    seen_urls: dict[str, str] = {}
    for loc, source in placed:
        for seen, key, what in ((seen_names, source.name, "name"), (seen_urls, source.url, "url")):
            if key.casefold() in seen:
                message = f"the same source {what} {key!r} as {seen[key.casefold()]}"
                problems.append(at.problem(loc, message))
            seen[key.casefold()] = at.path_text(loc)
    return tuple(source for _, source in placed)


def _check_selectors(
    placed: list[tuple[tuple[str | int, ...], Source]], at: Locator
) -> list[ConfigProblem]:
    """A page's item_selector is checked now: a broken one would fail every poll."""
    problems = []
    for loc, source in placed:
        problem = selector_problem(source.item_selector) if source.item_selector else None
        if problem:
            message = f"{problem} (source {source.name!r})"
            problems.append(at.problem((*loc, "item_selector"), message))
    return problems


def _source(entry: SourceEntry, name: str, default: float, mp: str | None) -> Source:
    return Source(
        name=name,
        kind=entry.kind,
        url=entry.address(),
        interval=entry.interval or default,
        mp=mp,
        **entry.options(),
    )


def _short_address(url: str) -> str:
    """'feeds.bbci.co.uk/news/politics/rss.xml': a readable default name for a news feed."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc}{parts.path.rstrip('/')}{query}" or url
