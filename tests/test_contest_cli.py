"""`watcher contest`: the list of contests and the suggestions, over a real archive."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from conftest import load, write_config

from watcher.archive import Archive
from watcher.cli import main
from watcher.models import Finding, Item, Statement, Validators

CONFIG = """\
mps:
  - name: Lucy Powell
    sources: [{kind: feed, url: "https://example.org/powell.rss"}]
contests:
  - {name: Tory leadership 2026, party: Conservative, post: leader, opens: 2026-01-05,
     threshold: 20}
"""


def test_contests_are_listed_and_bids_without_one_suggested(tmp_path: Path) -> None:
    config = load(write_config(tmp_path, CONFIG), {})
    said = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    bid = Statement("Lucy Powell", "leadership_bid", "I am standing.", "Labour leader", said)
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        state = archive.source_state(config.sources[0])
        item = Item(config.sources[0], "k", "t", "I am standing.", None, said)
        archive.record_poll(state, Validators(), [Finding(item, (bid,))], said, said)
    finally:
        archive.close()
    run = CliRunner()
    listed = json.loads(run.invoke(main, ["contest", "--json", "-c", str(config.path)]).output)
    assert listed == [
        {
            "name": "Tory leadership 2026",
            "party": "Conservative",
            "post": "leader",
            "opens": "2026-01-05",
            "closes": None,
            "threshold": 20,
        }
    ]
    text = run.invoke(main, ["contest", "--suggest", "-c", str(config.path)]).output
    opens = said.astimezone(config.settings.zone).date()
    assert text.startswith("Labour leader: bids by Lucy Powell since ")
    assert (
        f"    - {{name: Labour leadership {opens.year}, party: Labour, post: leader,"
        f" opens: {opens.isoformat()}}}\n"
    ) in text
    suggest = ["contest", "--suggest", "--json", "-c", str(config.path)]
    found = json.loads(run.invoke(main, suggest).output)
    assert found == [
        {
            "party": "Labour",
            "post": "leader",
            "candidates": ["Lucy Powell"],
            "first_bid": said.isoformat(),
        }
    ]
    tally = run.invoke(main, ["contest", "tory LEADERSHIP 2026", "-c", str(config.path)]).output
    assert "no candidates have declared yet" in tally
