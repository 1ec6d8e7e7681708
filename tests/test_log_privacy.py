"""No personal data in the log: a whole demo session at DEBUG level — the demo city on a
central PostgreSQL behind the central service (``buergerdesk serve``), a counter enrolled
with it and its SQLite kept in sync through it, portal bookings and a cancellation,
walk-in tickets issued and called, a booking typed into the GUI's booking dialog — and
then not one citizen's name or phone number, nor the device's token, may be found in the
log files of the counter or of the service."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from desk.config import DATA_DIR_ENV
from desk.demo.bookings import FIRST_NAMES, LAST_NAMES
from desk.device_credential import credential_file
from desk.domain.localtime import parse_now
from desk.logs import (
    LEVEL_ENV,
    StructuredFormatter,
    configure_logging,
    start_rotating,
    stop_logging,
)
from desk.services.database import open_database
from desk.store.models import Appointment
from desk.store.uow import UnitOfWork
from tests.service_fixtures import Service, Tls, start_service, stop_service
from tests.sync.conftest import Central

SCRIPT = Path(sys.executable).with_name("buergerdesk")
NOW = "2024-03-20T10:30"
WALK_IN_HOUR = "2024-03-21T08:10"
PORTAL_NAME = "Quirinius Zwetschgenbaum"
CANCELLED_NAME = "Walburga Rhabarberstrauch"
GUI_NAME = "Ottokar Himbeerhecke"
GUI_PHONE = "0176 5550123"
GUI_EMAIL = "ottokar.himbeerhecke@example.org"


@pytest.fixture
def session_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Data and logs in tmp_path, DEBUG level, for the subprocesses and this process."""
    data = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    monkeypatch.setenv(LEVEL_ENV, "DEBUG")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")  # no keyring:
    yield data / "logs"  # the device's token stays in device.json, never the machine's keyring
    stop_logging()


@contextmanager
def serving(central: str, tls: Tls, folder: Path) -> Iterator[Service]:
    """``buergerdesk serve --training`` over the (migrated) central database, with its own
    data folder and logs in ``folder`` (at DEBUG level as well)."""
    folder.mkdir()
    db = open_database(central)
    started = start_service(Central(central, db), tls, training=True, log=folder / "serve.log")
    try:
        yield started
    finally:
        stop_service(started)
        db.dispose()


@pytest.fixture
def cli(session_env: Path) -> Callable[..., str]:
    """Run ``buergerdesk ARGS``; it must succeed; returns its stdout."""

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(SCRIPT), *args], capture_output=True, text=True, env=dict(os.environ), timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


def book_in_the_gui(qtbot, local_url: str, settings_file: Path, log_dir: Path) -> None:
    """The clerk app on the counter's database: a booking typed into the booking dialog."""
    from desk.domain.clock import FixedClock
    from ui.gui import make_application
    from ui.ops import Ops
    from ui.views.main_window import MainWindow

    stop_logging()  # a handler left by an earlier in-process command writes elsewhere
    assert configure_logging() == log_dir / "buergerdesk.log"  # as the app does at start
    assert logging.getLogger().isEnabledFor(logging.DEBUG)
    make_application()
    ops = Ops()
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(
        ops,
        settings,
        lambda: open_database(local_url),
        FixedClock(parse_now(NOW)),
        office_id="bb-mitte",
        counter_number=1,
        show_dialogs=False,
    )
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    dialog = window.open_booking()
    assert dialog is not None
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.offers), timeout=10_000)
    dialog.name_edit.insert(GUI_NAME)
    dialog.phone_edit.insert(GUI_PHONE)
    dialog.email_edit.insert(GUI_EMAIL)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()
    assert dialog.booking is not None and dialog.booking.citizen_name == GUI_NAME
    window.close()
    ops.shutdown()
    stop_logging()


def booked_centrally(url: str, name: str) -> int:
    """How many appointments of ``name`` the central database holds."""
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            query = select(func.count()).where(Appointment.citizen_name == name)
            return int(uow.session.scalar(query) or 0)
    finally:
        db.dispose()


