"""A Bluesky account, read through the RSS feed Bluesky publishes for every profile."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from watcher.models import FetchResult, Item, Source
from watcher.sources import feed, kind

NAME = "bluesky"
PLATFORM: str | None = "Bluesky"


class Entry(kind.Entry):
    kind: Literal["bluesky"]
    handle: Annotated[
        str, Field(pattern=r"^@?(did:plc:[a-z0-9]+|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$")
    ]

    def address(self) -> str:
        return f"https://bsky.app/profile/{self.handle.lstrip('@')}/rss"


def listed(fetched: FetchResult, source: Source) -> list[Item]:
    return feed.listed(fetched, source)


def wants_articles(source: Source) -> bool:
    return False  # a post is all there is


def edits(source: Source) -> kind.Edits:
    return "items"


def gone_when_missing(source: Source) -> bool:
    return False
