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


def said_text(moment: datetime | None, precision: str | None, zone: ZoneInfo) -> str:
    """When something was said, to the precision the text gave: 'Fri 4 Dec 2026, 23:10 GMT'
    for a clock time, 'Fri 4 Dec 2026, about 14:00 GMT' for an hour, 'Fri 4 Dec 2026' for a
    day, 'December 2026' for a month, '2026' for a year; a time taken from the item's
    publication (precision 'published' or unknown) is shown to the minute."""
    if moment is None:
        return ""
    here = moment.astimezone(zone)
    day = f"{here:%a} {here.day} {here:%b %Y}"
    if precision == "day":
        return day
    if precision == "month":
        return f"{here:%B %Y}"
    if precision == "year":
        return f"{here:%Y}"
    about = "about " if precision == "hour" else ""
    return f"{day}, {about}{here:%H:%M %Z}"


def day_bounds(text: str, zone: ZoneInfo, *, end: bool) -> datetime:
    """A date (YYYY-MM-DD, the whole day in `zone`) or a full ISO time, as an aware datetime."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start + timedelta(days=1) - timedelta(seconds=1) if end else start
