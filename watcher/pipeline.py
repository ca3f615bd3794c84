"""One source, all stages: fetch -> parse -> extract -> archive (with the alerts it queues).

`poll_source()` is what the daemon's scheduler and the one-round mode both call. A poll has a
budget, `settings.budget`, for all its requests, retries, redirects and linked articles: one
over it is cancelled and recorded as the source's failure, so a slow host holds up nothing
else.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TypeVar

from watcher.archive import Archive, SourceState, claimant_id
from watcher.archive.batch import GroupCommit
from watcher.archive.changes import Compose, NewVersion
from watcher.archive.outbox import NewMessage, message_key
from watcher.changes import UNLISTED, deleted_from_feed
from watcher.config import Config
from watcher.errors import (
    ArchiveFullError,
    ArchiveLockedError,
    BudgetError,
    FetchError,
    HTTPStatusError,
    ParseError,
)
from watcher.extract import find_mentions, read_item
from watcher.fetch import Fetcher
from watcher.health import assess, health_message, needs_message
from watcher.models import FetchResult, Finding, Item, PollOutcome, Source, Validators
from watcher.notify.changes import change_messages
from watcher.notify.deliver import queue_policy
from watcher.notify.route import route
from watcher.notify.saved import with_saved_alerts
from watcher.parse import MAX_TEXT, parse_page
from watcher.sources import kind_of

log = logging.getLogger(__name__)

MAX_ARTICLES_PER_POLL = 20  # linked articles fetched in one poll; the rest wait for the next
ARTICLES_SHARE = 0.8  # of a poll's budget, after which linked articles wait for the next poll
CLAIM_SLACK = 60.0  # seconds a poll's claim outlasts its budget, for recording its outcome

T = TypeVar("T")


@dataclass(frozen=True)
class PollContext:
    """What a poll needs, passed in so that tests can hand over their own."""

    config: Config
    archive: Archive
    fetcher: Fetcher
    clock: Callable[[], datetime]
    owner: str = field(default_factory=claimant_id)
    writes: GroupCommit | None = None  # the polls' writes committed together; else one by one
    live: LiveConfig | None = None  # the live subscriptions kept between polls; else read each


async def write(ctx: PollContext, work: Callable[[], T]) -> T:
    """Run `work`, archive writes, as the context commits them: with other polls' writes in
    one transaction, or alone; either way committed when this returns."""
    if ctx.writes is None:
        return work()
    return await ctx.writes.write(work)


async def poll_source(source: Source, ctx: PollContext, *, force: bool = False) -> PollOutcome:
    """Poll one source once, within its budget; a failure is recorded in its health, never
    raised."""
    ctx = with_live_subscriptions(ctx)
    outcome = await _poll_within_budget(source, ctx, force=force)
    if outcome.status != "skipped":
        try:
            await check_health(source, ctx)
        except Exception:  # judging health must never cost a poll
            log.exception("health of %s not checked", source.name)
    return outcome


def with_live_subscriptions(ctx: PollContext) -> PollContext:
    """The context whose subscriptions are those of sources.yaml and the alerts saved on the
    page, without the addresses that unsubscribed (`watcher.saved_alerts`)."""
    live = ctx.live or LiveConfig()
    return replace(ctx, config=live.config(ctx.config, ctx.archive))


class LiveConfig:
    """The config with the live subscriptions, built again only when the archive says a saved
    alert or an unsubscription was written since (by the page's process or this one), so a
    poll pays one small read for it, and a change holds from the next poll on."""

    def __init__(self) -> None:
        self._built: tuple[Config, int, Config] | None = None  # from, changes then, live

    def config(self, config: Config, archive: Archive) -> Config:
        changes = archive.subscription_changes()  # read first: a write after it shows next time
        built = self._built
        if built is None or built[0] is not config or built[1] != changes:
            saved, left = archive.saved_alerts(), archive.unsubscribed()
            live = replace(config, notify=with_saved_alerts(config.notify, saved, left))
            built = self._built = (config, changes, live)
        return built[2]


async def _poll_within_budget(source: Source, ctx: PollContext, *, force: bool) -> PollOutcome:
    """A poll cut off at its budget has not reached the one transaction that records it, so it
    is simply done again next time; the failure recorded here says why.

    The source is claimed for the poll's length: another process polling it at the moment
    (a cron round beside the daemon) leaves it alone, so no item is read twice at once."""
    budget = ctx.config.settings.budget
    state = ctx.archive.source_state(source)
    now = ctx.clock()
    until = now + timedelta(seconds=budget + CLAIM_SLACK)
    if not await write(ctx, partial(ctx.archive.claim_poll, state, ctx.owner, now, until)):
        log.info("%s is being polled by another process; left to it", source.name)
        return PollOutcome(source.name, "skipped")
    try:
        return await _poll_on_time(source, ctx, force=force)
    finally:
        await _release(state, source, ctx)


async def _release(state: SourceState, source: Source, ctx: PollContext) -> None:
    """Give the source back; if the archive cannot take the write, the claim lapses alone."""
    try:
        await write(ctx, partial(ctx.archive.release_poll, state, ctx.owner))
    except (ArchiveFullError, ArchiveLockedError) as exc:
        log.warning("%s: its claim lapses on its own (%s)", source.name, exc)


async def _poll_on_time(source: Source, ctx: PollContext, *, force: bool) -> PollOutcome:
    started = time.monotonic()
    budget = ctx.config.settings.budget
    now = asyncio.get_running_loop().time()
    articles_until = now + budget * ARTICLES_SHARE
    try:
        async with asyncio.timeout_at(now + budget) as timer:
            return await _poll(source, ctx, force=force, articles_until=articles_until)
    except TimeoutError:
        if not timer.expired():
            raise
        state = ctx.archive.source_state(source)
        exc = BudgetError(f"poll cut off after its {budget:g}s budget ({source.url[:200]})")
        return _done(source, await _failed(source, state, ctx, str(exc), None), started)


async def _poll(
    source: Source, ctx: PollContext, *, force: bool, articles_until: float
) -> PollOutcome:
    started = time.monotonic()
    state = ctx.archive.source_state(source)
    if not force and _backing_off(source, state, ctx.clock()):
        return PollOutcome(source.name, "skipped")
    try:
        fetched = await ctx.fetcher.fetch(source.url, state.validators)
        if fetched.not_modified:
            done = partial(ctx.archive.record_not_modified, state, ctx.clock())
            await write(ctx, partial(done, _next_check(source, ctx)))
            return _done(source, PollOutcome(source.name, "not_modified"), started)
        body_hash = hash_of(fetched, source)
        if body_hash == state.body_hash and not state.never_polled:
            unchanged = partial(ctx.archive.record_unchanged, state, fetched.validators)
            await write(ctx, partial(unchanged, ctx.clock(), _next_check(source, ctx)))
            return _done(source, PollOutcome(source.name, "not_modified"), started)
        listed = await asyncio.to_thread(listed_items, fetched, source)
        notice_edits(listed, source, state, ctx)
        notice_deletions(listed, source, state, ctx)
        unseen = _unseen(listed, state, ctx)
        items = await with_articles(unseen, source, ctx.fetcher, articles_until)
        alerting = partial(_may_alert, state=state, ctx=ctx)
        findings = await asyncio.to_thread(  # keeps the loop free
            read_findings, items, ctx.config, alerting, ctx.clock()
        )
        # links left for later must be seen again: without validators the next poll re-reads
        all_taken = len(items) == len(unseen)
        validators = fetched.validators if all_taken else Validators()
        record = partial(
            ctx.archive.record_poll,
            state,
            validators,
            findings,
            ctx.clock(),
            _next_check(source, ctx),
            queue_policy(ctx.config.notify),
            listed=len(listed),
            body_hash=body_hash if all_taken else None,
        )
        queued = await write(ctx, record)
    except (FetchError, ParseError) as exc:
        notice_removal(exc, source, state, ctx)
        failed = await _failed(source, state, ctx, str(exc), _retry_after(exc))
        return _done(source, failed, started)
    except ArchiveFullError as exc:  # undone: the items are new again at the next poll
        log.error("%s; %s is polled again later", exc, source.name)
        return _done(source, await _failed_if_recordable(source, state, ctx, str(exc)), started)
    except Exception as exc:  # a bug must not stop the other sources
        log.exception("unexpected error polling %s", source.name)
        failed = await _failed(source, state, ctx, f"internal error: {exc!r}", None)
        return _done(source, failed, started)
    statements = sum(len(f.statements) for f in findings)
    outcome = PollOutcome(source.name, "ok", len(findings), statements, queued)
    return _done(source, outcome, started)


async def check_health(source: Source, ctx: PollContext) -> None:
    """Judge the source after a poll; tell the admin once when its state changes."""
    state = ctx.archive.source_state(source)
    record = ctx.archive.health_record(state)
    now = ctx.clock()
    verdict = assess(record, now, ctx.config.notify.health)
    admin = ctx.config.notify.admin
    message = None
    if needs_message(record, verdict) and admin:
        subject, body = health_message(record, verdict, now, ctx.config.settings.zone)
        key = message_key("health", source.url, verdict.state, now.isoformat())
        message = NewMessage("health", "email", admin, "admin", key, subject, body)
        log_health = log.warning if verdict.state != "ok" else log.info
        log_health("source %r is %s: %s", source.name, verdict.state, verdict.detail)
    if message or verdict.state != record.state:
        await write(ctx, partial(ctx.archive.set_health, state, verdict, now, message))


def notice_edits(
    listed: Sequence[Item], source: Source, state: SourceState, ctx: PollContext
) -> None:
    """Keep what became of archived items, so the evidence page can say "changed since":
    a feed entry listed again with other text, or a page whose text now reads otherwise, as
    the source's kind notices edits."""
    if state.never_polled or not listed:
        return
    edits = kind_of(source).edits(source)
    if edits == "page":
        ctx.archive.record_page_version(state.id, listed[0], ctx.clock())
    elif edits == "items":
        policy = queue_policy(ctx.config.notify)
        ctx.archive.record_item_edits(state.id, listed, ctx.clock(), change_alerts(ctx), policy)


def notice_deletions(
    listed: Sequence[Item], source: Source, state: SourceState, ctx: PollContext
) -> None:
    """The MP's own recent entries that the feed no longer lists, while it lists older ones,
    were deleted (`watcher.changes`); the entries listed were seen now."""
    recheck = ctx.config.settings.recheck
    kind = kind_of(source)
    if state.never_polled or source.mp is None or not kind.deleted_when_unlisted(source):
        return
    now = ctx.clock()
    gone = []
    if recheck.enabled:
        archived = ctx.archive.recent_entries(state.id, now - timedelta(seconds=recheck.within))
        gone = deleted_from_feed(archived, listed)
    versions = [NewVersion(entry.item_id, "removed", detail=UNLISTED) for entry in gone]
    for entry in gone:
        log.info("%s: %s is no longer listed: deleted", source.name, entry.key)
    keys = [item.key for item in listed]
    if not keys and not versions:
        return
    policy = queue_policy(ctx.config.notify)
    ctx.archive.record_versions(state.id, versions, keys, now, change_alerts(ctx), policy)


def change_alerts(ctx: PollContext) -> Compose:
    """Who is told of a deleted or edited item, as the config's subscriptions say."""
    config = ctx.config
    return partial(
        change_messages,
        subscriptions=config.notify.subscriptions,
        mps={mp.name: mp for mp in config.mps},
        now=ctx.clock(),
        zone=config.settings.zone,
        base_url=config.web.base_url,
    )


def notice_removal(exc: Exception, source: Source, state: SourceState, ctx: PollContext) -> None:
    """A source that answers 404 or 410, of a kind for which that means removal (a page read
    as itself), is gone: its archived versions say "removed"."""
    gone = isinstance(exc, HTTPStatusError) and exc.status in (404, 410)
    if gone and kind_of(source).gone_when_missing(source) and not state.never_polled:
        ctx.archive.record_page_removed(state.id, str(exc), ctx.clock())


def _backing_off(source: Source, state: SourceState, now: datetime) -> bool:
    """True while a failing source waits out its backoff.

    The scheduler's ticks come every interval, with jitter, so a check that is due within half
    an interval counts as due: only a real backoff skips a tick. A healthy source whose next
    check is further off than its interval was polled under a longer one, since shortened in
    the config: it is due now.
    """
    if state.next_check_at is None:
        return False
    wait = state.next_check_at - now
    if state.consecutive_failures == 0 and wait > timedelta(seconds=source.interval):
        return False
    return wait > timedelta(seconds=source.interval / 2)


def _unseen(items: Sequence[Item], state: SourceState, ctx: PollContext) -> list[Item]:
    """Items not archived yet, each key once, in feed order."""
    unique = list({item.key: item for item in reversed(items)}.values())[::-1]
    unseen = ctx.archive.unseen_keys(state.id, (item.key for item in unique))
    return [item for item in unique if item.key in unseen]


def hash_of(fetched: FetchResult, source: Source) -> str:
    """The body with the source's settings: the same body read another way (a new
    item_selector, say) may list other items, so it hashes otherwise."""
    digest = hashlib.blake2b(fetched.body, digest_size=16)
    digest.update(repr(source).encode())
    return digest.hexdigest()


def listed_items(fetched: FetchResult, source: Source) -> list[Item]:
    """The items the fetched body lists, as the source's kind reads it."""
    return kind_of(source).listed(fetched, source)


async def with_articles(
    items: list[Item], source: Source, fetcher: Fetcher, until: float | None = None
) -> list[Item]:
    """Fetch the linked article of each new item when the source's items are only pointers.

    Items whose article is not in by `until` (the event loop's clock) wait for the next poll,
    so that slow articles leave the poll time to record the rest.
    """
    if not kind_of(source).wants_articles(source):
        return items
    fetched: list[Item | None] = []
    try:
        async with asyncio.timeout_at(until) as timer:
            for item in items[:MAX_ARTICLES_PER_POLL]:
                fetched.append(await _article(item, source, fetcher))
    except TimeoutError:
        if not timer.expired():
            raise
        log.warning("%s: out of time for articles; %d wait", source.name, len(items) - len(fetched))
    return [item for item in fetched if item is not None]


async def _article(item: Item, source: Source, fetcher: Fetcher) -> Item | None:
    """The item with its article's full text; a listed link that cannot be read waits for the
    next poll, a feed entry keeps its summary."""
    if not item.url:
        return item
    try:
        page = await fetcher.fetch(item.url, origin=source.url)
        article = await asyncio.to_thread(parse_page, page.body, page.url)
    except FetchError as exc:
        log.warning("article not fetched: %s: %s", item.url, exc)
        return None if not item.text else item
    except Exception:  # an unreadable page must not fail the source's poll
        log.exception("article not readable: %s", item.url)
        return None if not item.text else item
    text = article.text[:MAX_TEXT]
    return replace(
        item,
        title=item.title or article.title,
        text=text if len(text) > len(item.text) else item.text,
        published_at=item.published_at or article.published_at,
        author=item.author or article.author,
    )


def read_findings(
    items: Sequence[Item], config: Config, alerting: Callable[[Item], bool], now: datetime
) -> list[Finding]:
    """Each item with the statements and mentions found in it, and, for the items `alerting`
    allows, who is to be told."""
    mps = config.mps
    by_name = {mp.name: mp for mp in mps}
    subscriptions = config.notify.subscriptions
    zone = config.settings.zone
    findings = []
    for item in items:
        try:
            statements, mentions = read_item(item, mps, zone)
        except Exception:  # archived all the same, so one odd item cannot stall its source
            log.exception("statements not read from %s", item.url or item.key)
            statements, mentions = [], find_mentions(item, mps)
        deliveries = []
        if statements and alerting(item):
            deliveries = route(statements, item, subscriptions, by_name, now, zone)
        findings.append(Finding(item, tuple(statements), tuple(mentions), tuple(deliveries)))
    return findings


async def dry_run(source: Source, config: Config, fetcher: Fetcher) -> tuple[int, list[Finding]]:
    """A poll of `source` that writes nothing and tells nobody: every item it lists now, read
    as a poll reads them (articles fetched where its kind wants them). Returns the HTTP status
    and the findings; a fetch or parse failure is raised."""
    fetched = await fetcher.fetch(source.url)
    listed = await asyncio.to_thread(listed_items, fetched, source)
    items = await with_articles(listed, source, fetcher)
    now = datetime.now(UTC)
    return fetched.status, await asyncio.to_thread(read_findings, items, config, _never, now)


def _never(item: Item) -> bool:
    return False


def _may_alert(item: Item, *, state: SourceState, ctx: PollContext) -> bool:
    """On a source's first poll only recent items alert, so a new source never floods the desk."""
    if not state.never_polled:
        return True
    if item.published_at is None:
        return False
    window = timedelta(seconds=ctx.config.settings.first_poll_alert_window)
    return item.published_at >= ctx.clock() - window


def _next_check(source: Source, ctx: PollContext) -> datetime:
    return ctx.clock() + timedelta(seconds=source.interval)


async def _failed(
    source: Source, state: SourceState, ctx: PollContext, error: str, retry_after: float | None
) -> PollOutcome:
    """Back off: the interval doubles with each failure in a row, up to max_backoff."""
    failures = state.consecutive_failures + 1
    delay = min(source.interval * 2 ** (failures - 1), ctx.config.settings.max_backoff)
    delay = max(delay, retry_after or 0.0)
    now = ctx.clock()
    next_check = now + timedelta(seconds=delay)
    await write(ctx, partial(ctx.archive.record_failure, state, error, now, next_check))
    return PollOutcome(source.name, "error", error=error)


async def _failed_if_recordable(
    source: Source, state: SourceState, ctx: PollContext, error: str
) -> PollOutcome:
    """The failure, recorded on the source if the archive has room left for that."""
    try:
        return await _failed(source, state, ctx, error, None)
    except ArchiveFullError:
        return PollOutcome(source.name, "error", error=error)


def _retry_after(exc: Exception) -> float | None:
    return exc.retry_after if isinstance(exc, FetchError) else None


def _done(source: Source, outcome: PollOutcome, started: float) -> PollOutcome:
    """Log the poll; a failure names the source's address, which its name may not show."""
    duration = time.monotonic() - started
    level = logging.WARNING if outcome.failed else logging.INFO
    log.log(
        level,
        "poll source=%r status=%s new_items=%d statements=%d alerts=%d duration=%.2fs%s",
        outcome.source,
        outcome.status,
        outcome.new_items,
        outcome.new_statements,
        outcome.alerts,
        duration,
        f" error={outcome.error!r} url={source.url}" if outcome.error else "",
    )
    return replace(outcome, duration=duration)
