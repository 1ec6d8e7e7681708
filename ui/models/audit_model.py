"""Table model over audit log rows (frozen dataclasses from desk), newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desk.domain.status import ROLE_LABELS_DE

if TYPE_CHECKING:
    from desk.services.audit_query import AuditRow

Index = QModelIndex | QPersistentModelIndex

#: Context of the audit texts that come from desk (German) and are translated here.
CONTEXT = "audit"
_MARKED = (  # desk.domain.audit.AUDIT_LABELS_DE and the role names, for pyside6-lupdate
    QT_TRANSLATE_NOOP("audit", "Termin aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Termin erneut aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Termin nicht erschienen"),
    QT_TRANSLATE_NOOP("audit", "Termin abgesagt"),
    QT_TRANSLATE_NOOP("audit", "Wartenummer aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Wartenummer erneut aufgerufen"),
    QT_TRANSLATE_NOOP("audit", "Wartenummer nicht erschienen"),
    QT_TRANSLATE_NOOP("audit", "Öffnungszeiten geändert"),
    QT_TRANSLATE_NOOP("audit", "Terminlänge geändert"),
    QT_TRANSLATE_NOOP("audit", "Buchungsfenster geändert"),
    QT_TRANSLATE_NOOP("audit", "Kontingent geändert"),
    QT_TRANSLATE_NOOP("audit", "Schließzeit geändert"),
    QT_TRANSLATE_NOOP("audit", "Zusätzlicher Termin freigegeben"),
    QT_TRANSLATE_NOOP("audit", "Benutzer geändert"),
    QT_TRANSLATE_NOOP("audit", "Sachbearbeitung"),
    QT_TRANSLATE_NOOP("audit", "Teamleitung"),
)


def audit_text(text: str) -> str:
    """A German audit label from desk in the UI's language."""
    return QCoreApplication.translate("audit", text)


class AuditTableModel(QAbstractTableModel):
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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        """Show the result of another query (a reset: the filter changed)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[AuditRow]:
        """The rows shown."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
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
                return _subject(row.subject)
            case 5:
                return _value(row.old)
            case _:
                return _value(row.new)

    def _tooltip(self, row: AuditRow, column: int) -> str | None:
        if column == 0:
            return f"{row.at:%d.%m.%Y %H:%M:%S %Z}"
        if column == 1 and row.role is not None:
            return audit_text(ROLE_LABELS_DE.get(row.role, row.role))
        if column == 4:
            office = row.office_name or self.tr("alle Standorte")
            return f"{office} · {row.entity} {row.entity_id}"
        return None


def _subject(subject: str) -> str:
    """"Termin CODE" / "Wartenummer W-001" (desk's German) in the UI's language."""
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
