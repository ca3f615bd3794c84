"""The steady daemon's CPU share: N feeds polled every --interval seconds, a share changing.

    pip install -e '.[bench]'
    python benchmarks/daemon_cpu.py [--sources 2000] [--interval 120] [--latency 50]
                                    [--changed 0.05] [--rounds 2]

Serves N feeds of 20 items on one local host with poll_round.py's site (its own process,
conditional GET, --latency ms a response). A `watcher run --once` reads them all first (not
measured); then the daemon (`run_watcher.py`, a process of its own, the host given
`in_flight: 50`, alerts written to an outbox folder) polls every feed every --interval
seconds. Once it has polled every feed, --changed of the feeds gain an item at the start of
each interval, for --rounds intervals, and the daemon's CPU seconds over them are read from
/proc. Prints the CPU share of one core; the target is 10 % or less.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from poll_round import site_call

REPO = Path(__file__).resolve().parent.parent
POLL_ROUND = Path(__file__).resolve().parent / "poll_round.py"


def write_config(folder: Path, urls: list[str], interval: float) -> Path:
    host = urls[0].split("/")[2].split(":")[0]
    lines = [
        "settings:",
        "  archive: bench.db",
        f"  interval: {interval:g}s",
        "  timeout: 20s",
        "  retries: 0",
        "  track: all_mps",
        f"  hosts: {{{host}: {{in_flight: 50}}}}",
        "  in_flight: 100",
        "mps:",
        "  - {name: Ian Lavery}",
        "news:",
        *(f'  - {{kind: feed, url: "{url}"}}' for url in urls),
        "notify:",
        '  from: "Watcher <alerts@example.org>"',
        "  outbox_dir: outbox",
        "  subscriptions:",
        "    - {to: desk@example.org, mps: all, kinds: all}",
    ]
    path = folder / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_polls(log: Path, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while log.read_text(errors="replace").count("poll source=") < count:
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:]
            raise SystemExit(f"the daemon did not poll every source in {timeout:.0f}s:\n{tail}")
        time.sleep(0.5)


def measure(args: argparse.Namespace, base: str, folder: Path) -> None:
    site_call(base, "reset", sources=args.sources, latency=args.latency)
    urls = [f"{base}/feed/{n}.xml" for n in range(args.sources)]
    config = write_config(folder, urls, args.interval)
    started = time.monotonic()
    watcher = [sys.executable, str(REPO / "run_watcher.py"), "-c", str(config)]
    subprocess.run([*watcher, "--once"], cwd=folder, capture_output=True, check=False)
    print(f"first round (not measured) {time.monotonic() - started:.0f} s", flush=True)
    log = folder / "daemon.log"
    with log.open("wb") as out:
        daemon = subprocess.Popen(
            watcher, cwd=folder, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    try:
        wait_for_polls(log, args.sources, timeout=args.interval + 120)
        before, cpu_before = time.monotonic(), cpu_seconds(daemon.pid)
        for _ in range(args.rounds):
            site_call(base, "change", share=args.changed)
            time.sleep(args.interval)
        elapsed, cpu = time.monotonic() - before, cpu_seconds(daemon.pid) - cpu_before
        polls = log.read_text(errors="replace").count("poll source=")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
    print(
        f"N = {args.sources} feeds every {args.interval:g} s, {args.latency:g} ms a response, "
        f"{args.changed:.0%} changed an interval: daemon CPU {cpu:.1f} s over {elapsed:.0f} s, "
        f"{cpu / elapsed:.1%} of one core (target 10 %); {polls} polls logged in all"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--interval", type=float, default=120.0, help="seconds")
    parser.add_argument("--latency", type=float, default=50.0, help="ms")
    parser.add_argument("--changed", type=float, default=0.05)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    site = subprocess.Popen(
        [sys.executable, str(POLL_ROUND), "--serve"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert site.stdout is not None
    assert site.stdin is not None
    try:
        base = f"http://127.0.0.1:{site.stdout.readline().strip()}"
        with tempfile.TemporaryDirectory() as folder:
            measure(args, base, Path(folder))
    finally:
        site.stdin.close()
        site.wait()


if __name__ == "__main__":
    main()
