"""The public page (no login): synthesised petitions, answers and states, never a voter's name."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from councils.models import Council
from voters.demo import RAISED_BY
from voters.models import SynthesizedPetition, VoterMeeting, VoterPetition

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--force", "--today", "2026-11-28", stdout=io.StringIO())
    return Council.objects.get(slug="phuc-loc")


def test_the_demo_has_two_years_of_meetings_and_petitions_in_every_state(demo):
    assert VoterMeeting.objects.filter(council=demo).count() >= 20
    assert VoterPetition.objects.filter(council=demo).count() >= 200
    states = set(SynthesizedPetition.objects.filter(council=demo).values_list("state", flat=True))
    assert states == set(SynthesizedPetition.State.values)
    assert SynthesizedPetition.objects.filter(council=demo, repeat_of__isnull=False).exists()
    assert VoterMeeting.objects.filter(council=demo, kind="thematic", held_on__year=2026).exists()


def test_no_public_output_names_a_voter(client, demo):
    named = VoterPetition.objects.filter(
        council=demo, synthesized__isnull=False, raised_by__gt=""
    ).exclude(synthesized__state="new")
    assert named.exists()  # the demo's forwarded petitions do carry names
    index = client.get(reverse("voters-public-index"), follow=True)
    pages = [index.content.decode()]
    url = reverse("voters-public", args=[demo.slug])
    first = client.get(url)
    assert first.status_code == 200
    last = first.context["page"].paginator.num_pages
    for number in range(1, last + 1):
        pages.append(client.get(url, {"page": number}).content.decode())
    for state in SynthesizedPetition.State.values:
        pages.append(client.get(url, {"state": state}).content.decode())
    pages.append(client.get(url, {"q": "de nghi"}).content.decode())
    text = "\n".join(pages)
    assert "Trả lời:" in text
    for name in RAISED_BY:
        assert name not in text, name
        assert name.split(" ", 1)[1] not in text


def test_the_public_page_shows_answers_without_a_login_and_is_linked_from_the_login_page(
    client, demo
):
    login = client.get(reverse("login")).content.decode()
    assert reverse("voters-public-index") in login
    answered = SynthesizedPetition.objects.filter(council=demo, state="resolved").first()
    page = client.get(reverse("voters-public", args=[demo.slug]), {"state": "resolved"})
    body = page.content.decode()
    assert answered.answer in body
    assert "Chưa chuyển" not in body  # not yet forwarded petitions stay internal


def test_the_public_pages_link_to_each_other_and_to_the_login(client):
    from tests.factories import CouncilFactory

    council = CouncilFactory(commune="Hòa Bình", slug="hoa-binh")
    voters_page = client.get(reverse("voters-public", args=[council.slug])).content.decode()
    meetings_url = reverse("meetings-public-council", args=[council.slug])
    assert f'href="{meetings_url}"' in voters_page
    assert f'href="{reverse("login")}"' in voters_page
    meetings_page = client.get(meetings_url).content.decode()
    assert f'href="{reverse("voters-public", args=[council.slug])}"' in meetings_page
    CouncilFactory(commune="Phúc Lộc", slug="phuc-loc-2")  # two communes: the index lists them
    for index in ("voters-public-index", "meetings-public-index"):
        page = client.get(reverse(index)).content.decode()
        assert reverse("voters-public-index") in page and reverse("meetings-public-index") in page
