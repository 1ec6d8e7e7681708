"""The audit log's objects and changed values in the UI's language, worded from what desk
stored (an office's name, the fields of a change) instead of its raw keys: "Standort
Bürgerbüro Mitte" for "office bb-mitte", "Kontingent: 20 Wartenummern" for
"kontingent: 20"."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.labels import role_label

if TYPE_CHECKING:
    from desk.services.reports.audit import AuditRow

#: A stored field: its name and how its value reads ({0}), both in context "audit"; the
#: fields of a change are listed in this order (desk stores them sorted by key).
FIELDS: dict[str, tuple[str, str]] = {
    "zeit": (QT_TRANSLATE_NOOP("audit", "Sprechstunde"), "{0}"),
    "kontingent": (
        QT_TRANSLATE_NOOP("audit", "Kontingent"),
        QT_TRANSLATE_NOOP("audit", "{0} Wartenummern"),
    ),
    "oeffnet": (QT_TRANSLATE_NOOP("audit", "öffnet"), "{0}"),
    "schliesst": (QT_TRANSLATE_NOOP("audit", "schließt"), "{0}"),
    "terminlaenge_min": (
        QT_TRANSLATE_NOOP("audit", "Terminlänge"),
        QT_TRANSLATE_NOOP("audit", "{0} Min."),
    ),
    "dienstleistungen": (QT_TRANSLATE_NOOP("audit", "Dienstleistungen"), "{0}"),
    "art": (QT_TRANSLATE_NOOP("audit", "Art"), "{0}"),
    "tage_im_voraus": (
        QT_TRANSLATE_NOOP("audit", "buchbar"),
        QT_TRANSLATE_NOOP("audit", "{0} Tage im Voraus"),
    ),
    "freigabe_wochentag": (QT_TRANSLATE_NOOP("audit", "Freigabe-Wochentag"), "{0}"),
    "freigabe_uhrzeit": (QT_TRANSLATE_NOOP("audit", "Freigabe um"), "{0}"),
    "monate_frei": (
        QT_TRANSLATE_NOOP("audit", "gebührenfrei"),
        QT_TRANSLATE_NOOP("audit", "{0} Monate"),
    ),
    "monate_mit_gebuehr": (
        QT_TRANSLATE_NOOP("audit", "mit Gebühr"),
        QT_TRANSLATE_NOOP("audit", "{0} Monate"),
    ),
    "gebuehr_cent": (QT_TRANSLATE_NOOP("audit", "Gebühr"), QT_TRANSLATE_NOOP("audit", "{0} Cent")),
    "online_anteil_prozent": (QT_TRANSLATE_NOOP("audit", "Online-Anteil"), "{0} %"),
    "vorlauf_min": (QT_TRANSLATE_NOOP("audit", "Vorlauf"), QT_TRANSLATE_NOOP("audit", "{0} Min.")),
    "von": (QT_TRANSLATE_NOOP("audit", "von"), "{0}"),
    "bis": (QT_TRANSLATE_NOOP("audit", "bis"), "{0}"),
    "schalter": (QT_TRANSLATE_NOOP("audit", "Schalter"), "{0}"),
    "grund": (QT_TRANSLATE_NOOP("audit", "Grund"), "{0}"),
    "gesperrt_bis": (QT_TRANSLATE_NOOP("audit", "gesperrt bis"), "{0}"),
    "username": (QT_TRANSLATE_NOOP("audit", "Benutzername"), "{0}"),
    "display_name": (QT_TRANSLATE_NOOP("audit", "Name"), "{0}"),
    "role": (QT_TRANSLATE_NOOP("audit", "Rolle"), "{0}"),
    "office": (QT_TRANSLATE_NOOP("audit", "Standort"), "{0}"),
    "active": (QT_TRANSLATE_NOOP("audit", "aktiv"), "{0}"),
    "f9_bei_besetztem_schalter": (QT_TRANSLATE_NOOP("audit", "F9 bei besetztem Schalter"), "{0}"),
}
#: Stored words that are values of a setting (the F9 setting), in context "audit".
VALUES = frozenset(
    (QT_TRANSLATE_NOOP("audit", "nachfragen"), QT_TRANSLATE_NOOP("audit", "ablehnen"))
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _tr(text: str) -> str:
    return QCoreApplication.translate("audit", text)


def subject_words(row: AuditRow) -> str | None:
    """The object of an entry without a description ("Standort Bürgerbüro Mitte");
    None when desk described it."""
    if row.detail:
        return None
    if row.entity == "office":
        office = row.office_name or row.entity_id
        return QCoreApplication.translate("audit", "Standort {0}").format(office)
    return f"{row.entity} {row.entity_id}"


def value_words(stored: str | None, tz: tzinfo | None) -> str | None:
    """A stored change of fields (a JSON object, or a list of them) in words; None when
    the value is no such change (a state, a moment: the caller words those)."""
    if not stored or stored[0] not in "{[":
        return None
    try:
        fields = json.loads(stored)
    except ValueError:
        return None
    if isinstance(fields, dict):
        return _fields(fields, tz)
    if isinstance(fields, list) and all(isinstance(f, dict) for f in fields):
        return " / ".join(_fields(f, tz) for f in fields) or "–"
    return None


def _fields(fields: dict[str, object], tz: tzinfo | None) -> str:
    """ "Kontingent: 20 Wartenummern · Sprechstunde: 08:00–09:00" """
    words = []
    order = list(FIELDS)
    for key, value in sorted(fields.items(), key=lambda kv: _rank(order, kv[0])):
        name, form = FIELDS.get(key, (key, "{0}"))
        shown = "–" if value is None else _tr(form).format(_plain(key, value, tz))
        words.append(f"{_tr(name)}: {shown}")
    return " · ".join(words)


def _rank(order: list[str], key: str) -> tuple[int, str]:
    return (order.index(key), "") if key in order else (len(order), key)


def _plain(key: str, value: object, tz: tzinfo | None) -> str:
    """One value for people: yes/no, a role, a date or a moment in local time, a list."""
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("audit", "ja")
        return QCoreApplication.translate("audit", "nein")
    if isinstance(value, list):
        return ", ".join(_plain(key, v, tz) for v in value)
    if key == "role" and isinstance(value, str):
        return role_label(value)
    if isinstance(value, str) and value in VALUES:
        return QCoreApplication.translate("audit", value)
    if isinstance(value, str) and _DAY.match(value):
        return f"{date.fromisoformat(value):%d.%m.%Y}"
    if isinstance(value, str) and _MOMENT.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return f"{moment.astimezone(tz):%d.%m.%Y %H:%M}"
    return str(value)
