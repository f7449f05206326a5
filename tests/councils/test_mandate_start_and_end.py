"""Issue 19, delegates in office — one definition (``Delegate.objects.in_office``) for the
attendance sheet, the quorum, the votes, the targets and the confidence votes: a term's
delegates are in office from the opening of its first session (the law), not from election day;
a mandate ended at a sitting is typed with its moment on the page and through the API."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from councils.metrics import delegates_trained
from councils.models import Delegate, Term
from hdnd_portal.targets.periods import PeriodKind, period_for
from meetings import selectors, services
from tests.factories import DelegateFactory, SessionFactory, TermFactory
from tests.meetings.conftest import rules  # noqa: F401 - the legal rules (quorum) as a fixture

D = dt.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
ELECTION, FIRST = D(2026, 3, 15), D(2026, 3, 25)


@pytest.fixture
def elected(council, rules):  # noqa: F811
    term = TermFactory(
        council=council, name="2026-2031", election_date=ELECTION, start_date=ELECTION
    )
    delegates = [DelegateFactory(term=term, start_date=ELECTION) for _ in range(6)]
    first = SessionFactory(term=term, number=1, start_date=FIRST)
    return term, delegates, first


def in_office(term, on) -> int:
    return Delegate.objects.filter(term=term).in_office(on).count()


def test_the_opening_of_the_first_session_starts_the_terms_mandates(elected, time_machine):
    term, delegates, first = elected
    # Until the first session opens, election day is all that is known.
    assert in_office(term, D(2026, 3, 20)) == 6

    time_machine.move_to(dt.datetime(2026, 3, 25, 8, tzinfo=VN), tick=False)
    services.attendance_record(session=first, statuses={d.pk: "present" for d in delegates})
    services.session_open(session=first)
    term.refresh_from_db()
    assert term.first_session_on == FIRST
    assert (in_office(term, D(2026, 3, 24)), in_office(term, FIRST)) == (0, 6)
    assert not delegates[0].in_office(D(2026, 3, 24)) and delegates[0].in_office(FIRST)
    # The quorum of the first session counted them on its opening day.
    assert selectors.session_quorum(first).total == 6
    # The targets count the same delegates (1.3: trained ÷ in office on the day seen).
    assert not delegates_trained(
        term.council, period_for(PeriodKind.YEAR, None, D(2026, 3, 24))
    ).available
    assert (
        delegates_trained(term.council, period_for(PeriodKind.YEAR, None, FIRST)).denominator == 6
    )
    # A later session does not move it; a by-election delegate starts on their own day.
    second = SessionFactory(term=term, number=2, start_date=D(2026, 7, 15))
    time_machine.move_to(dt.datetime(2026, 7, 15, 8, tzinfo=VN), tick=False)
    services.attendance_record(session=second, statuses={d.pk: "present" for d in delegates})
    services.session_open(session=second)
    assert Term.objects.get(pk=term.pk).first_session_on == FIRST
    late = DelegateFactory(term=term, start_date=D(2026, 6, 1))
    assert not late.in_office(D(2026, 5, 31)) and late.in_office(D(2026, 6, 1))


@pytest.mark.parametrize("door", ["page", "api"])
def test_the_first_sessions_day_is_shown_and_never_typed(elected, client, api, door, time_machine):
    term, delegates, first = elected
    time_machine.move_to(dt.datetime(2026, 3, 25, 8, tzinfo=VN), tick=False)
    services.attendance_record(session=first, statuses={d.pk: "present" for d in delegates})
    services.session_open(session=first)
    if door == "api":
        staff = api("staff")
        staff.patch(f"/api/v1/terms/{term.pk}/", {"first_session_on": "2026-01-01"}, format="json")
        assert staff.get(f"/api/v1/terms/{term.pk}/").json()["first_session_on"] == "2026-03-25"
    else:
        from tests.factories import persona

        client.force_login(persona("staff", term.council))
        page = client.get(term.get_absolute_url()).content.decode()
        assert "Ngày khai mạc kỳ họp thứ nhất" in page and "25/03/2026" in page
        form = client.get(reverse("councils-term-update", args=[term.pk])).content.decode()
        assert "first_session_on" not in form
    assert Term.objects.get(pk=term.pk).first_session_on == FIRST


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_mandate_ended_at_a_sitting_is_recorded_with_its_moment(elected, client, api, door):
    term, delegates, _first = elected
    leaver = delegates[0]
    if door == "api":
        response = api("staff").patch(
            f"/api/v1/delegates/{leaver.pk}/",
            {"ended_at": "2026-12-20T10:00:00+07:00", "end_reason": "Xin thôi làm đại biểu"},
            format="json",
        )
        assert response.status_code == 200, response.json()
        wrong = api("staff", username="other").patch(
            f"/api/v1/delegates/{leaver.pk}/", {"end_date": "2026-12-21"}, format="json"
        )
        assert wrong.status_code == 400
        assert wrong.json()["error"]["fields"]["ended_at"] == [
            "Thời điểm thôi làm đại biểu phải thuộc ngày thôi làm đại biểu (21/12/2026)."
        ]
    else:
        from tests.factories import persona

        client.force_login(persona("staff", term.council))
        data = {
            "term": term.pk,
            "full_name": leaver.full_name,
            "gender": leaver.gender,
            "birth_date": f"{leaver.birth_date:%d/%m/%Y}",
            "employment": leaver.employment,
            "start_date": f"{leaver.start_date:%d/%m/%Y}",
            "ended_at": "20/12/2026 10:00",
            "end_reason": "Xin thôi làm đại biểu",
        }
        url = reverse("councils-delegate-update", args=[leaver.pk])
        assert client.post(url, data).status_code == 302
        response = client.post(url, {**data, "end_date": "21/12/2026"})
        assert "Thời điểm thôi làm đại biểu phải thuộc ngày thôi làm đại biểu" in (
            response.content.decode()
        )
    leaver.refresh_from_db()
    assert leaver.end_date == D(2026, 12, 20)
    assert leaver.ended_at == dt.datetime(2026, 12, 20, 10, tzinfo=VN)
