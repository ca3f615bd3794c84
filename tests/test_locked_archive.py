"""An archive another process keeps locked: waited out a bounded number of times, saying so,
then one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import basic_config

import watcher.archive
from watcher.archive import Archive, LockWait, open_archive
from watcher.cli import main
from watcher.errors import ArchiveLockedError
from watcher.models import MP

SHORT = LockWait(busy_timeout=0.05, attempts=3, pause=0.01)


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    path = basic_config(tmp_path)
    Archive(tmp_path / "watcher.db").close()  # built, in WAL mode, before anyone locks it
    return path


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection, holding the archive's write lock."""
    conn = sqlite3.connect(tmp_path / "watcher.db", isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    yield conn
    conn.close()


def test_a_lock_held_throughout_is_one_line_and_exit_1(
    config_path: Path,
    holder: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(watcher.archive, "LOCK_WAIT", SHORT)
    archive = config_path.parent / "watcher.db"
    locked = f"the archive {archive} is locked by another process"
    for command in (["run", "--once"], ["run"]):  # a round, and a daemon starting
        caplog.clear()
        args = [*command, "-c", str(config_path)]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 1, command
        assert "Traceback" not in result.output
        waited = 3 * 0.05 + 2 * 0.01  # three attempts and the two pauses between them
        assert f"error: {locked}; gave up after {waited:g}s" in result.output.splitlines()
        retrying = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
        assert retrying == [
            f"{locked}; retrying… (attempt 2 of 3)",
            f"{locked}; retrying… (attempt 3 of 3)",
        ]


def test_a_lock_released_while_retrying_lets_the_round_run(
    config_path: Path,
    holder: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(watcher.archive, "LOCK_WAIT", LockWait(0.05, attempts=200, pause=0.01))
    release = threading.Timer(0.3, holder.rollback)
    release.start()
    try:
        result = CliRunner().invoke(main, ["run", "--once", "-c", str(config_path)])
    finally:
        release.join()
    assert result.exit_code == 0, result.output
    assert any("retrying" in r.getMessage() for r in caplog.records)
    names = holder.execute("SELECT name FROM mps").fetchall()
    assert names == [("Ian Lavery",)]


def test_open_archive_waits_out_a_lock_released_between_attempts(
    config_path: Path, holder: sqlite3.Connection
) -> None:
    pauses: list[float] = []

    def pause(seconds: float) -> None:  # the other process finishes while we wait
        pauses.append(seconds)
        holder.rollback()

    path = config_path.parent / "watcher.db"
    archive = open_archive(path, [MP("A Member")], [], SHORT, sleep=pause)
    archive.close()
    assert pauses == [0.01]
    assert holder.execute("SELECT name FROM mps").fetchall() == [("A Member",)]


def test_open_archive_gives_up_after_its_attempts(
    config_path: Path, holder: sqlite3.Connection
) -> None:
    pauses: list[float] = []
    path = config_path.parent / "watcher.db"
    with pytest.raises(ArchiveLockedError) as caught:
        open_archive(path, [MP("A Member")], [], SHORT, sleep=pauses.append)
    assert pauses == [0.01, 0.01]
    assert caught.value.path == str(path)
    assert caught.value.waited == pytest.approx(0.17)


def test_a_locked_write_outside_a_round_is_archive_locked_error(
    config_path: Path, holder: sqlite3.Connection
) -> None:
    archive = Archive(config_path.parent / "watcher.db", busy_timeout=0.05)
    try:
        with pytest.raises(ArchiveLockedError, match="locked by another process"):
            archive.sync_config([MP("A Member")], [])
    finally:
        archive.close()


def test_a_way_to_wait_needs_one_attempt() -> None:
    with pytest.raises(ValueError, match="not a way to wait"):
        LockWait(attempts=0)
