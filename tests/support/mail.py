"""Reading an alert back as a mail client would: valid MIME, a plain part and an HTML part."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage


def from_bytes(raw: bytes) -> EmailMessage:
    """A message parsed from its bytes (CRLF line ends allowed), with no parsing defects."""
    parsed = email.message_from_bytes(raw.replace(b"\r\n", b"\n"), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed.defects == []
    return parsed


def reparsed(message: EmailMessage) -> EmailMessage:
    """The message as written out, then read back."""
    return from_bytes(message.as_bytes())


def parts(message: EmailMessage) -> tuple[str, str]:
    """(plain, html) of a multipart/alternative message, checking it is one."""
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None
    assert rich is not None
    return str(plain.get_content()), str(rich.get_content())
