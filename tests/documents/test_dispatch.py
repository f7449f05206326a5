"""Issue 20.6: an issued report sent up to the city's HĐND ("Gửi HĐND thành phố"), once; the
city's overseer reads what the communes they follow sent, and nothing of another council."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from councils.models import CouncilRole
from hdnd_portal.documents import printing
from hdnd_portal.documents.models import Dispatch, SignedCopy
from tests.documents.rosterdata import build_term
from tests.documents.signingdata import issued_report
from tests.factories import CouncilFactory, UserFactory, persona
from tests.xlsx import read_export

AT = dt.datetime(2026, 7, 6, 14, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
INBOX = "/documents/received/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def travel():
    with time_machine.travel(AT, tick=False):
        yield


def send(client, entry):
    return client.post(reverse("documents-register-send", args=[entry.pk]), {"confirmed": "1"})


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def city_user(*councils, username="thanhpho"):
    """The city's overseer, holding the city role in each of ``councils``."""
    user = UserFactory(username=username)
    for council in councils:
        CouncilRole.objects.create(user=user, council=council, role="city")
    return user


def download(client, dispatch):
    return client.get(reverse("documents-dispatch-pdf", args=[dispatch.pk]))


@pytest.mark.usefixtures("signing_material")
def test_the_clerk_sends_the_signed_report_and_the_city_receives_it(client, council):
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert "Gửi HĐND thành phố" in detail
    client.post(reverse("documents-register-sign", args=[entry.pk]), {"confirmed": "1"})

    confirm = client.post(reverse("documents-register-send", args=[entry.pk]))
    assert "bản ký số" in confirm.content.decode() and not Dispatch.objects.exists()
    response = send(client, entry)
    assert any("Đã gửi văn bản 01/BC-HĐND lên HĐND thành phố" in m for m in messages_of(response))
    dispatch = Dispatch.objects.get()
    assert dispatch.signed and dispatch.sha256 == SignedCopy.objects.get().sha256
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert "Đã gửi HĐND thành phố lúc 14:05 ngày 06/07/2026 (bản ký số)" in detail
    assert f'action="/documents/register/{entry.pk}/send/"' not in detail

    client.force_login(city_user(council))
    home = client.get("/").content.decode()
    assert 'data-panel="documents.received"' in home and "01/BC-HĐND" in home
    inbox = client.get(INBOX).content.decode()
    for text in ["HĐND xã Phúc Lộc", "01/BC-HĐND", entry.title, "Tải PDF"]:
        assert text in inbox
    pdf = download(client, dispatch)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == SignedCopy.objects.get().file.read()


def test_an_unsigned_report_goes_up_as_its_issued_render(client, council):
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    send(client, entry)
    dispatch = Dispatch.objects.get()
    assert not dispatch.signed
    assert dispatch.file.read().startswith(b"%PDF")


def test_a_report_is_sent_once(client, council):
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    send(client, entry)
    again = send(client, entry)
    assert Dispatch.objects.count() == 1
    assert any("không gửi lần thứ hai" in m for m in messages_of(again))


def test_the_city_of_another_council_neither_lists_nor_downloads_it(client, council):
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    send(client, entry)
    dispatch = Dispatch.objects.get()
    elsewhere = CouncilFactory(commune="Tân Lập", slug="tan-lap")
    client.force_login(city_user(elsewhere, username="thanhpho-khac"))
    assert entry.title not in client.get(INBOX).content.decode()
    assert download(client, dispatch).status_code == 404


@pytest.mark.parametrize("role", ["staff", "standing", "committee", "leadership", "delegate"])
def test_commune_roles_have_no_inbox(client, council, role):
    entry, _report = issued_report(council)
    client.force_login(persona("staff", council))
    send(client, entry)
    client.force_login(persona(role, council, username=f"{role}-inbox"))
    assert client.get(INBOX).status_code == 403
    assert download(client, Dispatch.objects.get()).status_code == 403
    assert "Báo cáo các xã gửi lên" not in client.get("/").content.decode()


def test_the_city_filters_by_commune_and_kind_searches_without_diacritics_and_exports(
    client, council, other_council
):
    ours, _r = issued_report(council)
    theirs, _r = issued_report(other_council, quarter=2)
    for c, entry in ((council, ours), (other_council, theirs)):
        client.force_login(persona("staff", c, username=f"vanphong-{c.slug}"))
        send(client, entry)
    client.force_login(city_user(council, other_council))
    assert "Báo cáo các xã gửi lên" in client.get("/").content.decode()
    both = client.get(INBOX).content.decode()
    assert "HĐND xã Phúc Lộc" in both and "HĐND xã Hòa Bình" in both
    only = client.get(INBOX, {"council": other_council.pk}).content.decode()
    assert "HĐND xã Hòa Bình" in only and "HĐND xã Phúc Lộc" not in only
    by_kind = client.get(INBOX, {"kind_code": "meetings.quarterly_report"}).content.decode()
    assert "Tìm thấy 2" in by_kind
    found = client.get(INBOX, {"q": "hoa binh"}).content.decode()
    assert "HĐND xã Hòa Bình" in found and "HĐND xã Phúc Lộc" not in found
    export = read_export(client.get(INBOX, {"format": "xlsx", "council": council.pk}))
    assert export.header[:3] == ("HĐND gửi", "Số, ký hiệu", "Trích yếu")
    assert [row[0] for row in export.rows] == ["HĐND xã Phúc Lộc"]


def test_a_kind_that_does_not_go_up_has_no_send_action(client, council):
    term, _groups, _chair = build_term(council)
    kind = printing.document_kind("councils.roster")
    assert not kind.sends_upward
    entry, _created = printing.document_issue(kind=kind, obj=term, user_id=None)
    client.force_login(persona("staff", council))
    assert "Gửi HĐND thành phố" not in client.get(entry.get_absolute_url()).content.decode()
    response = send(client, entry)
    assert any("không gửi lên HĐND thành phố" in m for m in messages_of(response))
    assert not Dispatch.objects.exists()


@pytest.mark.parametrize("role", ["standing", "city"])
def test_a_role_that_may_not_send_gets_403(client, council, role):
    entry, _report = issued_report(council)
    client.force_login(persona(role, council))
    assert send(client, entry).status_code == 403
    assert not Dispatch.objects.exists()


def test_the_city_inbox_reads_a_fixed_number_of_queries(client, council, other_council):
    """The inbox's query count does not grow with the reports received (list and export)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(persona("staff", council, username="vanphong-ql"))
    for quarter in (1, 2):
        send(client, issued_report(council, quarter=quarter)[0])
    city = city_user(council, other_council)

    def count(params=None):
        client.force_login(city)
        client.get(INBOX, params or {})  # warm-up (session, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INBOX, params or {}).status_code == 200
        return len(queries)

    few, few_export = count(), count({"format": "xlsx"})
    client.force_login(persona("staff", council, username="vanphong-ql2"))
    for quarter in (3, 4):
        send(client, issued_report(council, quarter=quarter)[0])
    assert count() == few
    assert count({"format": "xlsx"}) == few_export
