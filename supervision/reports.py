"""Printed supervision documents (DOCUMENTS.md §3), each with its Word twin.

- ``supervision.plan``: Kế hoạch giám sát "…/KH-HĐND" of an activity: I. purpose; II. content,
  scope, supervised bodies; III. form; IV. team; V. schedule (table Thời gian | Đơn vị | Nội dung
  | Thành phần); VI. organisation; with the outline of the report the supervised body sends.
- ``supervision.report``: Báo cáo kết quả giám sát "…/BC-HĐND", signed "TM. ĐOÀN GIÁM SÁT /
  TRƯỞNG ĐOÀN": I. overview; II. results (achieved, shortcomings, causes); III. KIẾN NGHỊ.
- ``supervision.notice``: Thông báo kết luận "…/TB-HĐND": "Thực hiện Kế hoạch số …, Đoàn đã làm
  việc với … Trưởng đoàn kết luận:" 1. results; 2. shortcomings; 3. requests with deadlines.

The body of each is a list of sections (a heading and paragraphs) that the PDF template and the
Word twin both write, so their words cannot drift.
"""

from dataclasses import dataclass, field

from hdnd_portal.documents.models import DocumentRegister, DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.text import Heading, Letterhead, Signature
from hdnd_portal.documents.wordfile import CENTER, DocxWriter
from supervision.models import Activity, Body, Conclusion, TeamMember
from supervision.policies import ACTIVITY, CONCLUSION

PLAN_KIND = "supervision.plan"
REPORT_KIND = "supervision.report"
NOTICE_KIND = "supervision.notice"
TEAM_BODY = "ĐOÀN GIÁM SÁT"

REPORT_OUTLINE = [
    "1. Tình hình chung, đặc điểm liên quan đến nội dung giám sát.",
    "2. Kết quả thực hiện (số liệu, kết quả đạt được).",
    "3. Tồn tại, hạn chế và nguyên nhân.",
    "4. Đề xuất, kiến nghị.",
]


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _agencies(activity: Activity) -> str:
    names = [a.name for a in activity.agencies.all()]
    if activity.other_bodies:
        names.append(activity.other_bodies)
    return ", ".join(names)


def _team(activity: Activity) -> list[TeamMember]:
    return list(activity.team.select_related("delegate").order_by("role", "id"))


def _leader(activity: Activity):
    member = next((m for m in _team(activity) if m.role == TeamMember.Role.LEADER), None)
    return member.delegate if member else None


def issuing_body(activity: Activity) -> str | None:
    """The plan's issuer: the Standing Committee (also for the HĐND's own), a Ban, a group."""
    if activity.body == Body.BAN and activity.committee_id:
        return activity.committee.name.upper()
    if activity.body == Body.GROUP and activity.committee_id:
        return activity.committee.name.upper()
    return "THƯỜNG TRỰC"


def plan_signature(activity: Activity) -> Signature:
    body = issuing_body(activity)
    if body == "THƯỜNG TRỰC":
        return Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "")
    if activity.body == Body.GROUP:
        return Signature(f"TM. {body}", "TỔ TRƯỞNG", "")
    return Signature(f"TM. {body}", "TRƯỞNG BAN", "")


def team_signature(activity: Activity) -> Signature:
    leader = _leader(activity)
    return Signature(f"TM. {TEAM_BODY}", "TRƯỞNG ĐOÀN", leader.full_name if leader else "")


def _recipients(activity: Activity) -> list[str]:
    kind = activity.council.commune_kind
    lines = [f"{a.name};" for a in activity.agencies.all()]
    lines += [
        f"Thường trực Đảng ủy {kind};",
        f"Thường trực HĐND {kind};" if activity.body != Body.STANDING else "",
        f"UBND {kind};",
        "Thành viên Đoàn giám sát;",
        "Lưu: VT.",
    ]
    return [line for line in lines if line]


def _letterhead(context_council, type_code, body, document, on):
    return Letterhead.build(
        council=context_council,
        type_code=type_code,
        body=body,
        document=document,
        draft_year=on.year,
    )


def _plan_reference(activity: Activity) -> str:
    plan = (
        DocumentRegister.objects.filter(
            source_type__app_label="supervision",
            source_type__model="activity",
            source_id=activity.pk,
            type_code=DocumentType.KH,
        )
        .order_by("-issued_on", "-id")
        .first()
    )
    if plan is not None:
        return f"Kế hoạch số {plan.symbol} ngày {plan.issued_on:%d/%m/%Y}"
    if activity.decision_id:
        return f"Quyết định số {activity.decision.symbol} ngày {activity.decision_date:%d/%m/%Y}"
    return "Kế hoạch giám sát"


