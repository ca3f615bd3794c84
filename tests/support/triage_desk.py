"""A small archive for the triage tests, filed as the pipeline files it: the extractor reads
each item and `Archive.record_poll` stores what it found. An MP's own post with a bid, and a
news report with an endorsement and a hedge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import load, write_config

from watcher.archive import Archive
from watcher.config import Config
from watcher.extract import extract_statements
from watcher.models import Finding, Item, Source, Validators

BID = "I am standing for deputy leader of the Labour Party. Members deserve a real choice."
BACKING = "I am backing Lucy Powell for deputy leader."
REPORT = f"Angela Rayner said: “{BACKING}” Ian Lavery said he would think about standing."
POSTED = datetime(2026, 12, 1, 9, tzinfo=UTC)

CONFIG = """\
settings: {archive: watcher.db, timezone: Europe/London}
mps:
  - name: Ian Lavery
    sources:
      - {kind: feed, url: "https://lavery.example/rss", name: Lavery's feed}
  - name: Angela Rayner
  - name: Lucy Powell
news:
  - {kind: feed, url: "https://courier.example/rss", name: The Courier}
"""


def build_triage_desk(folder: Path, extra_yaml: str = "") -> Config:
    config = load(write_config(folder, CONFIG + extra_yaml))
    own, courier = config.sources
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        file_item(archive, config, own, "post-1", "My decision", BID, POSTED)
        file_item(archive, config, courier, "c-1", "Rayner backs Powell", REPORT, POSTED)
    finally:
        archive.close()
    return config


def file_item(
    archive: Archive,
    config: Config,
    source: Source,
    key: str,
    title: str,
    text: str,
    when: datetime,
) -> None:
    item = Item(source, key, title, text, f"https://{key}.example/", when)
    found = extract_statements(item, config.mps, ZoneInfo("Europe/London"))
    state = archive.source_state(source)
    now = when + timedelta(minutes=5)
    archive.record_poll(state, Validators(), [Finding(item, tuple(found))], now, now)


def statement_id(config: Config, text: str) -> int:
    """The id of the statement whose words start with `text`."""
    archive = Archive(config.archive_path)
    try:
        row = archive.db.execute(
            "SELECT id FROM statements WHERE text LIKE ? || '%' ORDER BY id", [text]
        ).fetchone()
    finally:
        archive.close()
    assert row is not None, text
    return int(row[0])
