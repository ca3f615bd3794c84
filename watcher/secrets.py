"""What may be shown of an address that holds secrets: an Apprise URL carries tokens and
passwords, so logs, the outbox listing and errors show only its scheme."""

from __future__ import annotations


def scheme_of(url: str) -> str:
    """'slack' for 'slack://T000/B000/XXXX'."""
    return url.partition("://")[0]


def without_secrets(url: str) -> str:
    """'slack://…' for 'slack://T000/B000/XXXX'."""
    return f"{scheme_of(url)}://…"
