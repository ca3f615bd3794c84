"""Contests as text a person reads at a glance: what `watcher contest` prints. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from watcher.contests import Candidate, Contest, Suggestion, Tally

UNDECLARED_SHOWN = 12  # names of undeclared MPs listed in the table; --json has them all


def day_text(day: date) -> str:
    """'Tue 1 Sep 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return day_text(moment.astimezone(zone).date())


def dates_text(contest: Contest) -> str:
    """'Tue 1 Sep 2026 to Tue 20 Oct 2026', or 'from Tue 1 Sep 2026'."""
    if contest.closes is None:
        return f"from {day_text(contest.opens)}"
    return f"{day_text(contest.opens)} to {day_text(contest.closes)}"


def heading(contest: Contest) -> str:
    threshold = f", {contest.threshold} MPs to reach the ballot" if contest.threshold else ""
    return f"{contest.name}: {contest.race}, {dates_text(contest)}{threshold}"


def contest_lines(contests: Sequence[Contest]) -> list[str]:
    """One line per contest configured."""
    if not contests:
        return ["no contests: declare one under `contests:` in the config"]
    return [heading(c) for c in contests]


def tally_lines(result: Tally, zone: ZoneInfo) -> list[str]:
    """The table: candidates with their count and state, their backers, switches, and how
    many of the party have declared for nobody."""
    lines = [heading(result.contest), ""]
    if not result.candidates:
        return [*lines, "no candidates have declared yet"]
    width = max(len(c.name) for c in result.candidates)
    lines.append(f"{'candidate':<{width}}  {'declared':<15}  {'backers':<9}  state")
    for c in result.candidates:
        threshold = result.contest.threshold
        count = f"{len(c.backers)} of {threshold}" if threshold else str(len(c.backers))
        lines.append(
            f"{c.name:<{width}}  {_when(c.declared.at, zone):<15}  {count:<9}  {_state(c, zone)}"
        )
    for c in result.candidates:
        if c.backers:
            backers = ", ".join(f"{b.mp} ({_when(b.since.at, zone)})" for b in c.backers)
            lines += ["", f"{c.name} is backed by {backers}"]
    if result.switches:
        lines += ["", "switches:"]
        lines += [
            f"  {s.mp}: from {s.old} to {s.new} ({_when(s.evidence.at, zone)})"
            for s in result.switches
        ]
    return [*lines, "", _undeclared(result)]


def candidate_line(candidate: Candidate, contest: Contest, zone: ZoneInfo) -> str:
    """'Lucy Powell: 4 of 80 backers, standing', for a summary."""
    threshold = f" of {contest.threshold}" if contest.threshold else ""
    count = f"{len(candidate.backers)}{threshold} backers"
    return f"{candidate.name}: {count}, {_state(candidate, zone)}"


def _state(candidate: Candidate, zone: ZoneInfo) -> str:
    if candidate.withdrawn is None:
        return "standing"
    backs = f", backs {candidate.backs}" if candidate.backs else ""
    return f"withdrew {_when(candidate.withdrawn.at, zone)}{backs}"


def _undeclared(result: Tally) -> str:
    names = result.undeclared
    party = result.contest.party
    if not names:
        return f"every {party} MP has declared"
    shown = ", ".join(names[:UNDECLARED_SHOWN])
    hidden = len(names) - UNDECLARED_SHOWN
    more = f" and {hidden} more (--json lists all)" if hidden > 0 else ""
    return f"{len(names)} {party} MPs have declared for nobody: {shown}{more}"


def suggestion_lines(suggestions: Sequence[Suggestion], zone: ZoneInfo) -> list[str]:
    """Each race with bids but no contest, and the lines to declare it."""
    if not suggestions:
        return ["no bids for a race without a contest"]
    lines = []
    for s in suggestions:
        lines += [
            f"{s.party} {s.post}: bids by {', '.join(s.candidates)} since"
            f" {_when(s.first_bid, zone)}, and no contest covers them. To follow it, add:",
            "  contests:",
            f"    - {declaration(s, zone)}",
            "",
        ]
    return lines[:-1]


def declaration(suggestion: Suggestion, zone: ZoneInfo) -> str:
    """The entry of `contests:` that would follow the race, opening on the first bid's day."""
    s = suggestion
    opens = s.first_bid.astimezone(zone).date().isoformat()
    return f"{{name: {s.name(zone)}, party: {s.party}, post: {s.post}, opens: {opens}}}"
