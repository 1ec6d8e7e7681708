"""Screenshot of the team lead's audit log viewer ("Protokoll") for docs/.

Usage: python scripts/audit_screenshot.py OUT.png [WIDTHxHEIGHT] [--now ISO]
Seeds the demo city into a temporary SQLite file, lets two clerks of Bürgerbüro Mitte
call, recall, mark a no-show and cancel, the portal cancel a booking and the team lead
release a slot, then shows the log as the team lead sees it (offscreen or under xvfb).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from sqlalchemy import select

from desk.demo.seed import seed_demo_city
from desk.domain.errors import DeskError
from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, Channel, TicketReason
from desk.services.admin.auth import UserInfo
from desk.services.appointments.booking import cancel
from desk.services.appointments.lifecycle import Action, perform
from desk.services.capacity.releases import release_same_day_slot
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin import steps as ticket_steps
from desk.services.walkin import tickets as walkin
from desk.store.models import Appointment, User
from desk.store.uow import UnitOfWork
from ui.dialogs.audit_dialog import AuditDialog
from ui.gui import make_application
from ui.ops import Ops

OFFICE = "bb-mitte"


def _users(db: DeskDatabase) -> dict[str, UserInfo]:
    with UnitOfWork(db.engine) as uow:
        return {
            u.username: UserInfo(u.id, u.username, u.display_name, u.role, u.office_id)
            for u in uow.session.scalars(select(User))
        }


def _booked(db: DeskDatabase, after: datetime, hours: int, channel: str | None = None) -> list:
    with UnitOfWork(db.engine) as uow:
        query = select(Appointment.id, Appointment.booking_code).where(
            Appointment.office_id == OFFICE,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.starts_at > after,
            Appointment.starts_at < after + timedelta(hours=hours),
        )
        if channel is not None:
            query = query.where(Appointment.channel == channel)
        return list(uow.session.execute(query.order_by(Appointment.starts_at)).all())


def audited_morning(db: DeskDatabase, now: datetime) -> None:
    """A morning's calls, a recall, a no-show, cancellations, a walk-in and a release."""
    people = _users(db)
    one, two, lead = people["sb.mitte1"].id, people["sb.mitte2"].id, people["teamleitung"].id
    start = now.replace(hour=8, minute=0)
    try:
        issued = walkin.issue_ticket(
            db, OFFICE, TicketReason.LOST_OR_STOLEN, start + timedelta(minutes=5)
        )
        walkin.call_next(db, OFFICE, 2, start + timedelta(minutes=7), user_id=two)
        ticket_steps.recall(db, issued.id, start + timedelta(minutes=9), 2, user_id=two)
    except DeskError:
        pass  # the demo's quota of the day may be used up: no walk-in in the picture
    today = _booked(db, now - timedelta(hours=1), 4)
    begin = now - timedelta(minutes=50)
    for n, (appointment, _code) in enumerate(today[:4]):
        clerk, counter = (one, 1) if n % 2 == 0 else (two, 2)
        perform(db, appointment, Action.CALL, begin + timedelta(minutes=9 * n),
                counter_number=counter, user_id=clerk)  # fmt: skip
    perform(db, today[0][0], Action.RECALL, begin + timedelta(minutes=3), counter_number=1,
            user_id=one)  # fmt: skip
    perform(db, today[4][0], Action.NO_SHOW, now - timedelta(minutes=8), counter_number=1,
            user_id=one)  # fmt: skip
    perform(db, today[5][0], Action.CANCEL, now - timedelta(minutes=4), user_id=two,
            reason="Termin nicht mehr nötig")  # fmt: skip
    portal = _booked(db, now + timedelta(days=1), 24, Channel.PORTAL)
    cancel(db, portal[0][1], now - timedelta(minutes=2))
    for minutes in range(60, 360, 15):
        try:
            slot = now.replace(minute=0) + timedelta(minutes=minutes)
            release_same_day_slot(db, OFFICE, 3, slot, now - timedelta(minutes=1), user_id=lead)
            break
        except DeskError:
            continue


def main() -> int:
    out, *rest = sys.argv[1:]
    size = rest[0] if rest and "x" in rest[0] else "1280x540"
    now = parse_now(rest[rest.index("--now") + 1] if "--now" in rest else "2024-03-20T10:30")
    width, height = (int(v) for v in size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'audit-demo.sqlite'}"
        upgrade_database(url)
        db = open_database(url)
        seed_demo_city(db, now)
        audited_morning(db, now)
        app = make_application(language="de")
        ops = Ops()
        dialog = AuditDialog(ops, db, _users(db)["teamleitung"], OFFICE, lambda: now)
        dialog.resize(width, height)
        dialog.show()
        dialog.table.setFocus()

        def grab() -> None:
            # a palette image keeps the docs/ screenshots small (under 300 KB)
            image = (
                dialog.grab()
                .toImage()
                .convertToFormat(
                    QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
                )
            )
            image.save(out)
            app.quit()

        dialog.loaded.connect(lambda: QTimer.singleShot(300, grab))
        dialog.start()
        QTimer.singleShot(30_000, app.quit)
        app.exec()
        ops.shutdown()
        dialog.deleteLater()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
