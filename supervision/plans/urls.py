"""URLs of delegates' supervision plans (included by supervision/urls.py)."""

from supervision.plans import views

urlpatterns = []
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
