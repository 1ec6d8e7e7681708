"""Qt fixtures: isolated settings and a main window on a given database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desk.domain.clock import Clock, FixedClock
from desk.domain.localtime import parse_now
from desk.services.database import DeskDatabase, open_database
from ui.gui import make_application
from ui.ops import Ops
from ui.views.main_window import MainWindow

NOW = parse_now("2024-03-20T10:30")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """QSettings in a temporary INI file, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ops(qapp) -> Iterator[Ops]:
    """The background operations queue, shut down after the test."""
    make_application()
    queue = Ops()
    yield queue
    queue.shutdown()


@pytest.fixture
def make_window(ops: Ops, qtbot, settings: QSettings) -> Callable[..., MainWindow]:
    """Factory: a shown MainWindow opening ``url`` (or any opener) in the background,
    its clock standing at NOW (``clock=`` another one).

    ``ops`` comes before ``qtbot`` so that it is shut down after qtbot closed the
    windows, and the close handlers' dispose operations still run."""

    def make(
        url: str | None = None,
        opener: Callable[[], DeskDatabase] | None = None,
        clock: Clock | None = None,
        **options: object,
    ) -> MainWindow:
        def open_db() -> DeskDatabase:
            assert url is not None
            return open_database(url)

        window = MainWindow(
            ops, settings, opener or open_db, clock or FixedClock(NOW), show_dialogs=False,
            **options,  # type: ignore[arg-type]
        )  # fmt: skip
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        return window

    return make


@pytest.fixture
def db_of() -> Iterator[Callable[[str], DeskDatabase]]:
    """Opens databases for a test's own checks; all disposed afterwards."""
    opened: list[DeskDatabase] = []

    def open_(url: str) -> DeskDatabase:
        opened.append(open_database(url))
        return opened[-1]

    yield open_
    for db in opened:
        db.dispose()
