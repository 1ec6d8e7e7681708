"""The standalone mode: one local SQLite database with the demo city on first start."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from desk.domain.errors import DatabaseNotReady
from desk.domain.holidays_de import DEFAULT_STATE
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Office
from desk.store.uow import UnitOfWork


def prepare_standalone(url: str, now: datetime, state: str = DEFAULT_STATE) -> DeskDatabase:
    """Create or migrate the local database and fill it with the demo city if empty
    (its offices in ``state``: the public holidays that close them). A database at this
    version's head opens at once: migrations and the demo city's generators (holidays
    and all) are loaded only when needed."""
    try:
        db = open_database(url)
    except DatabaseNotReady:  # not there yet, or written by an older version
        upgrade_database(url)
        db = open_database(url)
    if not is_seeded(db):
        from desk.demo.seed import seed_demo_city

        seed_demo_city(db, now, state)
    return db


def is_seeded(db: DeskDatabase) -> bool:
    """Whether the database holds any office yet."""
    with UnitOfWork(db.engine) as uow:
        return uow.session.scalar(select(Office.id).limit(1)) is not None
