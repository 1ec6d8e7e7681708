"""``buergerdesk demo``: fill a database with the demo city."""

from __future__ import annotations

import argparse

from desk.cli.parser import Commands, add_now, add_url
from desk.cli.time import now_from
from desk.demo.recognised import refuse_foreign_content
from desk.demo.seed import seed_demo_city
from desk.services.database import open_database


def register(commands: Commands) -> None:
    """Add the ``demo`` command."""
    demo = commands.add_parser(
        "demo",
        help="Datenbank mit der Demo-Stadt füllen",
        description="Trägt die Demo-Stadt ein (Standorte, Schalter, Dienstleistungen, "
        "Öffnungszeiten, Buchungsfenster, Benutzer, Termine um heute herum). "
        "Ein zweiter Lauf fügt nur hinzu, was fehlt. Eine Datenbank mit Standorten oder "
        "Benutzern, die nicht zur Demo-Stadt gehören, wird abgelehnt (ohne --force).",
    )
    add_url(demo)
    add_now(demo)
    demo.add_argument(
        "--force",
        action="store_true",
        help="auch in eine Datenbank mit eigenen Standorten oder Benutzern schreiben "
        "(nur für Schulungsdatenbanken: die Demo-Benutzer haben ein bekanntes Passwort)",
    )
    demo.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Seed the demo city and report the inserted rows."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        if not args.force:  # demo users with a known password never land in a real database
            refuse_foreign_content(db)
        report = seed_demo_city(db, now)
    finally:
        db.dispose()
    if report.total == 0:
        print("Demo-Stadt ist bereits vollständig eingetragen.")
    else:
        parts = ", ".join(f"{table}: {n}" for table, n in report.inserted.items() if n)
        print(f"Demo-Stadt eingetragen ({parts}).")
    return 0
