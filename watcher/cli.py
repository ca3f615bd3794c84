"""The `watcher` command: argument parsing and printing only; the work is done elsewhere."""

from __future__ import annotations

import asyncio
import getpass
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import click

from watcher import __version__
from watcher.archive import Archive, OutboxEntry
from watcher.config import Config, Settings, config_path, load_config
from watcher.contest_table import contest_lines, suggestion_lines, tally_lines
from watcher.contests import SUGGEST_DAYS, contest_entry, read_tally, tally_record
from watcher.contests import suggest as suggest_contests
from watcher.counting import counted
from watcher.demo.command import demo_command
from watcher.drafts import draft_case
from watcher.errors import (
    ArchiveFullError,
    ArchiveLockedError,
    ConfigError,
    DaemonRunningError,
    DeliveryError,
    FetchError,
    ParseError,
    SearchError,
)
from watcher.evaluate import evaluate, report, splits
from watcher.extract import extract_statements
from watcher.fetch import Fetcher, make_client
from watcher.models import KINDS, MP, NEVER_POLLED, FetchResult, Item, Source, Statement
from watcher.notify.mailers import eml_file, make_mailer
from watcher.notify.render import render_test_message
from watcher.notify.wording import said_as
from watcher.parse import items_from
from watcher.passwords import hash_password
from watcher.pipeline import dry_run
from watcher.register import load_register, near_names, split_honorific
from watcher.scheduler import run_daemon, run_once, utc_now
from watcher.timefmt import day_bounds, local_text, to_iso
from watcher.triage import REASON_LABELS, REASONS, STATUSES, make_mark

F = TypeVar("F", bound=Callable[..., Any])


def config_option(func: F) -> F:
    return click.option(
        "-c",
        "--config",
        "config_file",
        metavar="FILE",
        help="The sources file (default: $WATCHER_CONFIG, else ./sources.yaml).",
    )(func)


