"""A Bluesky account, read through the RSS feed Bluesky publishes for every profile."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator

from watcher.sources import feed, kind
from watcher.values import shaped

NAME = "bluesky"
PLATFORM: str | None = "Bluesky"


class Entry(kind.Entry):
    kind: Literal["bluesky"]
    handle: Annotated[
        str,
        AfterValidator(
            shaped(
                r"@?(did:plc:[a-z0-9]+|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)",
                "not a Bluesky handle (for example someone.bsky.social)",
            )
        ),
    ]

    def address(self) -> str:
        return f"https://bsky.app/profile/{self.handle.lstrip('@')}/rss"


# Read as the feed it is; no article behind a post, edits seen when it is listed again, and
# a post missing among older ones deleted.
listed, wants_articles, edits, gone_when_missing, deleted_when_unlisted = (
    feed.listed,
    feed.wants_articles,
    feed.edits,
    feed.gone_when_missing,
    feed.deleted_when_unlisted,
)
