"""The standalone mode: one local SQLite database with the demo city on first start."""

from __future__ import annotations

from datetime import datetime

from desk.domain.holidays_de import DEFAULT_STATE
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.demo import is_seeded, seed_demo_city


def prepare_standalone(url: str, now: datetime, state: str = DEFAULT_STATE) -> DeskDatabase:
    """Create or migrate the local database and fill it with the demo city if empty
    (its offices in ``state``: the public holidays that close them)."""
    upgrade_database(url)
    db = open_database(url)
    if not is_seeded(db):
        seed_demo_city(db, now, state)
    return db
