"""``buergerdesk sync`` reaches a central server that demands a password, with the
password from the OS keyring, from libpq's password file or from a service file, and
with [central] of config.toml instead of ``--central``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL

from desk.services.database import upgrade_database
from tests.cli.config_support import DeskCommand
from tests.conftest import ThrowawayCluster, _pg_bindir

USER, PASSWORD, DATABASE = "schalter", "Zentral Geheim:42", "zentrale"


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayCluster]:
    """A cluster of its own: trust for the admin, scram-sha-256 for everybody else."""
    bindir = _pg_bindir()
    assert bindir is not None, "initdb/pg_ctl not found"
    cluster = ThrowawayCluster(bindir)
    try:
        cluster.start()
        (cluster.datadir / "pg_hba.conf").write_text(
            "local all postgres trust\n"
            "host all postgres 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        admin = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")
            conn.execute(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}'")
            conn.execute(f"CREATE DATABASE {DATABASE} OWNER {USER}")
        owner = URL.create("postgresql+psycopg", USER, PASSWORD, "127.0.0.1", cluster.port)
        upgrade_database(owner.set(database=DATABASE).render_as_string(hide_password=False))
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def desk(tmp_path: Path) -> DeskCommand:
    command = DeskCommand(tmp_path)
    upgrade_database(f"sqlite:///{tmp_path / 'schalter.sqlite'}")
    return command


def central(server: ThrowawayCluster) -> str:
    return f'[central]\nhost = "127.0.0.1"\nport = {server.port}\ndatabase = "{DATABASE}"\n'


def sync(desk: DeskCommand, **options: object):
    local = f"sqlite:///{desk.data.parent / 'schalter.sqlite'}"
    return desk("sync", "--url", local, "--once", "--now", "2024-03-20T10:30", **options)


def test_the_keyrings_password_reaches_the_central_server(server, desk):
    desk.config(f'{central(server)}user = "{USER}"\n')
    assert desk("config", "set-password", stdin=f"{PASSWORD}\n").returncode == 0

    done = sync(desk)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("abgeglichen: ")
    assert PASSWORD not in done.stdout + done.stderr


def test_without_a_password_the_server_refuses_in_one_line(server, desk):
    desk.config(f'{central(server)}user = "{USER}"\n')

    done = sync(desk, keyring=False)

    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "nicht erreichbar" in line
    assert "Traceback" not in done.stdout + done.stderr


def test_libpqs_password_file_serves_where_no_keyring_exists(server, desk):
    desk.config(f'{central(server)}user = "{USER}"\n')
    pgpass = desk.data / "pgpass"
    escaped = PASSWORD.replace("\\", "\\\\").replace(":", "\\:")  # libpq's rule
    pgpass.write_text(f"127.0.0.1:{server.port}:{DATABASE}:{USER}:{escaped}\n")
    pgpass.chmod(0o600)

    done = sync(desk, keyring=False, PGPASSFILE=str(pgpass))

    assert done.returncode == 0, done.stderr


def test_a_service_file_names_the_server_and_holds_the_password(server, desk):
    desk.config('[central]\nservice = "zentrale"\n')
    services = desk.data / "pg_service.conf"
    services.write_text(
        f"[zentrale]\nhost=127.0.0.1\nport={server.port}\ndbname={DATABASE}\nuser={USER}\n"
        f"password={PASSWORD}\n"
    )

    done = sync(desk, keyring=False, PGSERVICEFILE=str(services))

    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
