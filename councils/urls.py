from django.urls import path

from councils import views
from councils.imports import AgencyImport
from hdnd_portal.core.importer import import_urls

urlpatterns = [
    path("switch/", views.switch_council, name="councils-switch"),
    path("me/", views.my_profile, name="councils-my-profile"),
    *import_urls(AgencyImport(), "agency/"),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
