"""A real plain-SMTP server (aiosmtpd) on 127.0.0.1 that records every mail it receives."""

from __future__ import annotations

import email.policy
import socket
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from types import TracebackType
from typing import Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

__all__ = ["ReceivedMail", "SmtpSink", "free_port"]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage  # parsed (CRLF -> LF) from raw with email.policy.default
    raw: bytes  # DATA exactly as received (CRLF line endings, dot-unstuffed)


class _RecordingHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self._sink = sink

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content
        if raw is None:
            content = envelope.content
            raw = content.encode("utf-8") if isinstance(content, str) else bytes(content or b"")
        # raw keeps the wire CRLF line endings; parse an LF copy so get_content() gives "\n".
        lf = raw.replace(b"\r\n", b"\n")
        message = BytesParser(policy=email.policy.default).parsebytes(lf)
        assert isinstance(message, EmailMessage)
        self._sink._add(
            ReceivedMail(
                mail_from=envelope.mail_from or "",
                rcpt_tos=tuple(envelope.rcpt_tos),
                message=message,
                raw=raw,
            )
        )
        return "250 Message accepted for delivery"


class SmtpSink:
    """Plain SMTP (no TLS, no auth) accepting any sender/recipients.

    Restartable: start() after stop() listens again on the same port. Received messages are
    kept across stop/start.
    """

    host: str = "127.0.0.1"

    def __init__(self, port: int | None = None) -> None:
        self.port: int = free_port() if port is None else port
        self._messages: list[ReceivedMail] = []
        self._cond = threading.Condition()
        self._controller: Controller | None = None

    # aiosmtpd's Controller closes its event loop on stop, so each start() uses a new one.
    def start(self) -> None:
        if self._controller is not None:
            raise RuntimeError("SmtpSink already running")
        controller = Controller(
            _RecordingHandler(self),
            hostname=self.host,
            port=self.port,
            ready_timeout=5.0,
            server_hostname="smtpsink.test",  # avoids a slow socket.getfqdn()
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        controller = self._controller
        if controller is None:
            return
        self._controller = None
        controller.stop()

    @property
    def running(self) -> bool:
        return self._controller is not None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def messages(self) -> list[ReceivedMail]:
        with self._cond:
            return list(self._messages)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """Return all messages once at least `count` have arrived; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"SmtpSink on {self.host}:{self.port}: expected at least {count} "
                        f"mail(s) within {timeout:.1f}s, but {len(self._messages)} arrived"
                    )
                self._cond.wait(remaining)
            return list(self._messages)

    def _add(self, mail: ReceivedMail) -> None:
        with self._cond:
            self._messages.append(mail)
            self._cond.notify_all()
