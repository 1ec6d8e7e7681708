"""Refusals from desk in the UI's language: each code's words as a translatable template.

desk says why it refused by a code and parameters (desk/domain/refusals.py holds the
German sentences for the command line and the service); here the same code becomes
a ``QCoreApplication.translate`` template of the context "Refusals" with the same
named fields, so the English UI shows an English refusal. Dates and times read in
local (Europe/Berlin) form.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk.domain.errors import DeskError
from desk.domain.localtime import BERLIN
from desk.domain.refusals import Reason, german, moment
from ui.labels import status_label, weekday_label

CONTEXT = "Refusals"

#: code → German template (the source lupdate collects); fields as in desk's table.
TEMPLATES: dict[str, str] = {
    "name_missing": QT_TRANSLATE_NOOP("Refusals", "Bitte einen Namen angeben"),
    "name_too_long": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Name ist zu lang (höchstens {limit} Zeichen)",
    ),
    "name_invalid": QT_TRANSLATE_NOOP("Refusals", "Der Name {problem:reason}"),
    "text_too_long": QT_TRANSLATE_NOOP(
        "Refusals",
        "{field:word} ist zu lang (höchstens {limit} Zeichen)",
    ),
    "field_name_missing": QT_TRANSLATE_NOOP("Refusals", "Bitte den Namen angeben."),
    "field_too_long": QT_TRANSLATE_NOOP("Refusals", "Höchstens {limit} Zeichen."),
    "field_name_invalid": QT_TRANSLATE_NOOP("Refusals", "Der Name {problem:reason}."),
    "field_phone_invalid": QT_TRANSLATE_NOOP(
        "Refusals", "Bitte nur Ziffern, Leerzeichen, + - / ( ) – z. B. 0345 123456."
    ),
    "field_email_invalid": QT_TRANSLATE_NOOP(
        "Refusals", "Keine gültige E-Mail-Adresse (z. B. name@beispiel.de)."
    ),
    "field_control_chars": QT_TRANSLATE_NOOP("Refusals", "Enthält unzulässige Steuerzeichen."),
    "text_control_chars": QT_TRANSLATE_NOOP(
        "Refusals",
        "{field:word} enthält unzulässige Steuerzeichen",
    ),
    "slot_taken": QT_TRANSLATE_NOOP("Refusals", "der Termin {when:datetime} ist bereits vergeben"),
    "slot_taken_meanwhile": QT_TRANSLATE_NOOP(
        "Refusals",
        "der Termin {when:datetime} wurde soeben vergeben",
    ),
    "office_closed": QT_TRANSLATE_NOOP("Refusals", "am {day:date} ist {office} {closed:reason}"),
    "no_such_start": QT_TRANSLATE_NOOP(
        "Refusals",
        "um {when:datetime} beginnt kein Termin für {service} in {office_id}",
    ),
    "start_in_past": QT_TRANSLATE_NOOP(
        "Refusals",
        "der Termin {when:datetime} liegt in der Vergangenheit",
    ),
    "outside_window": QT_TRANSLATE_NOOP("Refusals", "{when:datetime}: {reason:reason}"),
    "online_full": QT_TRANSLATE_NOOP(
        "Refusals",
        "{when:datetime} ist online ausgebucht; weitere Termine telefonisch oder am Schalter",
    ),
    "unknown_booking_code": QT_TRANSLATE_NOOP("Refusals", "Unbekannter Buchungscode {code!r}"),
    "already_cancelled": QT_TRANSLATE_NOOP("Refusals", "Die Buchung {code} ist bereits storniert"),
    "cancel_too_late": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Buchung {code} kann nicht mehr storniert werden",
    ),
    "unknown_office": QT_TRANSLATE_NOOP(
        "Refusals",
        "Unbekannter Standort {office_id!r} (vorhanden: {known})",
    ),
    "unknown_office_id": QT_TRANSLATE_NOOP("Refusals", "Unbekannter Standort {office_id!r}"),
    "unknown_service": QT_TRANSLATE_NOOP(
        "Refusals",
        "Dienstleistung {service!r} gibt es in {office_id} nicht (angeboten: {offered})",
    ),
    "reason_too_long": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Grund ist zu lang (höchstens {limit} Zeichen)",
    ),
    "cancel_reason_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Bitte einen Grund für die Stornierung angeben",
    ),
    "unknown_appointment": QT_TRANSLATE_NOOP("Refusals", "Den Termin {id} gibt es nicht (mehr)"),
    "step_not_possible": QT_TRANSLATE_NOOP(
        "Refusals",
        "Termin {code} ist „{status:status}“ – „{step:word}“ ist von dort aus nicht möglich",
    ),
    "no_show_too_early": QT_TRANSLATE_NOOP(
        "Refusals",
        "Termin {code} beginnt erst um {starts:time} – „nicht erschienen“ erst ab dann",
    ),
    "no_show_undo_too_late": QT_TRANSLATE_NOOP(
        "Refusals",
        "„Nicht erschienen“ für {code} lässt sich nur {minutes} Minuten lang zurücknehmen",
    ),
    "no_show_undo_other_clerk": QT_TRANSLATE_NOOP(
        "Refusals",
        "„Nicht erschienen“ für {code} kann nur zurücknehmen, wer es vermerkt hat",
    ),
    "ticket_undo_too_late": QT_TRANSLATE_NOOP(
        "Refusals",
        "„Nicht erschienen“ für {code} lässt sich nur {minutes} Minuten lang zurücknehmen",
    ),
    "no_show_before_recalls": QT_TRANSLATE_NOOP(
        "Refusals",
        "{code}: „nicht erschienen“ erst nach {limit} erneuten Aufrufen (bisher {count})",
    ),
    "counter_needed": QT_TRANSLATE_NOOP("Refusals", "Zum Aufrufen zuerst einen Schalter wählen"),
    "unknown_counter": QT_TRANSLATE_NOOP(
        "Refusals",
        "Unbekannter Schalter {counter} in {office_id}",
    ),
    "no_appointment_for_code": QT_TRANSLATE_NOOP(
        "Refusals",
        "Keinen Termin mit der Buchungsnummer {code} gefunden",
    ),
    "no_appointment_today": QT_TRANSLATE_NOOP(
        "Refusals",
        "Keinen Termin heute mit der Buchungsnummer {code} gefunden",
    ),
    "wrong_password": QT_TRANSLATE_NOOP("Refusals", "Benutzername oder Passwort falsch"),
    "account_locked": QT_TRANSLATE_NOOP(
        "Refusals",
        "Dieses Konto ist gesperrt; bitte die Teamleitung fragen",
    ),
    "session_expired": QT_TRANSLATE_NOOP("Refusals", "Sitzung abgelaufen – bitte neu anmelden"),
    "session_too_short": QT_TRANSLATE_NOOP("Refusals", "Eine Sitzung muss eine Weile gültig sein"),
    "no_users_on_display": QT_TRANSLATE_NOOP(
        "Refusals",
        "An einer Aufrufanzeige meldet sich niemand an",
    ),
    "no_users_on_portal": QT_TRANSLATE_NOOP(
        "Refusals",
        "Am Online-Portal meldet sich kein Benutzer an",
    ),
    "wrong_password_offline": QT_TRANSLATE_NOOP(
        "Refusals",
        "Benutzername oder Passwort falsch (der zentrale Dienst ist nicht erreichbar: "
        "offline kann sich nur anmelden, wer sich an diesem PC schon einmal angemeldet "
        "hat)",
    ),
    "device_refused": QT_TRANSLATE_NOOP("Refusals", "Gerät nicht angemeldet oder gesperrt"),
    "code_refused": QT_TRANSLATE_NOOP("Refusals", "Anmeldecode ungültig oder abgelaufen"),
    "device_held": QT_TRANSLATE_NOOP(
        "Refusals",
        "Zu viele Fehlversuche an diesem Gerät: Anmeldung wieder ab {until:time} Uhr möglich",
    ),
    "account_held": QT_TRANSLATE_NOOP(
        "Refusals",
        "Konto nach {failures} Fehlversuchen gesperrt bis {until:time} Uhr; die "
        "Teamleitung kann die Sperre aufheben",
    ),
    "sign_in_wait": QT_TRANSLATE_NOOP(
        "Refusals",
        "Zu viele Fehlversuche: bitte {seconds} s warten und erneut versuchen",
    ),
    "not_allowed_user": QT_TRANSLATE_NOOP(
        "Refusals",
        "{action:word}: unbekannter oder gesperrter Benutzer",
    ),
    "team_lead_only": QT_TRANSLATE_NOOP(
        "Refusals",
        "{action:word} darf nur die Teamleitung ({name} ist Sachbearbeitung)",
    ),
    "unknown_username": QT_TRANSLATE_NOOP("Refusals", "Unbekannter Benutzer {username!r}"),
    "unknown_user": QT_TRANSLATE_NOOP("Refusals", "Unbekannter Benutzer {id}"),
    "users_office_only": QT_TRANSLATE_NOOP(
        "Refusals",
        "Von diesem PC aus nur Benutzer von {office}; andere Standorte und stadtweite "
        "Konten verwaltet die Verwaltung am Server",
    ),
    "users_other_office": QT_TRANSLATE_NOOP(
        "Refusals",
        "Benutzer anderer Standorte verwaltet die Teamleitung dort",
    ),
    "already_released": QT_TRANSLATE_NOOP("Refusals", "Dieser Termin ist bereits freigegeben"),
    "release_today_only": QT_TRANSLATE_NOOP(
        "Refusals",
        "Zusätzliche Termine können nur für heute freigegeben werden",
    ),
    "release_started": QT_TRANSLATE_NOOP("Refusals", "Der Termin hat bereits begonnen"),
    "release_no_slot": QT_TRANSLATE_NOOP(
        "Refusals",
        "An Schalter {counter} beginnt um {at:time} kein Termin",
    ),
    "release_nothing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Heute gibt es an diesen Schaltern keinen Termin mehr freizugeben",
    ),
    "release_some_taken": QT_TRANSLATE_NOOP(
        "Refusals",
        "Mindestens einer dieser Termine ist bereits freigegeben",
    ),
    "collisions_undecided": QT_TRANSLATE_NOOP(
        "Refusals",
        "{count} Termin(e) verlieren durch die Änderung ihren Platz ({codes}): bitte für "
        "jeden »Verschieben« oder »Behalten« wählen",
    ),
    "move_no_room": QT_TRANSLATE_NOOP(
        "Refusals",
        "Termin {code} kann nicht auf {to:datetime} verschoben werden: dort ist kein "
        "passender Platz frei",
    ),
    "nothing_to_save": QT_TRANSLATE_NOOP("Refusals", "Es gibt keine Änderung zu speichern"),
    "unknown_reason": QT_TRANSLATE_NOOP(
        "Refusals",
        "Unbekannter Grund {reason!r} (möglich: {known})",
    ),
    "no_ticket": QT_TRANSLATE_NOOP("Refusals", "Keine Wartenummer: {reason:reason}"),
    "ticket_taken_meanwhile": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Wartenummer wurde gleichzeitig vergeben; bitte erneut",
    ),
    "ticket_request_used": QT_TRANSLATE_NOOP(
        "Refusals",
        "Zu dieser Anfrage gibt es bereits die Wartenummer {code}",
    ),
    "no_number_block": QT_TRANSLATE_NOOP(
        "Refusals",
        "Keine Wartenummern: für heute ist an diesem Platz kein Nummernblock reserviert "
        "(erst mit der zentralen Datenbank verbinden)",
    ),
    "number_block_used_up": QT_TRANSLATE_NOOP(
        "Refusals",
        "Keine Wartenummern: der Nummernblock dieses Platzes ist aufgebraucht",
    ),
    "no_own_tickets_offline": QT_TRANSLATE_NOOP(
        "Refusals",
        "Keine eigenen Wartenummern in {office_id} (offline)",
    ),
    "none_waiting": QT_TRANSLATE_NOOP("Refusals", "Keine wartende Wartenummer in {office_id}"),
    "unknown_counter_of": QT_TRANSLATE_NOOP(
        "Refusals",
        "Unbekannter Schalter {counter} in {office_id} (vorhanden: {known})",
    ),
    "unknown_ticket": QT_TRANSLATE_NOOP("Refusals", "Die Wartenummer {id} gibt es nicht (mehr)"),
    "ticket_step_not_possible": QT_TRANSLATE_NOOP(
        "Refusals",
        "Wartenummer {code} ist „{status:word}“ – „{step:word}“ ist von dort aus nicht möglich",
    ),
    "requeue_today_only": QT_TRANSLATE_NOOP(
        "Refusals",
        "Wartenummer {code} ist vom {day:date} – nur Wartenummern von heute können wieder"
        " eingereiht werden",
    ),
    "ticket_moved_on": QT_TRANSLATE_NOOP(
        "Refusals",
        "{code} ist zentral inzwischen „{status:word}“ – „{step:word}“ dieses Platzes "
        "wurde nicht übernommen",
    ),
    "recall_counter_needed": QT_TRANSLATE_NOOP(
        "Refusals",
        "Zum erneuten Aufrufen zuerst einen Schalter wählen",
    ),
    "called_elsewhere": QT_TRANSLATE_NOOP(
        "Refusals",
        "Wartenummer {code} ist zu {where} aufgerufen – erneut aufrufen nur von dort",
    ),
    "period_reversed": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Zeitraum beginnt ({first:date}) nach seinem Ende ({last:date})",
    ),
    "period_too_long": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Zeitraum ist zu lang (höchstens {limit} Tage)",
    ),
    "no_walk_in_hour": QT_TRANSLATE_NOOP("Refusals", "{office} hat keine Sprechstunde ohne Termin"),
    "staffing_counters": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Zahl der Schalter muss eine ganze Zahl ab {minimum} sein, nicht {value}",
    ),
    "staffing_at_least": QT_TRANSLATE_NOOP(
        "Refusals",
        "{what:word} muss eine Zahl ab {minimum} sein, nicht {value}",
    ),
    "staffing_positive": QT_TRANSLATE_NOOP(
        "Refusals",
        "{what:word} muss größer als 0 sein, nicht {value}",
    ),
    "staffing_share": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Zielanteil muss zwischen 0 und 100 % liegen (ausschließlich), nicht {value}",
    ),
    "staffing_threshold": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Schwelle muss größer als 0 Minuten sein, nicht {value}",
    ),
    "staffing_target": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Zielanteil muss zwischen 0 und 100 % liegen, nicht {value}",
    ),
    "staffing_weeks": QT_TRANSLATE_NOOP(
        "Refusals",
        "Zeitraum: 1 bis 52 Wochen, nicht {value}",
    ),
    "op_unknown": QT_TRANSLATE_NOOP(
        "Refusals",
        "Unbekannte Operation {kind!r}",
    ),
    "op_other_device": QT_TRANSLATE_NOOP(
        "Refusals",
        "Diese Operations-Id gehört zu einem anderen Gerät",
    ),
    "op_against_central": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Änderung widerspricht dem Stand der zentralen Datenbank",
    ),
    "op_device_kind": QT_TRANSLATE_NOOP(
        "Refusals",
        "Ein Gerät der Art {kind} darf „{op}“ nicht ausführen",
    ),
    "op_bad_user": QT_TRANSLATE_NOOP(
        "Refusals",
        "Ungültiger Benutzer in der Operation",
    ),
    "op_user_not_here": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Benutzer dieser Operation hat sich an diesem Gerät nie angemeldet",
    ),
    "op_bad_value": QT_TRANSLATE_NOOP(
        "Refusals",
        "Ungültige Angabe {key!r} in der Operation",
    ),
    "op_other_office": QT_TRANSLATE_NOOP(
        "Refusals",
        "Dieses Gerät gehört zu einem anderen Standort",
    ),
    "op_other_counter": QT_TRANSLATE_NOOP(
        "Refusals",
        "Dieses Gerät ist für Schalter {registered} angemeldet, nicht für Schalter {number}",
    ),
    "op_portal_channel": QT_TRANSLATE_NOOP(
        "Refusals",
        "Ein Schalter bucht am Schalter oder telefonisch, nicht als Portal",
    ),
    "op_bad_time": QT_TRANSLATE_NOOP(
        "Refusals",
        "Ungültige Zeitangabe in der Buchung",
    ),
    "op_unknown_step": QT_TRANSLATE_NOOP(
        "Refusals",
        "Unbekannter Schritt in der Operation",
    ),
    "op_reception_check_in_only": QT_TRANSLATE_NOOP(
        "Refusals",
        "Am Empfang können Termine nur eingecheckt werden",
    ),
    "op_unknown_ticket_reason": QT_TRANSLATE_NOOP(
        "Refusals",
        "Unbekannter Grund der Wartenummer",
    ),
    "op_unknown_appointment": QT_TRANSLATE_NOOP(
        "Refusals",
        "Den Termin gibt es in der zentralen Datenbank nicht",
    ),
    "op_number_not_leased": QT_TRANSLATE_NOOP(
        "Refusals",
        "Wartenummer {number}: nicht aus dem heutigen Nummernblock dieses Geräts",
    ),
    "op_quota_used_centrally": QT_TRANSLATE_NOOP(
        "Refusals",
        "{code}: das Tageskontingent von {quota} war zentral bereits ausgeschöpft",
    ),
    "op_ticket_not_issued": QT_TRANSLATE_NOOP(
        "Refusals",
        "Aufruf einer zentral nicht ausgegebenen Wartenummer",
    ),
    "op_called_twice": QT_TRANSLATE_NOOP(
        "Refusals",
        "{code} wurde bereits an einem anderen Schalter aufgerufen (Doppelaufruf)",
    ),
    "op_ticket_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Schritt für eine zentral nicht vorhandene Wartenummer",
    ),
    "name_not_utf8": QT_TRANSLATE_NOOP(
        "Refusals",
        "enthält ungültige Zeichen (kein gültiges UTF-8)",
    ),
    "name_bidi_controls": QT_TRANSLATE_NOOP(
        "Refusals",
        "enthält Steuerzeichen der Schreibrichtung ({chars})",
    ),
    "name_control_chars": QT_TRANSLATE_NOOP(
        "Refusals",
        "enthält unzulässige Steuerzeichen",
    ),
    "name_invisible": QT_TRANSLATE_NOOP(
        "Refusals",
        "besteht nur aus unsichtbaren Zeichen",
    ),
    "closed_holiday": QT_TRANSLATE_NOOP(
        "Refusals",
        "Feiertag ({name})",
    ),
    "closed_closure": QT_TRANSLATE_NOOP(
        "Refusals",
        "geschlossen ({name})",
    ),
    "closed_no_hours": QT_TRANSLATE_NOOP(
        "Refusals",
        "keine Öffnungszeiten",
    ),
    "window_no_online": QT_TRANSLATE_NOOP(
        "Refusals",
        "für diesen Standort gibt es keine Online-Buchung",
    ),
    "window_in_past": QT_TRANSLATE_NOOP(
        "Refusals",
        "der Termin liegt in der Vergangenheit",
    ),
    "window_too_soon": QT_TRANSLATE_NOOP(
        "Refusals",
        "zu kurzfristig: online mindestens {minutes} Minuten vorher",
    ),
    "window_beyond": QT_TRANSLATE_NOOP(
        "Refusals",
        "außerhalb des Buchungsfensters: online buchbar bis {last:date}",
    ),
    "window_not_released": QT_TRANSLATE_NOOP(
        "Refusals",
        "noch nicht freigegeben: die Woche wird am {at:weekday} {at:date} um {at:time} Uhr "
        "freigeschaltet",
    ),
    "window_unknown_kind": QT_TRANSLATE_NOOP(
        "Refusals",
        "unbekannte Art von Buchungsfenster {kind}",
    ),
    "walk_in_not_offered": QT_TRANSLATE_NOOP(
        "Refusals",
        "dieser Standort bietet keine Sprechstunde ohne Termin an",
    ),
    "walk_in_closed": QT_TRANSLATE_NOOP(
        "Refusals",
        "heute keine Sprechstunde: {closed:reason}",
    ),
    "walk_in_outside_hours": QT_TRANSLATE_NOOP(
        "Refusals",
        "außerhalb der Öffnungszeiten",
    ),
    "walk_in_weekdays_only": QT_TRANSLATE_NOOP(
        "Refusals",
        "die Sprechstunde ohne Termin ist Montag bis Freitag",
    ),
    "walk_in_hours": QT_TRANSLATE_NOOP(
        "Refusals",
        "die Sprechstunde ohne Termin ist von {start:time} bis {end:time} Uhr",
    ),
    "walk_in_quota_used_up": QT_TRANSLATE_NOOP(
        "Refusals",
        "das Tageskontingent von {quota} Wartenummern ist ausgeschöpft",
    ),
    "no_weekday": QT_TRANSLATE_NOOP(
        "Refusals",
        "Wochentag {weekday} gibt es nicht (0 = Montag … 6 = Sonntag)",
    ),
    "no_counter_here": QT_TRANSLATE_NOOP(
        "Refusals",
        "Schalter {counter} gibt es an diesem Standort nicht",
    ),
    "ends_not_after_start": QT_TRANSLATE_NOOP(
        "Refusals",
        "Ende {ends:time} liegt nicht nach Beginn {starts:time}",
    ),
    "slot_length_zero": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Terminlänge muss größer als 0 Minuten sein",
    ),
    "slot_length_too_long": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Terminlänge {minutes} Min. passt nicht in die Öffnungszeit",
    ),
    "service_not_offered": QT_TRANSLATE_NOOP(
        "Refusals",
        "Dienstleistung {services} bietet der Standort nicht an",
    ),
    "hours_overlap": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Zeiten {first_opens:time}–{first_closes:time} und "
        "{second_opens:time}–{second_closes:time} an Schalter {counter} überschneiden "
        "sich",
    ),
    "portal_share_range": QT_TRANSLATE_NOOP(
        "Refusals",
        "Der Online-Anteil muss 0 bis 100 % sein",
    ),
    "lead_negative": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Vorlaufzeit darf nicht negativ sein",
    ),
    "horizon_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Bitte angeben, wie viele Tage im Voraus (0 oder mehr)",
    ),
    "release_weekday_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Bitte den Wochentag der Freigabe wählen",
    ),
    "release_time_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Bitte die Uhrzeit der Freigabe angeben",
    ),
    "free_months_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Bitte die Monate ohne Gebühr angeben",
    ),
    "fee_months_too_few": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Monate mit Gebühr müssen mindestens so viele sein wie die ohne",
    ),
    "fee_negative": QT_TRANSLATE_NOOP(
        "Refusals",
        "Die Gebühr darf nicht negativ sein",
    ),
    "quota_negative": QT_TRANSLATE_NOOP(
        "Refusals",
        "Das Kontingent darf nicht negativ sein",
    ),
    "if_someone_current_unknown": QT_TRANSLATE_NOOP(
        "Refusals",
        "F9 bei besetztem Schalter: bitte nachfragen oder ablehnen",
    ),
    "walk_in_hours_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Bitte Beginn und Ende der Sprechstunde angeben",
    ),
    "closure_ends_before_start": QT_TRANSLATE_NOOP(
        "Refusals",
        "Das Ende {ends:date} liegt vor dem Beginn {starts:date}",
    ),
    "closure_in_past": QT_TRANSLATE_NOOP(
        "Refusals",
        "Eine Schließzeit in der Vergangenheit hat keine Wirkung",
    ),
    "closure_reason_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Bitte einen Grund für die Schließzeit angeben",
    ),
    "closure_no_counter": QT_TRANSLATE_NOOP(
        "Refusals",
        "Schalter {counter} gibt es hier nicht",
    ),
    "effective_in_past": QT_TRANSLATE_NOOP(
        "Refusals",
        "Gültig ab {day:date} liegt in der Vergangenheit; frühestens heute",
    ),
    "opening_outside_cells": QT_TRANSLATE_NOOP(
        "Refusals",
        "Öffnungszeit gehört zu keiner geänderten Zelle",
    ),
    "closure_unknown": QT_TRANSLATE_NOOP(
        "Refusals",
        "Diese Schließzeit gibt es nicht (mehr)",
    ),
    "username_length": QT_TRANSLATE_NOOP(
        "Refusals",
        "Benutzername: {low} bis {high} Zeichen nötig (jetzt {now})",
    ),
    "username_characters": QT_TRANSLATE_NOOP(
        "Refusals",
        "Benutzername: nur Buchstaben a–z, Ziffern und . - _ (keine Leerzeichen, keine Umlaute)",
    ),
    "display_name_missing": QT_TRANSLATE_NOOP(
        "Refusals",
        "Name: bitte angeben",
    ),
    "display_name_too_long": QT_TRANSLATE_NOOP(
        "Refusals",
        "Name: höchstens {limit} Zeichen",
    ),
    "display_name_invalid": QT_TRANSLATE_NOOP(
        "Refusals",
        "Name: {problem:reason}",
    ),
    "unknown_role": QT_TRANSLATE_NOOP(
        "Refusals",
        "Rolle: unbekannt {role!r} (möglich: {known})",
    ),
    "password_too_short": QT_TRANSLATE_NOOP(
        "Refusals",
        "Passwort: mindestens {limit} Zeichen nötig",
    ),
    "password_too_long": QT_TRANSLATE_NOOP(
        "Refusals",
        "Passwort: höchstens {limit} Zeichen",
    ),
    "password_is_username": QT_TRANSLATE_NOOP(
        "Refusals",
        "Passwort: darf nicht der Benutzername sein",
    ),
    "password_common": QT_TRANSLATE_NOOP(
        "Refusals",
        "Passwort: zu häufig verwendet und leicht zu erraten; bitte ein anderes",
    ),
    "user_office_unknown": QT_TRANSLATE_NOOP(
        "Refusals",
        "Standort: unbekannt {office_id!r} (vorhanden: {known})",
    ),
    "username_taken": QT_TRANSLATE_NOOP(
        "Refusals",
        "Benutzername: {username!r} ist schon vergeben",
    ),
    "last_team_lead": QT_TRANSLATE_NOOP(
        "Refusals",
        "{username} ist die letzte aktive Teamleitung und kann weder gesperrt noch zur "
        "Sachbearbeitung gemacht werden; zuerst eine andere Teamleitung anlegen",
    ),
}

#: German words desk passes as ``{…:word}`` params that the "labels" catalogue lacked.
_WORDS = (
    QT_TRANSLATE_NOOP("labels", "E-Mail"),
    QT_TRANSLATE_NOOP("labels", "Notiz"),
    QT_TRANSLATE_NOOP("labels", "erneut aufgerufen"),
    QT_TRANSLATE_NOOP("labels", "Bearbeitung beginnen"),
    QT_TRANSLATE_NOOP("labels", "Zurückstellen"),
    QT_TRANSLATE_NOOP("labels", "Wieder einreihen"),
    QT_TRANSLATE_NOOP("labels", "Benutzer verwalten"),
    QT_TRANSLATE_NOOP("labels", "Kapazität planen"),
    QT_TRANSLATE_NOOP("labels", "Zusätzliche Termine freigeben"),
    QT_TRANSLATE_NOOP("labels", "Statistik ansehen"),
    QT_TRANSLATE_NOOP("labels", "Das Protokoll einsehen"),
    QT_TRANSLATE_NOOP("labels", "Ankünfte je Stunde"),
    QT_TRANSLATE_NOOP("labels", "Mittlere Bearbeitungszeit"),
    QT_TRANSLATE_NOOP("labels", "Verkehrsangebot"),
    QT_TRANSLATE_NOOP("labels", "Schwelle"),
)


def _moment(value: object) -> datetime | date | time:
    when = moment(value)
    if isinstance(when, datetime) and when.tzinfo is not None:
        when = when.astimezone(BERLIN)
    return when


def _local(value: object, pattern: str) -> str:
    return _moment(value).strftime(QCoreApplication.translate(CONTEXT, pattern))


def _weekday(value: object) -> str:
    when = _moment(value)
    return "" if isinstance(when, time) else weekday_label(when.weekday())


def _part(value: object) -> str:
    """A ``{…:reason}`` param: a reason ``{"code", "params"}`` worded from its own
    template (desk's German when the code is unknown), any other value as it is."""
    if not isinstance(value, Mapping):
        return str(value)
    code, params = str(value.get("code")), value.get("params") or {}
    return reason_text(code, params) or german(code, params)


_SPECS: dict[str, Callable[[object], str]] = {
    "date": lambda v: _local(v, "%d.%m.%Y"),
    "datetime": lambda v: _local(v, "%d.%m.%Y %H:%M"),
    "time": lambda v: _local(v, "%H:%M"),
    "status": lambda v: status_label(str(v)),
    "word": lambda v: QCoreApplication.translate("labels", str(v)),
    "weekday": _weekday,
    "reason": _part,
}
_MARKED_PATTERNS = (
    QT_TRANSLATE_NOOP("Refusals", "%d.%m.%Y"),
    QT_TRANSLATE_NOOP("Refusals", "%d.%m.%Y %H:%M"),
    QT_TRANSLATE_NOOP("Refusals", "%H:%M"),
)


class _Worded(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        shown = _SPECS.get(format_spec)
        return shown(value) if shown is not None else super().format_field(value, format_spec)


def refusal_text(error: DeskError) -> str | None:
    """The refusal in the UI's language, or None for one without a known code (or a
    translation naming a param the refusal lacks: then desk's own words are shown)."""
    return None if error.code is None else reason_text(error.code, error.params)


def reason_text(code: str, params: Mapping[str, Any]) -> str | None:
    """A code with its params in the UI's language (a refusal, or a reason shown as a
    status), or None for an unknown code or a translation that does not fit."""
    template = TEMPLATES.get(code)
    if template is None:
        return None
    try:
        return _Worded().vformat(QCoreApplication.translate(CONTEXT, template), (), params)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return None


def status_reason_text(reason: Reason) -> str:
    """A reason shown on its own (a status line): its words, the first letter upper case."""
    said = reason_text(reason.code, reason.params) or str(reason)
    return said[:1].upper() + said[1:]


def conflict_text(detail: Mapping[str, Any]) -> str:
    """Why the central service refused an operation (a sync conflict's stored detail) in
    the UI's language: worded from its code; without one (an older conflict), as stored."""
    code, params = detail.get("code"), detail.get("params")
    said = None
    if isinstance(code, str) and isinstance(params, Mapping):
        said = reason_text(code, params)
    return said if said is not None else str(detail.get("reason", ""))
