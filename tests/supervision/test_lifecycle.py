"""An activity from decision to closing: numbered decision, legal timelines from the rule
version of the decision date, conclusion, recommendations chased by follow-ups, closing refused
while one is unfinished, re-supervision carrying the unfinished ones over in one step."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.services import followup_accept, followup_answer
from supervision import services
from supervision.models import (
    LAW_87_2015,
    LAW_121_2025,
    Activity,
    ActivityKind,
    Body,
    Recommendation,
    law_for,
)
from tests.factories import SupervisionActivityFactory, SupervisionConclusionFactory

pytestmark = pytest.mark.django_db


def items(activity, kind):
    return FollowUp.objects.filter(source_id=activity.pk, source_type__model="activity", kind=kind)


@pytest.fixture
def staff(make_persona):
    return make_persona("staff")


@pytest.fixture
def ban_activity(council, org):
    return SupervisionActivityFactory(
        council=council,
        body=Body.BAN,
        committee=org["ban"],
        kind=ActivityKind.SURVEY,
        start_date=dt.date(2026, 5, 20),
    )


def test_the_law_follows_the_decision_date():
    assert law_for(dt.date(2026, 2, 28)) == LAW_87_2015
    assert law_for(dt.date(2026, 3, 1)) == LAW_121_2025
    assert law_for(None) == ""


def test_the_page_names_the_law_of_the_decision_date(client, staff, council, org):
    before = SupervisionActivityFactory(council=council, decision_date=dt.date(2026, 2, 27))
    after = SupervisionActivityFactory(council=council, decision_date=dt.date(2026, 3, 2))
    client.force_login(staff)
    assert "87/2015/QH13" in client.get(before.get_absolute_url()).content.decode()
    html = client.get(after.get_absolute_url()).content.decode()
    assert "121/2025/QH15" in html and "87/2015" not in html


def test_a_decision_is_numbered_once_and_opens_the_plan_deadlines(
    rules, council, org, staff, ban_activity
):
    services.activity_decide(activity=ban_activity, by_user=staff, decided_on=dt.date(2026, 5, 4))
    ban_activity.refresh_from_db()

    assert ban_activity.decision.symbol == "01/QĐ-HĐND"
    plan = items(ban_activity, services.KIND_PLAN).get()
    assert plan.due_date == dt.date(2026, 5, 19)  # 15 days after the decision
    assert "121/2025" in plan.rule.legal_source  # decided after 1 March 2026
    programme = items(ban_activity, services.KIND_PROGRAMME).get()
    # 10 days before the first visit is Sunday 10/05: the Friday before.
    assert programme.due_date == dt.date(2026, 5, 8)

    with pytest.raises(ValidationError, match="đã được cấp số 01/QĐ-HĐND"):
        services.activity_decide(activity=ban_activity, by_user=staff)


def test_the_report_deadline_counts_from_the_visit_with_the_decision_dates_rule(
    rules, council, org, staff, ban_activity
):
    # Decided under Law 87/2015, visited after 1 March 2026: Law 87/2015's rule applies.
    ban_activity.start_date = dt.date(2026, 2, 20)
    ban_activity.save()
    services.activity_decide(activity=ban_activity, by_user=staff, decided_on=dt.date(2026, 2, 10))
    services.visit_record(activity=ban_activity, date=dt.date(2026, 3, 3), by_user=staff)

    report = items(ban_activity, services.KIND_REPORT).get()
    assert report.due_date == dt.date(2026, 3, 13)  # a Ban: 10 days after the visit
    assert "87/2015" in report.rule.legal_source
    assert report.started_on == dt.date(2026, 2, 10)
    ban_activity.refresh_from_db()
    assert ban_activity.state == Activity.State.UNDER_WAY


def test_a_standing_team_reports_within_15_days_under_law_121(rules, council, org, staff):
    activity = SupervisionActivityFactory(
        council=council,
        body=Body.STANDING,
        committee=org["standing"],
        start_date=dt.date(2026, 4, 1),
    )
    services.activity_decide(activity=activity, by_user=staff, decided_on=dt.date(2026, 3, 5))
    services.visit_record(activity=activity, date=dt.date(2026, 4, 2), by_user=staff)
    report = items(activity, services.KIND_REPORT).get()
    assert report.rule.code == "supervision.team_report_standing"
    assert "121/2025" in report.rule.legal_source
    assert (report.due_date - dt.date(2026, 4, 2)).days >= 15


def test_an_unanswered_question_is_answered_in_writing_within_20_days(rules, council, org, staff):
    from hdnd_portal.core.access import Access
    from supervision.forms import QuestionForm

    activity = SupervisionActivityFactory(
        council=council,
        body=Body.STANDING,
        committee=org["standing"],
        kind=ActivityKind.QUESTIONING,
        start_date=dt.date(2026, 6, 10),
    )
    access = Access(user_id=staff.pk, council_id=council.pk, council_name="", role="staff")
    form = QuestionForm(
        {
            "activity": activity.pk,
            "asked_by": org["leader"].pk,
            "question": "Khi nào sửa xong đường thôn Đông?",
            "agency": org["agency"].pk,
            "commitment": "Sửa xong trước mùa mưa",
            "commitment_due": "31/08/2026",
        },
        access=access,
    )
    assert form.is_valid(), form.errors
    question = services.question_save(access=access, instance=None, values=form.cleaned_data)
    written = FollowUp.objects.get(kind=services.KIND_QUESTION, source_id=question.pk)
    assert written.due_date == dt.date(2026, 6, 30)
    assert written.agency == org["agency"]
    commitment = FollowUp.objects.get(kind=services.KIND_COMMITMENT, source_id=question.pk)
    assert commitment.due_date == dt.date(2026, 8, 31)


def _recommend(activity, conclusion, org, user, n=2):
    return [
        services.recommendation_create(
            activity=activity,
            conclusion=conclusion,
            agency=org["agency"],
            content=f"Khắc phục tồn tại số {i}",
            due_date=dt.date(2026, 8, 1),
            by_user=user,
        )
        for i in range(n)
    ]


def test_closing_with_open_recommendations_is_refused(council, org, staff, ban_activity):
    conclusion = SupervisionConclusionFactory(activity=ban_activity)
    ban_activity.state = Activity.State.REPORTED
    ban_activity.save()
    first, second = _recommend(ban_activity, conclusion, org, staff)
    ban_activity.refresh_from_db()
    assert ban_activity.state == Activity.State.FOLLOWING_UP

    with pytest.raises(ValidationError, match="còn 2 kiến nghị chưa hoàn thành"):
        services.activity_transition(activity=ban_activity, action="close", by_user=staff)

    for rec in (first, second):
        followup_answer(followup=rec.followup, by_user=staff, answer="Đã khắc phục")
        followup_accept(followup=rec.followup, by_user=staff)
    first.refresh_from_db()
    assert first.state == "done" and first.state_label == "Đã hoàn thành"
    services.activity_transition(activity=ban_activity, action="close", by_user=staff)
    ban_activity.refresh_from_db()
    assert ban_activity.state == Activity.State.CLOSED


def test_closing_refused_on_the_page_says_why(client, council, org, staff, ban_activity):
    conclusion = SupervisionConclusionFactory(activity=ban_activity)
    ban_activity.state = Activity.State.REPORTED
    ban_activity.save()
    _recommend(ban_activity, conclusion, org, staff, n=1)
    client.force_login(staff)
    response = client.post(
        reverse("supervision-activity-transition", args=[ban_activity.pk]),
        {"action": "close"},
        follow=True,
    )
    assert "Chưa thể kết thúc: còn 1 kiến nghị chưa hoàn thành" in response.content.decode()
    ban_activity.refresh_from_db()
    assert ban_activity.state == Activity.State.FOLLOWING_UP


def test_resupervision_carries_the_unfinished_recommendations_over(
    council, org, staff, ban_activity
):
    conclusion = SupervisionConclusionFactory(activity=ban_activity)
    done, open_one, answered = _recommend(ban_activity, conclusion, org, staff, n=3)
    followup_answer(followup=done.followup, by_user=staff, answer="Xong")
    followup_accept(followup=done.followup, by_user=staff)
    followup_answer(followup=answered.followup, by_user=staff, answer="Đang chờ xem xét")

    new = services.activity_resupervise(
        activity=ban_activity,
        by_user=staff,
        start_date=dt.date(2026, 9, 1),
        due_date=dt.date(2026, 10, 15),
    )

    assert new.kind == ActivityKind.RESUPERVISION and new.parent == ban_activity
    assert new.committee == org["ban"]
    carried = new.recommendations.get()
    assert carried.carried_from == open_one
    assert carried.followup.state == FollowUp.State.OPEN
    assert carried.followup.due_date == dt.date(2026, 10, 15)
    open_one.refresh_from_db()
    assert open_one.carried_over and open_one.state_label == "Chuyển tái giám sát"
    assert open_one.followup.state == FollowUp.State.CLOSED
    done.refresh_from_db()
    answered.refresh_from_db()
    assert not done.carried_over and not answered.carried_over
    assert set(Recommendation.objects.unfinished()) == {answered, carried}


def test_a_resupervision_of_a_resupervision_says_it_once(council, org, staff, ban_activity):
    Activity.objects.filter(pk=ban_activity.pk).update(topic="Tái giám sát: Việc cấp sổ đỏ")
    ban_activity.refresh_from_db()
    conclusion = SupervisionConclusionFactory(activity=ban_activity)
    _recommend(ban_activity, conclusion, org, staff, n=1)
    new = services.activity_resupervise(activity=ban_activity, by_user=staff)
    assert new.topic == "Tái giám sát: Việc cấp sổ đỏ"


def test_resupervision_writes_nothing_when_it_fails(council, org, staff, ban_activity):
    conclusion = SupervisionConclusionFactory(activity=ban_activity)
    (rec,) = _recommend(ban_activity, conclusion, org, staff, n=1)
    before = Activity.objects.count()
    # The old follow-up cannot be closed once answered behind the service's back.
    FollowUp.objects.filter(pk=rec.followup_id).update(state=FollowUp.State.DONE)
    with pytest.raises(ValidationError):
        services.activity_resupervise(activity=ban_activity, by_user=staff)
    assert Activity.objects.count() == before
    rec.refresh_from_db()
    assert not rec.carried_over


def test_resupervision_in_one_step_from_the_page(client, council, org, staff, ban_activity):
    conclusion = SupervisionConclusionFactory(activity=ban_activity)
    _recommend(ban_activity, conclusion, org, staff, n=2)
    client.force_login(staff)
    response = client.post(
        reverse("supervision-activity-resupervise", args=[ban_activity.pk]),
        {"start_date": "01/09/2026", "due_date": "15/10/2026"},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã lập cuộc tái giám sát, chuyển 2 kiến nghị chưa hoàn thành" in html
    assert "Tái giám sát" in html


def test_a_conclusion_reports_the_activity_and_finishes_its_report_item(
    rules, client, council, org, staff, ban_activity
):
    services.activity_decide(activity=ban_activity, by_user=staff, decided_on=dt.date(2026, 5, 4))
    services.visit_record(activity=ban_activity, date=dt.date(2026, 5, 20), by_user=staff)
    client.force_login(staff)
    response = client.post(
        reverse("supervision-conclusion-create"),
        {
            "activity": ban_activity.pk,
            "kind": "notice",
            "concluded_on": "25/05/2026",
            "results": "Đơn vị đã hoàn thành kế hoạch.",
            "violations": "Sử dụng sai mục đích 50 triệu đồng",
            "referred_to": "Ủy ban Kiểm tra Đảng ủy",
            "reported_to_party_on": "26/05/2026",
        },
    )
    assert response.status_code == 302
    ban_activity.refresh_from_db()
    assert ban_activity.state == Activity.State.REPORTED
    assert items(ban_activity, services.KIND_REPORT).get().state == FollowUp.State.DONE


def test_a_violation_must_name_the_body_it_is_referred_to(
    client, council, org, staff, ban_activity
):
    client.force_login(staff)
    response = client.post(
        reverse("supervision-conclusion-create"),
        {
            "activity": ban_activity.pk,
            "kind": "notice",
            "concluded_on": "25/05/2026",
            "results": "Cơ bản hoàn thành.",
            "violations": "Chi sai quy định",
        },
    )
    assert response.status_code == 200
    assert (
        "Vi phạm nghiêm trọng phải được chuyển cơ quan có thẩm quyền" in response.content.decode()
    )


def test_a_recommendation_needs_an_agency_a_task_and_a_deadline(
    client, council, org, staff, ban_activity
):
    client.force_login(staff)
    response = client.post(
        reverse("supervision-recommendation-create"), {"activity": ban_activity.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hãy chọn cơ quan chịu trách nhiệm thực hiện kiến nghị." in html
    assert "Hãy nhập nội dung kiến nghị (việc cần thực hiện)." in html
    assert "Hãy nhập thời hạn thực hiện kiến nghị." in html
    assert not Recommendation.objects.exists()


def test_the_api_refuses_a_recommendation_without_deadline_or_agency(
    api, council, org, ban_activity
):
    client = api("staff")
    response = client.post(
        "/api/v1/supervision-recommendations/",
        {"activity": ban_activity.pk, "content": "Làm ngay"},
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["agency"] == ["Hãy chọn cơ quan chịu trách nhiệm thực hiện kiến nghị."]
    assert fields["due_date"] == ["Hãy nhập thời hạn thực hiện kiến nghị."]

    ok = client.post(
        "/api/v1/supervision-recommendations/",
        {
            "activity": ban_activity.pk,
            "content": "Làm ngay",
            "agency": org["agency"].pk,
            "due_date": "2026-09-01",
        },
        format="json",
    )
    assert ok.status_code == 201, ok.content
    rec = Recommendation.objects.get()
    assert rec.followup.agency == org["agency"] and rec.followup.due_date == dt.date(2026, 9, 1)
