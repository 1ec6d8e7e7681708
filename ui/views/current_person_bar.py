"""The bar over the day: the counter's current person, large, with the keys that act on
them now; with nobody current, the appointment chosen in the calendar the keys act on
instead, and who F9 calls next. The clerk always sees what a key will hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desk.domain.counter_person import PERSON_STEP_OF, step_applies
from desk.domain.steps import Action
from ui.labels import action_label, status_label
from ui.theme import style_label
from ui.views.person_words import person_line, person_state
from ui.views.window_actions import SHORTCUTS, key_text

if TYPE_CHECKING:
    from desk.domain.counter_person import CounterPerson
    from desk.services.appointments.agenda import AppointmentRow

#: The keys that act on the current person, in the order shown.
PERSON_KEYS: tuple[Action, ...] = (Action.RECALL, Action.START, Action.DONE, Action.NO_SHOW)


class CurrentPersonBar(QFrame):
    """Who the counter is dealing with, and what the keys do now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currentPersonBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel()
        self.headline.setObjectName("currentPersonHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style_label(self.headline, point_size=15, weight=QFont.Weight.Bold)
        self.keys = QLabel()
        self.keys.setObjectName("currentPersonKeys")
        self.keys.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.addWidget(self.headline)
        column.addWidget(self.keys)
        self.setAccessibleName(self.tr("Am Schalter"))
        self.show_state(None, None, None)

    def show_state(
        self,
        person: CounterPerson | None,
        selected: AppointmentRow | None,
        next_code: str | None,
        others: int = 0,
    ) -> None:
        """Show the current person (or the calendar's choice, or nobody) and the keys."""
        if person is not None:
            self.headline.setText(
                self.tr("Am Schalter: {0} – {1}").format(person.code, person_state(person))
            )
            steps = [a for a in PERSON_KEYS if _applies(a, person)]
            text = self.tr("{0}. Tasten: {1}").format(person_line(person), _keys(steps))
            if others:
                text += " " + self.tr("Außerdem noch {0} offen (Warteschlange).").format(others)
            self.keys.setText(_sentences(text, self._next(next_code)))
        elif selected is not None:
            self.headline.setText(
                self.tr("Niemand am Schalter – die Tasten wirken auf den gewählten Termin")
            )
            chosen = self.tr("{0} Uhr · {1} · {2} · {3}").format(
                f"{selected.starts_at:%H:%M}",
                selected.booking_code,
                selected.citizen_name,
                status_label(selected.status),
            )
            self.keys.setText(_sentences(chosen, self._next(next_code)))
        else:
            self.headline.setText(self.tr("Niemand am Schalter"))
            self.keys.setText(
                _sentences(
                    self.tr("Einen Termin im Kalender wählen oder mit F9 aufrufen."),
                    self._next(next_code),
                )
            )
        self.setAccessibleDescription(f"{self.headline.text()}. {self.keys.text()}")

    def _next(self, code: str | None) -> str:
        if code is None:
            return self.tr("Niemand wartet.")
        return self.tr("F9 ruft als Nächste(n): {0}").format(code)


def _sentences(*parts: str) -> str:
    """``parts`` as sentences: each ends with a full stop, read as such by a screen
    reader ("Tasten: F8 Erledigt. Niemand wartet.")."""
    return " ".join(part if part.endswith((".", "!", "?")) else part + "." for part in parts)


def _applies(action: Action, person: CounterPerson) -> bool:
    """Whether the key of ``action`` does something with ``person`` now."""
    return step_applies(PERSON_STEP_OF[action], person)


def _keys(steps: list[Action]) -> str:
    """'F6 Erneut aufrufen · F7 In Bearbeitung …' in the UI's language."""
    if not steps:
        return "–"
    return " · ".join(f"{key_text(SHORTCUTS[a])} {action_label(a)}" for a in steps)
