"""Printed supervision documents (DOCUMENTS.md §3), each with its Word twin.

- ``supervision.plan``: Kế hoạch giám sát "…/KH-HĐND" of an activity: I. purpose; II. content,
  scope, supervised bodies; III. form; IV. team; V. schedule (table Thời gian | Đơn vị | Nội dung
  | Thành phần); VI. organisation; with the outline of the report the supervised body sends.
- ``supervision.report``: Báo cáo kết quả giám sát "…/BC-HĐND", signed "TM. ĐOÀN GIÁM SÁT /
  TRƯỞNG ĐOÀN": I. overview; II. results (achieved, shortcomings, causes); III. KIẾN NGHỊ.
- ``supervision.notice``: Thông báo kết luận "…/TB-HĐND": "Thực hiện Kế hoạch số …, Đoàn đã làm
  việc với … Trưởng đoàn kết luận:" 1. results; 2. shortcomings; 3. requests with deadlines.

Each opens with its "Căn cứ" lines (the laws in force on its date, followups.laws; the programme
resolution by number; the decision setting up the team), names the signer and every member with
their position, and sends to each body once, never to its issuer. A survey is a "Đoàn khảo sát"'s;
a questioning or explanation session has no team: the body holds it, plans it and signs.

The body of each is a list of sections (a heading and paragraphs) that the PDF template and the
Word twin both write, so their words cannot drift.
"""

import datetime as dt
from dataclasses import dataclass, field

from councils.models import Delegate, Membership
from councils.reports import standing_chair
from hdnd_portal.documents.models import DocumentRegister, DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import city_standing, recipient_lines
from hdnd_portal.documents.text import Heading, Letterhead, Signature, position_workplace
from hdnd_portal.followups.laws import LAWS
from supervision.models import Activity, ActivityKind, Body, Conclusion, TeamMember
from supervision.policies import ACTIVITY, CONCLUSION

PLAN_KIND = "supervision.plan"
REPORT_KIND = "supervision.report"
NOTICE_KIND = "supervision.notice"

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


# -- what the activity is: a team's supervision or survey, or a session ---------------------


@dataclass(frozen=True)
class Form:
    """How an activity's kind is named in its documents.

    A thematic supervision or a re-supervision is carried out by a "Đoàn giám sát", a survey by
    a "Đoàn khảo sát"; a questioning or explanation session (phiên chất vấn, giải trình) is held
    by the body itself at its meeting: no team, the body signs (LEGAL.md §6, Art. 72).
    """

    verb: str  # "giám sát chuyên đề", "khảo sát", "phiên giải trình"
    team: str | None  # "Đoàn giám sát", "Đoàn khảo sát"; None for a session

    @property
    def team_upper(self) -> str:
        return self.team.upper() if self.team else ""


def activity_form(activity: Activity) -> Form:
    kind = activity.kind
    if kind == ActivityKind.SURVEY:
        return Form("khảo sát", "Đoàn khảo sát")
    if kind == ActivityKind.EXPLANATION:
        return Form("phiên giải trình", None)
    if kind == ActivityKind.QUESTIONING:
        return Form("phiên chất vấn", None)
    if kind == ActivityKind.RESUPERVISION:
        return Form("tái giám sát", "Đoàn giám sát")
    return Form("giám sát chuyên đề", "Đoàn giám sát")


def plan_subject(activity: Activity) -> str:
    """The plan's subject line: "Giám sát chuyên đề …", "Khảo sát …", "Tổ chức phiên giải
    trình về …"."""
    form = activity_form(activity)
    if form.team is None:
        return f"Tổ chức {form.verb} về {activity.topic}"
    return f"{form.verb[0].upper()}{form.verb[1:]} {activity.topic}"


def report_subject(activity: Activity) -> str:
    form = activity_form(activity)
    about = "về " if form.team is None else ""
    return f"Kết quả {form.verb} {about}{activity.topic}"


