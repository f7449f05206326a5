"""Who sits on which body on a given day: the current term, committee access, delegates offered.

The 2021-2026 term was cut short by the commune merger (it ended on 14 March
2026); the 2026-2031 term starts on election day, 15 March 2026.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import (
    CommitteeFactory,
    DelegateFactory,
    MembershipFactory,
    TermFactory,
    persona,
)

pytestmark = pytest.mark.django_db

D = dt.date


def on(day: dt.date, hour: int = 9):
    """Travel to ``day`` at ``hour`` o'clock, Vietnam time."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def old_term(council):
    return TermFactory(
        council=council,
        name="2021-2026",
        number=1,
        election_date=D(2021, 5, 23),
        start_date=D(2025, 7, 1),
        end_date=D(2026, 3, 14),
    )


@pytest.fixture
def new_term(council):
    return TermFactory(
        council=council,
        name="2026-2031",
        number=2,
        election_date=D(2026, 3, 15),
        start_date=D(2026, 3, 15),
    )


class TestCurrentTerm:
    def test_it_is_the_old_term_until_its_early_end(self, council, old_term, new_term):
        with on(D(2026, 3, 14), hour=23):
            assert council.current_term() == old_term

    def test_it_is_the_new_term_from_election_day(self, council, old_term, new_term):
        with on(D(2026, 3, 15), hour=0):
            assert council.current_term() == new_term
        assert council.current_term(D(2030, 1, 1)) == new_term

    def test_there_is_none_before_the_first_term_or_in_a_gap(self, council, old_term):
        assert council.current_term(D(2025, 6, 30)) is None
        assert council.current_term(D(2026, 3, 15)) is None  # not yet entered


def committees_of(client) -> set[int]:
    """The committees the portal lets the delegate act for, logged in now (sessions expire)."""
    client.force_login(client.user)
    response = client.get(reverse("followups-inbox"))
    return set(response.wsgi_request.access.committee_ids)


class TestCommitteeAccess:
    @pytest.fixture
    def delegate_client(self, client, council, new_term):
        delegate = DelegateFactory(term=new_term, full_name="Lê Thị Hoa")
        client.user = persona("delegate", council, delegate=delegate)
        client.delegate = delegate
        return client

    def test_a_membership_starting_next_month_grants_nothing_until_that_day(
        self, delegate_client, new_term
    ):
        ban = CommitteeFactory(term=new_term, name="Ban Văn hóa - Xã hội")
        MembershipFactory(
            committee=ban, delegate=delegate_client.delegate, start_date=D(2026, 12, 1)
        )

        with on(D(2026, 11, 16)):
            assert ban.pk not in committees_of(delegate_client)
        with on(D(2026, 12, 1)):
            assert ban.pk in committees_of(delegate_client)

    def test_a_membership_ending_next_month_holds_until_its_last_day(
        self, delegate_client, new_term
    ):
        ban = CommitteeFactory(term=new_term, name="Ban Kinh tế - Ngân sách")
        MembershipFactory(
            committee=ban, delegate=delegate_client.delegate, end_date=D(2026, 12, 15)
        )

        with on(D(2026, 11, 16)):
            assert ban.pk in committees_of(delegate_client)
        with on(D(2026, 12, 15), hour=22):
            assert ban.pk in committees_of(delegate_client)
        with on(D(2026, 12, 16)):
            assert ban.pk not in committees_of(delegate_client)

    def test_a_delegate_group_is_not_a_committee_to_act_for(self, delegate_client, new_term):
        group = CommitteeFactory(term=new_term, kind="delegate_group", name="Tổ đại biểu số 1")
        MembershipFactory(committee=group, delegate=delegate_client.delegate)

        with on(D(2026, 11, 16)):
            assert group.pk not in committees_of(delegate_client)


class TestFollowUpForm:
    def test_it_offers_only_delegates_in_office_today(self, staff_client, old_term, new_term):
        DelegateFactory(term=old_term, full_name="Đinh Văn Cũ", end_date=D(2026, 3, 14))
        DelegateFactory(term=new_term, full_name="Hà Thị Đương Nhiệm")
        DelegateFactory(term=new_term, full_name="Vũ Văn Sắp Nhận", start_date=D(2026, 12, 1))
        DelegateFactory(term=new_term, full_name="Trịnh Thị Đã Thôi", end_date=D(2026, 10, 31))

        with on(D(2026, 11, 16)):
            response = staff_client.get(reverse("followups-followup-create"))
        offered = {str(d) for d in response.context["form"].fields["delegate"].queryset}
        assert offered == {"Hà Thị Đương Nhiệm"}

        with on(D(2026, 3, 14)):
            response = staff_client.get(reverse("followups-followup-create"))
        offered = {str(d) for d in response.context["form"].fields["delegate"].queryset}
        assert offered == {"Đinh Văn Cũ"}


class TestEndBeforeStart:
    """The message shows under the end-date field, where the user corrects it."""

    def test_the_term_form(self, staff_client):
        response = staff_client.post(
            reverse("councils-term-create"),
            {
                "name": "2026-2031",
                "number": 2,
                "start_date": "2026-03-15",
                "end_date": "2026-03-01",
            },
        )

        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors == {"end_date": ["Ngày kết thúc phải sau ngày bắt đầu."]}

    def test_the_delegate_form(self, staff_client, new_term):
        response = staff_client.post(
            reverse("councils-delegate-create"),
            {
                "term": new_term.pk,
                "full_name": "Phạm Minh Tuấn",
                "gender": "male",
                "employment": "part_time",
                "start_date": "2026-03-15",
                "end_date": "2026-01-01",
            },
        )

        assert response.context["form"].errors == {
            "end_date": ["Ngày thôi làm đại biểu phải sau ngày bắt đầu."]
        }

    def test_the_membership_form(self, staff_client, new_term):
        ban = CommitteeFactory(term=new_term)
        delegate = DelegateFactory(term=new_term)

        response = staff_client.post(
            reverse("councils-membership-create"),
            {
                "committee": ban.pk,
                "delegate": delegate.pk,
                "role": "member",
                "start_date": "2026-04-01",
                "end_date": "2026-03-31",
            },
        )

        assert response.context["form"].errors == {
            "end_date": ["Ngày kết thúc phải sau ngày bắt đầu."]
        }

    def test_an_end_on_the_start_day_is_accepted(self, staff_client, new_term):
        ban = CommitteeFactory(term=new_term)
        delegate = DelegateFactory(term=new_term)

        response = staff_client.post(
            reverse("councils-membership-create"),
            {
                "committee": ban.pk,
                "delegate": delegate.pk,
                "role": "member",
                "start_date": "2026-04-01",
                "end_date": "2026-04-01",
            },
        )

        assert response.status_code == 302
