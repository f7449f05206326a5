"""The printed documents render as PDF (text read back with poppler) and as Word."""

import datetime as dt
import io

from django.urls import reverse
from docx import Document

from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.printing import document_issue, document_kind
from meetings import services
from meetings.models import Resolution
from meetings.reports import EXAMINATION_KIND
from tests.documents import pdftools
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DelegateFactory,
    ExaminationFactory,
    MembershipFactory,
    SessionDocumentFactory,
)
from tests.meetings.test_rules import passed_resolution


def pdf_text(client, url, tmp_path) -> str:
    """The PDF's words; a symbol wrapped after its slash at a line's end reads as one."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return pdftools.text(pdftools.write(response.content, tmp_path)).replace("/\n", "/")


def test_the_issued_resolution_prints_with_its_number_and_the_vote_day(sitting, client, tmp_path):
    resolution = passed_resolution(sitting, title="Về việc phê duyệt dự toán ngân sách xã năm 2027")
    resolution = services.resolution_issue(
        resolution=resolution, issued_by=sitting.staff, on=dt.date(2026, 12, 21)
    )
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.resolution", resolution.pk])
    text = pdf_text(client, f"{url}?document={resolution.document.pk}", tmp_path)
    flat = " ".join(text.split())
    assert "01/NQ-HĐND" in flat
    assert "NGHỊ QUYẾT" in flat
    assert "QUYẾT NGHỊ" in flat
    assert "kỳ họp thứ ba thông qua ngày 20 tháng 12 năm 2026" in flat
    docx = client.get(f"{url}?document={resolution.document.pk}&format=docx")
    words = " ".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "QUYẾT NGHỊ:" in words
    # The same PDF is public, without login.
    client.logout()
    public = reverse(
        "meetings-public-resolution-pdf", args=[sitting.term.council.slug, resolution.pk]
    )
    assert "01/NQ-HĐND" in " ".join(pdf_text(client, public, tmp_path).split())


def test_the_programme_lists_the_agenda(sitting, client, tmp_path):
    AgendaItemFactory(session=sitting.session, number=1, title="Khai mạc kỳ họp", time_label="8h00")
    AgendaItemFactory(session=sitting.session, number=2, title="Thông qua dự toán ngân sách")
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.session_programme", sitting.session.pk])
    flat = " ".join(pdf_text(client, url, tmp_path).split())
    assert "CHƯƠNG TRÌNH" in flat and "Khai mạc kỳ họp" in flat and "DỰ THẢO" in flat
    assert "I. THỜI GIAN, ĐỊA ĐIỂM 1. Thời gian: ngày 20 tháng 12 năm 2026." in flat
    assert "II. THÀNH PHẦN" in flat and "III. NỘI DUNG" in flat
    assert "III. NỘI DUNG Thời gian 8h00 Nội dung" in flat
    assert client.get(f"{url}?format=docx").status_code == 200


def test_the_results_report_gives_attendance_and_the_share_for(sitting, client, tmp_path):
    passed_resolution(sitting, title="Về việc thu chi ngân sách")
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.session_report", sitting.session.pk])
    flat = " ".join(pdf_text(client, url, tmp_path).split())
    assert "Kết quả kỳ họp thứ ba" in flat
    assert "có mặt 12/15 đại biểu (80,0%)" in flat
    assert "10/15 (66,7%)" in flat
    for section in (
        "I. CÔNG TÁC CHUẨN BỊ KỲ HỌP",
        "II. KẾT QUẢ KỲ HỌP",
        "III. ĐÁNH GIÁ",
        "IV. KIẾN NGHỊ, NHIỆM VỤ TIẾP THEO",
    ):
        assert section in flat
    assert "kỳ họp diễn ra ngày 20 tháng 12 năm 2026" in flat
    assert "biểu quyết 1 dự thảo nghị quyết, thông qua 1 nghị quyết" in flat
    assert "Ý kiến, kiến nghị của cử tri: 0 kiến nghị" in flat
    assert "Hoạt động chất vấn: 0 lượt chất vấn" in flat
    # Sent upward: the city's bodies are among the recipients.
    assert "Thường trực HĐND thành phố Hà Nội; - UBND thành phố Hà Nội;" in flat


def test_the_examination_report_is_issued_by_the_ban(sitting, client, tmp_path):
    ban = CommitteeFactory(term=sitting.term, name="Ban Kinh tế - Ngân sách")
    exam = ExaminationFactory(
        document=SessionDocumentFactory(session=sitting.session),
        committee=ban,
        recommendation="amend",
    )
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.examination_report", exam.pk])
    flat = " ".join(pdf_text(client, url, tmp_path).split())
    assert "BAN KINH TẾ - NGÂN SÁCH" in flat
    assert "TRƯỞNG BAN" in flat
    assert "đề nghị chỉnh sửa rồi thông qua" in flat
    assert client.get(f"{url}?format=docx").status_code == 200


def _resolution_on_its_records(sitting, **kwargs):
    """A passed resolution drafted on UBND's proposal 45/TTr-UBND of 01/12/2026, examined by the KTNS Ban
    whose report was issued on 15/12/2026."""
    item = AgendaItemFactory(session=sitting.session, title="Dự toán ngân sách xã năm 2027")
    SessionDocumentFactory(
        session=sitting.session,
        agenda_item=item,
        kind="proposal",
        title="Tờ trình về dự toán ngân sách xã năm 2027",
        reference="45/TTr-UBND",
        dated_on=dt.date(2026, 12, 1),
    )
    draft = SessionDocumentFactory(session=sitting.session, agenda_item=item)
    ban = CommitteeFactory(term=sitting.term, name="Ban Kinh tế - Ngân sách", code="KTNS")
    exam = ExaminationFactory(document=draft, committee=ban)
    document_issue(
        kind=document_kind(EXAMINATION_KIND),
        obj=exam,
        user_id=sitting.staff.pk,
        on=dt.date(2026, 12, 15),
    )
    resolution = passed_resolution(
        sitting,
        title="Về việc phê duyệt dự toán ngân sách xã năm 2027",
        draft=draft,
        agenda_item=item,
        body="Phê duyệt dự toán thu ngân sách xã năm 2027 là 12.500 triệu đồng.\n"
        "Chi tiết theo phụ lục kèm theo.",
        **kwargs,
    )
    return services.resolution_issue(
        resolution=resolution, issued_by=sitting.staff, on=dt.date(2026, 12, 21)
    )


def test_the_resolution_cites_its_laws_and_the_records_it_considered(sitting, client, tmp_path):
    resolution = _resolution_on_its_records(sitting)
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.resolution", resolution.pk])
    flat = " ".join(pdf_text(client, f"{url}?document={resolution.document.pk}", tmp_path).split())
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in flat
    # An individual resolution does not cite the law on normative documents.
    assert "Luật Ban hành văn bản" not in flat
    assert (
        "Xét Tờ trình số 45/TTr-UBND ngày 01 tháng 12 năm 2026 của Ủy ban nhân dân xã về việc phê "
        "duyệt dự toán ngân sách xã năm 2027; Báo cáo thẩm tra số 01/BC-KTNS ngày 15 tháng 12 "
        "năm 2026 của Ban Kinh tế - Ngân sách Hội đồng nhân dân xã; ý kiến thảo luận của đại "
        "biểu Hội đồng nhân dân xã tại kỳ họp."
    ) in flat
    assert "QUYẾT NGHỊ: Điều 1. Phê duyệt dự toán thu ngân sách xã năm 2027" in flat
    assert "Chi tiết theo phụ lục kèm theo. Điều 2. Tổ chức thực hiện." in flat
    assert "Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này" in flat
    assert "các Tổ đại biểu và đại biểu Hội đồng nhân dân xã giám sát" in flat
    assert (
        "Điều 3. Hiệu lực thi hành. Nghị quyết này đã được Hội đồng nhân dân xã Phúc Lộc khóa "
        "II, kỳ họp thứ ba thông qua ngày 20 tháng 12 năm 2026 và có hiệu lực từ ngày 21 "
        "tháng 12 năm 2026."
    ) in flat
    recipients = flat.split("Nơi nhận:")[1]
    assert recipients.startswith(" - Thường trực HĐND thành phố Hà Nội; - UBND thành phố Hà Nội;")
    assert "Sở Tư pháp" not in recipients
    # Never the issuer itself, never twice.
    lines = [line.strip() for line in recipients.split(" - ")[1:]]
    assert len(lines) == len(set(lines))
    assert not any(line.startswith(("HĐND xã", "Hội đồng nhân dân xã")) for line in lines)


def test_a_normative_resolution_cites_the_law_on_legal_documents(sitting, client, tmp_path):
    resolution = _resolution_on_its_records(sitting, kind=Resolution.Kind.NORMATIVE)
    assert resolution.document.symbol == "01/2026/NQ-HĐND"
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.resolution", resolution.pk])
    flat = " ".join(pdf_text(client, f"{url}?document={resolution.document.pk}", tmp_path).split())
    assert (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025; Luật sửa "
        "đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 25 tháng 6 "
        "năm 2025;"
    ) in flat
    assert "Sở Tư pháp thành phố (để kiểm tra);" in flat.split("Nơi nhận:")[1]


def test_a_normative_resolution_prints_the_regulation_it_issues_on_its_own_pages(
    sitting, client, tmp_path
):
    import io

    from docx import Document

    from tests.documents import pdftools

    resolution = _resolution_on_its_records(sitting, kind=Resolution.Kind.NORMATIVE)
    Resolution.objects.filter(pk=resolution.pk).update(
        title="Về việc ban hành Quy định về quản lý chợ trên địa bàn xã",
        regulation="Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
        "Quy định này quy định về quản lý chợ.\nĐiều 2. Đối tượng áp dụng",
    )
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.resolution", resolution.pk])
    url += f"?document={resolution.document.pk}"
    path = pdftools.write(client.get(url).content, tmp_path)
    pages = pdftools.text(path).split("\f")
    regulation = " ".join(next(p for p in pages if "QUY ĐỊNH" in p and "Chương I" in p).split())
    assert "Nơi nhận" not in regulation  # a page of its own, after the signature
    assert "Quy định về quản lý chợ trên địa bàn xã" in regulation
    assert f"(Ban hành kèm theo Nghị quyết số {resolution.document.symbol} ngày" in regulation
    assert "Điều 1. Phạm vi điều chỉnh" in regulation and "Điều 2. Đối tượng" in regulation
    # The Word twin carries it, "Điều N." in bold.
    word = Document(io.BytesIO(client.get(url + "&format=docx").content))
    article = next(p for p in word.paragraphs if p.text.startswith("Điều 1. Phạm vi"))
    assert article.runs[0].bold and article.runs[0].text.strip() == "Điều 1."


def test_a_resolution_without_its_records_leaves_visible_blanks(sitting, client, tmp_path):
    resolution = passed_resolution(sitting, title="Về việc đặt tên đường thôn Đông")
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=["meetings.resolution", resolution.pk])
    flat = " ".join(pdf_text(client, url, tmp_path).split())
    assert (
        "Xét Tờ trình số …/TTr-UBND ngày … tháng … năm … của Ủy ban nhân dân xã về việc đặt "
        "tên đường thôn Đông; Báo cáo thẩm tra số … của Ban … Hội đồng nhân dân xã;"
    ) in flat
    assert "QUYẾT NGHỊ: Điều 1. … Điều 2." in flat
    assert "và có hiệu lực từ ngày ký" in flat


def test_each_ban_numbers_its_examination_reports_in_its_own_series(sitting, client, tmp_path):
    draft = SessionDocumentFactory(session=sitting.session)
    ktns = CommitteeFactory(term=sitting.term, name="Ban Kinh tế - Ngân sách", code="KTNS")
    vhxh = CommitteeFactory(term=sitting.term, name="Ban Văn hóa - Xã hội", code="VHXH")
    head = DelegateFactory(term=sitting.term, full_name="Lê Thị Thu")
    MembershipFactory(committee=vhxh, delegate=head, role="head")
    kind = document_kind(EXAMINATION_KIND)
    on = dt.date(2026, 12, 15)
    first, _ = document_issue(
        kind=kind, obj=ExaminationFactory(document=draft, committee=ktns), user_id=None, on=on
    )
    exam = ExaminationFactory(document=draft, committee=vhxh)
    second, _ = document_issue(kind=kind, obj=exam, user_id=None, on=on)
    assert (first.symbol, second.symbol) == ("01/BC-KTNS", "01/BC-VHXH")
    assert second.signer == "Lê Thị Thu"
    # The HĐND's own report series has not moved.
    assert not DocumentRegister.objects.filter(issuer_code="HĐND", type_code="BC").exists()
    client.force_login(sitting.staff)
    url = reverse("documents-print", args=[EXAMINATION_KIND, exam.pk])
    flat = " ".join(pdf_text(client, f"{url}?document={second.pk}", tmp_path).split())
    assert "HĐND XÃ PHÚC LỘC BAN VĂN HÓA - XÃ HỘI" in flat
    assert "Số: 01/BC-VHXH" in flat
    assert "Phúc Lộc, ngày 15 tháng 12 năm 2026" in flat
    assert "I. QUÁ TRÌNH THẨM TRA" in flat and "III. KẾT LUẬN VÀ KIẾN NGHỊ" in flat
    assert "thống nhất trình Hội đồng nhân dân xem xét, thông qua" in flat
    assert "TM. BAN VĂN HÓA - XÃ HỘI TRƯỞNG BAN Lê Thị Thu" in flat
    # The draft shows the Ban's series with a blank number.
    draft_text = " ".join(pdf_text(client, url, tmp_path).split())
    assert "/BC-VHXH" in draft_text


def test_a_long_ban_name_breaks_between_words_in_the_letterhead():
    from meetings.reports import issuer_lines

    assert issuer_lines("Ban Kinh tế - Ngân sách") == ("BAN KINH TẾ -", "NGÂN SÁCH")
    assert issuer_lines("Ban Văn hóa - Xã hội") == ("BAN VĂN HÓA - XÃ HỘI",)
