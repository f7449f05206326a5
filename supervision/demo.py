"""Demo supervision of the commune (``seed_demo``, order 20, after meetings' sessions).

Two calendar years (last year and this one) of supervision by every body — the HĐND, the
Standing Committee, each Ban, each delegate group — with their programmes (and the Party
inspection committee's and MTTQ's plans, one of them overlapping a Ban's item), numbered
decisions, visits, conclusions and recommendations in every state (done, answered, open,
overdue, extended, closed, carried over), a questioning session and one re-supervision.
Deterministic (seeded random) and idempotent: a council that already has activities is left
as it is. Regular sessions, when the meetings app seeded them, date the Standing Committee's
questioning just before a session; without them a fixed day is used.
"""

import datetime as dt
import random

from django.db.models import Q

from councils.models import Agency, Committee, Delegate, Membership
from hdnd_portal.documents.printing import document_issue, document_kind
from hdnd_portal.followups.selectors import followups_of
from hdnd_portal.followups.services import (
    followup_accept,
    followup_answer,
    followup_close,
    followup_extend,
)
from supervision import services
from supervision.models import (
    Activity,
    ActivityKind,
    Body,
    Conclusion,
    Programme,
    ProgrammeItem,
    Question,
    TeamMember,
)
from supervision.reports import PLAN_KIND

TOPICS = {
    "ktns": [
        ("việc quản lý, sử dụng đất công ích", "Phòng Kinh tế"),
        ("thu, chi ngân sách xã 6 tháng đầu năm", "Ủy ban nhân dân xã"),
        ("tiến độ xây dựng đường giao thông nông thôn", "Phòng Kinh tế"),
        ("quản lý chợ và thu phí chợ", "Phòng Kinh tế"),
    ],
    "vhxh": [
        ("chi trả chế độ bảo trợ xã hội", "Phòng Văn hóa - Xã hội"),
        ("công tác khám chữa bệnh bảo hiểm y tế", "Phòng Văn hóa - Xã hội"),
        ("cơ sở vật chất các trường học", "Phòng Văn hóa - Xã hội"),
        ("phong trào toàn dân đoàn kết xây dựng đời sống văn hóa", "Ủy ban MTTQ Việt Nam xã"),
    ],
    "standing": [
        ("giải quyết đơn thư khiếu nại, tố cáo của công dân", "Ủy ban nhân dân xã"),
        ("bảo đảm trật tự an toàn giao thông", "Công an xã"),
        ("thực hiện kiến nghị cử tri sau kỳ họp", "Ủy ban nhân dân xã"),
        ("cải cách thủ tục hành chính", "Văn phòng HĐND và UBND xã"),
    ],
    "hdnd": [
        ("thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới", "Ủy ban nhân dân xã"),
        ("công tác phòng, chống thiên tai", "Ủy ban nhân dân xã"),
    ],
    "group": [
        ("vệ sinh môi trường ở thôn", "Phòng Kinh tế"),
        ("thực hiện quy chế dân chủ ở cơ sở", "Ủy ban nhân dân xã"),
    ],
}
RECOMMENDATIONS = [
    "Rà soát, lập hồ sơ quản lý và công khai danh sách hộ được hưởng",
    "Khắc phục các tồn tại đã nêu, báo cáo kết quả bằng văn bản",
    "Bố trí kinh phí hoàn thành hạng mục còn dở dang",
    "Niêm yết công khai quy trình, thời hạn giải quyết",
    "Kiểm tra, xử lý dứt điểm các trường hợp vi phạm",
]


def load_demo(*, council, today, created_by) -> list[str]:
    if Activity.objects.filter(council=council).exists():
        return [f"Giám sát: dữ liệu mẫu của {council.short_name} đã có, không nạp lại."]
    rng = random.Random(f"supervision-{council.slug}")
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    if not agencies:
        return ["Giám sát: chưa có cơ quan, bỏ qua dữ liệu mẫu."]
    loader = _Loader(council, today, created_by, rng, agencies)
    for year in (today.year - 1, today.year):
        loader.year(year)
    loader.resupervision()
    return [
        f"Giám sát {council.short_name}: {loader.counts['activities']} hoạt động, "
        f"{loader.counts['recommendations']} kiến nghị, 1 tái giám sát, "
        f"{loader.counts['items']} nội dung chương trình (năm {today.year - 1}-{today.year})."
    ]


