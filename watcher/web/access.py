"""Who may listen and who may read: the loopback rule, logins, and the security headers.

The page binds to 127.0.0.1 unless auth is configured: users with password hashes (HTTP Basic
auth, for use behind TLS), or a reverse proxy that logs people in and names them in a header.
Every response carries a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
from ipaddress import ip_address
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from watcher.config import WebSettings
from watcher.passwords import verify_password

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


# Pages that need no login: the one-click unsubscribe, whose link is signed for one address
# and one subscription, and is followed from a mail client (watcher.web.alerts).
OPEN_PATHS = frozenset({"/unsubscribe"})
USER_KEY = "watcher.user"  # where Guard leaves the logged-in user's name in the ASGI scope


def signed_in(scope: Scope) -> str | None:
    """The name of the user Guard let in, or None when the page asks nobody to log in."""
    user = scope.get(USER_KEY)
    return user if isinstance(user, str) else None


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def bind_problem(host: str, web: WebSettings) -> str | None:
    """Why the page may not listen on `host`, or None when it may."""
    if is_loopback(host) or web.has_auth:
        return None
    return (
        f"refusing to serve on {host}: only 127.0.0.1 is served without a login. Add users "
        "with password hashes under web.users (see `watcher hash-password`), or a "
        "web.proxy_user_header set by a reverse proxy that logs people in."
    )


class Guard:
    """ASGI middleware: asks for a login when auth is configured, and adds security headers."""

    def __init__(self, app: ASGIApp, web: WebSettings) -> None:
        self.app = app
        self.web = web
        self._verified: set[bytes] = set()  # digests of credentials already checked

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        if self.web.has_auth and scope["path"] not in OPEN_PATHS:
            user = await self._user(scope)
            if user is None:
                await _unauthorised(send_with_headers)
                return
            scope[USER_KEY] = user
        await self.app(scope, receive, send_with_headers)

    async def _user(self, scope: Scope) -> str | None:
        """The name of the user logged in, or None when nobody is."""
        headers = {k.decode("latin-1").lower(): v for k, v in scope["headers"]}
        header = self.web.proxy_user_header
        named = headers.get(header.lower(), b"") if header else b""
        if named.strip() and self._from_trusted_proxy(scope):
            return named.decode("utf-8", "replace").strip()
        authorization = headers.get("authorization", b"").decode("latin-1")
        if self.web.users:
            return await self._valid_login(authorization)
        return None

    def _from_trusted_proxy(self, scope: Scope) -> bool:
        client = scope.get("client")
        if not client:
            return False
        try:
            address = ip_address(client[0])
        except ValueError:
            return False
        return any(address in network for network in self.web.trusted_proxies)

    async def _valid_login(self, authorization: str) -> str | None:
        """The user's name when `authorization` holds their password; else None."""
        scheme, _, encoded = authorization.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            name, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        digest = hashlib.sha256(f"{name}\x00{password}".encode()).digest()
        if digest in self._verified:
            return name
        user = next((u for u in self.web.users if u.name == name), None)
        if user is None:
            return None
        hashed = user.password_hash.get_secret_value()
        if not await asyncio.to_thread(verify_password, password, hashed):
            return None
        if len(self._verified) > 1000:
            self._verified.clear()
        self._verified.add(digest)
        return name


async def _unauthorised(send: Any) -> None:
    body = b"Log in to read the watcher's archive.\n"
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Basic realm="watcher", charset="UTF-8"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def alerts_token(key: bytes, user: str) -> str:
    """The token a user's saved-alerts forms carry: only a form this site gave them matches."""
    return hmac.new(key, f"alerts\x00{user}".encode(), hashlib.sha256).hexdigest()
