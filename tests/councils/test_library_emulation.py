"""Issue 22, items 2 and 3: the internal procedures library (versioned rules of work, visible to
delegates) and emulation and rewards (registrations, criteria, results, rewards)."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import (
    EmulationRegistration,
    EmulationResult,
    Procedure,
    ProcedureVersion,
    Reward,
)
from tests.factories import (
    CommitteeFactory,
    DelegateFactory,
    EmulationCriterionFactory,
    EmulationRegistrationFactory,
    EmulationResultFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    RewardFactory,
    TermFactory,
    persona,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n"


def pdf(name="quy-trinh.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx(name="quy-trinh.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
    return SimpleUploadedFile(name, buffer.getvalue())


def version_values(procedure, **overrides):
    values = {
        "procedure": procedure.pk,
        "decision_number": "15/QĐ-HĐND",
        "decision_date": "02/04/2026",
        "issuer": "Thường trực HĐND xã",
        "start_date": "10/04/2026",
        "file": pdf(),
    }
    values.update(overrides)
    return values


def errors_of(response) -> str:
    return response.content.decode()


# -- procedures library ----------------------------------------------------------------------
def test_a_new_version_replaces_the_one_in_force_and_keeps_it(client, council):
    procedure = ProcedureFactory(council=council)
    first = ProcedureVersionFactory(procedure=procedure)
    client.force_login(persona("staff", council))
    response = client.post(reverse("councils-procedureversion-create"), version_values(procedure))
    assert response.status_code == 302
    second = ProcedureVersion.objects.get(procedure=procedure, number=2)
    first.refresh_from_db()
    assert first.end_date == dt.date(2026, 4, 9)
    assert first.history.first().history_change_reason == "Được thay thế bởi phiên bản 2"
    assert second.end_date is None and second.is_current and not first.is_current
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert "Phiên bản 2" in page and "Đã được thay thế" in page and "Đang áp dụng" in page
    listing = client.get(reverse("councils-procedure-list")).content.decode()
    assert "Phiên bản 2 (QĐ 15/QĐ-HĐND, từ 10/04/2026)" in listing


def test_overlapping_or_earlier_versions_are_refused_by_page_and_api(client, api, council):
    procedure = ProcedureFactory(council=council)
    ProcedureVersionFactory(
        procedure=procedure, start_date=dt.date(2025, 8, 5), end_date=dt.date(2025, 9, 30)
    )
    ProcedureVersionFactory(
        procedure=procedure,
        number=2,
        start_date=dt.date(2025, 10, 1),
        decision_date=dt.date(2025, 10, 1),
        end_date=dt.date(2026, 6, 30),
    )
    client.force_login(persona("standing", council))
    earlier = client.post(
        reverse("councils-procedureversion-create"),
        version_values(procedure, start_date="01/09/2025", decision_date="01/09/2025"),
    )
    refusal = (
        "Phiên bản mới phải có hiệu lực sau ngày 01/10/2025 (ngày có hiệu lực của phiên bản 2)."
    )
    assert refusal in errors_of(earlier)
    overlapping = client.post(
        reverse("councils-procedureversion-create"), version_values(procedure)
    )
    clash = "Thời gian hiệu lực trùng với phiên bản 2 (từ 01/10/2025 đến 30/06/2026)."
    assert clash in errors_of(overlapping)
    response = api("staff").post(
        reverse("api-procedureversion-list"),
        {
            "procedure": procedure.pk,
            "decision_number": "15/QĐ-HĐND",
            "decision_date": "2026-04-02",
            "issuer": "Thường trực HĐND xã",
            "start_date": "2026-04-10",
            "file": pdf(),
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert clash in str(response.json())
    assert ProcedureVersion.objects.count() == 2


def test_a_version_needs_a_pdf_or_word_file_its_decision_before_its_effect(client, council):
    procedure = ProcedureFactory(council=council)
    client.force_login(persona("staff", council))
    url = reverse("councils-procedureversion-create")
    text = SimpleUploadedFile("quy-trinh.pdf", b"<html>not a pdf</html>")
    assert "không phải là tệp PDF" in errors_of(
        client.post(url, version_values(procedure, file=text))
    )
    image = SimpleUploadedFile("quy-trinh.png", b"\x89PNG\r\n\x1a\n....")
    assert "chỉ nhận tệp PDF hoặc Word" in errors_of(
        client.post(url, version_values(procedure, file=image))
    )
    missing = version_values(procedure)
    missing.pop("file")
    assert "Hãy tải lên tệp văn bản (PDF hoặc Word)." in errors_of(client.post(url, missing))
    early = client.post(url, version_values(procedure, start_date="01/04/2026"))
    assert "Ngày có hiệu lực không được trước ngày ban hành." in errors_of(early)
    future = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    assert "Ngày ban hành không được ở tương lai." in errors_of(
        client.post(url, version_values(procedure, decision_date=future, start_date=future))
    )
    assert not ProcedureVersion.objects.exists()
    assert client.post(url, version_values(procedure, file=docx())).status_code == 302


def test_a_delegate_reads_the_library_and_downloads_a_version_but_cannot_edit(client, api, council):
    version = ProcedureVersionFactory(procedure__council=council)
    client.force_login(persona("delegate", council))
    assert client.get(reverse("councils-procedure-list")).status_code == 200
    assert client.get(version.procedure.get_absolute_url()).status_code == 200
    download = client.get(reverse("councils-procedureversion-file", args=[version.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == (
        b"%PDF-1.4 demo"
    )
    assert client.get(reverse("councils-procedure-create")).status_code == 403
    assert (
        client.get(reverse("councils-procedureversion-update", args=[version.pk])).status_code
        == 403
    )
    response = client.post(
        reverse("councils-procedureversion-create"), version_values(version.procedure)
    )
    assert response.status_code == 403
    delegate_api = api("delegate", username="delegate-api")
    assert delegate_api.get(reverse("api-procedure-list")).status_code == 200
    assert (
        delegate_api.post(
            reverse("api-procedure-list"), {"kind": "other", "title": "Quy chế"}
        ).status_code
        == 403
    )
    assert Procedure.objects.count() == 1


def test_the_library_of_another_council_is_not_found(client, council, other_council):
    version = ProcedureVersionFactory(procedure__council=other_council)
    client.force_login(persona("staff", council))
    assert (
        client.get(reverse("councils-procedureversion-file", args=[version.pk])).status_code == 404
    )
    assert client.get(version.procedure.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 302),
        ("staff", 302),
        ("standing", 302),
        ("committee", 403),
        ("delegate", 403),
        ("leadership", 403),
        ("city", 403),
        ("agency", 403),
    ],
)
def test_the_office_and_the_standing_committee_record_procedures(client, council, role, status):
    client.force_login(persona(role, council))
    response = client.post(
        reverse("councils-procedure-create"),
        {"kind": "questioning", "document_type": "procedure", "title": "Quy trình chất vấn"},
    )
    assert response.status_code == status
    assert Procedure.objects.count() == (1 if status == 302 else 0)


def test_the_library_is_searched_without_diacritics(client, council):
    ProcedureFactory(council=council, title="Quy trình tổ chức đoàn giám sát")
    ProcedureFactory(council=council, title="Quy trình thẩm tra")
    client.force_login(persona("delegate", council))
    text = client.get(reverse("councils-procedure-list"), {"q": "doan giam sat"}).content.decode()
    assert "Quy trình tổ chức đoàn giám sát" in text and "Quy trình thẩm tra" not in text


# -- emulation and rewards -------------------------------------------------------------------
def registration_values(**overrides):
    values = {"year": 2026, "registered_on": "20/04/2026", "title": "advanced_worker"}
    values.update(overrides)
    return values


def test_a_registrant_registers_once_a_year_while_in_office(client, api, council):
    term = TermFactory(council=council)
    delegate = DelegateFactory(term=term)
    left = DelegateFactory(term=term, end_date=dt.date(2026, 3, 20))
    client.force_login(persona("staff", council))
    url = reverse("councils-emulationregistration-create")
    assert client.post(url, registration_values(delegate=delegate.pk)).status_code == 302
    again = client.post(url, registration_values(delegate=delegate.pk))
    assert "Đại biểu này đã đăng ký thi đua trong năm này." in errors_of(again)
    gone = client.post(
        url, registration_values(delegate=left.pk, year=2027, registered_on="10/01/2027")
    )
    assert "Ngày đăng ký không được ở tương lai." in errors_of(gone) or (
        f"{left.full_name} không phải đại biểu HĐND trong năm 2027." in errors_of(gone)
    )
    out = client.post(
        url, registration_values(delegate=left.pk, year=2025, registered_on="20/12/2025")
    )
    assert f"{left.full_name} không phải đại biểu HĐND trong năm 2025." in errors_of(out)
    # The API refuses the same, with the same words.
    response = api("standing").post(
        reverse("api-emulationregistration-list"),
        {
            "year": 2026,
            "registered_on": "2026-04-21",
            "title": "advanced_worker",
            "delegate": delegate.pk,
        },
    )
    assert response.status_code == 400
    assert "Đại biểu này đã đăng ký thi đua trong năm này." in str(response.json())
    assert EmulationRegistration.objects.count() == 1


def test_a_registration_names_one_registrant_and_a_title_of_its_kind(client, council):
    term = TermFactory(council=council)
    delegate = DelegateFactory(term=term)
    group = CommitteeFactory(term=term, kind="delegate_group", name="Tổ đại biểu số 1")
    client.force_login(persona("staff", council))
    url = reverse("councils-emulationregistration-create")
    neither = client.post(url, registration_values())
    assert "Hãy chọn đại biểu hoặc tập thể" in errors_of(neither)
    both = client.post(url, registration_values(delegate=delegate.pk, committee=group.pk))
    assert "không chọn cả hai" in errors_of(both)
    wrong = client.post(url, registration_values(committee=group.pk, title="advanced_worker"))
    assert "Danh hiệu “Lao động tiên tiến” dành cho cá nhân, không dành cho tập thể." in errors_of(
        wrong
    )
    ok = client.post(url, registration_values(committee=group.pk, title="advanced_collective"))
    assert ok.status_code == 302
    assert EmulationRegistration.objects.get().registrant_kind == "delegate_group"


def test_a_result_per_registration_and_no_title_without_the_duty_done(client, api, council):
    registration = EmulationRegistrationFactory(delegate__term__council=council)
    client.force_login(persona("standing", council))
    url = reverse("councils-emulationresult-create")
    values = {
        "registration": registration.pk,
        "reviewed_on": "20/11/2026",
        "rating": "not_done",
        "title_proposed": "advanced_worker",
    }
    assert "Không hoàn thành nhiệm vụ thì không đề nghị danh hiệu thi đua." in errors_of(
        client.post(url, values)
    )
    assert client.post(url, {**values, "rating": "excellent"}).status_code == 302
    again = client.post(url, {**values, "rating": "good", "title_proposed": ""})
    assert "Đăng ký thi đua này đã có kết quả bình xét." in errors_of(again)
    response = api("staff").post(
        reverse("api-emulationresult-list"),
        {"registration": registration.pk, "reviewed_on": "2026-11-21", "rating": "good"},
    )
    assert response.status_code == 400
    assert "Đăng ký thi đua này đã có kết quả bình xét." in str(response.json())
    assert EmulationResult.objects.count() == 1


def reward_values(**overrides):
    values = {
        "year": 2026,
        "form": "certificate",
        "level": "commune",
        "decision_number": "215/QĐ-UBND",
        "decision_date": "25/11/2026",
        "issuer": "Chủ tịch UBND xã",
    }
    values.update(overrides)
    return values


def test_a_reward_in_the_future_or_twice_is_refused_by_page_and_api(client, api, council):
    term = TermFactory(council=council)
    delegate = DelegateFactory(term=term)
    ban = CommitteeFactory(term=term)
    client.force_login(persona("staff", council))
    url = reverse("councils-reward-create")
    future = (timezone.localdate() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    refusal = "Ngày quyết định khen thưởng không được ở tương lai."
    assert refusal in errors_of(
        client.post(url, reward_values(delegate=delegate.pk, decision_date=future))
    )
    response = api("staff", username="staff-api").post(
        reverse("api-reward-list"),
        {
            **reward_values(delegate=delegate.pk),
            "decision_date": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 400 and refusal in str(response.json())
    early = client.post(
        url, reward_values(delegate=delegate.pk, year=2026, decision_date="10/01/2025")
    )
    assert "Quyết định khen thưởng không được trước năm thành tích 2026." in errors_of(early)
    assert client.post(url, reward_values(delegate=delegate.pk)).status_code == 302
    twice = client.post(url, reward_values(delegate=delegate.pk))
    assert "Quyết định này đã ghi khen thưởng cho đại biểu này." in errors_of(twice)
    title = client.post(url, reward_values(committee=ban.pk, form="title"))
    assert "Hãy chọn danh hiệu thi đua được tặng." in errors_of(title)
    assert (
        client.post(url, reward_values(committee=ban.pk, form="merit", level="city")).status_code
        == 302
    )
    assert list(Reward.objects.values_list("registrant_kind", flat=True).order_by("id")) == [
        "delegate",
        "ban",
    ]


def test_a_delegates_profile_shows_their_rewards_and_registrations(client, council):
    delegate_user = persona("delegate", council)
    delegate = delegate_user.council_roles.get().delegate
    RewardFactory(
        delegate=delegate, form="title", title="grassroots_fighter", decision_number="215/QĐ-UBND"
    )
    EmulationResultFactory(registration__delegate=delegate, rating="excellent")
    client.force_login(delegate_user)
    page = client.get(delegate.get_absolute_url()).content.decode()
    assert "Thi đua, khen thưởng" in page
    assert "Danh hiệu thi đua: Chiến sĩ thi đua cơ sở" in page and "215/QĐ-UBND" in page
    assert "bình xét: hoàn thành xuất sắc nhiệm vụ" in page
    # A delegate reads the emulation lists, and changes nothing.
    assert client.get(reverse("councils-reward-list")).status_code == 200
    assert client.get(reverse("councils-reward-create")).status_code == 403


# -- lists: the query count does not grow with the rows ------------------------------------------
ROWS = {
    "councils-procedure-list": lambda c, i: ProcedureVersionFactory(procedure__council=c),
    "councils-procedureversion-list": lambda c, i: ProcedureVersionFactory(procedure__council=c),
    "councils-emulationcriterion-list": lambda c, i: EmulationCriterionFactory(council=c),
    "councils-emulationregistration-list": lambda c, i: EmulationRegistrationFactory(
        delegate__term__council=c
    ),
    "councils-emulationresult-list": lambda c, i: EmulationResultFactory(
        registration__delegate__term__council=c
    ),
    "councils-reward-list": lambda c, i: RewardFactory(delegate__term__council=c),
}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_a_list_and_its_export_read_in_the_same_queries_for_3_rows_as_for_8(client, council, name):
    client.force_login(persona("staff", council))
    counts = []
    for total in (3, 8):
        while len(list(client.get(reverse(name)).context["rows"])) < total:
            ROWS[name](council, total)
        for params in ({}, {"export": "xlsx"}):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name), params).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:], counts


def test_the_demo_loads_the_library_and_the_2026_emulation(settings):
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--force", "--today", "2026-11-28", stdout=io.StringIO())
    kinds = set(Procedure.objects.values_list("kind", flat=True))
    assert kinds == {k.value for k in Procedure.Kind}
    session = Procedure.objects.get(kind="session")
    assert [v.number for v in session.versions.order_by("number")] == [1, 2]
    assert session.versions.get(number=1).end_date == dt.date(2026, 4, 9)
    registrations = EmulationRegistration.objects.filter(year=2026)
    assert set(registrations.values_list("registrant_kind", flat=True)) == {
        "delegate",
        "delegate_group",
        "ban",
        "standing",
    }
    assert EmulationResult.objects.count() == registrations.count()
    assert Reward.objects.filter(year=2026).exists()
    from councils.models import EmulationCriterion, User

    assert EmulationCriterion.objects.filter(year=2026).count() == 5
    daibieu = User.objects.get(username="daibieu").council_roles.get().delegate
    assert Reward.objects.filter(delegate=daibieu).exists()
    before = ProcedureVersion.history.count() + Reward.history.count()
    call_command("seed_demo", "--force", "--today", "2026-11-28", stdout=io.StringIO())
    assert ProcedureVersion.history.count() + Reward.history.count() == before


def test_editing_a_version_keeps_its_file_and_its_procedure(client, council):
    version = ProcedureVersionFactory(procedure__council=council)
    other = ProcedureFactory(council=council)
    stored = version.file.name
    client.force_login(persona("standing", council))
    response = client.post(
        reverse("councils-procedureversion-update", args=[version.pk]),
        {
            "procedure": other.pk,
            "decision_number": version.decision_number,
            "decision_date": "05/08/2025",
            "issuer": "Chủ tịch HĐND xã",
            "start_date": "05/08/2025",
            "changes": "Sửa lỗi chính tả",
        },
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.file.name, version.issuer) == (stored, "Chủ tịch HĐND xã")
    assert version.procedure_id != other.pk  # a version stays with its procedure
    assert version.history.count() == 2


def test_results_are_found_by_the_registrants_name(client, council):
    result = EmulationResultFactory(registration__delegate__term__council=council)
    EmulationResultFactory(
        registration__delegate__term__council=council,
        registration__delegate__full_name="Trần Thị Lan",
    )
    client.force_login(persona("delegate", council))
    name = result.registration.delegate.full_name
    text = client.get(reverse("councils-emulationresult-list"), {"q": "nguyen van duc"})
    assert name in text.content.decode() and "Trần Thị Lan" not in text.content.decode()
