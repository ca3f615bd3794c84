"""Run the real `watcher` command in a subprocess and wait on what it does."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
POLL_EVERY = 0.05  # how often a wait looks at its condition


def wait_until(check: Callable[[], T], timeout: float, what: str) -> T:
    """Return check()'s first truthy value; fail with `what` if none comes before the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(POLL_EVERY)


def watcher(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m watcher ARGS` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "watcher", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(),
        check=False,
    )


def watcher_json(*args: str, cwd: Path) -> Any:
    result = watcher(*args, "--json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def plain_text(message: EmailMessage) -> str:
    """The text/plain part of an alert."""
    part = message.get_body(("plain",))
    assert part is not None, "no text/plain part"
    return str(part.get_content())


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("WATCHER_CONFIG", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Daemon:
    """`watcher run -c CONFIG` as a background process, its log kept in a file."""

    def __init__(self, config: Path, log_name: str = "daemon.log") -> None:
        self.config = config
        self.log_path = config.parent / log_name
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "watcher", "run", "-c", str(self.config)],
                cwd=self.config.parent,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=_env(),
            )
        return self

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def count(self, text: str) -> int:
        return self.log().count(text)

    def wait_for_log(self, text: str, timeout: float, times: int = 1) -> None:
        wait_until(lambda: self.count(text) >= times, timeout, f"{times}x {text!r} in the log")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def __enter__(self) -> Daemon:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
