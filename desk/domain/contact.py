"""Checks of a citizen's contact fields, one message per field (for the booking dialog)."""

from __future__ import annotations

import re

from desk.domain.names import name_problem

MAX_NAME = 300
MAX_PHONE = 40
MAX_EMAIL = 254
MAX_NOTES = 4000
PHONE = re.compile(r"^\+?[0-9 ()/\-]{3,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _control(value: str) -> bool:
    return any((ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" for c in value)


def contact_problems(name: str, phone: str, email: str, notes: str) -> dict[str, str]:
    """Field name ("name", "phone", "email", "notes") → what is wrong; empty when all is fine.

    The name is required and kept as given; phone and e-mail are optional but,
    when given, must look like a phone number and an address.
    """
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Bitte den Namen angeben."
    elif len(name) > MAX_NAME:
        problems["name"] = f"Höchstens {MAX_NAME} Zeichen."
    elif (problem := name_problem(name)) is not None:
        problems["name"] = f"Der Name {problem}."
    if phone.strip():
        if len(phone) > MAX_PHONE:
            problems["phone"] = f"Höchstens {MAX_PHONE} Zeichen."
        elif not PHONE.match(phone.strip()):
            problems["phone"] = "Bitte nur Ziffern, Leerzeichen, + - / ( ) – z. B. 0345 123456."
    if email.strip():
        if len(email) > MAX_EMAIL:
            problems["email"] = f"Höchstens {MAX_EMAIL} Zeichen."
        elif not EMAIL.match(email.strip()):
            problems["email"] = "Keine gültige E-Mail-Adresse (z. B. name@beispiel.de)."
    if len(notes) > MAX_NOTES:
        problems["notes"] = f"Höchstens {MAX_NOTES} Zeichen."
    elif _control(notes):
        problems["notes"] = "Enthält unzulässige Steuerzeichen."
    return problems
