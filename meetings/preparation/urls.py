"""URLs of the preparation part of the meetings app (included by meetings/urls.py)."""

from hdnd_portal.core.importer import import_urls
from meetings.goals_import import GoalImport
from meetings.preparation.views import RESOURCES

urlpatterns: list = []
for resource in RESOURCES:
    urlpatterns += resource.urls()
# The Party Congress goals from Excel: meetings-congressgoal-import (and -import-template).
urlpatterns += import_urls(GoalImport(), "congressgoal/")
