"""Times are stored as ISO 8601 in UTC and shown in the configured time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def to_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the watcher only stores aware times")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time written by others (markup, feeds); a time without zone is taken as
    UTC; None when it is not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def from_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_text(moment: datetime | None, zone: ZoneInfo) -> str:
    """'Mon 6 Jan 2020 23:10 GMT', or '' for no time."""
    if moment is None:
        return ""
    here = moment.astimezone(zone)
    return f"{here:%a} {here.day} {here:%b %Y %H:%M %Z}"


def day_bounds(text: str, zone: ZoneInfo, *, end: bool) -> datetime:
    """A date (YYYY-MM-DD, the whole day in `zone`) or a full ISO time, as an aware datetime."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start + timedelta(days=1) - timedelta(seconds=1) if end else start
