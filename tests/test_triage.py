"""The desk's triage: statuses and their history in a real archive, the upgrade of an archive
that had none, `watcher mark`, `watcher search --status`, and `watcher eval
--export-dismissed`, whose drafts the scorer reads."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner, Result
from support.old_archives import as_at, migrated_to
from support.triage_desk import BACKING, BID, POSTED, build_triage_desk, statement_id

from watcher.archive import MIGRATIONS, Archive
from watcher.cli import main
from watcher.config import Config
from watcher.drafts import DraftItem, DraftStatement, draft_case
from watcher.evaluate import case_item, evaluate, load_cases
from watcher.register import load_register
from watcher.triage import StatusChange, Visit, make_mark, next_visit

AT = datetime(2026, 12, 2, 10, tzinfo=UTC)


@pytest.fixture
def desk(tmp_path: Path) -> Config:
    return build_triage_desk(tmp_path)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def status_of(config: Config, statement: int) -> str:
    with sqlite3.connect(config.archive_path) as conn:
        (status,) = conn.execute(
            "SELECT status FROM statements WHERE id = ?", [statement]
        ).fetchone()
    conn.close()
    return str(status)


# --- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason", "kind", "message"),
    [
        ("spiked", None, None, "unknown status 'spiked'"),
        ("dismissed", None, None, "a dismissal needs a reason"),
        ("verified", "not_news", None, "only a dismissal has a reason"),
        ("dismissed", "boring", None, "unknown reason 'boring'"),
        ("dismissed", "not_news", "statement", "only with the reason wrong_kind"),
        ("dismissed", "wrong_kind", "gossip", "unknown kind 'gossip'"),
    ],
)
def test_a_mark_that_breaks_the_rules_says_why(
    status: str, reason: str | None, kind: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make_mark(1, status, "desk", AT, reason=reason, corrected_kind=kind)


def test_a_mark_needs_a_name_and_a_short_note() -> None:
    with pytest.raises(ValueError, match="say who marks it"):
        make_mark(1, "verified", "  ", AT)
    with pytest.raises(ValueError, match="longer than"):
        make_mark(1, "verified", "desk", AT, note="x" * 2001)
    assert make_mark(1, "verified", " Jo \n Bloggs ", AT, note="  ").by == "Jo Bloggs"
    assert make_mark(1, "verified", "desk", AT, note="  ").note is None


def test_views_close_together_are_one_visit() -> None:
    first = next_visit(None, AT)
    assert first == Visit(AT, None)
    reading = next_visit(first, AT + timedelta(minutes=10))
    assert reading == Visit(AT + timedelta(minutes=10), None)
    back_later = next_visit(reading, AT + timedelta(hours=3))
    assert back_later == Visit(AT + timedelta(hours=3), AT + timedelta(minutes=10))
    still = next_visit(back_later, AT + timedelta(hours=3, minutes=5))
    assert still.previous_seen_at == AT + timedelta(minutes=10)


# --- the archive ----------------------------------------------------------------------------


def test_statements_start_new_and_keep_every_change(desk: Config) -> None:
    bid = statement_id(desk, BID)
    archive = Archive(desk.archive_path)
    try:
        assert archive.status_history(bid) == ()
        assert archive.mark(make_mark(bid, "verified", "alice", AT, note="Rang his office"))
        later = AT + timedelta(hours=1)
        dismissal = make_mark(bid, "dismissed", "bob", later, reason="wrong_kind",
                              corrected_kind="statement")  # fmt: skip
        assert archive.mark(dismissal)
        history = archive.status_history(bid)
    finally:
        archive.close()
    assert [(c.status, c.by, c.at, c.note) for c in history] == [
        ("verified", "alice", AT, "Rang his office"),
        ("dismissed", "bob", later, None),
    ]
    assert history[-1].reason_label == "wrong kind"
    assert history[-1].corrected_kind == "statement"
    assert status_of(desk, bid) == "dismissed"
    assert status_of(desk, statement_id(desk, BACKING)) == "new"


def test_marking_a_statement_that_is_not_there_changes_nothing(desk: Config) -> None:
    archive = Archive(desk.archive_path)
    try:
        assert not archive.mark(make_mark(999, "verified", "alice", AT))
        assert archive.count("status_changes") == 0
    finally:
        archive.close()


def test_the_archive_refuses_a_dismissal_without_a_reason(desk: Config) -> None:
    archive = Archive(desk.archive_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            archive.db.execute(
                "INSERT INTO status_changes (statement_id, status, set_by, set_at)"
                " VALUES (1, 'dismissed', 'x', '2026-01-01T00:00:00+00:00')"
            )
        with pytest.raises(sqlite3.IntegrityError):
            archive.db.execute("UPDATE statements SET status = 'spiked' WHERE id = 1")
    finally:
        archive.close()


def test_search_filters_by_status_and_says_each_ones(desk: Config) -> None:
    bid = statement_id(desk, BID)
    archive = Archive(desk.archive_path)
    try:
        archive.mark(make_mark(bid, "used", "alice", AT))
        assert [(h.statement_id, h.status) for h in archive.search("deputy", status="used")] == [
            (bid, "used")
        ]
        new = archive.search("deputy", status="new")
        assert [h.status for h in new] == ["new"]
        assert new[0].statement_id != bid
        assert archive.search("deputy", status="dismissed") == []
    finally:
        archive.close()


def test_a_users_visits_are_kept_apart_from_anothers(desk: Config) -> None:
    archive = Archive(desk.archive_path)
    try:
        archive.visit("alice", AT)
        again = archive.visit("alice", AT + timedelta(hours=2))
        assert again.previous_seen_at == AT
        assert archive.visit("bob", AT + timedelta(hours=2)).previous_seen_at is None
    finally:
        archive.close()


# --- the upgrade ----------------------------------------------------------------------------

TRIAGE = next(n for n, m in enumerate(MIGRATIONS) if m.__name__.endswith("_triage"))


@pytest.fixture
def before_triage(tmp_path: Path) -> Config:
    """The triage desk's archive as the code before triage wrote it."""
    with migrated_to(TRIAGE):
        config = build_triage_desk(tmp_path)
    as_at(config.archive_path, TRIAGE)
    return config


