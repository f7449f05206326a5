"""Demo data of voter contact (loader order 30, after meetings): two years of meetings.

Before and after each demo session when the meetings app made sessions, otherwise delegates'
yearly reports spread over two years; about three hundred petitions, merged into synthesised
petitions in every state, some raised again at a later session (``repeat_of``), and a
thematic meeting held by the Standing Committee this year (target 1.6). Seeded random, found
by deterministic client uuids: loading twice adds nothing.
"""

import datetime as dt
import random
import uuid

from django.db.models import Q

from councils.models import Agency, Committee, Delegate, Term
from meetings.models import Session
from voters import services
from voters.models import PetitionField, SynthesizedPetition, VoterMeeting, VoterPetition

# (name, report group of DOCUMENTS.md §4, order)
FIELDS = (
    ("Đất đai", "Kinh tế - Ngân sách", 1),
    ("Giao thông, hạ tầng", "Kinh tế - Ngân sách", 2),
    ("Nông nghiệp, thủy lợi", "Kinh tế - Ngân sách", 3),
    ("Môi trường", "Kinh tế - Ngân sách", 4),
    ("Chính sách xã hội", "Văn hóa - Xã hội", 5),
    ("Y tế, giáo dục", "Văn hóa - Xã hội", 6),
    ("Tư pháp, hộ tịch", "Tư pháp", 7),
    ("An ninh trật tự", "An ninh quốc phòng và các vấn đề khác", 8),
    ("Cơ chế, chính sách", "Cơ chế, chính sách", 0),
)

# (field, content, agency short name). Each is one issue raised at several meetings.
TOPICS = (
    (
        "Giao thông, hạ tầng",
        "Đề nghị sửa chữa tuyến đường liên thôn bị xuống cấp, nhiều ổ gà",
        "UBND xã",
    ),
    (
        "Giao thông, hạ tầng",
        "Đề nghị lắp đặt hệ thống đèn chiếu sáng đường trục chính của thôn",
        "UBND xã",
    ),
    ("Giao thông, hạ tầng", "Đề nghị nạo vét, xây kè mương thoát nước khu dân cư", "Phòng Kinh tế"),
    (
        "Đất đai",
        "Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân",
        "UBND xã",
    ),
    ("Đất đai", "Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất giữa các hộ", "UBND xã"),
    (
        "Môi trường",
        "Đề nghị bố trí điểm tập kết và thu gom rác thải sinh hoạt thường xuyên",
        "Phòng Kinh tế",
    ),
    ("Môi trường", "Đề nghị xử lý tình trạng chăn nuôi gây ô nhiễm trong khu dân cư", "UBND xã"),
    (
        "Nông nghiệp, thủy lợi",
        "Đề nghị hỗ trợ giống cây trồng cho các hộ bị thiệt hại do thiên tai",
        "Phòng Kinh tế",
    ),
    ("Nông nghiệp, thủy lợi", "Đề nghị tu sửa trạm bơm và kênh mương nội đồng", "Phòng Kinh tế"),
    ("Chính sách xã hội", "Đề nghị xem xét chế độ trợ cấp cho người cao tuổi cô đơn", "UBND xã"),
    (
        "Chính sách xã hội",
        "Đề nghị rà soát, bình xét hộ nghèo, cận nghèo công khai, minh bạch",
        "UBND xã",
    ),
    ("Y tế, giáo dục", "Đề nghị bổ sung thuốc và trang thiết bị cho trạm y tế xã", "UBND xã"),
    ("Y tế, giáo dục", "Đề nghị sửa chữa phòng học xuống cấp của điểm trường tiểu học", "UBND xã"),
    (
        "Tư pháp, hộ tịch",
        "Đề nghị rút ngắn thời gian giải quyết thủ tục chứng thực, hộ tịch",
        "UBND xã",
    ),
    (
        "An ninh trật tự",
        "Đề nghị tăng cường tuần tra, xử lý tình trạng đua xe ban đêm",
        "Công an xã",
    ),
    ("An ninh trật tự", "Đề nghị xử lý tình trạng trộm cắp vặt tại khu chợ", "Công an xã"),
    (
        "Cơ chế, chính sách",
        "Đề nghị cấp trên sớm ban hành hướng dẫn chính sách hỗ trợ sau sáp nhập xã",
        "UBND xã",
    ),
)

