"""The "Nhắc" button on an item's page: the inbox's bulk reminder, for this one item."""

import re

import pytest

from hdnd_portal.followups.models import FollowUp, ReminderLog
from tests.followups.support import item, travel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


def remind_form(body: str) -> dict | None:
    """The fields the page's "Nhắc" form would post, or None without the button."""
    match = re.search(r'<form method="post" action="([^"]+)" id="remind-one">(.*?)</form>', body)
    if match is None:
        return None
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', match[2]))
    return {"action": match[1], **fields}


def test_it_reminds_the_agency_of_this_item_and_comes_back_to_it(
    client, make_persona, council, django_capture_on_commit_callbacks
):
    followup = item(council, due=-3)
    agency_user = make_persona("agency", agency=followup.agency, username="ubnd-user")
    client.force_login(make_persona("staff"))
    page = f"/followups/{followup.pk}/"

    form = remind_form(client.get(page).content.decode())
    assert form is not None and "Nhắc</button>" in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form.pop("action"), form, follow=True)

    assert response.redirect_chain[-1][0] == page
    logs = ReminderLog.objects.all()
    assert [(log.followup_id, log.manual) for log in logs] == [(followup.pk, True)]
    assert agency_user.notifications.exists()


@pytest.mark.parametrize("role", ["leadership", "committee", "delegate", "agency"])
def test_it_shows_no_button_to_those_who_may_not_remind(client, make_persona, council, role):
    followup = item(council, due=-3)
    links = {"agency": followup.agency} if role == "agency" else {}
    client.force_login(make_persona(role, **links))
    body = client.get(f"/followups/{followup.pk}/").content.decode()
    assert remind_form(body) is None


def test_it_shows_no_button_on_a_finished_item(client, make_persona, council):
    followup = item(council, due=-3)
    FollowUp.objects.filter(pk=followup.pk).update(state=FollowUp.State.DONE)
    client.force_login(make_persona("standing"))
    assert remind_form(client.get(f"/followups/{followup.pk}/").content.decode()) is None
