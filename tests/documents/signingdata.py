"""A council's signing material written for one test, and an issued quarterly report (a kind
that goes up to the city) to sign and send."""

import subprocess

import pytest

from hdnd_portal.documents import printing, signing
from tests.meetings_prep.factories import QuarterlyReportFactory

QUARTERLY = "meetings.quarterly_report"
PDFSIG_VALID = "Signature Validation: Signature is Valid."


@pytest.fixture
def signing_material(settings, tmp_path):
    """A self-signed certificate (with a passphrase) and drawn images, in a folder of the test."""
    folder = tmp_path / "signing"
    settings.DOCUMENT_SIGNING_PKCS12 = str(folder / "council.p12")
    settings.DOCUMENT_SIGNING_PASSPHRASE = "mat-khau-thu"
    settings.DOCUMENT_SIGNING_SIGNATURE_IMAGE = str(folder / "signature.png")
    settings.DOCUMENT_SIGNING_SEAL_IMAGE = str(folder / "seal.png")
    signing.demo_material_write(organisation="Hội đồng nhân dân xã Phúc Lộc")
    return folder


def issued_report(council, quarter=1):
    """A quarterly report of ``council`` issued: (register entry, report)."""
    report = QuarterlyReportFactory(council=council, year=2026, quarter=quarter)
    entry, _created = printing.document_issue(
        kind=printing.document_kind(QUARTERLY), obj=report, user_id=None
    )
    return entry, report


def pdfsig(path) -> str:
    """What poppler's pdfsig says of a file (it exits non-zero for an invalid signature)."""
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr
