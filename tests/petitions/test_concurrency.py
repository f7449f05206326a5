"""Two clerks entering letters at the same moment get different numbers (PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from petitions import services
from petitions.models import Letter
from tests.factories import CouncilFactory, persona

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_simultaneous_letters_get_distinct_numbers():
    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    user = persona("staff", council)
    barrier = threading.Barrier(4)
    errors = []

    def enter(i):
        from django.db import connections

        try:
            barrier.wait()
            services.letter_register(
                letter=Letter(
                    council=council,
                    source=Letter.Source.POST,
                    received_on=dt.date(2026, 11, 2),
                    kind="petition",
                    sender_name=f"Người gửi {i}",
                    subject=f"Nội dung riêng số {i} " + "x" * i,
                ),
                by_user=user,
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enter, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not errors
    assert sorted(Letter.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
