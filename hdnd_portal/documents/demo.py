"""Demo of the printed documents (``register_demo_loader`` order 95, after every app's data).

For every registered kind, the demo holds a record already issued (numbered, dated the day the
confirmation form offers: the event's day, never before it) and, when the app's data has more
than one record, records ready to be issued ("Cấp số và in" on their pages). A reception period
and a plan review, which no app's demo draws up, are drawn up here: the older one issued, the
later one ready. Idempotent: a kind already issued is left as it is.
"""

import datetime as dt

from django.apps import apps

from hdnd_portal.documents import printing
from hdnd_portal.documents.models import DocumentRegister


def _draw_up_periods(council, today: dt.date) -> None:
    """Two reception periods and two plan reviews, the older of each to be issued."""
    try:
        report_model = apps.get_model("petitions", "PetitionReport")
        review_model = apps.get_model("targets", "PlanReview")
    except LookupError:  # pragma: no cover - both apps are installed with the portal
        return
    if today.month > 6:
        half = ("6 tháng đầu năm", dt.date(today.year, 1, 1), dt.date(today.year, 6, 30))
    else:
        half = ("6 tháng cuối năm", dt.date(today.year - 1, 7, 1), dt.date(today.year - 1, 12, 31))
    month_end = today.replace(day=1) - dt.timedelta(days=1)
    periods = [
        (f"{half[0]} {half[1].year}", half[1], half[2]),
        (f"Tháng {month_end.month} năm {month_end.year}", month_end.replace(day=1), month_end),
    ]
    for title, start, end in periods:
        report_model.objects.get_or_create(
            council=council, period_start=start, period_end=end, defaults={"title": title}
        )
    Half = review_model.Half
    reviews = [(today.year - 1, Half.YEAR)]
    reviews.append((today.year, Half.FIRST) if today.month >= 6 else (today.year - 1, Half.FIRST))
    for year, period in reviews:
        review_model.objects.get_or_create(council=council, year=year, half=period)


def _candidates(kind, council, today: dt.date) -> list:
    queryset = kind.model.objects.filter(council=council)
    if kind.select_related:
        queryset = queryset.select_related(*kind.select_related)
    found = []
    for obj in queryset.order_by("pk"):
        if kind.issuable is not None and not kind.issuable(obj):
            continue
        earliest = printing.not_before(kind, obj)
        if earliest is not None and earliest > today:
            continue
        found.append(obj)
    return found


def load_demo(*, council, today: dt.date, created_by) -> list[str]:
    _draw_up_periods(council, today)
    issued = ready = 0
    for _code, kind in sorted(printing.document_kinds().items()):
        candidates = _candidates(kind, council, today)
        copies = printing.issued_copies([kind], candidates)
        waiting = [obj for obj in candidates if (kind.code, obj.pk) not in copies]
        # An app's demo may have issued some already (resolutions, plans): none more then.
        already = DocumentRegister.objects.filter(council=council, kind_code=kind.code).exists()
        if waiting and not already:
            obj = waiting.pop(0)
            on = min(printing.default_on(kind, obj), today)
            earliest = printing.not_before(kind, obj)
            if earliest is not None and on < earliest:
                on = earliest
            printing.document_issue(
                kind=kind, obj=obj, user_id=getattr(created_by, "pk", None), on=on
            )
            issued += 1
        ready += len(waiting)
    return [
        f"Văn bản in của {council.short_name}: {issued} văn bản cấp số mẫu, "
        f"{ready} bản ghi chờ “Cấp số và in”."
    ]
