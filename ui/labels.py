"""Translated labels for values that desk names in German (states, channels, steps).

desk keeps German labels for the command line; the UI passes them through Qt's
translation so the English UI shows English words. The QT_TRANSLATE_NOOP
markers let pyside6-lupdate find them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk.domain.cells import CELL_LABELS_DE, CellKind
from desk.domain.status import CHANNEL_LABELS_DE, ROLE_LABELS_DE, STATUS_LABELS_DE
from desk.domain.steps import ACTION_LABELS_DE, Action
from desk.domain.walkin import REASON_LABELS_DE

CONTEXT = "labels"
_MARKED = (
    QT_TRANSLATE_NOOP("labels", "gebucht"),
    QT_TRANSLATE_NOOP("labels", "angemeldet"),
    QT_TRANSLATE_NOOP("labels", "aufgerufen"),
    QT_TRANSLATE_NOOP("labels", "in Bearbeitung"),
    QT_TRANSLATE_NOOP("labels", "erledigt"),
    QT_TRANSLATE_NOOP("labels", "storniert"),
    QT_TRANSLATE_NOOP("labels", "nicht erschienen"),
    QT_TRANSLATE_NOOP("labels", "online"),
    QT_TRANSLATE_NOOP("labels", "Telefon"),
    QT_TRANSLATE_NOOP("labels", "Schalter"),
    QT_TRANSLATE_NOOP("labels", "geschlossen"),
    QT_TRANSLATE_NOOP("labels", "frei (online buchbar)"),
    QT_TRANSLATE_NOOP("labels", "frei (nur intern)"),
    QT_TRANSLATE_NOOP("labels", "frei (zusätzlich freigegeben)"),
    QT_TRANSLATE_NOOP("labels", "belegt"),
    QT_TRANSLATE_NOOP("labels", "Anmelden"),
    QT_TRANSLATE_NOOP("labels", "Aufrufen"),
    QT_TRANSLATE_NOOP("labels", "Erneut aufrufen"),
    QT_TRANSLATE_NOOP("labels", "In Bearbeitung"),
    QT_TRANSLATE_NOOP("labels", "Erledigt"),
    QT_TRANSLATE_NOOP("labels", "Nicht erschienen"),
    QT_TRANSLATE_NOOP("labels", "Stornieren"),
    QT_TRANSLATE_NOOP("labels", "Verlust/Diebstahl"),
    QT_TRANSLATE_NOOP("labels", "dringendes Dokument"),
    QT_TRANSLATE_NOOP("labels", "Anmeldung"),
    QT_TRANSLATE_NOOP("labels", "Sonstiges"),
    QT_TRANSLATE_NOOP("labels", "wartend"),
    QT_TRANSLATE_NOOP("labels", "zurückgestellt"),
    QT_TRANSLATE_NOOP("labels", "Sachbearbeitung"),
    QT_TRANSLATE_NOOP("labels", "Teamleitung"),
)

#: Short weekday names, Monday first (desk.domain.policy.WEEKDAYS_DE).
WEEKDAYS = (
    QT_TRANSLATE_NOOP("labels", "Mo"),
    QT_TRANSLATE_NOOP("labels", "Di"),
    QT_TRANSLATE_NOOP("labels", "Mi"),
    QT_TRANSLATE_NOOP("labels", "Do"),
    QT_TRANSLATE_NOOP("labels", "Fr"),
    QT_TRANSLATE_NOOP("labels", "Sa"),
    QT_TRANSLATE_NOOP("labels", "So"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def reason_label(reason: str) -> str:
    """A walk-in ticket's reason in the UI's language."""
    return _tr(REASON_LABELS_DE.get(reason, reason))


def role_label(role: str) -> str:
    """A user's role in the UI's language."""
    return _tr(ROLE_LABELS_DE.get(role, role))


def status_label(status: str) -> str:
    """An appointment state in the UI's language."""
    return _tr(STATUS_LABELS_DE.get(status, status))


def channel_label(channel: str) -> str:
    """A booking channel in the UI's language."""
    return _tr(CHANNEL_LABELS_DE.get(channel, channel))


def cell_label(kind: CellKind) -> str:
    """What a calendar cell is, in the UI's language."""
    return _tr(CELL_LABELS_DE[kind])


def action_label(action: Action) -> str:
    """A life-cycle step in the UI's language."""
    return _tr(ACTION_LABELS_DE[action])


def weekday_label(weekday: int) -> str:
    """A short weekday name (0 is Monday) in the UI's language: 'Mo' or 'Mon'."""
    return _tr(WEEKDAYS[weekday])
