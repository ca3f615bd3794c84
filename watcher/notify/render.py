"""Alert emails, composed from records. Pure: no I/O, no clock of its own."""

from __future__ import annotations

import html
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from zoneinfo import ZoneInfo

from watcher.models import Alert, Kind
from watcher.timefmt import local_text

KIND_LABELS: dict[Kind, str] = {
    "leadership_bid": "is standing for leader",
    "leadership_declined": "is not standing for leader",
    "endorsement": "endorses",
    "resignation": "resigns",
    "defection": "defects",
    "statement": "statement",
}


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def one_line(text: str, limit: int) -> str:
    """Web text made safe for a header or a single line: no breaks, no control characters."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def mail_domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "watcher.localhost"


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
