from django.urls import path

from hdnd_portal.targets import views

urlpatterns = [
    path("", views.dashboard, name="targets-dashboard"),
    path("city/", views.city, name="targets-city"),
    path("review/<int:year>/<int:half>/", views.review, name="targets-review"),
    *views.target.urls(),
]
