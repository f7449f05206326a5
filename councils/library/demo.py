"""Demo data of the procedures library and emulation (``seed_demo``): a procedure of each kind
(the sessions' one issued twice), and the 2026 emulation — criteria, registrations of
delegates, groups, Bans and the Standing Committee, their results and the rewards. Idempotent;
only records dated up to ``today``."""

import datetime as dt

from django.core.files.base import ContentFile

from councils.demo import _upsert
from councils.library import services
from councils.models import Committee, CouncilRole, Delegate
from councils.models_library import (
    EmulationCriterion,
    EmulationRegistration,
    EmulationResult,
    EmulationTitle,
    Procedure,
    ProcedureVersion,
    Registrant,
    Reward,
)
from hdnd_portal.core.access import DELEGATE

K = Procedure.Kind
T = Procedure.DocumentType
# (kind, type, title, scope, versions: (decision number, decision date, effective, changes))
PROCEDURES = (
    (
        K.SESSION,
        T.PROCEDURE,
        "Quy trình tổ chức kỳ họp HĐND xã",
        "Thường trực HĐND, các Ban, Văn phòng HĐND và UBND xã trong chuẩn bị, tổ chức kỳ họp "
        "thường lệ, chuyên đề, bất thường.",
        (
            ("03/QĐ-HĐND", dt.date(2025, 8, 5), dt.date(2025, 8, 5), "Ban hành lần đầu."),
            (
                "15/QĐ-HĐND",
                dt.date(2026, 4, 2),
                dt.date(2026, 4, 10),
                "Bổ sung bước gửi tài liệu điện tử cho đại biểu khóa II; rút ngắn thời gian "
                "tổng hợp ý kiến thảo luận tổ.",
            ),
        ),
    ),
    (
        K.BETWEEN_SESSIONS,
        T.PROCEDURE,
        "Quy trình xử lý công việc phát sinh giữa hai kỳ họp",
        "Thường trực HĐND xem xét, cho ý kiến những việc phát sinh giữa hai kỳ họp.",
        (("04/QĐ-HĐND", dt.date(2025, 8, 5), dt.date(2025, 8, 5), ""),),
    ),
    (
        K.SUPERVISION_TEAM,
        T.PROCEDURE,
        "Quy trình tổ chức đoàn giám sát chuyên đề",
        "Thành lập đoàn, xây dựng kế hoạch, làm việc với đối tượng giám sát, báo cáo kết quả.",
        (("05/QĐ-HĐND", dt.date(2025, 9, 10), dt.date(2025, 9, 15), ""),),
    ),
    (
        K.QUESTIONING,
        T.PROCEDURE,
        "Quy trình chất vấn, giải trình tại phiên họp Thường trực HĐND xã",
        "Lựa chọn nhóm vấn đề, mời người trả lời, theo dõi việc thực hiện lời hứa.",
        (("06/QĐ-HĐND", dt.date(2025, 9, 10), dt.date(2025, 9, 15), ""),),
    ),
    (
        K.EXAMINATION,
        T.PROCEDURE,
        "Quy trình thẩm tra báo cáo, tờ trình, dự thảo nghị quyết của các Ban HĐND",
        "Các Ban của HĐND xã thẩm tra nội dung trình kỳ họp theo lĩnh vực được phân công.",
        (("07/QĐ-HĐND", dt.date(2025, 10, 1), dt.date(2025, 10, 1), ""),),
    ),
    (
        K.PARTY_ADVICE,
        T.PROCEDURE,
        "Quy trình tham mưu cấp ủy các nội dung thuộc thẩm quyền HĐND",
        "Đảng đoàn, Thường trực HĐND báo cáo, xin ý kiến Ban Thường vụ Đảng ủy trước kỳ họp.",
        (("08/QĐ-HĐND", dt.date(2025, 10, 1), dt.date(2025, 10, 1), ""),),
    ),
    (
        K.OTHER,
        T.REGULATION,
        "Quy chế làm việc của HĐND xã nhiệm kỳ 2026-2031",
        "Chế độ làm việc, trách nhiệm của Thường trực, các Ban, Tổ đại biểu và đại biểu.",
        (("12/QĐ-HĐND", dt.date(2026, 3, 30), dt.date(2026, 3, 30), ""),),
    ),
)

YEAR = 2026
CRITERIA = (
    (1, "", "Tham dự đầy đủ các kỳ họp, phiên họp; chuẩn bị ý kiến thảo luận, chất vấn", 20),
    (
        2,
        Registrant.DELEGATE,
        "Tiếp xúc cử tri, tiếp công dân theo lịch; chuyển kiến nghị đúng hạn",
        20,
    ),
    (3, "", "Tham gia giám sát, khảo sát; theo dõi việc thực hiện kiến nghị sau giám sát", 25),
    (4, Registrant.BAN, "Thẩm tra đúng hạn, có chất lượng các nội dung được phân công", 20),
    (5, "", "Chấp hành quy chế làm việc, quy trình nội bộ của HĐND xã", 15),
)
REGISTERED_ON = dt.date(2026, 4, 20)
REVIEWED_ON = dt.date(2026, 11, 20)
REWARDED_ON = dt.date(2026, 11, 25)


