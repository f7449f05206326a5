from django.urls import path

from hdnd_portal.followups import views

# Item pages follow the Resource naming (followups-followup-<page>) used across the portal.
urlpatterns = [
    path("", views.inbox, name="followups-inbox"),
    path("remind/", views.remind, name="followups-remind"),
    path("new/", views.create, name="followups-followup-create"),
    path("<int:pk>/", views.detail, name="followups-followup-detail"),
    path("<int:pk>/edit/", views.update, name="followups-followup-update"),
    path("<int:pk>/answer/", views.answer, name="followups-followup-answer"),
    path("<int:pk>/accept/", views.accept, name="followups-followup-accept"),
    path("<int:pk>/send-back/", views.send_back, name="followups-followup-send-back"),
    path("<int:pk>/extend/", views.extend, name="followups-followup-extend"),
    path("<int:pk>/close/", views.close, name="followups-followup-close"),
    path("<int:pk>/reopen/", views.reopen, name="followups-followup-reopen"),
    path("<int:pk>/history/", views.history, name="followups-followup-history"),
    path("attachments/<int:pk>/", views.attachment, name="followups-attachment"),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
