"""The team lead's audit log viewer ("Protokoll") on a copy of the demo city with a
morning of audited work: the model under the model tester, filters that change the
rows, a period that ends before it starts refused next to the field, a clerk refused."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.domain.audit import AUDIT_LABELS_DE, AuditAction
from desk.domain.errors import BookingRefused
from desk.domain.status import AppointmentStatus
from desk.services.admin.auth import UserInfo
from desk.services.appointments.lifecycle import Action, perform
from desk.services.capacity.releases import release_same_day_slot
from desk.services.database import DeskDatabase
from desk.services.reports.audit import audit_entries
from desk.store.models import Appointment, User
from desk.store.uow import UnitOfWork
from tests.ui.conftest import NOW
from tests.ui.walkin_support import MITTE, copy_of, settle
from ui.dialogs.audit_dialog import AuditDialog

LEAD = "teamleitung"
DAYS = 7


def users(db: DeskDatabase) -> dict[str, UserInfo]:
    with UnitOfWork(db.engine) as uow:
        return {
            u.username: UserInfo(u.id, u.username, u.display_name, u.role, u.office_id)
            for u in uow.session.scalars(select(User))
        }


def audit_a_morning(db: DeskDatabase) -> None:
    """Calls, a no-show and a cancellation by two clerks of Mitte, a release by the lead."""
    people = users(db)
    with UnitOfWork(db.engine) as uow:
        today, starts = zip(*uow.session.execute(
            select(Appointment.id, Appointment.starts_at)
            .where(
                Appointment.office_id == MITTE,
                Appointment.status == AppointmentStatus.BOOKED,
                Appointment.starts_at > NOW,
                Appointment.starts_at < NOW + timedelta(hours=3),
            )
            .order_by(Appointment.starts_at)
        ).all(), strict=True)  # fmt: skip
    assert len(today) >= 5
    one, two = people["sb.mitte1"].id, people["sb.mitte2"].id
    at = NOW - timedelta(minutes=30)
    for n, appointment in enumerate(today[:3]):
        perform(db, appointment, Action.CALL, at + timedelta(minutes=5 * n), counter_number=1,
                user_id=one)  # fmt: skip
    perform(db, today[0], Action.RECALL, at + timedelta(minutes=2), counter_number=1, user_id=one)
    perform(db, today[3], Action.NO_SHOW, starts[3], counter_number=2,  # not before its time
            user_id=two)  # fmt: skip
    perform(db, today[4], Action.CANCEL, at + timedelta(minutes=25), user_id=two, reason="krank")
    for minutes in range(60, 300, 15):  # the first free start of the day at counter 3
        try:
            start = NOW.replace(minute=0) + timedelta(minutes=minutes)
            release_same_day_slot(db, MITTE, 3, start, NOW, user_id=people[LEAD].id)
            return
        except BookingRefused:
            continue
    pytest.fail("no slot of today to release at counter 3")


@pytest.fixture
def audited(demo_sqlite_url: str, tmp_path: Path, db_of: Callable[[str], DeskDatabase]):
    db = db_of(copy_of(demo_sqlite_url, tmp_path / "audited.sqlite"))
    audit_a_morning(db)
    return db


def opened(qtbot, ops, db: DeskDatabase, user: UserInfo) -> AuditDialog:
    dialog = AuditDialog(ops, db, user, MITTE, lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.start()
    settle(qtbot, ops)
    return dialog


def shown(dialog: AuditDialog) -> list[tuple[str, str]]:
    model = dialog.model
    return [(model.index(r, 3).data(), model.index(r, 4).data()) for r in range(model.rowCount())]


def test_the_protocol_lists_the_changes_of_the_week_newest_first(
    qtbot, ops, qtmodeltester, audited: DeskDatabase
):
    lead = users(audited)[LEAD]
    dialog = opened(qtbot, ops, audited, lead)

    qtmodeltester.check(dialog.model)
    expected = audit_entries(audited, user_id=lead.id, office_id=MITTE)
    assert dialog.model.rows == expected
    # the demo city's own history has no signed-in users; this morning's work has
    mine = [row for row in expected if row.user_id is not None]
    assert len(mine) == 7  # 3 calls, a recall, a no-show, a cancellation, a release
    assert expected.index(mine[0]) < 100  # newest first: this morning is near the top
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Zeit", "Benutzer", "Schalter", "Aktion", "Objekt", "vorher", "nachher"]
    no_show = next(
        r
        for r, row in enumerate(expected)
        if row.action == AuditAction.APPOINTMENT_NO_SHOW and row.user_id is not None
    )
    assert [model.index(no_show, c).data() for c in range(1, 7)] == [
        "Sachbearbeitung Mitte 2",
        "2",
        "Termin nicht erschienen",
        expected[no_show].subject,
        "gebucht",
        "nicht erschienen",
    ]
    assert "krank" not in str(shown(dialog))
    assert dialog.actor.count() == 1 + len(users(audited))  # "Alle Benutzer" and each user


def test_choosing_a_kind_a_user_or_a_text_changes_the_rows(qtbot, ops, audited: DeskDatabase):
    people = users(audited)
    dialog = opened(qtbot, ops, audited, people[LEAD])
    everything = dialog.model.rows

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.actor.setCurrentIndex(dialog.actor.findData(str(people["sb.mitte1"].id)))
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.action.setCurrentIndex(dialog.action.findData(AuditAction.APPOINTMENT_CALL.value))
    assert [label for label, _ in shown(dialog)] == [
        AUDIT_LABELS_DE[AuditAction.APPOINTMENT_CALL]
    ] * 3

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.action.setCurrentIndex(0)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.actor.setCurrentIndex(dialog.actor.findData(str(people["sb.mitte2"].id)))
    assert dialog.model.rows == [r for r in everything if r.user_id == people["sb.mitte2"].id]
    assert len(dialog.model.rows) == 2

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.actor.setCurrentIndex(0)
    code = next(r for r in everything if r.action == AuditAction.APPOINTMENT_RECALL).subject
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        qtbot.keyClicks(dialog.text, code.split()[-1].lower())
    assert {subject for _, subject in shown(dialog)} == {code}
    assert len(dialog.model.rows) == 2  # the call and the recall
    settle(qtbot, ops)


def test_a_period_ending_before_it_starts_is_refused_next_to_the_field(
    qtbot, ops, audited: DeskDatabase
):
    dialog = opened(qtbot, ops, audited, users(audited)[LEAD])
    assert dialog.model.rowCount() > 0

    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.date_to.setDate(dialog.date_from.date().addDays(-1))

    assert "bis" in dialog.date_error.text()
    assert dialog.model.rowCount() == 0
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.date_to.setDate(dialog.date_from.date().addDays(DAYS))
    assert dialog.date_error.text() == ""
    assert dialog.model.rowCount() > 0
    settle(qtbot, ops)


def test_a_clerk_gets_the_refusal_and_no_rows(qtbot, ops, audited: DeskDatabase):
    dialog = opened(qtbot, ops, audited, users(audited)["sb.mitte1"])

    assert dialog.model.rowCount() == 0
    assert "nur die Teamleitung" in dialog.info.text()
    assert dialog.actor.count() == 1


def test_an_unknown_user_id_is_refused_too(qtbot, ops, audited: DeskDatabase):
    ghost = UserInfo(uuid.uuid4(), "nobody", "Niemand", "team_lead", None)
    dialog = opened(qtbot, ops, audited, ghost)
    assert dialog.model.rowCount() == 0
    assert "unbekannter" in dialog.info.text()


def test_a_quota_change_reads_as_words_not_as_stored_keys(qtbot, ops, audited: DeskDatabase):
    """'office bb-mitte' / 'kontingent: 20' were shown as stored; now the office's name
    and the field's name and unit, in the UI's language."""
    from datetime import time

    from desk.domain.capacity_change import PlanChange, WalkInPlan
    from desk.services.capacity.plan import save_plan_change

    lead = users(audited)[LEAD]
    change = PlanChange(NOW.date(), walk_in=WalkInPlan(time(8), time(9, 30), 12))
    save_plan_change(audited, MITTE, change, lead.id, NOW, {})
    dialog = opened(qtbot, ops, audited, lead)
    model = dialog.model
    (row,) = [r for r, e in enumerate(model.rows) if e.action == AuditAction.WALK_IN_QUOTA]
    texts = [model.index(row, c).data() for c in (3, 4, 5, 6)]
    assert texts == [
        "Kontingent geändert",
        "Standort Bürgerbüro Mitte",
        "Sprechstunde: 08:00–09:00 · Kontingent: 20 Wartenummern",
        "Sprechstunde: 08:00–09:30 · Kontingent: 12 Wartenummern",
    ]
    for text in texts:
        assert "kontingent:" not in text and "office " not in text


def test_a_changed_f9_setting_reads_in_words(qtbot, ops, audited: DeskDatabase):
    """The office setting for F9 with someone at the counter is named only where it
    changed, in words."""
    from datetime import time

    from desk.domain.capacity_change import PlanChange, WalkInPlan
    from desk.services.capacity.plan import save_plan_change

    lead = users(audited)[LEAD]
    change = PlanChange(NOW.date(), walk_in=WalkInPlan(time(8), time(9), 20, "refuse"))
    save_plan_change(audited, MITTE, change, lead.id, NOW, {})
    dialog = opened(qtbot, ops, audited, lead)
    model = dialog.model
    (row,) = [r for r, e in enumerate(model.rows) if e.action == AuditAction.WALK_IN_QUOTA]
    assert [model.index(row, c).data() for c in (5, 6)] == [
        "Sprechstunde: 08:00–09:00 · Kontingent: 20 Wartenummern · "
        "F9 bei besetztem Schalter: nachfragen",
        "Sprechstunde: 08:00–09:00 · Kontingent: 20 Wartenummern · "
        "F9 bei besetztem Schalter: ablehnen",
    ]


def test_a_users_change_reads_in_words(qtbot, ops, audited: DeskDatabase):
    from desk.services.admin.users import change_user

    people = users(audited)
    lead, clerk = people[LEAD], people["sb.mitte2"]
    change_user(
        audited, user_id=lead.id, target_id=clerk.id, display_name=clerk.display_name,
        role="team_lead", office_id=None, active=False, now=NOW,
    )  # fmt: skip
    dialog = opened(qtbot, ops, audited, lead)
    model = dialog.model
    (row,) = [r for r, e in enumerate(model.rows) if e.action == AuditAction.USER]
    assert model.index(row, 5).data() == "Rolle: Sachbearbeitung · Standort: bb-mitte · aktiv: ja"
    assert model.index(row, 6).data() == "Rolle: Teamleitung · Standort: – · aktiv: nein"
