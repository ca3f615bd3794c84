"""`watcher serve` and `watcher hash-password`, run as the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from conftest import basic_config, load
from support.process import wait_until, watcher
from support.smtpsink import free_port

from watcher.cli import main
from watcher.passwords import hash_password, verify_password
from watcher.web.access import bind_problem, is_loopback

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::", "example.org"])
def test_serving_beyond_loopback_without_auth_is_refused(tmp_path: Path, host: str) -> None:
    config = basic_config(tmp_path)
    result = watcher("serve", "--host", host, "-c", str(config), cwd=tmp_path)
    assert result.returncode == 2
    assert f"error: refusing to serve on {host}" in result.stderr
    assert "web.users" in result.stderr
    assert not (tmp_path / "watcher.db").exists()  # refused before touching anything


def test_auth_allows_other_addresses(tmp_path: Path) -> None:
    config = load(basic_config(tmp_path))
    assert bind_problem("0.0.0.0", config.web) is not None
    text = (
        config.path.read_text()
        + f"web:\n  users:\n    - {{name: desk, password_hash: '{hash_password('x')}'}}\n"
    )
    config.path.write_text(text)
    assert bind_problem("0.0.0.0", load(config.path).web) is None
    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"):
        assert is_loopback(host), host


def start_serve(config: Path) -> tuple[subprocess.Popen[str], str]:
    """`watcher serve` on a free port, once its page answers (with a page or a login request)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "watcher", "serve", "--port", str(port), "-c", str(config)],
        cwd=config.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"

    def answers() -> bool:
        try:
            return httpx.get(url, timeout=1).status_code in (200, 401)
        except httpx.TransportError:
            return False

    try:
        wait_until(answers, 20, "the search page to answer")
    except BaseException:
        process.kill()
        process.communicate(timeout=10)
        raise
    return process, url


@pytest.mark.slow
def test_serve_answers_on_loopback_and_prints_its_address(tmp_path: Path) -> None:
    process, url = start_serve(basic_config(tmp_path))
    try:
        page = httpx.get(url, params={"q": "anything"})
        assert page.status_code == 200
        assert "No statements found" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert f"the search page is at {url}" in output


def test_hash_password_prints_a_hash_that_verifies() -> None:
    result = CliRunner().invoke(main, ["hash-password"], input="s3cret pass\ns3cret pass\n")
    assert result.exit_code == 0, result.output
    hashed = result.output.strip().splitlines()[-1]
    assert hashed.startswith("scrypt:")
    assert "s3cret" not in hashed
    assert verify_password("s3cret pass", hashed)
    assert not verify_password("s3cret pas", hashed)


@pytest.mark.parametrize("command", ["serve", "hash-password"])
def test_web_commands_have_help_and_are_documented(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"`watcher {command}" in readme


def serve_behind_proxy(tmp_path: Path, trusted: str) -> tuple[subprocess.Popen[str], str]:
    """`watcher serve` with a login proxy's user header, trusting `trusted` to send it."""
    config = basic_config(tmp_path)
    web = f"web:\n  proxy_user_header: X-Forwarded-User\n  trusted_proxies: [{trusted}]\n"
    config.write_text(config.read_text() + web)
    return start_serve(config)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trusted", "forwarded_for", "status"),
    [
        ("127.0.0.1", "203.0.113.9", 200),  # nginx on this machine, naming the real client
        ("10.0.0.0/8", "10.1.2.3", 401),  # an untrusted peer claiming a trusted address
    ],
)
def test_the_proxy_is_trusted_by_its_own_address_not_the_one_it_forwards(
    tmp_path: Path, trusted: str, forwarded_for: str, status: int
) -> None:
    process, url = serve_behind_proxy(tmp_path, trusted)
    try:
        headers = {"X-Forwarded-User": "desk", "X-Forwarded-For": forwarded_for}
        assert httpx.get(url, headers=headers).status_code == status
        assert httpx.get(url, headers={"X-Forwarded-For": forwarded_for}).status_code == 401
    finally:
        process.terminate()
        process.communicate(timeout=10)
