"""Containment: which URLs the crawler may fetch at all.

A council's pages are hostile input: a link or a redirect could point at another site, at a
``file:`` URL, or at an address inside our own network (a metadata service, a router). Only
http(s) URLs on the council's configured hosts are fetched, and private, loopback, link-local
and other non-public addresses are refused unless the operator allowed them for that council
(``--allow-local`` / ``allow_local = true``: the sample site and the tests live on 127.0.0.1).
"""

from __future__ import annotations

import functools
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Scope:
    """The hosts one council's crawl may touch, and whether local addresses are allowed."""

    hosts: frozenset[str]
    allow_local: bool = False

    @classmethod
    def for_urls(cls, *urls: str, extra_hosts: tuple[str, ...] = (), allow_local: bool = False) -> Scope:
        hosts = {host_of(u) for u in urls} | {h.lower() for h in extra_hosts}
        return cls(frozenset(h for h in hosts if h), allow_local)

    def on_site(self, url: str) -> bool:
        """An http(s) URL on one of the council's hosts (the address is checked when fetched)."""
        try:
            scheme = urlsplit(url).scheme
        except ValueError:
            return False
        return scheme in ("http", "https") and host_of(url) in self.hosts

    def refusal(self, url: str) -> str | None:
        """Why this URL must not be fetched, as a sentence; None when it may be."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError:
            return "the URL is malformed; not fetched"
        if parts.scheme not in ("http", "https"):
            return f"only http and https URLs are fetched, not {parts.scheme or 'scheme-less'} ones"
        if host_of(url) not in self.hosts:
            return (f"{host_of(url) or 'no host'} is not one of this council's hosts "
                    f"({', '.join(sorted(self.hosts))}); not followed")
        if not self.allow_local:
            bad = local_address(host)
            if bad:
                return (f"{host} is {bad}; refused (use --allow-local or allow_local = true in "
                        "councils.toml if you really mean to crawl it)")
        return None


def host_of(url: str) -> str:
    """host[:port] in lower case, as compared between links and the council's hosts."""
    try:
        return urlsplit(url).netloc.lower().rsplit("@", 1)[-1]
    except ValueError:
        return ""


@functools.lru_cache(maxsize=1024)
def local_address(host: str) -> str:
    """A description such as "a loopback address" when the host is or resolves to a non-public
    address; "" when every address it resolves to is public (or it does not resolve: then the
    fetch fails with its own clear error)."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, OSError):
            return ""
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    for addr in addresses:
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        if addr.is_loopback:
            return f"a loopback address ({addr})"
        if addr.is_link_local:
            return f"a link-local address ({addr})"
        if addr.is_private or addr.is_reserved or addr.is_unspecified or addr.is_multicast \
                or not addr.is_global:
            return f"a private or reserved address ({addr})"
    return ""
