"""factory_boy factories for every model; `persona()` builds a user in a role."""

import datetime as dt
import itertools

import factory
from django.utils.text import slugify

from councils import models as cm
from hdnd_portal.followups import models as fm
from hdnd_portal.notifications.models import Notification

PASSWORD = "demo-hdnd"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Council
        django_get_or_create = ("slug",)

    commune = factory.Sequence(lambda n: f"Xã Thử {n}")
    name = factory.LazyAttribute(lambda o: f"Hội đồng nhân dân {o.commune}")
    slug = factory.LazyAttribute(lambda o: slugify(o.commune) or "council")
    commune_kind = "xã"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn"
    last_name = factory.Sequence(lambda n: f"Người {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Term

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"{2026 + 5 * n}-{2031 + 5 * n}")
    # The council's first free number from Khóa II (Term.number is at most 30).
    number = factory.LazyAttribute(
        lambda term: min(
            set(range(2, cm.TERM_NUMBER_MAX + 1))
            - set(cm.Term.objects.filter(council=term.council).values_list("number", flat=True))
        )
    )
    start_date = dt.date(2026, 3, 15)


class ConstituencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Constituency

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Thôn Đông {n}")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Committee

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    kind = cm.Committee.Kind.BAN
    name = factory.Sequence(lambda n: f"Ban Kinh tế - Ngân sách {n}")
    code = "KTNS"


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Delegate

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Đức {n}")
    gender = cm.Delegate.Gender.MALE
    birth_date = dt.date(1975, 5, 19)
    start_date = factory.SelfAttribute("term.start_date")
    employment = cm.Delegate.Employment.PART_TIME


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Membership

    committee = factory.SubFactory(CommitteeFactory)
    council = factory.SelfAttribute("committee.council")
    delegate = factory.SubFactory(DelegateFactory, term=factory.SelfAttribute("..committee.term"))
    role = cm.Membership.Role.MEMBER
    start_date = factory.SelfAttribute("committee.term.start_date")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Agency

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Phòng Kinh tế số {n}")
    kind = cm.Agency.Kind.UBND_UNIT
    email = factory.Sequence(lambda n: f"agency{n}@example.vn")


class PartyCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.PartyCell

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Chi bộ thôn {n}")
    member_count = 30


class CouncilRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.CouncilRole

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    role = "staff"


class DeadlineRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = fm.DeadlineRule

    code = factory.Sequence(lambda n: f"rule-{n}")
    name = "Thời hạn thử"
    days = 10
    day_kind = fm.DayKind.WORKING
    legal_source = "Luật Tiếp công dân 42/2013/QH13"
    article = "Điều 28"
    valid_from = dt.date(2014, 7, 1)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = fm.FollowUp

    council = factory.SubFactory(CouncilFactory)
    agency = factory.SubFactory(AgencyFactory, council=factory.SelfAttribute("..council"))
    kind = "task"
    title = factory.Sequence(lambda n: f"Trả lời kiến nghị cử tri số {n}")
    started_on = dt.date(2026, 11, 2)
    original_due_date = dt.date(2026, 11, 30)
    due_date = factory.SelfAttribute("original_due_date")


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    title = "Thông báo thử"


def persona(role: str, council=None, username: str | None = None, **links) -> cm.User:
    """A user holding ``role`` in ``council`` (agency/delegate links created if missing)."""
    council = council or CouncilFactory()
    user = UserFactory(username=username or f"{role}-{council.slug}")
    if role == "admin":
        user.is_superuser = True
        user.is_staff = True
        user.save()
    if role == "agency" and "agency" not in links:
        links["agency"] = AgencyFactory(council=council)
    if role == "delegate" and "delegate" not in links:
        links["delegate"] = DelegateFactory(term=TermFactory(council=council), user=user)
    cm.CouncilRole.objects.update_or_create(
        user=user, council=council, defaults={"role": role, **links}
    )
    return user


# -- meetings (sessions part) ---------------------------------------------------------------------
# One counter for every factory that makes sessions (meetings, preparation, voters), so sessions
# built by different factories in one term never share a number (unique per term).
_SESSION_NUMBERS = itertools.cycle(range(1, 100))


