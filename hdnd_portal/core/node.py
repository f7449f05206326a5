"""Which node answered: an ``X-Node`` header when ``NODE_NAME`` is set (several web nodes)."""

from django.conf import settings


class NodeNameMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.name = settings.NODE_NAME

    def __call__(self, request):
        response = self.get_response(request)
        if self.name:
            response["X-Node"] = self.name
        return response
