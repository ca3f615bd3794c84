"""notify: subscriptions, desks, digests, quiet hours and alert settings in sources.yaml.

Each config is a real file; the resolved `Subscription`s and the problems reported (file,
line, field path, message) are what the rest of the watcher and the user see.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from conftest import load, write_config

from watcher.archive.matcher import matching_queries
from watcher.config import Config, QuietHours, Subscription
from watcher.errors import ConfigError
from watcher.kinds import urgent_kinds

HEAD = """\
mps:
  - name: Ian Lavery
    aliases: [Mr Lavery]
    party: Labour
    sources:
      - {kind: feed, url: "https://example.org/lavery.rss", name: Lavery blog}
  - name: Jane Doe
    party: Conservative
news:
  - {kind: feed, url: "https://news.example.org/politics.rss", name: BBC Politics}
notify:
"""
HEAD_LINES = HEAD.count("\n")  # the first line after HEAD is line HEAD_LINES + 1


def config(tmp_path: Path, notify: str) -> Config:
    return load(write_config(tmp_path, HEAD + notify), {})


def subscriptions(tmp_path: Path, notify: str) -> tuple[Subscription, ...]:
    return config(tmp_path, notify).notify.subscriptions


def problems(tmp_path: Path, notify: str) -> list[str]:
    path = write_config(tmp_path, HEAD + notify)
    with pytest.raises(ConfigError) as caught:
        load(path, {})
    return [str(p).removeprefix(f"{tmp_path}/") for p in caught.value.problems]


def at(line: int) -> str:
    """'sources.yaml:N:' for the Nth line of the notify text (1-based)."""
    return f"sources.yaml:{HEAD_LINES + line}:"


# --- what a subscription resolves to ---------------------------------------------------------


def test_a_bare_subscription_wants_everything_at_once(tmp_path: Path) -> None:
    [sub] = subscriptions(tmp_path, "  subscriptions:\n    - {to: desk@example.org}\n")
    assert sub == Subscription(name="subscription 1", recipients=("desk@example.org",))
    assert sub.every_mp
    assert sub.kinds is None
    assert sub.query is None
    assert not sub.digest
    assert sub.quiet_hours is None


def test_selectors_are_resolved_and_casefolded(tmp_path: Path) -> None:
    [sub] = subscriptions(
        tmp_path,
        """\
  subscriptions:
    - name: leadership
      to: desk@example.org
      owner: editor@example.org
      mps: [mr lavery, JANE DOE]
      parties: [Labour]
      constituencies: [Blyth and Ashington]
      regions: [North East]
      kinds: [leadership_bid, resignation]
      sources: [bbc politics]
      follow_ups: true
""",
    )
    assert sub.name == "leadership"
    assert sub.owner == "editor@example.org"
    assert sub.mps == frozenset({"Ian Lavery", "Jane Doe"})
    assert sub.parties == {"labour"}
    assert sub.constituencies == {"blyth and ashington"}
    assert sub.regions == {"north east"}
    assert sub.kinds == frozenset({"leadership_bid", "resignation"})
    assert sub.sources == {"bbc politics"}
    assert sub.follow_ups


def test_all_means_no_choice(tmp_path: Path) -> None:
    [sub] = subscriptions(tmp_path, "  subscriptions:\n    - {to: a@x.org, mps: all, kinds: all}\n")
    assert sub.mps is None
    assert sub.kinds is None
    assert sub.every_mp


def test_keywords_and_query_become_one_fts_query(tmp_path: Path) -> None:
    [both, words_only] = subscriptions(
        tmp_path,
        """\
  subscriptions:
    - to: a@x.org
      query: “leadership race” OR contest
      keywords: [resign, step down, 'say "no"']
    - to: a@x.org
      name: words
      keywords: step down
""",
    )
    assert both.query is not None
    assert words_only.query is not None
    race = "I resign from the leadership race."
    assert matching_queries(race, [both.query]) == {both.query}
    assert matching_queries("I will step down from the contest.", [both.query])
    assert not matching_queries("I resign.", [both.query])  # the query must match too
    assert not matching_queries("The leadership race is on.", [both.query])  # and a keyword
    assert matching_queries("Today I step down.", [words_only.query])
    assert not matching_queries("I will step up, not down.", [words_only.query])
    assert matching_queries('I say "no" to that contest.', [both.query])


def test_desks_expand_to_their_addresses(tmp_path: Path) -> None:
    [sub] = subscriptions(
        tmp_path,
        """\
  desks:
    politics: [a@x.org, b@x.org]
    night desk: "Night <night@x.org>"
  subscriptions:
    - to: [politics, c@x.org, night desk, a@x.org]
