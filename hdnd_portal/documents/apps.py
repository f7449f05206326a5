from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Official documents: the register of numbers and the PDF engine (Decree 30/2020)."""

    name = "hdnd_portal.documents"
    label = "documents"
    verbose_name = "Văn bản"
    url_prefix = "documents/"

    def ready(self):
        from hdnd_portal.core.navigation import NavItem, register_nav
        from hdnd_portal.core.permissions import register_policy
        from hdnd_portal.documents.policies import DOCUMENT_REGISTER, DOCUMENTS_ROLES

        register_policy(DOCUMENT_REGISTER, **DOCUMENTS_ROLES)
        register_nav(
            NavItem(
                "Văn bản",
                "Sổ văn bản",
                "documents-documentregister-list",
                DOCUMENT_REGISTER,
                icon="journal-text",
                order=600,
            )
        )
        from hdnd_portal.core.demo import register_demo_loader
        from hdnd_portal.documents.demo import load_demo

        # After every app's data (dashboard 90): one issued record and some ready per kind.
        register_demo_loader("documents", 95, load_demo)