# -- the plan ------------------------------------------------------------------------------


def plan_context(*, obj: Activity, access, document, on) -> dict:
    activity = obj
    team = _team(activity)
    schedule = list(activity.schedule.select_related("agency"))
    team_lines = [f"{m.delegate.full_name} - {m.get_role_display()}" for m in team]
    team_lines += [f"{e} - Chuyên gia, khách mời" for e in activity.experts_list]
    sections = [
        Section(
            "I. MỤC ĐÍCH, YÊU CẦU",
            _lines(activity.purpose)
            or [
                "Nắm tình hình, đánh giá kết quả thực hiện chính sách, pháp luật; phát hiện tồn "
                "tại, hạn chế và kiến nghị biện pháp khắc phục."
            ],
        ),
        Section(
            "II. NỘI DUNG, PHẠM VI, ĐỐI TƯỢNG",
            [f"Nội dung: {activity.topic}.", *_lines(activity.scope)]
            + (
                [f"Đối tượng chịu sự giám sát: {_agencies(activity)}."]
                if _agencies(activity)
                else []
            ),
        ),
        Section("III. HÌNH THỨC", [f"{activity.get_kind_display()}."]),
        Section("IV. THÀNH PHẦN ĐOÀN", team_lines or ["(Theo quyết định thành lập đoàn.)"]),
        Section(
            "V. THỜI GIAN, LỊCH TRÌNH",
            [
                f"Từ ngày {activity.start_date:%d/%m/%Y}"
                + (f" đến ngày {activity.end_date:%d/%m/%Y}." if activity.end_date else ".")
            ],
        ),
        Section(
            "VI. TỔ CHỨC THỰC HIỆN",
            [
                "Các cơ quan, đơn vị chịu sự giám sát chuẩn bị báo cáo theo đề cương gửi kèm, "
                "gửi Đoàn giám sát trước buổi làm việc.",
                "Văn phòng HĐND và UBND bảo đảm các điều kiện phục vụ hoạt động của Đoàn.",
            ],
        ),
    ]
    members = ", ".join(m.delegate.full_name for m in team) or "Đoàn giám sát"
    rows = [
        (f"{s.date:%d/%m/%Y}", s.agency.name if s.agency else "", s.content, members)
        for s in schedule
    ]
    return {
        "activity": activity,
        "letterhead": _letterhead(
            activity.council, DocumentType.KH, issuing_body(activity), document, on
        ),
        "heading": Heading("Kế hoạch", (f"{activity.get_kind_display()} {activity.topic}",)),
        "signature": plan_signature(activity),
        "recipients": _recipients(activity),
        "sections": sections,
        "schedule_after": 4,  # the table goes under section V
        "schedule": rows,
        "appendix": Section(
            "ĐỀ CƯƠNG BÁO CÁO (gửi kèm Kế hoạch, dành cho cơ quan chịu sự giám sát)", REPORT_OUTLINE
        ),
    }


# -- results report and conclusion notice -------------------------------------------------


def _requests(conclusion: Conclusion) -> list[str]:
    return [
        f"{r.agency.name}: {r.content} (thời hạn báo cáo kết quả: {r.due_date:%d/%m/%Y})."
        for r in conclusion.recommendations.select_related("agency").order_by("due_date", "id")
    ]


def report_context(*, obj: Conclusion, access, document, on) -> dict:
    conclusion, activity = obj, obj.activity
    sections = [
        Section(
            "I. KHÁI QUÁT",
            _lines(conclusion.overview)
            or [f"Đoàn đã {activity.get_kind_display().lower()} {activity.topic}."],
        ),
        Section(
            "II. KẾT QUẢ GIÁM SÁT",
            ["1. Kết quả đạt được", *_lines(conclusion.results)]
            + (
                ["2. Tồn tại, hạn chế", *_lines(conclusion.shortcomings)]
                if conclusion.shortcomings
                else []
            )
            + (["3. Nguyên nhân", *_lines(conclusion.causes)] if conclusion.causes else []),
        ),
        Section("III. KIẾN NGHỊ", _requests(conclusion) or ["Không có kiến nghị."]),
    ]
    if conclusion.violations:
        sections.append(
            Section(
                "IV. VI PHẠM ĐƯỢC CHUYỂN CƠ QUAN CÓ THẨM QUYỀN",
                _lines(conclusion.violations) + [f"Chuyển: {conclusion.referred_to}."],
            )
        )
    return {
        "activity": activity,
        "letterhead": _letterhead(activity.council, DocumentType.BC, TEAM_BODY, document, on),
        "heading": Heading(
            "Báo cáo", (f"Kết quả {activity.get_kind_display().lower()} {activity.topic}",)
        ),
        "signature": team_signature(activity),
        "recipients": _recipients(activity),
        "sections": sections,
    }


