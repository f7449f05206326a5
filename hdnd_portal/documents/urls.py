from django.urls import path

from hdnd_portal.documents import views

urlpatterns = [
    path("print/<str:kind>/<int:pk>/", views.print_document, name="documents-print"),
    *views.register.urls(),
]
