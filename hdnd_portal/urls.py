from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.apps import apps
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from hdnd_portal.api_router import router
from hdnd_portal.core import pickers
from hdnd_portal.core import views as core_views
from hdnd_portal.core.accounts import account_urlpatterns
from hdnd_portal.core.calendar import calendar_urlpatterns


def _superuser_only(request):
    return request.user.is_active and request.user.is_superuser


# Django admin stays available to superusers only.
admin.site.has_permission = _superuser_only
admin.site.site_header = "Quản trị Cổng HĐND"
admin.site.site_title = "Quản trị Cổng HĐND"
admin.site.index_title = "Quản trị hệ thống"


# Swagger UI's page is drf-spectacular's template, with an inline <script> and <style>: the only
# page whose policy allows them (it needs a signed-in user, SPECTACULAR_SETTINGS).
api_docs = csp_update({"script-src": UNSAFE_INLINE, "style-src": UNSAFE_INLINE})(
    SpectacularSwaggerView.as_view(url_name="api-schema")
)


def app_urls():
    """Each app's URLconf under the prefix its AppConfig declares (``url_prefix = "meetings/"``),
    so this module names no app: the kernel knows the apps only through their configs."""
    return [
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in apps.get_app_configs()
        if getattr(config, "url_prefix", None)
    ]


urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("search/", core_views.search, name="core-search"),
    path("pick/<str:code>/", pickers.options, name="core-picker"),  # a picker's search (htmx)
    path("lich/", include(calendar_urlpatterns)),  # the month calendar and the iCalendar feed
    path("i18n/", include("django.conf.urls.i18n")),  # set_language (user menu)
    # Login, password change, the one-time reset link (hdnd_portal/core/accounts.py).
    path("accounts/", include(account_urlpatterns)),
    *app_urls(),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("admin/", admin.site.urls),
]
