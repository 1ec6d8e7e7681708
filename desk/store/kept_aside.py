"""What the start-up repair keeps beside a local database, and its end after the
retention period (DSGVO): the damaged copy ``<stem>.beschaedigt-<stamp><suffix>`` with
its side files, and the exported operations ``<stem>.ausstehend-<stamp>.json``
(``desk.store.integrity``, ``desk.store.outbox_rescue``). Both hold citizens' data as it
was on the day of the repair, so they go when that day is longer ago than the period;
the file's modification time tells the day.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desk.private_files import SQLITE_SIDE_FILES

DAMAGED = "beschaedigt"
EXPORTED = "ausstehend"


def kept_aside(database: Path) -> list[Path]:
    """The damaged copies (with their side files) and exports kept beside ``database``."""
    folder = database.parent
    if not folder.is_dir():
        return []
    found = [
        *folder.glob(f"{database.stem}.{DAMAGED}-*{database.suffix}*"),
        *folder.glob(f"{database.stem}.{EXPORTED}-*.json"),
    ]
    return sorted(path for path in found if path.is_file())


def clear_kept_aside(database: Path, now: datetime, days: int) -> list[Path]:
    """Delete what was kept aside beside ``database`` more than ``days`` days before
    ``now`` (never later than the real clock: a ``--now`` in the future removes
    nothing early); a damaged copy's side files go with it. Returns the files removed."""
    cutoff = (min(now, datetime.now(now.tzinfo)) - timedelta(days=days)).timestamp()
    found = kept_aside(database)
    written = {path: path.stat().st_mtime for path in found}
    doomed = [path for path in found if written.get(_main_file(path), written[path]) < cutoff]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def _main_file(path: Path) -> Path:
    """The damaged copy a side file (-wal, -shm, -journal) belongs to, else ``path``."""
    for side in SQLITE_SIDE_FILES:
        if path.name.endswith(side):
            return path.with_name(path.name[: -len(side)])
    return path
