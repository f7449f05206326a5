"""URLs of the confidence-vote part of the supervision app (included by supervision/urls.py)."""

urlpatterns: list = []
