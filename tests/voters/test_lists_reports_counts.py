"""List query counts, printed reports, targets 1.5 and 1.6, repeats and likely duplicates."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.documents import pdftools
from tests.factories import (
    SynthesizedPetitionFactory,
    VoterMeetingFactory,
    VoterPetitionFactory,
)
from voters import counts, services
from voters.models import SynthesizedPetition, VoterPetition
from voters.reports import synthesis_groups
from voters.selectors import overlap_score, similar_petitions

pytestmark = pytest.mark.django_db


def fill(vw, n):
    for i in range(n):
        meeting = VoterMeetingFactory(holder=vw.group, session=vw.session, place=f"Thôn {i}")
        petition = VoterPetitionFactory(meeting=meeting, field=vw.road)
        synth = services.petitions_merge(
            council=vw.council,
            petitions=[petition],
            content=f"Kiến nghị số {i}",
            field=vw.road,
            session=vw.session,
            by_user=vw.staff,
        )
        if i % 2:
            services.synth_assign(synth=synth, agency=vw.agency, by_user=vw.staff)


def repeat_some(vw):
    """Link every other synthesised petition to the one before it (the repeats list)."""
    synths = list(SynthesizedPetition.objects.filter(council=vw.council, repeat_of=None))
    for earlier, later in zip(synths[::2], synths[1::2], strict=False):
        if not SynthesizedPetition.objects.filter(pk=later.pk, repeat_of=None).exists():
            continue
        services.synth_mark_repeat(synth=later, repeat_of=earlier, by_user=vw.staff)


LIST_PAGES = [
    ("voters-votermeeting-list", ""),
    ("voters-voterpetition-list", ""),
    ("voters-voterpetition-list", "synthesized_state=true"),
    ("voters-synthesizedpetition-list", ""),
    ("voters-synthesizedpetition-list", "state=forwarded"),
    ("voters-repeats", ""),
    ("voters-merge", ""),
    ("voters-public", ""),
]


@pytest.mark.parametrize(("name", "query"), LIST_PAGES)
def test_list_queries_do_not_grow_with_rows(
    client, vw, django_assert_num_queries, name, query, settings
):
    """3 rows, then 30 on the page (the page size is 50): the same queries, each row's
    counts, field, meeting, agency and repeat read in them, none per row."""
    settings.PAGE_SIZE = 50
    client.force_login(vw.staff)
    kwargs = {"slug": vw.council.slug} if name == "voters-public" else {}
    url = reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")
    fill(vw, 3)
    repeat_some(vw)
    VoterPetitionFactory(meeting=VoterMeetingFactory(holder=vw.group, session=vw.session))
    response = client.get(url)
    assert response.status_code == 200
    small = len(response.context["page"].object_list) if "page" in response.context else 0
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    fill(vw, 27)
    repeat_some(vw)
    VoterPetitionFactory.create_batch(
        27, meeting=VoterMeetingFactory(holder=vw.group, session=vw.session)
    )
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    if small:
        assert len(response.context["page"].object_list) > small


def test_petitions_are_listed_by_their_meetings_day_even_once_it_is_corrected(client, vw):
    """The list's order (newest meeting first, then newest petition) reads the meeting's day
    copied onto each petition: a corrected meeting date moves its petitions."""
    early = VoterMeetingFactory(holder=vw.group, session=vw.session, held_on=dt.date(2026, 6, 1))
    late = VoterMeetingFactory(holder=vw.group, session=vw.session, held_on=dt.date(2026, 6, 20))
    a = VoterPetitionFactory(meeting=late, field=vw.road)
    b = VoterPetitionFactory(meeting=early, field=vw.road)
    c = VoterPetitionFactory(meeting=late, field=vw.road)
    client.force_login(vw.staff)

    def listed():
        page = client.get(reverse("voters-voterpetition-list"))
        return [row["obj"].pk for row in page.context["rows"]]

    assert listed() == [c.pk, a.pk, b.pk]
    early.held_on = dt.date(2026, 6, 30)
    early.save()
    b.refresh_from_db()
    assert b.meeting_held_on == dt.date(2026, 6, 30)
    assert listed() == [b.pk, c.pk, a.pk]
    # A petition moved to another meeting takes that meeting's day.
    b.meeting = late
    b.save()
    assert VoterPetition.objects.get(pk=b.pk).meeting_held_on == late.held_on


def test_synthesised_counts_are_those_of_each_row(vw):
    """Voters, raw petitions and meetings per synthesised petition (correlated counts)."""
    synth = merged(vw, ["Thôn Hạ", "Thôn Thượng", "Thôn Hạ"])
    lone = SynthesizedPetitionFactory(council=vw.council, field=vw.road, content="Chưa gộp")
    rows = {s.pk: s for s in SynthesizedPetition.objects.filter(council=vw.council).with_counts()}
    assert (rows[synth.pk].total_voters, rows[synth.pk].raw_count) == (9, 3)
    assert rows[synth.pk].meeting_count == 3
    assert (rows[lone.pk].total_voters, rows[lone.pk].raw_count, rows[lone.pk].meeting_count) == (
        None,
        0,
        0,
    )


def test_lists_export_to_excel(client, vw):
    client.force_login(vw.staff)
    fill(vw, 3)
    response = client.get(reverse("voters-synthesizedpetition-list"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_synthesis_and_answers_reports_print_grouped_with_word_twins(client, vw, tmp_path):
    fill(vw, 4)
    synth = SynthesizedPetition.objects.filter(state="forwarded").first()
    services.synth_answer(
        synth=synth, by_user=vw.staff, answer="Đã sửa xong đoạn đường.", state="resolved"
    )
    client.force_login(vw.staff)
    for kind, expected in [
        ("voters.synthesis", ["TỔNG HỢP Ý KIẾN", "Giao thông, hạ tầng", "Kiến nghị số 3"]),
        ("voters.answers", ["Đã sửa xong đoạn đường", "Đã giải quyết"]),
    ]:
        url = reverse("documents-print", args=[kind, vw.session.pk])
        pdf = client.get(url)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        text = pdftools.text(pdftools.write(pdf.content, tmp_path, f"{kind}.pdf"))
        folded = " ".join(text.split())
        for word in expected:
            assert word.lower() in folded.lower(), (kind, word)
        docx = client.get(url, {"format": "docx"})
        assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_the_answers_report_is_the_ubnds_and_the_synthesis_the_standing_committees(
    client, vw, tmp_path
):
    """DOCUMENTS.md §4: the UBND answers the petitions in its own report (…/BC-UBND), the
    HĐND's Standing Committee sums them up with the Front (…/BC-HĐND)."""
    from councils.models import Agency

    fill(vw, 2)
    vw.agency.kind, vw.agency.head_name = Agency.Kind.UBND, "Hoàng Văn Chủ"
    vw.agency.save()
    client.force_login(vw.staff)

    def read(kind):
        url = reverse("documents-print", args=[kind, vw.session.pk])
        path = pdftools.write(client.get(url).content, tmp_path, f"{kind}.pdf")
        return pdftools.text(path, layout=True)

    answers = read("voters.answers")
    flat = " ".join(answers.split())
    assert "ỦY BAN NHÂN DÂN" in answers and "/BC-UBND" in flat and "/BC-HĐND" not in flat
    assert "THƯỜNG TRỰC" not in answers.split("BÁO CÁO")[0]
    assert "TM. ỦY BAN NHÂN DÂN" in flat and "Hoàng Văn Chủ" in flat
    assert "Ủy ban nhân dân xã báo cáo kết quả giải quyết" in flat
    recipients = [
        re.split(r"\s{2,}", line.strip())[0]
        for line in answers.split("Nơi nhận:", 1)[1].splitlines()
        if line.strip().startswith("- ")
    ]
    assert "- Thường trực HĐND xã;" in recipients
    assert not any("UBND" in line or "Ủy ban nhân dân" in line for line in recipients)

    synthesis = " ".join(read("voters.synthesis").split())
    assert "/BC-HĐND" in synthesis and "TM. THƯỜNG TRỰC HĐND" in synthesis
    assert "phối hợp với Ban Thường trực Ủy ban MTTQ Việt Nam xã" in synthesis


