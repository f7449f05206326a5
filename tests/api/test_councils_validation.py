"""The API validates like the pages and answers in Vietnamese, in one error shape."""

import pytest

from councils.models import Agency, Delegate, Term
from tests.factories import AgencyFactory, ConstituencyFactory, MembershipFactory, TermFactory

pytestmark = pytest.mark.django_db


def error(response) -> dict:
    assert set(response.json()) == {"error"}
    return response.json()["error"]


def test_it_refuses_a_duplicate_term_name_with_a_400_not_a_500(staff_api, council):
    TermFactory(council=council, name="2026-2031", number=9)

    response = staff_api.post(
        "/api/v1/terms/",
        {"name": "2026-2031", "number": 10, "start_date": "2026-03-15"},
        format="json",
    )

    assert response.status_code == 400
    assert error(response) == {
        "code": "invalid",
        "message": "Dữ liệu không hợp lệ.",
        "fields": {"non_field_errors": ["Tên nhiệm kỳ này đã có trong HĐND."]},
    }
    assert Term.objects.filter(name="2026-2031").count() == 1


def test_it_refuses_a_duplicate_agency_name_on_update(staff_api, council):
    AgencyFactory(council=council, name="Công an xã")
    other = AgencyFactory(council=council, name="Trạm Y tế")

    response = staff_api.patch(
        f"/api/v1/agencies/{other.pk}/", {"name": "Công an xã"}, format="json"
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "non_field_errors": ["Tên cơ quan, đơn vị này đã có trong HĐND."]
    }
    assert Agency.objects.get(pk=other.pk).name == "Trạm Y tế"


def test_it_applies_the_models_date_rules(staff_api, council):
    term = TermFactory(council=council)

    response = staff_api.post(
        "/api/v1/delegates/",
        {
            "term": term.pk,
            "full_name": "Phạm Minh Tuấn",
            "gender": "male",
            "start_date": "2026-03-15",
            "end_date": "2026-01-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "end_date": ["Ngày thôi làm đại biểu phải sau ngày bắt đầu."]
    }


def test_it_refuses_a_constituency_of_another_term(staff_api, council):
    term = TermFactory(council=council)
    old_constituency = ConstituencyFactory(term=TermFactory(council=council))

    response = staff_api.post(
        "/api/v1/delegates/",
        {
            "term": term.pk,
            "full_name": "Phạm Minh Tuấn",
            "gender": "male",
            "start_date": "2026-03-15",
            "constituency": old_constituency.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "constituency": ["Đơn vị bầu cử không thuộc nhiệm kỳ đã chọn."]
    }


def test_it_refuses_an_overlapping_membership(staff_api, council):
    membership = MembershipFactory(committee__term__council=council)

    response = staff_api.post(
        "/api/v1/memberships/",
        {
            "committee": membership.committee_id,
            "delegate": membership.delegate_id,
            "role": "head",
            "start_date": "2027-01-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {
        "delegate": ["Đại biểu đã có chức vụ trong Ban/Tổ này trong khoảng thời gian đó."]
    }


def test_it_validates_and_tidies_phone_numbers_like_the_form(staff_api, council):
    term = TermFactory(council=council)
    base = {"term": term.pk, "gender": "female", "start_date": "2026-03-15"}

    bad = staff_api.post(
        "/api/v1/delegates/", {**base, "full_name": "Lò Thị Xuân", "phone": "12ab"}, format="json"
    )
    good = staff_api.post(
        "/api/v1/delegates/",
        {**base, "full_name": "Lò Thị Thu", "phone": "0912.345.678"},
        format="json",
    )

    assert error(bad)["fields"] == {"phone": ["Số điện thoại không hợp lệ (9-12 chữ số)."]}
    assert good.status_code == 201
    assert Delegate.objects.get(full_name="Lò Thị Thu").phone == "0912345678"


def test_it_names_missing_and_malformed_fields_in_vietnamese(staff_api, council):
    response = staff_api.post(
        "/api/v1/delegates/",
        {
            "full_name": "Phạm Minh Tuấn",
            "gender": "other",
            "start_date": "15-03-2026",
            "email": "khong-phai-email",
        },
        format="json",
    )

    assert response.status_code == 400
    fields = error(response)["fields"]
    assert fields["term"] == ["Trường này là bắt buộc."]
    assert fields["gender"] == ["“other” không phải là lựa chọn hợp lệ."]
    assert fields["start_date"][0].startswith("Ngày sai định dạng")
    assert fields["email"] == ["Nhập một địa chỉ email hợp lệ."]


def test_it_explains_an_unreadable_body(staff_api):
    response = staff_api.generic(
        "POST", "/api/v1/terms/", "{không phải json", content_type="application/json"
    )

    assert response.status_code == 400
    assert error(response)["code"] == "parse_error"
    assert error(response)["message"] == "Dữ liệu gửi lên không đọc được."


def test_it_keeps_a_views_own_vietnamese_message():
    from rest_framework import exceptions

    from hdnd_portal.core.api import exception_handler

    own = exception_handler(exceptions.PermissionDenied("Chỉ cơ quan được giao mới trả lời."), {})
    default = exception_handler(exceptions.PermissionDenied(), {})

    assert own.data["error"]["message"] == "Chỉ cơ quan được giao mới trả lời."
    assert default.data["error"]["message"] == "Bạn không có quyền thực hiện thao tác này."


def test_it_reports_a_term_ending_before_it_starts_under_the_end_date(staff_api):
    response = staff_api.post(
        "/api/v1/terms/",
        {"name": "2026-2031", "number": 2, "start_date": "2026-03-15", "end_date": "2026-03-14"},
        format="json",
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {"end_date": ["Ngày kết thúc phải sau ngày bắt đầu."]}
    assert not Term.objects.exists()


def test_it_reports_a_membership_ending_before_it_starts_under_the_end_date(staff_api, council):
    membership = MembershipFactory(committee__term__council=council)

    response = staff_api.patch(
        f"/api/v1/memberships/{membership.pk}/", {"end_date": "2020-01-01"}, format="json"
    )

    assert response.status_code == 400
    assert error(response)["fields"] == {"end_date": ["Ngày kết thúc phải sau ngày bắt đầu."]}
