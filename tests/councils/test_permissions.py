"""Who may open, add and change the council's organisation records (role matrix)."""

import pytest
from django.urls import reverse

from councils.models import Agency, Delegate
from tests.councils.records import RESOURCE_NAMES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

READERS = ["admin", "staff", "standing", "committee", "delegate", "leadership"]
WRITERS = ["admin", "staff"]
READ_ONLY = ["standing", "committee", "delegate", "leadership"]


def read_urls(name, record):
    return {
        "list": reverse(f"councils-{name}-list"),
        "export": reverse(f"councils-{name}-list") + "?format=xlsx",
        "detail": reverse(f"councils-{name}-detail", args=[record.pk]),
        "history": reverse(f"councils-{name}-history", args=[record.pk]),
    }


@pytest.fixture
def login(client, make_persona):
    def _login(role):
        client.force_login(make_persona(role))
        return client

    return _login


@pytest.mark.parametrize("name", RESOURCE_NAMES)
@pytest.mark.parametrize("role", READERS)
def test_it_lets_every_council_role_read_list_detail_export_and_history(login, ours, role, name):
    client = login(role)

    for view, url in read_urls(name, ours[name]).items():
        assert client.get(url).status_code == 200, (role, view)


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_forbids_councils_pages_to_an_answering_agency(login, ours, name):
    client = login("agency")

    for url in [
        *read_urls(name, ours[name]).values(),
        reverse(f"councils-{name}-create"),
        reverse(f"councils-{name}-update", args=[ours[name].pk]),
    ]:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_sends_anonymous_visitors_to_the_login_page(client, ours, name):
    for url in [*read_urls(name, ours[name]).values(), reverse(f"councils-{name}-create")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_it_forbids_councils_pages_to_a_user_without_any_role(client, ours):
    client.force_login(UserFactory(username="khong-vai-tro"))

    assert client.get(reverse("councils-delegate-list")).status_code == 403
    home = client.get(reverse("home")).content.decode()
    assert "chưa được phân vai trò" in home


@pytest.mark.parametrize("name", RESOURCE_NAMES)
@pytest.mark.parametrize("role", WRITERS)
def test_it_lets_admin_and_staff_open_add_and_edit_forms(login, ours, role, name):
    client = login(role)

    assert client.get(reverse(f"councils-{name}-create")).status_code == 200
    assert client.get(reverse(f"councils-{name}-update", args=[ours[name].pk])).status_code == 200
    list_page = client.get(reverse(f"councils-{name}-list")).content.decode()
    assert reverse(f"councils-{name}-create") in list_page


@pytest.mark.parametrize("name", RESOURCE_NAMES)
@pytest.mark.parametrize("role", READ_ONLY)
def test_it_keeps_read_only_roles_out_of_add_and_edit(login, ours, role, name):
    client = login(role)
    record = ours[name]

    assert client.get(reverse(f"councils-{name}-create")).status_code == 403
    assert client.post(reverse(f"councils-{name}-create"), {"name": "Mới"}).status_code == 403
    assert client.get(reverse(f"councils-{name}-update", args=[record.pk])).status_code == 403
    assert (
        client.post(
            reverse(f"councils-{name}-update", args=[record.pk]), {"name": "Đã sửa"}
        ).status_code
        == 403
    )
    list_page = client.get(reverse(f"councils-{name}-list")).content.decode()
    assert reverse(f"councils-{name}-create") not in list_page
    detail = client.get(reverse(f"councils-{name}-detail", args=[record.pk])).content.decode()
    assert reverse(f"councils-{name}-update", args=[record.pk]) not in detail


@pytest.mark.parametrize("role", WRITERS)
def test_it_saves_a_new_agency_for_writers(login, council, role):
    client = login(role)

    response = client.post(
        reverse("councils-agency-create"),
        {"name": "Trạm Y tế xã", "kind": "ubnd_unit", "active": "on"},
    )

    agency = Agency.objects.get(name="Trạm Y tế xã")
    assert response.status_code == 302
    assert response["Location"] == reverse("councils-agency-detail", args=[agency.pk])
    assert agency.council == council


@pytest.mark.parametrize("role", [*READ_ONLY, "agency"])
def test_it_saves_nothing_posted_by_other_roles(login, role):
    client = login(role)

    client.post(reverse("councils-agency-create"), {"name": "Trạm Y tế xã", "kind": "ubnd_unit"})

    assert not Agency.objects.filter(name="Trạm Y tế xã").exists()


class TestDelegateSelfService:
    @pytest.fixture
    def me(self, client, make_persona):
        user = make_persona("delegate")
        client.force_login(user)
        return Delegate.objects.get(user=user)

    def test_it_shows_the_delegate_an_edit_button_on_their_own_profile_only(self, client, me, ours):
        own = client.get(reverse("councils-delegate-detail", args=[me.pk])).content.decode()
        other = client.get(
            reverse("councils-delegate-detail", args=[ours["delegate"].pk])
        ).content.decode()

        assert reverse("councils-delegate-update", args=[me.pk]) in own
        assert reverse("councils-delegate-update", args=[ours["delegate"].pk]) not in other

    def test_it_offers_only_contact_fields(self, client, me):
        response = client.get(reverse("councils-delegate-update", args=[me.pk]))

        assert response.status_code == 200
        form = response.context["form"]
        assert set(form.fields) == {"phone", "email", "address", "workplace"}
        body = response.content.decode()
        assert 'name="full_name"' not in body
        assert 'name="phone"' in body

    def test_it_saves_contact_fields_and_ignores_everything_else(self, client, me):
        original_name, original_term = me.full_name, me.term_id

        response = client.post(
            reverse("councils-delegate-update", args=[me.pk]),
            {
                "phone": "0912 345 678",
                "email": "dai.bieu@phucloc.gov.vn",
                "address": "Thôn Đông, xã Phúc Lộc",
                "workplace": "Trường THCS Phúc Lộc",
                "full_name": "Tên Bị Đổi",
                "position": "Chủ tịch HĐND",
                "end_date": "2026-04-01",
                "employment": "full_time",
            },
        )

        assert response.status_code == 302
        me.refresh_from_db()
        assert me.phone == "0912345678"
        assert me.email == "dai.bieu@phucloc.gov.vn"
        assert me.address == "Thôn Đông, xã Phúc Lộc"
        assert me.workplace == "Trường THCS Phúc Lộc"
        assert me.full_name == original_name
        assert me.term_id == original_term
        assert me.position == ""
        assert me.end_date is None
        assert me.employment == Delegate.Employment.PART_TIME

    def test_it_forbids_editing_another_delegate(self, client, me, ours):
        other = ours["delegate"]

        get = client.get(reverse("councils-delegate-update", args=[other.pk]))
        post = client.post(
            reverse("councils-delegate-update", args=[other.pk]), {"phone": "0987654321"}
        )

        assert get.status_code == 403
        assert post.status_code == 403
        other.refresh_from_db()
        assert other.phone == ""

    def test_it_forbids_adding_a_delegate(self, client, me):
        assert client.get(reverse("councils-delegate-create")).status_code == 403


def test_it_shows_the_councils_menu_to_readers_but_not_to_agencies(client, make_persona):
    client.force_login(make_persona("leadership"))
    assert reverse("councils-delegate-list") in client.get(reverse("home")).content.decode()

    client.force_login(make_persona("agency"))
    assert reverse("councils-delegate-list") not in client.get(reverse("home")).content.decode()


class TestDjangoAdmin:
    def test_it_opens_for_superusers(self, client, make_persona):
        client.force_login(make_persona("admin"))

        assert client.get("/admin/").status_code == 200

    @pytest.mark.parametrize("role", ["staff", "standing", "leadership"])
    def test_it_sends_other_roles_to_the_admin_login(self, client, make_persona, role):
        client.force_login(make_persona(role))

        response = client.get("/admin/")

        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_it_refuses_a_django_staff_flag_without_superuser(self, client, make_persona):
        user = make_persona("staff")
        user.is_staff = True
        user.save()
        client.force_login(user)

        assert client.get("/admin/councils/delegate/").status_code == 302
