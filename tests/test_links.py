"""The page's addresses that everything links to are written once: a statement's and a
contest's, under any base."""

from __future__ import annotations

from watcher.links import contest_page, statement_page


def test_a_statement_s_page_under_a_base_with_or_without_its_slash() -> None:
    assert statement_page("https://desk.example/watch", 42) == (
        "https://desk.example/watch/statements/42"
    )
    assert statement_page("https://desk.example/watch/", 42) == (
        "https://desk.example/watch/statements/42"
    )
    assert statement_page("", 7) == "/statements/7"


def test_a_contest_s_name_is_quoted_into_its_address() -> None:
    assert contest_page("http://127.0.0.1:8765", "Labour deputy/2026 #1") == (
        "http://127.0.0.1:8765/contests/Labour%20deputy%2F2026%20%231"
    )
