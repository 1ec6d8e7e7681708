"""The start-up check on really damaged SQLite files: kept aside, restored from the newest
good backup or rebuilt from the central database, and no waiting operation lost."""

from __future__ import annotations

import json
import random
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from desk.domain.localtime import at_local, parse_now
from desk.domain.status import Channel
from desk.services.appointments.booking import book
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store import outbox
from desk.store.backup import back_up
from desk.store.integrity import check_file, ensure_intact
from desk.store.models import Appointment, OutboxOp, SyncState
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.builders import add_office

NOW = parse_now("2024-03-20T10:30")
DAY = NOW.date() + timedelta(days=1)
OFFICE = "bb-test"


def make_replica(path: Path, central: DeskDatabase | None = None) -> DeskDatabase:
    """A counter's local database: a replica of ``central``, or one marked as a replica
    with its own copy of a small office (no server needed)."""
    url = f"sqlite:///{path}"
    upgrade_database(url)
    db = open_database(url)
    if central is not None:
        SyncEngine(db, central).sync_once(NOW)
        return db
    add_office(db, OFFICE)
    with UnitOfWork(db.engine) as uow:
        uow.session.add(SyncState(key=outbox.ROLE_KEY, value=outbox.REPLICA))
        uow.commit()
    return db


def book_some(db: DeskDatabase, hours: list[int]) -> None:
    for hour in hours:
        start = at_local(DAY, NOW.time().replace(hour=hour, minute=0))
        book(db, OFFICE, "abholung", start, f"Bürgerin {hour}", NOW, channel=Channel.COUNTER)


