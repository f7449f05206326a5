"""One router under /api/v1/. Apps register their viewsets in ``AppConfig.ready()``::

    from hdnd_portal.api_router import router
    from meetings.api import register as register_api

    register_api(router)   # router.register("sessions", SessionViewSet, basename="api-session")

so the kernel never imports an app; ``hdnd_portal/urls.py`` reads ``router.urls`` after every
app is ready.
"""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
