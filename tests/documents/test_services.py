import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from councils.models import Term
from hdnd_portal.documents.models import Counter, DocumentRegister
from hdnd_portal.documents.services import document_number_issue
from tests.factories import TermFactory, UserFactory


def issue(council, type_code="BC", on=dt.date(2026, 5, 4), **kwargs):
    return document_number_issue(
        council=council,
        type_code=type_code,
        issued_on=on,
        title=kwargs.pop("title", "Báo cáo kết quả giám sát"),
        **kwargs,
    )


def test_it_numbers_from_one_within_the_year(council):
    numbers = [issue(council).symbol for _ in range(3)]
    assert numbers == ["01/BC-HĐND", "02/BC-HĐND", "03/BC-HĐND"]


def test_it_restarts_at_one_on_the_first_of_january(council):
    issue(council, on=dt.date(2026, 12, 30))
    last_of_2026 = issue(council, on=dt.date(2026, 12, 31))
    first_of_2027 = issue(council, on=dt.date(2027, 1, 1))
    assert last_of_2026.symbol == "02/BC-HĐND"
    assert (first_of_2027.number, first_of_2027.year) == (1, 2027)


def test_it_keeps_one_series_per_issuer_and_type(council, other_council):
    issue(council, "BC")
    issue(council, "BC")
    assert issue(council, "KH").symbol == "01/KH-HĐND"
    assert issue(council, "BC", issuer_code="KTNS").symbol == "01/BC-KTNS"
    assert issue(other_council, "BC").symbol == "01/BC-HĐND"
    assert issue(council, "BC").symbol == "03/BC-HĐND"


def test_it_numbers_normative_resolutions_in_their_own_series_with_the_year(council):
    issue(council, "NQ", title="Nghị quyết về dự toán")
    normative = issue(council, "NQ", is_normative=True, title="Nghị quyết quy định mức chi")
    assert normative.symbol == "01/2026/NQ-HĐND"
    assert issue(council, "NQ").symbol == "02/NQ-HĐND"


def test_it_refuses_an_unknown_type_or_a_malformed_issuer(council):
    with pytest.raises(ValueError):
        issue(council, "XYZ")
    with pytest.raises(ValidationError):
        issue(council, "BC", issuer_code="KT NS")
    assert not DocumentRegister.objects.exists()


def test_it_upper_cases_the_issuer_code(council):
    assert issue(council, "BC", issuer_code="ktns").symbol == "01/BC-KTNS"


def test_the_database_refuses_a_duplicate_number(council):
    first = issue(council)
    duplicate = DocumentRegister(
        council=council,
        issuer_code="HĐND",
        type_code="BC",
        year=2026,
        number=first.number,
        title="Bản trùng số",
        issued_on=dt.date(2026, 6, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_it_records_who_issued_it_what_for_and_keeps_history(council):
    user = UserFactory()
    term = TermFactory(council=council)
    document = issue(council, "DS", created_by_id=user.pk, source=term, signer="Trần Văn Bình")
    document.refresh_from_db()
    assert document.created_by == user
    assert isinstance(document.source, Term) and document.source == term
    assert document.history.count() == 1
    assert DocumentRegister.objects.search("01/ds").get() == document


@pytest.mark.services
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="row locks need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_it_gives_distinct_consecutive_numbers_to_concurrent_clerks(council):
    workers, errors = 8, []
    start = threading.Barrier(workers)

    def clerk():
        try:
            start.wait()
            issue(council, "TB", title="Thông báo")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(
        DocumentRegister.objects.filter(type_code="TB").values_list("number", flat=True)
    )
    assert numbers == list(range(1, workers + 1))
    assert Counter.objects.get(series__endswith=":TB").last_number == workers
