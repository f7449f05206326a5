from django.urls import path

from meetings import public, views
from meetings.coordination import urls as coordination_urls
from meetings.discussion import urls as discussion_urls
from meetings.preparation import urls as preparation_urls

urlpatterns = [
    path(
        "session/<int:pk>/state/<slug:action>/",
        views.session_transition,
        name="meetings-session-transition",
    ),
    path(
        "session/<int:pk>/attendance/",
        views.session_attendance,
        name="meetings-session-attendance",
    ),
    path("documents/<int:pk>/upload/", views.document_upload, name="meetings-document-upload"),
    path("files/<int:pk>/", views.document_file, name="meetings-document-file"),
    path(
        "questions/<int:pk>/commitment/",
        views.question_commitment,
        name="meetings-question-commitment",
    ),
    path("resolutions/<int:pk>/votes/", views.resolution_votes, name="meetings-resolution-votes"),
    path(
        "resolutions/<int:pk>/vote/<slug:action>/",
        views.resolution_vote_action,
        name="meetings-resolution-vote-action",
    ),
    path("resolutions/<int:pk>/issue/", views.resolution_issue, name="meetings-resolution-issue"),
    path(
        "resolutions/<int:pk>/publication/",
        views.resolution_publication,
        name="meetings-resolution-publication",
    ),
    path("resolutions/<int:pk>/task/", views.resolution_task, name="meetings-resolution-task"),
    # Public, no login: the council's sessions and issued resolutions.
    path("public/", public.index, name="meetings-public-index"),
    path("public/<slug:slug>/", public.council_page, name="meetings-public-council"),
    path(
        "public/<slug:slug>/resolution/<int:pk>.pdf",
        public.resolution_pdf,
        name="meetings-public-resolution-pdf",
    ),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
urlpatterns += preparation_urls.urlpatterns
urlpatterns += coordination_urls.urlpatterns
urlpatterns += discussion_urls.urlpatterns
