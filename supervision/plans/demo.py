"""Demo data: the yearly supervision plans of a few delegates, some items done."""

import datetime as dt

from councils.models import Agency, Delegate, Term
from supervision.models import Activity, DelegatePlan, DelegatePlanItem

SUBJECTS = (
    ("Việc thu gom, xử lý rác thải sinh hoạt tại các thôn", 3),
    ("Việc giải quyết kiến nghị của cử tri về đường giao thông nông thôn", 5),
    ("Việc chi trả chế độ cho người có công, bảo trợ xã hội", 8),
    ("Việc cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình", 10),
)


def load_demo(*, council, today, created_by) -> list[str]:
    term = Term.objects.filter(council=council).current(today).order_by("-start_date").first()
    if term is None:
        return []
    if DelegatePlan.objects.filter(council=council, year=today.year).exists():
        return [f"Kế hoạch giám sát của đại biểu {council.short_name}: đã có, không nạp lại."]
    delegates = list(Delegate.objects.filter(term=term).order_by("sort_name", "id")[:4])
    agency = Agency.objects.filter(council=council, active=True).order_by("id").first()
    activity = (
        Activity.objects.filter(council=council)
        .exclude(state=Activity.State.PLANNED)
        .filter(start_date__year=today.year)
        .order_by("start_date")
        .first()
    )
    filed = max(dt.date(today.year, 1, 15), term.start_date)
    filed = min(filed, today)
    count = 0
    for n, delegate in enumerate(delegates):
        plan = DelegatePlan.objects.create(
            council=council, delegate=delegate, year=today.year, filed_on=filed
        )
        for i, (subject, month) in enumerate(SUBJECTS[: 2 + n % 3]):
            item = DelegatePlanItem(
                council=council, plan=plan, subject=subject, agency=agency, planned_month=month
            )
            done_on = dt.date(today.year, month, 20)
            if i == 0 and activity is not None:
                item.activity = activity
            elif done_on < today and i % 2 == 0:
                item.done_on = done_on
                item.result = "Đã làm việc với đơn vị; kiến nghị UBND xã chỉ đạo khắc phục."
            item.save()
            count += 1
    return [
        f"Kế hoạch giám sát của đại biểu {council.short_name}: {len(delegates)} kế hoạch, "
        f"{count} nội dung."
    ]
