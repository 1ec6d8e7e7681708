"""Attack (or slip): `buergerdesk demo --url` aimed at the city's real database plants
the demo users with their well-known password (``teamleitung``/``demo``: a team lead).
Refused: a database holding any office or user that is not the demo city's gets one
German line and exit 2, and nothing is written; ``--force`` is for training databases.
And the app's first start seeds only its own embedded standalone database."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.demo.city import DEMO_PASSWORD, OFFICES, USERS
from desk.domain.passwords import hash_password
from desk.services.database import open_database, upgrade_database
from desk.store.models import Base, Office, User
from desk.store.uow import UnitOfWork

SCRIPT = Path(sys.executable).with_name("buergerdesk")
NOW = "2024-03-20T10:30"


def demo(url: str, folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real console script: ``buergerdesk demo --url URL --now NOW [extra]``."""
    env = dict(os.environ, BUERGERDESK_DATA_DIR=str(folder / "data"))
    return subprocess.run(
        [str(SCRIPT), "demo", "--url", url, "--now", NOW, *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def rows(url: str) -> dict[str, int]:
    """How many rows each table holds."""
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            return {
                name: uow.session.scalar(select(func.count()).select_from(table)) or 0
                for name, table in Base.metadata.tables.items()
            }
    finally:
        db.dispose()


def add_real(url: str, *, office: bool = False, user: str | None = None) -> None:
    """What a city's own database holds: its own office, its own users (random ids;
    even a user named like a demo user is not the demo city's)."""
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            if office:
                uow.session.add(
                    Office(
                        id="buergeramt-altstadt",
                        name="Bürgeramt Altstadt",
                        kind="buergerbuero",
                        street="Markt 1",
                        postcode="39104",
                        city="Magdeburg",
                        state="ST",
                        timezone="Europe/Berlin",
                        ticket_prefix="W",
                    )
                )
            if user:
                uow.session.add(
                    User(
                        id=uuid.uuid4(),
                        username=user,
                        display_name="Leitung Bürgeramt",
                        role="team_lead",
                        password_hash=hash_password("ein-echtes-Passwort-2024"),
                        office_id=None,
                        active=True,
                    )
                )
            uow.commit()
    finally:
        db.dispose()


def offices_and_users(url: str) -> tuple[set[str], set[str]]:
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            return (
                set(uow.session.scalars(select(Office.id))),
                set(uow.session.scalars(select(User.username))),
            )
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("office", "user"),
    [(True, None), (False, "teamleitung"), (True, "leitung.altstadt")],
    ids=["real office", "real user named like a demo user", "both"],
)
def test_demo_into_a_real_database_is_refused_and_writes_nothing(db_url, tmp_path, office, user):
    upgrade_database(db_url)
    add_real(db_url, office=office, user=user)
    before = rows(db_url)

    done = demo(db_url, tmp_path)

    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("buergerdesk: Die Datenbank enthält schon Daten, die nicht zur")
    assert ("Standort buergeramt-altstadt" in line) is office
    assert (f"Benutzer {user}" in line) is bool(user)
    assert "--force" in line
    assert rows(db_url) == before  # nothing written


def test_with_force_a_training_database_gets_the_demo_city_beside_its_own(db_url, tmp_path):
    upgrade_database(db_url)
    add_real(db_url, office=True, user="leitung.altstadt")

    done = demo(db_url, tmp_path, "--force")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Demo-Stadt eingetragen (")
    offices, users = offices_and_users(db_url)
    assert offices == {"buergeramt-altstadt", *(o.id for o in OFFICES)}
    assert users == {"leitung.altstadt", *(u.username for u in USERS)}


def test_an_empty_database_gets_the_demo_city_and_a_second_run_adds_nothing(db_url, tmp_path):
    upgrade_database(db_url)

    first = demo(db_url, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Demo-Stadt eingetragen (")
    seeded = rows(db_url)

    again = demo(db_url, tmp_path)  # the demo city is not foreign to itself
    assert again.returncode == 0, again.stderr
    assert again.stdout == "Demo-Stadt ist bereits vollständig eingetragen.\n"
    assert rows(db_url) == seeded
    offices, users = offices_and_users(db_url)
    assert offices == {o.id for o in OFFICES} and users == {u.username for u in USERS}
    assert DEMO_PASSWORD  # the demo users' password comes from the demo module only


def test_the_app_seeds_only_its_own_standalone_database(qapp, sqlite_url, tmp_path, monkeypatch):
    """A configured database (--url or local_database) is opened as it is: the first
    start never puts the demo city into it; only the embedded standalone one gets it."""
    from desk.config import paths
    from ui.gui import build_window

    monkeypatch.setenv("BUERGERDESK_DATA_DIR", str(tmp_path / "data"))
    upgrade_database(sqlite_url)
    args = argparse.Namespace(url=sqlite_url, now=NOW, office=None, counter=None, smoke=True)
    for url in (sqlite_url, None):  # configured, then none: the embedded database
        args.url = url
        _app, ops, window = build_window(args)
        try:
            window._open_db().dispose()  # what the worker runs at the start
        finally:
            window.close()
            ops.shutdown()
        if url is not None:
            assert offices_and_users(sqlite_url) == (set(), set())
            assert not paths().standalone_db.exists()
    offices, users = offices_and_users(paths().standalone_url)
    assert offices == {o.id for o in OFFICES} and users == {u.username for u in USERS}
