"""`contests:` in sources.yaml, and subscriptions to them: checked once, every problem named."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from conftest import load, write_config

from watcher.errors import ConfigError

MPS = """\
mps:
  - name: Lucy Powell
"""
CONTEST = "Labour deputy leadership 2026"


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load(write_config(tmp_path, text), {})
    return [str(p).removeprefix(f"{tmp_path}/") for p in caught.value.problems]


def test_a_contest_is_read_with_its_dates_and_threshold(tmp_path: Path) -> None:
    text = MPS + (
        "contests:\n"
        f"  - {{name: {CONTEST}, party: Labour, post: deputy leader,"
        " opens: 2026-09-01, closes: '2026-10-20', threshold: 80}\n"
        "  - {name: Tory leadership, party: Conservative, post: leader, opens: 2026-11-01}\n"
    )
    config = load(write_config(tmp_path, text), {})
    first, second = config.contests
    assert (first.name, first.party, first.post, first.race) == (
        CONTEST,
        "Labour",
        "deputy leader",
        "Labour deputy leader",
    )
    assert (first.opens, first.closes, first.threshold) == (
        date(2026, 9, 1),
        date(2026, 10, 20),
        80,
    )
    assert (second.closes, second.threshold) == (None, None)
    assert config.find_contest("  labour deputy   leadership 2026") == first
    assert config.find_contest("nothing") is None


def test_without_contests_there_are_none(tmp_path: Path) -> None:
    assert load(write_config(tmp_path, MPS), {}).contests == ()


def test_every_problem_of_the_contests_is_named_with_its_line(tmp_path: Path) -> None:
    text = MPS + (
        "contests:\n"
        "  - {name: Race, party: Labour, post: leader, opens: 2026-09-10, closes: 2026-09-01}\n"
        "  - {name: race, party: Labuor, post: leader, opens: 1 September}\n"
        "  - {name: Third, party: Labour, opens: 2026-09-01, threshold: 0, colour: red}\n"
    )
    assert problems(tmp_path, text) == [
        "sources.yaml:5: contests[1].opens: not a date (write 2026-09-01)",
        "sources.yaml:6: contests[2].post: required",
        "sources.yaml:6: contests[2].threshold: must be at least 1, not 0",
        "sources.yaml:6: contests[2].colour: unknown key",
    ]
    text = text.replace("opens: 1 September", "opens: 2026-09-01").replace(
        "threshold: 0, colour: red", "post: leader"
    )
    found = problems(tmp_path, text)
    assert found[0] == "sources.yaml:4: contests[0].closes: closes before it opens (2026-09-10)"
    assert found[1] == "sources.yaml:5: contests[1].name: another contest is called 'race'"
    assert found[2].startswith("sources.yaml:5: contests[1].party: no MP is of the party 'Labuor'")
    assert "Labour, " in found[2]
    assert len(found) == 3


def test_scottish_and_welsh_parties_are_their_parties(tmp_path: Path) -> None:
    text = (
        MPS + "contests:\n  - {name: S, party: Scottish Labour, post: leader, opens: 2026-09-01}\n"
    )
    assert load(write_config(tmp_path, text), {}).contests[0].party == "Scottish Labour"


SUBSCRIBED = (
    MPS
    + f"contests:\n  - {{name: {CONTEST}, party: Labour, post: deputy leader, opens: 2026-09-01}}\n"
    + "notify:\n  subscriptions:\n"
)


def test_a_subscription_to_contests_alone_gets_no_statement_alerts(tmp_path: Path) -> None:
    text = SUBSCRIBED + (
        f"    - {{name: race, to: a@example.org, contests: [{CONTEST}]}}\n"
        "    - {name: everything, to: b@example.org, contests: all, kinds: all,"
        " contest_summary: '07:15'}\n"
        "    - {name: plain, to: c@example.org}\n"
    )
    race, everything, plain = load(write_config(tmp_path, text), {}).notify.subscriptions
    assert (race.contests, race.statements, race.contest_summary) == (
        frozenset({CONTEST}),
        False,
        time(8, 0),
    )
    assert (everything.contests, everything.statements) == (frozenset({CONTEST}), True)
    assert everything.contest_summary == time(7, 15)
    assert (plain.contests, plain.statements) == (frozenset(), True)


def test_a_subscription_to_an_unknown_contest_is_a_problem(tmp_path: Path) -> None:
    text = SUBSCRIBED + (
        "    - {name: race, to: a@example.org, contests: [Labour leadership 2026]}\n"
        "    - {name: other, to: a@example.org, contest_summary: '07:00'}\n"
    )
    assert problems(tmp_path, text) == [
        "sources.yaml:7: notify.subscriptions[0].contests[0]:"
        " no contest is called 'Labour leadership 2026'",
        "sources.yaml:8: notify.subscriptions[1].contest_summary: only with `contests`",
    ]
