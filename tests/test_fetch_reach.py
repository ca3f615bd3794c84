"""Where a source may lead the fetcher: redirects and feed links judged before any connection.

The real local server listens on 127.0.0.1; an injected resolver says what "localhost" resolves
to, so the same listener can stand for a link-local, private or unresolvable host. Had the
fetcher connected anyway, httpx would have reached the listener and it would have recorded it.
"""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from conftest import Entry, minutes_ago, rss
from support.httpserver import FixtureServer
from test_fetch import FakeResolver, fetch, settings

from watcher.addresses import Reach, reach_of, same_host
from watcher.config import Settings
from watcher.errors import BlockedRedirectError
from watcher.fetch import Fetcher, make_client

pytestmark = pytest.mark.timeout(20)

FEED = rss([Entry("First", "<p>One</p>", guid="g1", published=minutes_ago(5))])


def redirect_to_localhost(server: FixtureServer) -> tuple[str, str]:
    """A source at 127.0.0.1 that redirects to the same listener named "localhost"."""
    server.set_feed("/feed.xml", FEED)
    target = f"http://localhost:{server.port}/feed.xml"
    server.set_response("/go", 302, b"", {"Location": target})
    return server.url("/go"), target


@pytest.mark.parametrize("allow", [False, True])
@pytest.mark.parametrize("address", ["169.254.169.254", "fe80::1", "fd00:ec2::254"])
def test_a_redirect_to_a_metadata_or_link_local_address_is_always_refused(
    http_server: FixtureServer, address: str, allow: bool
) -> None:
    start, target = redirect_to_localhost(http_server)
    resolver = FakeResolver({"localhost": [address]})

    with pytest.raises(BlockedRedirectError) as refused:
        fetch(settings(allow_private_redirects=allow), start, resolve=resolver)

    assert target in str(refused.value)
    assert address in str(refused.value)
    assert "link-local or cloud metadata" in str(refused.value)
    assert resolver.asked == ["localhost"]
    assert http_server.requests_for("/feed.xml") == []


def test_a_private_source_may_not_redirect_to_another_private_host(
    http_server: FixtureServer,
) -> None:
    start, target = redirect_to_localhost(http_server)
    resolver = FakeResolver({"localhost": ["127.0.0.1"]})

    with pytest.raises(BlockedRedirectError, match="loopback or private") as refused:
        fetch(settings(), start, resolve=resolver)

    assert target in str(refused.value)
    assert http_server.requests_for("/feed.xml") == []


def test_allow_private_redirects_lets_a_private_source_reach_another_private_host(
    http_server: FixtureServer,
) -> None:
    start, target = redirect_to_localhost(http_server)

    result = fetch(
        settings(allow_private_redirects=True),
        start,
        resolve=FakeResolver({"localhost": ["127.0.0.1"]}),
    )

    assert result.url == target
    assert len(http_server.requests_for("/feed.xml")) == 1


def test_a_name_that_cannot_be_resolved_is_not_taken_for_public(
    http_server: FixtureServer,
) -> None:
    start, target = redirect_to_localhost(http_server)
    resolver = FakeResolver({})  # "localhost" fails to resolve

    with pytest.raises(BlockedRedirectError, match="cannot be resolved") as refused:
        fetch(settings(allow_private_redirects=True), start, resolve=resolver)

    assert target in str(refused.value)
    assert http_server.requests_for("/feed.xml") == []


def test_a_private_source_redirects_freely_within_its_own_host(
    http_server: FixtureServer,
) -> None:
    http_server.set_feed("/feed.xml", FEED)
    http_server.set_response("/go", 302, b"", {"Location": "/feed.xml"})
    resolver = FakeResolver({})

    result = fetch(settings(), http_server.url("/go"), resolve=resolver)

    assert result.url == http_server.url("/feed.xml")
    assert resolver.asked == []  # its own host needs no judging


def test_another_port_on_a_private_source_host_is_another_host(
    http_server: FixtureServer,
) -> None:
    other = f"http://127.0.0.1:{http_server.port + 1}/admin"
    http_server.set_response("/go", 302, b"", {"Location": other})

    with pytest.raises(BlockedRedirectError, match="loopback or private"):
        fetch(settings(), http_server.url("/go"))


def test_a_feed_link_to_a_metadata_address_is_refused_even_from_a_private_feed(
    http_server: FixtureServer,
) -> None:
    http_server.set_feed("/latest/meta-data/", "<html><body><p>Secrets.</p></body></html>")
    article = f"http://localhost:{http_server.port}/latest/meta-data/"
    config = Settings(retries=0, timeout=2, allow_private_redirects=True)

    async def go() -> None:
        async with make_client(config) as client:
            resolver = FakeResolver({"localhost": ["169.254.169.254"]})
            fetcher = Fetcher(client, config, resolve=resolver)
            await fetcher.fetch(article, origin=http_server.url("/feed.xml"))

    with pytest.raises(BlockedRedirectError, match=r"^link to .*169\.254\.169\.254"):
        asyncio.run(go())
    assert http_server.requests_for("/latest/meta-data/") == []


@pytest.mark.parametrize(
    ("addresses", "reach"),
    [
        (["93.184.216.34", "2606:2800:220:1::"], Reach.PUBLIC),
        (["93.184.216.34", "10.1.2.3"], Reach.PRIVATE),
        (["::1"], Reach.PRIVATE),
        (["169.254.169.254"], Reach.LINK_LOCAL),
        (["::ffff:169.254.169.254"], Reach.LINK_LOCAL),
        (["100.100.100.200"], Reach.LINK_LOCAL),
        (["10.1.2.3", "fe80::1"], Reach.LINK_LOCAL),
        ([], Reach.UNRESOLVED),
    ],
)
def test_the_most_sensitive_address_decides(addresses: list[str], reach: Reach) -> None:
    assert reach_of([ipaddress.ip_address(a) for a in addresses]) is reach


@pytest.mark.parametrize(
    ("origin", "target", "same"),
    [
        ("http://169.254.169.254/latest/", "http://169.254.169.254/other", True),
        ("http://intranet.local/feed", "https://INTRANET.local/feed", True),
        ("http://intranet.local:8080/feed", "http://intranet.local:8080/x", True),
        ("http://intranet.local:8080/feed", "http://intranet.local:9090/x", False),
        ("http://intranet.local/feed", "http://intranet.local.evil.example/", False),
        ("http://intranet.local/feed", "http://intranet.local:notaport/", False),
    ],
)
def test_same_host_means_the_configured_host_and_port(origin: str, target: str, same: bool) -> None:
    assert same_host(origin, target) is same
