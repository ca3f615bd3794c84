"""Contest alerts: a candidate reaching the threshold, a withdrawal, a switch, and a daily
summary of the table while the contest is open, for subscriptions with `contests:`.

They are worked out afresh from the tally at every delivery round and queued in the outbox
under keys made from what they tell (the contest, the event, its evidence, the recipient): a
message queued once is never queued again, and one the archive does not hold yet is queued at
the next round, so none is lost or sent twice. Only events the watcher first saw within
`recent` seconds alert, so an archive that meets a contest late does not flood the desk.

`contest_messages()` is pure; `queue_contest_alerts()` reads the archive and writes the queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from watcher.archive import Archive
from watcher.archive.outbox import NewMessage, message_key
from watcher.config import Config, Subscription
from watcher.contest_table import candidate_line, dates_text, day_text
from watcher.contests import Evidence, Tally, read_tally
from watcher.links import contest_page as page_of_contest
from watcher.links import statement_page
from watcher.notify.deliver import queue_policy
from watcher.notify.route import recipients_of
from watcher.timefmt import said_text


@dataclass(frozen=True)
class ContestNews:
    """One event of a contest worth an alert."""

    key: str  # what it tells, stable across rounds
    subject: str
    lines: tuple[str, ...]
    evidence: Evidence


def contest_news(result: Tally, zone: ZoneInfo, base: str | None) -> list[ContestNews]:
    """The contest's events: thresholds reached, withdrawals and switches."""
    name = result.contest.name
    news = []
    for c in result.candidates:
        if c.reached is not None:
            news.append(
                ContestNews(
                    key=f"threshold:{c.name}",
                    subject=f"{name}: {c.name} reaches {result.contest.threshold} MPs' backing",
                    lines=(
                        f"{c.name} has the backing of {result.contest.threshold} MPs, the"
                        f" number needed to reach the ballot, since"
                        f" {_when(c.reached, zone)}.",
                    ),
                    evidence=c.reached,
                )
            )
        if c.withdrawn is not None:
            backs = f" and backs {c.backs}" if c.backs else ""
            news.append(
                ContestNews(
                    key=f"withdrawal:{c.name}:{c.withdrawn.statement}",
                    subject=f"{name}: {c.name} withdraws{backs}",
                    lines=(f"{c.name} withdrew on {_when(c.withdrawn, zone)}{backs}.",),
                    evidence=c.withdrawn,
                )
            )
    for s in result.switches:
        news.append(
            ContestNews(
                key=f"switch:{s.mp}:{s.evidence.statement}",
                subject=f"{name}: {s.mp} switches from {s.old} to {s.new}",
                lines=(
                    f"{s.mp}, who backed {s.old}, backs {s.new} since {_when(s.evidence, zone)}.",
                ),
                evidence=s.evidence,
            )
        )
    return [_with_links(n, result, base) for n in news]


def _when(evidence: Evidence, zone: ZoneInfo) -> str:
    return said_text(evidence.at, evidence.precision, zone)


def _with_links(news: ContestNews, result: Tally, base: str | None) -> ContestNews:
    if base is None:
        return news
    evidence = f"The evidence: {statement_page(base, news.evidence.statement)}"
    table = f"The table: {contest_page(base, result)}"
    return ContestNews(news.key, news.subject, (*news.lines, evidence, table), news.evidence)


def contest_page(base: str, result: Tally) -> str:
    return page_of_contest(base, result.contest.name)


def summary_lines(result: Tally, zone: ZoneInfo, base: str | None) -> list[str]:
    """The table as a summary: each candidate's count and state, switches, the undeclared."""
    contest = result.contest
    lines = [f"{contest.race}, {dates_text(contest)}."]
    lines += [candidate_line(c, contest, zone) for c in result.candidates] or [
        "No candidates have declared yet."
    ]
    lines += [f"{s.mp} switched from {s.old} to {s.new}." for s in result.switches]
    lines.append(f"{len(result.undeclared)} {contest.party} MPs have declared for nobody.")
    if base is not None:
        lines.append(f"The table: {contest_page(base, result)}")
    return lines


@dataclass(frozen=True)
class ContestRound:
    """What a round of contest alerts needs besides the tallies."""

    now: datetime
    zone: ZoneInfo
    base: str | None  # the web page's address, for links
    recent: float  # seconds: older events no longer alert


def contest_messages(
    results: Sequence[Tally], subscriptions: Sequence[Subscription], at: ContestRound
) -> list[NewMessage]:
    """Every contest message due now, for every recipient of the subscriptions that ask."""
    messages = []
    for subscription in subscriptions:
        for result in results:
            if result.contest.name in subscription.contests:
                for told in _due(result, subscription, at):
                    messages += _addressed(told, result, subscription)
    return messages


_Told = tuple[str, str, tuple[str, ...]]  # key, subject, lines


def _due(result: Tally, subscription: Subscription, at: ContestRound) -> list[_Told]:
    since = at.now - timedelta(seconds=at.recent)
    news = contest_news(result, at.zone, at.base)
    told = [(n.key, n.subject, n.lines) for n in news if n.evidence.seen_at >= since]
    return told + _summary(result, subscription, at)


def _addressed(told: _Told, result: Tally, subscription: Subscription) -> list[NewMessage]:
    key, subject, lines = told
    return [
        NewMessage(
            kind="notice",
            channel=channel,
            recipient=recipient,
            subscription=subscription.name,
            key=message_key("contest", result.contest.name, key, channel, recipient),
            subject=subject,
            body="\n\n".join(lines),
        )
        for channel, recipient in recipients_of(subscription)
    ]


def _summary(result: Tally, subscription: Subscription, at: ContestRound) -> list[_Told]:
    """Today's summary, once its time has come, while the contest is open."""
    local = at.now.astimezone(at.zone)
    if not result.contest.covers(at.now, at.zone) or local.time() < subscription.contest_summary:
        return []
    subject = f"{result.contest.name}: the table on {day_text(local.date())}"
    lines = tuple(summary_lines(result, at.zone, at.base))
    return [(f"summary:{local.date().isoformat()}", subject, lines)]


def queue_contest_alerts(archive: Archive, config: Config, now: datetime) -> int:
    """Queue the contest messages due now; returns how many were new to the outbox."""
    subscriptions = [s for s in config.notify.subscriptions if s.contests]
    wanted = {name for s in subscriptions for name in s.contests}
    contests = [c for c in config.contests if c.name in wanted]
    if not contests:
        return 0
    zone = config.settings.zone
    results = [read_tally(archive.contest_statements, c, config.known_mps, zone) for c in contests]
    at = ContestRound(now, zone, config.web.base_url, config.settings.first_poll_alert_window)
    messages = contest_messages(results, subscriptions, at)
    return archive.queue_messages(messages, now, queue_policy(config.notify))
