"""Letters: bad input refused with clear messages, duplicates, eligibility, anonymous
denunciations, forwarding only within the council, the law's extension limits."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from petitions import services
from petitions.models import ANONYMOUS_REASON, Kind, Letter
from petitions.selectors import protected_view
from tests.factories import AgencyFactory, persona
from tests.petitions.conftest import new_letter

pytestmark = pytest.mark.django_db


def test_a_letter_dated_in_the_future_is_refused_with_a_clear_message(client, council, handler):
    client.force_login(handler)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        reverse("petitions-letter-create"),
        {
            "source": "post",
            "received_on": tomorrow.strftime("%d/%m/%Y"),
            "kind": "petition",
            "sender_name": "Nguyễn Văn Hùng",
            "subject": "Kiến nghị",
            "group_size": 1,
            "eligible": "on",
            "complexity": "normal",
        },
    )

    assert response.status_code == 200
    assert "Ngày nhận đơn không được ở tương lai" in response.content.decode()
    assert not Letter.objects.exists()


def test_the_api_refuses_a_future_date_too(api, council):
    client = api("staff")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        "/api/v1/letters/",
        {
            "source": "post",
            "received_on": tomorrow.isoformat(),
            "kind": "petition",
            "sender_name": "A",
            "subject": "Kiến nghị",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "tương lai" in str(response.json()["error"]["fields"]["received_on"])


def test_letters_are_numbered_per_year(council, handler):
    a = new_letter(council, handler, received_on=dt.date(2026, 1, 5), subject="Một")
    b = new_letter(council, handler, received_on=dt.date(2026, 2, 5), subject="Hai khác hẳn")

    assert (a.code, b.code) == ("1/2026", "2/2026")


def test_a_letter_from_the_same_sender_with_similar_content_is_flagged_as_a_duplicate(
    council, handler
):
    first = new_letter(council, handler)
    again = new_letter(
        council,
        handler,
        received_on=dt.date(2026, 11, 20),
        sender_name="Nguyễn Văn Hùng",
        content="Đường thôn Hạ bị sạt lở sau mưa lũ, đề nghị sớm sửa chữa.",
    )
    other_topic = new_letter(
        council, handler, subject="Phản ánh ô nhiễm", content="Cơ sở chăn nuôi xả thải ra kênh."
    )

    assert again.duplicate_of == first
    assert again.is_duplicate
    assert other_topic.duplicate_of is None


def test_the_same_id_number_finds_a_duplicate_even_with_another_spelling(council, handler):
    first = new_letter(council, handler)
    again = new_letter(
        council, handler, sender_name="Nguyen Van Hung", sender_id_number="001 086 012 323"
    )

    assert again.duplicate_of == first


def test_an_anonymous_denunciation_is_kept_but_not_handled(council, handler):
    letter = new_letter(
        council,
        handler,
        kind=Kind.DENUNCIATION,
        anonymous=True,
        sender_name="",
        sender_id_number="",
    )

    assert letter.pk
    assert not letter.eligible
    assert letter.ineligible_reason == ANONYMOUS_REASON
    assert "Điều 25" in letter.ineligible_reason
    assert letter.state == Letter.State.STORED
    assert protected_view(letter)["sender_name"] == "Đơn nặc danh"


def test_an_ineligible_letter_needs_its_reason_and_cannot_be_forwarded(
    council, handler, agency, rules
):
    with pytest.raises(ValidationError) as exc:
        new_letter(council, handler, eligible=False)
    assert "lý do" in str(exc.value)

    letter = new_letter(council, handler, eligible=False, ineligible_reason="Quá thời hiệu")
    with pytest.raises(ValidationError, match="không đủ điều kiện"):
        services.letter_forward(letter=letter, agency=agency, by_user=handler)


def test_forwarding_to_another_councils_agency_is_refused_with_a_clear_message(
    client, council, other_council, handler, rules
):
    theirs = AgencyFactory(council=other_council, name="UBND xã Hòa Bình")
    letter = new_letter(council, handler)
    with pytest.raises(ValidationError, match="thuộc HĐND khác"):
        services.letter_forward(letter=letter, agency=theirs, by_user=handler)

    client.force_login(handler)
    response = client.post(
        reverse("petitions-letter-forward", args=[letter.pk]),
        {"agency": theirs.pk, "forwarded_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 200
    assert "thuộc HĐND khác" in response.content.decode()
    letter.refresh_from_db()
    assert letter.state == Letter.State.RECEIVED  # nothing lost, nothing half-saved


def test_the_api_refuses_forwarding_to_another_council(api, council, other_council, rules):
    client = api("staff")
    from councils.models import User

    letter = new_letter(council, User.objects.get(username=f"staff-{council.slug}"))
    theirs = AgencyFactory(council=other_council)
    response = client.post(
        f"/api/v1/letters/{letter.pk}/forward/", {"agency": theirs.pk}, format="json"
    )

    assert response.status_code == 400
    assert "thuộc HĐND khác" in str(response.json())


def test_forwarding_through_the_page_opens_the_follow_up(client, council, handler, agency, rules):
    letter = new_letter(council, handler, received_on=dt.date(2026, 11, 2))
    client.force_login(handler)

    response = client.post(
        reverse("petitions-letter-forward", args=[letter.pk]),
        {"agency": agency.pk, "forwarded_on": "03/11/2026", "document": "7/PC-HĐND"},
    )

    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.state == Letter.State.FORWARDED
    item = services.letter_main_followup(letter)
    assert item.agency == agency and item.rule.code == "reception.reply"
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Việc cần đôn đốc liên quan" in page or item.title in page


def _forwarded_denunciation(council, handler, agency, complexity):
    letter = new_letter(
        council,
        handler,
        kind=Kind.DENUNCIATION,
        complexity=complexity,
        received_on=dt.date(2026, 10, 1),
    )
    services.letter_forward(letter=letter, agency=agency, by_user=handler, on=dt.date(2026, 10, 2))
    # Extensions (Art. 30) lengthen the resolution, which runs from the acceptance.
    services.letter_record_acceptance(
        letter=letter, accepted_on=dt.date(2026, 10, 5), document="9/QĐ", by_user=handler
    )
    return letter, services.letter_main_followup(letter)


def test_an_ordinary_denunciation_cannot_be_extended(council, handler, agency, rules):
    letter, item = _forwarded_denunciation(council, handler, agency, Letter.Complexity.NORMAL)

    with pytest.raises(ValidationError, match="không được gia hạn"):
        services.letter_extend(
            letter=letter,
            new_due_date=item.due_date + dt.timedelta(days=10),
            reason="x",
            document="1/QĐ",
            by_user=handler,
        )


def test_a_complex_denunciation_is_extended_once_by_at_most_30_days(
    council, handler, agency, rules
):
    letter, item = _forwarded_denunciation(council, handler, agency, Letter.Complexity.COMPLEX)
    with pytest.raises(ValidationError, match="không quá 30 ngày"):
        services.letter_extend(
            letter=letter,
            new_due_date=item.due_date + dt.timedelta(days=31),
            reason="x",
            document="1/QĐ",
            by_user=handler,
        )
    with pytest.raises(ValidationError, match="bằng văn bản"):
        services.letter_extend(
            letter=letter,
            new_due_date=item.due_date + dt.timedelta(days=30),
            reason="x",
            by_user=handler,
        )

    services.letter_extend(
        letter=letter,
        new_due_date=item.due_date + dt.timedelta(days=30),
        reason="Phức tạp",
        document="1/QĐ",
        by_user=handler,
    )
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="tối đa 1 lần"):
        services.letter_extend(
            letter=letter,
            new_due_date=item.due_date + dt.timedelta(days=5),
            reason="x",
            document="2/QĐ",
            by_user=handler,
        )
    assert item.extensions.count() == 1
    assert item.original_due_date + dt.timedelta(days=30) <= item.due_date


def test_an_especially_complex_denunciation_gets_two_extensions(
    client, council, handler, agency, rules
):
    letter, item = _forwarded_denunciation(council, handler, agency, Letter.Complexity.VERY_COMPLEX)
    client.force_login(handler)
    url = reverse("petitions-letter-extend", args=[letter.pk])
    for n in range(2):
        item.refresh_from_db()
        due = item.due_date + dt.timedelta(days=30)
        response = client.post(
            url,
            {
                "new_due_date": due.strftime("%d/%m/%Y"),
                "reason": "Đặc biệt phức tạp",
                "document": f"{n}/QĐ",
            },
        )
        assert response.status_code == 302
    item.refresh_from_db()
    response = client.post(
        url,
        {
            "new_due_date": (item.due_date + dt.timedelta(days=3)).strftime("%d/%m/%Y"),
            "reason": "Lần ba",
            "document": "3/QĐ",
        },
    )
    assert "tối đa 2 lần" in response.content.decode()
    assert item.extensions.count() == 2


def test_guidance_closes_the_letter_without_a_follow_up(council, handler):
    letter = new_letter(council, handler)
    services.letter_guide(letter=letter, guidance="Gửi đơn đến Tòa án.", by_user=handler)

    letter.refresh_from_db()
    assert letter.state == Letter.State.GUIDED
    assert services.letter_main_followup(letter) is None


def test_the_follow_up_inbox_cannot_extend_a_denunciation_past_the_law(
    client, council, handler, agency, rules
):
    """The engine's own "Gia hạn" page asks the letter's kind: an ordinary denunciation is not
    extended there either, and nothing is saved."""
    letter, item = _forwarded_denunciation(council, handler, agency, Letter.Complexity.NORMAL)
    client.force_login(persona("staff", council))
    response = client.post(
        reverse("followups-followup-extend", args=[item.pk]),
        {
            "new_due_date": (item.due_date + dt.timedelta(days=10)).strftime("%d/%m/%Y"),
            "reason": "Xin thêm thời gian",
            "document": "1/QĐ",
        },
    )
    assert "không được gia hạn" in response.content.decode()
    item.refresh_from_db()
    assert item.extensions.count() == 0 and item.state == "open"
