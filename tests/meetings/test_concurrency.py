"""Resolution numbers under concurrency: row locks need PostgreSQL (skipped on SQLite)."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from meetings import services
from meetings.models import Resolution
from tests.meetings.test_rules import passed_resolution

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row locks need PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]
ON = dt.date(2026, 12, 21)


def run_at_once(jobs):
    start = threading.Barrier(len(jobs))
    results, errors = [], []

    def worker(job):
        try:
            start.wait()
            results.append(job())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_clerks_issuing_at_once_get_distinct_consecutive_numbers(sitting):
    resolutions = [passed_resolution(sitting) for _ in range(6)]
    jobs = [
        (lambda r=r: services.resolution_issue(resolution=r, issued_by=sitting.staff, on=ON))
        for r in resolutions
    ]
    _results, errors = run_at_once(jobs)
    assert errors == []
    numbers = sorted(
        Resolution.objects.filter(pk__in=[r.pk for r in resolutions]).values_list(
            "document__number", flat=True
        )
    )
    assert numbers == list(range(1, 7))


def test_one_resolution_issued_twice_at_once_gets_one_number(sitting):
    resolution = passed_resolution(sitting)
    job = lambda: services.resolution_issue(  # noqa: E731
        resolution=resolution, issued_by=sitting.staff, on=ON
    )
    results, errors = run_at_once([job, job, job])
    assert len(results) == 1
    assert len(errors) == 2 and all(isinstance(e, ValidationError) for e in errors)
    assert "đã được cấp số 01/NQ-HĐND" in errors[0].messages[0]
