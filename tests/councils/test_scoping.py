"""Staff of one council never see, open, change or export another council's records."""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.councils.records import RESOURCE_NAMES
from tests.xlsx import read_export

pytestmark = pytest.mark.django_db

TAG_OURS = "Phúc Lộc"
TAG_THEIRS = "Hòa Bình"


def xlsx_rows(response) -> list[tuple]:
    export = read_export(response)
    return [export.header, *export.rows]


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_lists_only_the_users_council(staff_client, ours, theirs, name):
    response = staff_client.get(reverse(f"councils-{name}-list"))

    assert response.status_code == 200
    body = response.content.decode()
    assert TAG_OURS in body
    assert TAG_THEIRS not in body
    plural = apps.get_model("councils", name)._meta.verbose_name_plural
    assert f"Tìm thấy 1 {plural}." in body


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_exports_only_the_users_council(staff_client, ours, theirs, name):
    response = staff_client.get(reverse(f"councils-{name}-list"), {"format": "xlsx"})

    assert response.status_code == 200
    header, *rows = xlsx_rows(response)
    assert len(rows) == 1
    assert any(TAG_OURS in str(cell) for cell in rows[0])
    assert not any(TAG_THEIRS in str(cell) for row in rows for cell in row)


@pytest.mark.parametrize("view", ["detail", "update", "history"])
@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_answers_404_for_another_councils_record(staff_client, ours, theirs, name, view):
    url = reverse(f"councils-{name}-{view}", args=[theirs[name].pk])

    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_does_not_change_another_councils_record_by_post(staff_client, ours, theirs, name):
    record = theirs[name]
    before = type(record).objects.get(pk=record.pk).updated_at

    response = staff_client.post(
        reverse(f"councils-{name}-update", args=[record.pk]), {"name": "Đã bị sửa"}
    )

    assert response.status_code == 404
    assert type(record).objects.get(pk=record.pk).updated_at == before


@pytest.mark.parametrize("view", ["detail", "update", "history"])
@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_it_opens_the_users_own_records(staff_client, ours, name, view):
    response = staff_client.get(reverse(f"councils-{name}-{view}", args=[ours[name].pk]))

    assert response.status_code == 200


def test_it_offers_only_the_users_council_in_form_choices(staff_client, ours, theirs):
    response = staff_client.get(reverse("councils-delegate-create"))

    body = response.content.decode()
    assert "Thôn Đông Phúc Lộc" in body
    assert "Tổ đại biểu số 1 Phúc Lộc" in body
    assert TAG_THEIRS not in body


def test_it_rejects_a_form_pointing_at_another_councils_term(staff_client, ours, theirs):
    response = staff_client.post(
        reverse("councils-constituency-create"),
        {
            "term": theirs["term"].pk,
            "number": 5,
            "name": "Thôn Bắc",
            "seats": 1,
        },
    )

    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not theirs["term"].constituencies.filter(name="Thôn Bắc").exists()


def test_it_offers_only_the_users_council_in_filter_choices(staff_client, ours, theirs):
    response = staff_client.get(reverse("councils-delegate-list"))

    body = response.content.decode()
    assert f"2026-2031 {TAG_OURS}" in body
    assert TAG_THEIRS not in body


def test_it_ignores_a_filter_for_another_councils_term(staff_client, ours, theirs):
    response = staff_client.get(reverse("councils-delegate-list"), {"term": theirs["term"].pk})

    body = response.content.decode()
    assert TAG_THEIRS not in body
