"""`settings.hosts`: how hard the watcher may press each host, and every host together.

A host nobody named gets the polite default, `settings.per_host` requests in flight and no
rate; a host the desk trusts (its own feed server, a platform it has an agreement with) can be
given more, or a rate instead. `settings.in_flight` bounds all hosts together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import Field

from watcher.config.locator import Locator
from watcher.errors import ConfigProblem
from watcher.values import Rate, Strict

MAX_IN_FLIGHT = 1000  # requests in flight at once, one host or all together


class HostEntry(Strict):
    in_flight: int | None = Field(None, ge=1, le=MAX_IN_FLIGHT)  # default: settings.per_host
    rate: Rate | None = None  # requests a second at most, as "5/s", "120/m" or "600/h"


@dataclass(frozen=True)
class HostLimit:
    """What one host may be sent: requests in flight at once, and starts a second (None: no
    rate, only the in-flight limit)."""

    in_flight: int
    rate: float | None = None


def check_hosts(
    hosts: Mapping[str, HostEntry], per_host: int, in_flight: int, at: Locator
) -> list[ConfigProblem]:
    """A host's limit above the one for all hosts together could never be reached."""
    problems = []
    for name, entry in hosts.items():
        if (entry.in_flight or per_host) > in_flight:
            message = (
                f"{entry.in_flight or per_host} requests in flight to {name} is more than"
                f" settings.in_flight ({in_flight}), the limit for all hosts together;"
                " raise settings.in_flight too"
            )
            problems.append(at.problem(("settings", "hosts", name, "in_flight"), message))
    return problems


def hosts_named_twice(at: Locator) -> list[ConfigProblem]:
    """Host names differ from one another in more than case: `Feeds.Example.org` and
    `feeds.example.org` are one host, and one of its two entries would silently lose."""
    settings = at.data.get("settings") if isinstance(at.data, dict) else None
    hosts = settings.get("hosts") if isinstance(settings, dict) else None
    if not isinstance(hosts, dict):
        return []
    seen: set[str] = set()
    problems = []
    for name in hosts:
        key = str(name).strip().lower().rstrip(".")
        if key in seen:
            message = f"the host {key} is named twice (host names ignore case)"
            problems.append(at.problem(("settings", "hosts", name), message))
        seen.add(key)
    return problems