def op_ids(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT op_id FROM outbox ORDER BY seq")]


def garble_root_page(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with random bytes (the file stays the same size)."""
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    garbage = random.Random(table).randbytes(size)
    with path.open("r+b") as f:
        f.seek((root[0] - 1) * size)
        f.write(garbage)


def close(db: DeskDatabase) -> None:
    """Dispose the engine: the last connection checkpoints the WAL into the file."""
    db.dispose()


def test_a_healthy_database_passes_untouched(tmp_path: Path):
    db = make_replica(tmp_path / "local.sqlite")
    book_some(db, [9])
    close(db)
    before = (tmp_path / "local.sqlite").read_bytes()

    report = ensure_intact(tmp_path / "local.sqlite", tmp_path / "backups", NOW)

    assert report.finding.ok and report.finding.check == "integrity_check"
    assert not report.repaired and report.damaged_copy is None
    assert (tmp_path / "local.sqlite").read_bytes() == before
    assert not list(tmp_path.glob("*beschaedigt*")) and not list(tmp_path.glob("*.json"))


def test_a_large_file_gets_the_quick_check(tmp_path: Path):
    close(make_replica(tmp_path / "local.sqlite"))
    assert check_file(tmp_path / "local.sqlite", quick_above=0).check == "quick_check"
    assert check_file(tmp_path / "local.sqlite").check == "integrity_check"


def test_a_damaged_file_is_kept_aside_and_the_newest_backup_restored_with_all_waiting_ops(
    tmp_path: Path,
):
    path, backups = tmp_path / "local.sqlite", tmp_path / "backups"
    db = make_replica(path)
    book_some(db, [9])
    back_up(path, backups, NOW - timedelta(days=1))
    book_some(db, [10])
    newest = back_up(path, backups, NOW).path
    book_some(db, [11, 9])  # waiting since the newest backup
    close(db)
    waiting = op_ids(path)
    garble_root_page(path, "appointment")
    damaged = path.read_bytes()

    report = ensure_intact(path, backups, NOW + timedelta(hours=1))

    assert not report.finding.ok and report.repaired
    assert report.damaged_copy is not None and report.damaged_copy.read_bytes() == damaged
    assert report.restored_from == newest
    assert check_file(path).ok
    assert op_ids(path) == waiting and len(waiting) == 4  # the two newest carried over, in order
    assert (report.ops_found, report.ops_replayed, report.ops_exported) == (4, 4, 0)
    assert report.export_file is None
    reopened = open_database(f"sqlite:///{path}")  # at head: the app opens it
    with UnitOfWork(reopened.engine) as uow:
        assert len(uow.session.scalars(select(Appointment)).all()) == 2  # as in the backup
    reopened.dispose()
    assert "wiederhergestellt" in report.summary() and str(report.damaged_copy) in report.summary()


def test_a_truncated_file_skips_a_damaged_backup_for_the_older_good_one(tmp_path: Path):
    path, backups = tmp_path / "local.sqlite", tmp_path / "backups"
    db = make_replica(path)
    book_some(db, [9, 10])
    good = back_up(path, backups, NOW - timedelta(days=1)).path
    bad = back_up(path, backups, NOW).path
    close(db)
    for damaged in (path, bad):
        damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])

    report = ensure_intact(path, backups, NOW)

    assert not report.finding.ok
    assert report.restored_from == good and report.bad_backups == (bad,)
    assert check_file(path).ok and len(op_ids(path)) == 2


def test_a_file_that_is_no_database_at_all_is_replaced(tmp_path: Path):
    path = tmp_path / "local.sqlite"
    path.write_bytes(random.Random(1).randbytes(50_000))

    report = ensure_intact(path, tmp_path / "backups", NOW)

    assert not report.finding.ok and "not a database" in (report.finding.problem or "")
    assert report.damaged_copy is not None and report.damaged_copy.exists()
    assert check_file(path).ok and report.restored_from is None
    assert not report.rebuilt_empty  # no central database: it starts empty


def test_no_backup_with_a_central_database_starts_empty_and_the_sync_fills_it(
    tmp_path: Path, pg_url: str
):
    upgrade_database(pg_url)
    central = open_database(pg_url)
    add_office(central, OFFICE)
    path = tmp_path / "local.sqlite"
    db = make_replica(path, central)
    book_some(db, [9, 10])  # waiting, never sent
    close(db)
    garble_root_page(path, "appointment")

    report = ensure_intact(path, tmp_path / "backups", NOW, central=True)

    assert report.rebuilt_empty and report.restored_from is None
    assert report.ops_replayed == 2 and report.export_file is None
    local = open_database(f"sqlite:///{path}")
    SyncEngine(local, central).sync_once(NOW)  # the first round fills it, sends the ops
    with UnitOfWork(central.engine) as uow:
        names = set(uow.session.scalars(select(Appointment.citizen_name)))
    with UnitOfWork(local.engine) as uow:
        assert uow.session.scalars(select(OutboxOp)).all() == []
        assert set(uow.session.scalars(select(Appointment.citizen_name))) == names
    assert names == {"Bürgerin 9", "Bürgerin 10"}
    local.dispose()
    central.dispose()


def test_operations_that_cannot_be_replayed_are_exported_to_json(tmp_path: Path):
    path, backups = tmp_path / "local.sqlite", tmp_path / "backups"
    db = make_replica(path)
    back_up(path, backups, NOW)
    book_some(db, [9, 10, 11])
    with UnitOfWork(db.engine) as uow:
        garbled = uow.session.scalars(select(OutboxOp).order_by(OutboxOp.seq)).all()[1]
        marker = json.loads(garbled.payload)["id"]
        garbled_id = garbled.op_id.hex
    close(db)
    data = path.read_bytes()
    at = data.index(f'"id": "{marker}"'.encode())
    path.write_bytes(data[:at] + b"\xff\xfe\x00garbage!" + data[at + 11 :])
    garble_root_page(path, "appointment")

    report = ensure_intact(path, backups, NOW)

    assert (report.ops_found, report.ops_replayed, report.ops_exported) == (3, 2, 1)
    assert report.export_file is not None and report.export_file.parent == tmp_path
    exported = json.loads(report.export_file.read_text(encoding="utf-8"))["operationen"]
    assert [op["op_id"] for op in exported] == [garbled_id]
    assert "unlesbar" in exported[0]["problem"] and "Bürgerin 10" in exported[0]["payload"]
    assert str(report.export_file) in report.summary()


def test_without_backup_and_central_every_waiting_op_goes_to_the_json_file(tmp_path: Path):
    path = tmp_path / "local.sqlite"
    db = make_replica(path)
    book_some(db, [9, 10])
    close(db)
    waiting = op_ids(path)
    garble_root_page(path, "appointment")

    report = ensure_intact(path, tmp_path / "backups", NOW)

    assert report.ops_replayed == 0 and report.ops_exported == 2
    assert report.export_file is not None
    exported = json.loads(report.export_file.read_text(encoding="utf-8"))["operationen"]
    assert [op["op_id"] for op in exported] == waiting
    assert {op["payload"]["name"] for op in exported} == {
        "Bürgerin 9",
        "Bürgerin 10",
    }


def test_an_unreadable_outbox_is_reported(tmp_path: Path):
    path, backups = tmp_path / "local.sqlite", tmp_path / "backups"
    db = make_replica(path)
    back_up(path, backups, NOW)
    book_some(db, [9])
    close(db)
    garble_root_page(path, "outbox")

    report = ensure_intact(path, backups, NOW)

    assert report.repaired and not report.outbox_readable and report.ops_found == 0
    assert "nicht vollständig lesbar" in report.summary()


def test_a_damaged_outbox_page_loses_only_its_own_rows(tmp_path: Path):
    path, backups = tmp_path / "local.sqlite", tmp_path / "backups"
    db = make_replica(path)
    back_up(path, backups, NOW)
    for minute in range(0, 180, 15):  # twelve waiting bookings over several outbox pages
        start = at_local(DAY, NOW.time().replace(hour=9 + minute // 60, minute=minute % 60))
        note = "Unterlagen mitbringen. " * 20  # a few operations to a page, over several pages
        book(
            db,
            OFFICE,
            "abholung",
            start,
            f"Person {minute}",
            NOW,
            channel=Channel.COUNTER,
            notes=note,
        )
    close(db)
    waiting = op_ids(path)
    with closing(sqlite3.connect(path)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        middle = conn.execute("SELECT payload FROM outbox WHERE seq = 6").fetchone()[0]
    data = path.read_bytes()
    page = data.index(middle.encode()[:200]) // size
    path.write_bytes(data[: page * size] + bytes(size) + data[(page + 1) * size :])

    report = ensure_intact(path, backups, NOW)

    rescued = op_ids(path)
    assert not report.outbox_readable and 0 < len(rescued) < len(waiting)
    assert waiting[0] in rescued and waiting[-1] in rescued  # read from both ends
    assert rescued == [op for op in waiting if op in rescued]  # in their order
    assert report.ops_found == report.ops_replayed == len(rescued)
