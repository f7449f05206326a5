from django.urls import path

from hdnd_portal.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notifications-list"),
    path("read/", views.notification_mark_read, name="notifications-mark-read"),
    path("<int:pk>/", views.notification_open, name="notifications-open"),
]
