"""Petitions imported from the office's Excel sheet (kernel importer)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from voters.imports import PetitionImport
from voters.models import VoterMeeting, VoterPetition

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in PetitionImport.columns]


def xlsx(rows, headers=HEADERS, name="kien-nghi.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def row(content, *, day="28/06/2026", place="Thôn Hạ", field="giao thong, ha tang", **kw):
    values = {
        "held_on": day,
        "place": place,
        "kind": "Trước kỳ họp",
        "holder": "Tổ đại biểu số 1",
        "session": 2,
        "voter_count": 80,
        "content": content,
        "field": field,
        "petition_place": "",
        "raised_by": "",
        "petition_voters": 2,
    }
    values.update(kw)
    return [values[c.key] for c in PetitionImport.columns]


@pytest.fixture
def office(client, vw):
    client.force_login(vw.staff)
    return client


URL = "/voters/voterpetition/import/"


def test_rows_are_previewed_then_saved_with_their_meetings(office, vw):
    rows = [row("Sửa đường"), row("Lắp đèn"), row("Nạo vét mương", place="Thôn Thượng")]
    preview = office.post(URL, {"file": xlsx(rows)})
    assert preview.status_code == 200
    assert not VoterPetition.objects.exists()  # nothing before "Nhập"
    done = office.post(URL, {"token": preview.context["token"]})
    assert done.status_code == 302
    assert VoterPetition.objects.count() == 3
    assert VoterMeeting.objects.count() == 2
    assert VoterMeeting.objects.get(place="Thôn Hạ").session == vw.session


def test_bad_dates_and_unknown_fields_are_shown_row_by_row_and_nothing_is_saved(office, vw):
    rows = [row("Sửa đường"), row("Lắp đèn", day="31/02/2026"), row("X", field="Thể thao")]
    preview = office.post(URL, {"file": xlsx(rows)})
    assert preview.status_code == 400
    bad = {r.number: " ".join(r.errors) for r in preview.context["sheet"].bad_rows}
    assert set(bad) == {3, 4}
    assert "tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31" in bad[3]
    assert "Thể thao" in bad[4]
    assert not preview.context["token"]
    assert not VoterPetition.objects.exists() and not VoterMeeting.objects.exists()


def test_wrong_columns_a_pdf_renamed_and_too_many_rows_are_refused(office, vw, monkeypatch):
    wrong = office.post(URL, {"file": xlsx([["a", "b"]], headers=["Ngày", "Nội dung"])})
    assert wrong.status_code == 400
    assert "Không tìm thấy dòng tiêu đề" in wrong.context["sheet"].errors[0]

    pdf = office.post(URL, {"file": SimpleUploadedFile("kien-nghi.xlsx", b"%PDF-1.4 not a sheet")})
    assert "không phải là tệp Excel" in pdf.context["sheet"].errors[0]

    monkeypatch.setattr(PetitionImport, "max_rows", 3)
    many = office.post(URL, {"file": xlsx([row(f"Kiến nghị {i}") for i in range(5)])})
    assert "tối đa 3 dòng" in many.context["sheet"].errors[0]
    assert not VoterPetition.objects.exists()


def test_a_session_the_term_does_not_have_is_refused(office, vw):
    preview = office.post(URL, {"file": xlsx([row("Sửa đường", session=9)])})
    assert "chưa có kỳ họp thứ 9" in preview.context["sheet"].bad_rows[0].errors[0]


def test_the_template_lists_the_columns(office):
    response = office.get(reverse("voters-voterpetition-import-template"))
    assert response.status_code == 200


def test_one_pass_names_every_error_of_a_row(office, vw):
    """An unknown field, an unknown session and an overlong place are reported together, not
    one per upload."""
    rows = [row("Sửa đường", field="Thể thao", session=9, place="T" * 300)]
    preview = office.post(URL, {"file": xlsx(rows)})
    errors = " ".join(preview.context["sheet"].bad_rows[0].errors)
    assert "Thể thao" in errors
    assert "chưa có kỳ họp thứ 9" in errors
    assert "quá giới hạn 200 ký tự" in errors
    assert not VoterPetition.objects.exists()


def test_the_example_row_of_the_template_is_recognised(office, vw):
    example = [c.example for c in PetitionImport.columns]
    preview = office.post(URL, {"file": xlsx([example, row("Sửa đường")])})
    bad = preview.context["sheet"].bad_rows
    assert [r.number for r in bad] == [2]
    assert "dòng ví dụ" in bad[0].errors[0]