def load(config_file: str | None) -> Config:
    """Load and check the config; on any problem print them all and exit 2."""
    path = config_path(config_file, os.environ)
    try:
        return load_config(path, os.environ)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{counted(len(exc.problems), 'problem')} in {path}", err=True)
        sys.exit(2)


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("apscheduler", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class _Commands(click.Group):
    """Every command: an archive another process keeps locked, or on a full disk, is one line
    and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ArchiveLockedError, ArchiveFullError, DaemonRunningError) as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="watcher")
def main() -> None:
    """Watch what UK MPs say: poll their feeds and the news, archive statements, alert editors."""


@main.command()
@config_option
@click.option("--once", is_flag=True, help="Poll every source once, send alerts, exit (cron).")
@click.option("-v", "--verbose", is_flag=True, help="Log debugging detail.")
def run(config_file: str | None, once: bool, verbose: bool) -> None:
    """Run the watcher: a daemon, or with --once a single round.

    --once exits 0 when every source was fine and 1 when any failed.
    """
    config = load(config_file)
    setup_logging(verbose)
    for warning in config.warnings:
        logging.getLogger("watcher.config").warning("%s", warning)
    if once:
        sys.exit(asyncio.run(run_once(config)))
    sys.exit(asyncio.run(_daemon(config)))


async def _daemon(config: Config) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return await run_daemon(config, stop)


@main.command("check-config")
@config_option
def check_config(config_file: str | None) -> None:
    """Check the sources file and report every problem with its line; exit 2 if any."""
    config = load(config_file)
    for warning in config.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"{config.path}: ok — {counted(len(config.mps), 'MP')}, "
        f"{counted(len(config.sources), 'source')}, "
        f"{counted(len(config.notify.subscriptions), 'subscription')}, "
        f"alerts {config.notify.destination}"
        + (f"; {counted(len(config.warnings), 'warning')}" if config.warnings else "")
    )


@main.command()
@config_option
@click.argument("query")
@click.option("--mp", help="Only statements by this MP (name or alias).")
@click.option("--kind", type=click.Choice(KINDS), help="Only statements of this kind.")
@click.option("--since", metavar="DATE", help="From this date (YYYY-MM-DD) or ISO time.")
@click.option("--until", metavar="DATE", help="Up to this date (inclusive) or ISO time.")
@click.option("--status", type=click.Choice(STATUSES), help="Only statements the desk so marked.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def search(
    config_file: str | None,
    query: str,
    mp: str | None,
    kind: str | None,
    since: str | None,
    until: str | None,
    status: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Search the archive's statements: words, "a phrase", prefix*, AND/OR/NOT."""
    config = load(config_file)
    zone = config.settings.zone
    try:
        start = day_bounds(since, zone, end=False) if since else None
        end = day_bounds(until, zone, end=True) if until else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since/--until") from None
    archive = Archive(config.archive_path)
    try:
        if mp is not None and not archive.knows_mp(mp):
            click.echo(f"error: {unknown_mp(mp, config.mps)}", err=True)
            sys.exit(2)
        hits = archive.search(
            query, mp=mp, kind=kind, since=start, until=end, status=status, limit=limit
        )
    except SearchError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    finally:
        archive.close()
    if as_json:
        page = config.web.statement_url
        print_json(hits, lambda hit: {"statement_url": page(hit.statement_id)}, fields=SEARCH_JSON)
        return
    if not hits:
        click.echo("no statements found")
    for hit in hits:
        when = local_text(hit.said_at or hit.published_at, zone) or "time unknown"
        shown_status = "" if hit.status == "new" else f"  ({hit.status})"
        click.echo(
            f"{when}  {hit.mp}  [{hit.kind}{f': {hit.target}' if hit.target else ''}]{shown_status}"
        )
        click.echo(f"  {said_as(_snippet(hit.text), verbatim=hit.verbatim, source=hit.source)}")
        click.echo(f"  {hit.source}  {hit.url or ''}\n")


# The keys of `watcher search --json`, each a field of the search page's card.
# `watcher search --json`: each key and the field of the statement's `Report` it shows
SEARCH_JSON = {
    "id": "statement_id",
    **{k: k for k in ("mp", "kind", "target", "text", "said_at", "said_at_precision")},
    **{k: k for k in ("published_at", "url", "source", "title", "verbatim", "report", "status")},
}


def print_json(
    records: Sequence[Any],
    extra: Callable[[Any], dict[str, Any]] = lambda _: {},
    fields: Mapping[str, str] | None = None,
) -> None:
    """Records as a JSON list, times as ISO 8601 in UTC; `fields` chooses the keys and the
    field each shows (every field under its own name when None), and `extra` adds keys."""
    rows = []
    for record in records:
        row = asdict(record)
        chosen = row if fields is None else {key: row[name] for key, name in fields.items()}
        shown = {k: to_iso(v) if isinstance(v, datetime) else v for k, v in chosen.items()}
        rows.append(shown | extra(record))
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False))


def unknown_mp(name: str, tracked: Sequence[MP]) -> str:
    """An MP the archive has no name or alias for, with the tracked MPs' near spellings."""
    near = near_names(name, tracked)
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    return f"no MP in the archive is called {name!r} (give a tracked MP's name or alias){hint}"


