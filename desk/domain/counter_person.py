"""Who a counter deals with now: a ticket or an appointment called to it or served there
(read by desk.services.walkin.counter_person; shown by the queue panel, the bar over the
day, the status bar and the calendar)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desk.domain.steps import Action

if TYPE_CHECKING:
    import uuid
    from datetime import datetime

#: The kinds of person at a counter (the queue's kinds, desk.services.walkin.queue).
TICKET = "ticket"
APPOINTMENT = "appointment"

#: The steps with the person at the counter (the names of
#: desk.services.walkin.counter_person.STEPS), by the key's life-cycle step.
PERSON_STEP_OF: dict[Action, str] = {
    Action.RECALL: "recall",
    Action.START: "start",
    Action.DONE: "finish",
    Action.NO_SHOW: "no_show",
}
#: The steps only for someone called and not yet served.
_WHILE_CALLED = frozenset({"recall", "start", "no_show"})


@dataclass(frozen=True)
class CounterPerson:
    """A ticket or an appointment at a counter (times in the office's time)."""

    kind: str  # TICKET or APPOINTMENT (desk.services.walkin.queue)
    id: uuid.UUID
    code: str  # "W-004" or the booking code
    status: str  # a TicketStatus or an AppointmentStatus value
    what: str  # a ticket's reason key, or an appointment's service name
    called_at: datetime | None
    name: str | None = None  # an appointment's citizen (for the clerk, never the display)
    starts_at: datetime | None = None  # an appointment's start
    recall_count: int = 0  # a ticket's recalls so far


@dataclass(frozen=True)
class CounterWork:
    """The counter's people (the current one last), what it can still take back, and what
    F9 does while someone is current (the office's setting, walkin.IF_SOMEONE_CURRENT)."""

    people: tuple[CounterPerson, ...] = ()
    undoable: tuple[CounterPerson, ...] = field(default=())
    if_someone_current: str = "ask"

    @property
    def current(self) -> CounterPerson | None:
        """The person the counter's keys act on: the one called last."""
        return self.people[-1] if self.people else None


def step_applies(step: str, person: CounterPerson) -> bool:
    """Whether ``step`` (a name of PERSON_STEP_OF's values, or "park") does something with
    ``person`` now: call again, start and no-show only while called, park only a ticket,
    finish always. The queue panel's buttons, the bar's keys and the keys themselves ask
    this one rule."""
    if step in _WHILE_CALLED:
        return person.status == "called"
    if step == "park":
        return person.kind == TICKET
    return True
