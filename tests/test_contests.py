"""The contest tally: which statements join a contest, and the table they make. Pure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from watcher.contests import (
    Contest,
    ContestStatement,
    Evidence,
    names_race,
    party_key,
    party_members,
    suggest,
    tally,
    tally_record,
)
from watcher.models import MP, Kind
from watcher.web.chart import backers_by_day

LONDON = ZoneInfo("Europe/London")
DEPUTY = Contest("Labour deputy 2026", "Labour", "deputy leader", date(2026, 9, 1), None, 3)
T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)  # 09:00 in London, the day it opens
PARTY = ("Ann Able", "Ben Best", "Cat Cole", "Dan Dee", "Eve Ear", "Fay Fox")


def said(
    id_: int,
    mp: str,
    kind: Kind,
    target: str | None,
    hours: float,
    party: str = "Labour",
    story: int | None = None,
) -> ContestStatement:
    at = T0 + timedelta(hours=hours)
    return ContestStatement(id_, mp, party, kind, target, at, at + timedelta(minutes=5), story)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def test_a_bid_joins_when_its_target_names_the_race() -> None:
    def joins(target: str | None, party: str = "Labour") -> bool:
        return names_race(DEPUTY, said(1, "Ann Able", "leadership_bid", target, 0, party))

    assert joins("Labour deputy leader")
    assert joins("labour  Deputy Leader")
    assert joins("deputy leader")  # a bare post, from an MP of the party
    assert not joins("deputy leader", party="Conservative")
    assert not joins("Labour leader")
    assert not joins("Conservative deputy leader")
    assert not joins("Labour vice-deputy leader")
    assert not joins(None)
    assert party_key("Labour (Co-op)") == party_key("labour")
    assert party_key("Tories") == party_key("Conservative")


def test_declarations_withdrawals_and_backers() -> None:
    statements = [
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", 0),
        said(2, "Ben Best", "leadership_bid", "Labour deputy leader", 1),
        said(3, "Ann Able", "leadership_bid", "Labour deputy leader", 2),  # another outlet
        said(4, "Cat Cole", "endorsement", "Ann Able", 3),
        said(5, "Cat Cole", "endorsement", "Ann Able", 4),  # the same, seen again
        said(6, "Dan Dee", "endorsement", "Ben Best", 5),
        said(7, "Ben Best", "leadership_declined", "Labour deputy leader", 6),
        said(8, "Ben Best", "endorsement", "Ann Able", 6.5),
        said(9, "Dan Dee", "endorsement", "Ann Able", 7),  # a switch
        said(10, "Eve Ear", "leadership_declined", "Labour deputy leader", 8),  # ruled out
        said(11, "Eve Ear", "endorsement", "Nobody Standing", 8),  # not a candidate
        said(12, "Fay Fox", "statement", None, 9),
    ]
    result = tally(DEPUTY, reversed(statements), PARTY, LONDON)
    ann, ben = result.candidates
    assert (ann.name, ann.declared.statement, ann.declared.at, ann.withdrawn) == (
        "Ann Able",
        1,
        at(0),
        None,
    )
    assert [(b.mp, b.since.statement) for b in ann.backers] == [
        ("Cat Cole", 4),
        ("Ben Best", 8),
        ("Dan Dee", 9),
    ]
    assert ann.reached == Evidence(9, at(7), at(7) + timedelta(minutes=5))
    assert (ben.withdrawn, ben.backs, ben.backers, ben.reached) == (
        Evidence(7, at(6), at(6) + timedelta(minutes=5)),
        "Ann Able",
        (),
        None,
    )
    [switch] = result.switches
    assert (switch.mp, switch.old, switch.new, switch.evidence.statement) == (
        "Dan Dee",
        "Ben Best",
        "Ann Able",
        9,
    )
    assert result.undeclared == ("Eve Ear", "Fay Fox")


def test_a_late_report_of_a_story_already_counted_is_not_a_switch_back() -> None:
    statements = [
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", 0),
        said(2, "Ben Best", "leadership_bid", "Labour deputy leader", 0),
        said(3, "Cat Cole", "endorsement", "Ann Able", 1, story=30),  # her own post
        said(4, "Cat Cole", "endorsement", "Ben Best", 20, story=40),  # she switches
        said(5, "Cat Cole", "endorsement", "Ann Able", 26, story=30),  # a late report of 3
    ]
    result = tally(DEPUTY, statements, PARTY, LONDON)
    assert [(s.old, s.new) for s in result.switches] == [("Ann Able", "Ben Best")]
    assert [b.mp for b in result.candidates[1].backers] == ["Cat Cole"]
    assert result.candidates[0].backers == ()


def test_only_statements_inside_the_contest_dates_join() -> None:
    closing = Contest("C", "Labour", "deputy leader", date(2026, 9, 1), date(2026, 9, 2))
    statements = [
        # 23:30 on 31 August in London: before it opens
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", -9.5),
        said(2, "Ben Best", "leadership_bid", "Labour deputy leader", -7.5),  # 00:30, 1 Sep
        said(3, "Cat Cole", "endorsement", "Ben Best", 38.9),  # 23:54 on 2 Sep
        said(4, "Dan Dee", "endorsement", "Ben Best", 39.1),  # 00:06 on 3 Sep: closed
    ]
    result = tally(closing, statements, PARTY, LONDON)
    assert [c.name for c in result.candidates] == ["Ben Best"]
    assert [b.mp for b in result.candidates[0].backers] == ["Cat Cole"]


def test_a_bid_after_a_withdrawal_re_enters_the_race() -> None:
    statements = [
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", 0),
        said(2, "Ann Able", "leadership_declined", "Labour deputy leader", 1),
        said(3, "Ann Able", "leadership_declined", "Labour deputy leader", 1.5),  # again
        said(4, "Ann Able", "leadership_bid", "Labour deputy leader", 2),
    ]
    [ann] = tally(DEPUTY, statements, PARTY, LONDON).candidates
    assert (ann.declared.statement, ann.withdrawn) == (1, None)


def test_a_switch_back_is_two_switches_and_the_threshold_is_reached_once() -> None:
    statements = [
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", 0),
        said(2, "Ben Best", "leadership_bid", "Labour deputy leader", 0),
        said(3, "Cat Cole", "endorsement", "Ann Able", 1),
        said(4, "Cat Cole", "endorsement", "Ben Best", 2),
        said(5, "Cat Cole", "endorsement", "Ann Able", 3),
    ]
    result = tally(DEPUTY, statements, PARTY, LONDON)
    assert [(s.old, s.new) for s in result.switches] == [
        ("Ann Able", "Ben Best"),
        ("Ben Best", "Ann Able"),
    ]
    assert [b.since.statement for b in result.candidates[0].backers] == [5]
    assert result.candidates[0].reached is None  # threshold 3, one backer


def test_the_json_record_has_the_issue_shape() -> None:
    statements = [
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", 0),
        said(2, "Ben Best", "leadership_bid", "Labour deputy leader", 1),
        said(3, "Cat Cole", "endorsement", "Ben Best", 2),
        said(4, "Cat Cole", "endorsement", "Ann Able", 3),
        said(5, "Ben Best", "leadership_declined", "Labour deputy leader", 4),
    ]
    record = tally_record(tally(DEPUTY, statements, ("Ann Able", "Dan Dee"), LONDON), "https://w")
    assert record == {
        "name": "Labour deputy 2026",
        "party": "Labour",
        "post": "deputy leader",
        "candidates": [
            {
                "name": "Ann Able",
                "declared_at": "2026-09-01T08:00:00+00:00",
                "withdrawn_at": None,
                "backers": [
                    {
                        "mp": "Cat Cole",
                        "since": "2026-09-01T11:00:00+00:00",
                        "statement": "https://w/statements/4",
                    }
                ],
                "declared_statement": "https://w/statements/1",
                "withdrawn_statement": None,
                "backs": None,
            },
            {
                "name": "Ben Best",
                "declared_at": "2026-09-01T09:00:00+00:00",
                "withdrawn_at": "2026-09-01T12:00:00+00:00",
                "backers": [],
                "declared_statement": "https://w/statements/2",
                "withdrawn_statement": "https://w/statements/5",
                "backs": None,
            },
        ],
        "switches": [
            {
                "mp": "Cat Cole",
                "from": "Ben Best",
                "to": "Ann Able",
                "at": "2026-09-01T11:00:00+00:00",
                "statement": "https://w/statements/4",
            }
        ],
        "undeclared": ["Dan Dee"],
        "opens": "2026-09-01",
        "closes": None,
        "threshold": 3,
    }


def test_backers_by_day_with_switches_and_withdrawals_marked() -> None:
    statements = [
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", 0),
        said(2, "Ben Best", "leadership_bid", "Labour deputy leader", 0),
        said(3, "Cat Cole", "endorsement", "Ben Best", 1),
        said(4, "Dan Dee", "endorsement", "Ann Able", 25),
        said(5, "Cat Cole", "endorsement", "Ann Able", 49),
        said(6, "Ben Best", "leadership_declined", "Labour deputy leader", 50),
    ]
    chart = backers_by_day(tally(DEPUTY, statements, PARTY, LONDON), LONDON, date(2026, 9, 4))
    assert chart.days == tuple(date(2026, 9, d) for d in (1, 2, 3, 4))
    assert [(s.candidate, s.counts) for s in chart.series] == [
        ("Ann Able", (0, 1, 2, 2)),
        ("Ben Best", (1, 1, 0, 0)),
    ]
    assert [(m.day, m.kind, m.label) for m in chart.marks] == [
        (date(2026, 9, 3), "switch", "Cat Cole: Ben Best → Ann Able"),
        (date(2026, 9, 3), "withdrawal", "Ben Best withdrew"),
    ]
    before = backers_by_day(tally(DEPUTY, [], PARTY, LONDON), LONDON, date(2026, 8, 1))
    assert (before.days, before.series) == ((date(2026, 9, 1),), ())


def test_bids_for_a_race_without_a_contest_are_suggested() -> None:
    statements = [
        said(1, "Ann Able", "leadership_bid", "Labour deputy leader", 0),  # covered
        said(2, "Ben Best", "leadership_bid", "Labour leader", 1),
        said(3, "Cat Cole", "leadership_bid", "Labour leader", 2),
        said(4, "Ben Best", "leadership_bid", "Labour leader", 3),
        said(5, "Max Moe", "leadership_bid", "Tory leader", 4, party="Conservative"),
        said(6, "Ann Able", "leadership_bid", "Labour deputy leader", -48),  # early: covered
        said(7, "Dan Dee", "endorsement", "Ben Best", 5),
        said(8, "Eve Ear", "leadership_bid", None, 6),
    ]
    found = suggest([DEPUTY], statements, LONDON)
    assert [(s.party, s.post, s.candidates, s.first_bid) for s in found] == [
        ("Labour", "leader", ("Ben Best", "Cat Cole"), at(1)),
        ("Tory", "leader", ("Max Moe",), at(4)),
    ]
    assert found[0].name(LONDON) == "Labour leadership 2026"
    closed = Contest("Old", "Labour", "deputy leader", date(2026, 6, 1), date(2026, 6, 30))
    [after] = suggest([closed], statements[:1], LONDON)  # a bid after it closed: a new race
    assert (after.party, after.post, after.candidates) == ("Labour", "deputy leader", ("Ann Able",))


def test_the_party_members_come_from_the_mps_given() -> None:
    mps = [MP("A", party="Labour"), MP("B", party="Labour (Co-op)"), MP("C", party="Green Party")]
    assert party_members(DEPUTY, [*mps, MP("A", party="Labour")]) == ("A", "B")
