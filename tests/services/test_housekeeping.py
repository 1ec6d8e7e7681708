"""The daily housekeeping job: backup then retention; scheduled daily, or soon when due."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.jobs.housekeeping import (
    DAILY_AT,
    Housekeeping,
    HousekeepingReport,
    backup_due,
    run_housekeeping,
)
from desk.services.admin.retention import PLACEHOLDER
from desk.services.appointments.booking import new_code
from desk.services.database import open_database, upgrade_database
from desk.store.backup import back_up, list_backups
from desk.store.integrity import check_file
from desk.store.models import Appointment
from desk.store.uow import UnitOfWork
from tests.builders import add_office


def test_a_run_writes_a_checked_backup_then_anonymises_the_expired(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'local.sqlite'}"
    upgrade_database(url)
    db = open_database(url)
    counter = add_office(db)[1]
    start = parse_now("2024-01-15T10:00")
    with UnitOfWork(db.engine) as uow:
        uow.session.add(
            Appointment(
                id=uuid.uuid4(),
                office_id="bb-test",
                counter_id=counter,
                service_id="abholung",
                starts_at=start,
                ends_at=start + timedelta(minutes=15),
                status=AppointmentStatus.DONE,
                channel=Channel.PORTAL,
                booking_code=new_code(),
                citizen_name="Erika Beispiel",
            )
        )
        uow.commit()

    report = run_housekeeping(url, tmp_path / "backups", parse_now("2024-03-20T10:30"), keep=3)

    assert report.backup is not None and check_file(report.backup.path).ok
    assert report.local.appointments == 1 and report.central is None
    with UnitOfWork(db.engine) as uow:
        assert uow.session.scalars(select(Appointment.citizen_name)).all() == [PLACEHOLDER]
    db.dispose()


def test_the_job_runs_soon_when_the_last_backup_is_old_else_at_the_daily_time(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'local.sqlite'}"
    upgrade_database(url)
    folder = tmp_path / "backups"
    clock = datetime.now(BERLIN)
    assert backup_due(url, folder, clock)
    results: list[HousekeepingReport] = []
    errors: list[BaseException] = []

    keeper = Housekeeping(url, folder, lambda: clock, results.append, errors.append)
    keeper.start()
    soon = keeper.next_run()
    keeper.run_once()  # what the scheduler calls
    keeper.stop()

    assert soon is not None and timedelta(0) < soon - clock <= timedelta(minutes=3)
    assert errors == [] and len(results) == 1 and list_backups(folder, tmp_path / "local.sqlite")
    assert not backup_due(url, folder, clock)
    daily = Housekeeping(url, folder, lambda: clock, results.append, errors.append)
    daily.start()
    planned = daily.next_run()
    daily.stop()
    assert planned is not None and (planned.hour, planned.minute) == (
        DAILY_AT.hour,
        DAILY_AT.minute,
    )
    old = back_up(tmp_path / "local.sqlite", tmp_path / "old", clock - timedelta(days=3)).path
    os.utime(old, (old.stat().st_atime, (clock - timedelta(days=3)).timestamp()))
    assert backup_due(url, tmp_path / "old", clock)
