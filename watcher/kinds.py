"""The statement kinds, one entry each: its name, how a page names it, how an alert tells it
now and afterwards, whether it goes out at once in quiet hours, and whether it belongs to a
leadership contest, and the colour a page marks it with. Adding a kind is adding an entry here
and its extraction rules (`extract/phrasings.py`); nothing else names the kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

Kind = Literal[
    "leadership_bid",
    "leadership_declined",
    "endorsement",
    "resignation",
    "defection",
    "statement",
]


@dataclass(frozen=True)
class Told:
    """What an alert's wording needs to know of one statement, worked out by `notify`."""

    contest: str  # the race: 'Labour leadership', 'Labour deputy leadership', or another post
    target: str  # the candidate, party or post, on one line ('' when none)
    resigned_from: str  # what follows 'resigns': ' as shadow chancellor', ' the whip', ''
    party_joined: str  # the party a defector joins, as a noun: 'the Liberal Democrats'

    @property
    def the(self) -> str:
        """'the ' before a race ('a bid for the Labour leadership'), none before a post."""
        return "the " if self.contest.endswith("leadership") else ""


@dataclass(frozen=True)
class KindInfo:
    name: Kind
    label: str  # how a page names it
    does: Callable[[Told], str]  # for a headline: 'rules out Labour leadership bid'
    did: Callable[[Told], str]  # for an earlier statement: 'ruled out a Labour leadership bid'
    urgent: bool  # goes out at once in quiet hours unless a subscription says otherwise
    contest: bool  # a bid, a withdrawal or a backing: counts in a leadership contest
    colour: str  # the background of its label on a page (`.kind-NAME` in /kinds.css)


def _rules_out(told: Told) -> str:
    return f"rules out {told.contest} bid" if told.the else f"rules out bid for {told.contest}"


def _ruled_out(told: Told) -> str:
    return f"ruled out a {told.contest} bid" if told.the else f"ruled out a bid for {told.contest}"


def _defects(told: Told) -> str:
    if told.party_joined.casefold() == "independent":
        return "quits party to sit as independent"
    return f"defects to {told.party_joined}" if told.party_joined else "defects"


def _defected(told: Told) -> str:
    if told.party_joined.casefold() == "independent":
        return "quit the party to sit as an independent"
    return f"defected to {told.party_joined}" if told.party_joined else "defected"


TABLE: tuple[KindInfo, ...] = (
    KindInfo(
        "leadership_bid",
        "leadership bid",
        lambda t: f"announces bid for {t.contest}",
        lambda t: f"announced a bid for {t.the}{t.contest}",
        urgent=True,
        contest=True,
        colour="#dcefd9",
    ),
    KindInfo(
        "leadership_declined",
        "leadership declined",
        _rules_out,
        _ruled_out,
        urgent=True,
        contest=True,
        colour="#f6e2c9",
    ),
    KindInfo(
        "endorsement",
        "endorsement",
        lambda t: f"backs {t.target or 'a candidate'}",
        lambda t: f"backed {t.target or 'a candidate'}",
        urgent=False,
        contest=True,
        colour="#dbe8f8",
    ),
    KindInfo(
        "resignation",
        "resignation",
        lambda t: f"resigns{t.resigned_from}",
        lambda t: f"resigned{t.resigned_from}",
        urgent=True,
        contest=False,
        colour="#f3d9dc",
    ),
    KindInfo(
        "defection",
        "defection",
        _defects,
        _defected,
        urgent=True,
        contest=False,
        colour="#f3d9dc",
    ),
    KindInfo(
        "statement",
        "statement",
        lambda t: "says",
        lambda t: "said",
        urgent=False,
        contest=False,
        colour="#eef1f5",
    ),
)

KINDS: tuple[Kind, ...] = get_args(Kind)  # the names `Kind` allows; `TABLE` has one entry each

# Everything else reads the table when it is asked, never a copy taken at import, so that an
# entry is all a kind needs (`tests/test_kinds_table.py` adds one while the tests run).


def kind_info(kind: str) -> KindInfo:
    """The table's entry for `kind`; KeyError for a kind it does not hold."""
    return _by_name(TABLE)[kind]


def kind_names() -> tuple[Kind, ...]:
    """Every kind in the table, in its order."""
    return tuple(info.name for info in TABLE)


def urgent_kinds() -> tuple[Kind, ...]:
    """The kinds that go out at once in quiet hours unless a subscription says otherwise."""
    return tuple(info.name for info in TABLE if info.urgent)


def contest_kinds() -> tuple[Kind, ...]:
    """The kinds that count in a leadership contest: a bid, a withdrawal, a backing."""
    return tuple(info.name for info in TABLE if info.contest)


@lru_cache(maxsize=4)
def _by_name(table: tuple[KindInfo, ...]) -> dict[str, KindInfo]:
    return {info.name: info for info in table}
