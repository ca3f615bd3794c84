"""Emails and chat posts, laid out and drawn from records. Pure: no I/O, no clock of its own.

Every message is first laid out as blocks of lines; the plain-text and HTML parts are both
drawn from the same blocks, so they cannot say different things. The sentences themselves
come from `wording`; this module places them, draws them, and adds the headers (Message-ID,
threading, List-Id and List-Unsubscribe, and X-Watcher headers for a desk's mail rules).
"""

from __future__ import annotations

import email.policy
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from itertools import groupby
from typing import Literal
from urllib.parse import quote
from zoneinfo import ZoneInfo

from watcher.hygiene import strip_bidi, web_link
from watcher.links import statement_page
from watcher.models import Message, MessageKind, Report
from watcher.notify.wording import (
    action,
    as_said,
    attribution,
    digest_title,
    earlier_statement,
    excerpt,
    headline,
    in_story,
    message_subject,
    newest_first,
    one_line,
    paragraphs,
    read_label,
    reported_by,
    reversals,
    seen_line,
    sentences_within,
    sighting,
    source_line,
    stories,
    story_heading,
    trim,
)
from watcher.unsubscribe import ONE_CLICK


def mail_domain(sender: str) -> str:
    """The domain after the sender's @, for Message-ID and List-Id; a placeholder without one."""
    _, at, domain = parseaddr(sender)[1].rpartition("@")
    return domain if at and domain else "watcher.localhost"


MAX_LINK = 2000  # a longer address is left out rather than cut into a broken link
# Headers may run to 998 characters; the usual 78 makes the email package fold a subject that
# would fit on a line of its own before its first word, which readers show as a leading space.
MAIL_POLICY = email.policy.default.clone(max_line_length=998)


def _safe_link(url: str | None) -> str | None:
    """The URL on one line if it is a web link; anything else (javascript:, data:) is dropped."""
    link = web_link(url)
    return one_line(link, MAX_LINK) if link and len(link) <= MAX_LINK else None


def render_test_message(sender: str, recipient: str, now: datetime) -> EmailMessage:
    """The email `watcher test-notify` sends, to show the mail settings work."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = "Watcher test message"
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<test-{int(now.timestamp())}@{mail_domain(sender)}>"
    message.set_content("This is a test message from the watcher. Alerts will look like this.\n")
    message.add_alternative("<p>This is a test message from the watcher.</p>\n", subtype="html")
    return message


# --- Messages: alerts, follow-ups, digests, health warnings and notices -----------------------


@dataclass(frozen=True)
class ShortMessage:
    """A chat post (Slack, Teams, Matrix, a webhook): plain text, no markup."""

    title: str
    body: str


@dataclass(frozen=True)
class _Link:
    """A link as words ('Read on Bluesky'): the HTML part shows the words, the plain text
    part the words and the address."""

    label: str
    url: str  # http(s) only: see _safe_link


_Span = str | _Link
_Line = tuple[_Span, ...]
_Style = Literal[
    "heading", "subheading", "callout", "quote", "reported", "lines", "meta", "links", "item",
    "rule", "footer",
]  # fmt: skip


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
    subject = strip_bidi(message_subject(message, zone))
    blocks = _BODIES[message.kind](message, zone) + _footer(message, zone)
    email = EmailMessage(policy=MAIL_POLICY)
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
    email.set_content(strip_bidi(_plain_text(blocks)))
    email.add_alternative(strip_bidi(_html_document(subject, blocks)), subtype="html")
    return email


def _list_headers(email: EmailMessage, message: Message, domain: str) -> None:
    slug = re.sub(r"[^a-z0-9]+", "-", message.subscription.casefold()).strip("-")[:60]
    email["List-Id"] = f"<{slug or 'watcher'}.{domain}>"
    links = []
    link = _safe_link(message.unsubscribe_url)
    if link:
        links.append(f"<{link}>")
    address = _unsubscribe_address(message)
    if address:
        to = quote(address, safe="@.+-_~")
        name = quote(one_line(message.subscription, 200), safe="")
        links.append(f"<mailto:{to}?subject=unsubscribe%20{name}>")
    if links:
        email["List-Unsubscribe"] = ", ".join(links)
    if link:
        email["List-Unsubscribe-Post"] = ONE_CLICK


def _unsubscribe_address(message: Message) -> str | None:
    address = parseaddr(one_line(message.unsubscribe or "", 320))[1]
    return address if "@" in address else None


def _watcher_headers(email: EmailMessage, message: Message) -> None:
    """Headers a desk's mail rules can sort on."""
    email["X-Watcher-Message"] = message.kind
    mps = list(dict.fromkeys(r.mp for r in message.reports))
    if mps:
        email["X-Watcher-MP"] = one_line(", ".join(mps), 200)
    if message.kind in ("alert", "followup"):
        email["X-Watcher-Kind"] = ", ".join(dict.fromkeys(r.kind for r in message.reports))


