"""Lists and dropdowns of per-term records open on the current term (issue 7).

The council has two terms: 2021-2026 (ended early, 14/03/2026) and 2026-2031. The same
person sat in both, and each term has its "Tổ đại biểu số 1" and "Ban Kinh tế - Ngân sách".
"""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from councils.models import Committee
from councils.selectors import current_term
from tests.factories import (
    CommitteeFactory,
    ConstituencyFactory,
    DelegateFactory,
    MembershipFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0), tick=False):
        yield


@pytest.fixture
def terms(council):
    old = TermFactory(
        council=council,
        name="2021-2026",
        number=8,
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 3, 14),
    )
    new = TermFactory(council=council, name="2026-2031", number=9, start_date=dt.date(2026, 3, 15))
    world = {"old": old, "new": new}
    for key, term in world.copy().items():
        group = CommitteeFactory(
            term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 1"
        )
        ban = CommitteeFactory(term=term, kind=Committee.Kind.BAN, name="Ban Kinh tế - Ngân sách")
        place = ConstituencyFactory(term=term, number=1, name="Thôn Đoài")
        hung = DelegateFactory(
            term=term,
            full_name="Nguyễn Văn Hùng",
            start_date=term.start_date,
            constituency=place,
            delegate_group=group,
        )
        MembershipFactory(committee=ban, delegate=hung, start_date=term.start_date)
        world[f"{key}_group"], world[f"{key}_ban"], world[f"{key}_hung"] = group, ban, hung
    DelegateFactory(term=old, full_name="Trần Văn Cũ", start_date=old.start_date)
    return world


def rows(response) -> list:
    return [row["obj"] for row in response.context["rows"]]


