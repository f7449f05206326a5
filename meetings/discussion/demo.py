"""Demo group discussions and social criticism (loader order 12, after the sessions).

Every demo session already held gets two discussion groups (the delegates in office that day,
split in two, each with its chair and secretary) and opinions taken up in each way; the
mid-year 2026 session's normative draft (the market regulation) was criticised by the Front and
the drafting body explained how it took the criticism up; the coming year-end session's budget
draft needs the Front's criticism, received and still waiting for the explanation (its page
warns). Idempotent: a session with groups, a draft with a criticism, is left alone.
"""

import datetime as dt

from councils.models import Agency, Delegate
from meetings.discussion import services
from meetings.models import DiscussionGroup, Resolution, Session, SessionDocument, SocialCriticism

OPINIONS = (
    (
        "Đề nghị làm rõ nguồn kinh phí thực hiện và lộ trình bố trí vốn từng năm.",
        "resolution",
        "Tiếp thu, bổ sung nguồn kinh phí vào Điều 1 của nghị quyết.",
    ),
    (
        "Cần quy định cụ thể trách nhiệm của UBND xã trong tổ chức thực hiện.",
        "explained",
        "Chủ tọa giải trình: trách nhiệm của UBND xã đã quy định tại Điều 2 của dự thảo.",
    ),
    (
        "Đề nghị UBND xã cho biết tiến độ giải phóng mặt bằng tuyến đường liên thôn.",
        "forwarded",
        "",
    ),
    (
        "Đề nghị tăng mức hỗ trợ gấp đôi so với dự thảo.",
        "not_taken",
        "Không tiếp thu: vượt khả năng cân đối ngân sách xã năm nay.",
    ),
)


def _groups(session: Session, ubnd, by_access) -> int:
    if DiscussionGroup.objects.filter(session=session).exists():
        return 0
    day = session.start_date
    delegates = list(
        Delegate.objects.in_office(day).filter(term=session.term).order_by("sort_name", "id")
    )
    if len(delegates) < 4:
        return 0
    drafts = list(
        SessionDocument.objects.filter(
            session=session, kind=SessionDocument.Kind.DRAFT_RESOLUTION
        ).order_by("id")
    )
    made = 0
    for index in range(2):
        members = delegates[index::2]
        group = services.discussiongroup_save(
            access=by_access,
            values={
                "session": session,
                "name": f"Tổ thảo luận số {index + 1}",
                "held_on": day,
                "time_label": "14h00 - 16h30",
                "place": "Hội trường trụ sở HĐND và UBND xã" if index == 0 else "Phòng họp tầng 2",
                "members": members,
                "chair": members[0],
                "secretary": members[1],
                "topics": "; ".join(d.title for d in drafts),
                "summary": "Các ý kiến nhất trí cao với các dự thảo; một số ý kiến đề nghị làm "
                "rõ nguồn lực và trách nhiệm tổ chức thực hiện.",
            },
        )
        made += 1
        for place, (content, uptake, answer) in enumerate(OPINIONS[index * 2 : index * 2 + 2]):
            draft = drafts[place % len(drafts)] if drafts else None
            resolution = (
                Resolution.objects.filter(draft=draft).first() if draft is not None else None
            )
            if uptake == "resolution" and resolution is None:
                uptake, answer = "explained", "Chủ tọa giải trình tại phiên họp toàn thể."
            if uptake == "forwarded" and ubnd is None:
                uptake, answer = "pending", ""
            services.discussionopinion_save(
                access=by_access,
                instance=None,
                values={
                    "group": group,
                    "speaker": members[2 + place] if len(members) > 2 + place else members[0],
                    "agenda_item": draft.agenda_item if draft is not None else None,
                    "draft": draft,
                    "content": content,
                    "uptake": uptake,
                    "resolution": resolution if uptake == "resolution" else None,
                    "agency": ubnd if uptake == "forwarded" else None,
                    "answer": answer,
                    "answered_on": day if answer else None,
                },
            )
    return made


def _criticise(draft, front, by_access, *, days_before: int, explained: bool) -> bool:
    if draft is None or SocialCriticism.objects.filter(draft=draft).exists():
        return False
    draft.criticism_required = True
    draft.save(update_fields=["criticism_required"])
    dated = draft.session.start_date - dt.timedelta(days=days_before)
    values = {
        "draft": draft,
        "front": front,
        "reference": f"{dated.day:02d}/BC-MTTQ",
        "dated_on": dated,
        "received_on": dated + dt.timedelta(days=1),
        "opinions": (
            "1. Dự thảo phù hợp với chủ trương của Đảng, chính sách, pháp luật của Nhà nước.\n"
            "2. Đề nghị lấy thêm ý kiến của hộ kinh doanh, Nhân dân chịu tác động trực tiếp.\n"
            "3. Đề nghị quy định rõ lộ trình, tránh tăng chi phí cho người dân."
        ),
    }
    if explained:
        values.update(
            uptake=SocialCriticism.Uptake.PARTIAL,
            explanation=(
                "UBND xã tiếp thu ý kiến 1, 3: bổ sung lộ trình thực hiện tại Điều 3; "
                "giải trình ý kiến 2: đã lấy ý kiến tại 6 thôn, tổng hợp trong Tờ trình."
            ),
            explanation_reference=f"{dated.day + 2:02d}/BC-UBND",
            explained_on=dated + dt.timedelta(days=3),
        )
    services.socialcriticism_save(access=by_access, instance=None, values=values)
    return True


def load(*, council, today: dt.date, created_by) -> list[str]:
    from hdnd_portal.core.access import STAFF, Access

    by_access = Access(
        user_id=getattr(created_by, "pk", None) or 0,
        council_id=council.pk,
        council_name=council.name,
        role=STAFF,
    )
    ubnd = Agency.objects.filter(council=council, kind=Agency.Kind.UBND).first()
    front = Agency.objects.filter(council=council, kind=Agency.Kind.MTTQ).order_by("id").first()
    groups = 0
    for session in Session.objects.filter(council=council).held().order_by("start_date"):
        groups += _groups(session, ubnd, by_access)
    criticisms = 0
    drafts = SessionDocument.objects.filter(
        council=council, kind=SessionDocument.Kind.DRAFT_RESOLUTION
    ).select_related("session")
    market = drafts.filter(title__icontains="quản lý chợ").first()
    criticisms += _criticise(market, front, by_access, days_before=25, explained=True)
    coming = (
        drafts.filter(session__start_date__gt=today, title__icontains="dự toán ngân sách")
        .order_by("session__start_date")
        .first()
    )
    criticisms += _criticise(coming, front, by_access, days_before=12, explained=False)
    return [
        f"Đã nạp {groups} tổ thảo luận, {criticisms} văn bản phản biện xã hội cho "
        f"{council.short_name}."
    ]
