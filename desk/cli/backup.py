"""``buergerdesk backup``: a checked copy of a local SQLite database, with rotation."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli.numbers import whole
from desk.cli.parser import Commands, add_url
from desk.cli.time import now_from
from desk.domain.errors import RequestRefused
from desk.jobs.housekeeping import backups_folder
from desk.store.backup import DEFAULT_KEEP, back_up
from desk.store.database import parse_url, sqlite_path


def register(commands: Commands) -> None:
    """Add the ``backup`` command."""
    backup = commands.add_parser(
        "backup",
        help="die lokale SQLite-Datenbank sichern (geprüfte Kopie, die neuesten N bleiben)",
        description="Kopiert die laufende Datenbank mit SQLites Online-Backup, prüft die Kopie "
        "(PRAGMA integrity_check) und löscht ältere Sicherungen über die Anzahl --keep hinaus.",
    )
    add_url(backup)
    backup.add_argument(
        "--to",
        metavar="ORDNER",
        type=Path,
        help="Ordner der Sicherungen (Standard: 'backups' im Datenordner)",
    )
    backup.add_argument(
        "--keep",
        metavar="N",
        type=whole(0, 1000),  # 0: refused by back_up, with its reason
        default=DEFAULT_KEEP,
        help=f"so viele Sicherungen dieser Datenbank aufbewahren (Standard: {DEFAULT_KEEP})",
    )
    backup.set_defaults(func=run_backup)


def run_backup(args: argparse.Namespace) -> int:
    """Write the backup and print its file name."""
    database = sqlite_path(parse_url(args.url))
    if database is None:
        raise RequestRefused(
            "'buergerdesk backup' sichert nur lokale SQLite-Dateien; "
            "die zentrale PostgreSQL-Datenbank sichert pg_dump"
        )
    folder = args.to or backups_folder()
    result = back_up(database, folder, now_from(args), keep=args.keep)
    print(result.path)
    return 0
