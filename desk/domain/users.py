"""Rules for user accounts: valid user names, names, roles and passwords.

Pure checks (no session): each refusal names the field it belongs to, so a form can
show the message next to that field and the command line prints it as one line.
"""

from __future__ import annotations

import re

from desk.domain.common_passwords import is_common
from desk.domain.errors import RequestRefused
from desk.domain.names import name_problem
from desk.domain.status import Role

USERNAME_MIN, USERNAME_MAX = 3, 60
DISPLAY_NAME_MAX = 120
PASSWORD_MIN = 10
PASSWORD_MAX = 200
_USERNAME = re.compile(r"[A-Za-z0-9._-]+")


class UserInvalid(RequestRefused):
    """A user change was refused; ``field`` names the input the message belongs to
    (username, display_name, role, office, active, password)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def checked_username(username: str) -> str:
    """The user name without surrounding blanks, or UserInvalid("username")."""
    name = username.strip()
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX:
        raise UserInvalid(
            "username",
            f"Benutzername: {USERNAME_MIN} bis {USERNAME_MAX} Zeichen nötig (jetzt {len(name)})",
        )
    if not _USERNAME.fullmatch(name):
        raise UserInvalid(
            "username",
            "Benutzername: nur Buchstaben a–z, Ziffern und . - _ (keine Leerzeichen, "
            "keine Umlaute)",
        )
    return name


def checked_display_name(display_name: str) -> str:
    """The display name without surrounding blanks, or UserInvalid("display_name")."""
    name = " ".join(display_name.split())
    if not name:
        raise UserInvalid("display_name", "Name: bitte angeben")
    if len(name) > DISPLAY_NAME_MAX:
        raise UserInvalid("display_name", f"Name: höchstens {DISPLAY_NAME_MAX} Zeichen")
    problem = name_problem(name)
    if problem is not None:
        raise UserInvalid("display_name", f"Name: {problem}")
    return name


def checked_role(role: str) -> Role:
    """The role as a Role, or UserInvalid("role")."""
    try:
        return Role(role)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise UserInvalid("role", f"Rolle: unbekannt {role!r} (möglich: {known})") from None


def check_password(password: str, username: str) -> None:
    """Refuse a password that is too short, too long, the user name itself or a common
    one (NIST SP 800-63B: length and a blocklist, no composition rules)."""
    if len(password) < PASSWORD_MIN:
        raise UserInvalid("password", f"Passwort: mindestens {PASSWORD_MIN} Zeichen nötig")
    if len(password) > PASSWORD_MAX:
        raise UserInvalid("password", f"Passwort: höchstens {PASSWORD_MAX} Zeichen")
    if password.strip().casefold() == username.strip().casefold():
        raise UserInvalid("password", "Passwort: darf nicht der Benutzername sein")
    if is_common(password):
        raise UserInvalid(
            "password", "Passwort: zu häufig verwendet und leicht zu erraten; bitte ein anderes"
        )


def last_lead_refusal(username: str) -> str:
    """Why the last active team lead cannot be deactivated or made a clerk."""
    return (
        f"{username} ist die letzte aktive Teamleitung und kann weder gesperrt noch zur "
        "Sachbearbeitung gemacht werden; zuerst eine andere Teamleitung anlegen"
    )