""",
    )
    assert sub.recipients == ("a@x.org", "b@x.org", "c@x.org", "Night <night@x.org>")


def test_apprise_alone_is_enough(tmp_path: Path) -> None:
    [sub] = subscriptions(
        tmp_path,
        """\
  subscriptions:
    - apprise: ["json://127.0.0.1:8000/hook", "slack://a/b/c"]
""",
    )
    assert sub.recipients == ()
    assert sub.apprise == ("json://127.0.0.1:8000/hook", "slack://a/b/c")


# --- digests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digest", "daily_at"),
    [("hourly", None), ("daily 07:30", time(7, 30)), ("Daily at 18:05", time(18, 5))],
)
def test_digest_schedules(tmp_path: Path, digest: str, daily_at: time | None) -> None:
    notify = f"  subscriptions:\n    - {{to: a@x.org, mode: digest, digest: {digest}}}\n"
    [sub] = subscriptions(tmp_path, notify)
    assert sub.digest
    assert sub.daily_at == daily_at


def test_digest_mode_without_schedule_is_hourly(tmp_path: Path) -> None:
    [sub] = subscriptions(tmp_path, "  subscriptions:\n    - {to: a@x.org, mode: digest}\n")
    assert sub.digest
    assert sub.daily_at is None


def test_weekly_digest_is_refused(tmp_path: Path) -> None:
    notify = "  subscriptions:\n    - to: a@x.org\n      mode: digest\n      digest: weekly\n"
    assert problems(tmp_path, notify) == [
        f"{at(4)} notify.subscriptions[0].digest: write `hourly` or `daily 07:30`"
    ]


@pytest.mark.parametrize(
    "digest",
    [
        "daily 07:30",
        "hourly",
    ],
)
def test_a_digest_schedule_needs_digest_mode(tmp_path: Path, digest: str) -> None:
    notify = f"  subscriptions:\n    - to: a@x.org\n      digest: {digest}\n"
    assert problems(tmp_path, notify) == [
        f"{at(3)} notify.subscriptions[0].digest: only for `mode: digest`"
    ]


def test_quiet_hours_are_for_immediate_alerts_not_digests(tmp_path: Path) -> None:
    notify = (
        "  subscriptions:\n    - to: a@x.org\n      mode: digest\n      digest: hourly\n"
        "      quiet_hours: {from: '22:00', to: '07:00'}\n"
    )
    assert problems(tmp_path, notify) == [
        f"{at(5)} notify.subscriptions[0].quiet_hours: a digest comes at its own time;"
        " quiet hours are for immediate alerts"
    ]


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, "  subscriptions:\n    - {to: a@x.org, mode: weekly}\n")
    assert problem.startswith(f"{at(2)} notify.subscriptions[0].mode:")
    assert "immediate" in problem
    assert "digest" in problem


# --- quiet hours -------------------------------------------------------------------------------


def test_quiet_hours_with_default_urgent_kinds(tmp_path: Path) -> None:
    notify = "  subscriptions:\n    - to: a@x.org\n      quiet_hours: {from: '23:00', to: '7:00'}\n"
    [sub] = subscriptions(tmp_path, notify)
    assert sub.quiet_hours == QuietHours(time(23, 0), time(7, 0), frozenset(urgent_kinds()))
    assert sub.quiet_hours.urgent == {
        "resignation",
        "leadership_bid",
        "leadership_declined",
        "defection",
    }


@pytest.mark.parametrize(
    ("urgent", "expected"),
    [("[]", set()), ("[resignation]", {"resignation"}), ("all", None)],
)
def test_quiet_hours_urgent_kinds(tmp_path: Path, urgent: str, expected: set[str] | None) -> None:
    notify = (
        "  subscriptions:\n    - to: a@x.org\n"
        f"      quiet_hours: {{from: '12:00', to: '14:00', urgent: {urgent}}}\n"
    )
    [sub] = subscriptions(tmp_path, notify)
    assert sub.quiet_hours is not None
    assert (sub.quiet_hours.start, sub.quiet_hours.end) == (time(12, 0), time(14, 0))
    if expected is None:
        assert sub.quiet_hours.urgent == {
            "leadership_bid",
            "leadership_declined",
            "endorsement",
            "resignation",
            "defection",
            "statement",
        }
    else:
        assert sub.quiet_hours.urgent == expected


def test_quiet_hours_problems_name_their_fields(tmp_path: Path) -> None:
    notify = """\
  subscriptions:
    - to: a@x.org
      quiet_hours:
        from: '25:00'
        to: '07:60'
        urgent: [panic]
    - to: a@x.org
      name: second
      quiet_hours: {from: '23:00'}
