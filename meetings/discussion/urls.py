"""URLs of group discussions and social criticism (included by meetings/urls.py)."""

from meetings.discussion.views import RESOURCES

urlpatterns: list = []
for resource in RESOURCES:
    urlpatterns += resource.urls()
