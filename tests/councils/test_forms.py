"""Form validation on the councils pages: Vietnamese messages, nothing the user typed is lost."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from councils.models import Agency, Constituency, Delegate, Membership, PartyCell, Term
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    ConstituencyFactory,
    DelegateFactory,
    MembershipFactory,
    PartyCellFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def term(council):
    return TermFactory(council=council, name="2026-2031", number=9)


def delegate_post(term, **overrides):
    data = {
        "term": term.pk,
        "full_name": "Trần Thị Ánh Nguyệt",
        "gender": "female",
        "birth_date": "1982-09-02",
        "employment": "part_time",
        "position": "Hiệu trưởng",
        "workplace": "Trường Tiểu học Phúc Lộc",
        "phone": "0912345678",
        "email": "anh.nguyet@phucloc.edu.vn",
        "address": "Thôn Đoài",
        "start_date": "2026-03-15",
        "end_date": "",
        "end_reason": "",
    }
    data.update(overrides)
    return data


class TestDelegateForm:
    def test_it_refuses_an_end_date_before_the_start_and_keeps_what_was_typed(
        self, staff_client, term
    ):
        response = staff_client.post(
            reverse("councils-delegate-create"), delegate_post(term, end_date="2026-01-01")
        )

        assert response.status_code == 200
        body = page_text(response)
        assert "Ngày thôi làm đại biểu phải sau ngày bắt đầu." in body
        assert "Chưa lưu được" in body
        assert 'value="Trần Thị Ánh Nguyệt"' in body
        assert 'value="Trường Tiểu học Phúc Lộc"' in body
        assert 'value="0912345678"' in body
        assert 'value="2026-01-01"' in body
        assert not Delegate.objects.filter(full_name="Trần Thị Ánh Nguyệt").exists()

    def test_it_refuses_a_constituency_of_another_term(self, staff_client, council, term):
        old_term = TermFactory(
            council=council, name="2021-2026", number=8, start_date=dt.date(2021, 6, 1)
        )
        old_constituency = ConstituencyFactory(term=old_term, name="Thôn Cũ")

        response = staff_client.post(
            reverse("councils-delegate-create"),
            delegate_post(term, constituency=old_constituency.pk),
        )

        assert response.status_code == 200
        assert "Đơn vị bầu cử không thuộc nhiệm kỳ đã chọn." in page_text(response)
        assert not Delegate.objects.filter(full_name="Trần Thị Ánh Nguyệt").exists()

    def test_it_refuses_a_delegate_group_of_another_term(self, staff_client, council, term):
        old_term = TermFactory(
            council=council, name="2021-2026", number=8, start_date=dt.date(2021, 6, 1)
        )
        old_group = CommitteeFactory(term=old_term, kind="delegate_group", name="Tổ 1 cũ")

        response = staff_client.post(
            reverse("councils-delegate-create"), delegate_post(term, delegate_group=old_group.pk)
        )

        assert "Tổ đại biểu không thuộc nhiệm kỳ đã chọn." in page_text(response)

    @pytest.mark.parametrize("phone", ["12345", "09123abc45", "0912 345 678 901 23"])
    def test_it_refuses_an_invalid_phone_number(self, staff_client, term, phone):
        response = staff_client.post(
            reverse("councils-delegate-create"), delegate_post(term, phone=phone)
        )

        assert "Số điện thoại không hợp lệ (9-12 chữ số)." in page_text(response)
        assert not Delegate.objects.exists()

    @pytest.mark.parametrize(
        "phone,stored",
        [
            ("0912 345 678", "0912345678"),
            ("0912.345.678", "0912345678"),
            ("+84912345678", "+84912345678"),
        ],
    )
    def test_it_accepts_common_phone_spellings(self, staff_client, term, phone, stored):
        response = staff_client.post(
            reverse("councils-delegate-create"), delegate_post(term, phone=phone)
        )

        assert response.status_code == 302
        assert Delegate.objects.get().phone == stored

    def test_it_asks_for_the_full_name(self, staff_client, term):
        response = staff_client.post(
            reverse("councils-delegate-create"), delegate_post(term, full_name="Nguyệt")
        )

        assert "Vui lòng nhập đầy đủ họ và tên (ít nhất hai từ)." in page_text(response)

    def test_it_tidies_spaces_in_the_name(self, staff_client, term):
        staff_client.post(
            reverse("councils-delegate-create"),
            delegate_post(term, full_name="  Trần   Thị Ánh  Nguyệt "),
        )

        assert Delegate.objects.get().full_name == "Trần Thị Ánh Nguyệt"

    def test_it_refuses_a_birth_date_in_the_future(self, client, make_persona, term, time_machine):
        time_machine.move_to(dt.datetime(2026, 5, 1, 9, 0), tick=False)
        client.force_login(make_persona("staff"))

        response = client.post(
            reverse("councils-delegate-create"), delegate_post(term, birth_date="2026-05-02")
        )

        assert "Ngày sinh không được ở tương lai." in page_text(response)

    def test_it_refuses_the_same_person_twice_in_a_term(self, staff_client, term):
        DelegateFactory(term=term, full_name="Trần Thị Ánh Nguyệt", birth_date=dt.date(1982, 9, 2))

        response = staff_client.post(reverse("councils-delegate-create"), delegate_post(term))

        assert response.status_code == 200
        assert "Đại biểu này (cùng họ tên, ngày sinh) đã có trong nhiệm kỳ." in page_text(response)
        assert Delegate.objects.count() == 1

    def test_it_shows_required_field_errors_in_vietnamese(self, staff_client, term):
        response = staff_client.post(
            reverse("councils-delegate-create"), delegate_post(term, start_date="", gender="")
        )

        assert "Trường này là bắt buộc." in page_text(response)


class TestUniqueNames:
    def test_it_refuses_a_duplicate_term_name_in_vietnamese(self, staff_client, term):
        response = staff_client.post(
            reverse("councils-term-create"),
            {
                "name": "2026-2031",
                "number": 10,
                "start_date": "2026-03-15",
            },
        )

        assert response.status_code == 200
        body = page_text(response)
        assert "Tên nhiệm kỳ này đã có trong HĐND." in body
        assert "Constraint" not in body
        assert Term.objects.filter(name="2026-2031").count() == 1

    def test_it_refuses_a_duplicate_term_number(self, staff_client, term):
        response = staff_client.post(
            reverse("councils-term-create"),
            {
                "name": "2031-2036",
                "number": 9,
                "start_date": "2031-03-15",
            },
        )

        assert response.status_code == 200
        assert "Khóa này đã có trong HĐND." in page_text(response)
        assert not Term.objects.filter(name="2031-2036").exists()

    def test_it_allows_the_same_term_name_in_another_council(
        self, staff_client, term, other_council
    ):
        TermFactory(council=other_council, name="2031-2036", number=10)

        response = staff_client.post(
            reverse("councils-term-create"),
            {
                "name": "2031-2036",
                "number": 10,
                "start_date": "2031-03-15",
            },
        )

        assert response.status_code == 302
        assert Term.objects.filter(name="2031-2036").count() == 2

    def test_it_keeps_a_term_unchanged_when_saved_with_its_own_name(self, staff_client, term):
        response = staff_client.post(
            reverse("councils-term-update", args=[term.pk]),
            {
                "name": "2026-2031",
                "number": 9,
                "start_date": "2026-03-15",
                "note": "Đã rà soát",
            },
        )

        assert response.status_code == 302
        term.refresh_from_db()
        assert term.note == "Đã rà soát"

    def test_it_refuses_a_duplicate_agency_name(self, staff_client, council):
        AgencyFactory(council=council, name="Công an xã")

        response = staff_client.post(
            reverse("councils-agency-create"),
            {"name": "Công an xã", "kind": "police", "active": "on"},
        )

        assert response.status_code == 200
        assert "Tên cơ quan, đơn vị này đã có trong HĐND." in page_text(response)
        assert Agency.objects.filter(name="Công an xã").count() == 1

    def test_it_refuses_a_duplicate_party_cell_name(self, staff_client, council):
        PartyCellFactory(council=council, name="Chi bộ thôn Đông")

        response = staff_client.post(
            reverse("councils-partycell-create"), {"name": "Chi bộ thôn Đông", "member_count": 10}
        )

        assert response.status_code == 200
        assert "Tên chi bộ này đã có trong HĐND." in page_text(response)
        assert PartyCell.objects.filter(name="Chi bộ thôn Đông").count() == 1

    def test_it_refuses_a_duplicate_constituency_number_in_a_term(self, staff_client, term):
        ConstituencyFactory(term=term, number=3)

        response = staff_client.post(
            reverse("councils-constituency-create"),
            {"term": term.pk, "number": 3, "name": "Thôn Nam", "seats": 2},
        )

        assert response.status_code == 200
        assert "Số đơn vị bầu cử này đã có trong nhiệm kỳ." in page_text(response)
        assert Constituency.objects.filter(term=term, number=3).count() == 1

    def test_it_refuses_a_duplicate_committee_name_in_a_term(self, staff_client, term):
        CommitteeFactory(term=term, name="Ban Pháp chế")

        response = staff_client.post(
            reverse("councils-committee-create"),
            {"term": term.pk, "kind": "ban", "name": "Ban Pháp chế", "order": 1},
        )

        assert response.status_code == 200
        assert "Tên Thường trực/Ban/Tổ này đã có trong nhiệm kỳ." in page_text(response)


class TestTermAndMembershipDates:
    def test_it_refuses_a_term_ending_before_it_starts(self, staff_client, council):
        response = staff_client.post(
            reverse("councils-term-create"),
            {
                "name": "2031-2036",
                "number": 10,
                "start_date": "2031-03-15",
                "end_date": "2030-01-01",
            },
        )

        assert "Ngày kết thúc phải sau ngày bắt đầu." in page_text(response)
        assert not Term.objects.exists()

    def test_it_refuses_an_overlapping_membership(self, staff_client, term):
        committee = CommitteeFactory(term=term, name="Ban Văn hóa - Xã hội")
        membership = MembershipFactory(
            committee=committee, start_date=dt.date(2026, 3, 15), end_date=dt.date(2027, 12, 31)
        )

        response = staff_client.post(
            reverse("councils-membership-create"),
            {
                "committee": committee.pk,
                "delegate": membership.delegate_id,
                "role": "head",
                "start_date": "2027-06-01",
                "end_date": "",
            },
        )

        assert response.status_code == 200
        assert "Đại biểu đã có chức vụ trong Ban/Tổ này trong khoảng thời gian đó." in page_text(
            response
        )
        assert Membership.objects.count() == 1

    def test_it_accepts_a_membership_after_the_previous_one_ended(self, staff_client, term):
        committee = CommitteeFactory(term=term, name="Ban Văn hóa - Xã hội")
        membership = MembershipFactory(
            committee=committee, start_date=dt.date(2026, 3, 15), end_date=dt.date(2027, 12, 31)
        )

        response = staff_client.post(
            reverse("councils-membership-create"),
            {
                "committee": committee.pk,
                "delegate": membership.delegate_id,
                "role": "head",
                "start_date": "2028-01-01",
                "end_date": "",
            },
        )

        assert response.status_code == 302
        assert Membership.objects.count() == 2

    def test_it_refuses_a_membership_across_terms(self, staff_client, council, term):
        old_term = TermFactory(
            council=council, name="2021-2026", number=8, start_date=dt.date(2021, 6, 1)
        )
        committee = CommitteeFactory(term=term)
        old_delegate = DelegateFactory(term=old_term)

        response = staff_client.post(
            reverse("councils-membership-create"),
            {
                "committee": committee.pk,
                "delegate": old_delegate.pk,
                "role": "member",
                "start_date": "2026-04-01",
            },
        )

        assert "Đại biểu và Ban/Tổ phải cùng một nhiệm kỳ." in page_text(response)


class TestAgencyAndPartyCell:
    def test_it_refuses_an_agency_under_itself(self, staff_client, council):
        agency = AgencyFactory(council=council, name="UBND xã")

        response = staff_client.post(
            reverse("councils-agency-update", args=[agency.pk]),
            {"name": "UBND xã", "kind": "ubnd", "parent": agency.pk, "active": "on"},
        )

        assert response.status_code == 200
        assert "Cơ quan không thể trực thuộc chính nó hoặc đơn vị cấp dưới của nó." in page_text(
            response
        )
        agency.refresh_from_db()
        assert agency.parent is None

    def test_it_refuses_a_loop_of_agencies(self, staff_client, council):
        top = AgencyFactory(council=council, name="UBND xã")
        unit = AgencyFactory(council=council, name="Văn phòng HĐND&UBND", parent=top)

        response = staff_client.post(
            reverse("councils-agency-update", args=[top.pk]),
            {"name": "UBND xã", "kind": "ubnd", "parent": unit.pk, "active": "on"},
        )

        assert "Cơ quan không thể trực thuộc chính nó hoặc đơn vị cấp dưới của nó." in page_text(
            response
        )

    def test_it_refuses_a_party_cell_dissolved_before_it_was_founded(self, staff_client, council):
        response = staff_client.post(
            reverse("councils-partycell-create"),
            {
                "name": "Chi bộ thôn Bắc",
                "member_count": 15,
                "start_date": "2020-01-01",
                "end_date": "2019-12-31",
            },
        )

        assert response.status_code == 200
        assert "Ngày giải thể/sáp nhập phải sau ngày thành lập." in page_text(response)
        assert not PartyCell.objects.exists()
