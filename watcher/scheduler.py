"""Running the watcher: as a daemon (APScheduler, one job per source) or one round for cron.

On SIGINT or SIGTERM the daemon stops taking new work, lets an alert that is being handed to
the mail server finish and be recorded, and exits. Polls in flight are cancelled: they write
nothing until they have everything, in one transaction, so a cancelled poll leaves no trace
and is simply done again next time.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from watcher.archive import open_archive
from watcher.archive.batch import GroupCommit
from watcher.config import Config
from watcher.counting import counted
from watcher.errors import DaemonRunningError
from watcher.fetch import Fetcher, make_client
from watcher.models import PollOutcome, Source
from watcher.notify.contests import queue_contest_alerts
from watcher.notify.deliver import Channels, Delivering, DeliveryReport, deliver_pending
from watcher.notify.mailers import AppriseSender, make_mailer
from watcher.pipeline import LiveConfig, PollContext, poll_source, with_live_subscriptions
from watcher.recheck import RecheckOutcome, recheck_items

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 8.0  # seconds left for in-flight deliveries; the whole stop stays under 10 s
OFFLINE = (
    "every source failed: this looks like a network problem on this machine (no connection,"
    " DNS or a proxy) rather than a problem with each source; they are tried again as usual"
)


def looks_offline(outcomes: Sequence[PollOutcome]) -> bool:
    """Whether every one of two or more sources failed: this machine's network is then a
    likelier cause than each source at once."""
    polled = [o for o in outcomes if o.status != "skipped"]
    return len(polled) >= 2 and all(o.failed for o in polled)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Parts:
    """The process's one archive, HTTP client and mailer."""

    ctx: PollContext
    channels: Channels

    @property
    def config(self) -> Config:
        return self.ctx.config

    async def deliver(self) -> DeliveryReport:
        """Queue the contest alerts due, then send everything due."""
        try:
            live = with_live_subscriptions(self.ctx).config
            queue_contest_alerts(self.ctx.archive, live, self.ctx.clock())
        except Exception:  # the contests' alerts wait for the next round; the rest go now
            log.exception("contest alerts not queued this round")
        config = self.config
        how = Delivering(
            config.notify,
            config.settings.zone,
            self.ctx.clock,
            config.web.base_url,
            link_key=config.web.link_key,
        )
        return await deliver_pending(self.ctx.archive, self.channels, how)

    async def recheck(self) -> RecheckOutcome:
        """Read the archived items that are due again; a failure waits for the next round."""
        try:
            return await recheck_items(self.ctx)
        except Exception:
            log.exception("items not rechecked this round")
            return RecheckOutcome()


@asynccontextmanager
async def open_parts(
    config: Config, clock: Callable[[], datetime] = utc_now
) -> AsyncIterator[Parts]:
    archive = open_archive(config.archive_path, config.mps, config.sources)
    client = make_client(config.settings)
    writes = GroupCommit(archive)
    try:
        fetcher = Fetcher(client, config.settings)
        mailer = make_mailer(config.notify, config.settings.zone)
        channels = Channels(mailer, AppriseSender())
        ctx = PollContext(config, archive, fetcher, clock, writes=writes, live=LiveConfig())
        yield Parts(ctx, channels)
    finally:
        await client.aclose()
        writes.flush()  # a write still waiting has a poll waiting for it: commit it
        archive.close()


async def run_once(config: Config, clock: Callable[[], datetime] = utc_now) -> int:
    """Poll every source once, send what is due, and say 0 if every source was fine, else 1.

    Alerts go out as the polls that found them finish, not when the slowest poll does; each
    poll ends within its budget, so the round does too.
    """
    async with open_parts(config, clock) as parts:
        outcomes, report = await _round(parts)
    if looks_offline(outcomes):
        log.error(OFFLINE)
    failed = [o.source for o in outcomes if o.failed]
    log.info(
        "round done: %d sources, %d failed, %d alerts sent, %d alerts waiting",
        len(outcomes),
        len(failed),
        report.sent,
        report.failed,
    )
    return 1 if failed else 0


async def _round(parts: Parts) -> tuple[list[PollOutcome], DeliveryReport]:
    """Every source polled at once, while one delivery after another sends what they queue.

    The last deliveries start after the last poll and go on while they send something (each
    sends a few hundred at most), so nothing queued in the round is left for the next.
    """
    found = asyncio.Event()
    polls_done = asyncio.Event()

    async def poll(source: Source) -> PollOutcome:
        outcome = await poll_source(source, parts.ctx, force=True)
        if outcome.alerts:
            found.set()
        return outcome

    async def deliver() -> DeliveryReport:
        sent = failed = 0
        while True:
            last = polls_done.is_set()
            report = await parts.deliver()
            sent += report.sent
            if last:
                failed += report.failed  # what failed after the polls is what waits
                if not report.sent:
                    return DeliveryReport(sent, failed)
                continue
            await found.wait()
            found.clear()

    delivering = asyncio.create_task(deliver())
    try:
        outcomes = await asyncio.gather(*(poll(s) for s in parts.config.sources))
        await parts.recheck()
    finally:  # even a round cut short sends what it queued
        polls_done.set()
        found.set()
        report = await delivering
    return list(outcomes), report


