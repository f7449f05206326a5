"""The city's overseer (role ``city``): read-only in each council they follow, the side-by-side
view of those councils' targets from the home page, given in bulk by ``grant_city_role``."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from councils.models import CouncilRole
from tests.factories import CouncilFactory, DelegateFactory, TermFactory, UserFactory, persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_user(council):
    user = persona("city", council, username="thanhpho")
    other = CouncilFactory(commune="Hòa Bình", slug="hoa-binh")
    CouncilRole.objects.create(user=user, council=other, role="city")
    return user


def test_the_overseer_compares_the_councils_they_follow_from_the_home_page(
    client, council, city_user, plan
):
    client.force_login(city_user)
    home = client.get(reverse("home")).content.decode()
    assert "Các HĐND bạn theo dõi" in home
    assert "Bạn theo dõi việc thực hiện Kế hoạch của <strong>2</strong> HĐND." in home
    assert f'href="{reverse("targets-city")}"' in home
    city = client.get(reverse("targets-city")).content.decode()
    assert city.count("data-council=") == 2
    assert "Hòa Bình" in city and council.name in city


def test_the_overseer_reads_but_never_writes(client, council, city_user, plan):
    client.force_login(city_user)
    client.post(reverse("councils-switch"), {"council": council.pk})
    delegate = plan["delegates"][0]
    assert client.get(reverse("targets-dashboard")).status_code == 200
    assert client.get(reverse("councils-delegate-list")).status_code == 200
    assert client.get(reverse("councils-delegate-detail", args=[delegate.pk])).status_code == 200
    assert client.get(reverse("targets-target-create")).status_code == 403
    assert client.get(reverse("councils-delegate-update", args=[delegate.pk])).status_code == 403
    response = client.post(
        reverse("targets-target-update", args=[plan["t11"].pk]), {"threshold": 1}
    )
    assert response.status_code == 403
    plan["t11"].refresh_from_db()
    assert plan["t11"].threshold == 100


def test_the_overseer_sees_nothing_of_a_council_they_do_not_follow(client, council, city_user):
    elsewhere = DelegateFactory(term=TermFactory(council=CouncilFactory(slug="xa-khac")))
    client.force_login(city_user)
    url = reverse("councils-delegate-detail", args=[elsewhere.pk])
    assert client.get(url).status_code == 404


def test_the_comparison_card_is_the_overseers_even_with_one_council(client, council, plan):
    client.force_login(persona("city", council))
    home = client.get(reverse("home")).content.decode()
    assert "Bạn theo dõi việc thực hiện Kế hoạch của <strong>1</strong> HĐND." in home
    assert (
        f'href="{reverse("targets-city")}"'
        in client.get(reverse("targets-dashboard")).content.decode()
    )
    client.force_login(persona("leadership", council))
    assert "Các HĐND bạn theo dõi" not in client.get(reverse("home")).content.decode()


def run(*args) -> str:
    out = io.StringIO()
    call_command("grant_city_role", *args, stdout=out)
    return out.getvalue()


def test_grant_city_role_gives_the_role_in_every_council_and_keeps_other_roles():
    councils = [CouncilFactory() for _ in range(3)]
    user = persona("standing", councils[0], username="thanhpho")
    out = run("thanhpho", "--all")
    assert "ở 2 HĐND" in out
    assert "giữ vai trò “Thường trực HĐND” đã có" in out
    roles = dict(CouncilRole.objects.filter(user=user).values_list("council_id", "role"))
    assert roles == {councils[0].pk: "standing", councils[1].pk: "city", councils[2].pk: "city"}
    # A second run changes nothing; the revocation takes only the city roles.
    assert "ở 0 HĐND" in run("thanhpho", "--all")
    assert "Thu hồi" in run("thanhpho", "--council", councils[1].slug, "--revoke")
    roles = dict(CouncilRole.objects.filter(user=user).values_list("council_id", "role"))
    assert roles == {councils[0].pk: "standing", councils[2].pk: "city"}


def test_grant_city_role_refuses_unknown_users_and_councils():
    CouncilFactory(slug="phuc-loc")
    UserFactory(username="thanhpho")
    with pytest.raises(CommandError, match="Không có tài khoản “ai-do”"):
        run("ai-do", "--all")
    with pytest.raises(CommandError, match="Không có HĐND mã: khong-co"):
        run("thanhpho", "--council", "phuc-loc", "--council", "khong-co")
    assert not CouncilRole.objects.exists()