def test_the_answers_report_is_numbered_in_the_ubnds_series(client, vw):
    from hdnd_portal.documents.models import DocumentRegister

    client.force_login(vw.staff)
    url = reverse("documents-print", args=["voters.answers", vw.session.pk])
    assert client.post(url).status_code == 302
    assert DocumentRegister.objects.get(kind_code="voters.answers").symbol == "01/BC-UBND"


def test_an_agency_cannot_print_the_councils_reports(client, vw):
    client.force_login(vw.agency_user)
    url = reverse("documents-print", args=["voters.synthesis", vw.session.pk])
    assert client.get(url).status_code == 403


def test_target_1_5_counts_petitions_forwarded(vw):
    fill(vw, 4)
    today = dt.date.today()
    result = counts.petitions_forwarded(
        council=vw.council, start=today.replace(month=1, day=1), end=today
    )
    assert result == {"total": 4, "forwarded": 2, "percent": 50.0, "met": False}


def test_target_1_6_counts_thematic_meetings_of_the_standing_committee(vw):
    assert counts.thematic_meetings(council=vw.council, year=2026)["met"] is False
    VoterMeetingFactory(
        holder=vw.standing, session=None, kind="thematic", held_on=dt.date(2026, 9, 1)
    )
    VoterMeetingFactory(holder=vw.group, session=vw.session, held_on=dt.date(2026, 9, 2))
    assert counts.thematic_meetings(council=vw.council, year=2026) == {
        "year": 2026,
        "count": 1,
        "met": True,
    }
    assert counts.thematic_meetings(council=vw.council, year=2027)["count"] == 0


