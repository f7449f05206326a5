"""Rules and days off kept up to date on the portal (no code change)."""

import datetime as dt

import pytest

from hdnd_portal.followups.calendar import add_working_days
from hdnd_portal.followups.models import DayOff, DeadlineRule
from hdnd_portal.followups.rules import due_date_for
from tests.followups.support import seed_rules

pytestmark = pytest.mark.django_db

D = dt.date
RULES = "/followups/rules/"
DAYS = "/followups/days-off/"


def test_staff_adds_a_tet_bridge_day_for_their_council(staff_client, council, other_council):
    response = staff_client.post(
        f"{DAYS}new/", {"date": "2027-02-11", "kind": "off", "name": "Nghỉ bù Tết Đinh Mùi"}
    )
    assert response.status_code == 302
    day = DayOff.objects.get()
    assert day.council == council
    assert add_working_days(D(2027, 2, 3), 1, council=council) == D(2027, 2, 12)
    assert add_working_days(D(2027, 2, 3), 1, council=other_council) == D(2027, 2, 11)
    assert "Nghỉ bù Tết Đinh Mùi" in staff_client.get(DAYS).content.decode()


def test_a_make_up_day_must_be_on_a_weekend(staff_client):
    response = staff_client.post(
        f"{DAYS}new/", {"date": "2027-02-10", "kind": "work", "name": "Làm bù"}
    )
    assert response.status_code == 200
    assert "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật." in response.content.decode()


def test_the_same_day_cannot_be_declared_twice(staff_client, council):
    DayOff.objects.create(date=D(2027, 2, 11), name="Đã có", council=council)
    response = staff_client.post(
        f"{DAYS}new/", {"date": "2027-02-11", "kind": "off", "name": "Lần hai"}
    )
    assert "Ngày này đã được khai báo." in response.content.decode()


def test_an_admin_declares_a_day_off_for_every_council(client, make_persona):
    client.force_login(make_persona("admin"))
    client.post(
        f"{DAYS}new/",
        {"date": "2027-02-11", "kind": "off", "name": "Nghỉ chung", "for_all_councils": "on"},
    )
    assert DayOff.objects.get().council is None


def test_staff_cannot_change_a_day_declared_for_every_council(staff_client):
    day = DayOff.objects.create(date=D(2027, 2, 11), name="Nghỉ chung")
    assert staff_client.get(f"{DAYS}{day.pk}/").status_code == 200
    assert staff_client.get(f"{DAYS}{day.pk}/edit/").status_code == 403


def test_an_admin_adds_a_new_rule_version_without_code(client, make_persona):
    seed_rules()
    client.force_login(make_persona("admin"))
    response = client.post(
        f"{RULES}new/",
        {
            "code": "complaint.resolve",
            "name": "Giải quyết khiếu nại lần đầu",
            "days": "25",
            "day_kind": "calendar",
            "legal_source": "Luật sửa đổi (giả định)",
            "article": "Điều 28",
            "valid_from": "2027-01-01",
            "for_all_councils": "on",
        },
    )
    assert response.status_code == 302
    old = DeadlineRule.objects.get(code="complaint.resolve", valid_from=D(2012, 7, 1))
    assert old.valid_to == D(2027, 1, 1)
    assert due_date_for("complaint.resolve", D(2026, 12, 31))[0].days == 30
    assert due_date_for("complaint.resolve", D(2027, 1, 4))[0].days == 25


def test_staff_sets_their_councils_voter_petition_deadline(staff_client, council, other_council):
    seed_rules()
    response = staff_client.post(
        f"{RULES}new/",
        {
            "code": "voter_petition.answer",
            "name": "Trả lời kiến nghị cử tri",
            "days": "45",
            "day_kind": "calendar",
            "legal_source": "Quy chế hoạt động của HĐND xã",
            "valid_from": "2026-01-01",
            "is_setting": "on",
        },
    )
    assert response.status_code == 302
    assert DeadlineRule.objects.get(code="voter_petition.answer", council=council).days == 45
    assert due_date_for("voter_petition.answer", D(2026, 11, 2), council=council)[0].days == 45
    assert (
        due_date_for("voter_petition.answer", D(2026, 11, 2), council=other_council)[0].days == 30
    )


def test_staff_cannot_change_a_rule_shared_by_every_council(staff_client):
    seed_rules()
    rule = DeadlineRule.objects.get(code="complaint.resolve")
    assert staff_client.get(f"{RULES}{rule.pk}/edit/").status_code == 403


@pytest.mark.parametrize("role", ["leadership", "agency", "delegate"])
def test_everyone_reads_the_rules_only_the_office_edits(client, make_persona, role):
    seed_rules()
    client.force_login(make_persona(role))
    body = client.get(RULES, {"q": "khiếu nại"}).content.decode()
    assert "Giải quyết khiếu nại lần đầu" in body
    assert client.get(f"{RULES}new/").status_code == 403
    assert client.get(f"{DAYS}new/").status_code == 403


def test_the_rules_list_filters_versions_in_force_on_a_date(staff_client):
    seed_rules()
    for day, days in (("30/06/2026", 10), ("01/07/2026", 7)):
        response = staff_client.get(RULES, {"in_force_on": day, "q": "thụ lý khiếu nại lần đầu"})
        rows = [row["obj"] for row in response.context["rows"]]
        assert [(r.code, r.days) for r in rows] == [("complaint.accept", days)]


def test_staff_cannot_declare_a_day_for_every_council(staff_client, council):
    staff_client.post(
        f"{DAYS}new/",
        {"date": "2027-02-11", "kind": "off", "name": "Thử", "for_all_councils": "on"},
    )
    assert DayOff.objects.get().council == council


def test_the_rules_and_days_off_lists_find_text_typed_without_diacritics(staff_client, council):
    seed_rules()
    DayOff.objects.create(date=dt.date(2027, 2, 12), name="Nghỉ bù Tết Đinh Mùi", council=council)
    rules = staff_client.get(RULES, {"q": "khieu nai"}).content.decode()
    assert "Luật Khiếu nại" in rules
    assert "Luật Tố cáo" not in rules
    days = staff_client.get(DAYS, {"q": "tet dinh mui"}).content.decode()
    assert "Nghỉ bù Tết Đinh Mùi" in days
