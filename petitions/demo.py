"""Demo data (order 40): a year of receptions and letters of every kind and state.

Deterministic (seeded by the council's slug) and idempotent (nothing is added when the
council already has its demo letters). Holds some overdue letters, one extended
denunciation and the denunciation by "Lê Thị Bảo Mật", whose identity only the Office
user ``vanphong`` (its handler) and administrators may see.
"""

import datetime as dt
import random

from councils.demo import demo_username
from councils.models import Agency, Delegate, User
from hdnd_portal.followups.services import followup_accept, followup_answer
from petitions import services
from petitions.models import Kind, Letter, Reception, ReceptionSchedule

DENOUNCER = "Lê Thị Bảo Mật"
MARKER = "Dữ liệu mẫu"

CITIZENS = [
    ("Nguyễn Văn Hùng", "Thôn Thượng"),
    ("Trần Thị Mai", "Thôn Hạ"),
    ("Phạm Văn Long", "Thôn Đông"),
    ("Hoàng Thị Lan", "Thôn Tây"),
    ("Vũ Văn Nam", "Thôn Trung"),
    ("Đặng Thị Hoa", "Thôn Thượng"),
    ("Bùi Văn Tuấn", "Thôn Hạ"),
    ("Đỗ Thị Hương", "Thôn Đông"),
    ("Ngô Văn Sơn", "Thôn Tây"),
    ("Dương Thị Thu", "Thôn Trung"),
]
TOPICS = {
    Kind.COMPLAINT: [
        # Only a body competent to decide a complaint receives it: the UBND (its chair).
        ("Khiếu nại quyết định thu hồi đất làm đường liên thôn", "Ủy ban nhân dân xã"),
        ("Khiếu nại mức bồi thường hỗ trợ khi giải phóng mặt bằng", "Ủy ban nhân dân xã"),
    ],
    Kind.DENUNCIATION: [
        ("Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục đất đai", "Ủy ban nhân dân xã"),
        ("Tố cáo việc chia tiền hỗ trợ hộ nghèo sai đối tượng", "Ủy ban nhân dân xã"),
    ],
    Kind.PETITION: [
        ("Kiến nghị sửa chữa đường giao thông nội đồng bị sạt lở", "Phòng Kinh tế"),
        ("Kiến nghị lắp đèn chiếu sáng đường thôn", "Phòng Kinh tế"),
        ("Kiến nghị xem xét chế độ cho người có công", "Phòng Văn hóa - Xã hội"),
    ],
    Kind.REFLECTION: [
        ("Phản ánh cơ sở chăn nuôi gây ô nhiễm môi trường", "Phòng Kinh tế"),
        ("Phản ánh tình trạng đổ rác thải ven kênh", "Công an xã"),
    ],
    # It holds a complaint: it goes to the body that decides complaints (LEGAL.md §11), never a
    # UBND department.
    Kind.MIXED: [("Đơn vừa kiến nghị vừa khiếu nại về cấp giấy chứng nhận", "Ủy ban nhân dân xã")],
}


def _user(base: str, slug: str):
    return User.objects.filter(username=demo_username(base, slug)).first()


def _id_number(rng: random.Random) -> str:
    return "0" + "".join(str(rng.randint(0, 9)) for _ in range(11))


