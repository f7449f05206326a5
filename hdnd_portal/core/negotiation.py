"""DRF's browsable API only for the portal's staff and administrators.

The HTML "Api Root" page is a developer's tool, in English, with the model and
field names of the code. A delegate or an agency who opens ``/api/v1/`` in a
browser gets JSON instead; staff and administrators keep the browsable pages
(and Swagger UI at ``/api/docs/``) to try the API.
"""

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer

from hdnd_portal.core.access import ADMIN, STAFF


def may_browse_api(django_request) -> bool:
    """Staff (Văn phòng) and administrators of the current council, or a superuser."""
    # The session user set by Django's middleware: reading DRF's request.user here
    # would authenticate before DRF is ready to report a bad token.
    user = getattr(django_request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    access = getattr(django_request, "access", None)
    return access is not None and access.role in (ADMIN, STAFF)


class StaffBrowsableNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        if not may_browse_api(request._request):
            renderers = [r for r in renderers if not isinstance(r, BrowsableAPIRenderer)]
        return super().select_renderer(request, renderers, format_suffix)
