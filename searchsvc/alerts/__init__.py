"""Email alerts on any search: sign-up with double opt-in, digests of what an index update matched,
one-click unsubscribe. See docs/alerts.md; `minutes alerts send` runs the sending."""
