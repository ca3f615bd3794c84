"""Reading the statements a contest's tally needs: every bid, withdrawal and endorsement said
(or published, or first seen) within a span of time. Only reads."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlite_utils

from watcher.contests import ContestStatement
from watcher.kinds import contest_kinds
from watcher.models import Kind
from watcher.timefmt import from_iso, to_iso

_CONTEST_STATEMENTS = """
    SELECT s.id, m.name AS mp, m.party, s.kind, s.target, s.timeline_at, s.created_at,
           s.story_id, s.said_at, s.said_at_precision
    FROM statements s INDEXED BY statements_kind_timeline
    JOIN mps m ON m.id = s.mp_id
    WHERE s.kind IN (SELECT value FROM json_each(:kinds))
      AND (:since IS NULL OR s.timeline_at >= :since)
      AND (:until IS NULL OR s.timeline_at < :until)
    ORDER BY s.timeline_at, s.id
"""


def contest_statements(
    db: sqlite_utils.Database,
    since: datetime | None,
    until: datetime | None,
    kinds: tuple[Kind, ...] | None = None,
) -> list[ContestStatement]:
    """Statements of these kinds (the contest kinds when None) dated in [since, until), oldest
    first."""
    wanted = contest_kinds() if kinds is None else kinds
    params = {"kinds": json.dumps(wanted), "since": to_iso(since), "until": to_iso(until)}
    return [_statement(row) for row in db.query(_CONTEST_STATEMENTS, params)]


def _statement(row: dict[str, Any]) -> ContestStatement:
    seen = from_iso(row["created_at"])
    assert seen is not None
    return ContestStatement(
        id=row["id"],
        mp=row["mp"],
        party=row["party"],
        kind=row["kind"],
        target=row["target"],
        at=from_iso(row["timeline_at"]) or seen,
        precision=row["said_at_precision"] if row["said_at"] else "published",
        seen_at=seen,
        story=row["story_id"],
    )
