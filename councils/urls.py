from django.urls import path

from councils import views

urlpatterns = [
    path("switch/", views.switch_council, name="councils-switch"),
    path("me/", views.my_profile, name="councils-my-profile"),
]
for resource in views.RESOURCES:
    urlpatterns += resource.urls()
