"""Uploaded files are read through the storage API and served only after the permission check.

``InMemoryStorage`` stands in for "not a filesystem": a view that built a path would fail. The
S3 storage (django-storages) runs against moto's in-process S3: objects are private, links are
signed and short-lived.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws
from storages.backends.s3 import S3Storage

from hdnd_portal.core.files import stored_file_response
from hdnd_portal.followups.services import followup_answer
from tests.factories import AgencyFactory
from tests.followups.support import item

PDF = b"%PDF-1.4 bao cao ket qua"


@pytest.fixture
def memory_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def answered(council, memory_storage):
    agency = AgencyFactory(council=council, name="Phòng Kinh tế")
    followup = item(council, due=3, agency=agency)
    followup_answer(
        followup=followup,
        by_user=None,
        answer="Đã sửa xong",
        files=[SimpleUploadedFile("ket-qua.pdf", PDF)],
    )
    return followup


def test_an_answer_s_file_is_kept_in_storage_and_downloaded_through_the_portal(
    client, make_persona, answered
):
    attachment = answered.attachments.get()
    assert isinstance(attachment.file.storage._wrapped, InMemoryStorage)
    client.force_login(make_persona("agency", agency=answered.agency, username="can-bo"))
    download = client.get(f"/followups/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert 'filename="ket-qua.pdf"' in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_another_agency_gets_404_for_the_file(client, make_persona, answered):
    attachment = answered.attachments.get()
    client.force_login(make_persona("agency", username="cong-an"))
    assert client.get(f"/followups/attachments/{attachment.pk}/").status_code == 404
    client.logout()
    anonymous = client.get(f"/followups/attachments/{attachment.pk}/")
    assert anonymous.status_code == 302 and "/login" in anonymous.url


BUCKET = "hdnd-files"


@pytest.fixture
def s3():
    with mock_aws():
        storage = S3Storage(
            bucket_name=BUCKET,
            region_name="us-east-1",
            access_key="portal",
            secret_key="secret",
            default_acl=None,
            querystring_auth=True,
            querystring_expire=120,
            file_overwrite=False,
            signature_version="s3v4",
        )
        storage.connection.meta.client.create_bucket(Bucket=BUCKET)
        yield storage


def test_s3_objects_are_private(s3):
    name = s3.save("followups/1/2/ket-qua.pdf", ContentFile(PDF))
    client = s3.connection.meta.client
    grants = client.get_object_acl(Bucket=BUCKET, Key=name)["Grants"]
    assert all("URI" not in g["Grantee"] for g in grants), "no AllUsers/AuthenticatedUsers grant"
    url = s3.url(name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=120" in url


class StoredFile:
    """What a FileField hands the view: a name and its storage."""

    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def open(self, mode="rb"):
        return self.storage.open(self.name, mode)


def test_downloads_stream_from_s3_through_the_portal_by_default(s3, settings):
    settings.STORAGE_BACKEND, settings.STORAGE_DOWNLOADS = "s3", "proxy"
    name = s3.save("followups/1/2/ket-qua.pdf", ContentFile(PDF))
    response = stored_file_response(StoredFile(s3, name), filename="kết quả.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_signed_downloads_redirect_to_a_short_lived_link_after_the_check(s3, settings):
    settings.STORAGE_BACKEND, settings.STORAGE_DOWNLOADS = "s3", "signed"
    name = s3.save("followups/1/2/ket-qua.pdf", ContentFile(PDF))
    response = stored_file_response(StoredFile(s3, name), filename="ket-qua.pdf")
    assert response.status_code == 302
    assert "X-Amz-Expires=120" in response.url
    assert "response-content-disposition=attachment" in response.url
    assert response["Cache-Control"] == "private, no-store"
