"""The team lead's statistics page on the demo city: the default period, charts holding
desk's numbers, the totals model under the model tester, the CSV export, errors shown in
the page."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog

from desk.services.offices import list_offices
from desk.services.reports.csv_export import statistics_csv
from desk.services.reports.statistics import office_statistics
from tests.ui.conftest import NOW
from ui.qt_dates import qdate
from ui.views.statistics_charts import (
    BARS,
    LABEL_POINTS,
    LINES,
    TITLE_POINTS,
    bar_value,
    line_value,
)
from ui.views.statistics_page import StatisticsPage, default_period

MITTE = "bb-mitte"


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (date(2024, 3, 20), (date(2024, 2, 19), date(2024, 3, 17))),  # Wednesday
        (date(2024, 3, 18), (date(2024, 2, 19), date(2024, 3, 17))),  # Monday
        (date(2024, 3, 24), (date(2024, 2, 19), date(2024, 3, 17))),  # Sunday
        (date(2024, 3, 25), (date(2024, 2, 26), date(2024, 3, 24))),
    ],
)
def test_the_default_period_is_the_last_four_full_weeks(today, period):
    assert default_period(today) == period


@pytest.fixture
def page(qtbot, ops, demo_sqlite_url, db_of):
    db = db_of(demo_sqlite_url)
    page = StatisticsPage(ops, db, list_offices(db), MITTE, lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.message.text() == "Wird berechnet …"
    assert not page.export_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        pass
    page.db = db
    return page


def test_opens_on_the_last_four_weeks_with_desks_numbers_in_the_charts(page, qtmodeltester):
    first, last = date(2024, 2, 19), date(2024, 3, 17)
    assert page.period == (first, last)
    assert page.office.currentData() == MITTE
    expected = office_statistics(page.db, MITTE, first, last)
    assert page.stats == expected
    assert expected.total.served > 0 and expected.total.ticket_wait.count > 0
    for key, _label, _colour in BARS:
        bars = page.days.sets[key]
        assert [bars.at(i) for i in range(bars.count())] == [
            bar_value(f, key) for f in expected.days
        ]
    for key, *_ in LINES:
        points = [(p.x(), p.y()) for p in page.waits.series[key].points()]
        wanted = [(i, line_value(f, key)) for i, f in enumerate(expected.days)]
        assert points == [(float(i), v) for i, v in wanted if v is not None]
        # Weekdays only; the demo's history begins on Wednesday 21 February.
        assert len(points) == 18
    tickets = page.hour_chart.sets["tickets"]
    counts = [tickets.at(i) for i in range(tickets.count())]
    shown = dict(zip(page.hour_chart.hours, counts, strict=True))
    assert shown[8] == expected.total.tickets_issued
    horizon = page.horizon_chart.bookings
    assert sum(horizon.at(i) for i in range(horizon.count())) == expected.total.booked_online
    qtmodeltester.check(page.model)
    values = {line.label: line.value for line in page.model.lines}
    assert values["Termine erledigt"] == str(expected.total.served)
    assert values["Termine gebucht (online)"] == str(expected.total.booked_online)
    assert page.model.rowCount() == len(page.model.lines) == 14
    assert page.export_button.isEnabled()
    assert "28 Tage" in page.message.text()


def test_chart_texts_are_smaller_than_the_apps_so_a_months_days_fit(page):
    app_points = QFont().pointSizeF()
    assert LABEL_POINTS < TITLE_POINTS < app_points
    charts = [page.days.chart, page.waits.chart, page.hour_chart.chart, page.horizon_chart.chart]
    for chart in charts:
        assert chart.titleFont().pointSizeF() == TITLE_POINTS
        assert chart.legend().font().pointSizeF() == LABEL_POINTS
        assert chart.axes()  # drawn
        for axis in chart.axes():
            assert axis.labelsFont().pointSizeF() == LABEL_POINTS


def test_another_office_and_period_are_computed_anew(qtbot, page):
    page.first.setDate(qdate(date(2024, 3, 4)))
    page.last.setDate(qdate(date(2024, 3, 8)))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.office.setCurrentIndex(page.office.findData("bb-nord"))
    assert page.stats is not None
    assert (page.stats.office_id, page.stats.first, page.stats.last) == (
        "bb-nord",
        date(2024, 3, 4),
        date(2024, 3, 8),
    )
    assert page.days.sets["served"].count() == 5


def test_csv_export_writes_the_same_csv_as_the_command_line(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "statistik.csv"
    asked = []

    def save_as(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    with qtbot.waitSignal(page.exported, timeout=10_000) as written:
        page.export_button.click()
    assert written.args == [str(target)]
    assert asked == ["statistik-bb-mitte-2024-02-19-2024-03-17.csv"]
    assert target.read_text(encoding="utf-8") == statistics_csv(page.stats)
    assert target.read_text(encoding="utf-8").splitlines()[-1].startswith("gesamt,")
    assert str(target) in page.message.text()


def test_a_period_that_ends_before_it_begins_is_explained_in_the_page(qtbot, page):
    page.first.setDate(qdate(date(2024, 3, 10)))
    page.last.setDate(qdate(date(2024, 3, 1)))
    with qtbot.waitSignal(page.refused, timeout=10_000) as refused:
        page.show_button.click()
    assert "nach seinem Ende" in refused.args[0]
    assert page.message.text() == refused.args[0]
    assert page.stats is None and not page.export_button.isEnabled()
    assert page.show_button.isEnabled()
