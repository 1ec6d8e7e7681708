"""Checks of a citizen's contact fields, one message per field (for the booking dialog)."""

from __future__ import annotations

import re

from desk.domain.names import name_fault
from desk.domain.refusals import Reason

MAX_NAME = 300
MAX_PHONE = 40
MAX_EMAIL = 254
MAX_NOTES = 4000
PHONE = re.compile(r"^\+?[0-9 ()/\-]{3,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _control(value: str) -> bool:
    return any((ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" for c in value)


def contact_faults(name: str, phone: str, email: str, notes: str) -> dict[str, Reason]:
    """Field name ("name", "phone", "email", "notes") → what is wrong, by code (worded
    in the UI's language by the caller); empty when all is fine.

    The name is required and kept as given; phone and e-mail are optional but,
    when given, must look like a phone number and an address.
    """
    faults: dict[str, Reason] = {}
    if not name.strip():
        faults["name"] = Reason.of("field_name_missing")
    elif len(name) > MAX_NAME:
        faults["name"] = Reason.of("field_too_long", limit=MAX_NAME)
    elif (fault := name_fault(name)) is not None:
        faults["name"] = Reason.of("field_name_invalid", problem=fault)
    if phone.strip():
        if len(phone) > MAX_PHONE:
            faults["phone"] = Reason.of("field_too_long", limit=MAX_PHONE)
        elif not PHONE.match(phone.strip()):
            faults["phone"] = Reason.of("field_phone_invalid")
    if email.strip():
        if len(email) > MAX_EMAIL:
            faults["email"] = Reason.of("field_too_long", limit=MAX_EMAIL)
        elif not EMAIL.match(email.strip()):
            faults["email"] = Reason.of("field_email_invalid")
    if len(notes) > MAX_NOTES:
        faults["notes"] = Reason.of("field_too_long", limit=MAX_NOTES)
    elif _control(notes):
        faults["notes"] = Reason.of("field_control_chars")
    return faults


def contact_problems(name: str, phone: str, email: str, notes: str) -> dict[str, str]:
    """:func:`contact_faults` in German: field name → what is wrong."""
    return {key: str(fault) for key, fault in contact_faults(name, phone, email, notes).items()}
