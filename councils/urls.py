from django.urls import include, path

from councils import views
from councils.imports import AgencyImport, DisseminationImport, TrainingImport
from hdnd_portal.core.importer import import_urls

urlpatterns = [
    path("switch/", views.switch_council, name="councils-switch"),
    path("me/", views.my_profile, name="councils-my-profile"),
    path("users/", views.user_list, name="councils-user-list"),
    path("users/<int:pk>/reset-link/", views.user_reset_link, name="councils-user-reset-link"),
    path("training/newcomers/", views.training_newcomers, name="councils-training-newcomers"),
    path(
        "informationbrief/<int:pk>/acknowledge/",
        views.brief_acknowledge,
        name="councils-informationbrief-acknowledge",
    ),
    *import_urls(AgencyImport(), "agency/"),
    *import_urls(TrainingImport(), "training/"),
    *import_urls(DisseminationImport(), "dissemination/"),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()

# The internal procedures library and emulation and rewards (issue 22, items 2 and 3).
urlpatterns += [path("", include("councils.library.urls"))]
