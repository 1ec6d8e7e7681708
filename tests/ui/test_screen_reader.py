"""The signed-in day and the booking dialog read through AT-SPI, the interface Orca
reads (BITV 2.0 / EN 301 549 ch. 11, issue 18).

The app runs under its own Xvfb, in a D-Bus session with the accessibility bus; a
reader on the distribution's Python (pyatspi) signs in through the login dialog,
reads the day, goes round it with Tab, opens the booking dialog, reads it and listens
for its announced refusal (tests/ui/screen_reader/). On a machine without what it
needs the test fails and names what is missing.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk.domain.cells import CELL_LABELS_DE, CellKind
from desk.domain.status import STATUS_LABELS_DE
from tests.ui.screen_reader.session import missing, read_app

Node = dict[str, Any]
#: Objects that hold controls; Qt marks some focusable because they pass the focus on.
CONTAINERS = {"filler", "panel", "layered pane", "split pane", "scroll pane", "viewport"}
FREE = {CELL_LABELS_DE[kind] for kind in CellKind if kind is not CellKind.BOOKED}
STATES = "|".join(re.escape(label) for label in STATUS_LABELS_DE.values())
#: "09:00–09:30 Reisepass beantragen · Leonie Yılmaz · erledigt · BPWR-NSQB"
BLOCK = re.compile(rf"^\d\d:\d\d–\d\d:\d\d [^·]+ · [^·]+ · ({STATES})( · [A-Z0-9-]+)?$")


@pytest.fixture(scope="module")
def read(demo_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One screen reader's session with the demo (signed in as sb.mitte1), read once."""
    reasons = missing()
    if reasons:
        pytest.fail(
            "The screen-reader test cannot run on this machine: " + "; ".join(reasons),
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("screen-reader")
    database = folder / "demo.sqlite"
    shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), database)
    return read_app(f"sqlite:///{database}", folder)


def walk(node: Node, path: str = "") -> Iterator[tuple[str, Node]]:
    """Every object under ``node`` with its path of roles and names (for messages)."""
    here = f"{path} / {node['role']} {node['name']!r}"
    yield here, node
    for child in node.get("children", []):
        yield from walk(child, here)


def cells(table: Node) -> list[Node]:
    return [cell for row in table["table"]["cells"] for cell in row if cell is not None]


def unnamed_controls(root: Node) -> list[str]:
    """Paths of the focusable, shown controls without a name."""
    return [
        path
        for path, node in walk(root)
        if {"focusable", "showing"} <= set(node["states"])
        and node["role"] not in CONTAINERS
        and not node["name"].strip()
    ]


def named(node: Node) -> str:
    """The name as a label gives it, without the colon."""
    return node["name"].strip().removesuffix(":")


def labels_of(node: Node) -> list[str]:
    """The words of the labels the object is "labelled by" (Orca speaks them first)."""
    return [named({"name": label}) for label in node.get("relations", {}).get("labelled by", [])]


def called(node: Node) -> str:
    """What Orca calls a control: its label (the "labelled by" relation), else its name.
    A combo box's AT-SPI name is its current value on Linux, by Qt's design
    (QAccessibleComboBox::text: "on Linux we use relations for this, name is text"),
    and setAccessibleName does not change it: the relation is the one way to label it."""
    labels = labels_of(node)
    return labels[0] if labels else named(node)


def shown(root: Node, role: str) -> list[Node]:
    return [n for _p, n in walk(root) if n["role"] == role and "showing" in n["states"]]


def test_every_control_of_the_day_has_a_name(read: dict[str, Any]) -> None:
    unnamed = unnamed_controls(read["day"])
    assert not unnamed, "read without a name:\n" + "\n".join(unnamed)


@pytest.mark.parametrize("tab", ["queue", "reception"])
def test_every_control_of_the_queue_and_the_reception_has_a_name(
    read: dict[str, Any], tab: str
) -> None:
    unnamed = unnamed_controls(read[tab]) + named_otherwise(read[tab])
    assert not unnamed, "read without a name or not by its label:\n" + "\n".join(unnamed)


def named_otherwise(root: Node) -> list[str]:
    """Focusable controls read otherwise than by their label: a field whose name is not
    its label's words, or a combo box without a label relation (it is read as its value
    alone, "Bürgerbüro Mitte, combo box")."""
    wrong = []
    for path, node in walk(root):
        if "focusable" not in node["states"] or "showing" not in node["states"]:
            continue
        labels, name = labels_of(node), named(node)
        if node["role"] == "combo box":
            if not any(labels):
                wrong.append(f"{path} (no label: read as its value)")
        elif labels and name and not any(a in name or name in a for a in labels if a):
            wrong.append(f"{path} (its label: {labels})")
    return wrong


@pytest.mark.parametrize("window", ["day", "booking"])
def test_labelled_controls_are_named_by_their_label(read: dict[str, Any], window: str) -> None:
    wrong = named_otherwise(read[window])
    assert not wrong, "read otherwise than by the label:\n" + "\n".join(wrong)


