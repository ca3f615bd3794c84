"""The contest page's chart: each candidate's backers by day, worked out from the tally's
history, then laid out as a line per candidate with the threshold, and switches and withdrawals
marked on their days. Pure: the template draws it as inline SVG (no script, so the page's
Content-Security-Policy holds), every label escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from watcher.contests import Backing, Tally


@dataclass(frozen=True)
class Series:
    candidate: str
    counts: tuple[int, ...]  # backers at the end of each day of `Chart.days`


@dataclass(frozen=True)
class Mark:
    day: date
    kind: Literal["switch", "withdrawal"]
    label: str


@dataclass(frozen=True)
class Chart:
    days: tuple[date, ...]
    series: tuple[Series, ...]
    marks: tuple[Mark, ...]


def backers_by_day(result: Tally, zone: ZoneInfo, today: date) -> Chart:
    """Each candidate's backers at the end of each day, from the day the contest opens to its
    last day or today, whichever is first; switches and withdrawals marked on their days."""
    contest = result.contest
    last = min(contest.closes or today, today)
    count = max((last - contest.opens).days + 1, 1)
    days = tuple(contest.opens + timedelta(days=n) for n in range(count))
    ends = [datetime.combine(d + timedelta(days=1), time(0), tzinfo=zone) for d in days]
    series = tuple(
        Series(c.name, tuple(_backing_at(result.backings, c.name, end) for end in ends))
        for c in result.candidates
    )
    marks = [
        Mark(s.evidence.at.astimezone(zone).date(), "switch", f"{s.mp}: {s.old} → {s.new}")
        for s in result.switches
    ]
    marks += [
        Mark(c.withdrawn.at.astimezone(zone).date(), "withdrawal", f"{c.name} withdrew")
        for c in result.candidates
        if c.withdrawn
    ]
    return Chart(days, series, tuple(sorted(marks, key=lambda m: (m.day, m.kind, m.label))))


def _backing_at(backings: Sequence[Backing], candidate: str, moment: datetime) -> int:
    return sum(
        1
        for b in backings
        if b.candidate == candidate and b.start.at < moment and (b.end is None or b.end >= moment)
    )


# --- the layout ---------------------------------------------------------------------------------

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 28, 16, 40  # margins for the axes' labels
MAX_DAY_LABELS = 10
SERIES_STYLES = 6  # .series-0 … .series-5 in style.css; more candidates reuse them


@dataclass(frozen=True)
class Line:
    candidate: str
    style: int  # which .series-N draws it
    points: str  # "x,y x,y …" for <polyline points>
    last: tuple[float, float]  # where its name is written
    count: int  # backers on the last day


@dataclass(frozen=True)
class Tick:
    at: float  # x for a day, y for a count
    label: str


@dataclass(frozen=True)
class Marker:
    x: float
    kind: str  # switch or withdrawal
    label: str


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    left: int
    top: int
    bottom: float  # y of the x axis
    right: float  # x of the last day
    lines: tuple[Line, ...]
    days: tuple[Tick, ...]
    counts: tuple[Tick, ...]
    markers: tuple[Marker, ...]
    threshold: float | None  # y of the threshold line, when it is within the chart


def lay_out(chart: Chart, threshold: int | None) -> Drawing:
    """Where each part of the chart goes, in the SVG's own units."""
    top = max([threshold or 0, *(max(s.counts, default=0) for s in chart.series), 1])
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    step = span_x / max(len(chart.days) - 1, 1)

    def x(index: int) -> float:
        return round(LEFT + index * step, 1)

    def y(count: int) -> float:
        return round(TOP + span_y * (1 - count / top), 1)

    lines = tuple(
        Line(
            candidate=s.candidate,
            style=index % SERIES_STYLES,
            points=" ".join(f"{x(i)},{y(c)}" for i, c in enumerate(s.counts)),
            last=(x(len(s.counts) - 1), y(s.counts[-1])),
            count=s.counts[-1],
        )
        for index, s in enumerate(chart.series)
    )
    every = max(1, -(-len(chart.days) // MAX_DAY_LABELS))
    days = tuple(Tick(x(i), f"{d.day} {d:%b}") for i, d in enumerate(chart.days) if i % every == 0)
    counts = tuple(Tick(y(c), str(c)) for c in sorted({0, top // 2, top}))
    where = {day: i for i, day in enumerate(chart.days)}
    markers = tuple(Marker(x(where[m.day]), m.kind, m.label) for m in chart.marks if m.day in where)
    return Drawing(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        top=TOP,
        bottom=y(0),
        right=x(len(chart.days) - 1),
        lines=lines,
        days=days,
        counts=counts,
        markers=markers,
        threshold=y(threshold) if threshold else None,
    )
