import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from hdnd_portal.followups.models import DeadlineRule
from hdnd_portal.followups.rules import RuleNotFound, due_date_for
from tests.factories import DeadlineRuleFactory, FollowUpFactory
from tests.followups.support import seed_rules

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def rules(db):
    seed_rules()


def test_a_complaint_received_on_30_june_2026_is_accepted_within_10_working_days(rules):
    rule, due = due_date_for("complaint.accept", D(2026, 6, 30))
    assert (rule.days, rule.day_kind) == (10, "working")
    assert rule.article == "Điều 27" and "02/2011/QH13" in rule.legal_source
    assert due == D(2026, 7, 14)


def test_a_complaint_received_on_1_july_2026_is_accepted_within_7_working_days(rules):
    rule, due = due_date_for("complaint.accept", D(2026, 7, 1))
    assert rule.days == 7
    assert "155/2026" in rule.legal_source and rule.article == "Điều 10"
    assert due == D(2026, 7, 10)


def test_the_old_version_ends_where_the_new_one_begins(rules):
    versions = list(DeadlineRule.objects.filter(code="complaint.accept").order_by("valid_from"))
    assert [(v.valid_from, v.valid_to) for v in versions] == [
        (D(2012, 7, 1), D(2026, 7, 1)),
        (D(2026, 7, 1), None),
    ]


def test_supervision_rules_follow_law_87_2015_then_law_121_2025(rules):
    before, _due = due_date_for("supervision.questioning_answer", D(2026, 2, 28))
    after, due = due_date_for("supervision.questioning_answer", D(2026, 3, 1))
    assert "87/2015/QH13" in before.legal_source and before.article == "Điều 60, 69"
    assert "121/2025/QH15" in after.legal_source
    assert before.days == after.days == 20
    assert due == D(2026, 3, 23)  # 21/3 is a Saturday: the next working day


def test_resolving_a_complaint_is_counted_in_calendar_days(rules):
    rule, due = due_date_for("complaint.resolve", D(2026, 10, 1))
    assert rule.citation == "Điều 28, Luật Khiếu nại 02/2011/QH13"
    assert due == D(2026, 11, 2)  # 1/10 + 30 days = Saturday 31/10: the next working day


def test_a_notice_rule_counts_back_from_the_session(rules):
    rule, due = due_date_for("session.notice_regular", D(2026, 12, 21))
    assert rule.counts_back and rule.is_setting
    assert due == D(2026, 12, 1)


def test_seeding_twice_creates_no_duplicate(rules):
    count = DeadlineRule.objects.count()
    out = StringIO()
    call_command("seed_legal_rules", stdout=out)
    assert DeadlineRule.objects.count() == count
    assert "0 tạo mới" in out.getvalue()


def test_reseeding_keeps_a_setting_the_council_changed(rules):
    DeadlineRule.objects.filter(code="voter_petition.answer").update(days=60)
    seed_rules()
    assert DeadlineRule.objects.get(code="voter_petition.answer").days == 60


def test_reseeding_restores_a_legal_number(rules):
    DeadlineRule.objects.filter(code="complaint.resolve").update(days=99)
    seed_rules()
    assert DeadlineRule.objects.get(code="complaint.resolve").days == 30


def test_a_councils_own_version_wins_over_the_global_one(rules, council, other_council):
    DeadlineRuleFactory(
        code="voter_petition.answer",
        days=45,
        day_kind="calendar",
        valid_from=D(2026, 1, 1),
        council=council,
        is_setting=True,
    )
    mine, _ = due_date_for("voter_petition.answer", D(2026, 11, 2), council=council)
    theirs, _ = due_date_for("voter_petition.answer", D(2026, 11, 2), council=other_council)
    assert (mine.days, theirs.days) == (45, 30)


def test_it_reports_a_rule_missing_on_the_start_date(rules):
    with pytest.raises(RuleNotFound) as excinfo:
        due_date_for("petition.overdue_alarm", D(2026, 6, 30))  # Decree 154/2026: from 1/7
    assert "“Cảnh báo: kiến nghị, phản ánh không được xử lý" in excinfo.value.message
    assert "petition.overdue_alarm" not in excinfo.value.message
    with pytest.raises(RuleNotFound):
        due_date_for("no.such_rule", D(2026, 7, 1))


def test_a_rule_applied_to_cases_keeps_its_numbers(council):
    rule = DeadlineRuleFactory(days=10)
    FollowUpFactory(council=council, rule=rule)
    rule.days = 12
    with pytest.raises(ValidationError, match="phiên bản mới"):
        rule.full_clean()
    rule.refresh_from_db()
    rule.name = "Tên mới"
    rule.full_clean()  # the name may still be corrected
