"""The demo's working folder: its sources.yaml, its archive and its outbox.

A folder is only ever emptied of what an earlier demo wrote there, and only when that demo left
its mark; any other folder must be empty, so the demo never deletes someone's files.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from watcher.demo.story import CONTEST, Cast, Story

MARK = ".watcher-demo"
CONFIG = "sources.yaml"
ARCHIVE = "watcher.db"
OUTBOX = "outbox"
DESK = "politics-desk@example.org"


class FolderInUse(Exception):
    """The chosen folder holds files the demo did not write."""


@dataclass(frozen=True)
class Workspace:
    folder: Path

    @property
    def config(self) -> Path:
        return self.folder / CONFIG

    @property
    def outbox(self) -> Path:
        return self.folder / OUTBOX


def prepare(folder: Path | None) -> Workspace:
    """A fresh temporary folder, or `folder` made ready: created, or cleared of a past demo."""
    if folder is None:
        return _marked(Path(tempfile.mkdtemp(prefix="watcher-demo-")))
    folder = folder.resolve()  # printed to the user, and the config's paths are relative to it
    if folder.exists() and any(folder.iterdir()):
        if not (folder / MARK).exists():
            raise FolderInUse(f"{folder} is not empty and was not made by the demo")
        _clear(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return _marked(folder)


def _marked(folder: Path) -> Workspace:
    (folder / MARK).write_text("made by `watcher demo`; it may empty this folder\n")
    return Workspace(folder)


def _clear(folder: Path) -> None:
    """Remove what a past demo run wrote, so this run starts from an empty archive."""
    for name in (ARCHIVE, f"{ARCHIVE}-wal", f"{ARCHIVE}-shm", CONFIG):
        (folder / name).unlink(missing_ok=True)
    outbox = folder / OUTBOX
    if outbox.is_dir():
        for message in outbox.glob("*.eml"):
            message.unlink()


def write_config(
    workspace: Workspace,
    story: Story,
    site: str,
    page_port: int,
    interval: float,
    opens: date | None = None,
) -> Path:
    """The demo's sources.yaml: the story's MPs and outlets at `site`, alerts to the desk as
    files in the outbox, the search page on 127.0.0.1 at `page_port`, where alerts link, and
    the race as a contest opening on `opens` (default: today), its alerts to the desk too."""
    opens = opens or datetime.now(UTC).date()
    document = {
        "settings": {
            "archive": ARCHIVE,
            "interval": f"{interval:g}s",
            "timeout": "5s",
            "retries": 1,
        },
        "mps": [_mp_entry(story, cast, site) for cast in story.cast],
        "news": [
            {"kind": "feed", "name": o.title, "url": site + o.feed_path, "fetch_articles": True}
            for o in story.outlets
            if o.mp is None
        ],
        "notify": {
            "from": "Watcher demo <watcher@localhost>",
            "outbox_dir": OUTBOX,
            "send_every": "1s",
            "retry_initial": "2s",
            "subscriptions": [
                {"name": "Politics desk", "to": DESK, "mps": "all", "kinds": "all"},
                {"name": "Deputy leadership race", "to": DESK, "contests": "all"},
            ],
        },
        "contests": [_contest_entry(opens)],
        "web": {"base_url": f"http://127.0.0.1:{page_port}", "port": page_port},
    }
    header = (
        "# Written by `watcher demo`: a made-up story served by the demo site at "
        f"{site}.\n# Every MP and outlet here is fictional.\n"
    )
    text = header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    workspace.config.write_text(text, encoding="utf-8")
    return workspace.config


def contest_name(opens: date) -> str:
    """'Labour deputy leadership 2026': the demo's contest, named for its year."""
    return f"{CONTEST.name} {opens.year}"


def _contest_entry(opens: date) -> dict[str, Any]:
    return {
        "name": contest_name(opens),
        "party": CONTEST.party,
        "post": CONTEST.post,
        "opens": opens,
        "threshold": CONTEST.threshold,
    }


def _mp_entry(story: Story, cast: Cast, site: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": cast.name,
        "party": cast.party,
        "constituency": cast.constituency,
    }
    own = [o for o in story.outlets if o.mp == cast]
    if own:
        entry["sources"] = [
            {"kind": "feed", "name": f"{cast.name} on Bluesky", "url": site + o.feed_path}
            for o in own
        ]
    return entry
