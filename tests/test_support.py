"""Quick tests proving the test-support helpers (HTTP fixture server, SMTP sink) work."""

from __future__ import annotations

import gzip
import http.client
import smtplib
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage

import httpx
import pytest
from support.httpserver import FixtureServer
from support.smtpsink import SmtpSink

pytestmark = pytest.mark.timeout(10)

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title>
<item><title>caf\u00e9</title><link>http://example.invalid/1</link></item>
</channel></rss>
"""


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as srv:
        yield srv


def _raw_get(
    srv: FixtureServer, path: str, headers: dict[str, str]
) -> tuple[int, bytes, dict[str, str]]:
    """GET via http.client so that no Accept-Encoding is sent unless asked."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
    try:
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read(), {k.lower(): v for k, v in resp.getheaders()}
    finally:
        conn.close()


def test_feed_then_304_on_etag_and_last_modified(server: FixtureServer) -> None:
    modified = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    server.set_feed("/feed.xml", FEED, last_modified=modified)
    status, body, headers = _raw_get(server, "/feed.xml?x=1", {})
    assert status == 200
    assert body == FEED.encode("utf-8")
    assert headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert headers["last-modified"] == "Tue, 02 Jan 2024 03:04:05 GMT"
    etag = headers["etag"]
    assert etag.startswith('"')
    assert etag.endswith('"')

    status, body, headers = _raw_get(server, "/feed.xml", {"If-None-Match": etag})
    assert (status, body, headers["etag"]) == (304, b"", etag)
    assert headers["last-modified"] == "Tue, 02 Jan 2024 03:04:05 GMT"

    lm = "Tue, 02 Jan 2024 03:04:05 GMT"
    assert _raw_get(server, "/feed.xml", {"If-Modified-Since": lm})[0] == 304
    older = "Tue, 02 Jan 2024 03:04:04 GMT"
    assert _raw_get(server, "/feed.xml", {"If-Modified-Since": older})[0] == 200
    assert _raw_get(server, "/feed.xml", {"If-None-Match": '"other"'})[0] == 200

    # Replacing the feed changes both validators, so old ones no longer match.
    server.set_feed("/feed.xml", FEED + "<!-- v2 -->")
    status, _, headers = _raw_get(server, "/feed.xml", {"If-None-Match": etag})
    assert status == 200
    assert headers["etag"] != etag
    assert _raw_get(server, "/feed.xml", {"If-Modified-Since": lm})[0] == 200


def test_gzip_only_when_asked(server: FixtureServer) -> None:
    server.set_feed("/f", FEED)
    status, body, headers = _raw_get(server, "/f", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == FEED.encode("utf-8")
    assert "content-encoding" not in _raw_get(server, "/f", {"Accept-Encoding": "identity"})[2]
    resp = httpx.get(server.url("/f"), timeout=5)  # httpx asks for gzip and decodes it
    assert resp.headers["content-encoding"] == "gzip"
    assert resp.text == FEED


def test_fixed_response_and_404(server: FixtureServer) -> None:
    server.set_response("/boom", 500, b"oops")
    server.set_response("/busy", 429, headers={"Retry-After": "7"})
    resp = httpx.get(server.url("/boom"), timeout=5)
    assert (resp.status_code, resp.content) == (500, b"oops")
    resp = httpx.get(server.url("/busy"), timeout=5)
    assert (resp.status_code, resp.headers["retry-after"]) == (429, "7")
    assert httpx.get(server.url("/nope"), timeout=5).status_code == 404


def test_huge_stream_can_be_read_and_abandoned(
    server: FixtureServer, capfd: pytest.CaptureFixture[str]
) -> None:
    server.set_huge("/small-huge", 300_000)
    server.set_huge("/huge", 1 << 30)
    with httpx.stream("GET", server.url("/small-huge"), timeout=5) as resp:
        assert "content-length" not in resp.headers
        assert len(resp.read()) == 300_000
    with httpx.stream("GET", server.url("/huge"), timeout=5) as resp:
        received = 0
        for chunk in resp.iter_bytes():
            received += len(chunk)
            if received >= 2_000_000:
                break  # abandon early; closing the stream disconnects
    assert received >= 2_000_000
    server.set_feed("/after", FEED)
    assert httpx.get(server.url("/after"), timeout=5).status_code == 200
    server.stop()
    assert "Traceback" not in capfd.readouterr().err


def test_hang_does_not_block_other_paths_and_stop_releases_it() -> None:
    srv = FixtureServer()
    srv.start()
    srv.set_hang("/hang", 60)
    srv.set_feed("/ok", FEED)
    srv.set_delay("/ok", 0.1)
    outcome: list[httpx.HTTPError] = []
    done = threading.Event()

    def hit_hang() -> None:
        try:
            httpx.get(srv.url("/hang"), timeout=30)
        except httpx.HTTPError as exc:
            outcome.append(exc)
        done.set()

    thread = threading.Thread(target=hit_hang, daemon=True)
    thread.start()
    resp = httpx.get(srv.url("/ok"), timeout=5)
    assert resp.status_code == 200
    assert resp.elapsed.total_seconds() >= 0.1
    assert not done.is_set()
    srv.stop()  # releases the hanging handler: the client sees a closed connection
    assert done.wait(5)
    assert len(outcome) == 1


def test_requests_recorded_with_headers(server: FixtureServer) -> None:
    server.set_feed("/f", FEED)
    httpx.get(server.url("/f?a=b"), headers={"User-Agent": "watcher-test/1", "X-Thing": "1"})
    httpx.get(server.url("/missing"))
    assert [(r.method, r.path) for r in server.requests] == [("GET", "/f"), ("GET", "/missing")]
    (req,) = server.requests_for("/f")
    assert req.headers["user-agent"] == "watcher-test/1"
    assert req.headers["x-thing"] == "1"
    assert req.headers["host"] == f"127.0.0.1:{server.port}"


def _send(port: int, subject: str) -> None:
    msg = EmailMessage()
    msg["From"] = "watcher@example.test"
    msg["To"] = "ops@example.test"
    msg["Subject"] = subject
    msg.set_content("h\u00e9llo\n.leading dot line\n")
    with smtplib.SMTP("127.0.0.1", port, timeout=5) as smtp:
        smtp.send_message(msg, to_addrs=["ops@example.test", "b@example.test"])


def test_smtp_sink_receives_and_survives_restart() -> None:
    sink = SmtpSink()
    port = sink.port
    with pytest.raises(ConnectionRefusedError):
        _send(port, "while down")  # not started yet: simulated outage
    sink.start()
    try:
        _send(port, "first")
        (mail,) = sink.wait_for(1, timeout=5)
        assert mail.mail_from == "watcher@example.test"
        assert mail.rcpt_tos == ("ops@example.test", "b@example.test")
        assert mail.message["Subject"] == "first"
        assert mail.message.get_content() == "h\u00e9llo\n.leading dot line\n"
        assert b"Subject: first" in mail.raw
        sink.stop()
        with pytest.raises(ConnectionRefusedError):
            _send(port, "while down")
        sink.start()
        assert sink.port == port
        _send(port, "second")
        mails = sink.wait_for(2, timeout=5)
        assert [m.message["Subject"] for m in mails] == ["first", "second"]
    finally:
        sink.stop()


def test_smtp_wait_for_times_out() -> None:
    with (
        SmtpSink() as sink,
        pytest.raises(AssertionError, match=r"expected at least 1 mail.*but 0 arrived"),
    ):
        sink.wait_for(1, timeout=0.2)
    assert sink.messages == []
