"""Representative alerts from the demo's made-up story (a Labour deputy leadership race): an
MP's own Bluesky posts read from a plain feed of them, news outlets whose configured names are
their feeds' titles ("The Westminster Courier: Politics"), times given to the minute, to the
day, or only by publication. Every MP and outlet here is fictional.

The golden files in fixtures/emails/ and the alert email's browser test (and its screenshot,
docs/alert_email.png) are drawn from these.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from watcher.models import Message, Report

COURIER = "The Westminster Courier: Politics"  # the feed's title, as the demo names the source
COURIER_URL = "https://www.westminster-courier.example/politics"

OKAFOR_BID = Report(
    statement_id=1,
    story_id=1,
    mp="Daniel Okafor",
    party="Labour",
    constituency="Eastbridge",
    kind="leadership_bid",
    target="deputy leader",
    text=(
        "I am standing to be Labour's deputy leader because members deserve a deputy who "
        "speaks for them,"
    ),
    said_at=datetime(2026, 12, 4, 15, 45, tzinfo=UTC),
    said_at_precision="published",
    evidence="quote: Mr Okafor said.",
    source=COURIER,
    source_id=1,
    source_kind="feed",
    own=False,
    url=f"{COURIER_URL}/deputy-leadership-nominations-open",
    title="Nominations open in Labour's deputy leadership race",
    published_at=datetime(2026, 12, 4, 15, 45, tzinfo=UTC),
    first_seen_at=datetime(2026, 12, 4, 15, 47, tzinfo=UTC),
    verbatim=True,
)
WHITLOCK_REPORTED = (
    "Sarah Whitlock, the MP for Dunmere and Fold, confirmed her candidacy for deputy leader in "
    "a letter to members, promising to rebuild the party's organisation in the towns."
)
WHITLOCK_BID = replace(
    OKAFOR_BID,
    statement_id=2,
    story_id=2,
    mp="Sarah Whitlock",
    constituency="Dunmere and Fold",
    text=WHITLOCK_REPORTED,
    report=WHITLOCK_REPORTED,
    said_at=datetime(2026, 12, 4, 0, 0, tzinfo=UTC),  # "on Friday": known to the day only
    said_at_precision="day",
    evidence=f"reported speech: {WHITLOCK_REPORTED}",
    verbatim=False,
)
CARROW_WORDS = (
    "I won't be standing for deputy leader. It has been a hard decision, and I'm grateful to "
    "everyone who urged me to run.\n\nI'll be backing Daniel Okafor: he has the energy and the "
    "ideas our party needs, and he will be a deputy who listens."
)
CARROW_RULES_OUT = Report(
    statement_id=4,
    story_id=4,
    mp="Helen Carrow",
    party="Labour",
    constituency="Kingsmoor",
    kind="leadership_declined",
    target="deputy leader",
    text=CARROW_WORDS,
    said_at=datetime(2026, 12, 5, 9, 5, tzinfo=UTC),
    said_at_precision="published",
    evidence="the MP's own source",
    source="Helen Carrow on Bluesky",
    source_id=1,
    source_kind="feed",  # a plain feed of her Bluesky posts: the address says Bluesky
    own=True,
    url="https://bsky.app/profile/helencarrow.bsky.social/post/3kx7demo0002",
    title="",
    published_at=datetime(2026, 12, 5, 9, 5, tzinfo=UTC),
    first_seen_at=datetime(2026, 12, 5, 9, 6, tzinfo=UTC),
    verbatim=True,
)
CARROW_BACKS = replace(
    CARROW_RULES_OUT, statement_id=5, story_id=5, kind="endorsement", target="Daniel Okafor"
)
ELLERY_BACKED = Report(
    statement_id=8,
    story_id=8,
    mp="Mark Ellery",
    party="Labour",
    constituency="Harrowgate Vale",
    kind="endorsement",
    target="Sarah Whitlock",
    text="Mark Ellery, the MP for Harrowgate Vale, said he was backing Sarah Whitlock.",
    said_at=datetime(2026, 12, 4, 18, 20, tzinfo=UTC),
    said_at_precision="published",
    evidence="reported speech: Mark Ellery, the MP for Harrowgate Vale, said he was backing",
    source="Northern Post - Politics",
    source_id=1,
    source_kind="feed",
    own=False,
    url="https://northern-post.example/news/ellery-backs-whitlock",
    title="Whitlock wins the backing of Harrowgate Vale MP",
    published_at=datetime(2026, 12, 4, 18, 20, tzinfo=UTC),
    first_seen_at=datetime(2026, 12, 4, 18, 24, tzinfo=UTC),
    report="Mark Ellery, the MP for Harrowgate Vale, said he was backing Sarah Whitlock.",
)
ELLERY_SWITCHES = replace(
    ELLERY_BACKED,
    statement_id=13,
    story_id=13,
    target="Daniel Okafor",
    text="I will now be backing Daniel Okafor. He can unite the party.",
    said_at=datetime(2026, 12, 5, 15, 45, tzinfo=UTC),
    said_at_precision="minute",
    evidence="quote: Mr Ellery said at 3.45pm on Saturday",
    source=COURIER,
    url=f"{COURIER_URL}/ellery-switches-to-okafor",
    title="Whitlock's backers look to Okafor",
    published_at=datetime(2026, 12, 5, 16, 30, tzinfo=UTC),
    first_seen_at=datetime(2026, 12, 5, 16, 33, tzinfo=UTC),
    verbatim=True,
    report="“I will now be backing Daniel Okafor. He can unite the party,” Mr Ellery said.",
)


def demo_alert(*reports: Report, key: str, earlier: tuple[Report, ...] = ()) -> Message:
    return Message(
        outbox_id=21,
        key=key,
        kind="alert",
        channel="email",
        recipient="politics-desk@example.org",
        subscription="Politics desk",
        unsubscribe="watcher-admin@example.org",
        reports=reports,
        earlier=earlier,
        archive_url="https://watcher.example.org",
    )


# The alert the README shows (docs/alert_email.png): a switch said plainly as a reversal, the
# MP's words, a copy-ready attribution with the time and its zone, links as words, and the
# earlier statement it reverses.
SWITCH_ALERT = demo_alert(ELLERY_SWITCHES, key="5" * 32, earlier=(ELLERY_BACKED,))
DEMO_ALERTS: dict[str, Message] = {
    "alert_two_mps": demo_alert(OKAFOR_BID, WHITLOCK_BID, key="6" * 32),
    "alert_own_post": demo_alert(CARROW_RULES_OUT, CARROW_BACKS, key="7" * 32),
    "alert_switch": SWITCH_ALERT,
}
