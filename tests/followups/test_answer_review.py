"""An answer is reviewed by the Standing Committee: accepted (done) or sent back (open again)."""

import datetime as dt

import pytest
from django.core import mail
from rest_framework.test import APIClient

from hdnd_portal.followups.models import Answer, FollowUp, InvalidTransition
from hdnd_portal.followups.reminders import run_reminders
from hdnd_portal.followups.services import followup_accept, followup_answer, followup_send_back
from tests.factories import AgencyFactory
from tests.followups.support import TODAY, item, travel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def answered(council):
    followup = item(council, due=3, title="Sửa đèn đường thôn Đông")
    return followup_answer(followup=followup, by_user=None, answer="Đã thay 12 bóng đèn")


def test_it_accepts_an_answer_and_the_item_is_done(answered, make_persona):
    chair = make_persona("standing")
    done = followup_accept(followup=answered, by_user=chair, note="Đạt yêu cầu")
    assert done.state == FollowUp.State.DONE
    assert done.get_state_display() == "Đã hoàn thành"
    review = done.answers.get()
    assert (review.review, review.review_note, review.reviewed_by) == (
        "accepted",
        "Đạt yêu cầu",
        chair,
    )
    with pytest.raises(InvalidTransition, match="Không thể xác nhận hoàn thành"):
        followup_accept(followup=done, by_user=chair)


def test_sending_back_opens_the_item_again_and_keeps_the_answer(answered, make_persona):
    chair = make_persona("standing")
    back = followup_send_back(
        followup=answered,
        by_user=chair,
        reason="Còn 3 bóng chưa thay",
        new_due_date=TODAY + dt.timedelta(days=10),
    )
    assert back.state == FollowUp.State.EXTENDED
    assert back.due_date == TODAY + dt.timedelta(days=10) and back.answer == ""
    old = back.answers.get()
    assert (old.text, old.review, old.review_note) == (
        "Đã thay 12 bóng đèn",
        "sent_back",
        "Còn 3 bóng chưa thay",
    )
    # The agency answers again; the second answer is the one reviewed next.
    again = followup_answer(followup=back, by_user=None, answer="Đã thay đủ 15 bóng")
    followup_accept(followup=again, by_user=chair)
    assert list(Answer.objects.values_list("review", flat=True)) == ["sent_back", "accepted"]


def test_sending_back_needs_a_reason(answered, make_persona):
    with pytest.raises(Exception, match="Cần nêu lý do trả lại"):
        followup_send_back(followup=answered, by_user=make_persona("standing"), reason=" ")
    answered.refresh_from_db()
    assert answered.state == FollowUp.State.ANSWERED


def test_an_answered_item_is_not_reminded_nor_overdue(council, make_persona):
    agency = AgencyFactory(council=council, email="ubnd@phucloc.vn")
    followup = item(council, due=-1, agency=agency)  # overdue by one day: a reminder stage
    followup_answer(followup=followup, by_user=None, answer="Đã xử lý")
    followup.refresh_from_db()
    assert not followup.is_overdue()
    assert run_reminders(today=TODAY)["reminders"] == 0
    assert mail.outbox == []


def test_the_item_page_shows_the_review_buttons_to_managers_only(client, make_persona, answered):
    client.force_login(make_persona("standing"))
    page = client.get(f"/followups/{answered.pk}/").content.decode()
    assert "Xác nhận hoàn thành" in page and "Trả lại</a>" in page
    assert "Chờ Thường trực HĐND xem xét" in page
    client.force_login(make_persona("leadership"))
    page = client.get(f"/followups/{answered.pk}/").content.decode()
    assert "Xác nhận hoàn thành" not in page
    assert client.post(f"/followups/{answered.pk}/accept/").status_code == 403


def test_the_standing_committee_accepts_on_the_page(client, make_persona, answered):
    client.force_login(make_persona("standing"))
    response = client.post(f"/followups/{answered.pk}/accept/", follow=True)
    assert "Đã xác nhận hoàn thành." in response.content.decode()
    answered.refresh_from_db()
    assert answered.state == FollowUp.State.DONE


