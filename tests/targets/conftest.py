import datetime as dt

import pytest

from hdnd_portal.targets.metrics import Measure, register_metric, unregister_metric
from tests.factories import (
    DelegateFactory,
    PartyCellFactory,
    TargetFactory,
    TermFactory,
)

FAKE = "tests.fake_count"


@pytest.fixture
def fake_count():
    """A count metric whose value the test sets: ``fake_count["value"] = 3``."""
    box = {"value": 0, "calls": []}

    def fn(council, period, **kwargs):
        box["calls"].append((council.pk, period, kwargs))
        return Measure(box["value"])

    register_metric(FAKE, "Số cuộc thử", fn, unit="count", records_url=lambda c, p: "/fake/")
    yield box
    unregister_metric(FAKE)


@pytest.fixture
def plan(council):
    """A council with a term (from 15/03/2026), 4 delegates, 4 party cells and targets 1.1
    (cells disseminated, 100%) and 1.3 (delegates trained, 100%)."""
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    delegates = [
        DelegateFactory(term=term, council=council, start_date=dt.date(2026, 3, 15))
        for _ in range(4)
    ]
    cells = [PartyCellFactory(council=council) for _ in range(4)]
    t11 = TargetFactory(
        council=council,
        code="1.1",
        metric="councils.dissemination_cells",
        body="party",
        unit="share",
        threshold=100,
        order=1,
    )
    t13 = TargetFactory(
        council=council,
        code="1.3",
        metric="councils.delegates_trained",
        body="standing",
        unit="share",
        threshold=100,
        order=3,
    )
    return {"term": term, "delegates": delegates, "cells": cells, "t11": t11, "t13": t13}


def pytest_configure(config):
    # The review PDF is read like tests/documents reads the roster (poppler-utils).
    config.addinivalue_line(
        "markers", "poppler: reads PDFs with poppler-utils (pdfinfo, pdffonts, pdftotext)"
    )
