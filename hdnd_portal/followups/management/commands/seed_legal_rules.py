"""``python manage.py seed_legal_rules``: the legal deadlines of LEGAL.md §1-§6 as data.

Idempotent: each rule version is keyed by (code, valid_from) for every council.
A legal rule is updated to the text below on every run (the law is the source);
a rule marked as a *setting* (no verified legal number, LEGAL.md mark M) is only
created, never overwritten, so the value an administrator chose stays. After
loading, each version is ended where the next one begins.

Marks in ``note`` follow LEGAL.md: V read in the legal text, V* read in a 2026
decree (check against the official gazette), S from a secondary source, M from
memory (a setting). Every version cites a law in force on its first day
(:mod:`hdnd_portal.followups.laws`); an article is cited only where it was read
(README, "Căn cứ pháp lý"), otherwise the law alone.

Older runs wrote texts that users should no longer see ("chưa xác minh …"). A setting
is the council's to edit, so its citation and note are rewritten only while they still
hold the text an older run wrote (:data:`RETIRED_TEXTS`); a legal rule is rewritten anyway.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction

from hdnd_portal.followups.laws import law
from hdnd_portal.followups.models import DayKind, DeadlineRule, ThresholdRule
from hdnd_portal.followups.services import deadline_rule_chain_close

CAL, WD = DayKind.CALENDAR, DayKind.WORKING

KN = law("02/2011/QH13").name
KN_FROM = law("02/2011/QH13").valid_from
TC = law("25/2018/QH14").name
TC_FROM = law("25/2018/QH14").valid_from
TCD = law("42/2013/QH13").name
TCD_FROM = law("42/2013/QH13").valid_from
# Law 136/2025/QH15 amends the laws on complaints, denunciations and citizen
# reception from 1 July 2026, with Decrees 154, 155 and 156/2026.
AMENDED_2026 = dt.date(2026, 7, 1)
GS_2015 = law("87/2015/QH13").name
GS_2015_FROM = law("87/2015/QH13").valid_from
GS_2025 = law("121/2025/QH15").name
GS_2025_FROM = law("121/2025/QH15").valid_from
SETTING_SOURCE = "Giá trị cài đặt của HĐND"
SETTING_FROM = dt.date(2016, 1, 1)

V = "Mức xác minh: V (đã đọc trong văn bản luật)."
V_STAR = (
    "Mức xác minh: V* (đọc trong bản lưu của nghị định năm 2026; cần đối chiếu với "
    "Công báo trước khi dựa vào chi tiết)."
)
M = (
    "Mức xác minh: M (chưa tìm thấy số này trong văn bản luật đã đối chiếu): là giá trị "
    "cài đặt, HĐND sửa được."
)
GS_2025_NOTE = (
    "Luật 121/2025/QH15 thay Luật 87/2015/QH13 từ 01/3/2026 và giao Ủy ban Thường vụ Quốc "
    "hội quy định chi tiết hoạt động giám sát của HĐND. Chưa đối chiếu được điều khoản "
    "tương ứng nên chỉ dẫn luật, không ghi điều; số ngày giữ như Luật 87/2015 (HĐND thêm "
    "phiên bản mới nếu quy định chi tiết khác)."
)

# Texts earlier runs of this command wrote, and what replaced them: a row still holding the
# old text was never edited, so the new one is written over it (settings included).
RETIRED_TEXTS: tuple[tuple[str, str], ...] = (
    ("Giá trị cài đặt của HĐND (chưa xác minh căn cứ pháp lý)", SETTING_SOURCE),
    ("Mức xác minh: M (theo trí nhớ, chưa xác minh): là giá trị cài đặt, HĐND sửa được.", M),
)
TEXT_FIELDS = ("legal_source", "article", "note")


def _rule(
    code,
    name,
    days,
    kind,
    source,
    article,
    valid_from,
    note,
    *,
    valid_to=None,
    counts_back=False,
    is_setting=False,
) -> dict:
    return {
        "code": code,
        "name": name,
        "days": days,
        "day_kind": kind,
        "legal_source": source,
        "article": article,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "note": note,
        "counts_back": counts_back,
        "is_setting": is_setting,
    }


def _supervision(code, name, days, article, *, counts_back=False) -> list[dict]:
    """The same rule under Law 87/2015 (to 28 Feb 2026) and Law 121/2025 (from 1 Mar 2026)."""
    return [
        _rule(
            code,
            name,
            days,
            CAL,
            GS_2015,
            article,
            GS_2015_FROM,
            V,
            valid_to=GS_2025_FROM,
            counts_back=counts_back,
        ),
        _rule(
            code, name, days, CAL, GS_2025, "", GS_2025_FROM, GS_2025_NOTE, counts_back=counts_back
        ),
    ]


LEGAL_RULES: list[dict] = [
    # §1 Khiếu nại — Luật Khiếu nại 02/2011/QH13
    _rule(
        "complaint.file",
        "Thời hiệu khiếu nại",
        90,
        CAL,
        KN,
        "Điều 9",
        KN_FROM,
        "Tính từ ngày nhận được hoặc biết được quyết định, hành vi hành chính. " + V,
    ),
    _rule(
        "complaint.accept",
        "Thụ lý hoặc từ chối thụ lý khiếu nại lần đầu",
        10,
        WD,
        KN,
        "Điều 27",
        KN_FROM,
        "Điều 27 ghi 10 ngày; cổng tính theo ngày làm việc như các văn bản hướng dẫn thi "
        "hành. " + V,
        valid_to=AMENDED_2026,
    ),
    _rule(
        "complaint.accept",
        "Thụ lý hoặc từ chối thụ lý khiếu nại lần đầu",
        7,
        WD,
        f"Nghị định 155/2026/NĐ-CP (thi hành {KN} sửa đổi bởi Luật 136/2025/QH15)",
        "Điều 10",
        AMENDED_2026,
        V_STAR,
    ),
    _rule(
        "complaint.resolve",
        "Giải quyết khiếu nại lần đầu",
        30,
        CAL,
        KN,
        "Điều 28",
        KN_FROM,
        "Tính từ ngày thụ lý. " + V,
    ),
    _rule(
        "complaint.resolve_complex",
        "Giải quyết khiếu nại lần đầu (vụ việc phức tạp)",
        45,
        CAL,
        KN,
        "Điều 28",
        KN_FROM,
        "Tính từ ngày thụ lý. " + V,
    ),
    _rule(
        "complaint.resolve_remote",
        "Giải quyết khiếu nại lần đầu (vùng sâu, vùng xa)",
        45,
        CAL,
        KN,
        "Điều 28",
        KN_FROM,
        "Tính từ ngày thụ lý. " + V,
    ),
    _rule(
        "complaint.resolve_remote_complex",
        "Giải quyết khiếu nại lần đầu (vùng sâu, vùng xa, vụ việc phức tạp)",
        60,
        CAL,
        KN,
        "Điều 28",
        KN_FROM,
        "Tính từ ngày thụ lý. " + V,
    ),
    _rule(
        "complaint.send_decision",
        "Gửi quyết định giải quyết khiếu nại lần đầu",
        3,
        WD,
        KN,
        "Điều 32",
        KN_FROM,
        V,
    ),
    _rule(
        "complaint.second",
        "Khiếu nại lần hai hoặc khởi kiện",
        30,
        CAL,
        KN,
        "Điều 33",
        KN_FROM,
        "Tính từ khi hết thời hạn giải quyết hoặc nhận được quyết định. " + V,
    ),
    _rule(
        "complaint.second_remote",
        "Khiếu nại lần hai hoặc khởi kiện (vùng sâu, vùng xa)",
        45,
        CAL,
        KN,
        "Điều 33",
        KN_FROM,
        V,
    ),
    _rule(
        "complaint.accept_second", "Thụ lý khiếu nại lần hai", 10, CAL, KN, "Điều 36", KN_FROM, V
    ),
    _rule(
        "complaint.resolve_second",
        "Giải quyết khiếu nại lần hai",
        45,
        CAL,
        KN,
        "Điều 37",
        KN_FROM,
        V,
    ),
    _rule(
        "complaint.resolve_second_complex",
        "Giải quyết khiếu nại lần hai (vụ việc phức tạp)",
        60,
        CAL,
        KN,
        "Điều 37",
        KN_FROM,
        V,
    ),
    _rule(
        "complaint.resolve_second_remote",
        "Giải quyết khiếu nại lần hai (vùng sâu, vùng xa)",
        60,
        CAL,
        KN,
        "Điều 37",
        KN_FROM,
        V,
    ),
    _rule(
        "complaint.resolve_second_remote_complex",
        "Giải quyết khiếu nại lần hai (vùng sâu, vùng xa, vụ việc phức tạp)",
        70,
        CAL,
        KN,
        "Điều 37",
        KN_FROM,
        V,
    ),
    # §2 Tố cáo — Luật Tố cáo 25/2018/QH14
    _rule(
        "denunciation.classify",
        "Vào sổ, phân loại, kiểm tra điều kiện thụ lý tố cáo",
        7,
        WD,
        TC,
        "Điều 24, khoản 1",
        TC_FROM,
        V,
    ),
    _rule(
        "denunciation.classify_multi",
        "Phân loại, kiểm tra điều kiện thụ lý tố cáo (phải kiểm tra ở nhiều nơi)",
        10,
        WD,
        TC,
        "Điều 24, khoản 1",
        TC_FROM,
        V,
    ),
    _rule(
        "denunciation.forward",
        "Chuyển tố cáo không thuộc thẩm quyền, báo người tố cáo",
        5,
        WD,
        TC,
        "Điều 24, khoản 2, 3",
        TC_FROM,
        V,
    ),
    _rule(
        "denunciation.notify_acceptance",
        "Thông báo thụ lý tố cáo",
        5,
        WD,
        TC,
        "Điều 29",
        TC_FROM,
        "Tính từ ngày ra quyết định thụ lý. " + V,
    ),
    _rule(
        "denunciation.resolve",
        "Giải quyết tố cáo",
        30,
        CAL,
        TC,
        "Điều 30",
        TC_FROM,
        "Tính từ ngày thụ lý. " + V,
    ),
    _rule(
        "denunciation.resolve_extension",
        "Gia hạn giải quyết tố cáo (mỗi lần)",
        30,
        CAL,
        TC,
        "Điều 30",
        TC_FROM,
        "Vụ việc phức tạp: gia hạn một lần; đặc biệt phức tạp: hai lần; mỗi lần không quá "
        "30 ngày (tổng tối đa 90 ngày); mỗi lần gia hạn bằng văn bản. " + V,
    ),
    _rule(
        "denunciation.report_forwarder",
        "Báo kết quả cho cơ quan báo chí, cơ quan có thẩm quyền đã chuyển tố cáo",
        20,
        CAL,
        TC,
        "Điều 26, khoản 2",
        TC_FROM,
        "Tính từ ngày nhận. " + V,
    ),
    # §3 Kiến nghị, phản ánh, chuyển đơn, kiến nghị cử tri
    _rule(
        "reception.reply",
        "Trả lời người kiến nghị, phản ánh (thụ lý / gia hạn / từ chối / chuyển)",
        10,
        WD,
        TCD,
        "Điều 28, khoản 1",
        TCD_FROM,
        "Tính từ ngày nhận. " + V,
    ),
    _rule(
        "reception.result_to_delegate",
        "Cơ quan giải quyết báo kết quả cho đại biểu đã chuyển đơn",
        7,
        WD,
        TCD,
        "Điều 27, khoản 2",
        TCD_FROM,
        "Tính từ ngày có kết quả giải quyết. " + V,
    ),
    _rule(
        "reception.delegate_reply",
        "Đại biểu báo kết quả cho công dân (khi được yêu cầu)",
        5,
        WD,
        TCD,
        "Điều 28, khoản 2",
        TCD_FROM,
        V,
    ),
    _rule(
        "petition.overdue_alarm",
        "Cảnh báo: kiến nghị, phản ánh không được xử lý trong 45 ngày",
        45,
        CAL,
        "Nghị định 154/2026/NĐ-CP",
        "Điều 41, khoản 3, điểm b",
        AMENDED_2026,
        "Không xử lý quá 45 ngày không có lý do là căn cứ xem xét kỷ luật: dùng làm mốc "
        "cảnh báo quá hạn. " + V_STAR,
    ),
    _rule(
        "voter_petition.answer",
        "Trả lời kiến nghị cử tri",
        30,
        CAL,
        SETTING_SOURCE,
        "",
        SETTING_FROM,
        "Luật không quy định số ngày; thực tế là “trước kỳ họp kế tiếp”. 30 ngày là giá trị "
        "mặc định: mỗi HĐND thêm phiên bản riêng theo quy chế của mình. " + M,
        is_setting=True,
    ),
    # §5 Kỳ họp
    _rule(
        "session.notice_regular",
        "Gửi giấy mời, tài liệu kỳ họp thường lệ",
        20,
        CAL,
        SETTING_SOURCE,
        "",
        SETTING_FROM,
        "Trước ngày khai mạc. " + M,
        counts_back=True,
        is_setting=True,
    ),
    _rule(
        "session.notice_extra",
        "Gửi giấy mời, tài liệu kỳ họp bất thường",
        7,
        CAL,
        SETTING_SOURCE,
        "",
        SETTING_FROM,
        "Trước ngày khai mạc. " + M,
        counts_back=True,
        is_setting=True,
    ),
    *_supervision(
        "session.questioning_followup_report",
        "Báo cáo việc thực hiện lời hứa sau chất vấn, trước kỳ họp kế tiếp",
        10,
        "Điều 60, khoản 7",
        counts_back=True,
    ),
    # §6 Giám sát (Luật 87/2015 đến 28/02/2026; Luật 121/2025 từ 01/3/2026)
    *_supervision(
        "supervision.standing_programme",
        "Thường trực HĐND ban hành chương trình giám sát năm (sau kỳ họp cuối năm)",
        15,
        "Điều 67",
    ),
    *_supervision(
        "supervision.questioning_answer",
        "Trả lời chất vấn bằng văn bản (khi chưa trả lời tại phiên họp)",
        20,
        "Điều 60, 69",
    ),
    *_supervision(
        "supervision.team_plan",
        "Gửi kế hoạch giám sát sau khi thành lập đoàn",
        15,
        "Điều 62, 70, 80",
    ),
    *_supervision(
        "supervision.team_programme",
        "Gửi chương trình, nội dung làm việc trước buổi giám sát",
        10,
        "Điều 62, 70, 80",
        counts_back=True,
    ),
    *_supervision(
        "supervision.team_report_standing",
        "Báo cáo kết quả giám sát của đoàn giám sát của Thường trực HĐND",
        15,
        "Điều 62, 70",
    ),
    *_supervision(
        "supervision.team_report_ban", "Báo cáo kết quả giám sát của Ban HĐND", 10, "Điều 80"
    ),
    *_supervision(
        "supervision.explanation_notice",
        "Thông báo nội dung giải trình trước phiên giải trình",
        10,
        "Điều 72",
        counts_back=True,
    ),
    *_supervision(
        "supervision.group_notice",
        "Tổ đại biểu thông báo trước buổi giám sát",
        7,
        "Điều 86",
        counts_back=True,
    ),
    *_supervision(
        "supervision.group_report", "Tổ đại biểu báo cáo kết quả giám sát", 10, "Điều 86"
    ),
]


LGL_2015 = law("77/2015/QH13")
LGL_2025 = law("72/2025/QH15")
NQ96 = "Nghị quyết 96/2023/QH15 về lấy phiếu tín nhiệm, bỏ phiếu tín nhiệm"
NQ96_FROM = dt.date(2024, 1, 1)
S = "Mức xác minh: S (nguồn thứ cấp đáng tin, chưa đọc nguyên văn)."
AT_LEAST, MORE_THAN = ThresholdRule.Comparison.AT_LEAST, ThresholdRule.Comparison.MORE_THAN

# Shares the law sets (LEGAL.md §5, §7), dated like the deadlines; "is_setting" ones are the
# council's to change.
THRESHOLD_RULES: list[dict] = [
    {
        "code": "session.quorum",
        "name": "Số đại biểu có mặt để khai mạc kỳ họp",
        "comparison": AT_LEAST,
        "numerator": 2,
        "denominator": 3,
        "legal_source": SETTING_SOURCE,
        "article": "",
        "valid_from": SETTING_FROM,
        "note": M,
        "is_setting": True,
    },
    # The Local Government Law of 2015 until 30/6/2025, the 2025 law from 1/7/2025: one
    # version under each, so a 2026 session cites the law in force on its day.
    {
        "code": "session.extra_request",
        "name": "Số đại biểu yêu cầu họp bất thường",
        "comparison": AT_LEAST,
        "numerator": 1,
        "denominator": 3,
        "legal_source": LGL_2015.name,
        "article": "",
        "valid_from": SETTING_FROM,
        "valid_to": LGL_2025.valid_from,
        "note": S,
        "is_setting": False,
    },
    {
        "code": "session.extra_request",
        "name": "Số đại biểu yêu cầu họp bất thường",
        "comparison": AT_LEAST,
        "numerator": 1,
        "denominator": 3,
        "legal_source": LGL_2025.name,
        "article": "",
        "valid_from": LGL_2025.valid_from,
        "note": S,
        "is_setting": False,
    },
    {
        "code": "resolution.pass",
        "name": "Nghị quyết được thông qua (số đại biểu tán thành)",
        "comparison": MORE_THAN,
        "numerator": 1,
        "denominator": 2,
        "legal_source": LGL_2015.name,
        "article": "Khoản 3 Điều 91",
        "valid_from": LGL_2015.valid_from,
        "valid_to": LGL_2025.valid_from,
        "note": "Quá nửa tổng số đại biểu HĐND (không phải số đại biểu có mặt). " + S,
        "is_setting": False,
    },
    {
        "code": "resolution.pass",
        "name": "Nghị quyết được thông qua (số đại biểu tán thành)",
        "comparison": MORE_THAN,
        "numerator": 1,
        "denominator": 2,
        "legal_source": LGL_2025.name,
        "article": "Điều 35",
        "valid_from": LGL_2025.valid_from,
        "note": "Điều 35 “Biểu quyết của Hội đồng nhân dân”; tỉ lệ giữ như Khoản 3 Điều 91 "
        "Luật 77/2015/QH13: quá nửa tổng số đại biểu HĐND. " + S,
        "is_setting": False,
    },
    {
        "code": "confidence.rating_low_resign",
        "name": "Lấy phiếu tín nhiệm: tín nhiệm thấp — có thể xin từ chức",
        "comparison": MORE_THAN,
        "numerator": 1,
        "denominator": 2,
        "legal_source": NQ96,
        "article": "",
        "valid_from": NQ96_FROM,
        "note": S,
        "is_setting": False,
    },
    {
        "code": "confidence.rating_low_dismiss",
        "name": "Lấy phiếu tín nhiệm: tín nhiệm thấp — đề nghị miễn nhiệm",
        "comparison": AT_LEAST,
        "numerator": 2,
        "denominator": 3,
        "legal_source": NQ96,
        "article": "",
        "valid_from": NQ96_FROM,
        "note": M,
        "is_setting": True,
    },
    {
        "code": "confidence.vote_no_confidence",
        "name": "Bỏ phiếu tín nhiệm: không tín nhiệm — từ chức hoặc bị miễn nhiệm",
        "comparison": MORE_THAN,
        "numerator": 1,
        "denominator": 2,
        "legal_source": NQ96,
        "article": "",
        "valid_from": NQ96_FROM,
        "note": S,
        "is_setting": False,
    },
]


def _as_seeded_before(text: str) -> str:
    """``text`` as an earlier run of this command wrote it."""
    for old, new in RETIRED_TEXTS:
        text = text.replace(new, old)
    return text


def _seed_version(model, data: dict) -> str:
    """Create or refresh one global rule version; "created", "updated" or "kept".

    A legal rule takes the text and numbers below (the law is the source). A setting keeps
    what the council chose; only a citation or note still as an earlier run wrote it is
    brought up to date.
    """
    data = dict(data)
    key = {"code": data.pop("code"), "valid_from": data.pop("valid_from"), "council": None}
    if data.get("valid_to") is None:
        # Leave an end date an administrator set by adding a later version.
        data.pop("valid_to", None)
    rule = model.objects.filter(**key).first()
    if rule is None:
        model.objects.create(**key, **data)
        return "created"
    if data["is_setting"]:
        changes = {
            f: data[f]
            for f in TEXT_FIELDS
            if getattr(rule, f) != data[f] and getattr(rule, f) == _as_seeded_before(data[f])
        }
    else:
        changes = {f: v for f, v in data.items() if getattr(rule, f) != v}
    if not changes:
        return "kept"
    for f, v in changes.items():
        setattr(rule, f, v)
    rule._change_reason = "Cập nhật theo seed_legal_rules"
    rule.save()
    return "updated"


def seed_threshold_rules() -> dict[str, int]:
    """Load :data:`THRESHOLD_RULES` (global versions); counts of created/updated/kept rows."""
    counts = {"created": 0, "updated": 0, "kept": 0}
    for data in THRESHOLD_RULES:
        counts[_seed_version(ThresholdRule, data)] += 1
    return counts


def seed_legal_rules() -> dict[str, int]:
    """Load :data:`LEGAL_RULES` for every council; counts of created/updated/kept rows."""
    counts = {"created": 0, "updated": 0, "kept": 0}
    with transaction.atomic():
        for data in LEGAL_RULES:
            counts[_seed_version(DeadlineRule, data)] += 1
        for code in sorted({r["code"] for r in LEGAL_RULES}):
            deadline_rule_chain_close(code=code, council_id=None)
        for key, n in seed_threshold_rules().items():
            counts[key] += n
    return counts


class Command(BaseCommand):
    help = (
        "Nạp (hoặc cập nhật) các quy tắc thời hạn theo pháp luật: khiếu nại, tố cáo, "
        "tiếp công dân, kiến nghị cử tri, kỳ họp, giám sát (có hiệu lực theo ngày). "
        "Chạy lại nhiều lần không tạo bản ghi trùng; giá trị cài đặt đã sửa được giữ nguyên."
    )

    def handle(self, *args, **options):
        counts = seed_legal_rules()
        self.stdout.write(
            self.style.SUCCESS(
                f"Quy tắc thời hạn: {counts['created']} tạo mới, {counts['updated']} cập nhật, "
                f"{counts['kept']} giữ nguyên."
            )
        )
