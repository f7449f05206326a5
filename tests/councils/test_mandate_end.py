"""Issue 22.10, a delegate's mandate ended before the term (bãi nhiệm, cho thôi làm nhiệm vụ
đại biểu, mất quyền đại biểu, từ trần): the decision is recorded once, its command sets the
delegate's last day consistently and ends their positions, and every count of delegates in
office (the quorum, target 1.5.a, the training target) drops from that day."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from councils.models import Delegate, MandateEnd, Membership
from councils.services import mandate_end_save
from hdnd_portal.core.access import Access
from meetings import selectors as meeting_selectors
from petitions.metrics import delegates_receiving
from tests.factories import (
    CommitteeFactory,
    DelegateFactory,
    MembershipFactory,
    SessionFactory,
    TermFactory,
    persona,
)
from tests.meetings.conftest import rules  # noqa: F401 - the legal rules (quorum) as a fixture

pytestmark = pytest.mark.django_db
D = dt.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = D(2026, 10, 15)
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def term(council):
    term = TermFactory(council=council, name="2026-2031", start_date=D(2026, 3, 25))
    for _ in range(14):
        DelegateFactory(term=term)
    return term


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 15, 9, tzinfo=VN), tick=False)


def staff_access(council):
    staff = persona("staff", council)
    return Access(user_id=staff.pk, council_id=council.pk, council_name="", role="staff")


def values(delegate, **changes):
    return {
        "delegate": delegate,
        "kind": MandateEnd.Kind.RESIGNED,
        "decided_by": MandateEnd.Body.STANDING,
        "decision_number": "12/QĐ-TTHĐND",
        "decision_date": YESTERDAY,
        "effective_on": YESTERDAY,
        "reason": "Chuyển công tác ra ngoài địa bàn xã.",
        **changes,
    }


def test_a_delegate_dismissed_yesterday_is_not_counted_today_and_was_the_day_before(
    council,
    term,
    today,
    rules,  # noqa: F811
):
    leaver = DelegateFactory(term=term)
    ban = CommitteeFactory(term=term, kind="ban")
    MembershipFactory(committee=ban, delegate=leaver, role="head", start_date=term.start_date)
    mandate_end_save(access=staff_access(council), instance=None, values=values(leaver))

    leaver.refresh_from_db()
    assert leaver.end_date == YESTERDAY - dt.timedelta(days=1)  # the last day in office
    assert leaver.ended_at is None
    assert leaver.end_reason == "Cho thôi làm nhiệm vụ đại biểu theo 12/QĐ-TTHĐND ngày 14/10/2026"
    # Their position in the Ban ends with the mandate.
    assert Membership.objects.get(delegate=leaver).end_date == leaver.end_date

    in_office = Delegate.objects.filter(term=term).in_office
    before = YESTERDAY - dt.timedelta(days=1)
    assert (in_office(before).count(), in_office(YESTERDAY).count(), in_office(TODAY).count()) == (
        15,
        14,
        14,
    )
    # The quorum of a session counts the same delegates…
    sitting_today = SessionFactory(term=term, number=3, start_date=TODAY)
    sitting_before = SessionFactory(term=term, number=2, start_date=before)
    assert meeting_selectors.session_quorum(sitting_today).total == 14
    assert meeting_selectors.session_quorum(sitting_before).total == 15
    # … and so does target 1.5.a: the delegates in office during the days counted (a period
    # from today no longer has them; one from the day before yesterday still does).
    from_today = SimpleNamespace(start=TODAY, as_of=TODAY)
    from_before = SimpleNamespace(start=before, as_of=TODAY)
    assert delegates_receiving(council, from_today).denominator == 14
    assert delegates_receiving(council, from_before).denominator == 15


def test_a_dismissal_voted_at_a_sitting_ends_the_mandate_at_that_moment(council, term, today):
    leaver = DelegateFactory(term=term)
    voted = dt.datetime(2026, 10, 14, 10, 30, tzinfo=VN)
    mandate_end_save(
        access=staff_access(council),
        instance=None,
        values=values(
            leaver,
            kind=MandateEnd.Kind.DISMISSED,
            decided_by=MandateEnd.Body.COUNCIL,
            decision_number="25/NQ-HĐND",
            decided_at=voted,
            votes_for=11,
        ),
    )
    leaver.refresh_from_db()
    assert (leaver.end_date, leaver.ended_at) == (YESTERDAY, voted)
    assert leaver.in_office(YESTERDAY)  # the day's attendance sheet still lists them
    assert not leaver.in_office(voted + dt.timedelta(minutes=1))  # later votes do not
    assert not leaver.in_office(TODAY)


REFUSALS = [
    (
        {"kind": "dismissed", "decided_by": "standing"},
        "decided_by",
        "Thường trực HĐND xã không quyết định trường hợp “Bãi nhiệm (Hội đồng nhân dân bãi nhiệm)”.",
    ),
    (
        {
            "kind": "dismissed",
            "decided_by": "council",
            "decided_at": "2026-10-14T10:30:00+07:00",
            "votes_for": 9,
        },
        "votes_for",
        "Bãi nhiệm cần ít nhất hai phần ba tổng số đại biểu (10/15) biểu quyết tán thành.",
    ),
    (
        {"kind": "dismissed", "decided_by": "council", "votes_for": 12},
        "decided_at",
        "HĐND quyết định tại kỳ họp: nhập ngày và giờ biểu quyết.",
    ),
    ({"decision_number": ""}, "decision_number", "Nhập số quyết định, nghị quyết."),
]


@pytest.mark.parametrize(("change", "field", "message"), REFUSALS)
@pytest.mark.parametrize("door", ["page", "api"])
def test_the_page_and_the_api_refuse_alike(
    client, api, council, term, today, door, change, field, message
):
    leaver = DelegateFactory(term=term)
    posted = {
        "delegate": leaver.pk,
        "kind": "resigned",
        "decided_by": "standing",
        "decision_number": "12/QĐ-TTHĐND",
        "decision_date": "2026-10-14",
        "effective_on": "2026-10-14",
        "reason": "Chuyển công tác.",
        **change,
    }
    if door == "api":
        response = api("staff").post("/api/v1/mandate-ends/", posted, format="json")
        assert response.status_code == 400, response.content
        assert response.json()["error"]["fields"][field] == [message]
    else:
        client.force_login(persona("staff", council))
        page = {k: v for k, v in posted.items()}
        for key in ("decision_date", "effective_on"):
            page[key] = "14/10/2026"
        if "decided_at" in page:
            page["decided_at"] = "14/10/2026 10:30"
        response = client.post(reverse("councils-mandateend-create"), page)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not MandateEnd.objects.exists()
    assert Delegate.objects.get(pk=leaver.pk).end_date is None


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 302), ("admin", 302), ("standing", 403), ("delegate", 403), ("leadership", 403)],
)
def test_the_office_records_the_decision(client, council, term, today, role, status):
    leaver = DelegateFactory(term=term)
    client.force_login(persona(role, council))
    response = client.post(
        reverse("councils-mandateend-create"),
        {
            "delegate": leaver.pk,
            "kind": "died",
            "decided_by": "none",
            "effective_on": "14/10/2026",
            "reason": "Từ trần ngày 13/10/2026.",
        },
    )
    assert response.status_code == status
    ended = Delegate.objects.get(pk=leaver.pk).end_date
    assert ended == (D(2026, 10, 13) if status == 302 else None)


def test_a_correction_moves_the_last_day_and_keeps_the_history(council, term, today):
    leaver = DelegateFactory(term=term)
    access = staff_access(council)
    record = mandate_end_save(access=access, instance=None, values=values(leaver))
    mandate_end_save(access=access, instance=record, values={"effective_on": D(2026, 10, 20)})
    leaver.refresh_from_db()
    assert leaver.end_date == D(2026, 10, 19)
    assert record.history.count() == 2 and leaver.history.count() == 3
