"""A small archive for the search page's tests: one post carrying two events, reported by two
outlets; a time known only to the day; and statements spread over a few weeks. Filed as the
pipeline files findings (`Archive.record_poll`), at times a fixed clock gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import load, write_config

from watcher.archive import Archive
from watcher.config import Config
from watcher.models import Finding, Item, Source, Statement, Validators

TWO_EVENTS = "I will stand for deputy leader, and I back Angela Rayner for leader."
RESIGNED = "I resigned from the shadow cabinet this morning."
RESIGNED_ON = datetime(2026, 12, 4, tzinfo=UTC)  # "on Friday": the day, not the time
RAYNER = [
    (datetime(2026, 11, 20, 10, tzinfo=UTC), "Our leadership must listen to members."),
    (datetime(2026, 11, 25, 10, tzinfo=UTC), "Good leadership means hard choices on housing."),
    (datetime(2026, 12, 2, 10, tzinfo=UTC), "Housing is the test of this government."),
]
POSTED = datetime(2026, 12, 1, 9, tzinfo=UTC)

CONFIG = """\
settings: {archive: watcher.db, timezone: Europe/London}
mps:
  - name: Ian Lavery
    party: Labour
    sources:
      - {kind: feed, url: "https://lavery.example/rss", name: Lavery's feed}
  - name: Angela Rayner
    party: Labour
  - name: Kemi Badenoch
    party: Conservative
news:
  - {kind: feed, url: "https://courier.example/rss", name: The Courier}
  - {kind: feed, url: "https://chronicle.example/rss", name: The Chronicle}
"""


def two_events(verbatim: bool) -> tuple[Statement, ...]:
    return (
        Statement(
            "Ian Lavery", "leadership_bid", TWO_EVENTS, "deputy leader", POSTED, verbatim=verbatim
        ),
        Statement(
            "Ian Lavery", "endorsement", TWO_EVENTS, "Angela Rayner", POSTED, verbatim=verbatim
        ),
    )


def build_search_desk(folder: Path) -> Config:
    config = load(write_config(folder, CONFIG))
    own, courier, chronicle = config.sources
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        for name, (when, text) in enumerate(RAYNER):
            said = Statement("Angela Rayner", "statement", text, said_at=when)
            _file(archive, chronicle, when, f"rayner-{name}", text, (said,))
        _file(archive, own, POSTED, "post", TWO_EVENTS, two_events(verbatim=True))
        _file(archive, courier, POSTED + timedelta(hours=2), "c1", TWO_EVENTS, two_events(True))
        _file(
            archive, chronicle, POSTED + timedelta(hours=3), "h1", TWO_EVENTS,
            two_events(verbatim=True)[:1],
        )  # fmt: skip
        resigned = Statement(
            "Kemi Badenoch",
            "resignation",
            RESIGNED,
            said_at=RESIGNED_ON,
            said_at_text="on Friday",
            said_at_precision="day",
            verbatim=True,
        )
        _file(archive, courier, RESIGNED_ON + timedelta(hours=10), "c2", RESIGNED, (resigned,))
    finally:
        archive.close()
    return config


def _file(
    archive: Archive,
    source: Source,
    when: datetime,
    key: str,
    text: str,
    statements: tuple[Statement, ...],
) -> None:
    item = Item(source, key, f"Item {key}", text, f"https://{key}.example/", when)
    state = archive.source_state(source)
    now = when + timedelta(minutes=5)
    archive.record_poll(state, Validators(), [Finding(item, statements)], now, now)
