from supervision.confidence_urls import urlpatterns

__all__ = ["urlpatterns"]