def test_office_and_counter_boxes_are_read_with_their_labels(read: dict[str, Any]) -> None:
    """Orca: "Standort: Bürgerbüro Mitte, combo box", the label from the relation."""
    boxes = {called(box): box["name"] for box in shown(read["day"], "combo box")}
    assert {"Standort", "Schalter"} <= set(boxes), f"combo boxes labelled {boxes}"


def test_the_date_between_the_day_buttons_has_a_name(read: dict[str, Any]) -> None:
    for _path, parent in walk(read["day"]):
        children = parent.get("children", [])
        back = [i for i, c in enumerate(children) if "Vortag" in c["name"]]
        if back and children[back[0]]["role"] == "push button":
            field = children[back[0] + 1]
            break
    else:
        pytest.fail("no button 'Vortag' in the main window")
    assert field["role"] in ("spin button", "text", "combo box"), field
    value = field.get("text", "")
    assert field["name"].strip(), f"the date field is read without a name, only as {value!r}"
    assert field["name"] != value and not re.fullmatch(r"[\w ,.]*\d\d\.\d\d\.\d{4}", field["name"])


def test_calendar_blocks_read_with_time_service_name_and_state(read: dict[str, Any]) -> None:
    (calendar,) = [t for t in shown(read["day"], "table") if t["name"] == "Schalterkalender"]
    headers = calendar["table"]["column_headers"]
    assert all(re.match(r"Schalter \d+", header or "") for header in headers), headers
    names = [cell["name"] for cell in cells(calendar)]
    assert names and all(names), "a calendar cell without text"
    blocks = [name for name in names if name not in FREE]
    unread = [name for name in blocks if not BLOCK.match(name)]
    assert blocks and unread == [], f"blocks not read as time, service, name, state: {unread}"
    assert any(" · erledigt" in name for name in blocks), blocks


def test_free_slots_read_as_free(read: dict[str, Any]) -> None:
    (calendar,) = [t for t in shown(read["day"], "table") if t["name"] == "Schalterkalender"]
    free = {cell["name"] for cell in cells(calendar) if cell["name"] in FREE}
    assert {CELL_LABELS_DE[CellKind.ONLINE], CELL_LABELS_DE[CellKind.INTERNAL]} <= free


def test_every_field_and_button_of_the_booking_dialog_is_named(read: dict[str, Any]) -> None:
    dialog = read["booking"]
    assert dialog["name"].startswith("Termin buchen")
    unnamed = unnamed_controls(dialog)
    assert not unnamed, "read without a name:\n" + "\n".join(unnamed)
    fields = [
        node
        for _p, node in walk(dialog)
        if node["role"] in ("text", "combo box", "spin button", "list", "date editor")
        and "showing" in node["states"]
    ]
    heard = {called(node) for node in fields} | {
        named(node) for node in fields if node["role"] != "combo box"
    }
    for label in ("Dienstleistung", "Name", "Telefon", "E-Mail", "Notiz", "Freie Termine"):
        assert label in heard, f"no field called {label!r} (by its label); fields: {heard}"
    buttons = [named(b) for b in shown(dialog, "push button")]
    assert buttons and all(buttons), buttons


def test_a_missing_tool_is_named_not_passed(tmp_path: Path) -> None:
    """The test's own check: without the tools it says which are missing."""
    reasons = missing(
        path=str(tmp_path), python=str(tmp_path / "python3"), launcher=str(tmp_path / "bus")
    )
    told = " ".join(reasons)
    for part in ("Xvfb", "dbus-run-session", "xdotool", "accessibility bus", "pyatspi"):
        assert part in told, told


def test_the_booking_dialogs_refusal_is_announced(read: dict[str, Any]) -> None:
    """ "Buchen" with the name empty: the refusal reaches the bus as an announcement
    (AT-SPI object:announcement, which Orca speaks), assertive (AT-SPI's 2)."""
    heard = read["announcements"]
    said = "Bitte die markierten Felder prüfen. Name: Bitte den Namen angeben."
    refusals = [h for h in heard if h["text"] == said]  # one announcement with the field
    assert refusals, f"announcements heard: {heard}"
    assert refusals[0]["politeness"] == 2, refusals


def test_tab_goes_round_the_main_window_and_every_stop_is_named(read: dict[str, Any]) -> None:
    """Tab (pressed on the X display) from where sign-in leaves the focus comes back to
    its first stop, every stop heard with a name; the main controls are on the way."""
    stops = [stop for stop in read["tab_stops"] if stop is not None]
    heard = [f"{stop['role']} {stop['name']!r} in {stop['path']}" for stop in stops]
    assert read["tab_round"], "Tab did not come round:\n" + "\n".join(heard)
    assert all(stop["name"].strip() for stop in stops), "\n".join(heard)
    roles = {stop["role"] for stop in stops}
    assert {"table", "combo box", "spin button", "push button"} <= roles, heard
    assert any(stop["name"].startswith("Neuer Termin") for stop in stops), heard
