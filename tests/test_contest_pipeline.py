"""A contest told over four rounds by a local site (see support/contest_story.py), read by the
real pipeline into a real archive: after each round `watcher contest NAME --json` must give the
tally exactly."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.contest_story import (
    BARKER,
    BASE,
    BURGON,
    CONTEST,
    MCGOVERN,
    PHILLIPSON,
    POWELL,
    RIBEIRO,
    ContestSite,
    contest_config,
    play_round,
    utc,
)
from support.httpserver import FixtureServer
from support.polling import query

from watcher.cli import main
from watcher.config import Config
from watcher.register import load_register

pytestmark = pytest.mark.timeout(60)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def tally_json(config: Config) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["contest", CONTEST, "--json", "-c", str(config.path)])
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.output)
    return parsed


def statement_url(config: Config, key: str, mp: str, kind: str) -> str:
    """The page of the statement by `mp` of `kind` found in the item with this key."""
    rows = query(
        config.archive_path,
        "SELECT s.id FROM statements s JOIN items i ON i.id = s.item_id"
        " JOIN mps m ON m.id = s.mp_id WHERE i.key = ? AND m.name = ? AND s.kind = ?",
        (key, mp, kind),
    )
    assert len(rows) == 1, (key, mp, kind, rows)
    return f"{BASE}/statements/{rows[0][0]}"


def sent(config: Config) -> list[str]:
    """The subjects of the messages of the contest subscription, each sent exactly once."""
    rows = query(
        config.archive_path,
        "SELECT subject, status, kind FROM outbox WHERE subscription = 'race' ORDER BY id",
    )
    assert {(status, kind) for _, status, kind in rows} <= {("sent", "notice")}
    return [subject for subject, _, _ in rows]


def undeclared(*named: str) -> list[str]:
    labour = {mp.name for mp in load_register() if mp.party in ("Labour", "Labour (Co-op)")}
    return sorted(labour - set(named))


def candidate(
    name: str,
    declared: tuple[datetime, str],
    backers: Sequence[tuple[str, datetime, str]] = (),
    withdrawn: tuple[datetime, str] | None = None,
    backs: str | None = None,
) -> dict[str, Any]:
    return {
        "name": name,
        "declared_at": iso(declared[0]),
        "withdrawn_at": iso(withdrawn[0]) if withdrawn else None,
        "backers": [{"mp": mp, "since": iso(at), "statement": url} for mp, at, url in backers],
        "declared_statement": declared[1],
        "withdrawn_statement": withdrawn[1] if withdrawn else None,
        "backs": backs,
    }


def expected(
    candidates: list[dict[str, Any]], switches: list[dict[str, Any]], named: Sequence[str]
) -> dict[str, Any]:
    return {
        "name": CONTEST,
        "party": "Labour",
        "post": "deputy leader",
        "candidates": candidates,
        "switches": switches,
        "undeclared": undeclared(*named),
        "opens": "2026-09-01",
        "closes": "2026-10-20",
        "threshold": 3,
    }


def test_a_contest_told_over_four_rounds(tmp_path: Path, http_server: FixtureServer) -> None:
    site = ContestSite(http_server)
    config = contest_config(tmp_path, http_server)

    def url(key: str, mp: str, kind: str = "endorsement") -> str:
        return statement_url(config, key, mp, kind)

    bid = "leadership_bid"

    # Round 1: two declarations on the candidates' own feeds, one in the news, and one dated
    # before the contest opens, which is no part of it.
    play_round(config, site, 1)
    powell = (utc(2, 8), url("powell-1", POWELL, bid))
    phillipson = (utc(2, 9), url("phillipson-1", PHILLIPSON, bid))
    ribeiro = (utc(2, 9, 30), url("courier-1", RIBEIRO, bid))
    assert tally_json(config) == expected(
        [
            candidate(POWELL, powell),
            candidate(PHILLIPSON, phillipson),
            candidate(RIBEIRO, ribeiro),
        ],
        [],
        [POWELL, PHILLIPSON, RIBEIRO],
    )
    table_on = f"{CONTEST}: the table on"
    assert sent(config) == [f"{table_on} Wed 2 Sep 2026"]

    # Round 2: an endorsement on the MP's own feed and a news report of it (one entry, from
    # the first sighting); another endorsement reported by two outlets (one entry).
    play_round(config, site, 2)
    burgon = (BURGON, utc(3, 10), url("courier-2", BURGON))
    assert tally_json(config) == expected(
        [
            candidate(POWELL, powell, [burgon]),
            candidate(PHILLIPSON, phillipson, [(BARKER, utc(3, 8), url("barker-1", BARKER))]),
            candidate(RIBEIRO, ribeiro),
        ],
        [],
        [POWELL, PHILLIPSON, RIBEIRO, BARKER, BURGON],
    )
    assert sent(config)[1:] == [f"{table_on} Thu 3 Sep 2026"]

    # Round 3: the MP switches on her own feed; a third MP backs the same candidate.
    play_round(config, site, 3)
    barker = (BARKER, utc(4, 8), url("barker-2", BARKER))
    mcgovern = (MCGOVERN, utc(4, 9), url("courier-3", MCGOVERN))
    switch = {
        "mp": BARKER,
        "from": PHILLIPSON,
        "to": POWELL,
        "at": iso(utc(4, 8)),
        "statement": url("barker-2", BARKER),
    }
    named = [POWELL, PHILLIPSON, RIBEIRO, BARKER, BURGON, MCGOVERN]
    assert tally_json(config) == expected(
        [
            candidate(POWELL, powell, [burgon, barker, mcgovern]),
            candidate(PHILLIPSON, phillipson),
            candidate(RIBEIRO, ribeiro),
        ],
        [switch],
        named,
    )
    assert sorted(sent(config)[2:]) == [
        f"{CONTEST}: Lucy Powell reaches 3 MPs' backing",
        f"{CONTEST}: Paula Barker switches from Bridget Phillipson to Lucy Powell",
        f"{table_on} Fri 4 Sep 2026",
    ]
    [body] = query(config.archive_path, "SELECT body FROM outbox WHERE subject LIKE '%reaches%'")
    assert f"The evidence: {url('courier-3', MCGOVERN)}\n" in body[0]

    # Round 4: a candidate withdraws on her own feed and backs a rival; the news reports it.
    # A late report of the switched MP's first endorsement is that story again: no switch.
    play_round(config, site, 4)
    withdrawn = (utc(5, 8), url("ribeiro-1", RIBEIRO, "leadership_declined"))
    ribeiro_backs = (RIBEIRO, utc(5, 8), url("ribeiro-1", RIBEIRO))
    assert tally_json(config) == expected(
        [
            candidate(POWELL, powell, [burgon, barker, mcgovern, ribeiro_backs]),
            candidate(PHILLIPSON, phillipson),
            candidate(RIBEIRO, ribeiro, withdrawn=withdrawn, backs=POWELL),
        ],
        [switch],
        named,
    )

    assert sorted(sent(config)[5:]) == [
        f"{CONTEST}: Bell Ribeiro-Addy withdraws and backs Lucy Powell",
        f"{table_on} Sat 5 Sep 2026",
    ]
    emails = sorted((config.path.parent / "outbox").glob("*.eml"))
    assert len(emails) == 7
    play_round(config, site, 4)  # the same round again: nothing is queued twice
    assert len(sent(config)) == 7

    stories = query(
        config.archive_path,
        "SELECT DISTINCT s.story_id FROM statements s JOIN items i ON i.id = s.item_id"
        " WHERE i.key IN ('barker-1', 'post-1', 'courier-4')",
    )
    assert len(stories) == 1  # her post, its report, and the late report: one story

    table = CliRunner().invoke(main, ["contest", CONTEST, "-c", str(config.path)]).output
    assert "Lucy Powell         Wed 2 Sep 2026   4 of 3     standing\n" in table
    assert "withdrew Sat 5 Sep 2026, backs Lucy Powell\n" in table
    assert "  Paula Barker: from Bridget Phillipson to Lucy Powell (Fri 4 Sep 2026)\n" in table
    listing = CliRunner().invoke(main, ["contest", "-c", str(config.path)])
    assert listing.output.startswith(f"{CONTEST}: Labour deputy leader, Tue 1 Sep 2026 to")
    unknown = CliRunner().invoke(main, ["contest", "Tory leadership", "-c", str(config.path)])
    assert unknown.exit_code == 2
    assert f"no contest is called 'Tory leadership' (contests: {CONTEST})" in unknown.output
