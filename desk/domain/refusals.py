"""Refusals by code: the German sentence of every code, built from its parameters.

A refusal (``DeskError``) names itself by a stable ``code`` and carries ``params``,
plain values (dates and times as ISO strings, numbers, names), so that the command
line and the central service show the German sentence made here while the GUI words
the same code in its own language (ui/refusals.py). A field's format spec says how
a value reads: ``date``, ``datetime``, ``time`` (as the ISO value's own clock),
``status`` (an appointment state's label), ``word`` (a German word desk chose, which
a face may translate), ``weekday`` (a date's short weekday name), ``reason`` (a
:class:`Reason`, a part of the sentence by code and params of its own).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from typing import Any, Self

from desk.domain.status import STATUS_LABELS_DE

#: code → German sentence; ``{name}`` fields are the refusal's params.
GERMAN: dict[str, str] = {
    # booking, cancellation, suggestions
    "name_missing": "Bitte einen Namen angeben",
    "name_too_long": "Der Name ist zu lang (höchstens {limit} Zeichen)",
    "name_invalid": "Der Name {problem:reason}",
    "text_too_long": "{field:word} ist zu lang (höchstens {limit} Zeichen)",
    "text_control_chars": "{field:word} enthält unzulässige Steuerzeichen",
    # a booking dialog's field, the message next to it
    "field_name_missing": "Bitte den Namen angeben.",
    "field_too_long": "Höchstens {limit} Zeichen.",
    "field_name_invalid": "Der Name {problem:reason}.",
    "field_phone_invalid": "Bitte nur Ziffern, Leerzeichen, + - / ( ) – z. B. 0345 123456.",
    "field_email_invalid": "Keine gültige E-Mail-Adresse (z. B. name@beispiel.de).",
    "field_control_chars": "Enthält unzulässige Steuerzeichen.",
    "slot_taken": "der Termin {when:datetime} ist bereits vergeben",
    "slot_taken_meanwhile": "der Termin {when:datetime} wurde soeben vergeben",
    "office_closed": "am {day:date} ist {office} {closed:reason}",
    "no_such_start": "um {when:datetime} beginnt kein Termin für {service} in {office_id}",
    "start_in_past": "der Termin {when:datetime} liegt in der Vergangenheit",
    "outside_window": "{when:datetime}: {reason:reason}",
    "online_full": (
        "{when:datetime} ist online ausgebucht; weitere Termine telefonisch oder am Schalter"
    ),
    "unknown_booking_code": "Unbekannter Buchungscode {code!r}",
    "already_cancelled": "Die Buchung {code} ist bereits storniert",
    "cancel_too_late": "Die Buchung {code} kann nicht mehr storniert werden",
    "unknown_office": "Unbekannter Standort {office_id!r} (vorhanden: {known})",
    "unknown_office_id": "Unbekannter Standort {office_id!r}",
    "unknown_service": (
        "Dienstleistung {service!r} gibt es in {office_id} nicht (angeboten: {offered})"
    ),
    # the life-cycle steps
    "reason_too_long": "Der Grund ist zu lang (höchstens {limit} Zeichen)",
    "cancel_reason_missing": "Bitte einen Grund für die Stornierung angeben",
    "unknown_appointment": "Den Termin {id} gibt es nicht (mehr)",
    "step_not_possible": (
        "Termin {code} ist „{status:status}“ – „{step:word}“ ist von dort aus nicht möglich"
    ),
    "counter_needed": "Zum Aufrufen zuerst einen Schalter wählen",
    "unknown_counter": "Unbekannter Schalter {counter} in {office_id}",
    "no_show_too_early": (
        "Termin {code} beginnt erst um {starts:time} – „nicht erschienen“ erst ab dann"
    ),
    "no_show_undo_too_late": (
        "„Nicht erschienen“ für {code} lässt sich nur {minutes} Minuten lang zurücknehmen"
    ),
    "no_show_undo_other_clerk": (
        "„Nicht erschienen“ für {code} kann nur zurücknehmen, wer es vermerkt hat"
    ),
    "ticket_undo_too_late": (
        "„Nicht erschienen“ für {code} lässt sich nur {minutes} Minuten lang zurücknehmen"
    ),
    "no_show_before_recalls": (
        "{code}: „nicht erschienen“ erst nach {limit} erneuten Aufrufen (bisher {count})"
    ),
    "no_appointment_for_code": "Keinen Termin mit der Buchungsnummer {code} gefunden",
    "no_appointment_today": "Keinen Termin heute mit der Buchungsnummer {code} gefunden",
    # sign-in, sessions, devices, users
    "wrong_password": "Benutzername oder Passwort falsch",
    "account_locked": "Dieses Konto ist gesperrt; bitte die Teamleitung fragen",
    "session_expired": "Sitzung abgelaufen – bitte neu anmelden",
    "session_too_short": "Eine Sitzung muss eine Weile gültig sein",
    "no_users_on_display": "An einer Aufrufanzeige meldet sich niemand an",
    "no_users_on_portal": "Am Online-Portal meldet sich kein Benutzer an",
    "wrong_password_offline": (
        "Benutzername oder Passwort falsch (der zentrale Dienst ist nicht erreichbar: "
        "offline kann sich nur anmelden, wer sich an diesem PC schon einmal angemeldet hat)"
    ),
    "device_refused": "Gerät nicht angemeldet oder gesperrt",
    "code_refused": "Anmeldecode ungültig oder abgelaufen",
    "device_held": (
        "Zu viele Fehlversuche an diesem Gerät: Anmeldung wieder ab {until:time} Uhr möglich"
    ),
    "account_held": (
        "Konto nach {failures} Fehlversuchen gesperrt bis {until:time} Uhr; "
        "die Teamleitung kann die Sperre aufheben"
    ),
    "sign_in_wait": "Zu viele Fehlversuche: bitte {seconds} s warten und erneut versuchen",
    "not_allowed_user": "{action:word}: unbekannter oder gesperrter Benutzer",
    "team_lead_only": "{action:word} darf nur die Teamleitung ({name} ist Sachbearbeitung)",
    "unknown_username": "Unbekannter Benutzer {username!r}",
    "unknown_user": "Unbekannter Benutzer {id}",
    "users_office_only": (
        "Von diesem PC aus nur Benutzer von {office}; andere Standorte und "
        "stadtweite Konten verwaltet die Verwaltung am Server"
    ),
    "users_other_office": "Benutzer anderer Standorte verwaltet die Teamleitung dort",
    # capacity
    "already_released": "Dieser Termin ist bereits freigegeben",
    "release_today_only": "Zusätzliche Termine können nur für heute freigegeben werden",
    "release_started": "Der Termin hat bereits begonnen",
    "release_no_slot": "An Schalter {counter} beginnt um {at:time} kein Termin",
    "release_nothing": "Heute gibt es an diesen Schaltern keinen Termin mehr freizugeben",
    "release_some_taken": "Mindestens einer dieser Termine ist bereits freigegeben",
    "collisions_undecided": (
        "{count} Termin(e) verlieren durch die Änderung ihren Platz ({codes}): "
        "bitte für jeden »Verschieben« oder »Behalten« wählen"
    ),
    "move_no_room": (
        "Termin {code} kann nicht auf {to:datetime} verschoben werden: "
        "dort ist kein passender Platz frei"
    ),
    "nothing_to_save": "Es gibt keine Änderung zu speichern",
    # walk-in tickets, calls and steps
    "unknown_reason": "Unbekannter Grund {reason!r} (möglich: {known})",
    "no_ticket": "Keine Wartenummer: {reason:reason}",
    "ticket_taken_meanwhile": "Die Wartenummer wurde gleichzeitig vergeben; bitte erneut",
    "ticket_request_used": "Zu dieser Anfrage gibt es bereits die Wartenummer {code}",
    "no_number_block": (
        "Keine Wartenummern: für heute ist an diesem Platz kein Nummernblock reserviert "
        "(erst mit der zentralen Datenbank verbinden)"
    ),
    "number_block_used_up": "Keine Wartenummern: der Nummernblock dieses Platzes ist aufgebraucht",
    "no_own_tickets_offline": "Keine eigenen Wartenummern in {office_id} (offline)",
    "none_waiting": "Keine wartende Wartenummer in {office_id}",
    "unknown_counter_of": "Unbekannter Schalter {counter} in {office_id} (vorhanden: {known})",
    "unknown_ticket": "Die Wartenummer {id} gibt es nicht (mehr)",
    "ticket_step_not_possible": (
        "Wartenummer {code} ist „{status:word}“ – „{step:word}“ ist von dort aus nicht möglich"
    ),
    "requeue_today_only": (
        "Wartenummer {code} ist vom {day:date} – "
        "nur Wartenummern von heute können wieder eingereiht werden"
    ),
    "ticket_moved_on": (
        "{code} ist zentral inzwischen „{status:word}“ – „{step:word}“ "
        "dieses Platzes wurde nicht übernommen"
    ),
    "recall_counter_needed": "Zum erneuten Aufrufen zuerst einen Schalter wählen",
    "called_elsewhere": (
        "Wartenummer {code} ist zu {where} aufgerufen – erneut aufrufen nur von dort"
    ),
    # the capacity plan and the user form (the field each belongs to is on the error)
    "no_weekday": "Wochentag {weekday} gibt es nicht (0 = Montag … 6 = Sonntag)",
    "no_counter_here": "Schalter {counter} gibt es an diesem Standort nicht",
    "ends_not_after_start": "Ende {ends:time} liegt nicht nach Beginn {starts:time}",
    "slot_length_zero": "Die Terminlänge muss größer als 0 Minuten sein",
    "slot_length_too_long": "Die Terminlänge {minutes} Min. passt nicht in die Öffnungszeit",
    "service_not_offered": "Dienstleistung {services} bietet der Standort nicht an",
    "hours_overlap": (
        "Die Zeiten {first_opens:time}–{first_closes:time} und "
        "{second_opens:time}–{second_closes:time} an Schalter {counter} überschneiden sich"
    ),
    "portal_share_range": "Der Online-Anteil muss 0 bis 100 % sein",
    "lead_negative": "Die Vorlaufzeit darf nicht negativ sein",
    "horizon_missing": "Bitte angeben, wie viele Tage im Voraus (0 oder mehr)",
    "release_weekday_missing": "Bitte den Wochentag der Freigabe wählen",
    "release_time_missing": "Bitte die Uhrzeit der Freigabe angeben",
    "free_months_missing": "Bitte die Monate ohne Gebühr angeben",
    "fee_months_too_few": "Die Monate mit Gebühr müssen mindestens so viele sein wie die ohne",
    "fee_negative": "Die Gebühr darf nicht negativ sein",
    "quota_negative": "Das Kontingent darf nicht negativ sein",
    "if_someone_current_unknown": "F9 bei besetztem Schalter: bitte nachfragen oder ablehnen",
    "walk_in_hours_missing": "Bitte Beginn und Ende der Sprechstunde angeben",
    "closure_ends_before_start": "Das Ende {ends:date} liegt vor dem Beginn {starts:date}",
    "closure_in_past": "Eine Schließzeit in der Vergangenheit hat keine Wirkung",
    "closure_reason_missing": "Bitte einen Grund für die Schließzeit angeben",
    "closure_no_counter": "Schalter {counter} gibt es hier nicht",
    "effective_in_past": "Gültig ab {day:date} liegt in der Vergangenheit; frühestens heute",
    "opening_outside_cells": "Öffnungszeit gehört zu keiner geänderten Zelle",
    "closure_unknown": "Diese Schließzeit gibt es nicht (mehr)",
    "username_length": "Benutzername: {low} bis {high} Zeichen nötig (jetzt {now})",
    "username_characters": (
        "Benutzername: nur Buchstaben a–z, Ziffern und . - _ (keine Leerzeichen, keine Umlaute)"
    ),
    "display_name_missing": "Name: bitte angeben",
    "display_name_too_long": "Name: höchstens {limit} Zeichen",
    "display_name_invalid": "Name: {problem:reason}",
    "unknown_role": "Rolle: unbekannt {role!r} (möglich: {known})",
    "password_too_short": "Passwort: mindestens {limit} Zeichen nötig",
    "password_too_long": "Passwort: höchstens {limit} Zeichen",
    "password_is_username": "Passwort: darf nicht der Benutzername sein",
    "password_common": "Passwort: zu häufig verwendet und leicht zu erraten; bitte ein anderes",
    "user_office_unknown": "Standort: unbekannt {office_id!r} (vorhanden: {known})",
    "username_taken": "Benutzername: {username!r} ist schon vergeben",
    "last_team_lead": (
        "{username} ist die letzte aktive Teamleitung und kann weder gesperrt noch zur "
        "Sachbearbeitung gemacht werden; zuerst eine andere Teamleitung anlegen"
    ),
    # reports and staffing
    "period_reversed": "Der Zeitraum beginnt ({first:date}) nach seinem Ende ({last:date})",
    "period_too_long": "Der Zeitraum ist zu lang (höchstens {limit} Tage)",
    "no_walk_in_hour": "{office} hat keine Sprechstunde ohne Termin",
    "staffing_counters": (
        "Die Zahl der Schalter muss eine ganze Zahl ab {minimum} sein, nicht {value}"
    ),
    "staffing_at_least": "{what:word} muss eine Zahl ab {minimum} sein, nicht {value}",
    "staffing_positive": "{what:word} muss größer als 0 sein, nicht {value}",
    "staffing_share": (
        "Der Zielanteil muss zwischen 0 und 100 % liegen (ausschließlich), nicht {value}"
    ),
    "staffing_threshold": "Die Schwelle muss größer als 0 Minuten sein, nicht {value}",
    "staffing_target": "Der Zielanteil muss zwischen 0 und 100 % liegen, nicht {value}",
    "staffing_weeks": "Zeitraum: 1 bis 52 Wochen, nicht {value}",
    # a counter's operation refused centrally (the counter keeps it as a conflict)
    "op_unknown": "Unbekannte Operation {kind!r}",
    "op_other_device": "Diese Operations-Id gehört zu einem anderen Gerät",
    "op_against_central": "Die Änderung widerspricht dem Stand der zentralen Datenbank",
    "op_device_kind": "Ein Gerät der Art {kind} darf „{op}“ nicht ausführen",
    "op_bad_user": "Ungültiger Benutzer in der Operation",
    "op_user_not_here": "Der Benutzer dieser Operation hat sich an diesem Gerät nie angemeldet",
    "op_bad_value": "Ungültige Angabe {key!r} in der Operation",
    "op_other_office": "Dieses Gerät gehört zu einem anderen Standort",
    "op_other_counter": (
        "Dieses Gerät ist für Schalter {registered} angemeldet, nicht für Schalter {number}"
    ),
    "op_portal_channel": "Ein Schalter bucht am Schalter oder telefonisch, nicht als Portal",
    "op_bad_time": "Ungültige Zeitangabe in der Buchung",
    "op_unknown_step": "Unbekannter Schritt in der Operation",
    "op_reception_check_in_only": "Am Empfang können Termine nur eingecheckt werden",
    "op_unknown_ticket_reason": "Unbekannter Grund der Wartenummer",
    "op_unknown_appointment": "Den Termin gibt es in der zentralen Datenbank nicht",
    "op_number_not_leased": (
        "Wartenummer {number}: nicht aus dem heutigen Nummernblock dieses Geräts"
    ),
    "op_quota_used_centrally": (
        "{code}: das Tageskontingent von {quota} war zentral bereits ausgeschöpft"
    ),
    "op_ticket_not_issued": "Aufruf einer zentral nicht ausgegebenen Wartenummer",
    "op_called_twice": "{code} wurde bereits an einem anderen Schalter aufgerufen (Doppelaufruf)",
    "op_ticket_missing": "Schritt für eine zentral nicht vorhandene Wartenummer",
    # reasons: the parts a refusal names as {…:reason} (a walk-in hour's also as a status)
    "name_not_utf8": "enthält ungültige Zeichen (kein gültiges UTF-8)",
    "name_bidi_controls": "enthält Steuerzeichen der Schreibrichtung ({chars})",
    "name_control_chars": "enthält unzulässige Steuerzeichen",
    "name_invisible": "besteht nur aus unsichtbaren Zeichen",
    "closed_holiday": "Feiertag ({name})",
    "closed_closure": "geschlossen ({name})",
    "closed_no_hours": "keine Öffnungszeiten",
    "window_no_online": "für diesen Standort gibt es keine Online-Buchung",
    "window_in_past": "der Termin liegt in der Vergangenheit",
    "window_too_soon": "zu kurzfristig: online mindestens {minutes} Minuten vorher",
    "window_beyond": "außerhalb des Buchungsfensters: online buchbar bis {last:date}",
    "window_not_released": (
        "noch nicht freigegeben: die Woche wird am {at:weekday} {at:date} um {at:time} Uhr "
        "freigeschaltet"
    ),
    "window_unknown_kind": "unbekannte Art von Buchungsfenster {kind}",
    "walk_in_not_offered": "dieser Standort bietet keine Sprechstunde ohne Termin an",
    "walk_in_closed": "heute keine Sprechstunde: {closed:reason}",
    "walk_in_outside_hours": "außerhalb der Öffnungszeiten",
    "walk_in_weekdays_only": "die Sprechstunde ohne Termin ist Montag bis Freitag",
    "walk_in_hours": "die Sprechstunde ohne Termin ist von {start:time} bis {end:time} Uhr",
    "walk_in_quota_used_up": "das Tageskontingent von {quota} Wartenummern ist ausgeschöpft",
}


#: Short weekday names, Monday first.
WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


@dataclass(frozen=True)
class Reason:
    """Why, by a ``code`` of the table and its plain ``params``: a part of a refusal
    (``{field:reason}``) or a status of its own; ``str()`` is its German."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str, /, **params: object) -> Self:
        """The reason ``code`` with its params as plain values."""
        return cls(code, {k: plain(v) for k, v in params.items()})

    def __str__(self) -> str:
        return german(self.code, self.params)