async def run_daemon(
    config: Config, stop: asyncio.Event, clock: Callable[[], datetime] = utc_now
) -> int:
    """Poll on schedule until `stop` is set. One daemon an archive: a second raises
    DaemonRunningError before touching anything."""
    with _only_daemon(config.archive_path):
        async with open_parts(config, clock) as parts:
            daemon = _Daemon(parts)
            await daemon.run(stop)
    return 0


@contextmanager
def _only_daemon(archive: Path) -> Iterator[None]:
    """Hold a lock file beside the archive while the daemon runs. The system releases it when
    the process ends, however it ends, so a killed daemon leaves nothing to clean up."""
    lock_path = archive.with_name(archive.name + ".daemon.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DaemonRunningError(str(archive)) from None
        yield


class _Daemon:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts
        self._send_lock = asyncio.Lock()
        self._protected: set[asyncio.Task[Any]] = set()
        self._polling: set[asyncio.Task[Any]] = set()
        self._latest: dict[str, PollOutcome] = {}  # by source address
        self._offline = False

    async def run(self, stop: asyncio.Event) -> None:
        scheduler = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=UTC)
        now = utc_now()
        for source in self.parts.config.sources:
            scheduler.add_job(
                self._poll,
                IntervalTrigger(seconds=source.interval, jitter=_jitter(source.interval)),
                args=[source],
                id=f"poll:{source.url}",
                name=source.name,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
                next_run_time=now,
            )
        scheduler.add_job(
            self._send,
            IntervalTrigger(seconds=self.parts.config.notify.send_every),
            id="outbox",
            max_instances=1,
            coalesce=True,
            next_run_time=now,
        )
        recheck = self.parts.config.settings.recheck
        if recheck.enabled:
            scheduler.add_job(
                self._recheck,
                IntervalTrigger(seconds=recheck_tick(recheck.every)),
                id="recheck",
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
        scheduler.start()
        config = self.parts.config
        log.info(
            "watcher running: %s from %s, archive %s, alerts %s; Ctrl-C to stop",
            counted(len(config.sources), "source"),
            config.path,
            config.archive_path,
            config.notify.destination,
        )
        await stop.wait()
        log.info("stopping: no new polls; finishing deliveries in flight")
        scheduler.shutdown(wait=False)
        await self._stop_polls()
        await self._finish_protected()
        log.info("stopped")

    async def _poll(self, source: Source) -> None:
        running = {task} if (task := asyncio.current_task()) else set()
        self._polling |= running
        try:
            outcome = await poll_source(source, self.parts.ctx)
        except asyncio.CancelledError:
            return  # stopping: a poll cut off records nothing, and is done at the next start
        finally:
            self._polling -= running
        self._note(source, outcome)
        if outcome.alerts:
            await self._send()

    async def _recheck(self) -> None:
        running = {task} if (task := asyncio.current_task()) else set()
        self._polling |= running
        try:
            outcome = await self.parts.recheck()
        except asyncio.CancelledError:
            return  # stopping: what was read again is read again at the next start
        finally:
            self._polling -= running
        if outcome.alerts:
            await self._send()

    def _note(self, source: Source, outcome: PollOutcome) -> None:
        """Say once when every source's latest poll failed, and once when one answers again."""
        if outcome.status == "skipped":
            return
        self._latest[source.url] = outcome
        everyone = len(self._latest) == len(self.parts.config.sources)
        offline = everyone and looks_offline(list(self._latest.values()))
        if offline and not self._offline:
            log.error(OFFLINE)
        elif self._offline and not offline:
            log.info("%s answered again: the network looks back", source.name)
        self._offline = offline

    async def _stop_polls(self) -> None:
        """Cut off the polls in flight while the archive is still open, so each gives its
        source's claim back (a poll records nothing until its last step)."""
        polls = set(self._polling)
        for task in polls:
            task.cancel()
        await asyncio.gather(*polls, return_exceptions=True)

    async def _send(self) -> None:
        await self._protect(self._deliver())

    async def _deliver(self) -> None:
        async with self._send_lock:
            try:
                await self.parts.deliver()
            except Exception:  # keep the daemon alive; the alert stays in the outbox
                log.exception("unexpected error while delivering alerts")

    async def _protect(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` so that cancelling the caller does not cut it off half-way."""
        task = asyncio.create_task(work)
        self._protected.add(task)
        task.add_done_callback(self._protected.discard)
        await asyncio.shield(task)

    async def _finish_protected(self) -> None:
        if not self._protected:
            return
        _, late = await asyncio.wait(set(self._protected), timeout=SHUTDOWN_GRACE)
        for task in late:
            task.cancel()


def _jitter(interval: float) -> float:
    return min(interval * 0.1, 30.0)


def recheck_tick(every: float) -> float:
    """How often the daemon looks for items due to be read again: often enough that none
    waits much past its time, never more than once a second."""
    return max(1.0, every / 4)
