"""Writes of the councils app: each a command (``fn(*, access, instance, values)``, see
``hdnd_portal.core.commands``) that the page, the API and the imports call alike."""

import logging
from typing import NamedTuple

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from councils.models import (
    BriefAcknowledgement,
    Delegate,
    Dissemination,
    InformationBrief,
    MandateEnd,
    Membership,
    PartyCell,
    PartyCellMembers,
    Training,
    User,
)
from councils.selectors import RESET_LINK_REASON, password_reset_refusal, user_list
from hdnd_portal.core.commands import acting_user, save_with_values
from hdnd_portal.core.permissions import require

logger = logging.getLogger("hdnd_portal.security")


def delegates_out_of_office(delegates, start, end) -> list:
    """The delegates whose mandate does not cover any day of ``start``–``end``."""
    end = end or start
    return [d for d in delegates if (d.end_date and d.end_date < start) or (d.start_date > end)]


@transaction.atomic
def training_save(*, access, instance, values) -> Training:
    """Save a training and its trainees: only delegates in office during the training."""
    start = values.get("start_date", instance.start_date if instance else None)
    end = values.get("end_date", instance.end_date if instance else None) or start
    delegates = values.get("delegates")
    if delegates is None and instance is not None and start:
        delegates = list(instance.delegates.all())
        # Moving the dates must not leave a trainee outside their mandate either.
    if start and delegates:
        absent = delegates_out_of_office(delegates, start, end)
        if absent:
            raise ValidationError(
                {
                    "delegates": "Không phải đại biểu trong thời gian tập huấn: "
                    + ", ".join(d.full_name for d in absent)
                    + "."
                }
            )
    values = dict(values)
    if isinstance(values.get("topics"), list | tuple):
        # The form and the API give a list of topics; the record keeps their codes.
        values["topics"] = ",".join(c for c in Training.Topic.values if c in values["topics"])
    return save_with_values(instance or Training(), values, access=access)


# -- target 1.1: the cells' dated member counts and the dissemination's "of how many" ----------


@transaction.atomic
def partycell_members_save(*, access, instance, values) -> PartyCellMembers:
    """Record a cell's members from a day; the latest count up to today becomes the cell's
    "số đảng viên hiện nay" (kept in its history)."""
    row = save_with_values(instance or PartyCellMembers(), values, access=access)
    cell = PartyCell.objects.select_for_update().get(pk=row.party_cell_id)
    today = cell.members_on(timezone.localdate())
    if cell.member_count != today:
        save_with_values(cell, {"member_count": today}, access=access)
    return row


@transaction.atomic
def dissemination_save(*, access, instance, values) -> Dissemination:
    """Save a dissemination; "of how many" defaults to the cell's members on that day."""
    return save_with_values(instance or Dissemination(), values, access=access)


# -- information briefs and their acknowledgements ---------------------------------------------


def brief_acknowledge(*, access, brief: InformationBrief) -> BriefAcknowledgement:
    """The delegate of ``access`` acknowledges ``brief`` ("Đã nhận, đã đọc"): only a delegate it
    was sent to (in office the day it was sent); a second click keeps the first moment."""
    require(access, "councils.informationbrief", "acknowledge")
    delegate_id = access.delegate_id
    if delegate_id is None or not brief.recipients().filter(pk=delegate_id).exists():
        raise ValidationError("Bản tin này không gửi đến bạn (không là đại biểu vào ngày gửi).")
    ack, _created = BriefAcknowledgement.objects.get_or_create(
        brief=brief, delegate_id=delegate_id, defaults={"acknowledged_at": timezone.now()}
    )
    return ack


# -- a delegate's mandate ended early (bãi nhiệm, cho thôi, mất quyền, từ trần) ----------------


def _end_reason(record: MandateEnd) -> str:
    reason = record.get_kind_display()
    if record.decision_number:
        reason += f" theo {record.decision_number}"
        if record.decision_date:
            reason += f" ngày {record.decision_date:%d/%m/%Y}"
    return reason[:255]


@transaction.atomic
def mandate_end_save(*, access, instance, values) -> MandateEnd:
    """Record (or correct) the end of a delegate's mandate, and apply it: the delegate's last
    day (``end_date``), the moment at a sitting (``ended_at``) and the reason; their positions
    (Thường trực, Ban, Tổ) end the same day. Delegates in office — quorum, votes, targets —
    count them no longer from then on (``in_office_q``)."""
    record = instance or MandateEnd()
    old_delegate_id = record.delegate_id if instance is not None else None
    record = save_with_values(record, values, access=access)
    if old_delegate_id and old_delegate_id != record.delegate_id:
        raise ValidationError({"delegate": "Không đổi được đại biểu của quyết định đã ghi."})
    delegate = Delegate.objects.select_for_update().get(pk=record.delegate_id)
    last_day = record.last_day
    later = Membership.objects.filter(delegate=delegate, start_date__gt=last_day)
    if later.exists():
        raise ValidationError(
            {
                "effective_on": "Đại biểu có chức vụ bắt đầu sau ngày có hiệu lực: "
                + ", ".join(str(m.committee) for m in later.select_related("committee"))
                + "."
            }
        )
    save_with_values(
        delegate,
        {"end_date": last_day, "ended_at": record.decided_at, "end_reason": _end_reason(record)},
        access=access,
    )
    open_memberships = Membership.objects.filter(delegate=delegate).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=last_day)
    )
    for membership in open_memberships:
        save_with_values(membership, {"end_date": last_day}, access=access)
    return record


class ResetLink(NamedTuple):
    user: User
    path: str  # the page makes it absolute


def user_password_reset_link(*, access, user_id: int) -> ResetLink:
    """A one-time link to set a new password for the account ``user_id``, for the Office to
    hand to that user: no e-mail needed.

    Django's ``default_token_generator``: the link dies once the password is set, once the
    user logs in, or after ``PASSWORD_RESET_TIMEOUT``; the old password keeps working until
    then. Who may make one: :func:`councils.selectors.password_reset_refusal` (404 outside the
    council, 403 with the reason otherwise). Written to the account's history and to the
    ``hdnd_portal.security`` log.
    """
    require(access, "councils.user", "reset_password")
    row = user_list(access=access).filter(user_id=user_id).first()
    if row is None:
        raise Http404("Không tìm thấy tài khoản.")
    actor = acting_user(access)
    refusal = password_reset_refusal(
        access, actor_is_superuser=bool(actor and actor.is_superuser), row=row
    )
    if refusal:
        raise PermissionDenied(refusal)
    target = row.user
    User.history.bulk_history_create(
        [target], update=True, default_user=actor, default_change_reason=RESET_LINK_REASON
    )
    logger.info(
        "Password reset link made for %s (council %s) by %s",
        target.get_username(),
        access.council_id,
        actor.get_username() if actor else "?",
    )
    uidb64 = urlsafe_base64_encode(force_bytes(target.pk))
    token = default_token_generator.make_token(target)
    return ResetLink(
        target, reverse("password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    )
