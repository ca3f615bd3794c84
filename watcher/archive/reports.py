"""A statement as a message or a page tells it (`Report`): the one query and the one mapping,
used by the outbox (what an email says) and by search (what a page shows)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from watcher.models import Report
from watcher.timefmt import from_iso

_REPORTS = """
    SELECT s.id AS statement_id, COALESCE(s.story_id, -s.id) AS story_id, m.name AS mp,
           m.party, m.constituency, s.kind, s.target, s.text, s.said_at, s.said_at_precision,
           s.evidence, src.name AS source, src.id AS source_id, src.kind AS source_kind,
           (src.mp_id IS NOT NULL AND src.mp_id = s.mp_id) AS own, i.url, i.title,
           i.published_at, i.first_seen_at, s.verbatim, s.report, s.status
    FROM statements s
    JOIN mps m ON m.id = s.mp_id
    JOIN items i ON i.id = s.item_id
    JOIN sources src ON src.id = i.source_id
    WHERE s.id IN (SELECT value FROM json_each(?))
"""


def reports_of(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, Report]:
    """The statements `ids` that exist, by id."""
    rows = db.query(_REPORTS, [json.dumps(list(ids))])
    return {row["statement_id"]: _report(row) for row in rows}


def _report(row: dict[str, Any]) -> Report:
    first_seen = from_iso(row["first_seen_at"])
    assert first_seen is not None  # items.first_seen_at is NOT NULL
    return Report(
        statement_id=row["statement_id"],
        story_id=row["story_id"],
        mp=row["mp"],
        party=row["party"],
        constituency=row["constituency"],
        kind=row["kind"],
        target=row["target"],
        text=row["text"],
        said_at=from_iso(row["said_at"]),
        said_at_precision=row["said_at_precision"],
        evidence=row["evidence"],
        source=row["source"],
        source_id=row["source_id"],
        source_kind=row["source_kind"],
        own=bool(row["own"]),
        url=row["url"],
        title=row["title"],
        published_at=from_iso(row["published_at"]),
        first_seen_at=first_seen,
        verbatim=bool(row["verbatim"]),
        report=row["report"],
        status=row["status"],
        marked=row["text"],
    )
