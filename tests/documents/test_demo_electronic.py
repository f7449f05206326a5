"""The demo signs one issued report and sends it up: ``thanhpho`` finds it received."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from hdnd_portal.documents import signing
from hdnd_portal.documents.models import Dispatch, SignedCopy

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.usefixtures("signing_material")
def test_the_city_account_of_the_demo_has_a_signed_report_received(client):
    out = io.StringIO()
    call_command("seed_demo", "--force", "--today", "2026-11-28", stdout=out)
    assert "lên HĐND thành phố" in out.getvalue()
    dispatch = Dispatch.objects.get()
    assert dispatch.signed
    copy = SignedCopy.objects.get(document=dispatch.document)
    assert copy.valid and signing.signature_check(dispatch.file.read()).valid

    client.force_login(User.objects.get(username="thanhpho"))
    inbox = client.get("/documents/received/").content.decode()
    assert dispatch.symbol in inbox and "HĐND xã Phúc Lộc" in inbox


def test_the_demo_sends_an_unsigned_report_without_a_certificate(settings, tmp_path):
    settings.DOCUMENT_SIGNING_PKCS12 = str(tmp_path / "none.p12")
    call_command("seed_demo", "--force", "--today", "2026-11-28", stdout=io.StringIO())
    assert Dispatch.objects.get().signed is False
    assert not SignedCopy.objects.exists()


def test_signing_certificate_demo_writes_the_material_once(signing_material, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("signing_certificate", "--demo", stdout=out)
    assert "Đã tạo" not in out.getvalue()  # the fixture wrote them already
    assert "Chứng thư số ký văn bản: " in out.getvalue()
    assert {p.name for p in signing_material.iterdir()} == {
        "council.p12",
        "signature.png",
        "seal.png",
    }


def test_signing_certificate_demo_refuses_a_production_server(settings, tmp_path):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.DOCUMENT_SIGNING_PKCS12 = str(tmp_path / "council.p12")
    with pytest.raises(CommandError, match="DEBUG=False"):
        call_command("signing_certificate", "--demo", stdout=io.StringIO())
    assert not (tmp_path / "council.p12").exists()
