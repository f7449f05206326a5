"""URLs of the confidence-vote part of the supervision app (included by supervision/urls.py)."""

from django.urls import path

from supervision.confidence import views as views

urlpatterns = [
    path("confidence/<int:pk>/tally/", views.tally, name="supervision-confidence-tally"),
    path("confidence/<int:pk>/close/", views.close, name="supervision-confidence-close"),
    path(
        "confidence/<int:pk>/candidates/<int:candidate_pk>/vote/",
        views.follow_up_vote,
        name="supervision-confidence-follow-up-vote",
    ),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
