"""Run desk calls off the GUI thread and deliver results back on it (Anki's QueryOp idea).

One worker thread serialises database work, so two operations never race on
the same SQLite file from one app. Callbacks run on the GUI thread; an
operation never touches a widget.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

if TYPE_CHECKING:  # the pool is made by the first operation: the window paints first
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)


class Ops(QObject):
    """Queue of background operations.

    Signals:
        busy_changed(bool): True while at least one operation is pending.
    """

    busy_changed = Signal(bool)
    _finished = Signal(object, object, object)  # callback, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None  # made by the first run()
        self._pending = 0
        self._keys = itertools.count()
        self._jobs: dict[int, tuple[Callable[[], Any], Callable[[Any], None], Any]] = {}
        self._closed = False
        # Queued even when the work finished before its callback was attached (then
        # the done-callback runs on this thread): results always arrive later, by the loop.
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """How many operations have not delivered their result yet."""
        return self._pending

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``work()`` on the worker; then ``on_done(result)`` or ``on_error(exc)``.
        After ``shutdown()`` nothing runs any more (a late timer of a closing window)."""
        if self._closed:
            log.debug("operation after shutdown ignored")
            return
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        # The GUI thread keeps the only lasting references to the work and its callbacks:
        # a closure that held the last reference to a widget would otherwise destroy that
        # widget on the worker thread (a crash) when the worker lets go of it.
        key = next(self._keys)
        self._jobs[key] = (work, on_done, on_error)

        def call() -> Any:  # on the worker: holds the key, and the job only while it runs
            job = self._jobs.get(key)
            return job[0]() if job is not None else None

        def finished(future: Future[Any]) -> None:
            error = future.exception()
            result = None if error else future.result()
            self._finished.emit(key, result, error)

        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-op")
        self._pool.submit(call).add_done_callback(finished)

    def _deliver(self, key: Any, result: Any, error: BaseException | None) -> None:
        _work, on_done, on_error = self._jobs.pop(key)
        self._pending -= 1
        try:
            if error is None:
                on_done(result)
            elif on_error is not None:
                on_error(error)
            else:  # nobody expected it: logged, and the calm crash dialog (if installed)
                log.error("operation failed", exc_info=error)
                from ui.crash import report_unexpected

                report_unexpected()
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def shutdown(self) -> None:
        """Stop accepting work and wait until the queued operations have run."""
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)
