"""The alerts page: subscriptions from sources.yaml (read-only), the user's saved alerts (save
a search, change, delete), and the one-click unsubscribe that alert emails link to.

Saving, changing and deleting are for the desk (`editor`, as for statuses): the forms carry a
token, a MAC under the page's form key of the user's name, and a request the browser marks as
coming from another site is refused. Unsubscribing needs no login: the link itself is signed
for one address and one subscription (`watcher.unsubscribe`). A GET shows a button, so a mail
scanner that follows links unsubscribes nobody; the POST (the button, or a mail client's
RFC 8058 one-click request) unsubscribes.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from watcher.archive import Archive
from watcher.config import Subscription
from watcher.kinds import kind_info, kind_names
from watcher.notify.saved import checked_choice
from watcher.saved_alerts import SEARCH_FIELDS, SavedAlert, alert_search, is_saved, search_fields
from watcher.unsubscribe import Unsubscribe
from watcher.web.access import alerts_token
from watcher.web.triage import FORM_LIMIT, editor, from_this_site
from watcher.web.views import Pages

Done = TypeVar("Done")


@dataclass(frozen=True)
class Posted:
    """A posted form's fields, the first value of each."""

    fields: Mapping[str, str]

    @classmethod
    def from_body(cls, body: bytes) -> Posted:
        parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        return cls({name: values[0] for name, values in parsed.items()})

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


class AlertPages:
    """The alerts page and the unsubscribe page, drawn with the search page's templates."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.config = pages.config

    @contextmanager
    def archive(self) -> Iterator[Archive]:
        archive = Archive(self.config.archive_path)
        try:
            yield archive
        finally:
            archive.close()

    # --- the alerts page ----------------------------------------------------------------

    async def show(self, request: Request) -> HTMLResponse:
        return await run_in_threadpool(self._show, request)

    def _show(self, request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
        who = editor(request, self.config.web)
        with self.archive() as archive:
            mine = archive.saved_alerts(who) if who else []
        return self.pages.render(
            "alerts.html",
            status=status,
            editor=who,
            token=alerts_token(self.pages.form_key, who) if who else "",
            saved=[(alert, describe_search(alert)) for alert in mine],
            subscriptions=[(s, describe(s)) for s in self.config.notify.subscriptions],
            form_error=error,
        )

    async def save(self, request: Request) -> Response:
        """Save the search the form carries as a new alert of the user's."""
        posted, who, refused = await self._checked(request)
        if refused or who is None:
            return refused or _refused("Only the desk may save alerts.")
        search = alert_search(dict(posted.fields))
        source_name = self._source_name(search_fields(search).get("source"))
        try:
            choice = checked_choice(
                posted.get("name"), posted.get("address"), _mode(posted), search, source_name
            )
        except ValueError as exc:
            return await run_in_threadpool(self._show, request, str(exc), 400)
        now = self.pages.clock()
        alert_id = await run_in_threadpool(self._write, lambda a: a.save_alert(who, choice, now))
        return RedirectResponse(f"{self.pages.root}/alerts#alert-{alert_id}", status_code=303)

    async def change(self, request: Request) -> Response:
        """Change one of the user's alerts (name, address, mode), or delete it."""
        alert_id = int(request.path_params["id"])
        posted, who, refused = await self._checked(request)
        if refused or who is None:
            return refused or _refused("Only the desk may change alerts.")
        now = self.pages.clock()
        if posted.get("action") == "delete":
            done = await run_in_threadpool(
                self._write, lambda a: a.delete_alert(alert_id, who, now)
            )
        else:
            alert = await run_in_threadpool(self._own_alert, who, alert_id)
            if alert is None:
                return self.pages.not_found(f"You have no alert {alert_id}.")
            old = alert.choice
            try:
                choice = checked_choice(
                    posted.get("name"),
                    posted.get("address"),
                    _mode(posted),
                    old.search,
                    old.source_name,
                )
            except ValueError as exc:
                return await run_in_threadpool(self._show, request, str(exc), 400)
            done = await run_in_threadpool(
                self._write, lambda a: a.change_alert(alert_id, who, choice, now)
            )
        if not done:
            return self.pages.not_found(f"You have no alert {alert_id}.")
        return RedirectResponse(f"{self.pages.root}/alerts", status_code=303)

    async def _checked(self, request: Request) -> tuple[Posted, str | None, Response | None]:
        """The posted form, the user, and the refusal when the form may not be taken."""
        who = editor(request, self.config.web)
        empty = Posted({})
        if who is None or not from_this_site(request, self.config.web.base_url):
            return empty, None, _refused("Only the desk may manage alerts, from this page.")
        body = await request.body()
        if len(body) > FORM_LIMIT:
            return empty, None, _refused("The form is too long.", 413)
        posted = Posted.from_body(body)
        expected = alerts_token(self.pages.form_key, who)
        if not hmac.compare_digest(expected, posted.get("token")):
            return empty, None, _refused("The form has expired: open the page again.")
        return posted, who, None

    def _own_alert(self, who: str, alert_id: int) -> SavedAlert | None:
        with self.archive() as archive:
            return next((a for a in archive.saved_alerts(who) if a.id == alert_id), None)

    def _write(self, action: Callable[[Archive], Done]) -> Done:
        with self.archive() as archive:
            return action(archive)

    def _source_name(self, source_id: str | None) -> str | None:
        if not source_id:
            return None
        with self.pages.reader() as reader:
            return next((s.name for s in reader.sources() if str(s.id) == source_id), None)

    # --- unsubscribing ------------------------------------------------------------------

    async def unsubscribe(self, request: Request) -> Response:
        """GET: what the link would do, and a button. POST: done."""
        link = Unsubscribe.from_params(dict(request.query_params))
        valid = await run_in_threadpool(self._valid, link)
        if not valid:
            return self.pages.render("unsubscribe.html", status=400, link=None)
        if request.method == "POST":
            if len(await request.body()) > FORM_LIMIT:
                return _refused("The form is too long.", 413)
            now = self.pages.clock()
            await run_in_threadpool(self._unsubscribe, link, now)
        return self.pages.render(
            "unsubscribe.html",
            link=link,
            action=f"{self.pages.root}/unsubscribe?{request.url.query}",
            done=request.method == "POST",
            shown=self._shown_name(link.subscription),
        )

    def _valid(self, link: Unsubscribe) -> bool:
        with self.archive() as archive:
            key = self.config.web.link_key or archive.link_key()
        return link.is_valid(key)

    def _unsubscribe(self, link: Unsubscribe, now: datetime) -> None:
        with self.archive() as archive:
            archive.unsubscribe(link.subscription, link.address, now)

    def _shown_name(self, subscription: str) -> str:
        """A saved alert's title, else the subscription's name as the link gives it."""
        if not is_saved(subscription):
            return subscription
        with self.archive() as archive:
            alert = next(
                (a for a in archive.saved_alerts() if a.subscription_name == subscription), None
            )
        return alert.choice.name if alert else subscription


