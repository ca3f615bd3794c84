"""Emails and chat posts, composed from records. Pure: no I/O, no clock of its own."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from itertools import groupby
from typing import Literal
from urllib.parse import quote
from zoneinfo import ZoneInfo

from watcher.models import Alert, Kind, Message, MessageKind, Report
from watcher.timefmt import local_text

KIND_LABELS: dict[Kind, str] = {
    "leadership_bid": "is standing for leader",
    "leadership_declined": "is not standing for leader",
    "endorsement": "endorses",
    "resignation": "resigns",
    "defection": "defects",
    "statement": "statement",
}


# Control characters, and the invisible marks that reorder text, which can disguise a subject.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]+")


def one_line(text: str, limit: int) -> str:
    """Web text made safe for a header or a single line: no breaks, no control characters."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def mail_domain(sender: str) -> str:
    _, at, domain = parseaddr(sender)[1].rpartition("@")
    return domain if at and domain else "watcher.localhost"


def describe_mp(alert: Alert) -> str:
    details = ", ".join(p for p in (alert.party, alert.constituency) if p)
    return f"{alert.mp} ({details})" if details else alert.mp


def subject_for(alert: Alert) -> str:
    action = KIND_LABELS[alert.kind]
    if alert.kind == "statement":
        return one_line(f"{alert.mp}: “{one_line(alert.text, 90)}”", 140)
    target = f" {alert.target}" if alert.target else ""
    return one_line(f"{alert.mp} {action}{target}", 140)


def _facts(alert: Alert, zone: ZoneInfo) -> list[tuple[str, str]]:
    facts = [
        ("Kind", alert.kind + (f" ({alert.target})" if alert.target else "")),
        ("Said", local_text(alert.said_at, zone) or "not stated"),
        ("Published", local_text(alert.published_at, zone) or "not stated"),
        ("First seen", local_text(alert.first_seen_at, zone)),
        ("Source", one_line(alert.source, 200)),
    ]
    if alert.title:
        facts.append(("Title", one_line(alert.title, 300)))
    return facts


def _safe_link(url: str | None) -> str | None:
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return one_line(url, 2000)
    return None


def render_alert(alert: Alert, sender: str, zone: ZoneInfo, now: datetime) -> EmailMessage:
    """The alert email, plain text and HTML saying the same thing. Pure."""
    message = EmailMessage()
    message["Subject"] = subject_for(alert)
    message["From"] = sender
    message["To"] = alert.recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<{alert.message_key}@{mail_domain(sender)}>"
    message["X-Watcher-MP"] = one_line(alert.mp, 120)
    message["X-Watcher-Kind"] = alert.kind
    message.set_content(_plain(alert, zone))
    message.add_alternative(_html(alert, zone), subtype="html")
    return message


def _plain(alert: Alert, zone: ZoneInfo) -> str:
    lines = [describe_mp(alert), "", f"“{alert.text}”", ""]
    lines += [f"{label + ':':<12}{value}" for label, value in _facts(alert, zone)]
    link = _safe_link(alert.url)
    if link:
        lines.append(f"{'Link:':<12}{link}")
    lines += ["", "-- ", "Sent by the watcher."]
    return "\n".join(lines) + "\n"


def _html(alert: Alert, zone: ZoneInfo) -> str:
    e = html.escape
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in alert.text.split("\n\n") if p.strip())
    rows = "".join(
        f"<tr><th align='left'>{e(label)}</th><td>{e(value)}</td></tr>"
        for label, value in _facts(alert, zone)
    )
    link = _safe_link(alert.url)
    if link:
        rows += f"<tr><th align='left'>Link</th><td><a href='{e(link)}'>{e(link)}</a></td></tr>"
    return (
        "<!doctype html><html><body>"
        f"<h2>{e(describe_mp(alert))}</h2>"
        f"<blockquote>{paragraphs}</blockquote>"
        f"<table>{rows}</table>"
        "<p><small>Sent by the watcher.</small></p>"
        "</body></html>\n"
    )


