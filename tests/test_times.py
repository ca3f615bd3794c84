"""times.find_times: time expressions resolved against an item's published time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from watcher.extract.times import SpokenTime, find_times

pytestmark = pytest.mark.timeout(10)

LONDON = ZoneInfo("Europe/London")
# A Tuesday morning paper: Tuesday 7 January 2020, 08:30 in London (GMT).
ANCHOR = datetime(2020, 1, 7, 8, 30, tzinfo=LONDON)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def only(text: str, anchor: datetime = ANCHOR, *, running: bool = False) -> SpokenTime:
    found = find_times(text, anchor, LONDON, running=running)
    assert len(found) == 1, found
    return found[0]


def resolved(text: str, anchor: datetime = ANCHOR, *, running: bool = False) -> tuple[str, str]:
    spoken = only(text, anchor, running=running)
    return spoken.at.isoformat(), spoken.precision


# --- clock times with a day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text"),
    [
        ("He spoke at 23:10 on Monday night.", "23:10 on Monday night"),
        ("The statement came 23:10 Monday night, after the vote.", "23:10 Monday night"),
    ],
)
def test_a_clock_time_with_a_weekday_is_that_minute_of_that_day(
    text: str, expected_text: str
) -> None:
    spoken = only(text)

    assert spoken.at == local(2020, 1, 6, 23, 10)
    assert spoken.precision == "minute"
    assert spoken.text == expected_text
    assert spoken.start == text.index(expected_text)


def test_a_morning_time_on_an_earlier_weekday() -> None:
    spoken = only("She posted the video at 9.30am on Sunday.")

    assert spoken.at == local(2020, 1, 5, 9, 30)
    assert spoken.precision == "minute"
    assert spoken.text == "9.30am on Sunday"


def test_a_weekday_then_a_clock_time() -> None:
    assert resolved("on Monday at 4pm") == (local(2020, 1, 6, 16, 0).isoformat(), "minute")


# --- clock times alone ----------------------------------------------------------------------


def test_shortly_before_a_time_is_hour_precision_and_later_than_the_anchor_is_the_day_before() -> (
    None
):
    # 2pm is after the 08:30 anchor, so a morning paper means yesterday afternoon.
    spoken = only("The MP resigned shortly before 2pm, aides said")

    assert spoken.at == local(2020, 1, 6, 14, 0)
    assert spoken.precision == "hour"
    assert spoken.text == "shortly before 2pm"


def test_shortly_after_a_time_already_passed_is_on_the_anchor_day() -> None:
    spoken = only("She confirmed it shortly after 8am, her office said")

    assert spoken.at == local(2020, 1, 7, 8, 0)
    assert spoken.precision == "hour"


def test_hour_precision_drops_the_minutes() -> None:
    spoken = only("It was announced just after 7.40am on the radio")

    assert spoken.at == local(2020, 1, 7, 7, 0)
    assert spoken.precision == "hour"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8.34am", local(2020, 1, 7, 8, 34)),  # within five minutes of the anchor: same day
        ("8.40am", local(2020, 1, 6, 8, 40)),  # later than the anchor: the day before
        ("7.15am", local(2020, 1, 7, 7, 15)),
        ("at 11pm", local(2020, 1, 6, 23, 0)),
        ("4.15pm", local(2020, 1, 6, 16, 15)),
    ],
)
def test_a_bare_clock_time_later_than_the_anchor_means_the_day_before(
    text: str, expected: datetime
) -> None:
    spoken = only(text)

    assert spoken.at == expected
    assert spoken.precision == "minute"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He resigned at 2pm.", local(2020, 1, 6, 14, 0)),
        ("He resigned at 2.15pm.", local(2020, 1, 6, 14, 15)),
        ("He resigned at 23:10.", local(2020, 1, 6, 23, 10)),
        ("He resigned at noon.", local(2020, 1, 6, 12, 0)),
    ],
)
def test_a_clock_time_at_the_end_of_a_sentence(text: str, expected: datetime) -> None:
    # The full stop ends the sentence; it is not part of a number.
    spoken = only(text)

    assert spoken.at == expected
    assert spoken.precision == "minute"
    assert spoken.text == text.removeprefix("He resigned at ").rstrip(".")


def test_a_running_text_keeps_a_later_clock_time_on_the_anchor_day() -> None:
    # A live blog first published at 08:30 carries entries written later the same day.
    assert only("at 11pm", running=True).at == local(2020, 1, 7, 23, 0)
    assert only("shortly before 2pm", running=True).at == local(2020, 1, 7, 14, 0)
    assert only("at 11pm", running=False).at == local(2020, 1, 6, 23, 0)


# --- days, months, years --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", local(2020, 1, 6)),
        ("last night", local(2020, 1, 6)),
        ("this morning", local(2020, 1, 7)),
        ("on Friday", local(2020, 1, 3)),
        ("on Tuesday", local(2020, 1, 7)),
        ("last Tuesday", local(2019, 12, 31)),
        ("on 5 July", local(2019, 7, 5)),  # the past, not the future
        ("the 6th of January", local(2020, 1, 6)),
        ("January 6", local(2020, 1, 6)),
    ],
)
def test_a_day_is_day_precision(text: str, expected: datetime) -> None:
    spoken = only(f"He said {text} that he was proud.")

    assert spoken.at == expected
    assert spoken.precision == "day"
    assert spoken.text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday afternoon", local(2020, 1, 6)),
        ("this afternoon", local(2020, 1, 7)),
    ],
)
def test_afternoon_is_a_part_of_the_day_not_noon(text: str, expected: datetime) -> None:
    # "afternoon" must not be read as the clock time "noon".
    spoken = only(f"She announced it {text}, aides said")

    assert spoken.at == expected
    assert spoken.precision == "day"
    assert spoken.text == text


def test_a_month_and_year() -> None:
    spoken = only("He joined the shadow cabinet in June 2015.")

    assert spoken.at == local(2015, 6, 1)
    assert spoken.precision == "month"
    assert spoken.text == "in June 2015"


def test_a_month_alone_is_the_latest_one_not_in_the_future() -> None:
    assert resolved("in March") == (local(2019, 3, 1).isoformat(), "month")
    assert resolved("in January") == (local(2020, 1, 1).isoformat(), "month")


@pytest.mark.parametrize("phrase", ["at the end of March", "in late March", "in mid-March"])
def test_a_part_of_a_month_is_that_month(phrase: str) -> None:
    spoken = only(f"He announced {phrase} that he would step down.")

    assert (spoken.at, spoken.precision, spoken.text) == (local(2019, 3, 1), "month", phrase)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("at ten past eight this morning", local(2020, 1, 7, 8, 10)),
        ("at half past seven last night", local(2020, 1, 6, 19, 30)),
        ("at quarter to ten on Monday evening", local(2020, 1, 6, 21, 45)),
    ],
)
def test_a_clock_time_in_words_with_its_part_of_the_day(phrase: str, expected: datetime) -> None:
    spoken = only(f"She said it {phrase}.")

    assert (spoken.at, spoken.precision) == (expected, "minute")


def test_a_clock_time_in_words_without_its_part_of_the_day_is_no_time() -> None:
    assert not find_times("She said it at ten past eight.", ANCHOR, LONDON)


def test_a_year() -> None:
    spoken = only("He was first elected in 2015.")

    assert spoken.at == local(2015, 1, 1)
    assert spoken.precision == "year"
    assert spoken.text == "in 2015"


def test_a_year_in_the_future_is_not_when_something_was_said() -> None:
    assert find_times("the target for net zero in 2030", ANCHOR, LONDON) == []


# --- things that are not times --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The minimum wage rises to £9.30 an hour.",
        "He told the Today programme that he was proud.",
        "Turnout was 67.30 per cent.",
    ],
)
def test_not_a_time(text: str) -> None:
    assert find_times(text, ANCHOR, LONDON) == []


def test_today_programme_is_not_a_day_but_a_weekday_after_it_is() -> None:
    text = "He told the Today programme on Monday that he would stand."

    spoken = only(text)

    assert spoken.text == "on Monday"
    assert spoken.at == local(2020, 1, 6)


# --- time zones -----------------------------------------------------------------------------


def test_summer_times_carry_the_bst_offset() -> None:
    anchor = datetime(2024, 7, 5, 10, 0, tzinfo=LONDON)

    clock = only("at 23:10 on Thursday night", anchor)
    day = only("yesterday", anchor)

    assert clock.at == datetime(2024, 7, 4, 22, 10, tzinfo=UTC)
    assert clock.at.utcoffset() == timedelta(hours=1)
    assert clock.at.isoformat() == "2024-07-04T23:10:00+01:00"
    assert day.at.isoformat() == "2024-07-04T00:00:00+01:00"


def test_an_anchor_in_utc_is_read_in_the_configured_zone() -> None:
    # 08:00 UTC is 09:00 in London: "8.45am" has already happened that morning.
    anchor = datetime(2024, 7, 5, 8, 0, tzinfo=UTC)

    spoken = only("at 8.45am", anchor)

    assert spoken.at.isoformat() == "2024-07-05T08:45:00+01:00"


def test_an_anchor_just_after_midnight_in_london_is_the_next_day_there() -> None:
    # 23:30 UTC on 5 July is 00:30 BST on 6 July: "yesterday" is 5 July.
    anchor = datetime(2024, 7, 5, 23, 30, tzinfo=UTC)

    assert only("yesterday", anchor).at.isoformat() == "2024-07-05T00:00:00+01:00"


def test_each_side_of_the_clock_change_has_its_own_offset() -> None:
    anchor = datetime(2024, 4, 1, 10, 0, tzinfo=LONDON)  # clocks went forward on 31 March

    saturday = only("at 9am on Saturday", anchor)
    sunday = only("at 9am on Sunday", anchor)

    assert saturday.at.isoformat() == "2024-03-30T09:00:00+00:00"
    assert sunday.at.isoformat() == "2024-03-31T09:00:00+01:00"


# --- several expressions --------------------------------------------------------------------


def test_expressions_come_in_order_with_their_text_and_position() -> None:
    text = (
        "In 2015 he backed the bill. He said yesterday he had resigned at 7am on Friday, "
        "shortly before 2pm, having joined in June 2015."
    )

    found = find_times(text, ANCHOR, LONDON)

    assert [(t.text, t.precision) for t in found] == [
        ("In 2015", "year"),
        ("yesterday", "day"),
        ("7am on Friday", "minute"),
        ("shortly before 2pm", "hour"),
        ("in June 2015", "month"),
    ]
    assert [t.start for t in found] == [text.index(t.text) for t in found]
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert [t.at for t in found] == [
        local(2015, 1, 1),
        local(2020, 1, 6),
        local(2020, 1, 3, 7, 0),
        local(2020, 1, 6, 14, 0),
        local(2015, 6, 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In an interview with the Sunday Times, Ed Davey said it was time.",
        "Ed Davey told the Mail on Sunday it was time.",
        "Ed Davey told Sunday with Laura Kuenssberg it was time.",
    ],
)
def test_a_day_that_names_a_paper_or_a_programme_is_no_date(text: str) -> None:
    assert find_times(text, ANCHOR, LONDON) == []


def test_a_date_looked_ahead_to_is_this_years_and_never_a_time_of_saying() -> None:
    anchor = datetime(2026, 5, 13, 11, 0, tzinfo=LONDON)
    assert find_times("They will need 20 backers by May 21.", anchor, LONDON) == []
    february = datetime(2026, 2, 10, 9, 0, tzinfo=LONDON)
    assert find_times("The vote on June 23 will settle it.", february, LONDON) == []
    (said,) = find_times("He said on June 23 that he was proud.", february, LONDON)
    assert said.at.date().isoformat() == "2025-06-23"


def test_vague_times_in_the_past_are_months_and_years() -> None:
    anchor = datetime(2024, 9, 15, 7, 0, tzinfo=LONDON)
    (last_month,) = find_times("He left last month.", anchor, LONDON)
    assert (last_month.at.date().isoformat(), last_month.precision) == ("2024-08-01", "month")
    (last_year,) = find_times("She quit last year.", anchor, LONDON)
    assert (last_year.at.year, last_year.precision) == (2023, "year")
    (december,) = find_times("He resigned last December.", anchor, LONDON)
    assert (december.at.date().isoformat(), december.precision) == ("2023-12-01", "month")


def test_a_weekday_after_an_email_is_a_day_but_the_mail_on_sunday_is_a_paper() -> None:
    anchor = datetime(2027, 6, 16, 6, 30, tzinfo=UTC)
    assert [t.text for t in find_times("told members in an email on Tuesday.", anchor, LONDON)] == [
        "on Tuesday"
    ]
    assert find_times("writing in the Mail on Sunday", anchor, LONDON) == []


def test_shortly_before_midnight_is_late_on_that_day() -> None:
    assert resolved("She quit shortly before midnight on Monday.") == (
        local(2020, 1, 6, 23).isoformat(),
        "hour",
    )


@pytest.mark.parametrize(
    "text",
    ["He will speak on Friday.", "She is due to vote on Monday.", "They are to meet on Friday."],
)
def test_a_weekday_still_to_come_is_no_time_of_saying(text: str) -> None:
    assert find_times(text, ANCHOR, LONDON) == []


def test_a_weekday_after_a_past_event_noun_is_that_day() -> None:
    found = only("He unveiled the switch at a press conference on Monday morning.")
    assert found.at.date() == local(2020, 1, 6).date()
