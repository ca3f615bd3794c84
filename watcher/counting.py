"""Counts in words: "1 source", "2 sources"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """'1 subscription', '2 subscriptions'; `plural` where adding an s is wrong."""
    word = singular if count == 1 else plural or f"{singular}s"
    return f"{count} {word}"
