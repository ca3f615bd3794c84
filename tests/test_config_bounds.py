"""A hostile sources.yaml is refused with a config error, never a hang, a memory blow-up or a
traceback: nested aliases, alias loops, deep nesting, an oversize file and bytes that are not
UTF-8."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import load, write_config

from watcher.cli import main
from watcher.config import MAX_CONFIG_BYTES
from watcher.config.locator import MAX_ALIAS_NODES, MAX_DEPTH
from watcher.errors import ConfigError

GOOD = """\
mps:
  - name: Ian Lavery
    sources:
      - &feed {kind: feed, url: "https://example.org/feed/", interval: 10m}
  - name: A Member
    sources:
      - {<<: *feed, url: "https://example.org/other/"}
"""


def billion_laughs(levels: int = 9) -> str:
    """Nine strings, then `levels` lists each of nine aliases to the last: 9**10 strings."""
    lines = ['l0: &l0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(["mps: []", *lines]) + "\n"


def problem(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load(path, {})
    [found] = caught.value.problems
    return str(found)


def watcher(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "watcher", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.timeout(30)
def test_nested_aliases_are_refused_while_composing(tmp_path: Path) -> None:
    path = write_config(tmp_path, billion_laughs())
    found = problem(path)
    assert "refused: aliases (*name) here expand to more than" in found
    # Refused at the first level whose aliases pass the budget, well before the last level
    # (line 11): each level's lists are counted once, never expanded.
    line = int(found.split(":")[1])
    assert 9 ** (line - 1) > MAX_ALIAS_NODES
    assert line < 11


@pytest.mark.timeout(30)
def test_nested_aliases_are_refused_by_every_command(tmp_path: Path) -> None:
    path = write_config(tmp_path, billion_laughs())
    for command in (["check-config"], ["run", "--once"], ["search", "x"], ["sources"]):
        result = CliRunner().invoke(main, [*command, "-c", str(path)], catch_exceptions=False)
        assert result.exit_code == 2, command
        assert "expand to more than" in result.output, command


@pytest.mark.timeout(60)
def test_nested_aliases_in_a_real_process_exit_2_with_one_message(tmp_path: Path) -> None:
    path = write_config(tmp_path, billion_laughs())
    result = watcher("check-config", "-c", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"error: {path}:" in result.stderr
    assert "expand to more than" in result.stderr


def test_an_alias_loop_is_refused(tmp_path: Path) -> None:
    path = write_config(tmp_path, "loop: &loop [1, *loop]\nmps: []\n")
    assert problem(path) == f"{path}:1: refused: an alias inside the value it names (a loop)"


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    depth = 10_000
    path = write_config(tmp_path, f"mps: []\ndeep: {'[' * depth}{']' * depth}\n")
    assert problem(path) == f"{path}:2: refused: nested more than {MAX_DEPTH} deep"


def test_an_oversize_file_is_refused_naming_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    with path.open("wb") as file:
        file.write(b"mps: []\n# ")
        file.write(b"x" * MAX_CONFIG_BYTES)
    size = path.stat().st_size
    assert problem(path) == (
        f"{path}: too large: {size:,} bytes, over the limit of {MAX_CONFIG_BYTES:,} bytes"
    )


def test_an_oversize_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    with path.open("wb") as file:
        file.truncate(50 * MAX_CONFIG_BYTES)  # sparse: no disk, and reading it would be slow
    result = CliRunner().invoke(main, ["check-config", "-c", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "too large: 250,000,000 bytes" in result.output


def test_bytes_that_are_not_utf8_are_a_config_error_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"mps:\n  - name: Caf\xe9 Owner\n")
    message = "not UTF-8 text: byte 0xe9 cannot be read; save it as UTF-8"
    assert problem(path) == f"{path}:2: {message}"


def test_bytes_that_are_not_utf8_exit_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"mps:\n  - name: Caf\xe9 Owner\n")
    for command in (["check-config"], ["run", "--once"]):
        result = watcher(*command, "-c", str(path))
        assert result.returncode == 2, command
        assert "Traceback" not in result.stderr, command
        assert f"error: {path}:2: not UTF-8 text" in result.stderr, command


def test_a_normal_config_with_anchors_and_merge_keys_loads(tmp_path: Path) -> None:
    config = load(write_config(tmp_path, GOOD), {})
    assert [(s.mp, s.url, s.interval) for s in config.sources] == [
        ("Ian Lavery", "https://example.org/feed/", 600),
        ("A Member", "https://example.org/other/", 600),
    ]


def test_the_file_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readers: list[object] = []
    start = yaml.reader.Reader.__init__

    def counted(self: yaml.reader.Reader, stream: Any) -> None:
        readers.append(stream)
        start(self, stream)

    monkeypatch.setattr(yaml.reader.Reader, "__init__", counted)
    load(write_config(tmp_path, GOOD), {})
    assert len(readers) == 1
