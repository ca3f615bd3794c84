"""The `web:` section: where the search page is served and who may use it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network

from pydantic import Field, SecretStr

from watcher.config.locator import Locator
from watcher.errors import ConfigProblem
from watcher.links import statement_page
from watcher.passwords import check_hash
from watcher.values import URL, NonEmpty, Strict


class WebUserEntry(Strict):
    name: NonEmpty
    password_hash: NonEmpty | None = None  # from `watcher hash-password`
    password_hash_env: NonEmpty | None = None  # or the environment variable holding it


class WebEntry(Strict):
    base_url: URL | None = None  # where the search page is reached; alerts link to it
    host: NonEmpty = "127.0.0.1"
    port: int = Field(8080, ge=1, le=65535)
    users: list[WebUserEntry] = []
    proxy_user_header: NonEmpty | None = None  # set by a reverse proxy that logged the user in
    trusted_proxies: list[NonEmpty] = ["127.0.0.1", "::1"]  # who may set that header
    link_secret_env: NonEmpty | None = None  # the variable holding the unsubscribe links' key


@dataclass(frozen=True)
class WebUser:
    name: str
    password_hash: SecretStr


@dataclass(frozen=True)
class WebSettings:
    base_url: str | None  # without a trailing slash
    host: str = "127.0.0.1"
    port: int = 8080
    users: tuple[WebUser, ...] = ()
    proxy_user_header: str | None = None
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = ()
    link_secret: SecretStr | None = None  # signs unsubscribe links; None: the archive's key

    @property
    def link_key(self) -> bytes | None:
        """The key for unsubscribe links from the settings, or None to use the archive's."""
        return self.link_secret.get_secret_value().encode() if self.link_secret else None

    @property
    def page_url(self) -> str:
        """Where the search page is reached: `base_url`, else where `watcher serve` serves it
        by default."""
        if self.base_url:
            return self.base_url
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host  # noqa: S104
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}"

    def statement_url(self, statement_id: int) -> str:
        """A statement's own page, as alerts and the page's JSON link to it."""
        return statement_page(self.page_url, statement_id)

    @property
    def has_auth(self) -> bool:
        """Whether the page asks who is there: users with passwords, or a trusted proxy."""
        return bool(self.users) or self.proxy_user_header is not None


def resolve_web(
    entry: WebEntry, environ: Mapping[str, str], at: Locator, problems: list[ConfigProblem]
) -> WebSettings:
    users: list[WebUser] = []
    for index, user in enumerate(entry.users):
        loc: tuple[str | int, ...] = ("web", "users", index)
        hashed = _user_hash(user, environ)
        if isinstance(hashed, _UserProblem):
            problems.append(at.problem((*loc, hashed.field), hashed.message))
            continue
        if user.name in {u.name for u in users}:
            problems.append(at.problem((*loc, "name"), f"user {user.name!r} is listed twice"))
        users.append(WebUser(user.name, SecretStr(hashed)))
    proxies = []
    for index, network in enumerate(entry.trusted_proxies):
        try:
            proxies.append(ip_network(network, strict=False))
        except ValueError:
            loc = ("web", "trusted_proxies", index)
            problems.append(at.problem(loc, f"not an IP address or network: {network!r}"))
    return WebSettings(
        base_url=entry.base_url.rstrip("/") if entry.base_url else None,
        host=entry.host,
        port=entry.port,
        users=tuple(users),
        proxy_user_header=entry.proxy_user_header,
        trusted_proxies=tuple(proxies),
        link_secret=_link_secret(entry, environ, at, problems),
    )


LINK_SECRET_LENGTH = 32  # characters at least of the unsubscribe links' key


def _link_secret(
    entry: WebEntry, environ: Mapping[str, str], at: Locator, problems: list[ConfigProblem]
) -> SecretStr | None:
    name = entry.link_secret_env
    if name is None:
        return None
    loc = ("web", "link_secret_env")
    secret = environ.get(name)
    if secret is None:
        problems.append(at.problem(loc, f"environment variable {name} is not set"))
        return None
    if len(secret) < LINK_SECRET_LENGTH:
        message = f"environment variable {name} holds fewer than {LINK_SECRET_LENGTH} characters"
        problems.append(at.problem(loc, message))
        return None
    return SecretStr(secret)


@dataclass(frozen=True)
class _UserProblem:
    field: str
    message: str


def _user_hash(user: WebUserEntry, environ: Mapping[str, str]) -> str | _UserProblem:
    """The user's password hash, from the file or the environment, checked."""
    if (user.password_hash is None) == (user.password_hash_env is None):
        return _UserProblem("name", "give password_hash or password_hash_env (one of them)")
    field = "password_hash" if user.password_hash else "password_hash_env"
    if user.password_hash_env is not None and user.password_hash_env not in environ:
        return _UserProblem(field, f"environment variable {user.password_hash_env} is not set")
    hashed = user.password_hash or environ[user.password_hash_env or ""]
    try:
        check_hash(hashed)
    except ValueError as exc:
        return _UserProblem(field, str(exc))
    return hashed
