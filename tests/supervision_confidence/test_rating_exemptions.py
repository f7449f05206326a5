"""Issue 19, confidence votes: who is not rated (Resolution 96/2023/QH15, Art. 2.5) — those who
took office in the rating year, which is the year the rating is held (not the year assessed),
and those whose announced retirement (nghỉ hưu, nghỉ chờ hưu) is recorded on the holder; an
undecided retirement is a warning to the clerk. The page and the API reach the same ballot."""

import datetime as dt

import pytest
from django.urls import reverse

from supervision.confidence.services import vote_close
from supervision.models.confidence import ConfidenceCandidate, ConfidenceVote, PositionHolder
from tests.factories import DelegateFactory, PositionHolderFactory, TermFactory

URL = "/api/v1/confidence-votes/"
HOLDERS = "/api/v1/position-holders/"
TERM_START = dt.date(2021, 6, 25)


@pytest.fixture
def term(council):
    term = TermFactory(council=council, name="2021-2026", number=2, start_date=TERM_START)
    for _ in range(5):
        DelegateFactory(term=term, start_date=TERM_START)
    return term


def holder(term, name, *, start=TERM_START, retirement="none", retirement_date=None):
    return PositionHolderFactory(
        term=term,
        full_name=name,
        start_date=start,
        retirement=retirement,
        retirement_date=retirement_date,
    )


def rating(door, staff_client, api, term, day: dt.date, year: int) -> ConfidenceVote:
    """A rating made through the page or through the API."""
    if door == "page":
        response = staff_client.post(
            reverse("supervision-confidencevote-create"),
            {"procedure": "rating", "term": term.pk, "vote_date": f"{day:%d/%m/%Y}", "year": year},
        )
        assert response.status_code == 302
    else:
        response = api("staff", username="api-staff").post(
            URL,
            {"procedure": "rating", "term": term.pk, "vote_date": f"{day:%Y-%m-%d}", "year": year},
            format="json",
        )
        assert response.status_code == 201, response.json()
    return ConfidenceVote.objects.get(term=term, procedure="rating")


def ballot(vote) -> dict[str, str]:
    """{name: exemption reason, or "rated"}."""
    return {
        c.holder.full_name: (c.exemption_reason if c.exempt else "rated")
        for c in vote.candidates.select_related("holder")
    }


@pytest.mark.parametrize("door", ["page", "api"])
def test_took_office_in_the_rating_year_means_the_year_the_rating_is_held(
    staff_client, api, term, door
):
    # Held on 15/01/2024, assessing 2023: the rating year is 2024.
    holder(term, "Nhận chức 2024", start=dt.date(2024, 1, 5))
    holder(term, "Nhận chức 2023", start=dt.date(2023, 4, 1))
    holder(term, "Nhận chức 2021")

    vote = rating(door, staff_client, api, term, dt.date(2024, 1, 15), 2023)

    assert ballot(vote) == {
        "Nhận chức 2024": "new",
        "Nhận chức 2023": "rated",  # took office in the year assessed, not the rating year
        "Nhận chức 2021": "rated",
    }
    page = staff_client.get(vote.get_absolute_url()).content.decode()
    assert "Được bầu, phê chuẩn trong năm lấy phiếu" in page


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_recorded_announced_retirement_exempts_when_announced_by_the_vote_day(
    staff_client, api, term, door
):
    day = dt.date(2023, 12, 8)
    holder(term, "Báo nghỉ hưu trước", retirement="announced", retirement_date=dt.date(2023, 9, 1))
    holder(term, "Báo nghỉ hưu đúng ngày", retirement="announced", retirement_date=day)
    holder(term, "Báo nghỉ hưu sau", retirement="announced", retirement_date=dt.date(2024, 1, 2))
    holder(term, "Không nghỉ hưu")

    vote = rating(door, staff_client, api, term, day, 2023)

    assert ballot(vote) == {
        "Báo nghỉ hưu trước": "retirement",
        "Báo nghỉ hưu đúng ngày": "retirement",
        "Báo nghỉ hưu sau": "rated",
        "Không nghỉ hưu": "rated",
    }
    page = staff_client.get(vote.get_absolute_url()).content.decode()
    assert "Đã có thông báo nghỉ hưu, nghỉ chờ hưu" in page


