"""Leadership contests: who is standing, who withdrew, who backs whom. Pure.

A contest is declared in sources.yaml (`Contest`). A statement joins it when its kind is a
contest kind, it was said inside the contest's dates, and its target names the contest's race
(a bid or a withdrawal: 'Labour deputy leader') or a candidate standing in it (an
endorsement, whose target is the candidate as the register names them).

`tally()` turns the statements into the desk's table. A story seen in several outlets counts
once (the archive groups sightings into stories, see `watcher.stories`): its first sighting,
by when it was said, is the entry and its evidence. An MP counts
once per contest, under their latest endorsement; a change of mind is a switch, and is listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from watcher.kinds import contest_kinds
from watcher.links import statement_page
from watcher.models import MP, Kind
from watcher.timefmt import to_iso

RACE_POSTS = ("deputy leader", "leader")  # the posts extraction names in a race's target
SUGGEST_DAYS = 90  # bids this recent are looked at for races that no contest covers


@dataclass(frozen=True)
class Contest:
    """A race the desk follows, as declared in sources.yaml."""

    name: str
    party: str
    post: str  # 'leader', 'deputy leader', or any post the desk names
    opens: date  # a local date, in the configured time zone
    closes: date | None = None  # the last day, inclusive; None: still open
    threshold: int | None = None  # MPs' nominations needed to reach the ballot

    @property
    def race(self) -> str:
        """'Labour deputy leader': the target extraction gives a bid in this race."""
        return f"{self.party} {self.post}"

    def starts(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.opens, time(0), tzinfo=zone)

    def ends(self, zone: ZoneInfo) -> datetime | None:
        """The moment after its last day, or None while no closing date is set."""
        if self.closes is None:
            return None
        return datetime.combine(self.closes + timedelta(days=1), time(0), tzinfo=zone)

    def covers(self, moment: datetime, zone: ZoneInfo) -> bool:
        end = self.ends(zone)
        return self.starts(zone) <= moment and (end is None or moment < end)


@dataclass(frozen=True)
class ContestStatement:
    """A statement of a contest kind, as the tally reads it."""

    id: int
    mp: str
    party: str | None  # the MP's
    kind: Kind
    target: str | None
    at: datetime  # when it was said; else the item's published time; else when first seen
    seen_at: datetime  # when the watcher first saw it
    story: int | None = None  # its story in the archive: sightings share one
    precision: str | None = None  # of `at`, as the text gave it ('day', 'minute', ...)


@dataclass(frozen=True)
class Evidence:
    """The statement an entry of the tally stands on: its first sighting."""

    statement: int
    at: datetime
    seen_at: datetime
    precision: str | None = None  # of `at`: 'day' when the text named only the day


@dataclass(frozen=True)
class Backer:
    mp: str
    since: Evidence


@dataclass(frozen=True)
class Candidate:
    name: str
    declared: Evidence
    withdrawn: Evidence | None  # None while standing
    backs: str | None  # whom a withdrawn candidate now backs
    backers: tuple[Backer, ...]
    reached: Evidence | None  # the backing that first brought them to the threshold


@dataclass(frozen=True)
class Switch:
    mp: str
    old: str  # the candidate the MP backed before
    new: str
    evidence: Evidence


@dataclass(frozen=True)
class Backing:
    """One MP backing one candidate, from `start` until `end` (None: still)."""

    mp: str
    candidate: str
    start: Evidence
    end: datetime | None


@dataclass(frozen=True)
class Tally:
    contest: Contest
    candidates: tuple[Candidate, ...]
    switches: tuple[Switch, ...]
    undeclared: tuple[str, ...]  # MPs of the party who back nobody and are not standing
    backings: tuple[Backing, ...]  # the whole history, for the chart


# --- which statements join a contest -----------------------------------------------------------

_PARTY_FORMS = {
    "conservatives": "conservative", "tory": "conservative", "tories": "conservative",
    "lib dem": "liberal democrat", "lib dems": "liberal democrat",
    "liberal democrats": "liberal democrat", "scottish national party": "snp",
    "green": "green party", "greens": "green party", "reform": "reform uk",
    "plaid": "plaid cymru",
}  # fmt: skip


def party_key(party: str) -> str:
    """A party's name as compared: 'Labour (Co-op)' is Labour, 'Tory' is Conservative."""
    folded = " ".join(re.sub(r"\(co-op\)", "", party.casefold()).split())
    return _PARTY_FORMS.get(folded, folded)


def names_race(contest: Contest, statement: ContestStatement) -> bool:
    """Whether a bid's or withdrawal's target is the contest's race: 'Labour deputy leader',
    or the bare post ('deputy leader') from an MP of the contest's party."""
    target = _folded(statement.target or "")
    post = _folded(contest.post)
    if not target.endswith(post) or (len(target) > len(post) and target[-len(post) - 1] != " "):
        return False
    party = target[: len(target) - len(post)].strip() or (statement.party or "")
    return party_key(party) == party_key(contest.party)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def party_members(contest: Contest, mps: Iterable[MP]) -> tuple[str, ...]:
    """The names of the MPs of the contest's party, each once, in order."""
    wanted = party_key(contest.party)
    return tuple(dict.fromkeys(mp.name for mp in mps if party_key(mp.party or "") == wanted))


