from hdnd_portal.documents import views

urlpatterns = views.register.urls()
