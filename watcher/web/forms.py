"""The search as it travels in the URL: read from query parameters, checked, written back.

The URL holds the whole search, so a link pasted in the newsroom chat opens the same page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from watcher.archive.search import Filters, Sort
from watcher.kinds import kind_names
from watcher.timefmt import day_bounds
from watcher.triage import STATUSES


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    mp: str = ""
    party: str = ""
    kind: str = ""
    source: str = ""  # a source id
    since: str = ""  # YYYY-MM-DD, the whole day in the configured zone
    until: str = ""
    sort: str = "time"
    status: str = ""  # the desk's: new, verified, used or dismissed
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> SearchForm:
        values: dict[str, Any] = {
            f.name: params.get(f.name, "").strip() for f in fields(cls) if f.name != "page"
        }
        values["sort"] = "relevance" if values["sort"] == "relevance" else "time"
        page = params.get("page", "1")
        values["page"] = min(int(page), 10_000) if page.isdigit() and int(page) > 0 else 1
        return cls(**values)

    def filters(self, zone: ZoneInfo) -> Filters:
        """The search to run; ValueError says in words what is wrong with the form."""
        if self.kind and self.kind not in kind_names():
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.status and self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.source and not self.source.isdigit():
            raise ValueError(f"unknown source {self.source!r}")
        sort: Sort = "relevance" if self.sort == "relevance" and self.q else "time"
        return Filters(
            text=self.q,
            mp=self.mp or None,
            party=self.party or None,
            kind=self.kind or None,
            source_id=int(self.source) if self.source else None,
            since=_day(self.since, zone, end=False, label="from"),
            until=_day(self.until, zone, end=True, label="to"),
            sort=sort,
            status=self.status or None,
        )

    def query_string(self, **changes: Any) -> str:
        """This search as URL parameters (defaults left out), with `changes` applied."""
        changed = replace(self, **changes)
        default = SearchForm()
        kept = {k: v for k, v in asdict(changed).items() if v != getattr(default, k)}
        return urlencode(kept)

    @property
    def is_empty(self) -> bool:
        return self == SearchForm(sort=self.sort, page=self.page)


def _day(text: str, zone: ZoneInfo, *, end: bool, label: str) -> datetime | None:
    if not text:
        return None
    try:
        return day_bounds(text, zone, end=end)
    except ValueError:
        raise ValueError(f"the {label} date {text!r} is not a date (write 2024-06-03)") from None
