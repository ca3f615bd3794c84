"""A Mastodon account, read through the RSS feed its instance publishes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator

from watcher.sources import feed, kind
from watcher.values import shaped

NAME = "mastodon"
PLATFORM: str | None = "Mastodon"


class Entry(kind.Entry):
    kind: Literal["mastodon"]
    account: Annotated[
        str,
        AfterValidator(
            shaped(
                r"@?[A-Za-z0-9_]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+",
                "not a Mastodon account (write someone@instance.social)",
            )
        ),
    ]

    def address(self) -> str:
        user, instance = self.account.lstrip("@").split("@")
        return f"https://{instance}/@{user}.rss"


# Read as the feed it is; no article behind a post, edits seen when it is listed again, and
# a post missing among older ones deleted.
listed, wants_articles, edits, gone_when_missing, deleted_when_unlisted = (
    feed.listed,
    feed.wants_articles,
    feed.edits,
    feed.gone_when_missing,
    feed.deleted_when_unlisted,
)