def render_short(message: Message, zone: ZoneInfo) -> ShortMessage:
    """The same message for a chat channel: a title and a few plain lines."""
    body = _SHORT_BODIES[message.kind](message, zone)
    title = message_subject(message, zone)
    if message.kind == "followup":  # a chat channel has no thread to reply in
        title = one_line(f"Follow-up: {headline(message.reports)}", 150)
    return ShortMessage(strip_bidi(title), strip_bidi(body).strip() + "\n")


# --- Bodies, as blocks ------------------------------------------------------------------------


def _words_block(report: Report, limit: int = 3000) -> _Block:
    """The statement's words, paragraphs kept, up to about `limit` characters: an MP's own post
    can be a whole article, and the link leads to the rest. The MP's own words are a quote,
    each paragraph opening with a quotation mark; a reporter's words are not, and say whose
    they are."""
    kept = _paragraphs_within(report.text, limit)
    if not kept:
        return _block("quote")
    if not report.verbatim:
        return _block("reported", f"{reported_by(report)}: {kept[0]}", *kept[1:])
    return _block("quote", *[f"“{p}" for p in kept[:-1]], f"“{kept[-1]}”")


def _excerpt_block(story: Sequence[Report], limit: int) -> _Block:
    """The words that matter, on one line: quoted, or as reported (see `as_said`)."""
    said = as_said(story[0], excerpt(story, limit))
    return _block("quote" if story[0].verbatim else "reported", said)


def _paragraphs_within(text: str, limit: int) -> list[str]:
    """The text's paragraphs up to about `limit` characters, the last cut between sentences."""
    kept: list[str] = []
    room = limit
    for paragraph in paragraphs(text):
        if len(paragraph) > room:
            # Whole sentences read better than a sentence cut off before its object.
            start = sentences_within(paragraph, room)
            if start or not kept:
                kept.append(start or trim(paragraph, room))
            else:
                kept[-1] += " …"
            break
        kept.append(paragraph)
        room -= len(paragraph)
    return kept


def _link_line(url: str | None, label: str) -> _Line | None:
    return (_Link(label, url),) if url else None


def _read_line(report: Report) -> _Line | None:
    """'Read on Bluesky', 'Read in The Westminster Courier': the link to the item itself."""
    return _link_line(_safe_link(report.url), read_label(report))


def _archive_link(archive_url: str | None, report: Report) -> str | None:
    if not archive_url:
        return None
    return _safe_link(statement_page(archive_url, report.statement_id))


def _archive_lines(story: Sequence[Report], archive_url: str | None) -> list[_Line | None]:
    """'Open in the archive', once per statement of the story, saying which when several."""
    lines = []
    for report in story:
        what = f" ({action(report)})" if len(story) > 1 else ""
        lines.append(_link_line(_archive_link(archive_url, report), f"Open in the archive{what}"))
    return lines


def _links_block(story: Sequence[Report], archive_url: str | None) -> _Block:
    return _block("links", _read_line(story[0]), *_archive_lines(story, archive_url))


def _story_blocks(
    story: Sequence[Report], message: Message, zone: ZoneInfo, *, in_digest: bool
) -> list[_Block]:
    """One story: what happened, the words, who said them where and when, and the links.

    A digest, holding many, quotes the start of the words and heads each story one level down.
    """
    first = story[0]
    words = _excerpt_block(story, 300) if in_digest else _words_block(first)
    sightings = [_sighting_block(r, zone) for r in message.also if in_story(story, r)]
    return [
        _block("subheading" if in_digest else "heading", story_heading(story)),
        _block("callout", *reversals(story, message.earlier, zone)),
        words,
        _block("lines", attribution(first, zone)),
        _block("meta", source_line(first), seen_line(first, zone)),
        _links_block(story, message.archive_url),
        *sightings,
    ]


def _sighting_block(report: Report, zone: ZoneInfo) -> _Block:
    """A later sighting, with its own attribution: the MP's own post may say more exactly when."""
    return _block(
        "item",
        sighting(report),
        attribution(report, zone),
        seen_line(report, zone),
        _read_line(report),
    )


def _earlier_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    if not message.earlier:
        return []
    items = [
        _earlier_item(report, message.archive_url, zone) for report in newest_first(message.earlier)
    ]
    return [_block("subheading", "Earlier statements"), *items]


def _earlier_item(report: Report, archive_url: str | None, zone: ZoneInfo) -> _Block:
    link = _link_line(_archive_link(archive_url, report), "Open in the archive")
    return _block("item", earlier_statement(report, zone), link or _read_line(report))


