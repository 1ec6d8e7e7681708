"""``buergerdesk db upgrade``: create or migrate a database."""

from __future__ import annotations

import argparse

from desk.cli.parser import Commands, add_url
from desk.services.database import upgrade_database
from desk.store.database import mask


def register(commands: Commands) -> None:
    """Add the ``db`` command group."""
    db = commands.add_parser("db", help="Datenbank anlegen und migrieren")
    actions = db.add_subparsers(dest="db_command", metavar="BEFEHL", required=True)
    up = actions.add_parser(
        "upgrade",
        help="Datenbank anlegen oder auf den neuesten Stand migrieren (SQLite, PostgreSQL)",
        description="Legt die Datenbank an oder migriert sie (Alembic); "
        "ein zweiter Lauf ändert nichts.",
    )
    add_url(up)
    up.set_defaults(func=upgrade)


def upgrade(args: argparse.Namespace) -> int:
    """Run the migrations and say what changed."""
    before, after = upgrade_database(args.url)
    where = mask(args.url)
    if before == after:
        print(f"Datenbank {where} ist aktuell (Stand {after}).")
    else:
        print(f"Datenbank {where} migriert: {before or 'leer'} → {after}.")
    return 0
