"""One subscription's digest: the items an update added or changed that match its search, as an email."""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, replace
from urllib.parse import quote

from markupsafe import Markup

from index.backend import SearchBackend
from index.changelog import Change
from index.types import Hit
from searchsvc.alerts.links import Signer, alert_request, describe, summary
from searchsvc.alerts.mail import compose, mail_domain, render
from searchsvc.settings import Settings
from store.types import Subscription

ID_BATCH = 500  # item ids per search: a long update is searched in slices


@dataclass(frozen=True)
class Found:
    """What a digest lists: the newest matching items (at most the limit) and how many matched."""

    hits: list[Hit]
    total: int
    amended: frozenset[str]  # items that were indexed before and changed (corrections, approved minutes)


def changed_items(changes: list[Change]) -> tuple[list[str], frozenset[str]]:
    """The items added or changed over these updates (in order, once each), and which of them were
    only changed; an item removed later is left out."""
    items: dict[str, bool] = {}  # id -> new (added within these updates)
    for change in changes:
        for iid in change.added:
            items[iid] = True
        for iid in change.changed:
            items[iid] = items.get(iid, False)
        for iid in change.removed:
            items.pop(iid, None)
    return list(items), frozenset(i for i, new in items.items() if not new)


def find(backend: SearchBackend, query: str, changes: list[Change], limit: int) -> Found:
    """Run the subscription's search over only the items these updates added or changed."""
    ids, amended = changed_items(changes)
    base = alert_request(query, page_size=max(1, limit))
    hits: list[Hit] = []
    total = 0
    for start in range(0, len(ids), ID_BATCH):
        result = backend.search(replace(base, item_ids=tuple(ids[start:start + ID_BATCH])))
        hits.extend(result.hits)
        total += result.total_items
    hits.sort(key=lambda h: (h.date, h.item_id), reverse=True)
    return Found(hits[:limit], total, amended)


def message_id(settings: Settings, sub: Subscription, seq_to: int) -> str:
    """Deterministic: the same subscription and range of updates is the same message, wherever it is retried."""
    return f"<alert.{sub.id}.{sub.last_seq}-{seq_to}@{mail_domain(settings)}>"


def compose_digest(settings: Settings, signer: Signer, sub: Subscription, seq_to: int, found: Found) -> bytes:
    site = settings.site_url()
    unsubscribe = f"{site}/alerts/unsubscribe/{signer.unsubscribe_token(sub.id, sub.email)}"
    what = describe(sub.query)
    entries = [{
        "title": hit.title, "committee": hit.committee_name, "date": hit.date,
        "minute_number": hit.minute_number, "amended": hit.item_id in found.amended,
        "url": f"{site}/item/{quote(hit.item_id)}",
        "snippet_text": _plain(hit.snippet_html) or hit.text[:300],
        # The engine's snippet is escaped text with <mark> around matches (the search page shows it as is).
        "snippet_html": Markup(hit.snippet_html),
    } for hit in found.hits]
    context = {"what": what, "entries": entries, "total": found.total, "more": found.total - len(entries),
               "search_url": f"{site}/?{sub.query}", "unsubscribe_url": unsubscribe, "site": site}
    n = found.total
    subject = f"Minutes alert: {n} new or changed item{'s' if n != 1 else ''} for {summary(sub.query)}"
    return compose(settings, sub.email, subject, render("digest.txt", **context), render("digest.html", **context),
                   message_id=message_id(settings, sub, seq_to), unsubscribe_url=unsubscribe)


def _plain(snippet_html: str) -> str:
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", snippet_html)).strip()