def _alert_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    blocks: list[_Block] = []
    for story in stories(message.reports):
        blocks += _story_blocks(story, message, zone, in_digest=False)
    return blocks + _earlier_blocks(message, zone)


def _followup_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    """What is new first (the later sightings), then the first sighting the alert was about."""
    first = message.reports[0] if message.reports else None
    blocks = [_block("heading", f"Follow-up: {headline(message.reports)}")]
    blocks += [_sighting_block(report, zone) for report in message.also]
    if first is not None:
        blocks += [
            _block("subheading", "As first reported"),
            _excerpt_block(message.reports, 300),
            _block("lines", attribution(first, zone)),
            _block("meta", source_line(first), seen_line(first, zone)),
            _links_block(message.reports, message.archive_url),
        ]
    return blocks


def _digest_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    blocks = [_block("heading", digest_title(message.reports, zone))]
    for story in stories(message.reports):
        blocks += [_block("rule"), *_story_blocks(story, message, zone, in_digest=True)]
    return blocks


def _composed_blocks(message: Message, zone: ZoneInfo) -> list[_Block]:
    """Health warnings and notices come composed; their words are still treated as web text."""
    return [_block("lines", *p.split("\n")) for p in paragraphs(message.body or "")]


def _footer(message: Message, zone: ZoneInfo) -> list[_Block]:
    """Why the message came (the subscription by name), where that subscription is managed,
    and how to leave it: the one-click link, else by email."""
    subscription = one_line(message.subscription, 200)
    shown = one_line(message.subscription_title or message.subscription, 200)
    why = f"You are receiving this because of the watcher subscription “{shown}”."
    manage = _safe_link(message.manage_url)
    manage_line = (_Link("Manage your alerts", manage),) if manage else None
    link = _safe_link(message.unsubscribe_url)
    address = _unsubscribe_address(message)
    leave: _Line | str
    if link:
        leave = (_Link(f"Unsubscribe from “{shown}”", link),)
    elif address:
        leave = f"To unsubscribe, email {address} with the subject “unsubscribe {subscription}”."
    else:
        leave = "To unsubscribe, ask the watcher's administrator."
    zone_line = f"Times are in the {zone.key} time zone."
    return [_block("footer", why, manage_line, leave, zone_line)]


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
    """A link as its words and its address: 'Read on Bluesky: https://…'."""
    return "".join(f"{s.label}: {s.url}" if isinstance(s, _Link) else s for s in line)


def _plain_block(block: _Block) -> str:
    lines = [_plain_line(line) for line in block.lines]
    if block.style == "rule":
        return "-" * 40
    if block.style in ("quote", "reported"):
        return "\n\n".join(lines)
    if block.style == "item":
        return "- " + "\n".join(lines).replace("\n", "\n  ")
    if block.style == "footer":
        return "-- \n" + "\n".join(lines)
    return "\n".join(lines)


# The HTML part is laid out for mail clients: tables for the frame (Outlook ignores max-width
# on other elements), every style inline (many clients drop <style>), system fonts, and no
# external resource at all (no images, fonts or stylesheets to fetch, nothing to track).
_FONT = "font-family:Helvetica,Arial,sans-serif"
_LINK_STYLE = "color:#0b57d0;font-weight:bold;text-decoration:underline"
_LINK_SEPARATOR = '<span style="color:#9aa0a6">&nbsp;&middot;&nbsp;</span>'
_HEADING = "line-height:1.3;color:#111111"
_HTML_TAGS: dict[_Style, tuple[str, str]] = {  # the element and its style
    "heading": ("h1", f"margin:0 0 16px;font-size:22px;{_HEADING}"),
    "subheading": ("h2", f"margin:28px 0 8px;font-size:17px;{_HEADING}"),
    "callout": ("p", "margin:0 0 16px;padding:10px 14px;background-color:#fff4d6;"
                     "border-left:4px solid #e0a800"),
    "lines": ("p", "margin:0 0 12px"),
    "meta": ("p", "margin:0 0 12px;font-size:14px;color:#5f6368"),
    "links": ("p", "margin:0 0 16px"),
    "reported": ("p", "margin:0 0 16px"),
    "item": ("li", "margin:0 0 12px"),
    "footer": ("p", "margin:0;font-size:12px;line-height:1.5;color:#6b6b6b"),
}  # fmt: skip
_QUOTE_START = (
    '<blockquote style="margin:0 0 16px;padding:2px 0 2px 16px;border-left:4px solid #5b6b7f;'
    'font-size:17px;color:#1f2328">'
)
_RULE = '<hr style="border:0;border-top:1px solid #dcdcdc;margin:24px 0">'
_LIST_START = '<ul style="margin:0 0 16px;padding-left:20px">'


def _html_line(line: _Line) -> str:
    return "".join(
        f'<a href="{html.escape(span.url)}" style="{_LINK_STYLE}">{_text(span.label)}</a>'
        if isinstance(span, _Link)
        else _text(span)
        for span in line
    ).replace("\n", "<br>\n")


