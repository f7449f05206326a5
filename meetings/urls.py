from meetings.preparation_urls import urlpatterns

__all__ = ["urlpatterns"]