def next_session_number() -> int:
    return next(_SESSION_NUMBERS)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Session"

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    number = factory.LazyFunction(next_session_number)
    kind = "regular"
    title = "Kỳ họp thường lệ"
    start_date = dt.date(2026, 12, 20)
    place = "Hội trường UBND xã"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.AgendaItem"

    session = factory.SubFactory(SessionFactory)
    council = factory.SelfAttribute("session.council")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Thông qua dự thảo nghị quyết số {n}")
    presenter_text = "Ủy ban nhân dân xã"


class SessionDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.SessionDocument"

    session = factory.SubFactory(SessionFactory)
    council = factory.SelfAttribute("session.council")
    kind = "draft_resolution"
    title = factory.Sequence(lambda n: f"Dự thảo nghị quyết về dự toán ngân sách {n}")


class ExaminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Examination"

    document = factory.SubFactory(SessionDocumentFactory)
    council = factory.SelfAttribute("document.council")
    committee = factory.SubFactory(
        CommitteeFactory, term=factory.SelfAttribute("..document.session.term")
    )
    recommendation = "pass"
    content = "Dự thảo bảo đảm căn cứ pháp lý, đúng thẩm quyền."
    examined_on = dt.date(2026, 12, 10)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Question"

    session = factory.SubFactory(SessionFactory)
    council = factory.SelfAttribute("session.council")
    asker = factory.SubFactory(DelegateFactory, term=factory.SelfAttribute("..session.term"))
    answerer_name = "Chủ tịch UBND xã"
    question = "Tiến độ sửa chữa đường trục thôn Đông?"


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Resolution"

    session = factory.SubFactory(SessionFactory)
    council = factory.SelfAttribute("session.council")
    title = factory.Sequence(lambda n: f"Về việc phê duyệt dự toán ngân sách xã năm 2027 ({n})")
    kind = "individual"


# -- supervision (programmes, activities, conclusions, recommendations) -----------------------
import supervision.models as sv  # noqa: E402


class SupervisionProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sv.Programme

    council = factory.SubFactory(CouncilFactory)
    year = 2026
    body = sv.Body.HDND
    title = factory.Sequence(lambda n: f"Chương trình giám sát số {n}")


class SupervisionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sv.ProgrammeItem

    programme = factory.SubFactory(SupervisionProgrammeFactory)
    council = factory.SelfAttribute("programme.council")
    topic = factory.Sequence(lambda n: f"Quản lý đất đai đợt {n}")
    kind = sv.ActivityKind.THEMATIC
    planned_month = 5


class SupervisionActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sv.Activity

    council = factory.SubFactory(CouncilFactory)
    body = sv.Body.HDND
    kind = sv.ActivityKind.THEMATIC
    topic = factory.Sequence(lambda n: f"Giám sát xây dựng nông thôn mới số {n}")
    start_date = dt.date(2026, 5, 4)


class SupervisionConclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sv.Conclusion

    activity = factory.SubFactory(SupervisionActivityFactory)
    council = factory.SelfAttribute("activity.council")
    kind = sv.Conclusion.Kind.NOTICE
    concluded_on = dt.date(2026, 5, 20)
    results = "Các đơn vị đã thực hiện cơ bản đầy đủ nhiệm vụ."


class SupervisionQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sv.Question

    activity = factory.SubFactory(
        SupervisionActivityFactory, kind=sv.ActivityKind.QUESTIONING, body=sv.Body.STANDING
    )
    council = factory.SelfAttribute("activity.council")
    asked_by = factory.SubFactory(
        DelegateFactory, term__council=factory.SelfAttribute("...council")
    )
    agency = factory.SubFactory(AgencyFactory, council=factory.SelfAttribute("..council"))
    question = "Vì sao việc cấp giấy chứng nhận quyền sử dụng đất còn chậm?"


class SupervisionRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = sv.Recommendation

    activity = factory.SubFactory(SupervisionActivityFactory)
    council = factory.SelfAttribute("activity.council")
    agency = factory.SubFactory(AgencyFactory, council=factory.SelfAttribute("..council"))
    content = factory.Sequence(lambda n: f"Hoàn thành nạo vét kênh mương số {n}")
    due_date = dt.date(2026, 8, 31)


# -- supervision: confidence votes (LEGAL.md §7) ---------------------------------------------


class ElectedPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.ElectedPosition"

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Phó Chủ tịch UBND số {n}")
    body = "ubnd"
    order = factory.Sequence(lambda n: n)


class PositionHolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.PositionHolder"

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    position = factory.SubFactory(
        ElectedPositionFactory, council=factory.SelfAttribute("..council")
    )
    full_name = factory.Sequence(lambda n: f"Trần Thị Hoa {n}")
    start_date = factory.SelfAttribute("term.start_date")


class ConfidenceVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.ConfidenceVote"

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    # A vote of confidence: a term holds any number of them, but one rating only.
    procedure = "vote"
    vote_date = dt.date(2026, 12, 10)
    year = 2026


class ConfidenceCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.ConfidenceCandidate"

    vote = factory.SubFactory(ConfidenceVoteFactory)
    holder = factory.SubFactory(
        PositionHolderFactory,
        term=factory.SelfAttribute("..vote.term"),
        start_date=dt.date(2021, 6, 1),
    )


# -- voters (voter contact and voters' petitions) ------------------------------------------
class VoterSessionFactory(factory.django.DjangoModelFactory):
    """A session for voter meetings (meetings.Session)."""

    class Meta:
        model = "meetings.Session"

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    number = factory.LazyFunction(next_session_number)
    start_date = dt.date(2026, 7, 10)


class PetitionFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voters.PetitionField"

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Giao thông, hạ tầng {n}")


class VoterMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voters.VoterMeeting"

    holder = factory.SubFactory(CommitteeFactory, kind=cm.Committee.Kind.DELEGATE_GROUP)
    council = factory.SelfAttribute("holder.council")
    session = factory.SubFactory(VoterSessionFactory, term=factory.SelfAttribute("..holder.term"))
    kind = "before"
    place = factory.Sequence(lambda n: f"Thôn Thượng {n}")
    held_on = dt.date(2026, 6, 28)
    voter_count = 80


class VoterPetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voters.VoterPetition"

    meeting = factory.SubFactory(VoterMeetingFactory)
    council = factory.SelfAttribute("meeting.council")
    field = factory.SubFactory(PetitionFieldFactory, council=factory.SelfAttribute("..council"))
    content = factory.Sequence(lambda n: f"Đề nghị sửa chữa đường liên thôn số {n}")
    voter_count = 3


class SynthesizedPetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voters.SynthesizedPetition"

    council = factory.SubFactory(CouncilFactory)
    field = factory.SubFactory(PetitionFieldFactory, council=factory.SelfAttribute("..council"))
    content = factory.Sequence(lambda n: f"Đề nghị lắp đèn chiếu sáng đường trục thôn {n}")


# --- targets (plan targets) and the councils records they count -------------------------------
class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Training
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    course = factory.Sequence(lambda n: f"Bồi dưỡng kỹ năng đại biểu số {n}")
    organiser = "Thường trực HĐND thành phố"
    start_date = dt.date(2026, 5, 12)

    @factory.post_generation
    def delegates(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.delegates.set(extracted)


class DisseminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Dissemination

    council = factory.SubFactory(CouncilFactory)
    party_cell = factory.SubFactory(PartyCellFactory, council=factory.SelfAttribute("..council"))
    held_on = dt.date(2026, 9, 10)
    attendance = 0


class PartyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.PartyDocument

    council = factory.SubFactory(CouncilFactory)
    kind = cm.PartyDocument.Kind.PLAN
    number = factory.Sequence(lambda n: f"{n + 1:02d}-KH/ĐU")
    issued_on = dt.date(2026, 1, 12)
    title = "Kế hoạch lãnh đạo hoạt động của HĐND xã năm 2026"


# Issue 22 (items 6, 8, 10): a cell's dated members, information briefs, a mandate's end.
class PartyCellMembersFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.PartyCellMembers

    council = factory.SubFactory(CouncilFactory)
    party_cell = factory.SubFactory(PartyCellFactory, council=factory.SelfAttribute("..council"))
    since = factory.Sequence(lambda n: dt.date(2025, 1, 1) + dt.timedelta(days=n))
    member_count = 32


class InformationBriefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.InformationBrief

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Thông tin tình hình kinh tế - xã hội số {n + 1}")
    period = "Tháng 11/2026"
    sent_on = dt.date(2026, 11, 30)
    content = "Thu ngân sách 11 tháng đạt 92% dự toán."
    sender = "Văn phòng HĐND và UBND xã"


class MandateEndFactory(factory.django.DjangoModelFactory):
    """A record only: the delegate's end_date is set by ``services.mandate_end_save``."""

    class Meta:
        model = cm.MandateEnd

    delegate = factory.SubFactory(DelegateFactory)
    council = factory.SelfAttribute("delegate.council")
    kind = cm.MandateEnd.Kind.RESIGNED
    decided_by = cm.MandateEnd.Body.STANDING
    decision_number = factory.Sequence(lambda n: f"{n + 1:02d}/QĐ-TTHĐND")
    decision_date = dt.date(2026, 9, 1)
    effective_on = dt.date(2026, 9, 1)
    reason = "Chuyển công tác ra ngoài địa bàn xã."


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "targets.Target"

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"9.{n}")
    title = factory.Sequence(lambda n: f"Chỉ tiêu thử số {n}")
    metric = "councils.delegates_trained"
    body = "standing"
    period_kind = "year"
    unit = "share"
    threshold = 100


