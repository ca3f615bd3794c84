"""Who may set a statement's status on the page, and the form that sets it.

With logins configured (`web.users`, or a proxy that names the user), everyone on the page is
logged in, and sets a status under their own name. Without them the page listens on loopback
only: whoever reaches it is at the machine, where `watcher mark` would serve them as well, so
they may set it too, as `local`. A request that names another host (a page on some other site
pointing its own name at 127.0.0.1) is anonymous: it sees the status and cannot change it.

A form that changes something carries a token: a MAC, under a key the page makes when it
starts, of the user and the statement. Another site can make the browser send the form, with
its stored login, but cannot read the token off the page. A request the browser marks as
coming from another site (`Sec-Fetch-Site`, `Origin`) is refused as well.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from starlette.requests import Request

from watcher.config import WebSettings
from watcher.web.access import is_loopback, signed_in

LOCAL_EDITOR = "local"
FORM_LIMIT = 16_384  # bytes of a posted form


def editor(request: Request, web: WebSettings) -> str | None:
    """Under which name this request may set statuses; None when it may not."""
    if web.has_auth:
        return signed_in(request.scope)
    return LOCAL_EDITOR if is_loopback(request.url.hostname or "") else None


def form_token(key: bytes, user: str, statement_id: int) -> str:
    message = f"{user}\x00{statement_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def token_is_valid(key: bytes, user: str, statement_id: int, token: str) -> bool:
    return hmac.compare_digest(form_token(key, user, statement_id), token)


def from_this_site(request: Request, base_url: str | None) -> bool:
    """Whether the browser says the form was sent from this page's own site."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not sent by older browsers; the token still has to match
    ours = {request.headers.get("host", "")}
    if base_url:
        ours.add(urlsplit(base_url).netloc)
    return urlsplit(origin).netloc in ours


@dataclass(frozen=True)
class StatusForm:
    """The status form as posted: the fields that go with the status chosen."""

    status: str
    reason: str | None
    corrected_kind: str | None
    note: str
    token: str

    @classmethod
    def from_body(cls, body: bytes) -> StatusForm:
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        status = _field(fields, "status")
        dismissed = status == "dismissed"
        reason = _field(fields, "reason") if dismissed else ""
        kind = _field(fields, "kind") if reason == "wrong_kind" else ""
        return cls(
            status=status,
            reason=reason or None,
            corrected_kind=kind or None,
            note=_field(fields, "note"),
            token=_field(fields, "token"),
        )


def _field(fields: Mapping[str, list[str]], name: str) -> str:
    values = fields.get(name) or [""]
    return values[0]
