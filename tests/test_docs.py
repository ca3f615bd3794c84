"""The README tells the truth: its example config is valid and its commands are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import load, write_config

from watcher.cli import main
from watcher.sources import SOURCE_KINDS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def fenced(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)


def test_readme_example_config_is_valid_and_uses_every_documented_kind(tmp_path: Path) -> None:
    [example] = fenced("yaml")
    config = load(write_config(tmp_path, example), {"WATCHER_SMTP_PASSWORD": "x"})
    assert {s.kind for s in config.sources} == set(SOURCE_KINDS)
    assert config.notify.smtp is not None
    assert config.notify.smtp.starttls
    assert [m.name for m in config.mps] == ["Ian Lavery", "Rebecca Long Bailey"]


def test_every_settings_key_is_documented() -> None:
    from watcher.config import NotifyEntry, Settings

    for key in Settings.model_fields:
        assert f"`{key}`" in README, key
    for name, field in NotifyEntry.model_fields.items():
        assert f"`{field.alias or name}`" in README, name


def test_ci_runs_the_readme_test_command() -> None:
    commands = [block.strip() for block in fenced("sh")]
    test_command = next(c for c in commands if "pytest" in c)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
    assert any("python run_watcher.py" in c for c in commands)


@pytest.mark.parametrize(
    "command",
    [
        "run",
        "check-config",
        "search",
        "sources",
        "test-source",
        "test-notify",
        "outbox",
        "extract",
        "eval",
        "contest",
    ],
)
def test_every_documented_command_has_help(command: str) -> None:
    assert f"`watcher {command}" in README
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "-c, --config FILE" in result.output
