"""Login throttling (django-axes) with a second limit: failures from one address, any username.

axes compares one ``AXES_FAILURE_LIMIT`` with the worst of its ``AXES_LOCKOUT_PARAMETERS``, so
adding ``"ip_address"`` there would lock a whole commune office behind one NAT after five honest
mistakes. Password spraying (one common password tried on many usernames) never reaches five on
any username, so the portal keeps axes' per (username, IP) limit and adds a higher per-IP limit,
``LOGIN_IP_FAILURE_LIMIT``, counted over axes' own ``AccessAttempt`` rows within the cool-off.
Installed as ``AXES_HANDLER``: axes asks the handler both before authenticating (``is_locked``,
so even the right password is refused) and after a failure (``user_login_failed``).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum


class PortalAxesHandler(AxesDatabaseHandler):
    def ip_failures(self, request) -> int:
        """Failed logins from the request's address over every username, within the cool-off."""
        ip_address = getattr(request, "axes_ip_address", None)
        if ip_address is None:
            return 0
        attempts = AccessAttempt.objects.filter(ip_address=ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def is_ip_locked(self, request) -> bool:
        return (
            settings.AXES_LOCK_OUT_AT_FAILURE
            and self.ip_failures(request) >= settings.LOGIN_IP_FAILURE_LIMIT
        )

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.is_ip_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.is_whitelisted(request, credentials) or not self.is_ip_locked(request):
            return
        # The same flags axes sets for its own limit: AxesMiddleware answers with the
        # locked-out page (AXES_LOCKOUT_CALLABLE, HTTP 429).
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
