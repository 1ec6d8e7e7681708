"""Run desk calls off the GUI thread and deliver results back on it (Anki's QueryOp idea).

One worker thread serialises database work, so two operations never race on
the same SQLite file from one app. Callbacks run on the GUI thread; an
operation never touches a widget.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from ui.changes import Change, ChangeHub

if TYPE_CHECKING:  # the pool is made by the first operation: the window paints first
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

#: What an operation changed: a Change, one made from its result, or None (nothing).
Changes = Change | Callable[[Any], Change | None] | None


class Ops(QObject):
    """Queue of background operations; ``changes`` is the one broadcast of what they
    changed (see ui.changes).

    Signals:
        busy_changed(bool): True while at least one operation is pending.
        failed(str): an operation without its own error handler failed: a refusal's
            own words, or (an unexpected error, logged with its traceback) that it failed.
    """

    busy_changed = Signal(bool)
    failed = Signal(str)
    _finished = Signal(object, object, object)  # callback, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None  # made by the first run()
        self._pending = 0
        self._keys = itertools.count()
        self._jobs: dict[int, tuple[Callable[[], Any], Callable[[Any], None], Any, Changes]] = {}
        self._closed = False
        self._delivered: tuple[Any, BaseException | None] | None = None
        self.changes = ChangeHub(self)
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
        *,
        changes: Changes = None,
    ) -> None:
        """Run ``work()`` on the worker; then ``on_done(result)`` and, if it says what
        changed (``changes``: a Change, or one made from the result), the hub tells every
        view; or ``on_error(exc)``, without one the default handler (``fail``).
        After ``shutdown()`` nothing runs any more (a late timer of a closing window)."""
        if self._closed:
            log.debug("operation after shutdown ignored")
            return
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        # The GUI thread keeps the only lasting references to the work and its callbacks:
        # a closure that held the last reference to a widget would otherwise destroy that
        # widget on the worker thread (a crash) when the worker lets go of it. The worker
        # holds the key, the work while it runs (an error's traceback keeps its frame, so
        # not the callbacks there), and the queue only weakly.
        key = next(self._keys)
        self._jobs[key] = (work, on_done, on_error, changes)
        jobs, me = self._jobs, weakref.ref(self)

        def call() -> Any:
            job = jobs.get(key)
            if job is None:
                return None
            run, job = job[0], None
            return run()

        def finished(future: Future[Any]) -> None:
            error = future.exception()
            result = None if error else future.result()
            ops = me()
            if ops is not None:
                ops._finished.emit(key, result, error)

        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-op")
        self._pool.submit(call).add_done_callback(finished)

    def _deliver(self, key: Any, result: Any, error: BaseException | None) -> None:
        job = self._jobs.pop(key)
        _work, on_done, on_error, changes = job
        # the worker may still hold the error's traceback (and the work) for a moment:
        # the GUI thread lets go of them only at the next delivery, when it surely has not
        self._delivered = (job, error)
        self._pending -= 1
        try:
            if error is None:
                on_done(result)
                change = changes(result) if callable(changes) else changes
                if change is not None:
                    self.changes.tell(change)
            elif on_error is not None:
                on_error(error)
            else:
                self.fail(error)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def fail(self, error: BaseException) -> str:
        """The default failure handler: a refusal's own words, or an unexpected error
        logged with its traceback (and the calm crash dialog, if installed); the words go
        out by ``failed`` (the main window's status bar) and are returned."""
        message = self.on_failure(self.failed.emit)(error)
        from desk.domain.errors import DeskError

        if not isinstance(error, DeskError):
            from ui.crash import report_unexpected

            report_unexpected()
        return message

    def on_failure(
        self,
        show: Callable[[str], None],
        event: str = "operation failed",
        fallback: str | None = None,
        logger: logging.Logger | None = None,
    ) -> Callable[[BaseException], str]:
        """An ``on_error`` that words a failure as the default handler does and gives the
        words to ``show``: a refusal (``DeskError``) says what the user can do; anything
        else is logged as ``event`` with its traceback and worded as ``fallback`` (its
        ``{0}``: the exception's type)."""
        from ui.failures import failure_text

        def failed(error: BaseException) -> str:
            words = fallback or QCoreApplication.translate("Ops", "Unerwarteter Fehler ({0}).")
            message = failure_text(error, logger or log, event, words)
            show(message)
            return message

        return failed

    def shutdown(self) -> None:
        """Stop accepting work and wait until the queued operations have run."""
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        self._delivered = None  # the worker has let go of everything