def issuing_body(activity: Activity) -> str | None:
    """The plan's issuer: the Standing Committee (also for the HĐND's own), a Ban, a group."""
    if activity.body == Body.BAN and activity.committee_id:
        return activity.committee.name.upper()
    if activity.body == Body.GROUP and activity.committee_id:
        return activity.committee.name.upper()
    return "THƯỜNG TRỰC"


def issuer_name(activity: Activity) -> str:
    """The plan's issuer in a sentence: "Thường trực HĐND xã", "Ban Kinh tế - Ngân sách HĐND
    xã", "Tổ đại biểu số 1"."""
    kind = activity.council.commune_kind
    if activity.body == Body.BAN and activity.committee_id:
        return f"{activity.committee.name} HĐND {kind}"
    if activity.body == Body.GROUP and activity.committee_id:
        return activity.committee.name
    return f"Thường trực HĐND {kind}"


def _issuer_names(activity: Activity) -> tuple[str, ...]:
    names = (issuer_name(activity),)
    if activity.committee_id and activity.body in (Body.BAN, Body.GROUP):
        names += (activity.committee.name,)
    return names


def body_head(activity: Activity, on: dt.date) -> Delegate | None:
    """Who signs for the issuing body on ``on``: the Chair of the HĐND for the Standing
    Committee, the head of a Ban or a delegate group."""
    if activity.body in (Body.BAN, Body.GROUP) and activity.committee_id:
        heads = (
            Membership.objects.filter(committee_id=activity.committee_id, role=Membership.Role.HEAD)
            .select_related("delegate")
            .order_by("-start_date")
        )
        head = heads.on(on).first() or heads.on(activity.start_date).first()
        return head.delegate if head else None
    council = activity.council
    term = (
        activity.committee.term
        if activity.committee_id
        else council.current_term(on) or council.current_term(activity.start_date)
    )
    if term is None:
        return None
    return standing_chair(term=term, on=on) or standing_chair(term=term, on=activity.start_date)


def plan_signature(activity: Activity, on: dt.date) -> Signature:
    body = issuing_body(activity)
    head = body_head(activity, on)
    name = head.full_name if head else ""
    if body == "THƯỜNG TRỰC":
        return Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", name)
    if activity.body == Body.GROUP:
        return Signature(f"TM. {body}", "TỔ TRƯỞNG", name)
    return Signature(f"TM. {body}", "TRƯỞNG BAN", name)


def team_signature(activity: Activity, on: dt.date) -> Signature:
    """A team's report and notice are signed by its leader; a session's by the body's head."""
    form = activity_form(activity)
    if form.team is None:
        return plan_signature(activity, on)
    leader = _leader(activity)
    return Signature(f"TM. {form.team_upper}", "TRƯỞNG ĐOÀN", leader.full_name if leader else "")


def _result_issuer(activity: Activity) -> str | None:
    """The issuing body of the report and notice: the team, or for a session the body."""
    form = activity_form(activity)
    return form.team_upper if form.team else issuing_body(activity)


def _honorific(delegate: Delegate) -> str:
    return "Bà" if delegate.gender == Delegate.Gender.FEMALE else "Ông"


def person_line(delegate: Delegate, council) -> str:
    """ "Bà Trần Thị Hoa, Phó Chủ tịch HĐND xã": a person with their position in the
    commune's own words."""
    position = position_workplace(
        delegate.position,
        delegate.workplace,
        commune_kind=council.commune_kind,
        commune=council.commune,
    )
    position = position or f"Đại biểu HĐND {council.commune_kind}"
    return f"{_honorific(delegate)} {delegate.full_name}, {position}"


def team_lines(activity: Activity, team: list[TeamMember]) -> list[str]:
    """ "1. Bà Trần Thị Hoa, Trưởng Ban Kinh tế - Ngân sách HĐND xã - Trưởng đoàn;"."""
    council = activity.council
    lines = [
        f"{n}. {person_line(m.delegate, council)} - {m.get_role_display()};"
        for n, m in enumerate(team, start=1)
    ]
    lines += [
        f"{n}. {expert} - Mời tham gia;"
        for n, expert in enumerate(activity.experts_list, start=len(lines) + 1)
    ]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


# -- the legal basis ("Căn cứ") -------------------------------------------------------------

