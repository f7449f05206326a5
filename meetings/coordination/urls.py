"""URLs of the coordination regulation and its reviews (included by meetings/urls.py)."""

from meetings.coordination.views import RESOURCES

urlpatterns: list = []
for resource in RESOURCES:
    urlpatterns += resource.urls()
