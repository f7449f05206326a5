import pytest

from tests.councils.records import build_records


@pytest.fixture
def ours(council):
    """Every councils record of the user's council (Phúc Lộc)."""
    return build_records(council, "Phúc Lộc", number=9)


@pytest.fixture
def theirs(other_council):
    """Every councils record of another council (Hòa Bình)."""
    return build_records(other_council, "Hòa Bình", number=9)
