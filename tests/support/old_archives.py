"""Archives at an older schema version, filled by today's code.

Today's code names a story `stories` and `story_id`; an archive from before migration 14 names
them `clusters` and `cluster_id`. To fill an old archive through today's `Archive`, it is
opened with the migrations up to that version and the renaming, filled, then the names are put
back as that version had them and its version number restored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import watcher.archive as archive_module
from watcher.archive import MIGRATIONS

STORIES = next(n for n, m in enumerate(MIGRATIONS) if m.__name__.endswith("_stories"))

_AS_CLUSTERS = """
BEGIN;
DROP INDEX IF EXISTS stories_mp;
DROP INDEX IF EXISTS statements_story;
DROP INDEX IF EXISTS outbox_story;
ALTER TABLE stories RENAME TO clusters;
ALTER TABLE statements RENAME COLUMN story_id TO cluster_id;
ALTER TABLE outbox RENAME COLUMN story_id TO cluster_id;
CREATE INDEX clusters_mp ON clusters (mp_id, last_seen_at);
CREATE INDEX statements_cluster ON statements (cluster_id);
CREATE INDEX outbox_cluster ON outbox (cluster_id, recipient);
COMMIT;
"""


@contextmanager
def migrated_to(version: int) -> Iterator[None]:
    """While inside, an `Archive` opened on a new file is at `version`, but with today's names
    for stories; `as_at(path, version)` then gives the file the names it had at `version`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(archive_module, "MIGRATIONS", [*MIGRATIONS[:version], MIGRATIONS[STORIES]])
        yield


def as_at(path: Path, version: int) -> None:
    """The archive at `path`, filled inside `migrated_to(version)`, as `version` named things."""
    assert version <= STORIES  # STORIES is the index of the renaming
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "stories" in tables:
            conn.executescript(_AS_CLUSTERS)
        conn.execute(f"PRAGMA user_version = {version:d}")
    conn.close()
