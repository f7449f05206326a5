"""Issue 19: each of a letter's clocks starts on its own day.

- the HĐND's own duty to forward or guide (Văn phòng "chuyển/xử lý đơn"): from the day the HĐND
  received the letter, 5 working days for a denunciation (Luật Tố cáo Điều 24), done when it is
  forwarded or the citizen guided;
- the competent body's acceptance (thụ lý): from the day that body received the letter — the
  forwarding day until its own receipt is recorded, which moves the due date (history kept);
- the resolution: from the acceptance date; a complaint is followed to its decision;
- a complaint goes only to a body competent to decide it;
- a reception whose outcome is "chuyển đơn" is the Office's item at once.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd_portal.followups.selectors import State, followups_of
from petitions import services
from petitions.models import Kind, Letter, Reception
from tests.factories import AgencyFactory, DelegateFactory, TermFactory, persona
from tests.petitions.conftest import new_letter

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 11, 16, 9, 0)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _handling(source):
    return followups_of(source, kinds=[services.LETTER_HANDLING]).get()


def _body_items(letter):
    return list(followups_of(letter, kinds=[services.LETTER_FOLLOWUP]).order_by("id"))


# -- the Office's own duty ------------------------------------------------------------------


def test_a_denunciation_opens_the_offices_5_working_day_item_over_the_national_day_holiday(
    council, handler, rules
):
    # Friday 28/08/2026: the weekend, 31/08 and National Day (1-2/09) are not working days.
    letter = new_letter(council, handler, kind=Kind.DENUNCIATION, received_on=dt.date(2026, 8, 28))

    item = _handling(letter)
    assert item.started_on == dt.date(2026, 8, 28)
    assert item.due_date == dt.date(2026, 9, 9)
    assert item.rule.code == "denunciation.forward"
    assert item.rule.article == "Điều 24, khoản 2, 3"
    assert item.assignee == handler
    assert item.agency is None
    assert "Lê" not in item.title and "Hùng" not in item.title  # never the sender


def test_a_petition_gives_the_office_10_working_days_from_the_day_received(council, handler, rules):
    letter = new_letter(council, handler, kind=Kind.PETITION, received_on=dt.date(2026, 8, 28))

    item = _handling(letter)
    assert item.rule.code == "reception.reply"
    assert item.due_date == dt.date(2026, 9, 16)


def test_forwarding_fulfils_the_offices_item_and_guiding_does_too(council, handler, agency, rules):
    forwarded = new_letter(council, handler, received_on=dt.date(2026, 11, 2))
    guided = new_letter(
        council,
        handler,
        received_on=dt.date(2026, 11, 3),
        sender_name="Trần Thị Lan",
        sender_id_number="001186099999",
        subject="Hỏi thủ tục cấp giấy chứng nhận",
    )

    services.letter_forward(
        letter=forwarded, agency=agency, by_user=handler, on=dt.date(2026, 11, 4)
    )
    services.letter_guide(letter=guided, guidance="Gửi đơn đến Tòa án.", by_user=handler)

    done = _handling(forwarded)
    assert done.state == State.DONE
    assert "ngày 04/11/2026" in done.answer
    assert _handling(guided).state == State.DONE


# -- the competent body: acceptance from its receipt --------------------------------------


def test_a_complaints_acceptance_runs_from_the_forwarding_day_not_the_day_received(
    council, handler, agency, rules
):
    letter = new_letter(council, handler, kind=Kind.COMPLAINT, received_on=dt.date(2026, 6, 22))

    (item,) = services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 6, 26)
    )

    assert item.started_on == dt.date(2026, 6, 26)
    assert item.due_date == dt.date(2026, 7, 10)  # 10 working days from Friday 26/06
    letter.refresh_from_db()
    assert letter.body_received_on == dt.date(2026, 6, 26)


def test_the_bodys_recorded_receipt_moves_the_due_date_and_keeps_the_history(
    council, handler, agency, rules
):
    letter = new_letter(council, handler, kind=Kind.COMPLAINT, received_on=dt.date(2026, 6, 22))
    (item,) = services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 6, 26)
    )

    services.letter_body_receipt(letter=letter, received_on=dt.date(2026, 6, 29), by_user=handler)

    item.refresh_from_db()
    assert item.started_on == dt.date(2026, 6, 29)
    assert item.due_date == dt.date(2026, 7, 13)
    assert item.state == State.OPEN  # not an extension
    reasons = list(item.history.values_list("history_change_reason", flat=True))
    assert any("trước: từ 26/06/2026, hạn 10/07/2026" in (r or "") for r in reasons)


def test_a_receipt_after_1_july_2026_counts_by_decree_155(council, handler, agency, rules):
    letter = new_letter(council, handler, kind=Kind.COMPLAINT, received_on=dt.date(2026, 6, 22))
    (item,) = services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 6, 30)
    )
    assert item.rule.article == "Điều 27"

    services.letter_body_receipt(letter=letter, received_on=dt.date(2026, 7, 2), by_user=handler)

    item.refresh_from_db()
    assert item.rule.article == "Điều 10"  # 7 working days
    assert item.due_date == dt.date(2026, 7, 13)


def test_a_receipt_before_the_forwarding_day_is_refused(council, handler, agency, rules):
    letter = new_letter(council, handler, kind=Kind.COMPLAINT, received_on=dt.date(2026, 11, 2))
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 11, 5))

    with pytest.raises(ValidationError) as exc:
        services.letter_body_receipt(
            letter=letter, received_on=dt.date(2026, 11, 4), by_user=handler
        )

    assert "không được trước ngày 05/11/2026" in str(exc.value.message_dict["body_received_on"])


# -- resolution from acceptance; a complaint followed to its decision ----------------------


def test_a_denunciations_resolution_runs_from_the_acceptance_decision(
    council, handler, agency, rules
):
    letter = new_letter(council, handler, kind=Kind.DENUNCIATION, received_on=dt.date(2026, 10, 1))
    (accept,) = services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 10, 5)
    )
    assert accept.rule.code == "denunciation.classify"
    assert accept.due_date == dt.date(2026, 10, 14)  # 7 working days from Monday 05/10

    (resolve,) = services.letter_record_acceptance(
        letter=letter, accepted_on=dt.date(2026, 10, 12), document="15/QĐ-UBND", by_user=handler
    )

    accept.refresh_from_db()
    assert accept.state == State.DONE
    assert resolve.rule.code == "denunciation.resolve"
    assert resolve.started_on == dt.date(2026, 10, 12)
    assert resolve.due_date == dt.date(2026, 11, 11)  # 30 days from the acceptance
    assert services.letter_main_followup(letter) == resolve  # extensions go to this one


def test_a_denunciation_is_not_extended_before_its_acceptance(council, handler, agency, rules):
    letter = new_letter(
        council,
        handler,
        kind=Kind.DENUNCIATION,
        complexity=Letter.Complexity.COMPLEX,
        received_on=dt.date(2026, 10, 1),
    )
    (accept,) = services.letter_forward(
        letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 10, 5)
    )

    with pytest.raises(ValidationError, match="chưa được thụ lý"):
        services.letter_extend(
            letter=letter,
            new_due_date=accept.due_date + dt.timedelta(days=10),
            reason="Phức tạp",
            document="1/QĐ",
            by_user=handler,
        )


def test_a_complaint_is_followed_from_acceptance_to_its_decision(council, handler, agency, rules):
    letter = new_letter(council, handler, kind=Kind.COMPLAINT, received_on=dt.date(2026, 9, 7))
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 9, 8))
    (resolve,) = services.letter_record_acceptance(
        letter=letter, accepted_on=dt.date(2026, 9, 15), document="20/TB-UBND", by_user=handler
    )
    assert resolve.rule.code == "complaint.resolve"
    assert resolve.due_date == dt.date(2026, 10, 15)  # 30 days from the acceptance

    with pytest.raises(ValidationError) as exc:
        services.letter_record_result(letter=letter, result="Đã giải quyết", by_user=handler)
    assert "số quyết định giải quyết" in str(exc.value.message_dict["decision_document"])

    services.letter_record_result(
        letter=letter,
        result="Giữ nguyên quyết định thu hồi đất",
        decision_document="35/QĐ-UBND",
        decided_on=dt.date(2026, 10, 9),
        by_user=handler,
    )

    letter.refresh_from_db()
    resolve.refresh_from_db()
    assert letter.state == Letter.State.RESOLVED
    assert (letter.decision_document, letter.decided_on) == ("35/QĐ-UBND", dt.date(2026, 10, 9))
    assert resolve.state == State.DONE
    assert "35/QĐ-UBND ngày 09/10/2026" in resolve.answer


def test_a_petition_has_no_acceptance_step(council, handler, agency, rules):
    letter = new_letter(council, handler, received_on=dt.date(2026, 11, 2))
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 11, 3))

    with pytest.raises(ValidationError):
        services.letter_record_acceptance(
            letter=letter, accepted_on=dt.date(2026, 11, 4), document="1/TB", by_user=handler
        )


# -- only a competent body receives a complaint ---------------------------------------------


def test_a_complaint_is_not_forwarded_to_a_ubnd_department(client, council, handler, rules):
    department = AgencyFactory(council=council, name="Phòng Kinh tế")  # a unit of the UBND
    letter = new_letter(council, handler, kind=Kind.COMPLAINT, received_on=dt.date(2026, 11, 2))

    with pytest.raises(ValidationError) as exc:
        services.letter_forward(letter=letter, agency=department, by_user=handler)
    assert "không có thẩm quyền giải quyết khiếu nại" in str(exc.value.message_dict["agency"])

    client.force_login(handler)
    page = client.post(
        reverse("petitions-letter-forward", args=[letter.pk]),
        {"agency": department.pk, "forwarded_on": "03/11/2026", "document": ""},
    )
    assert "không có thẩm quyền giải quyết khiếu nại" in page.content.decode()
    letter.refresh_from_db()
    assert letter.state == Letter.State.RECEIVED
    assert not _body_items(letter)


def test_a_petition_may_still_go_to_a_department(council, handler, rules):
    department = AgencyFactory(council=council, name="Phòng Kinh tế")
    letter = new_letter(council, handler, received_on=dt.date(2026, 11, 2))

    services.letter_forward(letter=letter, agency=department, by_user=handler)

    letter.refresh_from_db()
    assert letter.agency == department


# -- the page and the API reach the same clocks ---------------------------------------------


def test_the_page_and_the_api_record_receipt_and_acceptance_alike(
    client, api, council, handler, agency, rules
):
    on_page, on_api = (
        new_letter(
            council,
            handler,
            kind=Kind.COMPLAINT,
            received_on=dt.date(2026, 9, 1),
            sender_name=name,
            sender_id_number=number,
            subject=subject,
        )
        for name, number, subject in (
            ("Nguyễn Văn Hùng", "001086012323", "Khiếu nại thu hồi đất"),
            ("Trần Thị Lan", "001186099999", "Khiếu nại mức bồi thường"),
        )
    )
    for letter in (on_page, on_api):
        services.letter_forward(
            letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 9, 4)
        )

    client.force_login(handler)
    client.post(
        reverse("petitions-letter-receipt", args=[on_page.pk]), {"body_received_on": "07/09/2026"}
    )
    client.post(
        reverse("petitions-letter-accept", args=[on_page.pk]),
        {"accepted_on": "14/09/2026", "acceptance_document": "3/TB-UBND"},
    )
    staff = api("staff")
    receipt = staff.post(
        f"/api/v1/letters/{on_api.pk}/receipt/", {"body_received_on": "2026-09-07"}, format="json"
    )
    acceptance = staff.post(
        f"/api/v1/letters/{on_api.pk}/acceptance/",
        {"accepted_on": "2026-09-14", "acceptance_document": "3/TB-UBND"},
        format="json",
    )

    assert receipt.status_code == 200 and acceptance.status_code == 200
    assert acceptance.json()["accepted_on"] == "2026-09-14"
    dates = [
        [(i.started_on, i.due_date, i.state) for i in _body_items(x)] for x in (on_page, on_api)
    ]
    assert (
        dates[0]
        == dates[1]
        == [
            (dt.date(2026, 9, 7), dt.date(2026, 9, 16), State.DONE),  # 7 WD (Decree 155) from 07/09
            (dt.date(2026, 9, 14), dt.date(2026, 10, 14), State.OPEN),  # 30 days from acceptance
        ]
    )


def test_the_api_refuses_an_acceptance_before_the_bodys_receipt(
    api, council, handler, agency, rules
):
    letter = new_letter(council, handler, kind=Kind.COMPLAINT, received_on=dt.date(2026, 9, 1))
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 9, 4))

    response = api("staff").post(
        f"/api/v1/letters/{letter.pk}/acceptance/",
        {"accepted_on": "2026-09-03", "acceptance_document": "3/TB-UBND"},
        format="json",
    )

    assert response.status_code == 400
    assert "không được trước ngày 04/09/2026" in str(response.json())


# -- a delegate's reception forwarding the letter ------------------------------------------


def _reception(council, delegate_user, **fields):
    values = {
        "received_on": dt.date(2026, 11, 10),
        "place": "Nhà văn hóa thôn Hạ",
        "citizen_name": "Phạm Văn Long",
        "citizen_address": "Thôn Hạ",
        "kind": Kind.PETITION,
        "content": "Kiến nghị nạo vét kênh mương",
        "outcome": Reception.Outcome.FORWARDED,
    }
    values.update(fields)
    reception = Reception(council=council, **values)
    services.reception_record(reception=reception, by_user=delegate_user)
    return reception


def test_a_delegates_reception_forwarding_the_letter_is_the_offices_item_at_once(
    council, handler, rules
):
    delegate_user = persona("delegate", council)

    reception = _reception(council, delegate_user)

    item = _handling(reception)
    assert item.assignee == handler  # the Office, not the delegate who received the citizen
    assert item.started_on == dt.date(2026, 11, 10)
    # 10 working days (Tiếp công dân Điều 28); 24/11 is a holiday (Ngày Văn hóa Việt Nam).
    assert item.due_date == dt.date(2026, 11, 25)

    reception.forward_document = "9/PC-HĐND"
    services.reception_record(reception=reception, by_user=handler, receivers=None)

    assert _handling(reception).state == State.DONE


def test_a_reception_with_its_letter_opens_one_item_on_the_letter(council, handler, rules):
    delegate = DelegateFactory(term=TermFactory(council=council))
    reception = Reception(
        council=council,
        received_on=dt.date(2026, 11, 10),
        place="Trụ sở HĐND và UBND xã",
        citizen_name="Phạm Văn Long",
        kind=Kind.PETITION,
        content="Kiến nghị nạo vét kênh mương",
        outcome=Reception.Outcome.FORWARDED,
    )
    services.reception_record(
        reception=reception, by_user=handler, receivers=[delegate], letter_subject="Nạo vét kênh"
    )

    letter = reception.letters.get()
    assert _handling(letter).assignee == handler
    assert not followups_of(reception, kinds=[services.LETTER_HANDLING]).exists()


def test_a_reception_accepted_for_handling_opens_no_forwarding_item(council, handler, rules):
    reception = _reception(council, handler, outcome=Reception.Outcome.ACCEPTED)

    assert not followups_of(reception, kinds=[services.LETTER_HANDLING]).exists()
