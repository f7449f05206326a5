"""Writes of the targets app: the daily snapshot and the follow-ups it opens and closes.

:func:`snapshot_take` is what the Celery job, ``seed_demo`` and the tests call. For each
active target of a council it stores the day's value (one row per target and day,
written only when it differs: a rerun changes nothing), and

- when the target is at risk, opens one follow-up (kind ``target_at_risk``, due at the
  end of the period, the target as its source) for the body responsible and tells its
  users in the bell — once per target and period;
- when the target is met, closes that follow-up ("Chỉ tiêu đã đạt").
"""

import datetime as dt
import logging

from django.db import transaction

from councils.models import Council, CouncilRole, User
from hdnd_portal.core.access import ADMIN, COMMITTEE, LEADERSHIP, STAFF, STANDING
from hdnd_portal.core.numbers import vi_number
from hdnd_portal.followups.models import FollowUp
from hdnd_portal.followups.selectors import followups_of
from hdnd_portal.followups.services import followup_close, followup_create
from hdnd_portal.notifications.services import notification_create
from hdnd_portal.targets.models import Body, Snapshot, Status, Target
from hdnd_portal.targets.status import Evaluation, evaluate

logger = logging.getLogger(__name__)

TARGET_AT_RISK = "target_at_risk"
MET_REASON = "Chỉ tiêu đã đạt (hệ thống tự đóng)."
PLAN_REFERENCE = "Kế hoạch thực hiện Đề án 15-ĐA/TU, mục II.1"

BODY_ROLES = {
    Body.PARTY: (LEADERSHIP,),
    Body.COUNCIL: (STANDING,),
    Body.STANDING: (STANDING,),
    Body.DELEGATES: (STANDING,),
    Body.BAN: (COMMITTEE,),
}


def active_targets(council):
    return (
        Target.objects.filter(council=council, active=True)
        .select_related("council", "committee")
        .order_by("order", "code", "id")
    )


def evaluate_all(council, on: dt.date) -> list[Evaluation]:
    return [evaluate(target, on) for target in active_targets(council)]


def _snapshot_values(ev: Evaluation) -> dict:
    return {
        "council_id": ev.target.council_id,
        "period_start": ev.period.start,
        "period_end": ev.period.end,
        "value": ev.measure.value,
        "numerator": ev.measure.numerator,
        "denominator": ev.measure.denominator,
        "expected": ev.expected,
        "status": str(ev.status),
    }


def body_users(target: Target) -> list[int]:
    """Ids of the users of the body responsible for ``target``, then the Office's."""
    roles = BODY_ROLES.get(target.body, (STANDING,))
    qs = CouncilRole.objects.filter(council_id=target.council_id, user__is_active=True)
    body = qs.filter(role__in=roles)
    if target.committee_id:
        body = body.filter(committee_id=target.committee_id)
    office = qs.filter(role__in=(STAFF, ADMIN))
    ids = list(body.order_by("user_id").values_list("user_id", flat=True))
    ids += [u for u in office.order_by("role", "user_id").values_list("user_id", flat=True)]
    return list(dict.fromkeys(ids))


def _period_items(target: Target, ev: Evaluation):
    return followups_of(target, kinds=TARGET_AT_RISK).filter(original_due_date=ev.period.end)


def _sync_followup(ev: Evaluation, on: dt.date, stats: dict) -> None:
    target = ev.target
    items = _period_items(target, ev)
    if ev.status == Status.AT_RISK:
        # Once per target and period: a person closing it decides; only the job's own
        # "met" closing lets a new item open when the target slips back.
        if items.exclude(state=FollowUp.State.CLOSED, closed_reason=MET_REASON).exists():
            return
        users = body_users(target)
        if not users:
            logger.warning("Target %s at risk but its council has no user to follow it", target)
            return
        expected = vi_number(ev.expected)
        title = (
            f"Chỉ tiêu {target.code} có nguy cơ không đạt ({ev.period.label}): "
            f"đạt {ev.actual_label}, cần {target.threshold_label}"
        )
        followup = followup_create(
            council=target.council,
            kind=TARGET_AT_RISK,
            title=title[:500],
            description=(
                f"{target.title}\nĐến ngày {on:%d/%m/%Y} cần đạt khoảng {expected} "
                f"(theo thời gian đã qua của kỳ), mới đạt {ev.actual_label}."
            ),
            reference=f"{PLAN_REFERENCE}, chỉ tiêu {target.code}",
            started_on=on,
            due_date=ev.period.end,
            assignee=User.objects.get(pk=users[0]),
            committee=target.committee,
            source=target,
            created_by=None,
        )
        stats["opened"] += 1
        for user_id in users:
            notification_create(
                user=user_id,
                council=target.council_id,
                title=f"Chỉ tiêu {target.code} có nguy cơ không đạt",
                body=title,
                url=followup.get_absolute_url(),
                dedupe_key=f"target-at-risk:{followup.pk}",
            )
    elif ev.status == Status.MET:
        for item in items.open():
            followup_close(followup=item, reason=MET_REASON, by_user=None)
            stats["closed"] += 1


@transaction.atomic
def snapshot_take(*, council: Council, on: dt.date, follow_up: bool = True) -> dict:
    """Store ``council``'s targets as of ``on`` and chase those at risk (idempotent)."""
    stats = {"created": 0, "updated": 0, "unchanged": 0, "opened": 0, "closed": 0}
    for ev in evaluate_all(council, on):
        values = _snapshot_values(ev)
        snap = Snapshot.objects.select_for_update().filter(target=ev.target, taken_on=on).first()
        if snap is None:
            Snapshot.objects.create(target=ev.target, taken_on=on, **values)
            stats["created"] += 1
        elif any(getattr(snap, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(snap, k, v)
            snap.save()
            stats["updated"] += 1
        else:
            stats["unchanged"] += 1
        if follow_up:
            _sync_followup(ev, on, stats)
    return stats


def snapshots_take_all(*, on: dt.date) -> dict:
    """Every council's snapshot (the daily job), one transaction per council."""
    totals: dict[str, int] = {}
    for council in Council.objects.order_by("pk"):
        for key, value in snapshot_take(council=council, on=on).items():
            totals[key] = totals.get(key, 0) + value
    return totals
