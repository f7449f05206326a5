"""Group discussion (thảo luận tổ) and the Front's social criticism (phản biện xã hội):
the rules, the same refusals on the page and in the API, who may do what, and the vote's
criticism step."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hdnd_portal.core.access import STAFF, Access
from meetings import services as meeting_services
from meetings.discussion import services
from meetings.models import (
    Attendance,
    DiscussionGroup,
    DiscussionOpinion,
    Resolution,
    SocialCriticism,
)
from tests.factories import (
    AgendaItemFactory,
    DelegateFactory,
    ResolutionFactory,
    SessionDocumentFactory,
    SessionFactory,
    persona,
)
from tests.meetings.conftest import OPENING

pytestmark = pytest.mark.django_db


def clerk(council) -> Access:
    return Access(user_id=0, council_id=council.pk, council_name=council.name, role=STAFF)


def group_values(sitting, **overrides):
    members = sitting.delegates[:5]
    values = {
        "session": sitting.session,
        "name": "Tổ thảo luận số 1",
        "held_on": OPENING,
        "members": members,
        "chair": members[0],
        "secretary": members[1],
    }
    values.update(overrides)
    return values


def make_group(sitting, **overrides) -> DiscussionGroup:
    return services.discussiongroup_save(
        access=clerk(sitting.session.council), values=group_values(sitting, **overrides)
    )


# -- rules ---------------------------------------------------------------------------------
def test_a_group_keeps_its_members_chair_and_secretary(sitting):
    group = make_group(sitting)
    assert set(group.members.all()) == set(sitting.delegates[:5])
    assert group.chair == sitting.delegates[0]
    assert group.history.count() == 1


def test_a_member_not_in_office_on_the_day_is_refused(sitting):
    gone = sitting.delegates[4]
    gone.end_date = OPENING - dt.timedelta(days=1)
    gone.save()
    with pytest.raises(ValidationError) as exc:
        make_group(sitting)
    assert exc.value.message_dict["members"] == [
        f"Đại biểu không đương nhiệm vào ngày 20/12/2026: {gone.full_name}."
    ]


def test_a_chair_who_is_not_a_member_is_refused(sitting):
    outsider = sitting.delegates[9]
    with pytest.raises(ValidationError) as exc:
        make_group(sitting, chair=outsider)
    assert exc.value.message_dict["chair"] == [
        f"Tổ trưởng {outsider.full_name} phải là thành viên của tổ."
    ]


def test_a_delegate_sits_in_one_group_of_a_session(sitting):
    make_group(sitting)
    twice = sitting.delegates[2]
    with pytest.raises(ValidationError) as exc:
        make_group(
            sitting,
            name="Tổ thảo luận số 2",
            members=[twice, *sitting.delegates[6:9]],
            chair=twice,
            secretary=sitting.delegates[6],
        )
    assert exc.value.message_dict["members"] == [
        f"Đại biểu đã thuộc tổ khác của kỳ họp này: {twice.full_name} (Tổ thảo luận số 1)."
    ]


def test_a_group_meets_within_the_session_days(sitting):
    with pytest.raises(ValidationError) as exc:
        make_group(sitting, held_on=OPENING + dt.timedelta(days=3))
    assert exc.value.message_dict["held_on"] == [
        "Ngày thảo luận tổ phải trong thời gian kỳ họp (20/12/2026)."
    ]


def opinion_values(group, **overrides):
    values = {
        "group": group,
        "speaker": group.members.order_by("id").first(),
        "content": "Đề nghị làm rõ nguồn kinh phí thực hiện.",
    }
    values.update(overrides)
    return values


def test_an_opinion_on_an_item_of_another_session_is_refused(sitting):
    group = make_group(sitting)
    other = AgendaItemFactory(session=SessionFactory(term=sitting.term, number=7))
    with pytest.raises(ValidationError) as exc:
        services.discussionopinion_save(
            access=clerk(group.council), values=opinion_values(group, agenda_item=other)
        )
    assert exc.value.message_dict["agenda_item"] == [
        "Nội dung chương trình không thuộc kỳ họp của tổ thảo luận."
    ]


def test_a_speaker_outside_the_group_is_refused(sitting):
    group = make_group(sitting)
    outsider = sitting.delegates[10]
    with pytest.raises(ValidationError) as exc:
        services.discussionopinion_save(
            access=clerk(group.council), values=opinion_values(group, speaker=outsider)
        )
    assert exc.value.message_dict["speaker"] == [
        f"Đại biểu {outsider.full_name} không phải thành viên của Tổ thảo luận số 1."
    ]


def test_how_an_opinion_is_taken_up_needs_its_answer(sitting):
    group = make_group(sitting)
    access = clerk(group.council)
    for uptake, field, message in [
        ("resolution", "resolution", "Hãy chọn nghị quyết đã tiếp thu ý kiến."),
        ("forwarded", "agency", "Hãy chọn cơ quan được chuyển ý kiến để trả lời."),
        ("explained", "answer", "Hãy nhập nội dung giải trình tại phiên họp."),
        ("not_taken", "answer", "Hãy nêu lý do không tiếp thu ý kiến."),
    ]:
        with pytest.raises(ValidationError) as exc:
            services.discussionopinion_save(
                access=access, values=opinion_values(group, uptake=uptake)
            )
        assert exc.value.message_dict[field] == [message]
    resolution = ResolutionFactory(session=sitting.session)
    opinion = services.discussionopinion_save(
        access=access, values=opinion_values(group, uptake="resolution", resolution=resolution)
    )
    assert opinion.uptake_label == f"Tiếp thu vào nghị quyết: {resolution}"
    foreign = ResolutionFactory(session=SessionFactory(term=sitting.term, number=7))
    with pytest.raises(ValidationError) as exc:
        services.discussionopinion_save(
            access=access,
            instance=opinion,
            values={"uptake": "resolution", "resolution": foreign},
        )
    assert exc.value.message_dict["resolution"] == [
        "Nghị quyết không thuộc kỳ họp của tổ thảo luận."
    ]


# -- social criticism and the vote ------------------------------------------------------------
def criticism_values(draft, **overrides):
    values = {
        "draft": draft,
        "reference": "15/BC-MTTQ",
        "dated_on": OPENING - dt.timedelta(days=10),
        "received_on": OPENING - dt.timedelta(days=9),
        "opinions": "Đề nghị lấy thêm ý kiến của Nhân dân chịu tác động trực tiếp.",
    }
    values.update(overrides)
    return values


def open_for_vote(sitting, *, required=True):
    draft = SessionDocumentFactory(session=sitting.session, criticism_required=required)
    resolution = ResolutionFactory(session=sitting.session, draft=draft)
    meeting_services.attendance_record(
        session=sitting.session,
        statuses={d.pk: Attendance.Status.PRESENT for d in sitting.delegates},
    )
    meeting_services.session_open(session=sitting.session)
    meeting_services.votes_all_present_for(resolution=resolution)
    return draft, resolution


def test_a_vote_on_a_draft_needing_criticism_cannot_close_without_it(sitting):
    draft, resolution = open_for_vote(sitting)
    with pytest.raises(ValidationError) as exc:
        meeting_services.vote_close(resolution=resolution)
    assert exc.value.messages == [
        f"Dự thảo “{draft.title}” cần phản biện xã hội của Ủy ban MTTQ xã nhưng chưa ghi "
        "nhận văn bản phản biện. Hãy ghi nhận văn bản phản biện xã hội trước khi kết thúc "
        "biểu quyết."
    ]
    assert not Resolution.objects.get(pk=resolution.pk).vote_closed
    services.socialcriticism_save(access=clerk(draft.council), values=criticism_values(draft))
    closed = meeting_services.vote_close(resolution=resolution)
    assert closed.passed is True


def test_a_draft_without_the_requirement_closes_as_before(sitting):
    _draft, resolution = open_for_vote(sitting, required=False)
    assert meeting_services.vote_close(resolution=resolution).vote_closed


def test_the_close_confirmation_warns_of_a_criticism_not_yet_explained(sitting, client):
    draft, resolution = open_for_vote(sitting)
    services.socialcriticism_save(access=clerk(draft.council), values=criticism_values(draft))
    client.force_login(sitting.staff)
    page = client.post(reverse("meetings-resolution-vote-action", args=[resolution.pk, "close"]))
    text = page.content.decode()
    assert "Cơ quan soạn thảo chưa báo cáo tiếp thu, giải trình" in text
    detail = client.get(resolution.get_absolute_url()).content.decode()
    assert 'id="criticism-unexplained"' in detail


def test_criticism_rules(sitting):
    draft = SessionDocumentFactory(session=sitting.session, criticism_required=True)
    access = clerk(draft.council)
    report = SessionDocumentFactory(session=sitting.session, kind="report")
    cases = [
        ({"report": report}, "draft", "Chỉ phản biện xã hội tài liệu loại dự thảo nghị quyết."),
        (
            {"received_on": OPENING - dt.timedelta(days=20)},
            "received_on",
            "Ngày nhận không được trước ngày văn bản phản biện.",
        ),
        (
            {"uptake": "full"},
            "explanation",
            "Hãy nhập nội dung tiếp thu, giải trình của cơ quan soạn thảo.",
        ),
    ]
    for overrides, field, message in cases:
        target = overrides.pop("report", draft)
        with pytest.raises(ValidationError) as exc:
            services.socialcriticism_save(
                access=access, values=criticism_values(target, **overrides)
            )
        assert exc.value.message_dict[field] == [message]
    services.socialcriticism_save(access=access, values=criticism_values(draft))
    with pytest.raises(ValidationError) as exc:
        services.socialcriticism_save(access=access, values=criticism_values(draft))
    assert "Dự thảo này đã có văn bản phản biện cùng số, ký hiệu." in exc.value.messages


def test_only_a_draft_resolution_can_need_criticism(sitting):
    doc = SessionDocumentFactory.build(
        session=sitting.session,
        council=sitting.session.council,
        kind="report",
        criticism_required=True,
    )
    with pytest.raises(ValidationError) as exc:
        doc.full_clean()
    assert exc.value.message_dict["criticism_required"] == [
        "Chỉ dự thảo nghị quyết mới cần phản biện xã hội."
    ]


# -- the page and the API refuse alike ---------------------------------------------------------
def test_page_and_api_refuse_a_member_not_in_office_alike(sitting, client, api):
    gone = sitting.delegates[4]
    gone.end_date = OPENING - dt.timedelta(days=1)
    gone.save()
    message = f"Đại biểu không đương nhiệm vào ngày 20/12/2026: {gone.full_name}."
    client.force_login(sitting.staff)
    members = [d.pk for d in sitting.delegates[:5]]
    page = client.post(
        reverse("meetings-discussiongroup-create"),
        {
            "session": sitting.session.pk,
            "name": "Tổ 1",
            "held_on": "20/12/2026",
            "members": members,
            "chair": members[0],
        },
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    response = api("staff").post(
        "/api/v1/discussion-groups/",
        {
            "session": sitting.session.pk,
            "name": "Tổ 1",
            "held_on": "2026-12-20",
            "members": members,
            "chair": members[0],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["members"] == [message]
    assert not DiscussionGroup.objects.exists()


def test_page_and_api_refuse_an_opinion_on_another_sessions_item_alike(sitting, client, api):
    group = make_group(sitting)
    other = AgendaItemFactory(session=SessionFactory(term=sitting.term, number=7))
    message = "Nội dung chương trình không thuộc kỳ họp của tổ thảo luận."
    client.force_login(sitting.staff)
    page = client.post(
        reverse("meetings-discussionopinion-create"),
        {
            "group": group.pk,
            "speaker": sitting.delegates[0].pk,
            "agenda_item": other.pk,
            "content": "Ý kiến",
            "uptake": "pending",
        },
    )
    assert message in page.content.decode()
    response = api("staff").post(
        "/api/v1/discussion-opinions/",
        {
            "group": group.pk,
            "speaker": sitting.delegates[0].pk,
            "agenda_item": other.pk,
            "content": "Ý kiến",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["agenda_item"] == [message]
    assert not DiscussionOpinion.objects.exists()


def test_the_api_records_a_criticism_with_the_pages_rules(sitting, api):
    draft = SessionDocumentFactory(session=sitting.session, criticism_required=True)
    client = api("staff")
    bad = client.post(
        "/api/v1/social-criticisms/",
        {
            "draft": draft.pk,
            "reference": "15/BC-MTTQ",
            "dated_on": "2026-12-10",
            "received_on": "2026-12-01",
            "opinions": "Đề nghị bổ sung lộ trình.",
        },
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["received_on"] == [
        "Ngày nhận không được trước ngày văn bản phản biện."
    ]
    good = client.post(
        "/api/v1/social-criticisms/",
        {
            "draft": draft.pk,
            "reference": "15/BC-MTTQ",
            "dated_on": "2026-12-10",
            "received_on": "2026-12-11",
            "opinions": "Đề nghị bổ sung lộ trình.",
        },
        format="json",
    )
    assert good.status_code == 201, good.content
    assert good.json()["state_label"] == "Đã nhận, chờ tiếp thu, giải trình"
    assert SocialCriticism.objects.get().draft == draft


# -- who may do what ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("staff", 200),
        ("standing", 200),
        ("admin", 200),
        ("committee", 403),
        ("delegate", 403),
        ("leadership", 403),
        ("city", 403),
        ("agency", 403),
    ],
)
def test_who_may_record_group_discussions_and_criticism(council, client, role, status):
    client.force_login(persona(role, council))
    for name in ("discussiongroup", "discussionopinion", "socialcriticism"):
        assert client.get(reverse(f"meetings-{name}-create")).status_code == status, name


@pytest.mark.parametrize("role", ["committee", "delegate", "leadership", "city"])
def test_council_readers_follow_the_groups_but_cannot_write_through_the_api(sitting, api, role):
    group = make_group(sitting)
    client = api(role)
    assert client.get(f"/api/v1/discussion-groups/{group.pk}/").status_code == 200
    response = client.post(
        "/api/v1/discussion-opinions/",
        {"group": group.pk, "speaker": sitting.delegates[0].pk, "content": "Ý kiến"},
        format="json",
    )
    assert response.status_code == 403


# -- pages -------------------------------------------------------------------------------------
def test_the_session_page_shows_groups_opinions_and_criticisms_in_constant_queries(sitting, client):
    client.force_login(sitting.staff)
    url = sitting.session.get_absolute_url()
    group = make_group(sitting)
    services.discussionopinion_save(access=clerk(group.council), values=opinion_values(group))
    draft = SessionDocumentFactory(session=sitting.session)
    services.socialcriticism_save(access=clerk(draft.council), values=criticism_values(draft))
    client.get(url)  # the first request warms the per-process caches
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    text = page.content.decode()
    assert "Tổ thảo luận số 1" in text
    assert "Đề nghị làm rõ nguồn kinh phí thực hiện." in text
    assert "Phản biện xã hội số 15/BC-MTTQ" in text
    for index in range(2, 5):
        members = [DelegateFactory(term=sitting.term) for _ in range(3)]
        g = make_group(
            sitting,
            name=f"Tổ thảo luận số {index}",
            members=members,
            chair=members[0],
            secretary=members[1],
        )
        services.discussionopinion_save(access=clerk(g.council), values=opinion_values(g))
        d = SessionDocumentFactory(session=sitting.session)
        services.socialcriticism_save(access=clerk(d.council), values=criticism_values(d))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_group_page_lists_its_opinions_with_their_uptake(sitting, client):
    group = make_group(sitting)
    services.discussionopinion_save(
        access=clerk(group.council),
        values=opinion_values(group, uptake="explained", answer="Đã giải trình tại phiên họp."),
    )
    client.force_login(persona("delegate", sitting.session.council))
    text = client.get(group.get_absolute_url()).content.decode()
    assert "Giải trình tại phiên họp" in text
    assert "Đã giải trình tại phiên họp." in text
    assert 'id="add-opinion"' not in text


def _rows(sitting, start, stop):
    for i in range(start, stop):
        members = [DelegateFactory(term=sitting.term) for _ in range(3)]
        group = make_group(
            sitting,
            name=f"Tổ {i}",
            members=members,
            chair=members[0],
            secretary=members[1],
        )
        services.discussionopinion_save(access=clerk(group.council), values=opinion_values(group))
        draft = SessionDocumentFactory(session=sitting.session)
        services.socialcriticism_save(access=clerk(draft.council), values=criticism_values(draft))


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize("name", ["discussiongroup", "discussionopinion", "socialcriticism"])
def test_the_lists_do_not_grow_with_their_rows(sitting, client, settings, name, params):
    settings.PAGE_SIZE = 100
    client.force_login(sitting.staff)
    url = reverse(f"meetings-{name}-list")
    _rows(sitting, 0, 2)
    client.get(url, params)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, params).status_code == 200
    _rows(sitting, 2, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, params).status_code == 200
    assert len(many) == len(few), [q["sql"][:200] for q in many.captured_queries]
