"""Addresses that hold secrets are shown by their scheme only, wherever they are shown."""

from __future__ import annotations

from watcher.secrets import scheme_of, without_secrets


def test_an_apprise_url_is_shown_without_its_tokens() -> None:
    url = "slack://T0000/B0000/secret-token-value"
    assert scheme_of(url) == "slack"
    assert without_secrets(url) == "slack://…"
    assert "secret" not in without_secrets(url)
