from django.urls import include, path

from supervision import views

urlpatterns = [
    path("stats/", views.stats, name="supervision-stats"),
    path("activity/<int:pk>/decide/", views.activity_decide, name="supervision-activity-decide"),
    path(
        "activity/<int:pk>/transition/",
        views.activity_transition,
        name="supervision-activity-transition",
    ),
    path("activity/<int:pk>/visit/", views.activity_visit, name="supervision-activity-visit"),
    path(
        "activity/<int:pk>/resupervise/",
        views.activity_resupervise,
        name="supervision-activity-resupervise",
    ),
    path("", include("supervision.confidence.urls")),
    path("", include("supervision.plans.urls")),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
