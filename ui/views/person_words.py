"""The counter's person in words (the queue panel, the bar over the day, the status bar)
and the clerk's questions before a step that loses something (F9, a no-show)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.domain.counter_person import TICKET, CounterPerson
from ui.labels import reason_label


def person_state(person: CounterPerson) -> str:
    """'aufgerufen' or 'in Bearbeitung'."""
    if person.status == "in_service":
        return QCoreApplication.translate("CounterPerson", "in Bearbeitung")
    return QCoreApplication.translate("CounterPerson", "aufgerufen")


def person_line(person: CounterPerson, with_code: bool = False) -> str:
    """What the clerk needs to know of the person: a ticket's reason and call time; an
    appointment's start, service and name (``with_code``: led by the code)."""
    called = f"{person.called_at:%H:%M}" if person.called_at is not None else ""
    if person.kind == TICKET:
        text = QCoreApplication.translate(
            "CounterPerson", "Wartenummer · {0} · aufgerufen {1} Uhr"
        ).format(reason_label(person.what), called)
    else:
        starts = f"{person.starts_at:%H:%M}" if person.starts_at is not None else ""
        text = QCoreApplication.translate("CounterPerson", "Termin {0} Uhr · {1} · {2}").format(
            starts, person.what, person.name or ""
        )
    return f"{person.code} · {text}" if with_code else text


def ask(
    parent: QWidget,
    title: str,
    text: str,
    choices: list[tuple[str, Callable[[], None]]],
) -> QMessageBox:
    """Ask the clerk without blocking: each choice a button that runs its action, and
    "Abbrechen" (Escape) that does nothing. The box is returned (tests press its buttons)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)  # fmt: skip
    actions = {}
    for label, action in choices:
        actions[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = action
    cancel = box.addButton(
        QCoreApplication.translate("CounterPerson", "Abbrechen"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)

    def answered(button: object) -> None:
        chosen = actions.get(button)  # type: ignore[call-overload]
        if chosen is not None:
            chosen()

    def closed() -> None:
        parent.window().activateWindow()  # the keys go to the window again
        box.deleteLater()

    box.buttonClicked.connect(answered)
    box.finished.connect(closed)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def press(box: QMessageBox | None, label: str) -> None:
    """Press the button labelled ``label`` of an open question (the keyboard's way too)."""
    if box is None:
        raise LookupError("no question open")
    for button in box.buttons():
        if button.text() == label:
            button.click()
            return
    raise LookupError(f"no button {label!r}: {[b.text() for b in box.buttons()]}")
