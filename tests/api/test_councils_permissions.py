"""The role matrix on the API: the same answers as the pages."""

import pytest
from rest_framework.test import APIClient

from councils.models import Delegate
from tests.councils.records import SPECS, api_payload

pytestmark = pytest.mark.django_db

READERS = ["admin", "staff", "standing", "committee", "delegate", "leadership"]
READ_ONLY = ["standing", "committee", "delegate", "leadership"]


def url(spec, pk=None):
    return f"/api/v1/{spec.api}/" + (f"{pk}/" if pk else "")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
@pytest.mark.parametrize("role", READERS)
def test_it_lets_every_council_role_read(api, ours, role, spec):
    client = api(role)

    assert client.get(url(spec)).status_code == 200
    assert client.get(url(spec, ours[spec.name].pk)).status_code == 200


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_it_forbids_the_councils_api_to_an_answering_agency(api, ours, spec):
    client = api("agency")

    for response in [
        client.get(url(spec)),
        client.get(url(spec, ours[spec.name].pk)),
        client.post(url(spec), api_payload(spec.name, ours), format="json"),
    ]:
        assert response.status_code == 403
        assert response.json()["error"] == {
            "code": "permission_denied",
            "message": "Bạn không có quyền thực hiện thao tác này.",
            "fields": None,
        }


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_it_refuses_anonymous_callers_in_vietnamese(ours, spec):
    response = APIClient().get(url(spec))

    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response.json()["error"]["message"] == "Bạn chưa đăng nhập (thiếu thông tin xác thực)."


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
@pytest.mark.parametrize("role", ["admin", "staff"])
def test_it_lets_admin_and_staff_create_and_change(api, ours, role, spec):
    client = api(role)

    created = client.post(url(spec), api_payload(spec.name, ours), format="json")
    changed = client.patch(url(spec, ours[spec.name].pk), {}, format="json")

    assert created.status_code == 201, created.json()
    assert changed.status_code == 200, changed.json()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
@pytest.mark.parametrize("role", READ_ONLY)
def test_it_keeps_read_only_roles_from_writing(api, ours, role, spec):
    client = api(role)
    model = type(ours[spec.name])
    before = model.objects.count()

    created = client.post(url(spec), api_payload(spec.name, ours), format="json")
    changed = client.patch(url(spec, ours[spec.name].pk), {"name": "Đã sửa"}, format="json")

    assert created.status_code == 403
    assert changed.status_code == 403
    assert changed.json()["error"]["code"] == "permission_denied"
    assert model.objects.count() == before


def test_it_never_deletes_through_the_api(staff_api, ours):
    response = staff_api.delete(f"/api/v1/delegates/{ours['delegate'].pk}/")

    assert response.status_code == 405
    assert response.json()["error"]["message"] == "Phương thức “DELETE” không được chấp nhận."
    assert Delegate.objects.filter(pk=ours["delegate"].pk).exists()


class TestDelegateSelfService:
    @pytest.fixture
    def me_client(self, make_persona):
        user = make_persona("delegate")
        client = APIClient()
        client.force_login(user)
        return client, Delegate.objects.get(user=user)

    def test_it_lets_a_delegate_change_their_contact_details_only(self, me_client):
        client, me = me_client
        original_name = me.full_name

        response = client.patch(
            f"/api/v1/delegates/{me.pk}/",
            {
                "phone": "0912 345 678",
                "email": "dai.bieu@phucloc.gov.vn",
                "address": "Thôn Đông",
                "workplace": "Trường Mầm non",
                "full_name": "Tên Bị Đổi",
                "position": "Chủ tịch",
                "employment": "full_time",
            },
            format="json",
        )

        assert response.status_code == 200, response.json()
        me.refresh_from_db()
        assert (me.phone, me.email, me.address, me.workplace) == (
            "0912345678",
            "dai.bieu@phucloc.gov.vn",
            "Thôn Đông",
            "Trường Mầm non",
        )
        assert me.full_name == original_name
        assert me.position == ""
        assert me.employment == Delegate.Employment.PART_TIME
        assert response.json()["full_name"] == original_name

    def test_it_forbids_a_delegate_to_change_another_delegate(self, me_client, ours):
        client, _me = me_client
        other = ours["delegate"]

        response = client.patch(
            f"/api/v1/delegates/{other.pk}/", {"phone": "0987654321"}, format="json"
        )

        assert response.status_code == 403
        other.refresh_from_db()
        assert other.phone == ""

    def test_it_forbids_a_delegate_to_create_delegates(self, me_client, ours):
        client, _me = me_client

        response = client.post("/api/v1/delegates/", api_payload("delegate", ours), format="json")

        assert response.status_code == 403
