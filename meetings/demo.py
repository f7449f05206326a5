"""Demo sessions (loader order 10): the last year of khóa I (2021-2026) and the first sessions of
khóa II, with agenda, documents (tiny valid PDFs), examinations, attendance, questions and
commitments, resolutions voted per delegate (one FAILED for lack of a majority of all delegates),
issued numbers, publications and implementation tasks.

Idempotent: sessions are keyed by (term, number); a session already closed is left alone, so a
second ``seed_demo`` adds nothing. Deterministic: one seeded ``random.Random`` per council.
A session whose opening day is after ``today`` gets only its preparation (agenda, documents,
examinations, the notice follow-up).
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from councils.models import Agency, Committee, Term
from hdnd_portal.core.text import fold
from hdnd_portal.followups.services import followup_accept, followup_answer
from meetings import services
from meetings.models import (
    AgendaItem,
    Attendance,
    CongressGoal,
    Examination,
    Question,
    Resolution,
    Session,
    SessionDocument,
)

KTNS = "Ban Kinh tế - Ngân sách"
VHXH = "Ban Văn hóa - Xã hội"


@dataclass(frozen=True)
class DraftSpec:
    title: str  # "Về việc …"
    ban: str
    kind: str = Resolution.Kind.INDIVIDUAL
    # How the vote goes: "all" (every present delegate for), or a number of FOR votes.
    votes: str | int = "all"


@dataclass(frozen=True)
class SessionSpec:
    term: int
    number: int
    kind: str
    title: str
    start: dt.date
    end: dt.date
    drafts: tuple[DraftSpec, ...] = ()
    questions: tuple[tuple[str, str], ...] = ()  # (question, commitment)


SESSIONS = (
    SessionSpec(
        1,
        2,
        Session.Kind.REGULAR,
        "Kỳ họp thường lệ cuối năm 2025",
        dt.date(2025, 12, 10),
        dt.date(2025, 12, 11),
        drafts=(
            DraftSpec("Về việc phê chuẩn dự toán ngân sách xã năm 2026", KTNS),
            DraftSpec("Về kế hoạch phát triển kinh tế - xã hội năm 2026", KTNS),
            # Twelve of 25 for: most of those present, but not more than half of ALL delegates.
            DraftSpec(
                "Về việc đặt tên đường, tên công trình công cộng trên địa bàn xã", VHXH, votes=12
            ),
        ),
        questions=(
            (
                "Tiến độ sửa chữa đường trục chính thôn và kế hoạch hoàn thành?",
                "Hoàn thành sửa chữa đường trục chính trong quý II năm 2026",
            ),
        ),
    ),
    SessionSpec(
        1,
        3,
        Session.Kind.EXTRA,
        "Kỳ họp bất thường về đầu tư công",
        dt.date(2026, 2, 10),
        dt.date(2026, 2, 10),
        drafts=(
            DraftSpec(
                "Về việc điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2026-2030", KTNS
            ),
        ),
    ),
    SessionSpec(
        2,
        1,
        Session.Kind.REGULAR,
        "Kỳ họp thứ nhất HĐND xã khóa II",
        dt.date(2026, 3, 25),
        dt.date(2026, 3, 25),
        drafts=(DraftSpec("Về chương trình giám sát của HĐND xã năm 2027", VHXH),),
    ),
    SessionSpec(
        2,
        2,
        Session.Kind.REGULAR,
        "Kỳ họp thường lệ giữa năm 2026",
        dt.date(2026, 7, 15),
        dt.date(2026, 7, 16),
        drafts=(
            DraftSpec(
                "Ban hành quy định về quản lý chợ trên địa bàn xã",
                KTNS,
                kind=Resolution.Kind.NORMATIVE,
            ),
            DraftSpec("Về việc hỗ trợ học sinh có hoàn cảnh khó khăn năm học 2026-2027", VHXH),
        ),
        questions=(
            (
                "Giải pháp xử lý tình trạng ô nhiễm môi trường tại khu chăn nuôi tập trung?",
                "Kiểm tra, xử lý các cơ sở chăn nuôi gây ô nhiễm trước ngày 30/11/2026",
            ),
            (
                "Việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ còn tồn đọng?",
                "Hoàn thành hồ sơ cấp giấy cho 45 hộ còn tồn đọng",
            ),
        ),
    ),
    SessionSpec(
        2,
        3,
        Session.Kind.REGULAR,
        "Kỳ họp thường lệ cuối năm 2026",
        dt.date(2026, 12, 18),
        dt.date(2026, 12, 19),
        drafts=(
            DraftSpec("Về việc phê chuẩn dự toán ngân sách xã năm 2027", KTNS),
            DraftSpec("Về kế hoạch phát triển kinh tế - xã hội năm 2027", KTNS),
        ),
    ),
)


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF showing ``text`` (ASCII, folded), for demo uploads."""
    line = fold(text).replace("\\", "").replace("(", "").replace(")", "")[:90]
    stream = f"BT /F1 12 Tf 40 800 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _upload(document: SessionDocument, created_by) -> None:
    if document.versions.exists():
        return
    name = f"{fold(document.get_kind_display()).replace(' ', '-')}-{document.pk}.pdf"
    upload = ContentFile(tiny_pdf(document.title), name=name)
    services.document_version_add(document=document, file=upload, uploaded_by=created_by)


