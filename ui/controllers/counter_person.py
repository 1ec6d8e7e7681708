"""The counter's current person across the window: the bar over the day, the status bar,
the keys and the calendar all follow the queue panel's read of the counter
(desk.services.walkin.counter_person). F6/Shift+F6/F7/F8/Strg+F8 act on the current
person; only with nobody current do they act on the appointment chosen in the calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from desk.domain.counter_person import (
    APPOINTMENT,
    PERSON_STEP_OF,
    CounterPerson,
    CounterWork,
    step_applies,
)
from desk.domain.steps import Action
from ui.controllers.clerk_steps import ClerkSteps, StepTarget
from ui.views.current_person_bar import CurrentPersonBar
from ui.views.person_words import person_state

if TYPE_CHECKING:
    from ui.controllers.day import DayController
    from ui.controllers.walk_in import WalkIn
    from ui.models.calendar_model import CalendarModel
    from ui.views.appointment_panel import AppointmentPanel

#: A key's step with the current person, by the queue panel's button keys.
PERSON_STEPS: dict[Action, str] = {
    Action.CALL: "recall",  # F6 with someone at the counter: call them again
    Action.RECALL: "recall",
    Action.START: "start_service",
    Action.DONE: "finish",
    Action.NO_SHOW: "no_show",
}


class CounterPersonPart(QObject):
    """Keeps the bar, the status bar's label and the step keys on the counter's person."""

    def __init__(
        self,
        bar: CurrentPersonBar,
        label: QLabel,
        actions: dict[Action, QAction],
        days: DayController,
        walk_in: WalkIn,
        calendar: CalendarModel,
        clerk: ClerkSteps,
        panel: AppointmentPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bar, self._label, self._actions = bar, label, actions
        self._days, self._walk_in = days, walk_in
        self._calendar, self._clerk, self._panel = calendar, clerk, panel
        self._work = CounterWork()
        walk_in.person_changed.connect(self._read)

    @property
    def work(self) -> CounterWork:
        """The counter's people as last read."""
        return self._work

    def takes(self, step: Action) -> bool:
        """Whether the key of ``step`` acts on the current person (not the calendar)."""
        return self._work.current is not None and step in PERSON_STEPS

    def take(self, step: Action) -> None:
        """The key of ``step`` with the current person: a ticket's step through the queue
        panel, an appointment's as any appointment step (ClerkSteps)."""
        current = self._work.current
        if current is None:
            return
        if current.kind != APPOINTMENT:
            self._walk_in.queue.person_step(PERSON_STEPS[step])
            return
        action = Action.RECALL if step == Action.CALL else step
        if not step_applies(PERSON_STEP_OF[action], current):
            self._refuse(current)
            return
        starts = current.starts_at or current.called_at
        assert starts is not None
        target = StepTarget(current.id, current.code, current.name or "", starts)
        self._clerk.take_step(action, on=target)

    def _refuse(self, current: CounterPerson) -> None:
        """A key that does nothing with the person now: say why, where the clerk looks."""
        message = QCoreApplication.translate(
            "CounterPerson", "{0} ist {1}: erst abschließen (F8) oder zurückstellen."
        ).format(current.code, person_state(current))
        self._clerk.refuse(message)

    def _read(self, work: CounterWork) -> None:
        self._work = work
        current = work.current
        at_counter = current.id if current is not None and current.kind == APPOINTMENT else None
        self._calendar.set_at_counter(at_counter)  # the calendar marks who it is (▶)
        self.show()

    def show(self) -> None:
        """Bring the bar, the status bar and the keys up to date."""
        current, selected = self._work.current, self._days.selected
        queue = self._walk_in.built[1] if self._walk_in.built is not None else None
        head = queue.entries[0].code if queue is not None and queue.entries else None
        self._bar.show_state(current, selected, head, max(0, len(self._work.people) - 1))
        for step, action in self._actions.items():
            on_person = current is not None and step in PERSON_STEPS
            action.setEnabled(on_person or selected is not None)
        self._label.setText(_status(current))
        other = current is not None and (selected is None or selected.id != current.id)
        self._panel.note_person(current.code if other and current is not None else None)


def _status(current: CounterPerson | None) -> str:
    """The status bar's words for the counter's person."""
    if current is None:
        return QCoreApplication.translate("CounterPerson", "Am Schalter: niemand")
    return QCoreApplication.translate("CounterPerson", "Am Schalter: {0} ({1})").format(
        current.code, person_state(current)
    )