# The day each law was passed, as its documents cite it ("Luật … ngày 16 tháng 6 năm 2025").
LAW_PASSED = {"72/2025/QH15": dt.date(2025, 6, 16), "87/2015/QH13": dt.date(2015, 11, 20)}
LOCAL_GOVERNMENT = "Luật Tổ chức chính quyền địa phương"
SUPERVISION_LAW = "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân"


def long_date(day: dt.date) -> str:
    """ "ngày 05 tháng 02 năm 2026" (Nghị định 30/2020: months 1 and 2 with a leading 0)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _law_cited(title: str, on: dt.date) -> str:
    """ "Luật … ngày 16 tháng 6 năm 2025" or "Luật … số 121/2025/QH15": the law of that title
    in force on ``on`` (followups.laws), by its passing date when known."""
    in_force = [law for law in LAWS.values() if law.title == title and law.in_force(on)]
    if not in_force:
        in_force = [law for law in LAWS.values() if law.title == title and law.valid_to is None]
    law = max(in_force, key=lambda law: law.valid_from)
    passed = LAW_PASSED.get(law.number)
    return f"{law.title} {long_date(passed)}" if passed else f"{law.title} số {law.number}"


def _programme_line(activity: Activity) -> str:
    """ "Căn cứ Nghị quyết số 15/NQ-HĐND ngày … của HĐND xã về Chương trình giám sát năm …;"
    when the activity carries out an item of a programme."""
    if not activity.programme_item_id:
        return ""
    programme = activity.programme_item.programme
    kind = activity.council.commune_kind
    holder = {
        Body.HDND: f"Hội đồng nhân dân {kind}",
        Body.STANDING: f"Thường trực HĐND {kind}",
    }.get(programme.body, "")
    if not holder and programme.committee_id:
        holder = programme.committee.name
        if programme.body == Body.BAN:
            holder += f" HĐND {kind}"
    reference = programme.reference.strip()
    adopted = f" {long_date(programme.adopted_on)}" if programme.adopted_on else ""
    holder = f" của {holder}" if holder else ""
    if reference:
        return f"Căn cứ {reference}{adopted}{holder} về {programme.title};"
    return f"Căn cứ {programme.title}{holder};"


def _decision_line(activity: Activity) -> str:
    if not activity.decision_id:
        return ""
    form = activity_form(activity)
    decision = activity.decision
    day = activity.decision_date or decision.issued_on
    what = f"thành lập {form.team}" if form.team else f"tổ chức {form.verb}"
    return (
        f"Căn cứ Quyết định số {decision.symbol} {long_date(day)} về việc {what} {activity.topic};"
    )


def basis_lines(activity: Activity, on: dt.date) -> list[str]:
    """The "Căn cứ" lines: the laws in force on the document's date, the programme the
    activity carries out (by its number) and the decision that set up its team."""
    lines = [
        f"Căn cứ {_law_cited(LOCAL_GOVERNMENT, on)};",
        f"Căn cứ {_law_cited(SUPERVISION_LAW, on)};",
        _programme_line(activity),
        _decision_line(activity),
    ]
    return [line for line in lines if line]


# -- recipients ----------------------------------------------------------------------------


def _recipients(activity: Activity, *, issuer: tuple[str, ...], upward: bool = False) -> list:
    """ "Nơi nhận": the supervised bodies, the Party committee, the Standing Committee, UBND,
    the team; the city's Standing Committee for a report sent upward; never the issuer."""
    council = activity.council
    kind = council.commune_kind
    form = activity_form(activity)
    lines = [city_standing(council)] if upward else []
    lines += [
        f"Thường trực Đảng ủy {kind};",
        f"Thường trực HĐND {kind};",
    ]
    if activity.body in (Body.BAN, Body.GROUP) and activity.committee_id:
        lines.append(f"{issuer_name(activity)};")
    lines += [f"UBND {kind};"]
    lines += [f"{a.name};" for a in activity.agencies.all()]
    if activity.other_bodies:
        lines.append(f"{activity.other_bodies};")
    if form.team:
        lines.append(f"Thành viên {form.team};")
    lines.append("Lưu: VT.")
    return recipient_lines(lines, council=council, issuer=issuer)


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
        return (
            f"Kế hoạch số {plan.symbol} ngày {plan.issued_on:%d/%m/%Y} của {issuer_name(activity)}"
        )
    if activity.decision_id:
        return f"Quyết định số {activity.decision.symbol} ngày {activity.decision_date:%d/%m/%Y}"
    return f"Kế hoạch {plan_subject(activity)[0].lower()}{plan_subject(activity)[1:]}"


