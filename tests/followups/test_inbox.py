"""The inbox "Việc cần đôn đốc": filters, search, export, permissions, query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hdnd_portal.followups.models import FollowUp, ReminderLog
from hdnd_portal.followups.services import followup_accept, followup_answer, followup_close
from tests.factories import AgencyFactory, CommitteeFactory, TermFactory
from tests.followups.support import TODAY, agency_of, item, travel
from tests.xlsx import read_export

pytestmark = pytest.mark.django_db

URL = "/followups/"


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def world(council):
    """Overdue, due soon, later, done and closed items of two agencies."""
    ubnd = AgencyFactory(council=council, name="Ủy ban nhân dân xã")
    police = AgencyFactory(council=council, name="Công an xã")
    ban = CommitteeFactory(term=TermFactory(council=council), name="Ban Văn hóa - Xã hội")
    items = {
        "overdue": item(
            council, due=-4, agency=ubnd, title="Sửa đường liên thôn Đông", kind="plan_task"
        ),
        "soon": item(
            council,
            due=3,
            agency=police,
            title="Báo cáo an ninh trật tự",
            kind="standing_task",
            committee=ban,
        ),
        "later": item(
            council, due=30, agency=ubnd, title="Trả lời kiến nghị về chợ", kind="plan_task"
        ),
        "done": item(council, due=-10, agency=ubnd, title="Lắp đèn chiếu sáng"),
        "closed": item(council, due=-10, agency=police, title="Đơn đã rút"),
    }
    followup_answer(followup=items["done"], by_user=None, answer="Đã lắp xong")
    followup_accept(followup=items["done"], by_user=None)
    followup_close(followup=items["closed"], by_user=None, reason="Rút đơn")
    return {"ubnd": ubnd, "police": police, "ban": ban, **items}


def titles(response) -> set[str]:
    page = response.context["page"]
    return {f.title for f in page.object_list}


def test_it_shows_what_is_open_with_counts_at_the_top(staff_client, world):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert titles(response) == {
        "Sửa đường liên thôn Đông",
        "Báo cáo an ninh trật tự",
        "Trả lời kiến nghị về chợ",
    }
    assert response.context["counts"] == {
        "open": 3,
        "overdue": 1,
        "due_soon": 1,
        "answered": 0,
        "overdue_mine": 1,  # the Office acts on every item it sees
    }
    body = response.content.decode()
    assert 'data-count="overdue">1<' in body and "Quá hạn 4 ngày" in body
    assert "Còn 3 ngày" in body


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("overdue", {"Sửa đường liên thôn Đông"}),
        ("due_soon", {"Báo cáo an ninh trật tự"}),
        ("done", {"Lắp đèn chiếu sáng"}),
        ("closed", {"Đơn đã rút"}),
        (
            "all",
            {
                "Sửa đường liên thôn Đông",
                "Báo cáo an ninh trật tự",
                "Trả lời kiến nghị về chợ",
                "Lắp đèn chiếu sáng",
                "Đơn đã rút",
            },
        ),
    ],
)
def test_it_filters_by_state(staff_client, world, status, expected):
    assert titles(staff_client.get(URL, {"status": status})) == expected


def test_it_filters_by_agency_kind_and_committee(staff_client, world):
    assert titles(staff_client.get(URL, {"agency": world["police"].pk})) == {
        "Báo cáo an ninh trật tự"
    }
    assert titles(staff_client.get(URL, {"kind": "plan_task"})) == {
        "Sửa đường liên thôn Đông",
        "Trả lời kiến nghị về chợ",
    }
    assert titles(staff_client.get(URL, {"committee": world["ban"].pk})) == {
        "Báo cáo an ninh trật tự"
    }


def test_it_finds_items_without_diacritics(staff_client, world):
    assert titles(staff_client.get(URL, {"q": "duong lien thon"})) == {"Sửa đường liên thôn Đông"}
    # The agency's name is searchable too.
    assert titles(staff_client.get(URL, {"q": "cong an", "status": "all"})) == {
        "Báo cáo an ninh trật tự",
        "Đơn đã rút",
    }


def test_it_paginates(staff_client, council, settings):
    settings.PAGE_SIZE = 5
    for n in range(7):
        item(council, due=n, title=f"Việc số {n}")
    first = staff_client.get(URL)
    second = staff_client.get(URL, {"page": 2})
    assert len(first.context["page"].object_list) == 5
    assert titles(second) == {"Việc số 5", "Việc số 6"}


def test_htmx_filtering_returns_only_the_results(staff_client, world):
    response = staff_client.get(
        URL, {"status": "overdue"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="followup-results"
    )
    body = response.content.decode()
    assert "<html" not in body and "Sửa đường liên thôn Đông" in body


def test_it_exports_the_filtered_list_to_excel(staff_client, world):
    response = staff_client.get(URL, {"status": "all", "format": "xlsx"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    export = read_export(response)
    rows = [export.header, *export.rows]
    assert rows[0][2] == "Nội dung cần thực hiện"
    assert len(rows) == 6
    overdue = next(r for r in rows if r[2] == "Sửa đường liên thôn Đông")
    assert overdue[4] == "Ủy ban nhân dân xã" and overdue[9] == "Quá hạn" and overdue[10] == 4
    done = next(r for r in rows if r[2] == "Lắp đèn chiếu sáng")
    assert done[13] == "Đã lắp xong"


def test_an_agency_sees_and_exports_only_its_own_items(client, make_persona, council, world):
    user = make_persona("agency", agency=world["police"])
    client.force_login(user)
    response = client.get(URL, {"status": "all"})
    assert titles(response) == {"Báo cáo an ninh trật tự", "Đơn đã rút"}
    assert "agency" not in response.context["filter"].form.fields
    assert response.context["counts"]["open"] == 1
    export = read_export(client.get(URL, {"status": "all", "format": "xlsx"}))
    assert {r[2] for r in export.rows} == {
        "Báo cáo an ninh trật tự",
        "Đơn đã rút",
    }
    # It answers, but does not remind, add or tick boxes.
    body = response.content.decode()
    assert "Gửi nhắc nhở" not in body and 'name="ids"' not in body
    assert "Thêm việc cần đôn đốc" not in body


def test_another_councils_items_are_not_listed(staff_client, world, other_council):
    item(other_council, due=-1, title="Việc của xã khác")
    assert "Việc của xã khác" not in titles(staff_client.get(URL, {"status": "all"}))


@pytest.mark.parametrize("role", ["leadership", "committee", "delegate"])
def test_read_only_roles_see_the_inbox_without_actions(client, make_persona, world, role):
    client.force_login(make_persona(role))
    response = client.get(URL)
    assert response.status_code == 200
    assert len(titles(response)) == 3
    body = response.content.decode()
    assert "Gửi nhắc nhở" not in body and "Thêm việc cần đôn đốc" not in body


def test_anonymous_users_are_sent_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_navigation_badge_counts_overdue_items(client, make_persona, world):
    client.force_login(make_persona("standing"))
    response = client.get("/")
    items = [i for group in response.context["nav"] for i in group["items"] if i["url"] == URL]
    assert items[0]["badge"] == 1


@pytest.mark.parametrize("role", ["leadership", "committee", "delegate", "city"])
def test_the_badge_counts_only_what_the_user_acts_on(client, make_persona, world, role):
    """Readers see the overdue item in the inbox but no red badge for it: they cannot act."""
    client.force_login(make_persona(role))
    response = client.get("/")
    items = [i for group in response.context["nav"] for i in group["items"] if i["url"] == URL]
    assert not items or items[0]["badge"] is None


def _queries_for_inbox(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_rows(
    staff_client, council, settings, django_assert_num_queries
):
    settings.PAGE_SIZE = 50
    agencies = [AgencyFactory(council=council) for _ in range(3)]
    committee = CommitteeFactory(term=TermFactory(council=council))
    for n in range(5):
        item(council, due=n - 2, agency=agencies[n % 3], committee=committee)
    five = _queries_for_inbox(staff_client)
    for n in range(25):
        item(council, due=n - 10, agency=agencies[n % 3], committee=committee)
    assert FollowUp.objects.open().count() == 30
    # 9 on SQLite today: session, user, council roles (access), the paginator's count, the
    # counts (one aggregate, shared with the navigation badge), notifications' unread count,
    # the agency and committee filter choices, the page's rows (agency, committee, assignee
    # and rule joined). None of them depends on the number of rows.
    with django_assert_num_queries(five):
        response = staff_client.get(URL)
    assert len(response.context["page"].object_list) == 30


def test_bulk_remind_needs_the_remind_permission(client, make_persona, world):
    ids = [world["overdue"].pk, world["soon"].pk]
    for role in ("leadership", "committee", "delegate", "agency"):
        client.force_login(make_persona(role, username=f"{role}-remind"))
        assert client.post(f"{URL}remind/", {"ids": ids}).status_code == 403
    assert not ReminderLog.objects.exists()


def test_bulk_remind_sends_to_the_ticked_open_items(
    client, make_persona, world, django_capture_on_commit_callbacks
):
    agency_user = make_persona("agency", agency=world["ubnd"], username="ubnd-user")
    client.force_login(make_persona("standing"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{URL}remind/",
            {"ids": [world["overdue"].pk, world["done"].pk], "next": f"{URL}?status=overdue"},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == f"{URL}?status=overdue"
    assert f"Đã nhắc: {world['ubnd'].name} (1 việc)." in response.content.decode()
    logs = ReminderLog.objects.all()
    assert [(log.followup_id, log.manual) for log in logs] == [(world["overdue"].pk, True)]
    assert agency_user.notifications.exists()


def test_bulk_remind_without_a_ticked_item_says_so(staff_client, world):
    response = staff_client.post(f"{URL}remind/", {"next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "Chưa chọn việc nào" in response.content.decode()


def test_an_agency_user_is_tied_to_its_agency(make_persona, council):
    user = make_persona("agency")
    assert agency_of(user, council) is not None
    assert TODAY == dt.date(2026, 11, 16)
