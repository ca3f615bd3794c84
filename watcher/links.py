"""The search page's addresses that alerts, feeds, exports and the CLI link to, written once.

`base` is the page's address without a trailing slash ('' for a link within the page)."""

from __future__ import annotations

from urllib.parse import quote


def statement_page(base: str, statement_id: int) -> str:
    """A statement's own page: its words, where it was seen, its evidence."""
    return f"{base.rstrip('/')}/statements/{statement_id}"


def contest_page(base: str, contest_name: str) -> str:
    """A contest's page: its tally and chart."""
    return f"{base.rstrip('/')}/contests/{quote(contest_name, safe='')}"


def alerts_page(base: str) -> str:
    """The page that lists the subscriptions and the user's saved alerts, to manage them."""
    return f"{base.rstrip('/')}/alerts"
