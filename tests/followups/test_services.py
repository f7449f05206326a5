import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hdnd_portal.followups.models import Extension, FollowUp, InvalidTransition
from hdnd_portal.followups.services import (
    followup_accept,
    followup_answer,
    followup_bring_forward,
    followup_close,
    followup_create,
    followup_extend,
    followup_reopen,
    followup_update,
)
from tests.factories import AgencyFactory, FollowUpFactory, UserFactory
from tests.followups.support import TODAY, item, seed_rules, travel

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk")


def test_it_takes_the_due_date_from_the_rule_in_force_and_records_the_rule(council, clerk):
    seed_rules()
    agency = AgencyFactory(council=council)
    followup = followup_create(
        council=council,
        kind="plan_task",
        title="Giải quyết khiếu nại",
        agency=agency,
        started_on=D(2026, 10, 1),
        rule_code="complaint.resolve",
        created_by=clerk,
    )
    assert followup.rule.code == "complaint.resolve"
    assert followup.due_date == followup.original_due_date == D(2026, 11, 2)
    assert followup.state == FollowUp.State.OPEN
    assert followup.history.first().history_user == clerk


def test_a_given_due_date_wins_and_the_rule_stays_cited(council, clerk):
    seed_rules()
    followup = followup_create(
        council=council,
        kind="plan_task",
        title="Việc gấp",
        agency=AgencyFactory(council=council),
        started_on=D(2026, 10, 1),
        rule_code="complaint.resolve",
        due_date=D(2026, 10, 15),
        created_by=clerk,
    )
    assert followup.due_date == D(2026, 10, 15)
    assert followup.rule.citation == "Điều 28, Luật Khiếu nại 02/2011/QH13"


def test_it_needs_a_rule_or_a_due_date(council, clerk):
    with pytest.raises(ValidationError) as excinfo:
        followup_create(
            council=council,
            kind="plan_task",
            title="Không hạn",
            agency=AgencyFactory(council=council),
            started_on=TODAY,
            created_by=clerk,
        )
    assert "due_date" in excinfo.value.message_dict


def test_it_needs_someone_responsible(council, clerk):
    with pytest.raises(ValidationError, match="cơ quan hoặc người chịu trách nhiệm"):
        followup_create(
            council=council,
            kind="plan_task",
            title="Không ai làm",
            started_on=TODAY,
            due_date=TODAY,
            created_by=clerk,
        )


def test_it_refuses_an_agency_of_another_council(council, other_council, clerk):
    with pytest.raises(ValidationError) as excinfo:
        followup_create(
            council=council,
            kind="plan_task",
            title="Sai HĐND",
            agency=AgencyFactory(council=other_council),
            started_on=TODAY,
            due_date=TODAY,
            created_by=clerk,
        )
    assert "agency" in excinfo.value.message_dict
    assert not FollowUp.objects.exists()


def test_an_extension_keeps_the_original_and_the_previous_due_dates(council, clerk):
    followup = item(council, due=-3)
    followup_extend(
        followup=followup,
        new_due_date=TODAY + dt.timedelta(days=10),
        reason="Chờ kết quả xác minh",
        by_user=clerk,
    )
    followup_extend(
        followup=followup,
        new_due_date=TODAY + dt.timedelta(days=20),
        reason="Gia hạn lần hai",
        by_user=clerk,
        document="Công văn 12/UBND",
    )
    followup.refresh_from_db()
    assert followup.state == FollowUp.State.EXTENDED
    assert followup.original_due_date == TODAY - dt.timedelta(days=3)
    assert followup.due_date == TODAY + dt.timedelta(days=20)
    assert list(
        Extension.objects.filter(followup=followup).values_list("previous_due_date", "new_due_date")
    ) == [
        (TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=10)),
        (TODAY + dt.timedelta(days=10), TODAY + dt.timedelta(days=20)),
    ]
    assert not followup.is_overdue()


def test_an_extension_must_move_the_date_later_and_give_a_reason(council, clerk):
    followup = item(council, due=5)
    with pytest.raises(ValidationError, match="Hạn mới phải sau hạn hiện tại"):
        followup_extend(followup=followup, new_due_date=TODAY, reason="Sớm hơn", by_user=clerk)
    with pytest.raises(ValidationError, match="lý do"):
        followup_extend(
            followup=followup, new_due_date=TODAY + dt.timedelta(days=30), reason=" ", by_user=clerk
        )
    assert not Extension.objects.exists()


