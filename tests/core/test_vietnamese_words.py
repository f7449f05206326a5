"""No English or code names in front of users: every page speaks Vietnamese."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from councils.models import Membership
from tests.factories import (
    DeadlineRuleFactory,
    DelegateFactory,
    FollowUpFactory,
    MembershipFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# -- the layout ---------------------------------------------------------------------------


def test_it_titles_pages_with_the_councils_name_and_names_the_menu_in_vietnamese(
    staff_client, council
):
    html = page(staff_client, reverse("councils-delegate-list"))

    title = html.split("<title>")[1].split("</title>")[0]
    assert title.endswith(council.name)
    assert "HĐND Portal" not in html
    assert "Danh mục" in html
    assert ">Menu<" not in html and 'aria-label="Menu"' not in html


def test_the_login_page_names_the_portal_in_vietnamese(client):
    html = page(client, reverse("login"))

    assert "<title>Đăng nhập · Cổng HĐND</title>" in html
    assert "Đăng nhập Cổng HĐND" in html
    assert "HĐND Portal" not in html


# -- rule codes ---------------------------------------------------------------------------


@pytest.fixture
def rule(db):
    return DeadlineRuleFactory(code="complaint.accept", name="Thụ lý khiếu nại lần đầu")


def test_the_rule_choice_shows_the_rules_name_without_its_code(staff_client, rule):
    html = page(staff_client, reverse("followups-followup-create"))

    assert "Thụ lý khiếu nại lần đầu</option>" in html
    assert "(complaint.accept)" not in html


def test_the_rule_list_shows_names_not_codes(make_persona, client, rule):
    client.force_login(make_persona("delegate"))
    html = page(client, reverse("followups-deadlinerule-list"))

    assert "Thụ lý khiếu nại lần đầu" in html
    assert "complaint.accept" not in html


def test_only_those_who_add_rule_versions_see_the_code(make_persona, client, rule):
    url = reverse("followups-deadlinerule-detail", args=[rule.pk])
    client.force_login(make_persona("agency"))
    assert "complaint.accept" not in page(client, url)

    client.force_login(make_persona("staff"))
    assert "Mã quy tắc, dùng khi thêm phiên bản mới: <code>complaint.accept</code>" in page(
        client, url
    )


def test_a_missing_rule_is_named_not_coded(staff_client, council, rule):
    from hdnd_portal.followups.rules import RuleNotFound, rule_in_force

    with pytest.raises(RuleNotFound) as caught:
        rule_in_force("complaint.accept", rule.valid_from.replace(year=2000))
    assert "“Thụ lý khiếu nại lần đầu”" in caught.value.message
    assert "complaint.accept" not in caught.value.message


# -- the browsable API --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["delegate", "agency", "leadership", "committee"])
def test_the_api_root_is_json_for_users_who_are_not_staff(make_persona, client, role):
    client.force_login(make_persona(role))
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert b"Api Root" not in response.content


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_keep_the_browsable_api(make_persona, client, role):
    client.force_login(make_persona(role))
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html")

    assert response["Content-Type"].startswith("text/html")


# -- validator messages -------------------------------------------------------------------


def test_the_delegate_form_answers_bad_input_in_vietnamese(staff_client, council):
    term = TermFactory(council=council)
    response = staff_client.post(
        reverse("councils-delegate-create"),
        {"term": term.pk, "full_name": "", "email": "not-an-email", "start_date": "x"},
    )

    errors = response.context["form"].errors
    assert errors["full_name"] == ["Trường này là bắt buộc."]
    assert "Nhập" in errors["email"][0] and "Enter" not in errors["email"][0]
    assert all("Enter" not in e for e in errors["start_date"])


def test_the_term_number_has_a_maximum_with_a_vietnamese_message(staff_client):
    response = staff_client.post(
        reverse("councils-term-create"),
        {"name": "2031-2036", "number": 99, "start_date": "2031-03-15"},
    )
    assert response.status_code == 200
    assert "Khóa không được lớn hơn 30." in response.content.decode()


def test_the_api_refuses_a_term_number_over_30_in_vietnamese(staff_api):
    api = staff_api.post(
        "/api/v1/terms/", {"name": "2031-2036", "number": 99, "start_date": "2031-03-15"}
    )
    assert api.status_code == 400
    assert "Khóa không được lớn hơn 30." in str(api.json())


def test_the_api_answers_bad_input_in_vietnamese(staff_api, council):
    term = TermFactory(council=council)
    response = staff_api.post(
        "/api/v1/delegates/",
        {"term": term.pk, "full_name": "", "gender": "x", "start_date": "hôm qua", "email": "@"},
    )

    body = str(response.json())
    assert response.status_code == 400
    for english in ["This field", "Enter a valid", "is not a valid choice", "wrong format"]:
        assert english not in body, body
    assert "Trường này không được để trống." in body
    assert "không phải là lựa chọn hợp lệ" in body


# -- file inputs --------------------------------------------------------------------------


def test_the_answer_form_labels_its_file_input_in_vietnamese(staff_client, council):
    followup = FollowUpFactory(council=council)
    html = page(staff_client, reverse("followups-followup-answer", args=[followup.pk]))

    assert ">Chọn tệp</label>" in html
    assert "Chưa chọn tệp nào" in html
    assert 'type="file"' in html and "multiple" in html
    assert "js/file-picker.js" in html
    assert "<script>" not in html.split("file-picker.js")[0].rsplit("data-file-picker", 1)[1]


# -- terms and roles ----------------------------------------------------------------------


def test_terms_are_written_with_roman_numerals(staff_client, council):
    term = TermFactory(council=council, number=2)

    assert "Khóa II" in page(staff_client, reverse("councils-term-list"))
    detail = page(staff_client, reverse("councils-term-detail", args=[term.pk]))
    assert "Khóa II" in detail


def test_the_deputy_is_phó_trưởng_ban(staff_client, council):
    membership = MembershipFactory(
        council=council,
        committee__term__council=council,
        delegate=DelegateFactory(term=TermFactory(council=council)),
        role=Membership.Role.DEPUTY,
    )
    assert membership.get_role_display() == "Phó Trưởng Ban / Tổ phó"


def test_messages_missing_from_djangos_catalogue_come_from_ours():
    # ProhibitNullCharactersValidator: untranslated in Django's own "vi" catalogue. A form bound
    # outside a request shows it; a page's POST loses the NUL first (ControlCharactersMiddleware).
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        forms.CharField().clean("Chi bộ\x00")

    assert refused.value.messages == ["Không được chứa ký tự rỗng (null)."]
