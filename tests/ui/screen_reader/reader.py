"""Read the app through AT-SPI as a screen reader does (run with /usr/bin/python3).

pyatspi is the distribution's (python3-pyatspi) and exists for its own Python only, so
this module never runs inside the venv; ``scenario.py`` imports it there. Every object
becomes a plain dict (role, name, description, states, relations, text, actions), a
table also its cells (Table interface), so the test can read it as JSON.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi

#: The states a reader cares about, by their AT-SPI names.
STATES = {
    "focusable": pyatspi.STATE_FOCUSABLE,
    "focused": pyatspi.STATE_FOCUSED,
    "showing": pyatspi.STATE_SHOWING,
    "visible": pyatspi.STATE_VISIBLE,
    "enabled": pyatspi.STATE_ENABLED,
    "editable": pyatspi.STATE_EDITABLE,
    "selected": pyatspi.STATE_SELECTED,
    "checked": pyatspi.STATE_CHECKED,
    "required": pyatspi.STATE_REQUIRED,
}

#: A table larger than this is read in part (rows, columns).
MAX_ROWS, MAX_COLUMNS = 80, 12

Node = dict[str, Any]


class NotFound(Exception):
    """What the reader waited for did not appear in time (the message says what)."""


def wait_for(
    what: str, probe: Callable[[], Any], timeout: float, guard: Callable[[], None] = lambda: None
) -> Any:
    """Ask ``probe`` until it returns something truthy (every 0.1 s, ``timeout`` s at
    most); the bus has no event for "the tree is ready", so polling it is the wait.
    ``guard`` runs each round and raises to stop waiting (the app is gone)."""
    end = time.monotonic() + timeout
    while True:
        guard()
        try:
            found = probe()
        except Exception:  # an object vanished under the walk: ask again
            found = None
        if found:
            return found
        if time.monotonic() > end:
            raise NotFound(f"{what}: not there after {timeout:.0f} s")
        time.sleep(0.1)


def find_application(part: str = "rgerdesk") -> Any | None:
    """The application on the accessibility bus whose name contains ``part``."""
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and part in (app.name or ""):
            return app
    return None


def states_of(acc: Any) -> list[str]:
    """The reader's states of ``acc`` that are set, by name."""
    state_set = acc.getState()
    return [name for name, state in STATES.items() if state_set.contains(state)]


def _text(acc: Any) -> str | None:
    try:
        text = acc.queryText()
    except NotImplementedError:
        return None
    return text.getText(0, -1)


def _actions(acc: Any) -> list[str]:
    try:
        action = acc.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def _relations(acc: Any) -> dict[str, list[str]]:
    told: dict[str, list[str]] = {}
    for relation in acc.getRelationSet():
        kind = pyatspi.relationToString(relation.getRelationType()).lower()
        targets = [relation.getTarget(i) for i in range(relation.getNTargets())]
        told[kind] = [t.name for t in targets if t is not None]
    return told


def describe(acc: Any) -> Node:
    """One object as a screen reader sees it (without its children)."""
    node: Node = {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "states": states_of(acc),
    }
    text = _text(acc)
    if text is not None:
        node["text"] = text
    actions = _actions(acc)
    if actions:
        node["actions"] = actions
    relations = _relations(acc)
    if relations:
        node["relations"] = relations
    return node


def read_table(acc: Any) -> Node | None:
    """The cells of a table (Table interface), row by row, as name and states."""
    try:
        table = acc.queryTable()
    except NotImplementedError:
        return None
    rows, columns = table.nRows, table.nColumns
    cells = []
    for row in range(min(rows, MAX_ROWS)):
        line = []
        for column in range(min(columns, MAX_COLUMNS)):
            cell = table.getAccessibleAt(row, column)
            line.append(None if cell is None else describe(cell))
        cells.append(line)
    headers = []
    for column in range(min(columns, MAX_COLUMNS)):
        header = table.getColumnHeader(column)
        headers.append(None if header is None else header.name)
    return {"rows": rows, "columns": columns, "column_headers": headers, "cells": cells}


def read_tree(acc: Any, depth: int = 0) -> Node:
    """``acc`` and everything under it; a table's cells are read through its Table
    interface (not again as children)."""
    node = describe(acc)
    table = read_table(acc) if node["role"] in ("table", "tree table") else None
    if table is not None:
        node["table"] = table
        return node
    children = []
    for index in range(acc.childCount):
        child = acc.getChildAtIndex(index)
        if child is not None:
            children.append(read_tree(child, depth + 1))
    if children:
        node["children"] = children
    return node


def walk(acc: Any) -> Iterator[Any]:
    """``acc`` and its descendants, depth first (tables' cells included)."""
    yield acc
    for index in range(acc.childCount):
        child = acc.getChildAtIndex(index)
        if child is not None:
            yield from walk(child)


def find(root: Any, role: str, name: Callable[[str], bool] = lambda _n: True) -> Any | None:
    """The first object under ``root`` with ``role`` whose name passes ``name``."""
    for acc in walk(root):
        if acc.getRoleName() == role and name(acc.name or ""):
            return acc
    return None


def window_named(app: Any, role: str, name: str) -> Any | None:
    """The application's shown top-level window of ``role`` (frame, dialog) whose name
    contains ``name`` (a closed dialog may stay in the tree, hidden)."""
    for index in range(app.childCount):
        child = app.getChildAtIndex(index)
        if child is None or child.getRoleName() != role or name not in (child.name or ""):
            continue
        if child.getState().contains(pyatspi.STATE_SHOWING):
            return child
    return None


def path_of(acc: Any) -> str:
    """Where ``acc`` is: its ancestors' roles and names up to the window."""
    parts = []
    parent = acc.parent
    while parent is not None and parent.getRoleName() != "application":
        parts.append(f"{parent.getRoleName()} {parent.name or ''!r}")
        parent = parent.parent
    return " / ".join(reversed(parts))


def press(acc: Any) -> None:
    """Do the object's first action (a button's "Press"), as a reader's activate key."""
    action = acc.queryAction()
    action.doAction(0)


def type_into(acc: Any, text: str) -> None:
    """Put ``text`` into an editable field (EditableText interface)."""
    acc.queryEditableText().setTextContents(text)