def test_the_standing_committee_sends_back_on_the_page(client, make_persona, answered):
    client.force_login(make_persona("standing"))
    form = client.get(f"/followups/{answered.pk}/send-back/")
    assert "Lý do trả lại" in form.content.decode()
    empty = client.post(f"/followups/{answered.pk}/send-back/", {"reason": ""})
    assert empty.status_code == 200
    response = client.post(
        f"/followups/{answered.pk}/send-back/", {"reason": "Chưa đủ", "new_due_date": ""}
    )
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.state == FollowUp.State.OPEN
    page = client.get(f"/followups/{answered.pk}/").content.decode()
    assert "Trả lại, yêu cầu trả lời tiếp" in page and "Chưa đủ" in page


def test_the_inbox_filters_items_waiting_for_review(staff_client, answered, council):
    item(council, due=5, title="Việc còn mở")
    response = staff_client.get("/followups/", {"status": "answered"})
    assert [f.title for f in response.context["page"].object_list] == ["Sửa đèn đường thôn Đông"]
    assert "Chờ xem xét" in response.content.decode()
    default = staff_client.get("/followups/")
    assert [f.title for f in default.context["page"].object_list] == ["Việc còn mở"]


def test_the_api_accepts_and_sends_back(make_persona, council):
    client = APIClient()
    client.force_authenticate(make_persona("standing"))
    first = followup_answer(followup=item(council, due=3), by_user=None, answer="Xong")
    second = followup_answer(followup=item(council, due=3), by_user=None, answer="Xong")
    ok = client.post(f"/api/v1/followups/{first.pk}/accept/", {"note": "Đạt"}, format="json")
    assert ok.status_code == 200 and ok.json()["state"] == "done"
    back = client.post(
        f"/api/v1/followups/{second.pk}/send-back/",
        {"reason": "Chưa đủ", "new_due_date": "2026-12-20"},
        format="json",
    )
    assert back.status_code == 200, back.json()
    assert (back.json()["state"], back.json()["due_date"]) == ("extended", "2026-12-20")
    twice = client.post(f"/api/v1/followups/{first.pk}/accept/", {}, format="json")
    assert twice.status_code == 400 and "state" in twice.json()["error"]["fields"]
    bad_date = client.post(
        f"/api/v1/followups/{first.pk}/send-back/",
        {"reason": "x", "new_due_date": "9999-12-31"},
        format="json",
    )
    assert bad_date.status_code == 400
    assert "1945" in bad_date.json()["error"]["fields"]["new_due_date"][0]


def test_an_agency_cannot_accept_its_own_answer_through_the_api(make_persona, council):
    user = make_persona("agency")
    own = item(council, due=3, agency=user.council_roles.get().agency)
    followup_answer(followup=own, by_user=user, answer="Xong")
    client = APIClient()
    client.force_authenticate(user)
    assert client.post(f"/api/v1/followups/{own.pk}/accept/", {}).status_code == 403
    assert client.post(f"/api/v1/followups/{own.pk}/send-back/", {"reason": "x"}).status_code == 403


def test_a_second_answer_while_one_waits_for_review_is_refused_in_plain_words(answered):
    with pytest.raises(InvalidTransition) as refused:
        followup_answer(followup=answered, by_user=None, answer="Bổ sung: đã thay thêm 2 bóng")

    assert refused.value.message == (
        "Không thể trả lời thêm: trả lời trước đang chờ Thường trực HĐND xem xét. "
        "Nếu cần bổ sung, đề nghị Thường trực trả lại việc này."
    )


def test_the_inbox_counts_the_answers_waiting_for_review(staff_client, answered, council):
    item(council, due=5, title="Việc còn mở")

    response = staff_client.get("/followups/")

    assert response.context["counts"]["answered"] == 1
    assert response.context["counts"]["open"] == 1
    body = response.content.decode()
    assert 'data-count="answered">1<' in body
    assert 'href="?status=answered"' in body