# --- Coordination regulation (meetings/coordination) ---------------------------------------
import meetings.models as mm_coord  # noqa: E402


class CoordinationRegulationFactory(factory.django.DjangoModelFactory):
    """A regulation valid for one year of its own (regulations of a council never overlap)."""

    class Meta:
        model = mm_coord.CoordinationRegulation

    council = factory.SubFactory(CouncilFactory)
    term = factory.SubFactory(TermFactory, council=factory.SelfAttribute("..council"))
    # A form of its own: never the number a test types ("02/QCPH"), whatever the sequence.
    number = factory.Sequence(lambda n: f"{n + 1:04d}/QCPH-XM")
    # A year of its own per regulation, always in the past and inside the portal's date window
    # (1945-2100), however many regulations the suite has made before (the sequence grows).
    signed_on = factory.Sequence(lambda n: dt.date(1960 + n % 60, 1, 5))
    start_date = factory.SelfAttribute("signed_on")
    end_date = factory.LazyAttribute(lambda o: dt.date(o.signed_on.year, 12, 31))
    content = "Phối hợp chuẩn bị kỳ họp, giám sát, tiếp xúc cử tri"


class CoordinationReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm_coord.CoordinationReview

    council = factory.SubFactory(CouncilFactory)
    regulation = factory.SubFactory(
        CoordinationRegulationFactory, council=factory.SelfAttribute("..council")
    )
    kind = mm_coord.CoordinationReview.Kind.YEARLY
    year = factory.LazyAttribute(lambda o: o.regulation.signed_on.year)
    held_on = factory.LazyAttribute(lambda o: dt.date(o.year, 12, 20))
    findings = "Các bên thực hiện đúng quy chế"


# -- councils: procedures library and emulation (issue 22, items 2 and 3) ----------------------
class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Procedure

    council = factory.SubFactory(CouncilFactory)
    kind = cm.Procedure.Kind.SESSION
    title = factory.Sequence(lambda n: f"Quy trình tổ chức kỳ họp HĐND xã {n}")


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.ProcedureVersion

    procedure = factory.SubFactory(ProcedureFactory)
    council = factory.SelfAttribute("procedure.council")
    number = 1
    decision_number = factory.Sequence(lambda n: f"{n + 1:02d}/QĐ-HĐND")
    decision_date = dt.date(2025, 8, 5)
    issuer = "Thường trực HĐND xã"
    start_date = dt.date(2025, 8, 5)
    file = factory.django.FileField(filename="quy-trinh.pdf", data=b"%PDF-1.4 demo")


class EmulationCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.EmulationCriterion

    council = factory.SubFactory(CouncilFactory)
    year = 2026
    number = factory.Sequence(lambda n: n + 1)
    content = "Tham dự đầy đủ các kỳ họp"


class EmulationRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.EmulationRegistration

    delegate = factory.SubFactory(DelegateFactory)
    council = factory.SelfAttribute("delegate.council")
    registrant_kind = "delegate"
    year = 2026
    registered_on = dt.date(2026, 4, 20)
    title = "advanced_worker"


class EmulationResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.EmulationResult

    registration = factory.SubFactory(EmulationRegistrationFactory)
    council = factory.SelfAttribute("registration.council")
    reviewed_on = dt.date(2026, 11, 20)
    rating = "excellent"


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Reward

    delegate = factory.SubFactory(DelegateFactory)
    council = factory.SelfAttribute("delegate.council")
    registrant_kind = "delegate"
    year = 2026
    form = "certificate"
    level = "commune"
    decision_number = factory.Sequence(lambda n: f"{n + 200}/QĐ-UBND")
    decision_date = dt.date(2026, 11, 25)
    issuer = "Chủ tịch UBND xã"