# --- the tally ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidacy:
    declared: Evidence
    withdrawn: Evidence | None


def tally(
    contest: Contest,
    statements: Iterable[ContestStatement],
    party_mps: Sequence[str],
    zone: ZoneInfo,
) -> Tally:
    """The contest's table from the statements (any order, any kinds, any dates): candidates
    with their backers, switches, and the party's MPs who have declared for nobody."""
    inside = first_sightings(
        s for s in statements if s.kind in contest_kinds() and contest.covers(s.at, zone)
    )
    candidacies = _candidacies(contest, inside)
    backings, switches = _backings(inside, candidacies)
    current = {b.mp: b for b in backings if b.end is None}
    candidates = [
        _candidate(name, run, backings, current, contest.threshold)
        for name, run in candidacies.items()
    ]
    candidates.sort(key=lambda c: (c.declared.at, c.name))
    named = set(current) | set(candidacies)
    return Tally(
        contest=contest,
        candidates=tuple(candidates),
        switches=tuple(sorted(switches, key=lambda s: (s.evidence.at, s.mp))),
        undeclared=tuple(sorted(name for name in party_mps if name not in named)),
        backings=tuple(backings),
    )


def first_sightings(statements: Iterable[ContestStatement]) -> list[ContestStatement]:
    """The statements in the order they were said, each story once: by its first sighting.
    A later report of an endorsement already counted (even one dated later, after a switch)
    is the same story, not a switch back."""
    seen: set[int] = set()
    first = []
    for statement in sorted(statements, key=lambda s: (s.at, s.id)):
        if statement.story is None or statement.story not in seen:
            first.append(statement)
        if statement.story is not None:
            seen.add(statement.story)
    return first


def _candidacies(contest: Contest, inside: Sequence[ContestStatement]) -> dict[str, _Candidacy]:
    """Who declared, and who has since withdrawn. Ruling oneself out before any bid is not a
    withdrawal; a bid after a withdrawal re-enters the race; later sightings of a declaration
    or a withdrawal already counted change nothing."""
    found: dict[str, _Candidacy] = {}
    for statement in inside:
        if not names_race(contest, statement):
            continue
        known = found.get(statement.mp)
        if statement.kind == "leadership_bid" and (known is None or known.withdrawn):
            declared = known.declared if known else _evidence(statement)
            found[statement.mp] = _Candidacy(declared, None)
        elif statement.kind == "leadership_declined" and known and not known.withdrawn:
            found[statement.mp] = _Candidacy(known.declared, _evidence(statement))
    return found


def _backings(
    inside: Sequence[ContestStatement], candidates: Iterable[str]
) -> tuple[list[Backing], list[Switch]]:
    """Each MP's endorsements of candidates, as runs: a run lasts until they back another."""
    standing = set(candidates)
    by_mp: dict[str, list[ContestStatement]] = {}
    for s in inside:
        if s.kind == "endorsement" and s.target in standing and s.target != s.mp:
            by_mp.setdefault(s.mp, []).append(s)
    backings: list[Backing] = []
    switches: list[Switch] = []
    for mp, endorsements in by_mp.items():
        before = [None, *endorsements[:-1]]
        runs = [s for s, prior in zip(endorsements, before, strict=True) if _new_run(s, prior)]
        ends = [run.at for run in runs[1:]] + [None]
        for run, end in zip(runs, ends, strict=True):
            backings.append(Backing(mp, run.target or "", _evidence(run), end))
        for old, new in pairwise(runs):
            switches.append(Switch(mp, old.target or "", new.target or "", _evidence(new)))
    return backings, switches


def _new_run(statement: ContestStatement, before: ContestStatement | None) -> bool:
    return before is None or before.target != statement.target


def _candidate(
    name: str,
    run: _Candidacy,
    backings: Sequence[Backing],
    current: dict[str, Backing],
    threshold: int | None,
) -> Candidate:
    backers = sorted(
        (Backer(b.mp, b.start) for b in current.values() if b.candidate == name),
        key=lambda b: (b.since.at, b.mp),
    )
    own = current.get(name)
    return Candidate(
        name=name,
        declared=run.declared,
        withdrawn=run.withdrawn,
        backs=own.candidate if own and run.withdrawn else None,
        backers=tuple(backers),
        reached=_reached([b for b in backings if b.candidate == name], threshold),
    )


