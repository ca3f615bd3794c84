"""A YouTube channel, read through the Atom feed YouTube publishes for every channel."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator

from watcher.sources import feed, kind
from watcher.values import shaped

NAME = "youtube"
PLATFORM: str | None = "YouTube"


class Entry(kind.Entry):
    kind: Literal["youtube"]
    channel_id: Annotated[
        str,
        AfterValidator(
            shaped(
                r"UC[A-Za-z0-9_-]{22}",
                "not a YouTube channel id (UC and 22 letters, digits, - or _)",
            )
        ),
    ]

    def address(self) -> str:
        return f"https://www.youtube.com/feeds/videos.xml?channel_id={self.channel_id}"


# Read as the feed it is; no article behind a post, edits seen when it is listed again, and
# a post missing among older ones deleted.
listed, wants_articles, edits, gone_when_missing, deleted_when_unlisted = (
    feed.listed,
    feed.wants_articles,
    feed.edits,
    feed.gone_when_missing,
    feed.deleted_when_unlisted,
)
