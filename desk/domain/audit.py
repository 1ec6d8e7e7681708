"""What the audit log records: the kinds of change, with their German names.

Audit rows never carry personal data (no citizen names, contact data or notes):
they name the appointment or ticket by id and display code only.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    """One kind of audited change (DESIGN.md §6: capacity, calls, no-shows, cancellations)."""

    APPOINTMENT_CALL = "appointment.call"
    APPOINTMENT_RECALL = "appointment.recall"
    APPOINTMENT_NO_SHOW = "appointment.no_show"
    APPOINTMENT_CANCEL = "appointment.cancel"
    APPOINTMENT_NO_SHOW_UNDONE = "appointment.no_show_undone"
    TICKET_CALL = "ticket.call"
    TICKET_RECALL = "ticket.recall"
    TICKET_NO_SHOW = "ticket.no_show"
    TICKET_NO_SHOW_UNDONE = "ticket.no_show_undone"
    OPENING_TEMPLATE = "capacity.opening_template"
    SLOT_LENGTH = "capacity.slot_length"
    BOOKING_POLICY = "capacity.booking_policy"
    WALK_IN_QUOTA = "capacity.walk_in_quota"
    CLOSURE = "capacity.closure"
    RELEASE_SLOT = "capacity.release_slot"
    USER = "user.change"
    DEVICE_ADD = "device.add"
    DEVICE_ENROLL = "device.enroll"
    DEVICE_REVOKE = "device.revoke"
    SIGN_IN_LOCK = "sign_in.lock"
    SIGN_IN_UNLOCK = "sign_in.unlock"


AUDIT_LABELS_DE: dict[str, str] = {
    AuditAction.APPOINTMENT_CALL: "Termin aufgerufen",
    AuditAction.APPOINTMENT_RECALL: "Termin erneut aufgerufen",
    AuditAction.APPOINTMENT_NO_SHOW: "Termin nicht erschienen",
    AuditAction.APPOINTMENT_CANCEL: "Termin abgesagt",
    AuditAction.APPOINTMENT_NO_SHOW_UNDONE: "Termin: „nicht erschienen“ zurückgenommen",
    AuditAction.TICKET_CALL: "Wartenummer aufgerufen",
    AuditAction.TICKET_RECALL: "Wartenummer erneut aufgerufen",
    AuditAction.TICKET_NO_SHOW: "Wartenummer nicht erschienen",
    AuditAction.TICKET_NO_SHOW_UNDONE: "Wartenummer: „nicht erschienen“ zurückgenommen",
    AuditAction.OPENING_TEMPLATE: "Öffnungszeiten geändert",
    AuditAction.SLOT_LENGTH: "Terminlänge geändert",
    AuditAction.BOOKING_POLICY: "Buchungsfenster geändert",
    AuditAction.WALK_IN_QUOTA: "Kontingent geändert",
    AuditAction.CLOSURE: "Schließzeit geändert",
    AuditAction.RELEASE_SLOT: "Zusätzlicher Termin freigegeben",
    AuditAction.USER: "Benutzer geändert",
    AuditAction.DEVICE_ADD: "Gerät registriert",
    AuditAction.DEVICE_ENROLL: "Gerät angemeldet",
    AuditAction.DEVICE_REVOKE: "Gerät gesperrt",
    AuditAction.SIGN_IN_LOCK: "Anmeldung nach Fehlversuchen gesperrt",
    AuditAction.SIGN_IN_UNLOCK: "Anmeldesperre aufgehoben",
}
