"""Target 1.5.a, one definition (issue 19): each person once, their requirement prorated by
their own days in office, the same on the shortfall page, the dashboard metric and the report."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from petitions import counts, services
from petitions.metrics import delegates_receiving
from petitions.models import Kind, PetitionSetting, Reception
from tests.factories import DelegateFactory, TermFactory, persona

YEAR = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture
def terms(council):
    """Two terms in one year: the old one ends on 14/03/2026, the new one opens on 15/03."""
    old = TermFactory(
        council=council,
        name="2021-2026",
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 3, 14),
    )
    new = TermFactory(council=council, name="2026-2031", start_date=dt.date(2026, 3, 15))
    return old, new


def receive(council, delegate, *days):
    handler = persona("staff", council, username=f"tiep-{delegate.pk}")
    for day in days:
        services.reception_record(
            reception=Reception(
                council=council,
                received_on=day,
                place="Trụ sở",
                citizen_name="Công dân",
                kind=Kind.PETITION,
                content="Kiến nghị",
                outcome="accepted",
            ),
            by_user=handler,
            receivers=[delegate],
        )


def per_year(council, n):
    """The council's setting from 01/01/2026: ``n`` receptions a year per delegate."""
    PetitionSetting.objects.create(
        council=council, start_date=dt.date(2026, 1, 1), delegate_receptions_per_year=n
    )
    return n


def test_a_re_elected_delegate_is_one_person_with_both_mandates_days_and_receptions(council, terms):
    old, new = terms
    first = DelegateFactory(
        term=old, full_name="Đinh Trọng Cường", start_date=old.start_date, end_date=old.end_date
    )
    second = DelegateFactory(term=new, full_name="Đinh  trọng Cường")  # same person, typed loosely
    n = per_year(council, 4)
    receive(council, first, dt.date(2026, 2, 10))
    receive(council, second, dt.date(2026, 5, 10), dt.date(2026, 8, 10), dt.date(2026, 11, 10))

    shortfall = counts.delegate_shortfall(council_id=council.pk, start=YEAR[0], end=YEAR[1])

    assert len(shortfall.rows) == 1
    row = shortfall.rows[0]
    assert (row.days, row.held, row.required) == (365, 4, n)
    assert [t.name for t in row.terms] == ["2021-2026", "2026-2031"] and row.delegate == second
    assert row.meets


def test_ten_weeks_in_office_ask_for_the_prorated_share_rounded_up(council, terms):
    _old, new = terms
    late = DelegateFactory(term=new, full_name="Lê Văn Muộn", start_date=dt.date(2026, 10, 23))
    n = per_year(council, 4)
    shortfall = counts.delegate_shortfall(council_id=council.pk, start=YEAR[0], end=YEAR[1])
    row = next(r for r in shortfall.rows if r.delegate == late)
    assert row.days == 70
    assert row.required == -(-n * 70 // 365)  # ceil: 1 when 4 a year
    receive(council, late, dt.date(2026, 11, 2))
    shortfall = counts.delegate_shortfall(council_id=council.pk, start=YEAR[0], end=YEAR[1])
    assert next(r for r in shortfall.rows if r.delegate == late).meets


def test_the_delegate_who_left_yesterday_is_counted_for_their_days_only(council, terms):
    _old, new = terms
    left = DelegateFactory(term=new, full_name="Trần Thôi", end_date=dt.date(2026, 6, 30))
    per_year(council, 4)
    receive(council, left, dt.date(2026, 4, 1))
    early = counts.delegate_shortfall(council_id=council.pk, start=YEAR[0], end=dt.date(2026, 7, 1))
    row = next(r for r in early.rows if r.delegate == left)
    assert row.days == (dt.date(2026, 6, 30) - dt.date(2026, 3, 15)).days + 1
    assert row.required == 2  # ceil(4 × 108/365)


def test_the_dashboard_metric_the_page_and_the_rate_agree(client, council, terms):
    old, new = terms
    a = DelegateFactory(
        term=old, full_name="Người A", start_date=old.start_date, end_date=old.end_date
    )
    DelegateFactory(term=new, full_name="Người A")
    b = DelegateFactory(term=new, full_name="Người B")
    DelegateFactory(term=new, full_name="Người C")
    per_year(council, 1)
    receive(council, a, dt.date(2026, 3, 1))
    receive(council, b, dt.date(2026, 9, 1))

    shortfall = counts.delegate_shortfall(council_id=council.pk, start=YEAR[0], end=YEAR[1])
    assert (shortfall.meeting, len(shortfall.rows)) == (2, 3)
    measure = delegates_receiving(council, SimpleNamespace(start=YEAR[0], as_of=YEAR[1]))
    assert (measure.numerator, measure.denominator) == (2, 3)
    assert measure.value == 66.7

    client.force_login(persona("leadership", council))
    body = client.get(reverse("petitions-shortfall"), {"year": 2026}).content.decode()
    assert "2/3 (66,7%)" in body
    assert body.count("Người A") == 1
    assert "2021-2026, 2026-2031" in body


def test_a_mandate_counts_from_the_terms_first_session(council, terms):
    """In office from the opening of Kỳ họp thứ nhất (25/03), not from election day (15/03)."""
    _old, new = terms
    new.first_session_on = dt.date(2026, 3, 25)
    new.save(update_fields=["first_session_on"])
    delegate = DelegateFactory(term=new, full_name="Mới Bầu")
    shortfall = counts.delegate_shortfall(council_id=council.pk, start=YEAR[0], end=YEAR[1])
    row = next(r for r in shortfall.rows if r.delegate == delegate)
    assert row.days == (dt.date(2026, 12, 31) - dt.date(2026, 3, 25)).days + 1
    before = counts.delegate_shortfall(
        council_id=council.pk, start=YEAR[0], end=dt.date(2026, 3, 20)
    )
    assert delegate not in [r.delegate for r in before.rows]
