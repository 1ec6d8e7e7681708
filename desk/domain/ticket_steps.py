"""The steps of a called walk-in ticket at the counter and where each may start.

waiting → (call_next) → called → in service → done; a called ticket may be recalled
(up to a limit, then it counts as a no-show), marked as a no-show, or parked while the
citizen fetches a document; a parked ticket goes back into the queue with its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desk.domain.status import TicketStatus

T = TicketStatus

#: How often a called ticket may be called again before it counts as a no-show.
MAX_RECALLS = 2

TICKET_STATUS_LABELS_DE: dict[str, str] = {
    T.WAITING: "wartend",
    T.CALLED: "aufgerufen",
    T.IN_SERVICE: "in Bearbeitung",
    T.DONE: "erledigt",
    T.NO_SHOW: "nicht erschienen",
    T.PARKED: "zurückgestellt",
}


class TicketAction(StrEnum):
    """What a clerk can do with a called ticket."""

    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    PARK = "park"
    UNPARK = "unpark"
    REQUEUE = "requeue"
    UNDO_NO_SHOW = "undo_no_show"


@dataclass(frozen=True)
class TicketStep:
    """A transition: the states it may start from, the state it leads to, its label."""

    sources: frozenset[TicketStatus]
    target: TicketStatus
    label: str


TICKET_STEPS: dict[TicketAction, TicketStep] = {
    TicketAction.RECALL: TicketStep(frozenset({T.CALLED}), T.CALLED, "Erneut aufrufen"),
    TicketAction.START: TicketStep(frozenset({T.CALLED}), T.IN_SERVICE, "Bearbeitung beginnen"),
    TicketAction.FINISH: TicketStep(frozenset({T.CALLED, T.IN_SERVICE}), T.DONE, "Erledigt"),
    TicketAction.NO_SHOW: TicketStep(frozenset({T.CALLED}), T.NO_SHOW, "Nicht erschienen"),
    TicketAction.PARK: TicketStep(frozenset({T.CALLED, T.IN_SERVICE}), T.PARKED, "Zurückstellen"),
    TicketAction.UNPARK: TicketStep(frozenset({T.PARKED}), T.WAITING, "Wieder einreihen"),
    TicketAction.REQUEUE: TicketStep(
        frozenset({T.CALLED, T.IN_SERVICE}), T.WAITING, "Zurück in die Warteschlange"
    ),
    TicketAction.UNDO_NO_SHOW: TicketStep(
        frozenset({T.NO_SHOW}), T.CALLED, "„Nicht erschienen“ zurücknehmen"
    ),
}


def allowed_ticket_actions(status: str) -> list[TicketAction]:
    """The actions possible from ``status``, in the order of the life cycle."""
    return [action for action, step in TICKET_STEPS.items() if status in step.sources]


def refusal(code: str, status: str, action: TicketAction) -> str | None:
    """Why ``action`` is not possible for a ticket in ``status`` (None: it is)."""
    step = TICKET_STEPS[action]
    if status in step.sources:
        return None
    label = TICKET_STATUS_LABELS_DE.get(status, status)
    return f"Wartenummer {code} ist „{label}“ – „{step.label}“ ist von dort aus nicht möglich"


def recalls_used_up(recall_count: int, max_recalls: int = MAX_RECALLS) -> bool:
    """Whether one more recall would exceed the limit (the ticket becomes a no-show)."""
    return recall_count >= max_recalls