def describe_search(alert: SavedAlert) -> list[tuple[str, str]]:
    """What a saved alert's search chooses, in words: (what, value) pairs."""
    fields = search_fields(alert.choice.search)
    labels = {"q": "words", "mp": "MP", "party": "party", "kind": "kind", "source": "source"}
    shown = []
    for name in SEARCH_FIELDS:
        value = fields.get(name)
        if not value:
            continue
        if name == "kind":
            value = kind_info(value).label if value in kind_names() else value
        if name == "source":
            value = alert.choice.source_name or value
        shown.append((labels[name], value))
    return shown or [("every", "statement")]


def describe(subscription: Subscription) -> list[tuple[str, str]]:
    """What a subscription from sources.yaml chooses, in words."""
    shown = []
    if subscription.mps:
        shown.append(("MPs", ", ".join(sorted(subscription.mps))))
    if subscription.parties:
        shown.append(("parties", ", ".join(sorted(subscription.parties))))
    if subscription.kinds is not None:
        kinds = sorted(kind_info(k).label for k in subscription.kinds)
        shown.append(("kinds", ", ".join(kinds)))
    if subscription.sources:
        shown.append(("sources", ", ".join(sorted(subscription.sources))))
    if subscription.query:
        shown.append(("words", subscription.query))
    if subscription.contests:
        shown.append(("contests", ", ".join(sorted(subscription.contests))))
    return shown or [("every", "statement")]


def _refused(message: str, status: int = 403) -> Response:
    return Response(f"{message}\n", status_code=status, media_type="text/plain; charset=utf-8")


def _mode(posted: Posted) -> str:
    """The mode chosen; a form that names none asks for alerts at once."""
    return posted.get("mode") or "immediate"
