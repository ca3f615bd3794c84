"""Shared fixtures: a real local HTTP server, a real SMTP server, feeds and configs."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from support.httpserver import FixtureServer
from support.smtpsink import SmtpSink

from watcher.config import Config, load_config


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite the golden files under tests/fixtures from the current output",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@dataclass(frozen=True)
class Entry:
    """One item of a fixture RSS feed."""

    title: str
    description: str
    guid: str | None = None
    link: str | None = None
    published: datetime | None = None


def rss(entries: Sequence[Entry], title: str = "Fixture feed") -> str:
    """An RSS 2.0 document; every text is XML-escaped, so descriptions may hold HTML."""
    parts = []
    for e in entries:
        fields = [
            f"<title>{escape(e.title)}</title>",
            f"<description>{escape(e.description)}</description>",
        ]
        if e.guid:
            fields.append(f"<guid isPermaLink='false'>{escape(e.guid)}</guid>")
        if e.link:
            fields.append(f"<link>{escape(e.link)}</link>")
        if e.published:
            fields.append(f"<pubDate>{format_datetime(e.published)}</pubDate>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(title)}</title><link>http://example.org/</link>"
        + "".join(parts)
        + "</channel></rss>"
    )


def minutes_ago(minutes: float) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=minutes)


@pytest.fixture
def http_server() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        yield server


@pytest.fixture
def smtp_server() -> Iterator[SmtpSink]:
    with SmtpSink() as sink:
        yield sink


def write_config(folder: Path, text: str, name: str = "sources.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path, environ: dict[str, str] | None = None) -> Config:
    return load_config(path, environ if environ is not None else dict(os.environ))


LAVERY_YAML = """\
  - name: Ian Lavery
    aliases: [Mr Lavery]
    party: Labour
    constituency: Blyth and Ashington
"""


def basic_config(
    folder: Path,
    *,
    mp_feeds: Sequence[str] = (),
    news_feeds: Sequence[str] = (),
    smtp_port: int | None = None,
    interval: str = "5m",
    extra_settings: str = "",
) -> Path:
    """A config tracking Ian Lavery, with the given feed URLs, alerting desk@example.org."""
    settings = {"archive": "watcher.db", "interval": interval, "timeout": "2s", "retries": "0"}
    for line in extra_settings.splitlines():
        key, _, value = line.partition(":")
        settings[key.strip()] = value.strip()
    lines = [
        "settings:",
        *(f"  {key}: {value}" for key, value in settings.items()),
        "mps:",
        LAVERY_YAML.rstrip("\n"),
    ]
    if mp_feeds:
        lines.append("    sources:")
        lines += [f'      - {{kind: feed, url: "{url}"}}' for url in mp_feeds]
    if news_feeds:
        lines.append("news:")
        lines += [f'  - {{kind: feed, url: "{url}"}}' for url in news_feeds]
    lines += ["notify:", '  from: "Watcher <alerts@example.org>"', "  retry_initial: 1s"]
    lines.append("  send_every: 1s")
    if smtp_port is not None:
        lines.append(f"  smtp: {{host: 127.0.0.1, port: {smtp_port}, timeout: 5s}}")
    lines.append("  subscriptions:\n    - {to: desk@example.org, mps: all, kinds: all}")
    return write_config(folder, "\n".join(lines) + "\n")
