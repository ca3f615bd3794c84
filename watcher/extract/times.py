"""When something was said: time expressions resolved against the item's published time.

"at 23:10 on Monday night" in a piece published on Tuesday 7 January 2020 is 23:10 on Monday 6
January, in the configured time zone. Each result keeps the words it came from and how precise
they are: minute, hour, day, month or year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from watcher.models import Precision

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# Every name of a month, longest first, as patterns name them.
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?:{MONTH_NAMES})\b\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
_PART = r"(?:morning|afternoon|evening|night)"
# A day that names a paper or a programme ('the Sunday Times', 'Sunday with Laura Kuenssberg',
# 'the Mail on Sunday'), not a date.
_NOT_A_TITLE = (
    r"(?!(?-i:\s+(?:Times|Telegraph|Mirror|Express|People|Post|Herald|Politics|Independent"
    r"|Mail|Sport|Record|Life|Star|Brunch|Live|Morning\s+Live|with\s+Laura)\b))"
)
_DATE = (
    rf"(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<mon2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
)
_DAY = (
    rf"(?P<rel>yesterday(?:\s+{_PART})?|last\s+night|this\s+(?:morning|afternoon|evening)"
    rf"|tonight|(?:earlier\s+)?today(?!\s+programme)|earlier\s+in\s+the\s+day"
    rf"|(?P<last>last\s+)?(?<!(?-i:\bMail\son\s))(?P<wd>{_WEEKDAY}){_NOT_A_TITLE}(?:'s)?(?:\s+{_PART})?"
    rf"|{_DATE})"
)
_HOUR_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_HOUR_WORD = "|".join(_HOUR_WORDS)
_MINUTE_WORDS = {"five": 5, "ten": 10, "twenty": 20, "twenty-five": 25, "quarter": 15, "half": 30}
_CLOCK = (
    r"(?P<clock>(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)(?![a-z])"
    r"|(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)(?:\s*(?:GMT|BST|hrs|hours))?"
    r"(?!\s*(?:per\s*cent|percent|%|p\b|bn\b|billion|million|m\b|km|miles|kg))"
    r"|(?P<noon>\bnoon\b|\bmidday\b)|(?P<midnight>\bmidnight\b)"
    # 'ten past eight', 'half past nine', 'quarter to ten', 'nine o'clock': the morning or the
    # evening only when the words around say which
    rf"|(?P<worded>\b(?:(?P<mins>five|ten|twenty|twenty-five|quarter|half)\s+(?P<dir>past|to)\s+"
    rf"(?P<hw>{_HOUR_WORD})(?:\s+o['’]clock)?|(?P<hw2>{_HOUR_WORD})\s+o['’]clock)\b))"
)
_QUAL = r"(?P<qual>(?:shortly|just|soon)\s+(?:before|after))"
_NOT_A_NUMBER = r"(?<![£$€\d.,:])"

_PATTERNS = [
    re.compile(rf"{_NOT_A_NUMBER}(?:{_QUAL}\s+)?{_CLOCK}(?:\s*,)?\s+(?:on\s+)?{_DAY}", re.I),
    re.compile(rf"\b{_DAY}(?:\s*,)?\s+(?:at\s+)?(?:{_QUAL}\s+)?{_NOT_A_NUMBER}{_CLOCK}", re.I),
    re.compile(rf"{_NOT_A_NUMBER}(?:{_QUAL}\s+)?{_CLOCK}(?!\d|\.\d)", re.I),
    # 'in July', 'in late July', 'in mid-July', 'at the end of July'
    re.compile(
        r"\b(?:in|last|since|during|(?:at|by|towards?)\s+the\s+(?:end|start|beginning|middle)\s+of)"
        rf"(?:\s+(?:early|late)|\s+mid)?[-\s]+(?P<mon3>{_MONTH})(?:\s+(?P<y3>\d{{4}}))?",
        re.I,
    ),
    re.compile(
        r"\b(?P<vague>earlier\s+(?:this|in\s+the)\s+(?:month|year)|last\s+(?:month|year)"
        r"|(?:at|by)\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?:month|year)"
        r"|(?:a|one|two|three|four|five|six|several|a\s+few|few|\d+)\s+(?:months?|years?)\s+ago"
        r"|(?:two|three|four|five|six|several|a\s+few|few|\d+)\s+weeks\s+ago|a\s+fortnight\s+ago"
        r"|before\s+Christmas)\b",
        re.I,
    ),
    re.compile(r"\bin\s+(?P<y4>(?:19|20)\d{2})\b", re.I),
    re.compile(rf"\b(?:on\s+)?{_DAY}\b", re.I),
]


@dataclass(frozen=True)
class SpokenTime:
    at: datetime
    text: str
    precision: Precision
    start: int  # where the expression starts in the text searched


def find_times(
    text: str, anchor: datetime, zone: ZoneInfo, *, running: bool = False
) -> list[SpokenTime]:
    """Every time expression in `text`, in order, resolved against `anchor`.

    A clock time later than the anchor means the day before ("at 23:10" in a morning paper),
    unless the text is `running`: a live blog, whose entries come after it was first published.
    """
    local = anchor.astimezone(zone)
    found: list[SpokenTime] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            resolved = _resolve(match, local, zone, running)
            if resolved is not None:
                taken.append(span)
                found.append(resolved)
    return sorted(found, key=lambda t: t.start)


def _resolve(
    match: re.Match[str], local: datetime, zone: ZoneInfo, running: bool
) -> SpokenTime | None:
    groups = match.groupdict()
    text = match.group(0).strip()
    if groups.get("y4"):
        when = datetime(int(groups["y4"]), 1, 1, tzinfo=zone)
        return _spoken(when, text, "year", match, local)
    if groups.get("mon3"):
        return _month(groups, text, match, local, zone)
    if groups.get("vague"):
        return _vague(text, match, local, zone)
    before = match.string[max(0, match.start() - 40) : match.start()]
    ahead = bool(_AHEAD.search(before))
    if groups.get("wd") and not groups.get("last") and _WILL_BE.search(before):
        return None  # 'will speak on Friday': a day to come, not when anything was said
    day = _day(groups, local.date(), ahead)
    if day is None and (groups.get("d1") or groups.get("d2")):
        return None  # '30 February': no such day
    clock = _clock(groups, text)
    if clock is None:
        if day is None:
            return None
        return _spoken(datetime.combine(day, time(0), zone), text, "day", match, local)
    precision: Precision = "hour" if groups.get("qual") else "minute"
    if precision == "hour":
        clock = clock.replace(minute=0)
    if groups.get("midnight") and "before" in (groups.get("qual") or "").lower():
        clock = time(23, 0)  # 'shortly before midnight on Monday': late on Monday
    if day is None:
        moment = datetime.combine(local.date(), clock, zone)
        if moment > local + timedelta(minutes=5) and not running:
            moment = datetime.combine(local.date() - timedelta(days=1), clock, zone)
        return _spoken(moment, text, precision, match, local)
    return _spoken(datetime.combine(day, clock, zone), text, precision, match, local)


def _worded_clock(groups: dict[str, str | None], text: str) -> time | None:
    """'ten past eight this morning' -> 08:10; None when the words do not say which half of
    the day ('at ten past eight' alone)."""
    hour = _HOUR_WORDS[(groups.get("hw") or groups.get("hw2") or "").lower()]
    minute = _MINUTE_WORDS.get((groups.get("mins") or "").lower(), 0)
    if (groups.get("dir") or "").lower() == "to":
        hour, minute = hour - 1 or 12, 60 - minute
    words = text.lower()
    if "morning" in words:
        return time(hour % 12, minute)
    if any(part in words for part in ("afternoon", "evening", "night", "tonight")):
        return time(hour % 12 + 12, minute)
    return None


def _spoken(
    when: datetime, text: str, precision: Precision, match: re.Match[str], local: datetime
) -> SpokenTime | None:
    if when > local + timedelta(days=1):
        return None  # said in the future: not a time something was said
    return SpokenTime(when, text, precision, match.start())


def _month(
    groups: dict[str, str | None], text: str, match: re.Match[str], local: datetime, zone: ZoneInfo
) -> SpokenTime | None:
    month = MONTHS[(groups["mon3"] or "").lower().rstrip(".")]
    year_text = groups.get("y3")
    year = int(year_text) if year_text else local.year
    if not year_text and (year, month) > (local.year, local.month):
        year -= 1
    return _spoken(datetime(year, month, 1, tzinfo=zone), text, "month", match, local)


def _vague(text: str, match: re.Match[str], local: datetime, zone: ZoneInfo) -> SpokenTime:
    """'earlier this month', 'last year', 'two years ago': a month or a year, never a time
    something was said, and history when it is one before the item's own."""
    words = text.lower()
    if "week" in words or "fortnight" in words:  # 'a fortnight ago', 'three weeks ago'
        days = 14 if "fortnight" in words else 7 * _count(words)
        day = (local - timedelta(days=days)).date()
        return SpokenTime(datetime(day.year, day.month, day.day, tzinfo=zone), text, "day",
                          match.start())  # fmt: skip
    month = datetime(local.year, local.month, 1, tzinfo=zone)
    if "christmas" in words:  # 'announced before Christmas': the last Christmas gone by
        december = local.year if local.month == 12 else local.year - 1
        return SpokenTime(datetime(december, 12, 1, tzinfo=zone), text, "month", match.start())
    if "year" in words:
        back = 0 if "this" in words or "the year" in words else _count(words)
        year = datetime(local.year - back, 1, 1, tzinfo=zone)
        return SpokenTime(year, text, "year", match.start())
    if (
        "this" in words or "the month" in words
    ):  # 'earlier in the month', 'at the start of the month'
        return SpokenTime(month, text, "month", match.start())
    year_of, index = divmod(local.year * 12 + local.month - 1 - _count(words), 12)
    first = datetime(year_of, index + 1, 1, tzinfo=zone)
    return SpokenTime(first, text, "month", match.start())


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _count(words: str) -> int:
    """How many months or years back: 'last' and 'a' are one, 'several' three."""
    first = words.split()[0]
    if first == "last":
        return 1
    if first.isdigit():
        return int(first)
    return _COUNTS.get(first, 3)  # 'several', 'a few'


