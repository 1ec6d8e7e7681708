"""Create or migrate a database through Alembic, and check that it is ready."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from desk.domain.errors import DatabaseNotReady
from desk.store.database import mask

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported inside the functions: commands that only read the
# database start faster without it.

MIGRATIONS = Path(__file__).with_name("migrations")

#: Tables only the central PostgreSQL has (created by the migrations, not models).
CENTRAL_ONLY_TABLES = frozenset({"change_log", "change_log_horizon"})


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Autogenerate filter: the central-only sync tables are not in the models."""
    return not (type_ == "table" and name in CENTRAL_ONLY_TABLES)


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest revision this version of the program knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Migrate to head in one transaction; returns (revision before, revision after)."""
    from alembic import command

    before = current_revision(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return before, head_revision()


#: The head of the migration history, written out so that everyday commands need
#: not load Alembic; a test checks it against the scripts.
HEAD = "0012"


def stamped_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version`` read with plain SQL (None when not migrated)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_ready(engine: Engine) -> None:
    """Raise DatabaseNotReady unless the database is at this program's head revision."""
    current = stamped_revision(engine)
    if current == HEAD:
        return
    where = mask(engine.url)
    if current is None:
        raise DatabaseNotReady(
            f"Die Datenbank {where} ist noch nicht eingerichtet: "
            f"zuerst 'buergerdesk db upgrade --url URL' ausführen"
        )
    raise DatabaseNotReady(
        f"Die Datenbank {where} hat den Stand {current}, erwartet {HEAD}: "
        f"'buergerdesk db upgrade --url URL' ausführen"
    )
