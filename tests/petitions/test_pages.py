"""Pages, permissions, query counts, printed documents, the delegate's profile, personal data."""

import datetime as dt
import io
import json
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from petitions import services
from petitions.models import Kind, Letter, PetitionReport, Reception
from tests.documents.pdftools import page_sizes, write
from tests.factories import DelegateFactory, persona
from tests.petitions.conftest import DENOUNCER, DENOUNCER_ID, new_letter

pytestmark = pytest.mark.django_db


def _receptions(council, n, by_user, delegate):
    for i in range(n):
        r = Reception(
            council=council,
            received_on=dt.date(2026, 3, 1) + dt.timedelta(days=i),
            place="Trụ sở",
            citizen_name=f"Công dân {i}",
            citizen_id_number=f"0010860{i:05d}",
            kind=Kind.PETITION,
            content="Kiến nghị",
            outcome=Reception.Outcome.ACCEPTED,
        )
        services.reception_record(
            reception=r, by_user=by_user, receivers=[delegate], letter_subject=f"Kiến nghị số {i}"
        )


@pytest.mark.parametrize("name", ["petitions-letter-list", "petitions-reception-list"])
def test_list_queries_do_not_grow_with_rows(
    client, council, handler, term, name, django_assert_max_num_queries
):
    delegate = DelegateFactory(term=term)
    client.force_login(handler)
    _receptions(council, 5, handler, delegate)
    with django_assert_max_num_queries(14) as small:
        assert client.get(reverse(name)).status_code == 200
    _receptions(council, 25, handler, delegate)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(name)).status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(name), {"format": "xlsx"}).status_code == 200


