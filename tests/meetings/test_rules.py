"""Quorum, majority of ALL delegates, a vote closed once, numbering, notice deadlines."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hdnd_portal.followups.models import FollowUp
from meetings import selectors, services
from meetings.models import Attendance, Resolution, Session, Vote
from tests.factories import DelegateFactory, QuestionFactory, ResolutionFactory, SessionFactory
from tests.meetings.conftest import OPENING


def attend(sitting, present: int, status="present"):
    statuses = {}
    for index, d in enumerate(sitting.delegates):
        statuses[d.pk] = status if index < present else Attendance.Status.ABSENT_LEAVE
    services.attendance_record(session=sitting.session, statuses=statuses)


def test_quorum_at_the_boundary_opens_with_ten_of_fifteen(sitting):
    attend(sitting, 10)
    session = services.session_open(session=sitting.session)
    assert session.state == Session.State.IN_SESSION


def test_quorum_one_short_is_refused_with_the_count_and_the_rule(sitting):
    attend(sitting, 9)
    with pytest.raises(ValidationError) as exc:
        services.session_open(session=sitting.session)
    assert exc.value.messages == [
        "Chưa đủ túc số: có mặt 9/15, cần ít nhất 10 (2/3 tổng số đại biểu)"
    ]
    sitting.session.refresh_from_db()
    assert sitting.session.state == Session.State.PLANNED


def test_late_delegates_count_as_present_and_leavers_do_not_count_at_all(sitting):
    # A delegate who left before the opening is no longer in office: 14 in office.
    leaver = sitting.delegates[-1]
    leaver.end_date = OPENING - dt.timedelta(days=5)
    leaver.save()
    statuses = {d.pk: "late" for d in sitting.delegates[:10]}
    services.attendance_record(session=sitting.session, statuses=statuses)
    quorum = selectors.session_quorum(sitting.session)
    assert (quorum.present, quorum.total, quorum.minimum, quorum.met) == (10, 14, 10, True)
    with pytest.raises(ValidationError):
        services.attendance_record(session=sitting.session, statuses={leaver.pk: "present"})


def test_attendance_is_unique_per_delegate_and_session(sitting):
    d = sitting.delegates[0]
    services.attendance_record(session=sitting.session, statuses={d.pk: "present"})
    services.attendance_record(session=sitting.session, statuses={d.pk: "late"})
    assert Attendance.objects.get(session=sitting.session, delegate=d).status == "late"
    assert Attendance.objects.filter(session=sitting.session).count() == 1


def opened(sitting, present=12):
    attend(sitting, present)
    return services.session_open(session=sitting.session)


def vote(resolution, sitting, n_for, others="against"):
    choices = {}
    for index, d in enumerate(sitting.delegates):
        if index < n_for:
            choices[d.pk] = ("for", False)
        elif others and index < 12:
            choices[d.pk] = (others, False)
    services.votes_record(resolution=resolution, choices=choices)


def test_a_majority_of_those_present_but_not_of_all_delegates_fails(sitting):
    opened(sitting, present=12)
    resolution = ResolutionFactory(session=sitting.session)
    # 7 of the 12 present vote for: a majority of those present, not of all 15 delegates.
    vote(resolution, sitting, 7)
    resolution = services.vote_close(resolution=resolution)
    assert resolution.passed is False
    assert resolution.vote_snapshot["for"] == 7
    assert resolution.vote_snapshot["minimum"] == 8
    assert len(resolution.vote_snapshot["entitled"]) == 15
    assert len(resolution.vote_snapshot["present"]) == 12
    assert resolution.result_label == "Không được thông qua"
    with pytest.raises(ValidationError, match="đã được biểu quyết thông qua"):
        services.resolution_issue(resolution=resolution, issued_by=sitting.staff)


def test_eight_of_fifteen_passes(sitting):
    opened(sitting)
    resolution = ResolutionFactory(session=sitting.session)
    vote(resolution, sitting, 8)
    assert services.vote_close(resolution=resolution).passed is True


def test_recused_and_not_voting_delegates_are_not_counted_for(sitting):
    opened(sitting)
    resolution = ResolutionFactory(session=sitting.session)
    choices = {d.pk: ("for", False) for d in sitting.delegates[:7]}
    choices[sitting.delegates[7].pk] = ("for", True)  # recused: not counted
    services.votes_record(resolution=resolution, choices=choices)
    resolution = services.vote_close(resolution=resolution)
    assert (resolution.passed, resolution.vote_snapshot["recused"]) == (False, 1)


def test_the_all_present_for_helper_votes_for_every_present_delegate(sitting):
    opened(sitting, present=11)
    resolution = ResolutionFactory(session=sitting.session)
    assert services.votes_all_present_for(resolution=resolution) == 11
    assert Vote.objects.filter(resolution=resolution, choice="for").count() == 11


def test_a_vote_is_closed_once_and_then_refuses_changes(sitting):
    opened(sitting)
    resolution = ResolutionFactory(session=sitting.session)
    vote(resolution, sitting, 9)
    services.vote_close(resolution=resolution)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.vote_close(resolution=resolution)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        vote(resolution, sitting, 2)
    assert Resolution.objects.get(pk=resolution.pk).vote_snapshot["for"] == 9


def test_a_vote_on_a_closed_session_is_refused(sitting):
    opened(sitting)
    resolution = ResolutionFactory(session=sitting.session)
    services.session_close(session=sitting.session, on=OPENING)
    with pytest.raises(ValidationError, match="Kỳ họp đã bế mạc"):
        vote(resolution, sitting, 9)
    assert not Vote.objects.filter(resolution=resolution).exists()


def test_a_vote_before_the_opening_is_refused(sitting):
    resolution = ResolutionFactory(session=sitting.session)
    with pytest.raises(ValidationError, match="khai mạc"):
        vote(resolution, sitting, 9)


def passed_resolution(sitting, **kwargs):
    sitting.session.refresh_from_db()
    if sitting.session.state != Session.State.IN_SESSION:
        opened(sitting)
    resolution = ResolutionFactory(session=sitting.session, **kwargs)
    vote(resolution, sitting, 10)
    return services.vote_close(resolution=resolution)


def test_issuing_gives_a_register_number_once(sitting):
    resolution = passed_resolution(sitting)
    on = dt.date(2026, 12, 21)
    resolution = services.resolution_issue(resolution=resolution, issued_by=sitting.staff, on=on)
    assert resolution.document.symbol == "01/NQ-HĐND"
    assert resolution.document.source == resolution
    with pytest.raises(ValidationError) as exc:
        services.resolution_issue(resolution=resolution, issued_by=sitting.staff, on=on)
    assert "đã được cấp số 01/NQ-HĐND" in exc.value.messages[0]
    second = passed_resolution(sitting, kind=Resolution.Kind.NORMATIVE)
    second = services.resolution_issue(resolution=second, issued_by=sitting.staff, on=on)
    assert second.document.symbol == "01/2026/NQ-HĐND"


def test_a_new_session_opens_its_notice_follow_up_counted_back_from_the_opening(
    sitting, staff_client, council
):
    term = sitting.term
    response = staff_client.post(
        "/meetings/session/new/",
        {
            "term": term.pk,
            "number": 4,
            "kind": "extra",
            "start_date": "20/01/2027",
            "place": "Hội trường",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get(number=4, term=term)
    item = FollowUp.objects.get(kind=services.SESSION_NOTICE)
    assert item.source == session
    assert item.due_date == dt.date(2027, 1, 13)  # 7 days before an extra session
    assert item.rule.code == "session.notice_extra"


def test_a_document_sent_after_the_notice_deadline_is_flagged_late(sitting, staff_client):
    from tests.factories import SessionDocumentFactory

    deadline = selectors.notice_deadline(sitting.session)
    assert deadline == OPENING - dt.timedelta(days=20)
    on_time = SessionDocumentFactory(session=sitting.session, sent_on=deadline)
    late = SessionDocumentFactory(session=sitting.session, sent_on=deadline + dt.timedelta(days=1))
    assert not selectors.document_is_late(on_time, deadline)
    assert selectors.document_is_late(late, deadline)
    page = staff_client.get(late.get_absolute_url()).content.decode()
    assert "Tài liệu gửi đại biểu muộn" in page
    page = staff_client.get(sitting.session.get_absolute_url()).content.decode()
    assert "Gửi tài liệu muộn: 1 tài liệu" in page


def test_a_commitment_opens_a_follow_up_due_ten_days_before_the_next_regular_session(
    sitting,
):
    question = QuestionFactory(session=sitting.session, asker=sitting.delegates[0])
    SessionFactory(term=sitting.term, number=4, start_date=dt.date(2027, 6, 25))
    commitment = services.commitment_add(
        question=question,
        content="Hoàn thành sửa đường trước Tết",
        agency=None,
        created_by=sitting.staff,
    )
    item = FollowUp.objects.get(kind=services.SESSION_COMMITMENT)
    assert item.source == commitment
    assert item.due_date == dt.date(2027, 6, 15)
    assert item.rule.code == "session.questioning_followup_report"


def test_a_commitment_without_a_next_session_is_estimated_six_months_ahead(sitting):
    question = QuestionFactory(session=sitting.session, asker=sitting.delegates[0])
    services.commitment_add(
        question=question, content="Báo cáo", agency=None, created_by=sitting.staff
    )
    item = FollowUp.objects.get(kind=services.SESSION_COMMITMENT)
    assert item.due_date == OPENING + dt.timedelta(days=182 - 10)


def test_goals_made_concrete_counts_goals_with_a_resolution(council, sitting):
    from meetings.models import CongressGoal

    goals = [
        CongressGoal.objects.create(council=council, code=str(n), text=f"Chỉ tiêu {n}")
        for n in range(1, 5)
    ]
    resolution = ResolutionFactory(session=sitting.session)
    resolution.goals.set(goals[:3])
    assert selectors.goals_made_concrete(council) == (3, 4)
    assert selectors.goals_made_concrete(council, on=OPENING - dt.timedelta(days=1)) == (0, 4)


def test_a_delegate_of_another_term_cannot_be_recorded(sitting):
    stranger = DelegateFactory()
    with pytest.raises(ValidationError):
        services.attendance_record(session=sitting.session, statuses={stranger.pk: "present"})


def test_moving_a_session_later_extends_its_notice_item_and_keeps_the_old_date(
    sitting, staff_client
):
    term = sitting.term
    staff_client.post(
        "/meetings/session/new/",
        {"term": term.pk, "number": 4, "kind": "regular", "start_date": "20/06/2027"},
    )
    session = Session.objects.get(number=4, term=term)
    response = staff_client.post(
        f"/meetings/session/{session.pk}/edit/",
        {"term": term.pk, "number": 4, "kind": "regular", "start_date": "30/06/2027"},
    )
    assert response.status_code == 302
    item = FollowUp.objects.get(kind=services.SESSION_NOTICE)
    assert (item.original_due_date, item.due_date) == (dt.date(2027, 5, 31), dt.date(2027, 6, 10))
    assert "dời ngày khai mạc" in item.extensions.get().reason


def test_moving_a_session_earlier_brings_its_notice_item_forward(sitting, staff_client):
    term = sitting.term
    staff_client.post(
        "/meetings/session/new/",
        {"term": term.pk, "number": 4, "kind": "regular", "start_date": "30/06/2027"},
    )
    session = Session.objects.get(number=4, term=term)
    response = staff_client.post(
        f"/meetings/session/{session.pk}/edit/",
        {"term": term.pk, "number": 4, "kind": "regular", "start_date": "20/06/2027"},
    )
    assert response.status_code == 302
    item = FollowUp.objects.get(kind=services.SESSION_NOTICE)
    assert (item.original_due_date, item.due_date) == (dt.date(2027, 6, 10), dt.date(2027, 5, 31))
    assert not item.extensions.exists()  # not an extension
    assert item.state == FollowUp.State.OPEN
    latest = item.history.first()
    assert latest.history_change_reason.startswith("Rút ngắn hạn từ 10/06/2027")


def test_a_session_brought_forward_past_its_deadline_leaves_the_item_overdue(sitting, staff_client):
    from django.utils import timezone

    term, today = sitting.term, timezone.localdate()
    first, then = today + dt.timedelta(days=60), today + dt.timedelta(days=10)
    staff_client.post(
        "/meetings/session/new/",
        {"term": term.pk, "number": 4, "kind": "regular", "start_date": f"{first:%d/%m/%Y}"},
    )
    session = Session.objects.get(number=4, term=term)
    staff_client.post(
        f"/meetings/session/{session.pk}/edit/",
        {"term": term.pk, "number": 4, "kind": "regular", "start_date": f"{then:%d/%m/%Y}"},
    )
    item = FollowUp.objects.get(kind=services.SESSION_NOTICE)
    deadline = then - dt.timedelta(days=20)
    assert (item.due_date, item.started_on) == (deadline, deadline)
    assert item.is_overdue()