def _snippet(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@main.command()
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def sources(config_file: str | None, as_json: bool) -> None:
    """The health of every source: last success, last error, failures in a row, next check."""
    config = load(config_file)
    archive = Archive(config.archive_path)
    try:
        health = archive.source_health(config.sources)
    finally:
        archive.close()
    if as_json:
        print_json(health)
        return
    zone = config.settings.zone
    for h in health:
        state = f"{h.last_status}, {h.health}" if h.last_status else "never polled"
        click.echo(f"{h.name}  [{state}]  {h.url}")
        if h.health not in ("ok", NEVER_POLLED) and h.health_since is None:
            click.echo(f"  {h.health}: no poll of it has worked yet")
        elif h.health not in ("ok", NEVER_POLLED):
            since = local_text(h.health_since, zone)
            click.echo(f"  {h.health} since {since}: {h.health_detail or ''}")
        click.echo(
            f"  last success: {local_text(h.last_success_at, zone) or '-'}"
            f"   failures in a row: {h.consecutive_failures}"
            f"   next check: {local_text(h.next_check_at, zone) or '-'}   items: {h.items}"
        )
        if h.last_error:
            click.echo(f"  last error: {h.last_error}")


@main.command("test-source")
@config_option
@click.argument("name_or_url")
def test_source(config_file: str | None, name_or_url: str) -> None:
    """Fetch, parse and extract one source and print what was found. Writes nothing."""
    config = load(config_file)
    source = config.find_source(name_or_url)
    if source is None:
        if not name_or_url.startswith(("http://", "https://")):
            click.echo(f"error: no source named {name_or_url!r} in {config.path}", err=True)
            sys.exit(2)
        source = Source(name_or_url, "feed", name_or_url, config.settings.interval)
    try:
        lines = asyncio.run(_test_source(config, source))
    except (FetchError, ParseError) as exc:
        click.echo(f"error: {source.name}: {exc}", err=True)
        sys.exit(1)
    for line in lines:
        click.echo(line)


async def _test_source(config: Config, source: Source) -> list[str]:
    async with make_client(config.settings) as client:
        status, findings = await dry_run(source, config, Fetcher(client, config.settings))
    zone = config.settings.zone
    lines = [f"{source.name}: HTTP {status}, {len(findings)} items"]
    for finding in findings:
        item = finding.item
        lines.append(f"- {local_text(item.published_at, zone) or 'undated'}  {item.title}")
        lines.append(f"  {item.url or '(no link)'}")
        for statement in finding.statements:
            target = f": {statement.target}" if statement.target else ""
            words = _snippet(statement.text, 160)
            said = said_as(words, verbatim=statement.verbatim, source=source.name)
            lines.append(f"  {statement.mp} [{statement.kind}{target}]: {said}")
        if finding.mentions:
            lines.append(f"  mentions: {', '.join(finding.mentions)}")
    return lines


def load_tracking(config_file: str | None) -> tuple[tuple[MP, ...], ZoneInfo]:
    """The tracked MPs and time zone of the config, or every MP of the register when there is
    no config to read."""
    path = config_path(config_file, os.environ)
    if config_file or path.exists():
        config = load(config_file)
        return config.mps, config.settings.zone
    return load_register(), ZoneInfo("Europe/London")


@main.command()
@config_option
@click.argument("file_or_url")
@click.option("--published", metavar="ISO", help="The item's published time, if not in it.")
@click.option("--own", "own_mp", metavar="MP", help="Read it as this MP's own post.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def extract(
    config_file: str | None,
    file_or_url: str,
    published: str | None,
    own_mp: str | None,
    as_json: bool,
) -> None:
    """Print the statements found in one page or feed file (or URL). Writes nothing.

    Without a config file, every MP of the register is tracked.
    """
    mps, zone = load_tracking(config_file)
    try:
        when = datetime.fromisoformat(published) if published else None
    except ValueError:
        raise click.BadParameter("not an ISO 8601 time", param_hint="--published") from None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    owner = _tracked_name(own_mp, mps) if own_mp else None
    if own_mp and owner is None:
        click.echo(f"error: --own {own_mp!r} is not a tracked MP", err=True)
        sys.exit(2)
    source = Source("extract", "page", file_or_url, 300, owner)
    try:
        fetched = asyncio.run(_read_document(file_or_url))
    except (FetchError, OSError) as exc:
        click.echo(f"error: {file_or_url}: {exc}", err=True)
        sys.exit(1)
    try:
        items = items_from(fetched, source, published=when)
    except ParseError as exc:
        click.echo(f"error: {file_or_url}: {exc}", err=True)
        sys.exit(1)
    rows = [_statement_json(s, item) for item in items for s in extract_statements(item, mps, zone)]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        some = f"the {len(mps)} MPs" if len(mps) != 1 else f"{mps[0].name}, the one MP"
        tracked = some if len(mps) < len(load_register()) else "any MP"
        where = f" tracked in {config_path(config_file, os.environ)}" if tracked != "any MP" else ""
        click.echo(f"no statements by {tracked}{where}")
    for row in rows:
        for line in statement_lines(row):
            click.echo(line)


def statement_lines(row: dict[str, Any]) -> list[str]:
    """One statement of `watcher extract`: its words in quotation marks only when they are the
    MP's own as written; a reporter's sentence is marked as reported instead."""
    target = f": {row['target']}" if row["target"] else ""
    said = said_as(_snippet(row["text"]), verbatim=row["verbatim"], source=None)
    lines = [
        f"{row['mp']}  [{row['kind']}{target}]  said {row['said_at'] or 'when unknown'}"
        f" ({row['said_at_precision']})",
        f"  {said}",
    ]
    if row["report"] and row["report"] != row["text"]:
        lines.append(f"  report: {_snippet(row['report'])}")
    return [*lines, f"  evidence: {row['evidence']}", ""]


def _tracked_name(name: str, mps: Sequence[MP]) -> str | None:
    """The tracked MP called `name` or one of its aliases, ignoring case and honorifics."""
    wanted = {name.strip().casefold(), split_honorific(name)[1].casefold()}
    for mp in mps:
        if wanted & {n.casefold() for n in mp.names}:
            return mp.name
    return None


async def _read_document(file_or_url: str) -> FetchResult:
    if file_or_url.startswith(("http://", "https://")):
        settings = Settings()
        async with make_client(settings) as client:
            return await Fetcher(client, settings).fetch(file_or_url)
    path = Path(file_or_url)
    return FetchResult(path.resolve().as_uri(), 200, path.read_bytes())


def _statement_json(statement: Statement, item: Item) -> dict[str, Any]:
    return {
        "mp": statement.mp,
        "kind": statement.kind,
        "target": statement.target,
        "text": statement.text,
        "verbatim": statement.verbatim,
        "report": statement.report,
        "said_at": statement.said_at.isoformat() if statement.said_at else None,
        "said_at_text": statement.said_at_text,
        "said_at_precision": statement.said_at_precision,
        "published_at": item.published_at.isoformat() if item.published_at else None,
        "confidence": statement.confidence,
        "evidence": statement.evidence,
        "title": item.title,
        "url": item.url,
    }


@main.command("eval")
@config_option
@click.argument(
    "folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--mistakes", is_flag=True, help="List every mistake too.")
@click.option(
    "--export-dismissed",
    "export_to",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the items of the statements the desk dismissed to DIR as draft cases.",
)
def eval_command(
    config_file: str | None, folder: Path | None, mistakes: bool, export_to: Path | None
) -> None:
    """Score the extractor on a labelled folder of cases (see tests/corpus/README.md).

    A corpus folder holding `cases/` and `heldout/` is scored per split: development, then
    test.

    The MPs tracked are those of -c FILE, else of FOLDER/sources.yaml, else every MP of the
    register.

    With --export-dismissed DIR, each item of the archive (of -c FILE) that carried a
    statement the desk dismissed is written to DIR as a draft case: NAME.xml or NAME.html and
    NAME.expected.json, the dismissed statement left out (or its kind corrected, when the
    editor gave the right one) and the reason and note in its description.
    """
    if export_to is not None:
        export_dismissed(load(config_file), export_to)
        if folder is None:
            return
    if folder is None:
        raise click.UsageError("give a FOLDER of cases to score, or --export-dismissed DIR")
    own_config = folder / "sources.yaml"
    if config_file is None and own_config.exists():
        config_file = str(own_config)
    if config_file is None:
        mps, zone = load_register(), ZoneInfo("Europe/London")
    else:
        mps, zone = load_tracking(config_file)
    for title, split in splits(folder):
        try:
            scores = evaluate(split, mps, zone)
        except (ValueError, KeyError) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        if title:
            click.echo(f"== {title} ({split})")
        for line in report(scores):
            click.echo(line)
        if mistakes:
            click.echo("")
            for mistake in scores.mistakes:
                click.echo(f"- {mistake}")
        click.echo("")


def export_dismissed(config: Config, folder: Path) -> None:
    archive = Archive(config.archive_path)
    try:
        items = archive.dismissed_items()
    finally:
        archive.close()
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        case = draft_case(item)
        (folder / case.document_name).write_text(case.document, encoding="utf-8")
        (folder / f"{case.name}.expected.json").write_text(case.labels_text, encoding="utf-8")
        click.echo(f"wrote {folder / case.document_name}")
    click.echo(f"{counted(len(items), 'draft case')} in {folder}")


@main.command()
@config_option
@click.argument("statement_id", metavar="ID", type=int)
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--note", help="A note for the desk, kept with the status.")
@click.option("--reason", type=click.Choice(REASONS), help="Why it is dismissed (required then).")
@click.option(
    "--kind",
    "corrected_kind",
    type=click.Choice(KINDS),
    help="With --reason wrong_kind: the kind it should have had.",
)
@click.option("--by", "by", metavar="NAME", help="Who marks it (default: your login name).")
@click.option("--json", "as_json", is_flag=True, help="Print the new status as JSON.")
def mark(
    config_file: str | None,
    statement_id: int,
    status: str,
    note: str | None,
    reason: str | None,
    corrected_kind: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """Set statement ID's editorial status: new, verified, used or dismissed (with a reason).

    Every change is kept, with who made it and when; the statement's page shows them.
    """
    config = load(config_file)
    try:
        decision = make_mark(
            statement_id, status, by or login_name(), utc_now(), note, reason, corrected_kind
        )
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    archive = Archive(config.archive_path)
    try:
        found = archive.mark(decision)
    finally:
        archive.close()
    if not found:
        click.echo(f"error: there is no statement {statement_id} in the archive", err=True)
        sys.exit(2)
    if as_json:
        record = {**asdict(decision), "at": to_iso(decision.at)}
        record["statement_url"] = config.web.statement_url(statement_id)
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    why = f" ({REASON_LABELS[reason]})" if reason else ""
    click.echo(f"statement {statement_id} is now {status}{why}, marked by {decision.by}")


def login_name() -> str:
    """Who runs the command, as the system knows them."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "command line"


@main.command("test-notify")
@config_option
@click.option("--to", "recipients", multiple=True, help="Send here instead of to subscribers.")
def test_notify(config_file: str | None, recipients: Sequence[str]) -> None:
    """Send one test email to each subscriber (or to --to), the way alerts are sent."""
    config = load(config_file)
    targets = list(recipients) or sorted(
        {r for s in config.notify.subscriptions for r in s.recipients}
    )
    if not targets:
        click.echo("error: no recipients: add notify.subscriptions or pass --to", err=True)
        sys.exit(2)
    try:
        with make_mailer(config.notify, config.settings.zone).session() as session:
            for recipient in targets:
                message = render_test_message(config.notify.sender, recipient, utc_now())
                click.echo(f"test message to {recipient}: {session.send(message)}")
    except DeliveryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


@main.group(invoke_without_command=True)
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--all", "everything", is_flag=True, help="Include the messages already sent.")
@click.pass_context
def outbox(ctx: click.Context, config_file: str | None, as_json: bool, everything: bool) -> None:
    """Messages not delivered yet: pending, failing and dead, with the reason.

    `watcher outbox retry ID` sends one again.
    """
    if ctx.invoked_subcommand is not None:
        return
    config = load(config_file)
    archive = Archive(config.archive_path)
    try:
        statuses = ("pending", "dead", "sent") if everything else ("pending", "dead")
        entries = archive.outbox(statuses, utc_now())
    finally:
        archive.close()
    files = {e.id: _eml_file(config, e) for e in entries}
    if as_json:
        print_json(entries, lambda e: {"file": files[e.id]})
        return
    if not entries:
        click.echo("outbox empty: every alert has been delivered")
    for entry in entries:
        _echo_outbox_entry(entry, config.settings.zone, files[entry.id])


def _eml_file(config: Config, entry: OutboxEntry) -> str | None:
    """The .eml file an email was written to, when alerts go to the outbox folder."""
    if config.notify.smtp or entry.channel != "email":
        return None
    found = eml_file(config.notify.outbox_dir, entry.key)
    return str(found) if found else None


def _echo_outbox_entry(e: OutboxEntry, zone: ZoneInfo, file: str | None) -> None:
    about = f"{', '.join(e.mps)} [{e.kind}]" if e.mps else (e.subject or "")
    if e.dead_at:
        when = f"dead since {local_text(e.dead_at, zone)}"
    elif e.sent_at:
        when = f"sent {local_text(e.sent_at, zone)}"
    else:
        when = f"next {local_text(e.next_attempt_at, zone)}"
    attempts = counted(e.attempts, "attempt")
    click.echo(f"#{e.id} {e.status} {e.message} to {e.recipient}: {about}, {attempts}, {when}")
    if file:
        click.echo(f"  file: {file}")
    if e.last_error:
        click.echo(f"  last error: {e.last_error}")


@outbox.command("retry")
@config_option
@click.argument("outbox_id", type=int)
def outbox_retry(config_file: str | None, outbox_id: int) -> None:
    """Send message ID again at the next delivery round, with a fresh give-up time."""
    config = load(config_file)
    archive = Archive(config.archive_path)
    try:
        done = archive.retry(outbox_id, utc_now(), config.notify.give_up_after)
    finally:
        archive.close()
    if not done:
        click.echo(f"error: no undelivered message #{outbox_id} in the outbox", err=True)
        sys.exit(1)
    click.echo(f"#{outbox_id} will be sent at the next delivery round")


@main.command()
@config_option
@click.option("--host", help="The address to listen on (default: web.host, else 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="The port (default: web.port, 8080).")
def serve(config_file: str | None, host: str | None, port: int | None) -> None:
    """Serve the newsroom's search page over the archive.

    Only 127.0.0.1 is served without a login: any other address needs web.users or
    web.proxy_user_header in the config, else this exits with status 2.
    """
    # Imported here: no other command needs the web server's libraries.
    from watcher.web.access import bind_problem
    from watcher.web.app import serve as serve_app

    config = load(config_file)
    host = host or config.web.host
    port = port or config.web.port
    problem = bind_problem(host, config.web)
    if problem:
        click.echo(f"error: {problem}", err=True)
        sys.exit(2)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"the search page is at http://{shown}:{port}/ (Ctrl-C stops it)")
    if links_elsewhere(config.web.base_url, port):
        click.echo(
            f"note: alerts link to {config.web.base_url}/, not here: serve on the port of"
            " web.base_url to open them"
        )
    serve_app(config, host, port)


def links_elsewhere(base_url: str | None, port: int) -> bool:
    """Whether alerts link to a page on this machine at another port than the one served."""
    parts = urlsplit(base_url or "")
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    default = 443 if parts.scheme == "https" else 80
    return local and (parts.port or default) != port


@main.command()
@config_option
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--suggest", is_flag=True, help="Races with recent bids that no contest covers.")
def contest(config_file: str | None, name: str | None, as_json: bool, suggest: bool) -> None:
    """The contests of the config; with NAME, that contest's tally: candidates, backers,
    switches, and the party's MPs who have declared for nobody."""
    config = load(config_file)
    zone = config.settings.zone
    if suggest:
        since = utc_now() - timedelta(days=SUGGEST_DAYS)
        archive = Archive(config.archive_path)
        try:
            bids = archive.contest_statements(since, None)
        finally:
            archive.close()
        found = suggest_contests(config.contests, bids, zone)
        if as_json:
            print_json(found)
        else:
            click.echo("\n".join(suggestion_lines(found, zone)))
        return
    if name is None:
        if as_json:
            click.echo(json.dumps([contest_entry(c) for c in config.contests], indent=2))
        else:
            click.echo("\n".join(contest_lines(config.contests)))
        return
    chosen = config.find_contest(name)
    if chosen is None:
        known = ", ".join(c.name for c in config.contests) or "none configured"
        click.echo(f"error: no contest is called {name!r} (contests: {known})", err=True)
        sys.exit(2)
    archive = Archive(config.archive_path)
    try:
        result = read_tally(archive.contest_statements, chosen, config.known_mps, zone)
    finally:
        archive.close()
    if as_json:
        record = tally_record(result, config.web.base_url or "")
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(tally_lines(result, zone)))


@main.command("hash-password")
def hash_password_command() -> None:
    """Print a password hash for web.users (the password is asked for, never echoed)."""
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    click.echo(hash_password(password))


main.add_command(demo_command)
