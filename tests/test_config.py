"""sources.yaml: every problem reported at once, each with its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load, write_config

from watcher.config import HostLimit, config_path, parse_duration, parse_size
from watcher.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent

GOOD = """\
mps:
  - name: Ian Lavery
    aliases: [Mr Lavery]
    sources:
      - {kind: feed, url: "https://example.org/feed/"}
"""


def problems(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> list[str]:
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load(path, environ or {})
    return [str(p) for p in caught.value.problems]


def test_minimal_config_gets_defaults(tmp_path: Path) -> None:
    config = load(write_config(tmp_path, GOOD), {})
    assert config.settings.interval == 300
    assert config.settings.timezone == "Europe/London"
    assert config.archive_path == tmp_path / "watcher.db"
    assert config.notify.smtp is None
    assert config.notify.outbox_dir == tmp_path / "outbox"
    [source] = config.sources
    assert (source.name, source.mp, source.url) == (
        "Ian Lavery (feed)",
        "Ian Lavery",
        "https://example.org/feed/",
    )


def test_social_sources_become_their_public_feeds(tmp_path: Path) -> None:
    text = """\
mps:
  - name: A Member
    sources:
      - {kind: bluesky, handle: someone.bsky.social}
      - {kind: mastodon, account: "@someone@example.social", interval: 90s}
      - {kind: youtube, channel_id: UCabcdefghijklmnopqrstuv}
"""
    config = load(write_config(tmp_path, text), {})
    assert [s.url for s in config.sources] == [
        "https://bsky.app/profile/someone.bsky.social/rss",
        "https://example.social/@someone.rss",
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCabcdefghijklmnopqrstuv",
    ]
    assert [s.interval for s in config.sources] == [300, 90, 300]
    assert len({s.name for s in config.sources}) == 3


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, "mps:\n  - name: Ian Lavery\n    aliases: [Mr Lavery\n")
    assert "sources.yaml:" in problem
    assert "the [ ] opened on line 3 is not closed" in problem


def test_unknown_key_names_line_and_field(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, GOOD + "    colour: red\n")
    assert problem.endswith("sources.yaml:6: mps[0].colour: unknown key")


def test_missing_name(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, "mps:\n  - aliases: [Someone]\n")
    assert problem.endswith("sources.yaml:2: mps[0].name: required")


def test_bad_url(tmp_path: Path) -> None:
    text = GOOD.replace("https://example.org/feed/", "example.org/feed")
    [problem] = problems(tmp_path, text)
    assert "sources.yaml:5: mps[0].sources[0].url: not a URL" in problem


def test_bad_interval(tmp_path: Path) -> None:
    text = GOOD.replace('/feed/"}', '/feed/", interval: soon}')
    [problem] = problems(tmp_path, text)
    assert "sources.yaml:5: mps[0].sources[0].interval: not a duration" in problem


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = """\
settings:
  interval: 0s
  timezone: Mars/Olympus
mps:
  - name: Ian Lavery
    sources:
      - {kind: myspace, url: "https://example.org/"}
      - {url: "https://example.org/"}
  - party: Labour
"""
    found = problems(tmp_path, text)
    assert len(found) == 5, found
    assert any(":2: settings.interval: must be at least 1s" in p for p in found)
    assert any(":3: settings.timezone: unknown time zone" in p for p in found)
    assert any(":7: mps[0].sources[0]: unknown kind 'myspace'" in p for p in found)
    assert any(":8: mps[0].sources[1]: needs a kind" in p for p in found)
    assert any(":9: mps[1].name: required" in p for p in found)


def test_cross_checks_name_their_fields(tmp_path: Path) -> None:
    text = (
        GOOD
        + """\
  - name: Ian Lavery
news:
  - {kind: feed, url: "https://example.org/feed/"}
notify:
  smtp: {host: mail.example.org, password_env: NOT_SET_ANYWHERE}
  subscriptions:
    - {to: desk@example.org, mps: [Mr Lavery, Somebody Else]}
