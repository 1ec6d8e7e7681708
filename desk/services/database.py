"""Open a database for the services: check the URL, reach it, check its schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from desk.domain.errors import DatabaseNotReady, DatabaseUnavailable, RequestRefused
from desk.store import migrate
from desk.store.database import describe, make_engine, parse_url, sqlite_path

if TYPE_CHECKING:
    from desk.store.grants import GrantReport


@dataclass(frozen=True)
class DeskDatabase:
    """An opened database: the engine and how to name it to a person
    (``display_url`` never shows a password). The central service hands services a
    Connection in its transaction instead (``bound``), so that an operation's effect
    and its exactly-once record commit together."""

    engine: Engine | Connection
    display_url: str

    @property
    def pool(self) -> Engine:
        """The engine itself (refused on a database bound to one transaction)."""
        if not isinstance(self.engine, Engine):
            raise TypeError("this database is bound to one transaction")
        return self.engine

    def bound(self, connection: Connection) -> DeskDatabase:
        """The same database seen through ``connection`` (its open transaction)."""
        return DeskDatabase(engine=connection, display_url=self.display_url)

    @property
    def is_sqlite(self) -> bool:
        """Whether this is a local SQLite file."""
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        """Close all pooled connections."""
        if isinstance(self.engine, Engine):
            self.engine.dispose()


def reason_of(error: BaseException) -> str:
    """The first meaningful line of a driver error, for a one-line message."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def open_database(
    url: str, *, ready: bool = True, create: bool = False, pool: tuple[int, int] | None = None
) -> DeskDatabase:
    """Open ``url``; with ``ready`` it must be migrated to head, with ``create`` a
    missing SQLite file (and its folder) may be created; ``pool``: (size, overflow)."""
    parsed = parse_url(url)
    display = describe(parsed)
    path = sqlite_path(parsed)
    if path is not None and not create and not path.exists():
        raise DatabaseNotReady(
            f"Die Datenbankdatei {path} gibt es nicht: "
            "zuerst 'buergerdesk db upgrade --url URL' ausführen"
        )
    engine = make_engine(parsed, create_dirs=create, pool=pool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        if ready:
            migrate.ensure_ready(engine)
    except (OperationalError, DBAPIError) as err:
        engine.dispose()
        raise DatabaseUnavailable(
            f"Datenbank {display} nicht erreichbar: {reason_of(err)}"
        ) from None
    except DatabaseNotReady:
        engine.dispose()
        raise
    return DeskDatabase(engine=engine, display_url=display)


def upgrade_database(url: str) -> tuple[str | None, str]:
    """Create or migrate the database at ``url``; returns (before, after) revisions."""
    db = open_database(url, ready=False, create=True)
    try:
        return migrate.upgrade(db.pool)
    except (OperationalError, DBAPIError) as err:
        raise DatabaseUnavailable(
            f"Datenbank {db.display_url} konnte nicht migriert werden: {reason_of(err)}"
        ) from None
    finally:
        db.dispose()


def grant_service_role(url: str, role: str) -> GrantReport:
    """Give ``role`` the central service's rights in the PostgreSQL database at ``url``
    (the owner's URL; the database must be migrated)."""
    from desk.store.grants import grant_service_role as grant

    db = open_database(url)
    try:
        if db.is_sqlite:
            raise RequestRefused("Rollen gibt es nur in PostgreSQL, nicht in SQLite")
        with db.pool.begin() as conn:
            return grant(conn, role)
    except (OperationalError, DBAPIError) as err:
        raise DatabaseUnavailable(
            f"Rechte in {db.display_url} nicht vergeben: {reason_of(err)}"
        ) from None
    finally:
        db.dispose()


def notify_conninfo(url: str) -> str | None:
    """A libpq connection string for LISTEN on a PostgreSQL URL (None for SQLite)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)
