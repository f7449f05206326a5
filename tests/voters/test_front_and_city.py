"""Issue 22, items 5 and 11: the Fatherland Front's role in a voter meeting, and the petitions
the commune cannot settle, forwarded to the city and followed (never answered "vượt thẩm
quyền"); the synthesis report splits the commune's from the city's."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from councils.models import Agency
from hdnd_portal.followups.models import FollowUp
from tests.documents import pdftools
from tests.factories import AgencyFactory, VoterMeetingFactory, VoterPetitionFactory
from tests.voters.test_entry_points import api_as, api_meeting, page_meeting
from voters import services
from voters.models import SynthesizedPetition, VoterMeeting
from voters.reports import synthesis_context

pytestmark = pytest.mark.django_db

FRONT_CHAIR_MISSING = "ghi người đại diện Ủy ban MTTQ chủ trì hội nghị"


def synth_of(vw, content="Đề nghị nâng cấp tỉnh lộ qua xã", session=True):
    meeting = VoterMeetingFactory(holder=vw.group, session=vw.session, place="Thôn Đông")
    petition = VoterPetitionFactory(meeting=meeting, field=vw.road)
    return services.petitions_merge(
        council=vw.council,
        petitions=[petition],
        content=content,
        field=vw.road,
        session=vw.session if session else None,
        by_user=vw.staff,
    )


@pytest.fixture
def city(vw):
    return AgencyFactory(
        council=vw.council, name="Ủy ban nhân dân thành phố", kind=Agency.Kind.UPPER
    )


# -- item 5: the Front's role -------------------------------------------------------------
def test_a_meeting_chaired_by_the_front_names_its_representative_page_and_api_alike(client, vw):
    client.force_login(vw.staff)
    data = page_meeting(vw, organiser="front", front_chair="")
    page = client.post(reverse("voters-votermeeting-create"), data)
    assert page.status_code == 200
    assert FRONT_CHAIR_MISSING in page.content.decode()
    api = api_as(vw.staff).post(
        "/api/v1/voter-meetings/", api_meeting(vw, organiser="front", front_chair=""), format="json"
    )
    assert api.status_code == 400
    assert FRONT_CHAIR_MISSING in str(api.json())
    assert not VoterMeeting.objects.exists()

    data.update(front_chair="Bà Lê Thị Hoa, Phó Chủ tịch", notice_reference="Thông báo 12/TB-MTTQ")
    assert client.post(reverse("voters-votermeeting-create"), data).status_code == 302
    meeting = VoterMeeting.objects.get()
    assert meeting.organiser == VoterMeeting.Organiser.FRONT
    detail = client.get(meeting.get_absolute_url()).content.decode()
    for text in ("Ủy ban MTTQ xã chủ trì", "Bà Lê Thị Hoa", "Thông báo 12/TB-MTTQ"):
        assert text in detail
    row = api_as(vw.staff).get(f"/api/v1/voter-meetings/{meeting.pk}/").json()
    assert row["front_chair"] == "Bà Lê Thị Hoa, Phó Chủ tịch"
    assert row["notice_reference"] == "Thông báo 12/TB-MTTQ"
    export = client.get(reverse("voters-votermeeting-list"), {"format": "xlsx"})
    assert export.status_code == 200


def test_the_standing_committee_may_organise_without_a_front_chair(vw):
    meeting = VoterMeetingFactory.build(
        council=vw.council, holder=vw.group, session=vw.session, organiser="standing"
    )
    meeting.clean()  # no refusal


# -- item 11: forwarded upward ------------------------------------------------------------
def test_forwarding_to_a_city_body_marks_the_petition_the_citys_and_follows_it(vw, city):
    synth = synth_of(vw)
    synth = services.synth_assign(
        synth=synth,
        agency=city,
        by_user=vw.staff,
        started_on=dt.date(2026, 7, 20),
        reference="Công văn 45/HĐND-TT",
    )
    assert synth.competence == SynthesizedPetition.Competence.CITY
    assert synth.forward_reference == "Công văn 45/HĐND-TT"
    followup = FollowUp.objects.get(pk=synth.followup_id)
    assert followup.agency == city and followup.started_on == dt.date(2026, 7, 20)
    synth = services.synth_answer(
        synth=synth,
        by_user=vw.staff,
        answer="UBND thành phố đưa vào kế hoạch đầu tư công 2027.",
        state="in_progress",
        on_behalf=True,
        answered_on=dt.date(2026, 8, 30),
    )
    assert synth.answered_on == dt.date(2026, 8, 30)
    followup.refresh_from_db()
    assert "đầu tư công" in followup.answer


def test_a_petition_for_the_city_is_not_forwarded_to_a_commune_body(vw, city):
    synth = synth_of(vw)
    synth.competence = SynthesizedPetition.Competence.CITY
    synth.save()
    with pytest.raises(ValidationError) as refused:
        services.synth_assign(synth=synth, agency=vw.agency, by_user=vw.staff)
    assert "cơ quan cấp trên" in str(refused.value)


def test_the_assign_page_refuses_a_commune_body_for_a_city_petition(client, vw, city):
    synth = synth_of(vw)
    SynthesizedPetition.objects.filter(pk=synth.pk).update(competence="city")
    client.force_login(vw.staff)
    url = reverse("voters-synthesizedpetition-assign", args=[synth.pk])
    response = client.post(url, {"agency": vw.agency.pk, "started_on": "20/07/2026"}, follow=True)
    assert "cơ quan cấp trên" in response.content.decode()
    assert SynthesizedPetition.objects.get(pk=synth.pk).state == "new"


def test_a_petition_is_never_closed_as_beyond_the_communes_competence(vw):
    synth = services.synth_assign(synth=synth_of(vw), agency=vw.agency, by_user=vw.staff)
    with pytest.raises(ValidationError) as refused:
        services.synth_answer(
            synth=synth,
            by_user=vw.staff,
            answer="Không thuộc thẩm quyền.",
            state="not_accepted",
            reason="Nội dung vượt thẩm quyền cấp xã",
        )
    assert "chuyển lên cơ quan cấp thành phố" in str(refused.value)
    # Another reason is still a reason.
    services.synth_answer(
        synth=synth,
        by_user=vw.staff,
        answer="Chưa bố trí được kinh phí.",
        state="not_accepted",
        reason="Chưa có nguồn vốn trong năm",
    )


def test_the_synthesis_report_splits_the_communes_petitions_from_the_citys(
    client, vw, city, tmp_path
):
    services.synth_assign(
        synth=synth_of(vw, "Đề nghị sửa đường thôn"), agency=vw.agency, by_user=vw.staff
    )
    services.synth_assign(
        synth=synth_of(vw, "Đề nghị nâng cấp tỉnh lộ"), agency=city, by_user=vw.staff
    )
    ctx = synthesis_context(obj=vw.session, access=None, document=None, on=dt.date(2026, 7, 1))
    assert [r.synth.content for g in ctx["groups"] for r in g.rows] == ["Đề nghị sửa đường thôn"]
    assert [r.synth.content for g in ctx["city_groups"] for r in g.rows] == [
        "Đề nghị nâng cấp tỉnh lộ"
    ]
    client.force_login(vw.staff)
    pdf = client.get(reverse("documents-print", args=["voters.synthesis", vw.session.pk]))
    text = " ".join(pdftools.text(pdftools.write(pdf.content, tmp_path, "s.pdf")).split())
    assert "THUỘC THẨM QUYỀN CẤP XÃ" in text
    assert "VƯỢT THẨM QUYỀN CẤP XÃ, CHUYỂN CẤP THÀNH PHỐ" in text
    assert text.index("sửa đường thôn") < text.index("VƯỢT THẨM QUYỀN") < text.index("tỉnh lộ")


def test_the_migration_reopens_petitions_answered_beyond_competence_for_the_city(vw, city):
    old = services.synth_assign(
        synth=synth_of(vw, "Kiến nghị cũ"), agency=vw.agency, by_user=vw.staff
    )
    SynthesizedPetition.objects.filter(pk=old.pk).update(
        state="not_accepted", answer="Không giải quyết.", reason="Vượt thẩm quyền cấp xã."
    )
    sent_up = synth_of(vw, "Đã chuyển lên")
    SynthesizedPetition.objects.filter(pk=sent_up.pk).update(agency=city, state="forwarded")
    kept = services.synth_assign(
        synth=synth_of(vw, "Lý do khác"), agency=vw.agency, by_user=vw.staff
    )
    SynthesizedPetition.objects.filter(pk=kept.pk).update(state="not_accepted", reason="Hết vốn")
    migration = importlib.import_module("voters.migrations.0004_front_role_and_city_forwarding")
    migration.forward_beyond_competence(apps, None)
    old.refresh_from_db(), sent_up.refresh_from_db(), kept.refresh_from_db()
    assert (old.competence, old.state, old.agency_id, old.answer) == ("city", "new", None, "")
    assert "Không giải quyết." in old.reason and "cấp thành phố" in old.reason
    assert sent_up.competence == "city" and sent_up.state == "forwarded"
    assert (kept.competence, kept.state) == ("commune", "not_accepted")
    # Reopened, it goes up now.
    assert services.synth_assign(synth=old, agency=city, by_user=vw.staff).state == "forwarded"
