"""The statistics page's charts (QtCharts): appointments per day as bars, waits as lines.

Each chart keeps its series by key, so tests and the page can read the numbers shown.
Days without a measured wait have no point; the line joins the days around them.
Texts name their context "StatisticsCharts" literally (pyside6-lupdate reads only literals).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from ui.qt_dates import qdate

if TYPE_CHECKING:
    from desk.services.reports.statistics import Figures, OfficeStatistics

#: The colours of appointments and of tickets, in every chart (≥ 3:1 on the white
#: background, WCAG 1.4.11).
APPOINTMENTS = "#4c78a8"
TICKETS = "#c66a00"
#: (key, label, colour) of the bars per day.
BARS = (
    ("online", QT_TRANSLATE_NOOP("StatisticsCharts", "gebucht online"), APPOINTMENTS),
    ("internal", QT_TRANSLATE_NOOP("StatisticsCharts", "gebucht intern"), "#7e63b8"),
    ("served", QT_TRANSLATE_NOOP("StatisticsCharts", "erledigt"), "#54a24b"),
    ("no_show", QT_TRANSLATE_NOOP("StatisticsCharts", "nicht erschienen"), "#e45756"),
)
#: (key, label, colour, dashed) of the wait lines.
LINES = (
    ("ticket_mean", QT_TRANSLATE_NOOP("StatisticsCharts", "Wartenummer Ø"), TICKETS, False),
    ("ticket_p90", QT_TRANSLATE_NOOP("StatisticsCharts", "Wartenummer P90"), TICKETS, True),
    ("appointment_mean", QT_TRANSLATE_NOOP("StatisticsCharts", "Termin Ø"), APPOINTMENTS, False),
    ("appointment_p90", QT_TRANSLATE_NOOP("StatisticsCharts", "Termin P90"), APPOINTMENTS, True),
)


def bar_value(figures: Figures, key: str) -> int:
    """The bar of a day: booked online or internally, served, no-show."""
    return {
        "online": figures.booked_online,
        "internal": figures.booked_internal,
        "served": figures.served,
        "no_show": figures.no_show,
    }[key]


def line_value(figures: Figures, key: str) -> float | None:
    """The wait of a day in minutes (None: nothing measured)."""
    summary = figures.ticket_wait if key.startswith("ticket") else figures.appointment_wait
    return summary.mean if key.endswith("mean") else summary.p90


def day_labels(stats: OfficeStatistics) -> list[str]:
    """'Mo 18.03.' per day (short weekday of the current locale)."""
    locale = QLocale()
    return [locale.toString(qdate(f.day), "ddd dd.MM.") for f in stats.days if f.day]


def horizon_label(low: int, high: int | None) -> str:
    """'0', '2–3', 'ab 184' (days booked ahead) in the UI's language."""
    if high is None:
        return QCoreApplication.translate("StatisticsCharts", "ab {0}").format(low)
    return str(low) if low == high else f"{low}–{high}"


# Chart texts (points), smaller than the app's 11 pt: a month's day labels must fit
# below the bars, or the chart shows "⋮" instead of them.
TITLE_POINTS, LABEL_POINTS = 9.0, 8.0


def chart_font(points: float) -> QFont:
    """The application's font at ``points``."""
    font = QFont()
    font.setPointSizeF(points)
    return font


def _add_axis(chart: QChart, axis: QBarCategoryAxis | QValueAxis, where: Qt.AlignmentFlag) -> None:
    axis.setLabelsFont(chart_font(LABEL_POINTS))
    chart.addAxis(axis, where)


def _chart_view(chart: QChart) -> QChartView:
    chart.setTitleFont(chart_font(TITLE_POINTS))
    chart.legend().setFont(chart_font(LABEL_POINTS))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    view = QChartView(chart)
    view.setAccessibleName(chart.title())  # a screen reader says the title, then this:
    view.setAccessibleDescription(
        QCoreApplication.translate(
            "StatisticsCharts", "Grafik. Die Summen des Zeitraums stehen in der Tabelle daneben."
        )
    )
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


