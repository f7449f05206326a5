"""Issue 21, item 1: a denunciation is not unmasked by re-classifying it.

Protection is stored on the record (``identity_protected``), set when it is classified as a
denunciation (or a mixed letter) and kept by every ordinary save; only its handlers change its
kind (it stays protected) or its mark "nội dung làm lộ danh tính", and only they lift the
protection, with a reason kept in the history. After each attempt, no other role finds the
denouncer in any output."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from rest_framework.test import APIClient

from hdnd_portal.core.access import Access
from hdnd_portal.core.api import exception_handler
from petitions import services
from petitions.models import MASKED_DENOUNCER, IdentityAccess, Kind, Letter, Reception
from petitions.selectors import protected_view
from tests.factories import persona
from tests.petitions.conftest import (
    DENOUNCER,
    assert_denouncer_nowhere,
    new_letter,
    outputs_of,
)

pytestmark = pytest.mark.django_db


def _post_data(form, **changes) -> dict:
    """The edit form as its reader would send it back, with ``changes``."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        if value is True:
            value = "on"
        if value in (None, False):
            continue
        data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _access(user, council, role) -> Access:
    return Access(user_id=user.pk, council_id=council.pk, council_name="", role=role)


def _edit_url(record) -> str:
    return reverse(f"petitions-{record._meta.model_name}-update", args=[record.pk])


@pytest.mark.parametrize(
    ("role", "record", "new_kind"),
    [
        ("staff", "letter", Kind.COMPLAINT),
        ("standing", "letter", Kind.PETITION),
        ("staff", "reception", Kind.PETITION),
        ("standing", "reception", Kind.COMPLAINT),
    ],
)
def test_a_non_handler_cannot_reclassify_a_denunciation_and_it_stays_masked(
    client, council, denunciation, role, record, new_kind
):
    target = denunciation if record == "letter" else denunciation.reception
    clerk = persona(role, council, username=f"not-handler-{role}")
    client.force_login(clerk)
    form = client.get(_edit_url(target)).context["form"]

    response = client.post(_edit_url(target), _post_data(form, kind=new_kind))

    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == [services.KIND_LOCKED]
    target.refresh_from_db()
    assert target.kind == Kind.DENUNCIATION and target.identity_protected
    assert not IdentityAccess.objects.filter(user=clerk).exists()
    opened = assert_denouncer_nowhere(client, council, outputs_of(denunciation))
    assert opened["staff"] >= 15 and opened["agency"] <= 3  # agencies: the search page only


def test_a_non_handler_cannot_untick_the_content_that_reveals_the_denouncer(
    client, council, denunciation
):
    Letter.objects.filter(pk=denunciation.pk).update(content_reveals_identity=True)
    client.force_login(persona("standing", council, username="chu-tich-khac"))
    url = _edit_url(denunciation)
    form = client.get(url).context["form"]
    assert "subject" not in form.fields  # the summary names the denouncer: left out

    response = client.post(url, _post_data(form, content_reveals_identity=False))

    assert response.context["form"].errors["content_reveals_identity"] == [services.MARK_LOCKED]
    denunciation.refresh_from_db()
    assert denunciation.content_reveals_identity
    assert protected_view(denunciation)["subject"] != denunciation.subject


def test_the_api_refuses_a_change_of_kind_with_the_pages_words(council, denunciation):
    clerk = persona("staff", council, username="van-thu")
    api = APIClient()
    api.force_login(clerk)

    for url in (
        f"/api/v1/letters/{denunciation.pk}/",
        f"/api/v1/receptions/{denunciation.reception_id}/",
    ):
        assert api.patch(url, {"kind": "complaint"}, format="json").status_code == 405
        assert api.put(url, {"kind": "complaint"}, format="json").status_code == 405
    # The command is the one write path: a door that calls it answers the page's words as a 400.
    with pytest.raises(Exception) as refused:
        services.letter_save(
            access=_access(clerk, council, "staff"),
            instance=denunciation,
            values={"kind": Kind.COMPLAINT},
        )
    answer = exception_handler(refused.value, {})
    assert answer.status_code == 400
    assert answer.data["error"]["fields"]["kind"] == [services.KIND_LOCKED]
    denunciation.refresh_from_db()
    assert denunciation.kind == Kind.DENUNCIATION
    assert api.get(f"/api/v1/letters/{denunciation.pk}/").json()["sender_name"] == (
        MASKED_DENOUNCER
    )


