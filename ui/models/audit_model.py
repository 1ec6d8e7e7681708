"""Table model over audit log rows (frozen dataclasses from desk), newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ui.labels import role_label
from ui.models.audit_words import subject_words, value_words
from ui.models.row_table import RowTableModel

if TYPE_CHECKING:
    from desk.services.reports.audit import AuditRow

_MARKED = (  # desk.domain.audit.AUDIT_LABELS_DE, for pyside6-lupdate
    QT_TRANSLATE_NOOP("audit", "Termin aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Termin erneut aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Termin nicht erschienen"),
    QT_TRANSLATE_NOOP("audit", "Termin abgesagt"),
    QT_TRANSLATE_NOOP("audit", "Termin: „nicht erschienen“ zurückgenommen"),
    QT_TRANSLATE_NOOP("audit", "Wartenummer aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Wartenummer erneut aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Wartenummer nicht erschienen"),
    QT_TRANSLATE_NOOP("audit", "Wartenummer: „nicht erschienen“ zurückgenommen"),
    QT_TRANSLATE_NOOP("audit", "Öffnungszeiten geändert"),
    QT_TRANSLATE_NOOP("audit", "Terminlänge geändert"),
    QT_TRANSLATE_NOOP("audit", "Buchungsfenster geändert"),
    QT_TRANSLATE_NOOP("audit", "Kontingent geändert"),
    QT_TRANSLATE_NOOP("audit", "Schließzeit geändert"),
    QT_TRANSLATE_NOOP("audit", "Zusätzlicher Termin freigegeben"),
    QT_TRANSLATE_NOOP("audit", "Benutzer geändert"),
    QT_TRANSLATE_NOOP("audit", "Gerät registriert"),
    QT_TRANSLATE_NOOP("audit", "Gerät angemeldet"),
    QT_TRANSLATE_NOOP("audit", "Gerät gesperrt"),
    QT_TRANSLATE_NOOP("audit", "Anmeldung nach Fehlversuchen gesperrt"),
    QT_TRANSLATE_NOOP("audit", "Anmeldesperre aufgehoben"),
)


def audit_text(text: str) -> str:
    """A German audit label from desk in the UI's language."""
    return QCoreApplication.translate("audit", text)


class AuditTableModel(RowTableModel):
    """Read-only rows: time, user, counter, action, object, value before and after."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("AuditTableModel", "Zeit"),
        QT_TRANSLATE_NOOP("AuditTableModel", "Benutzer"),
        QT_TRANSLATE_NOOP("AuditTableModel", "Schalter"),
        QT_TRANSLATE_NOOP("AuditTableModel", "Aktion"),
        QT_TRANSLATE_NOOP("AuditTableModel", "Objekt"),
        QT_TRANSLATE_NOOP("AuditTableModel", "vorher"),
        QT_TRANSLATE_NOOP("AuditTableModel", "nachher"),
    )

    def cell(self, row: AuditRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: AuditRow, column: int) -> str:
        match column:
            case 0:
                return f"{row.at:%d.%m.%Y %H:%M:%S}"
            case 1:
                if row.user_name is not None:
                    return row.user_name
                if row.counter_number is not None:  # at a counter without a signed-in user
                    return self.tr("(nicht angemeldet)")
                return self.tr("Portal / System")
            case 2:
                return "" if row.counter_number is None else str(row.counter_number)
            case 3:
                return audit_text(row.action_label)
            case 4:
                return subject_words(row) or _subject(row.subject)
            case 5:
                return value_words(row.old_value, row.at.tzinfo) or _value(row.old)
            case _:
                return value_words(row.new_value, row.at.tzinfo) or _value(row.new)

    def _tooltip(self, row: AuditRow, column: int) -> str | None:
        if column == 0:
            return f"{row.at:%d.%m.%Y %H:%M:%S %Z}"
        if column == 1 and row.role is not None:
            return role_label(row.role)
        if column == 4:
            office = row.office_name or self.tr("alle Standorte")
            return f"{office} · {row.entity} {row.entity_id}"
        return None


def _subject(subject: str) -> str:
    """ "Termin CODE" / "Wartenummer W-001" (desk's German) in the UI's language."""
    kind, _, rest = subject.partition(" ")
    if kind == "Termin" and rest:
        return QCoreApplication.translate("AuditTableModel", "Termin {0}").format(rest)
    if kind == "Wartenummer" and rest:
        return QCoreApplication.translate("AuditTableModel", "Wartenummer {0}").format(rest)
    return subject


def _value(value: str | None) -> str:
    """A state word (desk's German label) in the UI's language; other values as they are."""
    if not value:
        return ""
    return QCoreApplication.translate("labels", value)
