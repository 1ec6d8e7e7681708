"""Personalbedarf Sprechstunde on the demo city (four weeks of walk-in history before
Wednesday 2024-03-20 10:30): the table Monday–Friday, the target spin boxes recompute
it with Erlang C without reading the database again, understaffed days in words."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.domain import erlang
from desk.services.database import DeskDatabase, open_database
from desk.services.walkin.staffing import MAX_COUNTERS, staffing_advice
from desk.store.models import Counter, OpeningTemplate
from desk.store.uow import UnitOfWork
from tests.ui.conftest import NOW
from tests.ui.walkin_support import MITTE, MITTE_NAME, copy_of
from ui.models.staffing_model import NEEDED, PLANNED, SHARE, VERDICT
from ui.ops import Ops
from ui.views.staffing_panel import StaffingPanel

#: Counters staffed per weekday in a copy of the demo city whose other counters' templates
#: of that weekday are taken away (the demo staffs all six of bb-mitte every weekday).
WALK_IN_COUNTERS = {0: 5, 1: 2, 2: 5, 3: 3, 4: 4}


@pytest.fixture
def staffed_url(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A copy of the demo city with only the first n counters staffed per weekday."""
    url = copy_of(demo_sqlite_url, tmp_path / "staffed.sqlite")
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            s = uow.session
            numbers = {
                cid: number
                for cid, number in s.execute(
                    select(Counter.id, Counter.number).where(Counter.office_id == MITTE)
                )
            }
            for template in s.scalars(
                select(OpeningTemplate).where(OpeningTemplate.office_id == MITTE)
            ):
                if numbers[template.counter_id] > WALK_IN_COUNTERS.get(template.weekday, 0):
                    s.delete(template)
            uow.commit()
    finally:
        db.dispose()
    return url


@pytest.fixture
def panel_on(ops: Ops, qtbot) -> Iterator[Callable[[DeskDatabase, str], StaffingPanel]]:
    """Factory: a shown StaffingPanel with its first load delivered."""

    def make(db: DeskDatabase, office_id: str = MITTE) -> StaffingPanel:
        panel = StaffingPanel(ops, db, office_id, lambda: NOW)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            panel.resize(1000, 500)
            panel.show()
        return panel

    yield make


def needed_column(panel: StaffingPanel) -> list[str]:
    model = panel.model
    return [model.index(r, NEEDED).data() for r in range(model.rowCount())]


def test_table_shows_monday_to_friday_as_the_service_measures_them(
    panel_on, db_of, demo_sqlite_url: str, qtmodeltester
) -> None:
    db = db_of(demo_sqlite_url)
    panel = panel_on(db)
    qtmodeltester.check(panel.model)
    expected = staffing_advice(db, MITTE, NOW, weeks=8)
    assert panel.advice == expected
    assert MITTE_NAME in panel.title.text()
    model = panel.model
    assert [model.index(r, 0).data() for r in range(5)] == [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
    ]
    for row, day in enumerate(expected.days):
        demand = day.demand
        assert demand.days_observed >= 4  # four weeks of history, no holiday among them
        needed = erlang.counters_needed(
            demand.arrivals_per_hour, demand.service_minutes, 0.8, 20, MAX_COUNTERS
        )
        assert needed_column(panel)[row] == str(needed)
        shown = float(model.index(row, 1).data().replace(",", "."))  # German decimal comma
        assert shown == pytest.approx(demand.arrivals_per_hour, abs=0.051)
    # the demo city staffs its six counters from 8:00 (walk-in hour), appointments from 9:00
    assert [model.index(r, PLANNED).data() for r in range(5)] == ["6"] * 5
    for row, day in enumerate(expected.days):
        assert ("unterbesetzt" in model.index(row, VERDICT).data()) == day.understaffed


def test_changing_the_target_recomputes_needed_counters_without_reading_again(
    panel_on, db_of, staffed_url: str, ops: Ops, qtbot, qtmodeltester
) -> None:
    panel = panel_on(db_of(staffed_url))
    assert panel.advice is not None
    demands = [d.demand for d in panel.advice.days]
    assert [d.planned_counters for d in demands] == list(WALK_IN_COUNTERS.values())
    before = needed_column(panel)
    with qtbot.waitSignal(panel.recomputed, timeout=1000):
        panel.target.setValue(99)
    assert ops.pending == 0  # Erlang on the loaded numbers, no database read
    after = needed_column(panel)
    assert after == [
        str(erlang.counters_needed(d.arrivals_per_hour, d.service_minutes, 0.99, 20, MAX_COUNTERS))
        for d in demands
    ]
    assert after != before
    with qtbot.waitSignal(panel.recomputed, timeout=1000):
        panel.threshold.setValue(5)
    assert "≤ 5 min" in panel.model.headerData(5, Qt.Orientation.Horizontal)
    assert needed_column(panel) == [
        str(erlang.counters_needed(d.arrivals_per_hour, d.service_minutes, 0.99, 5, MAX_COUNTERS))
        for d in demands
    ]
    qtmodeltester.check(panel.model)


def test_understaffed_and_overloaded_days_are_marked_in_words(
    panel_on, db_of, staffed_url: str
) -> None:
    panel = panel_on(db_of(staffed_url))
    model = panel.model
    assert panel.advice is not None
    for row, day in enumerate(panel.advice.days):
        verdict = model.index(row, VERDICT)
        assert verdict.data() == ("⚠ unterbesetzt" if day.understaffed else "✓ ausreichend")
        overloaded = day.demand.planned_counters <= day.traffic
        assert ("überlastet" in model.index(row, SHARE).data()) == overloaded
    flags = [d.understaffed for d in panel.advice.days]
    assert True in flags and False in flags  # Tuesday's 2 counters are too few, Monday's 5 do
    assert "Unterbesetzt" in panel.summary.text()


def test_another_office_loads_and_an_office_without_walk_in_hour_is_refused(
    panel_on, db_of, demo_sqlite_url: str, qtbot
) -> None:
    panel = panel_on(db_of(demo_sqlite_url))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_office("bb-nord")
    assert "Bürgerbüro Nord" in panel.title.text()
    with qtbot.waitSignal(panel.refused, timeout=10_000) as refused:
        panel.set_office("standesamt")
    assert "keine Sprechstunde ohne Termin" in refused.args[0]
    assert panel.message.text() == refused.args[0]
    assert panel.model.rowCount() == 0
