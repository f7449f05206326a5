from django.urls import path

from hdnd_portal.core.importer import import_urls
from voters import views
from voters.imports import PetitionImport

urlpatterns = [
    path("votermeeting/new/", views.meeting_create, name="voters-votermeeting-create"),
    path(
        "votermeeting/<int:pk>/petitions/",
        views.meeting_petition_add,
        name="voters-votermeeting-petition-add",
    ),
    path("merge/", views.merge, name="voters-merge"),
    path(
        "synthesizedpetition/<int:pk>/assign/",
        views.synth_assign,
        name="voters-synthesizedpetition-assign",
    ),
    path(
        "synthesizedpetition/<int:pk>/answer/",
        views.synth_answer,
        name="voters-synthesizedpetition-answer",
    ),
    path("similar/", views.similar, name="voters-similar"),
    path("repeats/", views.repeats, name="voters-repeats"),
    path("csrf/", views.csrf_token, name="voters-csrf"),
    path("public/", views.public_index, name="voters-public-index"),
    path("public/<slug:slug>/", views.public_list, name="voters-public"),
    *import_urls(PetitionImport(), "voterpetition/"),
]
_OWN = {"voters-votermeeting-create", "voters-synthesizedpetition-create"}
for resource in (
    views.petitionfield,
    views.votermeeting,
    views.voterpetition,
    views.synthesizedpetition,
):
    urlpatterns += [p for p in resource.urls() if p.name not in _OWN]
