"""How a target stands on a day: the status rule (README, "Targets and the KPI dashboard").

    expected so far = threshold × elapsed share of the period (days gone ÷ days in it)
    met       actual ≥ threshold (at any time: the count cannot go back)
    missed    the period is over and actual < threshold
    at risk   the period is not over, at least half of it has gone (AT_RISK_FROM),
              and actual < expected so far
    on track  otherwise (the period is young, or the count keeps pace)
    no data   no function is registered for the metric, or it has nothing to count

A share target (100% of party cells) compares percentages; a count target (≥ 2
supervisions) compares counts.
"""

import datetime as dt
from dataclasses import dataclass, replace

from hdnd_portal.core.numbers import vi_number, vi_percent
from hdnd_portal.targets.metrics import Measure, get_metric
from hdnd_portal.targets.models import Status, Target
from hdnd_portal.targets.periods import Period, period_for

# No target is "at risk" in the first half of its period: a yearly count of one is
# not late in February.
AT_RISK_FROM = 0.5


@dataclass(frozen=True)
class Evaluation:
    target: Target
    period: Period
    measure: Measure
    status: str
    expected: float | None
    records_url: str = ""

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def actual_label(self) -> str:
        if not self.measure.available:
            return "Chưa có số liệu"
        if self.target.unit == "share":
            value = vi_percent(self.measure.value)
            if self.measure.denominator:
                value += f" ({self.measure.numerator}/{self.measure.denominator})"
            return value
        return vi_number(self.measure.value)

    @property
    def progress(self) -> float:
        """Actual ÷ threshold, 0 … 1 (for the bar)."""
        if not self.measure.available or not self.target.threshold:
            return 0.0
        return max(0.0, min(1.0, self.measure.value / self.target.threshold))


def judge(*, actual: float | None, threshold: float, period: Period) -> tuple[str, float | None]:
    """(status, expected so far) for ``actual`` against ``threshold`` over ``period``."""
    if actual is None:
        return Status.NO_DATA, None
    expected = round(threshold * period.elapsed_share, 2)
    if actual >= threshold:
        return Status.MET, expected
    if period.is_over:
        return Status.MISSED, expected
    if period.elapsed_share >= AT_RISK_FROM and actual < expected:
        return Status.AT_RISK, expected
    return Status.ON_TRACK, expected


def measure_target(target: Target, period: Period) -> tuple[Measure, str]:
    """(measure, link to the records behind it) of ``target`` over ``period``."""
    metric = get_metric(target.metric)
    if metric is None:
        return Measure(None, note="Chưa có số liệu: phân hệ tính chỉ số này chưa được cài."), ""
    kwargs = {"committee": target.committee} if target.committee_id else {}
    measure = metric.fn(target.council, period, **kwargs)
    if measure is None:
        measure = Measure(None)
    url = metric.records_url(target.council, period) if metric.records_url else ""
    return measure, url or ""


def evaluate(
    target: Target, on: dt.date, period: Period | None = None, *, seen_on: dt.date | None = None
) -> Evaluation:
    """How ``target`` stands in the period of its kind holding ``on``, seen on ``seen_on``
    (default ``on``; a past year's dashboard picks its last day and is seen today)."""
    period = period or period_for(target.period_kind, target.council, on)
    if seen_on is not None and seen_on != period.on:
        period = replace(period, on=seen_on)
    measure, url = measure_target(target, period)
    status, expected = judge(actual=measure.value, threshold=target.threshold, period=period)
    return Evaluation(target, period, measure, status, expected, url)
