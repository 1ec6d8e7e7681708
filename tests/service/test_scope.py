"""What a bb-nord PC holds after syncing through the service (DESIGN.md §3, §6): read
as the bytes on its disk, never another office's citizens, never a password hash,
never a database URL — after the first copy and after later changes in both offices;
and the data folder ``buergerdesk enroll`` and ``buergerdesk sync`` leave behind holds
no database URL either."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from desk.domain.status import Channel
from desk.domain.steps import Action
from desk.services.admin.devices import add_device
from desk.services.admin.users import create_user
from desk.services.appointments import lifecycle
from desk.services.appointments.booking import Booking, book
from desk.store.models import User
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.service_fixtures import PASSWORD, Service
from tests.sync.conftest import NOW, SERVICE, Central, slot

SCRIPT = Path(sys.executable).with_name("buergerdesk")

#: bb-mitte's citizen: none of it may ever reach a bb-nord PC.
MITTE_NAME = "Mitte Geheimname"
MITTE_PHONE = "0345-999"
MITTE_EMAIL = "geheim@mitte.example"
#: A bb-mitte clerk (the replica holds its own office's users only).
MITTE_USER = "mitte-geheimnutzer"

TOMORROW = NOW.date() + timedelta(days=1)


@pytest.fixture(scope="module")
def city(central_factory: Callable[..., Central]) -> Central:
    """Two offices, two counters each."""
    return central_factory({"bb-nord": 2, "bb-mitte": 2})


@pytest.fixture(scope="module")
def service(city: Central, service_factory: Callable[..., Service]) -> Service:
    """A training service with a team lead, a clerk in each office."""
    made = service_factory(city)
    made.user("leitung", None, "team_lead")
    made.user("nord1", "bb-nord")
    made.user(MITTE_USER, "bb-mitte")
    return made


def mitte_booking(service: Service, start: datetime) -> Booking:
    """bb-mitte's secret citizen, booked by phone in the central database."""
    return book(
        service.db,
        "bb-mitte",
        SERVICE,
        start,
        MITTE_NAME,
        NOW,
        channel=Channel.PHONE,
        phone=MITTE_PHONE,
        email=MITTE_EMAIL,
        notes="Notiz nur für Mitte",
    )


def central_hashes(service: Service) -> list[str]:
    """Every password hash of the central app_user table."""
    with UnitOfWork(service.db.engine) as uow:
        hashes = list(uow.session.scalars(select(User.password_hash)))
    assert hashes and all(len(h) > 20 for h in hashes), hashes  # real hashes, not "!"
    return hashes


def database_name(central: Central) -> str:
    """The central database's name (part of its URL)."""
    name = make_url(central.url).database
    assert name
    return name


def raw_bytes(path: Path) -> bytes:
    """The SQLite file and its write-ahead log, as they lie on the disk."""
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    return data


def text_values(path: Path) -> list[str]:
    """Every text value of every table, read through sqlite3 itself."""
    found: list[str] = []
    uri = f"file:{path}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=10)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in tables:
            for row in conn.execute(f'SELECT * FROM "{name}"'):
                found.extend(str(v) for v in row if v is not None)
    return found


def secrets_in(path: Path, secrets: list[str]) -> list[str]:
    """Which secrets appear in the file's bytes (any case) or in any of its values."""
    data = raw_bytes(path).lower()
    values = "\n".join(text_values(path)).lower()
    return [s for s in secrets if s.lower().encode() in data or s.lower() in values]


def replica_path(engine: SyncEngine) -> Path:
    """The replica's SQLite file."""
    database = engine.local.engine.url.database
    assert database
    return Path(database)


def forbidden_words(service: Service, central: Central, *extra: str) -> list[str]:
    """What a bb-nord PC must never hold."""
    return [
        MITTE_NAME,
        MITTE_PHONE,
        MITTE_EMAIL,
        MITTE_USER,
        "postgresql",
        database_name(central),
        *central_hashes(service),
        *extra,
    ]