def _text(text: str) -> str:
    """Text for an element's content; attribute values take html.escape with quotes."""
    return html.escape(text, quote=False)


def _html_block(block: _Block) -> str:
    if block.style == "rule":
        return _RULE
    if block.style == "quote":
        paragraphs = "".join(
            f'<p style="margin:0 0 10px">{_html_line(line)}</p>\n' for line in block.lines
        )
        return f"{_QUOTE_START}\n{paragraphs}</blockquote>"
    tag, style = _HTML_TAGS[block.style]
    start, end = f'<{tag} style="{style}">', f"</{tag}>"
    if block.style == "reported":  # a reporter's words: plain paragraphs, never a quote
        return "\n".join(f"{start}{_html_line(line)}{end}" for line in block.lines)
    joint = _LINK_SEPARATOR if block.style == "links" else "<br>\n"
    return start + joint.join(_html_line(line) for line in block.lines) + end


def _html_blocks(blocks: Sequence[_Block]) -> str:
    """The blocks drawn in order; consecutive items make one list."""
    shown = [block for block in blocks if block.lines or block.style == "rule"]
    drawn: list[str] = []
    for in_list, group in groupby(shown, key=lambda block: block.style == "item"):
        items = [_html_block(block) for block in group]
        drawn += [_LIST_START, *items, "</ul>"] if in_list else items
    return "\n".join(drawn)


def _html_document(subject: str, blocks: Sequence[_Block]) -> str:
    """A complete small document: a white card on a grey ground, 600 pixels at most, the
    footer below it; no scripts, no external resources, every web text escaped."""
    body = _html_blocks([b for b in blocks if b.style != "footer"])
    footer = _html_blocks([b for b in blocks if b.style == "footer"])
    frame = 'role="presentation" cellpadding="0" cellspacing="0" border="0"'
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(subject)}</title>\n</head>\n"
        '<body style="margin:0;padding:0;background-color:#f3f3f1">\n'
        f'<table {frame} width="100%" bgcolor="#f3f3f1" style="background-color:#f3f3f1">\n'
        '<tr><td align="center" style="padding:24px 12px">\n'
        f'<table {frame} width="600" bgcolor="#ffffff" style="width:100%;max-width:600px;'
        'background-color:#ffffff;border:1px solid #e1e1dc;border-radius:6px">\n'
        f'<tr><td style="padding:24px 28px;{_FONT};font-size:16px;line-height:1.5;'
        f'color:#1f2328;text-align:left">\n{body}\n</td></tr>\n</table>\n'
        f'<table {frame} width="600" style="width:100%;max-width:600px">\n'
        f'<tr><td style="padding:16px 28px;{_FONT};text-align:left">\n{footer}\n</td></tr>\n'
        "</table>\n</td></tr>\n</table>\n</body>\n</html>\n"
    )


# --- Short form for chat channels -------------------------------------------------------------


def _short_story(story: Sequence[Report], message: Message, zone: ZoneInfo) -> str:
    first = story[0]
    lines = reversals(story, message.earlier, zone)
    lines += [as_said(first, excerpt(story, 300)), attribution(first, zone)]
    link = _safe_link(first.url)
    return "\n".join(lines + ([link] if link else []))


def _short_alert(message: Message, zone: ZoneInfo) -> str:
    return "\n\n".join(_short_story(s, message, zone) for s in stories(message.reports))


def _short_followup(message: Message, zone: ZoneInfo) -> str:
    lines = []
    for report in message.also:
        link = _safe_link(report.url)
        lines.append(sighting(report) + (f" {link}" if link else ""))
    return "\n".join(lines)


def _short_digest(message: Message, zone: ZoneInfo) -> str:
    """One line per story: what happened, the first words, the link."""
    lines = []
    for story in stories(message.reports):
        first = story[0]
        words = ""  # plain words: the headline gives them
        if first.kind != "statement":
            said = as_said(first, excerpt(story, 200))
            words = f": {said}" if first.verbatim else f". {said}"
        link = _safe_link(first.url)
        lines.append(headline(story) + words + (f" {link}" if link else ""))
    return "\n".join(lines)


def _short_composed(message: Message, zone: ZoneInfo) -> str:
    return _shortened("\n\n".join(paragraphs(message.body or "")), 1000)


def _shortened(text: str, limit: int) -> str:
    """Text cut to at most `limit` characters, its line breaks kept (unlike one_line)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_SHORT_BODIES: dict[MessageKind, Callable[[Message, ZoneInfo], str]] = {
    "alert": _short_alert,
    "followup": _short_followup,
    "digest": _short_digest,
    "health": _short_composed,
    "notice": _short_composed,
}