def _reached(backings: Sequence[Backing], threshold: int | None) -> Evidence | None:
    """The backing that first brought the count to the threshold, if any did."""
    if threshold is None:
        return None
    changes: list[tuple[datetime, int, Evidence | None]] = []
    for b in backings:
        changes.append((b.start.at, 1, b.start))
        if b.end is not None:
            changes.append((b.end, -1, None))
    count = 0
    for _, step, evidence in sorted(changes, key=lambda c: (c[0], c[1])):
        count += step
        if count >= threshold and evidence is not None:
            return evidence
    return None


def _evidence(statement: ContestStatement) -> Evidence:
    return Evidence(statement.id, statement.at, statement.seen_at, statement.precision)


StatementReader = Callable[[datetime | None, datetime | None], Sequence[ContestStatement]]


def read_tally(read: StatementReader, contest: Contest, mps: Iterable[MP], zone: ZoneInfo) -> Tally:
    """The contest's tally from the statements `read` gives for its dates; `mps` (the config's
    and the register's) name the party's MPs."""
    statements = read(contest.starts(zone), contest.ends(zone))
    return tally(contest, statements, party_members(contest, mps), zone)


# --- the tally as data ----------------------------------------------------------------------------


def contest_entry(contest: Contest) -> dict[str, Any]:
    """A contest as configured, as `watcher contest --json` lists it."""
    return {
        "name": contest.name,
        "party": contest.party,
        "post": contest.post,
        "opens": contest.opens.isoformat(),
        "closes": contest.closes.isoformat() if contest.closes else None,
        "threshold": contest.threshold,
    }


def tally_record(result: Tally, base: str) -> dict[str, Any]:
    """The tally as `watcher contest NAME --json` and the page's JSON give it. Evidence links
    to the statement's page under `base` (the page's address, '' when unknown)."""
    contest = result.contest

    def link(evidence: Evidence | None) -> str | None:
        return None if evidence is None else statement_page(base, evidence.statement)

    return {
        "name": contest.name,
        "party": contest.party,
        "post": contest.post,
        "candidates": [
            {
                "name": c.name,
                "declared_at": to_iso(c.declared.at),
                "withdrawn_at": to_iso(c.withdrawn.at) if c.withdrawn else None,
                "backers": [
                    {"mp": b.mp, "since": to_iso(b.since.at), "statement": link(b.since)}
                    for b in c.backers
                ],
                "declared_statement": link(c.declared),
                "withdrawn_statement": link(c.withdrawn),
                "backs": c.backs,
            }
            for c in result.candidates
        ],
        "switches": [
            {
                "mp": s.mp,
                "from": s.old,
                "to": s.new,
                "at": to_iso(s.evidence.at),
                "statement": link(s.evidence),
            }
            for s in result.switches
        ],
        "undeclared": list(result.undeclared),
        "opens": contest.opens.isoformat(),
        "closes": contest.closes.isoformat() if contest.closes else None,
        "threshold": contest.threshold,
    }


# --- suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """Bids for a race no configured contest covers."""

    party: str
    post: str
    candidates: tuple[str, ...]
    first_bid: datetime

    def name(self, zone: ZoneInfo) -> str:
        """'Labour deputy leadership 2026': a name for the contest to declare."""
        return f"{self.party} {self.post}ship {self.first_bid.astimezone(zone).year}"


def suggest(
    contests: Sequence[Contest], statements: Iterable[ContestStatement], zone: ZoneInfo
) -> list[Suggestion]:
    """Races with bids that no configured contest covers (a contest covers the bids for its
    race until it closes), the earliest bid first."""
    found: dict[tuple[str, str], list[ContestStatement]] = {}
    races: dict[tuple[str, str], tuple[str, str]] = {}
    for s in sorted(statements, key=lambda s: (s.at, s.id)):
        race = _race_of(s) if s.kind == "leadership_bid" else None
        if race is None or any(_awaits(c, s, zone) for c in contests):
            continue
        key = (party_key(race[0]), race[1])
        races.setdefault(key, race)
        found.setdefault(key, []).append(s)
    return [
        Suggestion(
            party=races[key][0],
            post=races[key][1],
            candidates=tuple(dict.fromkeys(s.mp for s in bids)),
            first_bid=bids[0].at,
        )
        for key, bids in found.items()
    ]


def _awaits(contest: Contest, bid: ContestStatement, zone: ZoneInfo) -> bool:
    """Whether the bid is for the contest's race before it has closed: an early declaration
    belongs to it too; a bid after it closed is a new race."""
    end = contest.ends(zone)
    return names_race(contest, bid) and (end is None or bid.at < end)


def _race_of(statement: ContestStatement) -> tuple[str, str] | None:
    """('Labour', 'deputy leader') from a bid's target; None when it names no race."""
    target = " ".join((statement.target or "").split())
    for post in RACE_POSTS:
        if target.casefold().endswith(post):
            party = target[: len(target) - len(post)].strip() or (statement.party or "")
            return (party, post) if party else None
    return None
