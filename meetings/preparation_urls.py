"""URLs of the preparation part of the meetings app (included by meetings/urls.py)."""

urlpatterns: list = []
