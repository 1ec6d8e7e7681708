"""Local backups: a consistent copy of a database that is being written, checked, rotated."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from desk.domain.errors import RequestRefused
from desk.domain.localtime import parse_now
from desk.store.backup import back_up, backup_name, list_backups
from desk.store.integrity import check_file

AT = parse_now("2024-03-20T10:30:05")


def live_database(path: Path) -> None:
    """A WAL database with two tables that every transaction grows together."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE booking (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, booking_id INTEGER)")
        conn.commit()


def test_a_backup_of_a_database_being_written_is_a_consistent_copy(tmp_path: Path):
    path, folder = tmp_path / "local.sqlite", tmp_path / "backups"
    live_database(path)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        with closing(sqlite3.connect(path, timeout=15)) as conn:
            conn.execute("PRAGMA synchronous=OFF")  # speed only; the copy is what is tested
            while not stop.is_set():
                with conn:  # one transaction: a booking and its event
                    cur = conn.execute("INSERT INTO booking (name) VALUES (?)", ("x" * 500,))
                    conn.execute("INSERT INTO event (booking_id) VALUES (?)", (cur.lastrowid,))
                written[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    copies = []
    try:
        for n in range(5):
            while written[0] < 200 * (n + 1):  # the writer is busy while we copy
                stop.wait(0.01)
            copies.append(back_up(path, folder, AT + timedelta(seconds=n), keep=10).path)
    finally:
        stop.set()
        thread.join()

    counts = []
    for copy in copies:
        assert check_file(copy).ok
        with closing(sqlite3.connect(copy)) as conn:
            bookings = conn.execute("SELECT count(*) FROM booking").fetchone()[0]
            events = conn.execute("SELECT count(*) FROM event").fetchone()[0]
            orphans = conn.execute(
                "SELECT count(*) FROM booking b LEFT JOIN event e ON e.booking_id = b.id "
                "WHERE e.id IS NULL"
            ).fetchone()[0]
        assert bookings == events and orphans == 0  # never half a transaction
        counts.append(bookings)
    # the copies hold what still sits in the -wal file (a plain file copy would not)
    assert counts == sorted(counts) and counts[0] >= 200
    assert not list(folder.glob("*.part"))


def test_backups_are_named_by_local_time_and_rotation_keeps_the_newest_n(tmp_path: Path):
    path, folder = tmp_path / "local.sqlite", tmp_path / "backups"
    live_database(path)
    made = [back_up(path, folder, AT + timedelta(days=d), keep=3) for d in range(5)]

    assert made[0].path.name == "local-2024-03-20_103005.sqlite" == backup_name(path, AT)
    assert list_backups(folder, path) == [m.path for m in reversed(made[2:])]
    assert made[3].removed == (made[0].path,) and made[4].removed == (made[1].path,)
    assert sorted(folder.iterdir()) == sorted(m.path for m in made[2:])


def test_two_backups_in_one_second_both_exist_and_the_later_counts_as_newer(tmp_path: Path):
    path, folder = tmp_path / "local.sqlite", tmp_path / "backups"
    live_database(path)
    first = back_up(path, folder, AT).path
    second = back_up(path, folder, AT).path

    assert first != second and second.name == "local-2024-03-20_103005.2.sqlite"
    assert list_backups(folder, path) == [second, first]
    other = tmp_path / "local-copy.sqlite"  # a database whose name starts alike
    live_database(other)
    back_up(other, folder, AT)
    assert list_backups(folder, path) == [second, first]


def test_backup_refuses_a_missing_file_and_keeping_nothing(tmp_path: Path):
    with pytest.raises(RequestRefused, match="gibt es nicht"):
        back_up(tmp_path / "missing.sqlite", tmp_path / "backups", AT)
    live_database(tmp_path / "local.sqlite")
    with pytest.raises(RequestRefused, match="mindestens eine"):
        back_up(tmp_path / "local.sqlite", tmp_path / "backups", AT, keep=0)