def _days(activity: Activity) -> str:
    if activity.end_date and activity.end_date != activity.start_date:
        return f"từ ngày {activity.start_date:%d/%m/%Y} đến ngày {activity.end_date:%d/%m/%Y}"
    return f"ngày {activity.start_date:%d/%m/%Y}"


# -- the plan ------------------------------------------------------------------------------


def _team_plan_sections(activity: Activity, team: list[TeamMember]) -> list[Section]:
    form = activity_form(activity)
    agencies = _agencies(activity)
    watched = "khảo sát" if activity.kind == ActivityKind.SURVEY else "giám sát"
    if activity.kind == ActivityKind.SURVEY:
        how = f"Khảo sát thực tế tại cơ sở; làm việc với {agencies or 'các cơ quan, đơn vị liên quan'}."
    else:
        how = (
            "Nghiên cứu báo cáo của các cơ quan, đơn vị chịu sự giám sát; làm việc trực tiếp "
            f"với {agencies or 'các cơ quan, đơn vị liên quan'}; giám sát thực tế tại cơ sở "
            "khi cần thiết."
        )
    return [
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
            + ([f"Đối tượng chịu sự {watched}: {agencies}."] if agencies else []),
        ),
        Section("III. HÌNH THỨC", [how]),
        Section(
            f"IV. THÀNH PHẦN {form.team_upper}",
            team_lines(activity, team) or ["(Theo quyết định thành lập đoàn.)"],
        ),
        Section(
            "V. THỜI GIAN, LỊCH TRÌNH",
            [
                f"{form.team} làm việc {_days(activity)}"
                + (", theo lịch trình sau:" if activity.schedule.exists() else ".")
            ],
        ),
        Section(
            "VI. TỔ CHỨC THỰC HIỆN",
            [
                f"Các cơ quan, đơn vị chịu sự {watched} chuẩn bị báo cáo theo đề cương gửi kèm, gửi {form.team} trước buổi làm việc.",
                f"Thành viên {form.team} nghiên cứu báo cáo, tham gia đầy đủ các buổi làm việc.",
                "Văn phòng HĐND và UBND bảo đảm các điều kiện phục vụ hoạt động của Đoàn.",
            ],
        ),
    ]


def _session_plan_sections(activity: Activity, team: list[TeamMember]) -> list[Section]:
    """A questioning or explanation session: held by the body at its meeting, no team."""
    form = activity_form(activity)
    council = activity.council
    explanation = activity.kind == ActivityKind.EXPLANATION
    answering = "GIẢI TRÌNH" if explanation else "TRẢ LỜI CHẤT VẤN"
    agencies = _agencies(activity)
    attending = [f"Chủ trì: {issuer_name(activity)}."]
    attending += [f"{person_line(m.delegate, council)};" for m in team]
    attending += [f"Mời dự: {e};" for e in activity.experts_list]
    return [
        Section(
            "I. MỤC ĐÍCH, YÊU CẦU",
            _lines(activity.purpose)
            or [
                f"Làm rõ trách nhiệm của cơ quan, người đứng đầu về {activity.topic}; xác định "
                "giải pháp khắc phục tồn tại, hạn chế."
            ],
        ),
        Section(
            f"II. NỘI DUNG {'GIẢI TRÌNH' if explanation else 'CHẤT VẤN'}",
            [f"{activity.topic[0].upper()}{activity.topic[1:]}.", *_lines(activity.scope)],
        ),
        Section(
            f"III. CƠ QUAN, NGƯỜI {answering}",
            [
                f"Người đứng đầu {agencies}."
                if agencies
                else "(Theo thông báo của Thường trực HĐND.)"
            ],
        ),
        Section("IV. THÀNH PHẦN THAM DỰ", attending),
        Section(
            "V. THỜI GIAN, ĐỊA ĐIỂM",
            [f"Tổ chức {form.verb} {_days(activity)}."],
        ),
        Section(
            "VI. TỔ CHỨC THỰC HIỆN",
            [
                f"Kế hoạch được gửi đến cơ quan, người {answering.lower()} chậm nhất 10 ngày "
                f"trước {form.verb}; cơ quan {answering.lower()} gửi báo cáo đến "
                f"{issuer_name(activity)} trước {form.verb}.",
                "Văn phòng HĐND và UBND bảo đảm các điều kiện tổ chức phiên họp.",
            ],
        ),
    ]


