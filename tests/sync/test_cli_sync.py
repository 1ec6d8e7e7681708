"""``buergerdesk sync``: the command line of the sync through the central service, as an
enrolled counter PC (DESIGN.md §5 exit codes)."""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desk.services.admin.devices import add_device
from desk.services.database import open_database, upgrade_database
from desk.store.models import Office, SyncState
from tests.conftest import DEMO_NOW_ISO
from tests.service_fixtures import Service
from tests.sync.conftest import Central, count

OFFICE = "bb-cli"
UNREACHABLE = "https://127.0.0.1:1"

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 1})


@pytest.fixture(scope="module")
def service(central: Central, service_factory: Callable[..., Service]) -> Service:
    return service_factory(central)


@pytest.fixture
def enrolled(service: Service, run_cli: Cli) -> str:
    """This test's PC (its data folder) enrolled through the real ``enroll`` command;
    returns the service's URL."""
    made = add_device(service.db, OFFICE, "counter", datetime.now(UTC))
    done = run_cli("enroll", "--central", service.url, "--code", made.code, "--ca", str(service.ca))
    assert done.returncode == 0, done.stderr
    assert "angemeldet" in done.stdout
    return service.url


def empty_local(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'counter.sqlite'}"
    upgrade_database(url)
    return url


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_sync_once_makes_a_replica_and_says_so(enrolled: str, run_cli: Cli, tmp_path: Path):
    local = empty_local(tmp_path)
    args = ("sync", "--url", local, "--central", enrolled, "--once", "--now", DEMO_NOW_ISO)

    first = run_cli(*args)

    assert first.returncode == 0, first.stderr
    assert lines(first.stdout) == [lines(first.stdout)[0]]
    assert "abgeglichen" in first.stdout
    assert first.stderr == ""
    db = open_database(local)
    try:
        assert count(db, Office, Office.id == OFFICE) == 1
        assert count(db, SyncState, SyncState.key == "role") == 1
    finally:
        db.dispose()

    second = run_cli(*args)
    assert second.returncode == 0, second.stderr
    assert "abgeglichen: 0 hochgeladen, 0 geholt, 0 wartend" in second.stdout


def test_unreachable_central_is_one_line_and_exit_2(enrolled: str, run_cli: Cli, tmp_path: Path):
    local = empty_local(tmp_path)

    done = run_cli("sync", "--url", local, "--central", UNREACHABLE, "--once")

    assert done.returncode == 2
    assert len(lines(done.stderr)) == 1
    assert "nicht erreichbar" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_database_url_as_central_is_refused_with_what_to_do(
    central: Central, enrolled: str, run_cli: Cli, tmp_path: Path
):
    local = empty_local(tmp_path)

    done = run_cli("sync", "--url", local, "--central", central.url, "--once")

    assert done.returncode == 2
    assert len(lines(done.stderr)) == 1 and "enroll" in done.stderr
    assert central.url not in done.stderr + done.stdout


def test_a_standalone_database_with_demo_data_is_refused(
    enrolled: str, run_cli: Cli, tmp_path: Path, demo_sqlite_url: str
):
    seeded = Path(demo_sqlite_url.removeprefix("sqlite:///"))
    copy = tmp_path / "einzelplatz.sqlite"
    shutil.copyfile(seeded, copy)  # the session's demo database stays untouched
    local = f"sqlite:///{copy}"
    db = open_database(local)
    offices = count(db, Office)
    db.dispose()
    assert offices > 1

    done = run_cli("sync", "--url", local, "--central", enrolled, "--once")

    assert done.returncode == 2
    assert len(lines(done.stderr)) == 1
    assert "Einzelplatz" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    db = open_database(local)
    try:  # left as it was: no replica role, no central offices copied in
        assert count(db, SyncState) == 0
        assert count(db, Office) == offices
        assert count(db, Office, Office.id == OFFICE) == 0
    finally:
        db.dispose()


def test_a_damaged_local_database_is_put_aside_and_refilled_from_the_central(
    enrolled: str, run_cli: Cli, tmp_path: Path
):
    local = empty_local(tmp_path)
    args = ("sync", "--url", local, "--central", enrolled, "--once", "--now", DEMO_NOW_ISO)
    assert run_cli(*args).returncode == 0
    path = tmp_path / "counter.sqlite"
    for leftover in (path.with_name("counter.sqlite-wal"), path.with_name("counter.sqlite-shm")):
        leftover.unlink(missing_ok=True)
    path.write_bytes(random.Random(7).randbytes(50_000))

    again = run_cli(*args)

    assert again.returncode == 0, again.stderr
    assert len(lines(again.stderr)) == 1 and "beschaedigt" in again.stderr
    assert [p.name for p in tmp_path.glob("counter.beschaedigt-*.sqlite")]
    db = open_database(local)
    try:
        assert count(db, Office, Office.id == OFFICE) == 1  # a replica again
    finally:
        db.dispose()
