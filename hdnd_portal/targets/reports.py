"""The plan review report (báo cáo sơ kết / tổng kết thực hiện Kế hoạch), Decree 30 layout.

Printed through the kernel's one print view (``/documents/print/targets.review/<pk>/``)
for a :class:`~hdnd_portal.targets.models.PlanReview` (a half-year or a year); the
dashboard's buttons reach it through ``targets-review``. Its table is the dashboard's,
with the bar chart embedded as SVG; the Word twin carries the same words and table.
"""

import datetime as dt

from django.urls import reverse

from councils.models import PartyDocument, Term
from councils.reports import standing_chair
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import city_bodies
from hdnd_portal.documents.text import GAP, Heading, Signature, long_date
from hdnd_portal.targets.charts import bar_chart
from hdnd_portal.targets.models import PlanReview, Status
from hdnd_portal.targets.periods import review_period
from hdnd_portal.targets.selectors import review_rows, status_counts, target_bars

REVIEW_KIND = "targets.review"
ISSUER_BODY = "THƯỜNG TRỰC"
COLUMNS = [("STT", 11), ("Chỉ tiêu", 70), ("Mức phải đạt", 22), ("Kết quả", 30), ("Đánh giá", 32)]


def _chair_name(council, on: dt.date) -> str:
    term = Term.objects.filter(council=council).current(on).order_by("-start_date").first()
    chair = standing_chair(term=term, on=on) if term else None
    return chair.full_name if chair else ""


def review_kind_label(review: PlanReview) -> str:
    return "Tổng kết" if review.is_summing_up else "Sơ kết"


def review_title(review: PlanReview) -> str:
    if review.is_term:
        return f"{review_kind_label(review)} {review.label.lower()} " + (
            "thực hiện Kế hoạch nâng cao hiệu quả hoạt động của Hội đồng nhân dân"
        )
    period = "năm" if review.is_year else review.get_half_display().lower()
    return (
        f"{review_kind_label(review)} {period} {review.year} thực hiện Kế hoạch nâng cao "
        "hiệu quả hoạt động của Hội đồng nhân dân"
    )


def reviewed_plan(council, on: dt.date) -> PartyDocument | None:
    """The plan the targets come from: the Party Committee's first plan recorded for the HĐND
    (target 1.1), issued on or before ``on``."""
    return (
        PartyDocument.objects.filter(
            council=council, kind=PartyDocument.Kind.PLAN, issued_on__lte=on
        )
        .order_by("issued_on", "id")
        .first()
    )


def plan_reference(plan: PartyDocument | None) -> str:
    """ "Kế hoạch số 05-KH/ĐU ngày 03 tháng 9 năm 2025 của Ban Thường vụ Đảng ủy xã về …";
    a plan not recorded leaves its number and date blank for the clerk."""
    if plan is None:
        return (
            f"Kế hoạch số {GAP}-KH/ĐU {long_date(None)} của Ban Thường vụ Đảng ủy về nâng cao "
            "hiệu quả hoạt động của Hội đồng nhân dân"
        )
    title = plan.title.strip()
    subject = title[:1].lower() + title[1:] if title else ""
    if subject.startswith("kế hoạch "):
        subject = subject[len("kế hoạch ") :]
    return (
        f"Kế hoạch số {plan.number} {long_date(plan.issued_on)} của Ban Thường vụ Đảng ủy"
        + (
            f" về {subject}" if subject and not subject.startswith("về ") else f" {subject}"
        ).rstrip()
    )


def review_context(*, obj: PlanReview, access, document, on: dt.date) -> dict:
    council = obj.council
    period = review_period(obj.year, obj.half, on, term=obj.term)
    evaluations = review_rows(council, obj.year, obj.half, min(on, period.end), term=obj.term)
    counts = status_counts(evaluations)
    lagging = [ev for ev in evaluations if ev.status in (Status.AT_RISK, Status.MISSED)]
    summary = (
        f"Trong kỳ có {len(evaluations)} chỉ tiêu được theo dõi: {counts['met']} chỉ tiêu đạt, "
        f"{counts['on_track']} chỉ tiêu đúng tiến độ, {counts['at_risk']} chỉ tiêu có nguy cơ "
        f"không đạt, {counts['missed']} chỉ tiêu không đạt, {counts['no_data']} chỉ tiêu chưa có "
        "số liệu."
    )
    plan = reviewed_plan(council, period.as_of)
    kind = council.commune_kind
    intro = (
        f"Thực hiện {plan_reference(plan)}, Thường trực Hội đồng nhân dân {kind} báo cáo "
        f"{review_kind_label(obj).lower()} {period.label[:1].lower()}{period.label[1:]} thực "
        "hiện Kế hoạch như sau:"
    )
    met = [ev for ev in evaluations if ev.status == Status.MET]
    return {
        "review": obj,
        "plan": plan,
        "intro": intro,
        "met": met,
        "period": period,
        "evaluations": evaluations,
        "counts": counts,
        "summary": summary,
        "assessment": obj.note,
        "lagging": lagging,
        "chart": bar_chart(
            target_bars(evaluations),
            title=f"Kết quả các chỉ tiêu ({period.label})",
            label_width=60,
        ),
        "heading": Heading(
            "Báo cáo",
            (review_title(obj),),
            f"(Số liệu tính đến {long_date(period.as_of)})",
        ),
        "signature": Signature(
            "TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", _chair_name(council, min(on, period.end))
        ),
        "recipients": [
            f"Thường trực Đảng ủy {council.commune_kind} (để báo cáo);",
            *city_bodies(council),
            f"UBND, Ủy ban MTTQ Việt Nam {council.commune_kind};",
            f"Các Ban HĐND, đại biểu HĐND {council.commune_kind};",
            "Lưu: VT.",
        ],
    }


def review_signer(review: PlanReview, on: dt.date) -> str:
    return _chair_name(review.council, on)


def review_not_before(review: PlanReview) -> dt.date:
    """A review is drawn up in the last month of its period (June, December) or after it; a
    term review from three months before its window ends (the mid-term one, at the session
    nearest the mid-point; the end-of-term one, at the term's last regular session)."""
    if review.is_term:
        window = review_period(review.year, review.half, review.term.start_date, term=review.term)
        return max(window.start, window.end - dt.timedelta(days=90))
    return dt.date(review.year, 6 if review.half == PlanReview.Half.FIRST else 12, 1)


def review_filename(review: PlanReview) -> str:
    if review.is_term:
        what = (
            "so-ket-giua-nhiem-ky"
            if review.half == PlanReview.Half.MID_TERM
            else "tong-ket-nhiem-ky"
        )
        return f"bao-cao-{what}-{review.year}"
    return f"bao-cao-{'tong-ket' if review.is_year else 'so-ket'}-{review.year}" + (
        "" if review.is_year else f"-{review.half}"
    )


def register_documents() -> None:
    register_document(
        DocumentKind(
            code=REVIEW_KIND,
            model=PlanReview,
            type_code=DocumentType.BC,
            template="targets/review.html",
            build_context=review_context,
            title=review_title,
            signer=review_signer,
            print_policy=("targets.target", "export"),
            issuer_body=ISSUER_BODY,
            filename=review_filename,
            select_related=("council", "term"),
            sends_upward=True,
            not_before=review_not_before,
            record_url=lambda r: reverse("targets-review", args=[r.year, r.half]),
        )
    )
