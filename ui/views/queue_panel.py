"""The counter's queue panel: who waits in call order (tickets and checked-in
appointments, with waits), call the next one (F9), and the counter's current person (a
ticket or an appointment, desk.services.walkin.counter_person) with its steps: call
again, in service, done, no-show (asked first, taken back within minutes), park and back
from parking. F9 with someone current asks what becomes of them (or refuses: the office's
setting)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.counter_person import TICKET, CounterPerson, CounterWork, step_applies
from desk.domain.ticket_steps import recalls_used_up
from desk.domain.walkin import REFUSE
from ui.announce import announce
from ui.changes import Change, What
from ui.failures import failure_text
from ui.labels import reason_label
from ui.ops import Ops
from ui.text_size import keep_sheet
from ui.text_size import percent as text_percent
from ui.theme import QUEUE_STYLE
from ui.views.button_grid import place_in_columns
from ui.views.person_words import ask, person_line, person_state

if TYPE_CHECKING:
    import uuid

    from desk.services.database import DeskDatabase
    from desk.services.walkin.counter_work import WorkTicket
    from desk.services.walkin.queue import QueueEntry

log = logging.getLogger(__name__)
#: A slow fallback for the passing of time (waits, appointments falling due): changes
#: are told by the operations and the sync (ui.changes).
REFRESH_MS = 30_000
#: (key, German label) of the steps for the ticket at the counter.
TICKET_BUTTONS = (
    ("recall", QT_TRANSLATE_NOOP("QueuePanel", "Erneut aufrufen")),
    ("start_service", QT_TRANSLATE_NOOP("QueuePanel", "In Bearbeitung")),
    ("finish", QT_TRANSLATE_NOOP("QueuePanel", "Erledigt")),
    ("no_show", QT_TRANSLATE_NOOP("QueuePanel", "Nicht erschienen")),
    ("park", QT_TRANSLATE_NOOP("QueuePanel", "Zurückstellen")),
)

#: The steps of the buttons for the current person, by their key in desk's
#: counter_person.STEPS ("park" is a ticket's only).
BUTTON_STEPS = {"recall": "recall", "start_service": "start", "finish": "finish",
                "no_show": "no_show", "park": "park"}  # fmt: skip
#: Calls the next ticket exactly once across all counters: (office, counter, now, *,
#: user_id) → info.
CallTicket = Callable[..., Any]


class QueuePanel(QWidget):
    """Waiting list, call next, and the current ticket's steps.

    Signals:
        loaded(): the queue and the counter's people are shown.
        called(str): someone was called to this counter (the display code).
        refused(str): a step was refused; the message says why.
        person_changed(object): the counter's people were read (a CounterWork).
    """

    loaded = Signal()
    called = Signal(str)
    refused = Signal(str)
    person_changed = Signal(object)

    def __init__(self, ops: Ops, clock: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self._ops, self._clock = ops, clock
        keep_sheet(self, QUEUE_STYLE)  # its sizes follow the text size
        self._db: DeskDatabase | None = None
        self._office: str | None = None
        self._counter: int | None = None
        self._queue: list[QueueEntry] = []
        self._work = CounterWork()
        self._parked: list[WorkTicket] = []
        self.question: QMessageBox | None = None  # a question open to the clerk
        self.call_ticket: CallTicket | None = None  # set by the sync (central claim)
        self.user_id: uuid.UUID | None = None  # the signed-in clerk, stamped and audited
        self._calling = False  # a call is on its way: F9 again must not call a second one
        self._person_told: str | None = None  # the current person as last told (announce)
        self.max_recalls = 2  # then the next recall marks a no-show (setting "max_recalls")
        self.setObjectName("queuePanel")
        self.current = QLabel(self.tr("Niemand aufgerufen"))
        self.current.setObjectName("queueCurrent")
        self.current.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("queueCurrentDetails")
        self.details.setWordWrap(True)
        self.others = QLabel()
        self.others.setObjectName("queueOthersOpen")
        self.others.setWordWrap(True)
        self.others.hide()
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoNoShowButton")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_no_show)
        self.call_next_button = QPushButton(self.tr("Nächste(n) aufrufen (F9)"))
        self.call_next_button.setObjectName("callNextButton")
        self.call_next_button.setAccessibleDescription(
            self.tr(
                "Ruft die nächste Person an diesen Schalter: einen fälligen Termin vor der "
                "nächsten Wartenummer. Taste F9."
            )
        )
        self.step_buttons: dict[str, QPushButton] = {}
        steps = self._steps = QGridLayout()
        for i, (key, label) in enumerate(TICKET_BUTTONS):
            button = QPushButton(self.tr(label))
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, k=key: self.person_step(k))
            self.step_buttons[key] = button
            steps.addWidget(button, i // 2, i % 2)
        self.waiting = QListWidget()
        self.waiting.setAccessibleName(self.tr("Warteschlange"))
        self.waiting.setWordWrap(True)
        self.parked = QListWidget()
        self.parked.setAccessibleName(self.tr("Zurückgestellt"))
        self.parked.setMaximumHeight(90)
        self.unpark_button = QPushButton(self.tr("Wieder einreihen"))
        self.unpark_button.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.summary = QLabel()
        column = QVBoxLayout(self)
        column.addWidget(self.current)
        column.addWidget(self.details)
        column.addWidget(self.others)
        column.addWidget(self.call_next_button)
        column.addLayout(steps)
        column.addWidget(self.undo_button)
        column.addWidget(self.message)
        column.addWidget(self.summary)
        column.addWidget(self.waiting, 1)
        parked_caption = QLabel(self.tr("Zurückgestellt (holen Unterlagen):"))
        parked_caption.setWordWrap(True)  # large text: two lines rather than cut off
        column.addWidget(parked_caption)
        column.addWidget(self.parked)
        column.addWidget(self.unpark_button)
        self.call_next_button.clicked.connect(self.call_next)
        self.unpark_button.clicked.connect(self.unpark)
        self.parked.currentRowChanged.connect(
            lambda row: self.unpark_button.setEnabled(0 <= row < len(self._parked))
        )
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        ops.changes.changed.connect(self._changed)
        self._arrange_steps()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # another text size
            self._arrange_steps()

    def _arrange_steps(self) -> None:
        """The step buttons two a row; at large text (the side panel is narrow) one a
        row, and the call button's key on a line of its own."""
        columns = 2 if text_percent() <= 125 else 1
        call = self.tr("Nächste(n) aufrufen (F9)")
        self.call_next_button.setText(call if columns == 2 else call.replace(" (", "\n(", 1))
        place_in_columns(self._steps, self.step_buttons.values(), columns)

    # ---------------------------------------------------------------- loading
    def set_counter(self, db: DeskDatabase, office_id: str, counter_number: int | None) -> None:
        """Work for this office and counter from now on."""
        self._db, self._office, self._counter = db, office_id, counter_number
        self._person_told = None  # the first read of this counter is no news
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        """Read the queue and this counter's tickets (in the background)."""
        db, office, counter = self._db, self._office, self._counter
        if db is None or office is None:
            return
        now = self._clock()
        self._ops.run(lambda: _read(db, office, counter, now), self._shown, self._failed)

    def _changed(self, change: Change) -> None:
        """Read again when tickets or appointments of this office changed."""
        if self._office is not None and change.concerns(
            What.TICKETS | What.APPOINTMENTS, self._office
        ):
            self.refresh()

    def _shown(self, result: tuple[list[QueueEntry], CounterWork, list[WorkTicket]]) -> None:
        self._queue, self._work, self._parked = result
        self.waiting.clear()
        for entry in self._queue:
            mark = "⚠ " if entry.priority else ""  # in DejaVu Sans too (kiosk Linux)
            due = f" · {entry.starts_at:%H:%M}" if entry.starts_at is not None else ""
            wait = (
                self.tr("ca. {0} min").format(entry.wait.low)
                if entry.wait.low == entry.wait.high
                else self.tr("ca. {0}–{1} min").format(entry.wait.low, entry.wait.high)
            )
            text = self.tr("{0}{1} · {2}{3} · wartet {4} min · {5}").format(
                mark, entry.code, entry.label, due, entry.waited_minutes, wait
            )
            item = QListWidgetItem(text)
            self.waiting.addItem(item)
        self.summary.setText(self.tr("{0} warten").format(len(self._queue)))
        self.parked.clear()
        for ticket in self._parked:
            self.parked.addItem(f"{ticket.code} · {reason_label(ticket.reason)}")
        self._show_person()
        self.call_next_button.setEnabled(bool(self._queue) and self._counter is not None)
        self.loaded.emit()
        self.person_changed.emit(self._work)

    def _show_person(self) -> None:
        """The current person with the steps possible now, anyone else still open at the
        counter, and the no-show that can still be taken back."""
        current = self._work.current
        if current is None:
            self.current.setText(self.tr("Niemand aufgerufen"))
            self.details.clear()
        else:
            self.current.setText(f"{current.code} – {person_state(current)}")
            self.details.setText(person_line(current))
        for key, button in self.step_buttons.items():
            button.setEnabled(current is not None and _possible(key, current))
        others = [p.code for p in self._work.people[:-1]]
        self.others.setVisible(bool(others))
        self.others.setText(self.tr("Außerdem noch offen an diesem Schalter: {0}").format(
            ", ".join(others)))  # fmt: skip
        undoable = self._work.undoable[-1] if self._work.undoable else None
        self.undo_button.setVisible(undoable is not None)
        if undoable is not None:
            self.undo_button.setText(
                self.tr("Rückgängig: {0} „nicht erschienen“").format(undoable.code)
            )
        told = self.current.text()
        if self._person_told is not None and told != self._person_told:
            announce(self.current, told)  # a call to this counter (here or at another PC)
        self._person_told = told

    def _failed(self, error: BaseException) -> None:
        message = failure_text(error, log, "queue step failed")
        self.message.setText(message)
        announce(self.message, message, assertive=True)
        self.refused.emit(message)
        self.refresh()

    @property
    def entries(self) -> list[QueueEntry]:
        """The waiting list shown, in call order."""
        return list(self._queue)

    @property
    def current_person(self) -> CounterPerson | None:
        """The person this counter's keys act on (called last, still open)."""
        return self._work.current

    @property
    def work(self) -> CounterWork:
        """The counter's people as last read."""
        return self._work

    @property
    def current_ticket(self) -> CounterPerson | None:
        """The current person if it is a ticket."""
        current = self._work.current
        return current if current is not None and current.kind == TICKET else None

    # ------------------------------------------------------------------ steps
    def call_next(self) -> None:
        """Call the next person to this counter (F9): an appointment that is due before a
        ticket, else the next ticket, claimed exactly once across all counters. With
        someone current, asks first what becomes of them (or refuses: the office's
        setting, read with the counter's people)."""
        if self._db is None or self._office is None or self._counter is None or self._calling:
            return
        current = self._work.current
        if current is None:
            self._call(None)
        elif self._work.if_someone_current == REFUSE:
            self._refuse(
                self.tr("Erst {0} abschließen (F8) oder zurückstellen, dann aufrufen.").format(
                    current.code
                )
            )
        else:
            self.question = ask(
                self,
                self.tr("Nächste(n) aufrufen"),
                self.tr("{0} ist noch an diesem Schalter. Was geschieht mit {0}?").format(
                    current.code
                ),
                [
                    (self.tr("{0} erledigt, nächste(n) aufrufen").format(current.code),
                     lambda: self._call((current, "finish"))),
                    (self.tr("{0} zurück in die Warteschlange, nächste(n) aufrufen").format(
                        current.code), lambda: self._call((current, "requeue"))),
                ],
            )  # fmt: skip

    def _call(self, first: tuple[CounterPerson, str] | None) -> None:
        """Call the next person; ``first``: the current person's step that goes with it."""
        db, office, counter = self._db, self._office, self._counter
        if db is None or office is None or counter is None or self._calling:
            return
        call_ticket, now, user = self.call_ticket, self._clock(), self.user_id
        limit = self.max_recalls
        self.call_next_button.setEnabled(False)
        self._calling = True
        self._ops.run(
            lambda: _call(db, office, counter, now, call_ticket, user, first, limit),
            self._called,
            self._call_failed,
        )

    def _refuse(self, message: str) -> None:
        self.message.setText(message)
        announce(self.message, message, assertive=True)
        self.refused.emit(message)

    def _call_failed(self, error: BaseException) -> None:
        self._calling = False
        self._failed(error)

    def _called(self, code: str) -> None:
        self._calling = False
        self.message.setText(self.tr("Aufgerufen: {0}").format(code))
        self.called.emit(code)
        # a ticket or an appointment was called: every view reads again, this one too
        self._ops.changes.tell(Change(What.TICKETS | What.APPOINTMENTS, self._office))

    def person_step(self, key: str) -> None:
        """A step with the counter's current person (a button's key: recall,
        start_service, finish, no_show, park). A no-show, and the recall that makes one,
        ask first, naming the person."""
        current = self._work.current
        if current is None or not _possible(key, current):
            return
        if key == "no_show":
            self.question = ask(
                self,
                self.tr("Nicht erschienen"),
                self.tr("{0} als „nicht erschienen“ vermerken?").format(person_line(current, True)),
                [(self.tr("Nicht erschienen"), lambda: self._step(current, "no_show"))],
            )
        elif (
            key == "recall"
            and current.kind == TICKET
            and recalls_used_up(current.recall_count, self.max_recalls)
        ):
            self.question = ask(
                self,
                self.tr("Letzter Aufruf"),
                self.tr(
                    "{0} wurde schon {1}-mal erneut aufgerufen. Als „nicht erschienen“ vermerken?"
                ).format(current.code, current.recall_count),
                [(self.tr("Nicht erschienen"), lambda: self._step(current, "recall"))],
            )
        else:
            self._step(current, BUTTON_STEPS[key])

    def undo_no_show(self) -> None:
        """Take back the counter's last no-show (within its minutes)."""
        if self._work.undoable:
            self._step(self._work.undoable[-1], "undo_no_show")

    def _step(self, person: CounterPerson, key: str) -> None:
        db, counter = self._db, self._counter
        if db is None or counter is None:
            return
        now, limit, user = self._clock(), self.max_recalls, self.user_id
        self._ops.run(
            lambda: _person_step(db, person, key, now, counter, limit, user),
            self._stepped,
            self._failed,
            changes=Change(What.TICKETS | What.APPOINTMENTS, self._office),
        )

    def unpark(self) -> None:
        """Put the selected parked ticket back in the queue at its old place."""
        db, row = self._db, self.parked.currentRow()
        if db is None or not 0 <= row < len(self._parked):
            return
        ticket, now = self._parked[row], self._clock()
        self._ops.run(
            lambda: _ticket_step(db, "unpark", ticket.id, now, None, self.max_recalls),
            self._stepped,
            self._failed,
            changes=Change(What.TICKETS, self._office),
        )

    def _stepped(self, message: str) -> None:
        self.message.setText(message)  # the change told reads the queue again


