"""The search page's chart: how many statements a search finds, by day, week or month, drawn
as bars. Pure: the template draws it as inline SVG (no script), every label escaped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

Step = Literal["day", "week", "month"]
MAX_DAYS = 62  # a span longer than this is shown by week
MAX_WEEKS = 60  # and longer than this, by month


@dataclass(frozen=True)
class Bar:
    start: date  # the first day of the day, week (Monday) or month it counts
    count: int


@dataclass(frozen=True)
class Histogram:
    step: Step
    bars: tuple[Bar, ...]  # every step from the first match to the last, empty ones too


def matches_over_time(times: Sequence[datetime], zone: ZoneInfo) -> Histogram:
    """The statements at `times`, counted by the day, week or month they fall on in `zone`."""
    days = [moment.astimezone(zone).date() for moment in times]
    if not days:
        return Histogram("day", ())
    first, last = min(days), max(days)
    span = (last - first).days
    step: Step = "day" if span < MAX_DAYS else "week" if span < 7 * MAX_WEEKS else "month"
    counts = Counter(_start(day, step) for day in days)
    starts = [_start(first, step)]
    while starts[-1] < _start(last, step):
        starts.append(_next(starts[-1], step))
    return Histogram(step, tuple(Bar(start, counts[start]) for start in starts))


def _start(day: date, step: Step) -> date:
    if step == "week":
        return day - timedelta(days=day.weekday())
    if step == "month":
        return day.replace(day=1)
    return day


def _next(start: date, step: Step) -> date:
    if step == "day":
        return start + timedelta(days=1)
    if step == "week":
        return start + timedelta(days=7)
    return (start + timedelta(days=32)).replace(day=1)


def bar_label(bar: Bar, step: Step) -> str:
    """'4 Dec 2026', 'week of 30 Nov 2026', 'Dec 2026'."""
    day = f"{bar.start.day} {bar.start:%b %Y}"
    if step == "month":
        return f"{bar.start:%b %Y}"
    return f"week of {day}" if step == "week" else day


# --- the layout ---------------------------------------------------------------------------------

WIDTH, HEIGHT = 720, 120
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 8, 22  # margins for the axes' labels
MAX_LABELS = 6


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # what the bar counts, for its tooltip


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    left: int
    right: int
    bottom: float
    bars: tuple[Rect, ...]
    times: tuple[Tick, ...]  # x of some bars' starts
    counts: tuple[Tick, ...]  # y of 0 and the tallest bar
    step: Step


def lay_out(histogram: Histogram) -> Drawing:
    """Where each bar goes, in the SVG's own units."""
    top = max((bar.count for bar in histogram.bars), default=0) or 1
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    slot = span_x / max(len(histogram.bars), 1)
    gap = min(2.0, slot / 4)
    bottom = float(TOP + span_y)
    rects = []
    for index, bar in enumerate(histogram.bars):
        height = round(span_y * bar.count / top, 1)
        rects.append(
            Rect(
                x=round(LEFT + index * slot + gap / 2, 1),
                y=round(bottom - height, 1),
                width=round(slot - gap, 1),
                height=height,
                count=bar.count,
                label=bar_label(bar, histogram.step),
            )
        )
    every = max(1, -(-len(rects) // MAX_LABELS))
    times = tuple(
        Tick(round(LEFT + i * slot, 1), _short(bar.start, histogram.step))
        for i, bar in enumerate(histogram.bars)
        if i % every == 0
    )
    counts = (Tick(bottom, "0"), Tick(float(TOP), str(top)))
    return Drawing(
        WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, bottom, tuple(rects), times, counts, histogram.step
    )


def _short(start: date, step: Step) -> str:
    return f"{start:%b %Y}" if step == "month" else f"{start.day} {start:%b}"
