"""Source kinds, one module each: a feed, a web page, a Bluesky, Mastodon or YouTube account,
a public Telegram channel.
Each knows its sources.yaml entry and the address it makes, how a fetched body becomes items,
whether those items lead to articles, and how edits and removals show (see `kind`). The config
and the pipeline read them here and never branch on a kind's name.

To add a kind: write its module beside these, then register it in `SOURCE_KINDS` and
`SourceEntry` below."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from watcher.models import Source
from watcher.sources import bluesky, feed, mastodon, page, telegram, youtube
from watcher.sources.kind import Edits, SourceKind

_REGISTERED: tuple[SourceKind, ...] = (feed, page, bluesky, mastodon, youtube, telegram)
SOURCE_KINDS: dict[str, SourceKind] = {kind.NAME: kind for kind in _REGISTERED}
SourceEntry = Annotated[
    feed.Entry | page.Entry | bluesky.Entry | mastodon.Entry | youtube.Entry | telegram.Entry,
    Field(discriminator="kind"),
]


def kind_of(source: Source) -> SourceKind:
    """The kind a source is of; config checked it is a known one."""
    return SOURCE_KINDS[source.kind]


__all__ = ["SOURCE_KINDS", "Edits", "SourceEntry", "SourceKind", "kind_of"]
