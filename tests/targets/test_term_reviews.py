"""Issue 22, item 7: the mid-term and end-of-term reviews (sơ kết giữa nhiệm kỳ, tổng kết
nhiệm kỳ) beside the half-year and yearly ones, over the term's window."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd_portal.targets.models import PlanReview
from hdnd_portal.targets.periods import (
    END_TERM,
    MID_TERM,
    term_end,
    term_midpoint,
    term_review_period,
)
from hdnd_portal.targets.reports import review_not_before, review_title
from hdnd_portal.targets.selectors import review_rows, term_threshold
from tests.documents import pdftools
from tests.documents.twin import assert_same_words
from tests.factories import TargetFactory, TermFactory, persona
from tests.targets.conftest import FAKE
from tests.targets.test_review_and_api import records, travel  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

START = dt.date(2026, 3, 15)


def test_a_term_without_a_recorded_end_lasts_five_years_and_halves_at_its_midpoint():
    assert term_end(START, None) == dt.date(2031, 3, 14)
    # 1,826 days (2028 is a leap year): the first half holds 913 of them.
    mid = term_midpoint(START, None)
    assert (mid - START).days + 1 == 913
    assert mid == dt.date(2028, 9, 12)
    # A recorded end (a shortened term) is the end.
    assert term_end(dt.date(2021, 6, 1), dt.date(2026, 3, 14)) == dt.date(2026, 3, 14)


@pytest.mark.parametrize(
    ("half", "on", "end", "as_of", "over"),
    [
        # Mid-term: from the first day to the mid-point, both counted.
        (MID_TERM, START, dt.date(2028, 9, 12), START, False),
        (MID_TERM, dt.date(2028, 9, 12), dt.date(2028, 9, 12), dt.date(2028, 9, 12), False),
        (MID_TERM, dt.date(2028, 9, 13), dt.date(2028, 9, 12), dt.date(2028, 9, 12), True),
        # End of term: to the term's end, or today while it runs.
        (END_TERM, dt.date(2030, 12, 1), dt.date(2031, 3, 14), dt.date(2030, 12, 1), False),
        (END_TERM, dt.date(2031, 3, 14), dt.date(2031, 3, 14), dt.date(2031, 3, 14), False),
        (END_TERM, dt.date(2031, 3, 15), dt.date(2031, 3, 14), dt.date(2031, 3, 14), True),
    ],
)
def test_the_term_windows_at_their_boundaries(half, on, end, as_of, over):
    window = term_review_period(half, on, start=START, end=None, name="2026-2031")
    assert (window.start, window.end, window.as_of, window.is_over) == (START, end, as_of, over)


def test_a_count_target_asks_its_threshold_once_per_period_the_window_holds(council):
    mid = term_review_period(MID_TERM, START, start=START, end=None, name="2026-2031")
    whole = term_review_period(END_TERM, START, start=START, end=None, name="2026-2031")
    yearly = TargetFactory.build(council=council, unit="count", threshold=2, period_kind="year")
    share = TargetFactory.build(council=council, unit="share", threshold=100, period_kind="year")
    assert term_threshold(yearly, mid) == 6  # 2 × 913/365 = 5.003 → 6
    assert term_threshold(yearly, whole) == 11  # 2 × 1826/365 = 10.005 → 11
    assert term_threshold(share, whole) == 100


def test_the_term_review_measures_the_window_from_the_terms_first_day(council, fake_count):
    term = TermFactory(council=council, start_date=START, name="2026-2031")
    TargetFactory(council=council, code="2.1", metric=FAKE, unit="count", threshold=1)
    fake_count["value"] = 3
    [ev] = review_rows(council, 2026, MID_TERM, dt.date(2027, 1, 1), term=term)
    _council, period, _kw = fake_count["calls"][-1]
    assert (period.start, period.end) == (START, dt.date(2028, 9, 12))
    assert ev.target.threshold == 3 and ev.status == "met"
    assert "Giữa nhiệm kỳ 2026-2031" in ev.period.label


def test_a_term_review_needs_its_term(council):
    review = PlanReview(council=council, year=2026, half=MID_TERM)
    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert "cần chọn nhiệm kỳ" in str(refused.value)


def test_a_term_review_is_signed_from_three_months_before_its_window_ends(council):
    term = TermFactory(council=council, start_date=START, name="2026-2031")
    mid = PlanReview(council=council, year=2026, half=MID_TERM, term=term)
    end = PlanReview(council=council, year=2026, half=END_TERM, term=term)
    assert review_not_before(mid) == dt.date(2028, 6, 14)
    assert review_not_before(end) == dt.date(2030, 12, 14)
    assert review_title(mid).startswith("Sơ kết giữa nhiệm kỳ 2026-2031 thực hiện Kế hoạch")
    assert review_title(end).startswith("Tổng kết nhiệm kỳ 2026-2031 thực hiện Kế hoạch")


def test_the_review_reports_include_the_mid_term_and_end_of_term_options(
    client,
    records,  # noqa: F811
    council,
    tmp_path,
):
    client.force_login(persona("leadership", council))
    page = client.get(reverse("targets-dashboard")).content.decode()
    for half in (MID_TERM, END_TERM):
        assert reverse("targets-review", args=[2026, half]) in page
    assert "Sơ kết giữa nhiệm kỳ" in page and "Tổng kết nhiệm kỳ" in page
    start = client.get(reverse("targets-review", args=[2026, END_TERM])).content.decode()
    assert "Báo cáo tổng kết thực hiện Kế hoạch — Nhiệm kỳ" in start
    response = client.post(reverse("targets-review", args=[2026, MID_TERM]))
    review = PlanReview.objects.get(council=council, half=MID_TERM)
    assert review.term == records["term"] and review.year == 2026
    pdf = client.get(response["Location"])
    text = " ".join(pdftools.text(pdftools.write(pdf.content, tmp_path)).split())
    assert "Sơ kết giữa nhiệm kỳ" in text
    assert "(Số liệu tính đến ngày 01 tháng 10 năm 2026)" in text


def test_a_term_review_of_a_year_no_term_began_is_not_found(client, records, council):  # noqa: F811
    client.force_login(persona("leadership", council))
    assert client.get(reverse("targets-review", args=[2027, MID_TERM])).status_code == 404
    assert client.post(reverse("targets-review", args=[2027, END_TERM])).status_code == 404


def test_the_end_of_term_review_twin_has_the_pdfs_words(client, records, council, tmp_path):  # noqa: F811
    client.force_login(persona("staff", council))
    client.post(reverse("targets-review", args=[2026, END_TERM]))
    review = PlanReview.objects.get(council=council, half=END_TERM)
    url = reverse("documents-print", args=["targets.review", review.pk])
    assert_same_words(client, url, tmp_path)


@time_machine.travel(dt.datetime(2031, 4, 1, 9, 0), tick=False)
def test_after_the_term_the_end_of_term_review_stops_at_its_last_day(council, fake_count):
    term = TermFactory(council=council, start_date=START, name="2026-2031")
    TargetFactory(council=council, code="2.1", metric=FAKE, unit="count", threshold=2)
    [ev] = review_rows(council, 2026, END_TERM, dt.date(2031, 4, 1), term=term)
    assert ev.period.as_of == dt.date(2031, 3, 14) and ev.status == "missed"