# Database work on the worker thread.
def _read(
    db: DeskDatabase, office: str, counter: int | None, now: datetime
) -> tuple[list[Any], CounterWork, list[Any]]:
    from desk.services.walkin.counter_person import counter_work
    from desk.services.walkin.counter_work import counter_tickets
    from desk.services.walkin.queue import waiting_queue

    queue = waiting_queue(db, office, now)
    work = counter_work(db, office, counter, now) if counter else CounterWork()
    parked = counter_tickets(db, office, counter, now)[1] if counter else []
    return queue, work, parked


def _call(
    db: DeskDatabase,
    office: str,
    counter: int,
    now: datetime,
    call_ticket: CallTicket | None,
    user: uuid.UUID | None = None,
    first: tuple[CounterPerson, str] | None = None,
    max_recalls: int = 2,
) -> str:
    """Call the next person (desk's one use case); the display code of who was called.
    ``first`` (the current person, "finish"): done before the call; ("requeue"): back
    into the queue after it, so that the call does not take them again."""
    from desk.services.walkin.call_next import call_next_person
    from desk.services.walkin.counter_person import step_person

    if first is not None and first[1] != "requeue":
        step_person(db, first[0], first[1], now, counter, max_recalls=max_recalls, user_id=user)
    called = call_next_person(db, office, counter, now, user_id=user, call_ticket=call_ticket)
    if first is not None and first[1] == "requeue":
        step_person(db, first[0], "requeue", now, counter, max_recalls=max_recalls, user_id=user)
    return called.code


