"""The API shows, opens and accepts only records of the caller's council."""

import pytest

from tests.councils.records import SPECS, api_payload

pytestmark = pytest.mark.django_db

RELATED = [(spec, field) for spec in SPECS for field in spec.related]


def url(spec, pk=None):
    return f"/api/v1/{spec.api}/" + (f"{pk}/" if pk else "")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_it_lists_only_the_callers_council(staff_api, ours, theirs, spec):
    response = staff_api.get(url(spec))

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert [row["id"] for row in response.json()["results"]] == [ours[spec.name].pk]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_it_answers_404_in_vietnamese_for_another_councils_record(staff_api, ours, theirs, spec):
    response = staff_api.get(url(spec, theirs[spec.name].pk))

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Không tìm thấy.", "fields": None}
    }


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_it_does_not_change_another_councils_record(staff_api, ours, theirs, spec):
    record = theirs[spec.name]
    before = type(record).objects.get(pk=record.pk).updated_at

    response = staff_api.patch(url(spec, record.pk), {"name": "Đã bị sửa"}, format="json")

    assert response.status_code == 404
    assert type(record).objects.get(pk=record.pk).updated_at == before


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_it_creates_records_in_the_callers_council(staff_api, council, ours, spec):
    response = staff_api.post(url(spec), api_payload(spec.name, ours), format="json")

    assert response.status_code == 201, response.json()
    model = type(ours[spec.name])
    assert model.objects.get(pk=response.json()["id"]).council == council
    assert "council" not in response.json()


@pytest.mark.parametrize("spec,field", RELATED, ids=[f"{s.name}-{f}" for s, f in RELATED])
def test_it_refuses_a_related_record_of_another_council(staff_api, ours, theirs, spec, field):
    payload = api_payload(spec.name, ours)
    model = type(ours[spec.name])
    before = model.objects.count()
    target = theirs[{"parent": "agency", "delegate_group": "committee"}.get(field, field)]
    payload[field] = target.pk

    response = staff_api.post(url(spec), payload, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"] == "Dữ liệu không hợp lệ."
    assert error["fields"] == {
        field: [f"Không tìm thấy bản ghi có mã “{target.pk}” trong HĐND của bạn."]
    }
    assert model.objects.count() == before


def test_it_ignores_a_council_sent_by_the_client(staff_api, council, other_council, ours):
    payload = {**api_payload("partycell", ours), "council": other_council.pk}

    response = staff_api.post("/api/v1/party-cells/", payload, format="json")

    assert response.status_code == 201
    from councils.models import PartyCell

    assert PartyCell.objects.get(pk=response.json()["id"]).council == council


def test_it_refuses_a_filter_on_another_councils_term(staff_api, ours, theirs):
    response = staff_api.get("/api/v1/delegates/", {"term": theirs["term"].pk})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "term" in response.json()["error"]["fields"]
