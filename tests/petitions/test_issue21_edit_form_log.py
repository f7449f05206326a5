"""Issue 21, item 9: the handler's edit form shows the denouncer's identity, so each time it is
shown is one row of the identity access log, as for the detail page; building the form never
writes, a save that redirects writes none, and nobody else's form shows or logs anything."""

import pytest
from django.urls import reverse

from hdnd_portal.core.access import Access
from petitions.forms import LetterForm, ReceptionForm
from petitions.models import IdentityAccess
from tests.factories import persona
from tests.petitions.conftest import DENOUNCER, DENOUNCER_ID, new_letter

pytestmark = pytest.mark.django_db


def _form_data(form, **changes) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if hasattr(value, "strftime"):
            value = value.strftime("%d/%m/%Y")
        if value is True:
            value = "on"
        if value not in (None, False):
            data[name] = value
    data.update(changes)
    return data


@pytest.mark.parametrize("record", ["letter", "reception"])
def test_each_showing_of_the_handlers_edit_form_is_logged_once(
    client, handler, denunciation, record
):
    target = denunciation if record == "letter" else denunciation.reception
    url = reverse(f"petitions-{record}-update", args=[target.pk])
    log = IdentityAccess.objects.filter(user=handler).order_by("id").all
    client.force_login(handler)

    response = client.get(url)
    body = response.content.decode()
    assert DENOUNCER in body and DENOUNCER_ID in body
    assert "Lượt xem này đã được ghi vào nhật ký truy cập" in body
    assert [(e.purpose, e.page, e.letter_id or e.reception_id) for e in log()] == [
        ("form", url, target.pk)
    ]

    client.get(url)
    assert log().count() == 2  # shown again, logged again

    form = response.context["form"]
    refused = client.post(url, _form_data(form, received_on="01/01/2100"))
    assert refused.status_code == 200 and DENOUNCER in refused.content.decode()
    assert log().count() == 3  # the refused form shows the identity once more

    saved = client.post(url, _form_data(form))
    assert saved.status_code == 302
    assert log().count() == 3  # a save redirects: nothing shown, nothing logged


def test_building_the_form_writes_nothing(council, handler, denunciation):
    access = Access(user_id=handler.pk, council_id=council.pk, council_name="", role="staff")

    letter_form = LetterForm(instance=denunciation, access=access)
    reception_form = ReceptionForm(instance=denunciation.reception, access=access)

    assert letter_form.shown.revealed and reception_form.shown.revealed
    assert "sender_name" in letter_form.fields
    assert not IdentityAccess.objects.exists()


@pytest.mark.parametrize("role", ["staff", "standing"])
def test_a_non_handlers_form_shows_and_logs_nothing(client, council, denunciation, role):
    client.force_login(persona(role, council, username=f"khong-xu-ly-{role}"))

    for url in (
        reverse("petitions-letter-update", args=[denunciation.pk]),
        reverse("petitions-reception-update", args=[denunciation.reception_id]),
    ):
        body = client.get(url).content.decode()
        assert DENOUNCER not in body and DENOUNCER_ID not in body
        assert "nhật ký truy cập" not in body
    assert not IdentityAccess.objects.exists()


def test_an_unprotected_letters_form_logs_nothing(client, council, handler):
    letter = new_letter(council, handler)
    client.force_login(handler)

    body = client.get(reverse("petitions-letter-update", args=[letter.pk])).content.decode()

    assert "Nguyễn Văn Hùng" in body
    assert not IdentityAccess.objects.exists()