def test_an_answer_waits_for_the_standing_committee_with_its_files(council, clerk):
    followup = item(council, due=2)
    done = followup_answer(
        followup=followup,
        by_user=clerk,
        answer="Đã sửa xong đường",
        files=[SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test")],
    )
    assert done.state == FollowUp.State.ANSWERED
    assert done.answered_at is not None and done.answer == "Đã sửa xong đường"
    answer = done.answers.get()
    assert answer.answered_by == clerk and answer.agency == followup.agency
    assert [a.name for a in answer.attachments.all()] == ["bao-cao.pdf"]
    assert done.attachments.get().file.read() == b"%PDF-1.4 test"


def test_an_answered_item_cannot_be_answered_or_extended_again(council, clerk):
    followup = item(council, due=2)
    followup_answer(followup=followup, by_user=clerk, answer="Xong")
    with pytest.raises(InvalidTransition, match="đang chờ Thường trực HĐND xem xét"):
        followup_answer(followup=followup, by_user=clerk, answer="Lần nữa")
    with pytest.raises(InvalidTransition, match="Không thể gia hạn"):
        followup_extend(
            followup=followup, new_due_date=TODAY + dt.timedelta(days=9), reason="x", by_user=clerk
        )


def test_a_closed_item_keeps_its_reason_and_cannot_be_closed_twice(council, clerk):
    followup = item(council, due=2)
    closed = followup_close(followup=followup, reason="Công dân rút đơn", by_user=clerk)
    assert closed.state == FollowUp.State.CLOSED and closed.closed_at is not None
    assert closed.closed_reason == "Công dân rút đơn"
    with pytest.raises(InvalidTransition, match="Không thể đóng"):
        followup_close(followup=closed, reason="Lại", by_user=clerk)


def test_reopening_keeps_earlier_answers_and_can_set_a_new_due_date(council, clerk):
    followup = item(council, due=-10)
    followup_answer(followup=followup, by_user=clerk, answer="Trả lời chưa đạt")
    followup_accept(followup=followup, by_user=clerk)
    reopened = followup_reopen(
        followup=followup,
        reason="Kết quả chưa đáp ứng",
        by_user=clerk,
        new_due_date=TODAY + dt.timedelta(days=15),
    )
    assert reopened.state == FollowUp.State.EXTENDED
    assert reopened.answered_at is None and reopened.answer == ""
    assert reopened.due_date == TODAY + dt.timedelta(days=15)
    assert reopened.answers.get().text == "Trả lời chưa đạt"
    with pytest.raises(InvalidTransition, match="vẫn đang được theo dõi"):
        followup_reopen(followup=reopened, reason="x", by_user=clerk)


def test_reopening_without_a_new_date_goes_back_to_open(council, clerk):
    followup = item(council, due=3)
    followup_close(followup=followup, reason="Nhầm", by_user=clerk)
    reopened = followup_reopen(followup=followup, reason="Đóng nhầm", by_user=clerk)
    assert reopened.state == FollowUp.State.OPEN and reopened.closed_reason == ""


def test_the_history_says_who_did_what_and_why(council, clerk):
    followup = item(council, due=3)
    followup_extend(
        followup=followup,
        new_due_date=TODAY + dt.timedelta(days=30),
        reason="Chờ ý kiến Thành phố",
        by_user=clerk,
    )
    latest = followup.history.first()
    assert latest.history_user == clerk
    assert latest.history_change_reason == "Gia hạn: Chờ ý kiến Thành phố"


def test_an_update_changes_the_responsible_agency_not_the_dates(council, clerk):
    followup = item(council, due=3)
    other = AgencyFactory(council=council, name="Phòng Văn hóa - Xã hội")
    updated = followup_update(followup=followup, by_user=clerk, agency=other, title="Nội dung mới")
    assert (updated.agency, updated.title) == (other, "Nội dung mới")
    assert FollowUp.objects.search("phong van hoa", through=("agency",)).get() == updated
    with pytest.raises(TypeError):
        followup_update(followup=followup, by_user=clerk, due_date=TODAY)


def test_an_item_links_to_the_record_it_follows_up(council, clerk):
    record = AgencyFactory(council=council, name="Hồ sơ gốc (thử)")
    followup = followup_create(
        council=council,
        kind="plan_task",
        title="Theo dõi hồ sơ",
        agency=record,
        started_on=TODAY,
        due_date=TODAY,
        source=record,
        created_by=clerk,
    )
    followup = FollowUp.objects.get(pk=followup.pk)
    assert followup.source == record
    assert (
        FollowUp.objects.filter(source_type=followup.source_type, source_id=record.pk).count() == 1
    )


def test_bringing_a_due_date_forward_keeps_the_later_date_in_the_history():
    item = FollowUpFactory(started_on=dt.date(2026, 11, 2), original_due_date=dt.date(2026, 11, 30))
    followup_bring_forward(
        followup=item, new_due_date=dt.date(2026, 11, 20), reason="Kỳ họp họp sớm.", by_user=None
    )
    item.refresh_from_db()
    assert item.due_date == dt.date(2026, 11, 20) and item.state == FollowUp.State.OPEN
    assert not item.extensions.exists()
    assert item.history.first().history_change_reason.startswith("Rút ngắn hạn từ 30/11/2026")


@pytest.mark.parametrize(
    ("new_due", "state", "message"),
    [
        (dt.date(2026, 12, 5), "open", "Hạn mới phải trước hạn hiện tại (30/11/2026)."),
        (dt.date(2026, 11, 30), "open", "Hạn mới phải trước hạn hiện tại (30/11/2026)."),
        (dt.date(2026, 11, 20), "closed", "Chỉ rút ngắn hạn của việc đang mở."),
    ],
)
def test_bringing_forward_is_refused_for_a_later_date_or_a_closed_item(new_due, state, message):
    item = FollowUpFactory(state=state)
    with pytest.raises(ValidationError) as refused:
        followup_bring_forward(
            followup=item, new_due_date=new_due, reason="Kỳ họp họp sớm.", by_user=None
        )
    assert message in str(refused.value)
    item.refresh_from_db()
    assert item.due_date == dt.date(2026, 11, 30)
