"""The value types of sources.yaml: durations, sizes, addresses, times of day, lists, checked
where they are read. The config and each source kind's entry (`watcher.sources`) use them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import soupsieve
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from watcher.kinds import kind_names

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


_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(s|m|h)\s*$")


def parse_rate(value: object) -> float:
    """'5/s', '120/m' or '600/h' as requests a second."""
    match = _RATE.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError("not a rate (write 5/s, 120/m or 600/h)")
    rate = float(match.group(1)) / _UNIT_SECONDS[match.group(2)]
    if rate <= 0:
        raise ValueError("must be more than 0")
    return rate


_HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?")


def check_host_name(value: object) -> str:
    """A host name as an address names it ('bsky.app', '127.0.0.1'), in lower case."""
    text = value.strip().lower() if isinstance(value, str) else ""
    if not _HOST_NAME.fullmatch(text):
        raise ValueError(f"not a host name: {value!r} (write feeds.example.org, without http://)")
    return text.rstrip(".")


def check_url(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not a URL")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not a URL (needs http:// or https:// and a host)")
    return value.strip()


def selector_problem(selector: str) -> str | None:
    """Why `selector` is no CSS selector that a page's links can be picked with (the dialect
    BeautifulSoup's `select` reads), or None when it is one."""
    try:
        soupsieve.compile(selector)
    except soupsieve.SelectorSyntaxError as exc:
        first_line = str(exc).splitlines()[0].rstrip(".")
        return f"not a CSS selector: {first_line[:1].lower()}{first_line[1:]}"
    return None


def check_address(value: object) -> str:
    """An email address, optionally with a display name; never a header break."""
    if not isinstance(value, str) or "\r" in value or "\n" in value:
        raise ValueError("not an email address")
    address = value.strip()
    bare = address[address.rfind("<") + 1 : -1] if address.endswith(">") else address
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>.][^@\s<>]*", bare):
        raise ValueError(f"not an email address: {address!r}")
    return address


def shaped(pattern: str, expected: str) -> Callable[[str], str]:
    """A check that a text is wholly of the shape `pattern`; `expected` is the problem it
    names otherwise ('not a Bluesky handle (for example someone.bsky.social)')."""
    shape = re.compile(pattern)

    def check(value: str) -> str:
        if not shape.fullmatch(value):
            raise ValueError(f"{expected}: {value!r}")
        return value

    return check


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
        if kind not in kind_names():
            raise ValueError(f"unknown kind {kind!r} (one of: {', '.join(kind_names())})")
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


def parse_day(value: object) -> date:
    """'2026-09-01' (a YAML date, or the same as text) as a date."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(value.strip()) if isinstance(value, str) else _not_a_day()
    except ValueError:
        return _not_a_day()


def _not_a_day() -> date:
    raise ValueError("not a date (write 2026-09-01)")


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
Rate = Annotated[float, BeforeValidator(parse_rate)]
HostName = Annotated[str, BeforeValidator(check_host_name)]
Address = Annotated[str, BeforeValidator(check_address)]
TimeZone = Annotated[str, BeforeValidator(check_timezone)]
NameList = Annotated[tuple[str, ...] | None, BeforeValidator(lambda v: _all_or_list(v, "names"))]
KindList = Annotated[tuple[str, ...] | None, BeforeValidator(_kinds)]
Recipients = Annotated[tuple[str, ...], BeforeValidator(_recipients)]
TextList = Annotated[tuple[str, ...], BeforeValidator(_text_list)]
Addresses = Annotated[tuple[str, ...], BeforeValidator(_addresses)]
Clock = Annotated[time, BeforeValidator(parse_clock)]
Day = Annotated[date, BeforeValidator(parse_day)]
Digest = Annotated[time | None, BeforeValidator(parse_digest)]
AppriseURL = Annotated[str, BeforeValidator(check_apprise_url)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Every mapping of the file: unknown keys are errors, and nothing changes once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)