def _day(groups: dict[str, str | None], today: date, ahead: bool = False) -> date | None:
    relative = (groups.get("rel") or "").lower()
    if groups.get("wd"):
        weekday = WEEKDAYS.index((groups["wd"] or "").lower())
        back = (today.weekday() - weekday) % 7
        if groups.get("last") and back == 0:
            back = 7
        return today - timedelta(days=back)
    if relative.startswith(("yesterday", "last night")):
        return today - timedelta(days=1)
    if relative.startswith(("this", "tonight", "today", "earlier")):
        return today
    for d, mon, y in (("d1", "mon1", "y1"), ("d2", "mon2", "y2")):
        day_text = groups.get(d)
        if day_text:
            return _date(int(day_text), groups[mon] or "", groups.get(y), today, ahead)
    return None


def _date(
    day: int, month_name: str, year_text: str | None, today: date, ahead: bool = False
) -> date | None:
    """A day and month, in the year the text means: the last such day, unless the words
    before it look ahead ('the vote on June 23', 'by May 21'): then this year's, which may be
    still to come (and so is never a time something was said)."""
    month = MONTHS[month_name.lower().rstrip(".")]
    year = int(year_text) if year_text else today.year
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not year_text and found > today and not ahead:
        try:
            found = found.replace(year=year - 1)
        except ValueError:  # 29 February, last year
            return None
    return found


