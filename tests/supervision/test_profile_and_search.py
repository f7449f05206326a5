"""A delegate's page lists the supervisions they took part in; supervision records are found by
the search box without diacritics."""

import pytest
from django.urls import reverse

from supervision.models import TeamMember
from tests.factories import SupervisionActivityFactory

pytestmark = pytest.mark.django_db


def test_the_delegate_profile_lists_their_supervisions(staff_client, council, org):
    activity = SupervisionActivityFactory(council=council, topic="Giám sát chợ Phúc Lộc")
    TeamMember.objects.create(activity=activity, delegate=org["leader"], role="leader")
    html = staff_client.get(org["leader"].get_absolute_url()).content.decode()
    assert "Tham gia giám sát" in html
    assert "Giám sát chợ Phúc Lộc" in html and "trưởng đoàn" in html


def test_the_search_box_finds_activities_without_diacritics(staff_client, council):
    SupervisionActivityFactory(council=council, topic="Khảo sát nước sạch nông thôn")
    html = staff_client.get(reverse("core-search"), {"q": "nuoc sach"}).content.decode()
    assert "Hoạt động giám sát" in html
    assert "Khảo sát nước sạch nông thôn" in html
