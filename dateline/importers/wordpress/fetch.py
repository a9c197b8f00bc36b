"""Outbound fetches for ``--fetch-media``, guarded against reaching inside the network.

An export names URLs that anyone could have written, so a fetch could be aimed at the cloud
metadata service (169.254.169.254), a database on localhost or an intranet host. The guard
resolves the host once, refuses unless *every* address it resolves to is public, and then
connects to the address it checked (not to the name again, which a rebinding DNS server could
answer differently the second time). Redirects are followed by hand, each hop checked the same
way. Only http and https, only the default ports or an explicit port, a size cap and a timeout.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3
TIMEOUT = 15  # seconds, per connection and per read
USER_AGENT = "Dateline-WordPress-import/1.0"


class FetchRefused(Exception):
    """The URL may not or could not be fetched; the message says why."""


Resolver = Callable[..., list]


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True only for globally routable unicast addresses (never private, loopback, link-local,
    shared, reserved, multicast or unspecified), looking through IPv4-mapped IPv6 addresses."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is not None:
            return is_public(inner)
    return address.is_global and not address.is_multicast


def checked_addresses(host: str, port: int, resolver: Resolver | None = None) -> list[str]:
    """Every address ``host`` resolves to, all public, or FetchRefused."""
    resolver = resolver or socket.getaddrinfo
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        candidates = [literal]
    else:
        try:
            infos = resolver(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchRefused(f"cannot resolve {host}: {exc}") from None
        candidates = []
        for info in infos:
            try:
                candidates.append(ipaddress.ip_address(info[4][0].split("%")[0]))
            except ValueError:
                raise FetchRefused(f"{host} resolved to an unreadable address") from None
    if not candidates:
        raise FetchRefused(f"{host} resolved to no address")
    for address in candidates:
        if not is_public(address):
            raise FetchRefused(
                f"refused to fetch from {host}: it resolves to {address}, a private, loopback,"
                " link-local or otherwise non-public address"
            )
    return [str(a) for a in dict.fromkeys(candidates)]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # Certificate and SNI are checked against the name; the socket goes to the checked IP.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _connection(scheme: str, host: str, port: int, address: str):
    cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    return cls(host, port, address, timeout=TIMEOUT)


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, or 304 when the caller sent a validator and nothing changed
    body: bytes
    headers: dict[str, str]  # the validators: ETag and Last-Modified


def fetch(
    url: str,
    *,
    max_bytes: int,
    resolver: Resolver | None = None,
    connection: Callable | None = None,
) -> bytes:
    """The body of ``url``, fetched through the guard; FetchRefused on any refusal or error.

    ``resolver`` and ``connection`` are seams for tests (no test reaches the network).
    """
    return fetch_response(url, max_bytes=max_bytes, resolver=resolver, connection=connection).body


def fetch_response(
    url: str,
    *,
    max_bytes: int,
    headers: dict[str, str] | None = None,
    resolver: Resolver | None = None,
    connection: Callable | None = None,
) -> Fetched:
    """As :func:`fetch`, with extra request headers (a conditional GET's ``If-None-Match`` /
    ``If-Modified-Since``), answering 304 without a body when the server says nothing changed.
    Used by the wire desk's polling (dateline/wire/poll.py) with the same guard."""
    connection = connection or _connection
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchRefused(f"refused to fetch {url[:200]!r}: only http(s) URLs are fetched")
        if parts.username or parts.password:
            raise FetchRefused("refused to fetch a URL that carries a user name or password")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchRefused(f"refused to fetch {url[:200]!r}: bad port") from None
        address = checked_addresses(parts.hostname, port, resolver)[0]
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn = connection(parts.scheme, parts.hostname, port, address)
        try:
            request_headers = {"User-Agent": USER_AGENT, "Accept": "*/*", **(headers or {})}
            conn.request("GET", path, headers=request_headers)
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchRefused(f"{url[:200]} redirected nowhere")
                url = urljoin(url, location)
                continue
            answered = {name: response.getheader(name) or "" for name in ("ETag", "Last-Modified")}
            if response.status == 304 and headers:
                return Fetched(304, b"", answered)
            if response.status != 200:
                raise FetchRefused(f"{url[:200]} answered HTTP {response.status}")
            return Fetched(200, _read_capped(response, max_bytes, url), answered)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchRefused(f"could not fetch {url[:200]}: {exc}") from None
        finally:
            conn.close()
    raise FetchRefused(f"{url[:200]} redirected more than {MAX_REDIRECTS} times")


def _read_capped(response, max_bytes: int, url: str) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchRefused(f"{url[:200]} is {int(length):,} bytes, over the {max_bytes:,} limit")
    data = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FetchRefused(f"{url[:200]} is over the {max_bytes:,} byte limit")
    return data
