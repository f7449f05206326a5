from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Official documents: the register of numbers and the PDF engine (Decree 30/2020)."""

    name = "hdnd_portal.documents"
    label = "documents"
    verbose_name = "Văn bản"
