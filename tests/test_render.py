"""The messages themselves: alerts, follow-ups, digests, warnings, and their chat form.

Each kind has a golden file in fixtures/emails/ (`pytest --regen-golden` rewrites them); the
tests below check what must hold whatever the wording: valid MIME, the same facts in both parts,
escaped HTML, headers web text cannot add to.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from support.alerts import CARROW_RULES_OUT, DEMO_ALERTS
from support.mail import parts, reparsed

from watcher.models import Kind, Message, Report
from watcher.notify.render import ShortMessage, render_message, render_short
from watcher.notify.wording import SUBJECT_LIMIT, attribution, headline, message_subject

GOLDEN = Path(__file__).parent / "fixtures" / "emails"
LONDON = ZoneInfo("Europe/London")
SENDER = "Watcher <alerts@example.org>"
NOW = datetime(2020, 1, 7, 11, 0, tzinfo=UTC)

# Ian Lavery's statement of Monday 6 January 2020, as Labour Heartlands reported it the next
# morning; fixtures/examples has the article.
LAVERY_WORDS = (
    "Over the last couple of weeks, it has been humbling to receive so much support from "
    "members and colleagues who have encouraged me to stand for leader of the Labour party.\n\n"
    "While I am honoured, I will not be standing in the leadership contest.\n\n"
    "With this in mind I will be throwing my full support behind Rebecca Long Bailey as the "
    "best person to lead our party. Having worked with her in the shadow cabinet I know she has "
    "the intellect, drive and determination to take forward and develop the popular, common "
    "sense socialist policies that Jeremy Corbyn has championed. And after more than a century "
    "it’s about time the Labour Party was led by a woman"
)
DECLINED = Report(
    statement_id=41,
    story_id=41,
    mp="Ian Lavery",
    party="Labour",
    constituency="Blyth and Ashington",
    kind="leadership_declined",
    target="leader",
    text=LAVERY_WORDS,
    said_at=datetime(2020, 1, 6, 23, 10, tzinfo=UTC),
    said_at_precision="minute",
    evidence=(
        "statement after colon: Mr Lavery made this statement on Facebook at 23:10 Monday "
        "night:; not standing: While I am honoured, I will not be standing in the leadership "
        "contest."
    ),
    source="Labour Heartlands",
    source_id=1,
    source_kind="feed",
    own=False,
    url="https://www.labourheartlands.com/ian-lavery-mp-will-not-be-standing/",
    title="Ian Lavery MP will not be standing for Labour leadership position",
    published_at=datetime(2020, 1, 7, 9, 30, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 7, 9, 32, tzinfo=UTC),
    verbatim=True,
)
ENDORSES = replace(
    DECLINED,
    statement_id=42,
    story_id=42,
    kind="endorsement",
    target="Rebecca Long Bailey",
    evidence=(
        "statement after colon: Mr Lavery made this statement on Facebook at 23:10 Monday "
        "night:; support behind: With this in mind I will be throwing my full support behind "
        "Rebecca Long Bailey as the best person to lead our party."
    ),
)
# A fictional MP who said "not standing" and later stood: the case the reversal line is for.
MORGAN_DECLINES = Report(
    statement_id=17,
    story_id=17,
    mp="Alex Morgan",
    party="Labour",
    constituency="Tynedale North",
    kind="leadership_declined",
    target="leader",
    text="I will not be putting my name forward for leader. My job is here in Tynedale North.",
    said_at=datetime(2019, 12, 28, 0, 0, tzinfo=UTC),
    said_at_precision="day",
    evidence="quote: Morgan told the Hexham Courant on Saturday",
    source="Hexham Courant",
    source_id=1,
    source_kind="feed",
    own=False,
    url="https://www.hexham-courant.example/news/morgan-not-standing",
    title="Morgan: not my time",
    published_at=datetime(2019, 12, 28, 18, 0, tzinfo=UTC),
    first_seen_at=datetime(2019, 12, 28, 18, 4, tzinfo=UTC),
    verbatim=True,
)
MORGAN_STANDS = Report(
    statement_id=88,
    story_id=88,
    mp="Alex Morgan",
    party="Labour",
    constituency="Tynedale North",
    kind="leadership_bid",
    target="leader",
    text=(
        "After talking to members across the North, I have decided to stand for leader of the "
        "Labour Party.\n\nWe have to win back the towns we lost."
    ),
    said_at=datetime(2020, 1, 3, 10, 0, tzinfo=UTC),
    said_at_precision="hour",
    evidence="quote: Morgan said on Friday morning",
    source="BBC News",
    source_id=1,
    source_kind="feed",
    own=False,
    url="https://www.bbc.co.uk/news/uk-politics-00000001",
    title="Alex Morgan enters Labour leadership race",
    published_at=datetime(2020, 1, 3, 11, 15, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 3, 11, 20, tzinfo=UTC),
    verbatim=True,
)
BBC_SIGHTING = replace(
    DECLINED,
    statement_id=57,
    text="While I am honoured, I will not be standing in the leadership contest.",
    evidence="quote: Mr Lavery wrote on Facebook late on Monday",
    source="BBC News",
    url="https://www.bbc.co.uk/news/uk-politics-51012345",
    title="Ian Lavery will not stand for Labour leader",
    said_at=datetime(2020, 1, 6, 23, 0, tzinfo=UTC),
    said_at_precision="day",
    published_at=datetime(2020, 1, 7, 10, 5, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 7, 10, 11, tzinfo=UTC),
)
OWN_SIGHTING = replace(
    DECLINED,
    statement_id=60,
    evidence="the MP's own source",
    source="Ian Lavery (website)",
    own=True,
    url="https://www.ianlavery.example/news/leadership-statement",
    title="Statement on the Labour leadership",
    said_at=None,
    said_at_precision=None,
    published_at=datetime(2020, 1, 7, 10, 30, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 7, 10, 36, tzinfo=UTC),
)
THORNBERRY = Report(
    statement_id=45,
    story_id=45,
    mp="Emily Thornberry",
    party="Labour",
    constituency="Islington South and Finsbury",
    kind="statement",
    target=None,
    text="utter lies",
    said_at=datetime(2020, 1, 7, 8, 0, tzinfo=UTC),
    said_at_precision="published",
    evidence="quote: The Shadow Foreign Secretary blasted the claims as",
    source="Labour Heartlands",
    source_id=1,
    source_kind="feed",
    own=False,
    url="https://www.labourheartlands.com/calling-on-ian-lavery-to-stand/",
    title="Google doc going viral: Calling on Ian Lavery MP to stand for Labour Party leader",
    published_at=datetime(2020, 1, 7, 8, 0, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 7, 8, 3, tzinfo=UTC),
    verbatim=True,
)

# A fictional MP whose news is reported in the reporters' own words: not the MP's, so never
# shown in quotation marks.
WHITLOCK_REPORT = (
    "Sarah Whitlock, the MP for Dunmere and Fold, has confirmed her candidacy for the deputy "
    "leadership, telling local members she would stand."
)
WHITLOCK_BID = Report(
    statement_id=120,
    story_id=120,
    mp="Sarah Whitlock",
    party="Labour",
    constituency="Dunmere and Fold",
    kind="leadership_bid",
    target="deputy leader",
    text=WHITLOCK_REPORT,
    said_at=datetime(2020, 1, 6, 19, 0, tzinfo=UTC),
    said_at_precision="day",
    evidence=f"reported speech: {WHITLOCK_REPORT}",
    source="The Courier",
    source_id=1,
    source_kind="feed",
    own=False,
    url="https://www.courier.example/news/whitlock-deputy",
    title="Whitlock confirms deputy leadership bid",
    published_at=datetime(2020, 1, 7, 10, 15, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 7, 10, 18, tzinfo=UTC),
    verbatim=False,
    report=WHITLOCK_REPORT,
)
WHITLOCK_RULED_OUT = replace(
    WHITLOCK_BID,
    statement_id=97,
    story_id=97,
    kind="leadership_declined",
    text="Sarah Whitlock has said she will not be a candidate in the deputy leadership race.",
    report="Sarah Whitlock has said she will not be a candidate in the deputy leadership race.",
    evidence="reported speech: Sarah Whitlock has said she will not be a candidate",
    said_at=datetime(2019, 12, 30, 0, 0, tzinfo=UTC),
    source="Dunmere Gazette",
    url="https://www.dunmere-gazette.example/whitlock-out",
    title="Whitlock out of deputy race",
    published_at=datetime(2019, 12, 30, 17, 0, tzinfo=UTC),
    first_seen_at=datetime(2019, 12, 30, 17, 6, tzinfo=UTC),
)
WHITLOCK_WORDS = replace(
    WHITLOCK_BID,
    statement_id=121,
    story_id=121,
    kind="statement",
    target=None,
    text="Sarah Whitlock told members the party had to win back the towns it lost in December.",
    report="Sarah Whitlock told members the party had to win back the towns it lost in December.",
    evidence="reported speech: Sarah Whitlock told members",
    said_at=datetime(2020, 1, 7, 8, 30, tzinfo=UTC),
    said_at_precision="published",
    url="https://www.courier.example/news/whitlock-towns",
    title="Win back the towns, says Whitlock",
    published_at=datetime(2020, 1, 7, 8, 30, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 7, 8, 34, tzinfo=UTC),
)
# The MP's own post saying the same, later: her words, so quoted.
WHITLOCK_OWN = replace(
    WHITLOCK_BID,
    statement_id=125,
    text="I am standing to be Labour's deputy leader.",
    report=None,
    evidence="the MP's own source",
    source="Sarah Whitlock (Bluesky)",
    source_kind="bluesky",
    own=True,
    url="https://bsky.app/profile/whitlock.example/post/1",
    title="I am standing to be Labour's deputy leader.",
    said_at=None,
    said_at_precision=None,
    published_at=datetime(2020, 1, 7, 10, 40, tzinfo=UTC),
    first_seen_at=datetime(2020, 1, 7, 10, 41, tzinfo=UTC),
    verbatim=True,
)
# What the reporters wrote: none of it may stand inside quotation marks.
REPORTERS_WORDS = (
    "has confirmed her candidacy",
    "will not be a candidate",
    "had to win back the towns",
)


def alert(*reports: Report, **changes: Any) -> Message:
    message = Message(
        outbox_id=7,
        key="0123456789abcdef0123456789abcdef",
        kind="alert",
        channel="email",
        recipient="politics-desk@example.org",
        subscription="Labour leadership",
        unsubscribe="watcher-admin@example.org",
        reports=reports,
        archive_url="https://watcher.example.org",
    )
    return replace(message, **changes)


MESSAGES: dict[str, Message] = {
    "alert_single": alert(DECLINED),
    "alert_grouped": alert(DECLINED, ENDORSES),
    "alert_reversal": alert(MORGAN_STANDS, earlier=(MORGAN_DECLINES,), key="b" * 32),
    "followup": alert(
        DECLINED,
        kind="followup",
        key="c" * 32,
        also=(BBC_SIGHTING, OWN_SIGHTING),
        reply_to_key="0123456789abcdef0123456789abcdef",
    ),
    "digest": alert(
        THORNBERRY,
        DECLINED,
        ENDORSES,
        replace(
            MORGAN_STANDS,
            said_at=datetime(2020, 1, 7, 10, 0, tzinfo=UTC),
            published_at=datetime(2020, 1, 7, 10, 15, tzinfo=UTC),
            first_seen_at=datetime(2020, 1, 7, 10, 20, tzinfo=UTC),
        ),
        kind="digest",
        key="d" * 32,
        subscription="Morning digest",
        also=(BBC_SIGHTING,),
    ),
    "alert_reported": alert(WHITLOCK_BID, earlier=(WHITLOCK_RULED_OUT,), key="1" * 32),
    "alert_reported_words": alert(WHITLOCK_WORDS, key="2" * 32),
    "followup_reported": alert(
        WHITLOCK_BID,
        kind="followup",
        key="3" * 32,
        also=(WHITLOCK_OWN,),
        reply_to_key="1" * 32,
    ),
    "digest_mixed": alert(
        WHITLOCK_WORDS,
        WHITLOCK_BID,
        replace(
            MORGAN_STANDS,
            said_at=datetime(2020, 1, 7, 10, 0, tzinfo=UTC),
            published_at=datetime(2020, 1, 7, 10, 15, tzinfo=UTC),
            first_seen_at=datetime(2020, 1, 7, 10, 20, tzinfo=UTC),
        ),
        kind="digest",
        key="4" * 32,
        subscription="Morning digest",
        also=(WHITLOCK_OWN,),
    ),
    "health": alert(
        kind="health",
        recipient="newsroom-it@example.org",
        key="e" * 32,
        subscription="admin",
        subject="Source failing: BBC News politics (6 hours)",
        body=(
            "The source “BBC News politics” has failed every poll for 6 hours.\n\n"
            "Last error: HTTP 503 from https://feeds.bbci.co.uk/news/politics/rss.xml\n"
            "Next attempt: 10:10\n\n"
            "`watcher sources` shows every source's state."
        ),
    ),
    "notice": alert(
        kind="notice",
        recipient="newsroom-it@example.org",
        key="f" * 32,
        subscription="admin",
        subject="1 alert given up after 24 hours",
        body=(
            "An alert to politics-desk@example.org could not be delivered for 24 hours and "
            "has been given up.\n\nLast error: 550 mailbox unavailable\n\n"
            "`watcher outbox retry 7` sends it again."
        ),
    ),
}
MESSAGES |= DEMO_ALERTS
SHORT_MESSAGES = {
    "short_alert": "alert_grouped",
    "short_alert_reported": "alert_reported",
    "short_alert_reported_words": "alert_reported_words",
    "short_followup": "followup",
    "short_digest": "digest",
    "short_digest_mixed": "digest_mixed",
    "short_health": "health",
}


def rendered(message: Message) -> EmailMessage:
    return reparsed(render_message(message, SENDER, LONDON, NOW))


def visible(html_text: str) -> str:
    return " ".join(BeautifulSoup(html_text, "html.parser").get_text(" ").split())


HEADERS = (
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "List-Id",
    "List-Unsubscribe",
    "X-Watcher-Message",
    "X-Watcher-MP",
    "X-Watcher-Kind",
)


def golden_text(message: EmailMessage) -> str:
    """The chosen headers (not the MIME boundary), then the plain part, then the HTML part."""
    # A long header is folded onto its next line, which leaves a space at the front when read.
    head = [f"{name}: {message[name].strip()}" for name in HEADERS if message[name] is not None]
    plain, rich = parts(message)
    return "\n".join([*head, "", "--- text/plain ---", plain, "--- text/html ---", rich])


def short_text(short: ShortMessage) -> str:
    return f"{short.title}\n\n{short.body}"


def check_golden(name: str, text: str, regen: bool) -> None:
    path = GOLDEN / f"{name}.txt"
    if regen:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


# --- golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_email_matches_its_golden_file(name: str, regen_golden: bool) -> None:
    check_golden(name, golden_text(rendered(MESSAGES[name])), regen_golden)


@pytest.mark.parametrize("name", sorted(SHORT_MESSAGES))
def test_short_form_matches_its_golden_file(name: str, regen_golden: bool) -> None:
    short = render_short(MESSAGES[SHORT_MESSAGES[name]], LONDON)
    check_golden(name, short_text(short), regen_golden)


def test_every_golden_file_has_a_message() -> None:
    names = {p.stem for p in GOLDEN.glob("*.txt")}
    assert names == set(MESSAGES) | set(SHORT_MESSAGES)


# --- every message: MIME, the same facts in both parts, headers -------------------------------


def plain_lines(plain: str) -> list[str]:
    """The plain part's lines as they read, without list bullets, rules and the '-- ' mark,
    and a link's line without its address: the HTML part shows the link's words alone."""
    lines = [" ".join(line.split()) for line in plain.splitlines()]
    lines = [re.sub(r"^- |: https?://\S+$", "", line) for line in lines]
    return [line for line in lines if line and set(line) != {"-"}]


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_plain_and_html_parts_say_the_same(name: str) -> None:
    plain, rich = parts(rendered(MESSAGES[name]))
    shown = visible(rich)
    for line in plain_lines(plain):
        assert line in shown
    links = [a["href"] for a in BeautifulSoup(rich, "html.parser").find_all("a")]
    if MESSAGES[name].kind in ("health", "notice"):
        assert links == []  # composed text: shown as written, links and all
        return
    assert links == re.findall(r"https?://\S+", plain)
    assert sorted(set(links)) == sorted(set(re.findall(r"https?://[^\s<\"]+", rich)))


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_date_message_id_and_addresses(name: str) -> None:
    message = rendered(MESSAGES[name])
    assert parsedate_to_datetime(message["Date"]) == NOW
    assert message["Message-ID"] == f"<{MESSAGES[name].key}@example.org>"
    assert message["From"] == SENDER
    assert message["To"] == MESSAGES[name].recipient
    assert message["X-Watcher-Message"] == MESSAGES[name].kind


def test_the_message_id_depends_on_the_key_not_the_time() -> None:
    later = reparsed(render_message(MESSAGES["alert_single"], SENDER, LONDON, NOW + timedelta(1)))
    assert later["Message-ID"] == rendered(MESSAGES["alert_single"])["Message-ID"]
    assert parsedate_to_datetime(later["Date"]) == NOW + timedelta(days=1)
    bare = render_message(MESSAGES["alert_single"], "alerts", LONDON, NOW)
    assert bare["Message-ID"] == "<0123456789abcdef0123456789abcdef@watcher.localhost>"


def test_list_unsubscribe_names_the_subscription() -> None:
    message = rendered(alert(DECLINED, subscription="Labour & Co: leadership/urgent"))
    assert message["List-Unsubscribe"] == (
        "<mailto:watcher-admin@example.org"
        "?subject=unsubscribe%20Labour%20%26%20Co%3A%20leadership%2Furgent>"
    )
    assert message["List-Id"] == "<labour-co-leadership-urgent.example.org>"
    plain, _ = parts(message)
    assert "email watcher-admin@example.org with the subject" in plain


def test_without_an_unsubscribe_address_there_is_no_list_unsubscribe() -> None:
    message = rendered(alert(DECLINED, unsubscribe=None))
    assert message["List-Unsubscribe"] is None
    assert "ask the watcher's administrator" in parts(message)[0]


ONE_CLICK_LINK = "https://watcher.example.org/unsubscribe?s=saved+alert+3&to=a%40b.org&t=abc"


@pytest.mark.parametrize("kind", ["alert", "digest"])
def test_the_footer_names_the_subscription_and_links_to_manage_and_leave_it(kind: str) -> None:
    message = rendered(
        alert(
            DECLINED,
            kind=kind,
            subscription="saved alert 3",
            subscription_title="Lavery <b>watch</b>",
            unsubscribe_url=ONE_CLICK_LINK,
            manage_url="https://watcher.example.org/alerts",
        )
    )
    assert message["List-Unsubscribe"] == (
        f"<{ONE_CLICK_LINK}>, "
        "<mailto:watcher-admin@example.org?subject=unsubscribe%20saved%20alert%203>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain, rich = parts(message)
    footer = plain.rpartition("-- \n")[2]
    assert "because of the watcher subscription “Lavery <b>watch</b>”" in footer
    assert "Manage your alerts: https://watcher.example.org/alerts" in footer
    assert f"Unsubscribe from “Lavery <b>watch</b>”: {ONE_CLICK_LINK}" in footer
    soup = BeautifulSoup(rich, "html.parser")
    assert soup.find("b") is None
    hrefs = {a["href"] for a in soup.find_all("a")}
    assert {ONE_CLICK_LINK, "https://watcher.example.org/alerts"} <= hrefs


def test_a_link_that_is_not_a_web_address_is_left_out() -> None:
    message = rendered(alert(DECLINED, unsubscribe_url="javascript:alert(1)", unsubscribe=None))
    assert message["List-Unsubscribe"] is None
    assert message["List-Unsubscribe-Post"] is None


def test_a_follow_up_threads_under_the_alert() -> None:
    original = rendered(MESSAGES["alert_single"])
    follow_up = rendered(MESSAGES["followup"])
    assert follow_up["In-Reply-To"] == original["Message-ID"]
    assert follow_up["References"] == original["Message-ID"]
    assert follow_up["Subject"] == "Re: " + original["Subject"]
    assert original["In-Reply-To"] is None
    plain, _ = parts(follow_up)
    assert "Also reported by BBC News" in plain
    assert "Also posted by the MP on his website" in plain


def test_a_follow_up_keeps_the_original_subject_when_given() -> None:
    original = message_subject(MESSAGES["alert_grouped"], LONDON)
    follow_up = replace(MESSAGES["followup"], subject=original)
    assert message_subject(follow_up, LONDON) == f"Re: {original}"


def test_render_message_is_pure() -> None:
    message = MESSAGES["digest"]
    first, second = rendered(message), rendered(message)
    assert [(k, v) for k, v in first.items() if k != "Content-Type"] == [
        (k, v) for k, v in second.items() if k != "Content-Type"
    ]
    assert parts(first) == parts(second)


# --- hostile text -----------------------------------------------------------------------------

MARKUP = "Read this <script>alert(1)</script> and <img src=x onerror=alert(1)> now"


@pytest.mark.parametrize("verbatim", [True, False])
@pytest.mark.parametrize("kind", ["alert", "followup", "digest"])
def test_markup_from_the_web_shows_as_text(kind: str, verbatim: bool) -> None:
    hostile = replace(
        DECLINED,
        verbatim=verbatim,
        text=MARKUP,
        title="<b>bold</b> <script>steal()</script>",
        source="<iframe src=evil>",
        mp="Ian <em>Lavery</em>",
        target="<img src=y onerror=alert(2)>",
    )
    message = rendered(alert(hostile, kind=kind, also=(hostile,), earlier=(hostile,)))
    plain, rich = parts(message)
    soup = BeautifulSoup(rich, "html.parser")
    assert soup.find_all(["script", "img", "iframe", "em", "b"]) == []
    for tag in ("<script", "<img", "<iframe", "<em", "<b>"):
        assert tag not in rich.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rich
    assert MARKUP in soup.get_text()
    assert MARKUP in plain


@pytest.mark.parametrize("kind", ["health", "notice"])
def test_composed_messages_are_escaped_too(kind: str) -> None:
    message = rendered(alert(kind=kind, subject="<b>x</b>", body=f"Error:\n{MARKUP}"))
    _, rich = parts(message)
    soup = BeautifulSoup(rich, "html.parser")
    assert soup.find_all(["script", "img", "b"]) == []
    assert MARKUP in soup.get_text()


def test_only_web_links_become_links() -> None:
    for url in ("javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,x"):
        message = rendered(alert(replace(DECLINED, url=url), archive_url="javascript:x"))
        plain, rich = parts(message)
        assert BeautifulSoup(rich, "html.parser").find_all("a") == []
        assert "javascript:" not in rich.lower()
        assert "data:" not in plain


def test_a_link_with_quotes_cannot_leave_its_attribute() -> None:
    url = "https://example.org/a'onmouseover='alert(1)\"x"
    _, rich = parts(rendered(alert(replace(DECLINED, url=url), archive_url=None)))
    (link,) = BeautifulSoup(rich, "html.parser").find_all("a")
    assert link["href"] == url
    assert set(link.attrs) == {"href", "style"}
    assert "alert" not in link["style"]


INJECTION = "Labour\r\nBcc: victim@example.net\r\nX-Evil: 1\n\nbody"


@pytest.mark.parametrize("kind", ["alert", "followup", "digest", "health", "notice"])
def test_line_breaks_in_web_text_cannot_add_headers(kind: str) -> None:
    hostile = replace(
        DECLINED,
        mp="Ian Lavery\r\nCc: x@example.net",
        party=INJECTION,
        title=INJECTION,
        source=INJECTION,
        target=INJECTION,
    )
    message = alert(
        hostile,
        kind=kind,
        subject=INJECTION,
        body=INJECTION,
        subscription=INJECTION,
        unsubscribe="admin@example.org\r\nX-Evil: 2",
        key="k\r\nX-Evil: 3",
        reply_to_key="r\nX-Evil: 4",
    )
    raw = render_message(message, SENDER, LONDON, NOW)
    head = raw.as_bytes().split(b"\n\n", 1)[0]
    for name in (b"Bcc", b"Cc", b"X-Evil"):
        assert b"\n" + name + b":" not in head
    parsed = reparsed(raw)
    assert set(parsed.keys()) <= {*HEADERS, "MIME-Version", "Content-Type"}
    for value in parsed.values():
        assert not re.search(r"[\x00-\x1f\x7f]", str(value))


def test_control_characters_do_not_reach_the_text() -> None:
    sneaky = replace(DECLINED, text="Vote\x00 for\x1b[31m me\u202e now", mp="Ian\x07 Lavery")
    plain, rich = parts(rendered(alert(sneaky)))
    for text in (plain, rich):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", text)
    assert "Ian Lavery" in plain


# --- quotation marks: only around the MP's own words ------------------------------------------

QUOTATION_MARKS = set('“”„‟"«»')


def shown_texts(message: Message) -> list[str]:
    """Every line a reader sees: the subject, the plain part, each HTML paragraph, the chat form."""
    email = rendered(message)
    plain, rich = parts(email)
    soup = BeautifulSoup(rich, "html.parser")
    blocks = [e.get_text(" ") for e in soup.find_all(["title", "h1", "h2", "p", "li"])]
    short = short_text(render_short(message, LONDON))
    return [
        line for text in (email["Subject"], plain, *blocks, short) for line in text.splitlines()
    ]


@pytest.mark.parametrize(
    "name", ["alert_reported", "alert_reported_words", "followup_reported", "digest_mixed"]
)
def test_a_reporters_words_are_never_in_quotation_marks(name: str) -> None:
    message = MESSAGES[name]
    seen = [line for line in shown_texts(message) if any(w in line for w in REPORTERS_WORDS)]
    assert seen
    for line in seen:
        assert not QUOTATION_MARKS & set(line), line
    _, rich = parts(rendered(message))
    for quote in BeautifulSoup(rich, "html.parser").find_all(["blockquote", "q"]):
        assert not any(w in quote.get_text() for w in REPORTERS_WORDS), quote


def test_the_same_statement_is_quoted_only_when_the_words_are_the_mps_own() -> None:
    words = "I have decided to stand for the deputy leadership."
    own_words = replace(WHITLOCK_BID, text=words, verbatim=True, report=f"She said: {words}")
    plain, rich = parts(rendered(alert(own_words)))
    assert f"“{words}”" in plain.splitlines()
    (quote,) = BeautifulSoup(rich, "html.parser").find_all("blockquote")
    assert quote.get_text(strip=True) == f"“{words}”"
    assert f"“{words}”" in render_short(alert(own_words), LONDON).body.splitlines()

    plain, rich = parts(rendered(alert(WHITLOCK_BID)))
    shown = f"Reported by The Courier: {WHITLOCK_REPORT}"
    assert shown in plain.splitlines()
    assert shown in [p.get_text() for p in BeautifulSoup(rich, "html.parser").find_all("p")]
    assert "<blockquote" not in rich
    assert shown in render_short(alert(WHITLOCK_BID), LONDON).body.splitlines()
    # the attribution still says who, where and when
    assert "Sarah Whitlock, Labour MP for Dunmere and Fold, said on Monday 6 January 2020" in plain


def test_earlier_statements_are_quoted_only_when_the_words_are_the_mps_own() -> None:
    plain, _ = parts(rendered(alert(WHITLOCK_BID, earlier=(WHITLOCK_RULED_OUT,))))
    assert (
        "- On Monday 30 December 2019 Sarah Whitlock ruled out a Labour deputy leadership bid, "
        "reported by Dunmere Gazette: Sarah Whitlock has said she will not be a candidate"
    ) in plain
    quoted = replace(WHITLOCK_RULED_OUT, verbatim=True, text="I will not be a candidate.")
    plain, _ = parts(rendered(alert(WHITLOCK_BID, earlier=(quoted,))))
    assert "deputy leadership bid: “I will not be a candidate.” (Dunmere Gazette)" in plain


def test_subject_of_reported_words_gives_them_as_reported() -> None:
    subject = message_subject(alert(WHITLOCK_WORDS), LONDON)
    assert subject.startswith("Sarah Whitlock, reported by The Courier: Sarah Whitlock told")
    assert not QUOTATION_MARKS & set(subject)
    # an event's subject says what happened, whoever's words told it
    assert message_subject(alert(WHITLOCK_BID), LONDON) == (
        "Sarah Whitlock announces bid for Labour deputy leadership"
    )


# --- subjects ---------------------------------------------------------------------------------


def kind_of(kind: Kind, target: str | None, **changes: Any) -> Report:
    return replace(DECLINED, kind=kind, target=target, **changes)


@pytest.mark.parametrize(
    ("kind", "target", "expected"),
    [
        ("leadership_bid", "leader", "Ian Lavery announces bid for Labour leadership"),
        ("leadership_bid", None, "Ian Lavery announces bid for Labour leadership"),
        (
            "leadership_bid",
            "deputy leader",
            "Ian Lavery announces bid for Labour deputy leadership",
        ),
        ("leadership_bid", "Labour leader", "Ian Lavery announces bid for Labour leadership"),
        ("leadership_declined", "leader", "Ian Lavery rules out Labour leadership bid"),
        (
            "leadership_declined",
            "deputy leader",
            "Ian Lavery rules out Labour deputy leadership bid",
        ),
        ("leadership_declined", "mayor of London", "Ian Lavery rules out bid for mayor of London"),
        ("endorsement", "Rebecca Long Bailey", "Ian Lavery backs Rebecca Long Bailey"),
        ("endorsement", None, "Ian Lavery backs a candidate"),
        ("resignation", "shadow chancellor", "Ian Lavery resigns as shadow chancellor"),
        ("resignation", "the whip", "Ian Lavery resigns the whip"),
        ("resignation", "shadow cabinet", "Ian Lavery resigns from the shadow cabinet"),
        ("resignation", "the party", "Ian Lavery resigns from the party"),
        ("resignation", None, "Ian Lavery resigns"),
        ("defection", "Conservative", "Ian Lavery defects to the Conservatives"),
        ("defection", "Reform UK", "Ian Lavery defects to Reform UK"),
        ("defection", "Independent", "Ian Lavery quits party to sit as independent"),
        ("defection", None, "Ian Lavery defects"),
    ],
)
def test_subject_says_what_happened(kind: Kind, target: str | None, expected: str) -> None:
    assert message_subject(alert(kind_of(kind, target)), LONDON) == expected


def test_subject_without_a_party_names_the_leadership_alone() -> None:
    report = kind_of("leadership_bid", None, party=None)
    assert headline([report]) == "Ian Lavery announces bid for leadership"


def test_subject_of_plain_words_quotes_their_start() -> None:
    report = kind_of("statement", None, text="The party must listen to its members. " * 10)
    subject = message_subject(alert(report), LONDON)
    assert subject.startswith("Ian Lavery: “The party must listen to its members. The party")
    assert subject.endswith("…”")
    assert len(subject) <= 80


def test_subject_joins_one_mps_statements_and_separates_mps() -> None:
    assert message_subject(MESSAGES["alert_grouped"], LONDON) == (
        "Ian Lavery rules out Labour leadership bid, backs Rebecca Long Bailey"
    )
    words = kind_of("statement", None)
    assert headline([DECLINED, words, ENDORSES]) == (
        "Ian Lavery rules out Labour leadership bid, backs Rebecca Long Bailey"
    )
    assert headline([DECLINED, MORGAN_STANDS]) == (
        "Ian Lavery rules out Labour leadership bid; "
        "Alex Morgan announces bid for Labour leadership"
    )


def test_subjects_stay_short_and_on_one_line() -> None:
    long_name = replace(DECLINED, mp="Sir " + "Very Long Name " * 20, target="x\n" * 100)
    subject = message_subject(alert(long_name, ENDORSES, MORGAN_STANDS), LONDON)
    assert len(subject) <= 150
    assert "\n" not in subject


def test_digest_subject_counts_statements_and_mps_and_gives_the_span() -> None:
    assert message_subject(MESSAGES["digest"], LONDON) == (
        "Watcher digest: 4 statements from 3 MPs, 08:03–10:20 GMT on Tuesday 7 January 2020"
    )
    one = alert(DECLINED, kind="digest")
    assert message_subject(one, LONDON) == (
        "Watcher digest: 1 statement from 1 MP, at 09:32 GMT on Tuesday 7 January 2020"
    )
    across = alert(MORGAN_DECLINES, DECLINED, kind="digest")
    assert message_subject(across, LONDON) == (
        "Watcher digest: 2 statements from 2 MPs, from 18:04 GMT on Saturday 28 December 2019"
        " to 09:32 GMT on Tuesday 7 January 2020"
    )
    assert message_subject(alert(kind="digest"), LONDON) == "Watcher digest: no new statements"


# --- attribution ------------------------------------------------------------------------------

WHO = "Ian Lavery, Labour MP for Blyth and Ashington,"


@pytest.mark.parametrize(
    ("precision", "said"),
    [
        ("minute", "posted on Facebook at 23:10 GMT on Monday 6 January 2020"),
        ("hour", "posted on Facebook at about 23:00 GMT on Monday 6 January 2020"),
        ("day", "posted on Facebook on Monday 6 January 2020"),
        ("month", "posted on Facebook in January 2020"),
        ("year", "posted on Facebook in 2020"),
        (
            "published",
            "posted on Facebook, as reported by Labour Heartlands"
            " in a report published at 09:30 GMT on Tuesday 7 January 2020",
        ),
        (
            None,
            "posted on Facebook, as reported by Labour Heartlands"
            " in a report published at 09:30 GMT on Tuesday 7 January 2020",
        ),
    ],
)
def test_attribution_by_precision(precision: Any, said: str) -> None:
    line = attribution(replace(DECLINED, said_at_precision=precision), LONDON)
    assert line == f"{WHO} {said}"


def test_attribution_in_summer_uses_local_time() -> None:
    summer = replace(DECLINED, said_at=datetime(2024, 6, 3, 8, 5, tzinfo=UTC))
    assert attribution(summer, LONDON).endswith("at 09:05 BST on Monday 3 June 2024")


@pytest.mark.parametrize(
    ("source_kind", "verb"),
    [
        ("bluesky", "wrote on his Bluesky in a post"),
        ("mastodon", "wrote on his Mastodon in a post"),
        ("youtube", "said on his YouTube channel in a video"),
        ("feed", "wrote on his website in a post"),
        ("page", "wrote on his website in a post"),
    ],
)
def test_attribution_of_the_mps_own_posts(source_kind: Any, verb: str) -> None:
    """An own post is dated by its publication, and the line says that is what the time is."""
    own = replace(OWN_SIGHTING, source_kind=source_kind)
    published = "published at 10:30 GMT on Tuesday 7 January 2020"
    assert attribution(own, LONDON) == f"{WHO} {verb} {published}"
    dated = replace(own, said_at=datetime(2020, 1, 7, 10, 0, tzinfo=UTC), said_at_precision="day")
    assert (
        attribution(dated, LONDON)
        == f"{WHO} {verb.rsplit(' in a ', 1)[0]} on Tuesday 7 January 2020"
    )


@pytest.mark.parametrize(
    ("evidence", "where"),
    [
        ("quote: Lavery told the BBC on Monday", "told the BBC"),
        ("quote: speaking to Sky News, Lavery said", "told Sky News"),
        ("quote: Lavery said in a statement", "said in a statement"),
        ("quote: Lavery wrote on X", "posted on X"),
        ("quote: in a post on Instagram, Lavery said", "posted on Instagram"),
        ("quote: Lavery said in a video posted on YouTube", "said in a YouTube video"),
        ("quote: Lavery said", "said"),
        ("quote: Lavery said on Monday", "said"),
        ("not standing: I said on Facebook last week that I would not stand", "said"),
        ("quote: Lavery, who told the sun to shine,", "said"),
        ("quote: Lavery said on xylophone day", "said"),
    ],
)
def test_attribution_names_the_platform_only_when_the_report_does(
    evidence: str, where: str
) -> None:
    line = attribution(replace(DECLINED, evidence=evidence), LONDON)
    assert line.startswith(f"{WHO} {where} at 23:10")


def test_attribution_without_a_platform_says_who_reported_it() -> None:
    plain = replace(DECLINED, evidence="quote: Lavery said")
    assert attribution(plain, LONDON) == (
        f"{WHO} said at 23:10 GMT on Monday 6 January 2020, as reported by Labour Heartlands"
    )
    undated = replace(plain, said_at=None, said_at_precision=None, published_at=None)
    assert attribution(undated, LONDON) == f"{WHO} said, as reported by Labour Heartlands"


@pytest.mark.parametrize(
    ("party", "constituency", "who"),
    [
        (None, None, "Ian Lavery MP posted"),
        ("Labour", None, "Ian Lavery, Labour MP, posted"),
        (None, "Blyth and Ashington", "Ian Lavery, MP for Blyth and Ashington, posted"),
    ],
)
def test_attribution_with_missing_details(
    party: str | None, constituency: str | None, who: str
) -> None:
    line = attribution(replace(DECLINED, party=party, constituency=constituency), LONDON)
    assert line.startswith(who)


# --- first seen, earlier statements, archive links --------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (datetime(2020, 1, 7, 9, 30, tzinfo=UTC), "2 minutes after publication."),
        (datetime(2020, 1, 7, 9, 31, 50, tzinfo=UTC), "less than a minute after publication."),
        (datetime(2020, 1, 7, 7, 2, tzinfo=UTC), "2 hours 30 minutes after publication."),
        (datetime(2020, 1, 4, 9, 32, tzinfo=UTC), "3 days after publication."),
        (None, "; the source gives no publication time."),
        (
            datetime(2020, 1, 7, 9, 45, tzinfo=UTC),
            ", before the publication time the source gives"
            " (at 09:45 GMT on Tuesday 7 January 2020).",
        ),
    ],
)
def test_first_seen_and_how_long_after_publication(
    published: datetime | None, expected: str
) -> None:
    plain, _ = parts(rendered(alert(replace(DECLINED, published_at=published))))
    (line,) = [line for line in plain.splitlines() if line.startswith("First seen")]
    assert line.startswith("First seen at 09:32 GMT on Tuesday 7 January 2020")
    assert line.endswith(expected)


def test_a_reversal_is_said_plainly_before_the_words() -> None:
    plain, rich = parts(rendered(MESSAGES["alert_reversal"]))
    reversal = (
        "Reversal: on Saturday 28 December 2019 Alex Morgan ruled out a Labour leadership bid."
    )
    assert reversal in plain
    assert plain.index(reversal) < plain.index("“After talking to members")
    assert reversal in visible(rich)
    assert " he " not in plain
    assert " she " not in plain


def test_endorsing_someone_else_is_a_reversal() -> None:
    earlier = replace(ENDORSES, statement_id=3, target="Keir Starmer", said_at_precision="day")
    plain, _ = parts(rendered(alert(ENDORSES, earlier=(earlier,))))
    assert "Reversal: on Monday 6 January 2020 Ian Lavery backed Keir Starmer." in plain
    same = replace(earlier, target="Rebecca Long Bailey")
    plain, _ = parts(rendered(alert(ENDORSES, earlier=(same,))))
    assert "Reversal" not in plain
    assert "Earlier statements" in plain


def test_earlier_statements_come_newest_first() -> None:
    older = replace(MORGAN_DECLINES, statement_id=5, said_at=datetime(2019, 12, 20, tzinfo=UTC))
    plain, _ = parts(rendered(alert(MORGAN_STANDS, earlier=(older, MORGAN_DECLINES))))
    items = [line for line in plain.splitlines() if line.startswith("- On ")]
    assert len(items) == 2
    assert items[0].startswith("- On Saturday 28 December 2019 Alex Morgan ruled out")
    assert items[1].startswith("- On Friday 20 December 2019 Alex Morgan ruled out")


def test_standing_for_deputy_after_ruling_out_leader_is_no_reversal() -> None:
    deputy = replace(MORGAN_STANDS, target="deputy leader")
    plain, _ = parts(rendered(alert(deputy, earlier=(MORGAN_DECLINES,))))
    assert "Reversal" not in plain
    assert "Alex Morgan ruled out a Labour leadership bid" in plain


def test_short_quotes_keep_the_sentences_the_statements_were_found_in() -> None:
    short = render_short(MESSAGES["alert_grouped"], LONDON)
    assert (
        "“… While I am honoured, I will not be standing in the leadership contest. With this in "
        "mind I will be throwing my full support behind Rebecca Long Bailey as the best person "
        "to lead our party. …”"
    ) in short.body
    unexplained = replace(DECLINED, evidence="")
    short = render_short(alert(unexplained), LONDON)
    assert "“Over the last couple of weeks" in short.body
    assert "honoured, I will not be standing in the leadership contest. …”" in short.body


def test_a_very_long_post_is_cut_between_sentences() -> None:
    sentence = "We must rebuild trust in the towns we lost, one conversation at a time. "
    article = "\n\n".join(sentence * 5 for _ in range(20))
    plain, _ = parts(rendered(alert(replace(OWN_SIGHTING, text=article))))
    quoted = [line for line in plain.splitlines() if line.startswith("“")]
    assert 5 < len(quoted) < 20
    assert quoted[-1].endswith("time. …”")
    assert sum(len(line) for line in quoted) < 3200


def test_archive_links_only_when_a_base_url_is_set() -> None:
    plain, _ = parts(rendered(MESSAGES["alert_grouped"]))
    assert "https://watcher.example.org/statements/41" in plain
    assert "https://watcher.example.org/statements/42" in plain
    plain, _ = parts(rendered(alert(DECLINED, archive_url=None)))
    assert "/statements/" not in plain


def test_a_grouped_alert_shows_the_shared_words_once() -> None:
    plain, _ = parts(rendered(MESSAGES["alert_grouped"]))
    assert plain.count("While I am honoured") == 1


def test_digest_groups_by_mp_and_attaches_later_sightings() -> None:
    plain, _ = parts(rendered(MESSAGES["digest"]))
    order = [plain.index(name) for name in ("Emily Thornberry", "Ian Lavery", "Alex Morgan")]
    assert order == sorted(order)
    assert plain.count("Also reported by BBC News") == 1
    assert plain.index("Also reported by BBC News") > plain.index("Ian Lavery rules out")


# --- short form -------------------------------------------------------------------------------


def test_short_form_is_plain_and_short() -> None:
    short = render_short(MESSAGES["alert_grouped"], LONDON)
    assert short.title == message_subject(MESSAGES["alert_grouped"], LONDON)
    assert "<" not in short.body
    assert len(short.body) < 700
    assert WHO in short.body
    assert f"\n{DECLINED.url}" in short.body


def test_short_digest_has_one_line_per_story() -> None:
    short = render_short(MESSAGES["digest"], LONDON)
    assert len(short.body.strip().splitlines()) == 3
    assert short.title.startswith("Watcher digest: 4 statements")


# --- times: their zone beside them, to the precision the text gave ----------------------------

CLOCK_WITHOUT_ZONE = re.compile(r"\b\d\d:\d\d\b(?! (?:GMT|BST))(?!–)")


@pytest.mark.parametrize("name", sorted(set(MESSAGES) - {"health", "notice"}))
def test_every_time_shown_carries_its_zone(name: str) -> None:
    email = rendered(MESSAGES[name])
    plain, rich = parts(email)
    for text in (email["Subject"], plain, visible(rich)):
        assert CLOCK_WITHOUT_ZONE.findall(text) == [], text


def test_a_time_in_summer_carries_bst() -> None:
    summer = replace(DECLINED, first_seen_at=datetime(2024, 6, 3, 8, 5, tzinfo=UTC))
    plain, _ = parts(rendered(alert(summer)))
    assert "First seen at 09:05 BST on Monday 3 June 2024" in plain


def test_a_day_known_only_to_the_day_is_not_shown_as_midnight() -> None:
    whitlock = DEMO_ALERTS["alert_two_mps"].reports[1]
    assert whitlock.said_at_precision == "day"
    assert whitlock.said_at is not None
    assert whitlock.said_at.astimezone(LONDON).hour == 0
    plain, rich = parts(rendered(alert(whitlock)))
    assert (
        "Sarah Whitlock, Labour MP for Dunmere and Fold, said on Friday 4 December 2026," in plain
    )
    for text in (plain, visible(rich)):
        assert "00:00" not in text


def test_without_a_time_in_the_text_the_publication_time_is_called_that() -> None:
    plain, _ = parts(rendered(DEMO_ALERTS["alert_two_mps"]))
    assert (
        "Daniel Okafor, Labour MP for Eastbridge, said, as reported by The Westminster Courier"
        " in a report published at 15:45 GMT on Friday 4 December 2026"
    ) in plain
    plain, _ = parts(rendered(DEMO_ALERTS["alert_own_post"]))
    assert "wrote on her Bluesky in a post published at 09:05 GMT on Saturday" in plain


# --- the HTML part: links as words, a layout for mail clients ---------------------------------

LINK_WORDS = re.compile(r"(Read (on|in) .+|Watch on YouTube|Open in the archive( \(.+\))?)")


@pytest.mark.parametrize("name", sorted(set(MESSAGES) - {"health", "notice"}))
def test_links_show_words_not_addresses(name: str) -> None:
    _, rich = parts(rendered(MESSAGES[name]))
    links = BeautifulSoup(rich, "html.parser").find_all("a")
    assert links
    for link in links:
        assert LINK_WORDS.fullmatch(link.get_text()), link
        assert str(link["href"]).startswith(("https://", "http://"))
        assert "://" not in link.get_text()


def test_the_links_name_where_they_lead() -> None:
    def words(message: Message) -> list[str]:
        soup = BeautifulSoup(parts(rendered(message))[1], "html.parser")
        return [a.get_text() for a in soup.find_all("a")]

    assert (
        words(DEMO_ALERTS["alert_two_mps"])
        == [
            "Read in The Westminster Courier",
            "Open in the archive",
        ]
        * 2
    )
    assert words(DEMO_ALERTS["alert_own_post"])[0] == "Read on Bluesky"
    youtube = replace(OWN_SIGHTING, source_kind="youtube", url="https://www.youtube.com/watch?v=x")
    assert words(alert(youtube, archive_url=None)) == ["Watch on YouTube"]
    assert words(alert(OWN_SIGHTING, archive_url=None)) == ["Read on his website"]


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_html_part_needs_nothing_from_outside(name: str) -> None:
    """Inline styles only and no external resource: mail clients drop <style> and block
    remote images, fonts and stylesheets (and a remote resource would tell who opened it)."""
    _, rich = parts(rendered(MESSAGES[name]))
    soup = BeautifulSoup(rich, "html.parser")
    assert soup.find_all(["style", "link", "img", "script", "iframe", "object", "font"]) == []
    for element in soup.find_all(True):
        assert not {"src", "background", "srcset", "class"} & set(element.attrs), element.name
        assert "url(" not in str(element.get("style", ""))
    assert "@import" not in rich
    assert soup.find("table", attrs={"role": "presentation"}) is not None


# --- where an MP's own words were, and whose -------------------------------------------------


BSKY_POST = "https://bsky.app/profile/a.example/post/1"
DEMO_POST = "http://127.0.0.1:8000/profile/a.bsky.social/post/3kx"  # the demo's Bluesky


@pytest.mark.parametrize(
    ("source_kind", "url", "mp", "verb"),
    [
        ("bluesky", BSKY_POST, "Helen Carrow", "wrote on her Bluesky"),
        ("feed", BSKY_POST, "Helen Carrow", "wrote on her Bluesky"),
        ("feed", DEMO_POST, "Daniel Okafor", "wrote on his Bluesky"),
        ("mastodon", "https://mastodon.social/@a/1", "Kemi Badenoch", "wrote on her Mastodon"),
        ("feed", "https://mastodon.social/@a/11223344", "Keir Starmer", "wrote on his Mastodon"),
        (
            "youtube",
            "https://www.youtube.com/watch?v=x",
            "Ian Lavery",
            "said on his YouTube channel",
        ),
        ("feed", "https://x.com/someone/status/1", "Helen Carrow", "wrote on her X"),
        ("feed", "https://twitter.com/someone/status/1", "Helen Carrow", "wrote on her X"),
        ("feed", "https://www.ianlavery.example/news/1", "Ian Lavery", "wrote on his website"),
        ("page", "https://alexbaker.example/", "Alex Baker", "wrote on their website"),
        ("feed", "http://[not an address", "Alex Baker", "wrote on their website"),
    ],
)
def test_own_words_name_the_platform_and_the_mps_pronoun(
    source_kind: Any, url: str, mp: str, verb: str
) -> None:
    own = replace(OWN_SIGHTING, source_kind=source_kind, url=url, mp=mp)
    own = replace(own, party=None, constituency=None)
    assert attribution(own, LONDON).startswith(f"{mp} MP {verb} in a ")


def test_a_later_own_post_is_named_by_its_platform_and_pronoun() -> None:
    reported = replace(CARROW_RULES_OUT, statement_id=90, own=False, source="The Courier")
    plain, _ = parts(rendered(alert(reported, kind="followup", also=(CARROW_RULES_OUT,))))
    assert "- Also posted by the MP on her Bluesky" in plain
    assert "Read on Bluesky: https://bsky.app/profile/" in plain


# --- the outlet, not the feed's title ---------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "url", "shown"),
    [
        ("The Westminster Courier: Politics", None, "The Westminster Courier"),
        ("Northern Post - Politics", None, "Northern Post"),
        ("The Courier | UK politics", None, "The Courier"),
        ("The Courier — Westminster", None, "The Courier"),
        ("BBC News", None, "BBC News"),
        ("Ribeiro-Addy Watch", None, "Ribeiro-Addy Watch"),
        ("feeds.bbci.co.uk/news/politics/rss.xml", "https://www.bbc.co.uk/news/1", "bbc.co.uk"),
        ("labourheartlands.com/feed", None, "labourheartlands.com"),
    ],
)
def test_reports_name_the_outlet(source: str, url: str | None, shown: str) -> None:
    report = replace(WHITLOCK_BID, source=source, url=url)
    plain, _ = parts(rendered(alert(report)))
    assert f"Reported by {shown}: Sarah Whitlock" in plain
    assert f"as reported by {shown}" in attribution(report, LONDON)
    assert f"Source: {shown}, “" in plain


# --- subjects: short, the most important first ------------------------------------------------


def test_a_subject_for_two_mps_stays_under_80_characters() -> None:
    """Two bids in one report ran to 115 characters; the second MP is named, not told."""
    message = DEMO_ALERTS["alert_two_mps"]
    assert len(headline(message.reports)) > 100  # the body's headings keep every word
    subject = message_subject(message, LONDON)
    assert (
        subject
        == "Daniel Okafor announces bid for Labour deputy leadership; so does Sarah Whitlock"
    )
    assert len(subject) <= SUBJECT_LIMIT


def test_the_subject_puts_the_most_important_news_first() -> None:
    words = replace(THORNBERRY, text="The party must listen to its members. " * 3)
    resigns = kind_of("resignation", "shadow chancellor", mp="Alex Morgan", party="Labour")
    subject = message_subject(alert(words, ENDORSES, resigns), LONDON)
    assert subject.startswith("Alex Morgan resigns as shadow chancellor; also ")
    assert len(subject) <= SUBJECT_LIMIT
    assert message_subject(alert(words, ENDORSES), LONDON) == (
        "Ian Lavery backs Rebecca Long Bailey; also Emily Thornberry"
    )


def test_a_subject_with_many_mps_counts_the_others() -> None:
    bids = [
        replace(MORGAN_STANDS, statement_id=n, story_id=n, mp=f"Member Number {n} With A Long Name")
        for n in range(5)
    ]
    subject = message_subject(alert(*bids), LONDON)
    assert subject.endswith("; so do 4 other MPs")
    assert len(subject) <= SUBJECT_LIMIT


def test_one_mps_many_events_fit_the_subject() -> None:
    resigns = kind_of("resignation", "shadow secretary of state for levelling up, housing")
    defects = kind_of("defection", "Liberal Democrat")
    subject = message_subject(alert(ENDORSES, resigns, defects, DECLINED), LONDON)
    assert subject.startswith("Ian Lavery resigns as shadow secretary")
    assert len(subject) <= SUBJECT_LIMIT
