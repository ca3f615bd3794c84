"""What every source kind provides: its sources.yaml entry, and how its fetched body becomes
items and is kept up to date. Each kind is a module of `watcher.sources` meeting `SourceKind`."""

from __future__ import annotations

from typing import Any, Literal, Protocol

from watcher.models import FetchResult, Item, Source
from watcher.values import Duration, NonEmpty, Strict

# How a kind notices that what it archived has changed: the page read again as a whole
# ("page"), entries listed again with other words ("items"), or not at all (None).
Edits = Literal["page", "items"] | None


class Entry(Strict):
    """A source as sources.yaml gives it: every kind's entry has these, and a `kind`."""

    name: NonEmpty | None = None
    interval: Duration | None = None

    def address(self) -> str:
        """Where the source is fetched from."""
        raise NotImplementedError

    def options(self) -> dict[str, Any]:
        """The kind's own settings, as the `Source` record carries them."""
        return {}


class SourceKind(Protocol):
    """A kind of source, as a module: `NAME` is its `kind:` in sources.yaml, `PLATFORM` the
    name readers know its posts by ('Bluesky'), or None for a website."""

    # Read-only, so that a module's own `Entry`, a subclass, fits.
    @property
    def NAME(self) -> str: ...

    @property
    def PLATFORM(self) -> str | None: ...

    @property
    def Entry(self) -> type[Entry]: ...

    def listed(self, fetched: FetchResult, source: Source) -> list[Item]:
        """The items a fetched body lists, in its order."""
        ...

    def wants_articles(self, source: Source) -> bool:
        """Whether each new item's linked page is fetched for its full text."""
        ...

    def edits(self, source: Source) -> Edits:
        """How edits to what it archived are noticed."""
        ...

    def gone_when_missing(self, source: Source) -> bool:
        """Whether a 404 or 410 means what it archived was removed."""
        ...

    def deleted_when_unlisted(self, source: Source) -> bool:
        """Whether an entry that drops out of the listing, while older ones stay, was deleted
        (checked for the MPs' own sources only)."""
        ...
