"""The start-up check begun early on its own thread: its finding is taken by the regular
check (the file is read once), a damaged file is still repaired, and a finding of
another file is never used."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.jobs.start_check import EarlyCheck, check_at_start
from desk.store import integrity
from desk.store.database import parse_url, sqlite_path
from desk.store.file_check import Finding, sqlite_file
from tests.store.test_integrity import book_some, close, garble_root_page, make_replica


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////var/lib/buergerdesk/buergerdesk.sqlite",
        "sqlite:///relative/local.sqlite",
        "sqlite+pysqlite:////tmp/a b/ü.sqlite",
    ],
)
def test_a_plain_sqlite_url_names_the_same_file_as_sqlalchemy(url: str):
    assert sqlite_file(url) == sqlite_path(parse_url(url))


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://desk@127.0.0.1/city",
        "sqlite://",
        "sqlite:///local.sqlite?mode=ro",
        "sqlite:///",
        "mysql:///x.sqlite",
    ],
)
def test_other_urls_begin_no_early_check(url: str):
    assert sqlite_file(url) is None
    assert EarlyCheck(url).path is None


def refuse_second_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def second(*_args: object, **_kwargs: object) -> Finding:
        raise AssertionError("the file was checked a second time")

    monkeypatch.setattr(integrity, "check_file", second)


def test_the_early_finding_is_taken_and_the_file_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "local.sqlite"
    db = make_replica(path)
    book_some(db, [9, 10])
    close(db)

    early = EarlyCheck(f"sqlite:///{path}")
    refuse_second_check(monkeypatch)
    report = check_at_start(f"sqlite:///{path}", central=False, early=early)

    assert report is not None and report.finding.ok and not report.repaired
    assert report.finding.check == "integrity_check"


def test_a_damaged_file_found_early_is_repaired(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "local.sqlite"
    db = make_replica(path)
    book_some(db, [9])
    close(db)
    garble_root_page(path, "appointment")

    early = EarlyCheck(f"sqlite:///{path}")
    refuse_second_check(monkeypatch)
    report = check_at_start(
        f"sqlite:///{path}", central=True, backups=tmp_path / "backups", early=early
    )

    assert report is not None and not report.finding.ok and report.repaired
    assert report.damaged_copy is not None and report.damaged_copy.exists()
    assert report.rebuilt_empty  # no backup: the central database refills it


def test_a_finding_of_another_file_is_not_used(tmp_path: Path):
    healthy, damaged = tmp_path / "healthy.sqlite", tmp_path / "local.sqlite"
    for path in (healthy, damaged):
        close(make_replica(path))
    garble_root_page(damaged, "appointment")

    early = EarlyCheck(f"sqlite:///{healthy}")
    assert early.finding_for(damaged) is None
    report = check_at_start(
        f"sqlite:///{damaged}", central=True, backups=tmp_path / "backups", early=early
    )

    assert report is not None and report.repaired  # checked itself, not trusted the other


def test_no_file_yet_means_nothing_to_check(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    early = EarlyCheck(url)

    assert early.path is None
    report = check_at_start(url, central=False, early=early)
    assert report is not None and report.finding.check == "none" and not report.repaired
