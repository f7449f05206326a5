"""The days-off page lists the public holidays the working-day calendar already counts."""

import datetime as dt
import re

import pytest

from hdnd_portal.followups.calendar import is_working_day, public_holidays
from hdnd_portal.followups.models import DayOff
from tests.followups.support import travel

pytestmark = pytest.mark.django_db

DAYS = "/followups/days-off/"


def card(body: str) -> str:
    start = body.index('id="national-days"')
    return body[start : body.index("card-footer", start)]


def dates(body: str) -> list[str]:
    return re.findall(r'<span class="text-nowrap fw-semibold">(\d\d/\d\d/\d{4})</span>', card(body))


def test_it_lists_tet_and_national_day_for_2026_in_vietnamese(client, make_persona):
    client.force_login(make_persona("agency"))  # every role reads the calendar
    body = client.get(DAYS, {"year": 2026}).content.decode()

    assert "Ngày lễ, Tết theo quy định (năm 2026)" in body
    shown = card(body)
    assert "17/02/2026" in shown and "Tết Nguyên Đán" in shown
    assert "02/09/2026" in shown and "Quốc khánh" in shown
    # The make-up Saturday for the 31 August bridge day is listed too.
    assert re.search(r"22/08/2026</span>.*?Ngày làm việc bù", shown, re.S)


def test_it_shows_exactly_the_days_the_deadline_computation_skips(staff_client):
    body = staff_client.get(DAYS, {"year": 2026}).content.decode()
    holidays = [f"{d:%d/%m/%Y}" for d in sorted(public_holidays(2026))]
    assert [d for d in dates(body) if d != "22/08/2026"] == holidays
    # The card and the computation agree: every listed holiday is a day off for the deadlines,
    # the listed make-up Saturday a working day.
    listed = [dt.datetime.strptime(d, "%d/%m/%Y").date() for d in dates(body)]
    assert [is_working_day(d) for d in listed] == [d == dt.date(2026, 8, 22) for d in listed]


def test_it_defaults_to_this_year_and_ignores_a_year_it_cannot_show(staff_client):
    with travel():  # 16/11/2026
        for params in ({}, {"year": "abc"}, {"year": "1800"}):
            body = staff_client.get(DAYS, params).content.decode()
            assert "(năm 2026)" in body
            assert "01/01/2026" in card(body)


def test_it_keeps_the_staff_entries_beside_the_national_days(staff_client, council):
    DayOff.objects.create(date="2027-02-11", name="Nghỉ bù Tết Đinh Mùi", council=council)
    body = staff_client.get(DAYS, {"year": 2027}).content.decode()
    assert "Nghỉ bù Tết Đinh Mùi" in body
    assert "(năm 2027)" in body and "Tết Nguyên Đán" in card(body)
    assert 'href="?year=2026"' in body and 'href="?year=2028"' in body


def test_it_refreshes_the_card_when_the_list_filter_changes_the_year(staff_client):
    body = staff_client.get(DAYS).content.decode()
    # After the filter swaps the results, the card asks again with the year of the filter
    # and keeps only itself from the answer.
    tag = re.search(r'<div class="card" id="national-days"[^>]*>', body)[0]
    assert 'hx-trigger="htmx:afterSwap from:#resource-results"' in tag
    assert 'hx-include="#id_year"' in tag and 'hx-select="#national-days"' in tag
    assert 'id="id_year"' in body

    refreshed = staff_client.get(
        DAYS, {"year": 2027}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="national-days"
    ).content.decode()
    assert "(năm 2027)" in card(refreshed) and "06/02/2027" in card(refreshed)
