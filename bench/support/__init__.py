"""Shared code of the benchmarks in ``bench/`` (not a benchmark itself).

``make bench`` runs every ``bench/*.py`` file; this package sits in a folder below, so it
is never run as one. The scripts run as ``.venv/bin/python bench/<name>.py``, which puts
``bench/`` first on ``sys.path`` (and multiprocessing's spawned children inherit that
path), so they import it as ``support``:

- ``support.db``: throwaway PostgreSQL databases (created, migrated, dropped), temporary
  SQLite files, the ``SELECT 1`` floor and the server version;
- ``support.office``: a small office (counters, services, opening templates, policy) and
  a queue of waiting walk-in tickets;
- ``support.stats``: percentiles, medians of timed runs and target verdicts;
- ``support.workers``: spawned worker processes and their queues, torn down reliably.
"""