def test_repeated_petitions_are_linked_and_listed_on_their_own(client, vw):
    first = SynthesizedPetitionFactory(council=vw.council, field=vw.road, content="Sửa cầu Đá")
    again = SynthesizedPetitionFactory(council=vw.council, field=vw.road, content="Lại sửa cầu Đá")
    services.synth_mark_repeat(synth=again, repeat_of=first, by_user=vw.staff)
    SynthesizedPetitionFactory(council=vw.council, field=vw.road, content="Một lần")
    client.force_login(vw.staff)
    page = client.get(reverse("voters-repeats"))
    assert [row["obj"] for row in page.context["rows"]] == [again]
    detail = client.get(again.get_absolute_url()).content.decode()
    assert "Kiến nghị lặp lại" in detail
    assert "Được nêu lại ở" in client.get(first.get_absolute_url()).content.decode()


def test_likely_duplicates_are_suggested_while_staff_type(client, vw):
    road = SynthesizedPetitionFactory(
        council=vw.council,
        field=vw.road,
        content="Đề nghị sửa chữa đường liên thôn Hạ bị xuống cấp",
    )
    SynthesizedPetitionFactory(council=vw.council, field=vw.road, content="Hỗ trợ giống lúa")
    # Without a role nothing is visible, hence nothing suggested.
    assert similar_petitions(access=None, text="sua chua duong lien thon ha xuong cap") == []
    client.force_login(vw.staff)
    response = client.get(
        reverse("voters-similar"), {"content": "sửa chữa đường lien thon ha xuống cấp"}
    )
    body = response.content.decode()
    assert f"#{road.pk}" in body
    assert "giống lúa" not in body


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path")
def test_the_word_overlap_score_ignores_diacritics():
    assert overlap_score("Sửa đường liên thôn", "sua duong lien thon ha") == 1.0
    assert overlap_score("Sửa đường", "trạm y tế") == 0.0


def test_trigram_similarity_on_postgresql(client, vw):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (pg_trgm)")
    road = SynthesizedPetitionFactory(
        council=vw.council, field=vw.road, content="Đề nghị sửa chữa đường liên thôn Hạ"
    )
    client.force_login(vw.staff)
    response = client.get(reverse("voters-similar"), {"content": "sua chua duong lien thon ha"})
    assert f"#{road.pk}" in response.content.decode()


def merged(vw, places):
    """One synthesised petition behind one petition from each of ``places``."""
    petitions = [
        VoterPetitionFactory(
            meeting=VoterMeetingFactory(holder=vw.group, session=vw.session, place=place),
            field=vw.road,
        )
        for place in places
    ]
    return services.petitions_merge(
        council=vw.council,
        petitions=petitions,
        content=f"Kiến nghị của {', '.join(places)}",
        field=vw.road,
        session=vw.session,
        by_user=vw.staff,
    )


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_synthesis_counts_each_merged_petition_in_queries_that_do_not_grow(
    client, vw, django_assert_max_num_queries, fmt
):
    synth = merged(vw, ["Thôn Hạ", "Thôn Thượng", "Thôn Hạ"])
    merged(vw, ["Thôn Trung"])
    rows = {r.synth.pk: r for g in synthesis_groups(vw.session) for r in g.rows}
    assert (rows[synth.pk].count, rows[synth.pk].places) == (3, "Thôn Hạ, Thôn Thượng")
    client.force_login(vw.staff)
    url = reverse("documents-print", args=["voters.synthesis", vw.session.pk])
    with django_assert_max_num_queries(40) as small:
        assert client.get(url, {"format": fmt}).status_code == 200
    for i in range(10):
        merged(vw, [f"Thôn {i}", f"Thôn {i + 1}"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url, {"format": fmt}).status_code == 200
