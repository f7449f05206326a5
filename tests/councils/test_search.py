"""Search without diacritics, filters and pagination on the councils list pages."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from councils.models import Committee
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    DelegateFactory,
    MembershipFactory,
    PartyCellFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def names_on_page(response) -> list[str]:
    """The first column (a link to the record) of each result row."""
    return re.findall(
        r'<tr><td class="cell-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def term(council):
    return TermFactory(council=council, name="2026-2031", number=9)


@pytest.fixture
def people(term):
    names = ["Nguyễn Văn Hùng", "Nguyễn Văn Đức", "Đặng Thị Lan", "Trần Đăng Khoa", "Lê Thị Nguyệt"]
    return {n: DelegateFactory(term=term, full_name=n) for n in names}


class TestSearchWithoutDiacritics:
    def test_it_finds_nguyen_van_without_accents(self, staff_client, people):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "nguyen van"})

        assert sorted(names_on_page(response)) == ["Nguyễn Văn Hùng", "Nguyễn Văn Đức"]

    def test_it_folds_d_with_stroke(self, staff_client, people):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "dang"})

        assert sorted(names_on_page(response)) == ["Trần Đăng Khoa", "Đặng Thị Lan"]

    def test_it_also_accepts_the_query_with_diacritics_and_capitals(self, staff_client, people):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "  ĐẶNG   thị "})

        assert names_on_page(response) == ["Đặng Thị Lan"]

    def test_it_requires_every_word_to_match(self, staff_client, people):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "nguyen duc"})

        assert names_on_page(response) == ["Nguyễn Văn Đức"]

    def test_it_searches_other_fields_too(self, staff_client, term):
        DelegateFactory(term=term, full_name="Phạm Thu Hà", workplace="Trạm Y tế xã Phúc Lộc")

        response = staff_client.get(reverse("councils-delegate-list"), {"q": "tram y te"})

        assert names_on_page(response) == ["Phạm Thu Hà"]

    def test_it_says_so_when_nothing_matches(self, staff_client, people):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "khong co ai"})

        assert names_on_page(response) == []
        assert "Không có bản ghi nào phù hợp." in response.content.decode()

    def test_it_keeps_the_query_in_the_search_box(self, staff_client, people):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "nguyen van"})

        assert 'value="nguyen van"' in response.content.decode()

    def test_it_finds_a_delegate_after_a_rename(self, staff_client, people):
        delegate = people["Lê Thị Nguyệt"]
        delegate.full_name = "Lê Thị Ánh Nguyệt"
        delegate.save()

        response = staff_client.get(reverse("councils-delegate-list"), {"q": "anh nguyet"})

        assert names_on_page(response) == ["Lê Thị Ánh Nguyệt"]

    @pytest.mark.parametrize(
        "name,factory,query,expected",
        [
            ("agency", AgencyFactory, "uy ban mat tran", "Ủy ban Mặt trận Tổ quốc xã"),
            ("partycell", PartyCellFactory, "chi bo thon dong", "Chi bộ thôn Đông"),
        ],
    )
    def test_it_searches_every_list(self, staff_client, council, name, factory, query, expected):
        factory(council=council, name=expected)
        factory(council=council, name="Khác hẳn")

        response = staff_client.get(reverse(f"councils-{name}-list"), {"q": query})

        assert names_on_page(response) == [expected]

    def test_it_finds_memberships_by_delegate_name(self, staff_client, term):
        committee = CommitteeFactory(term=term, name="Ban Kinh tế - Ngân sách")
        MembershipFactory(
            committee=committee, delegate=DelegateFactory(term=term, full_name="Đỗ Thị Hằng")
        )
        MembershipFactory(
            committee=committee, delegate=DelegateFactory(term=term, full_name="Vũ Văn Nam")
        )

        response = staff_client.get(reverse("councils-membership-list"), {"q": "do thi hang"})

        assert names_on_page(response) == ["Đỗ Thị Hằng"]

    def test_it_finds_memberships_after_the_delegate_or_committee_is_renamed(
        self, staff_client, term
    ):
        committee = CommitteeFactory(term=term, name="Ban Kinh tế")
        delegate = DelegateFactory(term=term, full_name="Đỗ Thị Hằng")
        MembershipFactory(committee=committee, delegate=delegate)

        delegate.full_name = "Đỗ Thị Thu Hằng"
        delegate.save()
        committee.name = "Ban Kinh tế - Ngân sách"
        committee.save()

        url = reverse("councils-membership-list")
        assert names_on_page(staff_client.get(url, {"q": "thu hang"})) == ["Đỗ Thị Thu Hằng"]
        assert names_on_page(staff_client.get(url, {"q": "ngan sach"})) == ["Đỗ Thị Thu Hằng"]


class TestDelegateFilters:
    def test_it_filters_by_term(self, staff_client, council, term):
        old = TermFactory(
            council=council,
            name="2021-2026",
            number=8,
            start_date=dt.date(2021, 6, 1),
            end_date=dt.date(2026, 3, 14),
        )
        DelegateFactory(term=old, full_name="Hoàng Văn Cũ")
        DelegateFactory(term=term, full_name="Hoàng Văn Mới")

        response = staff_client.get(reverse("councils-delegate-list"), {"term": old.pk})

        assert names_on_page(response) == ["Hoàng Văn Cũ"]

    def test_it_filters_by_delegate_group(self, staff_client, term):
        group = CommitteeFactory(
            term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 2"
        )
        DelegateFactory(term=term, full_name="Bùi Thị Mai", delegate_group=group)
        DelegateFactory(term=term, full_name="Bùi Văn Tùng")

        response = staff_client.get(reverse("councils-delegate-list"), {"delegate_group": group.pk})

        assert names_on_page(response) == ["Bùi Thị Mai"]

    def test_it_offers_only_delegate_groups_in_the_group_filter(self, staff_client, term):
        CommitteeFactory(term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 2")
        CommitteeFactory(term=term, kind=Committee.Kind.BAN, name="Ban Pháp chế")

        body = staff_client.get(reverse("councils-delegate-list")).content.decode()

        assert "Tổ đại biểu số 2" in body
        assert "Ban Pháp chế" not in body

    def test_it_filters_delegates_in_office_today(self, client, make_persona, term, time_machine):
        time_machine.move_to(dt.datetime(2027, 6, 1, 9, 0), tick=False)
        client.force_login(make_persona("staff"))
        DelegateFactory(term=term, full_name="Ngô Văn Đương", end_date=None)
        DelegateFactory(term=term, full_name="Ngô Thị Sắp Thôi", end_date=dt.date(2027, 12, 31))
        DelegateFactory(term=term, full_name="Ngô Văn Đã Thôi", end_date=dt.date(2027, 1, 31))

        in_office = client.get(reverse("councils-delegate-list"), {"in_office": "true"})
        left = client.get(reverse("councils-delegate-list"), {"in_office": "false"})

        assert sorted(names_on_page(in_office)) == ["Ngô Thị Sắp Thôi", "Ngô Văn Đương"]
        assert names_on_page(left) == ["Ngô Văn Đã Thôi"]

    def test_it_filters_memberships_held_today(self, client, make_persona, term, time_machine):
        time_machine.move_to(dt.datetime(2027, 6, 1, 9, 0), tick=False)
        client.force_login(make_persona("staff"))
        committee = CommitteeFactory(term=term, name="Ban Văn hóa - Xã hội")
        for name, end in [
            ("Đinh Văn Giữ", None),
            ("Đinh Thị Đến Cuối Năm", dt.date(2027, 12, 31)),
            ("Đinh Văn Đã Thôi", dt.date(2027, 1, 31)),
        ]:
            MembershipFactory(
                committee=committee,
                end_date=end,
                delegate=DelegateFactory(term=term, full_name=name),
            )

        current = client.get(reverse("councils-membership-list"), {"current": "true"})

        assert sorted(names_on_page(current)) == ["Đinh Thị Đến Cuối Năm", "Đinh Văn Giữ"]

    def test_it_combines_search_and_filters(self, staff_client, term):
        group = CommitteeFactory(
            term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 3"
        )
        DelegateFactory(term=term, full_name="Nguyễn Thị Hoa", delegate_group=group)
        DelegateFactory(term=term, full_name="Nguyễn Thị Hồng")

        response = staff_client.get(
            reverse("councils-delegate-list"), {"q": "nguyen thi", "delegate_group": group.pk}
        )

        assert names_on_page(response) == ["Nguyễn Thị Hoa"]

    def test_it_filters_by_gender_with_vietnamese_choices(self, staff_client, term):
        DelegateFactory(term=term, full_name="Phan Thị Thu", gender="female")
        DelegateFactory(term=term, full_name="Phan Văn Thắng", gender="male")

        response = staff_client.get(reverse("councils-delegate-list"), {"gender": "female"})

        assert names_on_page(response) == ["Phan Thị Thu"]
        assert ">Nữ</option>" in response.content.decode()


class TestPagination:
    @pytest.fixture
    def thirty(self, term):
        return [DelegateFactory(term=term, full_name=f"Nguyễn Văn Số {n:02d}") for n in range(30)]

    def test_it_shows_25_delegates_on_the_first_page(self, staff_client, thirty):
        response = staff_client.get(reverse("councils-delegate-list"))

        body = response.content.decode()
        assert len(names_on_page(response)) == 25
        assert "Tìm thấy 30 đại biểu — trang 1/2." in body
        assert "page=2" in body

    def test_it_shows_the_rest_on_the_second_page(self, staff_client, thirty):
        response = staff_client.get(reverse("councils-delegate-list"), {"page": 2})

        assert len(names_on_page(response)) == 5

    def test_it_keeps_search_in_the_page_links(self, staff_client, thirty):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "nguyen van"})

        assert "q=nguyen+van&amp;page=2" in response.content.decode()

    def test_it_shows_the_last_page_for_a_page_number_too_large(self, staff_client, thirty):
        response = staff_client.get(reverse("councils-delegate-list"), {"page": 99})

        assert response.status_code == 200
        assert len(names_on_page(response)) == 5

    def test_it_answers_htmx_with_the_results_only(self, staff_client, thirty):
        response = staff_client.get(
            reverse("councils-delegate-list"),
            {"q": "so 07"},
            headers={"HX-Request": "true", "HX-Target": "resource-results"},
        )

        body = response.content.decode()
        assert "<html" not in body
        assert names_on_page(response) == ["Nguyễn Văn Số 07"]

    def test_it_exports_every_row_not_only_the_page(self, staff_client, thirty):
        from tests.xlsx import read_export

        response = staff_client.get(
            reverse("councils-delegate-list"), {"format": "xlsx", "q": "nguyen van"}
        )

        export = read_export(response)
        assert export.header[0] == "Họ và tên"
        assert len(export.rows) == 30
