"""Writes of the councils app: each a command (``fn(*, access, instance, values)``, see
``hdnd_portal.core.commands``) that the page, the API and the imports call alike."""

import logging
from typing import NamedTuple

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from councils.models import Training, User
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
    return save_with_values(instance or Training(), values, access=access)


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
