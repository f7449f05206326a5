"""The tally page: every person on one page, all saved or nothing; closing once."""

import pytest
from django.urls import reverse

from supervision.models.confidence import ConfidenceCandidate, ConfidenceVote
from tests.factories import PositionHolderFactory
from tests.supervision_confidence.conftest import tally


def _post(client, setup, *, issued=15, returned=15, rows=None, close=False, present=""):
    vote = setup.vote
    rows = rows or [{"confidence": 15} for _ in setup.candidates]
    data = {
        "delegates_present": present,
        "ballots_issued": issued,
        "ballots_returned": returned,
        "c-TOTAL_FORMS": len(setup.candidates),
        "c-INITIAL_FORMS": len(setup.candidates),
        "c-MIN_NUM_FORMS": 0,
        "c-MAX_NUM_FORMS": 1000,
    }
    for i, (candidate, row) in enumerate(zip(setup.candidates, rows, strict=True)):
        data[f"c-{i}-id"] = candidate.pk
        data[f"c-{i}-vote"] = vote.pk
        for name in ("high", "confidence", "low", "invalid"):
            data[f"c-{i}-{name}"] = row.get(name, 0)
        if row.get("exempt"):
            data[f"c-{i}-exempt"] = "on"
            data[f"c-{i}-exemption_reason"] = row.get("reason", "new")
    if close:
        data["close"] = "1"
    return client.post(reverse("supervision-confidence-tally", args=[vote.pk]), data)


def test_staff_enter_every_tally_on_one_page_and_close_it(staff_client, rating):
    response = _post(
        staff_client,
        rating,
        rows=[{"high": 2, "confidence": 5, "low": 8}, {"high": 10, "confidence": 5}],
        close=True,
    )

    assert response.status_code == 302
    vote = ConfidenceVote.objects.get(pk=rating.vote.pk)
    assert vote.state == "closed" and vote.delegates_in_office == 15
    page = staff_client.get(vote.get_absolute_url()).content.decode()
    assert "có thể xin từ chức; nếu không, HĐND bỏ phiếu tín nhiệm" in page
    assert "8 (53,33%)" in page
    assert "Tạo cuộc bỏ phiếu tín nhiệm" in page


def test_a_tally_above_the_ballots_returned_is_refused_and_nothing_is_saved(staff_client, rating):
    response = _post(
        staff_client, rating, issued=15, returned=12, rows=[{"low": 8, "confidence": 5}, {}]
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tổng số phiếu của Người thứ 1 (13) vượt quá số phiếu thu vào (12)." in page
    vote = ConfidenceVote.objects.get(pk=rating.vote.pk)
    assert (vote.ballots_issued, vote.ballots_returned) == (0, 0)
    assert ConfidenceCandidate.objects.filter(vote=vote, low__gt=0).count() == 0


@pytest.mark.parametrize(
    ("issued", "returned", "present", "message"),
    [
        (10, 11, "", "Số phiếu thu vào (11) không được lớn hơn số phiếu phát ra (10)."),
        (
            16,
            15,
            "",
            "Số phiếu phát ra (16) không được lớn hơn tổng số đại biểu đương nhiệm ngày "
            "10/12/2025 (15).",
        ),
        (14, 12, 13, "Số phiếu phát ra (14) không được lớn hơn số đại biểu có mặt (13)."),
    ],
)
def test_ballots_beyond_the_delegates_are_refused_with_a_clear_message(
    staff_client, rating, issued, returned, present, message
):
    response = _post(
        staff_client, rating, issued=issued, returned=returned, present=present, rows=[{}, {}]
    )

    assert message in response.content.decode()
    assert ConfidenceVote.objects.get(pk=rating.vote.pk).ballots_issued == 0


def test_a_closed_tally_is_read_only(staff_client, rating, make_persona):
    from supervision.confidence.services import vote_close

    tally(rating.vote, rating.candidates[0], issued=15, returned=15, confidence=15)
    tally(rating.vote, rating.candidates[1], confidence=15)
    vote_close(vote=rating.vote, user=make_persona("admin"))

    assert (
        staff_client.get(reverse("supervision-confidence-tally", args=[rating.vote.pk])).status_code
        == 403
    )
    edit = reverse("supervision-confidencevote-update", args=[rating.vote.pk])
    assert staff_client.get(edit).status_code == 403
    assert _post(staff_client, rating, rows=[{"low": 15}, {"low": 15}]).status_code == 403
    assert ConfidenceCandidate.objects.filter(vote=rating.vote, low=15).count() == 0


def test_closing_needs_every_tally(staff_client, rating):
    response = _post(staff_client, rating, rows=[{"confidence": 15}, {}], close=True)

    assert response.status_code == 302
    page = staff_client.get(response["Location"]).content.decode()
    assert "Chưa nhập số phiếu của Người thứ 2." in page
    assert ConfidenceVote.objects.get(pk=rating.vote.pk).state == "open"


def test_it_warns_when_a_holder_who_took_office_in_the_rating_year_is_on_the_ballot(
    staff_client, rating
):
    newcomer = rating.candidates[1].holder
    newcomer.start_date = newcomer.start_date.replace(year=2025, month=7)
    newcomer.save()

    url = reverse("supervision-confidence-tally", args=[rating.vote.pk])
    warning = "thuộc diện không lấy phiếu (Khoản 5 Điều 2 Nghị quyết 96/2023/QH15)"
    assert warning in staff_client.get(url).content.decode()
    assert warning in staff_client.get(rating.vote.get_absolute_url()).content.decode()

    _post(staff_client, rating, rows=[{"confidence": 15}, {"exempt": True, "reason": "new"}])
    assert warning not in staff_client.get(url).content.decode()


def test_an_exempt_person_has_no_tallies(staff_client, rating):
    response = _post(
        staff_client, rating, rows=[{"confidence": 15}, {"exempt": True, "confidence": 3}]
    )

    assert "không lấy phiếu nên không có số phiếu" in response.content.decode()


def test_a_new_rating_exempts_those_who_took_office_in_its_year(staff_client, rating):
    PositionHolderFactory(
        term=rating.term, full_name="Lê Văn Mới", start_date=rating.vote.vote_date.replace(month=5)
    )
    rating.vote.delete()  # the term's one rating is the one made here
    response = staff_client.post(
        reverse("supervision-confidencevote-create"),
        {
            "procedure": "rating",
            "term": rating.term.pk,
            "vote_date": "12/12/2025",
            "year": 2025,
        },
    )

    assert response.status_code == 302
    vote = ConfidenceVote.objects.get()
    rows = {c.holder.full_name: c for c in vote.candidates.all()}
    assert set(rows) == {"Người thứ 1", "Người thứ 2", "Lê Văn Mới"}
    assert rows["Lê Văn Mới"].exempt and rows["Lê Văn Mới"].exemption_reason == "new"
    assert not rows["Người thứ 1"].exempt


def test_the_tally_page_renders_every_row_with_its_record_id(staff_client, rating):
    page = staff_client.get(reverse("supervision-confidence-tally", args=[rating.vote.pk]))
    html = page.content.decode()

    for i, candidate in enumerate(rating.candidates):
        assert f'name="c-{i}-id" value="{candidate.pk}"' in html
    assert 'name="c-0-no_confidence"' not in html  # a rating has no "không tín nhiệm"