def render_test_message(sender: str, recipient: str, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "Watcher test message"
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<test-{int(now.timestamp())}@{mail_domain(sender)}>"
    message.set_content("This is a test message from the watcher. Alerts will look like this.\n")
    message.add_alternative("<p>This is a test message from the watcher.</p>\n", subtype="html")
    return message


# --- Messages: alerts, follow-ups, digests, health warnings and notices -----------------------
#
# Every message is first laid out as blocks of lines; the plain-text and HTML parts are both
# drawn from the same blocks, so they cannot say different things.


@dataclass(frozen=True)
class ShortMessage:
    """A chat post (Slack, Teams, Matrix, a webhook): plain text, no markup."""

    title: str
    body: str


@dataclass(frozen=True)
class _Link:
    url: str  # http(s) only: see _safe_link


_Span = str | _Link
_Line = tuple[_Span, ...]
_Style = Literal["heading", "subheading", "quote", "lines", "item", "rule", "footer"]


@dataclass(frozen=True)
class _Block:
    style: _Style
    lines: tuple[_Line, ...] = ()


def _block(style: _Style, *lines: _Line | str | None) -> _Block:
    """A block of the given lines; a bare string is a line of text, None is left out."""
    kept = tuple((line,) if isinstance(line, str) else line for line in lines if line)
    return _Block(style, kept)


def render_message(message: Message, sender: str, zone: ZoneInfo, now: datetime) -> EmailMessage:
    """The email for one outbox message, plain text and HTML saying the same thing. Pure."""
    subject = message_subject(message, zone)
    blocks = _BODIES[message.kind](message, zone) + _footer(message, zone)
    email = EmailMessage()
    email["Subject"] = subject
    email["From"] = sender
    email["To"] = one_line(message.recipient, 500)
    email["Date"] = format_datetime(now)
    domain = mail_domain(sender)
    email["Message-ID"] = f"<{one_line(message.key, 200)}@{domain}>"
    if message.kind == "followup" and message.reply_to_key:
        original = f"<{one_line(message.reply_to_key, 200)}@{domain}>"
        email["In-Reply-To"] = original
        email["References"] = original
    _list_headers(email, message, domain)
    _watcher_headers(email, message)
    email.set_content(_plain_text(blocks))
    email.add_alternative(_html_document(subject, blocks), subtype="html")
    return email


def _list_headers(email: EmailMessage, message: Message, domain: str) -> None:
    slug = re.sub(r"[^a-z0-9]+", "-", message.subscription.casefold()).strip("-")[:60]
    email["List-Id"] = f"<{slug or 'watcher'}.{domain}>"
    address = _unsubscribe_address(message)
    if address:
        to = quote(address, safe="@.+-_~")
        name = quote(one_line(message.subscription, 200), safe="")
        email["List-Unsubscribe"] = f"<mailto:{to}?subject=unsubscribe%20{name}>"


def _unsubscribe_address(message: Message) -> str | None:
    address = parseaddr(one_line(message.unsubscribe or "", 320))[1]
    return address if "@" in address else None


def _watcher_headers(email: EmailMessage, message: Message) -> None:
    """Headers a desk's mail rules can sort on."""
    email["X-Watcher-Message"] = message.kind
    mps = _unique(r.mp for r in message.reports)
    if mps:
        email["X-Watcher-MP"] = one_line(", ".join(mps), 200)
    if message.kind in ("alert", "followup"):
        email["X-Watcher-Kind"] = ", ".join(_unique(r.kind for r in message.reports))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def render_short(message: Message, zone: ZoneInfo) -> ShortMessage:
    """The same message for a chat channel: a title and a few plain lines."""
    body = _SHORT_BODIES[message.kind](message, zone)
    title = message_subject(message, zone)
    if message.kind == "followup":  # a chat channel has no thread to reply in
        title = one_line(f"Follow-up: {headline(message.reports)}", 150)
    return ShortMessage(title, body.strip() + "\n")


# --- Subjects and headlines -------------------------------------------------------------------


def message_subject(message: Message, zone: ZoneInfo) -> str:
    """One line saying what happened."""
    if message.kind == "digest":
        return one_line(_digest_title(message.reports, zone), 150)
    if message.kind in ("health", "notice"):
        fallback = "Watcher health warning" if message.kind == "health" else "Watcher notice"
        return one_line(message.subject or fallback, 150)
    if message.kind == "followup" and message.subject:
        return one_line(f"Re: {message.subject}", 150)  # the original alert's subject, kept
    subject = headline(message.reports) or "Watcher alert"
    return one_line(("Re: " if message.kind == "followup" else "") + subject, 150)


def headline(reports: Sequence[Report]) -> str:
    """'Ian Lavery rules out Labour leadership bid, backs Rebecca Long Bailey'.

    One MP's statements join with commas, different MPs' with semicolons.
    """
    by_mp: dict[str, list[Report]] = {}
    for report in reports:
        by_mp.setdefault(one_line(report.mp, 120), []).append(report)
    return "; ".join(_mp_headline(name, said) for name, said in by_mp.items())


def _mp_headline(name: str, reports: list[Report]) -> str:
    # Plain words say less than an event, so they only head the line when there is no event.
    events = _unique(_present(r) for r in reports if r.kind != "statement")
    if events:
        return f"{name} {', '.join(events)}"
    return f"{name}: “{_trim(reports[0].text, 80)}”"


def _present(report: Report) -> str:
    """What the MP does, for a headline: 'rules out Labour leadership bid'."""
    contest = _contest(report)
    phrases: dict[Kind, str] = {
        "leadership_bid": f"announces bid for {contest}",
        "leadership_declined": (
            f"rules out {contest} bid"
            if contest.endswith("leadership")
            else f"rules out bid for {contest}"
        ),
        "endorsement": f"backs {_target(report) or 'a candidate'}",
        "resignation": "resigns" + _resigned_from(report),
        "defection": _defects(report, past=False),
        "statement": "says",
    }
    return phrases[report.kind]


def _past(report: Report) -> str:
    """What the MP did, for an earlier statement: 'ruled out a Labour leadership bid'."""
    contest = _contest(report)
    the = "the " if contest.endswith("leadership") else ""
    phrases: dict[Kind, str] = {
        "leadership_bid": f"announced a bid for {the}{contest}",
        "leadership_declined": (
            f"ruled out a {contest} bid" if the else f"ruled out a bid for {contest}"
        ),
        "endorsement": f"backed {_target(report) or 'a candidate'}",
        "resignation": "resigned" + _resigned_from(report),
        "defection": _defects(report, past=True),
        "statement": "said",
    }
    return phrases[report.kind]


def _target(report: Report) -> str:
    return one_line(report.target or "", 80)


def _contest(report: Report) -> str:
    """The race a leadership statement is about: 'Labour leadership', 'Labour deputy leadership'.

    Extraction gives the post ('leader', 'deputy leader', 'Labour leader') or nothing.
    """
    post = _target(report)
    folded = post.casefold()
    if not post or folded in ("leader", "leadership", "the leadership"):
        contest = "leadership"
    elif folded.endswith("leadership"):
        contest = post
    elif folded.endswith("leader"):
        contest = post[: -len("leader")].rstrip() + " leadership"
    else:
        return post  # another post altogether: 'mayor of London'
    party = one_line(report.party or "", 60)
    if party and party.casefold() not in contest.casefold():
        contest = f"{party} {contest}"
    return contest


def _resigned_from(report: Report) -> str:
    """What follows 'resigns': ' as shadow chancellor', ' the whip', ' from the cabinet'."""
    post = _target(report)
    folded = post.casefold()
    if not post:
        return ""
    if folded in ("the whip", "the seat"):
        return f" {post}"
    if folded == "the party":
        return " from the party"
    if re.search(r"cabinet|government|front ?bench", folded):
        return f" from {post}" if folded.startswith("the ") else f" from the {post}"
    return f" as {post}"


_PARTY_NOUNS = {
    "Conservative": "the Conservatives",
    "Liberal Democrat": "the Liberal Democrats",
    "Green Party": "the Green Party",
    "Scottish National Party": "the SNP",
}


def _defects(report: Report, *, past: bool) -> str:
    party = _target(report)
    if party.casefold() == "independent":
        return (
            "quit the party to sit as an independent"
            if past
            else "quits party to sit as independent"
        )
    verb = "defected" if past else "defects"
    return f"{verb} to {_PARTY_NOUNS.get(party, party)}" if party else verb


def _digest_title(reports: Sequence[Report], zone: ZoneInfo) -> str:
    if not reports:
        return "Watcher digest: no new statements"
    mps = len({r.mp for r in reports})
    count = f"{_count(len(reports), 'statement')} from {_count(mps, 'MP')}"
    seen = sorted(r.first_seen_at for r in reports)
    return f"Watcher digest: {count}, {_span(seen[0], seen[-1], zone)}"


# --- Times ------------------------------------------------------------------------------------


def _day(moment: datetime, zone: ZoneInfo) -> str:
    """'Monday 6 January 2020'."""
    here = moment.astimezone(zone)
    return f"{here:%A} {here.day} {here:%B %Y}"


def _at(moment: datetime, zone: ZoneInfo) -> str:
    """'at 23:10 on Monday 6 January 2020'."""
    return f"at {moment.astimezone(zone):%H:%M} on {_day(moment, zone)}"


def _said_when(report: Report, zone: ZoneInfo) -> str | None:
    """When the words were said, as precisely as the source told, or None when it did not."""
    said, precision = report.said_at, report.said_at_precision
    if said is None or precision in (None, "published"):
        return None
    here = said.astimezone(zone)
    phrases = {
        "minute": _at(said, zone),
        "hour": f"at about {here:%H}:00 on {_day(said, zone)}",
        "day": f"on {_day(said, zone)}",
        "month": f"in {here:%B %Y}",
        "year": f"in {here:%Y}",
    }
    return phrases[precision]


def _date_phrase(report: Report, zone: ZoneInfo) -> str:
    """'on Saturday 28 December 2019': the day of an earlier statement, however it is known."""
    said = _said_when(report, zone)
    if said and report.said_at:
        return said if said.startswith(("on ", "in ")) else f"on {_day(report.said_at, zone)}"
    return f"on {_day(report.published_at or report.first_seen_at, zone)}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return _count(minutes, "minute")
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return _count(hours, "hour") + (f" {_count(minutes, 'minute')}" if minutes else "")
    days, hours = divmod(hours, 24)
    return _count(days, "day") + (f" {_count(hours, 'hour')}" if hours else "")


def _seen_line(report: Report, zone: ZoneInfo) -> str:
    """'First seen at 09:32 on Tuesday 7 January 2020, 2 minutes after publication.'"""
    seen = f"First seen {_at(report.first_seen_at, zone)}"
    published = report.published_at
    if published is None:
        return f"{seen}; the source gives no publication time."
    delay = report.first_seen_at - published
    if delay < timedelta(0):
        return f"{seen}, before the publication time the source gives ({_at(published, zone)})."
    if delay < timedelta(minutes=1):
        return f"{seen}, less than a minute after publication."
    return f"{seen}, {_duration(delay)} after publication."


def _span(first: datetime, last: datetime, zone: ZoneInfo) -> str:
    """'08:00–09:30 on Tuesday 7 January 2020', or across days, 'from … to …'."""
    if first == last:
        return _at(first, zone)
    start, end = first.astimezone(zone), last.astimezone(zone)
    if start.date() == end.date():
        return f"{start:%H:%M}–{end:%H:%M} on {_day(end, zone)}"
    return f"from {start:%H:%M} on {_day(start, zone)} to {end:%H:%M} on {_day(end, zone)}"


# --- Attribution ------------------------------------------------------------------------------

OWN_VERBS = {
    "bluesky": "posted on Bluesky",
    "mastodon": "posted on Mastodon",
    "youtube": "said in a YouTube video",
    "feed": "wrote on their website",
    "page": "wrote on their website",
}
OWN_PLACES = {
    "bluesky": "on Bluesky",
    "mastodon": "on Mastodon",
    "youtube": "on YouTube",
    "feed": "on their website",
    "page": "on their website",
}
_PLATFORMS = (
    "Facebook|Instagram|Twitter|X|Bluesky|Mastodon|Threads|TikTok|LinkedIn|YouTube|WhatsApp"
    "|Substack|Telegram"
)
_OUTLETS = (
    r"(?:the\s+)?(?:BBC|Sky\s+News|ITV(?:\s+News)?|Channel\s+4\s+News|LBC|GB\s+News|Times\s+Radio"
    r"|Guardian|Observer|Sunday\s+Times|Times|Telegraph|Financial\s+Times|Independent|Mirror"
    r"|Daily\s+Mirror|Daily\s+Mail|Mail\s+on\s+Sunday|Sun|Express|Evening\s+Standard|Reuters"
    r"|PA(?:\s+news\s+agency)?|Press\s+Association|HuffPost|PoliticsHome|New\s+Statesman"
    r"|Spectator|Commons|House\s+of\s+Commons|MPs|Parliament|reporters|journalists)"
)
# Where the words were said, as a report puts it. Platform and outlet names are matched in
# their own case, so that 'on x' or 'the sun' in ordinary prose does not count.
_WHERE = (
    re.compile(
        r"\b(?i:post\w*|wr[io]te|said|says|tweet\w*|statement|message|video|announc\w*|shared)"
        rf"\b[^.;:!?\n]{{0,40}}?\bon\s+(?P<platform>{_PLATFORMS})(?![\w-])"
    ),
    re.compile(
        rf"\b(?:told|(?i:speaking\s+to|in\s+an\s+interview\s+with))\s+(?P<outlet>{_OUTLETS})\b"
    ),
    re.compile(r"\b(?i:in\s+a\s+(?:written\s+|short\s+|brief\s+|joint\s+)?statement)\b"),
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I’m|I’ve|I’d|[Ww]e|[Mm]y|[Mm]e|[Oo]ur)\b")


def attribution(report: Report, zone: ZoneInfo) -> str:
    """A copy-ready line: 'Ian Lavery, Labour MP for Blyth and Ashington, posted on Facebook
    at 23:10 on Monday 6 January 2020'."""
    when = _said_when(report, zone)
    if report.own:
        # The MP's own post is dated by its platform: its publication time is when it was said.
        when = when or (_at(report.published_at, zone) if report.published_at else None)
        return _sentence(_who(report), OWN_VERBS[report.source_kind], when)
    reported = f"as reported by {one_line(report.source, 100)}"
    if when is None and report.published_at:
        reported += f" {_at(report.published_at, zone)}"
    where = _where(report)
    if where and when:
        return _sentence(_who(report), where, when)
    return _sentence(_who(report), where or "said", when) + f", {reported}"


def _sentence(who: str, verb: str, when: str | None) -> str:
    return f"{who} {verb}" + (f" {when}" if when else "")


def _who(report: Report) -> str:
    """'Ian Lavery, Labour MP for Blyth and Ashington,' or, knowing less, 'Ian Lavery MP'."""
    name = one_line(report.mp, 120)
    party = one_line(report.party or "", 60)
    seat = one_line(report.constituency or "", 80)
    if not party and not seat:
        return f"{name} MP"
    role = " ".join(p for p in (party, "MP", f"for {seat}" if seat else "") if p)
    return f"{name}, {role},"


def _where(report: Report) -> str | None:
    """'posted on Facebook', 'told the BBC', 'said in a statement': from the evidence, when a
    report's own words say so (not when the MP mentions a platform in the quote)."""
    evidence = one_line(report.evidence, 2000)
    found = [m for pattern in _WHERE for m in pattern.finditer(evidence)]
    for match in sorted(found, key=lambda m: m.start()):
        clause = re.split(r"[.!?:;“”\"]", evidence[: match.start()])[-1]
        if _FIRST_PERSON.search(clause):
            continue
        groups = match.groupdict()
        if groups.get("platform"):
            platform = groups["platform"]
            return "said in a YouTube video" if platform == "YouTube" else f"posted on {platform}"
        if groups.get("outlet"):
            return "told " + " ".join(groups["outlet"].split())
        return "said in a statement"
    return None


# --- Stories ----------------------------------------------------------------------------------


def _words(text: str) -> str:
    """Text reduced to its words, to tell whether two reports carry the same words."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _stories(reports: Sequence[Report]) -> list[tuple[Report, ...]]:
    """Reports grouped into stories: one MP's statements with the same words from one source.

    A post in which an MP withdraws and endorses is two statements with one quote, shown once.
    Stories come MP by MP, in the order each MP first appears.
    """
    stories: dict[tuple[str, str, str], list[Report]] = {}
    for report in reports:
        key = (report.mp, _words(report.text), report.url or report.source)
        stories.setdefault(key, []).append(report)
    order = _unique(r.mp for r in reports)
    return sorted((tuple(s) for s in stories.values()), key=lambda s: order.index(s[0].mp))


def _same_story(story: Sequence[Report], other: Report) -> bool:
    """Whether a later sighting tells one of the story's statements: the same MP, and the same
    event or (for plain words, and quotes trimmed by one outlet) the same words."""
    first = story[0]
    if other.mp != first.mp:
        return False
    events = {(r.kind, _target(r).casefold()) for r in story if r.kind != "statement"}
    if (other.kind, _target(other).casefold()) in events:
        return True
    mine, theirs = _words(first.text), _words(other.text)
    return bool(mine and theirs) and (mine in theirs or theirs in mine)


def _is_reversal(new: Report, earlier: Report) -> bool:
    """Whether an earlier statement says the opposite of the new one."""
    if new.mp != earlier.mp:
        return False
    if {new.kind, earlier.kind} == {"leadership_bid", "leadership_declined"}:
        return _contest(new) == _contest(earlier)  # not standing for deputy, then for leader
    return (
        new.kind == earlier.kind == "endorsement"
        and bool(new.target and earlier.target)
        and _words(new.target or "") != _words(earlier.target or "")
    )


def _newest_first(reports: Iterable[Report]) -> list[Report]:
    return sorted(
        reports, key=lambda r: r.said_at or r.published_at or r.first_seen_at, reverse=True
    )


# --- Quotes ------------------------------------------------------------------------------------

# Every way web text may break a line becomes \n; every other control character, a space.
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROL_IN_TEXT = re.compile(
    r"[\x00-\x09\x0e-\x1f\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _paragraphs(text: str) -> list[str]:
    """Web text as paragraphs of lines: breaks kept, every other control character gone."""
    flat = _CONTROL_IN_TEXT.sub(" ", _BREAKS.sub("\n", text))
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", flat):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        if any(lines):
            paragraphs.append("\n".join(line for line in lines if line))
    return paragraphs


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")


def _trim(text: str, limit: int) -> str:
    """Text on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(" ".join(_paragraphs(text)).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


def _quote_block(text: str, limit: int = 3000) -> _Block:
    """The words, paragraphs kept, each opening with a quotation mark, up to about `limit`
    characters: an MP's own post can be a whole article, and the link leads to the rest."""
    kept: list[str] = []
    room = limit
    for paragraph in _paragraphs(text):
        if len(paragraph) > room:
            # Whole sentences read better than a sentence cut off before its object.
            start = _sentences_within(paragraph, room)
            if start or not kept:
                kept.append(start or _trim(paragraph, room))
            else:
                kept[-1] += " …"
            break
        kept.append(paragraph)
        room -= len(paragraph)
    marked = [f"“{p}" for p in kept]
    if marked:
        marked[-1] += "”"
    return _block("quote", *marked)


def _excerpt(story: Sequence[Report], limit: int) -> str:
    """The words on one line, cut to about `limit` characters around what matters: the
    sentences extraction found the statements in, else the first sentences."""
    flat = " ".join(" ".join(_paragraphs(story[0].text)).split())
    if len(flat) <= limit:
        return flat
    sentences = _SENTENCE_BREAK.split(flat)
    evidence = f" {_words(' '.join(r.evidence for r in story))} "
    found = [i for i, s in enumerate(sentences) if len(s) > 20 and f" {_words(s)} " in evidence]
    picked = _picked(sentences, found)
    if found and len(picked) <= limit:
        return picked
    return _sentences_within(flat, limit) or _trim(flat, limit)


def _picked(sentences: list[str], chosen: list[int]) -> str:
    """The chosen sentences, with an ellipsis wherever others were left out."""
    text = "… " if chosen and chosen[0] > 0 else ""
    for n, index in enumerate(chosen):
        if n:
            text += " " if index == chosen[n - 1] + 1 else " … "
        text += sentences[index]
    return text + (" …" if chosen and chosen[-1] < len(sentences) - 1 else "")


def _sentences_within(paragraph: str, room: int) -> str | None:
    """The paragraph's first sentences that fit in `room`, marked as cut, or None."""
    kept = ""
    for sentence in _SENTENCE_BREAK.split(paragraph):
        if len(kept) + len(sentence) + 3 > room:
            break
        kept = f"{kept} {sentence}".strip()
    return f"{kept} …" if kept else None


# --- Bodies, as blocks ------------------------------------------------------------------------


def _source_lines(report: Report) -> list[_Line | str | None]:
    title = one_line(report.title, 300)
    source = one_line(report.source, 100)
    link = _safe_link(report.url)
    return [f"Source: {source}, “{title}”" if title else f"Source: {source}", _link_line(link)]


def _link_line(url: str | None, label: str = "") -> _Line | None:
    return (label, _Link(url)) if url else None


def _archive_lines(story: Sequence[Report], archive_url: str | None) -> list[_Line | None]:
    if not archive_url:
        return []
    lines = []
    for report in story:
        what = f" ({_present(report)})" if len(story) > 1 else ""
        link = _safe_link(f"{archive_url.rstrip('/')}/statements/{report.statement_id}")
        lines.append(_link_line(link, f"In the archive{what}: "))
    return lines


def _reversal_lines(story: Sequence[Report], earlier: Sequence[Report], zone: ZoneInfo) -> _Block:
    lines = _unique(
        f"Reversal: {_date_phrase(old, zone)} {one_line(old.mp, 120)} {_past(old)}."
        for new in story
        for old in _newest_first(earlier)
        if _is_reversal(new, old)
    )
    return _block("lines", *lines)


def _story_blocks(
    story: Sequence[Report], message: Message, zone: ZoneInfo, *, in_digest: bool
) -> list[_Block]:
    """One story: what happened, the words, who said them where and when, and the links.

    A digest, holding many, quotes the start of the words and heads each story one level down.
    """
    first = story[0]
    words = _block("quote", f"“{_excerpt(story, 300)}”") if in_digest else _quote_block(first.text)
    also = [_also_lines(r, zone) for r in message.also if _same_story(story, r)]
    return [
        _block("subheading" if in_digest else "heading", _story_heading(story)),
        _reversal_lines(story, message.earlier, zone),
        words,
        _block("lines", attribution(first, zone)),
        _block("lines", *_source_lines(first), _seen_line(first, zone)),
        *also,
        _block("lines", *_archive_lines(story, message.archive_url)),
    ]


def _story_heading(story: Sequence[Report]) -> str:
    """The headline, or for plain words (which a headline would quote) who said them."""
    if all(r.kind == "statement" for r in story):
        return f"Statement by {one_line(story[0].mp, 120)}"
    return headline(story)


def _sighting(report: Report) -> str:
    """'Also reported by BBC News: “title”', or 'Also posted by the MP on Bluesky: “title”'."""
    if report.own:
        seen = f"Also posted by the MP {OWN_PLACES[report.source_kind]}"
    else:
        seen = f"Also reported by {one_line(report.source, 100)}"
    title = one_line(report.title, 300)
    return f"{seen}: “{title}”" if title else seen


def _also_lines(report: Report, zone: ZoneInfo) -> _Block:
    """A later sighting, with its own attribution: the MP's own post may say more exactly when."""
    return _block(
        "lines",
        _sighting(report),
        attribution(report, zone),
        _link_line(_safe_link(report.url)),
        _seen_line(report, zone),
    )


def _earlier_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    if not message.earlier:
        return []
    items = [
        _earlier_item(report, message.archive_url, zone)
        for report in _newest_first(message.earlier)
    ]
    return [_block("subheading", "Earlier statements"), *items]


def _earlier_item(report: Report, archive_url: str | None, zone: ZoneInfo) -> _Block:
    when = _date_phrase(report, zone)
    said = f"{when[0].upper()}{when[1:]} {one_line(report.mp, 120)} {_past(report)}"
    source = f"{said}: “{_trim(report.text, 200)}” ({one_line(report.source, 100)})"
    link = _safe_link(report.url)
    if archive_url:
        link = _safe_link(f"{archive_url.rstrip('/')}/statements/{report.statement_id}")
    return _block("item", source, _link_line(link))


def _alert_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    blocks: list[_Block] = []
    for story in _stories(message.reports):
        blocks += _story_blocks(story, message, zone, in_digest=False)
    return blocks + _earlier_blocks(message, zone)


def _followup_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    """What is new first (the later sightings), then the first sighting the alert was about."""
    first = message.reports[0] if message.reports else None
    blocks = [_block("heading", f"Follow-up: {headline(message.reports)}")]
    blocks += [_also_lines(report, zone) for report in message.also]
    if first is not None:
        blocks += [
            _block("subheading", "As first reported"),
            _block("quote", f"“{_excerpt(message.reports, 300)}”"),
            _block("lines", attribution(first, zone)),
            _block("lines", *_source_lines(first), _seen_line(first, zone)),
            _block("lines", *_archive_lines(message.reports, message.archive_url)),
        ]
    return blocks


def _digest_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    blocks = [_block("heading", _digest_title(message.reports, zone))]
    for story in _stories(message.reports):
        blocks += [_block("rule"), *_story_blocks(story, message, zone, in_digest=True)]
    return blocks


def _composed_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    """Health warnings and notices come composed; their words are still treated as web text."""
    return [_block("lines", *p.split("\n")) for p in _paragraphs(message.body or "")]


def _footer(message: Message, zone: ZoneInfo) -> list[_Block]:
    subscription = one_line(message.subscription, 200)
    address = _unsubscribe_address(message)
    leave = (
        f"To unsubscribe, email {address} with the subject “unsubscribe {subscription}”."
        if address
        else "To unsubscribe, ask the watcher's administrator."
    )
    why = f"You are receiving this because of the watcher subscription “{subscription}”."
    return [_block("footer", why, leave, f"Times are in the {zone.key} time zone.")]


_BODIES: dict[MessageKind, Callable[[Message, ZoneInfo], list[_Block]]] = {
    "alert": _alert_blocks,
    "followup": _followup_blocks,
    "digest": _digest_blocks,
    "health": _composed_blocks,
    "notice": _composed_blocks,
}


# --- Drawing the blocks -----------------------------------------------------------------------


def _plain_text(blocks: Sequence[_Block]) -> str:
    drawn = [_plain_block(block) for block in blocks if block.lines or block.style == "rule"]
    return "\n\n".join(drawn) + "\n"


def _plain_line(line: _Line) -> str:
    return "".join(span.url if isinstance(span, _Link) else span for span in line)


def _plain_block(block: _Block) -> str:
    lines = [_plain_line(line) for line in block.lines]
    if block.style == "rule":
        return "-" * 40
    if block.style == "quote":
        return "\n\n".join(lines)
    if block.style == "item":
        return "- " + "\n".join(lines).replace("\n", "\n  ")
    if block.style == "footer":
        return "-- \n" + "\n".join(lines)
    return "\n".join(lines)


def _html_line(line: _Line) -> str:
    return "".join(
        f'<a href="{html.escape(span.url)}">{_text(span.url)}</a>'
        if isinstance(span, _Link)
        else _text(span)
        for span in line
    ).replace("\n", "<br>\n")


def _text(text: str) -> str:
    """Text for an element's content; attribute values take html.escape with quotes."""
    return html.escape(text, quote=False)


_HTML_TAGS: dict[_Style, tuple[str, str]] = {
    "heading": ('<h2 style="font-size:1.2em">', "</h2>"),
    "subheading": ('<h3 style="font-size:1em">', "</h3>"),
    "lines": ("<p>", "</p>"),
    "item": ("<li>", "</li>"),
    "footer": ('<hr>\n<p style="color:#666;font-size:0.9em">', "</p>"),
}
_QUOTE_STYLE = "margin:1em 0;padding-left:1em;border-left:3px solid #ccc"


def _html_block(block: _Block) -> str:
    if block.style == "rule":
        return "<hr>"
    if block.style == "quote":
        paragraphs = "".join(f"<p>{_html_line(line)}</p>\n" for line in block.lines)
        return f'<blockquote style="{_QUOTE_STYLE}">\n{paragraphs}</blockquote>'
    start, end = _HTML_TAGS[block.style]
    return start + "<br>\n".join(_html_line(line) for line in block.lines) + end


def _html_document(subject: str, blocks: Sequence[_Block]) -> str:
    """A complete small document: no scripts, no external resources, every web text escaped."""
    shown = [block for block in blocks if block.lines or block.style == "rule"]
    drawn: list[str] = []
    for in_list, group in groupby(shown, key=lambda block: block.style == "item"):
        items = [_html_block(block) for block in group]
        drawn += ["<ul>", *items, "</ul>"] if in_list else items
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(subject)}</title>\n</head>\n"
        '<body style="font-family:sans-serif;line-height:1.4;max-width:40em">\n'
        + "\n".join(drawn)
        + "\n</body>\n</html>\n"
    )


