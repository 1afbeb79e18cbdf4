"""Who a request comes from, and which host it asked for: the two things a visitor can forge in headers.

X-Forwarded-For is believed only when the TCP peer is one of ``ASSISTANT_TRUSTED_PROXIES``; then the client is
the nearest address in the chain that is not itself a trusted proxy. The Host header must be one of
``ASSISTANT_ALLOWED_HOSTS`` when that is set. Pure functions over the ASGI scope."""
from __future__ import annotations

import ipaddress

from starlette.datastructures import Headers
from starlette.types import Scope


def _parse(addr: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(addr.strip().strip("[]"))
    except ValueError:
        return None


FORWARDED_PEER = "forwarded-by-the-server"  # the client key of a peer the ASGI server replaced by a header's value


def rewritten(scope: Scope) -> bool:
    """The ASGI server replaced the TCP peer by what X-Forwarded-For says: a real peer always has its port,
    uvicorn's proxy-headers middleware writes port 0 (or none) for the header's address."""
    peer = scope.get("client")
    if not peer or (len(peer) > 1 and peer[1]):
        return False
    return any(name == b"x-forwarded-for" for name, _ in scope.get("headers") or ())


class Proxies:
    """The proxies whose forwarded headers are believed: addresses or networks (10.0.0.0/8)."""

    def __init__(self, entries: list[str]):
        self.networks = [ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip()]

    def trusts(self, addr: str) -> bool:
        ip = _parse(addr)
        return ip is not None and any(ip in n for n in self.networks)

    def client(self, scope: Scope) -> str:
        peer = scope.get("client")
        addr = peer[0] if peer else "unknown"
        if rewritten(scope):
            # the ASGI server believed the header itself (uvicorn trusts 127.0.0.1 unless --no-proxy-headers): the
            # peer it replaced was one it trusts. With no proxy of ours, that peer is the client, whatever the
            # header says: every such request shares one budget; with ours, the chain is read as from our proxy
            if not self.networks:
                return FORWARDED_PEER
            return self._from_chain(scope, FORWARDED_PEER)
        if not self.networks or not self.trusts(addr):
            return addr  # nobody vouches for the header: the TCP peer is the client
        return self._from_chain(scope, addr)

    def _from_chain(self, scope: Scope, addr: str) -> str:
        chain = [a.strip() for a in Headers(scope=scope).get("x-forwarded-for", "").split(",") if a.strip()]
        for hop in reversed(chain):  # the right-most entries were written by our own proxies
            if not self.trusts(hop):
                return hop if _parse(hop) is not None else addr
        return addr


def host_of(scope: Scope) -> str:
    """The Host header's name, without the port, lower case ("" when there is none)."""
    host = Headers(scope=scope).get("host", "")
    if host.startswith("["):  # [::1]:8000
        return host[1:host.find("]")].lower() if "]" in host else ""
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()


def host_allowed(scope: Scope, allowed: frozenset[str]) -> bool:
    """Any host when none are set; otherwise one of them (a leading "*." allows the subdomains)."""
    if not allowed:
        return True
    host = host_of(scope)
    return host in allowed or any(a.startswith("*.") and host.endswith(a[1:]) for a in allowed)
