"""Two programme items that supervise the same body on a similar topic in the same quarter are
flagged (a warning, never a refusal), whoever holds them — the Party inspection committee and
the Fatherland Front included."""

import pytest
from django.urls import reverse

from supervision import selectors
from supervision.models import Body, ProgrammeItem, topics_similar
from tests.factories import SupervisionItemFactory, SupervisionProgrammeFactory

pytestmark = pytest.mark.django_db


def item(council, body, topic, month, agencies=(), year=2026, committee=None, **kwargs):
    programme = SupervisionProgrammeFactory(
        council=council, body=body, year=year, committee=committee
    )
    obj = SupervisionItemFactory(programme=programme, topic=topic, planned_month=month, **kwargs)
    obj.agencies.set(agencies)
    return obj


def test_similar_topics_are_compared_without_diacritics():
    assert topics_similar(
        "Việc quản lý, sử dụng đất công ích", "quan ly su dung dat cong ich tai UBND xa"
    )
    assert not topics_similar("Quản lý đất công ích", "Chi trả trợ cấp người có công")


def test_the_party_plan_overlapping_a_ban_item_is_flagged_both_ways(council, org):
    ban_item = item(
        council, Body.BAN, "Quản lý, sử dụng đất công ích", 4, [org["agency"]], committee=org["ban"]
    )
    party_item = item(
        council, Body.PARTY, "Kiểm tra việc quản lý sử dụng đất công ích", 6, [org["agency"]]
    )
    other_quarter = item(council, Body.MTTQ, "Quản lý đất công ích", 7, [org["agency"]])
    other_body = item(council, Body.HDND, "Quản lý, sử dụng đất công ích", 5, [org["other_agency"]])

    assert selectors.item_overlaps(ban_item) == [party_item]
    assert selectors.item_overlaps(party_item) == [ban_item]
    assert selectors.item_overlaps(other_quarter) == []
    assert selectors.overlapping_item_ids(council.pk) == {ban_item.pk, party_item.pk}
    assert other_body.pk not in selectors.overlapping_item_ids(council.pk)


def test_free_text_bodies_overlap_too(council):
    a = item(
        council,
        Body.HDND,
        "Hoạt động của hợp tác xã nông nghiệp",
        2,
        other_bodies="HTX Nông nghiệp Phúc Lộc",
    )
    b = item(
        council,
        Body.MTTQ,
        "Giám sát hoạt động hợp tác xã nông nghiệp",
        3,
        other_bodies="HTX nông nghiệp Phúc Lộc",
    )
    assert selectors.item_overlaps(a) == [b]


def test_the_items_page_warns_and_the_list_filters_overlaps(client, make_persona, council, org):
    a = item(
        council,
        Body.BAN,
        "Chi trả chế độ bảo trợ xã hội",
        10,
        [org["agency"]],
        committee=org["ban"],
    )
    b = item(council, Body.MTTQ, "Việc chi trả chế độ bảo trợ xã hội", 11, [org["agency"]])
    lone = item(council, Body.HDND, "Xây dựng trường mầm non", 11, [org["agency"]])
    client.force_login(make_persona("staff"))

    html = client.get(a.get_absolute_url()).content.decode()
    assert "Có thể trùng lặp với 1 nội dung giám sát khác trong cùng quý" in html
    assert b.topic in html
    assert "trùng lặp" not in client.get(lone.get_absolute_url()).content.decode().lower()

    listed = client.get(
        reverse("supervision-programmeitem-list"), {"overlap": "true"}
    ).content.decode()
    assert a.topic in listed and b.topic in listed and lone.topic not in listed


def test_the_form_warns_but_saves(client, make_persona, council, org):
    item(council, Body.PARTY, "Kiểm tra công tác phòng cháy chữa cháy", 3, [org["agency"]])
    programme = SupervisionProgrammeFactory(
        council=council, body=Body.STANDING, committee=org["standing"]
    )
    client.force_login(make_persona("standing"))
    response = client.post(
        reverse("supervision-programmeitem-create"),
        {
            "programme": programme.pk,
            "topic": "Công tác phòng cháy, chữa cháy",
            "kind": "thematic",
            "agencies": [org["agency"].pk],
            "planned_month": 2,
        },
        follow=True,
    )
    created = ProgrammeItem.objects.get(programme=programme)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == created.get_absolute_url()
    assert "Có thể trùng lặp" in html

    edit = client.get(
        reverse("supervision-programmeitem-update", args=[created.pk])
    ).content.decode()
    assert "Có thể trùng lặp" in edit