# Words before a weekday that put it ahead: 'will speak on Friday', 'is due to vote on Monday'.
_WILL_BE = re.compile(
    r"\b(?:will|shall|due|scheduled|set\s+(?:for|to)|expected|planned|ahead\s+of|until|till"
    r"|(?:is|are)\s+to)\b[^.;:]{0,30}$",
    re.I,
)
# Words before a date that look ahead to it.
_AHEAD = re.compile(
    r"\b(?:will|would|shall|due|by|until|till|before|ahead\s+of|scheduled|set\s+for|next"
    r"|deadline|vote|votes|ballot|referendum|election|poll|hustings|conference|count"
    r"|result|closes?|opens?|expected|planned|from)\b[^.;:]{0,30}$",
    re.I,
)


def _clock(groups: dict[str, str | None], text: str = "") -> time | None:
    if groups.get("worded"):
        return _worded_clock(groups, text)
    if groups.get("noon"):
        return time(12, 0)
    if groups.get("midnight"):
        return time(0, 0)
    if groups.get("h24"):
        return time(int(groups["h24"] or 0), int(groups["m24"] or 0))
    if groups.get("h"):
        hour, minute = int(groups["h"] or 0), int(groups.get("m") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        pm = (groups.get("ampm") or "").lower().startswith("p")
        return time(hour % 12 + (12 if pm else 0), minute)
    return None
