"""The metric registry: one function per measured quantity of the plan.

The kernel knows no domain app. Each app registers the metrics its records answer in
its ``AppConfig.ready()``::

    from hdnd_portal.targets.metrics import Measure, register_metric

    def briefings(council, period):
        n = StandingMeeting.objects.filter(
            council=council, kind="briefing", held_on__range=(period.start, period.as_of)
        ).count()
        return Measure(n)

    register_metric(
        "meetings.briefings", "Giao ban chuyên đề của Thường trực với các Ban", briefings,
        unit="count", records_url=lambda council, period: reverse(...) + "?year=...",
    )

``fn(council, period)`` returns a :class:`Measure`; a target bound to one committee (a
Ban) calls ``fn(council, period, committee=committee)``. A ``share`` metric gives its
numerator and denominator (the value is the percentage); ``None`` means "no data"
(nothing to count yet, e.g. no party cell recorded). A target whose metric nobody
registered shows "Chưa có số liệu", never an error nor a made-up number.
"""

from collections.abc import Callable
from dataclasses import dataclass

COUNT = "count"
SHARE = "share"
UNITS = (COUNT, SHARE)


@dataclass(frozen=True)
class Measure:
    """What a metric found: a count, or ``numerator`` of ``denominator`` (a share, in %)."""

    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""

    @classmethod
    def share(cls, numerator: int, denominator: int, note: str = "") -> "Measure":
        if not denominator:
            return cls(None, numerator, denominator, note or "Chưa có đối tượng để tính tỷ lệ.")
        return cls(round(100 * numerator / denominator, 1), numerator, denominator, note)

    @property
    def available(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    fn: Callable[..., Measure]
    unit: str = COUNT
    records_url: Callable | None = None


_METRICS: dict[str, Metric] = {}


def register_metric(
    code: str,
    label: str,
    fn: Callable[..., Measure],
    *,
    unit: str = COUNT,
    records_url: Callable | None = None,
) -> Metric:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    metric = Metric(code, str(label), fn, unit, records_url)
    _METRICS[code] = metric
    return metric


def unregister_metric(code: str) -> None:
    _METRICS.pop(code, None)


def get_metric(code: str) -> Metric | None:
    return _METRICS.get(code)


def metrics() -> list[Metric]:
    return sorted(_METRICS.values(), key=lambda m: m.code)


# -- breakdowns: the dashboard's "by body / by field / by state" pictures ------------------
@dataclass(frozen=True)
class BreakdownRow:
    label: str
    value: int
    url: str = ""


@dataclass(frozen=True)
class Breakdown:
    """A dashboard picture an app contributes: ``fn(access, year, on) -> list[BreakdownRow]``
    in a bounded number of queries (supervisions by body, petitions by field, state and
    answering body, answered on time vs late …)."""

    code: str
    label: str
    fn: Callable
    order: int = 100


_BREAKDOWNS: dict[str, Breakdown] = {}


def register_breakdown(code: str, label: str, fn: Callable, *, order: int = 100) -> None:
    _BREAKDOWNS[code] = Breakdown(code, str(label), fn, order)


def breakdowns() -> list[Breakdown]:
    return sorted(_BREAKDOWNS.values(), key=lambda b: (b.order, b.code))
