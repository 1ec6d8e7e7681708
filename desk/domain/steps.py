"""The steps of an appointment's life cycle at the counter and where each may start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from desk.domain.status import AppointmentStatus

S = AppointmentStatus


class Action(StrEnum):
    """What a clerk can do with an appointment."""

    CHECK_IN = "check_in"
    CALL = "call"
    RECALL = "recall"
    START = "start"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    REQUEUE = "requeue"
    UNDO_NO_SHOW = "undo_no_show"


@dataclass(frozen=True)
class Step:
    """A transition: the states it may start from and the state it leads to."""

    sources: frozenset[AppointmentStatus]
    target: AppointmentStatus
    label: str


STEPS: dict[Action, Step] = {
    Action.CHECK_IN: Step(frozenset({S.BOOKED}), S.CHECKED_IN, "angemeldet"),
    Action.CALL: Step(frozenset({S.BOOKED, S.CHECKED_IN}), S.CALLED, "aufgerufen"),
    Action.RECALL: Step(frozenset({S.CALLED}), S.CALLED, "erneut aufgerufen"),
    Action.START: Step(frozenset({S.CHECKED_IN, S.CALLED}), S.IN_SERVICE, "in Bearbeitung"),
    Action.DONE: Step(frozenset({S.CALLED, S.IN_SERVICE}), S.DONE, "erledigt"),
    Action.NO_SHOW: Step(
        frozenset({S.BOOKED, S.CHECKED_IN, S.CALLED}), S.NO_SHOW, "nicht erschienen"
    ),
    Action.CANCEL: Step(frozenset({S.BOOKED, S.CHECKED_IN}), S.CANCELLED, "storniert"),
    # the counter lets the person go back to the waiting list (F9: call the next one)
    Action.REQUEUE: Step(frozenset({S.CALLED, S.IN_SERVICE}), S.CHECKED_IN, "wieder wartend"),
    # a no-show taken back by its clerk within UNDO_MINUTES: the state before (see perform)
    Action.UNDO_NO_SHOW: Step(frozenset({S.NO_SHOW}), S.CHECKED_IN, "zurückgenommen"),
}

#: How long a clerk can take back a no-show (appointment or ticket).
UNDO_MINUTES = 5


def undo_since(now: datetime) -> datetime:
    """The earliest moment a no-show can have been noted and still be taken back now."""
    return now - timedelta(minutes=UNDO_MINUTES)


def undo_too_late(marked_at: datetime, now: datetime) -> bool:
    """Whether a no-show noted at ``marked_at`` can no longer be taken back at ``now``."""
    return marked_at < undo_since(now)


#: The steps a clerk takes with keys and buttons (the counter's own steps REQUEUE and
#: UNDO_NO_SHOW are offered where they apply: F9's question, the undo notice).
KEY_STEPS: tuple[Action, ...] = (
    Action.CHECK_IN,
    Action.CALL,
    Action.RECALL,
    Action.START,
    Action.DONE,
    Action.NO_SHOW,
    Action.CANCEL,
)

ACTION_LABELS_DE: dict[Action, str] = {
    Action.CHECK_IN: "Anmelden",
    Action.CALL: "Aufrufen",
    Action.RECALL: "Erneut aufrufen",
    Action.START: "In Bearbeitung",
    Action.DONE: "Erledigt",
    Action.NO_SHOW: "Nicht erschienen",
    Action.CANCEL: "Stornieren",
    Action.REQUEUE: "Zurück in die Warteschlange",
    Action.UNDO_NO_SHOW: "„Nicht erschienen“ zurücknehmen",
}


def allowed_actions(status: str) -> list[Action]:
    """The actions possible from ``status``, in the order of the life cycle."""
    return [action for action, step in STEPS.items() if status in step.sources]
