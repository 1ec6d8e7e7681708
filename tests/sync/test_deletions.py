"""Rows deleted centrally disappear from the counters too."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select

from desk.store.models import (
    Appointment,
    AppointmentEvent,
    Closure,
    OpeningTemplate,
    OpeningTemplateService,
    SlotHold,
)
from desk.store.uow import UnitOfWork
from tests.sync.conftest import NOW, book_at, count, get, slot


def test_a_central_deletion_reaches_the_replica(central_factory, replica_factory):
    central = central_factory({"bb-del": 1})
    with UnitOfWork(central.db.engine) as uow:
        uow.session.add(
            Closure(
                office_id="bb-del",
                starts_on=date(2024, 3, 25),
                ends_on=date(2024, 3, 25),
                reason="Betriebsversammlung",
            )
        )
        uow.commit()
    made = book_at(central.db, "bb-del", slot(NOW.date(), 11, 30), "Zu löschen")
    replica = replica_factory(central)
    assert get(replica.db, Appointment, made.id) is not None
    assert count(replica.db, Closure) == 1

    with UnitOfWork(central.db.engine) as uow:
        uow.session.execute(delete(SlotHold).where(SlotHold.appointment_id == made.id))
        uow.session.execute(
            delete(AppointmentEvent).where(AppointmentEvent.appointment_id == made.id)
        )
        uow.session.execute(delete(Appointment).where(Appointment.id == made.id))
        uow.session.execute(delete(Closure))
        uow.commit()
    replica.engine.sync_once(NOW)

    assert get(replica.db, Appointment, made.id) is None
    assert count(replica.db, AppointmentEvent, AppointmentEvent.appointment_id == made.id) == 0
    assert count(replica.db, SlotHold, SlotHold.appointment_id == made.id) == 0
    assert count(replica.db, Closure) == 0


def test_an_opening_template_deleted_centrally_goes_from_the_replica(
    central_factory, replica_factory
):
    # the capacity editor deletes a template that had not begun yet when it is replaced
    central = central_factory({"bb-tpl": 2})
    replica = replica_factory(central)
    with UnitOfWork(central.db.engine) as uow:
        chosen = uow.session.scalars(
            select(OpeningTemplate).where(OpeningTemplate.office_id == "bb-tpl")
        ).first()
        assert chosen is not None
        gone_id = chosen.id
        uow.session.execute(
            delete(OpeningTemplateService).where(OpeningTemplateService.template_id == gone_id)
        )
        uow.session.execute(delete(OpeningTemplate).where(OpeningTemplate.id == gone_id))
        uow.commit()
    assert get(replica.db, OpeningTemplate, gone_id) is not None
    replica.engine.sync_once(NOW)
    assert get(replica.db, OpeningTemplate, gone_id) is None
    assert (
        count(replica.db, OpeningTemplateService, OpeningTemplateService.template_id == gone_id)
        == 0
    )
    assert count(replica.db, OpeningTemplate) == count(central.db, OpeningTemplate)
