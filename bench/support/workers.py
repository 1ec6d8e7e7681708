"""Spawned worker processes for the concurrent benchmarks (counters, citizens, …)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.context import SpawnContext
from typing import Any


def spawn_context() -> SpawnContext:
    """Fresh interpreters for the workers (as the app's processes are: nothing inherited)."""
    return multiprocessing.get_context("spawn")


@contextmanager
def spawned(
    ctx: SpawnContext,
    target: Callable[..., object],
    arguments: Iterable[tuple[Any, ...]],
    timeout: float,
) -> Iterator[list[Any]]:
    """One started process of ``target`` per argument tuple; afterwards each is joined
    (waiting up to ``timeout`` seconds) and killed if it is still alive."""
    processes = [ctx.Process(target=target, args=args) for args in arguments]
    for process in processes:
        process.start()
    try:
        yield processes
    finally:
        for process in processes:
            process.join(timeout=timeout)
            if process.is_alive():
                process.kill()
                process.join()


@contextmanager
def closing_queues(queues: Iterable[Any]) -> Iterator[None]:
    """Close the queues afterwards and wait for their feeder threads."""
    try:
        yield
    finally:
        for queue in queues:
            queue.close()
            queue.join_thread()
