"""Local backups of a counter's SQLite database: online copy, check, rotation.

SQLite's online backup API copies a consistent snapshot of a live database in
WAL mode (also what still sits in the -wal file) while the app keeps writing.
A copy is written under a temporary name, checked with ``PRAGMA
integrity_check`` and only then renamed, so a backup file that exists is whole.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk.domain.errors import RequestRefused
from desk.private_files import create_private, private_dir, tighten

DEFAULT_KEEP = 7
SUFFIX = ".sqlite"
STAMP = "%Y-%m-%d_%H%M%S"


@dataclass(frozen=True)
class BackupResult:
    """The backup file written and the old ones removed by the rotation."""

    path: Path
    size: int
    removed: tuple[Path, ...]


def backup_name(database: Path, at: datetime) -> str:
    """``<database stem>-YYYY-MM-DD_HHMMSS.sqlite`` in the local time ``at``."""
    return f"{database.stem}-{at.strftime(STAMP)}{SUFFIX}"


def list_backups(folder: Path, database: Path) -> list[Path]:
    """The backups of ``database`` in ``folder``, newest first (by the name's stamp)."""
    if not folder.is_dir():
        return []
    prefix = f"{database.stem}-"
    found: list[tuple[str, int, Path]] = []
    for path in folder.glob(f"{database.stem}-*{SUFFIX}"):
        stamp, _, number = path.name[len(prefix) : -len(SUFFIX)].partition(".")
        try:
            datetime.strptime(stamp, STAMP)
            found.append((stamp, int(number or 1), path))
        except ValueError:
            continue  # another file that happens to share the prefix
    return [path for _stamp, _n, path in sorted(found, reverse=True)]


def back_up(database: Path, folder: Path, at: datetime, keep: int = DEFAULT_KEEP) -> BackupResult:
    """Copy the live ``database`` into ``folder`` (named by ``at``), check the copy and
    keep only the ``keep`` newest backups of this database."""
    if keep < 1:
        raise RequestRefused("Es muss mindestens eine Sicherung aufbewahrt werden (--keep 1)")
    if not database.is_file():
        raise RequestRefused(f"Die Datenbankdatei {database} gibt es nicht")
    private_dir(folder)
    target = _free_name(folder / backup_name(database, at))
    partial = target.with_name(target.name + ".part")
    try:
        with (
            closing(sqlite3.connect(database)) as source,
            closing(sqlite3.connect(create_private(partial))) as copy,
        ):
            # one step: a WAL reader blocks no writer, and a stepwise copy would
            # start over after every write of another connection
            source.backup(copy)
            # a backup is a single file: no -wal/-shm beside it when it is read later
            copy.execute("PRAGMA journal_mode=DELETE")
            problem = _check(copy)
        if problem is not None:
            raise RequestRefused(f"Die Sicherung von {database} ist fehlerhaft: {problem}")
        os.replace(partial, target)
    except sqlite3.Error as err:
        raise RequestRefused(f"Sicherung von {database} nicht möglich: {err}") from None
    finally:
        partial.unlink(missing_ok=True)
    kept = list_backups(folder, database)
    for earlier in kept[:keep]:
        tighten(earlier)  # e.g. written before backups were owner-only
    removed = tuple(kept[keep:])
    for old in removed:
        for path in (old, *(old.with_name(old.name + side) for side in ("-wal", "-shm"))):
            path.unlink(missing_ok=True)
    return BackupResult(path=target, size=target.stat().st_size, removed=removed)


def _check(connection: sqlite3.Connection) -> str | None:
    """None when ``PRAGMA integrity_check`` finds nothing, else its first finding."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    first = str(rows[0][0]) if rows else "keine Antwort"
    return None if first == "ok" else first


def _free_name(path: Path) -> Path:
    """``path``, or ``path`` with ``.2``, ``.3`` … when a backup of that second exists."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.{n}{SUFFIX}")
    return candidate
