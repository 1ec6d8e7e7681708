"""Help → Über Bürgerdesk shows the one version of the package, the database in use and
where data and log live."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import PySide6
import pytest

import desk
from desk.config import DATA_DIR_ENV
from ui.dialogs.about_dialog import AboutDialog


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "daten"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def test_the_about_dialog_shows_the_package_version_and_the_files_in_use(qtbot, data_dir):
    dialog = AboutDialog("postgresql+psycopg://desk:***@zentrale/buergerdesk")
    qtbot.addWidget(dialog)
    facts = {key: label.text() for key, label in dialog.facts.items()}
    assert facts["version"] == desk.__version__
    assert facts["database"] == "postgresql+psycopg://desk:***@zentrale/buergerdesk"
    assert facts["data_dir"] == str(data_dir)
    assert facts["log_file"] == str(data_dir / "logs" / "buergerdesk.log")
    assert facts["qt"].endswith(PySide6.__version__)
    assert facts["python"].startswith("3.")


def test_the_help_menu_opens_it_with_the_open_database(
    qtbot, make_window, demo_sqlite_url, tmp_path, data_dir
):
    copy = tmp_path / "demo.sqlite"
    source = demo_sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    window = make_window(f"sqlite:///{copy}", office_id="bb-mitte", counter_number=1)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    assert window.about_action.text() == "Ü&ber Bürgerdesk …"

    window.about_action.trigger()

    [dialog] = window.findChildren(AboutDialog)
    assert dialog.isVisible()
    assert dialog.facts["version"].text() == desk.__version__
    assert dialog.facts["database"].text() == window.database.display_url
    assert str(copy) in dialog.facts["database"].text()
    dialog.close()
