"""The words of a message: what each record says, as sentences. Pure: strings in, strings out.

Subjects and headlines per kind of statement, the copy-ready attribution line, times, dates
and durations, excerpts of the words, reversals of an earlier statement, and the grouping of
reports into stories. Words go in quotation marks only when they are the MP's own as written
(`Report.verbatim`); a reporter's sentence is given as reported, "Reported by SOURCE: …".
How the sentences are laid out and drawn as plain text or HTML is `render`'s business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from watcher.extract.people import Roster
from watcher.kinds import Told, kind_info
from watcher.models import MP, Message, Report
from watcher.register import find_in_register
from watcher.sources import SOURCE_KINDS
from watcher.stories import words

# Control characters, and the invisible marks that reorder text, which can disguise a subject.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]+")


def one_line(text: str, limit: int) -> str:
    """Web text made safe for a header or a single line: no breaks, no control characters."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


# --- Subjects and headlines -------------------------------------------------------------------


SUBJECT_LIMIT = 80  # longer subjects are cut off in most inboxes' message lists


def message_subject(message: Message, zone: ZoneInfo) -> str:
    """One line saying what happened."""
    if message.kind == "digest":
        return one_line(digest_title(message.reports, zone), 150)
    if message.kind in ("health", "notice"):
        fallback = "Watcher health warning" if message.kind == "health" else "Watcher notice"
        return one_line(message.subject or fallback, 150)
    subject = message.subject or subject_line(message.reports) or "Watcher alert"
    if message.kind == "followup" and not subject.startswith("Re: "):
        subject = f"Re: {subject}"
    return one_line(subject, 150)


def headline(reports: Sequence[Report]) -> str:
    """'Ian Lavery rules out Labour leadership bid, backs Rebecca Long Bailey'.

    One MP's statements join with commas, different MPs' with semicolons.
    """
    return "; ".join(_mp_headline(name, said) for name, said in _by_mp(reports))