"""
    assert problems(tmp_path, notify) == [
        f"{at(4)} notify.subscriptions[0].quiet_hours.from: not a time of day (write 07:30)",
        f"{at(5)} notify.subscriptions[0].quiet_hours.to: not a time of day (write 07:30)",
        f"{at(6)} notify.subscriptions[0].quiet_hours.urgent: unknown kind 'panic' (one of: "
        "leadership_bid, leadership_declined, endorsement, resignation, defection, statement)",
        f"{at(9)} notify.subscriptions[1].quiet_hours.to: required",
    ]


# --- problems ---------------------------------------------------------------------------------


def test_unknown_desk(tmp_path: Path) -> None:
    notify = """\
  desks:
    politics: [a@x.org]
  subscriptions:
    - to: [politics, sport]
"""
    assert problems(tmp_path, notify) == [
        f"{at(4)} notify.subscriptions[0].to[1]: no desk is called 'sport' under desks"
    ]


def test_a_desk_member_that_is_not_an_address_is_reported(tmp_path: Path) -> None:
    # `newsdesk` (the domain forgotten) would otherwise be dropped without a word
    notify = """\
  desks:
    politics: [a@x.org, newsdesk]
  subscriptions:
    - to: politics
"""
    [problem] = problems(tmp_path, notify)
    assert problem.startswith(f"{at(2)} notify.desks.politics")
    assert "newsdesk" in problem


def test_a_bad_address(tmp_path: Path) -> None:
    notify = "  subscriptions:\n    - to: [a@x.org, 'b@@x.org']\n"
    assert problems(tmp_path, notify) == [
        f"{at(2)} notify.subscriptions[0].to: not an email address: 'b@@x.org'"
    ]


def test_unknown_source_and_mp(tmp_path: Path) -> None:
    notify = """\
  subscriptions:
    - to: a@x.org
      mps: [Ian Lavery, Boris Johnson]
      sources: [bbc politics, Guardian]
"""
    assert problems(tmp_path, notify) == [
        f"{at(3)} notify.subscriptions[0].mps[1]: 'Boris Johnson' is not an MP listed under mps",
        f"{at(4)} notify.subscriptions[0].sources[1]: no source is called 'Guardian'",
    ]


@pytest.mark.parametrize("query", ["leadership AND", '"leadership', "(leadership", "NOT this"])
def test_a_broken_query_is_reported_with_help(tmp_path: Path, query: str) -> None:
    notify = f"  subscriptions:\n    - to: a@x.org\n      query: '{query}'\n"
    [problem] = problems(tmp_path, notify)
    assert problem.startswith(f"{at(3)} notify.subscriptions[0].query: cannot search for ")
    assert "AND / OR / NOT" in problem


def test_a_keyword_with_quotes_does_not_break_the_query(tmp_path: Path) -> None:
    notify = "  subscriptions:\n    - to: a@x.org\n      keywords: ['\"no\"', 'AND', '(']\n"
    [sub] = subscriptions(tmp_path, notify)
    assert sub.query is not None
    assert matching_queries("We said no.", [sub.query])


def test_a_malformed_apprise_url_is_reported(tmp_path: Path) -> None:
    notify = """\
  subscriptions:
    - apprise:
        - "json://127.0.0.1:8000/hook"
        - "not a url"