def personal_data_in(text: str) -> list[str]:
    """Every demo or test citizen's name, name part or phone number found in ``text``."""
    words = {*FIRST_NAMES, *LAST_NAMES}
    for name in (PORTAL_NAME, CANCELLED_NAME, GUI_NAME):
        words.update(name.split())
    found = [w for w in sorted(words) if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    found += re.findall(r"0345 \d{6}", text)
    found += [s for s in (GUI_PHONE, GUI_EMAIL, "himbeerhecke") if s in text.lower()]
    return found


def test_a_full_demo_session_logs_no_citizen_names_or_contact_data(
    qtbot, qapp, cli, session_env, pg_url, tls, tmp_path
):
    central, local = pg_url, f"sqlite:///{tmp_path / 'schalter.sqlite'}"
    cli("db", "upgrade", "--url", central)  # on the server, with the database URL
    cli("demo", "--url", central, "--now", NOW)
    with serving(central, tls, tmp_path / "serve") as service:
        added = cli("device", "add", "--url", central, "--office", "bb-mitte", "--counter", "1",
                    "--kind", "counter", "--json")  # fmt: skip
        code = json.loads(added)["code"]
        cli("enroll", "--central", service.url, "--code", code, "--ca", str(service.ca))  # the PC
        token = json.loads(credential_file().read_text(encoding="utf-8"))["token"]
        cli("db", "upgrade", "--url", local)
        cli("sync", "--url", local, "--central", service.url, "--once", "--now", NOW)

        where = ("--office", "bb-mitte", "--service", "abholung", "--now", NOW)
        slots = json.loads(cli("portal", "slots", "--url", central, *where, "--json"))
        first, second = (offer["start"] for offer in slots["slots"][:2])
        kept = json.loads(
            cli("portal", "book", "--url", central, *where, "--start", first, "--name", PORTAL_NAME,
                "--json")
        )  # fmt: skip
        dropped = json.loads(
            cli("portal", "book", "--url", central, *where, "--start", second, "--name",
                CANCELLED_NAME, "--json")
        )  # fmt: skip
        cli("portal", "cancel", "--url", central, "--code", dropped["code"], "--now", NOW)
        assert kept["code"] != dropped["code"]

        walk_in = ("--office", "bb-mitte", "--now", WALK_IN_HOUR)
        cli("walkin", "issue", "--url", local, *walk_in, "--reason", "verlust_diebstahl")
        cli("walkin", "issue", "--url", local, *walk_in)
        cli("walkin", "call", "--url", local, *walk_in, "--counter", "1")

        book_in_the_gui(qtbot, local, tmp_path / "settings.ini", session_env)
        cli("sync", "--url", local, "--once", "--now", NOW)  # the enrolled service by default
        assert booked_centrally(central, GUI_NAME) == 1  # the GUI's booking went out by sync

    logs = sorted(session_env.glob("buergerdesk.log*"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in logs)
    assert "logger=alembic.runtime.migration" in text  # the subprocesses wrote here
    assert "logger=desk.sync.engine" in text
    assert personal_data_in(text) == []
    served = sorted((tmp_path / "serve" / "data" / "logs").glob("buergerdesk.log*"))
    server_text = "\n".join(p.read_text(encoding="utf-8") for p in [*served, service.log])
    assert served and "Zentraler Dienst auf https://127.0.0.1:" in server_text  # its files too
    assert personal_data_in(server_text) == []
    assert token not in text + server_text


# ------------------------------------------------------------------ the log's form


def test_a_log_line_is_structured_with_time_level_logger_event_and_fields():
    record = logging.LogRecord("desk.sync", logging.INFO, __file__, 1, "round done", (), None)
    record.fields = {"uploaded": 3, "office": "bb-mitte", "reason": 'zwei "Wörter"'}
    line = StructuredFormatter().format(record)
    stamp, rest = line.split(" ", 1)
    assert parse_now(stamp).utcoffset() is not None  # ISO 8601 with offset
    assert rest == (
        'level=INFO logger=desk.sync event="round done" uploaded=3 office=bb-mitte '
        'reason="zwei \\"Wörter\\""'
    )


def test_sql_parameters_and_passwords_are_masked_even_in_tracebacks():
    try:
        raise RuntimeError(
            "(psycopg.errors.UniqueViolation) doppelt\n[SQL: INSERT INTO appointment ...]\n"
            "[parameters: {'citizen_name': 'Ottokar Himbeerhecke'}]\n"
            "postgresql+psycopg://desk:geheim@zentrale/db host=z password=geheim"
        )
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = StructuredFormatter().format(record)
    assert "Traceback" in line and "[parameters: ***]" in line
    assert "Himbeerhecke" not in line and "geheim" not in line
    assert "postgresql+psycopg://desk:***@zentrale/db" in line


def test_the_log_rotates_at_two_megabytes_keeping_five_and_takes_its_level_from_the_env(
    session_env,
):
    stop_logging()
    before = logging.getLogger().level
    assert configure_logging() == session_env / "buergerdesk.log"
    assert configure_logging() == session_env / "buergerdesk.log"  # once per process
    [handler] = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert (handler.maxBytes, handler.backupCount) == (2 * 1024 * 1024, 5)
    assert logging.getLogger().level == logging.DEBUG  # BUERGERDESK_LOG_LEVEL=DEBUG
    assert not logging.getLogger("sqlalchemy.engine").isEnabledFor(logging.INFO)
    assert not logging.getLogger("keyring.backend").isEnabledFor(logging.INFO)
    stop_logging()
    assert logging.getLogger().level == before
    assert not [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]


def test_the_gui_starts_on_a_plain_handler_and_rotates_once_painted_losing_no_line(
    session_env,
):
    stop_logging()
    before = logging.getLogger().level
    log_file = configure_logging(rotate_later=True)
    assert log_file == session_env / "buergerdesk.log"
    [plain] = [h for h in logging.getLogger().handlers if getattr(h, "buergerdesk", False)]
    assert isinstance(plain, logging.FileHandler) and not isinstance(plain, RotatingFileHandler)
    logging.getLogger("ui.gui").info("before the first paint")

    start_rotating()
    start_rotating()  # once is enough
    logging.getLogger("ui.gui").info("after the first paint")

    ours = [h for h in logging.getLogger().handlers if getattr(h, "buergerdesk", False)]
    assert len(ours) == 1 and isinstance(ours[0], RotatingFileHandler)
    assert ours[0].baseFilename == plain.baseFilename
    assert configure_logging() == log_file  # configured already
    text = log_file.read_text(encoding="utf-8")
    assert text.count('event="before the first paint"') == 1
    assert text.count('event="after the first paint"') == 1
    stop_logging()
    assert logging.getLogger().level == before
