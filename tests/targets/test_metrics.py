"""Metrics 1.1 (party cells disseminated to) and 1.3 (delegates trained this year), alone."""

import datetime as dt

from councils.metrics import delegates_trained, dissemination_cells
from hdnd_portal.targets.metrics import get_metric
from hdnd_portal.targets.periods import PeriodKind, period_for
from tests.factories import DisseminationFactory, PartyCellFactory, TrainingFactory

D = dt.date


def year(council, on):
    return period_for(PeriodKind.YEAR, council, on)


def test_dissemination_counts_cells_in_force_reached_by_the_day_seen(council, other_council):
    cells = [PartyCellFactory(council=council) for _ in range(4)]
    PartyCellFactory(council=council, end_date=D(2026, 1, 31))  # merged away: not counted
    DisseminationFactory(council=council, party_cell=cells[0], held_on=D(2025, 9, 10))
    DisseminationFactory(council=council, party_cell=cells[0], held_on=D(2026, 2, 1))  # twice
    DisseminationFactory(council=council, party_cell=cells[1], held_on=D(2026, 9, 1))
    DisseminationFactory(council=other_council, held_on=D(2026, 1, 5))  # another council
    measure = dissemination_cells(council, year(council, D(2026, 6, 1)))
    assert (measure.numerator, measure.denominator, measure.value) == (1, 4, 25.0)
    measure = dissemination_cells(council, year(council, D(2026, 12, 1)))
    assert (measure.numerator, measure.denominator, measure.value) == (2, 4, 50.0)


def test_dissemination_without_any_cell_has_no_data(council):
    measure = dissemination_cells(council, year(council, D(2026, 6, 1)))
    assert measure.value is None and not measure.available


def test_training_counts_delegates_in_office_trained_within_the_year(plan, council):
    d = plan["delegates"]
    TrainingFactory(council=council, start_date=D(2025, 10, 1), delegates=[d[0], d[1]])  # last year
    TrainingFactory(council=council, start_date=D(2026, 5, 12), delegates=[d[0], d[1]])
    TrainingFactory(council=council, start_date=D(2026, 11, 5), delegates=[d[2]])
    measure = delegates_trained(council, year(council, D(2026, 9, 1)))
    assert (measure.numerator, measure.denominator, measure.value) == (2, 4, 50.0)
    measure = delegates_trained(council, year(council, D(2026, 12, 1)))
    assert (measure.numerator, measure.denominator) == (3, 4)


def test_training_leaves_out_who_is_no_longer_in_office(plan, council):
    d = plan["delegates"]
    d[3].end_date = D(2026, 8, 1)
    d[3].save()
    TrainingFactory(council=council, start_date=D(2026, 5, 12), delegates=[d[0], d[3]])
    measure = delegates_trained(council, year(council, D(2026, 9, 1)))
    assert (measure.numerator, measure.denominator) == (1, 3)


def test_councils_registers_its_two_metrics_with_links_to_the_records():
    trained = get_metric("councils.delegates_trained")
    assert trained.unit == "share"
    assert trained.records_url(None, period_for("year", None, D(2026, 5, 1))).endswith(
        "/councils/training/?year=2026"
    )
    assert get_metric("councils.dissemination_cells").unit == "share"
