"""URLs of the preparation part of the meetings app (included by meetings/urls.py)."""

from meetings.prep_views import RESOURCES

urlpatterns: list = []
for resource in RESOURCES:
    urlpatterns += resource.urls()