class _Loader:
    def __init__(self, council, today, user, rng, agencies):
        self.council, self.today, self.user, self.rng = council, today, user, rng
        self.agencies = agencies
        self.counts = {"activities": 0, "recommendations": 0, "items": 0}
        self.resupervise_from: Activity | None = None
        self.serial = 0

    # -- the bodies of a day ------------------------------------------------------------
    def committees(self, on: dt.date) -> list[Committee]:
        term = self.council.current_term(on)
        if term is None:
            return []
        return list(Committee.objects.filter(term=term).order_by("kind", "order", "name"))

    def agency(self, name: str) -> Agency:
        return self.agencies.get(name) or next(iter(self.agencies.values()))

    def team(self, committee: Committee | None, on: dt.date) -> list[tuple[Delegate, str]]:
        if committee is None:
            term = self.council.current_term(on)
            delegates = list(Delegate.objects.filter(term=term).on(on).order_by("id")[:3])
            return [(d, "leader" if i == 0 else "member") for i, d in enumerate(delegates)]
        memberships = (
            Membership.objects.filter(committee=committee)
            .on(on)
            .select_related("delegate")
            .order_by("role", "id")
        )
        rank = {"chair": 0, "head": 1, "vice_chair": 2, "deputy": 3, "member": 4}
        ms = sorted(memberships, key=lambda m: (rank.get(m.role, 9), m.pk))[:4]
        return [(m.delegate, "leader" if i == 0 else "member") for i, m in enumerate(ms)]

    # -- a year ---------------------------------------------------------------------------
    def year(self, year: int) -> None:
        from councils.models import Term

        last_day = min(dt.date(year, 12, 31), self.today + dt.timedelta(days=60))
        term = (
            Term.objects.filter(council=self.council, start_date__lte=last_day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=dt.date(year, 1, 1)))
            .order_by("-start_date")
            .first()
        )
        if term is None:
            return
        # The year's stretch of that term: every body works within it.
        lo = max(dt.date(year, 1, 1), term.start_date + dt.timedelta(days=10))
        hi = min(dt.date(year, 12, 20), term.end_date or dt.date(year, 12, 20))
        committees = list(Committee.objects.filter(term=term).order_by("kind", "order", "name"))
        standing = next((c for c in committees if c.kind == Committee.Kind.STANDING), None)
        bans = [c for c in committees if c.kind == Committee.Kind.BAN]
        groups = [c for c in committees if c.kind == Committee.Kind.DELEGATE_GROUP]
        adopted = max(dt.date(year - 1, 12, 20), term.start_date)

        plans: list[tuple[Body, Committee | None, list]] = [
            (Body.HDND, None, TOPICS["hdnd"]),
            (Body.STANDING, standing, TOPICS["standing"]),
        ]
        for index, ban in enumerate(bans):
            plans.append((Body.BAN, ban, TOPICS["ktns" if index == 0 else "vhxh"][:3]))
        for group in groups[:4]:
            plans.append((Body.GROUP, group, TOPICS["group"][:1]))
        for body, committee, topics in plans:
            if body != Body.HDND and committee is None:
                continue
            programme = self.programme(year, body, committee, adopted)
            span = (hi - lo).days
            for n, (topic, agency_name) in enumerate(topics):
                offset = int(span * (n + 0.5) / len(topics)) + self.rng.randint(-6, 6)
                on = min(hi, max(lo, lo + dt.timedelta(days=offset)))
                item = self.item(programme, topic, agency_name, on.month, self.kind_for(body, n))
                self.activity(body, committee, item, on)
        # The Party inspection committee's and MTTQ's plans, one overlapping the first Ban's.
        party = self.programme(year, Body.PARTY, None, adopted, "Kế hoạch kiểm tra, giám sát")
        if bans:
            first = ProgrammeItem.objects.filter(
                programme__committee=bans[0], programme__year=year
            ).first()
            if first is not None:
                self.item(
                    party,
                    f"Kiểm tra {first.topic}",
                    first.agencies.first().name,
                    first.planned_month,
                    ActivityKind.THEMATIC,
                )
        mttq = self.programme(year, Body.MTTQ, None, adopted, "Chương trình giám sát của MTTQ")
        self.item(
            mttq, "giám sát đầu tư công cộng đồng", "Ủy ban nhân dân xã", 9, ActivityKind.THEMATIC
        )
        # The Standing Committee's questioning just before the year-end session.
        if standing is not None:
            self.questioning(standing, year)
        # A term that ended within the year: each of its Bans held one survey in its last
        # weeks — the share of the year the supervision statistics ask of it (issue 19).
        ended = Term.objects.filter(
            council=self.council, end_date__gte=dt.date(year, 1, 1), end_date__lt=term.start_date
        )
        for old in ended:
            old_lo = max(dt.date(year, 1, 10), old.start_date + dt.timedelta(days=10))
            old_hi = old.end_date - dt.timedelta(days=10)
            if old_hi < old_lo:
                continue
            old_bans = Committee.objects.filter(term=old, kind=Committee.Kind.BAN)
            for index, ban in enumerate(old_bans.order_by("order", "name")):
                topic, agency_name = TOPICS["ktns" if index == 0 else "vhxh"][3]
                adopted_old = max(dt.date(year - 1, 12, 20), old.start_date)
                programme = self.programme(year, Body.BAN, ban, adopted_old)
                on = old_lo + dt.timedelta(days=(old_hi - old_lo).days * (index + 1) // 3)
                item = self.item(programme, topic, agency_name, on.month, ActivityKind.SURVEY)
                self.activity(Body.BAN, ban, item, on)

    def kind_for(self, body, n) -> str:
        if body == Body.STANDING:
            return [
                ActivityKind.THEMATIC,
                ActivityKind.SURVEY,
                ActivityKind.EXPLANATION,
                ActivityKind.SURVEY,
            ][n % 4]
        if body == Body.BAN:
            return [ActivityKind.SURVEY, ActivityKind.THEMATIC, ActivityKind.SURVEY][n % 3]
        return ActivityKind.THEMATIC

    def programme(self, year, body, committee, adopted, title=None) -> Programme:
        name = committee.name if committee else Body(body).label
        programme, _ = Programme.objects.get_or_create(
            council=self.council,
            year=year,
            body=body,
            committee=committee,
            defaults={
                "title": title or f"Chương trình giám sát năm {year} của {name}",
                "adopted_on": adopted if body in (Body.HDND, Body.STANDING) else None,
            },
        )
        return programme

    def item(self, programme, topic, agency_name, month, kind) -> ProgrammeItem:
        item = ProgrammeItem.objects.create(
            council=self.council,
            programme=programme,
            topic=topic[0].upper() + topic[1:],
            kind=kind,
            planned_month=month,
        )
        item.agencies.set([self.agency(agency_name)])
        self.counts["items"] += 1
        return item

    # -- an activity ------------------------------------------------------------------------
    def activity(self, body, committee, item, on: dt.date) -> Activity | None:
        activity = Activity.objects.create(
            council=self.council,
            body=body,
            committee=committee,
            kind=item.kind,
            topic=item.topic,
            programme_item=item,
            start_date=on,
            end_date=on + dt.timedelta(days=2),
            purpose="Đánh giá kết quả thực hiện, phát hiện tồn tại và kiến nghị khắc phục.",
        )
        activity.agencies.set(item.agencies.all())
        for delegate, role in self.team(committee, on):
            TeamMember.objects.get_or_create(
                activity=activity, delegate=delegate, defaults={"role": role}
            )
        self.counts["activities"] += 1
        decided = on - dt.timedelta(days=20)
        if decided > self.today:
            return activity  # planned, not decided yet
        services.activity_decide(activity=activity, by_user=self.user, decided_on=decided)
        # The team sends its plan five days after the decision: issuing it (…/KH-HĐND)
        # fulfils the "Gửi kế hoạch giám sát" follow-up, as the clerk's "Cấp số và in" does. A
        # decision of the last days leaves its plan ready to be issued.
        sent = decided + dt.timedelta(days=5)
        if sent <= self.today:
            document_issue(
                kind=document_kind(PLAN_KIND), obj=activity, user_id=self.user.pk, on=sent
            )
        if on > self.today:
            return activity
        # Before the visit the team sent its working programme and notices: done.
        for sent in followups_of(
            activity, kinds=[services.KIND_PROGRAMME, services.KIND_NOTICE], open_only=True
        ):
            followup_answer(
                followup=sent,
                by_user=self.user,
                answer=f"Đã gửi ngày {max(sent.started_on, sent.due_date - dt.timedelta(days=2)):%d/%m/%Y}.",
            )
            followup_accept(followup=sent, by_user=self.user)
        services.visit_record(
            activity=activity,
            date=on,
            agency=item.agencies.first(),
            content="Làm việc, kiểm tra thực tế",
            by_user=self.user,
        )
        concluded = on + dt.timedelta(days=8)
        if concluded > self.today:
            return activity  # under way, the report not yet due or overdue
        self.conclude(activity, concluded)
        return activity

    def conclude(self, activity: Activity, on: dt.date) -> None:
        self.serial += 1
        serious = self.serial % 7 == 0
        conclusion = Conclusion.objects.create(
            council=self.council,
            activity=activity,
            kind=Conclusion.Kind.NOTICE if self.serial % 2 else Conclusion.Kind.REPORT,
            concluded_on=on,
            overview=f"Đoàn đã làm việc với {', '.join(a.name for a in activity.agencies.all())}.",
            results="Cơ bản hoàn thành các nhiệm vụ được giao; số liệu báo cáo đầy đủ.",
            shortcomings="Một số hồ sơ chưa lưu trữ đầy đủ; tiến độ còn chậm so với kế hoạch.",
            causes="Cán bộ kiêm nhiệm nhiều việc; kinh phí bố trí chậm.",
            violations="Chi sai mục đích kinh phí hỗ trợ" if serious else "",
            referred_to="Ủy ban Kiểm tra Đảng ủy xã" if serious else "",
            referred_on=on + dt.timedelta(days=3) if serious else None,
            reported_to_party_on=on + dt.timedelta(days=5) if serious else None,
        )
        services.conclusion_recorded(conclusion=conclusion, by_user=self.user)
        agency = activity.agencies.first()
        recs = []
        for n in range(2):
            due = on + dt.timedelta(days=30 + 30 * n + self.rng.randint(0, 20))
            recs.append(
                services.recommendation_create(
                    activity=activity,
                    conclusion=conclusion,
                    agency=agency,
                    content=self.rng.choice(RECOMMENDATIONS),
                    due_date=due,
                    by_user=self.user,
                )
            )
            self.counts["recommendations"] += 1
        self.settle(activity, recs)

    def settle(self, activity: Activity, recs) -> None:
        """Recommendations in every state: done (activity closed), answered, extended,
        closed without result, open and overdue."""
        pattern = self.serial % 5
        for n, rec in enumerate(recs):
            followup = rec.followup
            if pattern == 0 or (pattern == 1 and n == 0):
                if followup.due_date <= self.today + dt.timedelta(days=60):
                    followup_answer(
                        followup=followup,
                        by_user=self.user,
                        answer="Đơn vị đã thực hiện xong, có báo cáo kèm theo.",
                    )
                    followup_accept(
                        followup=followup, by_user=self.user, note="Thường trực ghi nhận."
                    )
            elif pattern == 2 and n == 0:
                followup_answer(
                    followup=followup,
                    by_user=self.user,
                    answer="Đã triển khai, đang tổng hợp kết quả.",
                )
            elif pattern == 3 and n == 1:
                followup_extend(
                    followup=followup,
                    new_due_date=followup.due_date + dt.timedelta(days=45),
                    reason="Chờ bố trí kinh phí",
                    by_user=self.user,
                )
            elif pattern == 4 and n == 1:
                followup_close(
                    followup=followup,
                    reason="Nội dung đã được xử lý trong kiến nghị khác",
                    by_user=self.user,
                )
            elif followup.due_date < self.today - dt.timedelta(days=60):
                # Long past its deadline, the agency has answered (late) and the Standing
                # Committee accepted it: the demo's overdue items are the recent ones.
                followup_answer(
                    followup=followup,
                    by_user=self.user,
                    answer="Đơn vị đã thực hiện, báo cáo chậm so với thời hạn.",
                )
                followup_accept(followup=followup, by_user=self.user, note="Thường trực ghi nhận.")
        activity.refresh_from_db()
        if not activity.recommendations.unfinished().exists():
            services.activity_transition(activity=activity, action="close", by_user=self.user)
        elif (
            self.resupervise_from is None
            and activity.body == Body.BAN
            and activity.recommendations.filter(
                followup__state__in=["open", "extended"], followup__due_date__lt=self.today
            ).exists()
        ):
            self.resupervise_from = activity

    def questioning(self, standing: Committee, year: int) -> None:
        from meetings.models import Session

        session = (
            Session.objects.filter(
                council=self.council, kind=Session.Kind.REGULAR, start_date__year=year
            )
            .filter(Q(start_date__month__gte=11))
            .order_by("start_date")
            .first()
        )
        on = (session.start_date - dt.timedelta(days=10)) if session else dt.date(year, 11, 20)
        if (
            on > self.today
            or self.council.current_term(on) is None
            or standing.term_id != self.council.current_term(on).pk
        ):
            return
        activity = Activity.objects.create(
            council=self.council,
            body=Body.STANDING,
            committee=standing,
            kind=ActivityKind.QUESTIONING,
            topic="Chất vấn tại phiên họp Thường trực về giải quyết kiến nghị cử tri",
            start_date=on,
            state=Activity.State.REPORTED,
        )
        activity.agencies.set([self.agency("Ủy ban nhân dân xã")])
        self.counts["activities"] += 1
        askers = [d for d, _r in self.team(standing, on)] or list(
            Delegate.objects.filter(term_id=standing.term_id)[:2]
        )
        for n, (text, agency_name, answered) in enumerate(
            [
                (
                    "Vì sao việc cấp giấy chứng nhận quyền sử dụng đất ở thôn Đông còn chậm?",
                    "Ủy ban nhân dân xã",
                    True,
                ),
                ("Khi nào sửa chữa xong tuyến kênh tiêu thôn Đoài?", "Phòng Kinh tế", False),
            ]
        ):
            question = Question.objects.create(
                council=self.council,
                activity=activity,
                asked_by=askers[n % len(askers)],
                question=text,
                agency=self.agency(agency_name),
                answerer="Chủ tịch UBND xã" if answered else "",
                answer="Đã rà soát, dự kiến hoàn thành trong quý tới." if answered else "",
                commitment="Hoàn thành cấp giấy cho các hộ đủ điều kiện" if answered else "",
                commitment_due=on + dt.timedelta(days=90) if answered else None,
            )
            services.question_recorded(question=question, by_user=self.user)

    def resupervision(self) -> None:
        source = self.resupervise_from or (
            Activity.objects.filter(
                council=self.council,
                recommendations__carried_over=False,
                recommendations__followup__state__in=["open", "extended"],
            )
            .order_by("start_date", "id")
            .first()
        )
        if source is None:
            return
        services.activity_resupervise(
            activity=source,
            by_user=self.user,
            start_date=self.today - dt.timedelta(days=10),
            due_date=self.today + dt.timedelta(days=30),
        )
        self.counts["activities"] += 1


__all__ = ["load_demo"]
