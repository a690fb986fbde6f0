"""Refuse ``api_base`` URLs that would make the server call into its own network.

An organization's ``api_base`` is attacker-controlled input: without this check it could
point the service at loopback, the private network or a cloud metadata endpoint and read
the answers back through error messages. Every address the host resolves to is checked,
IP literals in every spelling the resolver accepts (``2130706433``, ``0x7f.1``,
``::ffff:127.0.0.1``, 6to4, NAT64) are decoded first, and the check is repeated before
every request because DNS answers change.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Iterable[str]]
AsyncResolver = Callable[[str, int], Awaitable[Iterable[str]]]

# Instance metadata services hand out cloud credentials: never a model server, so they
# stay refused even when the operator allows private addresses.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.169.123",  # AWS time sync
        "169.254.169.253",  # AWS DNS
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "168.63.129.16",  # Azure wire server (a public address)
        "fd00:ec2::254",  # AWS IPv6
        "fd00:ec2::23",  # AWS IPv6 DNS
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
_BLOCKED_NAMES = ("localhost", "localhost.localdomain", "metadata.google.internal")


class UnsafeApiBase(ValueError):
    """``api_base`` is malformed or reaches an address the policy refuses."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_api_base(url: str, *, allow_private: bool, resolver: Resolver | None = None) -> str:
    """The normalised ``url`` when every address of its host is allowed, else raise."""
    parsed = _parse(url, allow_private=allow_private)
    addresses = _literal_address(parsed.host)
    if addresses is None:
        addresses = _resolve(resolver or _getaddrinfo, parsed.host, parsed.port)
    _check_addresses(parsed.host, addresses, allow_private=allow_private)
    return parsed.normalised


async def check_api_base_async(
    url: str, *, allow_private: bool, resolver: AsyncResolver | None = None
) -> str:
    """:func:`check_api_base` without blocking the event loop on DNS."""
    parsed = _parse(url, allow_private=allow_private)
    addresses = _literal_address(parsed.host)
    if addresses is None:
        try:
            found = await (resolver or _getaddrinfo_async)(parsed.host, parsed.port)
        except (OSError, UnicodeError) as exc:
            raise UnsafeApiBase(f"host {parsed.host!r} does not resolve") from exc
        addresses = _as_addresses(parsed.host, found)
    _check_addresses(parsed.host, addresses, allow_private=allow_private)
    return parsed.normalised


async def vetted_addresses(
    host: str, port: int, *, allow_private: bool, resolver: AsyncResolver | None = None
) -> list[IPAddress]:
    """Every address ``host`` resolves to, all allowed, for connecting to one of them.

    Connecting to an address from this list (rather than resolving again) closes the
    window in which DNS could answer differently between the check and the connect.
    """
    host = host.strip("[]").rstrip(".").lower()
    if not allow_private and (host in _BLOCKED_NAMES or host.endswith(".localhost")):
        raise UnsafeApiBase(f"host {host!r} is local")
    addresses = _literal_address(host)
    if addresses is None:
        try:
            found = await (resolver or _getaddrinfo_async)(host, port)
        except (OSError, UnicodeError) as exc:
            raise UnsafeApiBase(f"host {host!r} does not resolve") from exc
        addresses = _as_addresses(host, found)
    _check_addresses(host, addresses, allow_private=allow_private)
    return addresses


def check_url_form(url: str, *, allow_private: bool) -> str:
    """The scheme, credential and literal-address part of the check, without DNS."""
    parsed = _parse(url, allow_private=allow_private)
    literal = _literal_address(parsed.host)
    if literal is not None:
        _check_addresses(parsed.host, literal, allow_private=allow_private)
    return parsed.normalised


def address_refusal(ip: IPAddress, *, allow_private: bool) -> str | None:
    """Why ``ip`` may not be called, or None when it may."""
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        return address_refusal(embedded, allow_private=allow_private)
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "an unspecified address"
    if allow_private:
        return None
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global or (isinstance(ip, ipaddress.IPv6Address) and ip in _LOCAL_NAT64):
        return "a non-public address"
    return None