# Invented voters' names (a test reads this list: none may appear on a public page).
RAISED_BY = (
    "Ông Hoàng Văn Thụ Demo",
    "Bà Lê Thị Mận Demo",
    "Ông Trịnh Văn Bốn Demo",
    "Bà Đặng Thị Hoa Demo",
    "Ông Vũ Đình Khải Demo",
    "Bà Phan Thị Lài Demo",
    "Ông Ngô Quang Vinh Demo",
    "Bà Tạ Thị Sen Demo",
)
PLACES = ("Thôn Thượng", "Thôn Hạ", "Thôn Đông", "Thôn Đoài", "Tổ dân phố 1", "Tổ dân phố 2")
ANSWERS = {
    SynthesizedPetition.State.ANSWERED: "UBND xã đã giải trình: nội dung thuộc kế hoạch năm sau.",
    SynthesizedPetition.State.IN_PROGRESS: "Đã giao bộ phận chuyên môn khảo sát, lập dự toán.",
    SynthesizedPetition.State.RESOLVED: "Đã thực hiện xong, cử tri đã được thông báo kết quả.",
    SynthesizedPetition.State.NOT_ACCEPTED: "Chưa thể tiếp thu trong kỳ này.",
}


def _uuid(council, *parts) -> uuid.UUID:
    return uuid.uuid5(
        uuid.NAMESPACE_URL, "hdnd-voters/" + "/".join([council.slug, *map(str, parts)])
    )


def _fields(council) -> dict[str, PetitionField]:
    result = {}
    for name, group, order in FIELDS:
        obj, _ = PetitionField.objects.get_or_create(
            council=council, name=name, defaults={"report_group": group, "order": order}
        )
        result[name] = obj
    return result


def _meeting_plan(council, today, groups, standing):
    """(kind, session, holder, held_on) for two years back from ``today``."""
    start = today - dt.timedelta(days=730)
    sessions = list(
        Session.objects.filter(council=council, start_date__gte=start, start_date__lte=today)
        .select_related("term")
        .order_by("start_date")
    )
    plan = []
    if sessions:
        for session in sessions:
            term_groups = [g for g in groups if g.term_id == session.term_id] or groups
            for g in term_groups[:3]:
                plan.append(
                    (
                        VoterMeeting.Kind.BEFORE,
                        session,
                        g,
                        session.start_date - dt.timedelta(days=12),
                    )
                )
                after = (session.end_date or session.start_date) + dt.timedelta(days=15)
                if after <= today:
                    plan.append((VoterMeeting.Kind.AFTER, session, g, after))
    else:
        day = start
        while day <= today - dt.timedelta(days=14):
            for g in groups[:3]:
                plan.append((VoterMeeting.Kind.YEARLY, None, g, day))
            day += dt.timedelta(days=91)
    if standing is not None:
        plan.append((VoterMeeting.Kind.THEMATIC, None, standing, today - dt.timedelta(days=20)))
    return plan


CITY_ANSWER = (
    "Cơ quan cấp thành phố trả lời: đã giao Sở, ngành liên quan khảo sát, đưa vào kế hoạch "
    "đầu tư công trung hạn của thành phố."
)


