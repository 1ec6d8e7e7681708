"""Retention also reaches what the start-up repair keeps aside (issue 16): a damaged copy of
the local database and the operations exported from it hold citizens' data as they were
on the day of the repair. Past the retention period a hostile clerk must not find them
beside the database any more; what is younger stays for the IT to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from desk.domain.localtime import BERLIN
from desk.jobs.housekeeping import run_housekeeping
from desk.services.database import upgrade_database
from desk.store.integrity import ensure_intact
from desk.store.kept_aside import kept_aside
from desk.store.outbox_rescue import RescuedOp, export_ops

SCRIPT = Path(sys.executable).with_name("buergerdesk")
DAY = 24 * 3600


def repaired_at(database: Path, when: datetime, days_ago: float) -> list[Path]:
    """Damage ``database``, let the start-up check keep it aside (with a -wal beside it)
    and export an operation; every file dated ``days_ago`` days back."""
    database.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    database.with_name(database.name + "-wal").write_bytes(os.urandom(4096))
    report = ensure_intact(database, database.parent / "backups", when)
    assert report.damaged_copy is not None
    op = RescuedOp(1, "x", "book", "bb-mitte", "y", '{"name": "Erika Mustermann"}', "", "kaputt")
    export_ops([op], database, report.damaged_copy, when)
    made = [path for path in kept_aside(database) if when.strftime("%Y-%m-%d_%H%M%S") in path.name]
    stamp = time.time() - days_ago * DAY
    for path in made:
        os.utime(path, (stamp, stamp))
    return made


@pytest.fixture
def local(tmp_path: Path) -> Path:
    database = tmp_path / "daten" / "counter.sqlite"
    upgrade_database(f"sqlite:///{database}")
    return database


def test_retention_run_deletes_damaged_copies_and_exports_past_the_period(local: Path):
    old = repaired_at(local, datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN), days_ago=45)
    young = repaired_at(local, datetime(2026, 1, 6, 9, 0, tzinfo=BERLIN), days_ago=10)
    names = {path.name.split(".", 1)[1].split("-", 1)[0] for path in old}
    assert names == {"beschaedigt", "ausstehend"}
    assert any(path.name.endswith("-wal") for path in old)

    done = subprocess.run(
        [str(SCRIPT), "retention", "run", "--url", f"sqlite:///{local}", "--days", "30"],
        capture_output=True, text=True, timeout=120,
        env=dict(os.environ, BUERGERDESK_DATA_DIR=str(local.parent)),
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert f"{len(old)} beiseitegelegte Dateien gelöscht" in done.stdout
    assert not [path for path in old if path.exists()]
    assert all(path.exists() for path in young)
    assert local.exists()


def test_the_apps_daily_job_deletes_them_too(local: Path):
    old = repaired_at(local, datetime(2026, 2, 1, 9, 0, tzinfo=BERLIN), days_ago=31)
    young = repaired_at(local, datetime(2026, 2, 2, 9, 0, tzinfo=BERLIN), days_ago=29)

    report = run_housekeeping(
        f"sqlite:///{local}", local.parent / "backups", datetime.now(BERLIN), days=30
    )

    assert sorted(report.cleared) == sorted(old)
    assert not [path for path in old if path.exists()]
    assert all(path.exists() for path in young)


def test_a_now_in_the_future_deletes_nothing_early(local: Path):
    young = repaired_at(local, datetime(2026, 3, 1, 9, 0, tzinfo=BERLIN), days_ago=1)

    report = run_housekeeping(
        f"sqlite:///{local}", local.parent / "backups", datetime(2099, 1, 1, tzinfo=BERLIN)
    )

    assert report.cleared == ()
    assert all(path.exists() for path in young)