def test_a_replica_file_holds_no_other_office_no_hash_and_no_database_url(
    service: Service, city: Central, remote_replica: Callable[..., SyncEngine]
) -> None:
    # activity in both offices before the first copy
    first_mitte = mitte_booking(service, slot(TOMORROW, 9))
    lifecycle.perform(service.db, first_mitte.id, Action.CHECK_IN, NOW, counter_number=1)
    lifecycle.perform(service.db, first_mitte.id, Action.CALL, NOW, counter_number=1)
    nord = book(
        service.db,
        "bb-nord",
        SERVICE,
        slot(TOMORROW, 9),
        "Nord Erstbürger",
        NOW,
        channel=Channel.PHONE,
        phone="0391-111",
        email="erst@nord.example",
    )
    device = service.sign_in(service.enroll("bb-nord", counter=1), "nord1")
    engine = remote_replica(service, device)
    path = replica_path(engine)

    # the copy is real: its own office's citizens and users are there
    assert secrets_in(path, ["Nord Erstbürger", "0391-111", nord.code, "nord1"]) == [
        "Nord Erstbürger",
        "0391-111",
        nord.code,
        "nord1",
    ]
    never = forbidden_words(
        service, city, first_mitte.code, str(first_mitte.id), first_mitte.id.hex
    )
    assert secrets_in(path, never) == []

    # later: new activity in both offices, and a new bb-mitte user (reference data)
    second_mitte = mitte_booking(service, slot(TOMORROW, 10))
    lifecycle.perform(service.db, second_mitte.id, Action.CHECK_IN, NOW, counter_number=2)
    lifecycle.perform(service.db, second_mitte.id, Action.CALL, NOW, counter_number=2)
    create_user(
        service.db,
        user_id=service.users["leitung"],
        username="mitte-zweitnutzer",
        display_name="Mitte Zweitnutzerin",
        role="clerk",
        office_id="bb-mitte",
        password=PASSWORD,
        now=NOW,
    )
    create_user(
        service.db,
        user_id=service.users["leitung"],
        username="nord-zweitnutzer",
        display_name="Nord Zweitnutzer",
        role="clerk",
        office_id="bb-nord",
        password=PASSWORD,
        now=NOW,
    )
    later_nord = book(
        service.db,
        "bb-nord",
        SERVICE,
        slot(TOMORROW, 10),
        "Nord Zweitbürger",
        NOW,
        channel=Channel.PHONE,
        email="zweit@nord.example",
    )
    made_here = book(
        engine.local,
        "bb-nord",
        SERVICE,
        slot(TOMORROW, 11),
        "Nord Schalterbürger",
        NOW,
        channel=Channel.COUNTER,
    )
    lifecycle.perform(service.db, later_nord.id, Action.CHECK_IN, NOW, counter_number=1)
    report = engine.sync_once(NOW)
    assert (report.pushed, report.rejected) == (1, 0)
    engine.sync_once(NOW)  # and once more with nothing new

    wanted = ["Nord Zweitbürger", "zweit@nord.example", made_here.code, "nord-zweitnutzer"]
    assert secrets_in(path, wanted) == wanted  # the later changes arrived, users too
    never = forbidden_words(
        service,
        city,
        first_mitte.code,
        str(first_mitte.id),
        first_mitte.id.hex,
        second_mitte.code,
        str(second_mitte.id),
        second_mitte.id.hex,
        "mitte-zweitnutzer",
        "Mitte Zweitnutzerin",
        "Notiz nur für Mitte",
    )
    assert secrets_in(path, never) == []


def test_the_replicas_users_carry_no_password_hash(
    service: Service, remote_replica: Callable[..., SyncEngine]
) -> None:
    device = service.sign_in(service.enroll("bb-nord", counter=2), "nord1")
    engine = remote_replica(service, device)

    with closing(sqlite3.connect(replica_path(engine), timeout=10)) as conn:
        rows = conn.execute("SELECT username, office_id, password_hash FROM app_user").fetchall()
    assert {r[0] for r in rows} >= {"leitung", "nord1"}
    assert {r[1] for r in rows} <= {None, "bb-nord"}
    assert {r[2] for r in rows} == {"!"}


# ------------------------------------------------- the PC's data folder, by console script


def run_script(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real ``buergerdesk`` with this data folder and no OS keyring (the token
    then lies in device.json: the most that file ever holds)."""
    env = dict(
        os.environ,
        BUERGERDESK_DATA_DIR=str(data),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_an_enrolled_and_synced_pc_folder_holds_no_database_url(
    service: Service, city: Central, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    made = add_device(service.db, "bb-nord", "counter", datetime.now(UTC), counter_number=2)

    enrolled = run_script(
        data, "enroll", "--central", service.url, "--code", made.code, "--ca", str(service.ca)
    )
    assert (enrolled.returncode, enrolled.stderr) == (0, ""), enrolled.stderr
    document = json.loads((data / "device.json").read_text(encoding="utf-8"))
    assert document["central"] == service.url
    assert document["device_id"] == str(made.device.id)
    assert document["office_id"] == "bb-nord"
    text = json.dumps(document).lower()
    assert "postgres" not in text
    assert database_name(city) not in text
    assert make_url(city.url).render_as_string(hide_password=False).lower() not in text

    local = data / "local.sqlite"
    url = f"sqlite:///{local}"
    upgraded = run_script(data, "db", "upgrade", "--url", url)
    assert upgraded.returncode == 0, upgraded.stderr
    synced = run_script(data, "sync", "--url", url, "--once", "--now", "2024-03-20T10:30")
    assert synced.returncode == 0, synced.stderr + synced.stdout

    assert secrets_in(local, ["bb-nord", "nord1"]) == ["bb-nord", "nord1"]  # a real copy
    words = [w.lower().encode() for w in forbidden_words(service, city, "postgres")]
    files = [p for p in data.rglob("*") if p.is_file()]
    assert data / "device.json" in files and local in files
    leaks = {
        str(p.relative_to(data)): [w.decode() for w in words if w in p.read_bytes().lower()]
        for p in files
    }
    assert {name: found for name, found in leaks.items() if found} == {}
