"""Is a source well? Failing for hours, silent for longer than its usual rhythm, or parsing to
nothing when it used to list items. Pure: the archive supplies the record, the pipeline acts.

The admin hears of a change of state once: one warning when a source goes wrong, one
"recovered" when it is well again; never a message per poll.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from watcher.timefmt import local_text

State = Literal["ok", "failing", "silent", "empty"]
RHYTHM_SAMPLE = 5  # new items needed before silence can be judged


@dataclass(frozen=True)
class HealthRecord:
    """What the archive knows of a source's recent life."""

    name: str
    url: str
    last_status: str | None
    last_error: str | None
    consecutive_failures: int
    first_polled_at: datetime | None
    last_success_at: datetime | None
    listed_last: int | None
    listed_most: int
    empty_since: datetime | None  # since when its fetches have listed nothing
    item_times: tuple[datetime, ...]  # when its recent items appeared, oldest first
    state: State
    reported: State  # the state the admin was last told of


class Limits(Protocol):
    """When a source is judged failing or silent (the config's `notify.health`), in seconds."""

    @property
    def failing_after(self) -> float: ...
    @property
    def silent_factor(self) -> float: ...
    @property
    def silent_at_least(self) -> float: ...


@dataclass(frozen=True)
class Verdict:
    state: State
    detail: str


def assess(record: HealthRecord, now: datetime, limits: Limits) -> Verdict:
    if record.last_status == "error":
        since = record.last_success_at or record.first_polled_at or now
        if now - since >= timedelta(seconds=limits.failing_after):
            return Verdict(
                "failing",
                f"failing for {_span(now - since)}"
                f" ({record.consecutive_failures} polls in a row): {record.last_error}",
            )
        return Verdict(record.state, "")  # too soon to say: no change
    if record.listed_last == 0 and record.listed_most > 0 and record.empty_since:
        if now - record.empty_since < timedelta(seconds=limits.failing_after):
            return Verdict(record.state, "")  # a feed between items for a while is no news
        return Verdict(
            "empty",
            f"has listed nothing for {_span(now - record.empty_since)};"
            f" it used to list up to {record.listed_most} items",
        )
    return _silence(record, now, limits)


def _silence(record: HealthRecord, now: datetime, limits: Limits) -> Verdict:
    times = sorted(record.item_times)
    if len(times) < RHYTHM_SAMPLE:
        return Verdict("ok", "")
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    usual = statistics.median(gaps)
    allowed = max(limits.silent_at_least, limits.silent_factor * usual)
    quiet_for = now - times[-1]
    if quiet_for.total_seconds() <= allowed:
        return Verdict("ok", "")
    return Verdict(
        "silent",
        f"nothing new for {_span(quiet_for)}; it usually has something every"
        f" {_span(timedelta(seconds=usual))}",
    )


def needs_message(record: HealthRecord, verdict: Verdict) -> bool:
    """A change from what the admin was last told: a new problem, or recovery from one."""
    return verdict.state != record.reported


def health_message(
    record: HealthRecord, verdict: Verdict, now: datetime, zone: ZoneInfo
) -> tuple[str, str]:
    """The subject and body of the admin's message about a change of state."""
    if verdict.state == "ok":
        subject = f"Watcher: {record.name} has recovered"
        first = f"{record.name} is working again (it was {record.reported})."
    else:
        subject = f"Watcher: {record.name} is {verdict.state}"
        first = f"{record.name} is {verdict.state}: {verdict.detail}."
    lines = [
        first,
        "",
        f"Source:        {record.url}",
        f"Last success:  {local_text(record.last_success_at, zone) or 'never'}",
        f"Checked:       {local_text(now, zone)}",
    ]
    if record.last_error and verdict.state == "failing":
        lines.append(f"Last error:    {record.last_error}")
    lines += ["", "`watcher sources` shows every source's state."]
    return subject, "\n".join(lines)


def _span(delta: timedelta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    if seconds >= 2 * 86400:
        return f"{seconds // 86400} days"
    if seconds >= 2 * 3600:
        return f"{seconds // 3600} hours"
    if seconds >= 120:
        return f"{seconds // 60} minutes"
    return f"{seconds} seconds"
