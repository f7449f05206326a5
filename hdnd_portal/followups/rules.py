"""Legal deadlines as dated data: which rule applies, and the due date it gives.

A case uses the rule version in force on the day it began (LEGAL.md, "The rules
change"): a complaint received on 30 June 2026 is accepted within 10 working
days (Luật Khiếu nại 2011, Điều 27), one received on 1 July 2026 within 7
(Nghị định 155/2026, Điều 10). The follow-up records the version it used, so
its page can say "Căn cứ: Điều 28, Luật Khiếu nại 02/2011/QH13 — 30 ngày".
"""

import datetime as dt

from hdnd_portal.core.collation import vi_key
from hdnd_portal.followups.calendar import WorkingCalendar
from hdnd_portal.followups.models import DayKind, DeadlineRule, ThresholdRule


class RuleNotFound(Exception):
    """No version of the rule is in force on the day the case began."""

    def __init__(self, code: str, on: dt.date, name: str = ""):
        self.code, self.on = code, on
        # Users read the rule's name; its code is an identifier for administrators.
        rule = f"“{name}”" if name else "đã chọn"
        self.message = (
            f"Chưa có quy tắc thời hạn {rule} có hiệu lực ngày "
            f"{on:%d/%m/%Y}. Quản trị viên cần thêm quy tắc này."
        )
        super().__init__(self.message)


def rule_in_force(code: str, on: dt.date, council=None) -> DeadlineRule:
    """The version of ``code`` in force on ``on`` (the council's own version first)."""
    try:
        return DeadlineRule.in_force(code, on, council=council)
    except DeadlineRule.DoesNotExist as exc:
        name = (
            DeadlineRule.objects.filter(code=code)
            .order_by("-valid_from")
            .values_list("name", flat=True)
            .first()
        )
        raise RuleNotFound(code, on, name or "") from exc


def apply_rule(rule: DeadlineRule, started_on: dt.date, council=None) -> dt.date:
    """The due date ``rule`` gives for a case that began on ``started_on``.

    For a ``counts_back`` rule ``started_on`` is the event (the session, the
    visit) and the date returned comes before it.
    """
    calendar = WorkingCalendar(council)
    n = -rule.days if rule.counts_back else rule.days
    if rule.day_kind == DayKind.WORKING:
        return calendar.add_working_days(started_on, n)
    return calendar.add_calendar_days(started_on, n)


def due_date_for(code: str, started_on: dt.date, council=None) -> tuple[DeadlineRule, dt.date]:
    """``(rule, due_date)`` for a case of kind ``code`` that began on ``started_on``.

    Raises :class:`RuleNotFound` when no version is in force that day.
    """
    rule = rule_in_force(code, started_on, council=council)
    return rule, apply_rule(rule, started_on, council=council)


def rule_codes(council=None) -> list[tuple[str, str]]:
    """(code, name of its latest version) for every rule a council can use, for choices."""
    qs = DeadlineRule.objects.filter(council__isnull=True)
    if council is not None:
        qs = DeadlineRule.objects.filter(council__isnull=True) | DeadlineRule.objects.filter(
            council=council
        )
    latest: dict[str, str] = {}
    for code, name in qs.order_by("code", "valid_from").values_list("code", "name"):
        latest[code] = name
    return sorted(latest.items(), key=lambda item: vi_key(item[1]))


class ThresholdNotFound(Exception):
    """No version of a threshold rule (quorum, majority, confidence share) is in force."""

    def __init__(self, code: str, on: dt.date):
        self.code, self.on = code, on
        name = (
            ThresholdRule.objects.filter(code=code)
            .order_by("-valid_from")
            .values_list("name", flat=True)
            .first()
        )
        rule = f"“{name}”" if name else "đã chọn"
        self.message = (
            f"Chưa có quy tắc tỷ lệ {rule} có hiệu lực ngày {on:%d/%m/%Y}. "
            "Quản trị viên cần thêm quy tắc này."
        )
        super().__init__(self.message)


def threshold_in_force(code: str, on: dt.date, council=None) -> ThresholdRule:
    """The version of threshold ``code`` in force on ``on`` (the council's own version first):
    ``session.quorum``, ``resolution.pass``, ``confidence.*`` (seed_legal_rules)."""
    try:
        return ThresholdRule.in_force(code, on, council=council)
    except ThresholdRule.DoesNotExist as exc:
        raise ThresholdNotFound(code, on) from exc
