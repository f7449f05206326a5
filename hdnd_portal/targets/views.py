"""Pages of the targets app: the targets (Resource), the dashboard, the city view, the review."""

import datetime as dt
from functools import cache

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from councils.models import Term
from hdnd_portal.core.access import CITY
from hdnd_portal.core.inputs import parse_day, parse_year
from hdnd_portal.core.listing import export_requested, export_response
from hdnd_portal.core.numbers import Percent
from hdnd_portal.core.permissions import can, require
from hdnd_portal.core.resources import Resource
from hdnd_portal.followups.selectors import followups_for_source
from hdnd_portal.targets import filters, forms, selectors
from hdnd_portal.targets.models import PlanReview, Target
from hdnd_portal.targets.periods import END_TERM, MID_TERM
from hdnd_portal.targets.status import evaluate

POLICY = "targets.target"
MIN_YEAR, MAX_YEAR = 2020, 2100


def _target_detail(request, target):
    return {
        "evaluation": evaluate(target, timezone.localdate()),
        "followups": followups_for_source(request.access, target),
    }


target = Resource(
    Target,
    filters.TargetFilter,
    forms.TargetForm,
    selector=selectors.target_list,
    columns=[
        ("Mã", "code"),
        ("Nội dung chỉ tiêu", "short_title"),
        ("Cơ quan chịu trách nhiệm", "body"),
        ("Kỳ đánh giá", "period_kind"),
        ("Mức phải đạt", "threshold_label"),
        ("Đang theo dõi", "active"),
    ],
    detail_template="targets/target_detail.html",
    extra_detail_context=_target_detail,
)


def _year(request, today) -> int:
    year = parse_year(request.GET.get("year"))
    return year if year is not None and MIN_YEAR <= year <= MAX_YEAR else today.year


EXPORT_HEADERS = [
    "Mã",
    "Chỉ tiêu",
    "Cơ quan chịu trách nhiệm",
    "Kỳ đánh giá",
    "Mức phải đạt",
    "Kết quả",
    "Đạt/tổng số",
    "Mức cần đạt đến ngày",
    "Đánh giá",
]


def _figure(ev, value, decimals=1):
    """A cell that stays a number: a share as a percentage cell, a count as a count."""
    if value is None:
        return None
    return Percent(value, decimals) if ev.target.unit == "share" else value


def export_rows(evaluations):
    for ev in evaluations:
        measure = ev.measure
        yield [
            ev.target.code,
            ev.target.title,
            ev.target.get_body_display(),
            ev.period.label,
            _figure(ev, ev.target.threshold, 0),
            _figure(ev, measure.value) if measure.available else "Chưa có số liệu",
            f"{measure.numerator}/{measure.denominator}" if measure.denominator else None,
            None if ev.expected is None or ev.period.is_over else _figure(ev, ev.expected),
            ev.status_label,
        ]


@login_required
def dashboard(request):
    """Bảng theo dõi chỉ tiêu: each target against its threshold, the trend, the breakdowns."""
    access = request.access
    require(access, POLICY, "view")
    today = timezone.localdate()
    year = _year(request, today)
    ctx = selectors.dashboard(
        access=access, year=year, today=today, recorded_on=parse_day(request.GET.get("on"))
    )
    year = ctx["year"]
    if export_requested(request):
        require(access, POLICY, "export")
        return export_response(
            filename=f"chi-tieu-ke-hoach-{year}",
            title=f"Kết quả thực hiện các chỉ tiêu của Kế hoạch đến ngày {ctx['on']:%d/%m/%Y}",
            headers=EXPORT_HEADERS,
            rows=export_rows(ctx["evaluations"]),
            request=request,
        )
    ctx.update(
        years=list(range(min(today.year, year) - 4, max(today.year, year) + 2)),
        can_export=can(access, POLICY, "export"),
        can_change=can(access, POLICY, "change"),
        city=access.role == CITY or len(selectors.city_councils(access)) > 1,
        reviews=[
            (label, reverse("targets-review", args=[year, half]))
            for half, label in PlanReview.Half.choices
            if half not in PlanReview.TERM_HALVES
        ]
        + term_reviews(access, min(today, dt.date(year, 12, 31))),
    )
    return render(request, "targets/dashboard.html", ctx)


