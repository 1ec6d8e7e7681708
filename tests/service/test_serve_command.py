"""``buergerdesk serve`` refuses what would weaken it, in one line with exit 2; its
nightly housekeeping anonymises by the server's clock and never what is not over."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk.domain.localtime import BERLIN
from desk.domain.status import Channel
from desk.server.housekeeping import nightly
from desk.services.admin.retention import PLACEHOLDER
from desk.services.appointments.booking import book, suggestions
from desk.store.models import Appointment
from tests.service_fixtures import SCRIPT
from tests.sync.conftest import NOW, SERVICE, get, slot


def serve(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"BUERGERDESK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--listen", "0.0.0.0:8443"], "Ohne TLS nur auf 127.0.0.1"),
        (["--listen", "10.1.2.3:8443"], "Ohne TLS nur auf 127.0.0.1"),
        (["--listen", "127.0.0.1"], "HOST:PORT"),
        (["--listen", "127.0.0.1:70000"], "HOST:PORT"),
        (["--listen", "127.0.0.1:8443", "--tls-cert", "/nirgends.pem"], "gehören zusammen"),
        (["--listen", "127.0.0.1:8443", "--retention-days", "-1"], "retention-days"),
    ],
)
def test_serve_refuses_in_one_line(args: list[str], reason: str, tmp_path: Path) -> None:
    done = serve("--url", "postgresql+psycopg://x@127.0.0.1:1/nichts", *args, tmp_path=tmp_path)
    assert done.returncode == 2, done.stderr
    assert reason in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_serve_refuses_a_sqlite_database(tmp_path: Path, sqlite_url: str) -> None:
    from desk.services.database import upgrade_database

    upgrade_database(sqlite_url)
    done = serve("--url", sqlite_url, "--listen", "127.0.0.1:8443", tmp_path=tmp_path)
    assert done.returncode == 2 and "PostgreSQL" in done.stderr, done.stderr


def test_the_nightly_round_anonymises_by_the_servers_clock_only_what_is_over(
    central_factory,
) -> None:
    city = central_factory({"bb-nacht": 1})
    old = book(city.db, "bb-nacht", SERVICE, slot(NOW.date() + timedelta(days=1), 9), "Alt", NOW)
    real = datetime.now(BERLIN)
    coming = suggestions(city.db, "bb-nacht", SERVICE, real, days=14, limit=1)[0]
    new = book(city.db, "bb-nacht", SERVICE, coming.start, "Kommt", real, channel=Channel.PHONE)

    nightly(city.db, retention_days=0)  # by the real clock: 2024 is long over

    old_row, new_row = get(city.db, Appointment, old.id), get(city.db, Appointment, new.id)
    assert isinstance(old_row, Appointment) and old_row.citizen_name == PLACEHOLDER
    assert isinstance(new_row, Appointment) and new_row.citizen_name == "Kommt"
