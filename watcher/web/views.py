"""The pages and data endpoints. Each opens a read-only reader, asks it, and renders."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from watcher.archive import Archive, triage
from watcher.archive.search import (
    Filters,
    Reader,
    ResultPage,
    Summary,
    marked_parts,
    open_reader,
)
from watcher.config import Config
from watcher.contest_table import dates_text, declaration
from watcher.contests import (
    SUGGEST_DAYS,
    Contest,
    Tally,
    read_tally,
    suggest,
    tally_record,
)
from watcher.errors import SearchError
from watcher.hygiene import strip_bidi, web_link
from watcher.kinds import kind_info, kind_names
from watcher.links import contest_page
from watcher.models import Report
from watcher.saved_alerts import SEARCH_FIELDS
from watcher.timefmt import local_text, said_text, to_iso
from watcher.triage import REASON_LABELS, STATUSES, Mark, make_mark
from watcher.web import feeds
from watcher.web.access import alerts_token
from watcher.web.chart import backers_by_day, lay_out
from watcher.web.evidence import changes, quote_context
from watcher.web.forms import SearchForm
from watcher.web.timeline import lay_out as lay_out_bars
from watcher.web.timeline import matches_over_time
from watcher.web.triage import (
    FORM_LIMIT,
    StatusForm,
    editor,
    form_token,
    from_this_site,
    token_is_valid,
)

PER_PAGE = 20
FEED_SIZE = 50
CSV_LIMIT = 10_000  # rows in one export; a larger export is cut off, and says so in a header


@dataclass(frozen=True)
class Feed:
    """A feed a page announces with <link rel="alternate">."""

    title: str
    url: str


@dataclass(frozen=True)
class NewSince:
    """What arrived since a user's last visit and nobody has marked yet."""

    since: datetime
    cards: tuple[Report, ...]  # the newest of them
    total: int


def utc_now() -> datetime:
    return datetime.now(UTC)


def kinds_stylesheet() -> str:
    """Each statement kind's colour, from its entry in `watcher.kinds`."""
    colours = ((kind, kind_info(kind).colour) for kind in kind_names())
    return "".join(f".kind-{kind} {{ background: {colour}; }}\n" for kind, colour in colours)


