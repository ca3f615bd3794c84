"""Password hashes for the search page's users: scrypt from the standard library.

A hash reads `scrypt:N:R:P$SALT$KEY` (salt and key in base64), so the cost can be raised later
without breaking hashes already in configs. `watcher hash-password` prints one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1  # about 50 ms and 16 MB per check: slow to guess, fine to log in
_KEY_BYTES = 32


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = _derive(password, salt, _N, _R, _P)
    return f"scrypt:{_N}:{_R}:{_P}${_b64(salt)}${_b64(key)}"


def check_hash(text: str) -> None:
    """Raise ValueError unless `text` is a hash this module wrote."""
    _parse(text)


def verify_password(password: str, hashed: str) -> bool:
    n, r, p, salt, key = _parse(hashed)
    return hmac.compare_digest(_derive(password, salt, n, r, p, len(key)), key)


def _derive(password: str, salt: bytes, n: int, r: int, p: int, size: int = _KEY_BYTES) -> bytes:
    memory = 128 * n * r * p + 1024 * 1024
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=size)


def _parse(text: str) -> tuple[int, int, int, bytes, bytes]:
    try:
        params, salt, key = text.strip().split("$")
        scheme, n, r, p = params.split(":")
        if scheme != "scrypt":
            raise ValueError
        parsed = int(n), int(r), int(p), base64.b64decode(salt), base64.b64decode(key)
    except ValueError:
        raise ValueError("not a password hash (make one with `watcher hash-password`)") from None
    if parsed[0] < 2 or parsed[0] & (parsed[0] - 1) or min(parsed[1:3]) < 1 or not parsed[4]:
        raise ValueError("not a usable scrypt hash (make one with `watcher hash-password`)")
    return parsed


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
