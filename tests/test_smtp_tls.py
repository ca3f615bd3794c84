"""Alert delivery over STARTTLS and SSL with login, to a real aiosmtpd server with a test CA."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner
from support.smtpsink import free_port

from watcher.cli import main
from watcher.config import load_config
from watcher.errors import DeliveryError
from watcher.notify.mailers import SmtpMailer

USER, PASSWORD = "alerts", "correct horse"


@dataclass
class Recorder:
    messages: list[EmailMessage] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            USER.encode(),
            PASSWORD.encode(),
        )
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context


@pytest.fixture(params=["starttls", "ssl"])
def tls_server(
    request: pytest.FixtureRequest, ca: trustme.CA
) -> Iterator[tuple[str, int, Recorder]]:
    recorder = Recorder()
    port = free_port()
    options: dict[str, Any] = {"authenticator": recorder.authenticate}
    if request.param == "starttls":
        options |= {"tls_context": server_context(ca), "require_starttls": True}
    else:
        options |= {"ssl_context": server_context(ca), "auth_require_tls": False}
    controller = Controller(recorder, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield request.param, port, recorder
    finally:
        controller.stop()


def config_file(tmp_path: Path, ca: trustme.CA, mode: str, port: int) -> Path:
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    path = tmp_path / "sources.yaml"
    path.write_text(
        "mps:\n  - name: Ian Lavery\nnotify:\n"
        "  from: alerts@example.org\n"
        f"  smtp: {{host: localhost, port: {port}, {mode}: true, username: {USER},"
        " password_env: SMTP_PASSWORD, ca_file: ca.pem, timeout: 5s}\n"
        "  subscriptions: [{to: desk@example.org}]\n",
        encoding="utf-8",
    )
    return path


def test_delivery_over_tls_with_login(
    tmp_path: Path, ca: trustme.CA, tls_server: tuple[str, int, Recorder]
) -> None:
    mode, port, recorder = tls_server
    path = config_file(tmp_path, ca, mode, port)
    result = CliRunner(env={"SMTP_PASSWORD": PASSWORD}).invoke(
        main, ["test-notify", "-c", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert recorder.logins == [USER]
    [message] = recorder.messages
    assert message["To"] == "desk@example.org"
    assert PASSWORD not in result.output


def test_wrong_password_is_a_delivery_error(
    tmp_path: Path, ca: trustme.CA, tls_server: tuple[str, int, Recorder]
) -> None:
    mode, port, recorder = tls_server
    path = config_file(tmp_path, ca, mode, port)
    result = CliRunner(env={"SMTP_PASSWORD": "wrong"}).invoke(
        main, ["test-notify", "-c", str(path)]
    )
    assert result.exit_code == 1
    assert "cannot reach SMTP server" in result.output
    assert "wrong" not in result.output
    assert recorder.messages == []


def test_an_untrusted_certificate_is_refused(
    tmp_path: Path, tls_server: tuple[str, int, Recorder]
) -> None:
    mode, port, recorder = tls_server
    path = config_file(tmp_path, trustme.CA(), mode, port)  # a CA that did not sign the server
    config = load_config(path, {"SMTP_PASSWORD": PASSWORD})
    assert config.notify.smtp is not None
    mailer = SmtpMailer(config.notify.smtp)
    with pytest.raises(DeliveryError, match="CERTIFICATE_VERIFY_FAILED"), mailer.session():
        pass
    assert recorder.messages == []
