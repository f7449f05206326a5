"""Factories of the preparation part (sessions too, until part A's land in tests/factories.py)."""

import datetime as dt

import factory

from meetings import models as mm
from tests.factories import AgencyFactory, CouncilFactory, TermFactory, next_session_number


class PrepSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.Session

    council = factory.SubFactory(CouncilFactory)
    term = factory.SubFactory(TermFactory, council=factory.SelfAttribute("..council"))
    number = factory.LazyFunction(next_session_number)
    kind = mm.Session.Kind.REGULAR
    title = "Kỳ họp thường lệ giữa năm"
    start_date = dt.date(2026, 7, 10)
    end_date = dt.date(2026, 7, 11)
    place = "Hội trường UBND xã"


class JointMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.JointMeeting
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    session = factory.SubFactory(PrepSessionFactory, council=factory.SelfAttribute("..council"))
    held_on = factory.LazyAttribute(lambda o: o.session.start_date - dt.timedelta(days=15))
    place = "Phòng họp Thường trực HĐND"
    content = "Thống nhất nội dung, chương trình kỳ họp"


class PreparationTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.PreparationTask

    council = factory.SubFactory(CouncilFactory)
    session = factory.SubFactory(PrepSessionFactory, council=factory.SelfAttribute("..council"))
    title = factory.Sequence(lambda n: f"Xây dựng báo cáo số {n}")
    agency = factory.SubFactory(AgencyFactory, council=factory.SelfAttribute("..council"))
    responsibility = "UBND xã chủ trì"
    procedure = "Gửi Ban thẩm tra trước 10 ngày"
    expected_result = "Báo cáo trình kỳ họp"
    due_date = dt.date(2026, 7, 1)


class StandingMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.StandingMeeting

    council = factory.SubFactory(CouncilFactory)
    term = factory.SubFactory(TermFactory, council=factory.SelfAttribute("..council"))
    kind = mm.StandingMeeting.Kind.REGULAR
    held_on = dt.date(2026, 6, 5)
    topic = factory.Sequence(lambda n: f"Phiên họp Thường trực tháng {n % 12 + 1}")


class QuarterlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.QuarterlyReport

    council = factory.SubFactory(CouncilFactory)
    year = 2026
    quarter = factory.Sequence(lambda n: n % 4 + 1)
    strengths = "Tổ chức kỳ họp đúng luật"


class CongressGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.CongressGoal

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"{n + 1}")
    kind = mm.CongressGoal.Kind.TARGET
    field = "Kinh tế"
    text = factory.Sequence(lambda n: f"Thu nhập bình quân đầu người tăng {n}%")
    target_value = "≥ 7%"
    order = factory.Sequence(lambda n: n)