def plan_context(*, obj: Activity, access, document, on) -> dict:
    activity = obj
    form = activity_form(activity)
    team = _team(activity)
    intro = (
        f"{issuer_name(activity)} ban hành Kế hoạch "
        f"{plan_subject(activity)[0].lower()}{plan_subject(activity)[1:]} như sau:"
    )
    if form.team:
        sections = _team_plan_sections(activity, team)
        schedule = list(activity.schedule.select_related("agency"))
        rows = [
            (
                f"{s.date:%d/%m/%Y}",
                s.agency.name if s.agency else "",
                s.content,
                f"{form.team}; đại diện {s.agency.name}" if s.agency else form.team,
            )
            for s in schedule
        ]
        watched = "khảo sát" if activity.kind == ActivityKind.SURVEY else "giám sát"
        appendix = Section(
            f"ĐỀ CƯƠNG BÁO CÁO (gửi kèm Kế hoạch, dành cho cơ quan chịu sự {watched})",
            [line.replace("giám sát", watched) for line in REPORT_OUTLINE],
        )
    else:
        sections, rows, appendix = _session_plan_sections(activity, team), [], None
    issuer = issuing_body(activity)
    return {
        "activity": activity,
        "letterhead": _letterhead(activity.council, DocumentType.KH, issuer, document, on),
        "heading": Heading("Kế hoạch", (plan_subject(activity),)),
        "basis": basis_lines(activity, on),
        "intro": intro,
        "signature": plan_signature(activity, on),
        "recipients": _recipients(activity, issuer=_issuer_names(activity)),
        "sections": sections,
        "schedule_after": 4,  # the table goes under section V
        "schedule": rows,
        "appendix": appendix,
        "appendix_note": f"(Kèm theo Kế hoạch {form.verb})",
    }


# -- results report and conclusion notice -------------------------------------------------


def _requests(conclusion: Conclusion) -> list[str]:
    return [
        f"{r.agency.name}: {r.content} (thời hạn báo cáo kết quả: {r.due_date:%d/%m/%Y})."
        for r in conclusion.recommendations.select_related("agency").order_by("due_date", "id")
    ]


def _result_issuer_names(activity: Activity) -> tuple[str, ...]:
    form = activity_form(activity)
    return (form.team,) if form.team else _issuer_names(activity)


def _result_word(activity: Activity) -> str:
    """ "giám sát", "khảo sát", "phiên giải trình": what the results report is of."""
    if activity.kind == ActivityKind.SURVEY:
        return "khảo sát"
    form = activity_form(activity)
    return "giám sát" if form.team else form.verb


def _who_worked(activity: Activity) -> str:
    form = activity_form(activity)
    return form.team if form.team else issuer_name(activity)


