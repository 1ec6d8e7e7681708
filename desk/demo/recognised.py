"""Whether a database is the demo city's, decided from its data: the ``demo`` command
refuses to write demo users (and their known password) into a real database, and the
sign-in names the demo users only where they are all there is."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from desk.demo.city import DEMO_PASSWORD, OFFICES, USERS, demo_id
from desk.domain.errors import RequestRefused
from desk.domain.passwords import verify_password
from desk.domain.status import Role
from desk.services.database import DeskDatabase
from desk.store.models import Office, User
from desk.store.uow import UnitOfWork

DEMO_OFFICES = frozenset(o.id for o in OFFICES)
#: The demo users by their stable id: a user of the same name made by an admin has
#: another (random) id and is not the demo city's.
DEMO_USERS = {demo_id("user", u.username): u.username for u in USERS}
SHOWN = 3  # foreign names named in the refusal


@dataclass(frozen=True)
class ForeignContent:
    """Offices and users of a database that are not the demo city's (sorted)."""

    offices: tuple[str, ...]
    users: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.offices or self.users)

    def reason(self) -> str:
        """One German line: what is there, and how to seed anyway."""
        found = [
            *(f"Standort {o}" for o in self.offices[:SHOWN]),
            *(f"Benutzer {u}" for u in self.users[:SHOWN]),
        ]
        more = len(self.offices) + len(self.users) - len(found)
        named = ", ".join(found) + (f" und {more} weitere" if more > 0 else "")
        return (
            f"Die Datenbank enthält schon Daten, die nicht zur Demo-Stadt gehören ({named}): "
            "keine Demo-Daten (Benutzer mit bekanntem Passwort) in eine echte Datenbank – "
            "für eine Schulungsdatenbank mit --force"
        )


@dataclass(frozen=True)
class DemoAccounts:
    """The demo users to name at the sign-in, and their password."""

    team_leads: tuple[str, ...]
    clerks: tuple[str, ...]
    password: str


def foreign_content(db: DeskDatabase) -> ForeignContent:
    """The offices and users that are not the demo city's."""
    with UnitOfWork(db.engine) as uow:
        offices = uow.session.scalars(select(Office.id).order_by(Office.id)).all()
        users = uow.session.execute(select(User.id, User.username).order_by(User.username))
        return ForeignContent(
            tuple(o for o in offices if o not in DEMO_OFFICES),
            tuple(name for uid, name in users if DEMO_USERS.get(uid) != name),
        )


def refuse_foreign_content(db: DeskDatabase) -> None:
    """RequestRefused if seeding the demo city would mix it into a real database."""
    foreign = foreign_content(db)
    if foreign:
        raise RequestRefused(foreign.reason())


def demo_accounts(db: DeskDatabase) -> DemoAccounts | None:
    """The demo users and their password, if this is a demo database: all offices and
    users are the demo city's, and the demo password still opens the first demo user's
    account (one hash check; a changed password shows nothing). None otherwise."""
    with UnitOfWork(db.engine) as uow:
        offices = set(uow.session.scalars(select(Office.id)))
        users = uow.session.execute(
            select(User.id, User.username, User.role, User.password_hash, User.active)
        ).all()
    if not offices or not offices <= DEMO_OFFICES or not users:
        return None
    if any(DEMO_USERS.get(uid) != name for uid, name, *_rest in users):
        return None
    first: uuid.UUID = demo_id("user", USERS[0].username)
    stored = next((row for row in users if row[0] == first), None)
    if stored is None or not stored[4] or not verify_password(DEMO_PASSWORD, stored[3]):
        return None
    order = {u.username: n for n, u in enumerate(USERS)}
    active = sorted((row for row in users if row[4]), key=lambda row: order.get(row[1], len(order)))
    return DemoAccounts(
        team_leads=tuple(row[1] for row in active if row[2] == Role.TEAM_LEAD),
        clerks=tuple(row[1] for row in active if row[2] == Role.CLERK),
        password=DEMO_PASSWORD,
    )