@pytest.mark.parametrize("record", ["letter", "reception"])
def test_the_handlers_new_kind_keeps_the_identity_protected(
    client, council, handler, denunciation, record
):
    target = denunciation if record == "letter" else denunciation.reception
    client.force_login(handler)
    form = client.get(_edit_url(target)).context["form"]

    response = client.post(_edit_url(target), _post_data(form, kind=Kind.COMPLAINT))

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.kind == Kind.COMPLAINT
    assert target.identity_protected and target.is_protected
    assert protected_view(target)[target.identity_fields[0]] == MASKED_DENOUNCER
    assert_denouncer_nowhere(client, council, outputs_of(denunciation))
    client.force_login(handler)
    history = client.get(
        reverse(f"petitions-{target._meta.model_name}-history", args=[target.pk])
    ).content.decode()
    assert "Khiếu nại" in history and "Tố cáo" in history


def _reclassified(letter, handler, council):
    return services.letter_save(
        access=_access(handler, council, "staff"),
        instance=letter,
        values={"kind": Kind.COMPLAINT},
    )


def test_only_the_handler_lifts_the_protection_with_a_reason_kept_in_the_history(
    client, council, handler, denunciation
):
    _reclassified(denunciation, handler, council)
    url = reverse("petitions-letter-lift", args=[denunciation.pk])
    for role in ("staff", "standing", "delegate"):
        client.force_login(persona(role, council, username=f"lift-{role}"))
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "Xem thử"}).status_code == 403
    assert_denouncer_nowhere(client, council, outputs_of(denunciation))

    client.force_login(handler)
    assert "Bỏ bảo mật danh tính" in client.get(denunciation.get_absolute_url()).content.decode()
    assert client.post(url, {"reason": ""}).context["form"].errors["reason"]
    reason = "Phân loại lại: đơn chỉ khiếu nại quyết định thu tiền, không tố cáo cá nhân nào."
    assert client.post(url, {"reason": reason}).status_code == 302

    denunciation.refresh_from_db()
    assert not denunciation.identity_protected
    assert denunciation.protection_lift_reason == reason
    latest = denunciation.history.order_by("-history_id").first()
    assert latest.history_change_reason.startswith("Bỏ bảo mật danh tính: Phân loại lại")
    assert latest.protection_lift_reason == reason and latest.history_user == handler
    entry = IdentityAccess.objects.get(purpose="lift")
    assert (entry.user, entry.letter, entry.detail) == (handler, denunciation, reason)
    body = client.get(reverse("petitions-letter-history", args=[denunciation.pk])).content
    assert reason in body.decode()
    # Lifted: the sender is an ordinary complainant now.
    client.force_login(persona("standing", council, username="chu-tich"))
    assert DENOUNCER in client.get(denunciation.get_absolute_url()).content.decode()


def test_a_denunciation_is_never_lifted_while_it_is_one(client, handler, denunciation):
    client.force_login(handler)
    url = reverse("petitions-letter-lift", args=[denunciation.pk])
    assert (
        "Bỏ bảo mật danh tính</a>"
        not in client.get(denunciation.get_absolute_url()).content.decode()
    )

    response = client.post(url, {"reason": "Người tố cáo đồng ý công khai"})

    assert response.context["form"].errors["reason"] == [
        services.LIFT_STILL_PROTECTED_KIND % {"kind": "Tố cáo"}
    ]
    denunciation.refresh_from_db()
    assert denunciation.identity_protected


def test_the_reception_is_lifted_by_whoever_logged_it(client, council, handler, denunciation):
    reception = denunciation.reception
    services.reception_save(
        access=_access(handler, council, "staff"),
        instance=reception,
        values={"kind": Kind.PETITION},
    )
    url = reverse("petitions-reception-lift", args=[reception.pk])
    client.force_login(persona("staff", council, username="van-thu-2"))
    assert client.post(url, {"reason": "Kiến nghị"}).status_code == 403

    client.force_login(handler)
    assert client.post(url, {"reason": "Phân loại lại là kiến nghị"}).status_code == 302
    reception.refresh_from_db()
    assert not reception.identity_protected and reception.citizen_name == DENOUNCER
    assert IdentityAccess.objects.filter(purpose="lift", reception=reception).count() == 1


def test_classifying_a_letter_as_a_denunciation_protects_it_for_good(council, handler):
    letter = new_letter(council, handler)
    assert not letter.identity_protected

    letter.kind = Kind.MIXED
    letter.save()
    letter.kind = Kind.PETITION
    letter.save()

    letter.refresh_from_db()
    assert letter.identity_protected
    assert protected_view(letter)["sender_name"] == MASKED_DENOUNCER


def test_the_migration_protects_the_denunciations_already_stored(council, handler, denunciation):
    petition = new_letter(council, handler)
    for model in (Letter, Reception, Letter.history.model, Reception.history.model):
        model.objects.update(identity_protected=False)
    migration = importlib.import_module("petitions.migrations.0006_identity_protected")

    migration.mark_protected(apps, None)

    assert Letter.objects.get(pk=denunciation.pk).identity_protected
    assert Reception.objects.get(pk=denunciation.reception_id).identity_protected
    assert not Letter.objects.get(pk=petition.pk).identity_protected
    assert all(h.identity_protected for h in denunciation.history.all())
