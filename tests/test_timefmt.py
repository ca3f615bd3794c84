"""Times shown to the desk carry the precision the text gave, no more."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from watcher.timefmt import said_text

LONDON = ZoneInfo("Europe/London")
WINTER = datetime(2026, 12, 4, 23, 10, tzinfo=UTC)
SUMMER = datetime(2026, 7, 3, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "precision", "shown"),
    [
        (WINTER, "minute", "Fri 4 Dec 2026, 23:10 GMT"),
        (SUMMER, "hour", "Fri 3 Jul 2026, about 14:00 BST"),
        (datetime(2026, 12, 4, 0, 0, tzinfo=UTC), "day", "Fri 4 Dec 2026"),
        (datetime(2026, 6, 30, 23, 0, tzinfo=UTC), "month", "July 2026"),
        (datetime(2015, 1, 1, tzinfo=UTC), "year", "2015"),
        (WINTER, "published", "Fri 4 Dec 2026, 23:10 GMT"),
        (WINTER, None, "Fri 4 Dec 2026, 23:10 GMT"),
    ],
)
def test_a_time_is_shown_to_the_precision_the_text_gave(
    moment: datetime, precision: str | None, shown: str
) -> None:
    assert said_text(moment, precision, LONDON) == shown


def test_no_time_is_shown_as_nothing() -> None:
    assert said_text(None, "day", LONDON) == ""