def plain(value: object) -> Any:
    """A parameter as a JSON value: dates and times as ISO strings, ids as text, a
    :class:`Reason` as ``{"code", "params"}``."""
    if isinstance(value, Reason):
        return {"code": value.code, "params": dict(value.params)}
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):  # a reason come back as JSON
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # an id (uuid) and the like as text


def moment(value: object) -> datetime | date | time:
    """An ISO parameter back as a date, a time or a datetime (with its offset)."""
    text = str(value)
    if "T" in text or " " in text:
        return datetime.fromisoformat(text)
    if ":" in text:
        return time.fromisoformat(text)
    return date.fromisoformat(text)


def _weekday(when: datetime | date | time) -> str:
    return "" if isinstance(when, time) else WEEKDAYS_DE[when.weekday()]


def _clock(value: object, pattern: str) -> str:
    return moment(value).strftime(pattern)


_SPECS: dict[str, Callable[[object], str]] = {
    "date": lambda v: _clock(v, "%d.%m.%Y"),
    "datetime": lambda v: _clock(v, "%d.%m.%Y %H:%M"),
    "time": lambda v: _clock(v, "%H:%M"),
    "status": lambda v: STATUS_LABELS_DE.get(str(v), str(v)),
    "word": str,
    "weekday": lambda v: _weekday(moment(v)),
    "reason": lambda v: german(v["code"], v["params"]) if isinstance(v, dict) else str(v),
}


class _German(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        shown = _SPECS.get(format_spec)
        return shown(value) if shown is not None else super().format_field(value, format_spec)


def german(code: str, params: Mapping[str, object] | None = None) -> str:
    """The German sentence of a refusal (KeyError for a code without one)."""
    return _German().vformat(GERMAN[code], (), params or {})
