"""The home page: what needs each role today, in a bounded number of queries."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.models import CouncilRole
from hdnd_portal.core.access import Access
from hdnd_portal.core.home import _PANELS as PANELS
from hdnd_portal.core.home import HomePanel, home_panels, register_home_panel
from hdnd_portal.followups.models import FollowUp
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    DelegateFactory,
    TermFactory,
    UserFactory,
)
from tests.followups.support import TODAY, item, travel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def section(body: str, element_id: str) -> str:
    """The HTML of the card with ``element_id`` (up to the next panel)."""
    start = body.index(f'id="{element_id}"')
    end = body.find("data-panel=", start)
    return body[start : end if end != -1 else len(body)]


def test_it_shows_staff_who_is_late_by_agency_with_a_link_to_their_items(
    client, council, make_persona
):
    late = AgencyFactory(council=council, name="Công an xã")
    busy = AgencyFactory(council=council, name="Trạm Y tế xã")
    calm = AgencyFactory(council=council, name="Phòng Văn hóa")
    item(council, due=-3, agency=late)
    item(council, due=-1, agency=late)
    item(council, due=2, agency=late)
    item(council, due=5, agency=busy)
    item(council, due=30, agency=calm)  # not due this week: not in the table
    body = home(client, make_persona("staff"))

    table = section(body, "home-by-agency")
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    assert [re.sub(r"<[^>]+>", "", c[0]) for c in cells] == ["Công an xã", "Trạm Y tế xã"]
    assert "2</span>" in cells[0][1] and "1</span>" in cells[0][2]  # 2 overdue, 1 this week
    assert f'href="/followups/?agency={late.pk}"' in table
    assert "Phòng Văn hóa" not in table
    overview = section(body, "home-overview")
    assert re.search(r'data-count="overdue"><span[^>]*>2</span>', overview)
    assert re.search(r'data-count="due_soon"><span[^>]*>2</span>', overview)
    assert re.search(r'data-count="open"><span[^>]*>5</span>', overview)


def test_it_lists_what_to_prepare_next_soonest_first(client, council, make_persona):
    item(council, due=-2, title="Việc đã quá hạn")
    for days in (9, 1, 4, 20, 0, 6):
        item(council, due=days, title=f"Việc còn {days} ngày")
    body = section(home(client, make_persona("standing")), "home-next")

    titles = re.findall(r'href="/followups/\d+/">([^<]+)</a>', body)
    assert titles == [f"Việc còn {d} ngày" for d in (0, 1, 4, 6, 9)]
    assert "Đến hạn hôm nay" in body and "Còn 1 ngày" in body


def test_it_shows_staff_the_current_term_and_the_roster_to_print(client, council, make_persona):
    term = TermFactory(council=council, name="2026-2031")
    DelegateFactory.create_batch(3, term=term)
    DelegateFactory(term=term, end_date=TODAY - dt.timedelta(days=1))  # no longer in office
    body = section(home(client, make_persona("staff")), "home-term")

    assert "2026-2031" in body
    assert re.search(r'data-count="delegates">3<', body)
    assert f'href="/documents/print/councils.roster/{term.pk}/"' in body


def test_it_shows_an_agency_its_own_open_items_with_days_left_or_overdue(
    client, council, make_persona
):
    user = make_persona("agency")
    mine = CouncilRole.objects.get(user=user).agency
    item(council, due=-4, agency=mine, title="Báo cáo đường liên thôn")
    item(council, due=12, agency=mine, title="Trả lời kiến nghị trường học")
    item(council, due=-9, title="Việc của cơ quan khác")
    done = item(council, due=3, agency=mine, title="Việc đã trả lời")
    FollowUp.objects.filter(pk=done.pk).update(state=FollowUp.State.DONE)
    body = home(client, user)

    panel = section(body, "home-agency")
    assert "Báo cáo đường liên thôn" in panel and "Quá hạn 4 ngày" in panel
    assert "Trả lời kiến nghị trường học" in panel and "Còn 12 ngày" in panel
    assert panel.index("Báo cáo đường") < panel.index("Trả lời kiến nghị")
    assert "Việc của cơ quan khác" not in body and "Việc đã trả lời" not in panel
    assert "home-by-agency" not in body  # no council-wide table for an agency


def test_it_shows_a_delegate_their_profile_and_the_items_they_forwarded(
    client, council, make_persona
):
    user = make_persona("delegate")
    me = CouncilRole.objects.get(user=user).delegate
    someone = DelegateFactory(term=me.term)
    item(council, due=5, delegate=me, title="Kiến nghị sửa cầu Khe Nứa")
    item(council, due=5, delegate=someone, title="Kiến nghị của đại biểu khác")
    body = home(client, user)

    profile = section(body, "home-my-profile")
    assert me.full_name in profile and f'href="/councils/delegate/{me.pk}/"' in profile
    assert "Kiến nghị sửa cầu Khe Nứa" in section(body, "home-delegate")
    assert "Kiến nghị của đại biểu khác" not in body


def test_it_shows_leadership_the_counts_only(client, council, make_persona):
    item(council, due=-1, title="Việc quá hạn bí mật")
    item(council, due=8)
    answered = item(council, due=2)
    FollowUp.objects.filter(pk=answered.pk).update(
        state=FollowUp.State.DONE, answered_at=timezone.now()
    )
    body = home(client, make_persona("leadership"))

    panel = section(body, "home-leadership")
    assert re.search(r'data-count="open"><span[^>]*>2</span>', panel)
    assert re.search(r'data-count="overdue"><span[^>]*>1</span>', panel)
    assert re.search(r'data-count="done"><span[^>]*>1</span>', panel)
    assert "hoàn thành năm 2026" in panel
    assert "Việc quá hạn bí mật" not in body


def test_it_shows_a_committee_the_items_it_follows(client, council, make_persona):
    ban = CommitteeFactory(term=TermFactory(council=council))
    item(council, due=3, committee=ban, title="Giám sát chợ phiên")
    item(council, due=3, title="Việc Ban khác theo dõi")
    body = home(client, make_persona("committee", committee=ban))

    panel = section(body, "home-committee")
    assert "Giám sát chợ phiên" in panel and "Việc Ban khác theo dõi" not in panel


def test_it_explains_in_vietnamese_an_account_without_a_role(client, council):
    body = home(client, UserFactory(username="moi-tao"))
    assert "Tài khoản của bạn chưa được phân vai trò trong HĐND nào" in body
    assert "home-panels" not in body


def test_it_stacks_the_cards_on_a_phone(client, council, make_persona):
    body = home(client, make_persona("staff"))
    # Full width below lg (390 px phones), half width from lg; the agency table is wide.
    assert re.search(r'class="col-12 col-lg-6" data-panel="followups.next"', body)
    assert re.search(r'class="col-12" data-panel="followups.overview"', body)


def test_it_keeps_the_number_of_queries_when_items_and_agencies_grow(
    client, council, make_persona, django_assert_max_num_queries
):
    def grow(agencies: int, per_agency: int):
        for _ in range(agencies):
            agency = AgencyFactory(council=council)
            for days in range(per_agency):
                item(council, due=days - per_agency // 2, agency=agency)

    TermFactory(council=council)
    client.force_login(make_persona("staff"))
    grow(2, 2)
    client.get("/")  # warm-up: session, content types
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    grow(25, 8)
    with CaptureQueriesContext(connection) as many:
        client.get("/")

    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)
    # 1 session, 2 user, 3 council role (request.access), 4 follow-up counts (shared by the
    # badge and the panels), 5 unread notifications (bell), 6 by agency, 7 what to prepare
    # next, 8 the current term, 9 its delegates in office.
    with django_assert_max_num_queries(9):
        client.get("/")


def test_it_leaves_out_a_panel_with_nothing_to_show_and_others_roles_panels(rf):
    access = Access(user_id=1, council_id=1, council_name="HĐND xã Thử", role="delegate")
    request = rf.get("/")
    request.access = access
    saved = dict(PANELS)
    PANELS.clear()
    try:
        register_home_panel(HomePanel("b", 20, frozenset({"delegate"}), lambda r: {}, "b.html"))
        register_home_panel(HomePanel("a", 10, frozenset({"delegate"}), lambda r: {}, "a.html"))
        register_home_panel(HomePanel("none", 5, frozenset({"delegate"}), lambda r: None, "n"))
        register_home_panel(HomePanel("staff", 1, frozenset({"staff"}), lambda r: {}, "s.html"))
        assert [p["key"] for p in home_panels(request)] == ["a", "b"]
    finally:
        PANELS.clear()
        PANELS.update(saved)


def test_a_delegates_menu_and_home_show_their_own_work_first(client, make_persona):
    """The delegate's reception log, voter meetings, follow-ups and profile come first; the rest
    folds under "Tất cả danh mục"; the home page opens the two forms in one tap."""
    from django.urls import reverse

    client.force_login(make_persona("delegate"))
    response = client.get("/")
    nav = response.context["nav"]
    assert nav[0]["first"] and nav[0]["section"] == "Việc của bạn"
    first = [item["url"] for item in nav[0]["items"]]
    assert reverse("petitions-reception-list") in first
    assert reverse("voters-votermeeting-list") in first
    assert reverse("followups-inbox") in first
    assert reverse("supervision-delegateplan-list") in first  # their yearly supervision plan
    assert reverse("councils-informationbrief-list") in first  # the briefs they acknowledge
    rest = [item["url"] for group in nav[1:] for item in group["items"]]
    assert not set(first) & set(rest)
    page = response.content.decode()
    assert "Tất cả danh mục" in page
    actions = page[page.index('id="home-actions"') :]
    assert reverse("petitions-reception-create") in actions
    assert reverse("voters-votermeeting-create") in actions


def test_an_administrators_menu_is_not_folded(client, make_persona):
    client.force_login(make_persona("admin"))
    response = client.get("/")
    assert not response.context["nav"][0]["first"]
    assert "Tất cả danh mục" not in response.content.decode()