class Pages:
    def __init__(
        self,
        config: Config,
        clock: Callable[[], datetime] = utc_now,
        form_key: bytes | None = None,
    ) -> None:
        self.config = config
        self.clock = clock
        self.form_key = form_key or secrets.token_bytes(32)  # signs the forms' tokens
        self.zone = config.settings.zone
        self.root = urlsplit(config.web.base_url or "").path.rstrip("/")
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("watcher.web", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=shown,
        )
        self.templates.filters.update(
            local=lambda moment: local_text(moment, self.zone),
            said=lambda card: said_text(card.said_at, card.said_at_precision, self.zone),
            iso=to_iso,
            marked=marked_html,
            href=web_link,
            path=lambda text: quote(text, safe=""),
            kind_label=lambda kind: kind_info(kind).label,
        )

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        with open_reader(self.config.archive_path) as reader:
            yield reader

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("feeds", [])
        html = self.templates.get_template(name).render(
            root=self.root, kinds=kind_names(), **context
        )
        return HTMLResponse(html, status_code=status)

    def base(self, request: Request) -> str:
        """The page's absolute address, for links that leave it (feeds, exports)."""
        return self.config.web.base_url or str(request.base_url).rstrip("/")

    def kinds_css(self, request: Request) -> Response:
        return Response(kinds_stylesheet(), media_type="text/css")

    # --- search -------------------------------------------------------------------------

    def search(self, request: Request) -> HTMLResponse:
        form = SearchForm.from_params(request.query_params)
        with self.reader() as reader:
            choices = {
                "mps": reader.mps_with_statements(),
                "parties": reader.parties(),
                "sources": reader.sources(),
            }
            results, error = self._run(reader, form)
            summary = reader.summary(form.filters(self.zone)) if results else None
            nothing_works = not reader.any_source_worked()
        drawing = lay_out_bars(matches_over_time(summary.times, self.zone)) if summary else None
        who = editor(request, self.config.web)
        fresh = self._new_since_last_visit(who) if who and form.is_empty else None
        return self.render(
            "search.html",
            fresh=fresh,
            editor=who,
            alert_token=alerts_token(self.form_key, who) if who else "",
            alert_fields=SEARCH_FIELDS,
            statuses=STATUSES,
            status=400 if error else 200,
            form=form,
            results=results,
            error=error,
            summary=summary,
            counts=_count_lookup(summary),
            drawing=drawing,
            nothing_works=nothing_works,
            feeds=self._search_feeds(form),
            **choices,
        )

    def _new_since_last_visit(self, user: str) -> NewSince | None:
        """The statements still new that were archived since the user's last visit; None on
        their first. The view counts as a visit."""
        archive = Archive(self.config.archive_path)
        try:
            seen = archive.visit(user, self.clock())
            if seen.previous_seen_at is None:
                return None
            ids, total = triage.new_since(archive.db, seen.previous_seen_at, PER_PAGE)
            cards = Reader(archive.db).cards(ids)
        finally:
            archive.close()
        return NewSince(seen.previous_seen_at, tuple(cards), total)

    def _run(
        self, reader: Reader, form: SearchForm, per_page: int = PER_PAGE, grouped: bool = True
    ) -> tuple[ResultPage | None, str | None]:
        """One page of the search: a card per statement, unless not `grouped` (a row per
        statement as archived, for the CSV export and the feeds, whose entries keep their ids
        when another outlet reports a statement)."""
        try:
            filters = form.filters(self.zone)
            return reader.search(filters, page=form.page, per_page=per_page, grouped=grouped), None
        except (ValueError, SearchError) as exc:
            return None, str(exc)

    def _search_feeds(self, form: SearchForm) -> list[Feed]:
        feeds_ = [Feed("Statements of this search", self._search_feed_url(form))]
        if form.mp:
            feeds_.append(Feed(f"Statements by {form.mp}", self._mp_feed_url(form.mp)))
        if form.kind in kind_names():
            feeds_.append(Feed(f"Statements of kind {form.kind}", self._kind_feed_url(form.kind)))
        return feeds_

    def _search_feed_url(self, form: SearchForm) -> str:
        query = form.query_string(page=1, sort="time")
        return f"{self.root}/search.atom" + (f"?{query}" if query else "")

    def _mp_feed_url(self, name: str) -> str:
        return f"{self.root}/mps/{quote(name, safe='')}/feed.atom"

    def _kind_feed_url(self, kind: str) -> str:
        return f"{self.root}/kinds/{kind}/feed.atom"

    def search_json(self, request: Request) -> JSONResponse:
        form = SearchForm.from_params(request.query_params)
        with self.reader() as reader:
            results, error = self._run(reader, form)
        if results is None:
            return JSONResponse({"error": error}, status_code=400)
        base = self.base(request)
        next_url = f"{base}/api/search?{form.query_string(page=form.page + 1)}"
        return JSONResponse(
            {
                "page": results.page,
                "per_page": results.per_page,
                "next": next_url if results.has_next else None,
                "results": [feeds.record(card, base) for card in results.cards],
            }
        )

    def search_csv(self, request: Request) -> Response:
        form = SearchForm.from_params(request.query_params)
        with self.reader() as reader:
            results, error = self._run(reader, replace(form, page=1), CSV_LIMIT, grouped=False)
        if results is None:
            return Response(f"{error}\n", status_code=400, media_type="text/plain")
        headers = {"content-disposition": 'attachment; filename="statements.csv"'}
        if results.has_next:
            headers["x-watcher-truncated"] = f"first {CSV_LIMIT} rows"
        body = feeds.csv_text(results.cards, self.base(request), self.zone)
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)

    def search_atom(self, request: Request) -> Response:
        form = SearchForm.from_params(request.query_params)
        title = f"watcher: {form.q}" if form.q else "watcher: statements"
        return self._atom(request, form, title)

    def _atom(self, request: Request, form: SearchForm, title: str) -> Response:
        newest = replace(form, page=1, sort="time")
        with self.reader() as reader:
            results, error = self._run(reader, newest, FEED_SIZE, grouped=False)
        if results is None:
            return Response(f"{error}\n", status_code=400, media_type="text/plain")
        base = self.base(request)
        page = f"{base}/?{newest.query_string()}"
        body = feeds.atom(
            results.cards, title=title, feed_url=str(request.url), page_url=page, base=base
        )
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    # --- one statement ------------------------------------------------------------------

    def statement(self, request: Request) -> HTMLResponse:
        return self._statement(request, int(request.path_params["id"]))

    def _statement(
        self, request: Request, statement_id: int, error: str | None = None, status: int = 200
    ) -> HTMLResponse:
        with self.reader() as reader:
            page = reader.statement(statement_id)
            changes_ = triage.history(reader.db, statement_id) if page else ()
        if page is None:
            return self.not_found(f"There is no statement {statement_id} in the archive.")
        who = editor(request, self.config.web)
        latest = page.versions[-1] if page.versions else None
        edits = [v for v in page.versions if v.status == "changed"]
        last_text = edits[-1].text or "" if edits else page.item_text
        diff = []
        if latest is not None and latest.status == "changed":
            diff = changes(page.item_text, latest.text or "")
        return self.render(
            "statement.html",
            page=page,
            card=page.card,
            context=quote_context(page.item_text, page.card.text),
            latest=latest,
            last_text=last_text,
            diff=diff,
            feeds=[Feed(f"Statements by {page.card.mp}", self._mp_feed_url(page.card.mp))],
            triage=changes_[-1] if changes_ else None,
            history=changes_,
            editor=who,
            token=form_token(self.form_key, who, statement_id) if who else "",
            statuses=STATUSES,
            reasons=REASON_LABELS,
            form_error=error,
            status=status,
        )

    async def set_status(self, request: Request) -> Response:
        """The status form of a statement's page: checked, stored, and back to the page."""
        statement_id = int(request.path_params["id"])
        who = editor(request, self.config.web)
        if who is None or not from_this_site(request, self.config.web.base_url):
            return _refused("Only the desk may change a statement's status, from its own page.")
        body = await request.body()
        if len(body) > FORM_LIMIT:
            return _refused("The form is too long.", 413)
        form = StatusForm.from_body(body)
        if not token_is_valid(self.form_key, who, statement_id, form.token):
            return _refused("The form has expired: open the statement's page again.")
        try:
            decision = make_mark(
                statement_id, form.status, who, self.clock(), form.note, form.reason,
                form.corrected_kind,
            )  # fmt: skip
        except ValueError as exc:
            return await run_in_threadpool(self._statement, request, statement_id, str(exc), 400)
        if not await run_in_threadpool(self._mark, decision):
            return self.not_found(f"There is no statement {statement_id} in the archive.")
        return RedirectResponse(f"{self.root}/statements/{statement_id}#status", status_code=303)

    def _mark(self, decision: Mark) -> bool:
        archive = Archive(self.config.archive_path)
        try:
            return archive.mark(decision)
        finally:
            archive.close()

    # --- MPs, kinds and sources ---------------------------------------------------------

    def mp(self, request: Request) -> HTMLResponse:
        name = request.path_params["name"]
        form = SearchForm.from_params(request.query_params)
        with self.reader() as reader:
            profile = reader.mp(name)
            if profile is None:
                return self.not_found(f"There is no MP called {name!r} in the archive.")
            timeline = reader.search(Filters(mp=profile.name), page=form.page, grouped=True)
            given = reader.search(
                Filters(mp=profile.name, kind="endorsement"), per_page=50, grouped=True
            )
            received = reader.endorsements_received(profile)
            sources = reader.sources(mp_id=profile.id)
        return self.render(
            "mp.html",
            mp=profile,
            timeline=timeline,
            given=given.cards,
            received=received,
            sources=sources,
            feeds=[Feed(f"Statements by {profile.name}", self._mp_feed_url(profile.name))],
        )

    def mp_atom(self, request: Request) -> Response:
        name = request.path_params["name"]
        with self.reader() as reader:
            profile = reader.mp(name)
        if profile is None:
            return Response("no such MP\n", status_code=404, media_type="text/plain")
        return self._atom(request, SearchForm(mp=profile.name), f"watcher: {profile.name}")

    def kind_atom(self, request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in kind_names():
            return Response("no such kind\n", status_code=404, media_type="text/plain")
        return self._atom(request, SearchForm(kind=kind), f"watcher: {kind}")

    def sources(self, request: Request) -> HTMLResponse:
        with self.reader() as reader:
            rows = reader.sources()
        return self.render("sources.html", sources=rows)

    # --- contests -----------------------------------------------------------------------

    def contests(self, request: Request) -> HTMLResponse:
        """Every contest with its candidates, and races with bids but no contest."""
        since = self.clock() - timedelta(days=SUGGEST_DAYS)
        with self.reader() as reader:
            tallies = [self._tally(reader, c) for c in self.config.contests]
            bids = reader.contest_statements(since, None)
        suggestions = suggest(self.config.contests, bids, self.zone)
        return self.render(
            "contests.html",
            tallies=tallies,
            suggestions=suggestions,
            dates=dates_text,
            declaration=lambda s: declaration(s, self.zone),
        )

    def contest(self, request: Request) -> HTMLResponse:
        contest = self.config.find_contest(request.path_params["name"])
        if contest is None:
            return self.not_found(f"There is no contest called {request.path_params['name']!r}.")
        with self.reader() as reader:
            result = self._tally(reader, contest)
        today = self.clock().astimezone(self.zone).date()
        chart = backers_by_day(result, self.zone, today)
        return self.render(
            "contest.html",
            tally=result,
            contest=contest,
            dates=dates_text(contest),
            drawing=lay_out(chart, contest.threshold),
            address=self._contest_url(contest),
        )

    def contest_json(self, request: Request) -> Response:
        result = self._tally_at(request)
        if result is None:
            return JSONResponse({"error": "no such contest"}, status_code=404)
        return JSONResponse(tally_record(result, self.base(request)))

    def contest_csv(self, request: Request) -> Response:
        result = self._tally_at(request)
        if result is None:
            return Response("no such contest\n", status_code=404, media_type="text/plain")
        name = feeds.file_name(result.contest.name)
        headers = {"content-disposition": f'attachment; filename="{name}.csv"'}
        body = feeds.tally_csv(result, self.base(request))
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)

    def _tally_at(self, request: Request) -> Tally | None:
        contest = self.config.find_contest(request.path_params["name"])
        if contest is None:
            return None
        with self.reader() as reader:
            return self._tally(reader, contest)

    def _tally(self, reader: Reader, contest: Contest) -> Tally:
        return read_tally(reader.contest_statements, contest, self.config.known_mps, self.zone)

    def _contest_url(self, contest: Contest) -> str:
        return contest_page(self.root, contest.name)

    def not_found(self, message: str) -> HTMLResponse:
        return self.render("not_found.html", status=404, message=message)


def _refused(message: str, status: int = 403) -> Response:
    return Response(f"{message}\n", status_code=status, media_type="text/plain; charset=utf-8")


def _count_lookup(summary: Summary | None) -> dict[str, dict[str, int]]:
    """Each filter's counts by value, for the template to write beside its choices."""
    if summary is None:
        return {"mp": {}, "party": {}, "kind": {}, "source": {}}
    facets = {
        "mp": summary.mps,
        "party": summary.parties,
        "kind": summary.kinds,
        "source": summary.sources,
    }
    return {name: {c.value: c.count for c in counts} for name, counts in facets.items()}


def marked_html(marked: str) -> Markup:
    """A marked text as HTML: every piece escaped, the matches in <mark>."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(piece) if hit else escape(piece)
        for piece, hit in marked_parts(marked)
    )


def shown(value: Any) -> Any:
    """Every value a template prints, text and markup alike, without bidirectional controls."""
    if isinstance(value, Markup):
        return Markup(strip_bidi(value))  # noqa: S704 (escaped already; nothing is added)
    return strip_bidi(value) if isinstance(value, str) else value
