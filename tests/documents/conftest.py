import shutil

import pytest

# A council's signing material in a folder of the test (electronic issuance, issue 20.5).
from tests.documents.signingdata import signing_material  # noqa: F401

POPPLER = ("pdfinfo", "pdffonts", "pdftotext")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "poppler: reads PDFs with poppler-utils (pdfinfo, pdffonts, pdftotext); "
        "fails, never skips, when they are missing",
    )


def pytest_runtest_setup(item):
    if item.get_closest_marker("poppler") is None:
        return
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"poppler-utils missing ({', '.join(missing)}): apt-get install poppler-utils",
            pytrace=False,
        )
