"""One router under /api/v1/; each app registers its viewsets in ``api.py``."""

from rest_framework.routers import DefaultRouter

from councils.api import register as register_councils
from hdnd_portal.followups.api import register as register_followups

router = DefaultRouter()
register_councils(router)
register_followups(router)