class _ParsedBase:
    def __init__(self, scheme: str, host: str, port: int | None, path: str) -> None:
        self.host = host
        self.port = port or (443 if scheme == "https" else 80)
        shown_host = f"[{host}]" if ":" in host else host
        shown_port = f":{port}" if port is not None else ""
        self.normalised = f"{scheme}://{shown_host}{shown_port}{path.rstrip('/')}"


def _parse(url: str, *, allow_private: bool) -> _ParsedBase:
    if not isinstance(url, str) or not url.strip():
        raise UnsafeApiBase("api_base is empty")
    if any(ch.isspace() or ord(ch) < 0x20 for ch in url.strip()):
        raise UnsafeApiBase("api_base contains whitespace or control characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UnsafeApiBase(f"api_base is not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    allowed = ("https", "http") if allow_private else ("https",)
    if scheme not in allowed:
        shown = scheme or "nothing"
        raise UnsafeApiBase(f"api_base must use {' or '.join(allowed)}, not {shown!r}")
    if "@" in parts.netloc or parts.username is not None:
        raise UnsafeApiBase("api_base must not contain credentials (user:password@)")
    if parts.query or parts.fragment:
        raise UnsafeApiBase("api_base must not contain a query string or fragment")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeApiBase("api_base has no host")
    if "%" in host:
        raise UnsafeApiBase("api_base must not use an IPv6 zone id")
    try:
        host = host.encode("idna").decode("ascii").lower() if ":" not in host else host.lower()
    except UnicodeError as exc:
        raise UnsafeApiBase("api_base host is not a valid domain name") from exc
    if not allow_private and (host in _BLOCKED_NAMES or host.endswith(".localhost")):
        raise UnsafeApiBase(f"host {host!r} is local")
    literal = _literal_address(host)
    if literal is not None:
        host = str(literal[0])
    return _ParsedBase(scheme, host, port, parts.path)


def _literal_address(host: str) -> list[IPAddress] | None:
    """The address an IP literal names, in any spelling inet_aton accepts; None for names."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_inet_aton_part(part) for part in parts]
    if any(n is None for n in numbers):
        return None
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(parts)):
        raise UnsafeApiBase(f"host {host!r} is a malformed IP address")
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return [ipaddress.IPv4Address(value)]


def _inet_aton_part(part: str) -> int | None:
    lowered = part.lower()
    try:
        if lowered.startswith("0x"):
            return int(lowered[2:] or "0", 16)
        if len(lowered) > 1 and lowered.startswith("0"):
            return int(lowered[1:], 8)
        return int(lowered, 10) if lowered.isdigit() else None
    except ValueError:
        return None


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if int(ip) >> 32 == 0 and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(int(ip))
    return None


def _check_addresses(host: str, addresses: list[IPAddress], *, allow_private: bool) -> None:
    if not addresses:
        raise UnsafeApiBase(f"host {host!r} does not resolve")
    for ip in addresses:
        refusal = address_refusal(ip, allow_private=allow_private)
        if refusal is not None:
            raise UnsafeApiBase(f"host {host!r} resolves to {refusal} ({ip})")


def _resolve(resolver: Resolver, host: str, port: int) -> list[IPAddress]:
    try:
        found = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise UnsafeApiBase(f"host {host!r} does not resolve") from exc
    return _as_addresses(host, found)


def _as_addresses(host: str, found: Iterable[str]) -> list[IPAddress]:
    try:
        # Strip a scope id (fe80::1%eth0) before parsing; the address itself is what counts.
        return [ipaddress.ip_address(str(a).split("%", 1)[0]) for a in found]
    except ValueError as exc:
        raise UnsafeApiBase(f"host {host!r} resolved to an unparseable address") from exc


def _getaddrinfo(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def _getaddrinfo_async(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]
