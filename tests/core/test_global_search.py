"""The one search box: `/search/?q=` over every resource the user may view, grouped by kind."""

import re

import pytest
from django.urls import reverse

from councils.middleware import build_access
from hdnd_portal.core.search import search_everything, targets_for
from tests.factories import (
    AgencyFactory,
    ConstituencyFactory,
    DelegateFactory,
    FollowUpFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("core-search")
READERS = ["admin", "staff", "standing", "committee", "delegate", "leadership"]


@pytest.fixture
def world(council, other_council):
    term = TermFactory(council=council)
    thon_ha = ConstituencyFactory(term=term, name="Thôn Hạ", area="Thôn Hạ, xóm Chùa")
    DelegateFactory(term=term, full_name="Nguyễn Văn An", constituency=thon_ha)
    DelegateFactory(term=term, full_name="Lê Thị Bình", address="Xóm 2, Thôn Hạ")
    DelegateFactory(term=term, full_name="Trần Văn Cường", address="Thôn Thượng")
    ubnd = AgencyFactory(council=council, name="UBND xã")
    police = AgencyFactory(council=council, name="Công an xã")
    board = AgencyFactory(council=council, name="Ban quản lý Thôn Hạ")
    FollowUpFactory(council=council, agency=ubnd, title="Sửa đường Thôn Hạ")
    FollowUpFactory(council=council, agency=police, title="Giữ trật tự chợ Thôn Hạ")
    FollowUpFactory(council=council, agency=board, title="Nạo vét kênh")  # found via its agency
    FollowUpFactory(council=council, agency=ubnd, title="Báo cáo quý")
    # Another council's Thôn Hạ: never shown to this council's users.
    other_term = TermFactory(council=other_council)
    DelegateFactory(term=other_term, full_name="Đỗ Văn Ngoài", address="Thôn Hạ")
    FollowUpFactory(
        council=other_council,
        agency=AgencyFactory(council=other_council, name="UBND xã khác"),
        title="Việc Thôn Hạ của xã khác",
    )
    return {"ubnd": ubnd, "police": police}


def login(client, make_persona, role, **links):
    client.force_login(make_persona(role, **links))
    return client


def groups_on_page(response) -> dict[str, list[str]]:
    """Group heading -> the titles listed under it, as the user reads them."""
    body = response.content.decode()
    found = {}
    for section in re.findall(r"<section.*?</section>", body, flags=re.S):
        heading = re.search(r"<h2[^>]*>(?:<svg.*?</svg>)?\s*([^<]+)</h2>", section).group(1)
        found[heading.strip()] = re.findall(
            r'<li class="list-group-item[^"]*"><a [^>]+>([^<]+)</a>', section
        )
    return found


class TestWhatEachRoleFinds:
    @pytest.mark.parametrize("role", READERS)
    def test_it_finds_delegates_constituencies_and_follow_ups_about_thon_ha(
        self, client, make_persona, world, role
    ):
        response = login(client, make_persona, role).get(URL, {"q": "thon ha"})

        groups = groups_on_page(response)
        assert sorted(groups["Đại biểu"]) == ["Lê Thị Bình", "Nguyễn Văn An"]
        assert [name.split(" - ")[-1] for name in groups["Đơn vị bầu cử"]] == ["Thôn Hạ"]
        assert sorted(groups["Việc cần đôn đốc"]) == [
            "Giữ trật tự chợ Thôn Hạ",
            "Nạo vét kênh",
            "Sửa đường Thôn Hạ",
        ]

    def test_it_lists_groups_in_their_registered_order(self, staff_client, world):
        response = staff_client.get(URL, {"q": "thon ha"})

        assert list(groups_on_page(response)) == [
            "Việc cần đôn đốc",
            "Đại biểu",
            "Cơ quan, đơn vị",
            "Đơn vị bầu cử",
        ]

    def test_it_shows_an_agency_only_its_own_follow_ups_and_no_council_groups(
        self, client, make_persona, world
    ):
        response = login(client, make_persona, "agency", agency=world["ubnd"]).get(
            URL, {"q": "thon ha"}
        )

        assert groups_on_page(response) == {"Việc cần đôn đốc": ["Sửa đường Thôn Hạ"]}
        assert "Nguyễn Văn An" not in response.content.decode()

    @pytest.mark.parametrize("role", READERS + ["agency"])
    def test_it_never_shows_another_councils_rows(self, client, make_persona, world, role):
        response = login(client, make_persona, role).get(URL, {"q": "thon ha"})

        body = response.content.decode()
        assert "Đỗ Văn Ngoài" not in body
        assert "Việc Thôn Hạ của xã khác" not in body

    def test_it_skips_a_target_the_role_may_not_search(self, make_persona, world, monkeypatch):
        import dataclasses

        from hdnd_portal.core import search

        key = "councils.delegate"
        masked = dataclasses.replace(
            search._TARGETS[key], searchable_for=lambda access: access.role != "leadership"
        )
        monkeypatch.setitem(search._TARGETS, key, masked)

        leadership = build_access(make_persona("leadership"))
        staff = build_access(make_persona("staff"))

        assert key not in [g.key for g in search_everything(leadership, "thon ha")]
        assert key in [g.key for g in search_everything(staff, "thon ha")]

    def test_it_sends_anonymous_users_to_the_login_page(self, client, world):
        response = client.get(URL, {"q": "thon ha"})

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


class TestThePage:
    def test_it_titles_the_results_with_the_query(self, staff_client, world):
        body = staff_client.get(URL, {"q": "thon ha"}).content.decode()

        assert "Kết quả tìm kiếm cho “thon ha”" in body

    def test_it_counts_every_match_and_links_to_the_filtered_list(self, staff_client, council):
        term = TermFactory(council=council)
        for n in range(7):
            DelegateFactory(term=term, full_name=f"Hoàng Văn Số {n}")

        response = staff_client.get(URL, {"q": "hoang van"})

        body = response.content.decode()
        assert len(groups_on_page(response)["Đại biểu"]) == 5
        assert "Xem tất cả 7 kết quả" in body
        # Every term's delegates, as the search counted them (the list opens on the term in force).
        assert f'href="{reverse("councils-delegate-list")}?q=hoang+van&amp;term="' in body

    def test_it_opens_the_inbox_with_every_state_for_follow_ups(self, staff_client, world):
        body = staff_client.get(URL, {"q": "thon ha"}).content.decode()

        assert f'href="{reverse("followups-inbox")}?q=thon+ha&amp;status=all"' in body

    def test_it_links_each_hit_to_its_page(self, staff_client, world):
        from councils.models import Delegate

        an = Delegate.objects.get(full_name="Nguyễn Văn An")

        body = staff_client.get(URL, {"q": "nguyen van an"}).content.decode()

        assert (
            f'<a href="{reverse("councils-delegate-detail", args=[an.pk])}">Nguyễn Văn An</a>'
            in body
        )

    def test_it_says_so_when_nothing_matches(self, staff_client, world):
        body = staff_client.get(URL, {"q": "khong co gi ca"}).content.decode()

        assert "Không tìm thấy kết quả nào." in body

    @pytest.mark.parametrize("q", ["", "   "])
    def test_it_shows_a_hint_not_everything_for_an_empty_query(self, staff_client, world, q):
        response = staff_client.get(URL, {"q": q})

        body = response.content.decode()
        assert "Nhập tên người, cơ quan, địa bàn" in body
        assert "Kết quả tìm kiếm cho" not in body
        assert groups_on_page(response) == {}

    def test_it_tells_a_user_without_a_role_to_ask_for_one(self, client, world):
        from tests.factories import UserFactory

        client.force_login(UserFactory(username="norole"))

        body = client.get(URL, {"q": "thon ha"}).content.decode()

        assert "chưa được phân vai trò" in body
        assert "Nguyễn Văn An" not in body


class TestHostileInput:
    @pytest.mark.parametrize("q", ["%", "_", "%%", "a_b", "'", "' OR 1=1 --", '"', "\\"])
    def test_it_treats_wildcards_and_quotes_as_plain_text(self, staff_client, world, q):
        response = staff_client.get(URL, {"q": q})

        assert response.status_code == 200
        assert groups_on_page(response) == {}

    def test_it_finds_a_literal_percent_sign(self, staff_client, council):
        FollowUpFactory(council=council, title="Giải ngân đạt 100% kế hoạch")
        FollowUpFactory(council=council, title="Giải ngân đạt 1000 triệu")

        groups = groups_on_page(staff_client.get(URL, {"q": "100%"}))

        assert groups == {"Việc cần đôn đốc": ["Giải ngân đạt 100% kế hoạch"]}

    def test_it_escapes_markup_in_the_query(self, staff_client, world):
        body = staff_client.get(URL, {"q": "<script>alert(1)</script>"}).content.decode()

        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

    def test_it_cuts_a_very_long_query(self, staff_client, world):
        response = staff_client.get(URL, {"q": "thon ha " + "x" * 20000})

        assert response.status_code == 200
        assert len(response.context["q"]) <= 200
        assert "Không tìm thấy kết quả nào." in response.content.decode()


class TestTopBar:
    def test_it_shows_the_search_box_to_a_user_with_a_role(self, staff_client, world):
        body = staff_client.get(reverse("home")).content.decode()

        form = re.search(r'<form[^>]*role="search"[^>]*action="/search/".*?</form>', body, re.S)
        assert form is not None
        assert 'method="get"' in form.group(0)
        assert 'name="q"' in form.group(0)
        assert 'placeholder="Tìm kiếm…"' in form.group(0)
        assert 'aria-label="Tìm kiếm trong mọi danh mục"' in form.group(0)

    def test_it_keeps_the_query_in_the_top_bar_on_the_results_page(self, staff_client, world):
        body = staff_client.get(URL, {"q": "thon ha"}).content.decode()

        assert body.count('value="thon ha"') == 2  # the top bar and the page's own box

    def test_it_hides_the_search_box_from_anonymous_users(self, client, db):
        body = client.get(reverse("login")).content.decode()

        assert 'role="search"' not in body


class TestQueries:
    def test_it_runs_at_most_a_list_and_a_count_query_per_group(
        self, make_persona, world, council, django_assert_max_num_queries
    ):
        term = TermFactory(council=council)
        for n in range(12):
            DelegateFactory(term=term, full_name=f"Vũ Văn Thôn Hạ {n}")
        access = build_access(make_persona("staff"))
        targets = targets_for(access)

        # Per target: the first `limit` rows (joined for the description line),
        # and a COUNT only when those fill the limit.
        with django_assert_max_num_queries(2 * len(targets)):
            groups = search_everything(access, "thon ha")

        delegates = next(g for g in groups if g.key == "councils.delegate")
        assert delegates.total == 14
        assert len(delegates.hits) == 5
