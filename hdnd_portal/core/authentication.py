"""API tokens that expire, and die with the password they were issued under.

DRF's ``TokenAuthentication`` keeps a token valid forever. Here a token is refused once it is
older than ``API_TOKEN_TTL_DAYS``; and ``User.set_password`` calls :func:`revoke_credentials`,
so a stolen token, or a leaked calendar address (``/lich/<token>.ics``), stops working the
moment the password is changed (by the user, from a one-time reset link, by an administrator,
or by ``changepassword``). A calendar address also dies with the role it was issued under
(``CalendarFeed.role``, deleted with it).
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        ttl = dt.timedelta(days=settings.API_TOKEN_TTL_DAYS)
        if token.created < timezone.now() - ttl:
            raise exceptions.AuthenticationFailed(
                "Mã truy cập API đã hết hạn: hãy tạo mã mới.", code="token_expired"
            )
        return user, token


def revoke_tokens(user) -> int:
    """Delete the API tokens of ``user`` (none for an unsaved user); returns how many."""
    if user.pk is None:
        return 0
    from rest_framework.authtoken.models import Token

    deleted, _ = Token.objects.filter(user_id=user.pk).delete()
    return deleted


def revoke_credentials(user) -> None:
    """Every secret that stands in for the password: API tokens and calendar addresses."""
    if user.pk is None:
        return
    from hdnd_portal.core.models import CalendarFeed

    revoke_tokens(user)
    CalendarFeed.objects.filter(user_id=user.pk).delete()
