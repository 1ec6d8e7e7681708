"""The start-up check of the local SQLite database, and its repair.

A damaged file is never deleted: it is renamed (with its -wal and -shm) beside
the data. The newest good backup takes its place; without one, a counter with a
central database starts empty and the first sync round fills it
(``SyncEngine._ensure_replica`` makes an empty database a replica: reference data
and the activity of the last days). Operations still
waiting in the damaged outbox are carried over to the new database when they
can be replayed (the central side applies each op id once), otherwise they are
written to a JSON file beside the data. The report says what happened.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk.private_files import create_private
from desk.store import backup, migrate
from desk.store.database import make_engine
from desk.store.file_check import QUICK_ABOVE_BYTES, Finding, check_file
from desk.store.outbox_rescue import carry_over, export_ops, read_outbox

__all__ = ["QUICK_ABOVE_BYTES", "Finding", "IntegrityReport", "check_file", "ensure_intact"]

SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class IntegrityReport:
    """What the start-up check found and did, for the GUI and the log."""

    database: Path
    finding: Finding
    damaged_copy: Path | None = None
    restored_from: Path | None = None
    rebuilt_empty: bool = False
    bad_backups: tuple[Path, ...] = ()
    ops_found: int = 0
    ops_replayed: int = 0
    ops_exported: int = 0
    export_file: Path | None = None
    outbox_readable: bool = True  # False: rows on damaged pages of the outbox may be lost

    @property
    def repaired(self) -> bool:
        """Whether anything was changed (the user must be told)."""
        return self.damaged_copy is not None

    def summary(self) -> str:
        """What happened, in German, for a calm message box."""
        if not self.repaired:
            return f"Die Datenbank {self.database.name} ist in Ordnung."
        lines = [
            f"Die lokale Datenbank war beschädigt ({self.finding.problem}).",
            f"Die beschädigte Datei wurde aufbewahrt: {self.damaged_copy}",
        ]
        if self.restored_from is not None:
            lines.append(f"Die Sicherung {self.restored_from.name} wurde wiederhergestellt.")
        elif self.rebuilt_empty:
            lines.append(
                "Es gab keine brauchbare Sicherung: die Datenbank wird beim nächsten "
                "Abgleich aus der zentralen Datenbank neu gefüllt."
            )
        else:
            lines.append(
                "Es gab keine brauchbare Sicherung und keine zentrale Datenbank: "
                "die Anwendung beginnt mit einer leeren Datenbank."
            )
        if self.ops_replayed:
            lines.append(
                f"{self.ops_replayed} noch nicht übertragene Änderungen sind erhalten und "
                "werden beim nächsten Abgleich übertragen."
            )
        if self.export_file is not None:
            lines.append(
                f"{self.ops_exported} Änderungen konnten nicht übernommen werden und "
                f"stehen in {self.export_file}."
            )
        if not self.outbox_readable:
            lines.append(
                "Die Warteschlange der beschädigten Datei war nicht vollständig lesbar: "
                "einzelne nicht übertragene Änderungen können fehlen."
            )
        return "\n".join(lines)


def ensure_intact(
    database: Path,
    backups: Path,
    now: datetime,
    *,
    central: bool = False,
    quick_above: int = QUICK_ABOVE_BYTES,
    finding: Finding | None = None,
) -> IntegrityReport:
    """Check ``database`` before it is opened; repair it when damaged (see module doc).

    ``backups`` is the folder of ``desk.store.backup``; ``central`` says whether a
    central database will fill an empty replica; ``now`` names the files written;
    ``finding``: this file's check, made already in this process before any open.
    """
    if not database.exists():
        return IntegrityReport(database, Finding(True, "none"))
    if finding is None:
        finding = check_file(database, quick_above)
    if finding.ok:
        return IntegrityReport(database, finding)
    aside = _move_aside(database, now)
    ops, readable = read_outbox(aside)
    restored, bad = _restore_newest(database, backups, quick_above)
    _migrate(database)  # a fresh one, or a backup written by an older version
    left = carry_over(database, ops, central=central)
    export = export_ops(left, database, aside, now) if left else None
    return IntegrityReport(
        database=database,
        finding=finding,
        damaged_copy=aside,
        restored_from=restored,
        rebuilt_empty=restored is None and central,
        bad_backups=tuple(bad),
        ops_found=len(ops),
        ops_replayed=len(ops) - len(left),
        ops_exported=len(left),
        export_file=export,
        outbox_readable=readable,
    )


def _move_aside(database: Path, now: datetime) -> Path:
    """Rename the damaged file (and its side files) to ``<name>.beschaedigt-<stamp>``."""
    stamp = now.strftime("%Y-%m-%d_%H%M%S")
    aside = database.with_name(f"{database.stem}.beschaedigt-{stamp}{database.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = database.with_name(f"{database.stem}.beschaedigt-{stamp}.{n}{database.suffix}")
    os.replace(database, aside)
    for side in SIDE_FILES:
        extra = database.with_name(database.name + side)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + side))
    return aside


def _restore_newest(
    database: Path, backups: Path, quick_above: int
) -> tuple[Path | None, list[Path]]:
    """Copy the newest backup that passes the check to ``database``; the bad ones skipped."""
    bad: list[Path] = []
    for candidate in backup.list_backups(backups, database):
        if not check_file(candidate, quick_above).ok:
            bad.append(candidate)
            continue
        partial = database.with_name(database.name + ".restore")
        shutil.copyfile(candidate, create_private(partial))
        os.replace(partial, database)
        return candidate, bad
    return None, bad


def _migrate(database: Path) -> None:
    """Bring the restored file (or a new, empty one) to head revision."""
    engine = make_engine(f"sqlite:///{database}")
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
