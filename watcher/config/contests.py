"""The `contests:` section: the leadership races the desk follows."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from watcher.config.locator import Locator
from watcher.contests import Contest, party_key
from watcher.errors import ConfigProblem
from watcher.models import MP
from watcher.values import Day, NonEmpty, Strict


class ContestEntry(Strict):
    name: NonEmpty
    party: NonEmpty
    post: NonEmpty  # 'leader', 'deputy leader', or any post the desk names
    opens: Day
    closes: Day | None = None
    threshold: int | None = Field(None, ge=1, le=650)  # MPs' nominations to reach the ballot


def resolve_contests(
    entries: Sequence[ContestEntry],
    mps: Sequence[MP],
    at: Locator,
    problems: list[ConfigProblem],
) -> tuple[Contest, ...]:
    """The contests, each checked: a name of its own, dates in order, a party that has MPs
    (of the register or of `mps`), so that a misspelt party is not a contest that stays empty.
    """
    parties = {party_key(mp.party) for mp in mps if mp.party}
    contests = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        loc: tuple[str | int, ...] = ("contests", index)
        if entry.name.strip().casefold() in names:
            message = f"another contest is called {entry.name.strip()!r}"
            problems.append(at.problem((*loc, "name"), message))
        names.add(entry.name.strip().casefold())
        if "/" in entry.name:
            message = "a contest's name may not hold '/': it is part of its page's address"
            problems.append(at.problem((*loc, "name"), message))
        if entry.closes is not None and entry.closes < entry.opens:
            message = f"closes before it opens ({entry.opens.isoformat()})"
            problems.append(at.problem((*loc, "closes"), message))
        if not _known_party(entry.party, parties):
            known = ", ".join(sorted({mp.party for mp in mps if mp.party}))
            message = f"no MP is of the party {entry.party!r} (parties: {known})"
            problems.append(at.problem((*loc, "party"), message))
        contests.append(
            Contest(
                name=entry.name.strip(),
                party=entry.party.strip(),
                post=" ".join(entry.post.split()),
                opens=entry.opens,
                closes=entry.closes,
                threshold=entry.threshold,
            )
        )
    return tuple(contests)


def _known_party(party: str, parties: set[str]) -> bool:
    """A party with MPs; 'Scottish Labour' and 'Welsh Conservative' count as their party."""
    key = party_key(party)
    nation, _, rest = key.partition(" ")
    return key in parties or (nation in ("scottish", "welsh") and party_key(rest) in parties)
