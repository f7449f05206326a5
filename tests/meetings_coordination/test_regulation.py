"""The coordination regulation (quy chế phối hợp): its rules, the command through the page and
the API (same refusals), the joint meetings linked to the regulation in force on their date,
the yearly review's follow-up item, pages per role."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from hdnd_portal.followups.models import FollowUp
from meetings.coordination.services import COORDINATION_REVIEW
from meetings.models import CoordinationRegulation, CoordinationReview, JointMeeting
from tests.factories import CoordinationRegulationFactory, CoordinationReviewFactory
from tests.meetings_prep.factories import JointMeetingFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def form_values(term, ubnd, mttq, **overrides):
    values = {
        "term": term.pk,
        "number": "01/QCPH-TTHĐND-UBND-MTTQ",
        "title": "Quy chế phối hợp công tác nhiệm kỳ 2026-2031",
        "signed_on": "08/04/2026",
        "form": "joint_signed",
        "parties": [ubnd.pk, mttq.pk],
        "signers": "Chủ tịch HĐND xã\nChủ tịch UBND xã\nChủ tịch Ủy ban MTTQ xã",
        "start_date": "08/04/2026",
        "end_date": "",
        "content": "Phối hợp chuẩn bị kỳ họp, giám sát, tiếp xúc cử tri",
    }
    values.update(overrides)
    return values


@time_machine.travel(TODAY, tick=False)
def test_the_office_records_a_regulation_and_its_joint_meetings_follow_it(
    staff_client, council, term, ubnd, mttq, session
):
    before = JointMeetingFactory(council=council, session=session, held_on=dt.date(2026, 4, 1))
    under = JointMeetingFactory(council=council, session=session, held_on=dt.date(2026, 6, 30))
    response = staff_client.post(
        reverse("meetings-coordinationregulation-create"), form_values(term, ubnd, mttq)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    regulation = CoordinationRegulation.objects.get()
    assert set(regulation.parties.all()) == {ubnd, mttq}
    before.refresh_from_db()
    under.refresh_from_db()
    assert before.regulation is None
    assert under.regulation == regulation
    page = staff_client.get(regulation.get_absolute_url()).content.decode()
    assert "Thường trực HĐND, UBND, MTTQ" in page
    assert under.get_absolute_url() in page
    assert before.get_absolute_url() not in page
    # The joint meeting's page names the regulation; the one before it warns.
    assert (
        regulation.get_absolute_url() in staff_client.get(under.get_absolute_url()).content.decode()
    )
    warned = staff_client.get(before.get_absolute_url()).content.decode()
    assert "không thuộc thời gian hiệu lực của quy chế phối hợp nào" in warned
    # The yearly review is followed up, due on 31 December.
    item = FollowUp.objects.get(kind=COORDINATION_REVIEW)
    assert item.due_date == dt.date(2026, 12, 31)
    assert item.source == regulation
    # A change of the validity relinks: ending it in May leaves the June meeting without one.
    response = staff_client.post(
        reverse("meetings-coordinationregulation-update", args=[regulation.pk]),
        form_values(term, ubnd, mttq, end_date="31/05/2026"),
    )
    assert response.status_code == 302
    under.refresh_from_db()
    assert under.regulation is None
    history = staff_client.get(
        reverse("meetings-coordinationregulation-history", args=[regulation.pk])
    )
    assert history.status_code == 200


@time_machine.travel(TODAY, tick=False)
def test_a_joint_meeting_saved_is_linked_to_the_regulation_in_force(staff_client, council, session):
    regulation = CoordinationRegulationFactory(
        council=council, signed_on=dt.date(2026, 4, 8), end_date=None
    )
    response = staff_client.post(
        reverse("meetings-jointmeeting-create"),
        {"session": session.pk, "held_on": "30/06/2026", "content": "Thống nhất chương trình"},
    )
    assert response.status_code == 302
    assert JointMeeting.objects.get().regulation == regulation


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "01/04/2026"}, "end_date", "Ngày hết hiệu lực phải sau ngày bắt đầu"),
        ({"start_date": "01/04/2026"}, "start_date", "không thể có hiệu lực trước ngày ký"),
        ({"signed_on": "01/03/2026", "start_date": "01/03/2026"}, "signed_on", "trong nhiệm kỳ"),
        ({"content": ""}, "content", ""),
    ],
)
def test_the_page_refuses_a_wrong_regulation(
    staff_client, term, ubnd, mttq, overrides, field, message
):
    response = staff_client.post(
        reverse("meetings-coordinationregulation-create"),
        form_values(term, ubnd, mttq, **overrides),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert not CoordinationRegulation.objects.exists()


def test_two_regulations_in_force_together_are_refused_by_page_and_api(
    staff_client, api, council, term, ubnd, mttq
):
    old = CoordinationRegulationFactory(
        council=council, term=term, signed_on=dt.date(2026, 3, 20), end_date=None
    )
    response = staff_client.post(
        reverse("meetings-coordinationregulation-create"),
        form_values(term, ubnd, mttq),
    )
    assert response.status_code == 200
    assert "Thời gian hiệu lực trùng với" in " ".join(response.context["form"].errors["start_date"])
    refused = api("staff").post(
        "/api/v1/coordination-regulations/",
        {
            "term": term.pk,
            "number": "02/QCPH",
            "signed_on": "2026-04-08",
            "start_date": "2026-04-08",
            "content": "Nội dung",
        },
        format="json",
    )
    assert refused.status_code == 400
    assert "Thời gian hiệu lực trùng với" in str(refused.json()["error"]["fields"]["start_date"])
    # Once the old one ends the day before, the new one is accepted (the same command).
    old.end_date = dt.date(2026, 4, 7)
    old.save()
    accepted = api("standing").post(
        "/api/v1/coordination-regulations/",
        {
            "term": term.pk,
            "number": "02/QCPH",
            "signed_on": "2026-04-08",
            "start_date": "2026-04-08",
            "parties": [ubnd.pk, mttq.pk],
            "content": "Nội dung",
        },
        format="json",
    )
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["in_force"] in (True, False)
    assert sorted(accepted.json()["parties"]) == sorted([ubnd.pk, mttq.pk])


def test_the_api_refuses_an_end_before_the_start(api, term):
    response = api("staff").post(
        "/api/v1/coordination-regulations/",
        {
            "term": term.pk,
            "number": "03/QCPH",
            "signed_on": "2026-04-08",
            "start_date": "2026-04-08",
            "end_date": "2026-04-01",
            "content": "Nội dung",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu" in str(
        response.json()["error"]["fields"]["end_date"]
    )


def test_a_joint_meeting_through_the_api_is_linked_and_shows_its_regulation(api, council, session):
    regulation = CoordinationRegulationFactory(
        council=council, signed_on=dt.date(2026, 4, 8), end_date=None
    )
    response = api("staff").post(
        "/api/v1/joint-meetings/",
        {"session": session.pk, "held_on": "2026-06-30", "content": "Họp liên tịch"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["regulation"] == regulation.pk
    # Never chosen by hand.
    other = CoordinationRegulationFactory(council=council)
    meeting = JointMeeting.objects.get()
    api("staff").patch(
        f"/api/v1/joint-meetings/{meeting.pk}/", {"regulation": other.pk}, format="json"
    )
    meeting.refresh_from_db()
    assert meeting.regulation == regulation


@time_machine.travel(TODAY, tick=False)
def test_a_review_fulfils_the_years_item_and_opens_the_next(
    staff_client, council, term, ubnd, mttq
):
    staff_client.post(
        reverse("meetings-coordinationregulation-create"), form_values(term, ubnd, mttq)
    )
    regulation = CoordinationRegulation.objects.get()
    create = reverse("meetings-coordinationreview-create")
    page = staff_client.get(create, {"regulation": regulation.pk}).content.decode()
    assert f'<option value="{regulation.pk}" selected>' in page
    response = staff_client.post(
        create,
        {
            "regulation": regulation.pk,
            "kind": "yearly",
            "year": 2026,
            "held_on": "28/12/2026",
            "findings": "Tổ chức 02 cuộc họp liên tịch, phối hợp tiếp xúc cử tri",
            "amendments": "Bổ sung phối hợp phản biện xã hội",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    items = FollowUp.objects.filter(kind=COORDINATION_REVIEW).order_by("due_date")
    assert [(i.due_date.year, i.state) for i in items] == [(2026, "done"), (2027, "open")]
    page = staff_client.get(regulation.get_absolute_url()).content.decode()
    assert "Bổ sung phối hợp phản biện xã hội" in page
    # The same year's review twice is refused, by page and API alike.
    again = staff_client.post(
        create,
        {
            "regulation": regulation.pk,
            "kind": "yearly",
            "year": 2026,
            "held_on": "29/12/2026",
            "findings": "Lần hai",
        },
    )
    assert again.status_code == 200
    assert "đã có một đánh giá cùng hình thức trong năm" in again.content.decode()


def test_a_review_before_the_signing_is_refused(api, council):
    regulation = CoordinationRegulationFactory(council=council, signed_on=dt.date(2026, 4, 8))
    response = api("staff").post(
        "/api/v1/coordination-reviews/",
        {
            "regulation": regulation.pk,
            "kind": "yearly",
            "year": 2026,
            "held_on": "2026-03-01",
            "findings": "Sớm",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "không được trước ngày ký quy chế" in str(response.json()["error"]["fields"]["held_on"])
    assert not CoordinationReview.objects.exists()


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("staff", 200, 200),
        ("standing", 200, 200),
        ("admin", 200, 200),
        ("committee", 200, 403),
        ("delegate", 200, 403),
        ("leadership", 200, 403),
        ("city", 200, 403),
        ("agency", 403, 403),
    ],
)
def test_pages_and_api_per_role(client, api, make_persona, council, role, read, write):
    review = CoordinationReviewFactory(council=council)
    regulation = review.regulation
    client.force_login(make_persona(role))
    for name, obj in (("coordinationregulation", regulation), ("coordinationreview", review)):
        assert client.get(reverse(f"meetings-{name}-list")).status_code == read
        assert client.get(obj.get_absolute_url()).status_code == read
        assert client.get(reverse(f"meetings-{name}-create")).status_code == write
        assert client.get(reverse(f"meetings-{name}-update", args=[obj.pk])).status_code == write
    listed = api(role).get("/api/v1/coordination-regulations/")
    assert listed.status_code == read
    posted = api(role).post("/api/v1/coordination-reviews/", {}, format="json")
    assert posted.status_code == (400 if write == 200 else 403)


def test_another_councils_regulation_is_not_found(staff_client, other_council):
    theirs = CoordinationRegulationFactory(council=other_council, number="99/QCPH-KHAC")
    assert staff_client.get(theirs.get_absolute_url()).status_code == 404
    page = staff_client.get(reverse("meetings-coordinationregulation-list")).content.decode()
    assert "99/QCPH-KHAC" not in page


def test_the_list_filters_searches_and_exports(staff_client, council):
    CoordinationRegulationFactory(
        council=council, number="01/QCPH-CU", content="Phối hợp tiếp xúc cử tri"
    )
    current = CoordinationRegulationFactory(
        council=council, number="02/QCPH-MOI", content="Phối hợp giám sát"
    )
    url = reverse("meetings-coordinationregulation-list")
    found = staff_client.get(url, {"q": "tiep xuc cu tri"}).content.decode()
    assert "01/QCPH-CU" in found and "02/QCPH-MOI" not in found
    on_day = staff_client.get(url, {"in_force_on": current.start_date.strftime("%d/%m/%Y")})
    text = on_day.content.decode()
    assert "02/QCPH-MOI" in text and "01/QCPH-CU" not in text
    export = staff_client.get(url, {"format": "xlsx"})
    assert export.status_code == 200
    assert "spreadsheet" in export["Content-Type"]


def test_the_menu_shows_the_regulation_to_its_readers(client, make_persona):
    client.force_login(make_persona("delegate"))
    page = client.get(reverse("home")).content.decode()
    assert reverse("meetings-coordinationregulation-list") in page
    client.force_login(make_persona("agency", username="ubnd-x"))
    page = client.get(reverse("home")).content.decode()
    assert reverse("meetings-coordinationregulation-list") not in page


def test_the_search_finds_a_regulation_without_diacritics(staff_client, council):
    CoordinationRegulationFactory(council=council, number="07/QCPH", content="Phản biện xã hội")
    page = staff_client.get(reverse("core-search"), {"q": "phan bien xa hoi"}).content.decode()
    assert "Quy chế phối hợp số 07/QCPH" in page


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize("name", ["coordinationregulation", "coordinationreview"])
def test_lists_do_not_grow_with_their_rows(
    staff_client, council, session, settings, django_assert_max_num_queries, name, params
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_SIZE = 100

    def rows(count):
        for _ in range(count):
            review = CoordinationReviewFactory(council=council)
            review.regulation.parties.add(*[a for a in council_agencies(council)])
            JointMeetingFactory(council=council, session=session, regulation=review.regulation)

    def ask():
        with CaptureQueriesContext(connection) as ctx:
            response = staff_client.get(reverse(f"meetings-{name}-list"), params)
        assert response.status_code == 200
        return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]

    rows(3)
    ask()  # warm-up
    few, _sql = ask()
    rows(12)
    many, sql = ask()
    assert many == few, "\n".join(sql)


def council_agencies(council):
    from tests.factories import AgencyFactory

    return [AgencyFactory(council=council), AgencyFactory(council=council)]