def load_demo(*, council, today: dt.date, created_by) -> list[str]:
    if Letter.objects.filter(council=council).exists():
        return [f"Tiếp công dân, đơn thư của {council.short_name}: đã có, không thêm."]
    rng = random.Random(f"petitions-{council.slug}")
    delegates = list(
        Delegate.objects.filter(council=council).current(today).order_by("sort_name", "id")
    )
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    staff = created_by
    delegate_user = _user("daibieu", council.slug) or staff
    start = today - dt.timedelta(days=364)

    # The schedule: the Chair monthly, each delegate once a quarter.
    for month in range(12):
        day = (start + dt.timedelta(days=30 * month + 5)).replace(day=10)
        ReceptionSchedule.objects.create(
            council=council,
            date=day,
            place="Trụ sở HĐND và UBND xã",
            host=ReceptionSchedule.Host.CHAIR,
            note=MARKER,
        )
    for quarter in range(4):
        day = start + dt.timedelta(days=91 * quarter + 20)
        group = delegates[quarter::4]
        schedule = ReceptionSchedule.objects.create(
            council=council,
            date=day,
            place="Nhà văn hóa thôn",
            host=ReceptionSchedule.Host.DELEGATE,
            note=MARKER,
        )
        schedule.delegates.set(group)

    # A year of receptions; most delegates receive as required, a few fall short.
    kinds = [Kind.PETITION, Kind.REFLECTION, Kind.COMPLAINT, Kind.PETITION, Kind.MIXED]
    receptions = 0
    for i in range(36):
        day = start + dt.timedelta(days=10 * i + rng.randint(0, 5))
        if day > today:
            break
        name, village = CITIZENS[i % len(CITIZENS)]
        kind = kinds[i % len(kinds)]
        topic, _agency = TOPICS[kind][i % len(TOPICS[kind])]
        # The delegates in office that day (the ended term's before its end); a sitting of the
        # ended term's last weeks is held by four of them, so each took their turn.
        sitting = list(
            Delegate.objects.filter(council=council).in_office(day).order_by("sort_name", "id")
        )
        pool = sitting or delegates
        width = 4 if sitting and sitting[0].term_id != getattr(delegates[0], "term_id", None) else 2
        receivers = [pool[(i * width + k) % len(pool)] for k in range(width)] if pool else []
        outcome = [
            Reception.Outcome.GUIDANCE,
            Reception.Outcome.ACCEPTED,
            Reception.Outcome.FORWARDED,
        ][i % 3]
        reception = Reception(
            council=council,
            received_on=day,
            place="Trụ sở HĐND và UBND xã",
            by_standing=i % 4 == 0,
            citizen_name=name if i % 6 else f"Đoàn công dân {village}",
            citizen_id_number=_id_number(rng),
            citizen_address=f"{village}, xã {council.commune}",
            group_size=1 if i % 6 else 5,
            representatives="" if i % 6 else name,
            kind=kind,
            content=topic,
            documents="Đơn và bản sao giấy tờ liên quan" if i % 2 else "",
            within_authority=i % 5 == 0,
            outcome=outcome,
            guidance_document=f"{i + 1}/HD-HĐND" if outcome == Reception.Outcome.GUIDANCE else "",
            note=MARKER,
        )
        services.reception_record(
            reception=reception,
            by_user=delegate_user if i % 2 else staff,
            receivers=receivers,
            letter_subject=topic if outcome != Reception.Outcome.GUIDANCE else "",
        )
        receptions += 1

    # Letters by post and handed to delegates, in every state.
    letters = list(Letter.objects.filter(council=council).order_by("received_on", "id"))
    for i in range(14):
        kind = list(TOPICS)[i % len(TOPICS)]
        topic, _agency = TOPICS[kind][i % len(TOPICS[kind])]
        name, village = CITIZENS[(i + 3) % len(CITIZENS)]
        via_delegate = i % 3 == 0 and delegates
        letter = Letter(
            council=council,
            source=Letter.Source.DELEGATE if via_delegate else Letter.Source.POST,
            delegate=delegates[i % len(delegates)] if via_delegate else None,
            received_on=start + dt.timedelta(days=25 * i + 3),
            kind=kind,
            sender_name=name,
            sender_id_number=_id_number(rng),
            sender_address=f"{village}, xã {council.commune}",
            subject=topic,
            content=f"{topic}. Đề nghị cơ quan có thẩm quyền xem xét, giải quyết.",
        )
        letters.append(services.letter_register(letter=letter, by_user=staff))
    # A duplicate (same sender, same content, sent again), an ineligible and an anonymous letter.
    first = letters[-1]
    letters.append(
        services.letter_register(
            letter=Letter(
                council=council,
                source=Letter.Source.POST,
                received_on=min(first.received_on + dt.timedelta(days=12), today),
                kind=first.kind,
                sender_name=first.sender_name,
                sender_id_number=first.sender_id_number,
                sender_address=first.sender_address,
                subject=first.subject,
                content=first.content,
            ),
            by_user=staff,
        )
    )
    services.letter_register(
        letter=Letter(
            council=council,
            source=Letter.Source.POST,
            received_on=today - dt.timedelta(days=40),
            kind=Kind.COMPLAINT,
            sender_name="Trịnh Văn Quang",
            sender_address=f"Thôn Hạ, xã {council.commune}",
            subject="Khiếu nại quyết định xử phạt đã quá thời hiệu khiếu nại",
            eligible=False,
            ineligible_reason="Quá thời hiệu khiếu nại 90 ngày (Điều 9 Luật Khiếu nại).",
            state=Letter.State.STORED,
        ),
        by_user=staff,
    )
    services.letter_register(
        letter=Letter(
            council=council,
            source=Letter.Source.POST,
            received_on=today - dt.timedelta(days=20),
            kind=Kind.DENUNCIATION,
            anonymous=True,
            subject="Đơn không ký tên tố cáo cán bộ thôn",
        ),
        by_user=staff,
    )

    # Handle them: forward most, guide some, results for the older ones.
    overdue = resolved = 0
    for i, letter in enumerate(letters):
        letter.refresh_from_db()
        if letter.state != Letter.State.RECEIVED or not letter.eligible or letter.duplicate_of_id:
            continue
        _topic, agency_name = TOPICS[letter.kind][0]
        agency = agencies.get(agency_name) or next(iter(agencies.values()), None)
        if agency is None:
            break
        if i % 7 == 3:
            services.letter_guide(
                letter=letter,
                guidance="Hướng dẫn công dân gửi đơn đến Tòa án nhân dân khu vực.",
                by_user=staff,
            )
            continue
        forwarded_on = min(letter.received_on + dt.timedelta(days=3), today)
        items = services.letter_forward(
            letter=letter,
            agency=agency,
            by_user=staff,
            on=forwarded_on,
        )
        if letter.received_on < today - dt.timedelta(days=20) and i % 8:
            for item in items:
                followup_answer(
                    followup=item, by_user=staff, answer="Đã giải quyết, trả lời công dân."
                )
                followup_accept(followup=item, by_user=staff)
            services.letter_record_result(
                letter=letter,
                result="Cơ quan có thẩm quyền đã giải quyết và trả lời.",
                by_user=staff,
            )
            resolved += 1
        else:
            overdue += sum(1 for item in items if item.due_date < today)

    # One extended denunciation (complex: one extension of at most 30 days).
    extended = services.letter_register(
        letter=Letter(
            council=council,
            source=Letter.Source.POST,
            received_on=today - dt.timedelta(days=35),
            kind=Kind.DENUNCIATION,
            sender_name="Phan Văn Chính",
            sender_id_number=_id_number(rng),
            sender_address=f"Thôn Trung, xã {council.commune}",
            subject="Tố cáo sai phạm trong đấu thầu công trình nhà văn hóa",
            complexity=Letter.Complexity.COMPLEX,
        ),
        by_user=staff,
    )
    if "Ủy ban nhân dân xã" in agencies:
        services.letter_forward(
            letter=extended,
            agency=agencies["Ủy ban nhân dân xã"],
            by_user=staff,
            on=extended.received_on + dt.timedelta(days=2),
        )
        # Its resolution clock starts at the acceptance decision (Luật Tố cáo Điều 30).
        services.letter_record_acceptance(
            letter=extended,
            accepted_on=extended.received_on + dt.timedelta(days=6),
            document="08/QĐ-UBND",
            by_user=staff,
        )
        main = services.letter_main_followup(extended)
        services.letter_extend(
            letter=extended,
            new_due_date=main.due_date + dt.timedelta(days=30),
            reason="Vụ việc phức tạp, cần xác minh tại nhiều nơi.",
            document="12/QĐ-UBND",
            by_user=staff,
        )

    # The denunciation by Lê Thị Bảo Mật, received at a reception by the Office.
    protected = Reception(
        council=council,
        received_on=today - dt.timedelta(days=9),
        place="Trụ sở HĐND và UBND xã",
        by_standing=True,
        citizen_name=DENOUNCER,
        citizen_id_number="001186004321",
        citizen_address=f"Thôn Đông, xã {council.commune}",
        kind=Kind.DENUNCIATION,
        content="Tố cáo cán bộ thu tiền trái quy định khi xác nhận hồ sơ vay vốn",
        documents="Đơn tố cáo và ảnh chụp biên lai",
        outcome=Reception.Outcome.ACCEPTED,
        note=MARKER,
    )
    services.reception_record(
        reception=protected,
        by_user=staff,
        receivers=delegates[:1],
        letter_subject="Tố cáo cán bộ thu tiền trái quy định khi xác nhận hồ sơ vay vốn",
    )
    bao_mat = protected.letters.get()
    bao_mat.sender_phone = "0912345678"
    bao_mat.save()
    if "Ủy ban nhân dân xã" in agencies:
        services.letter_forward(
            letter=bao_mat,
            agency=agencies["Ủy ban nhân dân xã"],
            by_user=staff,
            on=bao_mat.received_on + dt.timedelta(days=1),
        )
    total = Letter.objects.filter(council=council).count()
    return [
        f"Tiếp công dân, đơn thư của {council.short_name}: {receptions + 1} lượt tiếp, "
        f"{total} đơn thư ({resolved} đã có kết quả, {overdue} việc quá hạn, 1 tố cáo đã gia hạn; "
        f"người tố cáo được bảo mật: chỉ {staff.username} và quản trị xem được)."
    ]
