"""Alerts people manage themselves: a search saved from the page, and addresses that left.

A user of the search page saves the search they are looking at as an alert, sent to one
address, at once or in an hourly digest. The archive keeps it (`saved_alerts`), and
`watcher.notify.saved` makes it a subscription like those of sources.yaml. Its name there,
`saved alert N`, does not change when the user renames it, since the outbox and the digests
go by that name. Pure: the archive stores what these records say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from typing import Literal, get_args
from urllib.parse import parse_qs, urlencode

from watcher.kinds import kind_names

Mode = Literal["immediate", "digest"]
MODES: tuple[Mode, ...] = get_args(Mode)
NAME_LIMIT = 100  # characters of an alert's name
ADDRESS_LIMIT = 254  # characters of an email address (RFC 5321)
SEARCH_FIELDS = ("q", "mp", "party", "kind", "source")  # what of a search an alert keeps
SAVED_PREFIX = "saved alert "


@dataclass(frozen=True)
class AlertChoice:
    """What an alert asks for, as a user saves or changes it; `check()` says what is wrong."""

    name: str
    address: str
    mode: Mode
    search: str  # the search's URL parameters that an alert keeps (see SEARCH_FIELDS)
    source_name: str | None = None  # the name of the source the search chose, if any


@dataclass(frozen=True)
class SavedAlert:
    """An alert as the archive keeps it."""

    id: int
    owner: str  # the page user who saved it
    choice: AlertChoice
    created_at: datetime
    updated_at: datetime

    @property
    def subscription_name(self) -> str:
        return subscription_name(self.id)


def subscription_name(alert_id: int) -> str:
    return f"{SAVED_PREFIX}{alert_id}"


def is_saved(subscription: str) -> bool:
    """Whether a subscription name is a saved alert's rather than one from sources.yaml."""
    return subscription.startswith(SAVED_PREFIX)


def alert_search(params: dict[str, str]) -> str:
    """The parts of a search's URL parameters that an alert keeps, as URL parameters."""
    kept = {name: params[name].strip() for name in SEARCH_FIELDS if params.get(name, "").strip()}
    return urlencode(kept)


def make_choice(
    name: str, address: str, mode: str, search: str, source_name: str | None = None
) -> AlertChoice:
    """The alert as asked for, checked; ValueError says in words what is wrong."""
    name = " ".join(name.split())[:NAME_LIMIT]
    given = address.strip()
    mailbox = parseaddr(given)[1]
    plain = mailbox == given and not any(ch.isspace() or ch in "<>,;\"'" for ch in given)
    if not plain or mailbox.count("@") != 1 or len(mailbox) > ADDRESS_LIMIT:
        raise ValueError(f"{given!r} is not an email address (write name@example.org)")
    if mode not in MODES:
        raise ValueError(f"an alert is sent immediately or in a digest, not {mode!r}")
    fields = search_fields(search)
    if fields.get("kind") and fields["kind"] not in kind_names():
        raise ValueError(f"unknown kind {fields['kind']!r}")
    if fields.get("source") and not source_name:
        raise ValueError(f"unknown source {fields['source']!r}")
    shown = name or _default_name(fields, source_name)
    mode_: Mode = "digest" if mode == "digest" else "immediate"
    return AlertChoice(shown, mailbox, mode_, alert_search(fields), source_name)


def _default_name(fields: dict[str, str], source_name: str | None) -> str:
    parts = [fields.get("q", ""), fields.get("mp", ""), fields.get("party", "")]
    parts += [fields.get("kind", ""), source_name or ""]
    return ", ".join(p for p in parts if p)[:NAME_LIMIT] or "every statement"


def search_fields(search: str) -> dict[str, str]:
    parsed = parse_qs(search, keep_blank_values=False)
    return {name: parsed[name][0].strip() for name in SEARCH_FIELDS if parsed.get(name)}


def mailbox_of(address: str) -> str:
    """An address as unsubscriptions are kept and compared: the mailbox, casefolded."""
    return parseaddr(address)[1].casefold()