def notice_context(*, obj: Conclusion, access, document, on) -> dict:
    conclusion, activity = obj, obj.activity
    bodies = _agencies(activity) or "các cơ quan, đơn vị"
    intro = (
        f"Thực hiện {_plan_reference(activity)}, ngày {activity.start_date:%d/%m/%Y} Đoàn giám "
        f"sát đã làm việc với {bodies}. Sau khi nghe báo cáo và ý kiến của các thành viên Đoàn, "
        "Trưởng đoàn kết luận như sau:"
    )
    sections = [
        Section("", [intro]),
        Section("1. Kết quả đạt được", _lines(conclusion.results)),
        Section("2. Tồn tại, hạn chế", _lines(conclusion.shortcomings) or ["Không có."]),
        Section("3. Đề nghị", _requests(conclusion) or ["Không có đề nghị."]),
    ]
    return {
        "activity": activity,
        "letterhead": _letterhead(activity.council, DocumentType.TB, TEAM_BODY, document, on),
        "heading": Heading(
            "Thông báo",
            (f"Kết luận của Đoàn giám sát về {activity.topic}",),
        ),
        "signature": team_signature(activity),
        "recipients": _recipients(activity),
        "sections": sections,
    }


# -- the Word twin -------------------------------------------------------------------------


def sections_docx_body(writer: DocxWriter, context: dict) -> None:
    schedule_after = context.get("schedule_after")
    for index, section in enumerate(context["sections"]):
        if section.title:
            writer.paragraph(section.title, bold=True, space_after=6, keep_with_next=True)
        for text in section.paragraphs:
            writer.paragraph(text, space_after=6)
        if index == schedule_after and context.get("schedule"):
            table = writer.table([30, 40, 55, 40])
            writer.row(
                table,
                ["Thời gian", "Đơn vị", "Nội dung", "Thành phần"],
                bold=True,
                aligns=[CENTER] * 4,
                header=True,
            )
            for row in context["schedule"]:
                writer.row(table, list(row))
    appendix = context.get("appendix")
    if appendix:
        writer.paragraph(appendix.title, bold=True, space_after=6, keep_with_next=True)
        for text in appendix.paragraphs:
            writer.paragraph(text, space_after=6)


def register_documents() -> None:
    """Called from SupervisionConfig.ready()."""
    common = {"template": "supervision/document.html", "docx_body": sections_docx_body}
    register_document(
        DocumentKind(
            code=PLAN_KIND,
            model=Activity,
            type_code=DocumentType.KH,
            build_context=plan_context,
            title=lambda a: f"Kế hoạch {a.get_kind_display().lower()} {a.topic}",
            signer=lambda a, on: "",
            print_policy=(ACTIVITY, "export"),
            filename=lambda a: f"ke-hoach-giam-sat-{a.pk}",
            select_related=("council", "committee", "decision"),
            **common,
            not_before=lambda a: a.decision_date,
            default_on=lambda a: a.decision_date,
        )
    )
    register_document(
        DocumentKind(
            code=REPORT_KIND,
            model=Conclusion,
            type_code=DocumentType.BC,
            build_context=report_context,
            title=lambda c: f"Báo cáo kết quả giám sát {c.activity.topic}",
            signer=lambda c, on: getattr(_leader(c.activity), "full_name", ""),
            print_policy=(CONCLUSION, "export"),
            filename=lambda c: f"bao-cao-ket-qua-giam-sat-{c.pk}",
            select_related=("council", "activity__committee", "activity__council"),
            **common,
            not_before=lambda c: c.concluded_on,
            default_on=lambda c: c.concluded_on,
            issuable=lambda c: c.kind == Conclusion.Kind.REPORT,
        )
    )
    register_document(
        DocumentKind(
            code=NOTICE_KIND,
            model=Conclusion,
            type_code=DocumentType.TB,
            build_context=notice_context,
            title=lambda c: f"Thông báo kết luận giám sát {c.activity.topic}",
            signer=lambda c, on: getattr(_leader(c.activity), "full_name", ""),
            print_policy=(CONCLUSION, "export"),
            filename=lambda c: f"thong-bao-ket-luan-giam-sat-{c.pk}",
            select_related=("council", "activity__committee", "activity__council"),
            **common,
            not_before=lambda c: c.concluded_on,
            default_on=lambda c: c.concluded_on,
            issuable=lambda c: c.kind == Conclusion.Kind.NOTICE,
        )
    )