def tiny_pdf(title: str) -> bytes:
    """A one-page PDF naming the procedure (what a reader downloads in the demo)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 50 780 Td ({text}) Tj ET".encode()
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
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _procedures(council, today) -> tuple[int, int]:
    made = versions = 0
    for kind, doc_type, title, scope, issues in PROCEDURES:
        if issues[0][1] > today:
            continue
        procedure = _upsert(
            Procedure,
            {"council": council, "title": title},
            {"kind": kind, "document_type": doc_type, "scope": scope},
        )
        made += 1
        for number, decided, effective, changes in issues:
            if effective > today:
                continue
            versions += 1
            if ProcedureVersion.objects.filter(
                council=council, decision_number=number, decision_date=decided
            ).exists():
                continue
            services.procedure_version_save(
                access=None,
                instance=None,
                values={
                    "council": council,
                    "procedure": procedure,
                    "decision_number": number,
                    "decision_date": decided,
                    "issuer": "Thường trực HĐND xã",
                    "start_date": effective,
                    "changes": changes,
                    "file": ContentFile(tiny_pdf(title), name=f"quy-trinh-{procedure.pk}.pdf"),
                },
            )
    return made, versions


def _emulation(council, today) -> tuple[int, int, int]:
    term = council.current_term(dt.date(YEAR, 12, 31))
    if term is None or today < REGISTERED_ON:
        return 0, 0, 0
    for number, applies_to, content, score in CRITERIA:
        _upsert(
            EmulationCriterion,
            {"council": council, "year": YEAR, "number": number},
            {"applies_to": applies_to, "content": content, "max_score": score},
        )
    committees = list(Committee.objects.filter(term=term).order_by("kind", "order", "name"))
    # The demo delegate (account "daibieu") and a few others register as persons.
    demo_delegates = set(
        CouncilRole.objects.filter(council=council, role=DELEGATE, delegate__term=term).values_list(
            "delegate_id", flat=True
        )
    )
    delegates = list(
        Delegate.objects.filter(term=term).in_office(REGISTERED_ON).order_by("sort_name", "id")
    )
    chosen = [d for d in delegates if d.pk in demo_delegates] + [
        d for d in delegates if d.pk not in demo_delegates
    ][:4]
    registrations = []
    for i, delegate in enumerate(chosen):
        title = EmulationTitle.GRASSROOTS_FIGHTER if i % 3 == 0 else EmulationTitle.ADVANCED_WORKER
        registrations.append(
            _upsert(
                EmulationRegistration,
                {"council": council, "year": YEAR, "delegate": delegate},
                {
                    "registered_on": REGISTERED_ON,
                    "title": title,
                    "goals": "Dự đủ các kỳ họp; tiếp xúc cử tri đủ các đợt; tham gia ít nhất "
                    "một đoàn giám sát.",
                    "registrant_kind": Registrant.DELEGATE,
                },
            )
        )
    for committee in committees:
        title = (
            EmulationTitle.EXCELLENT_COLLECTIVE
            if committee.kind != Committee.Kind.DELEGATE_GROUP
            else EmulationTitle.ADVANCED_COLLECTIVE
        )
        registrations.append(
            _upsert(
                EmulationRegistration,
                {"council": council, "year": YEAR, "committee": committee},
                {
                    "registered_on": REGISTERED_ON,
                    "title": title,
                    "goals": "Hoàn thành chương trình công tác năm; giám sát chuyên đề theo kế "
                    "hoạch.",
                    "registrant_kind": Registrant(committee.kind),
                },
            )
        )
    results = rewards = 0
    if today < REVIEWED_ON:
        return len(registrations), 0, 0
    ratings = [EmulationResult.Rating.EXCELLENT, EmulationResult.Rating.GOOD]
    for i, registration in enumerate(registrations):
        rating = ratings[i % 2]
        _upsert(
            EmulationResult,
            {"council": council, "registration": registration},
            {
                "reviewed_on": REVIEWED_ON,
                "rating": rating,
                "score": 95 if rating == EmulationResult.Rating.EXCELLENT else 85,
                "title_proposed": registration.title
                if rating == EmulationResult.Rating.EXCELLENT
                else "",
                "reviewed_by": "Hội nghị Thường trực HĐND xã đánh giá, bình xét thi đua năm 2026",
            },
        )
        results += 1
        if today < REWARDED_ON or rating != EmulationResult.Rating.EXCELLENT:
            continue
        form = Reward.Form.TITLE if registration.delegate_id else Reward.Form.CERTIFICATE
        key = {"council": council, "decision_number": "215/QĐ-UBND", "decision_date": REWARDED_ON}
        key["delegate" if registration.delegate_id else "committee"] = registration.registrant
        _upsert(
            Reward,
            key,
            {
                "year": YEAR,
                "form": form,
                "level": Reward.Level.COMMUNE,
                "title": registration.title if form == Reward.Form.TITLE else "",
                "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2026",
                "issuer": "Chủ tịch UBND xã",
                "registrant_kind": registration.registrant_kind,
            },
        )
        rewards += 1
    return len(registrations), results, rewards


def load_library(*, council, today: dt.date, created_by) -> list[str]:
    procedures, versions = _procedures(council, today)
    registrations, results, rewards = _emulation(council, today)
    return [
        f"Đã nạp {procedures} quy trình, quy chế nội bộ ({versions} phiên bản), "
        f"{registrations} đăng ký thi đua năm {YEAR}, {results} kết quả bình xét và "
        f"{rewards} khen thưởng cho {council.short_name}."
    ]