def columns(path: Path) -> set[str]:
    db = sqlite_utils.Database(sqlite3.connect(path))
    try:
        return {c.name for c in db.table("statements").columns}
    finally:
        db.close()


def test_an_archive_from_before_triage_upgrades_with_every_statement_new(
    before_triage: Config,
) -> None:
    assert "status" not in columns(before_triage.archive_path)
    archive = Archive(before_triage.archive_path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        statuses = archive.db.execute("SELECT DISTINCT status FROM statements").fetchall()
        assert statuses == [("new",)]
        bid = statement_id(before_triage, BID)
        assert archive.mark(make_mark(bid, "verified", "alice", AT))
        assert [h.status for h in archive.search("standing", status="verified")] == ["verified"]
        before = archive.db.execute("SELECT * FROM status_changes").fetchall()
        MIGRATIONS[TRIAGE](archive.db)  # running it again changes nothing
        assert archive.db.execute("SELECT * FROM status_changes").fetchall() == before
    finally:
        archive.close()


def test_the_upgrade_cut_off_leaves_nothing_and_runs_again(before_triage: Config) -> None:
    path = before_triage.archive_path
    db = sqlite_utils.Database(sqlite3.connect(path))
    db.execute("CREATE TABLE web_visits (user TEXT)")  # a later step fails: the table is there
    with pytest.raises(sqlite3.OperationalError):
        MIGRATIONS[TRIAGE](db)
    db.conn.rollback()
    db.execute("DROP TABLE web_visits")
    db.close()
    assert "status" not in columns(path)
    archive = Archive(path)
    try:
        assert archive.schema_version == len(MIGRATIONS)
        assert "status" in columns(path)
    finally:
        archive.close()


# --- watcher mark and watcher search --status -----------------------------------------------


def test_mark_sets_the_status_and_says_so(desk: Config) -> None:
    bid = statement_id(desk, BID)
    result = invoke("mark", "-c", str(desk.path), str(bid), "verified", "--note", "Checked",
                    "--by", "alice")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == f"statement {bid} is now verified, marked by alice\n"
    assert status_of(desk, bid) == "verified"


def test_mark_as_json(desk: Config) -> None:
    bid = statement_id(desk, BID)
    result = invoke("mark", "-c", str(desk.path), str(bid), "dismissed", "--reason", "wrong_kind",
                    "--kind", "statement", "--by", "bob", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["statement_id"] == bid
    assert (record["status"], record["reason"], record["corrected_kind"], record["by"]) == (
        "dismissed", "wrong_kind", "statement", "bob"
    )  # fmt: skip
    assert record["statement_url"].endswith(f"/statements/{bid}")
    assert datetime.fromisoformat(record["at"]).tzinfo is not None


def test_mark_without_by_names_whoever_runs_it(desk: Config) -> None:
    bid = statement_id(desk, BID)
    assert invoke("mark", "-c", str(desk.path), str(bid), "used").exit_code == 0
    archive = Archive(desk.archive_path)
    try:
        (change,) = archive.status_history(bid)
    finally:
        archive.close()
    assert change.by.strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999", "verified"], "error: there is no statement 999 in the archive"),
        (["1", "spiked"], "'spiked' is not one of"),
        (["1", "dismissed"], "error: a dismissal needs a reason"),
        (["1", "used", "--reason", "not_news"], "error: only a dismissal has a reason"),
    ],
)
def test_mark_refuses_what_it_cannot_do_with_status_2(
    desk: Config, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["mark", "-c", str(desk.path), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert status_of(desk, 1) == "new"


def test_search_status_filters_and_the_json_carries_it(desk: Config) -> None:
    bid = statement_id(desk, BID)
    invoke("mark", "-c", str(desk.path), str(bid), "used", "--by", "alice")
    result = invoke("search", "-c", str(desk.path), "deputy", "--json")
    statuses = {row["id"]: row["status"] for row in json.loads(result.output)}
    assert statuses[bid] == "used"
    assert set(statuses.values()) == {"used", "new"}
    used = invoke("search", "-c", str(desk.path), "deputy", "--status", "used")
    assert "(used)" in used.output
    assert "I am standing" in used.output
    assert "backing" not in used.output
    none = invoke("search", "-c", str(desk.path), "deputy", "--status", "dismissed")
    assert none.output == "no statements found\n"


# --- watcher eval --export-dismissed ----------------------------------------------------------


def test_dismissed_statements_become_draft_cases_that_score_the_extractor(
    desk: Config, tmp_path: Path
) -> None:
    bid, backing = statement_id(desk, BID), statement_id(desk, BACKING)
    config = str(desk.path)
    invoke("mark", "-c", config, str(bid), "dismissed", "--reason", "wrong_kind", "--kind",
           "statement", "--note", "Only musing", "--by", "alice")  # fmt: skip
    invoke("mark", "-c", config, str(backing), "dismissed", "--reason", "wrong_speaker",
           "--note", "It was <b>her aide</b>", "--by", "bob")  # fmt: skip
    drafts = tmp_path / "drafts"
    result = invoke("eval", "-c", config, "--export-dismissed", str(drafts))
    assert result.exit_code == 0, result.output
    assert "2 draft cases" in result.output

    cases = {c.name: c for c in load_cases(drafts)}
    own, report = cases["dismissed_item_1"], cases["dismissed_item_2"]
    assert own.path.suffix == ".xml"
    assert report.path.suffix == ".xml"
    assert own.labels["source"] == {"kind": "own", "mp": "Ian Lavery"}
    assert [(s["mp"], s["kind"], s["target"]) for s in own.labels["statements"]] == [
        ("Ian Lavery", "statement", None)
    ]
    assert "wrong kind, should be statement" in own.labels["description"]
    assert "Only musing" in own.labels["description"]
    assert [s["mp"] for s in report.labels["statements"]] == ["Ian Lavery"]  # Rayner's is gone
    assert "wrong speaker" in report.labels["description"]
    assert "It was <b>her aide</b>" in report.labels["description"]
    assert case_item(report).text.startswith("Angela Rayner said:")
    assert datetime.fromisoformat(own.labels["published_at"]) == POSTED

    # the extractor still makes both mistakes: the drafts catch them
    scores = evaluate(drafts, load_register(), desk.settings.zone)
    assert scores.false_positive["leadership_bid"] == 1
    assert scores.false_positive["endorsement"] == 1
    assert scores.misattributed == 1
    assert scores.attributed == scores.labelled == 2


def test_export_with_nothing_dismissed_writes_nothing(desk: Config, tmp_path: Path) -> None:
    result = invoke("eval", "-c", str(desk.path), "--export-dismissed", str(tmp_path / "d"))
    assert result.exit_code == 0
    assert "0 draft cases" in result.output
    assert list((tmp_path / "d").iterdir()) == []


def test_eval_without_a_folder_or_an_export_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 2
    assert "--export-dismissed" in result.output


def test_a_page_sources_item_is_drafted_as_a_page_the_parser_reads_back(tmp_path: Path) -> None:
    dismissal = StatusChange("dismissed", "bob", AT, "Said <so>", "not_news", None)
    text = "Ian Lavery said: “I will stand.”\n\nMore text < here & there."
    bid = DraftStatement(3, "Ian Lavery", "leadership_bid", "Labour leader", "I will stand.",
                         True, None, None, dismissal)  # fmt: skip
    item = DraftItem(7, "page", None, "Lavery & co", text, "https://x.example/a", POSTED, (bid,))
    case = draft_case(item)
    (tmp_path / case.document_name).write_text(case.document, encoding="utf-8")
    (tmp_path / f"{case.name}.expected.json").write_text(case.labels_text, encoding="utf-8")
    (loaded,) = load_cases(tmp_path)
    assert loaded.path.name == "dismissed_item_7.html"
    read = case_item(loaded)
    assert (read.title, read.text, read.published_at) == ("Lavery & co", text, POSTED)
    assert loaded.labels["statements"] == []
    assert "dismissed by bob (not news). Note: Said <so>" in loaded.labels["description"]