"""
    assert problems(tmp_path, notify) == [
        f"{at(4)} notify.subscriptions[0].apprise[1]: not an Apprise URL "
        "(for example slack://TokenA/TokenB/TokenC)",
    ]


def test_an_unknown_apprise_service_is_reported(tmp_path: Path) -> None:
    notify = '  subscriptions:\n    - apprise: ["slack://a/b/c", "nonsense://x"]\n'
    assert problems(tmp_path, notify) == [
        f"{at(2)} notify.subscriptions[0].apprise[1]: Apprise does not know this URL "
        "(see the Apprise wiki for its forms)"
    ]


def test_a_subscription_needs_somebody_to_tell(tmp_path: Path) -> None:
    notify = "  subscriptions:\n    - name: nobody\n      kinds: [resignation]\n"
    assert problems(tmp_path, notify) == [
        f"{at(2)} notify.subscriptions[0]: give `to` (addresses or desks) or `apprise` URLs"
    ]


def test_two_subscriptions_with_one_name(tmp_path: Path) -> None:
    notify = """\
  subscriptions:
    - {name: desk, to: a@x.org}
    - {name: other, to: a@x.org}
    - {name: desk, to: b@x.org}
"""
    assert problems(tmp_path, notify) == [
        f"{at(4)} notify.subscriptions[2].name: another subscription is called 'desk'"
    ]


def test_every_problem_of_the_file_is_reported_at_once(tmp_path: Path) -> None:
    notify = """\
  desks:
    politics: [a@x.org]
  subscriptions:
    - to: [sport]
      query: 'leadership AND'
      sources: [Guardian]
    - name: second
      digest: daily 07:30
    - name: second
      to: a@x.org
      mps: [Nobody]
"""
    found = problems(tmp_path, notify)
    assert found == [
        f"{at(4)} notify.subscriptions[0].to[0]: no desk is called 'sport' under desks",
        found[1],
        f"{at(6)} notify.subscriptions[0].sources[0]: no source is called 'Guardian'",
        f"{at(7)} notify.subscriptions[1]: give `to` (addresses or desks) or `apprise` URLs",
        f"{at(8)} notify.subscriptions[1].digest: only for `mode: digest`",
        f"{at(9)} notify.subscriptions[2].name: another subscription is called 'second'",
        f"{at(11)} notify.subscriptions[2].mps[0]: 'Nobody' is not an MP listed under mps",
    ]
    assert found[1].startswith(f"{at(5)} notify.subscriptions[0].query: cannot search for ")


def test_shape_problems_are_all_reported_at_once_too(tmp_path: Path) -> None:
    notify = """\
  give_up_after: soon
  subscriptions:
    - to: a@x.org
      kinds: [gossip]
    - to: a@x.org
      colour: red
"""
    assert problems(tmp_path, notify) == [
        f"{at(1)} notify.give_up_after: not a duration (write 30s, 5m, 2h or 1d)",
        f"{at(4)} notify.subscriptions[0].kinds: unknown kind 'gossip' (one of: "
        "leadership_bid, leadership_declined, endorsement, resignation, defection, statement)",
        f"{at(6)} notify.subscriptions[1].colour: unknown key",
    ]


# --- other alert settings ---------------------------------------------------------------------


def test_alert_settings(tmp_path: Path) -> None:
    notify = config(
        tmp_path,
        """\
  give_up_after: 2h
  admin: "Admin <admin@x.org>"
  story_window: 1d
  follow_up_every: 30m
  health: {failing_after: 2h, silent_factor: 3, silent_at_least: 1h30m}
""",
    ).notify
    assert notify.give_up_after == 7200
    assert notify.admin == "Admin <admin@x.org>"
    assert notify.story_window == 86400
    assert notify.follow_up_every == 1800
    assert notify.health.failing_after == 7200
    assert notify.health.silent_factor == 3
    assert notify.health.silent_at_least == 5400
    assert notify.subscriptions == ()


def test_alert_settings_defaults(tmp_path: Path) -> None:
    notify = config(tmp_path, "  from: alerts@x.org\n").notify
    assert notify.give_up_after == 24 * 3600
    assert notify.admin is None
    assert notify.story_window == 3 * 86400
    assert notify.follow_up_every == 3600
    assert notify.health.failing_after == 6 * 3600
    assert notify.health.silent_factor == 4


def test_alert_setting_problems(tmp_path: Path) -> None:
    notify = """\
  admin: nobody
  story_window: 0s
  health: {failing_after: 2h, silent_factor: 0.5}
"""
    found = problems(tmp_path, notify)
    assert found == [
        f"{at(1)} notify.admin: not an email address: 'nobody'",
        f"{at(2)} notify.story_window: must be at least 1s",
        found[2],
    ]
    assert found[2].startswith(f"{at(3)} notify.health.silent_factor:")
