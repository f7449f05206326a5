from petitions.views import urlpatterns_for_views

urlpatterns = urlpatterns_for_views()
