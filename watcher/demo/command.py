"""`watcher demo`: arguments and printing only; run.py does the work."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path

import click

from watcher.demo.run import DEMO_PORT, DemoOptions, run_demo
from watcher.demo.workspace import FolderInUse


@click.command("demo", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--dir",
    "folder",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Work in this folder (default: a new temporary folder, kept afterwards).",
)
@click.option(
    "--speed",
    metavar="FACTOR",
    type=click.FloatRange(min=0.1, max=1000),
    default=1.0,
    show_default=True,
    help="Tell the story this many times faster (the story takes about two minutes at 1).",
)
@click.option(
    "--port",
    metavar="PORT",
    type=click.IntRange(0, 65535),
    default=None,
    help=f"Serve the search page on this port of 127.0.0.1 (default: {DEMO_PORT}, or any free"
    " port if that is taken; 0: any free port). Alerts link there, and `watcher serve` on the"
    " demo's config serves there again.",
)
@click.option(
    "--exit-after-replay", is_flag=True, help="Stop once the story is told and alerts sent."
)
@click.option("-v", "--verbose", is_flag=True, help="Log every poll.")
def demo_command(
    folder: Path | None, speed: float, port: int | None, exit_after_replay: bool, verbose: bool
) -> None:
    """Show the whole watcher offline: a local site replays a made-up story, the watcher polls
    it, alerts land in the outbox folder and the search page lists them.

    Nothing leaves the machine: the site, the watcher and the page all run on 127.0.0.1.
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("apscheduler", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    options = DemoOptions(folder, speed, port, exit_after_replay)
    try:
        sys.exit(asyncio.run(_run(options)))
    except FolderInUse as exc:
        raise click.BadParameter(str(exc), param_hint="--dir") from None
    except OSError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


async def _run(options: DemoOptions) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return await run_demo(options, stop, click.echo)