"""
    )
    found = problems(tmp_path, text)
    assert any(":6: mps[1].name: 'Ian Lavery' is listed twice" in p for p in found), found
    assert any(":8: news[0]: the same source url" in p for p in found), found
    assert any(
        "notify.smtp.password_env: environment variable NOT_SET_ANYWHERE" in p for p in found
    )
    assert any(":12: notify.subscriptions[0].mps[1]: 'Somebody Else'" in p for p in found), found


def test_aliases_resolve_in_subscriptions_and_password_comes_from_environment(
    tmp_path: Path,
) -> None:
    text = (
        GOOD
        + """\
notify:
  smtp: {host: mail.example.org, username: alerts, password_env: MAIL_PASSWORD}
  subscriptions:
    - {to: [a@example.org, b@example.org], mps: [Mr Lavery], kinds: [resignation]}
"""
    )
    config = load(write_config(tmp_path, text), {"MAIL_PASSWORD": "s3cret"})
    [subscription] = config.notify.subscriptions
    assert subscription.mps == frozenset({"Ian Lavery"})
    lavery = next(mp for mp in config.mps if mp.name == "Ian Lavery")
    assert subscription.wants(lavery, "resignation", "BBC")
    assert not subscription.wants(lavery, "statement", "BBC")
    assert config.notify.smtp is not None
    assert config.notify.smtp.password is not None
    assert config.notify.smtp.password.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(config)


def test_header_injection_in_an_address_is_refused(tmp_path: Path) -> None:
    text = GOOD + 'notify:\n  from: "Watcher <a@example.org>\\r\\nBcc: x@evil.example"\n'
    [problem] = problems(tmp_path, text)
    assert "notify.from: not an email address" in problem


def test_repeated_key_is_a_problem(tmp_path: Path) -> None:
    text = "settings:\n  interval: 5m\n  interval: 1m\n" + GOOD
    [problem] = problems(tmp_path, text)
    assert problem.endswith(":3: settings.interval: key repeated")


def test_empty_and_unreadable_files(tmp_path: Path) -> None:
    assert "must be a mapping" in problems(tmp_path, "")[0]
    with pytest.raises(ConfigError, match="cannot read"):
        load(tmp_path / "missing.yaml", {})


def test_config_path_order(tmp_path: Path) -> None:
    assert config_path("given.yaml", {"WATCHER_CONFIG": "env.yaml"}) == Path("given.yaml")
    assert config_path(None, {"WATCHER_CONFIG": "env.yaml"}) == Path("env.yaml")
    assert config_path(None, {}) == Path("sources.yaml")


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("5m", 300), ("2h", 7200), ("1d", 86400), ("1h30m", 5400)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["5", "soon", "5 minutes", "-1m", ""])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def test_deadlines_default_to_three_read_timeouts_and_five_minutes(tmp_path: Path) -> None:
    settings = load(write_config(tmp_path, GOOD), {}).settings
    assert (settings.request_deadline, settings.poll_budget) == (None, None)
    assert (settings.deadline, settings.budget) == (60, 300)

    long_reads = load(write_config(tmp_path, "settings: {timeout: 2m}\n" + GOOD), {}).settings
    assert (long_reads.deadline, long_reads.budget) == (360, 720)

    text = "settings: {timeout: 5s, request_deadline: 30s, poll_budget: 2m}\n" + GOOD
    chosen = load(write_config(tmp_path, text), {}).settings
    assert (chosen.deadline, chosen.budget) == (30, 120)


def test_a_deadline_shorter_than_what_it_must_hold_is_a_problem(tmp_path: Path) -> None:
    text = "settings:\n  timeout: 20s\n  request_deadline: 10s\n  poll_budget: 5s\n" + GOOD
    found = problems(tmp_path, text)
    assert any(
        ":3: settings.request_deadline: must be at least settings.timeout (20s)" in p for p in found
    ), found
    assert any(
        ":4: settings.poll_budget: must be at least one request's deadline (10s)" in p
        for p in found
    ), found
    assert problems(tmp_path, "settings: {poll_budget: 0.5s}\n" + GOOD)[0].endswith(
        "settings.poll_budget: must be at least 1s"
    )


def test_sizes() -> None:
    assert parse_size("5MB") == 5_000_000
    assert parse_size("512KiB") == 512 * 1024
    with pytest.raises(ValueError, match="size"):
        parse_size("lots")


def test_the_repository_sources_yaml_is_valid() -> None:
    config = load(REPO / "sources.yaml", {})
    assert len(config.mps) >= 10
    assert any(s.mp for s in config.sources), "some MPs have their own feeds"
    assert any(s.mp is None for s in config.sources), "news feeds are scanned"
    assert all(s.url.startswith("https://") for s in config.sources)


def test_register_details_and_generated_forms_of_address(tmp_path: Path) -> None:
    text = "mps:\n  - name: Rebecca Long Bailey\n    aliases: [RLB]\n  - name: Keir Starmer\n"
    rlb, starmer = load(write_config(tmp_path, text), {}).mps
    assert (rlb.party, rlb.constituency, rlb.member_id) == ("Labour", "Salford", 4396)
    assert {"RLB", "Ms Long Bailey", "Ms Long-Bailey", "Rebecca Long-Bailey"} <= set(rlb.aliases)
    assert {"Sir Keir", "Mr Starmer"} <= set(starmer.aliases)
    assert starmer.constituency == "Holborn and St Pancras"


def test_track_all_mps_adds_the_register_after_the_configured_mps(tmp_path: Path) -> None:
    text = "settings: {track: all_mps}\nmps:\n  - name: Ian Lavery\n    aliases: [Lavery]\n"
    config = load(write_config(tmp_path, text), {})
    assert len(config.mps) == 650
    assert config.mps[0].name == "Ian Lavery"
    assert "Lavery" in config.mps[0].aliases
    assert sum(mp.name == "Ian Lavery" for mp in config.mps) == 1


def test_hosts_get_their_own_limits_and_others_the_polite_default(tmp_path: Path) -> None:
    text = (
        "settings:\n  per_host: 2\n  in_flight: 80\n  hosts:\n"
        "    bsky.app: {in_flight: 4, rate: 5/s}\n"
        "    Feeds.Example.org: {in_flight: 64}\n"
        "    slow.example.org: {rate: 120/m}\n" + GOOD
    )
    settings = load(write_config(tmp_path, text), {}).settings
    assert settings.in_flight == 80
    assert settings.host_limit("bsky.app") == HostLimit(4, 5.0)
    assert settings.host_limit("feeds.example.org") == HostLimit(64)
    assert settings.host_limit("slow.example.org") == HostLimit(2, 2.0)
    assert settings.host_limit("example.org") == HostLimit(2)


def test_bad_host_limits_are_each_a_problem(tmp_path: Path) -> None:
    text = (
        "settings:\n  hosts:\n"
        '    "https://bsky.app/": {in_flight: 4}\n'
        "    bsky.app: {rate: fast}\n"
        "    ok.example.org: {in_flight: 0}\n" + GOOD
    )
    found = problems(tmp_path, text)
    assert len(found) == 3
    assert "sources.yaml:3:" in found[0]
    assert "not a host name: 'https://bsky.app/' (write feeds.example.org" in found[0]
    assert "sources.yaml:4: settings.hosts.bsky.app.rate: not a rate (write 5/s" in found[1]
    assert "sources.yaml:5: settings.hosts.ok.example.org.in_flight: must be at least 1" in found[2]


def test_a_host_limit_over_the_limit_for_all_hosts_is_a_problem(tmp_path: Path) -> None:
    text = "settings:\n  in_flight: 40\n  hosts:\n    feeds.example.org: {in_flight: 64}\n" + GOOD
    [problem] = problems(tmp_path, text)
    assert "sources.yaml:4: settings.hosts.feeds.example.org.in_flight: 64 requests" in problem
    assert "more than settings.in_flight (40)" in problem


def test_a_host_named_twice_is_a_problem(tmp_path: Path) -> None:
    text = (
        "settings:\n  hosts:\n    feeds.example.org: {in_flight: 8}\n"
        "    Feeds.Example.org: {rate: 5/s}\n" + GOOD
    )
    [problem] = problems(tmp_path, text)
    assert "sources.yaml:4: settings.hosts.Feeds.Example.org: the host feeds.example.org is" in (
        problem
    )