def load_demo(*, council, today, created_by) -> list[str]:
    marker = _uuid(council, "meeting", 0)
    if VoterMeeting.objects.filter(client_uuid=marker).exists():
        return [f"Tiếp xúc cử tri của {council.short_name}: đã có, không nạp lại."]
    rng = random.Random(f"voters-{council.slug}")
    fields = _fields(council)
    term = Term.objects.filter(council=council).order_by("-start_date").first()
    if term is None:
        return []
    groups = list(
        Committee.objects.filter(term__council=council, kind=Committee.Kind.DELEGATE_GROUP)
        .select_related("term")
        .order_by("-term__start_date", "order", "id")
    )
    standing = (
        Committee.objects.filter(term=term, kind=Committee.Kind.STANDING).order_by("id").first()
    )
    if not groups:
        return []
    agencies = {
        a.short_name or a.name: a for a in Agency.objects.filter(council=council, active=True)
    }
    default_agency = next(iter(agencies.values()), None)
    plan = _meeting_plan(council, today, groups, standing)
    synth_by_key: dict[tuple, SynthesizedPetition] = {}
    first_by_topic: dict[int, SynthesizedPetition] = {}
    petition_count = 0
    for index, (kind, session, holder, held_on) in enumerate(plan):
        meeting = VoterMeeting(
            council=council,
            kind=kind,
            session=session,
            holder=holder,
            place=rng.choice(PLACES),
            held_on=held_on,
            voter_count=rng.randint(40, 160),
            speaker_count=rng.randint(4, 15),
            minutes="Biên bản hội nghị tiếp xúc cử tri (dữ liệu mẫu).",
            organiser=VoterMeeting.Organiser.STANDING
            if kind == VoterMeeting.Kind.THEMATIC
            else VoterMeeting.Organiser.FRONT,
            front_chair="Phó Chủ tịch Ủy ban MTTQ Việt Nam xã",
            notice_reference=f"Thông báo số {index + 1}/TB-MTTQ",
            client_uuid=_uuid(council, "meeting", index),
            created_by=created_by,
        )
        meeting.save()
        members = Delegate.objects.filter(
            Q(delegate_group=holder) | Q(memberships__committee=holder)
        )
        meeting.delegates.set(list(members.distinct()[:4]))
        for n in range(rng.randint(8, 14)):
            topic_index = rng.randrange(len(TOPICS))
            field_name, content, _agency = TOPICS[topic_index]
            petition = VoterPetition.objects.create(
                council=council,
                meeting=meeting,
                content=f"{content} ({meeting.place}).",
                field=fields[field_name],
                place=meeting.place,
                raised_by=rng.choice(RAISED_BY) if rng.random() < 0.6 else "",
                voter_count=rng.randint(1, 12),
                answered_on_spot=rng.random() < 0.15,
                client_uuid=_uuid(council, "petition", index, n),
                created_by=created_by,
            )
            petition_count += 1
            # The newest meetings' petitions wait to be synthesised.
            if held_on > today - dt.timedelta(days=10):
                continue
            key = (session.pk if session else held_on.year, topic_index)
            synth = synth_by_key.get(key)
            if synth is None:
                synth = services.petitions_merge(
                    council=council,
                    petitions=[petition],
                    content=content + ".",
                    field=fields[field_name],
                    session=session,
                    repeat_of=first_by_topic.get(topic_index),
                    by_user=created_by,
                )
                synth_by_key[key] = synth
                first_by_topic.setdefault(topic_index, synth)
            else:
                petition.synthesized = synth
                petition.save(update_fields=["synthesized", "updated_at"])
    states = list(SynthesizedPetition.State)
    # The commune's petitions it cannot settle go up to the city and are followed there.
    upper = (
        Agency.objects.filter(council=council, kind=Agency.Kind.UPPER, active=True)
        .order_by("id")
        .first()
    )
    not_accepted_seen = 0
    for i, synth in enumerate(sorted(synth_by_key.values(), key=lambda s: s.pk)):
        state = states[i % len(states)]
        if state == SynthesizedPetition.State.NEW:
            continue
        if state == SynthesizedPetition.State.NOT_ACCEPTED:
            not_accepted_seen += 1
        topic = next(t for t in TOPICS if synth.content.startswith(t[1]))
        agency = agencies.get(topic[2], default_agency)
        if agency is None:
            continue
        started = synth.session.start_date if synth.session else today - dt.timedelta(days=60)
        to_city = (
            # Every other one the commune could not accept is the city's to settle.
            upper is not None
            and state == SynthesizedPetition.State.NOT_ACCEPTED
            and not_accepted_seen % 2 == 0
        )
        services.synth_assign(
            synth=synth,
            agency=upper if to_city else agency,
            by_user=created_by,
            started_on=min(started, today),
            reference=f"Công văn số {100 + i}/HĐND-TT" if to_city else "",
        )
        if to_city:
            if started >= today - dt.timedelta(days=40):
                continue  # the city's answer is not due yet: its follow-up waits
            state = SynthesizedPetition.State.IN_PROGRESS
        if state == SynthesizedPetition.State.FORWARDED:
            if started >= today - dt.timedelta(days=40) or i == 1:
                # Forwarded after the last session (its answer not due yet), or one of the few
                # old ones the Standing Committee still chases.
                continue
            # The other older sessions' petitions have had their answers by now.
            state = SynthesizedPetition.State.ANSWERED
        services.synth_answer(
            synth=synth,
            by_user=created_by,
            answer=CITY_ANSWER if to_city else ANSWERS[state],
            state=state,
            reason="Chưa bố trí được kinh phí trong năm; đưa vào kế hoạch năm sau."
            if state == "not_accepted"
            else "",
            voter_acceptance=rng.choice(list(SynthesizedPetition.VoterAcceptance)),
            on_behalf=True,
            answered_on=min(started + dt.timedelta(days=25), today),
        )
    repeats = sum(1 for s in synth_by_key.values() if s.repeat_of_id)
    return [
        f"Tiếp xúc cử tri của {council.short_name}: {len(plan)} cuộc tiếp xúc, "
        f"{petition_count} ý kiến, kiến nghị, {len(synth_by_key)} kiến nghị tổng hợp "
        f"({repeats} kiến nghị lặp lại)."
    ]
