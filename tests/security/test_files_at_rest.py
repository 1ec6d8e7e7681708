"""Data at rest on a counter PC (issue 16): every file the app writes — the local database
with its -wal/-shm, backups, a damaged copy kept aside and the operations exported from
it, ticket PDFs, a statistics CSV, the log, Qt's settings, the device credential — is
readable by its OS user only: 0600 files in 0700 folders. Another user of the PC (a
colleague's account, a service) reads none of it.

The command line and the app run as real processes with the usual umask 022; the
writers called in this process run with it too, so each of them must make its file
private by itself, not only through the umask the commands set.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QFileDialog

from desk.config import DATA_DIR_ENV
from desk.device_credential import DeviceCredential, save_credential
from desk.domain.localtime import BERLIN
from desk.services.offices import list_offices
from desk.store.integrity import ensure_intact
from desk.store.outbox_rescue import RescuedOp, export_ops
from tests.conftest import DEMO_NOW_ISO
from tests.ui.conftest import NOW, db_of, make_window, ops, settings  # noqa: F401 (fixtures)
from ui.printing.ticket import print_ticket
from ui.views.statistics_page import StatisticsPage

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes are POSIX; see the README")

SCRIPT = Path(sys.executable).with_name("buergerdesk")
USUAL_UMASK = 0o022


def modes(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` (itself too) with its mode, as text."""
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def too_open(root: Path) -> dict[str, str]:
    """What under ``root`` is not 0600 (files) or 0700 (folders); sockets are Qt's."""
    wide = {}
    for name, mode in modes(root).items():
        path = root / name
        wanted = 0o700 if path.is_dir() else 0o600
        if int(mode, 8) != wanted and not path.is_socket():
            wide[name] = mode
    return wide


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The PC user's home for Qt and platformdirs (XDG folders), itself 0700."""
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def data(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder (not made yet: the app makes it), for subprocesses and this one."""
    folder = tmp_path / "daten"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    for name in ("CONFIG", "CACHE", "DATA", "STATE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / name.lower()))
    return folder


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=180,
        umask=USUAL_UMASK,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def local_url(data: Path) -> str:
    return f"sqlite:///{data / 'buergerdesk.sqlite'}"


def test_what_the_commands_and_the_app_write_is_no_other_users_business(data: Path, home: Path):
    url = local_url(data)
    run("db", "upgrade", "--url", url)
    run("demo", "--url", url, "--now", DEMO_NOW_ISO)
    run("walkin", "issue", "--url", url, "--office", "bb-mitte", "--now", "2024-03-20T08:10")
    run("backup", "--url", url)
    run("retention", "run", "--url", url, "--now", DEMO_NOW_ISO)
    run("stats", "--url", url, "--office", "bb-mitte", "--from", "2024-03-01", "--to", "2024-03-20")
    run("--smoke")  # the app on the standalone database: start check, window, settings

    written = modes(data)
    assert {"buergerdesk.sqlite", "logs/buergerdesk.log", "buergerdesk.sqlite.lock"} <= set(written)
    assert [name for name in written if name.startswith("backups/")]
    assert too_open(data) == {}
    assert too_open(home) == {}


def test_a_repair_its_export_the_credential_a_ticket_pdf_and_a_csv_are_private(
    qtbot,
    make_window,  # noqa: F811
    ops,  # noqa: F811
    db_of,  # noqa: F811
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    old_umask = os.umask(USUAL_UMASK)  # this process: the writers must not rely on it
    try:
        run("db", "upgrade", "--url", local_url(data))
        run("demo", "--url", local_url(data), "--now", DEMO_NOW_ISO)
        run("backup", "--url", local_url(data))

        # a damaged database: kept aside, the backup restored, leftovers exported
        damaged = data / "ersatz.sqlite"
        damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
        damaged.chmod(0o600)
        report = ensure_intact(damaged, data / "backups", datetime.now(BERLIN))
        assert report.damaged_copy is not None
        op = RescuedOp(1, "x", "book", "bb-mitte", "y", "{}", "2024-03-20", "kaputt")
        export_ops([op], damaged, report.damaged_copy, datetime.now(BERLIN))

        # the device credential on a PC without a keyring: the token in the file
        credential = DeviceCredential("https://z:8443", "d-1", "bb-mitte", "counter", 1, "t", None)
        before = keyring.get_keyring()
        keyring.set_keyring(fail.Keyring())
        try:
            save_credential(credential)
        finally:
            keyring.set_keyring(before)

        # a ticket slip as a PDF in the data folder (a PC without a printer)
        window = make_window(local_url(data))
        printer = window.ticket_printer()
        if not printer.outputFileName():
            pytest.skip("this PC has a printer: tickets go there, not to a PDF")
        print_ticket(printer, "W-001", "Bürgerbüro Mitte", datetime.now(BERLIN), "Anmeldung", 5)

        # the statistics page's CSV export, saved into the data folder
        db = db_of(local_url(data))
        page = StatisticsPage(ops, db, list_offices(db), "bb-mitte", lambda: NOW)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.loaded, timeout=30_000):
            pass
        target = data / "statistik.csv"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), ""))
        )
        with qtbot.waitSignal(page.exported, timeout=10_000):
            page.export_button.click()
    finally:
        os.umask(old_umask)

    written = modes(data)
    assert [name for name in written if ".beschaedigt-" in name]
    assert [name for name in written if ".ausstehend-" in name]
    assert [name for name in written if name.startswith("tickets/") and name.endswith(".pdf")]
    assert {"device.json", "statistik.csv"} <= set(written)
    assert too_open(data) == {}


def test_files_and_folders_left_world_readable_are_tightened_on_the_next_start(data: Path):
    url = local_url(data)
    run("db", "upgrade", "--url", url)
    run("demo", "--url", url, "--now", DEMO_NOW_ISO)
    run("backup", "--url", url)
    (data / "config.toml").write_text('holidays_state = "ST"\n', encoding="utf-8")
    # an older version, a copy by hand or a careless admin left them open to everyone
    for path in (
        data,
        data / "backups",
        data / "logs",
        data / "buergerdesk.sqlite",
        data / "logs" / "buergerdesk.log",
        data / "config.toml",
        *(data / "backups").iterdir(),
    ):
        path.chmod(0o777 if path.is_dir() else 0o644)
    assert too_open(data)

    run("walkin", "issue", "--url", url, "--office", "bb-mitte", "--now", "2024-03-20T08:10")
    run("backup", "--url", url)
    run("--smoke")  # reads config.toml

    assert too_open(data) == {}
