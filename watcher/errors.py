"""The watcher's exceptions.

    WatcherError                 anything the watcher reports as a failure
    ├── ConfigError              sources.yaml is unreadable or invalid (carries every problem)
    ├── FetchError               a source could not be fetched
    │   ├── HTTPStatusError      the server answered with an error status
    │   ├── TooLargeError        the body passed the size cap
    │   ├── BlockedRedirectError a redirect led to a private address
    │   ├── TransportError       timeout, refused connection, broken TLS, ...
    │   │   ├── DeadlineError    no whole response within the request's deadline
    │   │   └── NameNotResolvedError  the host's name has no address (DNS): not retried
    │   └── BudgetError          the poll, retries and redirects together, ran out of time
    ├── ParseError               the body is not a readable feed
    ├── SearchError              a malformed search query
    ├── ArchiveLockedError       another process held the archive's write lock too long
    └── DeliveryError            the mail server refused or could not be reached

A 304 Not Modified is not an error: it is `FetchResult.not_modified`.
"""

from __future__ import annotations

from dataclasses import dataclass


class WatcherError(Exception):
    """Base class for every failure the watcher reports."""


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong with a config file, located as precisely as the file allows."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {field}{self.message}"


class ConfigError(WatcherError):
    """Every problem found in a config file, in the order of their lines."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line or 0)
        super().__init__("\n".join(str(p) for p in problems))


class FetchError(WatcherError):
    """A fetch failed. `retry_after` (seconds) is set when the server asked us to wait."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class HTTPStatusError(FetchError):
    def __init__(self, status: int, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}", retry_after)
        self.status = status


class TooLargeError(FetchError):
    pass


class BlockedRedirectError(FetchError):
    pass


class TransportError(FetchError):
    pass


class NameNotResolvedError(TransportError):
    """The host's name did not resolve. Retrying at once rarely helps (no network, or a
    misspelt host), so the poll fails at once and the next one tries again."""


class DeadlineError(TransportError):
    """Connect, headers and body together took longer than `settings.request_deadline`.

    A server that trickles a byte now and then never trips the per-read timeout; this does.
    """


class BudgetError(FetchError):
    """A poll of one source took longer than `settings.poll_budget` and was cancelled."""


class ParseError(WatcherError):
    pass


class SearchError(WatcherError):
    pass


class DaemonRunningError(WatcherError):
    """Another watcher daemon already polls on schedule for this archive."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"another watcher daemon is already running on the archive {path}; stop it first"
            " (rounds with `watcher run --once` may run beside it)"
        )


class ArchiveFullError(WatcherError):
    """The disk (or the file system) holding the archive is full: the write was undone."""

    def __init__(self, path: str) -> None:
        super().__init__(f"the disk holding the archive {path} is full; nothing was written")


class ArchiveLockedError(WatcherError):
    """Another process held the archive's write lock past SQLite's busy timeout."""

    def __init__(self, path: str, waited: float) -> None:
        super().__init__(
            f"the archive {path} is locked by another process; gave up after {waited:g}s"
        )
        self.path = path
        self.waited = waited


class DeliveryError(WatcherError):
    pass
