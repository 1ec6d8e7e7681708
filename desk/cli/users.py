"""``buergerdesk user``: the city's IT lists, adds, locks and unlocks users and sets
passwords. Passwords are read hidden (or one line from stdin), never from an option."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from desk.cli.parser import Commands, add_now, add_url, not_utf8
from desk.cli.time import now_from
from desk.domain.errors import RequestRefused
from desk.domain.localtime import BERLIN
from desk.domain.status import ROLE_LABELS_DE, Role
from desk.services.admin.users import (
    UserRow,
    change_user,
    create_user,
    find_user,
    list_users,
    unlock_user,
)
from desk.services.admin.users import set_password as set_user_password
from desk.services.database import open_database

NOT_UTF8 = "Das Passwort ist kein gültiges UTF-8: nichts geändert"
STDIN_HELP = "Passwort als eine Zeile von der Standardeingabe (sonst verdeckt abgefragt)"


def register(commands: Commands) -> None:
    """Add the ``user`` command group."""
    group = commands.add_parser(
        "user",
        help="Benutzer verwalten (Sachbearbeitung, Teamleitung)",
        description="Benutzer der Schalter anlegen, sperren, entsperren und Passwörter "
        "setzen; jede Änderung steht im Protokoll. Mit einem Schalter, der synchronisiert, "
        "gilt das für die zentrale Datenbank (--url der zentralen Datenbank).",
    )
    actions = group.add_subparsers(dest="user_command", metavar="BEFEHL", required=True)
    show = actions.add_parser(
        "list", help="alle Benutzer ausgeben", description="Gibt alle Benutzer aus (nie ein "
        "Passwort): Benutzername, Name, Rolle, Standort, aktiv oder gesperrt.",
    )  # fmt: skip
    add_url(show)
    show.add_argument("--json", action="store_true", help="als JSON ausgeben")
    show.set_defaults(func=run_list)
    add = actions.add_parser(
        "add", help="einen Benutzer anlegen", description="Legt einen aktiven Benutzer an und "
        "fragt zweimal verdeckt nach seinem Passwort (mit --stdin: eine Zeile).",
    )  # fmt: skip
    add_url(add)
    add_now(add)
    add.add_argument("--username", required=True, metavar="NAME", help="Benutzername (Anmeldung)")
    add.add_argument("--display-name", required=True, metavar="TEXT", help="angezeigter Name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="Rolle")
    add.add_argument("--office", metavar="ID", help="Standort, z. B. bb-mitte (sonst alle)")
    add.add_argument("--stdin", action="store_true", help=STDIN_HELP)
    add.set_defaults(func=run_add)
    passwd = actions.add_parser(
        "passwd", help="ein neues Passwort setzen", description="Setzt das Passwort eines "
        "Benutzers (zweimal verdeckt abgefragt, mit --stdin eine Zeile).",
    )  # fmt: skip
    add_url(passwd)
    add_now(passwd)
    passwd.add_argument("--username", required=True, metavar="NAME", help="Benutzername")
    passwd.add_argument("--stdin", action="store_true", help=STDIN_HELP)
    passwd.set_defaults(func=run_passwd)
    for name, verb, active in (("disable", "sperren", False), ("enable", "entsperren", True)):
        lock = actions.add_parser(
            name, help=f"einen Benutzer {verb}", description=f"Einen Benutzer {verb}. Die "
            "letzte aktive Teamleitung kann nicht gesperrt werden.",
        )  # fmt: skip
        add_url(lock)
        add_now(lock)
        lock.add_argument("--username", required=True, metavar="NAME", help="Benutzername")
        lock.set_defaults(func=run_lock, active=active)
    unlock = actions.add_parser(
        "unlock", help="die Anmeldesperre nach Fehlversuchen aufheben", description="Hebt "
        "die Sperre auf, die nach fünf falschen Passwörtern 15 Minuten gilt (protokolliert).",
    )  # fmt: skip
    add_url(unlock)
    add_now(unlock)
    unlock.add_argument("--username", required=True, metavar="NAME", help="Benutzername")
    unlock.set_defaults(func=run_unlock)


def _line(row: UserRow) -> str:
    role = ROLE_LABELS_DE.get(row.role, row.role)
    state = "aktiv" if row.active else "gesperrt"
    if row.locked_until is not None:
        until = row.locked_until.astimezone(BERLIN).strftime("%H:%M")
        state += f", Anmeldung nach Fehlversuchen gesperrt bis {until} Uhr"
    return f"{row.username}\t{row.display_name}\t{role}\t{row.office_id or '–'}\t{state}"


def run_list(args: argparse.Namespace) -> int:
    """Print every user, one per line (tab-separated) or as JSON."""
    db = open_database(args.url)
    try:
        rows = list_users(db, user_id=None)
    finally:
        db.dispose()
    if args.json:
        document = [
            {"username": r.username, "display_name": r.display_name, "role": r.role,
             "office": r.office_id, "active": r.active,
             "locked_until": r.locked_until.isoformat() if r.locked_until else None}
            for r in rows
        ]  # fmt: skip
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print("Benutzername\tName\tRolle\tStandort\tStatus")
    for row in rows:
        print(_line(row))
    return 0


def _read_password(username: str, from_stdin: bool) -> str:
    """A new password: a line from stdin, or asked twice without echo; refused when it
    is not valid UTF-8."""
    try:
        if from_stdin or not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            try:
                password = getpass.getpass(f"Neues Passwort für {username}: ")
                repeated = getpass.getpass("Passwort wiederholen: ")
            except EOFError:
                password, repeated = "", ""
            if password != repeated:
                raise RequestRefused("Die Passwörter stimmen nicht überein: nichts geändert")
    except UnicodeDecodeError:
        raise RequestRefused(NOT_UTF8) from None
    if not_utf8(password):  # the bytes a lenient locale keeps (surrogateescape)
        raise RequestRefused(NOT_UTF8)
    if not password:
        raise RequestRefused("Kein Passwort eingegeben: nichts geändert")
    return password


def run_add(args: argparse.Namespace) -> int:
    """Add a user with a password read from the terminal or stdin."""
    now = now_from(args)
    password = _read_password(args.username.strip(), args.stdin)
    db = open_database(args.url)
    try:
        row = create_user(
            db, user_id=None, username=args.username, display_name=args.display_name,
            role=args.role, office_id=args.office, password=password, now=now,
        )  # fmt: skip
    finally:
        db.dispose()
    print(f"Benutzer {row.username} angelegt ({ROLE_LABELS_DE[row.role]}).")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    """Set a user's password."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        target = find_user(db, args.username)
        password = _read_password(target.username, args.stdin)
        set_user_password(db, user_id=None, target_id=target.id, password=password, now=now)
    finally:
        db.dispose()
    print(f"Passwort von {target.username} gesetzt.")
    return 0


def run_lock(args: argparse.Namespace) -> int:
    """Lock (disable) or unlock (enable) a user."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        target = find_user(db, args.username)
        change_user(db, user_id=None, target_id=target.id, active=args.active, now=now)
    finally:
        db.dispose()
    print(f"Benutzer {target.username} {'entsperrt' if args.active else 'gesperrt'}.")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    """Lift a user's lock after failed sign-ins."""
    now = now_from(args)
    db = open_database(args.url)
    try:
        target = find_user(db, args.username)
        unlock_user(db, user_id=None, target_id=target.id, now=now)
    finally:
        db.dispose()
    held = "aufgehoben" if target.locked_until is not None else "war nicht gesetzt"
    print(f"Anmeldesperre von {target.username} {held}.")
    return 0
