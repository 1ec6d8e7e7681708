"""The call order as one table: tickets by the rank of their reason, then by number; a
checked-in appointment that is due after the priority reasons and before the other
tickets, one not yet due after every ticket."""

from __future__ import annotations

from datetime import datetime, timedelta

from desk.domain.localtime import BERLIN
from desk.domain.status import TicketReason
from desk.domain.walkin import (
    DUE_APPOINTMENT_RANK,
    LATER_APPOINTMENT_RANK,
    TICKET_RANKS,
    appointment_rank,
    call_key,
    reason_rank,
)

NOW = datetime(2024, 3, 21, 8, 55, tzinfo=BERLIN)


def test_every_reason_has_a_rank_and_the_key_comes_from_it() -> None:
    assert set(TICKET_RANKS) == set(TicketReason)
    for reason, rank in TICKET_RANKS.items():
        assert call_key(reason, 7) == (rank, 7)
        assert call_key(str(reason), 7) == (rank, 7)  # the stored string


def test_an_unknown_reason_is_called_as_other() -> None:
    assert reason_rank("etwas_neues") == TICKET_RANKS[TicketReason.OTHER]


def test_due_appointments_stand_between_the_priority_reasons_and_the_others() -> None:
    priority = [r for r in TicketReason if TICKET_RANKS[r] < DUE_APPOINTMENT_RANK]
    assert priority == [TicketReason.LOST_OR_STOLEN]
    others = [r for r in TicketReason if r not in priority]
    assert all(DUE_APPOINTMENT_RANK < TICKET_RANKS[r] < LATER_APPOINTMENT_RANK for r in others)


def test_an_appointment_is_due_five_minutes_before_its_start() -> None:
    start = NOW + timedelta(minutes=5)
    assert appointment_rank(start, NOW) == DUE_APPOINTMENT_RANK
    assert appointment_rank(NOW - timedelta(hours=1), NOW) == DUE_APPOINTMENT_RANK  # late
    assert appointment_rank(start + timedelta(seconds=1), NOW) == LATER_APPOINTMENT_RANK
