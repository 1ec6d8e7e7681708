"""Rules for user accounts: valid user names, names, roles and passwords.

Pure checks (no session): each refusal names the field it belongs to, so a form can
show the message next to that field and the command line prints it as one line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from desk.domain.common_passwords import is_common
from desk.domain.errors import RequestRefused
from desk.domain.names import name_fault
from desk.domain.status import Role

USERNAME_MIN, USERNAME_MAX = 3, 60
DISPLAY_NAME_MAX = 120
PASSWORD_MIN = 10
PASSWORD_MAX = 200
_USERNAME = re.compile(r"[A-Za-z0-9._-]+")


class UserInvalid(RequestRefused):
    """A user change was refused; ``field`` names the input the message belongs to
    (username, display_name, role, office, active, password)."""

    def __init__(
        self,
        field_name: str,
        message: str = "",
        *,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.field = field_name


def checked_username(username: str) -> str:
    """The user name without surrounding blanks, or UserInvalid("username")."""
    name = username.strip()
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX:
        raise UserInvalid(
            "username",
            code="username_length",
            params={"low": USERNAME_MIN, "high": USERNAME_MAX, "now": len(name)},
        )
    if not _USERNAME.fullmatch(name):
        raise UserInvalid(
            "username",
            code="username_characters",
        )
    return name


def checked_display_name(display_name: str) -> str:
    """The display name without surrounding blanks, or UserInvalid("display_name")."""
    name = " ".join(display_name.split())
    if not name:
        raise UserInvalid("display_name", code="display_name_missing")
    if len(name) > DISPLAY_NAME_MAX:
        raise UserInvalid(
            "display_name", code="display_name_too_long", params={"limit": DISPLAY_NAME_MAX}
        )
    problem = name_fault(name)
    if problem is not None:
        raise UserInvalid("display_name", code="display_name_invalid", params={"problem": problem})
    return name


def checked_role(role: str) -> Role:
    """The role as a Role, or UserInvalid("role")."""
    try:
        return Role(role)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise UserInvalid(
            "role", code="unknown_role", params={"role": role, "known": known}
        ) from None


def check_password(password: str, username: str) -> None:
    """Refuse a password that is too short, too long, the user name itself or a common
    one (NIST SP 800-63B: length and a blocklist, no composition rules)."""
    if len(password) < PASSWORD_MIN:
        raise UserInvalid("password", code="password_too_short", params={"limit": PASSWORD_MIN})
    if len(password) > PASSWORD_MAX:
        raise UserInvalid("password", code="password_too_long", params={"limit": PASSWORD_MAX})
    if password.strip().casefold() == username.strip().casefold():
        raise UserInvalid("password", code="password_is_username")
    if is_common(password):
        raise UserInvalid("password", code="password_common")
