from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from hdnd_portal.api_router import router
from hdnd_portal.core import views as core_views


def _superuser_only(request):
    return request.user.is_active and request.user.is_superuser


# Django admin stays available to superusers only.
admin.site.has_permission = _superuser_only
admin.site.site_header = "Quản trị HĐND Portal"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("search/", core_views.search, name="core-search"),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language (user menu)
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("councils/", include("councils.urls")),
    path("documents/", include("hdnd_portal.documents.urls")),
    path("followups/", include("hdnd_portal.followups.urls")),
    path("notifications/", include("hdnd_portal.notifications.urls")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