def report_context(*, obj: Conclusion, access, document, on) -> dict:
    conclusion, activity = obj, obj.activity
    form = activity_form(activity)
    bodies = _agencies(activity) or "các cơ quan, đơn vị liên quan"
    held = (
        f"{_days(activity)}, {_who_worked(activity)} đã làm việc với {bodies}"
        if form.team
        else f"{_days(activity)}, {issuer_name(activity)} đã tổ chức {form.verb} với {bodies}"
    )
    overview = [f"Thực hiện {_plan_reference(activity)}, {held} về {activity.topic}."]
    sections = [
        Section("I. KHÁI QUÁT", overview + _lines(conclusion.overview)),
        Section(
            f"II. KẾT QUẢ {_result_word(activity).upper()}",
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
        "letterhead": _letterhead(
            activity.council, DocumentType.BC, _result_issuer(activity), document, on
        ),
        "heading": Heading("Báo cáo", (report_subject(activity),)),
        "basis": basis_lines(activity, on),
        "signature": team_signature(activity, on),
        "recipients": _recipients(activity, issuer=_result_issuer_names(activity), upward=True),
        "sections": sections,
    }


def notice_context(*, obj: Conclusion, access, document, on) -> dict:
    conclusion, activity = obj, obj.activity
    form = activity_form(activity)
    bodies = _agencies(activity) or "các cơ quan, đơn vị"
    if form.team:
        intro = (
            f"Thực hiện {_plan_reference(activity)}, {_days(activity)} {form.team} đã làm việc "
            f"với {bodies} về {activity.topic}. Sau khi nghe báo cáo và ý kiến của các thành viên "
            "Đoàn, Trưởng đoàn kết luận như sau:"
        )
        subject = f"Kết luận của {form.team} về {activity.topic}"
        if _agencies(activity):
            subject += f" tại {_agencies(activity)}"
    else:
        intro = (
            f"Thực hiện {_plan_reference(activity)}, {_days(activity)} {issuer_name(activity)} "
            f"đã tổ chức {form.verb} về {activity.topic} với {bodies}. Sau khi nghe giải trình "
            f"và ý kiến của các đại biểu, {issuer_name(activity)} kết luận như sau:"
        )
        subject = f"Kết luận {form.verb} về {activity.topic}"
    sections = [
        Section("", [intro]),
        Section("1. Kết quả đạt được", _lines(conclusion.results)),
        Section("2. Tồn tại, hạn chế", _lines(conclusion.shortcomings) or ["Không có."]),
        Section("3. Đề nghị", _requests(conclusion) or ["Không có đề nghị."]),
    ]
    return {
        "activity": activity,
        "letterhead": _letterhead(
            activity.council, DocumentType.TB, _result_issuer(activity), document, on
        ),
        "heading": Heading("Thông báo", (subject,)),
        "signature": team_signature(activity, on),
        "recipients": _recipients(activity, issuer=_result_issuer_names(activity)),
        "sections": sections,
    }


# -- the Word twin -------------------------------------------------------------------------


def register_documents() -> None:
    """Called from SupervisionConfig.ready()."""
    common = {"template": "supervision/document.html"}
    register_document(
        DocumentKind(
            code=PLAN_KIND,
            model=Activity,
            type_code=DocumentType.KH,
            build_context=plan_context,
            title=lambda a: f"Kế hoạch {plan_subject(a)[0].lower()}{plan_subject(a)[1:]}",
            signer=lambda a, on: plan_signature(a, on).name,
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
            title=lambda c: (
                f"Báo cáo {report_subject(c.activity)[0].lower()}{report_subject(c.activity)[1:]}"
            ),
            signer=lambda c, on: team_signature(c.activity, on).name,
            print_policy=(CONCLUSION, "export"),
            filename=lambda c: f"bao-cao-ket-qua-giam-sat-{c.pk}",
            select_related=("council", "activity__committee", "activity__council"),
            **common,
            sends_upward=True,
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
            title=lambda c: (
                f"Thông báo kết luận {activity_form(c.activity).verb} {c.activity.topic}"
            ),
            signer=lambda c, on: team_signature(c.activity, on).name,
            print_policy=(CONCLUSION, "export"),
            filename=lambda c: f"thong-bao-ket-luan-giam-sat-{c.pk}",
            select_related=("council", "activity__committee", "activity__council"),
            **common,
            not_before=lambda c: c.concluded_on,
            default_on=lambda c: c.concluded_on,
            issuable=lambda c: c.kind == Conclusion.Kind.NOTICE,
        )
    )
