"""Council publishing platforms, resolved lazily by name (as civic-scraper and spatula do).

``get_platform("cmis")`` imports ``crawler.platforms.cmis`` only when asked and returns its
``PLATFORM``; nothing here imports a platform at import time. ``detect_platform`` picks one from a
URL (or a page's body) when councils.toml and --platform say nothing. See docs/platforms.md.
"""

from __future__ import annotations

import importlib

from crawler.platforms.base import CrawlContext, Discovery, Platform, SiteNotFound

__all__ = ["PLATFORMS", "DEFAULT_PLATFORM", "Platform", "CrawlContext", "Discovery", "SiteNotFound",
           "UnknownPlatform", "get_platform", "detect_platform", "platform_for"]

# Every platform Minutes reads; the first is the default when nothing points elsewhere.
PLATFORMS = ("moderngov", "cmis")
DEFAULT_PLATFORM = PLATFORMS[0]


class UnknownPlatform(ValueError):
    """A platform name nobody wrote."""

    def __init__(self, name: str):
        super().__init__(f"unknown platform {name!r}: Minutes reads {', '.join(PLATFORMS)}")


def get_platform(name: str) -> Platform:
    """The platform of that name, its module imported on first use."""
    key = (name or DEFAULT_PLATFORM).strip().lower()
    if key not in PLATFORMS:
        raise UnknownPlatform(name)
    module = importlib.import_module(f"crawler.platforms.{key}")
    return module.PLATFORM


def detect_platform(url: str, body: bytes | None = None) -> str:
    """The platform a URL (or a page's body) belongs to; ModernGov when none claims it.

    Only the default's rivals are asked: ModernGov claims almost any folder (it probes the site
    for itself), so it is the fallback rather than a claimant.
    """
    for name in PLATFORMS[1:]:
        if get_platform(name).claims(url, body):
            return name
    return DEFAULT_PLATFORM


def platform_for(name: str | None, url: str, body: bytes | None = None) -> Platform:
    """The named platform, or the one detected from the URL (and body) when no name is given."""
    return get_platform(name) if name else get_platform(detect_platform(url, body))
