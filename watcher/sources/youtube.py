"""A YouTube channel, read through the Atom feed YouTube publishes for every channel."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from watcher.models import FetchResult, Item, Source
from watcher.sources import feed, kind

NAME = "youtube"
PLATFORM: str | None = "YouTube"


class Entry(kind.Entry):
    kind: Literal["youtube"]
    channel_id: Annotated[str, Field(pattern=r"^UC[A-Za-z0-9_-]{22}$")]

    def address(self) -> str:
        return f"https://www.youtube.com/feeds/videos.xml?channel_id={self.channel_id}"


def listed(fetched: FetchResult, source: Source) -> list[Item]:
    return feed.listed(fetched, source)


def wants_articles(source: Source) -> bool:
    return False  # a video's description is all there is


def edits(source: Source) -> kind.Edits:
    return "items"


def gone_when_missing(source: Source) -> bool:
    return False
