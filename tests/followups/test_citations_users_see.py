"""Issue 19: every rule users see cites a law in force on the rule's dates, and never says
"chưa xác minh"; databases seeded before keep their own settings but lose the old texts."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from hdnd_portal.followups.laws import LAWS, numbers_cited
from hdnd_portal.followups.management.commands.seed_legal_rules import (
    LEGAL_RULES,
    RETIRED_TEXTS,
    THRESHOLD_RULES,
)
from hdnd_portal.followups.models import DeadlineRule, ThresholdRule
from hdnd_portal.followups.rules import threshold_in_force

D = dt.date
UNVERIFIED = "chưa xác minh"
RULES = "/followups/rules/"


def _label(rule: dict) -> str:
    return f"{rule['code']} từ {rule['valid_from']:%d/%m/%Y}"


@pytest.mark.parametrize("rule", LEGAL_RULES + THRESHOLD_RULES, ids=_label)
def test_each_seeded_version_cites_a_law_in_force_on_its_first_and_last_day(rule):
    numbers = numbers_cited(rule["legal_source"])
    if rule["is_setting"] and not numbers:
        return  # the council's own value: cites no law
    assert numbers, f"{_label(rule)} cites no numbered law: {rule['legal_source']!r}"
    last_day = rule.get("valid_to") and rule["valid_to"] - dt.timedelta(days=1)
    for number in numbers:
        law = LAWS[number]
        assert law.in_force(rule["valid_from"]), f"{_label(rule)}: {law.name} not yet/no longer"
        if last_day:
            assert law.in_force(last_day), f"{_label(rule)} outlives {law.name}"


def test_the_table_ends_each_replaced_law_the_day_its_successor_starts():
    for law in LAWS.values():
        if law.replaced_by:
            assert law.valid_to == LAWS[law.replaced_by].valid_from


@pytest.mark.django_db
def test_a_2026_resolution_passes_under_the_2025_local_government_law():
    call_command("seed_legal_rules", verbosity=0)
    before = threshold_in_force("resolution.pass", D(2025, 6, 30))
    after = threshold_in_force("resolution.pass", D(2026, 4, 2))
    assert "77/2015/QH13" in before.citation and "Khoản 3 Điều 91" in before.citation
    assert after.citation == "Điều 35, Luật Tổ chức chính quyền địa phương 72/2025/QH15"
    assert (after.numerator, after.denominator) == (1, 2)
    extra = threshold_in_force("session.extra_request", D(2026, 4, 2))
    assert extra.legal_source.endswith("72/2025/QH15")


@pytest.mark.django_db
def test_complaint_acceptance_cites_the_law_not_the_old_circular():
    call_command("seed_legal_rules", verbosity=0)
    for rule in DeadlineRule.objects.filter(code="complaint.accept"):
        assert "Thông tư" not in rule.legal_source + rule.note


@pytest.mark.django_db
def test_no_seeded_rule_and_no_rule_page_says_unverified(staff_client):
    call_command("seed_legal_rules", verbosity=0)
    for model in (DeadlineRule, ThresholdRule):
        for rule in model.objects.all():
            shown = " ".join([rule.name, rule.legal_source, rule.article, rule.note, str(rule)])
            assert UNVERIFIED not in shown.casefold(), rule.code
    setting = DeadlineRule.objects.get(code="session.notice_regular")
    pages = [f"{RULES}?page={n}" for n in range(1, DeadlineRule.objects.count() // 10 + 2)]
    for url in [*pages, f"{RULES}{setting.pk}/"]:
        html = staff_client.get(url).content.decode()
        assert UNVERIFIED not in html.casefold(), url
    assert "Giá trị cài đặt của HĐND" in staff_client.get(f"{RULES}{setting.pk}/").content.decode()


def test_no_template_says_unverified():
    root = Path(settings.BASE_DIR)
    templates = [
        p
        for p in root.rglob("templates/**/*.html")
        if not {".venv", "node_modules", "var"} & set(p.relative_to(root).parts)
    ]
    assert templates
    for path in templates:
        assert UNVERIFIED not in path.read_text(encoding="utf-8").casefold(), path


def _seeded_by_an_older_run(model, **values):
    """A row as the command wrote it before issue 19."""
    return model.objects.create(council=None, is_setting=True, **values)


@pytest.mark.django_db
def test_reseeding_an_old_database_rewrites_untouched_texts_and_keeps_edited_ones():
    (old_source, new_source), (old_note, new_note) = RETIRED_TEXTS
    untouched = _seeded_by_an_older_run(
        DeadlineRule,
        code="session.notice_regular",
        name="Gửi giấy mời, tài liệu kỳ họp thường lệ",
        days=20,
        day_kind="calendar",
        counts_back=True,
        legal_source=old_source,
        valid_from=D(2016, 1, 1),
        note="Trước ngày khai mạc. " + old_note,
    )
    edited = _seeded_by_an_older_run(
        DeadlineRule,
        code="session.notice_extra",
        name="Gửi giấy mời, tài liệu kỳ họp bất thường",
        days=5,
        day_kind="calendar",
        counts_back=True,
        legal_source="Quy chế hoạt động của HĐND xã",
        valid_from=D(2016, 1, 1),
        note="HĐND xã quyết định 5 ngày.",
    )
    quorum = _seeded_by_an_older_run(
        ThresholdRule,
        code="session.quorum",
        name="Số đại biểu có mặt để khai mạc kỳ họp",
        numerator=2,
        denominator=3,
        legal_source=old_source,
        valid_from=D(2016, 1, 1),
        note=old_note,
    )
    old_majority = ThresholdRule.objects.create(
        code="resolution.pass",
        name="Nghị quyết được thông qua (số đại biểu tán thành)",
        comparison="more_than",
        numerator=1,
        denominator=2,
        legal_source="Luật Tổ chức chính quyền địa phương 2015",
        article="Khoản 3 Điều 91",
        valid_from=D(2016, 1, 1),
    )

    call_command("seed_legal_rules", verbosity=0)

    untouched.refresh_from_db()
    assert untouched.legal_source == new_source
    assert untouched.note == "Trước ngày khai mạc. " + new_note
    assert untouched.days == 20
    edited.refresh_from_db()
    assert (edited.days, edited.legal_source) == (5, "Quy chế hoạt động của HĐND xã")
    assert edited.note == "HĐND xã quyết định 5 ngày."
    quorum.refresh_from_db()
    assert (quorum.legal_source, quorum.note) == (new_source, new_note)
    old_majority.refresh_from_db()
    assert old_majority.legal_source.endswith("77/2015/QH13")
    assert old_majority.valid_to == D(2025, 7, 1)
    assert untouched.history.first().history_change_reason == "Cập nhật theo seed_legal_rules"

    out = StringIO()
    call_command("seed_legal_rules", stdout=out)
    assert "0 tạo mới, 0 cập nhật" in out.getvalue()