@pytest.mark.parametrize("door", ["page", "api"])
def test_recording_a_retirement_exempts_the_holder_on_an_open_rating_and_taking_it_back_rates_them(
    staff_client, api, term, door
):
    person = holder(term, "Trần Văn Hưu")
    vote = rating(door, staff_client, api, term, dt.date(2023, 12, 8), 2023)
    assert ballot(vote) == {"Trần Văn Hưu": "rated"}

    def record(retirement, date):
        if door == "page":
            response = staff_client.post(
                reverse("supervision-positionholder-update", args=[person.pk]),
                {
                    "term": term.pk,
                    "position": person.position_id,
                    "full_name": person.full_name,
                    "start_date": f"{TERM_START:%d/%m/%Y}",
                    "retirement": retirement,
                    "retirement_date": f"{date:%d/%m/%Y}" if date else "",
                },
            )
            assert response.status_code == 302
        else:
            response = api("staff", username="api-holder").patch(
                f"{HOLDERS}{person.pk}/",
                {"retirement": retirement, "retirement_date": f"{date:%Y-%m-%d}" if date else None},
                format="json",
            )
            assert response.status_code == 200, response.json()

    record("announced", dt.date(2023, 11, 20))
    assert ballot(vote) == {"Trần Văn Hưu": "retirement"}

    record("none", None)
    assert ballot(vote) == {"Trần Văn Hưu": "rated"}


def test_an_announced_retirement_needs_its_date_on_the_page_and_in_the_api(staff_client, api, term):
    person = holder(term, "Trần Văn Hưu")
    message = "Nhập ngày thông báo nghỉ hưu, nghỉ chờ hưu."

    page = staff_client.post(
        reverse("supervision-positionholder-update", args=[person.pk]),
        {
            "term": term.pk,
            "position": person.position_id,
            "full_name": person.full_name,
            "start_date": f"{TERM_START:%d/%m/%Y}",
            "retirement": "announced",
        },
    )
    response = api("staff", username="api-staff").patch(
        f"{HOLDERS}{person.pk}/", {"retirement": "announced"}, format="json"
    )

    assert page.context["form"].errors["retirement_date"] == [message]
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["retirement_date"] == [message]
    assert PositionHolder.objects.get(pk=person.pk).retirement == "none"


def test_an_undecided_retirement_is_a_warning_to_the_clerk_until_it_is_settled(
    staff_client, api, term
):
    undecided = holder(term, "Lê Chưa Rõ", retirement="undecided")
    holder(term, "Phạm Đã Rõ")
    vote = rating("page", staff_client, api, term, dt.date(2023, 12, 8), 2023)
    warning = (
        "Chưa ghi Lê Chưa Rõ đã có thông báo nghỉ hưu, nghỉ chờ hưu hay chưa: người đã có "
        "thông báo thì không lấy phiếu (Khoản 5 Điều 2 Nghị quyết 96/2023/QH15). Cập nhật ở "
        "trang người giữ chức vụ trước khi lấy phiếu."
    )
    client = api("staff", username="api-staff")

    def warnings():
        page = staff_client.get(vote.get_absolute_url()).content.decode()
        tally = staff_client.get(reverse("supervision-confidence-tally", args=[vote.pk]))
        result = client.get(f"{URL}{vote.pk}/").json()["result"]
        api_rows = [row["warning"] for row in result["rows"] if row["warning"]]
        return warning in page, warning in tally.content.decode(), api_rows

    assert warnings() == (True, True, [warning])  # Phạm Đã Rõ's is settled: no warning

    # Non-blocking: the ballot keeps the person, rated.
    assert ballot(vote)["Lê Chưa Rõ"] == "rated"
    undecided.retirement = PositionHolder.Retirement.NONE
    undecided.save()
    assert warnings() == (False, False, [])


def test_a_closed_rating_no_longer_asks_about_retirements(staff_client, term, make_persona):
    person = holder(term, "Lê Chưa Rõ", retirement="undecided")
    vote = rating("page", staff_client, None, term, dt.date(2023, 12, 8), 2023)
    vote.ballots_issued = vote.ballots_returned = 5
    vote.save()
    ConfidenceCandidate.objects.filter(vote=vote, holder=person).update(confidence=5)

    vote_close(vote=vote, user=make_persona("admin", username="closer"))

    page = staff_client.get(vote.get_absolute_url()).content.decode()
    assert "Chưa ghi Lê Chưa Rõ" not in page
