"""Shared fixtures: real databases (SQLite file and PostgreSQL) for every test.

PostgreSQL server selection, in order:

1. ``BUERGERDESK_TEST_PG``: a SQLAlchemy URL of an admin database on a server
   of your own, e.g. ``postgresql+psycopg://postgres@db.example:5432/postgres``.
2. A server answering on 127.0.0.1:5432 as user ``postgres`` (trust auth).
3. A throwaway cluster made with ``initdb`` in a temporary directory for this
   session (run as the ``postgres`` user when pytest runs as root).

``BUERGERDESK_TEST_PG_THROWAWAY=1`` skips step 2 and always uses a throwaway
cluster (to test that path, or to keep tests off a shared server). In a parallel run
(``make test`` runs pytest-xdist) every worker skips step 2 where initdb is found: a
cluster of its own keeps the workers' open transactions out of each other's prunes.
Without any working server the tests fail; they are never skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL, make_url

#: The central service's fixtures for every test folder (tests/service, sync, ui).
pytest_plugins = ["tests.service_fixtures"]

LOCAL_PROBE = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
LOCAL_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def libpq_conninfo(url: str | URL) -> str:
    """Turn a SQLAlchemy URL into a libpq URI that psycopg accepts."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _local_server_answers() -> bool:
    try:
        with psycopg.connect(LOCAL_PROBE, connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


def _pg_bindir() -> Path | None:
    """Directory holding initdb and pg_ctl, preferring ``pg_config --bindir``."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if out.returncode == 0:
            candidates.append(Path(out.stdout.strip()))

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", Path(path).parent.name))

    candidates += [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    ]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary directory, alive for one session."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.datadir = Path(tempfile.mkdtemp(prefix="bd-pg-"))
        self.port = _free_port()
        if self.as_root:
            # initdb and pg_ctl refuse to run as root.
            pw = pwd.getpwnam("postgres")
            os.chown(self.datadir, pw.pw_uid, pw.pw_gid)

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / tool), *args]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60)

    def start(self) -> None:
        d = str(self.datadir)
        init_args = ["-D", d, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]
        init = self._run("initdb", *init_args, "--no-sync")
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{init.stdout}{init.stderr}")
        options = f"-p {self.port} -k {d} -c listen_addresses=127.0.0.1"
        started = self._run("pg_ctl", "-D", d, "-l", f"{d}/log", "-w", "-o", options, "start")
        if started.returncode != 0:
            logfile = self.datadir / "log"
            log = logfile.read_text(errors="replace") if logfile.exists() else ""
            raise RuntimeError(f"pg_ctl start failed:\n{started.stdout}{started.stderr}{log}")

    def stop(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.datadir), "stop", "-m", "fast")
        shutil.rmtree(self.datadir, ignore_errors=True)

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """SQLAlchemy URL of an admin database (``postgres``) on a usable server."""
    configured = os.environ.get("BUERGERDESK_TEST_PG")
    if configured:
        yield configured
        return
    # Each worker of a parallel run (pytest-xdist) gets a cluster of its own: the change
    # log's prune deletes only rows older than every open transaction of the whole cluster
    # (pg_snapshot_xmin), so workers sharing one would hold back each other's prunes.
    own_cluster = os.environ.get("BUERGERDESK_TEST_PG_THROWAWAY") == "1" or (
        "PYTEST_XDIST_WORKER" in os.environ and _pg_bindir() is not None
    )
    if not own_cluster and _local_server_answers():
        yield LOCAL_ADMIN_URL
        return

    bindir = _pg_bindir()
    if bindir is None:
        pytest.fail(
            "No PostgreSQL for the tests: BUERGERDESK_TEST_PG is unset, nothing answers on "
            "127.0.0.1:5432 and no initdb/pg_ctl was found (install the Debian package "
            "'postgresql', e.g. via scripts/ensure-system-packages test).",
            pytrace=False,
        )
    try:
        cluster = ThrowawayCluster(bindir)
    except (OSError, KeyError) as exc:  # KeyError: no postgres user to run initdb as root
        pytest.fail(f"Could not prepare a throwaway PostgreSQL cluster: {exc!r}", pytrace=False)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        cluster.stop()
        pytest.fail(
            f"Could not start a throwaway PostgreSQL cluster with {bindir}: {exc}", pytrace=False
        )
    try:
        yield cluster.admin_url
    finally:
        cluster.stop()


@pytest.fixture
def pg_database_factory(pg_admin_url: str) -> Iterator[Callable[[], str]]:
    """Callable making fresh, empty PostgreSQL databases; all dropped after the test."""
    admin = libpq_conninfo(pg_admin_url)
    names: list[str] = []

    def create() -> str:
        name = f"bd_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        names.append(name)
        return make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)

    yield create
    if names:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


@pytest.fixture
def pg_url(pg_database_factory: Callable[[], str]) -> str:
    """SQLAlchemy URL of a fresh, empty PostgreSQL database, dropped afterwards."""
    return pg_database_factory()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """SQLAlchemy URL of an SQLite file in the test's temporary directory."""
    return f"sqlite:///{tmp_path / 'buergerdesk.db'}"


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test once on SQLite and once on PostgreSQL."""
    fixture = {"sqlite": "sqlite_url", "postgresql": "pg_url"}[request.param]
    return str(request.getfixturevalue(fixture))


# --------------------------------------------------------------------------
# The demo city, seeded once per session on each backend (read-only use).

#: A fixed "now" for seeded demo data: a Wednesday after the policy change.
DEMO_NOW_ISO = "2024-03-20T10:30"


@pytest.fixture(scope="session")
def demo_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file migrated and seeded with the demo city at DEMO_NOW_ISO."""
    from desk.demo.seed import seed_demo_city
    from desk.domain.localtime import parse_now
    from desk.services.database import open_database, upgrade_database

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    upgrade_database(url)
    db = open_database(url)
    seed_demo_city(db, parse_now(DEMO_NOW_ISO))
    db.dispose()
    return url


@pytest.fixture(scope="session")
def demo_pg_url(pg_admin_url: str) -> Iterator[str]:
    """A PostgreSQL database migrated and seeded with the demo city at DEMO_NOW_ISO."""
    from desk.demo.seed import seed_demo_city
    from desk.domain.localtime import parse_now
    from desk.services.database import open_database, upgrade_database

    name = f"bd_demo_{uuid.uuid4().hex[:12]}"
    admin = libpq_conninfo(pg_admin_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    db = open_database(url)
    seed_demo_city(db, parse_now(DEMO_NOW_ISO))
    db.dispose()
    yield url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_url(request: pytest.FixtureRequest) -> str:
    """The seeded demo database on each backend (do not write to it)."""
    return str(
        request.getfixturevalue(f"demo_{'sqlite' if request.param == 'sqlite' else 'pg'}_url")
    )
