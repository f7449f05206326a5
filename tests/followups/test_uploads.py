"""Uploads are checked in the service: the page and the API refuse the same files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook
from rest_framework.test import APIClient

from hdnd_portal.core.uploads import validate_upload
from hdnd_portal.followups.models import Answer, Attachment
from tests.followups.support import item, travel

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Báo cáo kết quả")
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


REFUSED = {
    "trang.html": b"<html><script>alert(1)</script></html>",
    "logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "setup.exe": b"MZ\x90\x00\x03\x00\x00\x00",
    "bao-cao.pdf": "Đây là tệp văn bản đổi tên thành .pdf".encode(),
    # A Word document needs its Word part, not just any zip.
    "bao-cao.docx": _xlsx(),
}


def _accepted():
    return {
        "ket-qua.pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
        "bao-cao.docx": _docx(),
        "anh.png": PNG,
        "so-lieu.xlsx": _xlsx(),
    }


def _big() -> SimpleUploadedFile:
    return SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def agency_user(make_persona):
    return make_persona("agency")


@pytest.fixture
def followup(council, agency_user):
    return item(council, due=3, agency=agency_user.council_roles.get().agency)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_it_refuses_a_file_by_its_content_on_the_page(client, agency_user, followup, name):
    client.force_login(agency_user)
    response = client.post(
        f"/followups/{followup.pk}/answer/",
        {"answer": "Đã xử lý", "files": [SimpleUploadedFile(name, REFUSED[name])]},
    )
    assert response.status_code == 200
    assert name in response.content.decode()
    assert not Attachment.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_it_refuses_the_same_file_through_the_api(agency_user, followup, name):
    client = APIClient()
    client.force_authenticate(agency_user)
    response = client.post(
        f"/api/v1/followups/{followup.pk}/answer/",
        {"answer": "Đã xử lý", "files": [SimpleUploadedFile(name, REFUSED[name])]},
        format="multipart",
    )
    assert response.status_code == 400
    errors = response.json()["error"]["fields"]["files"]
    assert any(name in message for message in errors)
    assert not Attachment.objects.exists() and not Answer.objects.exists()


def test_it_refuses_a_file_over_20_mb_on_the_page_and_through_the_api(
    client, agency_user, followup
):
    client.force_login(agency_user)
    page = client.post(
        f"/followups/{followup.pk}/answer/", {"answer": "Đã xử lý", "files": [_big()]}
    )
    assert "lớn hơn 20 MB" in page.content.decode()
    api = APIClient()
    api.force_authenticate(agency_user)
    response = api.post(
        f"/api/v1/followups/{followup.pk}/answer/",
        {"answer": "Đã xử lý", "files": [_big()]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "lớn hơn 20 MB" in response.json()["error"]["fields"]["files"][0]
    assert not Attachment.objects.exists()


def test_it_accepts_real_pdf_docx_xlsx_and_png_on_the_page(client, agency_user, followup):
    client.force_login(agency_user)
    files = [SimpleUploadedFile(n, data) for n, data in _accepted().items()]
    response = client.post(
        f"/followups/{followup.pk}/answer/", {"answer": "Đã xử lý", "files": files}
    )
    assert response.status_code == 302
    assert sorted(Attachment.objects.values_list("name", flat=True)) == sorted(_accepted())


def test_it_accepts_real_files_through_the_api(agency_user, followup):
    api = APIClient()
    api.force_authenticate(agency_user)
    files = [SimpleUploadedFile(n, data) for n, data in _accepted().items()]
    response = api.post(
        f"/api/v1/followups/{followup.pk}/answer/",
        {"answer": "Đã xử lý", "files": files},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert Attachment.objects.count() == 4


def test_the_size_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_MB = 1
    with pytest.raises(Exception, match="lớn hơn 1 MB"):
        validate_upload(SimpleUploadedFile("a.pdf", b"%PDF" + b"0" * (1024 * 1024)))
    validate_upload(SimpleUploadedFile("a.pdf", b"%PDF" + b"0" * 1000))