def subject_line(reports: Sequence[Report], limit: int = SUBJECT_LIMIT) -> str:
    """The headline as a subject: the most important news first (a resignation before an
    endorsement, any event before plain words), within about `limit` characters. What does
    not fit is named, not told: 'Tom Hadley resigns as PPS; also Mark Ellery'."""
    ranked = sorted(_by_mp(reports), key=lambda told: _importance(told[1][0]))
    whole = "; ".join(_mp_headline(name, said, limit) for name, said in ranked)
    if len(whole) <= limit or not ranked:
        return whole
    name, said = ranked[0]
    rest = _the_others(ranked, limit // 2)
    events = _events(said)
    for count in range(len(events), 0, -1):  # fewer of the first MP's events until it fits
        shown = f"{name} {', '.join(events[:count])}" + rest
        if len(shown) <= limit:
            return shown
    room = limit - len(rest)
    return one_line(_mp_headline(name, said, room), max(room, 20)) + rest


def _by_mp(reports: Sequence[Report]) -> list[tuple[str, list[Report]]]:
    """Each MP's reports, MPs in the order they first appear, each MP's most important first."""
    by_mp: dict[str, list[Report]] = {}
    for report in reports:
        by_mp.setdefault(one_line(report.mp, 120), []).append(report)
    return [(name, sorted(said, key=_importance)) for name, said in by_mp.items()]


def _importance(report: Report) -> int:
    """0 for the events that go out at once in quiet hours, 1 for other events, 2 for words."""
    if kind_info(report.kind).urgent:
        return 0
    return 1 if report.kind != "statement" else 2


def _events(reports: Sequence[Report]) -> list[str]:
    return _unique(action(r) for r in reports if r.kind != "statement")


def _the_others(ranked: Sequence[tuple[str, list[Report]]], limit: int) -> str:
    """'; so does Sarah Whitlock' when the other MPs did the same, else '; also Sarah
    Whitlock', or '; also 3 other MPs' when their names are long."""
    if len(ranked) < 2:
        return ""
    names = [name for name, _ in ranked[1:]]
    listed = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    if len(listed) > limit:
        listed = _count(len(names), "other MP")
    same = _events(ranked[0][1])
    if same and all(_events(said) == same for _, said in ranked[1:]):
        return f"; so {'does' if len(names) == 1 else 'do'} {listed}"
    return f"; also {listed}"


def _mp_headline(name: str, reports: list[Report], limit: int | None = None) -> str:
    """What the MP did; for plain words, the words, cut to 80 characters or to fit `limit`."""
    # Plain words say less than an event, so they only head the line when there is no event.
    events = _events(reports)
    if events:
        return f"{name} {', '.join(events)}"
    first = reports[0]
    said = f"{name}: " if first.verbatim else f"{name}, reported by {outlet(first)}: "
    room = 80 if limit is None else max(limit - len(said) - 2, 20)
    words = trim(first.text, room)
    return f"{said}“{words}”" if first.verbatim else said + words


def story_heading(story: Sequence[Report]) -> str:
    """The headline, or for plain words (which a headline would quote) who said them."""
    if all(r.kind == "statement" for r in story):
        return f"Statement by {one_line(story[0].mp, 120)}"
    return headline(story)


def digest_title(reports: Sequence[Report], zone: ZoneInfo) -> str:
    """'Watcher digest: 3 statements from 2 MPs, 08:00–09:30 on Tuesday 7 January 2020'."""
    if not reports:
        return "Watcher digest: no new statements"
    mps = len({r.mp for r in reports})
    count = f"{_count(len(reports), 'statement')} from {_count(mps, 'MP')}"
    seen = sorted(r.first_seen_at for r in reports)
    return f"Watcher digest: {count}, {_span(seen[0], seen[-1], zone)}"


# --- What the MP does -------------------------------------------------------------------------


def action(report: Report) -> str:
    """What the MP does, for a headline: 'rules out Labour leadership bid'."""
    return kind_info(report.kind).does(_told(report))


def _past_action(report: Report) -> str:
    """What the MP did, for an earlier statement: 'ruled out a Labour leadership bid'."""
    return kind_info(report.kind).did(_told(report))


def _told(report: Report) -> Told:
    """What the wording of any kind may need of this statement."""
    target = _target(report)
    joined = _PARTY_NOUNS.get(target, target) if report.kind == "defection" else ""
    return Told(_contest(report), target, _resigned_from(report), joined)


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


# --- Times ------------------------------------------------------------------------------------


def _day(moment: datetime, zone: ZoneInfo) -> str:
    """'Monday 6 January 2020'."""
    here = moment.astimezone(zone)
    return f"{here:%A} {here.day} {here:%B %Y}"


def _clock(moment: datetime, zone: ZoneInfo) -> str:
    """'23:10 GMT': a clock time always carries its zone, so a reader elsewhere can tell."""
    return f"{moment.astimezone(zone):%H:%M %Z}"


def _at(moment: datetime, zone: ZoneInfo) -> str:
    """'at 23:10 GMT on Monday 6 January 2020'."""
    return f"at {_clock(moment, zone)} on {_day(moment, zone)}"


def _said_when(report: Report, zone: ZoneInfo) -> str | None:
    """When the words were said, to the precision the text gave (the rule of
    `timefmt.said_text`, written as prose), or None when the text gave no time: then the time
    known is the publication's, and `_published` says so."""
    said, precision = report.said_at, report.said_at_precision
    if said is None or precision in (None, "published"):
        return None
    here = said.astimezone(zone)
    phrases = {
        "minute": _at(said, zone),
        "hour": f"at about {here:%H}:00 {here:%Z} on {_day(said, zone)}",
        "day": f"on {_day(said, zone)}",
        "month": f"in {here:%B %Y}",
        "year": f"in {here:%Y}",
    }
    return phrases[precision]


def _published(report: Report, zone: ZoneInfo) -> str | None:
    """'published at 09:05 GMT on Saturday 5 December 2026', or None without a time."""
    return f"published {_at(report.published_at, zone)}" if report.published_at else None


def _date_phrase(report: Report, zone: ZoneInfo) -> str:
    """'on Saturday 28 December 2019': the day of an earlier statement, however it is known."""
    said = _said_when(report, zone)
    if said and report.said_at:
        return said if said.startswith(("on ", "in ")) else f"on {_day(report.said_at, zone)}"
    return f"on {_day(report.published_at or report.first_seen_at, zone)}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _duration(delta: timedelta) -> str:
    """'2 minutes', '3 hours 5 minutes', '4 days 1 hour': the larger units only, rounded down."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return _count(minutes, "minute")
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return _count(hours, "hour") + (f" {_count(minutes, 'minute')}" if minutes else "")
    days, hours = divmod(hours, 24)
    return _count(days, "day") + (f" {_count(hours, 'hour')}" if hours else "")


def seen_line(report: Report, zone: ZoneInfo) -> str:
    """'First seen at 09:32 GMT on Tuesday 7 January 2020, 2 minutes after publication.'"""
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
    """'08:00–09:30 GMT on Tuesday 7 January 2020', or across days, 'from … to …'."""
    if first == last:
        return _at(first, zone)
    start, end = first.astimezone(zone), last.astimezone(zone)
    if start.date() == end.date():
        opening = f"{start:%H:%M}" if start.tzname() == end.tzname() else _clock(start, zone)
        return f"{opening}–{_clock(end, zone)} on {_day(end, zone)}"
    return (
        f"from {_clock(start, zone)} on {_day(start, zone)}"
        f" to {_clock(end, zone)} on {_day(end, zone)}"
    )


# --- Attribution ------------------------------------------------------------------------------

# Where an MP's own words were: by the source's kind, else by the address of the item (a
# plain feed of Bluesky posts is still Bluesky). None is their website.
_HOST_PLATFORMS = {
    "bsky.app": "Bluesky",
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "x.com": "X",
    "twitter.com": "X",
}
_PATH_PLATFORMS = (
    (re.compile(r"/profile/[^/]+/post/[^/]+/?"), "Bluesky"),  # any Bluesky client's address
    (re.compile(r"/@[\w.]+/\d+/?"), "Mastodon"),  # any Mastodon instance's post
)


def platform(report: Report) -> str | None:
    """'Bluesky', 'Mastodon', 'YouTube' or 'X': where the MP's own words were; None for a
    website."""
    return platform_of(report.source_kind, report.url)


def platform_of(source_kind: str, url: str | None) -> str | None:
    """The platform of an item by its source's kind, else by its address; None for a
    website."""
    kind = SOURCE_KINDS.get(source_kind)
    if kind is not None and kind.PLATFORM:
        return kind.PLATFORM
    try:
        parts = urlsplit(url or "")
        host = parts.hostname or ""
    except ValueError:  # web text: an address that does not parse names no platform
        return None
    for prefix in ("www.", "mobile.", "m."):
        host = host.removeprefix(prefix)
    if host in _HOST_PLATFORMS:
        return _HOST_PLATFORMS[host]
    return next((name for shape, name in _PATH_PLATFORMS if shape.fullmatch(parts.path)), None)


@lru_cache(maxsize=1024)
def possessive(mp: str) -> str:
    """'her', 'his', or 'their' when neither the register's honorific ('Sir', 'Mrs') nor the
    first name tells; the same rule extraction uses to resolve 'she said'."""
    name = one_line(mp, 120)
    if not name:
        return "their"
    known = find_in_register(name) or MP(name=name)
    gender = Roster([known]).gender.get(known.name)
    return {"f": "her", "m": "his"}.get(gender or "", "their")


def _own_place(report: Report) -> str:
    """'on her Bluesky', 'on his YouTube channel', 'on their website'."""
    where = platform(report)
    their = possessive(report.mp)
    if where == "YouTube":
        return f"on {their} YouTube channel"
    return f"on {their} {where or 'website'}"


def _own_verb(report: Report) -> str:
    """'wrote on her Bluesky', 'said on his YouTube channel'."""
    return f"{'said' if platform(report) == 'YouTube' else 'wrote'} {_own_place(report)}"


def read_label(report: Report) -> str:
    """The words of the link to the item: 'Read on Bluesky', 'Watch on YouTube', 'Read on
    her website', 'Read in The Westminster Courier'."""
    if not report.own:
        return f"Read in {outlet(report)}"
    where = platform(report)
    if where == "YouTube":
        return "Watch on YouTube"
    return f"Read on {where}" if where else f"Read on {possessive(report.mp)} website"


# A feed's title often names its section after the outlet: 'The Courier: Politics',
# 'The Courier - Politics', 'The Courier | UK politics'.
_SECTION = re.compile(r"\s*:\s+|\s+[-–—|]\s+")
# The default name of a news source is its address: 'feeds.example.org/news/politics/rss.xml'.
_ADDRESS = re.compile(r"[\w-]+(?:\.[\w-]+)+(?:[/?]\S*)?", re.ASCII)


def outlet(report: Report) -> str:
    """Who published a report, as a reader knows them: the source's name without a section
    ('The Westminster Courier', not 'The Westminster Courier: Politics'), or for a source named
    by its address, the site ('bbc.co.uk'). An MP's own source keeps its name."""
    name = one_line(report.source, 100)
    if report.own:
        return name
    if _ADDRESS.fullmatch(name):
        return _site(report.url) or _site(f"//{name}") or name
    return _SECTION.split(name, maxsplit=1)[0] or name


def _site(url: str | None) -> str | None:
    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


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
    at 23:10 GMT on Monday 6 January 2020'. When the text gave no time, the time shown is
    the publication's, and the line says so."""
    who, when, published = _who(report), _said_when(report, zone), _published(report, zone)
    if report.own:
        verb = _own_verb(report)
        if when is None and published:
            medium = "video" if platform(report) == "YouTube" else "post"
            return f"{who} {verb} in a {medium} {published}"
        return _sentence(who, verb, when)
    where = _where(report)
    if where and when:
        return _sentence(who, where, when)
    reported = f"as reported by {outlet(report)}"
    if when is None and published:
        reported += f" in a report {published}"
    return _sentence(who, where or "said", when) + f", {reported}"


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


def source_line(report: Report) -> str:
    """'Source: Labour Heartlands, “title”'."""
    title = one_line(report.title, 300)
    source = outlet(report)
    return f"Source: {source}, “{title}”" if title else f"Source: {source}"


def sighting(report: Report) -> str:
    """'Also reported by BBC News: “title”', or 'Also posted by the MP on Bluesky: “title”'."""
    if report.own:
        seen = f"Also posted by the MP {_own_place(report)}"
    else:
        seen = f"Also reported by {outlet(report)}"
    title = one_line(report.title, 300)
    return f"{seen}: “{title}”" if title else seen


# --- Stories and what came before -------------------------------------------------------------


def stories(reports: Sequence[Report]) -> list[tuple[Report, ...]]:
    """Reports grouped by story, as the archive filed them (`Report.story_id`).

    Stories one quote told are shown once: a post in which an MP withdraws and endorses is two
    stories (two events) in one quote. Stories come MP by MP, in the order each MP first appears.
    """
    groups: list[list[Report]] = []
    for report in reports:
        joined = [g for g in groups if any(_told_together(r, report) for r in g)]
        if not joined:
            groups.append([report])
            continue
        first, *others = joined
        for other in others:
            first += other
            groups.remove(other)
        first.append(report)
    order = _unique(r.mp for r in reports)
    return sorted((tuple(g) for g in groups), key=lambda s: order.index(s[0].mp))


def _told_together(a: Report, b: Report) -> bool:
    """One story, or one quote in one place (the same MP's words, from the same item)."""
    if a.story_id == b.story_id:
        return True
    one_place = (a.url or a.source) == (b.url or b.source)
    return a.mp == b.mp and one_place and words(a.text) == words(b.text)


def in_story(story: Sequence[Report], other: Report) -> bool:
    """Whether a later sighting is of one of the stories told together."""
    return any(r.story_id == other.story_id for r in story)


def _is_reversal(new: Report, earlier: Report) -> bool:
    """Whether an earlier statement says the opposite of the new one."""
    if new.mp != earlier.mp:
        return False
    if {new.kind, earlier.kind} == {"leadership_bid", "leadership_declined"}:
        return _contest(new) == _contest(earlier)  # not standing for deputy, then for leader
    return (
        new.kind == earlier.kind == "endorsement"
        and bool(new.target and earlier.target)
        and words(new.target or "") != words(earlier.target or "")
    )


def reversals(story: Sequence[Report], earlier: Sequence[Report], zone: ZoneInfo) -> list[str]:
    """'Reversal: on Saturday 28 December 2019 Ian Lavery announced a bid for …', once each."""
    return _unique(
        f"Reversal: {_date_phrase(old, zone)} {one_line(old.mp, 120)} {_past_action(old)}."
        for new in story
        for old in newest_first(earlier)
        if _is_reversal(new, old)
    )


def newest_first(reports: Iterable[Report]) -> list[Report]:
    return sorted(
        reports, key=lambda r: r.said_at or r.published_at or r.first_seen_at, reverse=True
    )


def earlier_statement(report: Report, zone: ZoneInfo) -> str:
    """'On Saturday 28 December 2019 Ian Lavery said: “…” (Labour Heartlands)', or for words
    that are not the MP's own, '…, reported by Labour Heartlands: …'."""
    when = _date_phrase(report, zone)
    said = f"{when[0].upper()}{when[1:]} {one_line(report.mp, 120)} {_past_action(report)}"
    if report.verbatim:
        return f"{said}: “{trim(report.text, 200)}” ({outlet(report)})"
    return f"{said}, reported by {outlet(report)}: {trim(report.text, 200)}"


# --- The words: quoted only when they are the MP's own ----------------------------------------


def reported_by(report: Report) -> str:
    """'Reported by The Courier': whose words these are when they are not the MP's own."""
    return f"Reported by {outlet(report)}"


def as_said(report: Report, words: str) -> str:
    """The statement's words on one line as a message may show them (see `said_as`)."""
    return said_as(words, verbatim=report.verbatim, source=outlet(report))


def said_as(words: str, *, verbatim: bool, source: str | None) -> str:
    """Words in quotation marks only when they are the MP's own as written (`verbatim`);
    otherwise as the report gives them, 'Reported by The Courier: Sarah Whitlock has confirmed
    …', with no quotation marks, so that no one copies a reporter's sentence as the MP's quote.
    The alerts, the search page's feeds and the command line all say it this way."""
    if verbatim:
        return f"“{words}”"
    return f"Reported by {source}: {words}" if source else f"Reported: {words}"


# --- The quoted words -------------------------------------------------------------------------

# Every way web text may break a line becomes \n; every other control character, a space.
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROL_IN_TEXT = re.compile(
    r"[\x00-\x09\x0e-\x1f\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")


def paragraphs(text: str) -> list[str]:
    """Web text as paragraphs of lines: breaks kept, every other control character gone."""
    flat = _CONTROL_IN_TEXT.sub(" ", _BREAKS.sub("\n", text))
    found = []
    for chunk in re.split(r"\n\s*\n", flat):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        if any(lines):
            found.append("\n".join(line for line in lines if line))
    return found


def trim(text: str, limit: int) -> str:
    """Text on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(" ".join(paragraphs(text)).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


def excerpt(story: Sequence[Report], limit: int) -> str:
    """The words on one line, cut to about `limit` characters around what matters: the
    sentences extraction found the statements in, else the first sentences."""
    flat = " ".join(" ".join(paragraphs(story[0].text)).split())
    if len(flat) <= limit:
        return flat
    sentences = _SENTENCE_BREAK.split(flat)
    evidence = f" {words(' '.join(r.evidence for r in story))} "
    found = [i for i, s in enumerate(sentences) if len(s) > 20 and f" {words(s)} " in evidence]
    picked = _picked(sentences, found)
    if found and len(picked) <= limit:
        return picked
    return sentences_within(flat, limit) or trim(flat, limit)


def _picked(sentences: list[str], chosen: list[int]) -> str:
    """The chosen sentences, with an ellipsis wherever others were left out."""
    text = "… " if chosen and chosen[0] > 0 else ""
    for n, index in enumerate(chosen):
        if n:
            text += " " if index == chosen[n - 1] + 1 else " … "
        text += sentences[index]
    return text + (" …" if chosen and chosen[-1] < len(sentences) - 1 else "")


def sentences_within(paragraph: str, room: int) -> str | None:
    """The paragraph's first sentences that fit in `room`, marked as cut, or None."""
    kept = ""
    for sentence in _SENTENCE_BREAK.split(paragraph):
        if len(kept) + len(sentence) + 3 > room:
            break
        kept = f"{kept} {sentence}".strip()
    return f"{kept} …" if kept else None
