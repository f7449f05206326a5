"""Positions, holders and finding votes by the people on their ballot."""

from django.urls import reverse

from supervision.models.confidence import PositionHolder
from tests.factories import DelegateFactory, ElectedPositionFactory


def test_a_delegate_holding_a_position_is_named_after_the_delegate(staff_client, rating):
    delegate = DelegateFactory(term=rating.term, full_name="Nguyễn Thị Lan")
    position = ElectedPositionFactory(council=rating.term.council, name="Chủ tịch HĐND xã")

    response = staff_client.post(
        reverse("supervision-positionholder-create"),
        {
            "term": rating.term.pk,
            "position": position.pk,
            "delegate": delegate.pk,
            "full_name": "",
            "start_date": "25/06/2021",
            "retirement": "none",
        },
    )

    assert response.status_code == 302
    holder = PositionHolder.objects.get(position=position)
    assert holder.full_name == "Nguyễn Thị Lan" and holder.delegate == delegate


def test_a_holder_needs_a_name_or_a_delegate(staff_client, rating):
    position = ElectedPositionFactory(council=rating.term.council)
    response = staff_client.post(
        reverse("supervision-positionholder-create"),
        {"term": rating.term.pk, "position": position.pk, "start_date": "25/06/2021"},
    )

    assert "Nhập họ và tên, hoặc chọn đại biểu giữ chức vụ." in response.content.decode()


def test_votes_are_found_by_the_people_on_their_ballot_without_diacritics(staff_client, rating):
    page = staff_client.get(reverse("supervision-confidencevote-list"), {"q": "nguoi thu 2"})
    assert "Tìm thấy 1 cuộc lấy phiếu" in page.content.decode()

    page = staff_client.get(reverse("supervision-confidencevote-list"), {"q": "khong co ai"})
    assert "Tìm thấy 0 cuộc lấy phiếu" in page.content.decode()

    found = staff_client.get(reverse("core-search"), {"q": "nguoi thu 2"}).content.decode()
    assert rating.vote.get_absolute_url() in found


def test_the_term_of_an_existing_vote_cannot_be_changed(staff_client, rating):
    page = staff_client.get(reverse("supervision-confidencevote-update", args=[rating.vote.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="term"' not in html and 'name="procedure"' not in html