def _get_or_create(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    return obj or model.objects.create(**lookup, **values)


def load_sessions(*, council, today: dt.date, created_by) -> list[str]:
    rng = random.Random(f"{council.slug}:meetings")
    terms = {t.number: t for t in Term.objects.filter(council=council)}
    ubnd = Agency.objects.filter(council=council, kind=Agency.Kind.UBND).first()
    counts = {"sessions": 0, "resolutions": 0}
    for spec in SESSIONS:
        term = terms.get(spec.term)
        if term is None:
            continue
        session = Session.objects.filter(term=term, number=spec.number).first()
        if session is None:
            session = Session.objects.create(
                council=council,
                term=term,
                number=spec.number,
                kind=spec.kind,
                title=spec.title,
                start_date=spec.start,
                end_date=spec.end,
                place="Hội trường trụ sở HĐND và UBND xã",
            )
            counts["sessions"] += 1
            held = spec.end < today
            if not held:
                services.session_notice_open(session=session, created_by=created_by, today=today)
            _prepare(session, spec, term, ubnd, created_by, rng, today)
        if session.state != Session.State.CLOSED and spec.end < today:
            counts["resolutions"] += _hold(session, spec, ubnd, created_by, rng, today)
    link_resolutions_to_goals(council)
    return [
        f"Đã nạp {counts['sessions']} kỳ họp mẫu, {counts['resolutions']} nghị quyết được "
        f"biểu quyết cho {council.short_name}."
    ]


def _prepare(session, spec, term, ubnd, created_by, rng, today):
    """Agenda, documents with their files, examinations (before the session)."""
    bans = {c.name: c for c in Committee.objects.filter(term=term, kind=Committee.Kind.BAN)}
    deadline = session.start_date - dt.timedelta(days=20 if spec.kind != "extra" else 7)
    number = 1
    AgendaItem.objects.create(
        council=session.council,
        session=session,
        number=number,
        title="Chào cờ, khai mạc kỳ họp",
        presenter_text="Chủ tọa kỳ họp",
        time_label="7h30 - 8h00",
    )
    for index, draft in enumerate(spec.drafts):
        number += 1
        item = AgendaItem.objects.create(
            council=session.council,
            session=session,
            number=number,
            title=f"Xem xét, thông qua Nghị quyết {draft.title[0].lower()}{draft.title[1:]}",
            presenter_text="Ủy ban nhân dân xã",
            time_label=f"{8 + index}h00 - {8 + index}h45",
        )
        # The last session's last draft reaches delegates late: the page warns.
        late = session.start_date > today and index == len(spec.drafts) - 1
        sent = deadline + dt.timedelta(days=3) if late else deadline - dt.timedelta(days=2)
        proposal = SessionDocument.objects.create(
            council=session.council,
            session=session,
            agenda_item=item,
            kind=SessionDocument.Kind.PROPOSAL,
            title=f"Tờ trình {draft.title[0].lower()}{draft.title[1:]}",
            reference=f"{rng.randint(20, 150)}/TTr-UBND",
            sent_on=sent,
        )
        text = f"Dự thảo Nghị quyết {draft.title[0].lower()}{draft.title[1:]}"
        document = SessionDocument.objects.create(
            council=session.council,
            session=session,
            agenda_item=item,
            kind=SessionDocument.Kind.DRAFT_RESOLUTION,
            title=text,
            sent_on=sent,
        )
        for doc in (proposal, document):
            _upload(doc, created_by)
        ban = bans.get(draft.ban)
        if ban is not None:
            Examination.objects.create(
                council=session.council,
                document=document,
                committee=ban,
                recommendation=Examination.Recommendation.PASS
                if draft.votes == "all"
                else Examination.Recommendation.AMEND,
                content=(
                    "Dự thảo có đủ căn cứ pháp lý, đúng thẩm quyền của HĐND xã.\n"
                    "Nội dung phù hợp với tình hình thực tế của địa phương."
                ),
                examined_on=deadline + dt.timedelta(days=5),
            )
        Resolution.objects.create(
            council=session.council,
            session=session,
            agenda_item=item,
            draft=document,
            title=draft.title,
            kind=draft.kind,
            body=f"Thông qua {draft.title[0].lower()}{draft.title[1:]} theo Tờ trình của UBND xã.",
            effective_on=session.end_date + dt.timedelta(days=10)
            if draft.kind == Resolution.Kind.NORMATIVE
            else None,
        )
    AgendaItem.objects.create(
        council=session.council,
        session=session,
        number=number + 1,
        title="Chất vấn và trả lời chất vấn",
        presenter_text="Đại biểu HĐND; Chủ tịch UBND xã",
    )
    AgendaItem.objects.create(
        council=session.council,
        session=session,
        number=number + 2,
        title="Bế mạc kỳ họp",
        presenter_text="Chủ tọa kỳ họp",
    )


def _latest_held(session, today) -> bool:
    """``session`` is the last of the demo's sessions held by ``today`` (the specs, not the
    database: the sessions are created one after the other)."""
    held = [spec for spec in SESSIONS if spec.end < today]
    last = max(held, key=lambda spec: spec.start, default=None)
    return last is not None and (last.term, last.number) == (
        session.term.number,
        session.number,
    )


def _hold(session, spec, ubnd, created_by, rng, today) -> int:
    """Attendance, opening, questions, votes, closing, numbers and publications."""
    from meetings.selectors import delegates_in_office

    delegates = list(delegates_in_office(session))
    absent = set(rng.sample([d.pk for d in delegates], k=min(3, len(delegates) // 8)))
    statuses = {}
    for d in delegates:
        statuses[d.pk] = (
            Attendance.Status.ABSENT_LEAVE if d.pk in absent else Attendance.Status.PRESENT
        )
    if delegates:
        statuses[delegates[-1].pk] = Attendance.Status.LATE
    services.attendance_record(session=session, statuses=statuses)
    services.session_open(session=session, at=_at(session.start_date, 7, 30))
    for text, promise in spec.questions:
        asker = rng.choice(delegates)
        question = Question.objects.create(
            council=session.council,
            session=session,
            asker=asker,
            answerer_name="Chủ tịch UBND xã",
            answerer_agency=ubnd,
            question=text,
            answer="UBND xã tiếp thu, chỉ đạo các bộ phận chuyên môn thực hiện.",
        )
        services.commitment_add(
            question=question, content=promise, agency=ubnd, created_by=created_by
        )
    day = session.end_date
    on_the_day = set(delegates_in_office(session, day).values_list("pk", flat=True))
    present = [d.pk for d in delegates if d.pk not in absent and d.pk in on_the_day]
    voted = 0
    for index, (draft, resolution) in enumerate(
        zip(spec.drafts, Resolution.objects.filter(session=session).order_by("id"), strict=False)
    ):
        # The votes of the last day, one draft after the other from 9 o'clock.
        at = _at(day, 9 + index)
        if draft.votes == "all":
            services.votes_all_present_for(resolution=resolution, at=at)
        else:
            n_for = int(draft.votes)
            choices = {}
            for place, pk in enumerate(present):
                if place < n_for:
                    choices[pk] = ("for", False)
                else:
                    choices[pk] = ("against" if place % 2 else "abstain", False)
            services.votes_record(resolution=resolution, choices=choices, at=at)
        resolution = services.vote_close(resolution=resolution, at=at + dt.timedelta(minutes=30))
        voted += 1
        if resolution.passed and not (
            index == len(spec.drafts) - 1 and _latest_held(session, today)
        ):
            # The latest session's last resolution waits for "Cấp số và in" (a clerk's step).
            resolution = services.resolution_issue(
                resolution=resolution, issued_by=created_by, on=day
            )
            services.publication_add(
                resolution=resolution,
                channel="website",
                place="Cổng thông tin điện tử xã",
                published_on=day + dt.timedelta(days=2),
            )
            services.publication_add(
                resolution=resolution,
                channel="posting",
                place="Trụ sở UBND xã và nhà văn hóa các thôn",
                published_on=day + dt.timedelta(days=3),
            )
            if ubnd is not None:
                task = services.implementation_task_add(
                    resolution=resolution,
                    title=f"Tổ chức triển khai Nghị quyết {resolution.document.symbol}",
                    agency=ubnd,
                    due_date=day + dt.timedelta(days=60),
                    created_by=created_by,
                )
                if task.due_date < today:
                    # An earlier session's resolution: the UBND reported its implementation.
                    followup_answer(
                        followup=task,
                        by_user=created_by,
                        answer="UBND xã đã ban hành kế hoạch triển khai và báo cáo kết quả.",
                        on_behalf=True,
                    )
                    followup_accept(followup=task, by_user=created_by, note="Thường trực ghi nhận.")
    services.session_close(session=session, on=day)
    return voted


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of a sitting, in the council's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def link_resolutions_to_goals(council) -> int:
    """Link each passed resolution (issued, or waiting for its number) to one or two Party
    Congress goals, if goals exist (the preparation part's loader creates them; it may call
    this after creating them)."""
    goals = list(CongressGoal.objects.filter(council=council).order_by("order", "id"))
    if not goals:
        return 0
    rng = random.Random(f"{council.slug}:goals")
    linked = 0
    for resolution in Resolution.objects.filter(council=council, passed=True).order_by("id"):
        if resolution.goals.exists():
            continue
        resolution.goals.set(rng.sample(goals, k=min(2, len(goals))))
        linked += 1
    return linked
