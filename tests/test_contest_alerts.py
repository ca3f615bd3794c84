"""Contest alerts worked out from a tally: which are due, to whom, under which keys. Pure."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from watcher.config import Subscription
from watcher.contests import Contest, ContestStatement, tally
from watcher.models import MP, Item, Kind, Source, Statement
from watcher.notify.contests import ContestRound, contest_messages, contest_news
from watcher.notify.route import route

LONDON = ZoneInfo("Europe/London")
RACE = Contest("Race", "Labour", "leader", date(2026, 9, 1), date(2026, 9, 30), 2)
T0 = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)
DESK = Subscription(
    "race", ("desk@example.org",), contests=frozenset({"Race"}), statements=False,
    apprise=("json://127.0.0.1/hook",),
)  # fmt: skip


def said(id_: int, mp: str, kind: Kind, target: str, hours: float) -> ContestStatement:
    at = T0 + timedelta(hours=hours)
    return ContestStatement(id_, mp, "Labour", kind, target, at, at)


STATEMENTS = [
    said(1, "Ann Able", "leadership_bid", "Labour leader", 0),
    said(2, "Ben Best", "leadership_bid", "Labour leader", 0),
    said(3, "Cat Cole", "endorsement", "Ben Best", 1),
    said(4, "Dan Dee", "endorsement", "Ann Able", 2),
    said(5, "Cat Cole", "endorsement", "Ann Able", 30),
    said(6, "Ben Best", "leadership_declined", "Labour leader", 31),
]
RESULT = tally(RACE, STATEMENTS, ("Ann Able", "Ben Best", "Cat Cole", "Dan Dee", "Eve"), LONDON)


def subjects(now: datetime, recent: float = 86400.0, sub: Subscription = DESK) -> list[str]:
    at = ContestRound(now, LONDON, "https://w", recent)
    return [m.subject or "" for m in contest_messages([RESULT], [sub], at) if m.channel == "email"]


def test_events_seen_recently_alert_with_the_summary_once_its_time_has_come() -> None:
    assert subjects(T0 + timedelta(hours=32)) == [
        "Race: Ann Able reaches 2 MPs' backing",
        "Race: Ben Best withdraws",
        "Race: Cat Cole switches from Ben Best to Ann Able",
        "Race: the table on Thu 3 Sep 2026",
    ]
    # The next day: the events are more than a day old; only that day's summary is due.
    assert subjects(T0 + timedelta(days=3)) == ["Race: the table on Sat 5 Sep 2026"]


def test_no_summary_before_its_time_nor_once_the_contest_has_closed() -> None:
    early = datetime(2026, 9, 10, 6, 59, tzinfo=UTC)  # 07:59 in London
    assert subjects(early, recent=1) == []
    assert subjects(early + timedelta(minutes=1), recent=1) == [
        "Race: the table on Thu 10 Sep 2026"
    ]
    later = Subscription("race", ("d@example.org",), contests=frozenset({"Race"}),
                         contest_summary=time(9, 30))  # fmt: skip
    assert subjects(early + timedelta(hours=1), recent=1, sub=later) == []
    assert subjects(datetime(2026, 10, 1, 12, tzinfo=UTC), recent=1) == []


def test_each_recipient_gets_one_message_per_event_under_a_stable_key() -> None:
    at = ContestRound(T0 + timedelta(hours=32), LONDON, "https://w", 86400.0)
    first = contest_messages([RESULT], [DESK], at)
    again = contest_messages([RESULT], [DESK], at)
    assert [m.key for m in first] == [m.key for m in again]
    assert len({m.key for m in first}) == len(first) == 8
    assert {(m.channel, m.recipient) for m in first} == {
        ("email", "desk@example.org"),
        ("apprise", "json://127.0.0.1/hook"),
    }
    assert {m.kind for m in first} == {"notice"}
    switch = next(m for m in first if "switches" in (m.subject or ""))
    assert switch.body == (
        "Cat Cole, who backed Ben Best, backs Ann Able since Thu 3 Sep 2026, 16:00 BST.\n\n"
        "The evidence: https://w/statements/5\n\nThe table: https://w/contests/Race"
    )
    others = Subscription("other", ("x@example.org",))
    assert contest_messages([RESULT], [others], at) == []


def test_a_subscription_to_contests_alone_gets_no_statement_alerts() -> None:
    source = Source("feed", "feed", "https://example.org/feed", 300, "Ann Able")
    item = Item(source, "k", "t", "I am standing.", None, T0)
    statement = Statement("Ann Able", "leadership_bid", "I am standing.", "Labour leader")
    mps = {"Ann Able": MP("Ann Able", party="Labour")}
    assert route([statement], item, [DESK], mps, T0, LONDON) == []
    both = Subscription("both", ("b@example.org",), contests=frozenset({"Race"}))
    assert len(route([statement], item, [both], mps, T0, LONDON)) == 1


def test_a_withdrawal_known_only_to_its_day_is_not_told_as_midnight() -> None:
    day = datetime(2026, 9, 3, 23, 0, tzinfo=UTC)  # midnight starting 4 September in London
    statements = [
        *STATEMENTS[:5],
        ContestStatement(6, "Ben Best", "Labour", "leadership_declined", "Labour leader", day,
                         day + timedelta(hours=9), precision="day"),
    ]  # fmt: skip
    result = tally(RACE, statements, ("Ann Able", "Ben Best", "Cat Cole", "Dan Dee"), LONDON)
    (withdrawal,) = [n for n in contest_news(result, LONDON, None) if "withdr" in n.key]
    assert withdrawal.lines == ("Ben Best withdrew on Fri 4 Sep 2026.",)
