"""A Mastodon account, read through the RSS feed its instance publishes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from watcher.models import FetchResult, Item, Source
from watcher.sources import feed, kind

NAME = "mastodon"
PLATFORM: str | None = "Mastodon"


class Entry(kind.Entry):
    kind: Literal["mastodon"]
    account: Annotated[str, Field(pattern=r"^@?[A-Za-z0-9_]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]

    def address(self) -> str:
        user, instance = self.account.lstrip("@").split("@")
        return f"https://{instance}/@{user}.rss"


def listed(fetched: FetchResult, source: Source) -> list[Item]:
    return feed.listed(fetched, source)


def wants_articles(source: Source) -> bool:
    return False  # a post is all there is


def edits(source: Source) -> kind.Edits:
    return "items"


def gone_when_missing(source: Source) -> bool:
    return False
