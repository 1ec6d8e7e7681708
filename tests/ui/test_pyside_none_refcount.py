"""PySide6 6.12.0 drops a reference to None each time ``index.data()`` returns None,
which ends in a "deallocating None" crash; the pinned version must not do that."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class _Empty(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None


def test_index_data_returning_none_keeps_none_alive(qapp):
    model = _Empty()  # kept alive: an index of a collected model would dangle
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(200):  # few enough not to crash a buggy build, enough to see it
        assert index.data(Qt.ItemDataRole.UserRole) is None
    assert sys.getrefcount(None) - before > -100