def _person_step(
    db: DeskDatabase,
    person: CounterPerson,
    key: str,
    now: datetime,
    counter: int,
    max_recalls: int,
    user: uuid.UUID | None,
) -> str:
    from desk.services.walkin import steps as ticket_steps
    from desk.services.walkin.counter_person import step_person

    if key == "park":
        return ticket_steps.park(db, person.id, now).message
    return step_person(db, person, key, now, counter, max_recalls=max_recalls, user_id=user)


def _possible(key: str, person: CounterPerson) -> bool:
    """Whether the button ``key`` applies to ``person`` now."""
    return step_applies(BUTTON_STEPS[key], person)


def _ticket_step(
    db: DeskDatabase,
    key: str,
    ticket_id: uuid.UUID,
    now: datetime,
    counter: int | None,
    max_recalls: int = 2,
    user: uuid.UUID | None = None,
) -> str:
    from desk.services.walkin import steps as ticket_steps

    if key == "recall":
        assert counter is not None
        result = ticket_steps.recall(db, ticket_id, now, counter, max_recalls, user_id=user)
    elif key == "no_show":
        result = ticket_steps.no_show(db, ticket_id, now, user_id=user)
    else:
        result = getattr(ticket_steps, key)(db, ticket_id, now)
    return str(result.message)