def test_a_delegate_logs_a_reception_with_a_letter_and_only_edits_their_own(client, council, term):
    delegate = DelegateFactory(term=term)
    user = persona("delegate", council, delegate=delegate)
    client.force_login(user)
    response = client.post(
        reverse("petitions-reception-create"),
        {
            "received_on": "20/11/2026",
            "place": "Nhà văn hóa thôn Hạ",
            "receivers": [delegate.pk],
            "citizen_name": "Trần Thị Mai",
            "citizen_id_number": "001186000111",
            "group_size": 1,
            "kind": "reflection",
            "content": "Phản ánh đổ rác ven kênh",
            "outcome": "accepted",
            "letter_subject": "Phản ánh đổ rác ven kênh",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reception = Reception.objects.get()
    assert reception.created_by == user
    letter = reception.letters.get()
    assert letter.source == Letter.Source.RECEPTION and letter.sender_name == "Trần Thị Mai"
    assert client.get(reverse("petitions-reception-update", args=[reception.pk])).status_code == 200

    other = Reception.objects.create(
        council=council,
        received_on=dt.date(2026, 11, 1),
        place="x",
        citizen_name="y",
        kind=Kind.PETITION,
        content="z",
        outcome="accepted",
    )
    assert client.get(reverse("petitions-reception-update", args=[other.pk])).status_code == 403
    # The delegate's profile lists their receptions.
    body = client.get(delegate.get_absolute_url()).content.decode()
    assert "Tiếp công dân" in body and str(reception) in body


def test_a_group_needs_its_representatives(client, council, handler):
    client.force_login(handler)
    response = client.post(
        reverse("petitions-reception-create"),
        {
            "received_on": "20/11/2026",
            "place": "Trụ sở",
            "citizen_name": "Đoàn thôn Hạ",
            "group_size": 6,
            "kind": "complaint",
            "content": "Khiếu nại",
            "outcome": "accepted",
        },
    )
    assert "cần ghi người đại diện" in response.content.decode()


def test_identity_numbers_are_masked_in_lists_and_shown_to_the_office(client, council, handler):
    letter = new_letter(council, handler)
    client.force_login(persona("leadership", council))
    assert "001086012323" not in client.get(letter.get_absolute_url()).content.decode()
    assert "0010******23" in client.get(letter.get_absolute_url()).content.decode()
    client.force_login(handler)
    assert "001086012323" in client.get(letter.get_absolute_url()).content.decode()


def test_an_agency_sees_no_letters_only_its_follow_ups(client, council, denunciation):
    client.force_login(persona("agency", council, agency=denunciation.agency))

    assert client.get(reverse("petitions-letter-list")).status_code == 403
    assert client.get(denunciation.get_absolute_url()).status_code == 403
    inbox = client.get(reverse("followups-inbox")).content.decode()
    assert str(denunciation) in inbox


def test_another_councils_letter_is_not_found(client, other_council, denunciation):
    client.force_login(persona("staff", other_council))

    assert client.get(denunciation.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/letters/{denunciation.pk}/").status_code == 404


def _pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_the_forwarding_slip_prints_for_the_competent_body(client, handler, denunciation, tmp_path):
    client.force_login(handler)
    url = reverse("documents-print", args=["petitions.forwarding_slip", denunciation.pk])

    response = client.get(url)
    text = _pdf_text(response.content)

    assert response["Content-Type"] == "application/pdf"
    assert "PHIẾU CHUYỂN ĐƠN" in text
    assert "Kính gửi: Ủy ban nhân dân xã" in text
    assert "/PC-HĐND" in text
    assert DENOUNCER in text  # the copy for the competent body, printed by the handler
    docx = client.get(url, {"format": "docx"})
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')


def test_the_reception_log_is_landscape_with_the_form_03_columns(
    client, council, handler, denunciation, tmp_path
):
    report = PetitionReport.objects.create(
        council=council,
        title="Quý IV/2026",
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 12, 31),
    )
    client.force_login(handler)
    response = client.get(reverse("documents-print", args=["petitions.reception_log", report.pk]))
    path = write(response.content, tmp_path)
    text = _pdf_text(response.content)

    width, height = page_sizes(path)[0]
    assert width > height
    for header in ("Ngày tiếp", "CCCD", "Nội dung vụ", "Hướng xử lý", "Ghi chú"):
        assert header in text
    assert "SỔ TIẾP CÔNG DÂN" in text


def test_the_periodic_report_counts_by_kind_state_and_body(client, council, handler, denunciation):
    new_letter(council, handler, received_on=dt.date(2026, 11, 3))
    report = PetitionReport.objects.create(
        council=council,
        title="Năm 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    client.force_login(persona("standing", council))
    page = client.get(report.get_absolute_url()).content.decode()
    text = _pdf_text(
        client.get(
            reverse("documents-print", args=["petitions.periodic_report", report.pk])
        ).content
    )

    assert "Tổng số: 2 đơn" in page
    assert "Tiếp nhận 2 đơn thư" in text
    assert "Tố cáo" in text and "Ủy ban nhân dân xã" in text
    assert "50%" in text and "50.0%" not in text  # one of two eligible letters forwarded


def test_the_shortfall_page_shows_who_did_not_receive_as_required(client, council, term, handler):
    busy, _idle = (
        DelegateFactory(term=term, full_name="Đỗ Văn Chăm"),
        DelegateFactory(term=term, full_name="Lý Thị Vắng"),
    )
    for i in range(4):
        r = Reception(
            council=council,
            received_on=dt.date(2026, 2 + i, 5),
            place="Trụ sở",
            citizen_name="A",
            kind=Kind.PETITION,
            content="x",
            outcome="accepted",
        )
        services.reception_record(reception=r, by_user=handler, receivers=[busy])
    client.force_login(persona("leadership", council))

    body = client.get(reverse("petitions-shortfall"), {"year": 2026}).content.decode()

    assert "Đỗ Văn Chăm" in body and "Lý Thị Vắng" in body
    assert "1/2" in body or "50.0%" in body


def test_the_citizen_export_holds_everything_about_one_person_and_is_logged(
    client, council, handler, denunciation
):
    new_letter(council, handler)
    client.force_login(persona("staff", council))  # not a handler of the denunciation

    response = client.post(reverse("petitions-citizen-export"), {"query": "001086012323"})
    data = json.loads(response.content)

    assert response["Content-Disposition"].startswith("attachment")
    assert [x["ho_ten"] for x in data["letters"]] == ["Nguyễn Văn Hùng"]
    hidden = client.post(reverse("petitions-citizen-export"), {"query": DENOUNCER_ID})
    assert DENOUNCER not in hidden.content.decode()
    client.force_login(handler)
    mine = json.loads(
        client.post(reverse("petitions-citizen-export"), {"query": DENOUNCER}).content
    )
    assert len(mine["letters"]) == 1 and len(mine["receptions"]) == 1
    from petitions.models import IdentityAccess

    assert IdentityAccess.objects.filter(purpose="export").count() == 3


def test_retention_lists_then_anonymises_keeping_the_counts(council, handler, rules):
    old = new_letter(council, handler, received_on=dt.date(2020, 3, 1))
    recent = new_letter(council, handler, received_on=dt.date(2026, 3, 1), subject="Khác hẳn")
    out = io.StringIO()

    call_command("personal_data_retention", "--today", "2026-06-01", stdout=out)
    old.refresh_from_db()
    assert f"Đơn {old.code}" in out.getvalue() and "Chạy thử" in out.getvalue()
    assert old.sender_name == "Nguyễn Văn Hùng"

    call_command("personal_data_retention", "--today", "2026-06-01", "--apply", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.sender_name == "(đã ẩn danh)" and old.sender_id_number == ""
    assert old.anonymised_at is not None
    assert recent.sender_name == "Nguyễn Văn Hùng"
    assert Letter.objects.count() == 2
    assert not old.history.filter(sender_name="Nguyễn Văn Hùng").exists()
    again = io.StringIO()
    call_command("personal_data_retention", "--today", "2026-06-01", stdout=again)
    assert "0 đơn thư" in again.getvalue()


def test_the_reception_form_offers_the_delegates_in_office_and_chooses_the_one_logging(
    client, council, term
):
    """Not both terms' names: the delegates in office on the day, the delegate who logs it
    already chosen; a reception recorded for an earlier day offers that day's delegates."""
    import datetime as dt

    from tests.factories import TermFactory

    old_term = TermFactory(
        council=council,
        name="2016-2021",
        start_date=dt.date(2016, 6, 1),
        end_date=dt.date(2021, 5, 31),
    )
    former = DelegateFactory(
        term=old_term,
        full_name="Lê Văn Cũ",
        start_date=old_term.start_date,
        end_date=old_term.end_date,
    )
    delegate = DelegateFactory(term=term, full_name="Nguyễn Thị Mới", start_date=term.start_date)
    client.force_login(persona("delegate", council, delegate=delegate))
    form = client.get(reverse("petitions-reception-create")).context["form"]
    offered = set(form.fields["receivers"].queryset)
    assert delegate in offered and former not in offered
    assert form.initial["receivers"] == [delegate.pk]
    page = client.post(
        reverse("petitions-reception-create"), {"received_on": "15/03/2018", "citizen_name": ""}
    )
    assert former in set(page.context["form"].fields["receivers"].queryset)


def test_the_letter_form_marks_the_fields_of_one_kind_of_letter(client, council, handler):
    """ "Khiếu nại lần" belongs to complaints, "nội dung làm lộ danh tính" to denunciations:
    the page marks them so the browser shows them only for those kinds (static/js/portal.js)."""
    client.force_login(handler)
    page = client.get(reverse("petitions-letter-create")).content.decode()
    assert 'data-show-when-field="id_kind" data-show-when-values="complaint"' in page
    assert 'data-show-when-values="denunciation mixed"' in page
    assert page.count("data-show-when-field") == 2
