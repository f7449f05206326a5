"""Dropdowns speak Vietnamese: "Tất cả" in filters, "— Chọn … —" in forms (issue 7).

Never Django's "---------" nor "Chưa xác định" (its "unknown" of a yes/no filter), on any
list or create page, with every kind of record in place so every dropdown has choices.
"""

import re

import pytest
from django.urls import reverse

from tests.test_url_walk import named_urls, world  # noqa: F401 - the walk's records

pytestmark = pytest.mark.django_db

PAGES = sorted(
    name
    for name, params in named_urls().items()
    if not params and (name.endswith(("-list", "-create")) or name == "followups-inbox")
)


def test_it_walks_the_list_pages():
    assert {"councils-delegate-list", "councils-delegate-create", "followups-inbox"} <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_no_dropdown_shows_dashes_or_unknown(client, world, name):  # noqa: F811
    _objects, users = world
    client.force_login(users["staff"])

    response = client.get(reverse(name))

    if response.status_code != 200:
        pytest.skip(f"{name} is not a staff page ({response.status_code})")
    body = response.content.decode()
    assert "---------" not in body
    assert "Chưa xác định" not in body


def test_filters_start_on_tat_ca_and_yes_no_filters_read_co_khong(client, world):  # noqa: F811
    _objects, users = world
    client.force_login(users["staff"])

    body = client.get(reverse("councils-delegate-list")).content.decode()

    first_options = dict(
        re.findall(r'<select name="(\w+)"[^>]*>\s*<option value="[^"]*"[^>]*>([^<]*)<', body)
    )
    assert first_options == {
        "term": "Tất cả nhiệm kỳ",
        "delegate_group": "Tất cả",
        "constituency": "Tất cả",
        "employment": "Tất cả",
        "gender": "Tất cả",
        "is_first_term": "Tất cả",
        "in_office": "Tất cả",
    }
    in_office = re.search(r'<select name="in_office".*?</select>', body, flags=re.S).group(0)
    assert re.findall(r">([^<]+)</option>", in_office) == ["Tất cả", "Có", "Không"]


def test_a_form_asks_to_choose_in_words(client, world):  # noqa: F811
    _objects, users = world
    client.force_login(users["staff"])

    body = client.get(reverse("councils-membership-create")).content.decode()

    assert '<option value="" selected>— Chọn thường trực/Ban/Tổ —</option>' in body
    assert '<option value="" selected>— Chọn đại biểu —</option>' in body


def test_filters_stay_scoped_and_worded_after_the_api_schema_is_built(
    client,
    world,  # noqa: F811
    other_council,
):
    from drf_spectacular.generators import SchemaGenerator

    from councils.models import Committee
    from tests.factories import CommitteeFactory, TermFactory

    CommitteeFactory(
        term=TermFactory(council=other_council),
        kind=Committee.Kind.DELEGATE_GROUP,
        name="Tổ đại biểu thôn Hòa Bình",
    )
    SchemaGenerator().get_schema(request=None, public=True)  # builds every filter's field
    _objects, users = world
    client.force_login(users["staff"])

    body = client.get(reverse("councils-delegate-list"), {"term": ""}).content.decode()

    assert "Tổ đại biểu thôn Hòa Bình" not in body
    assert "---------" not in body
