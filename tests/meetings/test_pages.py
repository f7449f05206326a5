"""Pages as users meet them: permissions per role, files, uploads, query counts, public page."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import DocumentVersion, Examination, SessionDocument
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DelegateFactory,
    ExaminationFactory,
    QuestionFactory,
    ResolutionFactory,
    SessionDocumentFactory,
    SessionFactory,
    TermFactory,
    persona,
)
from tests.meetings.conftest import OPENING, PDF_BYTES, Sitting, docx_bytes


def login(client, user):
    client.force_login(user)
    return client


# -- uploads and files ------------------------------------------------------------------------
def test_a_text_file_named_pdf_is_refused_and_nothing_is_saved(sitting, client):
    login(client, sitting.staff)
    response = client.post(
        reverse("meetings-sessiondocument-create"),
        {
            "session": sitting.session.pk,
            "kind": "proposal",
            "title": "Tờ trình dự toán",
            "file": SimpleUploadedFile("to-trinh.pdf", b"just text, not a PDF"),
        },
    )
    assert response.status_code == 200
    assert "không phải là tệp PDF" in response.content.decode()
    assert not SessionDocument.objects.exists()


def test_a_new_upload_is_a_new_version_and_the_old_one_is_kept(sitting, client):
    login(client, sitting.staff)
    response = client.post(
        reverse("meetings-sessiondocument-create"),
        {
            "session": sitting.session.pk,
            "kind": "draft_resolution",
            "title": "Dự thảo nghị quyết dự toán",
            "file": SimpleUploadedFile("du-thao.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    document = SessionDocument.objects.get()
    client.post(
        reverse("meetings-document-upload", args=[document.pk]),
        {"file": SimpleUploadedFile("du-thao-v2.docx", docx_bytes())},
    )
    versions = list(document.versions.order_by("number").values_list("number", "name"))
    assert versions == [(1, "du-thao.pdf"), (2, "du-thao-v2.docx")]
    client.post(
        reverse("meetings-document-upload", args=[document.pk]),
        {"file": SimpleUploadedFile("evil.docx", b"PK\x03\x04not a zip")},
    )
    assert document.versions.count() == 2


@pytest.fixture
def stored_file(sitting):
    document = SessionDocumentFactory(session=sitting.session)
    return services.document_version_add(
        document=document,
        file=SimpleUploadedFile("du-thao.pdf", PDF_BYTES),
        uploaded_by=sitting.staff,
    )


def test_files_are_served_only_to_users_entitled_to_the_session(sitting, stored_file, client):
    url = reverse("meetings-document-file", args=[stored_file.pk])
    # A delegate of the session's term gets it; one of another term, an agency and an
    # anonymous visitor do not.
    member = persona(
        "delegate", sitting.term.council, username="member", delegate=sitting.delegates[0]
    )
    response = login(client, member).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    outsider = persona("delegate", sitting.term.council, username="outsider")
    assert login(client, outsider).get(url).status_code == 404
    agency = persona("agency", sitting.term.council)
    assert login(client, agency).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert not stored_file.file.url.startswith("/meetings/")  # never linked: served by the view


def test_another_councils_file_is_not_found(sitting, stored_file, client, other_council):
    assert (
        login(client, persona("staff", other_council))
        .get(reverse("meetings-document-file", args=[stored_file.pk]))
        .status_code
        == 404
    )


# -- examinations: a Ban member edits only their Ban's reports --------------------------------
def test_a_ban_member_edits_their_bans_examination_but_not_another_bans(sitting, client):
    document = SessionDocumentFactory(session=sitting.session)
    mine = CommitteeFactory(term=sitting.term, name="Ban Kinh tế - Ngân sách")
    theirs = CommitteeFactory(term=sitting.term, name="Ban Văn hóa - Xã hội", code="VHXH")
    own = ExaminationFactory(document=document, committee=mine)
    other = ExaminationFactory(document=document, committee=theirs)
    member = persona("committee", sitting.term.council, committee=mine)
    login(client, member)
    assert client.get(reverse("meetings-examination-update", args=[own.pk])).status_code == 200
    assert client.get(reverse("meetings-examination-update", args=[other.pk])).status_code == 403
    response = client.post(
        reverse("meetings-examination-update", args=[own.pk]),
        {
            "document": document.pk,
            "committee": mine.pk,
            "recommendation": "amend",
            "content": "Đề nghị sửa Điều 1.",
            "examined_on": "10/12/2026",
        },
    )
    assert response.status_code == 302
    assert Examination.objects.get(pk=own.pk).recommendation == "amend"
    # Nor can they write a report in another Ban's name.
    response = client.post(
        reverse("meetings-examination-create"),
        {
            "document": SessionDocumentFactory(session=sitting.session).pk,
            "committee": theirs.pk,
            "recommendation": "pass",
            "content": "x",
            "examined_on": "10/12/2026",
        },
    )
    assert response.status_code == 200
    assert Examination.objects.count() == 2


def test_only_a_ban_examines_and_only_a_draft_resolution(sitting, client):
    login(client, sitting.staff)
    group = CommitteeFactory(term=sitting.term, kind="delegate_group", name="Tổ đại biểu số 1")
    proposal = SessionDocumentFactory(session=sitting.session, kind="proposal")
    response = client.post(
        reverse("meetings-examination-create"),
        {
            "document": proposal.pk,
            "committee": group.pk,
            "recommendation": "pass",
            "content": "x",
            "examined_on": "10/12/2026",
        },
    )
    assert response.status_code == 200
    assert not Examination.objects.exists()


# -- session pages and actions ----------------------------------------------------------------
def test_opening_without_quorum_shows_the_reason_on_the_page(sitting, client):
    login(client, sitting.staff)
    url = reverse("meetings-session-transition", args=[sitting.session.pk, "open"])
    response = client.post(url, follow=True)
    assert "Chưa đủ túc số: có mặt 0/15, cần ít nhất 10" in response.content.decode()


def test_the_attendance_sheet_records_every_delegate_at_once(sitting, client):
    login(client, sitting.staff)
    url = reverse("meetings-session-attendance", args=[sitting.session.pk])
    page = client.get(url).content.decode()
    assert page.count('name="status-') == 15
    data = {f"status-{d.pk}": "present" for d in sitting.delegates[:10]}
    data.update({f"status-{d.pk}": "absent_leave" for d in sitting.delegates[10:]})
    assert client.post(url, data).status_code == 302
    response = client.post(
        reverse("meetings-session-transition", args=[sitting.session.pk, "open"]), follow=True
    )
    assert "Đã khai mạc kỳ họp." in response.content.decode()


def test_attendance_starts_all_present_and_the_clerk_marks_the_exceptions(sitting, client):
    from meetings.models import Attendance

    login(client, sitting.staff)
    url = reverse("meetings-session-attendance", args=[sitting.session.pk])
    page = client.get(url).content.decode()
    assert 'id="attendance-default"' in page
    assert page.count('<option value="present" selected>') == 15
    # What the browser sends: every select as shown, one changed to "absent with leave".
    data = {f"status-{d.pk}": "present" for d in sitting.delegates}
    data[f"status-{sitting.delegates[3].pk}"] = "absent_leave"
    data[f"note-{sitting.delegates[3].pk}"] = "Đi công tác"
    assert client.post(url, data).status_code == 302
    sheet = dict(
        Attendance.objects.filter(session=sitting.session).values_list("delegate_id", "status")
    )
    assert len(sheet) == 15 and list(sheet.values()).count("present") == 14
    assert sheet[sitting.delegates[3].pk] == "absent_leave"


def test_a_half_taken_sheet_fills_the_rest_as_present_and_an_overlong_note_is_refused(
    sitting, client
):
    from meetings.models import Attendance

    login(client, sitting.staff)
    url = reverse("meetings-session-attendance", args=[sitting.session.pk])
    first = sitting.delegates[0]
    client.post(url, {f"status-{first.pk}": "late"})
    page = client.get(url).content.decode()
    assert "14 đại biểu chưa điểm danh" in page and 'name="all_present"' in page
    assert client.post(url, {f"status-{first.pk}": "late", "all_present": "1"}).status_code == 302
    statuses = list(
        Attendance.objects.filter(session=sitting.session).values_list("status", flat=True)
    )
    assert sorted(statuses) == ["late"] + ["present"] * 14

    refused = client.post(url, {f"status-{first.pk}": "late", f"note-{first.pk}": "x" * 300})
    assert refused.status_code == 200
    assert "quá giới hạn 255 ký tự" in refused.content.decode()
    assert "x" * 300 in refused.content.decode()  # nothing the clerk typed is lost


def test_a_delegate_reads_but_cannot_change_or_open_sessions(sitting, client):
    member = persona("delegate", sitting.term.council, username="m", delegate=sitting.delegates[0])
    login(client, member)
    assert client.get(sitting.session.get_absolute_url()).status_code == 200
    assert (
        client.get(reverse("meetings-session-update", args=[sitting.session.pk])).status_code == 403
    )
    url = reverse("meetings-session-transition", args=[sitting.session.pk, "open"])
    assert client.post(url).status_code == 403


def test_the_generic_print_view_numbers_a_resolution_only_through_its_own_command(sitting, client):
    """ "Cấp số và in" goes through services.resolution_issue: a resolution not passed is
    refused with its message, and no number is taken."""
    from hdnd_portal.documents.models import DocumentRegister

    resolution = ResolutionFactory(session=sitting.session)
    login(client, sitting.staff)
    response = client.post(reverse("documents-print", args=["meetings.resolution", resolution.pk]))
    assert response.status_code == 400
    assert "Chỉ cấp số cho nghị quyết đã được biểu quyết thông qua." in response.content.decode()
    assert not DocumentRegister.objects.exists()


# -- list query counts ------------------------------------------------------------------------
def build(name, sitting, n):
    session = sitting.session
    for i in range(n):
        if name == "session":
            SessionFactory(
                term=sitting.term, number=10 + SessionFactory._meta.model.objects.count()
            )
        elif name == "agendaitem":
            AgendaItemFactory(session=session, presenter=sitting.delegates[i % 15])
        elif name == "sessiondocument":
            SessionDocumentFactory(session=session)
        elif name == "examination":
            ExaminationFactory(document=SessionDocumentFactory(session=session))
        elif name == "question":
            QuestionFactory(session=session, asker=sitting.delegates[i % 15])
        elif name == "resolution":
            ResolutionFactory(session=session)


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize(
    "name", ["agendaitem", "sessiondocument", "examination", "question", "resolution"]
)
def test_a_per_session_list_filters_by_the_term_of_its_session(sitting, client, name):
    # These records have no term of their own: "Nhiệm kỳ" goes through their session.
    old = TermFactory(council=sitting.term.council, start_date=dt.date(2021, 6, 1))
    old_sitting = Sitting(old, sitting.delegates, SessionFactory(term=old), sitting.staff)
    build(name, sitting, 2)
    build(name, old_sitting, 1)
    login(client, sitting.staff)

    for params in ({"term": old.pk}, {"term": old.pk, "format": "xlsx"}):
        response = client.get(reverse(f"meetings-{name}-list"), params)
        assert response.status_code == 200
    assert len(client.get(reverse(f"meetings-{name}-list"), {"term": old.pk}).context["rows"]) == 1


@pytest.mark.parametrize("params", [{}, {"format": "xlsx"}], ids=["page", "excel"])
@pytest.mark.parametrize(
    "name", ["session", "agendaitem", "sessiondocument", "examination", "question", "resolution"]
)
def test_lists_do_not_grow_with_their_rows(sitting, client, settings, name, params):
    settings.PAGE_SIZE = 100
    login(client, sitting.staff)
    url = reverse(f"meetings-{name}-list")
    build(name, sitting, 5)
    client.get(url, params)
    few, _ = count(client, url, params)
    build(name, sitting, 25)
    many, sql = count(client, url, params)
    assert many == few, "\n".join(sql)


def test_the_session_page_does_not_grow_with_its_documents(sitting, client):
    login(client, sitting.staff)
    url = sitting.session.get_absolute_url()
    for _ in range(3):
        SessionDocumentFactory(session=sitting.session)
        AgendaItemFactory(session=sitting.session)
    client.get(url)
    few, _ = count(client, url)
    for _ in range(20):
        SessionDocumentFactory(session=sitting.session)
        AgendaItemFactory(session=sitting.session)
    many, sql = count(client, url)
    assert many == few, "\n".join(sql)


# -- the public page ----------------------------------------------------------------------------
def test_the_public_page_shows_issued_resolutions_and_hides_drafts(sitting, client):
    from tests.meetings.test_rules import passed_resolution

    issued = passed_resolution(sitting, title="Về việc phê duyệt dự toán ngân sách xã năm 2027")
    services.resolution_issue(resolution=issued, issued_by=sitting.staff, on=dt.date(2026, 12, 21))
    ResolutionFactory(session=sitting.session, title="Về việc dự thảo còn đang bàn")
    client.logout()
    council = sitting.term.council
    page = client.get(reverse("meetings-public-council", args=[council.slug])).content.decode()
    assert "01/NQ-HĐND" in page and "phê duyệt dự toán ngân sách" in page
    assert "còn đang bàn" not in page
    draft = sitting.session.resolutions.get(title__contains="đang bàn")
    assert (
        client.get(
            reverse("meetings-public-resolution-pdf", args=[council.slug, draft.pk])
        ).status_code
        == 404
    )
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("meetings-public-index") in login_page


def test_a_delegate_sees_upcoming_sessions_on_the_home_page(sitting, client, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 2, 9, 0))
    member = persona("delegate", sitting.term.council, username="m", delegate=sitting.delegates[0])
    page = login(client, member).get("/").content.decode()
    assert "Kỳ họp sắp tới" in page and "Kỳ họp thứ ba" in page


def test_the_api_gives_the_computed_result_read_only(sitting, api):
    from tests.meetings.test_rules import passed_resolution

    resolution = passed_resolution(sitting)
    client = api("staff")
    data = client.get(f"/api/v1/resolutions/{resolution.pk}/").json()
    assert data["passed"] is True and data["tally"]["for"] == 10
    assert (
        client.patch(f"/api/v1/resolutions/{resolution.pk}/", {"passed": False}).status_code == 405
    )
    assert client.get("/api/v1/sessions/").status_code == 200
    assert api("agency").get("/api/v1/sessions/").status_code == 403


def test_the_api_lists_only_a_delegates_own_terms_documents(sitting, stored_file, api):
    other = DelegateFactory()
    outsider = api("delegate", username="outsider", delegate=other)
    assert outsider.get("/api/v1/session-documents/").json()["count"] == 0
    member = api("delegate", username="member", delegate=sitting.delegates[0])
    data = member.get("/api/v1/session-documents/").json()
    assert data["count"] == 1
    assert data["results"][0]["versions"][0]["url"] == f"/meetings/files/{stored_file.pk}/"
    assert DocumentVersion.objects.count() == 1
    _ = OPENING


def test_a_session_created_through_the_api_opens_its_notice_follow_up(sitting, api):
    from hdnd_portal.followups.models import FollowUp

    response = api("staff").post(
        "/api/v1/sessions/",
        {"term": sitting.term.pk, "number": 7, "kind": "regular", "start_date": "2027-06-20"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    item = FollowUp.objects.get(kind=services.SESSION_NOTICE)
    assert item.due_date == dt.date(2027, 5, 31)
    assert api("delegate", username="d1").post("/api/v1/sessions/", {}).status_code == 403


def test_the_resolutions_api_does_not_grow_with_its_rows(sitting, api):
    client = api("staff")
    for _ in range(3):
        ResolutionFactory(session=sitting.session)
    client.get("/api/v1/resolutions/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/resolutions/")
    for _ in range(20):
        ResolutionFactory(session=sitting.session)
    with CaptureQueriesContext(connection) as many:
        data = client.get("/api/v1/resolutions/").json()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert data["results"][0]["tally"] == {
        "for": 0,
        "against": 0,
        "abstain": 0,
        "not_voting": 0,
        "recused": 0,
    }


def test_actions_started_from_the_session_page_keep_the_session_and_come_back(sitting, client):
    from meetings.models import AgendaItem

    login(client, sitting.staff)
    session_url = sitting.session.get_absolute_url()
    page = client.get(session_url).content.decode()
    assert 'id="add-resolution"' in page
    add = reverse("meetings-agendaitem-create")
    link = f"{add}?session={sitting.session.pk}&amp;next={session_url}%23agenda"
    assert link in page
    form = client.get(f"{add}?session={sitting.session.pk}&next={session_url}%23agenda")
    assert form.context["form"].initial["session"] == str(sitting.session.pk)
    assert f'name="next" value="{session_url}#agenda"' in form.content.decode()
    saved = client.post(
        add,
        {
            "session": sitting.session.pk,
            "number": 9,
            "title": "Báo cáo tình hình kinh tế",
            "next": f"{session_url}#agenda",
        },
    )
    assert saved.status_code == 302 and saved["Location"] == f"{session_url}#agenda"
    assert AgendaItem.objects.filter(session=sitting.session, number=9).exists()
    # Another site is never a destination.
    elsewhere = client.post(
        add,
        {
            "session": sitting.session.pk,
            "number": 10,
            "title": "Khác",
            "next": "https://evil.example/",
        },
    )
    assert elsewhere["Location"].startswith("/meetings/")
