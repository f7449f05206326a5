import datetime as dt

import pytest

from hdnd_portal.followups.demo import load_plan_followups
from hdnd_portal.followups.kinds import (
    get_kind,
    kind_choices,
    kind_label,
    register_kind,
    temporary_kind,
    unregister_kind,
)
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.services import followup_create
from tests.factories import AgencyFactory, CommitteeFactory, TermFactory, UserFactory
from tests.followups.support import TODAY, seed_rules, travel

pytestmark = pytest.mark.django_db


def test_built_in_kinds_are_registered_and_unknown_ones_show_their_code():
    assert kind_label("plan_task") == "Nhiệm vụ theo kế hoạch"
    assert kind_label("standing_task") == "Nhiệm vụ Thường trực giao"
    assert kind_label("gone_app_kind") == "gone_app_kind"
    assert ("plan_task", "Nhiệm vụ theo kế hoạch") in kind_choices(manual_only=True)


def test_an_app_registers_its_kind():
    with temporary_kind("test_recommendation", "Kiến nghị sau giám sát (thử)", icon="search"):
        assert get_kind("test_recommendation").icon == "search"
        assert ("test_recommendation", "Kiến nghị sau giám sát (thử)") in kind_choices()
        assert "test_recommendation" not in dict(kind_choices(manual_only=True))
    assert "test_recommendation" not in dict(kind_choices())
    assert kind_label("test_recommendation") == "test_recommendation"


def test_an_unregistered_kind_is_shown_by_its_code_again():
    register_kind("test_gone", "Loại việc sẽ gỡ (thử)")
    unregister_kind("test_gone")
    unregister_kind("test_gone")  # twice: nothing to do

    assert kind_label("test_gone") == "test_gone"
    assert "test_gone" not in dict(kind_choices())


def test_a_kind_created_without_a_rule_gets_its_default_rule(council):
    """A petition kind cites its legal deadline even when the caller names no rule."""
    seed_rules()
    clerk = UserFactory(username="vanphong")
    agency = AgencyFactory(council=council)
    with (
        travel(),
        temporary_kind("test_complaint", "Khiếu nại (thử)", rule_code="complaint.resolve"),
    ):
        followup = followup_create(
            council=council,
            kind="test_complaint",
            title="Giải quyết khiếu nại",
            agency=agency,
            started_on=dt.date(2026, 10, 1),
            created_by=clerk,
        )
        by_hand = followup_create(
            council=council,
            kind="test_complaint",
            title="Hạn do Thường trực ấn định",
            agency=agency,
            started_on=dt.date(2026, 10, 1),
            due_date=dt.date(2026, 10, 20),
            created_by=clerk,
        )
        other_rule = followup_create(
            council=council,
            kind="test_complaint",
            title="Theo quy tắc khác",
            agency=agency,
            started_on=dt.date(2026, 10, 1),
            rule_code="complaint.accept",
            created_by=clerk,
        )

    # 30 days from 1 October end on Saturday 31 October: the next working day.
    assert (followup.rule.code, followup.due_date) == ("complaint.resolve", dt.date(2026, 11, 2))
    assert (by_hand.rule.code, by_hand.due_date) == ("complaint.resolve", dt.date(2026, 10, 20))
    assert other_rule.rule.code == "complaint.accept"


def test_the_plan_is_loaded_once_with_items_done_open_and_overdue(council):
    seed_rules()
    term = TermFactory(council=council, start_date=dt.date(2026, 3, 15))
    standing = CommitteeFactory(term=term, kind="standing", name="Thường trực HĐND xã")
    clerk = UserFactory(username="vanphong")
    with travel():
        created = load_plan_followups(council=council, today=TODAY, created_by=clerk)
        again = load_plan_followups(council=council, today=TODAY, created_by=clerk)
        items = FollowUp.objects.filter(council=council)
        assert created == items.count() >= 12 and again == 0
        assert items.filter(state="done").count() >= 3
        assert items.overdue(TODAY).count() >= 3
        assert items.due_within(7, TODAY).exists()
        assert items.filter(state="extended").exists()
        assert set(items.values_list("kind", flat=True)) == {"plan_task", "standing_task"}
    agencies = set(items.values_list("agency__name", flat=True))
    assert {
        "Ủy ban nhân dân xã",
        "Công an xã",
        "Ủy ban MTTQ Việt Nam xã",
        "Văn phòng Đảng ủy",
        "Ban Xây dựng Đảng",
        "Văn phòng HĐND và UBND xã",
    } == agencies
    assert set(items.values_list("committee", flat=True)) == {standing.pk}
    questioning = items.get(rule__isnull=False)
    assert questioning.rule.code == "supervision.questioning_answer"
    done = items.filter(state="done").first()
    assert done.answers.get().created_at.date() < TODAY
    assert items.filter(reference__contains="mục III.4").count() == 2


def test_the_plan_loads_even_without_rules(council):
    with travel():
        assert load_plan_followups(council=council, today=TODAY) >= 12
    assert FollowUp.objects.filter(committee__isnull=True).exists()
