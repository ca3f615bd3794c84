"""Deleted and edited items: telling a deletion from a feed that is merely short, and the
difference an edit made. Pure: the archive stores what these decide.

A feed lists its newest entries. An archived entry it no longer lists may have been deleted,
or may simply have fallen off the end of a shorter feed. It counts as deleted only when the
feed still lists an entry published before it: an empty feed, a failing one, or one cut short
above the missing entry deletes nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from watcher.models import Item, Kind

ChangeWhat = Literal["deleted", "edited"]

_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+|\n+")
UNLISTED = "no longer listed in its feed, while posts older than it still are"


@dataclass(frozen=True)
class Archived:
    """An archived entry of a feed, as the deletion check needs it."""

    item_id: int
    key: str
    published_at: datetime | None


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed" or "gap"
    text: str


@dataclass(frozen=True)
class Change:
    """One deletion or edit found, with what an alert about it tells."""

    version_id: int  # the item version that records it: one alert per version and recipient
    statement_id: int | None  # the item's first statement, for its page's address
    what: ChangeWhat
    own: bool  # the item is from the MP's own source (a post), not an article about them
    mps: tuple[str, ...]  # the MP whose source it is, then the MPs its statements are by
    kinds: tuple[Kind, ...]  # the kinds of the item's statements
    source: str
    source_kind: str  # its kind in sources.yaml: 'bluesky', 'feed', ...
    title: str
    url: str | None
    posted_at: datetime | None
    found_at: datetime
    before: str  # the text as it was last seen
    after: str | None  # the text now (an edit)
    detail: str | None  # how the deletion showed
    diff: tuple[DiffLine, ...] = ()


def deleted_from_feed(archived: Sequence[Archived], listed: Sequence[Item]) -> list[Archived]:
    """The archived entries the feed no longer lists although it lists one published before
    them. Entries without a published time cannot be placed, so are never judged deleted."""
    times = [item.published_at for item in listed if item.published_at is not None]
    if not times:
        return []
    oldest = min(times)
    keys = {item.key for item in listed}
    return [
        entry
        for entry in archived
        if entry.key not in keys and entry.published_at is not None and entry.published_at > oldest
    ]


def same_text(first: str, second: str) -> bool:
    """Whether two texts read the same, spacing aside."""
    return first.split() == second.split()


def diff_lines(first: str, latest: str) -> list[DiffLine]:
    """The difference between two texts, sentence by sentence, with a little context."""
    old, new = _sentences(first), _sentences(latest)
    lines = []
    for line in difflib.unified_diff(old, new, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(DiffLine("gap", "…"))
        elif line.startswith("+"):
            lines.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine("removed", line[1:]))
        else:
            lines.append(DiffLine("same", line[1:]))
    return lines


_MARKS = {"same": " ", "added": "+", "removed": "-", "gap": "@"}
_KINDS = {mark: kind for kind, mark in _MARKS.items()}


def diff_text(lines: Sequence[DiffLine]) -> str:
    """The difference as stored: one line each, marked '+', '-', ' ' or '@' (a gap)."""
    return "\n".join(_MARKS[line.kind] + " ".join(line.text.split()) for line in lines)


def read_diff(text: str | None) -> tuple[DiffLine, ...]:
    """The difference as `diff_text` stored it."""
    if not text:
        return ()
    return tuple(DiffLine(_KINDS.get(line[:1], "same"), line[1:]) for line in text.split("\n"))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
