"""The `watcher` commands, run in-process with click's runner against real servers."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import Entry, basic_config, load, minutes_ago, rss, write_config
from support.httpserver import FixtureServer
from support.smtpsink import SmtpSink

from watcher.archive import Archive
from watcher.cli import main, statement_lines
from watcher.models import Finding, Item, Statement, Validators
from watcher.scheduler import run_once


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_config_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    path = write_config(tmp_path, "mps:\n  - name: A\n    colour: red\n  - party: X\n")
    result = invoke("check-config", "-c", str(path))
    assert result.exit_code == 2
    assert f"{path}:3: mps[0].colour: unknown key" in result.output
    assert f"{path}:4: mps[1].name: required" in result.output


def test_check_config_rejects_a_selector_it_cannot_use(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "mps:\n  - name: Ian Lavery\nnews:\n"
        '  - {kind: page, name: Lobby, url: "https://x.org/", item_selector: "h2 a"}\n'
        '  - {kind: page, name: Desk page, url: "https://y.org/", item_selector: "h2 >> a"}\n',
    )
    result = CliRunner().invoke(main, ["check-config", "-c", str(path)])
    assert result.exit_code == 2
    [problem] = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert problem.startswith(f"error: {path}:5: news[1].item_selector: not a CSS selector")
    assert "'Desk page'" in problem
    assert "Lobby" not in result.output


def test_check_config_warns_of_mps_the_register_does_not_know(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "mps:\n  - name: Ian Lavery\n  - name: Keir Stramer\n  - name: Nobody McFakename\n",
    )
    result = CliRunner().invoke(main, ["check-config", "-c", str(path)])
    assert result.exit_code == 0
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert warnings[0].startswith(f"warning: {path}:3: mps[1].name: 'Keir Stramer' is not in")
    assert warnings[0].endswith("did you mean 'Keir Starmer'?")
    assert warnings[1].startswith(f"warning: {path}:4: mps[2].name: 'Nobody McFakename'")
    assert "did you mean" not in warnings[1]
    assert "ok — 3 MPs" in result.output


def test_check_config_counts_in_words(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "mps:\n  - name: Ian Lavery\n    sources:\n"
        '      - {kind: feed, url: "https://x.org/feed"}\n'
        "notify:\n  subscriptions:\n    - {name: Desk, to: desk@example.org}\n",
    )
    output = invoke("check-config", "-c", str(path)).output
    assert "ok — 1 MP, 1 source, 1 subscription, alerts as .eml files in" in output


def test_config_problems_are_plain_sentences_in_line_order(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "mps:\n  - name: Ian Lavery\n    sources:\n"
        '      - {kind: feed, url: "https://x.org/feed", interval: soon}\n'
        "settings:\n  retries: three\n  track: everyone\n",
    )
    result = CliRunner().invoke(main, ["check-config", "-c", str(path)])
    lines = result.output.splitlines()
    assert lines == [
        f"error: {path}:4: mps[0].sources[0].interval: not a duration (write 30s, 5m, 2h or 1d)",
        f"error: {path}:6: settings.retries: must be a whole number, not 'three'",
        f"error: {path}:7: settings.track: must be 'configured' or 'all_mps', not 'everyone'",
        f"3 problems in {path}",
    ]


def test_yaml_mistakes_are_told_in_plain_words(tmp_path: Path) -> None:
    mistakes = {
        "mps:\n  - name: A\n   party: X\n": (3, "indented differently"),
        "mps:\n  - name: A\n  party\n": (3, "a key without its colon"),
        "mps:\n\t- name: A\n": (2, "a tab: indent with spaces"),
        'mps:\n  - name: "A\n': (2, "never closed"),
    }
    for text, (line, words) in mistakes.items():
        path = write_config(tmp_path, text)
        result = CliRunner().invoke(main, ["check-config", "-c", str(path)])
        assert result.exit_code == 2
        assert f"error: {path}:{line}: " in result.output, text
        assert words in result.output, text
        assert "<block" not in result.output
        assert "scalar" not in result.output
        assert result.output.endswith(f"1 problem in {path}\n")


def test_every_command_checks_the_config_first(tmp_path: Path) -> None:
    path = write_config(tmp_path, "mps: []\nsettings: {interval: never}\n")
    for command in (["run", "--once"], ["search", "x"], ["sources"], ["outbox"]):
        result = invoke(*command, "--config", str(path))
        assert result.exit_code == 2, command
        assert "settings.interval: not a duration" in result.output


def test_config_from_environment(tmp_path: Path) -> None:
    path = write_config(tmp_path, "mps:\n  - name: A\n", name="elsewhere.yaml")
    result = CliRunner(env={"WATCHER_CONFIG": str(path)}).invoke(main, ["check-config"])
    assert result.exit_code == 0
    assert "ok — 1 MP," in result.output


def archived(tmp_path: Path, http_server: FixtureServer) -> Path:
    """A config whose archive holds two statements by Ian Lavery."""
    http_server.set_feed(
        "/lavery.xml",
        rss(
            [
                Entry("No", "I will not be standing for the leadership.", "a", "http://x.org/a"),
                Entry("Yes", "Full support behind Rebecca Long Bailey.", "b", "http://x.org/b"),
            ]
        ),
    )
    path = basic_config(tmp_path, mp_feeds=[http_server.url("/lavery.xml")])
    assert asyncio.run(run_once(load(path))) == 0
    return path


def test_search_json(tmp_path: Path, http_server: FixtureServer) -> None:
    path = archived(tmp_path, http_server)
    result = invoke("search", "stand*", "-c", str(path), "--json")
    [hit] = json.loads(result.output)
    assert {"mp", "kind", "target", "text", "said_at", "published_at", "url", "source"} <= set(hit)
    assert {"verbatim", "report"} <= set(hit)
    assert (hit["mp"], hit["kind"], hit["url"]) == (
        "Ian Lavery",
        "leadership_declined",
        "http://x.org/a",
    )
    both = json.loads(invoke("search", "leadership OR support", "-c", str(path), "--json").output)
    assert len(both) == 2
    phrase = json.loads(invoke("search", "“full support”", "-c", str(path), "--json").output)
    assert [h["url"] for h in phrase] == ["http://x.org/b"]
    by_lavery = invoke("search", "support", "--mp", "Mr Lavery", "-c", str(path), "--json")
    assert len(json.loads(by_lavery.output)) == 1


def test_search_for_an_mp_nobody_knows_says_so(tmp_path: Path, http_server: FixtureServer) -> None:
    path = archived(tmp_path, http_server)
    for extra in ([], ["--json"]):
        result = CliRunner().invoke(
            main, ["search", "leader", "--mp", "Nobody Here", "-c", str(path), *extra]
        )
        assert result.exit_code == 2
        assert "no MP in the archive is called 'Nobody Here'" in result.output
        assert "no statements found" not in result.output
    near = CliRunner().invoke(main, ["search", "leader", "--mp", "Ian Lavry", "-c", str(path)])
    assert "did you mean 'Ian Lavery'?" in near.output


def test_search_json_links_each_statement_to_its_page(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    path = archived(tmp_path, http_server)
    [hit] = json.loads(invoke("search", "stand*", "-c", str(path), "--json").output)
    assert isinstance(hit["id"], int)
    assert hit["statement_url"] == f"http://127.0.0.1:8080/statements/{hit['id']}"
    assert hit["said_at_precision"] is None  # the item gave no time of its own
    text = path.read_text() + "web:\n  base_url: https://watch.example.org/desk/\n"
    path.write_text(text)
    [hit] = json.loads(invoke("search", "stand*", "-c", str(path), "--json").output)
    assert hit["statement_url"] == f"https://watch.example.org/desk/statements/{hit['id']}"


def test_search_human_output_and_filters(tmp_path: Path, http_server: FixtureServer) -> None:
    path = archived(tmp_path, http_server)
    result = invoke(
        "search", "support", "--mp", "mr lavery", "--kind", "endorsement", "-c", str(path)
    )
    assert "Ian Lavery" in result.output
    assert "Rebecca Long Bailey" in result.output
    none = invoke("search", "support", "--until", "2000-01-01", "-c", str(path))
    assert "no statements found" in none.output


def test_malformed_query_gets_a_message_not_a_traceback(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    path = archived(tmp_path, http_server)
    for query in ('"unclosed', "AND", "col:thing", "(((", "a NEAR("):
        result = CliRunner().invoke(main, ["search", query, "-c", str(path)])
        assert result.exit_code == 2, query
        assert "cannot search for" in result.output
        assert "Traceback" not in result.output


def test_sources_shows_health(tmp_path: Path, http_server: FixtureServer) -> None:
    http_server.set_response("/down.xml", 503)
    path = basic_config(tmp_path, news_feeds=[http_server.url("/down.xml")])
    assert asyncio.run(run_once(load(path))) == 1
    result = invoke("sources", "-c", str(path))
    assert "[error, failing]" in result.output  # not "ok": no poll of it has ever worked
    assert "failing: no poll of it has worked yet" in result.output
    assert "HTTP 503" in result.output
    assert "failures in a row: 1" in result.output


def test_a_source_never_polled_has_its_own_state(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    http_server.set_feed("/news.xml", rss([]))
    path = basic_config(tmp_path, news_feeds=[http_server.url("/news.xml")])

    before = invoke("sources", "-c", str(path))
    before_json = json.loads(invoke("sources", "--json", "-c", str(path)).output)
    assert asyncio.run(run_once(load(path))) == 0
    after_json = json.loads(invoke("sources", "--json", "-c", str(path)).output)

    assert "[never polled]" in before.output
    assert [h["health"] for h in before_json] == ["never_polled"]
    assert [h["health"] for h in after_json] == ["ok"]


def test_test_source_prints_and_writes_nothing(tmp_path: Path, http_server: FixtureServer) -> None:
    entry = Entry("Post", "Mr Lavery spoke today.", "g1", "http://x.org/1", minutes_ago(5))
    http_server.set_feed("/news.xml", rss([entry]))
    path = basic_config(tmp_path, news_feeds=[http_server.url("/news.xml")])
    by_url = invoke("test-source", http_server.url("/news.xml"), "-c", str(path))
    assert by_url.exit_code == 0
    assert "1 items" in by_url.output
    assert "mentions: Ian Lavery" in by_url.output
    by_name = invoke("test-source", f"127.0.0.1:{http_server.port}/news.xml", "-c", str(path))
    assert by_name.exit_code == 0
    assert "http://x.org/1" in by_name.output
    assert not (tmp_path / "watcher.db").exists()
    unknown = CliRunner().invoke(main, ["test-source", "No Such Source", "-c", str(path)])
    assert unknown.exit_code == 2


def test_test_notify_sends_a_message(tmp_path: Path, smtp_server: SmtpSink) -> None:
    path = basic_config(tmp_path, smtp_port=smtp_server.port)
    result = invoke("test-notify", "-c", str(path))
    assert result.exit_code == 0
    [mail] = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("desk@example.org",)
    assert mail.message["Subject"] == "Watcher test message"


def test_test_notify_reports_an_unreachable_server(tmp_path: Path) -> None:
    down = SmtpSink()  # never started
    path = basic_config(tmp_path, smtp_port=down.port)
    result = CliRunner().invoke(main, ["test-notify", "-c", str(path)])
    assert result.exit_code == 1
    assert "cannot reach SMTP server" in result.output


def test_outbox_lists_failing_alerts(tmp_path: Path, http_server: FixtureServer) -> None:
    down = SmtpSink()
    entry = Entry("Post", "Statement.", "g1", "http://x.org/1", minutes_ago(5))
    http_server.set_feed("/lavery.xml", rss([entry]))
    path = basic_config(tmp_path, mp_feeds=[http_server.url("/lavery.xml")], smtp_port=down.port)
    assert asyncio.run(run_once(load(path))) == 0
    result = invoke("outbox", "-c", str(path))
    assert "failing alert to desk@example.org: Ian Lavery [statement]" in result.output
    assert "cannot reach SMTP server" in result.output
    [row] = json.loads(invoke("outbox", "-c", str(path), "--json").output)
    assert row["status"] == "failing"
    assert row["attempts"] == 1


def test_outbox_all_shows_each_messages_eml_file(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    entry = Entry("Post", "Statement.", "g1", "http://x.org/1", minutes_ago(5))
    http_server.set_feed("/lavery.xml", rss([entry]))
    path = basic_config(tmp_path, mp_feeds=[http_server.url("/lavery.xml")])
    assert asyncio.run(run_once(load(path))) == 0
    [written] = (tmp_path / "outbox").iterdir()
    assert re.fullmatch(r"\d{8}-\d{4}-ian-lavery-[0-9a-f]{8}\.eml", written.name)
    lines = invoke("outbox", "--all", "-c", str(path)).output.splitlines()
    assert lines[0].startswith(
        "#1 sent alert to desk@example.org: Ian Lavery [statement], 1 attempt,"
    )
    assert lines[1] == f"  file: {written}"
    [row] = json.loads(invoke("outbox", "--all", "--json", "-c", str(path)).output)
    assert row["file"] == str(written)
    assert invoke("outbox", "-c", str(path)).output.startswith("outbox empty")


def test_test_source_follows_a_listing_page(tmp_path: Path, http_server: FixtureServer) -> None:
    html = "text/html; charset=utf-8"
    http_server.set_feed(
        "/news/",
        "<html><body><h2><a href='/news/lavery'>Lavery</a></h2></body></html>",
        content_type=html,
    )
    http_server.set_feed(
        "/news/lavery",
        "<html><head><meta property='article:published_time' content='2020-01-07T09:00:00Z'>"
        "</head><body><article><h1>Lavery</h1><p>Ian Lavery said: “I will not be standing "
        "in the leadership contest.”</p></article></body></html>",
        content_type=html,
    )
    path = write_config(
        tmp_path,
        "mps:\n  - name: Ian Lavery\nnews:\n"
        f'  - {{kind: page, url: "{http_server.url("/news/")}", item_selector: "h2 a"}}\n',
    )
    result = invoke("test-source", http_server.url("/news/"), "-c", str(path))
    assert result.exit_code == 0, result.output
    assert "Ian Lavery [leadership_declined: Labour leader]" in result.output
    assert [r.path for r in http_server.requests] == ["/news/", "/news/lavery"]
    assert not (tmp_path / "watcher.db").exists()


def test_extract_reads_a_file_as_an_mps_own_post_by_any_form_of_their_name(
    tmp_path: Path,
) -> None:
    post = tmp_path / "post.html"
    post.write_text("<html><body><article><p>I am resigning as shadow chancellor today.</p>"
                    "</article></body></html>")  # fmt: skip
    path = write_config(tmp_path, "mps:\n  - name: Rachel Reeves\n")
    for name in ("Rachel Reeves", "ms reeves", "Rt Hon Rachel Reeves"):
        result = invoke("extract", str(post), "--own", name, "--published", "2024-01-05T10:00",
                        "-c", str(path), "--json")  # fmt: skip
        [row] = json.loads(result.output)
        assert isinstance(row["verbatim"], bool)
        assert "report" in row
        assert (row["mp"], row["kind"], row["target"]) == (
            "Rachel Reeves",
            "resignation",
            "shadow chancellor",
        )
    unknown = CliRunner().invoke(main, ["extract", str(post), "--own", "Nobody", "-c", str(path)])
    assert unknown.exit_code == 2


# --- whose words: quotation marks only around the MP's own --------------------------------

REPORTED = "Ian Lavery has ruled himself out of the race to lead the party."
QUOTED = "I will not be standing in the leadership contest."
QUOTED_REPORT = f"Mr Lavery told The Courier: \u201c{QUOTED}\u201d"
QUOTATION_MARKS = set('\u201c\u201d\u201e"\u00ab\u00bb')


def filed(tmp_path: Path) -> Path:
    """A config whose archive holds a news item with a reporter's sentence about Ian Lavery and
    his own words quoted, filed as the pipeline files them."""
    path = write_config(
        tmp_path,
        "settings: {archive: watcher.db}\nmps:\n  - name: Ian Lavery\n    party: Labour\n"
        'news:\n  - {kind: feed, name: The Courier, url: "https://courier.example/rss"}\n',
    )
    config = load(path)
    (source,) = config.sources
    when = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
    item = Item(source, "c1", "Lavery out", f"{REPORTED} {QUOTED_REPORT}", None, when)
    statements = (
        Statement("Ian Lavery", "leadership_declined", REPORTED, report=REPORTED),
        Statement(
            "Ian Lavery",
            "statement",
            QUOTED,
            verbatim=True,
            report=QUOTED_REPORT,
            said_at=when,
            said_at_precision="day",
        ),
    )
    archive = Archive(config.archive_path)
    try:
        archive.sync_config(config.mps, config.sources)
        state = archive.source_state(source)
        archive.record_poll(state, Validators(), [Finding(item, statements)], when, when)
    finally:
        archive.close()
    return path


def test_search_json_says_whose_words(tmp_path: Path) -> None:
    path = filed(tmp_path)
    hits = json.loads(invoke("search", "leadership OR lead", "-c", str(path), "--json").output)
    by_text = {h["text"]: (h["verbatim"], h["report"]) for h in hits}
    assert by_text == {REPORTED: (False, REPORTED), QUOTED: (True, QUOTED_REPORT)}
    precision = {h["text"]: h["said_at_precision"] for h in hits}
    assert precision == {REPORTED: None, QUOTED: "day"}


def test_search_quotes_only_the_mps_words(tmp_path: Path) -> None:
    output = invoke("search", "leadership OR lead", "-c", str(filed(tmp_path))).output
    lines = [line.strip() for line in output.splitlines()]
    assert f"\u201c{QUOTED}\u201d" in lines
    assert f"Reported by The Courier: {REPORTED}" in lines
    (reported,) = [line for line in lines if REPORTED in line]
    assert not QUOTATION_MARKS & set(reported)


def extracted(**changes: Any) -> dict[str, Any]:
    row = {
        "mp": "Ian Lavery",
        "kind": "leadership_declined",
        "target": "leader",
        "text": REPORTED,
        "verbatim": False,
        "report": REPORTED,
        "said_at": "2024-06-03T08:00:00+00:00",
        "said_at_precision": "published",
        "evidence": "reported speech",
    }
    return {**row, **changes}


def test_extract_prints_quotation_marks_only_around_the_mps_words() -> None:
    reported = statement_lines(extracted())
    assert f"  Reported: {REPORTED}" in reported
    assert not any(QUOTATION_MARKS & set(line) for line in reported)
    assert not any(line.startswith("  report:") for line in reported)  # the same sentence
    quoted = statement_lines(extracted(text=QUOTED, verbatim=True, report=QUOTED_REPORT))
    assert f"  \u201c{QUOTED}\u201d" in quoted
    assert f"  report: {QUOTED_REPORT}" in quoted


def test_extract_output_agrees_with_its_json(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<html><body><article><h1>Lavery out</h1>"
        "<p>Ian Lavery said on Monday that he would not stand for the leadership.</p>"
        "<p>Later Mr Lavery said: \u201cI am backing Rebecca Long-Bailey to lead our "
        "party.\u201d</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    config = write_config(tmp_path, "mps:\n  - name: Ian Lavery\n    party: Labour\n")
    args = ("extract", str(page), "--published", "2024-06-03T09:00", "-c", str(config))
    rows = json.loads(invoke(*args, "--json").output)
    assert rows
    printed = [line.strip() for line in invoke(*args).output.splitlines()]
    for row in rows:
        assert isinstance(row["verbatim"], bool)
        assert row["report"] is None or isinstance(row["report"], str)
        words = " ".join(row["text"].split())
        shown = "\u201c" + words + "\u201d" if row["verbatim"] else f"Reported: {words}"
        assert shown in printed, row
        if not row["verbatim"]:
            assert f"\u201c{words}\u201d" not in printed, row


def test_the_json_of_search_and_sources_keeps_its_keys(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    path = archived(tmp_path, http_server)
    [hit] = json.loads(invoke("search", "stand*", "-c", str(path), "--json").output)
    assert list(hit) == [
        *("id", "mp", "kind", "target", "text", "said_at", "said_at_precision", "published_at"),
        *("url", "source", "title", "verbatim", "report", "status", "statement_url"),
    ]
    rows = json.loads(invoke("sources", "--json", "-c", str(path)).output)
    assert rows
    assert {
        *("name", "url", "kind", "mp", "last_status", "last_polled_at", "last_success_at"),
        *("last_error", "consecutive_failures", "next_check_at", "items", "health"),
        *("health_since", "health_detail"),
    } <= set(rows[0])
    assert rows[0]["items"] >= 1


def test_extract_with_nothing_found_says_whom_it_tracked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>Rachel Reeves said it was fine.</p>"
                    "</article></body></html>")  # fmt: skip
    path = write_config(tmp_path, "mps:\n  - name: Ian Lavery\n")
    result = invoke("extract", str(page), "-c", str(path))
    assert result.output == f"no statements by Ian Lavery, the one MP tracked in {path}\n"
    monkeypatch.chdir(tmp_path / "..")
    monkeypatch.delenv("WATCHER_CONFIG", raising=False)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><p>Nothing said here.</p></body></html>")
    assert invoke("extract", str(empty)).output == "no statements by any MP\n"
