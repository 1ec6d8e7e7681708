"""One rule for which step applies to the person at the counter (the queue panel's
buttons, the bar's keys and the keys themselves ask it)."""

from __future__ import annotations

import uuid

from desk.domain.counter_person import (
    APPOINTMENT,
    PERSON_STEP_OF,
    TICKET,
    CounterPerson,
    step_applies,
)
from desk.domain.steps import Action


def person(kind: str, status: str) -> CounterPerson:
    return CounterPerson(kind, uuid.uuid4(), "W-001", status, "other", None)


def test_called_someone_can_be_called_again_started_finished_or_marked_absent():
    for kind in (TICKET, APPOINTMENT):
        called = person(kind, "called")
        assert all(step_applies(s, called) for s in ("recall", "start", "finish", "no_show"))


def test_someone_in_service_can_only_be_finished():
    for kind in (TICKET, APPOINTMENT):
        served = person(kind, "in_service")
        applies = {s for s in ("recall", "start", "finish", "no_show") if step_applies(s, served)}
        assert applies == {"finish"}


def test_only_a_ticket_is_parked_and_every_key_has_its_step():
    assert step_applies("park", person(TICKET, "in_service"))
    assert not step_applies("park", person(APPOINTMENT, "called"))
    assert set(PERSON_STEP_OF) == {Action.RECALL, Action.START, Action.DONE, Action.NO_SHOW}
