"""The desk's triage of statements: an editorial status for each, and the rules it follows.

A statement starts `new`. An editor marks it `verified`, `used` or `dismissed` (or `new`
again), with their name, the time and an optional note; a dismissal says why: the wrong
speaker, the wrong kind (with the right kind, when the editor gives it) or not news. Every
change is kept. Pure: the archive stores what these functions decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

from watcher.kinds import kind_names

Status = Literal["new", "verified", "used", "dismissed"]
Reason = Literal["wrong_speaker", "wrong_kind", "not_news"]
STATUSES: tuple[Status, ...] = get_args(Status)
REASONS: tuple[Reason, ...] = get_args(Reason)
REASON_LABELS: dict[str, str] = {
    "wrong_speaker": "wrong speaker",
    "wrong_kind": "wrong kind",
    "not_news": "not news",
}
NOTE_LIMIT = 2000  # characters of a note
NAME_LIMIT = 100  # characters of an editor's name
VISIT_GAP = timedelta(minutes=30)  # page views this close together are one visit


@dataclass(frozen=True)
class Mark:
    """One editor's decision on one statement, checked."""

    statement_id: int
    status: Status
    by: str
    at: datetime
    note: str | None = None
    reason: Reason | None = None
    corrected_kind: str | None = None  # with `wrong_kind`: the kind it should have had


@dataclass(frozen=True)
class StatusChange:
    """A mark as the archive keeps it (the latest is the statement's current status)."""

    status: Status
    by: str
    at: datetime
    note: str | None
    reason: Reason | None
    corrected_kind: str | None

    @property
    def reason_label(self) -> str | None:
        return REASON_LABELS[self.reason] if self.reason else None


def make_mark(
    statement_id: int,
    status: str,
    by: str,
    at: datetime,
    note: str | None = None,
    reason: str | None = None,
    corrected_kind: str | None = None,
) -> Mark:
    """A checked mark; ValueError says in words what is wrong with it."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r} (one of {', '.join(REASONS)})")
    if status == "dismissed" and reason is None:
        raise ValueError(f"a dismissal needs a reason ({', '.join(REASONS)})")
    if status != "dismissed" and reason is not None:
        raise ValueError("only a dismissal has a reason")
    if corrected_kind is not None and corrected_kind not in kind_names():
        raise ValueError(f"unknown kind {corrected_kind!r} (one of {', '.join(kind_names())})")
    if corrected_kind is not None and reason != "wrong_kind":
        raise ValueError("a corrected kind goes only with the reason wrong_kind")
    name = " ".join(by.split())
    if not name or len(name) > NAME_LIMIT:
        raise ValueError(f"say who marks it: a name of 1 to {NAME_LIMIT} characters")
    text = (note or "").strip()
    if len(text) > NOTE_LIMIT:
        raise ValueError(f"the note is longer than {NOTE_LIMIT} characters")
    return Mark(
        statement_id=statement_id,
        status=status,
        by=name,
        at=at,
        note=text or None,
        reason=reason,
        corrected_kind=corrected_kind,
    )


@dataclass(frozen=True)
class Visit:
    """A user's visits to the front page: the latest view, and when the visit before began."""

    last_seen_at: datetime
    previous_seen_at: datetime | None


def next_visit(known: Visit | None, now: datetime, gap: timedelta = VISIT_GAP) -> Visit:
    """The visit record after a view at `now`. Views less than `gap` apart are one visit, so
    "new since your last visit" stays put while the user reads, and moves on when they come
    back later."""
    if known is None:
        return Visit(now, None)
    if now - known.last_seen_at < gap:
        return Visit(now, known.previous_seen_at)
    return Visit(now, known.last_seen_at)