class DayChart:
    """Bars per day: booked online, booked internally, served, no-show."""

    def __init__(self) -> None:
        self.chart = QChart()
        self.chart.setTitle(QCoreApplication.translate("StatisticsCharts", "Termine je Tag"))
        self.view = _chart_view(self.chart)
        self.sets: dict[str, QBarSet] = {}

    def show(self, stats: OfficeStatistics) -> None:
        """Draw the period's days."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QBarSeries()
        self.sets = {}
        for key, label, colour in BARS:
            bars = QBarSet(QCoreApplication.translate("StatisticsCharts", label))
            bars.setColor(QColor(colour))
            bars.setBorderColor(QColor(colour))
            bars.append([float(bar_value(f, key)) for f in stats.days])
            series.append(bars)
            self.sets[key] = bars
        self.chart.addSeries(series)
        days = QBarCategoryAxis()
        days.append(day_labels(stats))
        days.setLabelsAngle(-90)
        _add_axis(self.chart, days, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(days)
        counts = QValueAxis()
        top = max((bar_value(f, k) for f in stats.days for k, _, _ in BARS), default=0)
        counts.setRange(0, max(5, top * 1.1))
        counts.applyNiceNumbers()
        counts.setLabelFormat("%d")
        _add_axis(self.chart, counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(counts)


class WaitChart:
    """Lines per day: mean and p90 wait of walk-in tickets and of appointments."""

    def __init__(self) -> None:
        self.chart = QChart()
        self.chart.setTitle(
            QCoreApplication.translate("StatisticsCharts", "Wartezeiten je Tag (Minuten)")
        )
        self.view = _chart_view(self.chart)
        self.series: dict[str, QLineSeries] = {}

    def show(self, stats: OfficeStatistics) -> None:
        """Draw the period's waits."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        days = QBarCategoryAxis()
        days.append(day_labels(stats))
        days.setLabelsAngle(-90)
        _add_axis(self.chart, days, Qt.AlignmentFlag.AlignBottom)
        minutes = QValueAxis()
        minutes.setLabelFormat("%d")
        _add_axis(self.chart, minutes, Qt.AlignmentFlag.AlignLeft)
        self.series = {}
        top = 0.0
        for key, label, colour, dashed in LINES:
            line = QLineSeries()
            line.setName(QCoreApplication.translate("StatisticsCharts", label))
            pen = QPen(QColor(colour), 2)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            line.setPointsVisible(True)
            for i, figures in enumerate(stats.days):
                value = line_value(figures, key)
                if value is not None:
                    line.append(float(i), value)
                    top = max(top, value)
            self.chart.addSeries(line)
            line.attachAxis(days)
            line.attachAxis(minutes)
            self.series[key] = line
        minutes.setRange(0, max(10.0, top * 1.1))
        minutes.applyNiceNumbers()


def _simple_bars(chart: QChart, categories: list[str], sets: list[QBarSet]) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    series = QBarSeries()
    for bars in sets:
        series.append(bars)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(categories)
    _add_axis(chart, axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    counts = QValueAxis()
    top = max((b.at(i) for b in sets for i in range(b.count())), default=0.0)
    counts.setRange(0, max(5.0, top * 1.1))
    counts.applyNiceNumbers()
    counts.setLabelFormat("%d")
    _add_axis(chart, counts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(counts)


class HourChart:
    """Bars per local hour (from the first to the last hour with any): appointments
    (not cancelled) by their start, tickets by their issue."""

    def __init__(self) -> None:
        self.chart = QChart()
        self.chart.setTitle(
            QCoreApplication.translate("StatisticsCharts", "Je Uhrzeit (Beginn bzw. Ausgabe)")
        )
        self.view = _chart_view(self.chart)
        self.view.setMinimumHeight(180)
        self.sets: dict[str, QBarSet] = {}
        self.hours: list[int] = []

    def show(self, stats: OfficeStatistics) -> None:
        """Draw the period's hours."""
        busy = [h.hour for h in stats.hours if h.appointments or h.tickets]
        self.hours = list(range(min(busy), max(busy) + 1)) if busy else []
        appointments = QBarSet(QCoreApplication.translate("StatisticsCharts", "Termine"))
        appointments.setColor(QColor(APPOINTMENTS))
        tickets = QBarSet(QCoreApplication.translate("StatisticsCharts", "Wartenummern"))
        tickets.setColor(QColor(TICKETS))
        for hour in self.hours:
            appointments.append(float(stats.hours[hour].appointments))
            tickets.append(float(stats.hours[hour].tickets))
        self.sets = {"appointments": appointments, "tickets": tickets}
        _simple_bars(self.chart, [f"{h}" for h in self.hours], [appointments, tickets])


class HorizonChart:
    """Bars of online bookings by days booked ahead."""

    def __init__(self) -> None:
        self.chart = QChart()
        self.chart.setTitle(
            QCoreApplication.translate("StatisticsCharts", "Online gebucht … Tage im Voraus")
        )
        self.view = _chart_view(self.chart)
        self.view.setMinimumHeight(180)
        self.bookings = QBarSet(QCoreApplication.translate("StatisticsCharts", "Online-Buchungen"))

    def show(self, stats: OfficeStatistics) -> None:
        """Draw the period's horizon buckets."""
        self.bookings = QBarSet(QCoreApplication.translate("StatisticsCharts", "Online-Buchungen"))
        self.bookings.setColor(QColor(APPOINTMENTS))
        self.bookings.append([float(b.count) for b in stats.horizon])
        labels = [horizon_label(b.low, b.high) for b in stats.horizon]
        _simple_bars(self.chart, labels, [self.bookings])
        self.chart.legend().hide()