def options(body: str, name: str) -> list[str]:
    """The labels of a dropdown, the chosen one marked with "*"."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', body, flags=re.S)
    assert select, f"no <select name={name}>"
    found = re.findall(r"<option([^>]*)>([^<]*)</option>", select.group(1))
    return [("*" if "selected" in attrs else "") + label for attrs, label in found]


class TestListsOpenOnTheCurrentTerm:
    def test_it_lists_the_current_terms_delegates_only(self, staff_client, terms):
        response = staff_client.get(reverse("councils-delegate-list"))

        assert rows(response) == [terms["new_hung"]]
        body = response.content.decode()
        assert "Tìm thấy 1 đại biểu." in body
        assert options(body, "term") == [
            "Tất cả nhiệm kỳ",
            "*Khóa IX, nhiệm kỳ 2026-2031",
            "Khóa VIII, nhiệm kỳ 2021-2026",
        ]

    def test_it_lists_every_term_under_tat_ca_nhiem_ky(self, staff_client, terms):
        response = staff_client.get(reverse("councils-delegate-list"), {"term": ""})

        assert set(rows(response)) == {terms["new_hung"], terms["old_hung"], *terms_old_only(terms)}
        body = response.content.decode()
        assert "Tìm thấy 3 đại biểu." in body
        assert options(body, "term")[0] == "*Tất cả nhiệm kỳ"
        # The same person twice, told apart by the term column.
        assert body.count('data-label="Nhiệm kỳ">2021-2026<') == 2
        assert body.count('data-label="Nhiệm kỳ">2026-2031<') == 1

    def test_it_lists_an_older_term_when_chosen(self, staff_client, terms):
        response = staff_client.get(reverse("councils-delegate-list"), {"term": terms["old"].pk})

        assert set(rows(response)) == {terms["old_hung"], *terms_old_only(terms)}
        assert options(response.content.decode(), "term")[2] == "*Khóa VIII, nhiệm kỳ 2021-2026"

    @pytest.mark.parametrize(
        ("name", "current", "every"),
        [
            ("committee", {"new_group", "new_ban"}, 4),
            ("constituency", None, 2),
            ("membership", None, 2),
        ],
    )
    def test_every_per_term_list_opens_on_the_current_term_with_a_term_column(
        self, staff_client, terms, name, current, every
    ):
        url = reverse(f"councils-{name}-list")

        shown = rows(staff_client.get(url))
        every_term = staff_client.get(url, {"term": ""})

        assert len(shown) == every // 2
        if current:
            assert set(shown) == {terms[key] for key in current}
        assert len(rows(every_term)) == every
        assert '<th scope="col">Nhiệm kỳ</th>' in every_term.content.decode()

    def test_the_search_box_keeps_the_term(self, staff_client, terms):
        response = staff_client.get(reverse("councils-delegate-list"), {"q": "nguyen van hung"})

        assert rows(response) == [terms["new_hung"]]

    def test_the_export_says_which_term_it_holds(self, staff_client, terms):
        from tests.xlsx import read_export

        export = read_export(
            staff_client.get(reverse("councils-delegate-list"), {"format": "xlsx"})
        )

        assert [row[0] for row in export.rows] == ["Nguyễn Văn Hùng"]
        assert "Lọc: Nhiệm kỳ: Khóa IX, nhiệm kỳ 2026-2031" in export.subtitle

    def test_between_terms_it_opens_on_the_latest_begun(self, staff_client, terms):
        # The new term has not begun yet and the old one has ended: not an empty list.
        terms["new"].start_date = dt.date(2026, 7, 1)
        terms["new"].save()

        response = staff_client.get(reverse("councils-delegate-list"))

        assert set(rows(response)) == {terms["old_hung"], *terms_old_only(terms)}
        assert current_term(access=response.wsgi_request.access) == terms["old"]

    def test_the_api_still_lists_every_term(self, staff_api, terms):
        results = staff_api.get("/api/v1/delegates/").json()["results"]

        assert len(results) == 3


def terms_old_only(terms) -> list:
    from councils.models import Delegate

    return list(Delegate.objects.filter(full_name="Trần Văn Cũ"))


class TestPerTermChoices:
    def test_filters_offer_the_current_terms_groups_without_a_label(self, staff_client, terms):
        body = staff_client.get(reverse("councils-delegate-list")).content.decode()

        assert options(body, "delegate_group") == ["*Tất cả", "Tổ đại biểu số 1"]
        assert options(body, "constituency") == ["*Tất cả", "Đơn vị số 1 - Thôn Đoài"]

    def test_filters_name_the_term_when_every_term_is_listed(self, staff_client, terms):
        body = staff_client.get(reverse("councils-delegate-list"), {"term": ""}).content.decode()

        assert sorted(options(body, "delegate_group")) == [
            "*Tất cả",
            "Tổ đại biểu số 1 (2021-2026)",
            "Tổ đại biểu số 1 (2026-2031)",
        ]

    def test_the_membership_filter_offers_the_current_terms_committees(self, staff_client, terms):
        body = staff_client.get(reverse("councils-membership-list")).content.decode()

        assert options(body, "committee") == [
            "*Tất cả",
            "Ban Kinh tế - Ngân sách",
            "Tổ đại biểu số 1",
        ]

    def test_a_new_delegate_starts_on_the_current_term_and_its_groups(self, staff_client, terms):
        body = staff_client.get(reverse("councils-delegate-create")).content.decode()

        assert "*Khóa IX, nhiệm kỳ 2026-2031" in options(body, "term")
        assert options(body, "delegate_group") == ["*— Chọn tổ đại biểu —", "Tổ đại biểu số 1"]
        assert options(body, "constituency") == [
            "*— Chọn đơn vị bầu cử —",
            "Đơn vị số 1 - Thôn Đoài",
        ]

    def test_an_old_delegate_is_edited_with_its_own_terms_groups(self, staff_client, terms):
        url = reverse("councils-delegate-update", args=[terms["old_hung"].pk])

        body = staff_client.get(url).content.decode()

        assert f'<option value="{terms["old_group"].pk}" selected>' in body
        assert f'<option value="{terms["new_group"].pk}"' not in body

    def test_an_old_membership_is_edited_with_its_own_terms_choices(self, staff_client, terms):
        membership = terms["old_hung"].memberships.get()
        url = reverse("councils-membership-update", args=[membership.pk])

        body = staff_client.get(url).content.decode()

        assert options(body, "committee") == [
            "— Chọn thường trực/Ban/Tổ —",
            "*Ban Kinh tế - Ngân sách",
            "Tổ đại biểu số 1",
        ]
        # People by given name, as official rosters: Cũ before Hùng.
        assert options(body, "delegate") == ["— Chọn đại biểu —", "Trần Văn Cũ", "*Nguyễn Văn Hùng"]

    def test_a_choice_of_another_term_is_refused_in_words(self, staff_client, terms):
        url = reverse("councils-delegate-update", args=[terms["new_hung"].pk])
        data = {
            "term": terms["new"].pk,
            "full_name": "Nguyễn Văn Hùng",
            "gender": "male",
            "employment": "part_time",
            "start_date": "2026-03-15",
            "delegate_group": terms["old_group"].pk,
        }

        response = staff_client.post(url, data)

        assert response.status_code == 200
        assert "Tổ đại biểu không thuộc nhiệm kỳ đã chọn." in response.content.decode()
