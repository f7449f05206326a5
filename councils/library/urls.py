"""URLs of the procedures library and emulation (included by ``councils/urls.py``)."""

from django.urls import path

from councils.library import views

urlpatterns = [
    path(
        "procedureversion/<int:pk>/file/",
        views.version_file,
        name="councils-procedureversion-file",
    ),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
