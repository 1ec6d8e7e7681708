"""The steps of an appointment's life cycle at the counter and where each may start."""

from __future__ import annotations

from dataclasses import dataclass
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
}

ACTION_LABELS_DE: dict[Action, str] = {
    Action.CHECK_IN: "Anmelden",
    Action.CALL: "Aufrufen",
    Action.RECALL: "Erneut aufrufen",
    Action.START: "In Bearbeitung",
    Action.DONE: "Erledigt",
    Action.NO_SHOW: "Nicht erschienen",
    Action.CANCEL: "Stornieren",
}


def allowed_actions(status: str) -> list[Action]:
    """The actions possible from ``status``, in the order of the life cycle."""
    return [action for action, step in STEPS.items() if status in step.sources]
