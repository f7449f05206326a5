"""A user with roles in two councils switches between them; nobody switches into a stranger's."""

import pytest
from django.urls import reverse

from councils.models import CouncilRole
from tests.factories import CouncilFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_council_user(council, other_council):
    user = UserFactory(username="thu-ky-hai-xa")
    CouncilRole.objects.create(user=user, council=council, role="staff")
    CouncilRole.objects.create(user=user, council=other_council, role="leadership")
    return user


def test_it_starts_in_the_first_council_and_offers_the_other(
    client, two_council_user, ours, theirs
):
    client.force_login(two_council_user)

    body = client.get(reverse("councils-delegate-list")).content.decode()

    assert "Lê Thị Hòa Bình" in body  # "Hội đồng nhân dân Hòa Bình" sorts first
    assert "Lê Thị Phúc Lộc" not in body
    assert reverse("councils-switch") in body
    assert "Hội đồng nhân dân Phúc Lộc" in body


def test_it_switches_to_the_other_council_and_its_role(
    client, two_council_user, council, ours, theirs
):
    client.force_login(two_council_user)

    response = client.post(
        reverse("councils-switch"),
        {"council": council.pk, "next": reverse("councils-delegate-list")},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("councils-delegate-list")
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Đã chuyển HĐND làm việc." in body
    assert "Lê Thị Phúc Lộc" in body
    assert "Lê Thị Hòa Bình" not in body
    assert page.context["access"].role == "staff"
    assert (
        client.get(reverse("councils-delegate-detail", args=[theirs["delegate"].pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("councils-delegate-detail", args=[ours["delegate"].pk])).status_code
        == 200
    )


def test_it_carries_the_switch_to_the_api(client, two_council_user, council, ours, theirs):
    client.force_login(two_council_user)
    client.post(reverse("councils-switch"), {"council": council.pk})

    rows = client.get("/api/v1/delegates/").json()["results"]

    assert [r["full_name"] for r in rows] == ["Lê Thị Phúc Lộc"]


def test_it_applies_the_role_held_in_the_chosen_council(
    client, two_council_user, council, other_council
):
    client.force_login(two_council_user)
    client.post(reverse("councils-switch"), {"council": council.pk})
    assert client.get(reverse("councils-term-create")).status_code == 200

    client.post(reverse("councils-switch"), {"council": other_council.pk})
    assert client.get(reverse("councils-term-create")).status_code == 403


def test_it_refuses_a_council_where_the_user_has_no_role(client, two_council_user, ours, theirs):
    stranger = CouncilFactory(commune="Yên Bình", slug="yen-binh")
    client.force_login(two_council_user)

    response = client.post(reverse("councils-switch"), {"council": stranger.pk}, follow=True)

    body = response.content.decode()
    assert "Bạn không có vai trò trong HĐND này." in body
    assert response.context["access"].council_id != stranger.pk
    assert "Lê Thị Hòa Bình" in client.get(reverse("councils-delegate-list")).content.decode()


def test_it_refuses_a_single_council_user_switching_elsewhere(
    staff_client, other_council, ours, theirs
):
    staff_client.post(reverse("councils-switch"), {"council": other_council.pk})

    body = staff_client.get(reverse("councils-delegate-list")).content.decode()
    assert "Lê Thị Phúc Lộc" in body
    assert "Lê Thị Hòa Bình" not in body


def test_it_answers_400_for_a_malformed_council(staff_client):
    assert staff_client.post(reverse("councils-switch"), {"council": "abc"}).status_code == 400


def test_it_only_switches_by_post(staff_client, other_council):
    assert staff_client.get(reverse("councils-switch")).status_code == 405


def test_it_never_redirects_off_site(client, two_council_user, council):
    client.force_login(two_council_user)

    response = client.post(
        reverse("councils-switch"), {"council": council.pk, "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"