def term_reviews(access, on: dt.date) -> list[tuple[str, str]]:
    """The mid-term and end-of-term reviews of the term running on ``on`` (the dashboard's
    year): their buttons sit beside the half-year and yearly ones."""
    term = Term.objects.filter(council_id=access.council_id).current(on).first()
    if term is None:
        return []
    year = term.start_date.year
    return [
        (f"Sơ kết giữa nhiệm kỳ {term.name}", reverse("targets-review", args=[year, MID_TERM])),
        (f"Tổng kết nhiệm kỳ {term.name}", reverse("targets-review", args=[year, END_TERM])),
    ]


def _review_term(access, year: int, half: int):
    """The term a term review covers: the council's term that began in ``year`` (404 if
    none); ``None`` for the half-year and yearly reviews."""
    if half not in PlanReview.TERM_HALVES:
        return None
    term = Term.objects.filter(council_id=access.council_id, start_date__year=year).first()
    if term is None:
        raise Http404("HĐND không có nhiệm kỳ bắt đầu năm này.")
    return term


@cache
def _status_badge(status: str) -> str:
    """``targets/_status_badge.html`` for one status, rendered once per process: the city
    view shows it in each of its ~1,500 cells, where an ``{% include %}`` each time cost
    most of the page."""
    return render_to_string("targets/_status_badge.html", {"s": status})


def city_cells(ordered: list, on: dt.date) -> SafeString:
    """One council's grid of targets in the city view, as HTML: the markup the template's
    loop wrote, built here (1,512 cells for 126 councils × 12 targets: the per-node cost of a
    template loop was most of the page's time)."""
    parts = []
    for code, ev in ordered:
        code = escape(code)
        if ev is None:
            value = "—"
        else:
            value = escape(ev.actual_label) + " " + _status_badge(str(ev.status))
            if ev.period.on != on:
                value += (
                    f' <span class="text-muted d-block">số liệu ngày {ev.period.on:%d/%m/%Y}</span>'
                )
        parts.append(
            '<div class="col"><div class="border rounded p-1 h-100"><dt class="fw-semibold">'
            f'Chỉ tiêu {code}</dt><dd class="mb-0" data-label="Chỉ tiêu {code}">{value}</dd>'
            "</div></div>"
        )
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


@login_required
def city(request):
    """Several councils side by side: every council where the user oversees the plan."""
    access = request.access
    require(access, POLICY, "view")
    councils = selectors.city_councils(access)
    if not councils:
        raise Http404("Bạn không theo dõi HĐND nào.")
    today = timezone.localdate()
    table = selectors.city_table(access, today, request.GET.get("sort", "name"), councils)
    for row in table["rows"]:
        row["cells_html"] = city_cells(row["ordered"], today)
    return render(request, "targets/city.html", {"on": today, **table})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, year: int, half: int):
    """The plan review of a half-year or a year. GET shows the review's page (its report: the
    draft, the issued copy or "Cấp số và in") when it has been drawn up, else asks to draw it
    up; ``?format=pdf|docx`` opens its print view. POST draws it up (keeps its record, once)
    and opens the print view. A GET never writes."""
    access = request.access
    require(access, POLICY, "export")
    if not (MIN_YEAR <= year <= MAX_YEAR) or half not in PlanReview.Half.values:
        raise Http404
    term = _review_term(access, year, half)
    docx = (request.POST if request.method == "POST" else request.GET).get("format") == "docx"
    if request.method == "POST":
        obj, _created = PlanReview.objects.get_or_create(
            council_id=access.council_id, year=year, half=half, defaults={"term": term}
        )
    else:
        obj = PlanReview.objects.filter(council_id=access.council_id, year=year, half=half).first()
        if obj is None or not request.GET.get("format"):
            draft = PlanReview(year=year, half=half, term=term)
            return render(
                request,
                "targets/review_start.html",
                {
                    "year": year,
                    "half": half,
                    "label": draft.label,
                    "kind_label": "tổng kết" if draft.is_summing_up else "sơ kết",
                    "docx": docx,
                    "review": obj,
                    "review_documents": [(obj, "targets.review")] if obj else [],
                },
            )
    url = reverse("documents-print", kwargs={"kind": "targets.review", "pk": obj.pk})
    return redirect(url + ("?format=docx" if docx else ""))
