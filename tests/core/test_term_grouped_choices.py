"""Choices that span terms open on the term in force (issue 23): the current term's records first,
by their plain names; an ended term's under its own heading; a Ban member's new record starts on
their own Ban. The posted choice is still checked against every term the field accepts."""

import re

import pytest
from django.urls import reverse

from councils.middleware import build_access
from hdnd_portal.followups.forms import FollowUpCreateForm
from tests.councils.test_terms_on_lists import terms  # noqa: F401
from tests.factories import persona

pytestmark = pytest.mark.django_db


def test_a_form_lists_the_current_terms_delegates_first_and_the_old_term_under_its_name(
    staff_client,
    terms,  # noqa: F811
):
    body = staff_client.get(reverse("councils-training-create")).content.decode()
    select = re.search(r'<select name="delegates"[^>]*>(.*?)</select>', body, flags=re.S).group(1)
    before_group, _, group = select.partition("<optgroup")
    # The term in force: its delegate by name only, before any heading.
    assert re.findall(r"<option[^>]*>([^<]*)</option>", before_group) == ["Nguyễn Văn Hùng"]
    assert 'label="Nhiệm kỳ 2021-2026"' in group
    assert sorted(re.findall(r"<option[^>]*>([^<]*)</option>", group)) == [
        "Nguyễn Văn Hùng",
        "Trần Văn Cũ",
    ]
    assert "(2026-2031)" not in select and "(2021-2026)" not in select


def test_an_old_terms_record_stays_choosable(staff_client, terms):  # noqa: F811
    response = staff_client.post(
        reverse("councils-training-create"),
        {
            "course": "Kỹ năng chất vấn",
            "organiser": "Thường trực HĐND thành phố",
            "start_date": "10/09/2025",
            "mode": "in_person",
            "delegates": [terms["old_hung"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]


def test_a_ban_members_new_follow_up_starts_on_their_own_ban(council, terms):  # noqa: F811
    user = persona("committee", council, committee=terms["new_ban"])
    form = FollowUpCreateForm(access=build_access(user))
    assert form.initial.get("committee") == terms["new_ban"].pk
    staff = FollowUpCreateForm(access=build_access(persona("staff", council)))
    assert not staff.initial.get("committee")
