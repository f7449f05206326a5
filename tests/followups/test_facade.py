"""The engine's facade for domain apps: the items of one record, closing them when the record
ends, the kinds' lifecycle hooks, and the import contract that keeps the apps off its models."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from councils.models import Agency, Delegate
from hdnd_portal.followups.kinds import temporary_kind
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.selectors import OPEN_STATES, followups_of
from hdnd_portal.followups.services import (
    followup_accept,
    followup_answer,
    followup_close,
    followup_extend,
    followups_close_for,
)
from tests.factories import DelegateFactory, TermFactory, persona
from tests.followups.support import TODAY, item, travel

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ["councils", "meetings", "supervision", "voters", "petitions"]


@pytest.fixture(autouse=True)
def _today():
    with travel():
        yield


@pytest.fixture
def clerk(council):
    return persona("staff", council, username="van-phong-facade")


@pytest.fixture
def delegate(council):
    return DelegateFactory(term=TermFactory(council=council), full_name="Nguyễn Văn Thành")


def about(record, council, **kwargs) -> FollowUp:
    followup = item(council, **kwargs)
    followup.source = record
    followup.save()
    return followup


# -- followups_of ---------------------------------------------------------------------------
def test_it_returns_the_items_of_the_record_and_no_others(council, other_council, delegate):
    first = about(delegate, council, due=3, kind="plan_task")
    second = about(delegate, council, due=9, kind="standing_task")
    about(DelegateFactory(term=delegate.term), council, due=5)  # another delegate
    about(None, council, due=5)  # no source at all
    # An agency whose id is the delegate's: same id, another type.
    stranger = item(council, due=5)
    FollowUp.objects.filter(pk=stranger.pk).update(
        source_type=ContentType.objects.get_for_model(Agency), source_id=delegate.pk
    )
    # The same record named by an item of another council (a bad import): not its item.
    about(delegate, other_council, due=5)

    assert list(followups_of(delegate)) == [first, second]


def test_it_narrows_to_kinds_and_to_items_still_open(council, delegate, clerk):
    open_item = about(delegate, council, due=3, kind="plan_task")
    extended = about(delegate, council, due=4, kind="plan_task")
    followup_extend(
        followup=extended, new_due_date=TODAY.replace(day=30), reason="Chờ kinh phí", by_user=clerk
    )
    answered = about(delegate, council, due=5, kind="plan_task")
    followup_answer(followup=answered, by_user=clerk, answer="Đã xong")
    closed = about(delegate, council, due=6, kind="standing_task")
    followup_close(followup=closed, reason="Không còn cần thiết", by_user=clerk)

    assert set(followups_of(delegate, kinds="standing_task")) == {closed}
    assert set(followups_of(delegate, kinds=["plan_task"])) == {open_item, extended, answered}
    assert set(followups_of(delegate, open_only=True)) == {open_item, extended}
    assert set(followups_of(delegate, kinds=["standing_task"], open_only=True)) == set()
    assert set(OPEN_STATES) == {"open", "extended"}


def test_an_unsaved_record_has_no_items(council):
    assert list(followups_of(Delegate(council=council))) == []
    assert list(followups_of(None)) == []


# -- followups_close_for -------------------------------------------------------------------
def test_closing_a_record_closes_its_open_items_with_the_reason_in_their_history(
    council, delegate, clerk
):
    open_item = about(delegate, council, due=3)
    extended = about(delegate, council, due=4)
    followup_extend(
        followup=extended, new_due_date=TODAY.replace(day=30), reason="Chờ kinh phí", by_user=clerk
    )
    answered = about(delegate, council, due=5)
    followup_answer(followup=answered, by_user=clerk, answer="Đã sửa xong")
    other = about(DelegateFactory(term=delegate.term), council, due=3)

    closed = followups_close_for(
        source=delegate, reason="Đại biểu thôi làm nhiệm vụ", by_user=clerk
    )

    assert {f.pk for f in closed} == {open_item.pk, extended.pk}
    for followup in (open_item, extended):
        followup.refresh_from_db()
        assert followup.state == FollowUp.State.CLOSED
        assert followup.closed_reason == "Đại biểu thôi làm nhiệm vụ"
        last = followup.history.order_by("-history_date", "-history_id").first()
        assert last.history_change_reason == "Đóng: Đại biểu thôi làm nhiệm vụ"
        assert last.history_user == clerk
    # The answer waiting for review stays for the Standing Committee; another record's item
    # is untouched.
    answered.refresh_from_db()
    other.refresh_from_db()
    assert answered.state == FollowUp.State.ANSWERED
    assert other.state == FollowUp.State.OPEN
    assert list(followups_of(delegate, open_only=True)) == []


def test_closing_can_be_limited_to_some_kinds_and_needs_a_reason(council, delegate, clerk):
    plan = about(delegate, council, due=3, kind="plan_task")
    standing = about(delegate, council, due=3, kind="standing_task")
    with pytest.raises(ValidationError, match="lý do"):
        followups_close_for(source=delegate, reason="  ", by_user=clerk)

    followups_close_for(source=delegate, reason="Xong", by_user=clerk, kinds=["plan_task"])

    plan.refresh_from_db()
    standing.refresh_from_db()
    assert (plan.state, standing.state) == (FollowUp.State.CLOSED, FollowUp.State.OPEN)
    # A second call finds nothing left to close.
    assert (
        followups_close_for(source=delegate, reason="Xong", by_user=clerk, kinds="plan_task") == []
    )


# -- the kinds' hooks ----------------------------------------------------------------------
class Recorder:
    def __init__(self):
        self.calls = []

    def hook(self, name):
        def _hook(*, followup, by_user):
            # Inside the service's transaction, once the item is saved in its new state.
            assert transaction.get_connection().in_atomic_block
            self.calls.append((name, followup.pk, followup.state, by_user))

        return _hook


def test_the_kind_hears_its_items_answered_accepted_and_closed(council, clerk):
    seen = Recorder()
    with temporary_kind(
        "hooked",
        "Việc có móc nối",
        on_answered=seen.hook("answered"),
        on_accepted=seen.hook("accepted"),
        on_closed=seen.hook("closed"),
    ):
        done = item(council, due=3, kind="hooked")
        followup_answer(followup=done, by_user=clerk, answer="Đã báo cáo")
        followup_accept(followup=done, by_user=clerk)
        dropped = item(council, due=3, kind="hooked")
        followup_close(followup=dropped, reason="Trùng việc khác", by_user=clerk)
        # Another kind's items are not its business.
        followup_close(followup=item(council, due=3, kind="plan_task"), reason="x", by_user=clerk)

    assert seen.calls == [
        ("answered", done.pk, "answered", clerk),
        ("accepted", done.pk, "done", clerk),
        ("closed", dropped.pk, "closed", clerk),
    ]


def test_a_hook_that_fails_undoes_the_change(council, clerk):
    def refuse(*, followup, by_user):
        raise ValidationError("Hồ sơ gốc chưa cho phép trả lời.")

    with temporary_kind("hooked", "Việc có móc nối", on_answered=refuse):
        followup = item(council, due=3, kind="hooked")
        with pytest.raises(ValidationError, match="chưa cho phép"):
            followup_answer(followup=followup, by_user=clerk, answer="Đã xong")

    followup.refresh_from_db()
    assert followup.state == FollowUp.State.OPEN
    assert not followup.answers.exists()


def test_the_hook_runs_for_a_close_on_the_inbox_page(client, council, clerk):
    seen = Recorder()
    with temporary_kind("hooked", "Việc có móc nối", on_closed=seen.hook("closed")):
        followup = item(council, due=3, kind="hooked")
        client.force_login(clerk)
        response = client.post(f"/followups/{followup.pk}/close/", {"reason": "Công dân rút đơn"})

    assert response.status_code == 302
    assert [call[:3] for call in seen.calls] == [("closed", followup.pk, "closed")]


# -- the import contract -------------------------------------------------------------------
def _facade_contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c.get("id") == "followups-facade")


def test_the_contract_keeps_every_domain_app_off_the_engines_models():
    contract = _facade_contract()

    assert contract["type"] == "forbidden"
    assert sorted(contract["source_modules"]) == sorted(DOMAIN_APPS)
    assert contract["forbidden_modules"] == ["hdnd_portal.followups.models"]


def test_the_contract_holds():
    # `make lint`'s checker: the contracts built from INSTALLED_APPS plus the hand-written ones.
    run = subprocess.run(
        [sys.executable, "scripts/lint_imports.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "never" in run.stdout and "0 broken" in run.stdout
