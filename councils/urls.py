from django.urls import path

from councils import reports, views

urlpatterns = [
    path("switch/", views.switch_council, name="councils-switch"),
    path("roster.pdf", reports.roster_pdf, name="councils-roster-pdf"),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
