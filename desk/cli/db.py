"""``buergerdesk db upgrade|grant``: create or migrate a database; give the central
service's role its rights."""

from __future__ import annotations

import argparse

from desk.cli.parser import Commands, add_url
from desk.services.database import grant_service_role, upgrade_database
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
    grant = actions.add_parser(
        "grant",
        help="der Rolle des zentralen Dienstes genau ihre Rechte geben (PostgreSQL)",
        description="Mit der URL des Eigentümers (der die Migrationen ausführt): gibt "
        "der Rolle Datenänderungen an den Arbeitstabellen, am Protokoll nur Lesen und "
        "Anfügen, kein Ändern von Tabellen oder Triggern; alles andere wird entzogen. "
        "Die Login-Rolle legt der Administrator an; ein zweiter Lauf ändert nichts.",
    )
    add_url(grant)
    grant.add_argument(
        "--role", required=True, metavar="NAME", help="Login-Rolle, mit der der Dienst läuft"
    )
    grant.set_defaults(func=grant_role)


def upgrade(args: argparse.Namespace) -> int:
    """Run the migrations and say what changed."""
    before, after = upgrade_database(args.url)
    where = mask(args.url)
    if before == after:
        print(f"Datenbank {where} ist aktuell (Stand {after}).")
    else:
        print(f"Datenbank {where} migriert: {before or 'leer'} → {after}.")
    return 0


def grant_role(args: argparse.Namespace) -> int:
    """Grant the service role its rights and say which."""
    report = grant_service_role(args.url, args.role)
    print(
        f"Rolle {report.role} in {mask(args.url)}: {len(report.tables)} Tabellen, "
        f"{len(report.sequences)} Sequenzen freigegeben; Protokoll nur lesen und anfügen."
    )
    return 0
