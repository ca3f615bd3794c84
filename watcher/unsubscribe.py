"""One-click unsubscribe links (RFC 8058): signed for one address and one subscription.

Every alert email carries `List-Unsubscribe: <https://.../unsubscribe?s=...&to=...&t=...>`
and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The token is an HMAC-SHA256, under a
key only the watcher holds, of the subscription's name and the recipient's mailbox: changing
either, or guessing a token, gives a link the page refuses. The key comes from the setting
`web.link_secret_env` when given, else from the archive, which makes one at random when it is
created (the daemon and the page read the same archive, so they share it).
Pure.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urlencode

from watcher.saved_alerts import mailbox_of

ONE_CLICK = "List-Unsubscribe=One-Click"  # the List-Unsubscribe-Post header's value


def unsubscribe_token(key: bytes, subscription: str, address: str) -> str:
    message = f"unsubscribe\x00{subscription}\x00{mailbox_of(address)}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def unsubscribe_link(page_url: str, key: bytes, subscription: str, address: str) -> str:
    """The address of the page that unsubscribes `address` from `subscription`."""
    params = {
        "s": subscription,
        "to": mailbox_of(address),
        "t": unsubscribe_token(key, subscription, address),
    }
    return f"{page_url.rstrip('/')}/unsubscribe?{urlencode(params)}"


@dataclass(frozen=True)
class Unsubscribe:
    """A link's parameters, as the page receives them."""

    subscription: str
    address: str
    token: str

    @classmethod
    def from_params(cls, params: dict[str, str]) -> Unsubscribe:
        return cls(params.get("s", ""), params.get("to", ""), params.get("t", ""))

    def is_valid(self, key: bytes) -> bool:
        """Whether the token was made by this key for this subscription and address."""
        if not self.subscription or "@" not in self.address or not self.token:
            return False
        expected = unsubscribe_token(key, self.subscription, self.address)
        return hmac.compare_digest(expected.encode(), self.token.encode())
