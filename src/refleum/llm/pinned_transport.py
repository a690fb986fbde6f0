"""An HTTP transport that connects only to addresses the SSRF policy has just approved.

Checking a host's DNS answer and then letting the HTTP library resolve it again leaves
a window for DNS rebinding: the second answer can be 127.0.0.1. Here the network
backend resolves, checks every address, and connects to a checked address itself.
TLS still verifies the certificate against the URL's host name (SNI comes from the
request, not from the address connected to).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpcore2
import httpx2

from refleum.llm.ssrf import AsyncResolver, UnsafeApiBase, vetted_addresses


class VettedNetworkBackend(httpcore2.AsyncNetworkBackend):
    def __init__(self, *, allow_private: bool, resolver: AsyncResolver | None = None) -> None:
        self._allow_private = allow_private
        self._resolver = resolver
        self._inner = httpcore2.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore2's interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        addresses = await vetted_addresses(
            host, port, allow_private=self._allow_private, resolver=self._resolver
        )
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore2.ConnectError, httpcore2.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None  # vetted_addresses never returns an empty list
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore2's interface
        socket_options: Iterable[Any] | None = None,
    ) -> Any:
        raise UnsafeApiBase("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class PinnedTransport(httpx2.AsyncHTTPTransport):
    """``httpx2.AsyncHTTPTransport`` whose connections go through :class:`VettedNetworkBackend`."""

    def __init__(
        self,
        *,
        allow_private: bool,
        resolver: AsyncResolver | None = None,
        limits: httpx2.Limits | None = None,
    ) -> None:
        limits = limits or httpx2.Limits(max_connections=100, max_keepalive_connections=20)
        super().__init__(trust_env=False, limits=limits)
        self._pool = httpcore2.AsyncConnectionPool(
            ssl_context=httpx2.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=VettedNetworkBackend(allow_private=allow_private, resolver=resolver),
        )