# --- Short form for chat channels -------------------------------------------------------------


def _short_story(story: Sequence[Report], message: Message, zone: ZoneInfo) -> str:
    first = story[0]
    reversals = _reversal_lines(story, message.earlier, zone).lines
    lines = [_plain_line(line) for line in reversals]
    lines += [f"“{_excerpt(story, 300)}”", attribution(first, zone)]
    link = _safe_link(first.url)
    return "\n".join(lines + ([link] if link else []))


def _short_alert(message: Message, zone: ZoneInfo) -> str:
    return "\n\n".join(_short_story(s, message, zone) for s in _stories(message.reports))


def _short_followup(message: Message, zone: ZoneInfo) -> str:
    lines = []
    for report in message.also:
        link = _safe_link(report.url)
        lines.append(_sighting(report) + (f" {link}" if link else ""))
    return "\n".join(lines)


def _short_digest(message: Message, zone: ZoneInfo) -> str:
    """One line per story: what happened, the first words, the link."""
    lines = []
    for story in _stories(message.reports):
        first = story[0]
        words = "" if first.kind == "statement" else f": “{_excerpt(story, 200)}”"
        link = _safe_link(first.url)
        lines.append(headline(story) + words + (f" {link}" if link else ""))
    return "\n".join(lines)


def _short_composed(message: Message, zone: ZoneInfo) -> str:
    return _trim_lines("\n\n".join(_paragraphs(message.body or "")), 1000)


def _trim_lines(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_SHORT_BODIES: dict[MessageKind, Callable[[Message, ZoneInfo], str]] = {
    "alert": _short_alert,
    "followup": _short_followup,
    "digest": _short_digest,
    "health": _short_composed,
    "notice": _short_composed,
}
