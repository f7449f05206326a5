"""Hostile or careless input gets a clear answer, never a 500."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from hdnd_portal.core.inputs import MAX_IDS, parse_ids
from hdnd_portal.notifications.models import Notification
from tests.factories import AgencyFactory, NotificationFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_only_plain_database_ids():
    assert parse_ids(["3", " 4 ", "3", "²", "-1", "0", "1e3", "abc", "9" * 30, "٣"]) == [3, 4]
    assert len(parse_ids(str(n) for n in range(1, 5000))) == MAX_IDS


@pytest.mark.parametrize("bad", ["²", "9" * 40, "-5", "<script>"])
def test_marking_notifications_read_with_bad_ids_is_a_message_not_a_500(client, make_persona, bad):
    user = make_persona("staff")
    NotificationFactory(user=user)
    client.force_login(user)

    response = client.post(reverse("notifications-mark-read"), {"id": bad}, follow=True)

    assert response.status_code == 200
    assert "Không có thông báo hợp lệ nào được chọn." in response.content.decode()
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 1


@pytest.mark.parametrize("year", ["0001", "9999", "1900"])
def test_a_follow_up_dated_outside_the_sane_window_is_refused_in_the_form(
    staff_client, council, year
):
    agency = AgencyFactory(council=council)
    response = staff_client.post(
        reverse("followups-followup-create"),
        {
            "kind": "plan_task",
            "title": "Báo cáo kết quả",
            "agency": agency.pk,
            "started_on": f"{year}-01-10",
            "due_date": f"{year}-02-10",
        },
    )

    assert response.status_code == 200
    assert "Ngày phải trong khoảng từ 01/01/1945 đến 31/12/2100." in response.content.decode()


def test_the_date_inputs_carry_the_window_for_the_browser(staff_client):
    body = staff_client.get(reverse("councils-term-create")).content.decode()

    # The picker's bounds (min/max only mean something on type=date, which the portal left).
    assert 'data-date-min="01/01/1945"' in body and 'data-date-max="31/12/2100"' in body


def test_deeply_nested_json_to_the_api_is_a_400(api):
    body = "[" * 100_000 + "]" * 100_000

    response = api("staff").post(
        reverse("api-term-list"), data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Dữ liệu JSON lồng nhau quá sâu."


def test_today_is_inside_the_window():
    from hdnd_portal.core.inputs import validate_sane_date

    validate_sane_date(dt.date.today())


@pytest.mark.parametrize("year", ["99999", "0", "-1", "abc"])
def test_a_days_off_year_out_of_range_is_a_form_error_not_a_500(staff_client, year):
    response = staff_client.get(reverse("followups-dayoff-list"), {"year": year})

    assert response.status_code == 200


def test_the_admin_speaks_vietnamese_without_the_english_product_name(client, make_persona):
    user = make_persona("admin")
    user.is_superuser = user.is_staff = True
    user.save()
    client.force_login(user)

    body = client.get("/admin/").content.decode()

    assert "Quản trị Cổng HĐND" in body
    assert "HĐND Portal" not in body


def test_an_over_long_title_is_refused_with_its_limit_and_kept_for_the_user(staff_client):
    """The browser would cut a pasted text at ``maxlength``: the form carries the limit for the
    counter only, and the server refuses the whole text with the limit, the text kept."""
    form = staff_client.get(reverse("councils-agency-create")).content.decode()
    name_input = re.search(r'<input[^>]*name="name"[^>]*>', form).group(0)
    assert "maxlength=" not in name_input.replace("data-maxlength", "")
    assert 'data-maxlength="200"' in name_input
    long_name = "Phòng " + "x" * 4994
    response = staff_client.post(reverse("councils-agency-create"), {"name": long_name})
    assert response.status_code == 200
    page = response.content.decode()
    assert "tối đa" in page and "(hiện có 5000)" in page
    assert long_name in page  # nothing lost: the user shortens it
