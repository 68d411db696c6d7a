"""The records store: what extract found, read by id and by query (never all loaded), behind one interface.

``store.base.RecordsStore`` is the interface; ``store.factory.open_store`` chooses an implementation by the
``MINUTES_STORE`` setting: SQLite (one file under the data directory, the default) or PostgreSQL.
"""
