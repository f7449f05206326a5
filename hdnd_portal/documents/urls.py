from django.urls import path

from hdnd_portal.documents import views

urlpatterns = [
    path("print/<str:kind>/<int:pk>/", views.print_document, name="documents-print"),
    *views.register.urls(),
    path("register/<int:pk>/sign/", views.register_sign, name="documents-register-sign"),
    path(
        "register/<int:pk>/signature/check/",
        views.register_signature_check,
        name="documents-register-signature-check",
    ),
    path("register/<int:pk>/send/", views.register_send, name="documents-register-send"),
    path("received/", views.dispatch_list, name="documents-dispatch-list"),
    path("received/<int:pk>/pdf/", views.dispatch_pdf, name="documents-dispatch-pdf"),
]
