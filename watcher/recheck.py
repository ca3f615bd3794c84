"""Reading archived items again, on a slower schedule than the polls, for deletions and edits.

The MPs' own items and the articles that carried a contest statement are read again at their
own addresses for `settings.recheck.within` after they were first seen, each at most once per
`settings.recheck.every`. An address that answers 404 or 410 means the item was deleted; an
article whose text now reads otherwise was edited. Any other failure deletes nothing: the item
is tried again later. The requests go through the poll's own fetcher, so the per-host limits
hold for them too, and a round of rechecks has the budget of one poll.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from watcher.archive.changes import Compose, NewVersion, RecheckTarget
from watcher.changes import diff_lines, diff_text, same_text
from watcher.errors import FetchError, HTTPStatusError
from watcher.models import Source
from watcher.notify.deliver import queue_policy
from watcher.parse import MAX_TEXT, parse_page
from watcher.pipeline import PollContext, change_alerts, with_live_subscriptions
from watcher.sources import kind_of

log = logging.getLogger(__name__)

GONE = (404, 410)


@dataclass(frozen=True)
class RecheckOutcome:
    checked: int = 0
    deleted: int = 0
    edited: int = 0
    alerts: int = 0


async def recheck_items(ctx: PollContext) -> RecheckOutcome:
    """Read again the items that are due; record what became of them and queue the alerts."""
    ctx = with_live_subscriptions(ctx)
    settings = ctx.config.settings.recheck
    if not settings.enabled:
        return RecheckOutcome()
    targets = ctx.archive.due_rechecks(
        ctx.clock(), settings.within, settings.every, settings.per_round
    )
    sources = {source.url: source for source in ctx.config.sources}
    outcome = RecheckOutcome()
    try:
        async with asyncio.timeout(ctx.config.settings.budget):
            for target in targets:
                found = await recheck_item(target, sources.get(target.source_url), ctx)
                outcome = _add(outcome, found)
    except TimeoutError:
        log.warning("recheck: out of time; %d items wait", len(targets) - outcome.checked)
    if targets:
        log.info(
            "recheck items=%d deleted=%d edited=%d alerts=%d",
            outcome.checked,
            outcome.deleted,
            outcome.edited,
            outcome.alerts,
        )
    return outcome


async def recheck_item(
    target: RecheckTarget, source: Source | None, ctx: PollContext
) -> RecheckOutcome:
    """Read one item again at its address."""
    compose = change_alerts(ctx)
    if source is None or kind_of(source).edits(source) == "page":
        # no longer configured, or a page read whole at each poll: nothing to read here
        ctx.archive.record_recheck(target.item_id, ctx.clock(), answered=False)
        return RecheckOutcome(checked=1)
    try:
        page = await ctx.fetcher.fetch(target.url, origin=source.url)
    except HTTPStatusError as exc:
        if exc.status not in GONE:
            return _unanswered(target, ctx, exc)
        detail = f"its address answered HTTP {exc.status}"
        version = NewVersion(target.item_id, "removed", detail=detail)
        alerts = _record(target, ctx, compose, answered=False, version=version)
        return RecheckOutcome(checked=1, deleted=1, alerts=alerts)
    except FetchError as exc:
        return _unanswered(target, ctx, exc)
    edited = None
    if kind_of(source).wants_articles(source):
        edited = await _edit(target, page.body, page.url)
    alerts = _record(target, ctx, compose, answered=True, version=edited)
    return RecheckOutcome(checked=1, edited=int(edited is not None), alerts=alerts)


async def _edit(target: RecheckTarget, body: bytes, url: str) -> NewVersion | None:
    """The edit an article's text shows against the text last seen, if any."""
    try:
        article = await asyncio.to_thread(parse_page, body, url)
    except Exception:  # an unreadable page tells nothing; it is read again later
        log.exception("recheck: article not readable: %s", url)
        return None
    text = article.text[:MAX_TEXT]
    if not text.strip() or same_text(text, target.text):
        return None
    diff = diff_text(diff_lines(target.text, text))
    return NewVersion(target.item_id, "changed", target.title, text, diff=diff)


def _record(
    target: RecheckTarget,
    ctx: PollContext,
    compose: Compose,
    *,
    answered: bool,
    version: NewVersion | None,
) -> int:
    policy = queue_policy(ctx.config.notify)
    return ctx.archive.record_recheck(
        target.item_id,
        ctx.clock(),
        answered=answered,
        version=version,
        compose=compose,
        policy=policy,
    )


def _unanswered(target: RecheckTarget, ctx: PollContext, exc: FetchError) -> RecheckOutcome:
    log.info("recheck: %s not read (%s); tried again later", target.url, exc)
    ctx.archive.record_recheck(target.item_id, ctx.clock(), answered=False)
    return RecheckOutcome(checked=1)


def _add(total: RecheckOutcome, one: RecheckOutcome) -> RecheckOutcome:
    return RecheckOutcome(
        total.checked + one.checked,
        total.deleted + one.deleted,
        total.edited + one.edited,
        total.alerts + one.alerts,
    )
